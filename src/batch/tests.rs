//! The batch's own parts: the order of funds, the names of their files, their manifests.

use super::plan::{LEDGER, TARGETS};
use super::*;

/// A manifest's text read as `fund.toml`, its error as the line the user reads.
fn parse(text: &str) -> Result<Manifest, String> {
    Manifest::parse(text, Path::new("fund.toml")).map_err(|e| {
        e.to_string()
            .strip_prefix("fund.toml: ")
            .unwrap_or_default()
            .to_string()
    })
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn funds_are_in_the_order_people_number_them() {
    let mut names = vec![
        "基金10", "基金2", "基金1", "a", "2019-10", "2019-2", "基金02",
    ];
    names.sort_by(|a, b| natural_order(a, b));
    assert_eq!(
        names,
        [
            "2019-2", "2019-10", "a", "基金1", "基金02", "基金2", "基金10"
        ]
    );
}

#[test]
fn ledgers_are_recognised_by_name() {
    for yes in [
        "ledger.xlsx",
        "Ledger-2019.XLSX",
        "明细账.xls",
        "序时账.csv",
        "工会日记账.ods",
        "银行存款日记账.xlsx",
    ] {
        assert!(LEDGER.is(yes), "{yes}");
    }
    for no in [
        "ledger.pdf",
        "bank.xlsx",
        "银行对账单.xlsx",
        "工行对账单.xls",
        "targets.xlsx",
    ] {
        assert!(!LEDGER.is(no), "{no}");
    }
}

#[test]
fn targets_are_recognised_by_name() {
    for yes in ["targets.xlsx", "绩效目标申报表.xlsx", "申报资料.ods"] {
        assert!(TARGETS.is(yes), "{yes}");
    }
    for no in ["targets.csv", "ledger.xlsx", "目标.txt"] {
        assert!(!TARGETS.is(no), "{no}");
    }
}

#[test]
fn one_file_or_a_reason() {
    let files = names(&["bank.xlsx", "ledger.xlsx", "targets.xlsx", "说明.docx"]);
    assert_eq!(LEDGER.pick(&files).unwrap(), "ledger.xlsx");
    let none = LEDGER
        .pick(&names(&["说明.docx"]))
        .map_err(|e| e.to_string());
    assert_eq!(
        none,
        Err(
            "no ledger file: expected a file named like ledger.xlsx or 明细账.xlsx, or a fund.toml naming it"
                .into()
        )
    );
    let pdf = TARGETS
        .pick(&names(&["绩效目标.pdf", "ledger.xlsx"]))
        .unwrap_err()
        .to_string();
    assert!(
        pdf.ends_with("(绩效目标.pdf named like one, but not .xlsx, .xlsm, .xls, .ods)"),
        "{pdf}"
    );
    let two = LEDGER
        .pick(&names(&["明细账2019.xlsx", "明细账2020.xlsx"]))
        .map_err(|e| e.to_string());
    assert_eq!(
        two,
        Err("several files could be the ledger (明细账2019.xlsx, 明细账2020.xlsx): name the right one in fund.toml, or all of them for a ledger exported in several files".into())
    );
}

#[test]
fn manifest_takes_one_ledger_or_several() {
    let one = parse("ledger = \"a.xlsx\"").unwrap();
    assert_eq!(one.ledger, Some(vec![PathBuf::from("a.xlsx")]));
    let many = parse("name = \"x\"\nledger = [\"a.xlsx\", \"b.csv\"]\ntargets = \"t.xlsx\"\nbank = \"s.xlsx\"\nrules = \"r.toml\"").unwrap();
    assert_eq!(
        many.ledger,
        Some(vec![PathBuf::from("a.xlsx"), PathBuf::from("b.csv")])
    );
    assert_eq!(many.rules, Some(PathBuf::from("r.toml")));
}

#[test]
fn manifest_refuses_unknown_keys_and_empty_lists() {
    let unknown = parse("name = \"x\"\nledgers = [\"a.xlsx\"]").unwrap_err();
    assert!(
        unknown.starts_with("line 2, column 1: unknown field `ledgers`"),
        "{unknown}"
    );
    assert!(!unknown.contains('\n'), "{unknown}");
    let empty = parse("ledger = []").unwrap_err();
    assert!(
        empty.contains("a file name or a list of file names"),
        "{empty}"
    );
    let number = parse("ledger = 3").unwrap_err();
    assert!(
        number.contains("a file name or a list of file names"),
        "{number}"
    );
}

#[test]
fn toml_drawings_are_left_out_of_one_line() {
    let drawn = "rules file r.toml: error at line 2, column 3\n  |\n2 | a = 1\n  |   ^\nunknown measure “x”";
    assert_eq!(
        join_lines(drawn, Lang::En),
        "rules file r.toml: error at line 2, column 3: unknown measure “x”"
    );
}

/// Regression: a fund that panicked lost its inputs with its row, so the summary could be
/// written over a ledger its manifest names outside its folder.
#[test]
fn a_fund_that_panics_keeps_its_name_and_inputs() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("基金A");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join(MANIFEST),
        "name = \"职工帮扶\"\nledger = [\"../shared.xlsx\"]\ntargets = \"t.xlsx\"\n",
    )
    .unwrap();
    let fund = Fund {
        folder: "基金A".into(),
        dir: dir.clone(),
    };
    let settings = Settings::new(Preset::Changde2019, None, true, Lang::En).unwrap();
    let row = fund_row(&fund, &settings, |_, _| panic!("index out of bounds"));
    assert_eq!(row.name, "职工帮扶");
    assert!(
        row.inputs.contains(&dir.join("../shared.xlsx")),
        "{:?}",
        row.inputs
    );
    match row.outcome {
        Outcome::Failed(e) => assert!(e.starts_with("internal error"), "{e}"),
        _ => panic!("evaluated"),
    }
}

#[test]
fn a_panic_in_one_fund_is_its_row_not_the_batch() {
    let funds: Vec<Fund> = ["a", "b", "c"]
        .iter()
        .map(|f| Fund {
            folder: f.to_string(),
            dir: PathBuf::from(f),
        })
        .collect();
    let results = run_all(
        &funds,
        Some(2),
        |fund| {
            if fund.folder == "b" {
                panic!("index out of bounds");
            }
            Ok(fund.folder.clone())
        },
        |_, error| Err(error.to_string()),
    )
    .unwrap();
    assert_eq!(results[0], Ok("a".to_string()));
    assert_eq!(results[2], Ok("c".to_string()));
    let error = results[1].clone().unwrap_err();
    assert!(error.starts_with("internal error"), "{error}");
    assert!(
        error.contains("index out of bounds at src/batch/tests.rs:"),
        "{error}"
    );
}
