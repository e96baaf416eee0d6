//! Writes `tests/bad-inputs/`: damaged, hostile and malformed ledgers, one file per way a real
//! file goes wrong, each checked by a test in `tests/integration/bad_corpus.rs`.
//!
//! Run with `cargo run --example generate-bad-inputs`; the output is byte-for-byte the same on
//! every run, so the committed files only change when this program does.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs")
}

/// A workbook with fixed document properties, so that saving it twice gives the same bytes.
fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2020, 4, 23).expect("valid date");
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    wb
}

fn save(mut wb: Workbook, name: &str) {
    wb.save(dir().join(name)).expect("save");
}

/// A 凭证列表 header and one good posting, then the caller's rows.
/// Row 3's date, 摘要 and account: a posting whose amount each case writes its own way.
fn posting(ws: &mut Worksheet, summary: &str) {
    ws.write_string(2, 0, "2019-03-06").expect("write");
    ws.write_string(2, 2, summary).expect("write");
    ws.write_string(2, 3, "5010102").expect("write");
}

fn ledger(name: &str, rows: impl FnOnce(&mut Worksheet)) {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    for (c, h) in [
        "日期",
        "凭证字号",
        "摘要",
        "科目编码",
        "科目名称",
        "借方金额",
        "贷方金额",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    let good = ["2019-03-05", "记-1", "慰问困难职工", "5010102", "慰问"];
    for (c, v) in good.iter().enumerate() {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    ws.write_number(1, 5, 3000.0).expect("write");
    rows(ws);
    save(wb, name);
}

/// Rewrites the parts of a workbook whose names start with `part`, text for text. Entries are
/// copied in order with their fixed times.
fn rewrite_parts(path: &Path, part: &str, from: &str, to: &str) {
    rewrite_with(path, part, |xml| {
        assert!(xml.contains(from), "{part} has no {from}");
        xml.replace(from, to)
    });
}

/// Rewrites the parts of a workbook whose names start with `part` by `edit`.
fn rewrite_with(path: &Path, part: &str, edit: impl Fn(String) -> String) {
    rewrite_entries(path, part, edit, false);
}

/// As [`rewrite_with`]; with `twice`, each edited part is written a second time after the
/// first, under the same name — which the zip writer refuses, so it is written as `…X` and the
/// name's last letter patched in the file's bytes (the names are not in any checksum).
fn rewrite_entries(path: &Path, part: &str, edit: impl Fn(String) -> String, twice: bool) {
    use std::io::Read;
    let mut patched: Vec<String> = Vec::new();
    let bytes = std::fs::read(path).expect("read");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("inflate");
        let edited = name.starts_with(part);
        let original = data.clone();
        if edited {
            data = edit(String::from_utf8(data).expect("XML")).into_bytes();
        }
        // Twice: the part as it was, then as edited.
        let (first, copy) = if twice {
            (original, data.clone())
        } else {
            (data, Vec::new())
        };
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        out.start_file(name.clone(), options).expect("entry");
        out.write_all(&first).expect("write");
        if edited && twice {
            out.start_file(
                format!("{}X", name.get(..name.len() - 1).expect("a name")),
                options,
            )
            .expect("entry");
            out.write_all(&copy).expect("write");
            patched.push(name.clone());
        }
    }
    out.finish().expect("finish");
    for name in patched {
        let bytes = std::fs::read(path).expect("read");
        let from = format!("{}X", name.get(..name.len() - 1).expect("a name")).into_bytes();
        let mut fixed = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes.get(i..i + from.len()) == Some(from.as_slice()) {
                fixed.extend_from_slice(name.as_bytes());
                i += from.len();
            } else {
                fixed.extend(bytes.get(i).copied());
                i += 1;
            }
        }
        std::fs::write(path, fixed).expect("write");
    }
}

