//! A rule in words (评分标准), written from the rule itself so that the table and the
//! computation cannot disagree.

use rust_decimal::Decimal;

use crate::glossary::points as fmt_points;
use crate::lang::Lang;
use crate::measure::Unit;
use crate::money;
use crate::rules::{Rule, StepCount, StepSide};

pub(super) fn percent(d: Decimal) -> String {
    money::fmt_percent(d).replace(".00%", "%")
}

/// The rule in words, in Chinese.
#[cfg(test)]
pub(super) fn criterion(rule: &Rule, label: &str) -> String {
    criterion_in(rule, label, Lang::Zh)
}

/// The rule in words (评分标准), in `lang`, for a measure that is a rate (or not known).
pub fn criterion_in(rule: &Rule, label: &str, lang: Lang) -> String {
    criterion_with(rule, label, None, lang)
}

/// A level a measure is compared with, in the measure's unit: `95%`, `340万元`, `12`.
fn level(x: Decimal, unit: Option<Unit>, lang: Lang) -> String {
    match unit {
        Some(Unit::Money) => wan(x, lang),
        Some(Unit::Count) => x.normalize().to_string(),
        _ => percent(x),
    }
}

/// A step or tolerance in the measure's unit: `1个百分点` of a rate, `10万元` of money, `5` of a
/// count.
fn step_in(x: Decimal, unit: Option<Unit>, lang: Lang) -> String {
    match unit {
        Some(Unit::Money) => wan(x, lang),
        Some(Unit::Count) => x.normalize().to_string(),
        _ => points_of_percent(x, lang),
    }
}

/// Money as reports write a level of it: `340万元` / `3,400,000 yuan`.
fn wan(x: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}万元", (x / money::WAN).normalize()),
        Lang::En => format!("{} yuan", x.normalize()),
    }
}

