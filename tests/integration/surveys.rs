//! Surveys as 问卷星 and 腾讯问卷 download them (`--survey`, issue 16): the sample's answers in
//! every layout give the sample's measures; several satisfaction questions are each a measure
//! and their pool; answers that cannot be counted are reported at their cells.

use serde_json::Value;

use crate::{evaluate, fixture, ledger, stderr, stdout, targets};

fn survey(name: &str) -> String {
    fixture("surveys").join(name).to_string_lossy().into_owned()
}

fn json_of(args: &[&str]) -> Value {
    let out = evaluate(
        &ledger(),
        &targets(),
        &[args, &["--format", "json"]].concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// The survey's measures: name → (value, detail).
fn survey_measures(j: &Value) -> Vec<(String, String, String)> {
    j["measures"]
        .as_object()
        .expect("measures")
        .iter()
        .filter(|(k, _)| k.starts_with("survey."))
        .map(|(k, m)| {
            (
                k.clone(),
                m["value"].as_str().unwrap().to_string(),
                m["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn check(args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .arg("check")
        .arg(ledger())
        .arg(targets())
        .args(args)
        .output()
        .unwrap();
    stdout(&out)
}

#[test]
fn every_download_of_the_samples_survey_gives_its_measures() {
    let sample = survey_measures(&json_of(&[]));
    assert_eq!(sample.len(), 10);
    let text = survey("问卷星-按文本.xlsx");
    let numbers = survey("问卷星-按序号.csv");
    let numbers_rules = survey("问卷星-按序号.toml");
    let tencent = survey("腾讯问卷.csv");
    for (args, used) in [
        (vec!["--survey", &text], "问卷星-按文本.xlsx!Sheet1"),
        (
            vec!["--survey", &numbers, "--rules", &numbers_rules],
            "问卷星-按序号.csv!问卷星-按序号",
        ),
        (vec!["--survey", &tencent], "腾讯问卷.csv!腾讯问卷"),
    ] {
        let j = json_of(&args);
        assert_eq!(j["score"]["total"], "85.00", "{used}");
        assert_eq!(survey_measures(&j), sample, "{used}");
        assert!(
            j["notes"]
                .to_string()
                .contains(&format!("问卷：使用 {used}，目标表的 问卷 表不使用")),
            "{used}: {}",
            j["notes"]
        );
    }
    // Numbers read by the options' default order are said, at the question's header cell.
    let j = json_of(&["--survey", &numbers, "--rules", &numbers_rules]);
    assert!(
        j["notes"].to_string().contains("问卷：回答是选项序号，第3题按 satisfaction_codes 的默认顺序读作 1 很满意、2 满意、3 一般、4 不满意、5 很不满意；第4题按 improvement_codes 的默认顺序读作 1 明显改善、2 有所改善、3 一般、4 没有改善；若问卷的选项顺序不同，在规则文件 [survey] 中写明"),
        "{}",
        j["notes"]
    );
    // What check shows of the download by number: the meta columns are no questions, and the
    // multiple-choice question's three columns are one.
    let text = check(&["--survey", &numbers, "--rules", &numbers_rules]);
    assert!(
        text.contains("问卷：问卷星-按序号.csv!问卷星-按序号，25 份，4 个题目；身份题：第1题；满意度题：第3题；生活改善题：第4题"),
        "{text}"
    );
}

/// Regression: a matrix of satisfaction rows downloaded as `2、(生活救助)` had no wording to be
/// found by, and one satisfaction question was all the survey could give.
#[test]
fn several_satisfaction_questions_are_each_a_measure_and_their_pool() {
    let j = json_of(&["--survey", &survey("多题满意度.xlsx")]);
    let m = &j["measures"];
    let value = |k: &str| m[k]["value"].as_str().unwrap_or("missing").to_string();
    assert_eq!(value("survey.respondents"), "25");
    assert_eq!(value("survey.satisfaction.2.生活救助"), "0.9200");
    assert_eq!(value("survey.satisfaction.2.医疗救助"), "0.8800");
    assert_eq!(value("survey.satisfaction.2.助学"), "1.0000");
    assert_eq!(value("survey.satisfaction.3"), "1.0000");
    assert_eq!(value("survey.satisfaction"), "0.9500");
    assert_eq!(
        m["survey.satisfaction"]["detail"],
        "4项合计：满意95人次／有效回答100人次"
    );
    // 很满意 100, 满意 80, 一般 60, 不满意 0 over the 100 answers.
    assert_eq!(value("survey.satisfaction_index"), "0.9060");
    assert_eq!(
        m["survey.satisfaction.2.医疗救助"]["evidence"],
        serde_json::json!([
            "多题满意度.xlsx!Sheet1!G24",
            "多题满意度.xlsx!Sheet1!G25",
            "多题满意度.xlsx!Sheet1!G26"
        ])
    );
}

/// The rules file names the satisfaction questions by number: only the matrix's rows count.
#[test]
fn the_rules_file_names_survey_questions_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(&rules, "[survey]\nsatisfaction_question = \"2\"\n").unwrap();
    let j = json_of(&[
        "--survey",
        &survey("多题满意度.xlsx"),
        "--rules",
        rules.to_str().unwrap(),
    ]);
    let m = &j["measures"];
    assert_eq!(m["survey.satisfaction"]["value"], "0.9333");
    assert_eq!(
        m["survey.satisfaction"]["detail"],
        "3项合计：满意70人次／有效回答75人次"
    );
    assert!(m["survey.satisfaction.3"].is_null());
}

#[test]
fn answers_that_cannot_be_counted_are_reported_at_their_cells() {
    let j = json_of(&["--survey", &survey("有问题的问卷.xlsx")]);
    let m = &j["measures"];
    // 序号 6 pasted twice counts once; 序号 7 given to two answer sheets counts twice.
    assert_eq!(m["survey.respondents"]["value"], "8");
    // 还行 (no option) and a blank are no answers: 4 satisfied of the 6 left.
    assert_eq!(m["survey.satisfaction"]["detail"], "满意4人／有效回答6人");
    assert_eq!(m["survey.satisfaction"]["value"], "0.6667");
    // `9` is no option of the improvement question: 5 improved of 7.
    assert_eq!(m["survey.improved"]["value"], "0.7143");
    // Per group (issue 17): 劳模 answered 很满意 ×3 and 一般, 困难职工 满意 and 不满意; indexes
    // (100 × 3 + 60) / 400 and (80 + 0) / 200.
    assert_eq!(m["survey.satisfied.劳模"]["value"], "0.7500");
    assert_eq!(m["survey.satisfied.困难职工"]["value"], "0.5000");
    assert_eq!(m["survey.satisfaction_index.劳模"]["value"], "0.9000");
    assert_eq!(m["survey.satisfaction_index.困难职工"]["value"], "0.4000");
    let f = "有问题的问卷.xlsx!Sheet1";
    let note = format!(
        "问卷：2个回答不是该题的选项，未计入（{f}!D4“还行”、{f}!E6“9”）；题目的选项（按序号下载时依次为1、2、3…）在规则文件 [survey] 的 improvement_codes、satisfaction_codes 中写明；1个应答的题目为空，未计入（{f}!D5）；序号6重复（{f}!A8与{f}!A7答案相同，只计1份）；序号7重复（{f}!A10与{f}!A9答案不同，两份都计入）"
    );
    assert!(j["notes"].to_string().contains(&note), "{}", j["notes"]);
    // check lists it among what to look at, at the first cell.
    let text = check(&["--survey", &survey("有问题的问卷.xlsx")]);
    assert!(text.contains(&format!("提示 {f}!D4：{note}")), "{text}");
}

/// Answers downloaded as numbers for a question whose options no list gives are not taken
/// for groups named `1` and `2`: they are reported, and the indicators that need the groups
/// cannot be scored.
#[test]
fn coded_groups_without_their_options_are_reported() {
    let numbers = survey("问卷星-按序号.csv");
    let out = evaluate(&ledger(), &targets(), &["--survey", &numbers]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("“survey.improved.困难职工”"),
        "{}",
        stderr(&out)
    );
    let text = check(&["--survey", &numbers]);
    assert!(
        text.contains("25个回答不是该题的选项，未计入")
            && text.contains("在规则文件 [survey] 的 group_codes 中写明"),
        "{text}"
    );
}

#[test]
fn a_file_that_is_no_survey_is_refused() {
    let out = evaluate(
        &ledger(),
        &targets(),
        &["--survey", ledger().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("ledger.xlsx") && err.contains("问卷星或腾讯问卷导出的表头"),
        "{err}"
    );
}

/// The targets workbook's 问卷 sheet in a download's layout is read as the download is.
#[test]
fn a_pasted_download_in_the_targets_workbook_is_read_alike() {
    let targets = fixture("surveys/targets-矩阵问卷.xlsx");
    let out = evaluate(&ledger(), &targets, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let pasted = survey_measures(&j);
    let downloaded = survey_measures(&json_of(&["--survey", &survey("多题满意度.xlsx")]));
    // The same figures; only the cells' file and sheet differ.
    assert_eq!(pasted, downloaded);
    assert_eq!(j["measures"]["survey.satisfaction"]["value"], "0.9500");
    assert!(!j["notes"].to_string().contains("目标表的 问卷 表不使用"));
}
