//! `tests/bad-inputs/`: one file per way a real file goes wrong, written by
//! `cargo run --example generate-bad-inputs`. Each must end with exit code 2, no panic, no
//! result on stdout, and a message naming the file and saying what is wrong with it; or, where
//! what is wrong is only a writer's hint that the reader need not believe, be evaluated.

use std::path::PathBuf;

use crate::{evaluate, stderr, stdout, targets};

fn bad(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad-inputs")
        .join(name)
}

/// Refused in both languages, naming the file; `expected` is the English of what is wrong.
fn refused(name: &str, expected: &str) {
    for (lang, prefix) in [("zh", "错误："), ("en", "error: ")] {
        let out = evaluate(&bad(name), &targets(), &["--lang", lang]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: printed a result");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(err.starts_with(prefix), "{name} in {lang}: {err}");
        assert!(err.contains(name), "{name} is not named in: {err}");
        if lang == "en" {
            assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
        }
    }
}

/// Read in spite of what is wrong with it: `check` shows its postings (`expected`), with no
/// reading error. (The corpus's ledgers have no 项目 column, so none can be graded: issue 15.)
fn read_anyway(name: &str, expected: &str) {
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .expect("the jixiao binary is built")
        .arg("check")
        .arg(bad(name))
        .arg(targets())
        .output()
        .expect("jixiao runs");
    let err = stderr(&out);
    assert!(err.is_empty(), "{name}: {err}");
    let result = stdout(&out);
    assert!(
        result.contains(expected),
        "expected {expected:?} in:\n{result}"
    );
    assert!(result.contains("没有这一列"), "{result}");
}

#[test]
fn not_a_spreadsheet() {
    refused(
        "not-a-spreadsheet.xlsx",
        "not a spreadsheet jixiao can read",
    );
}

#[test]
fn truncated() {
    refused(
        "truncated.xlsx",
        "the file is incomplete — a download cut off or a save interrupted?",
    );
}

#[test]
fn encrypted() {
    refused(
        "encrypted.xlsx",
        "it is encrypted (a workbook with a password to open) or an old-format .xls renamed",
    );
}

#[test]
fn empty_workbook() {
    refused(
        "empty-workbook.xlsx",
        "empty-workbook.xlsx!Sheet1: the sheet is empty",
    );
}

#[test]
fn huge_dimension() {
    refused(
        "huge-dimension.xlsx",
        "its cells span A1:XFD1048576 (17179869184 cells), more than the limit",
    );
}

#[test]
fn zip_bomb() {
    refused(
        "zip-bomb.xlsx",
        "xl/sharedStrings.xml inflates from 61155 to 62914560 bytes, a ratio no real workbook has",
    );
}

#[test]
fn amount_not_money() {
    refused(
        "amount-not-money.xlsx",
        "amount-not-money.xlsx!明细账!F3: found “三千元”, expected an amount",
    );
}

#[test]
fn amount_error_value() {
    refused(
        "amount-error-value.xlsx",
        "amount-error-value.xlsx!明细账!F3: found the error value #DIV/0!, expected an amount",
    );
}

/// Regression: an amount saved as a formula without its value read as blank, and the row was
/// skipped as 无发生额 with its money.
#[test]
fn formula_no_value() {
    refused(
        "formula-no-value.xlsx",
        "formula-no-value.xlsx!明细账!F3: found the formula =H3*12 with no saved value",
    );
}

#[test]
fn impossible_date() {
    refused(
        "impossible-date.xlsx",
        "impossible-date.xlsx!明细账!A3: found “2019-02-30”, expected a date",
    );
}

/// Regression: a float past `Decimal`'s range printed its 300 digits in the message.
#[test]
fn absurd_amount() {
    refused(
        "absurd-amount.xlsx",
        "absurd-amount.xlsx!明细账!F3: found 1e300, expected an amount below 1,000,000,000,000,000",
    );
}

#[test]
fn no_header() {
    refused(
        "no-header.xlsx",
        "no-header.xlsx!明细账: no header row in the first 2 rows",
    );
}

/// Regression: the second 借方金额 column was ignored and its amounts lost without a word.
#[test]
fn duplicate_header() {
    refused(
        "duplicate-header.xlsx",
        "duplicate-header.xlsx!明细账!F1: found a second column headed “借方金额” (columns E and F)",
    );
}

/// Regression (issue 19): a shared-string index of `-1` was read as 0, the table's first
/// string, and the 摘要 became 日期 — text made up, with exit 0. The cell is named.
#[test]
fn string_index_not_a_number() {
    refused(
        "string-index-not-a-number.xlsx",
        "string-index-not-a-number.xlsx!明细账: cannot read the sheet: cell C3: Cell string index is not a number",
    );
}

/// Regression (issue 20): a cell reference of seven letters overflowed calamine's arithmetic —
/// a panic in a debug build, and in a release one a wrapped column (`MCNIOCD3`) named as the
/// cell. Found by the lean reader's mutation test.
#[test]
fn cell_reference_overflow() {
    refused(
        "cell-reference-overflow.xlsx",
        "cell-reference-overflow.xlsx!明细账: cannot read the sheet: it has a cell at ZZZZZZZ3, beyond the last row (1048576) or column (XFD) a spreadsheet can have",
    );
}

/// Regression (issue 19): row 3 written twice, the copy with 99,999 instead of 500: the reader
/// took the later copy and the spending was wrong with exit 0.
#[test]
fn duplicate_row() {
    refused(
        "duplicate-row.xlsx",
        "duplicate-row.xlsx!明细账: cannot read the sheet: the cell A3 is written twice in the file",
    );
}

/// Regression (issue 19): the sheet's part twice in the package; the zip reader keeps one
/// entry per name and took the later copy.
#[test]
fn duplicate_entry() {
    refused(
        "duplicate-entry.xlsx",
        "the package holds two parts named xl/worksheets/sheet1.xml",
    );
}

/// Issue 19: an XML entity in a sheet is said to be what it is, with its cell.
#[test]
fn xml_entity() {
    refused(
        "xml-entity.xlsx",
        "the sheet's XML uses an entity reference no spreadsheet program writes (a crafted file?): cell A9:",
    );
}

/// Issue 19: an amount cell whose shared-string index is past the table was refused without
/// its cell; the cell is named.
#[test]
fn string_index_out_of_range() {
    refused(
        "string-index-out-of-range.xlsx",
        "string-index-out-of-range.xlsx!明细账: cannot read the sheet: cell F3: Cell string index not found in shared strings table",
    );
}

/// Regression: the CSV reader swallowed every row after an unclosed quote into one cell.
#[test]
fn unclosed_quote() {
    refused(
        "unclosed-quote.csv",
        "the quote that opens a field on line 2 is never closed",
    );
}

/// Regression: calamine reserved room for every string the shared-strings table declares, here
/// a trillion (24 TB), and the process aborted. The count is the writer's word; the one posting
/// the sheet holds is read (the patch in vendor/calamine caps the reservation).
#[test]
fn wrong_string_count() {
    read_anyway(
        "wrong-string-count.xlsx",
        "分录“慰问困难职工”（借 3,000.00）未归入任何预算子项",
    );
}

/// Regression: a 科目余额表 given for the ledger was refused as having no header; it is said
/// by name, with the labels that show it.
#[test]
fn balance_table() {
    refused(
        "balance-table.xlsx",
        "balance-table.xlsx!辅助核算余额: this is a balance table (科目余额表 / 辅助核算余额表), not a ledger: it gives each account's opening, period and closing amounts (辅助核算余额汇总表(往来单位), 期初借方, 期初贷方, 本期借方, 本期贷方)",
    );
}

/// A 库存流水账 and a 凭证导入模板 given for the ledger are said by name (issue 16); the
/// template has voucher numbers and amounts, and was read as a ledger without dates.
#[test]
fn inventory_journal_and_voucher_template() {
    refused(
        "inventory-journal.xlsx",
        "inventory-journal.xlsx!库存流水账: this is an inventory journal (库存流水账 / 出入库明细), not a ledger: it records goods coming in, going out and in stock (库存流水账, 存货编码, 存货名称, 入库数量, 入库金额)",
    );
    refused(
        "voucher-template.xlsx",
        "voucher-template.xlsx!凭证: this is a voucher import template (凭证导入模板), not a ledger: a table vouchers are imported into the accounting software from, without posting dates, its columns import options (是否核销, 是否保值, 凭证合计金额是否保值, 现金流量标识, 结算标志)",
    );
}

/// With no postings header, the refusal shows the rows it considered and why each was not
/// taken (issue 16): `check` used to repeat only that no header was found.
#[test]
fn no_header_shows_the_rows_considered() {
    refused(
        "no-sides.xlsx",
        "no-sides.xlsx!明细账: no header row in the first 3 rows; expected a row with at least three of 日期, 凭证字号, 摘要, 科目编码, 科目名称, 项目, 往来单位, 借方, 贷方 (and both 借方 and 贷方, or 金额 and 方向). The rows closest to a header: row 2 (日期, 凭证号, 摘要, 科目名称, 发生额, 余额; no 借方 and 贷方, nor an amount with its 方向)",
    );
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .arg("check")
        .arg(bad("no-sides.xlsx"))
        .arg(targets())
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("最接近表头的行：第2行（认出 日期、凭证号、摘要、科目名称、发生额、余额；缺借方与贷方两栏，或金额与方向）"),
        "{}",
        stderr(&out)
    );
}

