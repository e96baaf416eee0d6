//! The shares of the spending paid within the budget year and by the Spring Festival after it:
//! not findings, but figures the checks' view of the dates yields for the measures.

use rust_decimal::Decimal;

use super::{CheckRules, fiscal_year};
use crate::date::Date;
use crate::read::ledger::Ledger;
use crate::read::targets::Targets;
use crate::reconcile::{Assignment, Flow, Reconciliation};

/// 春节 (the Spring Festival) by year: the report's concern is that help clusters around it.
const SPRING_FESTIVAL: &[(u16, u8, u8)] = &[
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
];

pub fn spring_festival(year: u16) -> Option<Date> {
    SPRING_FESTIVAL
        .iter()
        .find(|(y, ..)| *y == year)
        .and_then(|(y, m, d)| Date::new(*y, *m, *d))
}

/// Shares of the spending paid in the budget year and by the Spring Festival after it.
pub fn timeliness(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    rules: &CheckRules,
) -> Option<(u16, Decimal, Option<Decimal>, Decimal)> {
    let year = fiscal_year(ledger, targets, rules)?;
    let spending = ledger
        .rows
        .iter()
        .zip(&recon.postings)
        .filter(|(_, (flow, a))| *flow == Some(Flow::Spending) && matches!(a, Assignment::Line(_)))
        .map(|(r, _)| r);
    let festival = spring_festival(year + 1);
    let (mut total, mut in_year, mut by_festival) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for r in spending {
        let amount = r.debit() - r.credit();
        total += amount;
        if r.date.is_none_or(|d| d.year <= year) {
            in_year += amount;
        }
        if let Some(f) = festival
            && r.date.is_none_or(|d| d <= f)
        {
            by_festival += amount;
        }
    }
    Some((year, in_year, festival.map(|_| by_festival), total))
}
