//! The fund's money by the year it moved (`year.2020.spent`, `year.2021.arrived`): a series for
//! trends ("近三年逐年增加得满分") and year-on-year changes ("较上年提高…"), counted from the
//! postings' dates as the reconciliation assigned them.
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
    m: &mut Measures,
) {
    let lang = rules.lang;
    let wanted: Vec<(&str, u16, bool)> = super::parts::read_by(rules)
        .into_iter()
        .filter_map(|name| {
            let rest = name.strip_prefix("year.")?;
            let (year, what) = rest.split_once('.')?;
            let year: u16 = year.parse().ok()?;
            match what {
                "spent" => Some((name, year, true)),
                "arrived" => Some((name, year, false)),
                _ => None,
            }
        })
        .collect();
    if wanted.is_empty() {
        return;
    }
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
