//! Issue 21: 自评表 as finance offices fill them (`fixtures/self-eval/`, written by
//! `examples/generate-fixtures/self_eval.rs`), over the multi-year fixture's ledger: the form's
//! own 分值 kept, every row accounted for, qualitative actuals read from a closed vocabulary,
//! costs read as ceilings, and a form whose weights miss its 总分 refused unless told which to
//! follow.
//!
//! The scores by hand. 预算执行率: 202.30 / 215.00 万元 = 94.09 %, 10 × 0.9409 = 9.41.
//! 产出 (rows of 10, the `/` row left out): 228 of ≥200 人 met; 工程质量合格 (no 指标值) 合格, met;
//! ≥95 % 已完成, met; 0.22 万元 against 0.25 万元 under 成本指标, a ceiling, met; 资金执行在预算
//! 范围内 (no 指标值, words no tier reads) the unit's own 10 — 50. 效益: 基本完成 is 部分达成, 8;
//! 是, 10; 未完成, 6 — 24. 满意度: 93 % of ≥90 %, 10. Total 93.41, 优.

use std::path::PathBuf;

use serde_json::Value;

use super::{evaluate, fixture, stderr, stdout};

fn ledger() -> PathBuf {
    fixture("multi-year/ledger.xlsx")
}

fn form(name: &str) -> PathBuf {
    fixture(&format!("self-eval/{name}.xlsx"))
}

