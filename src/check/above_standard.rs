//! 超标准发放: a person paid more on a line than its per-person standard (补助标准, `3000元/人`),
//! or, for a line of bulk payments, an average above it.

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind, Line, standard};
use crate::glossary::{Noun, count};
use crate::lang::Lang;
use crate::money;
use crate::read::ledger::LedgerRow;

/// Above the line's per-person standard: each person's total, or for a line of bulk payments
/// the average over the people it states.
pub fn check(_: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows) = (l.line, l.rows);
    let Some(limit) = standard(&line.standard) else {
        return Vec::new();
    };
    let above = |who: Who, paid: Decimal| AboveStandard {
        line: line.name.clone(),
        who,
        paid,
        standard: line.standard.clone(),
    };
    if let Some(people) = line.stated_beneficiaries {
        let spent: Decimal = rows.iter().map(|r| r.debit() - r.credit()).sum();
        return money::ratio(spent, Decimal::from(people))
            .filter(|each| *each > limit)
            .map(|each| {
                Finding::new(
                    FindingKind::AboveStandard,
                    spent - limit * Decimal::from(people),
                    above(Who::Average { people }, each),
                    rows.iter().map(|r| r.amount_at()).collect(),
                )
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
            found.push((
                payee,
                Finding::new(
                    FindingKind::AboveStandard,
                    total - limit,
                    above(Who::Payee(payee.to_string()), total),
                    paid.iter().map(|r| r.amount_at()).collect(),
                ),
            ));
        }
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, f)| f).collect()
}

/// Who was paid above the standard.
#[derive(Debug)]
enum Who {
    /// One person, in all.
    Payee(String),
    /// The people a line of bulk payments states, on average.
    Average { people: u32 },
}

/// A payee paid, or a line's people paid on average, above the line's standard.
#[derive(Debug)]
struct AboveStandard {
    line: String,
    who: Who,
    paid: Decimal,
    /// The standard as written (`3000元/人`).
    standard: String,
}

impl Fact for AboveStandard {
    fn say(&self, lang: Lang) -> String {
        let (line, standard) = (&self.line, &self.standard);
        let paid = money::fmt_yuan_grouped(self.paid);
        match (&self.who, lang) {
            (Who::Payee(payee), Lang::Zh) => {
                format!("预算子项“{line}”向{payee}共发放{paid}元，超过补助标准{standard}")
            }
            (Who::Payee(payee), Lang::En) => format!(
                "budget line “{line}”: {payee} was paid {paid} yuan in all, above the standard {standard}"
            ),
            (Who::Average { people }, Lang::Zh) => {
                format!("预算子项“{line}”按{people}人计人均{paid}元，超过补助标准{standard}")
            }
            (Who::Average { people }, Lang::En) => format!(
                "budget line “{line}”: {paid} yuan a person for {}, above the standard {standard}",
                count(lang, *people as usize, Noun::Person)
            ),
        }
    }
}
