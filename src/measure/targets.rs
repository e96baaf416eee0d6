//! The declared targets' measures: each target's completion, its actual value from the measure
//! the rules bind it to or from the 自评表's own 实际完成值, and the measures a rules file
//! defines as ratios of others.

use rust_decimal::Decimal;

use super::{Item, Measure, Measures, Unit};
use crate::label::normalize;
use crate::lang::Lang;
use crate::money;
use crate::read::completion::Completion;
use crate::read::target_value::{Comparator, TargetValue};
use crate::read::targets::{Target, Targets};
use crate::rules::{Derived, Formula, Rules};

/// A target's 完成情况 from its 实际完成值 in words.
fn tier_measure(target: &Target, tier: Completion, written: &str, lang: Lang) -> Measure {
    let goal = match &target.value {
        TargetValue::Unstated => lang.pick("未填年度指标值".to_string(), "none stated".to_string()),
        value => value.to_string(),
    };
    let mut measure = Measure::new(
        lang.pick(
            format!("“{}”完成情况", target.name),
            format!("completion of “{}”", target.name),
        ),
        tier.value(),
        Unit::Tier,
        lang.pick(
            format!("目标{goal}，实际{written}"),
            format!("target {goal}, actual {written}"),
        ),
    );
    measure.evidence = std::iter::once(target.at.clone())
        .chain(target.cells.actual.clone())
        .collect();
    measure.actual = Some(written.to_string());
    measure
}

/// A row nothing lets the evaluation score — no 年度指标值 to hold its actual against, or no
/// actual at all — kept at the 得分 the unit gave it (as a share of its 分值), and said to be
/// unchecked (未能复核) with the reason. `None` without both a 分值 and a 得分.
fn own_judgement(target: &Target, lang: Lang) -> Option<Measure> {
    let (points, claimed) = (target.points?, target.claimed?);
    let share = money::ratio(claimed, points)?;
    let actual = target.actual.as_deref().unwrap_or("");
    let reason = match (&target.value, actual.is_empty()) {
        (TargetValue::Unstated, true) => lang.pick(
            "未填年度指标值和实际完成值",
            "neither a target nor an actual is stated",
        ),
        (TargetValue::Unstated, false) => lang.pick(
            "未填年度指标值，实际完成值无从对照",
            "no target is stated to hold the actual against",
        ),
        _ => lang.pick("未填实际完成值", "no actual is stated"),
    };
    let detail = lang.pick(
        format!(
            "未能复核：{reason}，按单位自评得分{}分计（分值{}分）",
            claimed.normalize(),
            points.normalize()
        ),
        format!(
            "not re-checked: {reason}; the unit's own {} of {} points taken",
            claimed.normalize(),
            points.normalize()
        ),
    );
    let mut measure = Measure::new(
        lang.pick(
            format!("“{}”单位自评", target.name),
            format!("the unit's own score of “{}”", target.name),
        ),
        share,
        Unit::Claimed,
        detail,
    );
    measure.evidence = [Some(target.at.clone()), target.cells.claimed.clone()]
        .into_iter()
        .flatten()
        .collect();
    measure.actual = (!actual.is_empty()).then(|| actual.to_string());
    Some(measure)
}

/// A 实际完成值 written as a number, in the target's unit when it gives none (`96` beside
/// `≥95%` is 96 %).
fn actual_number(actual: &str, target_unit: &str) -> Option<Decimal> {
    let parsed = TargetValue::parse(actual);
    let TargetValue::Quantity { value, unit, .. } = &parsed else {
        return None;
    };
    if unit.is_empty() {
        return TargetValue::Quantity {
            comparator: Comparator::Exactly,
            value: *value,
            unit: target_unit.to_string(),
        }
        .base_value();
    }
    parsed.base_value()
}

