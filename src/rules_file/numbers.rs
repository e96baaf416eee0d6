//! A rule's numbers checked before they score: points and parameters within bounds, shares
//! from 0 to 1, `full` above `zero`.

use rust_decimal::Decimal;

use crate::error::BadNumbers;
use crate::rules::Rule;

/// The largest number a rules file may give for points or a rule's parameters: larger is a
/// typo, and would only make arithmetic overflow.
const LARGEST: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

pub(super) fn points_in_range(points: Decimal) -> std::result::Result<(), BadNumbers> {
    if points < Decimal::ZERO || points > LARGEST {
        return Err(BadNumbers::Points(points));
    }
    Ok(())
}

/// A rule whose numbers make sense: shares and rates within bounds, `full` above `zero`.
pub(super) fn sane(rule: &Rule) -> std::result::Result<(), BadNumbers> {
    let bounded = |x: &Decimal| x.abs() <= LARGEST;
    match rule {
        Rule::Linear { full_at, zero_at }
            if full_at <= zero_at || !bounded(full_at) || !bounded(zero_at) =>
        {
            Err(BadNumbers::Linear {
                full: *full_at,
                zero: *zero_at,
            })
        }
        Rule::Bands(bands)
            if bands.iter().any(|(min, share)| {
                !bounded(min) || *share < Decimal::ZERO || *share > Decimal::ONE
            }) =>
        {
            Err(BadNumbers::Bands)
        }
        Rule::Threshold { min } if !bounded(min) => Err(BadNumbers::Threshold),
        Rule::PerItem { each, cap }
            if *each <= Decimal::ZERO
                || !bounded(each)
                || cap.is_some_and(|c| c < Decimal::ZERO || !bounded(&c)) =>
        {
            Err(BadNumbers::PerItem)
        }
        Rule::Tiers {
            met,
            partly,
            not_met,
        } if [met, partly, not_met]
            .iter()
            .any(|x| **x < Decimal::ZERO || **x > Decimal::ONE) =>
        {
            Err(BadNumbers::Tiers)
        }
        Rule::Steps {
            target,
            per,
            off,
            tolerance,
            ..
        } if *per <= Decimal::ZERO
            || *off < Decimal::ZERO
            || *tolerance < Decimal::ZERO
            || [target, per, off, tolerance].iter().any(|x| !bounded(x)) =>
        {
            Err(BadNumbers::Steps)
        }
        Rule::Slope {
            base,
            at_base,
            per,
            each,
            min,
            max,
        } if *per <= Decimal::ZERO
            || *min < Decimal::ZERO
            || min > max
            || [base, at_base, per, each, min].iter().any(|x| !bounded(x))
            || (*max != Decimal::MAX && !bounded(max)) =>
        {
            Err(BadNumbers::Slope)
        }
        Rule::Checklist(items)
            if items
                .iter()
                .any(|i| i.points.is_some_and(|p| p < Decimal::ZERO || !bounded(&p)))
                || (items.iter().any(|i| i.points.is_some())
                    && items.iter().any(|i| i.points.is_none())) =>
        {
            Err(BadNumbers::ChecklistPoints)
        }
        _ => Ok(()),
    }
}

/// A slope's bounds within the points it scores: `最高6分` on a 5-point indicator would be written
/// in the 评分标准 and never reached, the table and the computation disagreeing.
pub(super) fn within_points(rule: &Rule, points: Decimal) -> std::result::Result<(), BadNumbers> {
    if let Rule::Slope { at_base, max, .. } = rule
        && (*at_base > points || (*max != Decimal::MAX && *max > points))
    {
        return Err(BadNumbers::SlopeBeyondPoints {
            highest: if *max == Decimal::MAX {
                *at_base
            } else {
                (*max).max(*at_base)
            },
            points,
        });
    }
    Ok(())
}

/// A weighted checklist's items add up to the indicator's points.
pub(super) fn checklist_adds_up(
    rule: &Rule,
    points: Decimal,
) -> std::result::Result<(), BadNumbers> {
    if let Rule::Checklist(items) = rule
        && items.iter().all(|i| i.points.is_some())
        && !items.is_empty()
    {
        let sum: Decimal = items.iter().filter_map(|i| i.points).sum();
        if sum != points {
            return Err(BadNumbers::ChecklistSum { sum, points });
        }
    }
    Ok(())
}

/// The default rule for qualitative targets: the three national tiers, each at its top
/// (财预〔2020〕10号 第十六条: 100%–80%, 80%–60%, 60%–0%).
pub(super) fn national_tiers() -> Rule {
    Rule::Tiers {
        met: Decimal::ONE,
        partly: Decimal::new(8, 1),
        not_met: Decimal::new(6, 1),
    }
}
