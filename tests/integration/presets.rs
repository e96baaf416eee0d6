//! Indicator systems as data: the built-in presets on the sample, a system written from
//! scratch, and the errors a rules file can hold.

use serde_json::Value;

use crate::{evaluate, ledger, stderr, stdout, targets};

/// The sample's targets bound to the measures that give their actual values.
const ACTUALS: &str = r#"
[targets.actuals]
"救助市直单位困难职工" = "beneficiaries.困难职工"
"慰问补助市级劳模" = "beneficiaries.困难劳模"
"市直单位省部级劳模疗休养" = "beneficiaries.疗休养劳模"
"控制预算" = "spent"
"服务对象满意度" = "survey.satisfaction"
"#;

/// The sample's targets without its 评价发现, whose one finding names an indicator of the
/// sample's own system only.
fn other_targets() -> std::path::PathBuf {
    crate::fixture("unlike/changde-other-systems/targets.xlsx")
}

fn json_with(args: &[&str], rules: &str) -> Value {
    json_on(&targets(), args, rules)
}

fn json_on(targets: &std::path::Path, args: &[&str], rules: &str) -> Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, rules).expect("write");
    let path = path.display().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--rules", &path, "--format", "json"]);
    let out = evaluate(&ledger(), targets, &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

fn score(j: &Value) -> (String, String, Option<String>) {
    let s = &j["score"];
    (
        s["total"].as_str().unwrap_or_default().into(),
        s["grade"].as_str().unwrap_or_default().into(),
        s["rescaled_from"].as_str().map(String::from),
    )
}

#[test]
fn self_evaluation_of_the_sample() {
    // 财预〔2020〕10号 self-evaluation, with the sample's five measurable targets bound:
    //   预算执行率 10 × 326.82/340 = 9.6124 → 9.61
    //   产出 50 over 9 targets in hundredths that add up: 5.56 for the first five, 5.55 for the
    //     rest; 4 measurable: 救助 5.56 × 1584/4850 = 1.82, 慰问 (420/120, capped) 5.56,
    //     疗休养 (40/40) 5.56, 控制预算 (326.82 ≤ 340) 5.55
    //   效益 30: both targets qualitative with no actual value — left out
    //   满意度 10: 100 % against ≥ 95 %, capped: 10
    //   scored 9.61 + 1.82 + 5.56 + 5.56 + 5.55 + 10 = 38.10 of 10 + 22.23 + 10 = 42.23 applicable
    //   total 38.10 × 100 / 42.23 = 90.22 → 优
    //   42.23 of 100 applicable is under the preset's min_applicable (60 %): withheld ...
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, ACTUALS).expect("write");
    let out = evaluate(
        &ledger(),
        &other_targets(),
        &["--preset", "self-eval", "--rules", path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "有实际值可评分的指标只有42.23分（满分100分的42.23%），低于60.00%，不给出总分和等级"
        ),
        "{}",
        stderr(&out)
    );
    // ... unless the rules file accepts so few.
    let j = json_on(
        &other_targets(),
        &["--preset", "self-eval"],
        &format!("min_applicable = 0.4\n{ACTUALS}"),
    );
    assert_eq!(
        score(&j),
        ("90.22".into(), "优".into(), Some("42.23".into()))
    );
    assert_eq!(j["score"]["raw"], "38.10");
    let left_out = j["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .filter(|i| i["applicable"] == false)
        .count();
    assert_eq!(left_out, 7);
}

/// Regression: a 评价发现 naming an indicator the system does not have was a note, and the
/// total silently rose; it is an error listing the system's indicators, which a code names too.
#[test]
fn a_finding_for_no_indicator_of_the_system_is_refused() {
    let out = evaluate(&ledger(), &targets(), &["--preset", "self-eval"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("错误：targets.xlsx!评价发现!D2：评价发现所指的指标“制度执行有效性”不在指标体系 self-eval 中，这条扣分无处可扣；应为其中一个三级指标的名称或编码：预算执行率、救助市直单位困难职工、"),
        "{err}"
    );
}

#[test]
fn key_evaluation_of_the_sample() {
    // The 附2 framework with the 财预〔2021〕101号 bands, the same bindings:
    //   决策 15: 绩效目标合理性 3 − 1 (救助 at 32.66 %) = 14
    //   过程 25: 到位率 5 × 0.4411 = 2.21; 执行率 96.12 % in [80 %, 100 %) → 5 × 0.7 = 3.5;
    //     合规性 5 − 1 (the association) = 4; 制度健全性 4; 制度执行有效性 6 − 1 (finding) = 5 → 18.71
    //   产出 30 over 9 targets: 3.34 for the first three, 3.33 for the rest; 4 measurable:
    //     救助 below 60 % → 0; 慰问 3.34, 疗休养 3.34, 控制预算 3.33 → 10.01 of 13.35
    //   效益 30 over 3 targets, 10 each; only 满意度 measurable → 10 of 10
    //   scored 14 + 18.71 + 10.01 + 10 = 52.72 of 15 + 25 + 13.35 + 10 = 63.35 applicable
    //   total 52.72 × 100 / 63.35 = 83.22 → 良
    let j = json_with(&["--preset", "key-eval"], ACTUALS);
    assert_eq!(
        score(&j),
        ("83.22".into(), "良".into(), Some("63.35".into()))
    );
    let dims: Vec<&str> = j["dimensions"]
        .as_array()
        .expect("dims")
        .iter()
        .map(|d| d["score"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(dims, ["14.00", "18.71", "10.01", "10.00"]);
}

#[test]
fn a_printed_preset_is_a_rules_file_that_scores_the_same() {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .expect("binary")
        .args(["rules", "--preset", "changde-2019"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.starts_with("# 评价指标体系"), "{text}");
    let j = json_with(&["--preset", "self-eval"], &text);
    assert_eq!(score(&j), ("85.00".into(), "良".into(), None));
}

#[test]
fn a_system_written_from_scratch() {
    // 过程: 到位率 20 × 0.4411 = 8.82; 执行率 full at 100 %, none at 80 %:
    //   20 × (0.9612 − 0.8) / 0.2 = 16.12
    // 产出: 救助 below the 80 % threshold → 0; 慰问 (350 %, capped) → 20
    // 效益: 满意度 100 % ≥ 90 % → 20
    // total 8.82 + 16.12 + 0 + 20 + 20 = 64.94 → 中
    let rules = format!(
        r#"
name = "published-style"
title = "某专项资金绩效评价指标体系"
total = 100

{ACTUALS}

[[dimension]]
name = "过程"
points = 40
  [[dimension.group]]
  name = "资金管理"
  points = 40
    [[dimension.group.indicator]]
    name = "资金到位率"
    code = "B101"
    points = 20
    measure = "funds_arrival_rate"
    rule = "proportional"
    [[dimension.group.indicator]]
    name = "预算执行率"
    code = "B102"
    points = 20
    measure = "execution_rate_budget"
    rule = {{ linear = {{ full = 1, zero = 0.8 }} }}

[[dimension]]
name = "产出"
points = 40
  [[dimension.group]]
  name = "产出数量"
  points = 40
    [[dimension.group.indicator]]
    name = "救助困难职工"
    points = 20
    measure = "target.救助市直单位困难职工"
    rule = {{ threshold = {{ min = 0.8 }} }}
    [[dimension.group.indicator]]
    name = "慰问劳模"
    points = 20
    measure = "target.慰问补助市级劳模"
    rule = "proportional"

[[dimension]]
name = "效益"
points = 20
  [[dimension.group]]
  name = "满意度"
  points = 20
    [[dimension.group.indicator]]
    name = "服务对象满意度"
    points = 20
    measure = "survey.satisfaction"
    rule = {{ bands = [[0.9, 1], [0.8, 0.8], [0.6, 0.5]] }}
"#
    );
    let j = json_on(&other_targets(), &[], &rules);
    assert_eq!(j["rules"], "published-style");
    assert_eq!(score(&j), ("64.94".into(), "中".into(), None));
    let criterion = j["indicators"][1]["criterion"].as_str().unwrap_or_default();
    assert_eq!(
        criterion,
        "预算执行率（对预算数）达到100%得满分，每降低1%扣5%分值，不高于80%不得分"
    );
    assert_eq!(j["indicators"][0]["code"], "B101");
}

#[test]
fn rules_file_errors_name_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    let run = |text: &str| {
        std::fs::write(&path, text).expect("write");
        let out = evaluate(
            &ledger(),
            &targets(),
            &["--rules", &path.display().to_string(), "--lang", "en"],
        );
        assert_eq!(out.status.code(), Some(2));
        stderr(&out)
    };
    let err = run("[[dimension]]\nname = \"决策\"\npoints = 20\nwieght = 3\n");
    assert!(
        err.contains("TOML parse error at line 4, column 1")
            && err.contains("unknown field `wieght`"),
        "{err}"
    );
    let err = run(
        "[[dimension]]\nname = \"决策\"\npoints = 20\n[[dimension.group]]\nname = \"资金\"\npoints = 20\n[[dimension.group.indicator]]\nname = \"到位率\"\npoints = 20\nmeasure = \"funds_arrival\"\nrule = \"proportional\"\n",
    );
    assert!(
        err.contains("error at line 10, column 11")
            && err.contains("unknown measure “funds_arrival”, expected one of planned"),
        "{err}"
    );
    let err = run(
        "[[dimension]]\nname = \"决策\"\npoints = 20\n[[dimension.group]]\nname = \"资金\"\npoints = 15\n[[dimension.group.indicator]]\nname = \"依据\"\npoints = 15\n",
    );
    assert!(
        err.contains("error at line 3, column 10")
            && err.contains("决策 has points = 20 but its groups add up to 15"),
        "{err}"
    );
}

#[test]
fn a_template_evaluates_as_written_and_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tpl = dir.path().join("新基金");
    let run = |args: &[&std::ffi::OsStr]| {
        assert_cmd::Command::cargo_bin("jixiao")
            .expect("binary")
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["template".as_ref(), tpl.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).ends_with(&format!(
        "试试：jixiao evaluate {0}/ledger.xlsx {0}/targets.xlsx\n",
        tpl.display()
    )));
    // Regression: the rules.toml the template writes beside the inputs was ignored without
    // --rules, and the default system failed with a long list of measures.
    let out = run(&[
        "evaluate".as_ref(),
        tpl.join("ledger.xlsx").as_os_str(),
        tpl.join("targets.xlsx").as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // 到位率 5/10 → 10 of 20; everything else full.
    assert_eq!(score(&j), ("90.00".into(), "优".into(), None));
    assert_eq!(j["rules"], "template");
    assert!(
        j["notes"]
            .to_string()
            .contains("指标体系：使用与目标表同目录的 rules.toml（--no-rules 不使用）"),
        "{}",
        j["notes"]
    );
    // Without it, the default system says in one sentence that it does not fit.
    let out = run(&[
        "evaluate".as_ref(),
        tpl.join("ledger.xlsx").as_os_str(),
        tpl.join("targets.xlsx").as_os_str(),
        "--no-rules".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("用 jixiao rules --preset key-eval > rules.toml 开始一个适合的指标体系"),
        "{}",
        stderr(&out)
    );
    // A fund folder's rules.toml is its system in a batch too, without a fund.toml.
    let funds = dir.path().join("funds");
    std::fs::create_dir_all(&funds).unwrap();
    std::fs::rename(&tpl, funds.join("新基金")).unwrap();
    let out = run(&[
        "batch".as_ref(),
        funds.as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1个专项资金使用了其文件夹中的 rules.toml（代替 --rules 或预设）"),
        "{}",
        stderr(&out)
    );
    let row: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        (&row["rules"], &row["total"]),
        (&Value::from("template"), &Value::from("90.00"))
    );
    std::fs::rename(funds.join("新基金"), &tpl).unwrap();
    let out = run(&["template".as_ref(), tpl.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("文件已存在；模板不会覆盖已有文件"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn budget_lines_can_be_matched_from_the_rules_file() {
    // 法律援助 by its 摘要 instead of the sheet's 项目 condition: the same rows, the same money.
    let j = json_with(
        &[],
        "[budget.match]\n\"法律援助\" = \"摘要:法律援助\"\n\"两节送温暖（物资）\" = \"项目:两节送温暖；摘要:慰问物资|爱心超市\"\n",
    );
    assert_eq!(score(&j), ("85.00".into(), "良".into(), None));
    assert_eq!(j["inputs"]["ledger"]["unassigned"], 0);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, "[budget.match]\n\"法律援助\" = \"部门:工会\"\n").expect("write");
    let out = evaluate(
        &ledger(),
        &targets(),
        &["--rules", &path.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("第2行第10列有误"), "{}", stderr(&out));
}

#[test]
fn checks_are_tuned_in_the_rules_file() {
    let rules = "[checks]\ndisable = [\"cash\"]\ndeadlines = { \"第六期医疗救助（市级资金）\" = \"2020-06-30\", \"临时大病帮扶\" = \"2019-06-30\" }\n";
    let j = json_with(&[], rules);
    let kinds: Vec<&str> = j["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["kind"].as_str().unwrap_or_default())
        .collect();
    assert!(!kinds.contains(&"cash"), "{kinds:?}");
    let late: Vec<String> = j["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["kind"] == "late")
        .map(|f| f["sentence"].as_str().unwrap_or_default().to_string())
        .collect();
    // The medical grant paid 2020-05-12 is within its deadline; the serious-illness grants after
    // 2019-06-30 are not.
    assert!(
        !late.iter().any(|s| s.contains("第六期医疗救助")),
        "{late:?}"
    );
    assert!(
        late.iter()
            .any(|s| s.starts_with("预算子项“临时大病帮扶”有")
                && s.contains("在规定期限2019-06-30之后支付")),
        "{late:?}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, "[checks]\ndisable = [\"cahs\"]\n").expect("write");
    let out = evaluate(
        &ledger(),
        &targets(),
        &["--rules", &path.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("没有名为“cahs”的检查，可用的有 prohibited_payee、over_budget"),
        "{}",
        stderr(&out)
    );
}

/// Regression: `--preset self-eval` on the sample scored 96.10 / 优 from the 10 of 100 points
/// that found a measure, `--fail-under 90` passed, and `check` said 可以评价. It now reads the
/// survey and the measures the targets' names point to, and withholds the grade from a third.
#[test]
fn self_evaluation_of_a_sliver_is_withheld_by_evaluate_and_check() {
    let reason = "指标体系 self-eval：有实际值可评分的指标只有31.11分（满分100分的31.11%），低于60.00%，不给出总分和等级";
    let out = evaluate(
        &ledger(),
        &other_targets(),
        &["--preset", "self-eval", "--fail-under", "90"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains(reason), "{}", stderr(&out));
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .args(["check", "--preset", "self-eval"])
        .arg(ledger())
        .arg(other_targets())
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains(&format!("错误：{reason}")), "{text}");
    assert!(text.contains("注：以下目标的实际值按名称和单位推定，请核对：“救助市直单位困难职工”取受益人数（困难职工）、“控制预算”取实际支出、“服务对象满意度”取服务对象满意度"), "{text}");
    assert!(text.contains("结论：不能评价"), "{text}");

    // Accepting a third, the criteria of the targets left out still say what they read.
    let j = json_on(
        &other_targets(),
        &["--preset", "self-eval"],
        "min_applicable = 0.3\n",
    );
    let criteria: Vec<&str> = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["applicable"] == false)
        .map(|i| i["criterion"].as_str().unwrap())
        .collect();
    assert!(
        criteria.contains(
            &"得分=分值×“慰问补助市级劳模”完成率，最高得满分（指标值≥120人：达到即达成）"
        ),
        "{criteria:?}"
    );
}
