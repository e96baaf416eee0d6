//! Each budget part's and line's money and rates (`part.劳模帮扶.execution_rate`,
//! `line.金秋助学（市级资金）.spent`): the reconciliation table's own figures, for rules that score a
//! part or a line ("三类补助各占1/3").
//!
//! Made only for the names the rules read (an indicator's measure, a measure of the file, a
//! target's actual value): a fund of fifty lines would otherwise list three hundred measures in
//! every output for none to use.

use rust_decimal::Decimal;

use super::{Measure, Measures, Unit};
use crate::glossary::Term;
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::reconcile::Reconciliation;
use crate::rules::Rules;

/// The money of a part, a line or a budget year.
pub(super) struct Money<'a> {
    pub planned: Decimal,
    pub arrived: Decimal,
    pub spent: Decimal,
    pub at: &'a CellRef,
}

/// The names the rules read; a target's actual value written for every year
/// (`count.受益人数.{年度}`) is read once per year of the declarations.
pub(super) fn read_by(rules: &Rules, years: &[u16]) -> Vec<String> {
    let indicators = rules
        .tree
        .iter()
        .flat_map(|l| &l.children)
        .flat_map(|g| &g.children)
        .filter_map(|i| i.measure.as_deref());
    let of_parts = rules
        .tree
        .iter()
        .flat_map(|l| &l.children)
        .flat_map(|g| &g.children)
        .flat_map(|i| i.parts.iter().map(|p| p.measure.as_str()));
    let derived = rules.derived.iter().flat_map(|d| d.formula.operands());
    let actuals = rules
        .target_actuals
        .iter()
        .flat_map(|(_, m)| match m.contains(EVERY_YEAR) {
            true => years.iter().map(|y| each_year(m, *y)).collect(),
            false => vec![m.clone()],
        });
    indicators
        .chain(of_parts)
        .chain(derived)
        .map(str::to_string)
        .chain(actuals)
        .collect()
}

/// In a target's actual value, the declaration's year: `count.受益人数.{年度}`.
pub const EVERY_YEAR: &str = "{年度}";

/// The name for one year.
pub fn each_year(name: &str, year: u16) -> String {
    name.replace(EVERY_YEAR, &year.to_string())
}

pub(super) fn part_measures(
    recon: &Reconciliation,
    rules: &Rules,
    years: &[u16],
    m: &mut Measures,
) {
    let lang = rules.lang;
    for name in read_by(rules, years) {
        let Some((family, rest)) = name.split_once('.') else {
            continue;
        };
        let Some((whose, what)) = rest.rsplit_once('.') else {
            continue;
        };
        let money = match family {
            "part" => recon
                .groups
                .iter()
                .find(|g| normalize(&g.name) == whose)
                .map(|g| Money {
                    planned: g.planned,
                    arrived: g.arrived,
                    spent: g.spent,
                    at: &g.at,
                }),
            "line" => line_money(recon, whose),
            _ => continue,
        };
        let Some(money) = money else { continue };
        if let Some(measure) = measure_of(&money, whose, what, lang) {
            m.insert(name.clone(), measure);
        }
    }
}

/// A line's money: `生活救助金` is every line of that name added up (one per budget year, in a
/// fund over several years), `生活救助金.2022` the one of that 年度.
fn line_money<'a>(recon: &'a Reconciliation, whose: &str) -> Option<Money<'a>> {
    let (name, year) = match whose.rsplit_once('.') {
        Some((name, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => {
            (name, y.parse::<u16>().ok())
        }
        _ => (whose, None),
    };
    Money::of_lines(
        recon
            .lines
            .iter()
            .filter(|l| normalize(&l.name) == name && (year.is_none() || l.year == year)),
    )
}

impl<'a> Money<'a> {
    /// Lines' money added up, at the first one's cell; `None` for no line.
    pub(super) fn of_lines(
        mut lines: impl Iterator<Item = &'a crate::reconcile::LineTotal>,
    ) -> Option<Money<'a>> {
        let first = lines.next()?;
        Some(lines.fold(
            Money {
                planned: first.planned,
                arrived: first.arrived,
                spent: first.spent,
                at: &first.at,
            },
            |mut sum, l| {
                sum.planned += l.planned;
                sum.arrived += l.arrived;
                sum.spent += l.spent;
                sum
            },
        ))
    }
}

/// One figure of a part or line: its money, or a rate of it.
pub(super) fn measure_of(money: &Money, whose: &str, what: &str, lang: Lang) -> Option<Measure> {
    let wan = |x: Decimal| money::fmt_wan(x);
    let of = |term: Term| {
        lang.pick(
            format!("{whose}{}", term.say(lang)),
            format!("{whose}: {}", term.say(lang)),
        )
    };
    let (label, value, unit, detail) = match what {
        "planned" => (of(Term::Planned), money.planned, Unit::Money, String::new()),
        "arrived" => (of(Term::Arrived), money.arrived, Unit::Money, String::new()),
        "spent" => (of(Term::Spent), money.spent, Unit::Money, String::new()),
        "balance" => (
            of(Term::Balance),
            money.planned - money.spent,
            Unit::Money,
            String::new(),
        ),
        "funds_arrival_rate" => (
            of(Term::FundsArrivalRate),
            money::ratio(money.arrived, money.planned)?,
            Unit::Rate,
            lang.pick(
                format!(
                    "到位{}万元／预算{}万元",
                    wan(money.arrived),
                    wan(money.planned)
                ),
                format!(
                    "arrived {} of {} planned, in 10k yuan",
                    wan(money.arrived),
                    wan(money.planned)
                ),
            ),
        ),
        "execution_rate" => (
            lang.pick(
                format!("{whose}预算执行率"),
                format!("{whose}: execution rate"),
            ),
            money::ratio(money.spent, money.arrived)?,
            Unit::Rate,
            lang.pick(
                format!(
                    "支出{}万元／到位{}万元",
                    wan(money.spent),
                    wan(money.arrived)
                ),
                format!(
                    "spent {} of {} arrived, in 10k yuan",
                    wan(money.spent),
                    wan(money.arrived)
                ),
            ),
        ),
        "execution_rate_budget" => (
            lang.pick(
                format!("{whose}预算执行率（按预算数）"),
                format!("{whose}: execution rate over the budget"),
            ),
            money::ratio(money.spent, money.planned)?,
            Unit::Rate,
            lang.pick(
                format!(
                    "支出{}万元／预算{}万元",
                    wan(money.spent),
                    wan(money.planned)
                ),
                format!(
                    "spent {} of {} planned, in 10k yuan",
                    wan(money.spent),
                    wan(money.planned)
                ),
            ),
        ),
        _ => return None,
    };
    let mut measure = Measure::new(label, value, unit, detail);
    measure.evidence = vec![money.at.clone()];
    Some(measure)
}
