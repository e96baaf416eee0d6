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
        "ledger.xlsx".to_string(),
        "targets.xlsx".to_string(),
        "bank.xlsx".to_string(),
    ];
    for entry in std::fs::read_dir(crate::fixture("changde-2019/layouts")).expect("layouts") {
        names.push(format!(
            "layouts/{}",
            entry.expect("entry").file_name().to_string_lossy()
        ));
    }
    for name in names {
        let fresh = std::fs::read(dir.path().join(&name))
            .unwrap_or_else(|e| panic!("the generator no longer writes {name}: {e}"));
        let committed =
            std::fs::read(crate::fixture("changde-2019").join(&name)).expect("committed");
        assert!(
            fresh == committed,
            "fixtures/changde-2019/{name} differs from the generator's output; run `cargo run --example generate-fixtures` and commit"
        );
    }
}
