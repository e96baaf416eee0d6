//! 自评复核: a filled 自评表's own scores (得分) set beside the scores recomputed from the inputs.
//!
//! Finance bureaus re-check a share of the units' self-evaluations. What they look for is what
//! a unit's form most often gets wrong, so each is a discrepancy with its cells: rows that do
//! not add up to the 总分 the form prints, a score above its row's 分值, full points on a target
//! the form itself says was missed, and a 执行率 cell that is not 全年执行数 / 全年预算数. Every
//! row is also shown with the unit's score, the recomputed one and the difference, so the
//! bureau sees where the totals part.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Scorecard;
use super::form::EXECUTION;
use crate::glossary::points;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::measure::{Measures, Unit};
use crate::money;
use crate::read::targets::Targets;

/// What re-checking a filled 自评表 found.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// Each row the unit scored: its score and the recomputed one.
    pub rows: Vec<ReviewRow>,
    /// The unit's total: the 总分 row's 得分, else its rows' scores added up.
    pub claimed: Decimal,
    /// The 总分 row's 得分 cell, when the form prints one.
    pub claimed_at: Option<CellRef>,
    /// The total recomputed from the inputs.
    pub recomputed: Decimal,
    /// `recomputed − claimed`: negative where the unit scored itself higher.
    pub difference: Decimal,
    pub discrepancies: Vec<Discrepancy>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow {
    /// 一级 / 二级 / 三级.
    pub path: [String; 3],
    pub points: Decimal,
    /// The unit's 得分, on the row's points (brought to them where the system's weights hold).
    pub claimed: Decimal,
    /// `None` for a row not scored (不适用, or no actual value).
    pub recomputed: Option<Decimal>,
    pub difference: Option<Decimal>,
    /// The 得分 cell.
    pub at: CellRef,
}

/// What kind of mistake a discrepancy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// The rows' scores (with the 执行率's) do not add up to the 总分 row's 得分.
    Arithmetic,
    /// A row's 得分 above its 分值.
    AbovePoints,
    /// Full points on a target the form's own 实际完成值 says was missed.
    FullOnMissed,
    /// A 执行率 cell that is not 全年执行数 / 全年预算数.
    ExecutionRate,
}

#[derive(Debug, Clone, Serialize)]
pub struct Discrepancy {
    pub kind: DiscrepancyKind,
    pub sentence: String,
    pub evidence: Vec<CellRef>,
}