/// The rule in words (评分标准), in `lang`, with its levels and steps in the measure's unit.
pub fn criterion_with(rule: &Rule, label: &str, unit: Option<Unit>, lang: Lang) -> String {
    match rule {
        Rule::Proportional => lang.pick(format!("得分=分值×{label}，最高得满分"), format!("score = points × {label}, at most full points")),
        Rule::Linear { full_at, zero_at } => {
            let step = money::round(money::ratio(Decimal::ONE, *full_at - *zero_at).unwrap_or_default(), 2);
            lang.pick(format!(
                "{label}达到{}得满分，每降低1%扣{}%分值，不高于{}不得分",
                percent(*full_at),
                step.normalize(),
                percent(*zero_at)
            ), format!(
                "{label} at {}: full points; {}% of the points off per 1% below; nothing at {} or below",
                percent(*full_at),
                step.normalize(),
                percent(*zero_at)
            ))
        }
        Rule::Bands(bands) => {
            let mut parts: Vec<String> = bands
                .iter()
                .map(|(min, share)| {
                    let gets = if *share == Decimal::ONE {
                        lang.pick("得满分", "full points").to_string()
                    } else {
                        lang.pick(format!("得{}分值", percent(*share)), format!("{} of the points", percent(*share)))
                    };
                    if *min == Decimal::ZERO {
                        lang.pick(format!("其余{gets}"), format!("otherwise {gets}"))
                    } else {
                        lang.pick(format!("{label}≥{}{gets}", percent(*min)), format!("{label} ≥ {}: {gets}", percent(*min)))
                    }
                })
                .collect();
            if let Some((min, _)) = bands.last().filter(|(min, _)| *min > Decimal::ZERO) {
                parts.push(lang.pick(format!("低于{}不得分", percent(*min)), format!("below {}: nothing", percent(*min))));
            }
            parts.join(lang.pick("；", "; "))
        }
        Rule::PerItem { each, cap } => match cap {
            Some(cap) => lang.pick(format!(
                "每发现一例{label}扣{}分，最多扣{}分",
                fmt_points(*each),
                fmt_points(*cap)
            ), format!(
                "{} off per {label} found, at most {}",
                fmt_points(*each),
                fmt_points(*cap)
            )),
            None => lang.pick(format!("每发现一例{label}扣{}分，扣完为止", fmt_points(*each)), format!("{} off per {label} found, down to zero", fmt_points(*each))),
        },
        Rule::Threshold { min } => lang.pick(format!("{label}达到{}得满分，否则不得分", percent(*min)), format!("{label} at {} or above: full points, else nothing", percent(*min))),
        Rule::Checklist(items) if items.iter().all(|i| i.points.is_some()) && !items.is_empty() => {
            let numbered: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let p = fmt_points(item.points.unwrap_or_default());
                    lang.pick(
                        format!("{}{}{p}分", circled(i), item.item),
                        format!("{}{} {p}", circled(i), item.item),
                    )
                })
                .collect();
            lang.pick(
                format!("{}；不符合的要点扣除该要点分值", numbered.join("；")),
                format!("{}; an item not met loses its points", numbered.join("; ")),
            )
        }
        Rule::Steps {
            target,
            per,
            off,
            side,
            tolerance,
            count,
        } => {
            let step = step_in(*per, unit, lang);
            let off = fmt_points(*off);
            let counted = match (count, lang) {
                (StepCount::Fraction, _) => String::new(),
                (StepCount::Whole, Lang::Zh) => format!("（不足{step}不扣）"),
                (StepCount::Whole, Lang::En) => " (part of a step: nothing)".to_string(),
                (StepCount::Started, Lang::Zh) => format!("（不足{step}按{step}计）"),
                (StepCount::Started, Lang::En) => " (part of a step counts as one)".to_string(),
            };
            let (t, tol) = (level(*target, unit, lang), step_in(*tolerance, unit, lang));
            match (side, lang) {
                (StepSide::Below, Lang::Zh) if tolerance.is_zero() => format!("{label}达到{t}得满分，每降低{step}扣{off}分{counted}，扣完为止"),
                (StepSide::Below, Lang::Zh) => format!("{label}不低于{t}减{tol}得满分，再每降低{step}扣{off}分{counted}，扣完为止"),
                (StepSide::Above, Lang::Zh) if tolerance.is_zero() => format!("{label}不超过{t}得满分，每超出{step}扣{off}分{counted}，扣完为止"),
                (StepSide::Above, Lang::Zh) => format!("{label}不超过{t}加{tol}得满分，再每超出{step}扣{off}分{counted}，扣完为止"),
                (StepSide::Both, Lang::Zh) => format!("{label}偏离{t}±{tol}以内得满分，每再偏离{step}扣{off}分{counted}，扣完为止"),
                (StepSide::Below, Lang::En) => format!("{label} at {t}{}: full points; {off} off per {step} below{counted}, down to zero", minus(&tol, tolerance)),
                (StepSide::Above, Lang::En) => format!("{label} at most {t}{}: full points; {off} off per {step} above{counted}, down to zero", plus(&tol, tolerance)),
                (StepSide::Both, Lang::En) => format!("{label} within ±{tol} of {t}: full points; {off} off per {step} further{counted}, down to zero"),
            }
        }
        Rule::Slope {
            base,
            at_base,
            per,
            each,
            min,
            max,
        } => {
            let step = step_in(*per, unit, lang);
            let (b, a, e, lo) = (level(*base, unit, lang), fmt_points(*at_base), fmt_points(*each), fmt_points(*min));
            let hi = if *max == Decimal::MAX {
                lang.pick("满分", "full points").to_string()
            } else {
                lang.pick(format!("{}分", fmt_points(*max)), fmt_points(*max))
            };
            lang.pick(
                format!("以{b}为基准得{a}分，{label}每高{step}加{e}分、每低{step}减{e}分，最高{hi}，最低{lo}分"),
                format!("{a} at {b}; {e} more per {step} of {label} above it and {e} less per {step} below; at most {hi}, at least {lo}"),
            )
        }
        Rule::Checklist(items) => {
            let numbered: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{}{}", circled(i), item.item))
                .collect();
            lang.pick(format!(
                "{}；各要点占分值的1/{}，不符合的要点扣除相应分值",
                numbered.join(lang.pick("；", "; ")),
                items.len()
            ), format!(
                "{}; each point is 1/{} of the points, deducted when not met",
                numbered.join("; "),
                items.len()
            ))
        }
        Rule::Tiers {
            met,
            partly,
            not_met,
        } => lang.pick(format!(
            "达成年度指标得{}分值；部分达成并具有一定效果得{}分值；未达成且效果较差得{}分值",
            percent(*met),
            percent(*partly),
            percent(*not_met)
        ), format!(
            "met: {} of the points; partly met: {}; not met: {}",
            percent(*met),
            percent(*partly),
            percent(*not_met)
        )),
        Rule::Manual => lang.pick("由评价组根据资料核查和现场调研情况评分，扣分见评价发现", "scored by the evaluators from the documents and the site visit; deductions in their findings").into(),
    }
}

/// A step or tolerance in percentage points, as reports write them: `1个百分点` / `1 point`.
fn points_of_percent(x: Decimal, lang: Lang) -> String {
    let p = (x * Decimal::ONE_HUNDRED).normalize();
    lang.pick(format!("{p}个百分点"), format!("{p} percentage point(s)"))
}

/// ` less 2 percentage point(s)` where a tolerance is given, for the English wording.
fn minus(tol: &str, tolerance: &Decimal) -> String {
    if tolerance.is_zero() {
        String::new()
    } else {
        format!(" less {tol}")
    }
}

fn plus(tol: &str, tolerance: &Decimal) -> String {
    if tolerance.is_zero() {
        String::new()
    } else {
        format!(" plus {tol}")
    }
}

/// ①, ②, … for checklist points (要点).
pub(super) fn circled(i: usize) -> String {
    char::from_u32(0x2460 + i as u32)
        .filter(|_| i < 20)
        .map_or(format!("({})", i + 1), |c| c.to_string())
}