/// The measure a target's name and unit point to, for a system that asks so (`infer_actuals`):
/// a satisfaction in % is the survey's; a count of people is the 受益统计 its name ends with
/// (`救助市直单位困难职工` counts 困难职工, `困难职工摸底建档` counts files, not people helped); an
/// upper bound in money under 成本指标 is the money spent.
pub fn inferred_actual(target: &Target, m: &Measures) -> Option<String> {
    let TargetValue::Quantity {
        comparator, unit, ..
    } = &target.value
    else {
        return None;
    };
    let name = normalize(&target.name);
    let found = match unit.as_str() {
        "%" if name.contains("满意") => Some("survey.satisfaction".to_string()),
        "人" | "人次" | "名" | "户" | "户次" => m
            .keys()
            .filter_map(|k| k.strip_prefix("beneficiaries."))
            .filter(|tally| name.ends_with(&normalize(tally)))
            .max_by_key(|tally| tally.len())
            .map(|tally| format!("beneficiaries.{tally}")),
        // A ceiling on the whole money, not a per-person or per-unit standard: of the order of
        // what was planned.
        "万元" | "元"
            if *comparator == Comparator::AtMost
                && (target.level2.contains("成本") || name.contains("预算"))
                && !["人均", "每", "标准", "单价", "平均"]
                    .iter()
                    .any(|w| name.contains(w))
                && of_the_order_of_the_plan(target, m) =>
        {
            Some("spent".to_string())
        }
        _ => None,
    };
    found.filter(|f| m.contains_key(f))
}

/// Whether a money target is within ten times of the fund's plan either way.
fn of_the_order_of_the_plan(target: &Target, m: &Measures) -> bool {
    let (Some(goal), Some(planned)) = (target.value.base_value(), m.get("planned")) else {
        return false;
    };
    goal * Decimal::TEN >= planned.value && goal <= planned.value * Decimal::TEN
}

/// The measure a target's actual value is read from: the rules' binding (`{年度}` made the
/// target's year), else the one its name and unit point to where the rules infer them.
fn bound_name(target: &Target, rules: &Rules, m: &Measures) -> Option<String> {
    let written = target.actual.as_deref().unwrap_or("");
    rules
        .target_actuals
        .iter()
        .find(|(t, _)| normalize(t) == normalize(&target.name))
        .map(|(_, name)| match target.year {
            Some(y) => super::parts::each_year(name, y),
            None => name.clone(),
        })
        .or_else(|| {
            (rules.infer_actuals && written.is_empty())
                .then(|| inferred_actual(target, m))
                .flatten()
        })
}

/// A year's target bound to money or a count of the whole fund (`控制预算 ≤340万元` of 2022
/// against all four years' spending): the measure, which is not the year's and is not used.
/// A rate (a satisfaction surveyed once) stands for every year.
pub fn whole_for_a_year(target: &Target, rules: &Rules, m: &Measures) -> Option<String> {
    target.year?;
    let per_year = rules
        .target_actuals
        .iter()
        .find(|(t, _)| normalize(t) == normalize(&target.name))
        .is_some_and(|(_, name)| name.contains(super::parts::EVERY_YEAR));
    if per_year {
        return None;
    }
    let name = bound_name(target, rules, m)?;
    m.get(&name)
        .is_some_and(|x| matches!(x.unit, Unit::Money | Unit::Count))
        .then_some(name)
}

