//! The streamed reading of an xlsx or CSV ledger (row by row, never the whole sheet in memory)
//! must give exactly what reading the whole sheet as one range gives: the same reconciliation,
//! the same findings and cells, the same row accounting, the same errors. `JIXIAO_READ=range`
//! forces the whole-range reader, and `JIXIAO_READ=pieces` the sheet's XML parsed in pieces of a
//! few kilobytes on two threads (as a large sheet's is, in pieces of half a megabyte).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use crate::{edit_sheet, fixture, stderr, stdout, targets};

fn run(ledger: &Path, whole_range: bool) -> Output {
    run_ledgers(&[ledger], whole_range)
}

/// A ledger exported in several files, given with `--ledger` each.
fn run_ledgers(ledgers: &[&Path], whole_range: bool) -> Output {
    run_read(ledgers, if whole_range { Some("range") } else { None })
}

/// With `JIXIAO_READ` set to `read`, or unset.
fn run_read(ledgers: &[&Path], read: Option<&str>) -> Output {
    let mut cmd = Command::cargo_bin("jixiao").expect("the jixiao binary is built");
    cmd.arg("evaluate");
    for ledger in ledgers {
        cmd.arg("--ledger").arg(ledger);
    }
    cmd.arg(targets())
        .args(["--format", "json", "--bank"])
        .arg(fixture("changde-2019/bank.xlsx"));
    match read {
        Some(read) => cmd.env("JIXIAO_READ", read),
        None => cmd.env_remove("JIXIAO_READ"),
    };
    cmd.output().expect("jixiao runs")
}

fn xlsx_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the folder exists")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    files
}

fn assert_same(ledger: &Path) {
    assert_same_ledgers(&[ledger]);
}

fn assert_same_ledgers(ledgers: &[&Path]) {
    let ledger = ledgers[0];
    let (streamed, whole) = (run_ledgers(ledgers, false), run_ledgers(ledgers, true));
    assert_eq!(
        streamed.status.code(),
        whole.status.code(),
        "{}: exit code differs; streamed stderr: {}; whole-range stderr: {}",
        ledger.display(),
        stderr(&streamed),
        stderr(&whole)
    );
    assert_eq!(
        stderr(&streamed),
        stderr(&whole),
        "{}: errors differ",
        ledger.display()
    );
    assert_eq!(
        stdout(&streamed),
        stdout(&whole),
        "{}: evaluation differs",
        ledger.display()
    );
    let pieces = run_read(ledgers, Some("pieces"));
    assert_eq!(
        (pieces.status.code(), stderr(&pieces), stdout(&pieces)),
        (streamed.status.code(), stderr(&streamed), stdout(&streamed)),
        "{}: in pieces, the reading differs",
        ledger.display()
    );
}

#[test]
fn every_fixture_ledger_reads_the_same_streamed_and_whole() {
    let mut ledgers = vec![fixture("changde-2019/ledger.xlsx")];
    ledgers.extend(xlsx_in(&fixture("changde-2019/layouts")));
    assert!(ledgers.len() >= 6, "{ledgers:?}");
    for ledger in &ledgers {
        let out = run(ledger, false);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
        // Not an empty agreement: each evaluates the sample's money.
        assert_eq!(
            json["reconciliation"]["totals"]["spent"],
            "3268200.00",
            "{}",
            ledger.display()
        );
        assert_same(ledger);
    }
}

/// The NC 凭证明细 CSV pair (one GBK, one UTF-8 with a BOM): its records streamed to the reader
/// must give what its whole sheet gave.
#[test]
fn the_csv_ledger_reads_the_same_streamed_and_whole() {
    let (a, b) = (
        fixture("changde-2019/layouts/nc-凭证明细-2019年.csv"),
        fixture("changde-2019/layouts/nc-凭证明细-2020年.csv"),
    );
    let out = run_ledgers(&[&a, &b], false);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(json["reconciliation"]["totals"]["spent"], "3268200.00");
    assert_same_ledgers(&[&a, &b]);
    // A broken one fails the same way too.
    let bad = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs/unclosed-quote.csv");
    assert_same(&bad);
}

#[test]
fn every_broken_xlsx_fails_the_same_streamed_and_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs");
    let files = xlsx_in(&dir);
    assert!(files.len() >= 8, "{files:?}");
    for file in &files {
        assert_same(file);
    }
}

/// Runs `jixiao check` on a ledger, streamed or whole, and returns (exit code, stdout, stderr).
fn check(ledger: &Path, whole_range: bool) -> (Option<i32>, String, String) {
    let mut cmd = Command::cargo_bin("jixiao").expect("built");
    cmd.args(["check", "--no-bank"]).arg(ledger).arg(targets());
    if whole_range {
        cmd.env("JIXIAO_READ", "range");
    }
    let out = cmd.output().expect("jixiao runs");
    (out.status.code(), stdout(&out), stderr(&out))
}

fn header(ws: &mut rust_xlsxwriter::Worksheet, row: u32) {
    for (c, h) in ["日期", "凭证字号", "摘要", "科目编码", "借方", "贷方"]
        .iter()
        .enumerate()
    {
        ws.write_string(row, c as u16, *h).expect("write");
    }
}

