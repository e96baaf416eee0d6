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
mod layouts;
mod multi_year;
mod presets;
mod properties;
mod registry;
mod rules_file;
mod sample;
mod scale;
mod self_eval_form;
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
