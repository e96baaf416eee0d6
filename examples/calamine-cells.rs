//! calamine's streaming cell reader alone, for the benchmark (`bench/run.py`): opens an `.xlsx`
//! and walks every cell of its first sheet with `worksheet_cells_reader`, as `jixiao evaluate`
//! reads a ledger, and does nothing with them.
//!
//! Its time is what the reader costs before jixiao does anything with a cell: loading the
//! shared-strings table, inflating the sheet and parsing its XML. The benchmark sets it beside
//! `jixiao evaluate` and `unzip -p` (the floor) so that the share of each is measured in the same
//! run rather than estimated from a profile.
//!
//!     cargo run --release --example calamine-cells -- LEDGER.xlsx

use std::process::ExitCode;

use calamine::{DataRef, Reader, Xlsx, open_workbook};

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: calamine-cells LEDGER.xlsx");
        return ExitCode::from(2);
    };
    match walk(std::path::Path::new(&path)) {
        Ok((cells, texts)) => {
            println!("{cells} cells, {texts} of them text");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("calamine-cells: {}: {e}", path.to_string_lossy());
            ExitCode::from(2)
        }
    }
}

/// How many cells the first sheet has, and how many of them are text: counted so that the loop
/// looks at every value and cannot be optimised away.
fn walk(path: &std::path::Path) -> Result<(u64, u64), calamine::XlsxError> {
    let mut workbook: Xlsx<_> = open_workbook(path)?;
    let Some(sheet) = workbook.sheet_names().first().cloned() else {
        return Ok((0, 0));
    };
    let mut reader = workbook.worksheet_cells_reader(&sheet)?;
    let (mut cells, mut texts) = (0, 0);
    while let Some(cell) = reader.next_cell()? {
        cells += 1;
        if matches!(
            cell.get_value(),
            DataRef::SharedString(_) | DataRef::String(_)
        ) {
            texts += 1;
        }
    }
    Ok((cells, texts))
}
