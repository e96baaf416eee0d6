//! Rules files as users write them, and the errors they get.
use super::*;
use crate::read::ledger::Column;
use crate::rules::Rules;

fn rules(text: &str) -> Result<Rules> {
    RulesFile::parse(text, RulesSource::File("r.toml".into()))?
        .into_rules(Some(Rules::changde_2019()))
}

const SMALL: &str = r#"
name = "small"
total = 10

[[dimension]]
name = "过程"
points = 10

  [[dimension.group]]
  name = "资金管理"
  points = 10

    [[dimension.group.indicator]]
    name = "资金到位率"
    code = "B101"
    points = 6
    measure = "funds_arrival_rate"
    rule = { linear = { full = 1, zero = 0.8 } }

    [[dimension.group.indicator]]
    name = "资金使用合规性"
    points = 4
    measure = "findings.prohibited_payee"
    rule = { per_item = { each = 1, cap = 3 } }
"#;

#[test]
fn reads_a_whole_system() {
    let r = rules(SMALL).expect("parses");
    assert_eq!(r.name, "small");
    assert_eq!(r.tree.len(), 1);
    let i = &r.tree[0].children[0].children;
    assert_eq!(i[0].code.as_deref(), Some("B101"));
    assert_eq!(
        i[1].rule,
        Rule::PerItem {
            each: Decimal::ONE,
            cap: Some(Decimal::from(3))
        }
    );
    // The ledger settings of the base stay when the file does not give them.
    assert_eq!(r.ledger.spending_accounts, ["5"]);
}

#[test]
fn a_file_without_dimensions_adjusts_the_preset() {
    let r = rules("[ledger]\nheader_row = 3\nbooks = \"financial\"\n").expect("parses");
    assert_eq!(r.name, "changde-2019");
    assert_eq!(r.ledger.parallel_side, BookSide::Financial);
    let file = RulesFile::parse(
        "[ledger]\nheader_row = 3\n[ledger.columns]\ndate = \"记账日期\"\n",
        RulesSource::File("r".into()),
    )
    .expect("parses");
    assert_eq!(file.layout().header_row, Some(2));
    assert_eq!(
        file.layout().columns,
        [(Column::Date, "记账日期".to_string())]
    );
}

#[test]
fn points_that_do_not_add_up_show_the_line() {
    let err = rules(&SMALL.replace("points = 6", "points = 5"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "rules file r.toml: error at line 11, column 12\n   |\n11 |   points = 10\n   |            ^^\n过程 / 资金管理 has points = 10 but its indicators add up to 9"
    );
    let err = rules(&SMALL.replace("total = 10", "total = 100"))
        .unwrap_err()
        .to_string();
    assert!(
        err.ends_with("total = 100 but the dimensions add up to 10"),
        "{err}"
    );
}

#[test]
fn a_misspelt_measure_lists_the_valid_ones() {
    let err = rules(&SMALL.replace("\"funds_arrival_rate\"", "\"funds_arival_rate\""))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("rules file r.toml: error at line 17, column 15\n"),
        "{err}"
    );
    assert!(
        err.contains(
            "unknown measure “funds_arival_rate”, expected one of planned, arrived, spent"
        ),
        "{err}"
    );
    assert!(err.contains("target.<三级指标>"), "{err}");
}

#[test]
fn rejects_unknown_keys_and_rules_showing_the_line() {
    let err = rules("[ledger]\nheader_rwo = 3\n").unwrap_err().to_string();
    assert!(
        err.starts_with("rules file r.toml: TOML parse error at line 2, column 1"),
        "{err}"
    );
    assert!(
        err.contains(
            "unknown field `header_rwo`, expected one of `sheet`, `header_row`, `columns`"
        ),
        "{err}"
    );
    let err = rules(&SMALL.replace("{ linear = {", "{ lineer = {"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "unknown variant `lineer`, expected one of `manual`, `proportional`, `linear`"
        ),
        "{err}"
    );
    let err = rules("[ledger.columns]\nwhen = \"日期\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown variant `when`, expected one of `date`"),
        "{err}"
    );
}

