//! The Changde 2019 sample, end to end: every figure of `shared/docs/seed-reference.md`.

use serde_json::Value;

use crate::{evaluate, ledger, stdout, targets};

fn json() -> Value {
    let out = evaluate(&ledger(), &targets(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", crate::stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("valid JSON")
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn scores_85_good() {
    let j = json();
    assert_eq!(j["schema"], "jixiao.evaluation/1");
    assert_eq!(s(&j["score"]["total"]), "85.00");
    assert_eq!(s(&j["score"]["points"]), "100.00");
    assert_eq!(s(&j["score"]["grade"]), "良");
    let dims: Vec<(&str, &str, &str)> = j["dimensions"]
        .as_array()
        .expect("dimensions")
        .iter()
        .map(|d| (s(&d["name"]), s(&d["points"]), s(&d["score"])))
        .collect();
    assert_eq!(
        dims,
        [
            ("决策", "20.00", "19.00"),
            ("过程", "18.00", "10.00"),
            ("产出", "32.00", "28.00"),
            ("效益", "30.00", "28.00")
        ]
    );
}

#[test]
fn every_deduction_of_the_report_with_its_evidence() {
    let j = json();
    let mut deductions = Vec::new();
    for ind in j["indicators"].as_array().expect("indicators") {
        for d in ind["deductions"].as_array().expect("deductions") {
            let evidence: Vec<&str> = d["evidence"]
                .as_array()
                .expect("evidence")
                .iter()
                .map(s)
                .collect();
            assert!(!evidence.is_empty(), "a deduction without evidence: {d}");
            deductions.push((
                s(&ind["path"][2]).to_string(),
                s(&d["points"]).to_string(),
                s(&d["reason"]).to_string(),
                evidence.join(" "),
            ));
        }
    }
    let find = |name: &str| {
        deductions
            .iter()
            .find(|d| d.0 == name)
            .unwrap_or_else(|| panic!("no deduction on {name}: {deductions:#?}"))
    };
    assert_eq!(deductions.len(), 8, "{deductions:#?}");

    let target = find("绩效目标合理性");
    assert_eq!(target.1, "1.00");
    assert!(
        target
            .2
            .contains("“救助市直单位困难职工”目标值的设定不够合理"),
        "{}",
        target.2
    );
    assert!(
        target.3.contains("targets.xlsx!绩效目标申报表!E11"),
        "{}",
        target.3
    );

    let arrival = find("资金到位率");
    assert_eq!(arrival.1, "4.00");
    assert!(arrival.2.starts_with("资金到位率44.11%"), "{}", arrival.2);
    // The four arrivals of the ledger are the evidence.
    assert_eq!(
        arrival.3.matches("ledger.xlsx!明细账!I").count(),
        4,
        "{}",
        arrival.3
    );

    // Found by the payee, pointing at the payee and the amount of the row that paid it.
    let association = find("资金使用合规性");
    assert_eq!(association.1, "2.00");
    assert!(
        association.2.contains("常德市劳模协会支付100,000.00元"),
        "{}",
        association.2
    );
    assert_eq!(
        association.3,
        "ledger.xlsx!明细账!G600 ledger.xlsx!明细账!H600"
    );

    // 财务制度执行不够规范: the returned grant the bank shows and the ledger never booked, found
    // by setting bank.xlsx beside the ledger; and the evaluator's photo-record finding.
    let practice: Vec<&(String, String, String, String)> = deductions
        .iter()
        .filter(|d| d.0 == "制度执行有效性")
        .collect();
    assert_eq!(practice.len(), 2, "{practice:#?}");
    assert_eq!(practice[0].1, "1.00");
    assert!(
        practice[0]
            .2
            .starts_with("银行对账单2020-03-16收入5,000.00元"),
        "{}",
        practice[0].2
    );
    assert_eq!(practice[0].3, "bank.xlsx!账户历史明细!G62");
    assert_eq!(practice[1].1, "1.00");
    assert!(
        practice[1].2.contains("公示资料未收录影像文件"),
        "{}",
        practice[1].2
    );
    assert_eq!(practice[1].3, "targets.xlsx!评价发现!D2");

    let helped = find("救助市直单位困难职工");
    assert_eq!(helped.1, "4.00");
    assert!(helped.2.contains("目标≥4850人，实际1584人"), "{}", helped.2);

    let workers = find("困难职工生活改善");
    assert_eq!(workers.1, "1.00");
    assert_eq!(
        workers.3.split(' ').count(),
        2,
        "the two 一般 answers: {}",
        workers.3
    );
    let models = find("劳模生活改善");
    assert_eq!(models.1, "1.00");
    assert_eq!(
        models.3.split(' ').count(),
        3,
        "the three 一般 answers: {}",
        models.3
    );
}

#[test]
fn reconciles_to_the_reports_figures() {
    let j = json();
    let r = &j["reconciliation"];
    let groups: Vec<(&str, &str, &str, &str, &str)> = r["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| {
            (
                s(&g["name"]),
                s(&g["planned"]),
                s(&g["arrived"]),
                s(&g["spent"]),
                s(&g["balance"]),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            (
                "劳模帮扶",
                "1500000.00",
                "1499900.00",
                "1495400.00",
                "4600.00"
            ),
            ("职工帮扶", "1900000.00", "0.00", "1772800.00", "127200.00"),
        ]
    );
    let t = &r["totals"];
    assert_eq!(
        (
            s(&t["planned"]),
            s(&t["arrived"]),
            s(&t["spent"]),
            s(&t["balance"])
        ),
        ("3400000.00", "1499900.00", "3268200.00", "131800.00")
    );
    assert_eq!(s(&r["funds_arrival_rate"]), "0.4411");

    let line = |name: &str| {
        r["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .find(|l| l["name"] == name)
            .unwrap_or_else(|| panic!("no line {name}"))
            .clone()
    };
    let living = line("市直市级劳模生活困难补助（低收入补助）");
    assert_eq!(
        (
            s(&living["planned"]),
            s(&living["arrived"]),
            s(&living["spent"])
        ),
        ("800000.00", "799900.00", "799900.00")
    );
    // 273 people, 7 of whom were also back-paid: distinct payees, not payments.
    assert_eq!(living["beneficiaries"], 273);
    // 273 + 7 payments and the one arrival of 79.99 万元.
    assert_eq!(living["postings"], 281);
    let sanatorium = line("市直省部级劳模疗休养");
    assert_eq!(
        (s(&sanatorium["spent"]), s(&sanatorium["balance"])),
        ("195500.00", "4500.00")
    );
    assert_eq!(
        (
            sanatorium["beneficiaries"].as_u64(),
            s(&sanatorium["beneficiaries_source"])
        ),
        (Some(40), "stated")
    );
    let cash = line("两节送温暖（资金）");
    assert_eq!(
        (s(&cash["spent"]), cash["beneficiaries"].as_u64()),
        ("604000.00", Some(440))
    );
    let goods = line("两节送温暖（物资）");
    assert_eq!(
        (s(&goods["spent"]), goods["beneficiaries"].as_u64()),
        ("351000.00", Some(1000))
    );
    let medical = line("第六期医疗救助（市级资金）");
    assert_eq!(
        (s(&medical["spent"]), medical["beneficiaries"].as_u64()),
        ("596000.00", Some(106))
    );

    let m = &j["measures"];
    assert_eq!(s(&m["beneficiaries.困难职工"]["value"]), "1584");
    assert_eq!(s(&m["beneficiaries.困难劳模"]["value"]), "420");
    assert_eq!(s(&m["target.救助市直单位困难职工"]["value"]), "0.3266");
    assert_eq!(s(&m["survey.satisfaction"]["value"]), "1.0000");
    assert_eq!(s(&m["survey.satisfaction_index"]["value"]), "1.0000");
    assert_eq!(s(&m["survey.respondents"]["value"]), "25");
}

#[test]
fn the_audit_findings_with_their_cells() {
    let j = json();
    let findings: Vec<(&str, &str, String)> = j["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                s(&f["kind"]),
                s(&f["amount"]),
                f["evidence"]
                    .as_array()
                    .expect("evidence")
                    .iter()
                    .map(s)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .collect();
    let kinds: Vec<&str> = findings.iter().map(|f| f.0).collect();
    // The association; the five lines with payments after 2019; three cash grants above 1,000;
    // the returned grant the bank shows and the ledger does not.
    assert_eq!(
        kinds,
        [
            "prohibited_payee",
            "late",
            "late",
            "late",
            "late",
            "late",
            "cash",
            "cash",
            "cash",
            "bank_unbooked"
        ]
    );
    assert_eq!(
        findings[0],
        (
            "prohibited_payee",
            "100000.00",
            "ledger.xlsx!明细账!G600 ledger.xlsx!明细账!H600".to_string()
        )
    );
    // 93 living subsidies paid in January 2020, 147 hardship grants, the delayed medical grant …
    let late: Vec<&str> = findings
        .iter()
        .filter(|f| f.0 == "late")
        .map(|f| f.1)
        .collect();
    assert_eq!(
        late,
        ["238820.00", "400000.00", "6000.00", "5000.00", "16500.00"]
    );
    assert!(
        findings[3].2.contains("ledger.xlsx!明细账!H1052"),
        "the 6,000 paid in 2020-05: {}",
        findings[3].2
    );
    let m = &j["measures"];
    assert_eq!(s(&m["findings.late"]["value"]), "5");
    assert_eq!(s(&m["timeliness.in_year"]["value"]), "0.7961");
    assert_eq!(s(&m["timeliness.by_spring_festival"]["value"]), "0.9982");
    assert_eq!(s(&m["findings.duplicate"]["value"]), "0");
    assert_eq!(s(&m["findings.above_standard"]["value"]), "0");
}

#[test]
fn every_ledger_row_is_accounted_for() {
    let j = json();
    let l = &j["inputs"]["ledger"];
    let read = l["rows_read"].as_u64().expect("rows_read");
    let used = l["used"].as_u64().expect("used");
    let skipped = l["skipped_total"].as_u64().expect("skipped_total");
    let unassigned = l["unassigned"].as_u64().expect("unassigned");
    assert_eq!(read, used + skipped + unassigned);
    // 1,018 payments and 4 arrivals; one 期初余额, one 上年结转, and 本月合计 + 本年累计 for
    // each of the 13 months with postings.
    assert_eq!((read, used, skipped, unassigned), (1050, 1022, 28, 0));
    let by_kind: u64 = l["skipped"]
        .as_object()
        .expect("skipped")
        .values()
        .map(|v| v.as_u64().expect("count"))
        .sum();
    assert_eq!(by_kind, skipped);
    assert_eq!(l["skipped"]["本月合计"], 13);
    assert_eq!(l["skipped"]["期初余额"], 1);
    let sheet = &l["sheets"][0];
    assert_eq!(
        (
            sheet["file"].as_str(),
            sheet["sheet"].as_str(),
            sheet["header_row"].as_u64()
        ),
        (Some("ledger.xlsx"), Some("明细账"), Some(4))
    );
    assert_eq!(
        sheet["period"],
        serde_json::json!(["2019-01-01", "2020-05-31"])
    );
    assert_eq!(l["dates"], serde_json::json!(["2019-01-10", "2020-05-12"]));
}

#[test]
fn table_output() {
    let out = evaluate(&ledger(), &targets(), &[]);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("changde_2019_table", stdout(&out));
}

#[test]
fn ascii_table_output() {
    let out = evaluate(&ledger(), &targets(), &["--ascii"]);
    let text = stdout(&out);
    assert!(text.contains("| 合计"), "{text}");
    assert!(
        !text.contains('│'),
        "box-drawing characters in --ascii output"
    );
}

#[test]
fn fail_under_exits_1_after_printing() {
    let out = evaluate(&ledger(), &targets(), &["--fail-under", "90"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("评价等级：良"));
    assert_eq!(
        crate::stderr(&out),
        "jixiao：总分 85.00 低于 --fail-under 90\n"
    );
    let out = evaluate(&ledger(), &targets(), &["--fail-under", "85"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn without_the_bank_statement_the_check_says_it_did_not_run() {
    let out = evaluate(&ledger(), &targets(), &["--no-bank", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let j: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // Only the photo-record finding deducts; the bank check could have taken a point more.
    assert_eq!(s(&j["score"]["total"]), "86.00");
    let practice = j["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["path"][2] == "制度执行有效性")
        .expect("indicator")
        .clone();
    assert_eq!(s(&practice["score"]), "3.00");
    assert_eq!(
        s(&practice["notice"]),
        "未提供银行对账单，未能核对银行收支是否全部入账（每笔未入账扣1分）"
    );
    assert!(j["measures"]["findings.bank_unbooked"].is_null());
    let with_bank = json();
    assert!(
        with_bank["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .any(|n| s(n).starts_with("银行对账单：使用与账页同目录的"))
    );
}
