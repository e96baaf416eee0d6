//! The streamed reading of an xlsx ledger (row by row, never the whole sheet in memory) must
//! give exactly what reading the whole sheet as one range gives: the same reconciliation, the
//! same findings and cells, the same row accounting, the same errors. `JIXIAO_READ=range`
//! forces the whole-range reader.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

use crate::{fixture, stderr, stdout, targets};

fn run(ledger: &Path, whole_range: bool) -> Output {
    let mut cmd = Command::cargo_bin("jixiao").expect("the jixiao binary is built");
    cmd.arg("evaluate")
        .arg(ledger)
        .arg(targets())
        .args(["--format", "json", "--bank"])
        .arg(fixture("changde-2019/bank.xlsx"));
    if whole_range {
        cmd.env("JIXIAO_READ", "range");
    } else {
        cmd.env_remove("JIXIAO_READ");
    }
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
    let (streamed, whole) = (run(ledger, false), run(ledger, true));
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

#[test]
fn every_broken_xlsx_fails_the_same_streamed_and_whole() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-inputs");
    let files = xlsx_in(&dir);
    assert!(files.len() >= 8, "{files:?}");
    for file in &files {
        assert_same(file);
    }
}
