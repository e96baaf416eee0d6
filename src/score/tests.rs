//! Unit tests of the module beside.
use super::*;
use crate::measure::{Item, Unit};
use crate::read::targets::ManualScore;
use crate::rules::ChecklistItem;
use rust_decimal_macros::dec;

fn rate(v: Decimal) -> Measure {
    Measure {
        label: "资金到位率".into(),
        value: v,
        unit: Unit::Rate,
        detail: String::new(),
        evidence: Vec::new(),
        items: Vec::new(),
        actual: None,
        lang: Lang::Zh,
    }
}

fn ind(points: Decimal, rule: Rule) -> Indicator {
    Indicator {
        name: "x".into(),
        code: None,
        points,
        measure: Some("m".into()),
        rule,
        unchecked_note: None,
        parts: Vec::new(),
        round_parts: false,
        reading: None,
    }
}

#[test]
fn linear_rule_is_full_at_100_and_zero_at_80() {
    let rule = Rule::Linear {
        full_at: dec!(1),
        zero_at: dec!(0.8),
    };
    let s = |v| apply(&ind(dec!(4), rule.clone()), Some(&rate(v))).0;
    assert_eq!(s(dec!(1.2)), dec!(4));
    assert_eq!(s(dec!(0.9)), dec!(2));
    assert_eq!(s(dec!(0.97)), dec!(3.4));
    assert_eq!(s(dec!(0.8)), dec!(0));
    assert_eq!(s(dec!(0.4411)), dec!(0));
    let (_, d) = apply(&ind(dec!(4), rule.clone()), Some(&rate(dec!(0.44114705))));
    assert_eq!(d[0].reason, "资金到位率44.11%，扣4分");
    let mut detailed = rate(dec!(0.44114705));
    detailed.detail = "到位149.99万元／预算340.00万元".into();
    let (_, d) = apply(&ind(dec!(4), rule.clone()), Some(&detailed));
    assert_eq!(
        d[0].reason,
        "资金到位率44.11%（到位149.99万元／预算340.00万元），扣4分"
    );
    assert_eq!(
        criterion(&rule, "资金到位率"),
        "资金到位率达到100%得满分，每降低1%扣5%分值，不高于80%不得分"
    );
}

#[test]
fn proportional_scores_round_half_away_from_zero() {
    // 3 × 0.845 = 2.535 exactly: banker's rounding would give 2.53.
    let (s, d) = apply(&ind(dec!(3), Rule::Proportional), Some(&rate(dec!(0.845))));
    assert_eq!(s, dec!(2.54));
    assert_eq!(d[0].points, dec!(0.46));
}

#[test]
fn bands_take_the_first_band_reached() {
    let rule = Rule::Bands(vec![
        (dec!(1), dec!(1)),
        (dec!(0.8), dec!(0.75)),
        (dec!(0), dec!(0.5)),
    ]);
    let s = |v| apply(&ind(dec!(8), rule.clone()), Some(&rate(v))).0;
    assert_eq!(s(dec!(1.5)), dec!(8));
    assert_eq!(s(dec!(0.8)), dec!(6));
    assert_eq!(s(dec!(0.3266)), dec!(4));
    assert_eq!(
        criterion(&rule, "完成率"),
        "完成率≥100%得满分；完成率≥80%得75%分值；其余得50%分值"
    );
}

#[test]
fn shares_add_up_to_the_dimension_exactly() {
    let nine = apportion(dec!(50), &[dec!(1); 9]);
    assert_eq!(nine.iter().sum::<Decimal>(), dec!(50));
    assert_eq!(nine.iter().filter(|s| **s == dec!(5.56)).count(), 5);
    assert_eq!(
        apportion(dec!(50), &[dec!(1); 6]).iter().sum::<Decimal>(),
        dec!(50)
    );
    assert_eq!(
        apportion(dec!(30), &[dec!(8), dec!(8), dec!(4)]),
        [dec!(12), dec!(12), dec!(6)]
    );
}

#[test]
fn qualitative_targets_score_by_tier() {
    let rule = Rule::Tiers {
        met: dec!(1),
        partly: dec!(0.8),
        not_met: dec!(0.6),
    };
    let s = |v| apply(&ind(dec!(5), rule.clone()), Some(&rate(v))).0;
    assert_eq!(
        (s(dec!(1)), s(dec!(0.5)), s(dec!(0))),
        (dec!(5), dec!(4), dec!(3))
    );
    let threshold = Rule::Threshold { min: dec!(0.8) };
    let t = |v| apply(&ind(dec!(5), threshold.clone()), Some(&rate(v))).0;
    assert_eq!((t(dec!(0.8)), t(dec!(0.79))), (dec!(5), dec!(0)));
    assert_eq!(
        criterion(&Rule::Checklist(vec!["甲".into(), "乙".into()]), ""),
        "①甲；②乙；各要点占分值的1/2，不符合的要点扣除相应分值"
    );
}