/// The completion of every declared target whose actual value an input gives: a measure the
/// rules bind to it, or the form's own 实际完成值.
pub(super) fn target_measures(targets: &Targets, rules: &Rules, m: &mut Measures) {
    let lang = rules.lang;
    let mut unreasonable = Vec::new();
    // A target written `/` (不适用) has nothing to complete.
    let applicable = targets
        .targets
        .iter()
        .filter(|t| !matches!(t.value, TargetValue::NotApplicable { .. }));
    for target in applicable {
        let key = target.key();
        let written = target.actual.as_deref().unwrap_or("");
        if target.value == TargetValue::Unstated {
            // No 年度指标值: its actual in words, else the unit's own score.
            match Completion::parse(written) {
                Some(tier) => {
                    m.insert(key, tier_measure(target, tier, written, lang));
                }
                None => {
                    if let Some(own) = own_judgement(target, lang) {
                        m.insert(key, own);
                    }
                }
            }
            continue;
        }
        let bound = bound_name(target, rules, m)
            .filter(|_| whole_for_a_year(target, rules, m).is_none())
            .and_then(|name| m.get(&name));
        let goal = target.value.base_value();
        let (comparator, unit) = match &target.value {
            TargetValue::Quantity {
                comparator, unit, ..
            } => (Some(*comparator), unit.as_str()),
            _ => (None, ""),
        };
        // (actual in the measures' units, as text, evidence)
        let actual = match (bound, comparator) {
            (Some(a), _) => {
                let text = match a.unit {
                    Unit::Count => format!("{}{unit}", a.value.normalize()),
                    _ => a.display(),
                };
                Some((a.value, text, a.evidence.clone()))
            }
            (None, Some(_)) => {
                actual_number(written, unit).map(|v| (v, written.to_string(), Vec::new()))
            }
            (None, None) => None,
        };
        let (Some(comparator), Some(goal), Some((value, actual_text, evidence))) =
            (comparator, goal, actual)
        else {
            // A qualitative target, or a number written in words: its 完成情况 in the three tiers;
            // with no actual at all, the unit's own score where it gives one.
            let tier = Completion::of(written, &target.value.to_string());
            if let Some(tier) = tier {
                m.insert(key, tier_measure(target, tier, written, lang));
            } else if written.is_empty()
                && let Some(own) = own_judgement(target, lang)
            {
                m.insert(key, own);
            }
            continue;
        };
        let completion = match comparator {
            Comparator::AtMost if value <= goal => Some(Decimal::ONE),
            Comparator::AtMost => money::ratio(goal, value),
            _ if goal == Decimal::ZERO => Some(Decimal::ONE),
            _ => money::ratio(value, goal),
        };
        let Some(completion) = completion else {
            continue;
        };
        let detail = lang.pick(
            format!("目标{}，实际{actual_text}", target.value),
            format!("target {}, actual {actual_text}", target.value),
        );
        let mut measure = Measure::new(
            lang.pick(
                format!("“{}”完成率", target.name),
                format!("completion of “{}”", target.name),
            ),
            completion,
            Unit::Rate,
            detail,
        );
        measure.evidence = std::iter::once(target.at.clone()).chain(evidence).collect();
        measure.actual = Some(actual_text.clone());
        if comparator != Comparator::AtMost && completion < rules.unreasonable_below {
            unreasonable.push(Item {
                sentence: lang.pick(format!(
                    "“{}”目标值的设定不够合理：目标{}，实际{actual_text}，仅为目标值的{}",
                    target.name,
                    target.written,
                    money::fmt_percent(completion)
                ), format!(
                    "the target of “{}” was set unreasonably: target {}, actual {actual_text}, only {} of it",
                    target.name,
                    target.written,
                    money::fmt_percent(completion)
                )),
                evidence: measure.evidence.clone(),
            });
        }
        m.insert(key, measure);
    }
    m.insert(
        "targets.unreasonable".into(),
        Measure::count(
            lang.pick("目标值设定不合理的指标", "targets set unreasonably"),
            unreasonable,
        ),
    );
}

/// The rules file's own measures, each the ratio of two others.
pub(super) fn derived_measures(rules: &Rules, m: &mut Measures) {
    // A measure of the file may read another of the file's: computed in passes until none is
    // added, so that the order the file gives them in does not matter.
    let mut left: Vec<&Derived> = rules.derived.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|d| match derived(d, m, rules.lang) {
            Some(measure) => {
                m.insert(d.name.clone(), measure);
                false
            }
            None => true,
        });
        if left.len() == before {
            break;
        }
    }
}

