//! The rules file (`--rules FILE`, TOML): what a user tells the tool about their own files and
//! chart of accounts where the automatic reading is not enough.
//!
//! Today it holds the `[ledger]` table — which sheet, which row is the header, which of the
//! file's own column names is which column, which accounts are arrivals and spending, which side
//! of parallel books counts. Unknown keys are rejected, and every error names the file and
//! shows the line.
//!
//! ```toml
//! [ledger]
//! sheet = "Sheet1"
//! header_row = 3
//! arrival_accounts = ["4"]
//! spending_accounts = ["5"]
//! books = "budget"
//!
//! [ledger.columns]
//! date = "记账日期"
//! debit = "支出金额"
//! credit = "收入金额"
//! project = "资金项目"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::read::ledger::{Column, LedgerLayout};
use crate::rules::{BookSide, Rules};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    #[serde(default)]
    pub ledger: LedgerTable,
    #[serde(default)]
    pub survey: SurveyTable,
}

/// `[survey]`: how the answers of the 问卷 are counted.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyTable {
    /// Answers that count as satisfied (很满意, 满意 …).
    pub satisfied: Option<Vec<String>>,
    /// Answers that count as improved (明显改善, 有所改善 …).
    pub improved: Option<Vec<String>>,
    /// Answer label → weight (0–100) for the weighted satisfaction index.
    pub weights: Option<BTreeMap<String, rust_decimal::Decimal>>,
    /// The satisfaction question's options in order, for answers exported as codes.
    pub satisfaction_codes: Option<Vec<String>>,
    /// The improvement question's options in order.
    pub improvement_codes: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerTable {
    /// Read only this sheet of the ledger workbook.
    pub sheet: Option<String>,
    /// The header's (first) row, 1-based as Excel shows it.
    pub header_row: Option<u32>,
    /// Role → the column's name as written in the user's file.
    #[serde(default)]
    pub columns: BTreeMap<Column, String>,
    /// Account code prefixes whose credits are the fund's arrivals.
    pub arrival_accounts: Option<Vec<String>>,
    /// Account code prefixes whose debits are the fund's spending.
    pub spending_accounts: Option<Vec<String>>,
    /// Which side of parallel books (财务会计 / 预算会计) to count.
    pub books: Option<Books>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Books {
    Budget,
    Financial,
}

impl RulesFile {
    pub fn load(path: &Path) -> Result<RulesFile> {
        let text = std::fs::read_to_string(path).map_err(|source| match source.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound {
                path: path.to_path_buf(),
            },
            _ => Error::Io {
                path: path.to_path_buf(),
                source,
            },
        })?;
        RulesFile::parse(&text, &path.display().to_string())
    }

    pub fn parse(text: &str, name: &str) -> Result<RulesFile> {
        let file: RulesFile = toml::from_str(text).map_err(|e| Error::Invalid {
            context: format!("rules file {name}"),
            message: e.to_string().trim_end().to_string(),
        })?;
        if file.ledger.header_row == Some(0) {
            return Err(Error::Invalid {
                context: format!("rules file {name}"),
                message: "[ledger] header_row counts from 1, as Excel shows rows".into(),
            });
        }
        Ok(file)
    }

    /// The ledger's layout as the file states it.
    pub fn layout(&self) -> LedgerLayout {
        LedgerLayout {
            sheet: self.ledger.sheet.clone(),
            header_row: self.ledger.header_row.map(|r| r.saturating_sub(1)),
            columns: self
                .ledger
                .columns
                .iter()
                .map(|(c, name)| (*c, name.clone()))
                .collect(),
        }
    }

    /// The rules with the file's settings in place of the preset's.
    pub fn apply(&self, mut rules: Rules) -> Rules {
        let l = &self.ledger;
        if let Some(a) = &l.arrival_accounts {
            rules.ledger.arrival_accounts = a.clone();
        }
        if let Some(s) = &l.spending_accounts {
            rules.ledger.spending_accounts = s.clone();
        }
        let s = &self.survey;
        if let Some(v) = &s.satisfied {
            rules.survey.satisfied_answers = v.clone();
        }
        if let Some(v) = &s.improved {
            rules.survey.improved_answers = v.clone();
        }
        if let Some(w) = &s.weights {
            rules.survey.answer_weights = w
                .iter()
                .map(|(label, weight)| (label.clone(), *weight))
                .collect();
        }
        if let Some(v) = &s.satisfaction_codes {
            rules.survey.satisfaction_codes = v.clone();
        }
        if let Some(v) = &s.improvement_codes {
            rules.survey.improvement_codes = v.clone();
        }
        if let Some(b) = l.books {
            rules.ledger.parallel_side = match b {
                Books::Budget => BookSide::Budget,
                Books::Financial => BookSide::Financial,
            };
        }
        rules
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ledger_table() {
        let file = RulesFile::parse("[ledger]\nheader_row = 3\nbooks = \"financial\"\n[ledger.columns]\ndate = \"记账日期\"\ndebit = \"支出\"\n", "r.toml").expect("parses");
        let layout = file.layout();
        assert_eq!(layout.header_row, Some(2));
        assert_eq!(
            layout.columns,
            [
                (Column::Date, "记账日期".to_string()),
                (Column::Debit, "支出".to_string())
            ]
        );
        let rules = file.apply(Rules::changde_2019());
        assert_eq!(rules.ledger.parallel_side, BookSide::Financial);
    }

    #[test]
    fn reads_the_survey_table() {
        let file = RulesFile::parse(
            "[survey]\nsatisfied = [\"满意\"]\nweights = { \"满意\" = 100, \"不满意\" = 0 }\n",
            "r.toml",
        )
        .expect("parses");
        let rules = file.apply(Rules::changde_2019());
        assert_eq!(rules.survey.satisfied_answers, ["满意"]);
        assert_eq!(rules.survey.answer_weights.len(), 2);
    }

    #[test]
    fn rejects_unknown_keys_showing_the_line() {
        let err = RulesFile::parse("[ledger]\nheader_rwo = 3\n", "r.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("rules file r.toml: TOML parse error at line 2, column 1"),
            "{err}"
        );
        assert!(err.contains("header_rwo"), "{err}");
        assert!(
            err.contains(
                "unknown field `header_rwo`, expected one of `sheet`, `header_row`, `columns`"
            ),
            "{err}"
        );
    }

    #[test]
    fn rejects_unknown_column_roles() {
        let err = RulesFile::parse("[ledger.columns]\nwhen = \"日期\"\n", "r.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown variant `when`, expected one of `date`"),
            "{err}"
        );
    }
}
