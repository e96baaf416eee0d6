//! The accounting ledger (明细账 / 序时账 / 凭证列表) as the accounting software exports it.
//!
//! The reader finds the header (one row or a two-row band), maps the columns it knows by their
//! usual labels in 用友, 金蝶 and 政务 exports, and turns every row below the header into either
//! a [`LedgerRow`] (a posting with its amounts as exact decimals) or a [`Skipped`] row with the
//! reason: the 期初余额 / 本月合计 / 本年累计 lines that exports interleave with the postings,
//! repeated headers, blank rows. Nothing is dropped without a reason; `rows_read` always equals
//! postings plus skipped rows.
//!
//! The layouts differ in ways that are each handled once, whatever the vendor: debit and
//! credit columns or one amount with its 方向; a date column or split 年 / 月 / 日 columns
//! (the year then comes from a banner, the title or the file name); 凭证字 and 凭证号 apart;
//! auxiliary items (辅助核算) in a combined `【项目：X】【客商：Y】` cell or a column each; account
//! names given as full paths (`5010102\职工活动支出\慰问`); voucher lists that print the date and
//! number on a voucher's first line only.
//!
//! Which postings are fund arrivals and which are spending is not decided here: that depends
//! on the chart of accounts, which is the rules' business (see `reconcile`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::DataRef;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

pub mod shape;

pub use shape::{Ignored, Shape, WhyIgnored, YearSource};

use super::header::{Header, SCAN_ROWS, find_header};
use super::text::{TextId, Texts};
use super::workbook::{Row, RowSink, Sheet, Workbook, decimal, describe_ref};
use crate::date::Date;
use crate::error::{Error, Expected, Found, HeaderOf, Result, WantedSheet};
use crate::label::normalize;
use crate::location::{CellRef, Place, column_name};

/// What a ledger column holds. The snake-case names are the keys of a rules file's
/// `[ledger.columns]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Date,
    /// The parts of a split date.
    Year,
    Month,
    Day,
    /// 凭证字号 (`记-0015`), or the number alone when [`Column::VoucherWord`] is apart.
    Voucher,
    /// 凭证字: `记`, `银付`.
    VoucherWord,
    /// 摘要: the posting's description.
    Summary,
    AccountCode,
    AccountName,
    /// 对方科目: recognised so that it is not taken for the account.
    CounterAccount,
    /// 项目: the project auxiliary item (辅助核算).
    Project,
    /// 往来单位 / 收款人 / 客商: who was paid or who paid.
    Payee,
    Customer,
    Supplier,
    Employee,
    /// 辅助项: all auxiliary items in one cell, `【项目：X】【客商：Y】`.
    Auxiliary,
    Debit,
    Credit,
    /// One amount whose side is in [`Column::Direction`] (序时账).
    Amount,
    /// 方向: the posting's side next to a single amount, the balance's side next to 余额.
    Direction,
    Balance,
}

/// Labels each column goes by in 用友 U8 / NC / 政务, 金蝶 K3 / KIS / 精斗云 exports.
const VOCABULARY: &[(Column, &[&str])] = &[
    (
        Column::Date,
        &[
            "日期",
            "制单日期",
            "记账日期",
            "业务日期",
            "凭证日期",
            "交易日期",
        ],
    ),
    (Column::Year, &["年", "年度", "会计年度", "日期年"]),
    (Column::Month, &["月", "月份", "日期月"]),
    (Column::Day, &["日", "日期日"]),
    (
        Column::Voucher,
        &["凭证字号", "凭证号", "凭证号数", "凭证编号", "凭证"],
    ),
    (Column::VoucherWord, &["凭证字", "凭证类别", "凭证类型"]),
    (Column::Summary, &["摘要"]),
    (
        Column::AccountCode,
        &["科目编码", "科目代码", "会计科目编码", "科目号"],
    ),
    (
        Column::AccountName,
        &["科目名称", "会计科目", "科目", "科目全名"],
    ),
    (Column::CounterAccount, &["对方科目", "对方科目名称"]),
    (
        Column::Project,
        &[
            "项目",
            "项目名称",
            "预算项目",
            "项目辅助核算",
            "核算项目",
            "项目-名称",
            "项目档案",
        ],
    ),
    (
        Column::Payee,
        &[
            "往来单位",
            "收款人",
            "收款单位",
            "客商",
            "对方单位",
            "对方户名",
            "客商-名称",
            "收款人名称",
            "往来单位名称",
        ],
    ),
    (Column::Customer, &["客户", "客户名称"]),
    (Column::Supplier, &["供应商", "供应商名称"]),
    (
        Column::Employee,
        &["职员", "人员", "人员档案-名称", "职员名称"],
    ),
    (
        Column::Auxiliary,
        &["辅助项", "辅助核算", "辅助核算项", "核算维度"],
    ),
    (
        Column::Debit,
        &["借方", "借方金额", "借方发生额", "借方本币"],
    ),
    (
        Column::Credit,
        &["贷方", "贷方金额", "贷方发生额", "贷方本币"],
    ),
    (Column::Amount, &["金额", "发生额", "本币金额"]),
    (
        Column::Direction,
        &["方向", "借贷方向", "借或贷", "余额方向", "借贷"],
    ),
    (Column::Balance, &["余额"]),
];

/// A label holding one of these names another thing than its alias suggests (`借方数量` is a
/// quantity, `对方科目` the counter-account): such labels match only exactly.
const EXCLUDED: &[&str] = &["数量", "单价", "原币", "外币", "汇率", "对方", "经办"];

/// More characters than any skip label has (`承前页`, `本年累计`, `期末余额`).
const SKIP_LABEL_CHARS: usize = 8;

/// Why a row below the header is not a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipKind {
    OpeningBalance,
    CarriedForward,
    MonthTotal,
    PeriodTotal,
    YearTotal,
    ClosingBalance,
    Total,
    PageTotal,
    CarriedToNextPage,
    BroughtForwardFromPage,
    RepeatedHeader,
    /// A posting row with nothing on either side.
    NoAmount,
    Blank,
}

impl SkipKind {
    /// The words as they appear in the 摘要 column; the JSON uses them as keys.
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::OpeningBalance => "期初余额",
            SkipKind::CarriedForward => "上年结转",
            SkipKind::MonthTotal => "本月合计",
            SkipKind::PeriodTotal => "本期合计",
            SkipKind::YearTotal => "本年累计",
            SkipKind::ClosingBalance => "期末余额",
            SkipKind::Total => "合计",
            SkipKind::PageTotal => "本页合计",
            SkipKind::CarriedToNextPage => "过次页",
            SkipKind::BroughtForwardFromPage => "承前页",
            SkipKind::RepeatedHeader => "重复表头",
            SkipKind::NoAmount => "无发生额",
            SkipKind::Blank => "空行",
        }
    }

    /// The kind as the user reads it: the label in Chinese, its meaning in English.
    pub fn say(self, lang: crate::lang::Lang) -> &'static str {
        let en = match self {
            SkipKind::OpeningBalance => "opening balance",
            SkipKind::CarriedForward => "carried forward from last year",
            SkipKind::MonthTotal => "month's total",
            SkipKind::PeriodTotal => "period's total",
            SkipKind::YearTotal => "year to date",
            SkipKind::ClosingBalance => "closing balance",
            SkipKind::Total => "total",
            SkipKind::PageTotal => "page's total",
            SkipKind::CarriedToNextPage => "carried to the next page",
            SkipKind::BroughtForwardFromPage => "brought forward from the last page",
            SkipKind::RepeatedHeader => "header repeated",
            SkipKind::NoAmount => "no amount",
            SkipKind::Blank => "blank",
        };
        lang.pick(self.label(), en)
    }

    fn from_text(text: &str) -> Option<SkipKind> {
        // The labels are four characters or so; a posting's summary is longer, and is not
        // normalised for nothing. Spaces (`本　月　合　计`) do not count.
        if text
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(SKIP_LABEL_CHARS)
            .is_some()
        {
            return None;
        }
        let s = normalize(text);
        let kind = match s.as_str() {
            "期初余额" | "年初余额" => SkipKind::OpeningBalance,
            "上年结转" | "上年结余" => SkipKind::CarriedForward,
            "本月合计" | "本月发生" => SkipKind::MonthTotal,
            "本期合计" | "本期发生" => SkipKind::PeriodTotal,
            "本年累计" | "累计" => SkipKind::YearTotal,
            "期末余额" => SkipKind::ClosingBalance,
            "合计" | "总计" => SkipKind::Total,
            "本页合计" => SkipKind::PageTotal,
            "过次页" => SkipKind::CarriedToNextPage,
            "承前页" => SkipKind::BroughtForwardFromPage,
            _ => return None,
        };
        Some(kind)
    }
}