/// A targets workbook refused in both languages, naming the file; `expected` is the English.
fn refused_targets(name: &str, expected: &str) {
    for (lang, prefix) in [("zh", "错误："), ("en", "error: ")] {
        let out = evaluate(&crate::ledger(), &bad(name), &["--lang", lang]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: printed a result");
        assert!(err.starts_with(prefix), "{name} in {lang}: {err}");
        if lang == "en" {
            assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
        }
    }
}

/// Regression: a finding whose 扣分原因 was a formula saved without its value deducted with no
/// reason to report.
#[test]
fn finding_reason_formula() {
    refused_targets(
        "finding-reason-formula.xlsx",
        "finding-reason-formula.xlsx!评价发现!C2: found the formula =D2&\"未到位\" with no saved value (1 such cell(s) in the sheet), expected the text of the 扣分原因",
    );
}

/// Every file of the corpus has its test above: a file added to the generator without one
/// would prove nothing.
#[test]
fn every_file_is_checked() {
    let source = include_str!("bad_corpus.rs");
    let mut names: Vec<String> = std::fs::read_dir(bad(""))
        .expect("tests/bad-inputs")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 26);
    for name in names {
        assert!(
            ["refused", "read_anyway", "refused_targets"]
                .iter()
                .any(|check| {
                    source.contains(&format!("{check}(\n        \"{name}\""))
                        || source.contains(&format!("{check}(\"{name}\""))
                }),
            "{name} has no test"
        );
    }
}
