//! Input errors, each naming the file, and where it can the sheet and the cell, with what was
//! found there and what was expected. Anything that stops an evaluation is one of these; the
//! binary prints it whole, in the user's language ([`Error::message`]), and exits 2.
//!
//! Each error is a fact with its values; the words are made from them only when the error is
//! said, in Chinese or English. `Display` says it in English, for the library's callers and
//! logs; the command line says it in the user's language.

mod cell;
mod file;
mod rules;
mod unevaluable;

use std::path::PathBuf;

pub use cell::{Expected, Found};
pub use file::{Overlong, SheetProblem, Unreadable};
pub use rules::{BadNumbers, Caret, RulesProblem, Subject};
pub use unevaluable::{Unevaluable, Unreached};

use rust_decimal::Decimal;

use crate::glossary::list;
use crate::lang::Lang;
use crate::location::CellRef;

/// A sheet the targets workbook must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WantedSheet {
    /// 绩效目标申报表 (or 自评表).
    Declaration,
    /// 预算明细.
    Budget,
    /// The ledger: a sheet named like one (明细账, 序时账 …).
    Ledger,
    /// The ledger sheet the rules file names.
    NamedLedger,
    /// The bank statement: any sheet with its header.
    Bank,
    /// A survey download: any sheet with its header.
    Survey,
}

/// The header a sheet should have had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderOf {
    Ledger,
    Bank,
    Declaration,
    Budget,
    /// A budget sheet whose header lacks its line or its plan.
    BudgetLineAndPlan,
    Findings,
    /// The 评分 sheet.
    Scores,
    /// The 计数 sheet.
    Counts,
    /// A 问卷星 or 腾讯问卷 download.
    Survey,
    /// The columns the rules file names.
    Stated(Vec<String>),
}

/// What a table given for the ledger is instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotALedger {
    /// 科目余额表 / 辅助核算余额表: 期初 / 本期发生 / 期末 per account.
    BalanceTable,
    /// 库存流水账 / 出入库明细: goods in and out, not money.
    InventoryJournal,
    /// 凭证导入模板: the table a voucher is imported from, no dates, columns of flags.
    VoucherTemplate,
}

impl NotALedger {
    /// What the table is: `科目余额表` / `a balance table (科目余额表)`.
    pub fn say(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NotALedger::BalanceTable, Lang::Zh) => "科目余额表",
            (NotALedger::BalanceTable, Lang::En) => "a balance table (科目余额表)",
            (NotALedger::InventoryJournal, Lang::Zh) => "库存流水账",
            (NotALedger::InventoryJournal, Lang::En) => "an inventory journal (库存流水账)",
            (NotALedger::VoucherTemplate, Lang::Zh) => "凭证导入模板",
            (NotALedger::VoucherTemplate, Lang::En) => "a voucher import template (凭证导入模板)",
        }
    }
}

/// A row that names some of a header's columns, but was not taken for the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub row: u32,
    /// The labels it names, as the sheet writes them.
    pub labels: Vec<String>,
    pub lacks: Lack,
}

/// Why a candidate row is not the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lack {
    /// Fewer known columns than a header has.
    Columns { needed: usize },
    /// A ledger's money: 借方 and 贷方, or an amount with its 方向.
    Amounts,
    /// A ledger's dates or voucher numbers (a balance table has neither).
    DatesOrVouchers,
    /// Both of those.
    AmountsAndDates,
    /// A bank statement's date column.
    Dates,
    /// Fewer known columns than the row tried first (0-based).
    FewerThan { row: u32 },
}