impl fmt::Display for SkipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One posting (分录) of the ledger. Its texts are numbers in the ledger's [`Texts`]: read them
/// with `ledger.texts[row.payee]`.
#[derive(Debug, Clone)]
pub struct LedgerRow {
    /// The row; its column is the first column.
    pub at: CellRef,
    pub date: Option<Date>,
    /// 凭证字号: the voucher's word and number, `记-12`.
    pub voucher: TextId,
    /// 摘要, what the bookkeeper wrote about the posting ([`LedgerRow::summary`]); when it holds
    /// the payee's name, the part before the name. A million postings to four hundred thousand
    /// people (`发放困难补助-张伟`) then share a few hundred texts around the names.
    summary: TextId,
    /// The part of the 摘要 after the payee's name, when the name is in it.
    summary_after_payee: Option<TextId>,
    pub account_code: TextId,
    pub account_name: TextId,
    pub project: TextId,
    pub payee: TextId,
    /// The amounts in fen: they are read rounded to the fen and below 10^15 yuan, so they fit,
    /// in half the room of two decimals ([`LedgerRow::debit`], [`LedgerRow::credit`]).
    debit_fen: i64,
    credit_fen: i64,
    /// The columns of the amounts and the payee, so evidence can point at them; [`NO_COLUMN`]
    /// when there is none.
    debit_col: u16,
    credit_col: u16,
    payee_col: u16,
}

/// A column a posting does not have.
const NO_COLUMN: u16 = u16::MAX;

impl LedgerRow {
    /// 摘要: what the bookkeeper wrote about the posting.
    pub fn summary<'t>(&self, t: &'t Texts) -> Cow<'t, str> {
        match self.summary_after_payee {
            None => Cow::Borrowed(&t[self.summary]),
            Some(after) => Cow::Owned([&t[self.summary], &t[self.payee], &t[after]].concat()),
        }
    }

    /// 借方: the debit.
    pub fn debit(&self) -> Decimal {
        Decimal::new(self.debit_fen, 2)
    }

    /// 贷方: the credit.
    pub fn credit(&self) -> Decimal {
        Decimal::new(self.credit_fen, 2)
    }

    /// The cell holding the amount on the side that is not zero (debit first).
    pub fn amount_at(&self) -> CellRef {
        let col = if self.debit_fen != 0 {
            self.debit_col
        } else {
            self.credit_col
        };
        let col = [col, self.debit_col]
            .into_iter()
            .find(|c| *c != NO_COLUMN)
            .map_or(0, u32::from);
        self.at.at_col(col)
    }

    /// The cell of the payee, or of the row when it has none.
    pub fn payee_at(&self) -> CellRef {
        let col = Some(self.payee_col).filter(|c| *c != NO_COLUMN);
        self.at.at_col(col.map_or(0, u32::from))
    }
}

#[derive(Debug, Clone)]
pub struct Skipped {
    pub at: CellRef,
    pub kind: SkipKind,
}

/// How one sheet was read.
#[derive(Debug, Clone)]
pub struct LedgerSheet {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// 0-based first row of the header.
    pub header_row: u32,
    /// 1 or 2.
    pub header_rows: u32,
    pub columns: Vec<(Column, u32, String)>,
    /// The shape recognised, trait by trait ([`shape::describe`] says it in words).
    pub layout: Vec<Shape>,
    /// The period the title states (期间), if any.
    pub period: Option<(Date, Date)>,
    pub rows_read: usize,
    pub postings: usize,
}

impl LedgerSheet {
    /// The columns as `日期=A 凭证字号=B …`, for the user to check.
    pub fn mapping(&self) -> String {
        self.columns
            .iter()
            .map(|(_, c, label)| format!("{label}={}", column_name(*c)))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The ledger: every posting of every sheet read, in order.
#[derive(Debug, Default)]
pub struct Ledger {
    pub sheets: Vec<LedgerSheet>,
    pub rows: Vec<LedgerRow>,
    pub skipped: Vec<Skipped>,
    /// Sheets of the workbooks that hold no ledger, with the reason.
    pub ignored: Vec<Ignored>,
    /// The texts of the postings.
    pub texts: Texts,
}

impl Ledger {
    /// Every row below the headers.
    pub fn rows_read(&self) -> usize {
        self.rows.len() + self.skipped.len()
    }

    pub fn skipped_by_kind(&self) -> BTreeMap<SkipKind, usize> {
        let mut out = BTreeMap::new();
        for s in &self.skipped {
            *out.entry(s.kind).or_insert(0) += 1;
        }
        out
    }

    /// The dates the postings cover.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let mut dates = self.rows.iter().filter_map(|r| r.date);
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }
}

/// What the user states about the ledger's layout (a rules file's `[ledger]`), overriding what
/// the reader would find by itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LedgerLayout {
    /// Read only this sheet.
    pub sheet: Option<String>,
    /// 0-based first row of the header.
    pub header_row: Option<u32>,
    /// Columns by the names the user's file gives them.
    pub columns: Vec<(Column, String)>,
}

/// Sheets named like a ledger are read first.
const SHEET_NAMES: &[&str] = &["明细账", "序时账", "凭证", "日记账", "分类账"];

/// Reads every ledger sheet of every file, combined in the order given.
pub fn read(paths: &[PathBuf], layout: &LedgerLayout) -> Result<Ledger> {
    let mut ledger = Ledger::default();
    for path in paths {
        read_workbook(path, layout, &mut ledger)?;
    }
    ledger.texts.seal();
    repeated_sheet(&ledger)?;
    Ok(ledger)
}

/// A sheet that repeats another posting for posting — a 打印 copy beside the 明细账, or the same
/// export given twice — would count every payment twice.
fn repeated_sheet(ledger: &Ledger) -> Result<()> {
    // The rows are in sheet order, each sheet's `postings` of them.
    let mut rest = ledger.rows.as_slice();
    let mut sheets: Vec<(&LedgerSheet, &[LedgerRow])> = Vec::new();
    for sheet in &ledger.sheets {
        let (mine, after) = rest.split_at(sheet.postings.min(rest.len()));
        rest = after;
        sheets.push((sheet, mine));
    }
    let t = &ledger.texts;
    let same = |a: &LedgerRow, b: &LedgerRow| {
        (a.date, a.voucher, a.debit_fen, a.credit_fen)
            == (b.date, b.voucher, b.debit_fen, b.credit_fen)
            && a.summary(t) == b.summary(t)
    };
    for (i, (sheet, rows)) in sheets.iter().enumerate() {
        let repeated = sheets.iter().take(i).find(|(_, earlier)| {
            !rows.is_empty()
                && earlier.len() == rows.len()
                && earlier.iter().zip(rows.iter()).all(|(a, b)| same(a, b))
        });
        if let Some((first, _)) = repeated {
            let (name, first) = (
                format!("{}!{}", sheet.file, sheet.sheet),
                format!("{}!{}", first.file, first.sheet),
            );
            return Err(Error::RepeatedLedger {
                sheet: name,
                first,
                postings: rows.len(),
            });
        }
    }
    Ok(())
}

