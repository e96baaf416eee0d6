//! Funds unlike the sample (`fixtures/unlike/`, written by `generate-fixtures`): each once got a
//! confident wrong grade, and now is evaluated right or refused with what to fix (issue 15).

use std::path::PathBuf;

use crate::{evaluate, stderr, stdout};

fn case(name: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = crate::fixture("unlike").join(name);
    (
        dir.join("ledger.xlsx"),
        dir.join("targets.xlsx"),
        dir.join("rules.toml"),
    )
}

fn json_of(name: &str, extra: &[&str]) -> serde_json::Value {
    let (ledger, targets, rules) = case(name);
    let mut args = vec!["--rules", rules.to_str().unwrap(), "--format", "json"];
    args.extend(extra);
    let out = evaluate(&ledger, &targets, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Regression: money booked to the fund (项目 = the fund's name) or to a part (its row's
/// 匹配条件) was 未归入, the arrival rate 0.00 % and the grade a confident 中.
#[test]
fn arrivals_for_the_fund_or_a_part_count_toward_the_arrival_rate() {
    let json = json_of("fund-arrivals", &[]);
    let r = &json["reconciliation"];
    assert_eq!(r["funds_arrival_rate"], "0.8889");
    assert_eq!(r["totals"]["arrived"], "160000.00");
    assert_eq!(r["totals"]["arrived_for_fund"], "100000.00");
    assert_eq!(r["groups"][0]["arrived"], "60000.00");
    assert_eq!(r["groups"][0]["arrived_for_part"], "60000.00");
    assert!(r["groups"][1].get("arrived_for_part").is_none());
    // Last year's fund, named with its year, is not this fund's.
    assert_eq!(json["inputs"]["ledger"]["unassigned"], 1);
    assert_eq!(json["score"]["total"], "92.22");

    let (ledger, targets, rules) = case("fund-arrivals");
    let out = evaluate(&ledger, &targets, &["--rules", rules.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains("资金到位率 88.89%（到位 16.00 万元 ／ 预算 18.00 万元）"),
        "{text}"
    );
    assert!(text.contains("（部分整体到位）"), "{text}");
    assert!(text.contains("（项目整体到位）"), "{text}");

    // The report's table and the workbook's sums hold them too.
    let out = evaluate(
        &ledger,
        &targets,
        &["--rules", rules.to_str().unwrap(), "--format", "md"],
    );
    assert!(stdout(&out).contains("|  | （项目整体到位） |  | 100,000.00 |  |  |  |  |"));
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("评价结果.xlsx");
    let out = evaluate(
        &ledger,
        &targets,
        &[
            "--rules",
            rules.to_str().unwrap(),
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    use calamine::{Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = wb.worksheet_range("资金对账").unwrap();
    let arrived: Vec<String> = sheet.rows().map(|r| r[3].to_string()).collect();
    assert_eq!(
        arrived,
        [
            "到位资金",
            "0",
            "0",
            "0",
            "60000",
            "100000",
            "160000",
            // Below the total: the 5,000 arrival no line or part claims, then the books' whole.
            "5000",
            "165000",
            "",
            ""
        ]
    );
    let last = sheet.rows().next_back().unwrap();
    assert_eq!(
        (last[0].to_string(), last[2].to_string()),
        ("资金到位率".into(), "0.888889".into())
    );
}

/// Regression: a company's books (企业会计准则) were read as a government's parallel books:
/// 6401 主营业务成本 became an arrival and a fine on 营业外支出 a negative one.
#[test]
fn a_companys_books_are_read_by_the_enterprise_chart() {
    let json = json_of("enterprise", &[]);
    let r = &json["reconciliation"];
    assert_eq!(r["totals"]["arrived"], "100000.00");
    assert_eq!(r["totals"]["spent"], "82500.00");
    assert_eq!(r["lines"][0]["spent"], "52500.00");
    let ledger = &json["inputs"]["ledger"];
    assert_eq!(ledger["skipped"]["期末结转"], 1);
    assert_eq!(ledger["skipped"]["非资金科目"], 8);
    assert_eq!(ledger["unassigned"], 1);
    let notes = json["notes"].to_string();
    assert!(
        notes.contains(
            "会计制度：企业会计准则（据科目 2221 应交税费、4103 本年利润、5001 生产成本等）"
        ),
        "{notes}"
    );
}

#[test]
fn a_nonprofits_books_are_read_by_its_chart() {
    let json = json_of("nonprofit", &[]);
    assert_eq!(json["reconciliation"]["totals"]["arrived"], "100000.00");
    assert_eq!(json["reconciliation"]["totals"]["spent"], "90000.00");
    let notes = json["notes"].to_string();
    assert!(
        notes.contains("民间非营利组织会计制度（据科目 4401 政府补助收入、5101 业务活动成本）"),
        "{notes}"
    );
}

/// Accounts of two charts that read money differently are refused, naming both; the rules file
/// settles it.
#[test]
fn accounts_of_two_charts_are_refused_unless_the_rules_name_one() {
    let (ledger, targets, rules) = case("mixed-charts");
    let out = evaluate(&ledger, &targets, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("工会会计制度（404 政府补助收入）"), "{err}");
    assert!(
        err.contains(
            "企业会计准则（4103 本年利润、5001 生产成本、6117 其他收益、6401 主营业务成本等）"
        ),
        "{err}"
    );
    assert!(err.contains("chart = \"union\""), "{err}");

    let dir = tempfile::tempdir().unwrap();
    let stated = dir.path().join("rules.toml");
    let text = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(
        &stated,
        format!("{text}\n[ledger]\nchart = \"enterprise\"\n"),
    )
    .unwrap();
    let out = evaluate(&ledger, &targets, &["--rules", stated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("会计制度：企业会计准则（规则文件指定）"));

    let out = evaluate(
        &ledger,
        &targets,
        &["--rules", rules.to_str().unwrap(), "--lang", "en"],
    );
    let err = stderr(&out);
    assert!(
        err.contains("the trade-union chart (404 政府补助收入); the enterprise chart ("),
        "{err}"
    );
}

/// The government layout says its chart, and the sample its union's.
#[test]
fn the_chart_found_is_said_with_its_accounts() {
    let out = evaluate(
        &crate::fixture("changde-2019/layouts/政务-平行记账.xlsx"),
        &crate::targets(),
        &[],
    );
    assert!(stdout(&out).contains("注：会计制度：政府会计制度（据科目 1011 零余额账户用款额度、4001 财政拨款收入、5001 业务活动费用等）"));
    let out = evaluate(&crate::ledger(), &crate::targets(), &[]);
    assert!(stdout(&out).contains("注：会计制度：工会会计制度（据科目 404 政府补助收入）"));
}

/// `jixiao check` on a case, with its rules: (exit code, stdout).
fn check_of(name: &str, extra: &[&str]) -> (Option<i32>, String) {
    let (ledger, targets, rules) = case(name);
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .arg("check")
        .arg(&ledger)
        .arg(&targets)
        .args(["--rules", rules.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    (out.status.code(), stdout(&out))
}

/// `evaluate` refuses with `reason`, and `check` concludes 不能评价 with the same reason.
fn refused_by_both(name: &str, reason: &str) {
    let (ledger, targets, rules) = case(name);
    let out = evaluate(&ledger, &targets, &["--rules", rules.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(err.contains(reason), "{err}");
    let (code, text) = check_of(name, &[]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains(&format!("错误：{reason}")), "{text}");
    assert!(text.contains("结论：不能评价"), "{text}");
}

/// Regression: without its 项目 column no posting reached a line, yet the total was unchanged
/// and `check` said 可以评价.
#[test]
fn a_ledger_without_its_project_column_is_refused_naming_the_column() {
    refused_by_both(
        "no-project",
        "ledger.xlsx：预算明细的匹配条件按项目匹配，而账页没有这一列（或该列全空），按它匹配的预算子项一笔分录也得不到，无法评价（资金科目上的190,000.00元中有0.00元即0.00%归入预算子项、部分或项目整体）",
    );
}

/// Regression: a voucher-import sheet with no date on any row was 可以评价.
#[test]
fn a_ledger_without_dates_is_refused() {
    refused_by_both(
        "no-dates",
        "ledger.xlsx：没有一笔分录有日期（找不到日期列，或该列全空）",
    );
}

/// The accounts of two charts: `check` says so too.
#[test]
fn check_says_what_evaluate_refuses_for_the_chart() {
    refused_by_both(
        "mixed-charts",
        "ledger.xlsx：账页的科目分属不同的会计制度：工会会计制度（404 政府补助收入）",
    );
}

/// Regression: a 预算明细 filled in 元 under 金额单位：万元 read as 1,000,000,000 yuan, an arrival
/// rate of 0.01 %, and `check` said 无问题.
#[test]
fn plans_in_yuan_under_a_wan_heading_are_refused_with_both_figures() {
    refused_by_both(
        "yuan-under-wan",
        "targets.xlsx!绩效目标申报表!C4：申报表的年度资金总额为100,000.00元，而预算明细合计1,000,000,000.00元（targets.xlsx!预算明细!D4 起），相差约10000倍",
    );
    // The refusal says it all: not also "the budget lines are used".
    let (_, text) = check_of("yuan-under-wan", &[]);
    assert!(!text.contains("以预算明细为准"), "{text}");
}

/// Figures that disagree by less than a unit are a problem at their cell in `check`, not a note.
#[test]
fn a_declared_total_unlike_the_budgets_is_a_problem_at_its_cell() {
    let (code, text) = check_of("nonprofit", &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("  提示 targets.xlsx!绩效目标申报表!C4：绩效目标申报表的年度资金总额为12.00万元，预算明细合计10.00万元，以预算明细为准"), "{text}");
    assert!(!text.contains("注：绩效目标申报表的年度资金总额"), "{text}");
}

/// Regression: 95 under 指标值(%) was read as 95, met 0.95 %.
#[test]
fn a_percentage_under_a_percent_header_is_a_percentage() {
    let json = json_of("percent-header", &[]);
    assert_eq!(json["measures"]["target.服务对象满意度"]["value"], "1.0000");
    assert_eq!(json["score"]["total"], "98.00");
    let (code, text) = check_of("percent-header", &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("“75%” → 定量 ≥75%"), "{text}");
}

/// Without the header's unit, a bare 75 against a rate is refused rather than read as 75.
#[test]
fn a_bare_number_against_a_rate_is_refused() {
    refused_by_both(
        "percent-bare",
        "targets.xlsx!绩效目标申报表!E7：“服务对象满意度”的指标值“75”没有单位，而实际值是百分比（75.00%）；按数字75计，完成率只有1.00%",
    );
}

/// Regression: a target named with full-width brackets was stored normalised, but a rules
/// file's `measure = "target.…（合计）"` was not, so it was "not provided". Every name compared —
/// parts, budget lines against 项目, targets, measures, `[targets.actuals]` — is compared
/// whatever the width of its brackets and its spaces.
#[test]
fn names_that_differ_only_in_width_are_one_name() {
    let json = json_of("widths", &[]);
    assert_eq!(json["score"]["total"], "98.00");
    assert_eq!(json["measures"]["target.受益人数(合计)"]["value"], "1.0000");
    let groups = json["reconciliation"]["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(json["reconciliation"]["lines"][0]["spent"], "50000.00");
    assert_eq!(json["inputs"]["ledger"]["unassigned"], 0);
}

/// Regression: with the accounts listed in the rules file, the chart's 预算会计 defaults stayed
/// beside them and a company's 6xxx costs counted as arrivals. Listed, they are counted as
/// listed, on one set of books.
#[test]
fn listed_accounts_replace_the_charts() {
    let (ledger, targets, rules) = case("enterprise");
    let dir = tempfile::tempdir().unwrap();
    let listed = dir.path().join("rules.toml");
    let text = std::fs::read_to_string(&rules).unwrap();
    std::fs::write(
        &listed,
        format!("{text}\n[ledger]\narrival_accounts = [\"其他收益\"]\nspending_accounts = [\"5\", \"66\"]\n"),
    )
    .unwrap();
    let out = evaluate(
        &ledger,
        &targets,
        &["--rules", listed.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &json["reconciliation"]["totals"];
    // 5001 生产成本 45,000 and 6602 管理费用 30,000; 6401 is not listed.
    assert_eq!(
        (&r["arrived"], &r["spent"]),
        (&"100000.00".into(), &"75000.00".into())
    );
    assert!(
        json["inputs"]["ledger"]["skipped"]
            .get("平行记账另一方")
            .is_none()
    );
}

/// Issue 17: the team's 评分 sheet scores the judgement indicators it names — 预算编制科学性 2 of
/// 3 takes the sample from 85 to 84 — and every output marks those nobody scored.
#[test]
fn the_teams_scores_are_taken_and_the_unscored_marked() {
    let targets = crate::fixture("unlike/changde-scored/targets.xlsx");
    let out = evaluate(&crate::ledger(), &targets, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let j: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(j["score"]["total"], "84.00");
    let of = |name: &str| {
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["path"][2] == name)
            .unwrap()
            .clone()
    };
    let budgeting = of("预算编制科学性");
    assert_eq!(budgeting["score"], "2.00");
    assert_eq!(
        budgeting["deductions"][0]["reason"],
        "预算未细化到具体帮扶对象，测算依据不充分，扣1分"
    );
    assert_eq!(
        budgeting["deductions"][0]["evidence"],
        serde_json::json!(["targets.xlsx!评分!C3", "targets.xlsx!评分!D3"])
    );
    assert_eq!(of("立项依据充分性")["notice"], serde_json::Value::Null);
    assert_eq!(of("立项程序规范性")["notice"], "评价组未评分，按满分计");
}
