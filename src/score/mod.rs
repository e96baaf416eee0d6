//! Stage 4: the indicator system applied to the measures and the evaluator's findings.
//!
//! Each 三级 indicator's score is rounded to 0.01, half away from zero, before the scores are
//! summed, as published reports do; a deduction is never more than what is left of the
//! indicator's points. Every deduction keeps its reason and the cells behind it.

use rust_decimal::Decimal;
use serde::Serialize;

mod criterion;
pub mod form;
mod parts;
pub mod review;

pub use parts::PartScore;

#[cfg(test)]
use criterion::criterion;
pub use criterion::{criterion_in, criterion_with};

use crate::error::{Error, Result};
use crate::glossary::{points as fmt_points, points_off};
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::measure::{Measure, Measures};
use crate::money;
use crate::read::target_value::TargetValue;
use crate::read::targets::{ManualFinding, ManualScore, Target};
use crate::rules::{Indicator, Level1, Level2, Missing, Rule, Rules, StepCount, StepSide};

#[derive(Debug, Clone, Serialize)]
pub struct Deduction {
    pub points: Decimal,
    pub reason: String,
    pub evidence: Vec<CellRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorScore {
    /// 一级 / 二级 / 三级.
    pub path: [String; 3],
    pub code: Option<String>,
    /// False for an indicator left out because no input gives its measure (不适用).
    pub applicable: bool,
    pub points: Decimal,
    pub score: Decimal,
    /// 评分标准, written from the rule itself so that the table and the computation agree.
    pub criterion: String,
    pub measure: Option<String>,
    /// The measure's value as a reader expects it (`44.11%`).
    pub value: Option<String>,
    pub deductions: Vec<Deduction>,
    /// Why the indicator was scored without its measure (a check that could not run).
    pub notice: Option<String>,
    /// An indicator made of parts: each part's points and score.
    pub parts: Vec<PartScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Level2Score {
    pub name: String,
    pub points: Decimal,
    pub score: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionScore {
    pub name: String,
    pub points: Decimal,
    pub score: Decimal,
    /// The points of the dimension's indicators that were scored (不适用 ones left out).
    pub applicable: Decimal,
    pub level2: Vec<Level2Score>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scorecard {
    /// The total as graded: `raw`, or `raw` scaled to the system's total when indicators were
    /// left out.
    pub total: Decimal,
    /// The sum of the indicators' scores.
    pub raw: Decimal,
    /// The points of the indicators scored, when some were left out.
    pub rescaled_from: Option<Decimal>,
    pub points: Decimal,
    pub grade: String,
    pub dimensions: Vec<DimensionScore>,
    pub indicators: Vec<IndicatorScore>,
    /// The evaluator's findings that name no indicator of this system, and so deduct nothing.
    pub unapplied: Vec<ManualFinding>,
    /// The 评分 sheet's scores for indicators of another system
    /// ([`Rules::judgements_of_other_systems`]), used for nothing.
    pub unapplied_scores: Vec<ManualScore>,
    /// Why there is no total and no grade: too few indicators have an actual value, and the
    /// rules ask for a draft ([`Rules::draft`]) rather than a refusal. `total` and `grade` then
    /// stand for nothing and no output may show them.
    #[serde(skip)]
    pub withheld: Option<std::sync::Arc<Error>>,
    /// A filled 自评表's own scores against these (自评复核), set once the scoring is done.
    pub review: Option<review::Review>,
}

/// The score of a step rule: the points less `off` per step the measure lies beyond the
/// target (and its tolerance) on the rule's side, never below zero; the points for any other
/// rule.
pub fn steps_score(points: Decimal, value: Decimal, rule: &Rule) -> Decimal {
    let Rule::Steps {
        target,
        per,
        off,
        side,
        tolerance,
        count,
    } = rule
    else {
        return points;
    };
    let beyond = match side {
        StepSide::Below => target
            .checked_sub(*tolerance)
            .and_then(|t| t.checked_sub(value)),
        StepSide::Above => value
            .checked_sub(*target)
            .and_then(|v| v.checked_sub(*tolerance)),
        StepSide::Both => value
            .checked_sub(*target)
            .and_then(|d| d.abs().checked_sub(*tolerance)),
    };
    // A measure too far from the target to subtract: full points on the side that loses
    // nothing, none beyond every step on the other.
    let Some(beyond) = beyond else {
        let safe = match side {
            StepSide::Below => value >= *target,
            StepSide::Above => value <= *target,
            StepSide::Both => false,
        };
        return if safe { points } else { Decimal::ZERO };
    };
    let beyond = beyond.max(Decimal::ZERO);
    // A gap too many steps wide to count takes everything.
    let Some(steps) = money::ratio(beyond, *per) else {
        return Decimal::ZERO;
    };
    let steps = match count {
        StepCount::Fraction => steps,
        StepCount::Whole => steps.floor(),
        StepCount::Started => steps.ceil(),
    };
    let lost = steps.checked_mul(*off).unwrap_or(points);
    (points - lost).max(Decimal::ZERO)
}

/// The rule's score before the evaluator's findings, and its deductions.
#[cfg(test)]
fn apply(indicator: &Indicator, measure: Option<&Measure>) -> (Decimal, Vec<Deduction>) {
    apply_in(indicator, measure, Lang::Zh)
}

fn apply_in(
    indicator: &Indicator,
    measure: Option<&Measure>,
    lang: Lang,
) -> (Decimal, Vec<Deduction>) {
    let points = indicator.points;
    let Some(m) = measure else {
        return (points, Vec::new());
    };
    let clamp = |s: Decimal| money::round(s.max(Decimal::ZERO).min(points), 2);
    let ratio = |s: Decimal| {
        let s = clamp(s);
        // Points drawn from targets can be a third of a point: what is lost is what shows.
        let lost = money::round(points - s, 2);
        let deductions = if lost > Decimal::ZERO {
            let value = match m.detail.is_empty() {
                true => m.display(),
                false => lang.pick(
                    format!("{}（{}）", m.display(), m.detail),
                    format!("{} ({})", m.display(), m.detail),
                ),
            };
            vec![Deduction {
                points: lost,
                reason: lang.pick(
                    format!("{}{value}，扣{}分", m.label, fmt_points(lost)),
                    format!("{} {value}: {}", m.label, points_off(lang, lost)),
                ),
                evidence: m.evidence.clone(),
            }]
        } else {
            Vec::new()
        };
        (s, deductions)
    };
    match &indicator.rule {
        Rule::Manual | Rule::Checklist(_) => (points, Vec::new()),
        Rule::PerItem { .. } => per_item(indicator, m, lang),
        rule => ratio(rule_score(rule, points, m.value).unwrap_or(points)),
    }
}

/// What a rule on a measure's value scores, before rounding; `None` for the rules that do not
/// score a value (manual, checklist, per item).
pub fn rule_score(rule: &Rule, points: Decimal, value: Decimal) -> Option<Decimal> {
    Some(match rule {
        Rule::Manual | Rule::Checklist(_) | Rule::PerItem { .. } => return None,
        Rule::Threshold { min } => {
            if value >= *min {
                points
            } else {
                Decimal::ZERO
            }
        }
        Rule::Tiers {
            met,
            partly,
            not_met,
        } => {
            let share = if value >= Decimal::ONE {
                *met
            } else if value > Decimal::ZERO {
                *partly
            } else {
                *not_met
            };
            points * share
        }
        Rule::Proportional => points * value.clamp(Decimal::ZERO, Decimal::ONE),
        Rule::Steps { .. } => steps_score(points, value, rule),
        Rule::Slope {
            base,
            at_base,
            per,
            each,
            min,
            max,
        } => {
            // Far from the base, past any bound: the nearer bound.
            let steps = value.checked_sub(*base).and_then(|d| money::ratio(d, *per));
            let moved = steps.and_then(|s| s.checked_mul(*each));
            let score = match moved {
                Some(m) => at_base.checked_add(m).unwrap_or(*max),
                None if value > *base => *max,
                None => *min,
            };
            score.clamp(*min, (*max).max(*min)).min(points)
        }
        Rule::Linear { full_at, zero_at } => {
            if value >= *full_at {
                points
            } else if value <= *zero_at || full_at <= zero_at {
                Decimal::ZERO
            } else {
                points * (value - *zero_at) / (*full_at - *zero_at)
            }
        }
        Rule::Bands(bands) => {
            let share = bands
                .iter()
                .find(|(min, _)| value >= *min)
                .map_or(Decimal::ZERO, |(_, share)| *share);
            points * share
        }
    })
}

/// `each` point off per item the measure counts, at most the cap.
fn per_item(indicator: &Indicator, m: &Measure, lang: Lang) -> (Decimal, Vec<Deduction>) {
    let points = indicator.points;
    let Rule::PerItem { each, cap } = &indicator.rule else {
        return (points, Vec::new());
    };
    let mut left = cap.unwrap_or(points).min(points);
    // A count without items (a bare number) still deducts per unit found.
    let entries: Vec<(String, Vec<CellRef>)> = if m.items.is_empty() {
        let n = m.value.trunc().to_string().parse::<usize>().unwrap_or(0);
        vec![(m.label.clone(), m.evidence.clone()); n.min(1000)]
    } else {
        m.items
            .iter()
            .map(|i| (i.sentence.clone(), i.evidence.clone()))
            .collect()
    };
    let mut deductions = Vec::new();
    for (sentence, evidence) in entries {
        let take = (*each).min(left);
        if take <= Decimal::ZERO {
            break;
        }
        left -= take;
        deductions.push(Deduction {
            points: take,
            reason: lang.pick(
                format!("{sentence}，扣{}分", fmt_points(take)),
                format!("{sentence}: {}", points_off(lang, take)),
            ),
            evidence,
        });
    }
    let lost: Decimal = deductions.iter().map(|d| d.points).sum();
    (points - lost, deductions)
}

/// `total` shared in proportion to `weights`, in hundredths of a point that add up to `total`
/// exactly (the largest remainders get the odd hundredths): 50 over 9 targets is 5.56 × 5 and
/// 5.55 × 4, never 50.04.
pub fn apportion(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    let sum: Decimal = weights.iter().sum();
    let cent = Decimal::new(1, 2);
    let exact: Vec<Decimal> = weights
        .iter()
        .map(|w| money::ratio(total * *w, sum).unwrap_or_default())
        .collect();
    let mut shares: Vec<Decimal> = exact.iter().map(|x| (*x / cent).floor() * cent).collect();
    let mut left = ((total - shares.iter().sum::<Decimal>()) / cent).round();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| {
        let rem = |i: &usize| {
            exact.get(*i).copied().unwrap_or_default() - shares.get(*i).copied().unwrap_or_default()
        };
        rem(b).cmp(&rem(a)).then(a.cmp(b))
    });
    for i in order {
        if left <= Decimal::ZERO {
            break;
        }
        if let Some(s) = shares.get_mut(i) {
            *s += cent;
            left -= Decimal::ONE;
        }
    }
    shares
}

/// How a declared quantity was read, for its 评分标准: the sign the form writes, or the one its
/// 二级 implies (a cost or a time limit is a ceiling, anything else a floor).
fn reading(t: &Target, lang: Lang) -> Option<String> {
    use crate::read::target_value::Comparator;
    use crate::read::targets::Sign;
    let TargetValue::Quantity { comparator, .. } = &t.value else {
        return None;
    };
    let value = t.value.to_string();
    Some(match (t.sign, comparator) {
        (Sign::CeilingByKind, _) => lang.pick(
            format!("指标值{value}：{}未写方向，按上限，不超过即达成", t.level2),
            format!(
                "target {value}: no sign under {}, read as a ceiling, met at or below it",
                t.level2
            ),
        ),
        (Sign::FloorByKind, _) => lang.pick(
            format!("指标值{value}：未写方向，按下限，达到即达成"),
            format!("target {value}: no sign, read as a floor, met at or above it"),
        ),
        (Sign::Written, Comparator::AtMost) => lang.pick(
            format!("指标值{value}：不超过即达成，超出按指标值÷实际值计"),
            format!("target {value}: met at or below it, above it scored as target ÷ actual"),
        ),
        (Sign::Written, _) => lang.pick(
            format!("指标值{value}：达到即达成"),
            format!("target {value}: met at or above it"),
        ),
    })
}

/// The tree with every dimension drawn from the declared targets filled in: each target of the
/// named 一级 becomes an indicator reading `target.<name>`, grouped by its 二级, with the form's
/// 分值 where it states one (`form::section`). A target the unit's own score stands for
/// (未能复核) is scored in proportion to it, whatever its kind.
pub fn expand(rules: &Rules, targets: &[Target], measures: &Measures) -> Vec<Level1> {
    rules
        .tree
        .iter()
        .map(|l1| {
            let Some(from) = &l1.from_targets else {
                return l1.clone();
            };
            let weighting = form::weighting(rules, targets);
            let picked = form::picked(from, targets, weighting);
            let section = form::section(l1, &picked, weighting);
            let mut groups: Vec<Level2> = Vec::new();
            for (t, points) in picked.into_iter().zip(section.rows) {
                let claimed = measures
                    .get(&t.key())
                    .is_some_and(|m| m.unit == crate::measure::Unit::Claimed);
                let rule = match t.value {
                    _ if claimed => Rule::Proportional,
                    TargetValue::Quantity { .. } => from.quantitative.clone(),
                    _ => from.qualitative.clone(),
                };
                // A declaration per year declares each target once a year.
                let name = t.named(rules.lang);
                let indicator = Indicator {
                    name,
                    code: None,
                    points,
                    measure: Some(t.key()),
                    rule,
                    unchecked_note: None,
                    parts: Vec::new(),
                    round_parts: false,
                    reading: if claimed {
                        Some(
                            rules
                                .lang
                                .pick(
                                    "未能复核，按单位自评得分计",
                                    "not re-checked: the unit's own score",
                                )
                                .to_string(),
                        )
                    } else {
                        reading(t, rules.lang)
                    },
                };
                let level2 = if t.level2.is_empty() {
                    l1.name.clone()
                } else {
                    t.level2.clone()
                };
                match groups.iter_mut().find(|g| g.name == level2) {
                    Some(g) => {
                        g.points += points;
                        g.children.push(indicator);
                    }
                    None => groups.push(Level2 {
                        name: level2,
                        points,
                        children: vec![indicator],
                    }),
                }
            }
            Level1 {
                name: l1.name.clone(),
                points: section.points,
                children: groups,
                from_targets: None,
            }
        })
        .collect()
}

pub fn score(
    rules: &Rules,
    measures: &Measures,
    findings: &[ManualFinding],
    scores: &[ManualScore],
    targets: &[Target],
) -> Result<Scorecard> {
    let tree = expand(rules, targets, measures);
    // What the inputs lack first: a new user's inputs against the default system need the
    // sentence that says where to start, before any finding's indicator is looked up.
    unmeasured(rules, &tree, measures)?;
    let in_tree = |named: &str| {
        tree.iter()
            .flat_map(|l1| &l1.children)
            .flat_map(|l2| &l2.children)
            .any(|i| names_indicator(named, i))
    };
    let (scores, unapplied_scores): (Vec<ManualScore>, Vec<ManualScore>) =
        if rules.judgements_of_other_systems {
            scores.iter().cloned().partition(|s| in_tree(&s.indicator))
        } else {
            (scores.to_vec(), Vec::new())
        };
    let scores = scores.as_slice();
    if !rules.judgements_of_other_systems {
        unknown_indicators(rules, &tree, findings)?;
    }
    let judged: Vec<ManualFinding> = findings
        .iter()
        .filter(|f| !rules.judgements_of_other_systems || in_tree(&f.indicator))
        .cloned()
        .collect();
    judged_scores(rules, &tree, &judged, scores)?;
    let unapplied = unapplied(&tree, measures, findings);
    let mut dimensions = Vec::new();
    let mut indicators = Vec::new();
    let mut applicable = Decimal::ZERO;
    for l1 in &tree {
        let applicable_before = applicable;
        let mut level2 = Vec::new();
        for l2 in &l1.children {
            let mut l2_score = Decimal::ZERO;
            for ind in &l2.children {
                let path = [l1.name.clone(), l2.name.clone(), ind.name.clone()];
                let scored = indicator(rules, path, ind, measures, findings, scores);
                if scored.applicable {
                    applicable += ind.points;
                    l2_score += scored.score;
                }
                indicators.push(scored);
            }
            level2.push(Level2Score {
                name: l2.name.clone(),
                points: l2.points,
                score: l2_score,
            });
        }
        let score = level2.iter().map(|l| l.score).sum();
        dimensions.push(DimensionScore {
            name: l1.name.clone(),
            points: l1.points,
            score,
            applicable: applicable - applicable_before,
            level2,
        });
    }
    let raw: Decimal = dimensions.iter().map(|d| d.score).sum();
    // The system's total, or what a 自评表's own 分值 add up to when the rules follow the form.
    let points: Decimal = tree.iter().map(|l| l.points).sum();
    // With indicators left out, the score is brought back to the system's total — unless so
    // few are left that the result would stand for a sliver of the fund.
    let rescaled_from = (applicable < points).then_some(applicable);
    let mut withheld = None;
    if rescaled_from.is_some() && applicable < rules.min_applicable * points {
        let refusal = Error::TooFewApplicable {
            system: rules.name.clone(),
            applicable,
            points,
            min: rules.min_applicable,
            missing: indicators
                .iter()
                .filter(|i| !i.applicable)
                .map(|i| (i.path.join("/"), i.measure.clone().unwrap_or_default()))
                .collect(),
        };
        if !rules.draft {
            return Err(refusal);
        }
        withheld = Some(std::sync::Arc::new(refusal));
    }
    let total = match (&withheld, rescaled_from) {
        // No total stands for the fund: zero, never shown.
        (Some(_), _) => Decimal::ZERO,
        (None, Some(a)) => money::round(
            raw.checked_mul(points)
                .and_then(|x| money::ratio(x, a))
                .unwrap_or_default(),
            2,
        ),
        (None, None) => raw,
    };
    Ok(Scorecard {
        grade: match withheld {
            Some(_) => String::new(),
            None => rules.grade_of(total, points).to_string(),
        },
        total,
        raw,
        points,
        rescaled_from,
        dimensions,
        indicators,
        unapplied,
        unapplied_scores,
        withheld,
        review: None,
    })
}

/// Whether the finding names the indicator, by its name or its code (`A102`), whatever the
/// width of its brackets and spaces.
fn names(f: &ManualFinding, ind: &Indicator) -> bool {
    names_indicator(&f.indicator, ind)
}

/// Whether a sheet's 指标 cell names the indicator, by its name or its code.
fn names_indicator(named: &str, ind: &Indicator) -> bool {
    let named = normalize(named);
    named == normalize(&ind.name) || ind.code.as_deref().is_some_and(|c| normalize(c) == named)
}

/// The 评分 sheet's scores, each for a judgement indicator of the system (one no measure
/// scores), within its points, with a reason when below them, and alone: a score and a 评价发现
/// on one indicator would take the same points twice.
fn judged_scores(
    rules: &Rules,
    tree: &[Level1],
    findings: &[ManualFinding],
    scores: &[ManualScore],
) -> Result<()> {
    let all: Vec<&Indicator> = tree
        .iter()
        .flat_map(|l1| &l1.children)
        .flat_map(|l2| &l2.children)
        .collect();
    for (k, s) in scores.iter().enumerate() {
        // Two rows for one indicator: which score is meant cannot be told.
        if let Some(first) = scores.iter().take(k).find(|f| {
            all.iter()
                .any(|i| names_indicator(&f.indicator, i) && names_indicator(&s.indicator, i))
        }) {
            return Err(Error::ScoredAgain {
                score: s.at.clone(),
                first: first.at.clone(),
                indicator: s.indicator.clone(),
            });
        }
        let named: Vec<&&Indicator> = all
            .iter()
            .filter(|i| names_indicator(&s.indicator, i))
            .collect();
        if named.len() > 1 {
            return Err(Error::AmbiguousIndicator {
                at: s.at.clone(),
                named: s.indicator.clone(),
            });
        }
        let Some(ind) = named.first() else {
            return Err(Error::UnknownIndicator {
                at: s.at.clone(),
                scored: true,
                named: s.indicator.clone(),
                system: rules.name.clone(),
                indicators: all
                    .iter()
                    .map(|i| match &i.code {
                        Some(code) => format!("{code} {}", i.name),
                        None => i.name.clone(),
                    })
                    .collect(),
            });
        };
        if ind.measure.is_some() || !ind.parts.is_empty() {
            let read: Vec<&str> = ind
                .measure
                .iter()
                .map(String::as_str)
                .chain(ind.parts.iter().map(|p| p.measure.as_str()))
                .collect();
            return Err(Error::ScoredFromData {
                at: s.at.clone(),
                indicator: ind.name.clone(),
                measure: read.join(", "),
            });
        }
        if s.score < Decimal::ZERO || s.score > ind.points {
            return Err(Error::cell(
                s.at.clone(),
                crate::error::Found::Value(s.score.normalize().to_string()),
                crate::error::Expected::ScoreWithin(fmt_points(ind.points)),
            ));
        }
        if s.score < ind.points && s.reason.trim().is_empty() {
            return Err(Error::cell(
                s.reason_at.clone(),
                crate::error::Found::Blank,
                crate::error::Expected::ScoreReason,
            ));
        }
        if let Some(f) = findings.iter().find(|f| names(f, ind)) {
            return Err(Error::ScoredTwice {
                score: s.at.clone(),
                finding: f.at.clone(),
                indicator: ind.name.clone(),
            });
        }
    }
    Ok(())
}

/// A finding that names no indicator of the system is a typo, or meant for another system: its
/// deduction would silently vanish and the total rise.
fn unknown_indicators(rules: &Rules, tree: &[Level1], findings: &[ManualFinding]) -> Result<()> {
    let all = || {
        tree.iter()
            .flat_map(|l1| &l1.children)
            .flat_map(|l2| &l2.children)
    };
    let Some(f) = findings.iter().find(|f| !all().any(|i| names(f, i))) else {
        return Ok(());
    };
    Err(Error::UnknownIndicator {
        at: f.at.clone(),
        scored: false,
        named: f.indicator.clone(),
        system: rules.name.clone(),
        indicators: all()
            .map(|i| match &i.code {
                Some(code) => format!("{code} {}", i.name),
                None => i.name.clone(),
            })
            .collect(),
    })
}

/// The evaluator's findings that name no scored indicator of this system: they deduct nothing,
/// and are listed, never lost. An indicator left out as 不适用 is not scored, so a finding
/// against it is listed too.
fn unapplied(
    tree: &[Level1],
    measures: &Measures,
    findings: &[ManualFinding],
) -> Vec<ManualFinding> {
    let scored: Vec<&Indicator> = tree
        .iter()
        .flat_map(|l1| &l1.children)
        .flat_map(|l2| &l2.children)
        .filter(|i| {
            (i.unchecked_note.is_some()
                || i.measure.as_ref().is_none_or(|m| measures.contains_key(m)))
                && i.parts.iter().all(|p| measures.contains_key(&p.measure))
        })
        .collect();
    findings
        .iter()
        .filter(|f| !scored.iter().any(|i| names(f, i)))
        .cloned()
        .collect()
}

/// Every measure the system reads must be there, unless the system leaves such indicators
/// out: a missing one is named with all the others, so that one run shows what the inputs lack.
fn unmeasured(rules: &Rules, tree: &[Level1], measures: &Measures) -> Result<()> {
    let missing: Vec<(String, String)> = tree
        .iter()
        .flat_map(|l1| l1.children.iter().map(move |l2| (l1, l2)))
        .flat_map(|(l1, l2)| l2.children.iter().map(move |i| (l1, l2, i)))
        .flat_map(|(l1, l2, i)| {
            let own = i.measure.iter().filter(|_| i.unchecked_note.is_none());
            own.chain(i.parts.iter().map(|p| &p.measure))
                .filter(|name| !measures.contains_key(*name))
                .map(|name| (format!("{}/{}/{}", l1.name, l2.name, i.name), name.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    if !missing.is_empty() && rules.missing == Missing::Error {
        return Err(Error::Unmeasured {
            system: rules.name.clone(),
            missing,
            indicators: tree
                .iter()
                .flat_map(|l1| &l1.children)
                .map(|l2| l2.children.len())
                .sum(),
            provided: measures.keys().cloned().collect(),
        });
    }
    Ok(())
}

/// One indicator scored: its rule applied to its measure, less the evaluator's findings against
/// it; left out (不适用) when no input gives its actual value.
fn indicator(
    rules: &Rules,
    path: [String; 3],
    ind: &Indicator,
    measures: &Measures,
    findings: &[ManualFinding],
    scores: &[ManualScore],
) -> IndicatorScore {
    let measure = ind.measure.as_ref().and_then(|name| measures.get(name));
    let label = match (measure, &ind.measure) {
        (Some(m), _) => m.label.clone(),
        // Without its measure the criterion still says what it reads.
        (None, Some(name)) => match name.strip_prefix("target.") {
            // A declaration's year is said, not left in the name: `target.带动就业人数.2024`.
            Some(target) => match target
                .rsplit_once('.')
                .filter(|(_, y)| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
            {
                Some((target, year)) => rules.lang.pick(
                    format!("“{target}”（{year}年）完成率"),
                    format!("the completion of “{target}” ({year})"),
                ),
                None => rules.lang.pick(
                    format!("“{target}”完成率"),
                    format!("the completion of “{target}”"),
                ),
            },
            // Other measures' criteria read without one, as they always have.
            None => String::new(),
        },
        (None, None) => String::new(),
    };
    let criterion = if ind.parts.is_empty() {
        criterion_with(&ind.rule, &label, measure.map(|m| m.unit), rules.lang)
    } else {
        parts::criterion_of_parts(ind, measures, rules.lang)
    };
    let criterion = match &ind.reading {
        Some(reading) => rules.lang.pick(
            format!("{criterion}（{reading}）"),
            format!("{criterion} ({reading})"),
        ),
        None => criterion,
    };
    let by_parts = if ind.parts.is_empty() {
        None
    } else {
        Some(parts::score_parts(ind, measures, rules.lang))
    };
    let unmeasured = matches!(by_parts, Some(None))
        || (ind.measure.is_some() && measure.is_none() && ind.unchecked_note.is_none());
    if unmeasured {
        return IndicatorScore {
            path,
            code: ind.code.clone(),
            points: ind.points,
            score: Decimal::ZERO,
            applicable: false,
            criterion,
            measure: ind.measure.clone(),
            value: None,
            deductions: Vec::new(),
            notice: None,
            parts: Vec::new(),
        };
    }
    let (mut s, mut deductions, part_scores) = match by_parts {
        Some(Some((part_scores, s, deductions))) => (s, deductions, part_scores),
        _ => {
            let (s, deductions) = apply_in(ind, measure, rules.lang);
            (s, deductions, Vec::new())
        }
    };
    let mut notice = ind
        .unchecked_note
        .clone()
        .filter(|_| ind.measure.is_some() && measure.is_none());
    // A judgement indicator takes the team's score; without one or a finding, it keeps its
    // full points, and every output says nobody scored it.
    let judged = scores
        .iter()
        .filter(|_| ind.measure.is_none() && ind.parts.is_empty())
        .find(|j| names_indicator(&j.indicator, ind));
    if let Some(j) = judged {
        // Scored to the cent, as every score is: 3.335 would lose 1.67 and keep 3.34.
        let given = money::round(j.score, 2);
        let lost = money::round(s - given, 2);
        s = given;
        if lost > Decimal::ZERO {
            deductions.push(Deduction {
                points: lost,
                reason: rules.lang.pick(
                    format!("{}，扣{}分", j.reason, fmt_points(lost)),
                    format!("{}: {}", j.reason, points_off(rules.lang, lost)),
                ),
                evidence: vec![j.at.clone(), j.reason_at.clone()],
            });
        }
    } else if ind.measure.is_none()
        && ind.parts.is_empty()
        && !findings.iter().any(|f| names(f, ind))
    {
        notice = Some(
            rules
                .lang
                .pick(
                    "评价组未评分，按满分计",
                    "not scored by the evaluators: full points",
                )
                .to_string(),
        );
    }
    for f in findings.iter().filter(|f| names(f, ind)) {
        let take = money::round(f.points.min(s), 2);
        if take > Decimal::ZERO {
            s -= take;
            deductions.push(Deduction {
                points: take,
                reason: rules.lang.pick(
                    format!("{}，扣{}分", f.reason, fmt_points(take)),
                    format!("{}: {}", f.reason, points_off(rules.lang, take)),
                ),
                evidence: vec![f.at.clone()],
            });
        }
    }
    IndicatorScore {
        path,
        code: ind.code.clone(),
        points: ind.points,
        score: money::round(s, 2),
        applicable: true,
        criterion,
        measure: ind.measure.clone(),
        value: measure.map(Measure::display),
        deductions,
        notice,
        parts: part_scores,
    }
}

#[cfg(test)]
mod tests;
