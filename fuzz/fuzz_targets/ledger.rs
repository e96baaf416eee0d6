//! Bytes → workbook → ledger rows → reconciliation: whatever the file, an answer or an error,
//! never a panic, and no row lost. The first byte picks the extension the bytes are read as.

#![no_main]

use jixiao::read::ledger::{self, LedgerLayout};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "xls", "ods", "csv"][usize::from(kind % 4)];
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join(format!("ledger.{ext}"));
    if std::fs::write(&path, bytes).is_err() {
        return;
    }
    if let Ok(ledger) = ledger::read(&[path], &LedgerLayout::default()) {
        assert_eq!(ledger.rows_read(), ledger.rows.len() + ledger.skipped.len());
        for sheet in &ledger.sheets {
            assert!(sheet.postings <= sheet.rows_read);
        }
    }
});