fn read_workbook(path: &Path, layout: &LedgerLayout, ledger: &mut Ledger) -> Result<()> {
    let mut wb = Workbook::open(path)?;
    let mut names = wb.sheet_names();
    if let Some(wanted) = &layout.sheet {
        if !names.contains(wanted) {
            return Err(Error::MissingSheet {
                file: wb.name().to_string(),
                what: WantedSheet::NamedLedger,
                wanted: vec![wanted.clone()],
                found: names,
            });
        }
        names.retain(|n| n == wanted);
    }
    // Sheets named like a ledger are the ledger; the workbook's other sheets (a 科目余额表, a
    // cover) are left alone, or their 借方 and 贷方 would count twice. Without such names,
    // every sheet with a postings header is read.
    let named: Vec<String> = names
        .iter()
        .filter(|n| SHEET_NAMES.iter().any(|p| normalize(n).contains(p)))
        .cloned()
        .collect();
    if !named.is_empty() && layout.sheet.is_none() {
        for other in names.iter().filter(|n| !named.contains(n)) {
            ledger.ignored.push(Ignored {
                file: Arc::clone(wb.name()),
                sheet: other.clone(),
                why: WhyIgnored::NotNamedLikeALedger,
            });
        }
        names = named;
    }
    let ordered = names.into_iter();
    let file_year = year_in(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let mut first_error = None;
    let mut found = false;
    for name in ordered {
        let mut sink = LedgerSink::new(file_year, layout, ledger);
        let read = wb.read_rows(&name, &mut sink);
        let LedgerSink {
            state,
            saw_content,
            no_header,
            ..
        } = sink;
        // A sheet blank to the end has no header either.
        let read = match (read, &state, no_header) {
            (Ok(()), None, Some(e)) => Err(e),
            (read, ..) => read,
        };
        match (read, state) {
            (Ok(()), Some(state)) => {
                found = true;
                let cells = state.blank_amounts.clone();
                state.finish(ledger);
                if wb.is_hidden(&name)
                    && let Some(sheet) = ledger.sheets.last_mut()
                {
                    sheet.layout.push(Shape::Hidden);
                }
                uncomputed_formulas(&mut wb, ledger, &cells)?;
            }
            // A sheet without a ledger header is another table of the workbook (a cover, a
            // summary); any other error is in a ledger and stops the evaluation.
            (Err(e @ Error::NoHeader { .. }), _) => {
                if saw_content {
                    ledger.ignored.push(Ignored {
                        file: Arc::clone(wb.name()),
                        sheet: name.clone(),
                        why: WhyIgnored::NoHeader,
                    });
                }
                first_error.get_or_insert(e);
            }
            (Err(e), _) => return Err(e),
            (Ok(()), None) => {}
        }
    }
    if found {
        return Ok(());
    }
    Err(first_error.unwrap_or_else(|| Error::MissingSheet {
        file: wb.name().to_string(),
        what: WantedSheet::Ledger,
        wanted: SHEET_NAMES.iter().map(|p| p.to_string()).collect(),
        found: Vec::new(),
    }))
}

/// A formula saved without its value (a file written by a program that does not compute
/// formulas, such as a script) reads as a blank cell: its row would be skipped as 无发生额 and
/// its money lost. Looked for only where a sheet has such rows, since it means parsing again.
fn uncomputed_formulas(wb: &mut Workbook, ledger: &Ledger, cells: &[(u32, u32)]) -> Result<()> {
    let Some(sheet) = ledger.sheets.last() else {
        return Ok(());
    };
    if cells.is_empty() {
        return Ok(());
    }
    let found = wb.formulas_at(&sheet.sheet, cells);
    let Some(((row, col), formula)) = found.first() else {
        return Ok(());
    };
    Err(Error::cell(
        CellRef::new(&sheet.file, &sheet.sheet, *row, *col),
        Found::Formula {
            formula: formula.clone(),
            count: found.len(),
        },
        Expected::SavedAmount,
    ))
}

/// Reads one sheet on its own (the year, if the dates need one, from the sheet alone).
pub fn read_sheet(sheet: &Sheet) -> Result<Ledger> {
    let mut ledger = Ledger::default();
    read_sheet_with_year(sheet, None, &LedgerLayout::default(), &mut ledger)?;
    Ok(ledger)
}

/// Columns headed alike that are not amounts (two 摘要, two 往来单位): the first is read, and
/// the layout says so, since the other's text is not. Amounts headed alike are an error instead
/// ([`duplicated_amount_column`]): their money would be lost.
fn repeated_labels(sheet: &Sheet, header: &Header<Column>) -> Vec<Shape> {
    if header.data_start != header.row + 1 {
        return Vec::new();
    }
    header
        .columns
        .iter()
        .filter(|(role, ..)| !matches!(role, Column::Debit | Column::Credit | Column::Amount))
        .filter_map(|(_, col, _)| {
            let label = normalize(&sheet.text(header.row, *col));
            let alike: Vec<u32> = (0..sheet.width())
                .filter(|c| !label.is_empty() && normalize(&sheet.text(header.row, *c)) == label)
                .collect();
            (alike.len() > 1).then_some(Shape::RepeatedLabel {
                label,
                columns: alike,
                read: *col,
            })
        })
        .collect()
}

/// Reads a sheet already held whole.
fn read_sheet_with_year(
    sheet: &Sheet,
    file_year: Option<u16>,
    layout: &LedgerLayout,
    ledger: &mut Ledger,
) -> Result<()> {
    let mut sink = LedgerSink::new(file_year, layout, ledger);
    sink.head(sheet)?;
    match (sink.state.take(), sink.no_header.take()) {
        (Some(state), _) => state.finish(ledger),
        (None, Some(e)) => return Err(e),
        (None, None) => {}
    }
    ledger.texts.seal();
    Ok(())
}

/// The ledger's id of a text of the row at `at`.
fn intern(ledger: &mut Ledger, text: &str, at: &CellRef) -> Result<TextId> {
    ledger
        .texts
        .intern(text)
        .ok_or_else(|| Error::cell(at.clone(), Found::TextsOver4GiB, Expected::TextsWithin4GiB))
}

/// A column as the 2 bytes a posting keeps: every header column fits, or the sheet was refused
/// ([`beyond_a_postings_reach`]).
fn narrow(col: Option<u32>) -> u16 {
    col.and_then(|c| u16::try_from(c).ok())
        .filter(|c| *c != NO_COLUMN)
        .unwrap_or(NO_COLUMN)
}

/// An amount read (rounded to the fen, below 10^15 yuan) in fen.
fn fen(amount: Decimal) -> Option<i64> {
    (amount * Decimal::ONE_HUNDRED).trunc().to_i64()
}

/// A four-digit year (1900–2099) in a text: a title, a file name.
fn year_in(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = bytes.get(i..i + 4)?;
        let digit_before = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let digit_after = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        if digit_before || digit_after || !window.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year: u16 = std::str::from_utf8(window).ok()?.parse().ok()?;
        (1900..2100).contains(&year).then_some(year)
    })
}

/// Year–month(–day) groups in a text, in order: `2019年01月至2020年05月`, `2023.01-2023.12`,
/// `2023-01-01至2023-12-31`, `2023年第1期至2023年第12期`.
fn year_months(text: &str) -> Vec<(u16, u8, Option<u8>)> {
    let numbers: Vec<(usize, u32)> = {
        let mut out = Vec::new();
        let mut current: Option<(usize, String)> = None;
        for (i, ch) in text.chars().enumerate() {
            if ch.is_ascii_digit() {
                current.get_or_insert((i, String::new())).1.push(ch);
            } else if let Some((start, digits)) = current.take() {
                out.push((start, digits.parse().unwrap_or(u32::MAX)));
            }
        }
        if let Some((start, digits)) = current {
            out.push((start, digits.parse().unwrap_or(u32::MAX)));
        }
        out
    };
    let mut groups = Vec::new();
    let mut i = 0;
    while let Some(&(_, year)) = numbers.get(i) {
        if (1900..2100).contains(&year)
            && let Some(&(_, month)) = numbers.get(i + 1).filter(|(_, m)| (1..=12).contains(m))
        {
            // A third number is the day, unless it is the next group's year.
            let day = numbers
                .get(i + 2)
                .map(|(_, d)| *d)
                .filter(|d| (1..=31).contains(d));
            groups.push((year as u16, month as u8, day.map(|d| d as u8)));
            i += if day.is_some() { 3 } else { 2 };
            continue;
        }
        i += 1;
    }
    groups
}

fn month_end(year: u16, month: u8) -> Option<Date> {
    (28..=31).rev().find_map(|d| Date::new(year, month, d))
}

/// The period a title states, and the cell it is in.
fn title_period(sheet: &Sheet, header_row: u32) -> Option<((Date, Date), CellRef)> {
    for r in 0..header_row {
        for c in 0..sheet.width() {
            let text = sheet.text(r, c);
            if !text.contains(['至', '-', '—', '~']) {
                continue;
            }
            if let [(y1, m1, d1), (y2, m2, d2), ..] = year_months(&text)[..] {
                let start = Date::new(y1, m1, d1.unwrap_or(1))?;
                let end = match d2 {
                    Some(d) => Date::new(y2, m2, d)?,
                    None => month_end(y2, m2)?,
                };
                if start <= end {
                    return Some(((start, end), sheet.at(r, c)));
                }
            }
        }
    }
    None
}

/// A posting keeps the columns of its amounts and payee in 2 bytes. A spreadsheet has 16,384
/// columns, but a CSV can be wider: a header column past 65,534 is refused rather than have its
/// evidence point at column A.
fn beyond_a_postings_reach(sheet: &Sheet, header: &Header<Column>) -> Result<()> {
    match header
        .columns
        .iter()
        .find(|(_, col, _)| u16::try_from(*col).map_or(true, |c| c == NO_COLUMN))
    {
        Some((_, col, label)) => Err(Error::cell(
            sheet.at(header.row, *col),
            Found::ColumnTooFar {
                label: label.clone(),
                column: crate::location::column_name(*col),
            },
            Expected::ColumnsInReach,
        )),
        None => Ok(()),
    }
}