/// The review of a filled 自评表, when its 得分 column (or its 执行率 row's) holds a score.
pub fn review(
    card: &Scorecard,
    targets: &Targets,
    measures: &Measures,
    rules: &crate::rules::Rules,
) -> Option<Review> {
    // A system of its own weights (key-eval) scores on another scale than the unit's 得分.
    if !rules.own_points {
        return None;
    }
    let lang = rules.lang;
    let execution = targets.project.execution.as_ref();
    let mut rows = Vec::new();
    let mut discrepancies = Vec::new();
    for ind in &card.indicators {
        let Some(measure) = &ind.measure else {
            continue;
        };
        let (claimed, at, form_points) = if measure == EXECUTION {
            let Some((c, at)) = execution.and_then(|e| e.claimed.clone()) else {
                continue;
            };
            (c, at, execution.and_then(|e| e.points.clone()))
        } else {
            let Some(t) = targets.targets.iter().find(|t| t.key() == *measure) else {
                continue;
            };
            let (Some(c), Some(at)) = (t.claimed, t.cells.claimed.clone()) else {
                continue;
            };
            (c, at, t.points.zip(t.cells.points.clone()))
        };
        let name = &ind.path[2];
        // A row left out (不适用, or no actual: the total rescaled) is listed with nothing to
        // set beside its score.
        if !ind.applicable {
            rows.push(ReviewRow {
                path: ind.path.clone(),
                points: ind.points,
                claimed,
                recomputed: None,
                difference: None,
                at,
            });
            continue;
        }
        let recomputed = ind.score;
        // Where the system's weights hold over the form's, the unit's score is brought to the
        // row's points, to be set beside a score out of them.
        let form_points = form_points.filter(|(p, _)| *p > Decimal::ZERO);
        let on_its_points = match &form_points {
            Some((p, _)) if *p != ind.points => {
                money::round(money::ratio(claimed * ind.points, *p).unwrap_or(claimed), 2)
            }
            _ => claimed,
        };
        let full = form_points.as_ref().map_or(ind.points, |(p, _)| *p);
        if let Some((p, p_at)) = &form_points
            && claimed > *p
        {
            discrepancies.push(Discrepancy {
                kind: DiscrepancyKind::AbovePoints,
                sentence: lang.pick(
                    format!(
                        "“{name}”自评得分{}分，高于该行分值{}分",
                        points(claimed),
                        points(*p)
                    ),
                    format!(
                        "“{name}” is scored {} by the unit, above its {} points",
                        points(claimed),
                        points(*p)
                    ),
                ),
                evidence: vec![at.clone(), p_at.clone()],
            });
        }
        let missed = measures
            .get(measure)
            .filter(|m| matches!(m.unit, Unit::Tier | Unit::Rate) && m.value < Decimal::ONE)
            .filter(|_| measure != EXECUTION);
        if let Some(m) = missed
            && claimed >= full
            && recomputed < ind.points
        {
            discrepancies.push(Discrepancy {
                kind: DiscrepancyKind::FullOnMissed,
                sentence: lang.pick(
                    format!(
                        "“{name}”未完全达成年度指标（{}），自评仍得满分{}分，复核得{}分",
                        m.detail,
                        points(claimed),
                        points(recomputed)
                    ),
                    format!(
                        "“{name}” did not fully meet its target ({}), yet the unit gave it full marks, {}; re-checked {}",
                        m.detail,
                        points(claimed),
                        points(recomputed)
                    ),
                ),
                evidence: std::iter::once(at.clone())
                    .chain(m.evidence.iter().cloned())
                    .collect(),
            });
        }
        rows.push(ReviewRow {
            path: ind.path.clone(),
            points: ind.points,
            claimed: on_its_points,
            recomputed: Some(recomputed),
            difference: Some(recomputed - on_its_points),
            at,
        });
    }
    if rows.is_empty() {
        return None;
    }
    // The form's own arithmetic: every row's 得分 it holds, whether scored here or not.
    let added: Decimal = targets
        .targets
        .iter()
        .filter_map(|t| t.claimed)
        .chain(execution.and_then(|e| e.claimed.as_ref().map(|(c, _)| *c)))
        .sum();
    let printed = targets
        .project
        .form_total
        .as_ref()
        .and_then(|t| t.claimed.clone());
    if let Some((total, at)) = &printed
        && *total != added
    {
        discrepancies.push(Discrepancy {
            kind: DiscrepancyKind::Arithmetic,
            sentence: lang.pick(
                format!(
                    "各行自评得分合计{}分，表上总分的得分却为{}分",
                    points(added),
                    points(*total)
                ),
                format!(
                    "the rows' own scores add up to {}, but the form's 总分 says {}",
                    points(added),
                    points(*total)
                ),
            ),
            evidence: std::iter::once(at.clone())
                .chain(rows.iter().map(|r| r.at.clone()))
                .collect(),
        });
    }
    discrepancies.extend(rate_cell(targets, lang));
    let claimed = printed.as_ref().map_or(added, |(t, _)| *t);
    // A total withheld stands for nothing: the difference is then none.
    let recomputed = if card.withheld.is_some() {
        Decimal::ZERO
    } else {
        card.total
    };
    discrepancies.sort_by_key(|d| d.kind as u8);
    Some(Review {
        rows,
        claimed,
        claimed_at: printed.map(|(_, at)| at),
        recomputed,
        difference: recomputed - claimed,
        discrepancies,
    })
}

/// The 执行率 the unit wrote against 全年执行数 / 全年预算数, to half a percentage point (the
/// cell is often rounded to a whole percent).
fn rate_cell(targets: &Targets, lang: Lang) -> Option<Discrepancy> {
    let p = &targets.project;
    let (rate, at) = p.execution.as_ref()?.rate.clone()?;
    let (executed, budget) = (p.executed?, p.total_funds?);
    let computed = money::ratio(executed, budget)?;
    if (rate - computed).abs() <= Decimal::new(5, 3) {
        return None;
    }
    let evidence = std::iter::once(at)
        .chain(p.total_funds_at.clone())
        .collect();
    Some(Discrepancy {
        kind: DiscrepancyKind::ExecutionRate,
        sentence: lang.pick(
            format!(
                "执行率填为{}，而全年执行数{}万元／全年预算数{}万元为{}",
                money::fmt_percent(rate),
                money::fmt_wan(executed),
                money::fmt_wan(budget),
                money::fmt_percent(computed)
            ),
            format!(
                "the execution rate is written {}, but 全年执行数 {} / 全年预算数 {} (10k yuan) is {}",
                money::fmt_percent(rate),
                money::fmt_wan(executed),
                money::fmt_wan(budget),
                money::fmt_percent(computed)
            ),
        ),
        evidence,
    })
}