#[test]
fn per_item_deductions_stop_at_the_cap() {
    let item = |s: &str| Item {
        sentence: s.into(),
        evidence: Vec::new(),
    };
    let mut m = rate(dec!(3));
    m.unit = Unit::Count;
    m.items = vec![item("甲"), item("乙"), item("丙")];
    let (s, d) = apply(
        &ind(
            dec!(4),
            Rule::PerItem {
                each: dec!(1.5),
                cap: None,
            },
        ),
        Some(&m),
    );
    assert_eq!(s, dec!(0));
    let reasons: Vec<&str> = d.iter().map(|d| d.reason.as_str()).collect();
    assert_eq!(reasons, ["甲，扣1.5分", "乙，扣1.5分", "丙，扣1分"]);
    let (s, _) = apply(
        &ind(
            dec!(4),
            Rule::PerItem {
                each: dec!(1.5),
                cap: Some(dec!(2)),
            },
        ),
        Some(&m),
    );
    assert_eq!(s, dec!(2));
}

/// Regression: a 评价发现 against an indicator left out as 不适用 deducted nothing and was
/// listed nowhere.
#[test]
fn finding_against_a_left_out_indicator_is_listed_as_unapplied() {
    let mut rules = Rules::changde_2019();
    rules.missing = Missing::Rescale;
    rules.min_applicable = Decimal::ZERO;
    let measures: Measures = [("funds_arrival_rate".to_string(), rate(dec!(1)))]
        .into_iter()
        .collect();
    let at = |row| CellRef::new(&"targets.xlsx".into(), &"评价发现".into(), row, 0);
    let finding = |name: &str, row| ManualFinding {
        indicator: name.into(),
        points: dec!(1),
        reason: "r".into(),
        basis: String::new(),
        at: at(row),
    };
    let findings = [finding("预算执行率", 1), finding("资金到位率", 2)];
    let card = score(&rules, &measures, &findings, &[], &[]).expect("scored");
    let unapplied: Vec<&str> = card
        .unapplied
        .iter()
        .map(|f| f.indicator.as_str())
        .collect();
    assert_eq!(unapplied, ["预算执行率"]);
}

