//! Why a command could not do what it was asked, and the exit code it ends with. Every failure
//! of every command is one of these, printed in one place (`run`), in the user's language.

use std::path::PathBuf;

use crate::lang::Lang;

/// What a command stops with.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// An argument clap could not take; clap prints its own message (and `--help` and
    /// `--version`, which are not failures).
    #[error("{0}")]
    Usage(#[from] clap::Error),

    /// The input files could not be read, or the indicator system could not score them.
    #[error(transparent)]
    Input(#[from] crate::error::Error),

    /// The folder of funds could not be read or the batch could not start.
    #[error(transparent)]
    Batch(#[from] crate::batch::Error),

    /// The output could not be made.
    #[error(transparent)]
    Render(#[from] crate::render::Error),

    #[error(transparent)]
    Arguments(#[from] crate::cli::ArgumentsError),

    #[error("an xlsx workbook is not for a terminal: give -o FILE.xlsx")]
    XlsxToTerminal,

    #[error("--explain: no indicator “{wanted}”; the indicators are {}", indicators.join(", "))]
    NoSuchIndicator {
        wanted: String,
        indicators: Vec<String>,
    },

    #[error("{}: is an input; the output never overwrites an input", path.display())]
    OutputIsInput { path: PathBuf },

    #[error("{}: cannot write there: {source}", dir.display())]
    OutputFolder {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{}: cannot write: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write the output: {0}")]
    Stdout(#[source] std::io::Error),

    /// After the summary was written: funds whose row says why they could not be evaluated.
    #[error(
        "{failed} of {} could not be evaluated: {names} (the error column says why)",
        crate::batch::plural(*funds, "fund", "funds")
    )]
    FundsFailed {
        failed: usize,
        funds: usize,
        names: String,
    },
}

impl Failure {
    /// The exit code: 2, could not evaluate (or, for `--help` and `--version`, 0).
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(e) if !e.use_stderr() => super::EVALUATED,
            _ => super::FAILED,
        }
    }

    /// The message, in `lang`.
    pub fn message(&self, _lang: Lang) -> String {
        self.to_string()
    }
}
