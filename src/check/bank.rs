//! 银行收支未入账 and 账面收支无银行流水: the bank statement set beside the ledger. Both kinds come
//! of one matching of bank items to vouchers, so they are one check.

use std::collections::{BTreeMap, HashMap, VecDeque};

use rust_decimal::Decimal;

use super::{CheckRules, Fact, Finding, FindingKind, Hasher};
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
) -> Vec<Finding> {
    let movements = movements(ledger, recon, rules);
    let mut matching = Matching::new(ledger, &movements, rules.bank_days);
    let mut findings = Vec::new();
    let mut items: Vec<&BankItem> = statement.items.iter().collect();
    items.sort_by_key(|i| i.date);
    for item in items {
        if matching.take(item).is_some() {
            continue;
        }
        let (into, amount) = if item.into > Decimal::ZERO {
            (true, item.into)
        } else {
            (false, item.out)
        };
        findings.push(Finding::new(
            FindingKind::BankUnbooked,
            amount,
            Unbooked {
                date: item.date,
                into,
                amount,
                counterparty: item.counterparty.clone(),
                summary: item.summary.clone(),
            },
            vec![item.at.at_col(item.amount_col)],
        ));
    }
    // A voucher whose postings cancel out (a payment and its reversal) moved no money.
    for (m, _) in movements
        .iter()
        .zip(&matching.matched)
        .filter(|(m, done)| !**done && m.into != m.out)
    {
        let net = m.into - m.out;
        findings.push(Finding::new(
            FindingKind::NotInBank,
            net.abs(),
            NotInBank {
                date: m.date.map(|d| d.to_string()).unwrap_or_default(),
                voucher: m.voucher.to_string(),
                received: net > Decimal::ZERO,
                amount: net.abs(),
            },
            m.rows
                .iter()
                .filter_map(|r| ledger.rows.get(*r as usize))
                .map(LedgerRow::amount_at)
                .collect(),
        ));
    }
    // A bank kind switched off in `[checks] disable` is not reported, as any other kind.
    findings.retain(|f| !rules.disabled.contains(&f.kind));
    findings
}

/// The fund's money each voucher moved through the bank: its postings on the fund's accounts,
/// less those paid in cash.
fn movements<'a>(
    ledger: &'a Ledger,
    recon: &Reconciliation,
    rules: &CheckRules,
) -> Vec<Movement<'a>> {
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
    movements
}

/// Bank items matched to the vouchers' movements, one at a time in date order.
struct Matching<'a> {
    ledger: &'a Ledger,
    movements: &'a [Movement<'a>],
    bank_days: i64,
    /// Which movements a bank item has taken.
    matched: Vec<bool>,
    /// The movements not yet matched, by the net money they moved and then by day, each day's
    /// in ledger order: a bank item looks only at its equals within its window of days, and a
    /// matched movement leaves its day. (A million postings pay the same grant thousands of
    /// times; looking at every equal of every item took 44 s.) An undated movement is never
    /// within a window.
    open: HashMap<Decimal, BTreeMap<i64, Vec<usize>>, Hasher>,
    /// The movements of a money and day that a counterparty is the payee of, in ledger order,
    /// found the first time that counterparty is looked for there: a day of a thousand equal
    /// grants, or of a batch's payment naming hundreds of payees, is searched once per
    /// counterparty, not once per bank item. Movements matched since are skipped when met.
    paid_to_on: HashMap<(Decimal, i64, String), VecDeque<usize>, Hasher>,
}

