//! The files one fund is evaluated from: its ledger files, its targets workbook, its bank
//! statement (named, or found beside the ledger) and what its rules file states about the
//! ledger's layout. `evaluate` and `check` build them from the command line, `batch` from a fund
//! folder; both find a bank statement beside the ledger by the same names, here.

use std::path::{Path, PathBuf};

use crate::read::ledger::LedgerLayout;

/// Names a bank statement beside the ledger may have.
pub const BANK_NAMES: &[&str] = &[
    "bank.xlsx",
    "bank.xls",
    "bank.csv",
    "银行对账单.xlsx",
    "银行对账单.xls",
    "银行对账单.csv",
];

/// The files an evaluation reads.
pub struct Sources {
    pub ledgers: Vec<PathBuf>,
    pub targets: PathBuf,
    /// The bank's statement of the fund's account, when there is one.
    pub bank: Option<PathBuf>,
    /// A survey download (问卷星, 腾讯问卷) read instead of the targets workbook's 问卷 sheet.
    pub survey: Option<PathBuf>,
    /// What a rules file states about the ledger's layout.
    pub layout: LedgerLayout,
    /// The bank statement was found beside the ledger rather than named: the user is told.
    pub bank_found_beside: bool,
    /// The rules file found beside the targets workbook rather than named, by its file name:
    /// the user is told.
    pub rules_found_beside: Option<String>,
    /// The rules file read, named or found beside: an input like the others, which no output
    /// may replace.
    pub rules: Option<PathBuf>,
}

impl Sources {
    /// Every file the evaluation reads: an output never overwrites one.
    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.ledgers
            .iter()
            .chain(std::iter::once(&self.targets))
            .chain(self.bank.iter())
            .chain(self.survey.iter())
            .chain(self.rules.iter())
    }
}

/// The bank statement in `dir` named by one of [`BANK_NAMES`], the first in their order.
pub fn bank_beside(dir: &Path) -> Option<PathBuf> {
    BANK_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// The rules file `jixiao template` writes beside the inputs.
pub const RULES_NAME: &str = "rules.toml";

/// The rules file in `dir` (beside the targets workbook, or in a fund's folder), if any.
pub fn rules_beside(dir: &Path) -> Option<PathBuf> {
    Some(dir.join(RULES_NAME)).filter(|p| p.is_file())
}
