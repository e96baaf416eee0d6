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
        // No more rows than the text has lines (each ends at \n, \r or \r\n).
        let lines = data.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
        assert!(ledger.rows_read() <= lines, "{} rows of {lines} lines", ledger.rows_read());
    }
});