/// Two columns headed alike where money is read: taking the leftmost would silently drop the
/// other's amounts, so the user must say which one counts. Only single-row headers: in a
/// two-row band the lower labels (金额 under both 借方 and 贷方) repeat by design.
fn duplicated_amount_column(sheet: &Sheet, header: &Header<Column>) -> Result<()> {
    if header.data_start != header.row + 1 {
        return Ok(());
    }
    for (role, col, _) in &header.columns {
        if !matches!(role, Column::Debit | Column::Credit | Column::Amount) {
            continue;
        }
        let label = normalize(&sheet.text(header.row, *col));
        if label.is_empty() {
            continue;
        }
        if let Some(other) =
            (0..sheet.width()).find(|c| c != col && normalize(&sheet.text(header.row, *c)) == label)
        {
            return Err(Error::cell(
                sheet.at(header.row, other.max(*col)),
                Found::SecondColumn {
                    label: label.clone(),
                    first: crate::location::column_name(other.min(*col)),
                    second: crate::location::column_name(other.max(*col)),
                },
                Expected::OneColumnPerAmount,
            ));
        }
    }
    Ok(())
}

/// Reads a ledger sheet into a [`Ledger`] as its rows arrive: the header and titles from the
/// head, then each posting or skipped row.
struct LedgerSink<'a> {
    file_year: Option<u16>,
    layout: &'a LedgerLayout,
    ledger: &'a mut Ledger,
    /// Set once the head held a ledger header.
    state: Option<SheetState>,
    /// Whether the sheet holds anything but blank cells: one without a header is then noted.
    saw_content: bool,
    /// The head had no header; kept until the rest of the sheet shows whether it is blank.
    no_header: Option<Error>,
}

impl<'a> LedgerSink<'a> {
    fn new(file_year: Option<u16>, layout: &'a LedgerLayout, ledger: &'a mut Ledger) -> Self {
        LedgerSink {
            file_year,
            layout,
            ledger,
            state: None,
            saw_content: false,
            no_header: None,
        }
    }
}

