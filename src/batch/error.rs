//! What stops a batch, or one fund of it: the folder of funds that cannot be read, a fund whose
//! files cannot be told apart, a broken `fund.toml`, or the fund's own input error. Each is a
//! fact said in the user's language ([`Error::message`]).

use std::path::PathBuf;

use crate::lang::Lang;

/// A file a fund folder holds, as the batch looks for it by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundFile {
    Ledger,
    Targets,
    Bank,
}

impl FundFile {
    fn what(self, lang: Lang) -> &'static str {
        match self {
            FundFile::Ledger => lang.pick("账页", "ledger"),
            FundFile::Targets => lang.pick("目标表", "targets"),
            FundFile::Bank => lang.pick("银行对账单", "bank statement"),
        }
    }

    fn like(self, lang: Lang) -> &'static str {
        match self {
            FundFile::Ledger => {
                lang.pick("ledger.xlsx 或 明细账.xlsx", "ledger.xlsx or 明细账.xlsx")
            }
            FundFile::Targets => lang.pick(
                "targets.xlsx 或 绩效目标.xlsx",
                "targets.xlsx or 绩效目标.xlsx",
            ),
            FundFile::Bank => lang.pick(
                "bank.xlsx 或 银行对账单.xlsx",
                "bank.xlsx or 银行对账单.xlsx",
            ),
        }
    }

    /// What to do when several files could be it.
    fn advice(self, lang: Lang) -> &'static str {
        match self {
            FundFile::Ledger => lang.pick(
                "请在 fund.toml 中指定正确的文件；账页分多个文件导出的，全部列出",
                "name the right one in fund.toml, or all of them for a ledger exported in several files",
            ),
            FundFile::Targets | FundFile::Bank => {
                lang.pick("请在 fund.toml 中指定正确的文件", "name the right one in fund.toml")
            }
        }
    }
}

/// `Display` says it in English, for the library's callers and logs.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum Error {
    FolderNotFound {
        dir: PathBuf,
    },
    NotAFolder {
        dir: PathBuf,
    },
    ReadFolder {
        dir: PathBuf,
        source: std::io::Error,
    },
    EmptyFolder {
        dir: PathBuf,
    },
    NoFundFolders {
        dir: PathBuf,
        ignored: Vec<String>,
    },
    OutputInFund {
        output: PathBuf,
        fund: String,
    },
    ReadManifest {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A `fund.toml` that is not what it should be, at its line and column when known: the TOML
    /// reader's message.
    Manifest {
        path: PathBuf,
        at: Option<(usize, usize)>,
        message: String,
    },
    /// No file of a kind in a fund folder; `misnamed` are named like one with another extension.
    NoFile {
        what: FundFile,
        misnamed: Vec<String>,
        extensions: Vec<String>,
    },
    SeveralFiles {
        what: FundFile,
        files: Vec<String>,
    },
    /// Neither the ledger nor the targets workbook could be found.
    NoFiles(Box<Error>, Box<Error>),
    Input(#[source] Box<crate::error::Error>),
    Threads(String),
    Panic(crate::guard::Panic),
    /// `--reports DIR` would write a fund's report over one of its inputs.
    ReportOverInput(PathBuf),
    /// A fund's report could not be written: the path and the writer's message.
    Report(PathBuf, String),
    /// A fund not evaluated within the time limit, in seconds (`JIXIAO_FUND_SECONDS`).
    TimedOut(f64),
    /// A fund's evaluation that needed more memory than its limit, in MB (`JIXIAO_FUND_MB`).
    OutOfMemory(u64),
    /// `--shard` not as `K/N` with 1 ≤ K ≤ N.
    BadShard(String),
    /// A line of a shard's output that cannot be read: where, and why.
    Merge {
        at: String,
        why: String,
    },
    /// Shards of two different batches (other funds, or another number of shards).
    MergeBatches {
        first: String,
        second: String,
    },
    MergeShardTwice {
        shard: String,
        first: String,
        second: String,
    },
    /// A fund's row in a shard it does not belong to.
    MergeForeign {
        at: String,
        folder: String,
        shard: String,
    },
    MergeFundTwice {
        folder: String,
        first: String,
        second: String,
    },
    /// Rows with no closing line after them: a shard cut short.
    MergeIncomplete(PathBuf),
    /// No closing line at all.
    MergeNothing,
    /// Funds of the batch with no row, of `funds`; the shards not given.
    MergeMissing {
        missing: Vec<String>,
        funds: usize,
        shards: Vec<String>,
    },
    /// The process evaluating a fund could not be started, or ended without its row, with the
    /// last of what it wrote to standard error.
    Worker(WorkerEnd, String),
}

/// How the process evaluating a fund failed to give its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerEnd {
    /// It could not be started: the system's message.
    NotStarted(String),
    /// It ended with this exit code and no row.
    Exited(Option<i32>),
    /// It was ended by this signal.
    Signal(i32),
    /// What it wrote is not a row: the parser's message.
    NoRow(String),
}

impl From<crate::error::Error> for Error {
    fn from(e: crate::error::Error) -> Self {
        Error::Input(Box::new(e))
    }
}

