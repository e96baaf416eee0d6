//! The large-ledger generator (`generate-fixtures --rows N`) and what it is for: a ledger of any
//! size, in any layout, that evaluates with every row accounted for — read in batches that cross
//! the streaming reader's batch boundary, and read the same streamed as whole.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::{stderr, stdout};

fn generate(rows: usize, layout: &str, dir: &Path) {
    generate_with(rows, &["--layout", layout], dir);
}

fn generate_with(rows: usize, options: &[&str], dir: &Path) {
    let exe = std::env::current_exe().expect("test binary path");
    let generator = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target directory")
        .join("examples")
        .join(format!("generate-fixtures{}", std::env::consts::EXE_SUFFIX));
    let status = Command::new(&generator)
        .args(["--rows", &rows.to_string()])
        .args(options)
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the generator runs (cargo test builds examples)");
    assert!(status.success(), "generate {rows} rows with {options:?}");
}

fn evaluate_json(ledger: &Path, targets: &Path, whole_range: bool) -> Value {
    let mut cmd = assert_cmd::Command::cargo_bin("jixiao").expect("built");
    cmd.arg("evaluate")
        .arg(ledger)
        .arg(targets)
        .args(["--format", "json"]);
    if whole_range {
        cmd.env("JIXIAO_READ", "range");
    }
    let out = cmd.output().expect("jixiao runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON")
}

/// 2,500 postings: two whole replicas of the sample year and part of a third.
const ROWS: usize = 2500;
/// What those postings spend, as the generator reports it.
const SPENT: &str = "7991400.00";

#[test]
fn a_generated_ledger_of_any_layout_evaluates_with_every_row_accounted_for() {
    for layout in ["sample", "u8-journal", "government", "jingdouyun", "ods"] {
        let dir = tempfile::tempdir().expect("temp dir");
        generate(ROWS, layout, dir.path());
        let ledger = if layout == "ods" {
            dir.path().join("ledger.ods")
        } else {
            dir.path().join("ledger.xlsx")
        };
        let j = evaluate_json(&ledger, &dir.path().join("targets.xlsx"), false);
        let l = &j["inputs"]["ledger"];
        assert_eq!(l["used"], ROWS, "{layout}");
        assert_eq!(l["unassigned"], 0, "{layout}");
        assert_eq!(
            l["rows_read"].as_u64(),
            Some(ROWS as u64 + l["skipped_total"].as_u64().expect("skipped")),
            "{layout}: read = used + skipped + unassigned"
        );
        assert_eq!(j["reconciliation"]["totals"]["spent"], SPENT, "{layout}");
        // The plan is the sample's three times over: one per replica begun.
        assert_eq!(j["reconciliation"]["totals"]["planned"], "10200000.00");
    }
}

#[test]
fn a_ledger_longer_than_a_batch_reads_the_same_streamed_and_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate(ROWS, "sample", dir.path());
    let (ledger, targets) = (
        dir.path().join("ledger.xlsx"),
        dir.path().join("targets.xlsx"),
    );
    let streamed = evaluate_json(&ledger, &targets, false);
    assert_eq!(streamed["reconciliation"]["totals"]["spent"], SPENT);
    assert_eq!(streamed, evaluate_json(&ledger, &targets, true));
}

/// Inline strings and POI's streaming writer (issue 20): in pieces the middle of such a sheet
/// is read straight from its bytes (calamine's `lean_piece`), and that must read as calamine's
/// cell reader does streamed and as the whole range does.
#[test]
fn inline_string_ledgers_read_the_same_in_pieces_streamed_and_whole() {
    for layout in ["sample-inline", "poi"] {
        let dir = tempfile::tempdir().expect("temp dir");
        generate(ROWS, layout, dir.path());
        let (ledger, targets) = (
            dir.path().join("ledger.xlsx"),
            dir.path().join("targets.xlsx"),
        );
        let read = |mode: Option<&str>| {
            let mut cmd = assert_cmd::Command::cargo_bin("jixiao").expect("built");
            cmd.arg("evaluate")
                .arg(&ledger)
                .arg(&targets)
                .args(["--format", "json"]);
            match mode {
                Some(m) => cmd.env("JIXIAO_READ", m),
                None => cmd.env_remove("JIXIAO_READ"),
            };
            let out = cmd.output().expect("jixiao runs");
            assert_eq!(out.status.code(), Some(0), "{layout}: {}", stderr(&out));
            stdout(&out)
        };
        let streamed = read(None);
        let json: Value = serde_json::from_str(&streamed).expect("JSON");
        assert_eq!(json["reconciliation"]["totals"]["spent"], SPENT, "{layout}");
        assert_eq!(json["inputs"]["ledger"]["used"], ROWS, "{layout}");
        assert_eq!(read(Some("pieces")), streamed, "{layout}: in pieces");
        assert_eq!(read(Some("range")), streamed, "{layout}: whole");
    }
}

/// Regression: on a large ledger a finding's evidence lists thousands of cells, more text than an
/// Excel cell holds, and `-o result.xlsx` failed whole ("String exceeds Excel's limit of 32,767
/// characters"). The cell is now cut at the limit and says where the rest is.
#[test]
fn a_large_ledgers_workbook_is_written_with_long_evidence_cut_at_excels_limit() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("temp dir");
    generate(20_000, "sample", dir.path());
    let out = dir.path().join("result.xlsx");
    let o = assert_cmd::Command::cargo_bin("jixiao")
        .expect("built")
        .arg("evaluate")
        .arg(dir.path().join("ledger.xlsx"))
        .arg(dir.path().join("targets.xlsx"))
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).expect("a workbook");
    let cut = wb
        .worksheets()
        .into_iter()
        .flat_map(|(_, range)| {
            range
                .used_cells()
                .map(|(.., v)| v.clone())
                .collect::<Vec<_>>()
        })
        .filter_map(|v| match v {
            Data::String(s) if s.ends_with("全文见 --format json）") => Some(s),
            _ => None,
        })
        .collect::<Vec<_>>();
    assert!(!cut.is_empty(), "no cell was cut");
    assert!(cut.iter().all(|s| s.encode_utf16().count() <= 32_767));
}

/// `--bank` writes the bank's statement beside a generated ledger; matched against it, every
/// voucher paid through the bank is found and the one bank finding is the sample's: the grant
/// returned to the bank and never booked.
#[test]
fn a_generated_ledger_with_its_bank_statement_has_only_the_samples_bank_finding() {
    let dir = tempfile::tempdir().expect("temp dir");
    generate_with(ROWS, &["--bank"], dir.path());
    assert!(dir.path().join("bank.xlsx").is_file());
    let j = evaluate_json(
        &dir.path().join("ledger.xlsx"),
        &dir.path().join("targets.xlsx"),
        false,
    );
    let bank = crate::bank_findings(&j);
    assert_eq!(bank.len(), 1, "{bank:?}");
    assert_eq!(bank[0]["kind"], "bank_unbooked");
    assert!(
        bank[0]["sentence"]
            .as_str()
            .is_some_and(|s| s.contains("退回临时大病帮扶金")),
        "{}",
        bank[0]["sentence"]
    );
}
