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
    assert_eq!(json["inputs"]["ledger"]["unassigned"], 0);
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
}