impl Candidate {
    fn say(&self, lang: Lang) -> String {
        let labels = list(lang, &self.labels);
        let lacks = match (self.lacks, lang) {
            (Lack::Columns { needed }, Lang::Zh) => format!("认出的列不足{needed}个"),
            (Lack::Columns { needed }, Lang::En) => format!("fewer than {needed} known columns"),
            (Lack::Amounts, Lang::Zh) => "缺借方与贷方两栏，或金额与方向".into(),
            (Lack::Amounts, Lang::En) => "no 借方 and 贷方, nor an amount with its 方向".into(),
            (Lack::DatesOrVouchers, Lang::Zh) => "缺日期或凭证号".into(),
            (Lack::DatesOrVouchers, Lang::En) => "no dates nor voucher numbers".into(),
            (Lack::AmountsAndDates, Lang::Zh) => {
                "缺借方与贷方（或金额与方向），也缺日期或凭证号".into()
            }
            (Lack::Dates, Lang::Zh) => "缺交易日期".into(),
            (Lack::Dates, Lang::En) => "no date column".into(),
            (Lack::FewerThan { row }, Lang::Zh) => format!("认出的列少于第{}行", row + 1),
            (Lack::FewerThan { row }, Lang::En) => {
                format!("fewer known columns than row {}", row + 1)
            }
            (Lack::AmountsAndDates, Lang::En) => {
                "no 借方 and 贷方 (nor an amount with its 方向), and no dates nor voucher numbers"
                    .into()
            }
        };
        lang.pick(
            format!("第{}行（认出 {labels}；{lacks}）", self.row + 1),
            format!("row {} ({labels}; {lacks})", self.row + 1),
        )
    }
}

/// Where a rules file's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesSource {
    File(String),
    Preset(String),
}

/// `Display` says it in English, for the library's callers and logs.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum Error {
    NotFound {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotSpreadsheet {
        path: PathBuf,
        why: Box<Unreadable>,
    },
    /// An input that is not a regular file: a pipe or a device would block or never end.
    NotAFile {
        path: PathBuf,
        kind: crate::file::Special,
    },
    /// A small text input (a rules file) beyond its cap.
    FileTooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
        variable: &'static str,
    },
    Sheet {
        file: String,
        sheet: String,
        why: Box<SheetProblem>,
    },
    MissingSheet {
        file: String,
        what: WantedSheet,
        /// Words one of which the sheet's name contains; none for any sheet.
        wanted: Vec<String>,
        found: Vec<String>,
    },
    NoHeader {
        file: String,
        sheet: String,
        scanned: u32,
        expected: HeaderOf,
        /// The rows closest to a header, and why none was taken.
        candidates: Vec<Candidate>,
    },
    /// A cell that does not hold what it should. The halves are boxed: an error travels in
    /// every `Result` of the readers, and is rare.
    Cell {
        at: CellRef,
        found: Box<Found>,
        expected: Box<Expected>,
    },
    /// A table that is plainly not a ledger given for one: what it is, the labels that show it.
    NotALedger {
        file: String,
        sheet: String,
        kind: NotALedger,
        labels: Vec<String>,
    },
    /// A ledger sheet that repeats another posting for posting.
    RepeatedLedger {
        sheet: String,
        first: String,
        postings: usize,
    },
    NoSuchPreset {
        name: String,
        presets: Vec<&'static str>,
    },
    /// A rules file that is not as it should be, at its place when known.
    Rules {
        origin: RulesSource,
        at: Option<Box<Caret>>,
        problem: Box<RulesProblem>,
    },
    /// Indicators whose measure no input provides, under `missing = "error"`.
    Unmeasured {
        system: String,
        /// Each indicator (一级/二级/三级) and the measure it reads.
        missing: Vec<(String, String)>,
        /// How many indicators the system has.
        indicators: usize,
        provided: Vec<String>,
    },
    /// Inputs that were read, from which no grade can be stood behind.
    Unevaluable(Box<Unevaluable>),
    /// Indicators left out until too few points are scored for a grade to mean anything.
    TooFewApplicable {
        system: String,
        applicable: Decimal,
        points: Decimal,
        min: Decimal,
        /// The indicators left out (一级/二级/三级), with the measure each lacks.
        missing: Vec<(String, String)>,
    },
    /// An evaluator's finding naming no indicator of the system, by name or code.
    UnknownIndicator {
        at: CellRef,
        /// Named by a 评分 row rather than a 评价发现.
        scored: bool,
        named: String,
        system: String,
        /// The system's 三级 indicators, `A101 名称` where they have a code.
        indicators: Vec<String>,
    },
    /// A 评分 row for an indicator a measure scores.
    ScoredFromData {
        at: CellRef,
        indicator: String,
        measure: String,
    },
    /// Two 评分 rows for one indicator.
    ScoredAgain {
        score: CellRef,
        first: CellRef,
        indicator: String,
    },
    /// A 评分 row whose name is that of several indicators.
    AmbiguousIndicator {
        at: CellRef,
        named: String,
    },
    /// An indicator with both a 评分 and a 评价发现.
    ScoredTwice {
        score: CellRef,
        finding: CellRef,
        indicator: String,
    },
    /// A file the template would overwrite.
    Exists {
        path: PathBuf,
    },
    /// A workbook the template cannot write: the writer's message.
    CannotWrite {
        path: PathBuf,
        detail: String,
    },
}