impl<'a> Matching<'a> {
    fn new(ledger: &'a Ledger, movements: &'a [Movement<'a>], bank_days: i64) -> Self {
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
        Matching {
            ledger,
            movements,
            bank_days,
            matched: vec![false; movements.len()],
            open,
            paid_to_on: HashMap::default(),
        }
    }

    /// The movement `item` is, taken from those still open: the nearest day first; between the
    /// movements that near, the payee's own, then the earliest in the ledger.
    fn take(&mut self, item: &BankItem) -> Option<usize> {
        let net = item.into - item.out;
        let (i, d, at) = self.nearest(item)?;
        if let Some(by_day) = self.open.get_mut(&net)
            && let Some(list) = by_day.get_mut(&d)
        {
            list.remove(at);
            if list.is_empty() {
                by_day.remove(&d);
            }
        }
        if let Some(slot) = self.matched.get_mut(i) {
            *slot = true;
        }
        Some(i)
    }

    /// (movement, its day, its place in the day) of the movement `item` matches. Whose a
    /// movement is is asked only when there is a choice: a batch's movement names hundreds of
    /// payees. A negative window (the library's caller can set one; a rules file cannot) holds
    /// no day.
    fn nearest(&mut self, item: &BankItem) -> Option<(usize, i64, usize)> {
        let day = item.date.days_since_epoch();
        let net = item.into - item.out;
        let window = day.saturating_sub(self.bank_days)..=day.saturating_add(self.bank_days);
        let by_day = self.open.get(&net).filter(|_| self.bank_days >= 0)?;
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
        let each = || {
            lists
                .iter()
                .flat_map(|(d, list)| list.iter().enumerate().map(move |(at, i)| (*i, *d, at)))
        };
        if each().nth(1).is_none() {
            return each().next();
        }
        let (ledger, movements, matched) = (self.ledger, self.movements, &self.matched);
        let to_payee = lists
            .iter()
            .filter_map(|(d, list)| {
                let waiting = self
                    .paid_to_on
                    .entry((net, *d, item.counterparty.clone()))
                    .or_insert_with(|| {
                        list.iter()
                            .copied()
                            .filter(|i| movements.get(*i).is_some_and(|m| paid_to(ledger, m, item)))
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
    }
}

/// Whether the bank item's counterparty is a payee of the movement.
fn paid_to(ledger: &Ledger, m: &Movement, item: &BankItem) -> bool {
    let t = &ledger.texts;
    !item.counterparty.is_empty()
        && m.rows
            .iter()
            .filter_map(|r| ledger.rows.get(*r as usize))
            .filter(|row| !row.payee.is_empty())
            .any(|row| {
                let p = &t[row.payee];
                item.counterparty.contains(p) || p.contains(item.counterparty.as_str())
            })
}

/// Money the bank moved that the ledger does not record.
#[derive(Debug)]
struct Unbooked {
    date: Date,
    /// Money into the account; else out of it.
    into: bool,
    amount: Decimal,
    counterparty: String,
    /// The item's 摘要 and 用途.
    summary: Vec<String>,
}

impl Fact for Unbooked {
    fn say(&self, lang: Lang) -> String {
        let (date, counterparty) = (&self.date, &self.counterparty);
        let amount = money::fmt_yuan_grouped(self.amount);
        let summary = if self.summary.is_empty() {
            String::new()
        } else {
            format!(
                "{}{}",
                lang.pick("，", ", "),
                self.summary.join(lang.pick("／", " / "))
            )
        };
        match lang {
            Lang::Zh => {
                let what = if self.into { "收入" } else { "支出" };
                format!(
                    "银行对账单{date}{what}{amount}元（{counterparty}{summary}）在账上没有对应记录，未及时入账"
                )
            }
            Lang::En => {
                let what = if self.into { "money in" } else { "money out" };
                format!(
                    "the bank statement shows on {date} {what} of {amount} yuan ({counterparty}{summary}) that the ledger never booked"
                )
            }
        }
    }
}

/// A voucher's movement of money the bank statement does not show.
#[derive(Debug)]
struct NotInBank {
    date: String,
    voucher: String,
    /// Money received; else paid.
    received: bool,
    amount: Decimal,
}

impl Fact for NotInBank {
    fn say(&self, lang: Lang) -> String {
        let (date, voucher) = (&self.date, &self.voucher);
        let amount = money::fmt_yuan_grouped(self.amount);
        match lang {
            Lang::Zh => {
                let what = if self.received { "收到" } else { "支付" };
                format!("{date} {voucher}{what}{amount}元在银行对账单中没有对应流水")
            }
            Lang::En => {
                let what = if self.received { "received" } else { "paid" };
                format!("{date} {voucher}: {what} of {amount} yuan is not on the bank statement")
            }
        }
    }
}
