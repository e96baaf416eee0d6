//! `--format json`: one object whose shape is documented in `docs/json.md` and versioned by
//! its `schema` field. Money is a decimal string in yuan with two places, rates a decimal
//! string with four, scores and points strings with two: exact, and the same on every platform.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::FindingKind;
use crate::evaluate::Evaluation;
use crate::lang::Lang;
use crate::location::{CellRef, column_name};
use crate::measure::Unit;
use crate::money;
use crate::read::ledger::shape::describe;
use crate::reconcile::Skip;
use crate::score::Scorecard;

pub const SCHEMA: &str = "jixiao.evaluation/1";

#[derive(Serialize)]
struct Report<'a> {
    schema: &'static str,
    rules: &'a str,
    project: Project<'a>,
    score: Score<'a>,
    dimensions: Vec<Dimension<'a>>,
    indicators: Vec<Indicator<'a>>,
    reconciliation: Reconciliation<'a>,
    measures: BTreeMap<&'a str, Measure<'a>>,
    findings: Vec<Finding<'a>>,
    manual_findings: Vec<ManualFinding<'a>>,
    /// The cells of the evaluator's findings that name no indicator of this system.
    unapplied_findings: Vec<CellRef>,
    notes: Vec<String>,
    inputs: Inputs<'a>,
    /// A filled 自评表's own scores against the recomputed ones; absent for other inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<Review<'a>>,
}

#[derive(Serialize)]
struct Review<'a> {
    claimed: String,
    claimed_at: Option<&'a CellRef>,
    recomputed: String,
    difference: String,
    rows: Vec<ReviewRow<'a>>,
    discrepancies: &'a [crate::score::review::Discrepancy],
}

#[derive(Serialize)]
struct ReviewRow<'a> {
    path: &'a [String; 3],
    points: String,
    claimed: String,
    /// `null` for a row not scored (不适用, or no actual value).
    recomputed: Option<String>,
    difference: Option<String>,
    at: &'a CellRef,
}

#[derive(Serialize)]
struct Project<'a> {
    name: &'a str,
    department: &'a str,
    implementer: &'a str,
    total_funds: Option<String>,
}

#[derive(Serialize)]
struct Score<'a> {
    total: String,
    points: String,
    grade: &'a str,
    /// The indicators' scores added up, before any rescaling.
    raw: String,
    /// The points of the indicators scored, when some were left out and the total rescaled.
    rescaled_from: Option<String>,
}

#[derive(Serialize)]
struct Dimension<'a> {
    name: &'a str,
    points: String,
    score: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    level2: Vec<Dimension<'a>>,
}

#[derive(Serialize)]
struct Indicator<'a> {
    path: &'a [String; 3],
    code: Option<&'a str>,
    /// False when no input gives the indicator's measure and it was left out (不适用).
    applicable: bool,
    points: String,
    score: String,
    criterion: &'a str,
    measure: Option<&'a str>,
    value: Option<&'a str>,
    deductions: Vec<Deduction<'a>>,
    /// Why the indicator was scored without its measure (a check that could not run).
    notice: Option<&'a str>,
    /// An indicator made of parts: each part's points, score, measure and rule in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parts: Vec<Part<'a>>,
}

#[derive(Serialize)]
struct Part<'a> {
    name: &'a str,
    points: String,
    score: String,
    measure: &'a str,
    value: Option<&'a str>,
    criterion: &'a str,
}

#[derive(Serialize)]
struct Deduction<'a> {
    points: String,
    reason: &'a str,
    evidence: &'a [CellRef],
}

#[derive(Serialize)]
struct Line<'a> {
    name: &'a str,
    group: &'a str,
    /// 年度; absent when the budget gives none.
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    planned: String,
    arrived: String,
    spent: String,
    balance: String,
    execution_rate: Option<String>,
    beneficiaries: u32,
    beneficiaries_source: &'static str,
    tally: Option<&'a str>,
    postings: usize,
    at: &'a CellRef,
}

