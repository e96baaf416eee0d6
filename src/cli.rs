//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rust_decimal::Decimal;

#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "Performance evaluation (预算绩效评价) of public special funds from their ledger and target sheets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reconcile the ledger against the budget, run the checks, and score the indicator system.
    Evaluate(EvaluateArgs),
}

#[derive(Debug, clap::Args)]
pub struct EvaluateArgs {
    /// The accounting ledger (明细账 / 序时账) as exported: .xlsx, .xlsm, .xls or .ods.
    pub ledger: PathBuf,

    /// The evaluator's workbook: 绩效目标申报表, 预算明细, and optionally 问卷 and 评价发现.
    pub targets: PathBuf,

    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Draw the table with ASCII characters, for terminals that draw box characters wide.
    #[arg(long)]
    pub ascii: bool,

    /// Exit with code 1 when the total score is below this, after printing the result.
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The indicator table, the reconciliation and the findings, for a terminal.
    Table,
    /// One versioned JSON object (docs/json.md).
    Json,
}