impl RowSink for LedgerSink<'_> {
    fn head_rows(&self) -> u32 {
        // The band of a two-row header found on the last scanned row needs the row below.
        (SCAN_ROWS + 2).max(self.layout.header_row.unwrap_or(0).saturating_add(3))
    }

    fn restart(&mut self) {
        if let Some(state) = self.state.take() {
            self.ledger.rows.truncate(state.start_rows);
            self.ledger.skipped.truncate(state.start_skipped);
        }
        self.saw_content = false;
        self.no_header = None;
    }

    fn head(&mut self, sheet: &Sheet) -> Result<()> {
        match SheetState::new(sheet, self.file_year, self.layout, self.ledger) {
            Ok(mut state) => {
                for r in state.header.data_start..sheet.height() {
                    let cells = sheet.row_cells(r);
                    state.row(&Row::new(r, &cells), self.ledger)?;
                }
                self.state = Some(state);
                Ok(())
            }
            Err(e @ Error::NoHeader { .. }) => {
                self.saw_content = (0..sheet.height()).any(|r| !sheet.is_blank_row(r));
                if self.saw_content {
                    return Err(e);
                }
                // Blank so far: the rest of the sheet says whether it is another table.
                self.no_header = Some(e);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn row(&mut self, row: &Row<'_, '_>) -> Result<()> {
        match &mut self.state {
            Some(state) => state.row(row, self.ledger),
            None if row.is_blank_row() => Ok(()),
            None => {
                self.saw_content = true;
                Err(self.no_header.take().unwrap_or_else(|| Error::NoHeader {
                    file: String::new(),
                    sheet: String::new(),
                    scanned: SCAN_ROWS,
                    expected: HeaderOf::Ledger,
                }))
            }
        }
    }
}

/// What the header and titles of a sheet say about reading its rows, and what has been read.
struct SheetState {
    file: Arc<str>,
    sheet: Arc<str>,
    place: Arc<Place>,
    header: Header<Column>,
    two_sides: bool,
    split_date: bool,
    period: Option<((Date, Date), CellRef)>,
    title_account: (String, String),
    year_source: YearSource,
    layout: Vec<Shape>,
    header_labels: Vec<(u32, String)>,
    start_rows: usize,
    start_skipped: usize,
    // Voucher lists print the date and number on a voucher's first line only.
    last_date: Option<Date>,
    last_voucher: TextId,
    last_month: Option<u32>,
    year_offset: u16,
    is_1904: bool,
    /// Amount cells left blank on rows skipped as 无发生额: a formula saved without its value
    /// reads so.
    blank_amounts: Vec<(u32, u32)>,
}

impl SheetState {
    fn new(
        sheet: &Sheet,
        file_year: Option<u16>,
        layout: &LedgerLayout,
        ledger: &Ledger,
    ) -> Result<SheetState> {
        let no_header = || Error::NoHeader {
            file: sheet.file.to_string(),
            sheet: sheet.name.to_string(),
            scanned: SCAN_ROWS.min(sheet.height()),
            expected: HeaderOf::Ledger,
        };
        let header: Header<Column> = if layout.header_row.is_none() && layout.columns.is_empty() {
            find_header(sheet, VOCABULARY, EXCLUDED, 3).ok_or_else(no_header)?
        } else {
            stated_header(sheet, layout)?
        };
        duplicated_amount_column(sheet, &header)?;
        beyond_a_postings_reach(sheet, &header)?;
        let two_sides = header.has(Column::Debit) && header.has(Column::Credit);
        let one_amount = header.has(Column::Amount) && header.has(Column::Direction);
        // A postings table has dates or voucher numbers; a 科目余额表 with 借方 and 贷方 has neither.
        let dated = header.has(Column::Date)
            || (header.has(Column::Month) && header.has(Column::Day))
            || header.has(Column::Voucher);
        if (!two_sides && !one_amount) || !dated {
            return Err(no_header());
        }
        let split_date =
            !header.has(Column::Date) && header.has(Column::Month) && header.has(Column::Day);
        let period = title_period(sheet, header.row);
        let title_account = (0..header.row)
            .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
            .find_map(|(r, c)| {
                let text = normalize(&sheet.text(r, c));
                let rest = text
                    .strip_prefix("科目:")
                    .or_else(|| text.strip_prefix("会计科目:"))?;
                Some(split_account("", rest))
            })
            .unwrap_or_default();
        let title_year = (0..header.row)
            .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
            .find_map(|(r, c)| year_in(&sheet.text(r, c)));
        let year_source = match (
            header.has(Column::Year),
            header.banner_year,
            period.as_ref(),
            title_year,
            file_year,
        ) {
            (true, ..) => YearSource::Column,
            (_, Some(y), ..) => YearSource::Banner(y),
            (_, _, Some(((start, _), _)), ..) => YearSource::Title(start.year),
            (_, _, _, Some(y), _) => YearSource::Title(y),
            (_, _, _, _, Some(y)) => YearSource::FileName(y),
            _ => YearSource::Missing,
        };

        let mut layout = vec![if two_sides {
            Shape::TwoSides
        } else {
            Shape::AmountAndSide
        }];
        if header.data_start > header.row + 1 {
            layout.push(Shape::TwoHeaderRows);
        }
        if split_date {
            layout.push(Shape::SplitDate(year_source));
        }
        layout.extend(repeated_labels(sheet, &header));
        if header.has(Column::VoucherWord) {
            layout.push(Shape::VoucherWordApart);
        }
        if header.has(Column::Auxiliary) {
            layout.push(Shape::AuxiliaryMerged);
        }
        if [Column::Customer, Column::Supplier, Column::Employee]
            .iter()
            .any(|c| header.has(*c))
        {
            layout.push(Shape::AuxiliaryApart);
        }

        let header_labels: Vec<(u32, String)> = header
            .columns
            .iter()
            .map(|(_, c, l)| (*c, normalize(l)))
            .collect();
        Ok(SheetState {
            file: Arc::clone(&sheet.file),
            sheet: Arc::clone(&sheet.name),
            place: Arc::clone(sheet.place()),
            header,
            two_sides,
            split_date,
            period,
            title_account,
            year_source,
            layout,
            header_labels,
            start_rows: ledger.rows.len(),
            start_skipped: ledger.skipped.len(),
            last_date: None,
            last_voucher: TextId::EMPTY,
            last_month: None,
            year_offset: 0,
            is_1904: sheet.is_1904,
            blank_amounts: Vec::new(),
        })
    }

    fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::in_place(&self.place, row, col)
    }

    /// One row below the header: a posting, or a skipped row with its reason.
    fn row(&mut self, row: &Row<'_, '_>, ledger: &mut Ledger) -> Result<()> {
        let r = row.index;
        let col = |c: Column| self.header.col(c);
        let at = self.at(r, 0);
        let text = |c: Option<u32>| c.map(|c| row.str(c)).unwrap_or_default();
        if row.is_blank_row() {
            ledger.skipped.push(Skipped {
                at,
                kind: SkipKind::Blank,
            });
            return Ok(());
        }
        let summary = text(col(Column::Summary));
        let number = text(col(Column::Voucher));
        if let Some(kind) = SkipKind::from_text(&summary).or_else(|| SkipKind::from_text(&number)) {
            if kind == SkipKind::OpeningBalance {
                // A new account's section of a 明细账 starts its months again.
                self.last_month = None;
                self.year_offset = 0;
            }
            ledger.skipped.push(Skipped { at, kind });
            return Ok(());
        }
        let repeats_header = self
            .header_labels
            .iter()
            .filter(|(c, l)| normalizes_to(&row.str(*c), l))
            .count()
            >= 3;
        if repeats_header {
            ledger.skipped.push(Skipped {
                at,
                kind: SkipKind::RepeatedHeader,
            });
            return Ok(());
        }
        let (debit, credit) = if self.two_sides {
            (
                amount(self, row, col(Column::Debit))?,
                amount(self, row, col(Column::Credit))?,
            )
        } else {
            let value = amount(self, row, col(Column::Amount))?;
            match direction(self, row, col(Column::Direction))? {
                Side::Debit => (value, Decimal::ZERO),
                Side::Credit => (Decimal::ZERO, value),
            }
        };
        if debit == Decimal::ZERO && credit == Decimal::ZERO {
            // A formula whose saved value is 0 was computed; only a blank one may not have been.
            for (role, c, _) in &self.header.columns {
                if matches!(role, Column::Debit | Column::Credit | Column::Amount)
                    && row.is_blank(*c)
                {
                    self.blank_amounts.push((r, *c));
                }
            }
            ledger.skipped.push(Skipped {
                at,
                kind: SkipKind::NoAmount,
            });
            return Ok(());
        }

        let date = if let Some(c) = col(Column::Date) {
            date(self, row, c)?
        } else if self.split_date {
            let month = small_number(self, row, col(Column::Month), 12)?;
            let day = small_number(self, row, col(Column::Day), 31)?;
            match (month, day) {
                (Some(m), Some(d)) => {
                    // A split ledger running past December starts the next year.
                    // Only December into January is a new year; any other step back is a
                    // new section of the same year.
                    if self.last_month.is_some_and(|last| last >= 11 && m <= 2) {
                        self.year_offset = self.year_offset.saturating_add(1);
                    }
                    self.last_month = Some(m);
                    let year = match self.year_source {
                        YearSource::Column => {
                            small_number(self, row, col(Column::Year), 9999)?.map(|y| y as u16)
                        }
                        YearSource::Banner(y) | YearSource::Title(y) | YearSource::FileName(y) => {
                            Some(y.saturating_add(self.year_offset))
                        }
                        YearSource::Missing => {
                            return Err(Error::cell(
                                self.at(r, col(Column::Month).unwrap_or(0)),
                                Found::DateWithoutYear { month: m, day: d },
                                Expected::YearForSplitDate,
                            ));
                        }
                    };
                    let at = self.at(r, col(Column::Day).unwrap_or(0));
                    Some(
                        year.and_then(|y| Date::new(y, m as u8, d as u8))
                            .ok_or_else(|| {
                                Error::cell(
                                    at,
                                    Found::MonthDay { month: m, day: d },
                                    Expected::DayThatExists,
                                )
                            })?,
                    )
                }
                _ => None,
            }
        } else {
            None
        };
        if let (Some(d), Some(((start, end), stated))) = (date, &self.period)
            && (d < *start || d > *end)
        {
            let c = col(Column::Date).or(col(Column::Day)).unwrap_or(0);
            return Err(Error::cell(
                self.at(r, c),
                Found::Value(d.to_string()),
                Expected::DateInPeriod {
                    start: *start,
                    end: *end,
                    stated: stated.to_string(),
                },
            ));
        }

        let word = text(col(Column::VoucherWord));
        let voucher = if !word.is_empty() && !number.is_empty() && !number.contains(&*word) {
            intern(ledger, &format!("{word}-{number}"), &at)?
        } else {
            intern(ledger, &number, &at)?
        };
        let (date, voucher) = if date.is_none() && voucher.is_empty() {
            (self.last_date, self.last_voucher)
        } else {
            (date.or(self.last_date), voucher)
        };
        self.last_date = date;
        self.last_voucher = voucher;

        let auxiliary = auxiliary_items(&text(col(Column::Auxiliary)));
        let aux = |kinds: &[&str]| {
            auxiliary
                .iter()
                .find(|(k, _)| kinds.contains(&k.as_str()))
                .map(|(_, v)| v.clone())
        };
        let (code_text, name_text) = (
            text(col(Column::AccountCode)),
            text(col(Column::AccountName)),
        );
        let (account_code, account_name) =
            match (col(Column::AccountCode), col(Column::AccountName)) {
                // A single-account 明细账 names its account in the title only: `科目：50205 困难职工帮扶费`.
                (None, None) => (self.title_account.0.as_str(), self.title_account.1.as_str()),
                _ => split_account_ref(&code_text, &name_text),
            };
        let project_text = text(col(Column::Project));
        let project = if project_text.is_empty() {
            intern(
                ledger,
                &aux(&["项目", "预算项目", "项目档案"]).unwrap_or_default(),
                &at,
            )?
        } else {
            intern(ledger, &project_text, &at)?
        };
        let payee_cols = [
            Column::Payee,
            Column::Employee,
            Column::Supplier,
            Column::Customer,
        ];
        let payee_col = payee_cols
            .iter()
            .filter_map(|c| col(*c))
            .find(|c| !row.is_blank(*c));
        // Borrowed from the cell where it can be: this runs for every posting.
        let payee = payee_col
            .map(|c| row.str(c))
            .or_else(|| {
                aux(&[
                    "客商",
                    "往来单位",
                    "客户",
                    "供应商",
                    "职员",
                    "人员",
                    "人员档案",
                    "个人",
                ])
                .map(std::borrow::Cow::Owned)
            })
            .unwrap_or_default();
        let (summary, summary_after_payee) = match summary.split_once(&*payee) {
            Some((before, after)) if !payee.is_empty() => (
                intern(ledger, before, &at)?,
                Some(intern(ledger, after, &at)?),
            ),
            _ => (intern(ledger, &summary, &at)?, None),
        };
        let (debit_col, credit_col) = (
            col(Column::Debit).or(col(Column::Amount)),
            col(Column::Credit).or(col(Column::Amount)),
        );
        // Never fails for an amount the reader took; the cell is named only if it does.
        let in_fen = |amount: Decimal, c: Option<u32>| {
            fen(amount).ok_or_else(|| {
                Error::cell(
                    self.at(r, c.unwrap_or(0)),
                    Found::Value(amount.to_string()),
                    Expected::AmountInRange,
                )
            })
        };
        let row = LedgerRow {
            date,
            voucher,
            summary,
            summary_after_payee,
            account_code: intern(ledger, account_code, &at)?,
            account_name: intern(ledger, account_name, &at)?,
            project,
            payee: intern(ledger, &payee, &at)?,
            debit_fen: in_fen(debit, debit_col)?,
            credit_fen: in_fen(credit, credit_col)?,
            debit_col: narrow(debit_col),
            credit_col: narrow(credit_col),
            payee_col: narrow(payee_col.or(col(Column::Auxiliary))),
            // Last: the texts above name it in their errors.
            at,
        };
        ledger.rows.push(row);
        Ok(())
    }

    /// Records how the sheet was read.
    fn finish(self, ledger: &mut Ledger) {
        ledger.sheets.push(LedgerSheet {
            file: self.file,
            sheet: self.sheet,
            header_row: self.header.row,
            header_rows: self.header.data_start - self.header.row,
            columns: self.header.columns,
            layout: self.layout,
            period: self.period.map(|(p, _)| p),
            rows_read: ledger.rows.len() - self.start_rows + ledger.skipped.len()
                - self.start_skipped,
            postings: ledger.rows.len() - self.start_rows,
        });
    }
}

/// The header the rules file states: its row (or the first row within [`SCAN_ROWS`] holding
/// every column name given), its columns found by the names given and the rest by the usual
/// labels.
fn stated_header(sheet: &Sheet, layout: &LedgerLayout) -> Result<Header<Column>> {
    let names: Vec<String> = layout.columns.iter().map(|(_, n)| normalize(n)).collect();
    let labels_at = |row: u32| -> Vec<String> {
        (0..sheet.width())
            .map(|c| normalize(&sheet.text(row, c)))
            .collect()
    };
    let row = match layout.header_row {
        Some(r) => r,
        None => (0..SCAN_ROWS.min(sheet.height()))
            .find(|r| {
                let labels = labels_at(*r);
                names.iter().all(|n| labels.contains(n))
            })
            .ok_or_else(|| Error::NoHeader {
                file: sheet.file.to_string(),
                sheet: sheet.name.to_string(),
                scanned: SCAN_ROWS.min(sheet.height()),
                expected: HeaderOf::Stated(layout.columns.iter().map(|(_, n)| n.clone()).collect()),
            })?,
    };
    let mut header = super::header::header_at(sheet, row, VOCABULARY, EXCLUDED);
    let labels = labels_at(row);
    for (role, name) in &layout.columns {
        let Some(col) = labels.iter().position(|l| *l == normalize(name)) else {
            let found: Vec<String> = labels
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| format!("“{l}”"))
                .collect();
            let role = serde_json::to_string(role).unwrap_or_default();
            return Err(Error::cell(
                sheet.at(row, 0),
                Found::Header(found),
                Expected::NamedColumn {
                    name: name.clone(),
                    role: role.trim_matches('"').to_string(),
                },
            ));
        };
        let col = col as u32;
        header.columns.retain(|(r, c, _)| r != role && *c != col);
        header.columns.push((*role, col, sheet.text(row, col)));
    }
    header.columns.sort_by_key(|(_, c, _)| *c);
    Ok(header)
}