impl HeaderOf {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (HeaderOf::Ledger, Lang::Zh) => "日期、凭证字号、摘要、科目编码、科目名称、项目、往来单位、借方、贷方中的至少三项（借方和贷方都有，或有金额和方向）".into(),
            (HeaderOf::Ledger, Lang::En) => "at least three of 日期, 凭证字号, 摘要, 科目编码, 科目名称, 项目, 往来单位, 借方, 贷方 (and both 借方 and 贷方, or 金额 and 方向)".into(),
            (HeaderOf::Bank, Lang::Zh) => "交易日期、借方发生额（支出）和贷方发生额（收入）或交易金额与借/贷，以及对方户名".into(),
            (HeaderOf::Bank, Lang::En) => "交易日期, 借方发生额 (out) and 贷方发生额 (in), or 交易金额 with 借/贷, and 对方户名".into(),
            (HeaderOf::Declaration, _) => both(lang, &["一级指标", "二级指标", "三级指标"], "指标值"),
            (HeaderOf::Budget, _) => both(lang, &["预算子项", "所属部分", "预算数"], "匹配条件"),
            (HeaderOf::BudgetLineAndPlan, _) => both(lang, &["预算子项"], "预算数"),
            (HeaderOf::Findings, _) => both(lang, &["指标", "扣分"], "扣分原因"),
            (HeaderOf::Scores, _) => both(lang, &["指标", "得分"], "理由"),
            (HeaderOf::Counts, _) => both(lang, &["名称"], "数值"),
            (HeaderOf::Survey, Lang::Zh) => "问卷星或腾讯问卷导出的表头：序号、提交答卷时间等答卷信息列，和带题号的题目列（“1、您的身份是”“Q2.您对……是否满意”）".into(),
            (HeaderOf::Survey, Lang::En) => "the header of a 问卷星 or 腾讯问卷 download: the answer sheet's columns (序号, 提交答卷时间 …) and numbered questions (`1、您的身份是`, `Q2.您对……是否满意`)".into(),
            (HeaderOf::Stated(columns), Lang::Zh) => {
                let quoted: Vec<String> = columns.iter().map(|c| format!("“{c}”")).collect();
                format!("规则文件所列的各列：{}", list(lang, &quoted))
            }
            (HeaderOf::Stated(columns), Lang::En) => {
                let quoted: Vec<String> = columns.iter().map(|c| format!("“{c}”")).collect();
                format!("the columns the rules file names: {}", quoted.join(", "))
            }
        }
    }
}

/// `甲、乙和丙` / `甲, 乙 and 丙`.
fn both(lang: Lang, first: &[&str], last: &str) -> String {
    match lang {
        Lang::Zh => format!("{}和{last}", first.join("、")),
        Lang::En => format!("{} and {last}", first.join(", ")),
    }
}

