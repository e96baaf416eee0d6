//! The committed sample is exactly what the committed generator writes: nobody hand-edits it.

use std::path::PathBuf;
use std::process::Command;

/// `cargo test` builds the examples next to the test binaries' directory.
fn generator() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let target = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target directory");
    let name = format!("generate-fixtures{}", std::env::consts::EXE_SUFFIX);
    target.join("examples").join(name)
}

#[test]
fn committed_fixtures_are_the_generators_output() {
    let generator = generator();
    assert!(
        generator.exists(),
        "{} is not built; run `cargo test`, which builds examples",
        generator.display()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let status = Command::new(&generator)
        .arg(dir.path())
        .status()
        .expect("generator runs");
    assert!(status.success());
    let mut names = vec![
        "changde-2019/ledger.xlsx".to_string(),
        "changde-2019/targets.xlsx".to_string(),
        "changde-2019/bank.xlsx".to_string(),
    ];
    for folder in [
        "changde-2019/layouts",
        "changde-2019/banks",
        "unlike",
        "surveys",
        "multi-year",
    ] {
        names.extend(files_under(&crate::fixture(folder), folder));
    }
    // And nothing the generator writes is missing from the commit.
    let fresh_unlike = files_under(&dir.path().join("unlike"), "unlike");
    let committed_unlike = files_under(&crate::fixture("unlike"), "unlike");
    assert_eq!(
        fresh_unlike, committed_unlike,
        "fixtures/unlike differs in its files"
    );
    for name in names {
        let fresh = std::fs::read(dir.path().join(&name))
            .unwrap_or_else(|e| panic!("the generator no longer writes {name}: {e}"));
        let committed = std::fs::read(crate::fixture(&name)).expect("committed");
        assert!(
            fresh == committed,
            "fixtures/{name} differs from the generator's output; run `cargo run --example generate-fixtures` and commit"
        );
    }
}

/// The files under `dir`, as `prefix/relative/path`, sorted.
fn files_under(dir: &std::path::Path, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a fixtures folder") {
        let entry = entry.expect("entry");
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        if entry.file_type().expect("file type").is_dir() {
            out.extend(files_under(&entry.path(), &name));
        } else {
            out.push(name);
        }
    }
    out.sort();
    out
}
