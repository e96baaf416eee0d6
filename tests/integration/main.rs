//! One integration-test binary: every test drives the real `jixiao` binary, as a user would,
//! except the property tests, which need the library to see each row's fate.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod architecture;
mod bad_corpus;
mod bad_input;
mod batch;
mod check;
mod english;
mod fixtures;
mod formats;
mod hostile;
mod layouts;
mod multi_year;
mod presets;
mod properties;
mod registry;
mod rules_file;
mod sample;
mod scale;
mod self_eval_form;
mod self_eval_review;
mod shards;
mod streaming;
mod surveys;
mod unlike;
mod word;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

pub fn ledger() -> PathBuf {
    fixture("changde-2019/ledger.xlsx")
}

pub fn targets() -> PathBuf {
    fixture("changde-2019/targets.xlsx")
}

/// Runs `jixiao evaluate LEDGER TARGETS ARGS…` and returns its output, whatever the exit code.
pub fn evaluate(ledger: &Path, targets: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("jixiao")
        .expect("the jixiao binary is built")
        .arg("evaluate")
        .arg(ledger)
        .arg(targets)
        .args(args)
        .output()
        .expect("jixiao runs")
}

/// `jixiao template` written in `dir`, and a `ledger.csv` beside it: the template's postings
/// and one of 800 under a 项目 no budget line names (办公经费), its 摘要 `memo`.
pub fn template_with_unclaimed(dir: &Path, memo: &str) {
    let out = Command::cargo_bin("jixiao")
        .expect("the jixiao binary is built")
        .current_dir(dir)
        .args(["template", "."])
        .output()
        .expect("jixiao runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(
        dir.join("ledger.csv"),
        format!(
            "日期,凭证字号,摘要,科目编码,科目名称,项目,往来单位,借方,贷方\n\
             2024-03-15,记-0001,收财政拨付帮扶资金,404,政府补助收入,困难职工帮扶,某市财政局,,50000\n\
             2024-04-02,记-0002,发放困难职工帮扶金-张三,50205,困难职工帮扶费,困难职工帮扶,张三,2000,\n\
             2024-04-02,记-0002,发放困难职工帮扶金-李四,50205,困难职工帮扶费,困难职工帮扶,李四,3000,\n\
             2024-05-06,记-0003,{memo},50201,办公费,办公经费,某文具店,800,\n"
        ),
    )
    .expect("write the ledger");
}

/// Rewrites one part of an xlsx (`xl/worksheets/sheet1.xml`, `xl/sharedStrings.xml`) in place.
pub fn edit_part(path: &Path, part: &str, edit: impl Fn(String) -> String) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).expect("read");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("inflate");
        if name == part {
            data = edit(String::from_utf8(data).expect("UTF-8")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        out.write_all(&data).expect("write");
    }
    let bytes = out.finish().expect("finish").into_inner();
    std::fs::write(path, bytes).expect("write");
}

/// Rewrites the first sheet's XML of an xlsx.
pub fn edit_sheet(path: &Path, edit: impl Fn(String) -> String) {
    edit_part(path, "xl/worksheets/sheet1.xml", edit);
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// The findings of `--format json` output that come from the bank statement.
pub fn bank_findings(json: &serde_json::Value) -> Vec<&serde_json::Value> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["kind"]
                .as_str()
                .is_some_and(|k| k.starts_with("bank") || k == "not_in_bank")
        })
        .collect()
}