impl WantedSheet {
    fn say(self, lang: Lang) -> &'static str {
        match self {
            WantedSheet::Declaration => lang.pick("绩效目标申报表", "the 绩效目标申报表"),
            WantedSheet::Budget => lang.pick("预算明细", "the budget lines"),
            WantedSheet::Ledger => lang.pick("账页", "the ledger"),
            WantedSheet::NamedLedger => {
                lang.pick("规则文件指定的账页", "the ledger named in the rules file")
            }
            WantedSheet::Bank => lang.pick("银行对账单", "the bank statement"),
            WantedSheet::Survey => lang.pick("问卷", "the survey"),
        }
    }
}

impl RulesSource {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (RulesSource::File(p), Lang::Zh) => format!("规则文件 {p}"),
            (RulesSource::File(p), Lang::En) => format!("rules file {p}"),
            (RulesSource::Preset(p), Lang::Zh) => format!("预设 {p}"),
            (RulesSource::Preset(p), Lang::En) => format!("preset {p}"),
        }
    }
}

impl Error {
    /// The message in `lang`: where, what was found, what was expected.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::NotFound { path } => {
                let p = path.display();
                lang.pick(format!("{p}：找不到文件"), format!("{p}: file not found"))
            }
            Error::Io { path, source } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：无法读取文件：{source}"),
                    format!("{p}: cannot read the file: {source}"),
                )
            }
            Error::NotAFile { path, kind } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：{}，不是普通文件，不读取；请给出文件本身", special(*kind, lang)),
                    format!("{p}: {}, not a regular file, so it is not read; give the file itself", special(*kind, lang)),
                )
            }
            Error::FileTooLarge {
                path,
                size,
                limit,
                variable,
            } => {
                let p = path.display();
                let mb = |bytes: u64| format!("{:.1}", bytes as f64 / f64::from(1 << 20));
                let (mb, limit_mb) = (mb(*size), mb(*limit));
                lang.pick(
                    format!("{p}：文件至少 {mb} MB，超过上限 {limit_mb} MB，不读取；确需读取时设环境变量 {variable}（单位 MB）"),
                    format!("{p}: the file is at least {mb} MB, above the limit of {limit_mb} MB, so it is not read; set {variable} (in MB) to raise the limit"),
                )
            }
            Error::NotSpreadsheet { path, why } => {
                let (p, why) = (path.display(), why.say(lang));
                lang.pick(
                    format!("{p}：不是能读取的表格文件（{why}）；应为 .xlsx、.xlsm、.xls 或 .ods 工作簿"),
                    format!("{p}: not a spreadsheet jixiao can read ({why}); expected an .xlsx, .xlsm, .xls or .ods workbook"),
                )
            }
            Error::Sheet { file, sheet, why } => {
                let why = why.say(lang);
                lang.pick(
                    format!("{file}!{sheet}：无法读取该工作表：{why}"),
                    format!("{file}!{sheet}: cannot read the sheet: {why}"),
                )
            }
            Error::MissingSheet {
                file,
                what,
                wanted,
                found,
            } => missing_sheet(file, *what, wanted, found, lang),
            Error::NoHeader {
                file,
                sheet,
                scanned,
                expected,
                candidates,
            } => {
                let mut said = no_header(file, sheet, *scanned, expected, lang);
                if !candidates.is_empty() {
                    let rows: Vec<String> = candidates.iter().map(|c| c.say(lang)).collect();
                    said.push_str(&lang.pick(
                        format!("。最接近表头的行：{}", rows.join("；")),
                        format!(". The rows closest to a header: {}", rows.join("; ")),
                    ));
                }
                said
            }
            Error::Cell {
                at,
                found,
                expected,
            } => {
                let (found, expected) = (found.say(lang), expected.say(lang));
                lang.pick(
                    format!("{at}：此处为{found}，应为{expected}"),
                    format!("{at}: found {found}, expected {expected}"),
                )
            }
            Error::RepeatedLedger {
                sheet,
                first,
                postings,
            } => repeated_ledger(sheet, first, *postings, lang),
            Error::NotALedger {
                file,
                sheet,
                kind,
                labels,
            } => match kind {
                NotALedger::BalanceTable => lang.pick(
                    format!(
                        "{file}!{sheet}：这是科目余额表（或辅助核算余额表），不是明细账：它按科目列出期初、本期发生和期末金额（{}），没有逐笔分录的日期、凭证和摘要，无法核对每一笔支出；请从会计软件导出明细账、序时账或凭证明细",
                        list(lang, labels)
                    ),
                    format!(
                        "{file}!{sheet}: this is a balance table (科目余额表 / 辅助核算余额表), not a ledger: it gives each account's opening, period and closing amounts ({}), not the postings with their dates, vouchers and 摘要, so no payment can be checked; export the 明细账, 序时账 or 凭证明细 from the accounting software",
                        labels.join(", ")
                    ),
                ),
                NotALedger::InventoryJournal => lang.pick(
                    format!(
                        "{file}!{sheet}：这是库存流水账（出入库明细），不是会计明细账：它记的是货物的入库、出库和结存（{}），不是资金的借方和贷方；请从会计软件导出明细账、序时账或凭证明细",
                        list(lang, labels)
                    ),
                    format!(
                        "{file}!{sheet}: this is an inventory journal (库存流水账 / 出入库明细), not a ledger: it records goods coming in, going out and in stock ({}), not money on 借方 and 贷方; export the 明细账, 序时账 or 凭证明细 from the accounting software",
                        labels.join(", ")
                    ),
                ),
                NotALedger::VoucherTemplate => lang.pick(
                    format!(
                        "{file}!{sheet}：这是凭证导入模板，不是明细账：它是向会计软件导入凭证用的表，没有记账日期，多列是导入选项（{}）；请从会计软件导出已记账的明细账、序时账或凭证明细",
                        list(lang, labels)
                    ),
                    format!(
                        "{file}!{sheet}: this is a voucher import template (凭证导入模板), not a ledger: a table vouchers are imported into the accounting software from, without posting dates, its columns import options ({}); export the posted 明细账, 序时账 or 凭证明细 from the accounting software",
                        labels.join(", ")
                    ),
                ),
            },
            Error::NoSuchPreset { name, presets } => lang.pick(
                format!(
                    "预设 {name}：没有这个预设；可用的预设有 {}",
                    presets.join("、")
                ),
                format!(
                    "preset {name}: no such preset; the presets are {}",
                    presets.join(", ")
                ),
            ),
            Error::Rules {
                origin,
                at,
                problem,
            } => rules::say(&origin.say(lang), at.as_deref(), problem, lang),
            Error::Unmeasured {
                system,
                missing,
                indicators,
                provided,
            } => unmeasured(system, missing, *indicators, provided, lang),
            Error::Unevaluable(why) => why.say(lang),
            Error::ScoredFromData {
                at,
                indicator,
                measure,
            } => lang.pick(
                format!("{at}：评分表给指标“{indicator}”打了分，而它由数据计分（度量 {measure}），评分会与计算结果冲突；评分表只用于没有度量的评价组评分指标，对该指标的扣分请写入评价发现"),
                format!("{at}: the 评分 sheet scores “{indicator}”, which the data score (measure {measure}), so the two would clash; the 评分 sheet is for the indicators the evaluators judge, which have no measure; a deduction on this one belongs in the 评价发现"),
            ),
            Error::ScoredAgain {
                score,
                first,
                indicator,
            } => lang.pick(
                format!("{score}：评分表中指标“{indicator}”已在 {first} 有得分，两行得分无法判断以哪行为准；请只保留一行"),
                format!("{score}: the 评分 sheet already scores “{indicator}” at {first}; which of the two is meant cannot be told; keep one row"),
            ),
            Error::AmbiguousIndicator { at, named } => lang.pick(
                format!("{at}：评分表所指的“{named}”是指标体系中不止一个指标的名称，得分不知给谁；请改用指标编码"),
                format!("{at}: the 评分 sheet names “{named}”, the name of more than one indicator of the system, so whose score it is cannot be told; use the indicator's code"),
            ),
            Error::ScoredTwice {
                score,
                finding,
                indicator,
            } => lang.pick(
                format!("{score}：指标“{indicator}”既有评分表的得分，又有评价发现的扣分（{finding}），同一处问题会被扣两次；请只保留其一"),
                format!("{score}: “{indicator}” has both a score in the 评分 sheet and a deduction in the 评价发现 ({finding}), which would take the same points twice; keep one of them"),
            ),
            Error::UnknownIndicator {
                at,
                scored: false,
                named,
                system,
                indicators,
            } => lang.pick(
                format!(
                    "{at}：评价发现所指的指标“{named}”不在指标体系 {system} 中，这条扣分无处可扣；应为其中一个三级指标的名称或编码：{}",
                    list(lang, indicators)
                ),
                format!(
                    "{at}: the evaluators' finding names “{named}”, which is no indicator of the system {system}, so its deduction has nowhere to go; expected the name or code of one of its indicators: {}",
                    indicators.join(", ")
                ),
            ),
            Error::UnknownIndicator {
                at,
                scored: true,
                named,
                system,
                indicators,
            } => lang.pick(
                format!(
                    "{at}：评分表所指的指标“{named}”不在指标体系 {system} 中，这个得分无处可用；应为其中一个三级指标的名称或编码：{}",
                    list(lang, indicators)
                ),
                format!(
                    "{at}: the 评分 sheet names “{named}”, which is no indicator of the system {system}, so its score has nowhere to go; expected the name or code of one of its indicators: {}",
                    indicators.join(", ")
                ),
            ),
            Error::TooFewApplicable {
                system,
                applicable,
                points,
                min,
                missing,
            } => too_few_applicable(system, *applicable, *points, *min, missing, lang),
            Error::Exists { path } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：文件已存在；模板不会覆盖已有文件"),
                    format!("{p}: already exists; the template does not overwrite files"),
                )
            }
            Error::CannotWrite { path, detail } => {
                let p = path.display();
                lang.pick(
                    format!("{p}：无法写入：{detail}"),
                    format!("{p}: cannot write: {detail}"),
                )
            }
        }
    }

    /// Why a small text input ([`crate::file::read_text`]) could not be read.
    pub fn reading(
        path: &std::path::Path,
        e: crate::file::ReadError,
        variable: &'static str,
    ) -> Self {
        use crate::file::ReadError;
        match e {
            ReadError::Io(source) => Error::io(path, source),
            ReadError::Special(kind) => Error::NotAFile {
                path: path.to_path_buf(),
                kind,
            },
            ReadError::TooLarge { size, limit } => Error::FileTooLarge {
                path: path.to_path_buf(),
                size,
                limit,
                variable,
            },
        }
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

    pub fn cell(at: CellRef, found: Found, expected: Expected) -> Self {
        Error::Cell {
            at,
            found: Box::new(found),
            expected: Box::new(expected),
        }
    }

    /// A file that is not a spreadsheet the tool can read, and why.
    pub fn not_spreadsheet(path: &std::path::Path, why: Unreadable) -> Self {
        Error::NotSpreadsheet {
            path: path.to_path_buf(),
            why: Box::new(why),
        }
    }

    /// A problem of a rules file, at its place when known.
    pub fn rules(origin: RulesSource, at: Option<Caret>, problem: RulesProblem) -> Self {
        Error::Rules {
            origin,
            at: at.map(Box::new),
            problem: Box::new(problem),
        }
    }

    /// A sheet that cannot be read, and why.
    pub fn sheet(file: &str, sheet: &str, why: SheetProblem) -> Self {
        Error::Sheet {
            file: file.to_string(),
            sheet: sheet.to_string(),
            why: Box::new(why),
        }
    }
}