#[derive(Serialize)]
struct Group<'a> {
    name: &'a str,
    planned: String,
    arrived: String,
    /// Arrivals booked to the part as a whole; absent when there were none.
    #[serde(skip_serializing_if = "Option::is_none")]
    arrived_for_part: Option<String>,
    spent: String,
    balance: String,
    execution_rate: Option<String>,
}

#[derive(Serialize)]
struct Totals {
    planned: String,
    arrived: String,
    /// Arrivals booked to the fund as a whole; absent when there were none.
    #[serde(skip_serializing_if = "Option::is_none")]
    arrived_for_fund: Option<String>,
    spent: String,
    balance: String,
}

#[derive(Serialize)]
struct Reconciliation<'a> {
    lines: Vec<Line<'a>>,
    groups: Vec<Group<'a>>,
    totals: Totals,
    /// The budget years side by side; absent when no line has a 年度.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    years: Vec<Year>,
    funds_arrival_rate: Option<String>,
    tallies: &'a BTreeMap<String, u32>,
}

#[derive(Serialize)]
struct Year {
    year: u16,
    planned: String,
    arrived: String,
    spent: String,
    balance: String,
    funds_arrival_rate: Option<String>,
    execution_rate: Option<String>,
}

#[derive(Serialize)]
struct Measure<'a> {
    label: &'a str,
    value: String,
    unit: Unit,
    display: String,
    detail: &'a str,
    evidence: &'a [CellRef],
    items: &'a [crate::measure::Item],
}

#[derive(Serialize)]
struct Finding<'a> {
    kind: FindingKind,
    amount: String,
    sentence: String,
    evidence: &'a [CellRef],
}

#[derive(Serialize)]
struct ManualFinding<'a> {
    indicator: &'a str,
    points: String,
    reason: &'a str,
    basis: &'a str,
    at: &'a CellRef,
}

#[derive(Serialize)]
struct Inputs<'a> {
    ledger: LedgerInput<'a>,
    targets: TargetsInput<'a>,
}

#[derive(Serialize)]
struct LedgerInput<'a> {
    sheets: Vec<LedgerSheet<'a>>,
    /// Sheets of the workbooks that hold no ledger.
    ignored: Vec<String>,
    /// First and last posting dates.
    dates: Option<[String; 2]>,
    rows_read: usize,
    used: usize,
    skipped: &'a BTreeMap<Skip, usize>,
    skipped_total: usize,
    unassigned: usize,
    unassigned_rows: Vec<CellRef>,
}

#[derive(Serialize)]
struct LedgerSheet<'a> {
    file: &'a str,
    sheet: &'a str,
    layout: String,
    header_row: u32,
    header_rows: u32,
    /// Column letter → the label as understood.
    columns: BTreeMap<String, String>,
    period: Option<[String; 2]>,
    rows_read: usize,
    postings: usize,
}

#[derive(Serialize)]
struct TargetsInput<'a> {
    file: &'a str,
    targets: usize,
    budget_lines: usize,
    survey_responses: usize,
    manual_findings: usize,
}

fn points(d: Decimal) -> String {
    format!("{:.2}", money::round(d, 2))
}

/// A measure's value as the JSON writes it: yuan to the fen, rates to four places.
pub(super) fn measure_value(m: &crate::measure::Measure) -> String {
    match m.unit {
        Unit::Money => money::fmt_yuan(m.value),
        Unit::Rate | Unit::Claimed => money::fmt_rate(m.value),
        Unit::Count | Unit::Tier => m.value.normalize().to_string(),
    }
}

fn rate(d: Option<Decimal>) -> Option<String> {
    d.map(money::fmt_rate)
}

