//! Bytes → a bank statement (the first byte picks .xlsx or .csv) → its items: an answer or an
//! error, never a panic, and every row below the header an item or skipped, counted.

#![no_main]

use jixiao::read::bank;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "csv"][usize::from(kind % 2)];
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("bank.{ext}"));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    if let Ok(statement) = bank::read(&path) {
        assert_eq!(
            statement.skipped,
            statement.skipped_undated + statement.skipped_zero
        );
    }
});