/// No sheet of the kind the workbook must have.
fn missing_sheet(
    file: &str,
    what: WantedSheet,
    wanted: &[String],
    found: &[String],
    lang: Lang,
) -> String {
    let zh = lang == Lang::Zh;
    {
        let quoted: Vec<String> = wanted.iter().map(|w| format!("“{w}”")).collect();
        let found: Vec<String> = found.iter().map(|s| format!("“{s}”")).collect();
        if zh {
            let found = if found.is_empty() {
                "没有工作表".to_string()
            } else {
                found.join("、")
            };
            let wanted = if quoted.is_empty() {
                String::new()
            } else {
                format!("（名称包含{}的工作表）", quoted.join("或"))
            };
            format!("{file}：没有{}{wanted}；该工作簿有 {found}", what.say(lang))
        } else {
            let found = if found.is_empty() {
                "no sheets".to_string()
            } else {
                found.join(", ")
            };
            let wanted = if quoted.is_empty() {
                String::new()
            } else {
                format!(" (a sheet whose name contains {})", quoted.join(" or "))
            };
            format!(
                "{file}: no sheet for {}{wanted}; the workbook has {found}",
                what.say(lang)
            )
        }
    }
}

/// No header row in the rows searched.
fn no_header(file: &str, sheet: &str, scanned: u32, expected: &HeaderOf, lang: Lang) -> String {
    {
        let expected = expected.say(lang);
        match (lang, scanned) {
            (Lang::Zh, 0) => format!("{file}!{sheet}：工作表是空的；应有表头：{expected}"),
            (Lang::Zh, n) => {
                format!("{file}!{sheet}：前{n}行中没有表头；应有表头：{expected}")
            }
            (Lang::En, 0) => {
                format!("{file}!{sheet}: the sheet is empty; expected a row with {expected}")
            }
            (Lang::En, n) => format!(
                "{file}!{sheet}: no header row in the first {n} rows; expected a row with {expected}"
            ),
        }
    }
}

