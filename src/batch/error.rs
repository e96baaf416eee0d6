//! What stops a batch, or one fund of it: the folder of funds that cannot be read, a fund whose
//! files cannot be told apart, a broken `fund.toml`, or the fund's own input error.

use std::path::PathBuf;

/// What a fund folder is told to hold, when it holds nothing the batch can use.
const EXPECTED: &str =
    "expected one folder per fund, each holding its ledger and targets workbook (docs/batch.md)";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: folder not found", dir.display())]
    FolderNotFound { dir: PathBuf },

    #[error("{}: not a folder; expected a folder holding one folder per fund", dir.display())]
    NotAFolder { dir: PathBuf },

    #[error("{}: cannot read the folder: {source}", dir.display())]
    ReadFolder {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: the folder is empty; {EXPECTED}", dir.display())]
    EmptyFolder { dir: PathBuf },

    #[error(
        "{}: no fund folders in it, only {}; {EXPECTED}; for one fund's files, jixiao evaluate LEDGER TARGETS",
        dir.display(),
        ignored.join(", ")
    )]
    NoFundFolders { dir: PathBuf, ignored: Vec<String> },

    #[error(
        "{}: is in the folder of the fund {fund}; write the summary outside the funds' folders",
        output.display()
    )]
    OutputInFund { output: PathBuf, fund: String },

    #[error("{}: cannot read the file: {source}", path.display())]
    ReadManifest {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A `fund.toml` that is not what it should be, at its line and column when known.
    #[error(
        "{}: {}{message}",
        path.display(),
        at.map(|(line, column)| format!("line {line}, column {column}: ")).unwrap_or_default()
    )]
    Manifest {
        path: PathBuf,
        at: Option<(usize, usize)>,
        message: String,
    },

    /// No file of a kind (the ledger, the targets workbook) in a fund folder.
    #[error(
        "no {what} file: expected a file named like {like}, or a {} naming it{}",
        super::manifest::MANIFEST,
        if misnamed.is_empty() {
            String::new()
        } else {
            format!(" ({} named like one, but not {})", misnamed.join(", "), extensions.join(", "))
        }
    )]
    NoFile {
        what: &'static str,
        like: &'static str,
        /// Files named like one but with another extension.
        misnamed: Vec<String>,
        extensions: Vec<String>,
    },

    #[error("several files could be the {what} ({}): {advice}", files.join(", "))]
    SeveralFiles {
        what: &'static str,
        files: Vec<String>,
        advice: &'static str,
    },

    /// Neither the ledger nor the targets workbook could be found.
    #[error("{0}; {1}")]
    NoFiles(Box<Error>, Box<Error>),

    #[error(transparent)]
    Input(#[from] crate::error::Error),

    #[error("cannot start the worker threads: {0}")]
    Threads(String),

    #[error("internal error (a bug in jixiao; please report it with the fund's files): {0}")]
    Panic(crate::guard::Panic),
}
