//! A 自评表's own weights (分值): kept wherever the form states them.
//!
//! The national self-evaluation weights (产出 50 / 效益 30 / 满意度 10 / 执行率 10) are a default
//! 财预〔2020〕10号 第十三条 allows to be adjusted, and a form that weights its rows 10 each has
//! said how it weights them. Rescaling them to the default quietly changes what every row is
//! worth, so the form's 分值 stand; the system's weights fill in only for rows and dimensions
//! that state none. Where the form's weights do not add up to its 总分, the evaluation refuses
//! unless the rules file says which to follow (`[targets] points`).

use rust_decimal::Decimal;

use super::apportion;
use crate::location::CellRef;
use crate::read::target_value::TargetValue;
use crate::read::targets::Target;
use crate::rules::{FormPoints, FromTargets, Level1, Rules};

/// How a system reads the 分值 of the declared targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weighting {
    /// Each dimension keeps the system's points, its rows sharing them in proportion to their
    /// 分值 (equally where none is stated): a system of its own weights (key-eval), or a form
    /// that states no 分值.
    System,
    /// The form's own 分值 stand (自评, `own_points`), their total checked against the form's
    /// 总分 and what to do when it misses said by `[targets] points`.
    Own(FormPoints),
}

/// The weighting of `targets` under `rules`.
pub fn weighting(rules: &Rules, targets: &[Target]) -> Weighting {
    if rules.own_points && targets.iter().any(|t| t.points.is_some()) {
        Weighting::Own(rules.form_points)
    } else {
        Weighting::System
    }
}

impl Weighting {
    /// Whether the form's 分值 are kept as written.
    fn keeps_the_forms(self) -> bool {
        matches!(self, Weighting::Own(FormPoints::Refuse | FormPoints::Form))
    }
}

/// The targets of a dimension drawn from the declaration. A row marked `/` is no indicator
/// and the others share its points — except where the form's own 分值 stand and it states
/// one: then it is an indicator left out (不适用的指标不考核), and the total is brought back
/// to the form's over the rows that apply, as 财预〔2020〕10号 says.
pub fn picked<'t>(
    from: &FromTargets,
    targets: &'t [Target],
    weighting: Weighting,
) -> Vec<&'t Target> {
    let normalize = crate::label::normalize;
    targets
        .iter()
        .filter(|t| {
            from.level1
                .iter()
                .any(|l| normalize(l) == normalize(&t.level1))
        })
        .filter(|t| {
            !matches!(t.value, TargetValue::NotApplicable { .. })
                || (weighting.keeps_the_forms() && t.points.is_some())
        })
        .collect()
}

/// The points of one dimension drawn from the declared targets and of each of its rows.
pub struct Section {
    pub points: Decimal,
    pub rows: Vec<Decimal>,
}

/// The weights of the rows `picked` of the dimension `l1`: the form's 分值 where they stand;
/// the dimension's points shared equally where none is stated; or the dimension's points
/// shared in proportion to the form's 分值 where the system's weights hold.
pub fn section(l1: &Level1, picked: &[&Target], weighting: Weighting) -> Section {
    let given: Vec<Option<Decimal>> = picked.iter().map(|t| t.points).collect();
    let stated: Decimal = given.iter().flatten().sum();
    let n_stated = given.iter().flatten().count();
    let equal = |points: Decimal, n: usize| apportion(points, &vec![Decimal::ONE; n]);
    // A form that weights its rows and has none under this dimension gives it nothing.
    if picked.is_empty() && weighting.keeps_the_forms() {
        return Section {
            points: Decimal::ZERO,
            rows: Vec::new(),
        };
    }
    if n_stated == 0 || stated <= Decimal::ZERO {
        return Section {
            points: l1.points,
            rows: equal(l1.points, picked.len()),
        };
    }
    // A row without a 分值 among rows with one weighs as their average.
    let average = stated / Decimal::from(n_stated);
    let weights: Vec<Decimal> = given.iter().map(|g| g.unwrap_or(average)).collect();
    if !weighting.keeps_the_forms() {
        return Section {
            points: l1.points,
            rows: apportion(l1.points, &weights),
        };
    }
    if n_stated == picked.len() {
        return Section {
            points: stated,
            rows: weights,
        };
    }
    let left = l1.points - stated;
    let unstated = picked.len() - n_stated;
    if left > Decimal::ZERO {
        // The rows without a 分值 share what the stated ones leave of the dimension.
        let mut shares = equal(left, unstated).into_iter();
        let rows = given
            .iter()
            .map(|g| g.unwrap_or_else(|| shares.next().unwrap_or_default()))
            .collect();
        return Section {
            points: l1.points,
            rows,
        };
    }
    // The stated rows fill the dimension already: every row at the average, the form's sum
    // and more.
    let points = weights.iter().sum();
    Section {
        points,
        rows: weights,
    }
}

