//! Bytes → a bank statement (the first byte picks .xlsx or .csv) → its items: an answer or an
//! error, never a panic, and each item's money a non-negative amount one way.

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
        // Money moves one way per item, never a negative amount either way.
        for item in &statement.items {
            assert!(!item.out.is_sign_negative() && !item.into.is_sign_negative());
            assert!(item.out.is_zero() || item.into.is_zero() || item.out == item.into);
        }
    }
});