fn posting(ws: &mut rust_xlsxwriter::Worksheet, row: u32, day: u32, amount: f64) {
    ws.write_string(row, 0, format!("2019-03-{day:02}"))
        .expect("write");
    ws.write_string(row, 1, format!("记-{day:04}"))
        .expect("write");
    ws.write_string(row, 2, "慰问困难职工").expect("write");
    ws.write_string(row, 3, "5010102").expect("write");
    ws.write_number(row, 4, amount).expect("write");
}

/// Regression: rows written out of order in the XML (row 5 before row 4) made the streamed
/// reader cut the head short and lose a posting; the sheet is now read whole when that happens.
#[test]
fn rows_out_of_order_in_the_xml_lose_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    header(ws, 0);
    for (r, day) in (1..=40).zip(1..) {
        posting(ws, r, day % 28 + 1, 100.0 * f64::from(day));
    }
    wb.save(&path).expect("save");
    // Swap rows 4 and 5 (in the head) and rows 36 and 37 (after it).
    edit_sheet(&path, |xml| {
        let mut xml = xml;
        for (a, b) in [(4, 5), (36, 37)] {
            let row = |n: u32, xml: &str| {
                let start = xml.find(&format!("<row r=\"{n}\"")).expect("row");
                let end = start + xml[start..].find("</row>").expect("end") + "</row>".len();
                xml[start..end].to_string()
            };
            let (ra, rb) = (row(a, &xml), row(b, &xml));
            xml = xml.replacen(&format!("{ra}{rb}"), &format!("{rb}{ra}"), 1);
        }
        xml
    });
    let (streamed, whole) = (check(&path, false), check(&path, true));
    assert_eq!(streamed, whole);
    assert!(
        streamed.1.contains("读取 40 行，其中分录 40 笔"),
        "{}",
        streamed.1
    );
}

/// Regression: a stray cell far out in a sheet that is not a ledger stopped the whole-sheet
/// reading (exit 2) but not the streamed one, which had noted the sheet as another table and
/// gone on: the reader's own errors now come first, as in a whole-sheet reading.
#[test]
fn a_stray_cell_past_the_head_of_another_sheet_stops_both_readings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Sheet1").expect("name");
    header(ws, 0);
    posting(ws, 1, 5, 3000.0);
    let cover = wb.add_worksheet().set_name("Sheet2").expect("name");
    for r in 0..40 {
        cover.write_string(r, 0, "说明文字").expect("write");
    }
    cover.write_string(19_999, 16_383, "x").expect("write");
    wb.save(&path).expect("save");
    let (streamed, whole) = (check(&path, false), check(&path, true));
    assert_eq!(streamed, whole);
    assert_eq!(streamed.0, Some(2));
    assert!(streamed.2.contains("Sheet2："), "{}", streamed.2);
    assert!(streamed.2.contains("JIXIAO_MAX_CELLS"), "{}", streamed.2);
}

/// Regression: a header below 35 blank rows was reported as "the sheet is empty" when streamed;
/// both readings say the first 30 rows were searched.
#[test]
fn a_header_too_far_down_is_reported_the_same_streamed_and_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    header(ws, 35);
    posting(ws, 36, 5, 3000.0);
    wb.save(&path).expect("save");
    let (streamed, whole) = (check(&path, false), check(&path, true));
    assert_eq!(streamed, whole);
    assert_eq!(streamed.0, Some(2));
    assert!(streamed.2.contains("前30行中没有表头"), "{}", streamed.2);
}

/// A cell past column XFD (calamine reads `ZZZZZ2` as column 12 million) would make every row of
/// a streamed sheet that wide; it is refused before, in both readings.
#[test]
fn a_cell_beyond_the_last_column_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    header(ws, 0);
    posting(ws, 1, 5, 3000.0);
    ws.write_string(1, 7, "备注").expect("write");
    wb.save(&path).expect("save");
    edit_sheet(&path, |xml| xml.replacen("r=\"H2\"", "r=\"ZZZZZ2\"", 1));
    let (streamed, whole) = (check(&path, false), check(&path, true));
    assert_eq!(streamed, whole);
    assert_eq!(streamed.0, Some(2));
    assert!(
        streamed
            .2
            .contains("超出表格所能有的最后一行（1048576）或最后一列（XFD）"),
        "{}",
        streamed.2
    );
}

/// The sample's bank statement: its sheet's name and cells.
fn sample_statement() -> (String, calamine::Range<calamine::Data>) {
    use calamine::{Reader, open_workbook_auto};
    let mut original = open_workbook_auto(fixture("changde-2019/bank.xlsx")).expect("opens");
    let name = original.sheet_names()[0].clone();
    let range = original.worksheet_range(&name).expect("the statement");
    (name, range)
}

