//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use rust_decimal::Decimal;

use crate::batch::summary::SummaryFormat;
use crate::config::Preset;
use crate::lang::Lang;
use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "jixiao",
    version,
    about = "Performance evaluation (预算绩效评价) of public special funds from their ledger and target sheets"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// The language of everything the tool writes — headings, sentences, notes and errors —
    /// Chinese (zh, 中文, the default) or English (en); indicator names, 摘要 and other text of the
    /// inputs stay as written. Without it, JIXIAO_LANG=en or zh sets it once for a script.
    #[arg(long, global = true, value_enum, ignore_case = true)]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Reconcile the ledger against the budget, run the checks, and score the indicator system.
    Evaluate(EvaluateArgs),
    /// Read the inputs and show what was understood of them, without scoring: layouts, headers,
    /// columns, rows, budget lines, targets, and every problem with its cell. Exit 0 when the
    /// inputs can be evaluated, 2 otherwise.
    Check(CheckArgs),
    /// Print a built-in indicator system as a commented TOML rules file to start from.
    Rules(RulesArgs),
    /// Write blank input files with a short example in each — ledger.xlsx, targets.xlsx and
    /// rules.toml — that evaluate as they are.
    Template(TemplateArgs),
    /// Evaluate every fund folder under DIR, in parallel, and print one summary row per fund
    /// (docs/batch.md). Exit 0 when every fund was evaluated, 1 when one is below --fail-under,
    /// 2 when a fund could not be evaluated.
    Batch(BatchArgs),
    /// jixiao's own: one fund of a batch, evaluated in a process of its own and written as one
    /// line of JSON (src/batch/worker.rs).
    #[command(name = "fund-worker", hide = true)]
    FundWorker(FundWorkerArgs),
}

/// The input files, the same for every command.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// LEDGER TARGETS: the accounting ledger (明细账 / 序时账 / 凭证列表) as exported — .xlsx,
    /// .xlsm, .xls, .ods or .csv (UTF-8 or GBK) — and the evaluator's workbook (绩效目标申报表,
    /// 预算明细, and optionally 问卷 and 评价发现). With --ledger, give TARGETS alone.
    #[arg(value_name = "FILE", num_args = 1..=2, required = true)]
    pub files: Vec<PathBuf>,

    /// A ledger file; repeat for a ledger exported in several files (one per year, say). The
    /// files' postings are combined.
    #[arg(long = "ledger", value_name = "LEDGER")]
    pub ledgers: Vec<PathBuf>,

    /// A rules file (TOML, docs/rules.md): a whole indicator system, or settings that adjust the
    /// preset — the ledger's header row and column names, accounts, survey answers.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// The bank's statement of the fund's account (工商银行, 招商银行, 建设银行 exports …), set
    /// beside the ledger to find money moved but never booked. Without it, a file named
    /// bank.xlsx (or 银行对账单.xlsx) next to the ledger is used, and said so.
    #[arg(long, value_name = "FILE")]
    pub bank: Option<PathBuf>,

    /// Do not look for a bank statement beside the ledger.
    #[arg(long, conflicts_with = "bank")]
    pub no_bank: bool,

    /// The satisfaction survey as 问卷星 or 腾讯问卷 download it (.xlsx or .csv, answers as
    /// text or as option numbers), read instead of the targets workbook's 问卷 sheet.
    #[arg(long, value_name = "FILE")]
    pub survey: Option<PathBuf>,

    /// Do not use a rules.toml found beside the targets workbook (without --rules, one there is
    /// used, and said so).
    #[arg(long, conflicts_with = "rules")]
    pub no_rules: bool,

    /// The built-in indicator system to evaluate with (or to adjust with --rules) [default:
    /// changde-2019; with --form self-eval, self-eval].
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
}

/// The document an evaluation is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Form {
    /// The evaluation: its table, workbook, page or Word report, as --format and -o say.
    #[default]
    Report,
    /// The 项目支出绩效自评表 of 财预〔2020〕10号 附1, scored by the self-eval system, as a
    /// workbook (-o 自评表.xlsx) or a Word table (-o 自评表.docx).
    SelfEval,
}

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The folder to write them to (created if missing; existing files are never overwritten).
    pub dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// The preset to print, as a commented TOML file to start from.
    #[arg(long, value_enum, default_value_t = Preset::Changde2019)]
    pub preset: Preset,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub inputs: InputArgs,
}

