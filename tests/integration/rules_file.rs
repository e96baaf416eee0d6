//! `--rules FILE`: the user names the header row and columns of a ledger the tool cannot read
//! by itself.

use assert_cmd::Command;
use rust_xlsxwriter::Workbook;

use crate::{stderr, stdout, targets};

/// A ledger whose column names no accounting software uses.
fn homemade_ledger(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("手工账.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("流水").expect("name");
    ws.write_string(0, 0, "帮扶资金流水（手工登记）")
        .expect("write");
    let labels = [
        "记账时间",
        "单号",
        "说明",
        "科目号码",
        "资金项目",
        "对象",
        "支出金额",
        "收入金额",
    ];
    for (c, h) in labels.iter().enumerate() {
        ws.write_string(2, c as u16, *h).expect("write");
    }
    let rows = [
        [
            "2019-10-12",
            "记-1",
            "收市财政局拨付劳模疗休养经费",
            "404",
            "省部级劳模疗休养",
            "常德市财政局",
            "",
            "200000",
        ],
        [
            "2019-10-22",
            "记-2",
            "预付疗休养费",
            "50208",
            "省部级劳模疗休养",
            "湖南灰汤温泉职工疗养院",
            "50000",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(3 + r as u32, c as u16, *v).expect("write");
        }
    }
    wb.save(&path).expect("save");
    path
}

fn check(ledger: &std::path::Path, rules: Option<&std::path::Path>) -> std::process::Output {
    let mut cmd = Command::cargo_bin("jixiao").expect("binary");
    cmd.arg("check").arg(ledger).arg(targets());
    if let Some(rules) = rules {
        cmd.arg("--rules").arg(rules);
    }
    cmd.output().expect("runs")
}

#[test]
fn columns_named_in_the_rules_file_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = homemade_ledger(dir.path());

    let out = check(&ledger, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("手工账.xlsx!流水：前"),
        "{}",
        stderr(&out)
    );

    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[ledger]\nheader_row = 3\n\n[ledger.columns]\ndate = \"记账时间\"\nvoucher = \"单号\"\nsummary = \"说明\"\naccount_code = \"科目号码\"\nproject = \"资金项目\"\npayee = \"对象\"\ndebit = \"支出金额\"\ncredit = \"收入金额\"\n",
    )
    .expect("write");
    let out = check(&ledger, Some(&rules));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert!(
        text.contains(
            "列：记账时间=A 单号=B 说明=C 科目号码=D 资金项目=E 对象=F 支出金额=G 收入金额=H"
        ),
        "{text}"
    );
    assert!(
        text.contains("账页合计：读取 2 ＝ 使用 2 ＋ 跳过 0 ＋ 未归入 0"),
        "{text}"
    );
}

#[test]
fn a_column_the_file_does_not_have_names_the_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = homemade_ledger(dir.path());
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[ledger]\nheader_row = 3\n[ledger.columns]\ndebit = \"借方金额\"\n",
    )
    .expect("write");
    let out = check(&ledger, Some(&rules));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("错误：手工账.xlsx!流水!A3：此处为表头 “记账时间”、“单号”、“说明”、“科目号码”、“资金项目”、“对象”、“支出金额”、“收入金额”，应为名为“借方金额”的列（规则文件为 debit 指定的列名）"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_keys_in_the_rules_file_are_rejected_with_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[ledger]\nheader_rows = 3\n").expect("write");
    let out = check(&crate::ledger(), Some(&rules));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "错误：规则文件 {}：TOML parse error at line 2, column 1",
            rules.display()
        )),
        "{err}"
    );
    assert!(err.contains("unknown field `header_rows`"), "{err}");
}

/// Issue 17: "得分=10−10×(0.5×问题笔数占比+0.5×问题金额占比)" written as measures of measures,
/// on the sample with its bank statement (the one unbooked 5,000.00 refund).
#[test]
fn a_formula_penalty_on_shares_scores_from_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        r#"
name = "formula"
total = 10