/// The sentences of the bank's findings on the sample ledger with the statement `bank`.
fn bank_sentences(bank: &Path, whole_range: bool) -> Vec<String> {
    let mut cmd = Command::cargo_bin("jixiao").expect("the jixiao binary is built");
    cmd.arg("evaluate")
        .arg(crate::ledger())
        .arg(targets())
        .args(["--format", "json", "--bank"])
        .arg(bank);
    if whole_range {
        cmd.env("JIXIAO_READ", "range");
    } else {
        cmd.env_remove("JIXIAO_READ");
    }
    let out = cmd.output().expect("jixiao runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    crate::bank_findings(&json)
        .iter()
        .map(|f| f["sentence"].as_str().expect("sentence").to_string())
        .collect()
}

/// The bank statement is streamed too. An export whose first sheet is a cover note, not the
/// statement, is read from the sheet that is: the same findings as the sample's own statement,
/// streamed and whole.
#[test]
fn a_bank_statement_behind_a_cover_sheet_is_read_from_its_own_sheet() {
    use calamine::Data;

    let (name, range) = sample_statement();
    let dir = tempfile::tempdir().expect("temp dir");
    let covered = dir.path().join("对账单.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let cover = wb.add_worksheet().set_name("说明").expect("name");
    cover
        .write_string(0, 0, "本对账单由网上银行导出，仅供对账使用")
        .expect("write");
    let ws = wb.add_worksheet().set_name(&name).expect("name");
    for (r, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Data::Empty => {}
                Data::Float(f) => {
                    ws.write_number(r, c, *f).expect("write");
                }
                Data::Int(i) => {
                    ws.write_number(r, c, *i as f64).expect("write");
                }
                Data::DateTime(d) => {
                    ws.write_number(r, c, d.as_f64()).expect("write");
                }
                other => {
                    ws.write_string(r, c, other.to_string()).expect("write");
                }
            }
        }
    }
    wb.save(&covered).expect("save");

    let expected = bank_sentences(&fixture("changde-2019/bank.xlsx"), false);
    assert!(!expected.is_empty(), "the sample has a bank finding");
    assert_eq!(bank_sentences(&covered, false), expected);
    assert_eq!(bank_sentences(&covered, true), expected);
}

/// A bank statement exported as CSV in GBK, as online banking often gives it, is streamed like
/// a CSV ledger: the same findings as the workbook, streamed and whole.
#[test]
fn a_bank_statement_in_gbk_csv_reads_as_its_workbook() {
    use calamine::Data;

    let (_, range) = sample_statement();
    let mut csv = csv::Writer::from_writer(Vec::new());
    for row in range.rows() {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Data::Empty => String::new(),
                Data::DateTime(d) => {
                    let (y, m, day, ..) = d.to_ymd_hms_milli();
                    format!("{y}-{m:02}-{day:02}")
                }
                other => other.to_string(),
            })
            .collect();
        csv.write_record(&cells).expect("write");
    }
    let text = String::from_utf8(csv.into_inner().expect("flush")).expect("UTF-8");
    let (gbk, _, lossy) = encoding_rs::GBK.encode(&text);
    assert!(!lossy);
    let dir = tempfile::tempdir().expect("temp dir");
    let exported = dir.path().join("银行对账单.csv");
    std::fs::write(&exported, &gbk).expect("write");

    let expected = bank_sentences(&fixture("changde-2019/bank.xlsx"), false);
    assert!(!expected.is_empty(), "the sample has a bank finding");
    assert_eq!(bank_sentences(&exported, false), expected);
    assert_eq!(bank_sentences(&exported, true), expected);
}

/// Rows and cells without their `r` (placed by counting, as some exporters write them): a piece
/// read alone would count from its own start, so such a sheet is read in one piece, and reads as
/// it does streamed and whole.
#[test]
fn rows_placed_by_counting_read_the_same_in_pieces() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ledger.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    header(ws, 0);
    for r in 1..=300 {
        posting(ws, r, r % 28 + 1, 100.0);
    }
    wb.save(&path).expect("save");
    edit_sheet(&path, |xml| {
        // Every ` r="…"` of the rows and cells away.
        let mut out = String::with_capacity(xml.len());
        let mut rest = xml.as_str();
        while let Some(at) = rest.find(" r=\"") {
            out.push_str(&rest[..at]);
            let after = &rest[at + 4..];
            rest = &after[after.find('"').expect("closing quote") + 1..];
        }
        out.push_str(rest);
        assert!(!out.contains(" r=\""));
        out
    });
    let read = |mode: Option<&str>| {
        let mut cmd = Command::cargo_bin("jixiao").expect("built");
        cmd.args(["check", "--no-bank"]).arg(&path).arg(targets());
        match mode {
            Some(m) => cmd.env("JIXIAO_READ", m),
            None => cmd.env_remove("JIXIAO_READ"),
        };
        let out = cmd.output().expect("runs");
        (out.status.code(), stdout(&out), stderr(&out))
    };
    let streamed = read(None);
    assert!(
        streamed.1.contains("读取 300 行，其中分录 300 笔"),
        "{}",
        streamed.1
    );
    assert_eq!(read(Some("pieces")), streamed);
    assert_eq!(read(Some("range")), streamed);
}
