//! Inputs that cannot be evaluated end with exit code 2 and a message naming the file, and
//! where it can the sheet and the cell.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::{evaluate, ledger, stderr, stdout, targets};

/// Refused with `expected` in English (`--lang en`); Chinese is the default, tested apart.
fn fails_with(ledger: &Path, targets: &Path, expected: &str) {
    let out = evaluate(ledger, targets, &["--lang", "en"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "printed a result for bad input");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
}

#[test]
fn missing_ledger() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope.xlsx");
    fails_with(
        &missing,
        &targets(),
        &format!("error: {}: file not found", missing.display()),
    );
    let zh = evaluate(&missing, &targets(), &[]);
    assert_eq!(
        stderr(&zh),
        format!("错误：{}：找不到文件\n", missing.display())
    );
}

#[test]
fn ledger_that_is_not_a_spreadsheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fake = dir.path().join("ledger.xlsx");
    std::fs::write(&fake, "日期,摘要,借方\n2019-01-05,慰问金,3000\n").expect("write");
    fails_with(
        &fake,
        &targets(),
        &format!(
            "error: {}: not a spreadsheet jixiao can read",
            fake.display()
        ),
    );
}

#[test]
fn ledger_sheet_without_a_header() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    ws.write_string(0, 0, "姓名").expect("write");
    ws.write_string(0, 1, "金额").expect("write");
    ws.write_string(1, 0, "张三").expect("write");
    ws.write_number(1, 1, 3000.0).expect("write");
    wb.save(&path).expect("save");
    fails_with(
        &path,
        &targets(),
        "error: ledger.xlsx!明细账: no header row in the first 2 rows; expected a row with at least three of 日期",
    );
}

#[test]
fn ledger_amount_that_is_not_money() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    for (c, h) in ["日期", "凭证字号", "摘要", "科目编码", "借方", "贷方"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (c, v) in ["2019-01-05", "记-0001", "慰问金", "50206", "三千元"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    wb.save(&path).expect("save");
    fails_with(
        &path,
        &targets(),
        "error: ledger.xlsx!明细账!E2: found “三千元”, expected an amount",
    );
}

#[test]
fn targets_without_a_declaration_sheet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("targets.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet().set_name("Sheet1").expect("name");
    wb.save(&path).expect("save");
    fails_with(
        &ledger(),
        &path,
        "error: targets.xlsx: no sheet for the 绩效目标申报表 (a sheet whose name contains “绩效目标” or “申报表” or “自评表”); the workbook has “Sheet1”",
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .expect("binary")
        .arg("evaluate")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Usage:"));
}

#[test]
fn ledger_date_outside_the_period_its_title_states() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    ws.write_string(0, 0, "项目辅助明细账").expect("write");
    ws.write_string(1, 0, "期间：2019年01月至2019年12月")
        .expect("write");
    for (c, h) in ["日期", "凭证字号", "摘要", "科目编码", "借方", "贷方"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).expect("write");
    }
    for (c, v) in ["2020-01-08", "记-0001", "慰问金", "50206", "3000"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, c as u16, *v).expect("write");
    }
    wb.save(&path).expect("save");
    fails_with(
        &path,
        &targets(),
        "error: ledger.xlsx!明细账!A4: found 2020-01-08, expected a date within the period 2019-01-01 to 2019-12-31 that the title states (ledger.xlsx!明细账!A2)",
    );
}

/// calamine #693: a cell at XFD1048576 beside A1 would make the whole-sheet reader allocate
/// hundreds of gigabytes and abort. It must be refused before that, naming the sheet.
#[test]
fn a_stray_cell_at_xfd1048576_is_refused_not_allocated() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    ws.write_string(0, 0, "日期").expect("write");
    ws.write_string(1_048_575, 16_383, "x").expect("write");
    wb.save(&path).expect("save");
    fails_with(
        &path,
        &targets(),
        "error: ledger.xlsx!明细账: cannot read the sheet: its cells span A1:XFD1048576 (17179869184 cells), more than the limit",
    );
}

/// A zip entry that inflates a thousandfold is a bomb, whatever the rest of the file is.
#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/sharedStrings.xml", options)
        .expect("entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..60 {
        zip.write_all(&zeros).expect("write");
    }
    zip.finish().expect("finish");
    fails_with(&path, &targets(), "xl/sharedStrings.xml inflates from");
    fails_with(
        &path,
        &targets(),
        "a ratio no real workbook has (a zip bomb?)",
    );
}

