//! 疑似重复支付: the same payee, amount and account on one line within `[checks]
//! duplicate_days` days.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind, Hasher, Line, on_a_schedule, where_paid};
use crate::lang::Lang;
use crate::money;
use crate::read::ledger::LedgerRow;
use crate::read::text::{TextId, Texts};

/// The same payee, amount and account on one line within `days` days: a double entry or a
/// double payment. People who share a name are told apart by their accounts.
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, by_payee) = (l.line.name.as_str(), l.rows, &l.by_payee);
    let (t, days) = (cx.texts(), cx.rules.duplicate_days);
    // Within each payee's payments, in ledger order; the findings then in the order of their
    // first payment, as a scan of the line from the top gives them.
    // A payee paid many times (a 代发 account) is split further by amount and account, so that
    // only payments that could be twins are compared.
    let mut found: Vec<(usize, Finding)> = Vec::new();
    let mut alike: Vec<Vec<usize>> = Vec::new();
    for (_, indices) in by_payee.iter().filter(|(_, g)| g.len() > 1) {
        let mut by_amount: HashMap<(Decimal, TextId, TextId), Vec<usize>, Hasher> =
            HashMap::default();
        for i in indices.iter().map(|i| *i as usize) {
            if let Some(a) = rows.get(i).filter(|a| a.debit() > Decimal::ZERO) {
                by_amount
                    .entry((a.debit(), a.account_code, a.account_name))
                    .or_default()
                    .push(i);
            }
        }
        alike.extend(by_amount.into_values().filter(|g| {
            let paid: Vec<&LedgerRow> = g.iter().filter_map(|i| rows.get(*i).copied()).collect();
            g.len() > 1 && !on_a_schedule(&paid, t)
        }));
    }
    // A payment's twin is the first later one within `days` (or without a date). Walking each
    // group from its end, the later payments seen so far are kept by day, each day with its
    // earliest: a payment looks only at the days of its window, however many payments the
    // group holds.
    for indices in &alike {
        let mut by_day: BTreeMap<i64, usize> = BTreeMap::new();
        let mut undated: Option<usize> = None;
        let mut earliest: Option<usize> = None;
        for i in indices.iter().rev() {
            let Some(a) = rows.get(*i) else { continue };
            let day = a.date.map(|d| d.days_since_epoch());
            let in_window = day.and_then(|d| {
                by_day
                    .range(d.saturating_sub(days)..=d.saturating_add(days))
                    .map(|(_, j)| *j)
                    .min()
            });
            let twin = match day {
                Some(_) => [in_window, undated].into_iter().flatten().min(),
                None => earliest,
            };
            if let Some(b) = twin.and_then(|j| rows.get(j)) {
                found.push((*i, duplicate(line, a, b, t, days)));
            }
            match day {
                Some(d) => {
                    by_day.insert(d, *i);
                }
                None => undated = Some(*i),
            }
            earliest = Some(*i);
        }
    }
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, f)| f).collect()
}

/// Payment `b` a suspected duplicate of `a`.
fn duplicate(line: &str, a: &LedgerRow, b: &LedgerRow, t: &Texts, days: i64) -> Finding {
    Finding::new(
        FindingKind::Duplicate,
        b.debit(),
        Duplicate {
            line: line.to_string(),
            payee: t[a.payee].to_string(),
            amount: a.debit(),
            days,
            first: where_paid(a, t),
            again: where_paid(b, t),
        },
        vec![a.amount_at(), b.amount_at()],
    )
}

/// The same payment to the same payee twice within a few days.
#[derive(Debug)]
struct Duplicate {
    line: String,
    payee: String,
    amount: Decimal,
    days: i64,
    first: String,
    again: String,
}

impl Fact for Duplicate {
    fn say(&self, lang: Lang) -> String {
        let Duplicate {
            line,
            payee,
            days,
            first,
            again,
            ..
        } = self;
        let amount = money::fmt_yuan_grouped(self.amount);
        match lang {
            Lang::Zh => format!(
                "预算子项“{line}”向{payee}支付的{amount}元在{days}天内出现两次（{first}、{again}），疑似重复支付"
            ),
            Lang::En => format!(
                "budget line “{line}”: {payee} was paid {amount} yuan twice within {days} days ({first}, {again}), a suspected duplicate"
            ),
        }
    }
}