/// `【项目：X】【客商：Y】` (also with `[ ]` and `:`) as (kind, value) pairs.
pub fn auxiliary_items(text: &str) -> Vec<(String, String)> {
    text.split(['【', '[', '】', ']'])
        .filter_map(|part| {
            let (kind, value) = part.split_once(['：', ':'])?;
            let (kind, value) = (normalize(kind), value.trim());
            (!kind.is_empty() && !value.is_empty()).then(|| (kind, value.to_string()))
        })
        .collect()
}

/// The account's code and name, from separate columns or from one: `5010102\职工活动支出\慰问`,
/// `50205 困难职工帮扶费`, `管理费用/办公费` (no code).
pub fn split_account(code: &str, name: &str) -> (String, String) {
    let (code, name) = split_account_ref(code, name);
    (code.to_string(), name.to_string())
}

/// [`split_account`] without copying: both parts are slices of what was given.
fn split_account_ref<'a>(code: &'a str, name: &'a str) -> (&'a str, &'a str) {
    let code = code.trim();
    let name = name.trim();
    if !code.is_empty() {
        // A full path repeats the code first: keep the name's own parts.
        let name = name
            .strip_prefix(code)
            .map_or(name, |rest| rest.trim_start_matches(['\\', '/', ' ', '-']));
        return (code, name);
    }
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if digits >= 3 {
        let (code, rest) = name.split_at(digits);
        return (code, rest.trim_start_matches(['\\', '/', ' ', '-', '　']));
    }
    ("", name)
}

enum Side {
    Debit,
    Credit,
}

fn direction(state: &SheetState, row: &Row<'_, '_>, col: Option<u32>) -> Result<Side> {
    let Some(col) = col else {
        return Ok(Side::Debit);
    };
    let text = normalize(&row.text(col));
    match text.as_str() {
        "借" | "借方" | "D" | "Dr" | "d" | "收" => Ok(Side::Debit),
        "贷" | "贷方" | "C" | "Cr" | "c" | "付" => Ok(Side::Credit),
        _ => Err(Error::cell(
            state.at(row.index, col),
            Found::Text(text.to_string()),
            Expected::Side,
        )),
    }
}

/// A month, day or year cell: a whole number up to `max`; blank is `None`.
fn small_number(
    state: &SheetState,
    row: &Row<'_, '_>,
    col: Option<u32>,
    max: u32,
) -> Result<Option<u32>> {
    let Some(col) = col else { return Ok(None) };
    let bad = |found: Found| {
        Error::cell(
            state.at(row.index, col),
            found,
            Expected::WholeNumber { max },
        )
    };
    let n = match row.cell(col) {
        DataRef::Empty => return Ok(None),
        DataRef::Float(f) if f.fract() == 0.0 && *f >= 1.0 && *f <= f64::from(max) => *f as u32,
        DataRef::Int(i) => u32::try_from(*i).map_err(|_| bad(Found::Value(i.to_string())))?,
        other => match text_of(other) {
            Some(s) if s.trim().is_empty() => return Ok(None),
            Some(s) => s
                .trim()
                .trim_end_matches(['月', '日', '年'])
                .parse()
                .map_err(|_| bad(Found::Text(s.to_string())))?,
            None => return Err(bad(describe_ref(other))),
        },
    };
    if n == 0 || n > max {
        return Err(bad(Found::Value(n.to_string())));
    }
    Ok(Some(n))
}

/// An amount cell as an exact decimal rounded to the fen.
fn amount(state: &SheetState, row: &Row<'_, '_>, col: Option<u32>) -> Result<Decimal> {
    match col {
        Some(col) => decimal(
            row.cell(col),
            || state.at(row.index, col),
            2,
            "",
            Expected::Amount,
        ),
        None => Ok(Decimal::ZERO),
    }
}

fn date(state: &SheetState, row: &Row<'_, '_>, col: u32) -> Result<Option<Date>> {
    let bad = |found: Found| Error::cell(state.at(row.index, col), found, Expected::Date);
    let value = |v: String| bad(Found::Value(v));
    match row.cell(col) {
        DataRef::Empty => Ok(None),
        DataRef::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(y, m, d)
                .map(Some)
                .ok_or_else(|| value(format!("{y}-{m}-{d}")))
        }
        // 20190105 as a number is a date written without separators, not a serial: serials
        // stop at 2958465 (9999-12-31).
        DataRef::Float(f) if f.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(f) => {
            Date::parse(&f.to_string())
                .map(Some)
                .ok_or_else(|| value(f.to_string()))
        }
        DataRef::Float(f) => Date::from_serial(*f, state.is_1904)
            .map(Some)
            .ok_or_else(|| value(f.to_string())),
        DataRef::Int(i) => Date::from_serial(*i as f64, state.is_1904)
            .map(Some)
            .ok_or_else(|| value(i.to_string())),
        DataRef::DateTimeIso(s) if s.trim().is_empty() => Ok(None),
        DataRef::DateTimeIso(s) => Date::parse(s)
            .map(Some)
            .ok_or_else(|| bad(Found::Text(s.clone()))),
        other => match text_of(other) {
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => Date::parse(s)
                .map(Some)
                .ok_or_else(|| bad(Found::Text(s.to_string()))),
            None => Err(bad(describe_ref(other))),
        },
    }
}

/// Whether `raw` reads as the label `normalized` once normalised, without building its text:
/// every row is compared with the header's labels to find repeated headers.
fn normalizes_to(raw: &str, normalized: &str) -> bool {
    let mut chars = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(crate::label::normal_char);
    normalized.chars().all(|n| chars.next() == Some(n)) && chars.all(|c| c == ':')
}