/// A ledger sheet that repeats another posting for posting.
fn repeated_ledger(sheet: &str, first: &str, postings: usize, lang: Lang) -> String {
    {
        let same = first == sheet;
        match lang {
            Lang::Zh => format!(
                "{sheet}：与 {first}{} 的分录逐笔相同（{postings}笔）；两者都计入会把每笔支付算两次。每个文件只给一次，或在规则文件的 [ledger] sheet 中指定要读的工作表",
                if same {
                    "（同一工作表给了两次）"
                } else {
                    ""
                }
            ),
            Lang::En => format!(
                "{sheet}: repeats {first}{} posting for posting ({postings} postings); counting both would count every payment twice. Give each file once, or name the sheet to read in the rules file's [ledger] sheet",
                if same {
                    " (the same sheet given twice)"
                } else {
                    ""
                }
            ),
        }
    }
}

/// Indicators whose measure no input provides.
/// The name of the built-in default system (`config::DEFAULT_PRESET`, which a test holds equal).
pub const DEFAULT_SYSTEM: &str = "changde-2019";

fn unmeasured(
    system: &str,
    missing: &[(String, String)],
    indicators: usize,
    provided: &[String],
    lang: Lang,
) -> String {
    // The built-in default is one fund's system: inputs that lack most of what it reads are not
    // that fund's, and the list helps less than where to start one's own. Lacking a few (a
    // survey), the list says what to add.
    if system == DEFAULT_SYSTEM && missing.len() * 2 > indicators {
        let some: Vec<String> = missing.iter().take(3).map(|(i, _)| i.clone()).collect();
        return match lang {
            Lang::Zh => format!(
                "默认指标体系 {system} 是内置的常德2019年专项资金示例，不适合这些输入（{}个指标读取的度量没有输入提供，如 {}）；为你的项目开始一个指标体系：jixiao rules --preset key-eval > rules.toml，改好后放在目标表旁，或用 --rules 指定",
                missing.len(),
                list(lang, &some)
            ),
            Lang::En => format!(
                "the default indicator system {system} is the built-in example of the Changde 2019 fund and does not fit these inputs ({} indicator(s) read measures no input provides, such as {}); start a system for your fund with jixiao rules --preset key-eval > rules.toml, and put it beside the targets workbook or name it with --rules",
                missing.len(),
                some.join(", ")
            ),
        };
    }
    // Lacking a few, the default system may still be the user's: the list, and where to start
    // otherwise.
    let hint = match (system == DEFAULT_SYSTEM, lang) {
        (false, _) => "",
        (true, Lang::Zh) => {
            "；若这些输入不是常德示例的，用 jixiao rules --preset key-eval > rules.toml 开始一个适合的指标体系"
        }
        (true, Lang::En) => {
            "; if these inputs are not the Changde example's, start a system that fits them with jixiao rules --preset key-eval > rules.toml"
        }
    };
    match lang {
        Lang::Zh => format!(
            "指标体系 {system}：没有输入能提供{}个指标所需的度量：{}；输入提供的度量有：{}{hint}",
            missing.len(),
            missing
                .iter()
                .map(|(i, m)| format!("{i} 读取“{m}”"))
                .collect::<Vec<_>>()
                .join("；"),
            provided.join(", ")
        ),
        Lang::En => format!(
            "the indicator system {system}: no input provides what {} indicator(s) read: {}; the inputs provide: {}{hint}",
            missing.len(),
            missing
                .iter()
                .map(|(i, m)| format!("{i} reads “{m}”"))
                .collect::<Vec<_>>()
                .join("; "),
            provided.join(", ")
        ),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The indicators named when too few apply; the rest are counted.
const NAMED: usize = 8;

fn too_few_applicable(
    system: &str,
    applicable: Decimal,
    points: Decimal,
    min: Decimal,
    missing: &[(String, String)],
    lang: Lang,
) -> String {
    let share = crate::money::ratio(applicable, points)
        .map(crate::money::fmt_percent)
        .unwrap_or_default();
    let min = crate::money::fmt_percent(min);
    let (applicable, points) = (applicable.normalize(), points.normalize());
    let mut named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|(path, measure)| match lang {
            Lang::Zh => format!("{path}（{measure}）"),
            Lang::En => format!("{path} ({measure})"),
        })
        .collect();
    if missing.len() > NAMED {
        named.push(match lang {
            Lang::Zh => format!("另有{}项", missing.len() - NAMED),
            Lang::En => format!("and {} more", missing.len() - NAMED),
        });
    }
    match lang {
        Lang::Zh => format!(
            "指标体系 {system}：有实际值可评分的指标只有{applicable}分（满分{points}分的{share}），低于{min}，不给出总分和等级——按适用指标折算的分数代表不了整个项目。缺少实际值的指标：{}。请提供这些指标的实际值（自评表的实际完成值列、问卷，或规则文件 [targets.actuals]），或在规则文件中调低 min_applicable",
            list(lang, &named)
        ),
        Lang::En => format!(
            "the indicator system {system}: only {applicable} of {points} points ({share}) have an actual value to score, below {min}, so no total or grade is given — a score rescaled from so few indicators does not stand for the fund. Indicators without an actual value: {}. Give their actual values (the 自评表's 实际完成值, the survey, or [targets.actuals] in the rules file), or lower min_applicable in the rules file",
            named.join("; ")
        ),
    }
}

/// What a path that is not a file is, in words.
pub fn special(kind: crate::file::Special, lang: Lang) -> &'static str {
    use crate::file::Special::*;
    match kind {
        Directory => lang.pick("这是一个文件夹", "it is a directory"),
        Pipe => lang.pick("这是一个命名管道", "it is a named pipe"),
        CharDevice => lang.pick(
            "这是一个字符设备（如 /dev/zero）",
            "it is a character device (such as /dev/zero)",
        ),
        BlockDevice => lang.pick("这是一个块设备", "it is a block device"),
        Socket => lang.pick("这是一个套接字", "it is a socket"),
        Other => lang.pick("这不是文件", "it is not a file"),
    }
}