/// A measure of the rules file, once the measures it reads are there (and the arithmetic
/// stays within range).
fn derived(d: &Derived, m: &Measures, lang: crate::lang::Lang) -> Option<Measure> {
    let operands: Vec<&Measure> = d
        .formula
        .operands()
        .iter()
        .map(|name| m.get(*name))
        .collect::<Option<_>>()?;
    let said = |x: &Measure| match lang {
        crate::lang::Lang::Zh => format!("{}{}", x.label, x.display()),
        crate::lang::Lang::En => format!("{} {}", x.label, x.display()),
    };
    // The operators as each language writes them between words.
    let op = |zh: &'static str, en: &'static str| lang.pick(zh, en);
    let joined = |sep: &str| {
        operands
            .iter()
            .map(|x| said(x))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let first = operands.first()?;
    let (value, unit, detail) = match &d.formula {
        Formula::Ratio(..) => {
            let q = operands.get(1)?;
            (
                money::ratio(first.value, q.value)?,
                Unit::Rate,
                joined(op("／", " / ")),
            )
        }
        Formula::Sum(_) => {
            let mut total = Decimal::ZERO;
            for x in &operands {
                total = total.checked_add(x.value)?;
            }
            (total, first.unit, joined(op("＋", " + ")))
        }
        Formula::Difference(..) => {
            let b = operands.get(1)?;
            (
                first.value.checked_sub(b.value)?,
                first.unit,
                joined(op("－", " − ")),
            )
        }
        Formula::Product(_) => {
            let mut product = Decimal::ONE;
            for x in &operands {
                product = product.checked_mul(x.value)?;
            }
            (product, first.unit, joined("×"))
        }
        Formula::Weighted(weights) => {
            let mut total = Decimal::ZERO;
            let mut parts = Vec::new();
            for (x, (_, w)) in operands.iter().zip(weights) {
                total = total.checked_add(x.value.checked_mul(*w)?)?;
                parts.push(format!("{}×{}", w.normalize(), said(x)));
            }
            (total, first.unit, parts.join(op("＋", " + ")))
        }
        Formula::Complement(_) => (
            Decimal::ONE.checked_sub(first.value)?,
            Unit::Rate,
            format!("1{}{}", op("－", " − "), said(first)),
        ),
        Formula::Trend(_) => {
            let steps: Vec<(Decimal, Decimal)> = operands
                .windows(2)
                .filter_map(|w| Some((w.first()?.value, w.get(1)?.value)))
                .collect();
            let (value, word) = if steps.iter().all(|(a, b)| b > a) {
                (Decimal::ONE, ("逐年增加", "rising every year"))
            } else if steps.iter().all(|(a, b)| b >= a) {
                (Decimal::new(5, 1), ("持平", "level"))
            } else {
                (Decimal::ZERO, ("下降", "falling"))
            };
            (
                value,
                Unit::Rate,
                format!(
                    "{}{}{}",
                    joined("→"),
                    lang.pick("：", ": "),
                    lang.pick(word.0, word.1)
                ),
            )
        }
        Formula::Change(..) => {
            let later = operands.get(1)?;
            let change = money::ratio(later.value.checked_sub(first.value)?, first.value)?;
            (change, Unit::Rate, joined("→"))
        }
    };
    let mut measure = Measure::new(d.label.clone(), value, unit, detail);
    // Operands of one finding kind (its count and money shares) point at the same cells.
    let mut evidence: Vec<crate::location::CellRef> = Vec::new();
    for cell in operands.iter().flat_map(|x| &x.evidence) {
        if !evidence.contains(cell) {
            evidence.push(cell.clone());
        }
    }
    measure.evidence = evidence;
    Some(measure)
}

/// The 计数 sheet's counts, each a measure at its cell.
pub(super) fn count_measures(targets: &Targets, lang: crate::lang::Lang, m: &mut Measures) {
    for c in &targets.counts {
        let label = match c.year {
            Some(y) => lang.pick(format!("{y}年{}", c.name), format!("{} ({y})", c.name)),
            None => c.name.clone(),
        };
        let mut measure = Measure::new(
            label,
            c.value,
            Unit::Count,
            lang.pick("评价组计数", "counted by the evaluators"),
        );
        measure.evidence = vec![c.at.clone()];
        m.insert(c.key(), measure);
    }
}

/// The 实际完成值 no tier reads, on targets nothing else gives an actual for (no measure was
/// made for them): each with its cell, for the evaluation to refuse. A target bound to a
/// measure of the inputs is read from that, whatever its 实际完成值 says.
pub fn unreadable_actuals(
    targets: &Targets,
    rules: &Rules,
    m: &Measures,
) -> Vec<(crate::location::CellRef, String)> {
    // Only targets the system scores: one whose system reads no target has no use for them.
    let scored = |t: &Target| {
        let key = t.key();
        rules.tree.iter().any(|l1| {
            l1.from_targets.as_ref().is_some_and(|from| {
                from.level1
                    .iter()
                    .any(|l| normalize(l) == normalize(&t.level1))
            }) || l1.children.iter().flat_map(|l2| &l2.children).any(|i| {
                i.measure.as_deref() == Some(key.as_str())
                    || i.parts.iter().any(|p| p.measure == key)
            })
        })
    };
    targets
        .targets
        .iter()
        .filter(|t| scored(t))
        .filter(|t| {
            !matches!(
                t.value,
                TargetValue::NotApplicable { .. } | TargetValue::Unfilled { .. }
            )
        })
        .filter(|t| !m.contains_key(&t.key()))
        .filter_map(|t| {
            let actual = t.actual.as_deref()?;
            let readable = match &t.value {
                TargetValue::Quantity { .. } => {
                    matches!(TargetValue::parse(actual), TargetValue::Quantity { .. })
                        || Completion::parse(actual).is_some()
                }
                value => Completion::of(actual, &value.to_string()).is_some(),
            };
            (!readable).then(|| {
                (
                    t.cells.actual.clone().unwrap_or_else(|| t.at.clone()),
                    actual.to_string(),
                )
            })
        })
        .collect()
}
