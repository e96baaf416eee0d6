//! The fund's money by year (`year.2020.spent`, `year.2021.execution_rate`): a series for
//! trends ("近三年逐年增加得满分"), year-on-year changes ("较上年提高…") and a multi-year fund's
//! years scored each ("每年占1/4").
//!
//! Where the 预算明细 gives each line its 年度, a year's figures are its lines' — planned,
//! arrived, spent and their rates, as the reconciliation table shows them — since a 2022 line
//! paid in January 2023 is still 2022's money. Without one, the money spent and arrived is
//! counted by the postings' dates.
//!
//! Made only for the names the rules read, as a part's and a line's figures are.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{Measure, Measures, Unit};
use crate::glossary::Term;
use crate::lang::Lang;
use crate::read::ledger::Ledger;
use crate::reconcile::{Assignment, Flow, Reconciliation};
use crate::rules::Rules;

/// Money by year: (spent, arrived), and the postings of either without a date.
fn by_year(ledger: &Ledger, recon: &Reconciliation) -> (BTreeMap<u16, (Decimal, Decimal)>, usize) {
    let mut years: BTreeMap<u16, (Decimal, Decimal)> = BTreeMap::new();
    let mut undated = 0usize;
    for (row, (flow, assignment)) in ledger.rows.iter().zip(&recon.postings) {
        let counted = match (flow, assignment) {
            (Some(Flow::Spending), Assignment::Line(_)) => Some(true),
            (Some(Flow::Arrival), Assignment::Line(_) | Assignment::Part(_) | Assignment::Fund) => {
                Some(false)
            }
            _ => None,
        };
        let Some(spending) = counted else { continue };
        let Some(date) = row.date else {
            undated += 1;
            continue;
        };
        let year = years.entry(date.year).or_default();
        if spending {
            year.0 += row.debit() - row.credit();
        } else {
            year.1 += row.credit() - row.debit();
        }
    }
    (years, undated)
}

pub(super) fn year_measures(
    ledger: &Ledger,
    recon: &Reconciliation,
    rules: &Rules,
    declared: &[u16],
    m: &mut Measures,
) {
    let lang = rules.lang;
    let read = super::parts::read_by(rules, declared);
    let named: Vec<(&str, u16, &str)> = read
        .iter()
        .filter_map(|name| {
            let rest = name.strip_prefix("year.")?;
            let (year, what) = rest.split_once('.')?;
            Some((name.as_str(), year.parse().ok()?, what))
        })
        .collect();
    if named.is_empty() {
        return;
    }
    if recon.lines.iter().any(|l| l.year.is_some()) {
        for (name, year, what) in named {
            if let Some(measure) = budget_year(recon, year, what, lang) {
                m.insert(name.to_string(), measure);
            }
        }
        return;
    }
    let wanted: Vec<(&str, u16, bool)> = named
        .into_iter()
        .filter_map(|(name, year, what)| match what {
            "spent" => Some((name, year, true)),
            "arrived" => Some((name, year, false)),
            _ => None,
        })
        .collect();
    let (years, undated) = by_year(ledger, recon);
    for (name, year, spending) in wanted {
        // A year no dated posting falls in has no figure: read as 0 it would make a trend.
        let Some(&(spent, arrived)) = years.get(&year) else {
            continue;
        };
        let (term, value) = if spending {
            (Term::Spent, spent)
        } else {
            (Term::Arrived, arrived)
        };
        let mut detail = lang.pick(
            format!("按记账日期归入{year}年"),
            format!("by posting date, in {year}"),
        );
        if undated > 0 {
            detail.push_str(&lang.pick(
                format!("；另有{undated}笔无日期，未计入任何年度"),
                format!("; {undated} postings without a date are in no year"),
            ));
        }
        let label = match lang {
            Lang::Zh => format!("{year}年{}", term.say(lang)),
            Lang::En => format!("{year}: {}", term.say(lang)),
        };
        m.insert(
            name.to_string(),
            Measure::new(label, value, Unit::Money, detail),
        );
    }
}

/// One figure of a budget year: the lines of that 年度 added up. A year no line is of has none.
fn budget_year(recon: &Reconciliation, year: u16, what: &str, lang: Lang) -> Option<Measure> {
    let money = super::parts::Money::of_lines(recon.lines.iter().filter(|l| l.year == Some(year)))?;
    let whose = lang.pick(format!("{year}年度"), format!("{year}"));
    // Arrivals booked to a part or the fund as a whole are of no one year: a year's arrivals
    // and the rates over them would leave them out, so none is given (a note says why).
    let whole = recon.totals.arrived - recon.lines.iter().map(|l| l.arrived).sum::<Decimal>();
    if whole != Decimal::ZERO && matches!(what, "arrived" | "funds_arrival_rate" | "execution_rate")
    {
        return None;
    }
    let measure = super::parts::measure_of(&money, &whose, what, lang)?;
    Some(measure)
}