#[derive(Debug, clap::Args)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub inputs: InputArgs,

    /// Output format; with -o, by default the file's extension (.json, .csv, .md, .xlsx, .html,
    /// .docx).
    #[arg(long, short, value_enum)]
    pub format: Option<Format>,

    /// The document to write: the evaluation (report) or the 自评表 (self-eval, in .xlsx or
    /// .docx).
    #[arg(long, value_enum, default_value_t = Form::Report)]
    pub form: Form,

    /// Write the result to FILE instead of standard output: atomically (a temporary file, then
    /// renamed), never over an input.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print, for one indicator (its 三级 name or code), the rule, the measure, its inputs and
    /// the ledger rows behind it.
    #[arg(long, value_name = "INDICATOR")]
    pub explain: Option<String>,

    /// Draw the table with ASCII characters, for terminals that draw box characters wide.
    #[arg(long)]
    pub ascii: bool,

    /// Exit with code 1 when the total score is below this, after printing the result.
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<Decimal>,
}

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// The folder holding one folder per fund, each with its ledger (ledger.xlsx, 明细账.xlsx,
    /// 序时账.csv …), its targets workbook (targets.xlsx, 绩效目标.xlsx …), optionally its bank
    /// statement (bank.xlsx, 银行对账单.xlsx), and optionally a fund.toml naming them.
    #[arg(value_name = "DIR", required_unless_present = "merge")]
    pub dir: Option<PathBuf>,

    /// Evaluate only the K-th of N shares of the funds (1 ≤ K ≤ N), for running one batch as N
    /// jobs on many machines; each fund's share is fixed by its folder's name. Writes JSON
    /// Lines, ended by a line that names the share and every fund, for --merge (docs/batch.md).
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,

    /// Merge the JSON Lines of the shards of one batch (--shard) into its summary, in any
    /// format, row for row what one machine would have written; refuses a fund twice, a shard
    /// cut short and shards of different batches, and names the funds that have no row.
    #[arg(
        long,
        value_name = "JSONL",
        num_args = 1..,
        conflicts_with_all = ["dir", "shard", "rules", "jobs", "no_bank", "reports"]
    )]
    pub merge: Vec<PathBuf>,

    /// The built-in indicator system to evaluate every fund with (or to adjust with --rules).
    #[arg(long, value_enum, default_value_t = Preset::Changde2019)]
    pub preset: Preset,

    /// A rules file (TOML, docs/rules.md) for every fund whose fund.toml names none.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,

    /// Summary format; with -o, by default the file's extension (.csv, .jsonl, .xlsx, .txt).
    #[arg(long, short, value_enum)]
    pub format: Option<SummaryFormat>,

    /// Write the summary to FILE instead of standard output: atomically (a temporary file, then
    /// renamed), never over an input nor into a fund's folder.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// How many funds to evaluate at once (default: one per processor core).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Do not look for bank statements beside the ledgers; a bank named in a fund.toml is still
    /// used.
    #[arg(long)]
    pub no_bank: bool,

    /// Exit with code 1 when an evaluated fund's total is below this, after writing the summary.
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<Decimal>,

    /// Draw the table with ASCII characters, for terminals that draw box characters wide.
    #[arg(long)]
    pub ascii: bool,

    /// Write each evaluated fund's Word report (the evaluation report of `-o 报告.docx`) into
    /// DIR as <folder>.docx, created if missing; a fund that cannot be evaluated gets none.
    #[arg(long, value_name = "DIR")]
    pub reports: Option<PathBuf>,

    /// Below each fund whose 预算明细 gives its lines a 年度, a row per budget year with its
    /// money and rates (the table, CSV and workbook; JSON Lines always carries the years).
    #[arg(long)]
    pub by_year: bool,
}

/// What a batch's worker is given: the batch's settings and one fund.
#[derive(Debug, clap::Args)]
pub struct FundWorkerArgs {
    #[arg(long, value_enum)]
    pub preset: Preset,
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    #[arg(long)]
    pub no_bank: bool,
    #[arg(long, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    /// The data (heap) the process may use, in MB.
    #[arg(long, value_name = "MB")]
    pub memory_mb: u64,
    /// The fund's folder as the batch names it.
    #[arg(long)]
    pub folder: String,
    /// The fund's folder.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

impl InputArgs {
    /// The ledger files and the targets workbook, or what is wrong with the arguments.
    pub fn inputs(&self) -> Result<(Vec<PathBuf>, PathBuf), ArgumentsError> {
        match self.files.as_slice() {
            [ledger, targets] => Ok((
                std::iter::once(ledger.clone())
                    .chain(self.ledgers.iter().cloned())
                    .collect(),
                targets.clone(),
            )),
            [targets] if !self.ledgers.is_empty() => Ok((self.ledgers.clone(), targets.clone())),
            [_] => Err(ArgumentsError::NoTargets),
            _ => Err(ArgumentsError::TooManyFiles),
        }
    }
}

/// Input files the command line does not give as it should.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum ArgumentsError {
    NoTargets,
    TooManyFiles,
}

impl ArgumentsError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ArgumentsError::NoTargets => lang.pick(
                "请给出账页和目标表两个文件（账页 目标表），或用 --ledger 账页 再给目标表",
                "give two files, the ledger and the targets workbook (LEDGER TARGETS), or --ledger LEDGER and then TARGETS",
            ),
            ArgumentsError::TooManyFiles => lang.pick(
                "请给出一个账页和一个目标表（更多账页用 --ledger）",
                "give one ledger and one targets workbook (more ledgers with --ledger)",
            ),
        }
        .into()
    }
}
