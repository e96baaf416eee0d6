//! Why a command could not do what it was asked, and the exit code it ends with. Every failure
//! of every command is one of these, printed in one place (`run`), in the user's language.

use std::path::PathBuf;

use crate::glossary::{Noun, count, list};
use crate::lang::Lang;

/// What a command stops with. `Display` says it in English.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum Failure {
    /// An argument clap could not take; clap prints its own message (and `--help` and
    /// `--version`, which are not failures).
    Usage(#[source] clap::Error),
    /// The input files could not be read, or the indicator system could not score them.
    Input(#[source] crate::error::Error),
    /// The folder of funds could not be read or the batch could not start.
    Batch(#[source] crate::batch::Error),
    /// The output could not be made.
    Render(#[source] crate::render::Error),
    Arguments(#[source] crate::cli::ArgumentsError),
    XlsxToTerminal,
    /// `--shard` with a summary format other than JSON Lines, which only --merge reads.
    ShardFormat,
    /// A Word document asked for without `-o`.
    DocxToTerminal,
    /// `--form self-eval` in a format the form is not written in.
    FormFormat,
    /// `batch --reports DIR` with DIR inside the folder of funds.
    ReportsAmongFunds(PathBuf),
    /// The 自评表 written as a draft, with no total: too few of its indicators have an actual
    /// value (the scoring's own refusal, `why`).
    Drafted {
        path: PathBuf,
        why: String,
    },
    /// `-o FILE` whose extension names no format the command writes.
    UnknownOutput {
        path: PathBuf,
        /// The extensions it does write.
        formats: Vec<&'static str>,
    },
    /// `--explain` with a format it does not write.
    ExplainFormat,
    NoSuchIndicator {
        wanted: String,
        indicators: Vec<String>,
    },
    OutputIsInput {
        path: PathBuf,
    },
    /// `-o` naming something that is not a regular file: a device, a pipe, a directory.
    OutputNotAFile {
        path: PathBuf,
        kind: crate::file::Special,
    },
    OutputFolder {
        dir: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    Stdout(#[source] std::io::Error),
    /// After the summary was written: funds whose row says why they could not be evaluated.
    FundsFailed {
        failed: usize,
        funds: usize,
        names: Vec<String>,
    },
}

macro_rules! from {
    ($($variant:ident($ty:ty)),*) => {
        $(impl From<$ty> for Failure {
            fn from(e: $ty) -> Self {
                Failure::$variant(e)
            }
        })*
    };
}

from!(
    Usage(clap::Error),
    Input(crate::error::Error),
    Batch(crate::batch::Error),
    Render(crate::render::Error),
    Arguments(crate::cli::ArgumentsError)
);

/// Funds listed in a message: the first ten, then how many more.
pub fn some_funds(names: &[String], lang: Lang) -> String {
    const SHOWN: usize = 10;
    let shown: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
    let mut text = list(lang, &shown);
    if names.len() > SHOWN {
        let more = names.len() - SHOWN;
        text.push_str(&lang.pick(format!(" 等另外{more}个"), format!(" and {more} more")));
    }
    text
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
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Usage(e) => e.to_string(),
            Failure::Input(e) => e.message(lang),
            Failure::Batch(e) => e.message(lang),
            Failure::Render(e) => e.message(lang),
            Failure::Arguments(e) => e.message(lang),
            Failure::ShardFormat => lang
                .pick(
                    "--shard 输出 JSON Lines（供 --merge 合并）；请去掉 --format，合并时再选格式",
                    "--shard writes JSON Lines (for --merge); leave out --format, and choose the format when merging",
                )
                .to_string(),
            Failure::XlsxToTerminal => lang
                .pick(
                    "xlsx 工作簿不能输出到终端：请用 -o 文件名.xlsx",
                    "an xlsx workbook is not for a terminal: give -o FILE.xlsx",
                )
                .into(),
            Failure::DocxToTerminal => lang
                .pick(
                    "Word 文档不能输出到终端：请用 -o 文件名.docx",
                    "a Word document is not for a terminal: give -o FILE.docx",
                )
                .into(),
            Failure::ReportsAmongFunds(dir) => lang.pick(
                format!(
                    "{}：报告文件夹在专项资金文件夹之内，会被当作一项资金；请放在其外",
                    dir.display()
                ),
                format!(
                    "{}: the reports' folder is inside the folder of funds, where it would be taken for a fund; put it outside",
                    dir.display()
                ),
            ),
            Failure::FormFormat => lang
                .pick(
                    "--form self-eval 写成工作簿或 Word 文档：请用 -o 自评表.xlsx 或 -o 自评表.docx",
                    "--form self-eval writes a workbook or a Word document: give -o FILE.xlsx or -o FILE.docx",
                )
                .into(),
            Failure::Drafted { path, why } => lang.pick(
                format!(
                    "{}：已写出待填写的自评表，总分和等级未评定——{why}",
                    path.display()
                ),
                format!(
                    "{}: the self-evaluation form is written as a draft to fill in, with no total and no grade — {why}",
                    path.display()
                ),
            ),
            Failure::UnknownOutput { path, formats } => {
                let p = path.display();
                lang.pick(
                    format!(
                        "{p}：无法从扩展名确定输出格式，不写入；可写的格式有 {}（或用 --format 指定）",
                        formats.join("、")
                    ),
                    format!(
                        "{p}: no output format has this extension, so nothing is written; the formats are {} (or name one with --format)",
                        formats.join(", ")
                    ),
                )
            }
            Failure::ExplainFormat => lang
                .pick(
                    "--explain 只输出文字（.txt）或 JSON（.json、--format json）",
                    "--explain writes text (.txt) or JSON (.json, --format json) only",
                )
                .into(),
            Failure::NoSuchIndicator { wanted, indicators } => lang.pick(
                format!(
                    "--explain：没有指标“{wanted}”；指标有 {}",
                    list(lang, indicators)
                ),
                format!(
                    "--explain: no indicator “{wanted}”; the indicators are {}",
                    list(lang, indicators)
                ),
            ),
            Failure::OutputNotAFile { path, kind } => {
                let (p, what) = (path.display(), crate::error::special(*kind, lang));
                lang.pick(
                    format!("{p}：{what}；输出只写入普通文件，不替换它"),
                    format!("{p}: {what}; the output is written to regular files only, never over this"),
                )
            }
            Failure::OutputIsInput { path } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：是输入文件；输出不会覆盖输入"),
                    format!("{p}: is an input; the output never overwrites an input"),
                )
            }
            Failure::OutputFolder { dir, source } => {
                let d = dir.display();
                lang.pick(
                    format!("{d}：无法在此写入：{source}"),
                    format!("{d}: cannot write there: {source}"),
                )
            }
            Failure::Write { path, source } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：无法写入：{source}"),
                    format!("{p}: cannot write: {source}"),
                )
            }
            Failure::Stdout(e) => lang.pick(
                format!("无法写出结果：{e}"),
                format!("cannot write the output: {e}"),
            ),
            Failure::FundsFailed {
                failed,
                funds,
                names,
            } => {
                let names = some_funds(names, lang);
                lang.pick(
                    format!("{}中有{failed}个未能评价：{names}（原因见错误列）", count(lang, *funds, Noun::Fund)),
                    format!(
                        "{failed} of {} could not be evaluated: {names} (the error column says why)",
                        count(lang, *funds, Noun::Fund)
                    ),
                )
            }
        }
    }
}
