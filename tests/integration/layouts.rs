//! The same money exported by other accounting software: every layout must give the sample's
//! reconciliation, figure for figure, and its score.

use std::path::PathBuf;

use serde_json::Value;

use crate::{evaluate, fixture, ledger, stderr, stdout, targets};

fn run(ledgers: &[PathBuf]) -> Value {
    let mut args: Vec<String> = Vec::new();
    for extra in ledgers.iter().skip(1) {
        args.push("--ledger".into());
        args.push(extra.display().to_string());
    }
    // The layouts' folder has no bank statement of its own: they share the sample's.
    args.extend([
        "--bank".to_string(),
        fixture("changde-2019/bank.xlsx").display().to_string(),
    ]);
    args.extend(["--format".to_string(), "json".to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = evaluate(&ledgers[0], &targets(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("valid JSON")
}

fn layout(name: &str) -> PathBuf {
    fixture("changde-2019/layouts").join(name)
}

/// Asserts that the layout reproduces the sample, and returns its row accounting.
fn same_as_sample(ledgers: &[PathBuf]) -> Value {
    let sample = run(&[ledger()]);
    let j = run(ledgers);
    assert_eq!(
        j["reconciliation"], sample["reconciliation"],
        "reconciliation of {ledgers:?}"
    );
    assert_eq!(j["score"], sample["score"]);
    assert_eq!(j["dimensions"], sample["dimensions"]);
    assert_eq!(j["measures"]["beneficiaries.困难职工"]["value"], "1584");
    // The same findings, of the same money; only their cells differ between layouts.
    let of = |v: &Value| -> Vec<(String, String)> {
        v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap_or_default().to_string(),
                    f["amount"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(of(&j), of(&sample));
    assert!(of(&j).contains(&("prohibited_payee".to_string(), "100000.00".to_string())));
    let l = &j["inputs"]["ledger"];
    let read = l["rows_read"].as_u64().expect("read");
    let accounted = l["used"].as_u64().expect("used")
        + l["skipped_total"].as_u64().expect("skipped")
        + l["unassigned"].as_u64().expect("unassigned");
    assert_eq!(read, accounted, "row accounting of {ledgers:?}");
    assert_eq!(l["used"], 1022);
    assert_eq!(l["unassigned"], 0);
    l.clone()
}

fn layouts_of(l: &Value) -> Vec<String> {
    l["sheets"]
        .as_array()
        .expect("sheets")
        .iter()
        .map(|s| s["layout"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn u8_journal_one_amount_and_its_side() {
    let l = same_as_sample(&[layout("u8-序时账.xlsx")]);
    assert_eq!(layouts_of(&l), ["金额＋方向（序时账）；辅助项合并列"]);
    // The bank counter-entries are read and skipped, with the printed total.
    assert_eq!(
        l["skipped"],
        serde_json::json!({"合计": 1, "非资金科目": 62})
    );
}

#[test]
fn u8_voucher_list_with_dates_on_first_lines_only() {
    let l = same_as_sample(&[layout("u8-凭证列表.xlsx")]);
    assert_eq!(layouts_of(&l), ["借贷两栏；辅助项合并列"]);
    assert_eq!(l["dates"], serde_json::json!(["2019-01-10", "2020-05-12"]));
}

#[test]
fn u8_detail_ledger_a_sheet_a_year_under_year_banners() {
    let l = same_as_sample(&[layout("u8-明细账.xlsx")]);
    assert_eq!(
        layouts_of(&l),
        [
            "借贷两栏；两行表头；日期分列（月/日），年份取自表头“2019年”",
            "借贷两栏；两行表头；日期分列（月/日），年份取自表头“2020年”"
        ]
    );
    assert_eq!(
        l["skipped"],
        serde_json::json!({"上年结转": 2, "本年累计": 13, "本月合计": 13})
    );
}

#[test]
fn nc_csv_files_gbk_and_utf8_with_the_year_in_the_file_name() {
    let l = same_as_sample(&[
        layout("nc-凭证明细-2019年.csv"),
        layout("nc-凭证明细-2020年.csv"),
    ]);
    let layouts = layouts_of(&l);
    assert_eq!(layouts.len(), 2);
    assert!(
        layouts[0].contains("年份2019取自文件名（推定）"),
        "{layouts:?}"
    );
    assert!(
        layouts[1].contains("年份2020取自文件名（推定）"),
        "{layouts:?}"
    );
}

#[test]
fn government_parallel_books_count_one_side() {
    let l = same_as_sample(&[layout("政务-平行记账.xlsx")]);
    assert_eq!(layouts_of(&l), ["借贷两栏；两行表头；日期分列（年/月/日）"]);
    // Every posting is booked twice; the 财务会计 side is skipped, not added.
    assert_eq!(l["skipped"]["平行记账另一方"], 1022);
}

#[test]
fn kingdee_k3_ledger_with_text_dates() {
    let l = same_as_sample(&[layout("金蝶k3-明细分类账.xlsx")]);
    assert_eq!(
        l["skipped"],
        serde_json::json!({"期初余额": 1, "本年累计": 13, "本期合计": 13})
    );
    assert_eq!(
        l["sheets"][0]["period"],
        serde_json::json!(["2019-01-01", "2020-05-31"])
    );
}

#[test]
fn kingdee_jingdouyun_vouchers_with_split_numbers_and_serial_dates() {
    let l = same_as_sample(&[layout("金蝶精斗云-凭证.xlsx")]);
    assert_eq!(
        layouts_of(&l),
        ["借贷两栏；凭证字、凭证号分列；辅助核算分列（客户/供应商/职员）"]
    );
}

#[test]
fn libreoffice_ods_with_date_cells() {
    let l = same_as_sample(&[layout("libreoffice-明细账.ods")]);
    assert_eq!(l["skipped"], serde_json::json!({"期初余额": 1}));
    assert_eq!(l["dates"], serde_json::json!(["2019-01-10", "2020-05-12"]));
}

/// The sample's statement as the big banks export it, personal and corporate (issue 16): each
/// gives the sample's bank check — every item read, the one unbooked refund found — at the cell a
/// spreadsheet shows. `examples/generate-fixtures/banks.rs` says which quirk each one carries.
#[test]
fn every_bank_layout_gives_the_samples_bank_check() {
    for (file, sheet, cell) in [
        ("工商银行-明细查询.csv", "工商银行-明细查询", "I9"),
        ("交通银行.csv", "交通银行", "F60"),
        ("浦发银行.xlsx", "sheet", "D61"),
        ("招商银行.csv", "招商银行", "C60"),
        ("农业银行-对公.xlsx", "账户明细", "B62"),
        ("农业银行-个人.csv", "农业银行-个人", "D60"),
        ("中国银行-对公.xlsx", "交易明细", "J61"),
        ("中国银行-个人.csv", "中国银行-个人", "D61"),
        ("建设银行-对公.xlsx", "交易明细", "E62"),
        ("邮储银行-对公.xlsx", "明细", "E61"),
        ("中信银行-对公.xlsx", "Sheet1", "F62"),
        ("兴业银行-对公.xlsx", "明细", "D61"),
        ("民生银行-对公.xlsx", "账户明细", "C61"),
        ("光大银行-对公.csv", "光大银行-对公", "D62"),
        ("农商行-对公.xlsx", "交易明细", "D64"),
    ] {
        let bank = fixture("changde-2019/banks").join(file);
        let out = evaluate(
            &ledger(),
            &targets(),
            &["--bank", bank.to_str().unwrap(), "--format", "json"],
        );
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let j: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        assert_eq!(j["score"]["total"], "85.00", "{file}");
        let notes = j["notes"].to_string();
        assert!(
            notes.contains(&format!("银行对账：{file}!{sheet} 共60笔流水")),
            "{file}: {notes}"
        );
        let bank: Vec<(String, String, String)> = crate::bank_findings(&j)
            .iter()
            .map(|f| {
                (
                    f["kind"].as_str().unwrap().to_string(),
                    f["amount"].as_str().unwrap().to_string(),
                    f["evidence"][0].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(
            bank,
            [(
                "bank_unbooked".to_string(),
                "5000.00".to_string(),
                format!("{file}!{sheet}!{cell}")
            )],
            "{file}"
        );
    }
}

/// Every row of a statement is accounted for in `check`, as the ledger's rows are (issue 16).
#[test]
fn check_accounts_for_every_row_of_the_bank_statement() {
    let bank = fixture("changde-2019/banks").join("工商银行-明细查询.csv");
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .arg("check")
        .arg(ledger())
        .arg(targets())
        .arg("--bank")
        .arg(&bank)
        .output()
        .unwrap();
    let text = stdout(&out);
    // The 60 items, the blank line and the 合计 row below them.
    assert!(
        text.contains(
            "银行流水：读取 62 ＝ 账上有对应 59 ＋ 未入账 1 ＋ 跳过 2（无日期 2、金额为零 0）"
        ),
        "{text}"
    );
}