fn json(name: &str, args: &[&str]) -> Value {
    let mut all = vec!["--preset", "self-eval", "--format", "json"];
    all.extend_from_slice(args);
    let out = evaluate(&ledger(), &form(name), &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("json")
}

/// (三级, points, score) of every indicator.
fn rows(j: &Value) -> Vec<(String, String, String)> {
    j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["path"][2].as_str().unwrap().to_string(),
                i["points"].as_str().unwrap().to_string(),
                i["score"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn rules_file(text: &str) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    std::fs::write(file.path(), text).unwrap();
    file
}

#[test]
fn a_filled_form_keeps_its_points_and_every_row() {
    let j = json("填报", &[]);
    let row = |name: &str, points: &str, score: &str| {
        (name.to_string(), points.to_string(), score.to_string())
    };
    assert_eq!(
        rows(&j),
        [
            row("预算执行率", "10.00", "9.41"),
            row("救助困难职工人数", "10.00", "10.00"),
            row("工程质量合格", "10.00", "10.00"),
            row("资金发放及时率", "10.00", "10.00"),
            // 0.22 万元 under a bare 0.25 万元 成本指标: a ceiling, met (as a floor it was 8.80).
            row("人均救助成本", "10.00", "10.00"),
            row("资金执行在预算范围内", "10.00", "10.00"),
            row("困难职工生活改善", "10.00", "8.00"),
            row("全市安全度汛", "10.00", "10.00"),
            row("帮扶长效机制", "10.00", "6.00"),
            row("受益职工满意度", "10.00", "10.00"),
        ]
    );
    assert_eq!(j["score"]["total"], "93.41");
    assert_eq!(j["score"]["grade"], "优");
    let own = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"][2] == "资金执行在预算范围内")
        .unwrap();
    assert_eq!(own["value"], "单位自评100.00%");
}

#[test]
fn check_lists_every_row_with_how_it_is_scored() {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .args(["check", "--preset", "self-eval"])
        .arg(ledger())
        .arg(form("填报"))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    for line in [
        "项目：2021—2024年困难职工帮扶专项资金；主管部门：；年度资金总额：215.00万元",
        "绩效目标：10 项",
        "产出指标/数量指标/新建帮扶站点：“/” → 不适用，不计分（填报.xlsx!项目支出绩效自评表!E14）",
        "产出指标/质量指标/工程质量合格：“” → 未填年度指标值；分值10；自评得分10；按实际完成值“合格”：达成（填报.xlsx!项目支出绩效自评表!E15）",
        "产出指标/成本指标/人均救助成本：“0.25万元” → 定量 ≤0.25万元（成本指标未写方向，按上限）；分值10；自评得分10；按实际完成值“0.22万元”：100.00%",
        "产出指标/成本指标/资金执行在预算范围内：“” → 未填年度指标值；分值10；自评得分10；按单位自评得分，未能复核（填报.xlsx!项目支出绩效自评表!E18）",
        "效益指标/社会效益指标/困难职工生活改善：“有效改善” → 定性；分值10；自评得分10；按实际完成值“基本完成”：部分达成",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
}

#[test]
fn wording_no_tier_reads_is_refused_at_its_cell() {
    let out = evaluate(&ledger(), &form("无明显变化"), &["--preset", "self-eval"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("无明显变化.xlsx!项目支出绩效自评表!F19：此处为“无明显变化”，应为实际完成值：数字（定量指标），或“达成”“部分达成”“未达成”"),
        "{err}"
    );
}

#[test]
fn points_that_miss_the_total_are_refused_until_the_rules_say_which() {
    let out = evaluate(&ledger(), &form("总分110"), &["--preset", "self-eval"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("总分110.xlsx!项目支出绩效自评表：自评表的分值合计110分（预算执行率 10分（指标体系）；产出指标 50分（G13、G15、G16、G17、G18）；效益指标 40分（G19、G20、G21、G22）；满意度指标 10分（G23）），与表上总分100分（G24）不符"),
        "{err}"
    );

    // The form's points as written: out of 110, graded in proportion (103.41 / 110 = 94 %).
    let form_rules = rules_file("[targets]\npoints = \"form\"\n");
    let j = json("总分110", &["--rules", form_rules.path().to_str().unwrap()]);
    assert_eq!(j["score"]["total"], "103.41");
    assert_eq!(j["score"]["points"], "110.00");
    assert_eq!(j["score"]["grade"], "优");

    // The system's 30 for 效益, shared by its four rows: 7.5 each; 6.00, 7.50, 4.50, 7.50.
    let system_rules = rules_file("[targets]\npoints = \"system\"\n");
    let j = json(
        "总分110",
        &["--rules", system_rules.path().to_str().unwrap()],
    );
    assert_eq!(j["score"]["total"], "94.91");
    assert_eq!(j["score"]["points"], "100.00");
    let notes = j["notes"].to_string();
    assert!(
        notes.contains("以下行未按自评表上的分值计分（按指标体系的一级权重折算）：“困难职工生活改善”10分→7.5分、“全市安全度汛”10分→7.5分、“帮扶长效机制”10分→7.5分、“节约用水”10分→7.5分"),
        "{notes}"
    );
}

/// (kind, sentence) of each discrepancy the review found.
fn discrepancies(j: &Value) -> Vec<(String, String)> {
    j["review"]["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_string(),
                d["sentence"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_units_own_scores_are_re_checked_row_by_row() {
    let j = json("填报", &[]);
    let r = &j["review"];
    assert_eq!(r["claimed"], "97.50");
    assert_eq!(r["claimed_at"], "填报.xlsx!项目支出绩效自评表!H23");
    assert_eq!(r["recomputed"], "93.41");
    assert_eq!(r["difference"], "-4.09");
    let rows: Vec<(String, String, String, String)> = r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["difference"] != "0.00")
        .map(|row| {
            let s = |k: &str| row[k].as_str().unwrap().to_string();
            (
                row["path"][2].as_str().unwrap().to_string(),
                s("claimed"),
                s("recomputed"),
                s("difference"),
            )
        })
        .collect();
    let row = |n: &str, c: &str, r: &str, d: &str| {
        (n.to_string(), c.to_string(), r.to_string(), d.to_string())
    };
    assert_eq!(
        rows,
        [
            row("预算执行率", "9.50", "9.41", "-0.09"),
            row("困难职工生活改善", "10.00", "8.00", "-2.00"),
            row("帮扶长效机制", "8.00", "6.00", "-2.00"),
        ]
    );
    assert_eq!(
        discrepancies(&j),
        [(
            "full_on_missed".to_string(),
            "“困难职工生活改善”未完全达成年度指标（目标有效改善，实际基本完成），自评仍得满分10分，复核得8分".to_string()
        )]
    );
}

#[test]
fn a_form_that_does_not_add_up_is_caught_at_its_cells() {
    let j = json("算术错误", &[]);
    assert_eq!(j["review"]["claimed"], "101.50");
    assert_eq!(j["review"]["recomputed"], "93.41");
    assert_eq!(j["review"]["difference"], "-8.09");
    let found = discrepancies(&j);
    let kinds: Vec<&str> = found.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "arithmetic",
            "above_points",
            "full_on_missed",
            "execution_rate"
        ]
    );
    assert_eq!(
        found[0].1,
        "各行自评得分合计99.5分，表上总分的得分却为101.5分"
    );
    assert_eq!(
        found[1].1,
        "“救助困难职工人数”自评得分12分，高于该行分值10分"
    );
    assert_eq!(
        found[3].1,
        "执行率填为98.00%，而全年执行数202.30万元／全年预算数215.00万元为94.09%"
    );
    let evidence = &j["review"]["discrepancies"][3]["evidence"];
    assert_eq!(evidence[0], "算术错误.xlsx!项目支出绩效自评表!G6");

    // The terminal shows the same, row by row and in total.
    let out = evaluate(&ledger(), &form("算术错误"), &["--preset", "self-eval"]);
    let text = stdout(&out);
    assert!(
        text.contains("自评复核（单位自评得分与复核得分）"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.contains("救助困难职工人数")
            && l.contains("12.00")
            && l.contains("10.00")
            && l.contains("-2.00")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("总分") && l.contains("101.50") && l.contains("-8.09")),
        "{text}"
    );
}

#[test]
fn fail_under_reads_the_recomputed_total_not_the_claim() {
    // The unit claims 97.5; re-checked it is 93.41.
    let out = evaluate(
        &ledger(),
        &form("填报"),
        &["--preset", "self-eval", "--fail-under", "95"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = evaluate(
        &ledger(),
        &form("填报"),
        &["--preset", "self-eval", "--fail-under", "93"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Every output shows the review: the workbook a sheet, the page and the drafts a section, the
/// CSV two columns beside the indicator table.
#[test]
fn every_output_shows_the_review() {
    use calamine::{Data, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let path = dir.path().join(name);
        let out = evaluate(
            &ledger(),
            &form("算术错误"),
            &["--preset", "self-eval", "-o", path.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        path
    };
    let mut wb = open_workbook_auto(write("复核.xlsx")).unwrap();
    let sheet = wb.worksheet_range("自评复核").expect("the 自评复核 sheet");
    let row: Vec<String> = sheet
        .rows()
        .find(|r| r.first() == Some(&Data::String("救助困难职工人数".into())))
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(row[..5], ["救助困难职工人数", "10", "12", "10", "-2"]);
    assert_eq!(row[5], "算术错误.xlsx!项目支出绩效自评表!H13");

    let md = std::fs::read_to_string(write("复核.md")).unwrap();
    assert!(
        md.contains(
            "## 自评复核\n\n单位自评101.50分，复核93.41分，差异-8.09分；复核发现自评表差错4处。"
        ),
        "{md}"
    );
    assert!(
        md.contains("| 救助困难职工人数 | 10 | 12.00 | 10.00 | -2.00 |"),
        "{md}"
    );

    let html = std::fs::read_to_string(write("复核.html")).unwrap();
    assert!(html.contains("自评复核"), "{html}");
    assert!(
        html.contains("各行自评得分合计99.5分，表上总分的得分却为101.5分"),
        "{html}"
    );

    let csv = std::fs::read_to_string(write("复核.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",自评得分,差异"), "{csv}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(",救助困难职工人数,") && l.ends_with(",12.00,-2.00")),
        "{csv}"
    );

    let docx = write("复核.docx");
    let xml = super::word::part(&docx, "word/document.xml");
    assert!(
        xml.contains("自评复核"),
        "the Word report has no 自评复核 section"
    );
    assert!(xml.contains("单位自评101.50分，复核93.41分，差异-8.09分"));
}

/// A bureau's folder of filled 自评表: one row per project with the recomputed total, the
/// unit's claimed one and the number of discrepancies; a form that cannot be read gets its
/// reason; shards merge back to the same.
#[test]
fn a_batch_of_filled_forms_gives_the_bureau_one_row_each() {
    let dir = tempfile::tempdir().unwrap();
    for (fund, name) in [("甲", "填报"), ("乙", "算术错误"), ("丙", "无明显变化")] {
        let folder = dir.path().join(fund);
        std::fs::create_dir(&folder).unwrap();
        std::fs::copy(ledger(), folder.join("ledger.xlsx")).unwrap();
        std::fs::copy(form(name), folder.join("targets.xlsx")).unwrap();
    }
    let batch = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("jixiao")
            .unwrap()
            .arg("batch")
            .arg(dir.path())
            .args(["--preset", "self-eval"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = batch(&["--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let row = |fund: &str| lines.iter().find(|l| l["fund"] == fund).unwrap();
    assert_eq!(row("甲")["total"], "93.41");
    assert_eq!(row("甲")["claimed"], "97.50");
    assert_eq!(row("甲")["discrepancies"], 1);
    assert_eq!(row("乙")["claimed"], "101.50");
    assert_eq!(row("乙")["discrepancies"], 4);
    assert_eq!(row("丙")["status"], "failed");
    assert!(row("丙")["error"].as_str().unwrap().contains("F19"));

    let out = batch(&["--format", "csv"]);
    let csv = stdout(&out);
    let header = csv.lines().next().unwrap();
    assert!(header.contains(",总分,等级,自评得分,复核差错,"), "{header}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("乙,乙,evaluated,93.41,优,101.50,4,")),
        "{csv}"
    );

    // Shards: each a JSON Lines file, merged back into the same rows.
    let shards: Vec<std::path::PathBuf> = (1..=2)
        .map(|k| {
            let path = dir.path().join(format!("{k}.jsonl"));
            let shard = format!("{k}/2");
            let out = batch(&["--shard", &shard, "-o", path.to_str().unwrap()]);
            assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
            path
        })
        .collect();
    let merged = dir.path().join("汇总.csv");
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .args(["batch", "--merge"])
        .args(&shards)
        .arg("-o")
        .arg(&merged)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 2)), "{}", stderr(&out));
    let merged = std::fs::read_to_string(&merged).unwrap();
    assert!(
        merged
            .lines()
            .any(|l| l.starts_with("乙,乙,evaluated,93.41,优,101.50,4,")),
        "{merged}"
    );
}

/// The completion vocabulary documented is the one read (docs/self-evaluation.md's table against
/// `completion::VOCABULARY`): a word added to one and not the other fails here.
#[test]
fn the_documented_vocabulary_is_the_one_read() {
    use jixiao::read::completion::{Completion, VOCABULARY};
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/self-evaluation.md"),
    )
    .unwrap();
    for (tier, words) in VOCABULARY {
        let label = match tier {
            Completion::Met => "| 达成 (met) | ",
            Completion::Partly => "| 部分达成 (partly met) | ",
            Completion::NotMet => "| 未达成 (not met) | ",
        };
        let line = doc
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}"));
        let listed: Vec<&str> = line[label.len()..]
            .trim_end_matches(" |")
            .split('、')
            .collect();
        assert_eq!(listed, words.to_vec(), "{label}");
    }
}

/// The 执行率 row's own 分值 stands like any row's: 20 × 94.09 % = 18.82, and 产出 of four rows
/// is 40: 18.82 + 40 + 24 + 10 = 92.82 of 100; the unit claimed 19 + 40 + 28 + 10 = 97.
#[test]
fn the_execution_rows_own_points_stand() {
    let j = json("执行率20分", &[]);
    assert_eq!(
        rows(&j)[0],
        (
            "预算执行率".to_string(),
            "20.00".to_string(),
            "18.82".to_string()
        )
    );
    assert_eq!(j["score"]["total"], "92.82");
    assert_eq!(j["score"]["points"], "100.00");
    assert_eq!(j["review"]["claimed"], "97.00");
    assert_eq!(j["review"]["rows"][0]["claimed"], "19.00");
    assert_eq!(j["review"]["discrepancies"].as_array().unwrap().len(), 1);
}

/// A row that does not apply keeps its 10 points on the form, left out of the scoring and the
/// total brought back over the 90 that apply: 9.41 + (10 + 10 + 9.79 + 10) + 24 + 10 = 83.20,
/// × 100 ÷ 90 = 92.44. `95%` written bare under 时效指标 is a floor (93 % of it: 9.79), not a
/// ceiling, and the unit's full 10 on it is a discrepancy.
#[test]
fn a_row_that_does_not_apply_keeps_its_points_on_the_form() {
    let j = json("不适用", &[]);
    assert_eq!(j["score"]["total"], "92.44");
    assert_eq!(j["score"]["rescaled_from"], "90.00");
    let na = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"][2] == "新建帮扶站点")
        .unwrap();
    assert_eq!(na["applicable"], false);
    assert_eq!(na["points"], "10.00");
    let rate = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["path"][2] == "资金发放及时率")
        .unwrap();
    assert_eq!(rate["score"], "9.79");
    assert!(
        rate["criterion"]
            .as_str()
            .unwrap()
            .ends_with("（指标值≥95%：未写方向，按下限，达到即达成）"),
        "{rate}"
    );
    assert_eq!(
        discrepancies(&j)[0].1,
        "“资金发放及时率”未完全达成年度指标（目标≥95%，实际93%），自评仍得满分10分，复核得9.79分"
    );
    // The form's own arithmetic holds (87.5), so no arithmetic discrepancy.
    assert!(discrepancies(&j).iter().all(|(k, _)| k != "arithmetic"));
}

/// A system of its own weights (key-eval) shares its dimensions by the form's 分值 and sets no
/// unit's score beside its own: no refusal for a 110-point form, no review.
#[test]
fn a_system_of_its_own_weights_neither_refuses_nor_re_checks() {
    for name in ["填报", "总分110"] {
        let out = evaluate(
            &ledger(),
            &form(name),
            &["--preset", "key-eval", "--format", "json"],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let j: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(j.get("review").is_none(), "{name}");
        let row = j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"][2] == "救助困难职工人数")
            .unwrap();
        // 产出 30 over five rows of 10.
        assert_eq!(row["points"], "6.00", "{name}");
    }
}