/// The text of a text cell, whether the workbook shares it or holds it inline.
fn text_of<'b>(value: &'b DataRef<'_>) -> Option<&'b str> {
    match value {
        DataRef::String(s) => Some(s),
        DataRef::SharedString(s) => Some(s),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::text_cells;
    use calamine::Data;
    use rust_decimal_macros::dec;

    fn s(v: &str) -> Data {
        Data::String(v.to_string())
    }

    fn grid(cells: &[&[&str]]) -> Vec<Vec<Data>> {
        text_cells(cells)
    }

    /// Regression (review): a CSV header past column 65,534 gave evidence in column A.
    #[test]
    fn a_header_column_past_what_a_posting_keeps_is_refused() {
        let mut header: Vec<&str> = vec![""; 66_000];
        header.extend(["日期", "凭证字号", "摘要", "借方", "贷方"]);
        let mut posting: Vec<&str> = vec![""; 66_000];
        posting.extend(["2019-01-05", "记-1", "补助", "100", ""]);
        let e = read(grid(&[&header, &posting])).expect_err("refused");
        let text = e.to_string();
        assert!(text.contains("ledger.xlsx!明细账!"), "{text}");
        assert!(text.contains("within the first 65,534"), "{text}");
    }

    /// A million postings are held while the sheet is read, beside calamine's shared strings:
    /// each byte here is a megabyte of the peak (docs/performance.md).
    #[test]
    fn a_posting_stays_72_bytes() {
        assert!(std::mem::size_of::<LedgerRow>() <= 72);
    }

    /// Regression: a summary is held as the texts around its payee's name, and must read back
    /// whole — with the name once, twice, not at all, or no payee.
    #[test]
    fn a_summary_reads_back_whole_however_it_holds_the_payee() {
        let row =
            |day: &'static str, summary: &'static str, payee: &'static str| -> [&'static str; 7] {
                [day, "记-1", summary, "50205", payee, "100", ""]
            };
        let rows = grid(&[
            &[
                "日期",
                "凭证字号",
                "摘要",
                "科目编码",
                "往来单位",
                "借方",
                "贷方",
            ],
            &row("2019-01-05", "发放困难补助-张伟", "张伟"),
            &row("2019-01-06", "张伟代领张伟母亲补助", "张伟"),
            &row("2019-01-07", "慰问金", "李四"),
            &row("2019-01-08", "慰问金", ""),
            &row("2019-01-09", "王五", "王五"),
        ]);
        let ledger = read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows)).expect("reads");
        let t = &ledger.texts;
        let summaries: Vec<String> = ledger
            .rows
            .iter()
            .map(|r| r.summary(t).into_owned())
            .collect();
        assert_eq!(
            summaries,
            [
                "发放困难补助-张伟",
                "张伟代领张伟母亲补助",
                "慰问金",
                "慰问金",
                "王五"
            ]
        );
        // The first two share nothing but the name; the text around it is held once.
        assert!(ledger.rows[0].summary_after_payee.is_some());
        assert!(ledger.rows[2].summary_after_payee.is_none());
        assert_eq!(ledger.rows[2].summary, ledger.rows[3].summary);
    }

    fn sample() -> Vec<Vec<Data>> {
        vec![
            vec![s("项目辅助明细账")],
            vec![
                s("日期"),
                s("凭证字号"),
                s("摘要"),
                s("科目编码"),
                s("往来单位"),
                s("借方"),
                s("贷方"),
            ],
            vec![s("2019-01-01"), Data::Empty, s("期初余额")],
            vec![
                Data::Float(43475.0),
                s("记-0001"),
                s("慰问金-张三"),
                s("50206"),
                s("张三"),
                Data::Float(3000.0),
                Data::Empty,
            ],
            vec![
                Data::Empty,
                Data::Empty,
                s("慰问金-李四"),
                s("50206"),
                s("李四"),
                s("1,000.00"),
                Data::Empty,
            ],
            vec![],
            vec![
                s("2019-01-31"),
                Data::Empty,
                s("本月合计"),
                Data::Empty,
                Data::Empty,
                Data::Float(4000.0),
            ],
            vec![
                s("日期"),
                s("凭证字号"),
                s("摘要"),
                s("科目编码"),
                s("往来单位"),
                s("借方"),
                s("贷方"),
            ],
            vec![
                s("2019/2/1"),
                s("记-0001"),
                s("冲销"),
                s("50206"),
                s("李四"),
                s("(1,000.00)"),
                Data::Empty,
            ],
            vec![
                s("2019/2/1"),
                s("记-0002"),
                s("备注行"),
                s("50206"),
                Data::Empty,
                Data::Empty,
                s("-"),
            ],
        ]
    }

    fn read(rows: Vec<Vec<Data>>) -> Result<Ledger> {
        read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows))
    }

    #[test]
    fn reads_postings_and_accounts_for_every_other_row() {
        let ledger = read(sample()).expect("reads");
        assert_eq!(ledger.sheets[0].header_row, 1);
        assert_eq!(ledger.rows_read(), 8);
        assert_eq!(ledger.rows.len(), 3);
        let kinds: Vec<SkipKind> = ledger.skipped.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SkipKind::OpeningBalance,
                SkipKind::Blank,
                SkipKind::MonthTotal,
                SkipKind::RepeatedHeader,
                SkipKind::NoAmount
            ]
        );

        let first = &ledger.rows[0];
        assert_eq!(first.date, Date::new(2019, 1, 10));
        assert_eq!(first.debit(), dec!(3000));
        assert_eq!(first.amount_at().to_string(), "ledger.xlsx!明细账!F4");
        // The second line of the voucher has no date or number: they are filled down.
        let second = &ledger.rows[1];
        assert_eq!(
            (second.date, &ledger.texts[second.voucher]),
            (Date::new(2019, 1, 10), "记-0001")
        );
        assert_eq!(second.debit(), dec!(1000));
        assert_eq!(ledger.rows[2].debit(), dec!(-1000));
    }

    #[test]
    fn reads_one_amount_with_its_side() {
        // 用友 U8 序时账: one 金额 column, the side in 方向.
        let ledger = read(grid(&[
            &[
                "日期",
                "凭证号数",
                "科目编码",
                "科目名称",
                "摘要",
                "方向",
                "数量",
                "外币",
                "金额",
            ],
            &[
                "2023.01.05",
                "记-0003",
                "660101",
                "管理费用/办公费",
                "支付办公费",
                "借",
                "",
                "",
                "3200.00",
            ],
            &[
                "2023.01.05",
                "记-0003",
                "1002",
                "银行存款",
                "支付办公费",
                "贷",
                "",
                "",
                "3200.00",
            ],
            &["", "合计", "", "", "", "", "", "", "6400.00"],
        ]))
        .expect("reads");
        assert_eq!(ledger.rows.len(), 2);
        assert_eq!(
            (ledger.rows[0].debit(), ledger.rows[0].credit()),
            (dec!(3200), dec!(0))
        );
        assert_eq!(
            (ledger.rows[1].debit(), ledger.rows[1].credit()),
            (dec!(0), dec!(3200))
        );
        assert_eq!(ledger.rows[0].date, Date::new(2023, 1, 5));
        assert_eq!(ledger.skipped[0].kind, SkipKind::Total);
        assert!(
            shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
                .starts_with("金额＋方向"),
            "{}",
            shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
        );
    }

    #[test]
    fn reads_split_month_and_day_under_a_year_banner() {
        // 用友 U8 明细账 (金额式): 月 / 日 under `2023年`; 方向 is the balance's side.
        let ledger = read(grid(&[
            &["银行存款明细账"],
            &[
                "科目：1002 银行存款",
                "",
                "",
                "",
                "",
                "月份：2023.01-2023.12",
            ],
            &[
                "2023年",
                "",
                "凭证号",
                "摘要",
                "借方",
                "贷方",
                "方向",
                "余额",
            ],
            &["月", "日", "", "", "", "", "", ""],
            &["01", "01", "", "上年结转", "", "", "借", "125,000.00"],
            &[
                "01",
                "05",
                "记-0003",
                "支付办公费",
                "",
                "3,200.00",
                "借",
                "121,800.00",
            ],
            &[
                "01",
                "31",
                "",
                "本月合计",
                "",
                "3,200.00",
                "借",
                "121,800.00",
            ],
        ]))
        .expect("reads");
        assert_eq!(ledger.rows.len(), 1);
        assert_eq!(ledger.rows[0].date, Date::new(2023, 1, 5));
        assert_eq!(ledger.rows[0].credit(), dec!(3200));
        assert_eq!(
            ledger.sheets[0].period,
            Date::new(2023, 1, 1).zip(Date::new(2023, 12, 31))
        );
        assert!(
            shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
                .contains("年份取自表头“2023年”"),
            "{}",
            shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
        );
    }

    #[test]
    fn reads_split_voucher_word_and_auxiliary_columns() {
        // 金蝶精斗云: 凭证字 and 凭证号 apart; 客户 / 供应商 / 职员 / 项目 columns.
        let ledger = read(grid(&[
            &[
                "日期",
                "凭证字",
                "凭证号",
                "摘要",
                "科目代码",
                "科目名称",
                "借方金额",
                "贷方金额",
                "客户",
                "供应商",
                "职员",
                "项目",
            ],
            &[
                "2019-01-10",
                "记",
                "12",
                "慰问物资",
                "50206",
                "送温暖费",
                "351,000.00",
                "",
                "",
                "惠民商贸",
                "",
                "两节送温暖",
            ],
            &[
                "2019-01-15",
                "记",
                "13",
                "慰问金",
                "50206",
                "送温暖费",
                "3,000.00",
                "",
                "",
                "",
                "张三",
                "两节送温暖",
            ],
        ]))
        .expect("reads");
        let r: Vec<(&str, &str, &str)> = ledger
            .rows
            .iter()
            .map(|r| {
                let t = &ledger.texts;
                (&t[r.voucher], &t[r.payee], &t[r.project])
            })
            .collect();
        assert_eq!(
            r,
            [
                ("记-12", "惠民商贸", "两节送温暖"),
                ("记-13", "张三", "两节送温暖")
            ]
        );
    }

    #[test]
    fn reads_a_combined_auxiliary_cell_and_account_paths() {
        // 用友 NC 凭证明细: the year is not in the data.
        let mut ledger = Ledger::default();
        let sheet = Sheet::from_rows(
            "凭证明细-2019年.csv",
            "凭证明细-2019年",
            grid(&[
                &[
                    "月",
                    "日",
                    "核算账簿名称",
                    "凭证号",
                    "分录号",
                    "摘要",
                    "科目编码",
                    "科目名称",
                    "辅助项",
                    "币种",
                    "借方-本币",
                    "贷方-本币",
                ],
                &[
                    "1",
                    "2",
                    "市总工会",
                    "银付-0001",
                    "1",
                    "慰问金",
                    "",
                    "50206\\送温暖费",
                    "【项目：两节送温暖】【客商：张三】",
                    "人民币",
                    "1,000.50",
                    "",
                ],
            ]),
        );
        read_sheet_with_year(&sheet, Some(2019), &LedgerLayout::default(), &mut ledger)
            .expect("reads");
        let row = &ledger.rows[0];
        assert_eq!(row.date, Date::new(2019, 1, 2));
        assert_eq!(
            (
                &ledger.texts[row.account_code],
                &ledger.texts[row.account_name]
            ),
            ("50206", "送温暖费")
        );
        assert_eq!(
            (&ledger.texts[row.project], &ledger.texts[row.payee]),
            ("两节送温暖", "张三")
        );
        assert_eq!(row.debit(), dec!(1000.50));
        assert!(
            shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
                .contains("年份2019取自文件名"),
            "{}",
            shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
        );
    }

    #[test]
    fn split_dates_roll_into_the_next_year() {
        let ledger = read(grid(&[
            &["期间：2019年12月至2020年01月"],
            &["月", "日", "凭证号", "摘要", "借方", "贷方"],
            &["12", "20", "记-0001", "补助", "100", ""],
            &["1", "8", "记-0001", "补助", "100", ""],
        ]))
        .expect("reads");
        let dates: Vec<Option<Date>> = ledger.rows.iter().map(|r| r.date).collect();
        assert_eq!(dates, [Date::new(2019, 12, 20), Date::new(2020, 1, 8)]);
    }

    #[test]
    fn a_new_account_section_starts_its_months_again_in_the_same_year() {
        // A multi-account 明细账: each account restarts in January after its 期初余额.
        let ledger = read(grid(&[
            &["2019年", "", "凭证号", "摘要", "借方", "贷方"],
            &["月", "日", "", "", "", ""],
            &["01", "01", "", "期初余额", "", ""],
            &["03", "05", "记-0001", "补助", "100", ""],
            &["01", "01", "", "期初余额", "", ""],
            &["02", "08", "记-0002", "补助", "100", ""],
            &["01", "09", "记-0003", "补助", "100", ""],
        ]))
        .expect("reads");
        let dates: Vec<Option<Date>> = ledger.rows.iter().map(|r| r.date).collect();
        assert_eq!(
            dates,
            [
                Date::new(2019, 3, 5),
                Date::new(2019, 2, 8),
                Date::new(2019, 1, 9)
            ]
        );
    }

    #[test]
    fn a_single_account_ledger_takes_its_account_from_the_title() {
        let ledger = read(grid(&[
            &["明细账"],
            &["科目：50205 困难职工帮扶费"],
            &["日期", "凭证字号", "摘要", "借方", "贷方"],
            &["2019-01-05", "记-1", "补助", "100", ""],
        ]))
        .expect("reads");
        assert_eq!(
            (
                &ledger.texts[ledger.rows[0].account_code],
                &ledger.texts[ledger.rows[0].account_name]
            ),
            ("50205", "困难职工帮扶费")
        );
    }

    #[test]
    fn a_date_written_as_the_number_20190105() {
        let mut rows = sample();
        rows[3][0] = Data::Float(20190105.0);
        assert_eq!(
            read(rows).expect("reads").rows[0].date,
            Date::new(2019, 1, 5)
        );
    }

    #[test]
    fn a_balance_table_is_not_a_ledger() {
        // 科目余额表: 借方 and 贷方, but no dates and no vouchers.
        let err = read(grid(&[
            &["科目编码", "科目名称", "项目", "借方", "贷方"],
            &["50205", "困难职工帮扶费", "医疗救助", "596000", ""],
        ]))
        .unwrap_err();
        assert!(matches!(err, Error::NoHeader { .. }), "{err}");
    }

    #[test]
    fn a_date_outside_the_stated_period_names_its_cell() {
        let err = read(grid(&[
            &["项目辅助明细账"],
            &["单位：市总工会", "期间：2019年01月至2019年12月"],
            &["日期", "凭证字号", "摘要", "借方", "贷方"],
            &["2019-03-05", "记-0001", "补助", "100", ""],
            &["2021-03-05", "记-0002", "补助", "100", ""],
        ]))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "ledger.xlsx!明细账!A5: found 2021-03-05, expected a date within the period 2019-01-01 to 2019-12-31 that the title states (ledger.xlsx!明细账!B2)"
        );
    }

    #[test]
    fn split_dates_without_any_year_are_an_error() {
        let err = read(grid(&[
            &["月", "日", "凭证号", "摘要", "借方", "贷方"],
            &["1", "8", "记-0001", "补助", "100", ""],
        ]))
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger.xlsx!明细账!A2: found 1月8日 without a year"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_amount_names_its_cell() {
        let mut rows = sample();
        rows[3][5] = s("三千元");
        let err = read(rows).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ledger.xlsx!明细账!F4: found “三千元”, expected an amount (a number, or text like 1,234.56 or (1,234.56); blank for zero)"
        );
    }

    #[test]
    fn an_error_value_where_money_is_expected_names_its_cell() {
        let mut rows = sample();
        rows[3][5] = Data::Error(calamine::CellErrorType::Div0);
        let err = read(rows).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger.xlsx!明细账!F4: found the error value #DIV/0!"),
            "{err}"
        );
    }

    #[test]
    fn an_absurd_amount_is_refused_not_summed() {
        let mut rows = sample();
        rows[3][5] = Data::Float(5e27);
        let err = read(rows).unwrap_err();
        assert!(err.to_string().starts_with("ledger.xlsx!明细账!F4: found 5000000000000000000000000000, expected an amount below"), "{err}");
    }

    #[test]
    fn a_bad_date_names_its_cell() {
        let mut rows = sample();
        rows[3][0] = s("2019-13-01");
        let err = read(rows).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger.xlsx!明细账!A4: found “2019-13-01”, expected a date"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_side_names_its_cell() {
        let err = read(grid(&[
            &["日期", "凭证号数", "摘要", "方向", "金额"],
            &["2023.01.05", "记-3", "办公费", "平", "10"],
        ]))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "ledger.xlsx!明细账!D2: found “平”, expected the side of the amount: 借 or 贷"
        );
    }

    #[test]
    fn a_sheet_without_amount_columns_has_no_header() {
        let err = read(grid(&[&["日期", "摘要", "科目", "备注"]])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger.xlsx!明细账: no header row in the first 1 rows; expected"),
            "{err}"
        );
    }

    #[test]
    fn skip_labels_spaced_out_are_still_skip_labels() {
        let spaced = format!("合{}计", "\u{3000}".repeat(15));
        assert_eq!(SkipKind::from_text(&spaced), Some(SkipKind::Total));
        assert_eq!(
            SkipKind::from_text("本 月 合 计"),
            Some(SkipKind::MonthTotal)
        );
        assert_eq!(SkipKind::from_text("发放2019年市级劳模生活困难补助"), None);
    }

    #[test]
    fn auxiliary_items_and_account_paths() {
        assert_eq!(
            auxiliary_items("【项目：测试项目】【客商：测试客商】"),
            [
                ("项目".to_string(), "测试项目".to_string()),
                ("客商".to_string(), "测试客商".to_string())
            ]
        );
        assert_eq!(
            auxiliary_items("[项目:X]"),
            [("项目".to_string(), "X".to_string())]
        );
        assert!(auxiliary_items("").is_empty());
        assert_eq!(
            split_account("", "5010102\\职工活动支出\\慰问"),
            ("5010102".into(), "职工活动支出\\慰问".into())
        );
        assert_eq!(
            split_account("", "50205 困难职工帮扶费"),
            ("50205".into(), "困难职工帮扶费".into())
        );
        assert_eq!(
            split_account("100201", "100201\\银行存款\\工商银行"),
            ("100201".into(), "银行存款\\工商银行".into())
        );
        assert_eq!(
            split_account("", "管理费用/办公费"),
            ("".into(), "管理费用/办公费".into())
        );
    }

    #[test]
    fn years_and_periods_in_titles() {
        assert_eq!(year_in("凭证明细-和立-2024年.csv"), Some(2024));
        assert_eq!(year_in("ledger-20190105.xlsx"), None);
        assert_eq!(year_in("ledger.xlsx"), None);
        assert_eq!(
            year_months("期间：2019年01月至2020年05月"),
            [(2019, 1, None), (2020, 5, None)]
        );
        assert_eq!(
            year_months("月份：2023.01-2023.12"),
            [(2023, 1, None), (2023, 12, None)]
        );
        assert_eq!(
            year_months("日期：2023-01-01至2023-12-31"),
            [(2023, 1, Some(1)), (2023, 12, Some(31))]
        );
    }
}
