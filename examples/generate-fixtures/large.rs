//! A large ledger for benchmarks: `--rows N` postings in one of the export layouts, with a
//! targets workbook whose budget fits them.
//!
//! The ledger is the sample fund repeated: replica `k` is the sample year drawn with its own seed
//! (other people, other amounts, the same budget lines, summaries, dates and accounts), so that a
//! million rows read like a provincial programme's ledger — Chinese summaries, a few thousand
//! distinct names, 本月合计 / 本年累计 lines between the months — and not like a column of
//! random numbers. The budget is the sample's times the number of replicas, so execution rates
//! stay those of a real fund and the evaluation does all its work (every check, every line).
//!
//!     cargo run --release --example generate-fixtures -- --rows 1000000 [--layout NAME] [--bank] OUT_DIR
//!
//! `--bank` adds `bank.xlsx`, the bank's statement of the fund's account: one line per voucher
//! paid or received through the bank, as the sample's is, which `jixiao evaluate` then finds
//! beside the ledger and matches.
//!
//! Layouts: `sample` (the bundled 明细账, the default), `sample-inline` (the same sheet with every
//! text an inline string, as Java exporters on Apache POI's streaming writer, openpyxl's
//! write-only mode and web exporters write it), `poi` (that, and as POI's streaming writer
//! leaves the sheet: no `<dimension>`, no column widths), `u8-journal` (U8 序时账), `u8-vouchers`
//! (U8 凭证列表), `u8-detail` (U8 明细账), `government` (政务 parallel books), `kingdee-k3`,
//! `jingdouyun`, `ods`, `nc-csv` (用友 NC 凭证明细 as CSV, one file a year: `nc-凭证明细-2019年.csv`
//! in GBK, `nc-凭证明细-2020年.csv` in UTF-8; give both to `jixiao evaluate`).

use std::path::PathBuf;

use crate::{Entry, Ledger, Rng, build_ledger, layouts, styles, workbook, yuan};

pub fn main(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let mut rows: Option<usize> = None;
    let mut layout = "sample".to_string();
    let mut out: Option<PathBuf> = None;
    let mut bank = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--rows" => rows = Some(it.next().ok_or("--rows needs a number")?.parse()?),
            "--layout" => layout = it.next().ok_or("--layout needs a name")?.clone(),
            "--bank" => bank = true,
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}").into());
            }
            other => out = Some(PathBuf::from(other)),
        }
    }
    let rows = rows.ok_or("--rows N")?;
    let out = out.ok_or("give the folder to write to")?;
    std::fs::create_dir_all(&out)?;

    let (ledger, replicas) = replicate(rows);
    let ledger_path = out.join(match layout.as_str() {
        "ods" => "ledger.ods",
        "nc-csv" => "nc-凭证明细-*.csv",
        _ => "ledger.xlsx",
    });
    let s = styles();
    match layout.as_str() {
        "sample" => crate::write_ledger_with(&ledger, &ledger_path, crate::Writer::Streamed)?,
        "sample-inline" => crate::write_ledger_with(&ledger, &ledger_path, crate::Writer::Inline)?,
        "poi" => {
            crate::write_ledger_with(&ledger, &ledger_path, crate::Writer::Inline)?;
            as_poi_writes(&ledger_path)?;
        }
        "nc-csv" => layouts::nc_csv(&ledger, &out)?,
        name => layouts::write_one(name, &ledger, &s, &ledger_path)?,
    }

    if bank {
        crate::banks::bank(&ledger, &out.join("bank.xlsx"))?;
    }

    let mut wb = workbook();
    crate::write_declaration(&mut wb, &s)?;
    crate::write_budget_scaled(&mut wb, &s, replicas)?;
    crate::write_survey(&mut wb, &s, &mut Rng(2019_0423))?;
    crate::write_findings(&mut wb, &s)?;
    wb.save(out.join("targets.xlsx"))?;

    let spent: i64 = ledger.entries.iter().map(|e| e.debit).sum();
    println!(
        "wrote {} postings ({replicas} replicas of the sample year, layout {layout}) to {}: spent {:.2} yuan",
        ledger.entries.len(),
        ledger_path.display(),
        yuan(spent)
    );
    Ok(())
}

/// Rewrites the workbook's sheet as Apache POI's streaming writer (SXSSF) leaves one: without
/// the `<dimension>` of its used area and without `<cols>` widths, which it cannot know before
/// the rows are written. The rest of the part is copied as it streams: a million-row sheet is
/// half a gigabyte of XML.
fn as_poi_writes(path: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::{BufRead, BufReader, Read, Write};
    const SHEET: &str = "xl/worksheets/sheet1.xml";
    let written = path.with_extension("poi.tmp");
    {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(path)?)?;
        let mut out = zip::ZipWriter::new(std::fs::File::create(&written)?);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for i in 0..archive.len() {
            let entry = archive.by_index(i)?;
            let name = entry.name()?.to_string();
            out.start_file(name.as_str(), options)?;
            let mut reader = BufReader::with_capacity(1 << 20, entry);
            if name == SHEET {
                // Everything before the rows, where the two elements are.
                let mut head = Vec::new();
                reader.read_until(b'>', &mut head)?;
                while !head.ends_with(b"<sheetData>") {
                    if reader.read_until(b'>', &mut head)? == 0 {
                        return Err("no <sheetData> in the sheet".into());
                    }
                }
                let head = String::from_utf8(head)?;
                let head = cut(&cut(&head, "<dimension", "/>"), "<cols>", "</cols>");
                out.write_all(head.as_bytes())?;
            }
            std::io::copy(&mut reader.take(u64::MAX), &mut out)?;
        }
        out.finish()?;
    }
    std::fs::rename(&written, path)?;
    Ok(())
}

/// `text` without its first stretch from `start` to the end of `end`.
fn cut(text: &str, start: &str, end: &str) -> String {
    match text
        .find(start)
        .and_then(|a| Some((a, a + text[a..].find(end)? + end.len())))
    {
        Some((a, b)) => format!("{}{}", &text[..a], &text[b..]),
        None => text.to_string(),
    }
}

/// `rows` postings: whole replicas of the sample year, the last one cut short, in date order.
fn replicate(rows: usize) -> (Ledger, u32) {
    let mut entries: Vec<Entry> = Vec::with_capacity(rows);
    let mut replicas = 0u32;
    let mut batch_base = 0u32;
    while entries.len() < rows {
        let mut rng = Rng(2019_0423 + u64::from(replicas) * 7919);
        let mut one = build_ledger(&mut rng);
        let take = (rows - entries.len()).min(one.entries.len());
        one.entries.truncate(take);
        for mut e in one.entries {
            e.batch += batch_base;
            // Each replica's people are other people: accounting software tells namesakes in
            // its 往来单位 archive apart by a number, and so does this, so that the checks see
            // the findings of a real programme, not a million namesakes paid twice.
            if replicas > 0 {
                let payee = format!("{}({})", e.payee, replicas + 1);
                if let Some(stem) = e.summary.strip_suffix(e.payee.as_str()) {
                    e.summary = format!("{stem}{payee}");
                }
                e.payee = payee;
            }
            entries.push(e);
        }
        batch_base += one.batch + 1;
        replicas += 1;
    }
    entries.sort_by_key(|e| (e.day, e.batch));
    (
        Ledger {
            entries,
            batch: batch_base,
        },
        replicas,
    )
}