pub fn render(e: &Evaluation, lang: Lang) -> String {
    let s = &e.scorecard;
    let r = &e.reconciliation;
    let report = Report {
        schema: SCHEMA,
        rules: &e.rules.name,
        project: Project {
            name: &e.targets.project.name,
            department: &e.targets.project.department,
            implementer: &e.targets.project.implementer,
            total_funds: e.targets.project.total_funds.map(money::fmt_yuan),
        },
        review: s.review.as_ref().map(|r| Review {
            claimed: points(r.claimed),
            claimed_at: r.claimed_at.as_ref(),
            recomputed: points(r.recomputed),
            difference: points(r.difference),
            rows: r
                .rows
                .iter()
                .map(|row| ReviewRow {
                    path: &row.path,
                    points: points(row.points),
                    claimed: points(row.claimed),
                    recomputed: row.recomputed.map(points),
                    difference: row.difference.map(points),
                    at: &row.at,
                })
                .collect(),
            discrepancies: &r.discrepancies,
        }),
        score: Score {
            total: points(s.total),
            points: points(s.points),
            grade: &s.grade,
            raw: points(s.raw),
            rescaled_from: s.rescaled_from.map(points),
        },
        dimensions: dimensions(s),
        indicators: indicators(s),
        reconciliation: reconciliation(r),
        measures: e
            .measures
            .iter()
            .map(|(name, m)| {
                let value = measure_value(m);
                (
                    name.as_str(),
                    Measure {
                        label: &m.label,
                        value,
                        unit: m.unit,
                        display: m.display(),
                        detail: &m.detail,
                        evidence: &m.evidence,
                        items: &m.items,
                    },
                )
            })
            .collect(),
        findings: e
            .findings
            .iter()
            .map(|f| Finding {
                kind: f.kind,
                amount: money::fmt_yuan(f.amount),
                sentence: f.sentence(lang),
                evidence: &f.evidence,
            })
            .collect(),
        manual_findings: e
            .targets
            .findings
            .iter()
            .map(|f| ManualFinding {
                indicator: &f.indicator,
                points: points(f.points),
                reason: &f.reason,
                basis: &f.basis,
                at: &f.at,
            })
            .collect(),
        unapplied_findings: e.scorecard.unapplied.iter().map(|f| f.at.clone()).collect(),
        notes: e.notes.iter().map(|n| n.say(lang)).collect(),
        inputs: inputs(e, lang),
    };
    let mut out =
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

fn dimensions(s: &Scorecard) -> Vec<Dimension<'_>> {
    s.dimensions
        .iter()
        .map(|d| Dimension {
            name: &d.name,
            points: points(d.points),
            score: points(d.score),
            level2: d
                .level2
                .iter()
                .map(|l| Dimension {
                    name: &l.name,
                    points: points(l.points),
                    score: points(l.score),
                    level2: Vec::new(),
                })
                .collect(),
        })
        .collect()
}

fn indicators(s: &Scorecard) -> Vec<Indicator<'_>> {
    s.indicators
        .iter()
        .map(|i| Indicator {
            path: &i.path,
            code: i.code.as_deref(),
            applicable: i.applicable,
            points: points(i.points),
            score: points(i.score),
            criterion: &i.criterion,
            measure: i.measure.as_deref(),
            value: i.value.as_deref(),
            deductions: i
                .deductions
                .iter()
                .map(|d| Deduction {
                    points: points(d.points),
                    reason: &d.reason,
                    evidence: &d.evidence,
                })
                .collect(),
            notice: i.notice.as_deref(),
            parts: i
                .parts
                .iter()
                .map(|p| Part {
                    name: &p.name,
                    points: points(p.points),
                    score: points(p.score),
                    measure: &p.measure,
                    value: p.value.as_deref(),
                    criterion: &p.criterion,
                })
                .collect(),
        })
        .collect()
}

