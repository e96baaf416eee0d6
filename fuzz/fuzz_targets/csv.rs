//! Text → a CSV ledger (UTF-8, GBK, with or without a byte-order mark, quotes of every kind):
//! the encoding told, the lines checked, the rows read or the file refused — never a panic, and
//! no row lost.

#![no_main]

use jixiao::read::ledger::{self, LedgerLayout};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("ledger.csv");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    if let Ok(ledger) = ledger::read(&[path], &LedgerLayout::default()) {
        assert_eq!(ledger.rows_read(), ledger.rows.len() + ledger.skipped.len());
    }
});