#[test]
fn absurd_numbers_are_refused_with_the_line() {
    let err = rules(&SMALL.replace(
        "{ linear = { full = 1, zero = 0.8 } }",
        "{ linear = { full = 1, zero = 1 } }",
    ))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("indicator 资金到位率: linear needs full (1) above zero (1)"),
        "{err}"
    );
    let err = rules("[checks]\nfiscal_year = 65535\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("fiscal_year = 65535: expected a year from 1900 to 2099"),
        "{err}"
    );
    let err = rules("[survey]\nweights = { \"很满意\" = 100000 }\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("outside 0 to 100"), "{err}");
}

#[test]
fn reads_the_survey_table() {
    let r =
        rules("[survey]\nsatisfied = [\"满意\"]\nweights = { \"满意\" = 100, \"不满意\" = 0 }\n")
            .expect("parses");
    assert_eq!(r.survey.satisfied_answers, ["满意"]);
    assert_eq!(r.survey.answer_weights.len(), 2);
}

/// Issue 17: step deductions and a checklist with each item's points, as TOML.
#[test]
fn reads_steps_and_a_weighted_checklist() {
    let text = SMALL
        .replace(
            "rule = { linear = { full = 1, zero = 0.8 } }",
            "rule = { steps = { target = 0.95, per = 0.01, off = 0.5, count = \"whole\" } }",
        )
        .replace(
            "measure = \"findings.prohibited_payee\"\n    rule = { per_item = { each = 1, cap = 3 } }",
            "rule = { checklist = [[\"制度健全\", 1], [\"执行有效\", 2], [\"档案完整\", 1]] }",
        );
    let r = rules(&text).expect("parses");
    let i = &r.tree[0].children[0].children;
    assert_eq!(
        i[0].rule,
        Rule::Steps {
            target: Decimal::new(95, 2),
            per: Decimal::new(1, 2),
            off: Decimal::new(5, 1),
            side: crate::rules::StepSide::Below,
            tolerance: Decimal::ZERO,
            count: crate::rules::StepCount::Whole,
        }
    );
    let Rule::Checklist(items) = &i[1].rule else {
        panic!("a checklist")
    };
    assert_eq!(items[1].item, "执行有效");
    assert_eq!(items[1].points, Some(Decimal::TWO));

    // Items whose points do not add up to the indicator's are refused at its points.
    let err = rules(&text.replace("[\"档案完整\", 1]", "[\"档案完整\", 2]"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the checklist's items add up to 5 points, not the indicator's 4"),
        "{err}"
    );
    assert!(err.contains("points = 4"), "{err}");
    // A step of nothing would divide by zero.
    let err = rules(&text.replace("per = 0.01", "per = 0"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("steps needs per above 0"), "{err}");
    // An unknown key of a step rule is refused at its place.
    let err = rules(&text.replace("count = \"whole\"", "counting = \"whole\""))
        .unwrap_err()
        .to_string();
    assert!(err.contains("counting"), "{err}");
}

/// Issue 17: an indicator of parts has no measure of its own, and each part scores a value.
#[test]
fn an_indicator_of_parts_is_checked() {
    let with_parts = |extra: &str, rule: &str| {
        SMALL.replace(
            "    measure = \"funds_arrival_rate\"\n    rule = { linear = { full = 1, zero = 0.8 } }",
            &format!(
                "{extra}\n      [[dimension.group.indicator.part]]\n      name = \"2019年\"\n      weight = 1\n      measure = \"funds_arrival_rate\"\n      rule = {rule}\n"
            ),
        )
    };
    let r = rules(&with_parts("    rounding = \"parts\"", "\"proportional\"")).expect("parses");
    let i = &r.tree[0].children[0].children[0];
    assert_eq!(i.parts.len(), 1);
    assert!(i.round_parts);
    let err = rules(&with_parts("    measure = \"spent\"", "\"proportional\""))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("is scored by its parts, so it has no measure or rule of its own"),
        "{err}"
    );
    let err = rules(&with_parts("", "\"manual\""))
        .unwrap_err()
        .to_string();
    assert!(err.contains("the part “2019年” of “资金到位率”"), "{err}");
}

/// Regression (review of issue 17): a trend of one measure always read 逐年增加.
#[test]
fn a_trend_needs_two_measures() {
    let err = rules("[measures.t]\nlabel = \"t\"\ntrend = [\"spent\"]\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("two or more for a trend"), "{err}");
}

/// Regression (review of issue 17): a part's, line's or year's figure misspelt passed the rules
/// file and went missing at run time.
#[test]
fn a_figure_of_a_part_line_or_year_is_checked() {
    let with = |measure: &str| {
        rules(&SMALL.replace(
            "measure = \"funds_arrival_rate\"",
            &format!("measure = \"{measure}\""),
        ))
    };
    assert!(with("part.劳模帮扶.spent").is_ok());
    assert!(with("line.金秋助学.execution_rate_budget").is_ok());
    assert!(with("year.2021.arrived").is_ok());
    for bad in [
        "part.劳模帮扶.spnt",
        "year.21.spent",
        "year.2021",
        "line..spent",
    ] {
        let err = with(bad).unwrap_err().to_string();
        assert!(
            err.contains(&format!("unknown measure “{bad}”")),
            "{bad}: {err}"
        );
    }
}

/// Review of issue 17: a slope whose `max` passed the indicator's points wrote `最高6分` in the
/// 评分标准 of a 5-point indicator and silently gave at most 5.
#[test]
fn a_slope_above_its_points_is_refused() {
    let file = |max: &str| {
        format!(
            r#"
[[dimension]]
name = "过程"
points = 5
  [[dimension.group]]
  name = "组织实施"
  points = 5
    [[dimension.group.indicator]]
    name = "支付及时性"
    points = 5
    measure = "timeliness.in_year"
    rule = {{ slope = {{ base = 0.95, at_base = 4, per = 0.01, each = 0.5, min = 0, max = {max} }} }}
"#
        )
    };
    assert!(rules(&file("5")).is_ok());
    let err = rules(&file("6")).unwrap_err().to_string();
    assert!(
        err.contains("the slope's at_base or max is 6, above its 5 points"),
        "{err}"
    );
    // In a part, against the part's share: 10 × 1/2 = 5.
    let parts = r#"
[[dimension]]
name = "过程"
points = 10
  [[dimension.group]]
  name = "组织实施"
  points = 10
    [[dimension.group.indicator]]
    name = "支付及时性"
    points = 10
      [[dimension.group.indicator.part]]
      name = "当年"
      weight = 1
      measure = "timeliness.in_year"
      rule = { slope = { base = 0.95, at_base = 4, per = 0.01, each = 0.5, min = 0, max = MAX } }
      [[dimension.group.indicator.part]]
      name = "春节前"
      weight = 1
      measure = "timeliness.by_spring_festival"
      rule = "proportional"
"#;
    assert!(rules(&parts.replace("MAX", "5")).is_ok());
    let err = rules(&parts.replace("MAX", "6")).unwrap_err().to_string();
    assert!(err.contains("the part “当年” of “支付及时性”"), "{err}");
}

/// Review of issue 17: measures of the file that read one another were reported as missing
/// from the inputs, as if a file were absent, rather than as the circle they are.
#[test]
fn measures_reading_one_another_in_a_circle_are_refused() {
    let text = r#"
[measures.a]
label = "甲"
ratio = ["b", "spent"]

[measures.b]
label = "乙"
complement = "c"

[measures.c]
label = "丙"
sum = ["spent", "a"]

[measures.d]
label = "丁"
complement = "a"
"#;
    let err = rules(text).unwrap_err().to_string();
    assert!(
        err.contains("read one another in a circle: a → b → c → a"),
        "{err}"
    );
    assert!(err.contains("label = \"甲\""), "{err}");
    // A chain is no circle.
    assert!(
        rules(&text.replace("sum = [\"spent\", \"a\"]", "sum = [\"spent\", \"arrived\"]")).is_ok()
    );
}
