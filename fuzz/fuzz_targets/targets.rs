//! Bytes → the evaluator's workbook (.xlsx): the declaration, its targets, the budget lines and
//! their conditions, the survey, the findings — read or refused, never a panic.

#![no_main]

use jixiao::read::targets;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("targets.xlsx");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(t) = targets::read(&path) {
        for line in &t.budget.lines {
            assert!(!line.planned.is_sign_negative() || line.planned.is_zero());
        }
    }
});
