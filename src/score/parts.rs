//! Indicators made of parts ("每年占1/4", "三类补助各占1/3"): each part its share of the
//! points by weight, scored by its own rule on its own measure; the indicator's score is the
//! parts' sum, rounded once at the end or each part first, as the system says.

use rust_decimal::Decimal;
use serde::Serialize;

use super::criterion::criterion_with;
use super::{Deduction, rule_score};
use crate::glossary::{points as fmt_points, points_off};
use crate::lang::Lang;
use crate::measure::Measures;
use crate::money;
use crate::rules::Indicator;

/// A part as scored, for the table, the explanation and the JSON.
#[derive(Debug, Clone, Serialize)]
pub struct PartScore {
    pub name: String,
    pub points: Decimal,
    pub score: Decimal,
    pub measure: String,
    pub value: Option<String>,
    pub criterion: String,
}

/// What a part lost, before its deduction is written.
struct Lost {
    /// The part's place among the parts, for the deductions' order.
    order: usize,
    exact: Decimal,
    /// Rounded to the cent, then settled so that the parts' add up to the indicator's loss.
    points: Decimal,
    part: String,
    label: String,
    value: String,
    evidence: Vec<crate::location::CellRef>,
}

/// The parts' scores, the indicator's score before the evaluator's findings, and a deduction
/// per part that lost points; `None` when a part's measure is missing.
pub(super) fn score_parts(
    ind: &Indicator,
    measures: &Measures,
    lang: Lang,
) -> Option<(Vec<PartScore>, Decimal, Vec<Deduction>)> {
    let weights: Decimal = ind.parts.iter().map(|p| p.weight).sum();
    // Rounded part by part, the parts' points are shared to the cent so that full marks in
    // every part are the indicator's full marks (three thirds of 10 are 3.34, 3.33, 3.33).
    let shares = if ind.round_parts {
        let w: Vec<Decimal> = ind.parts.iter().map(|p| p.weight).collect();
        super::apportion(ind.points, &w)
    } else {
        Vec::new()
    };
    let mut parts = Vec::new();
    let mut losses: Vec<Lost> = Vec::new();
    let mut exact_total = Decimal::ZERO;
    for (k, part) in ind.parts.iter().enumerate() {
        let m = measures.get(&part.measure)?;
        let points = match shares.get(k) {
            Some(share) => *share,
            None => money::ratio(ind.points.checked_mul(part.weight)?, weights)?,
        };
        let exact = rule_score(&part.rule, points, m.value)?
            .max(Decimal::ZERO)
            .min(points);
        let score = if ind.round_parts {
            money::round(exact, 2)
        } else {
            exact
        };
        exact_total += score;
        if points > score {
            losses.push(Lost {
                order: parts.len(),
                exact: points - score,
                points: money::round(points - score, 2),
                part: part.name.clone(),
                label: m.label.clone(),
                value: if m.detail.is_empty() {
                    m.display()
                } else {
                    lang.pick(
                        format!("{}（{}）", m.display(), m.detail),
                        format!("{} ({})", m.display(), m.detail),
                    )
                },
                evidence: m.evidence.clone(),
            });
        }
        parts.push(PartScore {
            name: part.name.clone(),
            points: money::round(points, 2),
            score: money::round(score, 2),
            measure: part.measure.clone(),
            value: Some(m.display()),
            criterion: criterion_with(&part.rule, &m.label, Some(m.unit), lang),
        });
    }
    // Parts rounded each can add up past the points (three thirds of 17.44, each full, are
    // 5.82 × 3 = 17.46): never more than the points.
    let total = money::round(exact_total, 2).clamp(Decimal::ZERO, ind.points);
    settle(&mut losses, ind.points - total);
    losses.sort_by_key(|l| l.order);
    let deductions = losses
        .into_iter()
        .filter(|l| l.points > Decimal::ZERO)
        .map(|l| {
            // A part's own figure is labelled with its name already (劳模帮扶预算执行率): the
            // name is said once.
            let who = if l.label.starts_with(&l.part) {
                String::new()
            } else {
                lang.pick(format!("{}：", l.part), format!("{}: ", l.part))
            };
            Deduction {
                points: l.points,
                reason: lang.pick(
                    format!("{who}{}{}，扣{}分", l.label, l.value, fmt_points(l.points)),
                    format!(
                        "{who}{} {}: {}",
                        l.label,
                        l.value,
                        points_off(lang, l.points)
                    ),
                ),
                evidence: l.evidence,
            }
        })
        .collect();
    Some((parts, total, deductions))
}

/// The parts' losses, each rounded to the cent, made to add up to `lost` exactly: the odd
/// cents go to (or come from) the parts that lost most, one at a time.
fn settle(losses: &mut [Lost], lost: Decimal) {
    let cent = Decimal::new(1, 2);
    let mut gap = lost - losses.iter().map(|l| l.points).sum::<Decimal>();
    losses.sort_by_key(|l| std::cmp::Reverse(l.exact));
    let n = losses.len();
    // A gap is a few cents; the bound only keeps a malformed one from looping.
    for turn in 0..n.saturating_mul(100) {
        if gap.is_zero() {
            break;
        }
        let Some(l) = losses.get_mut(turn % n) else {
            break;
        };
        if gap > Decimal::ZERO {
            l.points += cent;
            gap -= cent;
        } else if l.points >= cent {
            l.points -= cent;
            gap += cent;
        }
    }
}

/// The parts in words: `①劳模帮扶（占1/2）：…；②…；各部分得分相加` and how it is rounded.
pub(super) fn criterion_of_parts(ind: &Indicator, measures: &Measures, lang: Lang) -> String {
    let weights: Decimal = ind.parts.iter().map(|p| p.weight).sum();
    let said: Vec<String> = ind
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let share = format!("{}/{}", p.weight.normalize(), weights.normalize());
            let measure = measures.get(&p.measure);
            let label = measure.map_or_else(|| p.measure.clone(), |m| m.label.clone());
            let unit = measure.map(|m| m.unit);
            lang.pick(
                format!(
                    "{}{}（占{share}）：{}",
                    super::criterion::circled(i),
                    p.name,
                    criterion_with(&p.rule, &label, unit, lang)
                ),
                format!(
                    "{}{} ({share}): {}",
                    super::criterion::circled(i),
                    p.name,
                    criterion_with(&p.rule, &label, unit, lang)
                ),
            )
        })
        .collect();
    let rounding = match (ind.round_parts, lang) {
        (true, Lang::Zh) => "各部分得分保留两位小数后相加",
        (false, Lang::Zh) => "各部分得分相加后保留两位小数",
        (true, Lang::En) => "each part's score rounded to 0.01, then added",
        (false, Lang::En) => "the parts' scores added, then rounded to 0.01",
    };
    format!(
        "{}{}{rounding}",
        said.join(lang.pick("；", "; ")),
        lang.pick("；", "; ")
    )
}
