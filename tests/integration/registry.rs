//! The lists of kinds and measures that users read agree with the tables the code runs from: the
//! check's table of kinds (`src/check/mod.rs`) and the measures' names (`measure::names`). A kind
//! or a measure added in one place and forgotten in another fails here.

use std::collections::BTreeSet;
use std::path::Path;

use jixiao::check::FindingKind;
use jixiao::measure;

use crate::{evaluate, fixture, ledger, stdout, targets};

fn doc(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(name),
    )
    .unwrap()
}

/// The texts between backticks of the one line of `text` that starts with `start`.
fn quoted_on_line(text: &str, start: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(start)).collect();
    assert_eq!(lines.len(), 1, "one line starting with {start}");
    let rest = &lines[0][start.len()..];
    rest.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn kind_names() -> Vec<String> {
    FindingKind::ALL
        .iter()
        .map(|k| k.name().to_string())
        .collect()
}

#[test]
fn the_measures_of_an_evaluation_are_the_names_a_rules_file_may_use() {
    // The sample with its bank statement has every measure of a fixed name.
    let out = evaluate(
        &ledger(),
        &targets(),
        &[
            "--bank",
            fixture("changde-2019/bank.xlsx").to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let families: Vec<&str> = measure::FAMILIES
        .iter()
        .map(|f| f.split_once('<').unwrap().0)
        .collect();
    let produced: BTreeSet<String> = json["measures"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| {
            !families
                .iter()
                .any(|f| k.strip_prefix(f).is_some_and(|rest| !rest.contains('.')))
        })
        .cloned()
        .collect();
    let named: BTreeSet<String> = measure::names().into_iter().collect();
    assert_eq!(produced, named);
    for kind in FindingKind::ALL {
        assert!(named.contains(&kind.measure()), "{}", kind.name());
    }
}

#[test]
fn the_docs_list_every_kind_in_the_tables_order() {
    let rules = doc("rules.md");
    let listed = quoted_on_line(&rules, "| `findings.<kind>` |");
    assert_eq!(listed, kind_names(), "docs/rules.md, the findings measures");
    let listed = quoted_on_line(&rules, "| `disable` |");
    assert_eq!(listed, kind_names(), "docs/rules.md, [checks] disable");
    // docs/json.md says what each kind is: `name` (what it is), ….
    let json = doc("json.md");
    let line = json.lines().find(|l| l.starts_with("| `kind` |")).unwrap();
    let described: Vec<String> = line
        .split('`')
        .collect::<Vec<_>>()
        .windows(2)
        .filter(|w| w[1].starts_with(" ("))
        .map(|w| w[0].to_string())
        .collect();
    assert_eq!(described, kind_names(), "docs/json.md, findings[].kind");
}

#[test]
fn the_docs_name_every_measure() {
    let (rules, json) = (doc("rules.md"), doc("json.md"));
    for name in measure::names()
        .into_iter()
        .filter(|n| !n.starts_with("findings."))
        .chain(
            measure::FAMILIES
                .iter()
                .map(|f| f.split_once('<').unwrap().0.to_string()),
        )
    {
        assert!(rules.contains(&format!("`{name}")), "docs/rules.md: {name}");
        assert!(json.contains(&format!("`{name}")), "docs/json.md: {name}");
    }
}
