//! 银行收支未入账 and 账面收支无银行流水: the bank statement set beside the ledger. Both kinds come
//! of one matching of bank items to vouchers, so they are one check.

use std::collections::{BTreeMap, HashMap, VecDeque};

use rust_decimal::Decimal;

use super::{CheckRules, Finding, FindingKind, Hasher};
use crate::date::Date;
use crate::lang::Lang;
use crate::money;
use crate::read::bank::{BankItem, BankStatement};
use crate::read::ledger::{Ledger, LedgerRow};
use crate::read::text::TextId;
use crate::reconcile::{Flow, Reconciliation};

/// One voucher's movement of the fund's money through the bank, as the ledger records it.
struct Movement<'a> {
    date: Option<Date>,
    voucher: &'a str,
    out: Decimal,
    into: Decimal,
    /// The voucher's postings, as indices into the ledger's rows: 4 bytes a posting, where its
    /// payee and its cell (24 bytes) made the bank's matching state of a million postings 30 MB
    /// larger.
    rows: Vec<u32>,
}

/// Sets the bank statement beside the ledger: every bank item should be a voucher's payment or
/// arrival (same amount, within `bank_days` days, the payee preferred), and every voucher not paid
/// in cash should be a bank item. What is left on either side is a finding.
pub fn bank(
    ledger: &Ledger,
    recon: &Reconciliation,
    statement: &BankStatement,
    rules: &CheckRules,
    lang: Lang,
) -> Vec<Finding> {
    let t = &ledger.texts;
    let mut movements: Vec<Movement> = Vec::new();
    let mut by_voucher: HashMap<(Option<Date>, TextId), usize, Hasher> = HashMap::default();
    // A posting's row number fits in 4 bytes: a sheet has at most 2^20 rows, and a ledger's
    // files would need four billion postings between them to overflow it.
    for (index, (row, (flow, _))) in ledger.rows.iter().zip(&recon.postings).enumerate() {
        let Some(flow) = flow else { continue };
        let summary = row.summary(t);
        if rules
            .cash_words
            .iter()
            .any(|w| summary.contains(w.as_str()) || t[row.account_name].contains(w.as_str()))
        {
            continue;
        }
        let existing = (!row.voucher.is_empty())
            .then(|| by_voucher.get(&(row.date, row.voucher)).copied())
            .flatten();
        let m = match existing.and_then(|i| movements.get_mut(i)) {
            Some(m) => m,
            None => {
                if !row.voucher.is_empty() {
                    by_voucher.insert((row.date, row.voucher), movements.len());
                }
                movements.push(Movement {
                    date: row.date,
                    voucher: &t[row.voucher],
                    out: Decimal::ZERO,
                    into: Decimal::ZERO,
                    rows: Vec::new(),
                });
                match movements.last_mut() {
                    Some(m) => m,
                    None => continue,
                }
            }
        };
        match flow {
            Flow::Spending => m.out += row.debit() - row.credit(),
            Flow::Arrival => m.into += row.credit() - row.debit(),
        }
        if let Ok(index) = u32::try_from(index) {
            m.rows.push(index);
        }
    }
    let mut matched = vec![false; movements.len()];
    // The movements not yet matched, by the net money they moved and then by day, each day's in
    // ledger order: a bank item looks only at its equals within its window of days, and a
    // matched movement leaves its day. (A million postings pay the same grant thousands of
    // times; looking at every equal of every item took 44 s.) An undated movement is never
    // within a window.
    let mut open: HashMap<Decimal, BTreeMap<i64, Vec<usize>>, Hasher> = HashMap::default();
    for (i, m) in movements.iter().enumerate() {
        if let Some(d) = m.date {
            open.entry(m.into - m.out)
                .or_default()
                .entry(d.days_since_epoch())
                .or_default()
                .push(i);
        }
    }
    // The movements of a money and day that a counterparty is the payee of, in ledger order,
    // found the first time that counterparty is looked for there: a day of a thousand equal
    // grants, or of a batch's payment naming hundreds of payees, is searched once per
    // counterparty, not once per bank item. Movements matched since are skipped when met.
    let mut paid_to_on: HashMap<(Decimal, i64, &str), VecDeque<usize>, Hasher> = HashMap::default();
    let mut findings = Vec::new();
    let mut items: Vec<&BankItem> = statement.items.iter().collect();
    items.sort_by_key(|i| i.date);
    for item in items {
        let paid_to = |m: &Movement| {
            !item.counterparty.is_empty()
                && m.rows
                    .iter()
                    .filter_map(|r| ledger.rows.get(*r as usize))
                    .filter(|row| !row.payee.is_empty())
                    .any(|row| {
                        let p = &t[row.payee];
                        item.counterparty.contains(p) || p.contains(item.counterparty.as_str())
                    })
        };
        let day = item.date.days_since_epoch();
        let net = item.into - item.out;
        let window = day.saturating_sub(rules.bank_days)..=day.saturating_add(rules.bank_days);
        // The nearest day first; between the movements that near, the payee's own, then the
        // earliest in the ledger. Whose a movement is is asked only when there is a choice: a
        // batch's movement names hundreds of payees.
        // A negative window (the library's caller can set one; a rules file cannot) holds no day.
        let nearest = open
            .get(&net)
            .filter(|_| rules.bank_days >= 0)
            .and_then(|by_day| {
                let apart = by_day.range(window).map(|(d, _)| (d - day).abs()).min()?;
                let days = if apart == 0 {
                    vec![day]
                } else {
                    vec![day - apart, day + apart]
                };
                let lists: Vec<(i64, &Vec<usize>)> = days
                    .into_iter()
                    .filter_map(|d| Some((d, by_day.get(&d)?)))
                    .collect();
                // (movement, its day, its place in the day)
                let each = || {
                    lists.iter().flat_map(|(d, list)| {
                        list.iter().enumerate().map(move |(at, i)| (*i, *d, at))
                    })
                };
                if each().nth(1).is_none() {
                    return each().next();
                }
                let to_payee = lists
                    .iter()
                    .filter_map(|(d, list)| {
                        let waiting = paid_to_on
                            .entry((net, *d, item.counterparty.as_str()))
                            .or_insert_with(|| {
                                list.iter()
                                    .copied()
                                    .filter(|i| movements.get(*i).is_some_and(paid_to))
                                    .collect()
                            });
                        while waiting
                            .front()
                            .is_some_and(|i| matched.get(*i) != Some(&false))
                        {
                            waiting.pop_front();
                        }
                        let i = *waiting.front()?;
                        Some((i, *d, list.binary_search(&i).ok()?))
                    })
                    .min();
                to_payee.or_else(|| each().min())
            });
        let candidate = nearest.map(|(i, d, at)| {
            if let Some(by_day) = open.get_mut(&net)
                && let Some(list) = by_day.get_mut(&d)
            {
                list.remove(at);
                if list.is_empty() {
                    by_day.remove(&d);
                }
            }
            i
        });
        match candidate {
            Some(i) => {
                if let Some(slot) = matched.get_mut(i) {
                    *slot = true;
                }
            }
            None => {
                let (what, amount) = if item.into > Decimal::ZERO {
                    (lang.pick("收入", "money in"), item.into)
                } else {
                    (lang.pick("支出", "money out"), item.out)
                };
                findings.push(Finding {
                    kind: FindingKind::BankUnbooked,
                    amount,
                    sentence: lang.pick(format!(
                        "银行对账单{}{what}{}元（{}{}）在账上没有对应记录，未及时入账",
                        item.date,
                        money::fmt_yuan_grouped(amount),
                        item.counterparty,
                        if item.summary.is_empty() {
                            String::new()
                        } else {
                            format!("{}{}", lang.pick("，", ", "), item.summary_in(lang))
                        }
                    ), format!(
                        "the bank statement shows on {} {what} of {} yuan ({}{}) that the ledger never booked",
                        item.date,
                        money::fmt_yuan_grouped(amount),
                        item.counterparty,
                        if item.summary.is_empty() {
                            String::new()
                        } else {
                            format!("{}{}", lang.pick("，", ", "), item.summary_in(lang))
                        }
                    )),
                    evidence: vec![item.at.at_col(item.amount_col)],
                });
            }
        }
    }
    // A voucher whose postings cancel out (a payment and its reversal) moved no money.
    for (m, _) in movements
        .iter()
        .zip(&matched)
        .filter(|(m, done)| !**done && m.into != m.out)
    {
        let net = m.into - m.out;
        let (what, amount) = if net > Decimal::ZERO {
            (lang.pick("收到", "received"), net)
        } else {
            (lang.pick("支付", "paid"), -net)
        };
        let date = m.date.map(|d| d.to_string()).unwrap_or_default();
        findings.push(Finding {
            kind: FindingKind::NotInBank,
            amount,
            sentence: lang.pick(
                format!(
                    "{date} {}{what}{}元在银行对账单中没有对应流水",
                    m.voucher,
                    money::fmt_yuan_grouped(amount)
                ),
                format!(
                    "{date} {}: {what} of {} yuan is not on the bank statement",
                    m.voucher,
                    money::fmt_yuan_grouped(amount)
                ),
            ),
            evidence: m
                .rows
                .iter()
                .filter_map(|r| ledger.rows.get(*r as usize))
                .map(LedgerRow::amount_at)
                .collect(),
        });
    }
    // A bank kind switched off in `[checks] disable` is not reported, as any other kind.
    findings.retain(|f| !rules.disabled.contains(&f.kind));
    findings
}
