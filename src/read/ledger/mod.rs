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
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_decimal::Decimal;

mod fields;
mod layout;
pub mod shape;
mod sink;
mod vocabulary;

pub use fields::{auxiliary_items, split_account};
pub use shape::{Ignored, Shape, WhyIgnored, YearSource};
pub use vocabulary::{Column, SkipKind};

use super::text::{TextId, Texts};
use super::workbook::{RowSink, Sheet, Workbook};
use crate::date::Date;
use crate::error::{Error, Expected, Found, Result, WantedSheet};
use crate::label::normalize;
use crate::location::{CellRef, column_name};
use layout::year_in;
use sink::LedgerSink;
use vocabulary::SHEET_NAMES;

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
    /// Whether the 摘要 holds any of `words`, without putting it together: a word of the
    /// bookkeeper's does not span the payee's name.
    pub fn summary_has_any(&self, t: &Texts, words: &[&str]) -> bool {
        let has = |text: &str| words.iter().any(|w| text.contains(w));
        has(&t[self.summary]) || self.summary_after_payee.is_some_and(|after| has(&t[after]))
    }

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

    /// The posting's size, |借方 − 贷方|, in fen: for adding up a million postings without a
    /// decimal's cost each.
    pub fn size_fen(&self) -> u64 {
        self.debit_fen.abs_diff(self.credit_fen)
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
            // So is a 科目余额表 beside the 明细账, said by what it is.
            (Err(e @ (Error::NoHeader { .. } | Error::NotALedger { .. })), _) => {
                if saw_content {
                    let why = match &e {
                        Error::NotALedger { kind, .. } => WhyIgnored::NotALedger(*kind),
                        _ => WhyIgnored::NoHeader,
                    };
                    ledger.ignored.push(Ignored {
                        file: Arc::clone(wb.name()),
                        sheet: name.clone(),
                        why,
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

#[cfg(test)]
mod tests;
