//! Input errors, each naming the file, and where it can the sheet and the cell, with what was
//! found there and what was expected. Anything that stops an evaluation is one of these; the
//! binary prints it whole and exits 2.

use std::path::PathBuf;

use crate::location::CellRef;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: file not found", path.display())]
    NotFound { path: PathBuf },

    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: not a spreadsheet jixiao can read ({detail}); expected an .xlsx, .xlsm, .xls or .ods workbook", path.display())]
    NotSpreadsheet { path: PathBuf, detail: String },

    #[error("{file}!{sheet}: cannot read the sheet: {detail}")]
    Sheet {
        file: String,
        sheet: String,
        detail: String,
    },

    #[error(
        "{file}: no sheet for {what} (a sheet whose name contains {wanted}); the workbook has {found}"
    )]
    MissingSheet {
        file: String,
        what: &'static str,
        wanted: String,
        found: String,
    },

    #[error(
        "{file}!{sheet}: {}; expected a row with {expected}",
        if *scanned == 0 { "the sheet is empty".to_string() } else { format!("no header row in the first {scanned} rows") }
    )]
    NoHeader {
        file: String,
        sheet: String,
        scanned: u32,
        expected: String,
    },

    #[error("{at}: found {found}, expected {expected}")]
    Cell {
        at: CellRef,
        found: String,
        expected: String,
    },

    #[error("{context}: {message}")]
    Invalid { context: String, message: String },
}

impl Error {
    /// The message in `lang`.
    pub fn message(&self, _lang: crate::lang::Lang) -> String {
        self.to_string()
    }

    /// An I/O error on the user's file: "file not found" when that is what it is.
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound {
                path: path.to_path_buf(),
            },
            _ => Error::Io {
                path: path.to_path_buf(),
                source,
            },
        }
    }

    pub fn cell(at: CellRef, found: impl Into<String>, expected: impl Into<String>) -> Self {
        Error::Cell {
            at,
            found: found.into(),
            expected: expected.into(),
        }
    }

    /// A sheet that cannot be read, and why.
    pub fn sheet(file: &str, sheet: &str, detail: impl Into<String>) -> Self {
        Error::Sheet {
            file: file.to_string(),
            sheet: sheet.to_string(),
            detail: detail.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