fn main() {
    std::fs::create_dir_all(dir()).expect("create tests/bad-inputs");

    // Text with a workbook's name, as a mis-saved or renamed export arrives.
    std::fs::write(
        dir().join("not-a-spreadsheet.xlsx"),
        "日期,摘要,借方\n2019-01-05,慰问金,3000\n",
    )
    .expect("write");

    // A download cut off half way: the zip's central directory is missing.
    let sample = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/changde-2019/ledger.xlsx"),
    )
    .expect("the sample ledger");
    std::fs::write(
        dir().join("truncated.xlsx"),
        sample.get(..sample.len() / 2).expect("half"),
    )
    .expect("write");

    // What a password-protected .xlsx is on disk: an OLE compound file, not a zip. Only the
    // signature and an empty header, which is all a reader sees before it gives up.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    std::fs::write(dir().join("encrypted.xlsx"), ole).expect("write");

    // Saved with no data at all.
    let mut wb = workbook();
    wb.add_worksheet().set_name("Sheet1").expect("name");
    save(wb, "empty-workbook.xlsx");

    // calamine #693: one stray cell at XFD1048576 declares a 17-billion-cell sheet.
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    ws.write_string(0, 0, "日期").expect("write");
    ws.write_string(1_048_575, 16_383, "x").expect("write");
    save(wb, "huge-dimension.xlsx");

    // A zip bomb: 60 MB of zeros in the shared-strings part, about 60 KB on disk.
    let file = std::fs::File::create(dir().join("zip-bomb.xlsx")).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("xl/sharedStrings.xml", options)
        .expect("entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..60 {
        zip.write_all(&zeros).expect("write");
    }
    zip.finish().expect("finish");

    // Money that is not money.
    ledger("amount-not-money.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_string(2, 5, "三千元").expect("write");
    });

    // An error value cached where an amount should be.
    ledger("amount-error-value.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_formula(
            2,
            5,
            rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
        )
        .expect("write");
    });

    // Formulas saved without their values, as a script that does not compute them writes a
    // file: the amounts read as blank.
    ledger("formula-no-value.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_formula(2, 5, rust_xlsxwriter::Formula::new("=H3*12").set_result(""))
            .expect("write");
        ws.write_number(2, 7, 250.0).expect("write");
    });
    // rust_xlsxwriter always saves a value (0) with a formula; take it out, as a writer that
    // does not compute formulas leaves them.
    rewrite_parts(
        &dir().join("formula-no-value.xlsx"),
        "xl/worksheets/",
        "</f><v>0</v>",
        "</f>",
    );

    // A shared-strings table that declares a trillion strings and holds a handful: the count is
    // the writer's word, and calamine reserved room for all of them (24 TB) and aborted.
    ledger("wrong-string-count.xlsx", |_| {});
    let counted = std::fs::read(dir().join("wrong-string-count.xlsx")).expect("read");
    let count = {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(counted)).expect("zip");
        let mut sst = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("xl/sharedStrings.xml").expect("sst"),
            &mut sst,
        )
        .expect("inflate");
        let start = sst.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let len = sst
            .get(start..)
            .and_then(|s| s.find('"'))
            .expect("closing quote");
        sst.get(start..start + len).expect("count").to_string()
    };
    rewrite_parts(
        &dir().join("wrong-string-count.xlsx"),
        "xl/sharedStrings.xml",
        &format!("uniqueCount=\"{count}\""),
        "uniqueCount=\"999999999999\"",
    );

    // A text cell whose shared-string index is not a number: calamine read it as 0, the first
    // string (here the header 日期), and made up the cell's text (issue 19).
    ledger("string-index-not-a-number.xlsx", |ws| {
        posting(ws, "张三收款");
        ws.write_number(2, 5, 500.0).expect("write");
    });
    rewrite_parts(
        &dir().join("string-index-not-a-number.xlsx"),
        "xl/worksheets/",
        r#"<c r="C3" t="s"><v>13</v>"#,
        r#"<c r="C3" t="s"><v>-1</v>"#,
    );

    // A cell reference of seven letters: past u32, calamine's arithmetic overflowed (a panic in
    // a debug build, a wrapped and wrong column in a release one; issue 20).
    ledger("cell-reference-overflow.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_number(2, 5, 500.0).expect("write");
    });
    rewrite_parts(
        &dir().join("cell-reference-overflow.xlsx"),
        "xl/worksheets/",
        r#"<c r="F3""#,
        r#"<c r="ZZZZZZZ3""#,
    );

    // A row written twice, the second copy with another amount: the reader took the later copy
    // (issue 19).
    ledger("duplicate-row.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_number(2, 5, 500.0).expect("write");
    });
    rewrite_with(&dir().join("duplicate-row.xlsx"), "xl/worksheets/", |xml| {
        let start = xml.find("<row r=\"3\"").expect("row 3");
        let end = start
            + xml
                .get(start..)
                .and_then(|r| r.find("</row>"))
                .expect("its end")
            + 6;
        let row = xml.get(start..end).expect("row 3").to_string();
        let again = row.replace("<v>500</v>", "<v>99999</v>");
        assert_ne!(row, again, "the amount of row 3");
        format!(
            "{}{again}{}",
            xml.get(..end).unwrap_or_default(),
            xml.get(end..).unwrap_or_default()
        )
    });

    // The sheet's part twice in the package, the second with another amount.
    ledger("duplicate-entry.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_number(2, 5, 500.0).expect("write");
    });
    rewrite_entries(
        &dir().join("duplicate-entry.xlsx"),
        "xl/worksheets/sheet1.xml",
        |xml| xml.replace("<v>500</v>", "<v>99999</v>"),
        true,
    );

    // An XML entity no spreadsheet writes, in a cell of the sheet.
    ledger("xml-entity.xlsx", |ws| {
        ws.write_string(2, 0, "2019-03-06").expect("write");
        ws.write_string(2, 2, "慰问困难职工").expect("write");
    });
    rewrite_parts(
        &dir().join("xml-entity.xlsx"),
        "xl/worksheets/",
        "<sheetData>",
        r#"<sheetData><row r="9"><c r="A9" t="str"><v>&xxe;</v></c></row>"#,
    );

    // An amount cell pointing past the end of the shared-strings table: refused, but without
    // its cell before issue 19.
    ledger("string-index-out-of-range.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_string(2, 5, "三千").expect("write");
    });
    rewrite_parts(
        &dir().join("string-index-out-of-range.xlsx"),
        "xl/worksheets/",
        r#"<c r="F3" t="s"><v>13</v>"#,
        r#"<c r="F3" t="s"><v>99999</v>"#,
    );

    // A date no calendar has.
    ledger("impossible-date.xlsx", |ws| {
        ws.write_string(2, 0, "2019-02-30").expect("write");
        ws.write_string(2, 2, "慰问困难职工").expect("write");
        ws.write_string(2, 3, "5010102").expect("write");
        ws.write_number(2, 5, 500.0).expect("write");
    });

    // An amount beyond any fund: a typo of a date or an account code into the money column.
    ledger("absurd-amount.xlsx", |ws| {
        posting(ws, "慰问困难职工");
        ws.write_number(2, 5, 1e300).expect("write");
    });

    // A sheet with data but no header the reader knows.
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    ws.write_string(0, 0, "姓名").expect("write");
    ws.write_string(0, 1, "金额").expect("write");
    ws.write_string(1, 0, "张三").expect("write");
    ws.write_number(1, 1, 3000.0).expect("write");
    save(wb, "no-header.xlsx");

    // Two columns that both claim to be the debit.
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("明细账").expect("name");
    for (c, h) in [
        "日期",
        "凭证字号",
        "摘要",
        "科目编码",
        "借方金额",
        "借方金额",
        "贷方金额",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    save(wb, "duplicate-header.xlsx");

    // A CSV whose quote never closes.
    std::fs::write(
        dir().join("unclosed-quote.csv"),
        "日期,凭证字号,摘要,科目编码,借方金额,贷方金额\n2019-03-05,记-1,\"慰问,5010102,3000,\n",
    )
    .expect("write");

    // A 辅助核算余额汇总表 given for the ledger, as Oracle EBS exports it: a title, a period, a
    // two-row header of 期初 / 本期 / 期末 借贷, no dates, no vouchers.
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("辅助核算余额").expect("name");
    ws.write_string(0, 0, "辅助核算余额汇总表(往来单位)")
        .expect("write");
    ws.write_string(1, 1, "2024-01 - 2024-09").expect("write");
    ws.write_string(2, 0, "编制单位： 某物业服务有限公司")
        .expect("write");
    for (c, h) in ["科目代码", "科目名称", "辅助核算段", "金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(4, c as u16, *h).expect("write");
    }
    for (c, h) in [
        "期初借方",
        "期初贷方",
        "本期借方",
        "本期贷方",
        "期末借方",
        "期末贷方",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(5, 3 + c as u16, *h).expect("write");
    }
    ws.write_string(6, 0, "JODV0-0-1002010101").expect("write");
    ws.write_string(6, 1, "银行存款-活期").expect("write");
    for (c, v) in [
        -8005941.99,
        0.0,
        25600869.89,
        43078661.64,
        -25483733.74,
        0.0,
    ]
    .iter()
    .enumerate()
    {
        ws.write_number(6, 3 + c as u16, *v).expect("write");
    }
    save(wb, "balance-table.xlsx");

    // Text rows, the first at `first`, into a sheet of a new workbook.
    let table = |sheet: &str, first: u32, rows: &[&[&str]]| {
        let mut wb = workbook();
        let ws = wb.add_worksheet().set_name(sheet).expect("name");
        for (r, row) in (first..).zip(rows) {
            for (c, v) in (0u16..).zip(row.iter()) {
                if !v.is_empty() {
                    ws.write_string(r, c, *v).expect("write");
                }
            }
        }
        wb
    };

    // A 库存流水账 (goods in and out, with dates) given for the ledger.
    let wb = table(
        "库存流水账",
        0,
        &[
            &["库存流水账"],
            &[
                "日期",
                "单据号",
                "摘要",
                "存货编码",
                "存货名称",
                "入库数量",
                "入库金额",
                "出库数量",
                "出库金额",
                "结存数量",
                "结存金额",
            ],
            &[
                "2019-01-05",
                "RK0001",
                "采购入库",
                "0101",
                "慰问大米",
                "100",
                "5000",
                "",
                "",
                "100",
                "5000",
            ],
            &[
                "2019-01-20",
                "CK0001",
                "领用出库",
                "0101",
                "慰问大米",
                "",
                "",
                "60",
                "3000",
                "40",
                "2000",
            ],
        ],
    );
    save(wb, "inventory-journal.xlsx");

    // A 凭证导入模板: voucher numbers and amounts, no dates, columns of import flags.
    let wb = table(
        "凭证",
        0,
        &[
            &[
                "凭证类别",
                "凭证号",
                "摘要",
                "科目编码",
                "借方金额",
                "贷方金额",
                "是否核销",
                "是否保值",
                "凭证合计金额是否保值",
                "现金流量标识",
                "结算标志",
            ],
            &[
                "记",
                "1",
                "慰问困难职工",
                "5001",
                "3000",
                "",
                "否",
                "否",
                "否",
                "",
                "",
            ],
            &[
                "记",
                "1",
                "慰问困难职工",
                "1002",
                "",
                "3000",
                "否",
                "否",
                "否",
                "",
                "",
            ],
        ],
    );
    save(wb, "voucher-template.xlsx");

    // A ledger whose amount is one 发生额 with no 方向: no row is a postings header, and the
    // refusal shows the rows it considered.
    let wb = table(
        "明细账",
        0,
        &[
            &["明细账"],
            &["日期", "凭证号", "摘要", "科目名称", "发生额", "余额"],
            &[
                "2019-01-05",
                "记-1",
                "慰问困难职工",
                "银行存款",
                "3000",
                "5000",
            ],
        ],
    );
    save(wb, "no-sides.xlsx");

    // A targets workbook whose finding's 扣分原因 is a formula saved without its value: the
    // deduction would be taken with no reason to report.
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("绩效目标申报表").expect("name");
    for (r, row) in [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "救助市直单位困难职工", "≥4850人"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).expect("write");
        }
    }
    let ws = wb.add_worksheet().set_name("预算明细").expect("name");
    for (c, v) in ["预算子项", "所属部分", "预算数", "匹配条件"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *v).expect("write");
    }
    for (c, v) in ["送温暖", "职工帮扶", "", "项目:两节送温暖"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    ws.write_number(1, 2, 95.5).expect("write");
    let ws = wb.add_worksheet().set_name("评价发现").expect("name");
    for (c, v) in ["指标", "扣分", "扣分原因"].iter().enumerate() {
        ws.write_string(0, c as u16, *v).expect("write");
    }
    ws.write_string(1, 0, "资金到位率").expect("write");
    ws.write_number(1, 1, 1.0).expect("write");
    ws.write_formula(1, 2, rust_xlsxwriter::Formula::new("=D2&\"未到位\""))
        .expect("write");
    save(wb, "finding-reason-formula.xlsx");
    rewrite_parts(
        &dir().join("finding-reason-formula.xlsx"),
        "xl/worksheets/sheet3",
        "</f><v>0</v>",
        "</f>",
    );
}