fn reconciliation(r: &crate::reconcile::Reconciliation) -> Reconciliation<'_> {
    Reconciliation {
        lines: r
            .lines
            .iter()
            .map(|l| Line {
                name: &l.name,
                group: &l.group,
                year: l.year,
                planned: money::fmt_yuan(l.planned),
                arrived: money::fmt_yuan(l.arrived),
                spent: money::fmt_yuan(l.spent),
                balance: money::fmt_yuan(l.balance),
                execution_rate: rate(l.execution_rate),
                beneficiaries: l.beneficiaries,
                beneficiaries_source: if l.beneficiaries_stated {
                    "stated"
                } else {
                    "distinct_payees"
                },
                tally: l.tally.as_deref(),
                postings: l.postings,
                at: &l.at,
            })
            .collect(),
        groups: r
            .groups
            .iter()
            .map(|g| Group {
                name: &g.name,
                planned: money::fmt_yuan(g.planned),
                arrived: money::fmt_yuan(g.arrived),
                arrived_for_part: (g.postings_for_part > 0)
                    .then(|| money::fmt_yuan(g.arrived_for_part)),
                spent: money::fmt_yuan(g.spent),
                balance: money::fmt_yuan(g.balance),
                execution_rate: rate(g.execution_rate),
            })
            .collect(),
        totals: Totals {
            planned: money::fmt_yuan(r.totals.planned),
            arrived: money::fmt_yuan(r.totals.arrived),
            arrived_for_fund: (r.totals.postings_for_fund > 0)
                .then(|| money::fmt_yuan(r.totals.arrived_for_fund)),
            spent: money::fmt_yuan(r.totals.spent),
            balance: money::fmt_yuan(r.totals.balance),
        },
        years: r
            .years()
            .into_iter()
            .map(|y| Year {
                year: y.year,
                planned: money::fmt_yuan(y.planned),
                arrived: money::fmt_yuan(y.arrived),
                spent: money::fmt_yuan(y.spent),
                balance: money::fmt_yuan(y.balance),
                funds_arrival_rate: rate(money::ratio(y.arrived, y.planned)),
                execution_rate: rate(y.execution_rate),
            })
            .collect(),
        funds_arrival_rate: rate(r.funds_arrival_rate),
        tallies: &r.tallies,
    }
}

/// What was read of the inputs, for a script to check.
fn inputs(e: &Evaluation, lang: Lang) -> Inputs<'_> {
    let r = &e.reconciliation;
    Inputs {
        ledger: LedgerInput {
            sheets: e
                .ledger
                .sheets
                .iter()
                .map(|s| LedgerSheet {
                    file: &s.file,
                    sheet: &s.sheet,
                    layout: describe(&s.layout, lang),
                    header_row: s.header_row + 1,
                    header_rows: s.header_rows,
                    columns: s
                        .columns
                        .iter()
                        .map(|(_, c, label)| (column_name(*c), label.clone()))
                        .collect(),
                    period: s.period.map(|(a, b)| [a.to_string(), b.to_string()]),
                    rows_read: s.rows_read,
                    postings: s.postings,
                })
                .collect(),
            ignored: e.ledger.ignored.iter().map(|i| i.say(lang)).collect(),
            dates: e
                .ledger
                .date_range()
                .map(|(a, b)| [a.to_string(), b.to_string()]),
            rows_read: r.rows.read,
            used: r.rows.used,
            skipped: &r.rows.skipped,
            skipped_total: r.rows.skipped_total(),
            unassigned: r.rows.unassigned.len(),
            unassigned_rows: r
                .rows
                .unassigned
                .iter()
                .filter_map(|i| e.ledger.rows.get(*i))
                .map(|row| row.amount_at())
                .collect(),
        },
        targets: TargetsInput {
            file: &e.targets.file,
            targets: e.targets.targets.len(),
            budget_lines: e.targets.budget.lines.len(),
            survey_responses: e.targets.survey.as_ref().map_or(0, |s| s.responses.len()),
            manual_findings: e.targets.findings.len(),
        },
    }
}
