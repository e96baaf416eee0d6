//! 重复发放: a person paid twice on one line for the same kind of payment.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Context, Finding, FindingKind, Line, is_bulk, kind_of_payment, where_paid};
use crate::money;
use crate::read::ledger::LedgerRow;

/// A person paid twice on one line for the same kind of payment (the 摘要 less the name).
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, lang, t) = (l.line, l.rows, cx.lang, cx.texts());
    if is_bulk(line) {
        return Vec::new();
    }
    let mut found: Vec<(&str, Finding)> = Vec::new();
    for (payee, indices) in l.by_payee.iter() {
        let paid: Vec<&LedgerRow> = indices
            .iter()
            .filter_map(|i| rows.get(*i as usize).copied())
            .filter(|r| r.debit() > Decimal::ZERO)
            .collect();
        // One payment cannot be paid twice; naming the kind of payment is the costly part.
        if paid.len() < 2 {
            continue;
        }
        let mut seen: BTreeMap<String, &LedgerRow> = BTreeMap::new();
        for r in paid {
            let kind = kind_of_payment(r, t);
            if let Some(first) = seen.get(&kind) {
                found.push((payee, Finding {
                    kind: FindingKind::PaidTwice,
                    amount: r.debit(),
                    sentence: lang.pick(format!(
                        "预算子项“{}”向{payee}重复发放“{kind}”：{}已付{}元，{}又付{}元",
                        line.name,
                        where_paid(first, t),
                        money::fmt_yuan_grouped(first.debit()),
                        where_paid(r, t),
                        money::fmt_yuan_grouped(r.debit())
                    ), format!(
                        "budget line “{}”: {payee} was paid “{kind}” twice: on {} {} yuan, on {} {} yuan again",
                        line.name,
                        where_paid(first, t),
                        money::fmt_yuan_grouped(first.debit()),
                        where_paid(r, t),
                        money::fmt_yuan_grouped(r.debit())
                    )),
                    evidence: vec![first.amount_at(), r.amount_at()],
                }));
            } else {
                seen.insert(kind, r);
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, f)| f).collect()
}
