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

/// The spending paid within its budget year and by the Spring Festival after it.
pub struct Timeliness {
    /// The first and last budget years the payments were judged by.
    pub years: (u16, u16),
    pub in_year: Decimal,
    /// `None` when the festival of a year is not known.
    pub by_festival: Option<Decimal>,
    pub total: Decimal,
}

/// Shares of the spending paid in the budget year and by the Spring Festival after it; each
/// line's payments against its own 年度 where the budget gives one. With the first and last
/// budget years the payments were judged by.
pub fn timeliness(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    rules: &CheckRules,
) -> Option<Timeliness> {
    let fund_year = fiscal_year(ledger, targets, rules);
    let spending = ledger
        .rows
        .iter()
        .zip(&recon.postings)
        .filter_map(|(r, (flow, a))| match (flow, a) {
            (Some(Flow::Spending), Assignment::Line(i)) => Some((r, *i)),
            _ => None,
        });
    // A payment is judged by its line's 年度, else the fund's year; a payment with neither
    // leaves the shares unknown rather than judged by a year it is not of.
    let line_year = |i: u32| {
        usize::try_from(i)
            .ok()
            .and_then(|i| targets.budget.lines.get(i))
            .and_then(|l| l.year)
            .or(fund_year)
    };
    let (mut total, mut in_year, mut by_festival) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    // A festival unknown for any line's year leaves the share unknown, not partly counted.
    let mut festival_known = true;
    // The first and last budget years the payments were judged by.
    let mut years: Option<(u16, u16)> = None;
    for (r, i) in spending {
        let amount = r.debit() - r.credit();
        let year = line_year(i)?;
        years = Some(years.map_or((year, year), |(a, b)| (a.min(year), b.max(year))));
        total += amount;
        if r.date.is_none_or(|d| d.year <= year) {
            in_year += amount;
        }
        match spring_festival(year + 1) {
            Some(f) if r.date.is_none_or(|d| d <= f) => by_festival += amount,
            Some(_) => {}
            None => festival_known = false,
        }
    }
    let years = years.or_else(|| fund_year.map(|y| (y, y)))?;
    if spring_festival(years.0 + 1).is_none() {
        festival_known = false;
    }
    Some(Timeliness {
        years,
        in_year,
        by_festival: festival_known.then_some(by_festival),
        total,
    })
}