[measures.problem_share]
label = "问题占比"
weighted = [["findings.bank_unbooked.count_share", 0.5], ["findings.bank_unbooked.money_share", 0.5]]

[measures.compliance]
label = "合规占比"
complement = "problem_share"

[[dimension]]
name = "过程"
points = 10

  [[dimension.group]]
  name = "资金管理"
  points = 10

    [[dimension.group.indicator]]
    name = "资金使用合规性"
    points = 10
    measure = "compliance"
    rule = "proportional"
"#,
    )
    .unwrap();
    let out = crate::evaluate(
        &crate::ledger(),
        &crate::fixture("unlike/changde-other-systems/targets.xlsx"),
        &["--rules", rules.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // 1 of the 1,018 payments and 5,000.00 of the 3,268,200.00 spent:
    // 10 − 10 × (0.5 × 1/1018 + 0.5 × 5000/3268200) = 10 − 10 × 0.0012561 = 9.98744 → 9.99.
    assert_eq!(j["score"]["total"], "9.99");
    let m = &j["measures"]["compliance"];
    assert_eq!(m["detail"], "1－问题占比0.13%");
    assert_eq!(
        j["measures"]["problem_share"]["detail"],
        "0.5×银行收支未入账笔数占比0.10%＋0.5×银行收支未入账金额占比0.15%"
    );
    // The cells behind the deduction are the finding's.
    assert_eq!(m["evidence"][0], "bank.xlsx!账户历史明细!G62");

    // A measure with two formulas is refused at its label.
    std::fs::write(
        &rules,
        "[measures.x]\nlabel = \"x\"\nsum = [\"spent\"]\nproduct = [\"spent\"]\n",
    )
    .unwrap();
    let out = crate::evaluate(
        &crate::ledger(),
        &crate::fixture("unlike/changde-other-systems/targets.xlsx"),
        &["--rules", rules.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("第2行第9列")
            && stderr(&out).contains("[measures.x] 须且只须给出一种算法"),
        "{}",
        stderr(&out)
    );
}

/// Issue 17: "三类补助各占1/3" — a part's and a line's own figures, read by name.
#[test]
fn a_parts_and_a_lines_figures_are_measures() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        r#"
name = "parts"
total = 10

[measures.two_parts]
label = "两部分支出"
sum = ["part.劳模帮扶.spent", "part.职工帮扶.spent"]

[[dimension]]
name = "过程"
points = 10

  [[dimension.group]]
  name = "预算执行"
  points = 10

    [[dimension.group.indicator]]
    name = "劳模帮扶执行率"
    points = 5
    measure = "part.劳模帮扶.execution_rate_budget"
    rule = "proportional"

    [[dimension.group.indicator]]
    name = "金秋助学执行率"
    points = 5
    measure = "line.金秋助学（市级资金）.execution_rate_budget"
    rule = "proportional"
"#,
    )
    .unwrap();
    let out = crate::evaluate(
        &crate::ledger(),
        &crate::fixture("unlike/changde-other-systems/targets.xlsx"),
        &["--rules", rules.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let m = &j["measures"];
    // The reconciliation table's figures: 劳模帮扶 spent 1,495,400.00 of 1,500,000.00 planned;
    // 金秋助学 55,500.00 of 55,500.00.
    assert_eq!(
        m["part.劳模帮扶.execution_rate_budget"]["detail"],
        "支出149.54万元／预算150.00万元"
    );
    assert_eq!(
        m["line.金秋助学(市级资金).execution_rate_budget"]["detail"],
        "支出5.55万元／预算5.55万元"
    );
    // 5 × 1,495,400 / 1,500,000 = 4.98467 → 4.98, and 5 × 100 % = 5: 9.98.
    assert_eq!(j["score"]["total"], "9.98");
    // A part's money is a measure a measure of the file can add up: all that was spent.
    assert_eq!(m["two_parts"]["value"], m["spent"]["value"]);
    // Only what the rules read is made.
    assert!(m["part.劳模帮扶.arrived"].is_null());
}

/// Issue 17: "三类补助各占1/3，按预算执行率计分" — an indicator made of parts, rounded at the end
/// or part by part.
#[test]
fn an_indicator_of_parts_scores_each_part_and_their_sum() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    let system = |rounding: &str| {
        format!(
            r#"
name = "parts"
total = 10

[[dimension]]
name = "过程"
points = 10

  [[dimension.group]]
  name = "预算执行"
  points = 10

    [[dimension.group.indicator]]
    name = "三类补助执行率"
    points = 10
    rounding = "{rounding}"

      [[dimension.group.indicator.part]]
      name = "劳模帮扶"
      weight = 1
      measure = "part.劳模帮扶.execution_rate_budget"
      rule = "proportional"

      [[dimension.group.indicator.part]]
      name = "职工帮扶"
      weight = 1
      measure = "part.职工帮扶.execution_rate_budget"
      rule = "proportional"

      [[dimension.group.indicator.part]]
      name = "金秋助学"
      weight = 1
      measure = "line.金秋助学（市级资金）.execution_rate_budget"
      rule = {{ threshold = {{ min = 1 }} }}
"#
        )
    };
    let run = |rounding: &str| {
        std::fs::write(&rules, system(rounding)).unwrap();
        let out = crate::evaluate(
            &crate::ledger(),
            &crate::fixture("unlike/changde-other-systems/targets.xlsx"),
            &["--rules", rules.to_str().unwrap(), "--format", "json"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let j: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        j["indicators"][0].clone()
    };
    // Each part 10/3 = 3.3333 points. 劳模帮扶 spent 1,495,400 of 1,500,000: 3.32311;
    // 职工帮扶 1,772,800 of 1,900,000: 3.11018; 金秋助学 all of its 55,500: 3.33333.
    // Added, then rounded: 9.76662 → 9.77.
    let end = run("end");
    assert_eq!(end["score"], "9.77");
    let parts: Vec<(String, String, String)> = end["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["points"].as_str().unwrap().to_string(),
                p["score"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("劳模帮扶".into(), "3.33".into(), "3.32".into()),
            ("职工帮扶".into(), "3.33".into(), "3.11".into()),
            ("金秋助学".into(), "3.33".into(), "3.33".into()),
        ]
    );
    // The deductions add up to what the indicator lost.
    let lost: Vec<&str> = end["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["points"].as_str().unwrap())
        .collect();
    assert_eq!(lost, ["0.01", "0.22"]);
    // The part's name is said once: its figure's label carries it.
    assert_eq!(
        end["deductions"][0]["reason"],
        "劳模帮扶预算执行率（按预算数）99.69%（支出149.54万元／预算150.00万元），扣0.01分"
    );
    assert!(
        end["criterion"].as_str().unwrap().starts_with(
            "①劳模帮扶（占1/3）：得分=分值×劳模帮扶预算执行率（按预算数），最高得满分；"
        ),
        "{}",
        end["criterion"]
    );
    // Each part rounded first, on points shared to the cent (3.34, 3.33, 3.33, so that full
    // marks are 10): 3.34 × 0.996933 = 3.32976 → 3.33; 3.33 × 0.933053 = 3.10707 → 3.11;
    // 3.33; 9.77 in all, 0.01 and 0.22 lost.
    let parts = run("parts");
    assert_eq!(parts["score"], "9.77");
    let lost: Vec<&str> = parts["deductions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["points"].as_str().unwrap())
        .collect();
    assert_eq!(lost, ["0.01", "0.22"]);
    assert_eq!(parts["parts"][0]["points"], "3.34");
}

/// Issue 17: "近三年逐年增加得满分，持平得一半，下降不得分" and "较上年提高…" — a series by year from
/// the postings' dates.
#[test]
fn trends_and_changes_by_year_score_from_the_postings_dates() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        r#"
name = "trend"
total = 10

[measures.spending_trend]
label = "支出变化趋势"
trend = ["year.2019.spent", "year.2020.spent"]

[measures.to_2021]
label = "支出至2021年"
trend = ["year.2019.spent", "year.2021.spent"]

[measures.spending_change]
label = "支出较上年变化"
change = ["year.2019.spent", "year.2020.spent"]

[[dimension]]
name = "效益"
points = 10

  [[dimension.group]]
  name = "可持续"
  points = 10

    [[dimension.group.indicator]]
    name = "支出趋势"
    points = 5
    measure = "spending_trend"
    rule = { bands = [[1, 1], [0.5, 0.5]] }

    [[dimension.group.indicator]]
    name = "支出增长"
    points = 5
    measure = "spending_change"
    rule = { linear = { full = 0, zero = -1 } }
"#,
    )
    .unwrap();
    let out = crate::evaluate(
        &crate::ledger(),
        &crate::fixture("unlike/changde-other-systems/targets.xlsx"),
        &["--rules", rules.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let m = &j["measures"];
    // The ledger's spending: 2,601,880.00 dated 2019, 666,320.00 dated 2020 (3,268,200 in all).
    assert_eq!(m["year.2019.spent"]["value"], "2601880.00");
    assert_eq!(m["year.2020.spent"]["value"], "666320.00");
    // It fell: the trend is 0, nothing for the first indicator.
    assert_eq!(m["spending_trend"]["value"], "0.0000");
    assert_eq!(
        m["spending_trend"]["detail"],
        "2019年实际支出260.19万元→2020年实际支出66.63万元：下降"
    );
    // (666,320 − 2,601,880) / 2,601,880 = −74.39 %: 5 × (1 − 0.7439) = 1.28.
    assert_eq!(m["spending_change"]["display"], "-74.39%");
    // Regression (review of issue 17): a year no posting falls in read as 0 and made a trend.
    assert!(m["year.2021.spent"].is_null());
    assert!(m["to_2021"].is_null());
    assert_eq!(j["score"]["total"], "1.28");
}

/// Issue 17: "及时发放率 = 按时发放项数/应发放项数" computed from the evaluators' 计数 sheet,
/// not typed as a finding; and a series of counts by year.
#[test]
fn the_evaluators_counts_are_measures() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        r#"
name = "counts"
total = 10

[measures.timely]
label = "及时发放率"
ratio = ["count.按时发放项数", "count.应发放项数"]

[measures.helped_trend]
label = "受益人数变化"
trend = ["count.受益人数.2019", "count.受益人数.2020"]

[[dimension]]
name = "产出"
points = 10

  [[dimension.group]]
  name = "产出时效"
  points = 10

    [[dimension.group.indicator]]
    name = "补助资金发放及时率"
    points = 6
    measure = "timely"
    rule = "proportional"

    [[dimension.group.indicator]]
    name = "受益人数趋势"
    points = 4
    measure = "helped_trend"
    rule = { bands = [[1, 1], [0.5, 0.5]] }
"#,
    )
    .unwrap();
    let out = crate::evaluate(
        &crate::ledger(),
        &crate::fixture("unlike/changde-other-systems/targets.xlsx"),
        &["--rules", rules.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // 11 of 12 items on time: 6 × 11/12 = 5.50; 1,584 → 1,700 people: rising, 4 points.
    assert_eq!(
        j["measures"]["timely"]["detail"],
        "按时发放项数11／应发放项数12"
    );
    assert_eq!(
        j["measures"]["timely"]["evidence"],
        serde_json::json!(["targets.xlsx!计数!C3", "targets.xlsx!计数!C2"])
    );
    assert_eq!(j["score"]["total"], "9.50");
}