#[test]
fn the_inflation_bound_is_configurable() {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .expect("binary")
        .env("JIXIAO_MAX_INFLATE_MB", "0")
        .env("JIXIAO_LANG", "en")
        .arg("evaluate")
        .arg(ledger())
        .arg(targets())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ledger.xlsx: not a spreadsheet jixiao can read (it inflates to"),
        "{}",
        stderr(&out)
    );
}

/// Regression (review #10): a ledger given twice, or a sheet copied beside the 明细账, was
/// read twice and every payment counted twice, without a word.
#[test]
fn a_ledger_given_twice_is_refused_not_counted_twice() {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .expect("binary")
        .env("JIXIAO_LANG", "en")
        .arg("evaluate")
        .arg("--ledger")
        .arg(ledger())
        .arg("--ledger")
        .arg(ledger())
        .arg(targets())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains(
            "error: ledger.xlsx!明细账: repeats ledger.xlsx!明细账 (the same sheet given twice) posting for posting (1022 postings)"
        ),
        "{}",
        stderr(&out)
    );
}

/// A formula whose saved value is 0 was computed: the row is 无发生额, not an error.
#[test]
fn a_formula_saved_as_zero_is_read_as_zero() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    for (c, h) in [
        "日期",
        "凭证字号",
        "摘要",
        "科目编码",
        "借方金额",
        "贷方金额",
        "项目",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (r, amount) in [(1, "=3000"), (2, "=0*1")] {
        ws.write_string(r, 0, "2019-03-05").expect("write");
        ws.write_string(r, 2, "慰问金-困难职工").expect("write");
        ws.write_string(r, 3, "5010102").expect("write");
        ws.write_string(r, 6, "两节送温暖").expect("write");
        let value = if amount == "=0*1" { "0" } else { "3000" };
        ws.write_formula(
            r,
            4,
            rust_xlsxwriter::Formula::new(amount).set_result(value),
        )
        .expect("write");
    }
    wb.save(&path).expect("save");
    let out = evaluate(&path, &targets(), &["--no-bank"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("账页行数：读取 2 ＝ 使用 1 ＋ 跳过 1（无发生额 1）＋ 未归入 0"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_hidden_ledger_sheet_is_read_and_said_to_be_hidden() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("说明")
        .expect("name")
        .write_string(0, 0, "本账套导出自用友U8")
        .expect("write");
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    one_posting(
        ws,
        &["日期", "凭证字号", "摘要", "科目编码", "借方", "贷方"],
    );
    ws.set_hidden(true);
    wb.save(&path).expect("save");
    let (text, errors) = check_output(&path);
    assert!(
        text.contains("隐藏工作表（其中的分录已读取）"),
        "{text}{errors}"
    );
    assert!(text.contains("读取 1"), "{text}");
}

#[test]
fn a_repeated_column_name_that_is_not_an_amount_is_read_once_and_said() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    one_posting(
        ws,
        &[
            "日期",
            "凭证字号",
            "摘要",
            "科目编码",
            "借方",
            "贷方",
            "摘要",
        ],
    );
    ws.write_string(1, 6, "另一说明").expect("write");
    wb.save(&path).expect("save");
    let (text, errors) = check_output(&path);
    assert!(
        text.contains("列名重复：“摘要”在C、G列，读取C列"),
        "{text}{errors}"
    );
}

/// A one-posting ledger under `labels` (the posting in the first five columns), as `明细账`.
fn one_posting(ws: &mut rust_xlsxwriter::Worksheet, labels: &[&str]) {
    for (c, h) in labels.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    ws.write_string(1, 0, "2019-03-05").expect("write");
    ws.write_string(1, 1, "记-0001").expect("write");
    ws.write_string(1, 2, "慰问困难职工").expect("write");
    ws.write_string(1, 3, "5010102").expect("write");
    ws.write_number(1, 4, 3000.0).expect("write");
}

/// What `jixiao check --no-bank LEDGER TARGETS` prints, and its errors.
fn check_output(ledger: &Path) -> (String, String) {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .expect("built")
        .args(["check", "--no-bank"])
        .arg(ledger)
        .arg(targets())
        .output()
        .expect("runs");
    (stdout(&out), stderr(&out))
}