/// No file of a kind in a fund folder, and the files named like one with another extension.
fn no_file(what: FundFile, misnamed: &[String], extensions: &[String], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let (w, like) = (what.what(lang), what.like(lang));
    let manifest = super::manifest::MANIFEST;
    if zh {
        let mut why = format!("没有{w}文件：应有名如 {like} 的文件，或在 {manifest} 中指定");
        if !misnamed.is_empty() {
            why.push_str(&format!(
                "（{} 的名称像是，但扩展名不是 {}）",
                misnamed.join("、"),
                extensions.join("、")
            ));
        }
        why
    } else {
        let mut why =
            format!("no {w} file: expected a file named like {like}, or a {manifest} naming it");
        if !misnamed.is_empty() {
            why.push_str(&format!(
                " ({} named like one, but not {})",
                misnamed.join(", "),
                extensions.join(", ")
            ));
        }
        why
    }
}

impl Error {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let expected = lang.pick(
            "应为每个专项资金一个文件夹，内有其账页和目标表（docs/batch.md）",
            "expected one folder per fund, each holding its ledger and targets workbook (docs/batch.md)",
        );
        match self {
            Error::FolderNotFound { dir } => {
                let d = dir.display();
                lang.pick(
                    format!("{d}：找不到文件夹"),
                    format!("{d}: folder not found"),
                )
            }
            Error::NotAFolder { dir } => {
                let d = dir.display();
                lang.pick(
                    format!("{d}：不是文件夹；应为每个专项资金各有一个子文件夹的文件夹"),
                    format!("{d}: not a folder; expected a folder holding one folder per fund"),
                )
            }
            Error::ReadFolder { dir, source } => {
                let d = dir.display();
                lang.pick(
                    format!("{d}：无法读取文件夹：{source}"),
                    format!("{d}: cannot read the folder: {source}"),
                )
            }
            Error::EmptyFolder { dir } => {
                let d = dir.display();
                lang.pick(
                    format!("{d}：文件夹是空的；{expected}"),
                    format!("{d}: the folder is empty; {expected}"),
                )
            }
            Error::NoFundFolders { dir, ignored } => {
                let d = dir.display();
                if zh {
                    format!(
                        "{d}：其中没有专项资金文件夹，只有 {}；{expected}；评价单个专项资金的文件请用 jixiao evaluate LEDGER TARGETS",
                        ignored.join("、")
                    )
                } else {
                    format!(
                        "{d}: no fund folders in it, only {}; {expected}; for one fund's files, jixiao evaluate LEDGER TARGETS",
                        ignored.join(", ")
                    )
                }
            }
            Error::OutputInFund { output, fund } => {
                let o = output.display();
                lang.pick(
                    format!("{o}：位于专项资金 {fund} 的文件夹中；汇总表请写到各专项资金文件夹之外"),
                    format!("{o}: is in the folder of the fund {fund}; write the summary outside the funds' folders"),
                )
            }
            Error::ReadManifest { path, source } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：无法读取文件：{source}"),
                    format!("{p}: cannot read the file: {source}"),
                )
            }
            Error::Manifest { path, at, message } => {
                let p = path.display();
                let at = at
                    .map(|(line, column)| {
                        lang.pick(
                            format!("第{line}行第{column}列："),
                            format!("line {line}, column {column}: "),
                        )
                    })
                    .unwrap_or_default();
                lang.pick(format!("{p}：{at}{message}"), format!("{p}: {at}{message}"))
            }
            Error::NoFile {
                what,
                misnamed,
                extensions,
            } => no_file(*what, misnamed, extensions, lang),
            Error::SeveralFiles { what, files } => {
                let (w, advice) = (what.what(lang), what.advice(lang));
                lang.pick(
                    format!("有多个文件可能是{w}（{}）：{advice}", files.join("、")),
                    format!(
                        "several files could be the {w} ({}): {advice}",
                        files.join(", ")
                    ),
                )
            }
            Error::NoFiles(a, b) => format!(
                "{}{}{}",
                a.message(lang),
                lang.pick("；", "; "),
                b.message(lang)
            ),
            Error::Input(e) => e.message(lang),
            Error::Threads(e) => lang.pick(
                format!("无法启动工作线程：{e}"),
                format!("cannot start the worker threads: {e}"),
            ),
            Error::ReportOverInput(path) => lang.pick(
                format!("{}：是该专项资金的输入文件，报告不覆盖输入", path.display()),
                format!(
                    "{}: is one of the fund's inputs; a report never overwrites an input",
                    path.display()
                ),
            ),
            Error::Report(path, why) => lang.pick(
                format!("{}：评价报告无法写出：{why}", path.display()),
                format!("{}: the report cannot be written: {why}", path.display()),
            ),
            Error::TimedOut(seconds) => lang.pick(
                format!("评价未在 {seconds} 秒内完成，已放弃；确需更长时间时设环境变量 JIXIAO_FUND_SECONDS"),
                format!("not evaluated within {seconds} s, and given up; set JIXIAO_FUND_SECONDS to allow longer"),
            ),
            Error::BadShard(text) => lang.pick(
                format!("--shard {text}：应为 K/N，1 ≤ K ≤ N（如 --shard 2/8，8 份中的第 2 份）"),
                format!("--shard {text}: expected K/N with 1 ≤ K ≤ N (--shard 2/8: the second of eight shares)"),
            ),
            Error::Merge { at, why } => lang.pick(
                format!("{at}：不是 jixiao batch --shard 输出的一行：{why}"),
                format!("{at}: not a line jixiao batch --shard writes: {why}"),
            ),
            Error::MergeBatches { first, second } => lang.pick(
                format!("{first} 与 {second} 属于不同的批次（专项资金或分片数不同），不能合并"),
                format!("{first} and {second} are shards of different batches (other funds, or another number of shards); they cannot be merged"),
            ),
            Error::MergeShardTwice { shard, first, second } => lang.pick(
                format!("分片 {shard} 出现了两次：{first} 与 {second}"),
                format!("the shard {shard} is given twice: {first} and {second}"),
            ),
            Error::MergeForeign { at, folder, shard } => lang.pick(
                format!("{at}：专项资金 {folder} 不属于分片 {shard}"),
                format!("{at}: the fund {folder} is not in the shard {shard}"),
            ),
            Error::MergeFundTwice { folder, first, second } => lang.pick(
                format!("专项资金 {folder} 出现了两次：{first} 与 {second}"),
                format!("the fund {folder} has two rows: {first} and {second}"),
            ),
            Error::MergeIncomplete(file) => lang.pick(
                format!("{}：末尾没有分片的结束行，输出不完整（作业被中断？）；请重新运行该分片", file.display()),
                format!("{}: its last rows have no shard's closing line after them, so the shard's output is incomplete (a job cut short?); run that shard again", file.display()),
            ),
            Error::MergeNothing => lang.pick(
                "给出的文件中没有分片的结束行：它们不是 jixiao batch --shard 的输出".to_string(),
                "no shard's closing line in the files given: they are not what jixiao batch --shard writes".to_string(),
            ),
            Error::MergeMissing { missing, funds, shards } => {
                let names = crate::glossary::list(lang, &missing.iter().take(20).cloned().collect::<Vec<_>>());
                let more = missing.len().saturating_sub(20);
                let more = if more > 0 { lang.pick(format!("等（另有 {more} 个）"), format!(" and {more} more")) } else { String::new() };
                let shards = if shards.is_empty() { String::new() } else {
                    let list = crate::glossary::list(lang, shards);
                    lang.pick(format!("；未给出分片 {list}"), format!("; the shards not given: {list}"))
                };
                lang.pick(
                    format!("批次共 {funds} 个专项资金，其中 {} 个没有结果：{names}{more}{shards}", missing.len()),
                    format!("{} of the batch's {funds} funds have no row: {names}{more}{shards}", missing.len()),
                )
            }
            Error::OutOfMemory(mb) => lang.pick(
                format!("评价所需内存超过 {mb} MB 的上限，已停止；确需更多内存时设环境变量 JIXIAO_FUND_MB"),
                format!("its evaluation needed more memory than the limit of {mb} MB, and was stopped; set JIXIAO_FUND_MB to allow more"),
            ),
            Error::Worker(end, said) => {
                let end = match end {
                    WorkerEnd::NotStarted(why) => {
                        lang.pick(format!("无法启动：{why}"), format!("could not be started: {why}"))
                    }
                    WorkerEnd::Exited(Some(code)) => lang.pick(
                        format!("以退出码 {code} 结束，未给出结果"),
                        format!("ended with exit code {code} and no result"),
                    ),
                    WorkerEnd::Exited(None) => lang.pick(
                        "结束，未给出结果".to_string(),
                        "ended with no result".to_string(),
                    ),
                    // The kernel's out-of-memory killer sends 9.
                    WorkerEnd::Signal(9) => lang.pick(
                        "被信号 9 终止（多为系统内存耗尽，或被人为终止）".to_string(),
                        "was ended by signal 9 (the system out of memory, or killed)".to_string(),
                    ),
                    WorkerEnd::Signal(signal) => lang.pick(
                        format!("被信号 {signal} 终止"),
                        format!("was ended by signal {signal}"),
                    ),
                    WorkerEnd::NoRow(why) => lang.pick(
                        format!("给出的结果无法读取：{why}"),
                        format!("gave a result that cannot be read: {why}"),
                    ),
                };
                let said = said.trim();
                let said = if said.is_empty() {
                    String::new()
                } else {
                    format!("{}{said}", lang.pick("：", ": "))
                };
                lang.pick(
                    format!("评价该专项资金的进程{end}{said}"),
                    format!("the process evaluating the fund {end}{said}"),
                )
            }
            Error::Panic(p) => lang.pick(
                format!("内部错误（jixiao 的缺陷；请连同该专项资金的文件一并报告）：{p}"),
                format!(
                    "internal error (a bug in jixiao; please report it with the fund's files): {p}"
                ),
            ),
        }
    }
}
