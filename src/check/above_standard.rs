//! 超标准发放: a person paid more on a line than its per-person standard (补助标准, `3000元/人`),
//! or, for a line of bulk payments, an average above it.

use rust_decimal::Decimal;

use super::{Context, Finding, FindingKind, Line, standard};
use crate::money;
use crate::read::ledger::LedgerRow;

/// Above the line's per-person standard: each person's total, or for a line of bulk payments
/// the average over the people it states.
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, lang) = (l.line, l.rows, cx.lang);
    let Some(limit) = standard(&line.standard) else {
        return Vec::new();
    };
    if let Some(people) = line.stated_beneficiaries {
        let spent: Decimal = rows.iter().map(|r| r.debit() - r.credit()).sum();
        return money::ratio(spent, Decimal::from(people))
            .filter(|each| *each > limit)
            .map(|each| {
                Finding {
                kind: FindingKind::AboveStandard,
                amount: spent - limit * Decimal::from(people),
                sentence: lang.pick(format!(
                    "预算子项“{}”按{people}人计人均{}元，超过补助标准{}",
                    line.name,
                    money::fmt_yuan_grouped(each),
                    line.standard
                ), format!(
                    "budget line “{}”: {} yuan a person for {people} people, above the standard {}",
                    line.name,
                    money::fmt_yuan_grouped(each),
                    line.standard
                )),
                evidence: rows.iter().map(|r| r.amount_at()).collect(),
            }
            })
            .into_iter()
            .collect();
    }
    // Only the payees' findings are put in the payees' order: sorting a line's hundred thousand
    // payees to find a handful of findings would be most of the work.
    let mut found: Vec<(&str, Finding)> = Vec::new();
    for (payee, indices) in l.by_payee.iter() {
        let paid: Vec<&LedgerRow> = indices
            .iter()
            .filter_map(|i| rows.get(*i as usize).copied())
            .collect();
        let total: Decimal = paid.iter().map(|r| r.debit() - r.credit()).sum();
        if total > limit {
            found.push((payee, Finding {
                kind: FindingKind::AboveStandard,
                amount: total - limit,
                sentence: lang.pick(
                    format!(
                        "预算子项“{}”向{payee}共发放{}元，超过补助标准{}",
                        line.name,
                        money::fmt_yuan_grouped(total),
                        line.standard
                    ),
                    format!(
                        "budget line “{}”: {payee} was paid {} yuan in all, above the standard {}",
                        line.name,
                        money::fmt_yuan_grouped(total),
                        line.standard
                    ),
                ),
                evidence: paid.iter().map(|r| r.amount_at()).collect(),
            }));
        }
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, f)| f).collect()
}