/// A finding may name its indicator by code (`B102`), and with other brackets' widths.
#[test]
fn a_finding_names_its_indicator_by_code() {
    let mut rules = Rules::changde_2019();
    rules.missing = Missing::Rescale;
    rules.min_applicable = Decimal::ZERO;
    for ind in rules
        .tree
        .iter_mut()
        .flat_map(|l1| &mut l1.children)
        .flat_map(|l2| &mut l2.children)
    {
        if ind.name == "资金到位率" {
            ind.code = Some("B102".into());
        }
    }
    let measures: Measures = [("funds_arrival_rate".to_string(), rate(dec!(1)))]
        .into_iter()
        .collect();
    let at = CellRef::new(&"targets.xlsx".into(), &"评价发现".into(), 1, 0);
    let finding = |name: &str| ManualFinding {
        indicator: name.into(),
        points: dec!(1),
        reason: "到位迟".into(),
        basis: String::new(),
        at: at.clone(),
    };
    let card = score(&rules, &measures, &[finding("B102")], &[], &[]).expect("scored");
    let arrival = card
        .indicators
        .iter()
        .find(|i| i.path[2] == "资金到位率")
        .expect("there");
    assert_eq!(arrival.deductions.last().map(|d| d.points), Some(dec!(1)));
    let err = score(&rules, &measures, &[finding("B103")], &[], &[]).unwrap_err();
    assert!(
        err.message(Lang::Zh)
            .contains("评价发现所指的指标“B103”不在指标体系 changde-2019 中"),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(err.message(Lang::Zh).contains("B102 资金到位率"));
}

/// Regression: `--preset self-eval` on the sample graded 96.10 / 优 from the 10 of 100
/// points that found a measure.
#[test]
fn a_grade_from_a_sliver_of_the_system_is_withheld() {
    let mut rules = Rules::changde_2019();
    rules.missing = Missing::Rescale;
    let measures: Measures = [("funds_arrival_rate".to_string(), rate(dec!(1)))]
        .into_iter()
        .collect();
    let err = score(&rules, &measures, &[], &[], &[]).unwrap_err();
    let said = err.message(Lang::En);
    assert!(
        said.starts_with("the indicator system changde-2019: only 52 of 100 points (52.00%) have an actual value to score, below 60.00%, so no total or grade is given"),
        "{said}"
    );
    assert!(
        said.contains("过程/资金管理/预算执行率 (execution_rate)"),
        "{said}"
    );
    rules.min_applicable = dec!(0.5);
    assert_eq!(
        score(&rules, &measures, &[], &[], &[])
            .expect("scored")
            .rescaled_from,
        Some(dec!(52))
    );
}

/// Issue 17: "每降低1个百分点扣0.5分，扣完为止", in proportion, by whole steps and by steps begun.
#[test]
fn steps_deduct_per_step_below_the_target_down_to_zero() {
    let rule = |count| Rule::Steps {
        target: dec!(0.95),
        per: dec!(0.01),
        off: dec!(0.5),
        side: StepSide::Below,
        tolerance: dec!(0),
        count,
    };
    let s = |count, v| apply(&ind(dec!(5), rule(count)), Some(&rate(v))).0;
    // 95% and above: full.
    assert_eq!(s(StepCount::Fraction, dec!(0.97)), dec!(5));
    // 92.5%: 2.5 points below, 1.25 off in proportion, 1 by whole steps, 1.5 by steps begun.
    assert_eq!(s(StepCount::Fraction, dec!(0.925)), dec!(3.75));
    assert_eq!(s(StepCount::Whole, dec!(0.925)), dec!(4));
    assert_eq!(s(StepCount::Started, dec!(0.925)), dec!(3.5));
    // 80%: 15 points below would take 7.5 of 5: nothing is left, and no less.
    assert_eq!(s(StepCount::Fraction, dec!(0.80)), dec!(0));
    assert_eq!(
        criterion(&rule(StepCount::Fraction), "预算执行率"),
        "预算执行率达到95%得满分，每降低1个百分点扣0.5分，扣完为止"
    );
    assert_eq!(
        criterion(&rule(StepCount::Whole), "预算执行率"),
        "预算执行率达到95%得满分，每降低1个百分点扣0.5分（不足1个百分点不扣），扣完为止"
    );
    let (_, d) = apply(
        &ind(dec!(5), rule(StepCount::Fraction)),
        Some(&rate(dec!(0.925))),
    );
    assert_eq!(d[0].reason, "资金到位率92.50%，扣1.25分");
}

/// Issue 17: "偏离目标值±10%以内得满分，每超出1%扣0.2分", and a ceiling passed.
#[test]
fn steps_on_both_sides_and_above() {
    let both = Rule::Steps {
        target: dec!(1),
        per: dec!(0.01),
        off: dec!(0.2),
        side: StepSide::Both,
        tolerance: dec!(0.1),
        count: StepCount::Fraction,
    };
    let s = |rule: &Rule, v| apply(&ind(dec!(4), rule.clone()), Some(&rate(v))).0;
    assert_eq!(s(&both, dec!(1.08)), dec!(4));
    assert_eq!(s(&both, dec!(0.92)), dec!(4));
    // 15% over: 5 points beyond the tolerance, 1 off; 15% under likewise.
    assert_eq!(s(&both, dec!(1.15)), dec!(3));
    assert_eq!(s(&both, dec!(0.85)), dec!(3));
    assert_eq!(
        criterion(&both, "成本控制率"),
        "成本控制率偏离100%±10个百分点以内得满分，每再偏离1个百分点扣0.2分，扣完为止"
    );
    let above = Rule::Steps {
        target: dec!(1),
        per: dec!(0.05),
        off: dec!(1),
        side: StepSide::Above,
        tolerance: dec!(0),
        count: StepCount::Started,
    };
    // 102% of the ceiling: a step begun, 1 off.
    assert_eq!(s(&above, dec!(1.02)), dec!(3));
    assert_eq!(s(&above, dec!(0.5)), dec!(4));
}

/// Issue 17: "①制度健全1分；②执行有效2分；③档案完整2分".
#[test]
fn a_weighted_checklist_says_each_items_points() {
    let rule = Rule::Checklist(vec![
        ChecklistItem {
            item: "制度健全".into(),
            points: Some(dec!(1)),
        },
        ChecklistItem {
            item: "执行有效".into(),
            points: Some(dec!(2)),
        },
        ChecklistItem {
            item: "档案完整".into(),
            points: Some(dec!(2)),
        },
    ]);
    assert_eq!(
        criterion(&rule, "x"),
        "①制度健全1分；②执行有效2分；③档案完整2分；不符合的要点扣除该要点分值"
    );
}

/// Issue 17: the 评分 sheet scores a judgement indicator; one nobody scored says so; a score
/// that cannot stand is refused at its cell.
#[test]
fn the_teams_scores_and_what_they_may_not_do() {
    let mut rules = Rules::changde_2019();
    rules.missing = Missing::Rescale;
    rules.min_applicable = Decimal::ZERO;
    let measures: Measures = [("funds_arrival_rate".to_string(), rate(dec!(1)))]
        .into_iter()
        .collect();
    let at = |col| CellRef::new(&"targets.xlsx".into(), &"评分".into(), 1, col);
    let judged = |name: &str, score: Decimal, reason: &str| ManualScore {
        indicator: name.into(),
        score,
        reason: reason.into(),
        at: at(2),
        reason_at: at(3),
    };
    let card = score(
        &rules,
        &measures,
        &[],
        &[judged("预算编制科学性", dec!(2), "预算未细化")],
        &[],
    )
    .expect("scored");
    let of = |name: &str| {
        card.indicators
            .iter()
            .find(|i| i.path[2] == name)
            .expect("there")
            .clone()
    };
    let budgeting = of("预算编制科学性");
    assert_eq!(budgeting.score, dec!(2));
    assert_eq!(budgeting.deductions[0].reason, "预算未细化，扣1分");
    assert_eq!(budgeting.notice, None);
    assert_eq!(
        of("资金分配合理性").notice.as_deref(),
        Some("评价组未评分，按满分计")
    );
    // A measured indicator is never marked.
    assert_eq!(of("资金到位率").notice, None);

    let refused = |scores: &[ManualScore], findings: &[ManualFinding]| {
        score(&rules, &measures, findings, scores, &[])
            .unwrap_err()
            .to_string()
    };
    assert!(
        refused(&[judged("预算编制科学性", dec!(4), "x")], &[])
            .contains("found 4, expected a score from 0 to the indicator's 3 points")
    );
    assert!(
        refused(&[judged("预算编制科学性", dec!(2), " ")], &[]).starts_with(
            "targets.xlsx!评分!D2: found a blank cell, expected the reason for the score"
        )
    );
    assert!(
        refused(&[judged("资金到位率", dec!(2), "x")], &[]).contains(
            "the 评分 sheet scores “资金到位率”, which the data score (measure funds_arrival_rate)"
        )
    );
    assert!(
        refused(&[judged("不存在的指标", dec!(2), "x")], &[]).contains(
            "the 评分 sheet names “不存在的指标”, which is no indicator of the system changde-2019"
        )
    );
    // Regression (review of issue 17): two rows for one indicator, the second silently lost.
    assert!(
        refused(
            &[
                judged("预算编制科学性", dec!(2), "x"),
                judged("预算编制科学性", dec!(3), "y")
            ],
            &[]
        )
        .contains("the 评分 sheet already scores “预算编制科学性” at targets.xlsx!评分!C2")
    );
    // Regression (review of issue 17): a name two indicators share gave both the score.
    let mut twins = rules.clone();
    for ind in twins
        .tree
        .iter_mut()
        .flat_map(|l1| &mut l1.children)
        .flat_map(|l2| &mut l2.children)
    {
        if ind.name == "资金分配合理性" {
            ind.name = "预算编制科学性".into();
        }
    }
    let err = score(
        &twins,
        &measures,
        &[],
        &[judged("预算编制科学性", dec!(2), "x")],
        &[],
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("the name of more than one indicator"), "{err}");
    // Regression (review of issue 17): a score of 2.335 lost 0.67 yet kept 2.34.
    let card = score(
        &rules,
        &measures,
        &[],
        &[judged("预算编制科学性", dec!(2.335), "x")],
        &[],
    )
    .expect("scored");
    let b = card
        .indicators
        .iter()
        .find(|i| i.path[2] == "预算编制科学性")
        .expect("there");
    assert_eq!((b.score, b.deductions[0].points), (dec!(2.34), dec!(0.66)));
    let finding = ManualFinding {
        indicator: "预算编制科学性".into(),
        points: dec!(1),
        reason: "r".into(),
        basis: String::new(),
        at: CellRef::new(&"targets.xlsx".into(), &"评价发现".into(), 1, 3),
    };
    assert!(
        refused(&[judged("预算编制科学性", dec!(2), "x")], &[finding])
            .contains("has both a score in the 评分 sheet and a deduction in the 评价发现 (targets.xlsx!评价发现!D2)")
    );
}

/// Issue 17: a declared target written `/` (不适用) is no indicator; the others share its
/// dimension's points.
#[test]
fn a_target_written_slash_carries_no_points() {
    let mut rules = Rules::changde_2019();
    rules.tree = vec![Level1 {
        name: "产出指标".into(),
        points: dec!(30),
        children: Vec::new(),
        from_targets: Some(crate::rules::FromTargets {
            level1: vec!["产出指标".into()],
            quantitative: Rule::Proportional,
            qualitative: Rule::Manual,
        }),
    }];
    let target = |name: &str, value: &str| Target {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: name.into(),
        written: value.into(),
        value: TargetValue::parse(value),
        actual: None,
        points: None,
        claimed: None,
        sign: Default::default(),
        year: None,
        at: CellRef::new(&"t.xlsx".into(), &"自评表".into(), 1, 1),
        cells: Default::default(),
    };
    let tree = expand(
        &rules,
        &[
            target("培训人次", "≥100人次"),
            target("新建场馆", "/"),
            target("帮扶人数", "≥50人"),
        ],
        &Default::default(),
    );
    let points: Vec<(String, Decimal)> = tree[0].children[0]
        .children
        .iter()
        .map(|i| (i.name.clone(), i.points))
        .collect();
    assert_eq!(
        points,
        [
            ("培训人次".to_string(), dec!(15)),
            ("帮扶人数".to_string(), dec!(15))
        ]
    );
}

/// Issue 17: "以全省平均为基准，每高0.1个百分点加0.05分，每低0.1个百分点减0.05分，最高5分，最低0分".
#[test]
fn a_slope_from_a_baseline_adds_and_takes_within_bounds() {
    let rule = Rule::Slope {
        base: dec!(0.90),
        at_base: dec!(3),
        per: dec!(0.001),
        each: dec!(0.05),
        min: dec!(0),
        max: dec!(5),
    };
    let s = |v| apply(&ind(dec!(5), rule.clone()), Some(&rate(v))).0;
    assert_eq!(s(dec!(0.90)), dec!(3));
    // 2 percentage points above: 20 steps, 1 point more.
    assert_eq!(s(dec!(0.92)), dec!(4));
    // 1.5 points below: 15 steps, 0.75 less.
    assert_eq!(s(dec!(0.885)), dec!(2.25));
    // Far above and far below: the bounds.
    assert_eq!(s(dec!(1)), dec!(5));
    assert_eq!(s(dec!(0.2)), dec!(0));
    assert_eq!(
        criterion(&rule, "就业率"),
        "以90%为基准得3分，就业率每高0.1个百分点加0.05分、每低0.1个百分点减0.05分，最高5分，最低0分"
    );
}

/// Regression (review of issue 17): a measure too large to subtract from panicked; far above a
/// floor it is full points, far below nothing.
#[test]
fn steps_far_from_the_target_do_not_overflow() {
    let rule = |side| Rule::Steps {
        target: dec!(0.95),
        per: dec!(0.01),
        off: dec!(0.5),
        side,
        tolerance: dec!(0.1),
        count: StepCount::Fraction,
    };
    assert_eq!(
        steps_score(dec!(5), Decimal::MAX, &rule(StepSide::Below)),
        dec!(5)
    );
    assert_eq!(
        steps_score(dec!(5), Decimal::MIN, &rule(StepSide::Below)),
        dec!(0)
    );
    assert_eq!(
        steps_score(dec!(5), Decimal::MAX, &rule(StepSide::Above)),
        dec!(0)
    );
    assert_eq!(
        steps_score(dec!(5), Decimal::MIN, &rule(StepSide::Both)),
        dec!(0)
    );
}

/// Review of issue 17: a step rule on money or on a count read `每超出10000000个百分点`, every
/// level written as a percentage whatever the measure.
#[test]
fn steps_and_slopes_speak_in_their_measures_unit() {
    use super::criterion::criterion_with;
    use crate::measure::Unit;
    use crate::rules::{StepCount, StepSide};
    let ceiling = Rule::Steps {
        target: Decimal::from(3_400_000),
        per: Decimal::from(100_000),
        off: Decimal::new(5, 1),
        side: StepSide::Above,
        tolerance: Decimal::ZERO,
        count: StepCount::Fraction,
    };
    assert_eq!(
        criterion_with(&ceiling, "实际支出", Some(Unit::Money), Lang::Zh),
        "实际支出不超过340万元得满分，每超出10万元扣0.5分，扣完为止"
    );
    let people = Rule::Steps {
        target: Decimal::from(100),
        per: Decimal::from(5),
        off: Decimal::ONE,
        side: StepSide::Below,
        tolerance: Decimal::ZERO,
        count: StepCount::Whole,
    };
    assert_eq!(
        criterion_with(&people, "培训人次", Some(Unit::Count), Lang::Zh),
        "培训人次达到100得满分，每降低5扣1分（不足5不扣），扣完为止"
    );
    // A rate, or a measure not known, in percentage points as before.
    let rate = Rule::Steps {
        target: Decimal::ONE,
        per: Decimal::new(1, 2),
        off: Decimal::new(5, 1),
        side: StepSide::Below,
        tolerance: Decimal::ZERO,
        count: StepCount::Fraction,
    };
    assert_eq!(
        criterion_with(&rate, "资金到位率", None, Lang::Zh),
        "资金到位率达到100%得满分，每降低1个百分点扣0.5分，扣完为止"
    );
    let slope = Rule::Slope {
        base: Decimal::from(500_000),
        at_base: Decimal::from(3),
        per: Decimal::from(10_000),
        each: Decimal::new(1, 1),
        min: Decimal::ZERO,
        max: Decimal::from(5),
    };
    assert_eq!(
        criterion_with(&slope, "实际支出", Some(Unit::Money), Lang::Zh),
        "以50万元为基准得3分，实际支出每高1万元加0.1分、每低1万元减0.1分，最高5分，最低0分"
    );
}

/// Issue 21: a 自评表's own 分值 stand; the system's weight fills in only where the form states
/// none, and is followed over the form's only when the rules say so.
#[test]
fn a_forms_own_points_stand() {
    use crate::rules::FormPoints;
    use crate::score::form::{Weighting, section};
    let l1 = Level1 {
        name: "产出指标".into(),
        points: dec!(50),
        children: Vec::new(),
        from_targets: None,
    };
    let target = |points: Option<Decimal>| Target {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: "x".into(),
        written: "≥1人".into(),
        value: TargetValue::parse("≥1人"),
        actual: None,
        points,
        claimed: None,
        sign: Default::default(),
        year: None,
        at: CellRef::new(&"t.xlsx".into(), &"自评表".into(), 1, 1),
        cells: Default::default(),
    };
    let rows = |points: &[Option<Decimal>], follow| {
        let ts: Vec<Target> = points.iter().map(|p| target(*p)).collect();
        let picked: Vec<&Target> = ts.iter().collect();
        let s = section(&l1, &picked, Weighting::Own(follow));
        (s.points, s.rows)
    };
    let ten = Some(dec!(10));
    // Four rows of 10: the dimension is worth 40, not the preset's 50.
    assert_eq!(
        rows(&[ten, ten, ten, ten], FormPoints::Refuse),
        (dec!(40), vec![dec!(10); 4])
    );
    assert_eq!(
        rows(&[ten, ten, ten, ten], FormPoints::Form),
        (dec!(40), vec![dec!(10); 4])
    );
    // Told to follow the system: 50 shared in proportion.
    assert_eq!(
        rows(&[ten, ten, ten, ten], FormPoints::System),
        (dec!(50), vec![dec!(12.5); 4])
    );
    // A system of its own weights shares its 50 by the form's 分值.
    {
        let ts: Vec<Target> = [ten, Some(dec!(30))].iter().map(|p| target(*p)).collect();
        let picked: Vec<&Target> = ts.iter().collect();
        let s = section(&l1, &picked, Weighting::System);
        assert_eq!((s.points, s.rows), (dec!(50), vec![dec!(12.5), dec!(37.5)]));
    }
    // A form that weights its rows and has none under a dimension gives it nothing.
    assert_eq!(rows(&[], FormPoints::Refuse), (dec!(0), vec![]));
    // None stated: the system's 50 in equal shares, as before.
    assert_eq!(
        rows(&[None, None, None], FormPoints::Refuse),
        (dec!(50), vec![dec!(16.67), dec!(16.67), dec!(16.66)])
    );
    // Some stated: they keep theirs, the others share what is left.
    assert_eq!(
        rows(&[ten, None, Some(dec!(20)), None], FormPoints::Refuse),
        (dec!(50), vec![dec!(10), dec!(10), dec!(20), dec!(10)])
    );
}