/// A form's weights set against its total: what they add up to (with the system's dimensions
/// that draw on no target), the total they should make, and the cells that say so.
#[derive(Debug, Clone)]
pub struct Mismatch {
    pub sum: Decimal,
    pub total: Decimal,
    /// The 总分 row's 分值 cell, when the form prints one; else the total is the system's.
    pub total_at: Option<CellRef>,
    /// Each dimension's name, its points as the form weights it, and the 分值 cells behind them.
    pub sections: Vec<(String, Decimal, Vec<CellRef>)>,
}

/// Whether the form's own 分值 make its 总分 (or the system's total, when it prints none); `None`
/// when they do, when they do not stand, or when the rules say which to follow.
pub fn mismatch(
    rules: &Rules,
    targets: &[Target],
    total: Option<(Decimal, CellRef)>,
) -> Option<Mismatch> {
    let weighting = weighting(rules, targets);
    if weighting != Weighting::Own(FormPoints::Refuse) {
        return None;
    }
    let mut sum = Decimal::ZERO;
    let mut sections = Vec::new();
    for l1 in &rules.tree {
        let Some(from) = &l1.from_targets else {
            sum += l1.points;
            sections.push((l1.name.clone(), l1.points, Vec::new()));
            continue;
        };
        let picked = picked(from, targets, weighting);
        let section = section(l1, &picked, weighting);
        sum += section.points;
        let cells = picked
            .iter()
            .filter_map(|t| t.points.and(t.cells.points.clone()))
            .collect();
        sections.push((l1.name.clone(), section.points, cells));
    }
    let (total, total_at) = match total {
        Some((points, at)) => (points, Some(at)),
        None => (rules.total, None),
    };
    (sum != total).then_some(Mismatch {
        sum,
        total,
        total_at,
        sections,
    })
}

/// The rows whose weight is not the form's, where the rules follow the system's weights over a
/// form whose own would stand: (row, the form's 分值, the points it scores at).
pub fn changed(rules: &Rules, targets: &[Target]) -> Vec<(String, Decimal, Decimal)> {
    let weighting = weighting(rules, targets);
    if weighting != Weighting::Own(FormPoints::System) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for l1 in &rules.tree {
        let Some(from) = &l1.from_targets else {
            continue;
        };
        let picked = picked(from, targets, weighting);
        let section = section(l1, &picked, weighting);
        for (t, points) in picked.iter().zip(section.rows) {
            if let Some(given) = t.points
                && given != points
            {
                out.push((t.named(rules.lang), given, points));
            }
        }
    }
    out
}

/// The 执行率 row's own 分值, where the form states one: the dimension that is the execution
/// rate alone (the self-eval system's 预算执行率) is worth it, like any other row of the form.
pub fn execution_points(rules: &mut Rules, points: Decimal) {
    if !rules.own_points {
        return;
    }
    for l1 in rules.tree.iter_mut().filter(|l1| l1.from_targets.is_none()) {
        let only_execution = l1.children.len() == 1
            && l1.children.iter().all(|l2| {
                l2.children.len() == 1
                    && l2
                        .children
                        .iter()
                        .all(|i| i.measure.as_deref() == Some(EXECUTION) && i.parts.is_empty())
            });
        if only_execution {
            l1.points = points;
            for l2 in &mut l1.children {
                l2.points = points;
                for i in &mut l2.children {
                    i.points = points;
                }
            }
        }
    }
}

/// The measure the form's 执行率 row is.
pub const EXECUTION: &str = "execution_rate_budget";
