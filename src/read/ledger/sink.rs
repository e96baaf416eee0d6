//! A ledger sheet read as its rows arrive ([`RowSink`]): the head gives the layout, then every
//! row below the header becomes a posting or a skipped row with its reason. The row is taken
//! apart field by field ([`super::fields`]); what carries from row to row — the date and voucher
//! a voucher list prints on its first line only, the year a split date rolls into — is kept here.

use std::sync::Arc;

use rust_decimal::Decimal;

use super::fields::{
    Cells, Side, amount, auxiliary_items, date, direction, normalizes_to, small_number,
    split_account_ref,
};
use super::layout::{Layout, recognise};
use super::vocabulary::{Column, SkipKind};
use super::{Ledger, LedgerLayout, LedgerRow, LedgerSheet, NO_COLUMN, Skipped, YearSource};
use crate::date::Date;
use crate::error::{Error, Expected, Found, HeaderOf, Result};
use crate::location::{CellRef, Place};
use crate::read::header::SCAN_ROWS;
use crate::read::text::TextId;
use crate::read::workbook::{Row, RowSink, Sheet};

/// Reads a ledger sheet into a [`Ledger`] as its rows arrive: the header and titles from the
/// head, then each posting or skipped row.
pub(super) struct LedgerSink<'a> {
    file_year: Option<u16>,
    layout: &'a LedgerLayout,
    ledger: &'a mut Ledger,
    /// Set once the head held a ledger header.
    pub state: Option<SheetState>,
    /// Whether the sheet holds anything but blank cells: one without a header is then noted.
    pub saw_content: bool,
    /// The head had no header; kept until the rest of the sheet shows whether it is blank.
    pub no_header: Option<Error>,
}

impl<'a> LedgerSink<'a> {
    pub fn new(file_year: Option<u16>, layout: &'a LedgerLayout, ledger: &'a mut Ledger) -> Self {
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
        match recognise(sheet, self.file_year, self.layout) {
            Ok(layout) => {
                let mut state = SheetState::new(sheet, layout, self.ledger);
                for r in state.layout.header.data_start..sheet.height() {
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
            // Another table is named by its labels, which it has.
            Err(e @ Error::NotALedger { .. }) => {
                self.saw_content = true;
                Err(e)
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
                    candidates: Vec::new(),
                }))
            }
        }
    }
}

/// A sheet being read: its layout, and what has been read of it.
pub(super) struct SheetState {
    file: Arc<str>,
    sheet: Arc<str>,
    place: Arc<Place>,
    layout: Layout,
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
    pub blank_amounts: Vec<(u32, u32)>,
}

impl SheetState {
    fn new(sheet: &Sheet, layout: Layout, ledger: &Ledger) -> SheetState {
        SheetState {
            file: Arc::clone(&sheet.file),
            sheet: Arc::clone(&sheet.name),
            place: Arc::clone(sheet.place()),
            layout,
            start_rows: ledger.rows.len(),
            start_skipped: ledger.skipped.len(),
            last_date: None,
            last_voucher: TextId::EMPTY,
            last_month: None,
            year_offset: 0,
            is_1904: sheet.is_1904,
            blank_amounts: Vec::new(),
        }
    }

    fn cells(&self) -> Cells<'_> {
        Cells {
            place: &self.place,
            is_1904: self.is_1904,
        }
    }

    fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::in_place(&self.place, row, col)
    }

    fn col(&self, column: Column) -> Option<u32> {
        self.layout.header.col(column)
    }

    /// One row below the header: a posting, or a skipped row with its reason.
    fn row(&mut self, row: &Row<'_, '_>, ledger: &mut Ledger) -> Result<()> {
        let at = self.at(row.index, 0);
        if row.is_blank_row() {
            ledger.skipped.push(Skipped {
                at,
                kind: SkipKind::Blank,
            });
            return Ok(());
        }
        // Read once: the skip labels are looked for in both, and a posting keeps both.
        let text = |c: Option<u32>| c.map(|c| row.str(c)).unwrap_or_default();
        let summary = text(self.col(Column::Summary));
        let number = text(self.col(Column::Voucher));
        if let Some(kind) = self.skipped(row, &summary, &number) {
            ledger.skipped.push(Skipped { at, kind });
            return Ok(());
        }
        let Some((debit, credit)) = self.amounts(row)? else {
            ledger.skipped.push(Skipped {
                at,
                kind: SkipKind::NoAmount,
            });
            return Ok(());
        };
        let date = self.date(row)?;
        let (date, voucher) = self.voucher(row, &number, date, ledger, &at)?;
        let posting = self.posting(row, &summary, ledger, at, (date, voucher), (debit, credit))?;
        ledger.rows.push(posting);
        Ok(())
    }

    /// Why a row that is not blank is not a posting, when it is not: a total or balance line
    /// (by its 摘要 or its voucher cell), the header printed again.
    fn skipped(&mut self, row: &Row<'_, '_>, summary: &str, number: &str) -> Option<SkipKind> {
        let kind = SkipKind::from_text(summary).or_else(|| SkipKind::from_text(number));
        if let Some(kind) = kind {
            if kind == SkipKind::OpeningBalance {
                // A new account's section of a 明细账 starts its months again.
                self.last_month = None;
                self.year_offset = 0;
            }
            return Some(kind);
        }
        let repeats_header = self
            .layout
            .labels
            .iter()
            .filter(|(c, l)| normalizes_to(&row.str(*c), l))
            .count()
            >= 3;
        repeats_header.then_some(SkipKind::RepeatedHeader)
    }

    /// The row's debit and credit; `None` for a row with nothing on either side, whose blank
    /// amount cells are kept ([`SheetState::blank_amounts`]).
    fn amounts(&mut self, row: &Row<'_, '_>) -> Result<Option<(Decimal, Decimal)>> {
        let cells = self.cells();
        let (debit, credit) = if self.layout.two_sides {
            (
                amount(cells, row, self.col(Column::Debit))?,
                amount(cells, row, self.col(Column::Credit))?,
            )
        } else {
            let value = amount(cells, row, self.col(Column::Amount))?;
            match direction(cells, row, self.col(Column::Direction))? {
                Side::Debit => (value, Decimal::ZERO),
                Side::Credit => (Decimal::ZERO, value),
            }
        };
        if debit != Decimal::ZERO || credit != Decimal::ZERO {
            return Ok(Some((debit, credit)));
        }
        // A formula whose saved value is 0 was computed; only a blank one may not have been.
        for (role, c, _) in &self.layout.header.columns {
            if matches!(role, Column::Debit | Column::Credit | Column::Amount) && row.is_blank(*c) {
                self.blank_amounts.push((row.index, *c));
            }
        }
        Ok(None)
    }

    /// The row's date: its date column, or its 月 and 日 in the year they belong to; within the
    /// period the title states.
    fn date(&mut self, row: &Row<'_, '_>) -> Result<Option<Date>> {
        let date = match self.col(Column::Date) {
            Some(c) => date(self.cells(), row, c)?,
            None if self.layout.split_date => self.split_date(row)?,
            None => None,
        };
        if let (Some(d), Some(((start, end), stated))) = (date, &self.layout.period)
            && (d < *start || d > *end)
        {
            let c = self
                .col(Column::Date)
                .or(self.col(Column::Day))
                .unwrap_or(0);
            return Err(Error::cell(
                self.at(row.index, c),
                Found::Value(d.to_string()),
                Expected::DateInPeriod {
                    start: *start,
                    end: *end,
                    stated: stated.to_string(),
                },
            ));
        }
        Ok(date)
    }

    /// A date split into 月 and 日 (and maybe 年): the year from its column, or from where the
    /// layout found it, rolled into the next when the months run past December.
    fn split_date(&mut self, row: &Row<'_, '_>) -> Result<Option<Date>> {
        let month = small_number(self.cells(), row, self.col(Column::Month), 12)?;
        let day = small_number(self.cells(), row, self.col(Column::Day), 31)?;
        let (Some(m), Some(d)) = (month, day) else {
            return Ok(None);
        };
        // A split ledger running past December starts the next year. Only December into
        // January is a new year; any other step back is a new section of the same year.
        if self.last_month.is_some_and(|last| last >= 11 && m <= 2) {
            self.year_offset = self.year_offset.saturating_add(1);
        }
        self.last_month = Some(m);
        let year = match self.layout.year_source {
            YearSource::Column => {
                small_number(self.cells(), row, self.col(Column::Year), 9999)?.map(|y| y as u16)
            }
            YearSource::Banner(y) | YearSource::Title(y) | YearSource::FileName(y) => {
                Some(y.saturating_add(self.year_offset))
            }
            YearSource::Missing => {
                return Err(Error::cell(
                    self.at(row.index, self.col(Column::Month).unwrap_or(0)),
                    Found::DateWithoutYear { month: m, day: d },
                    Expected::YearForSplitDate,
                ));
            }
        };
        let at = self.at(row.index, self.col(Column::Day).unwrap_or(0));
        year.and_then(|y| Date::new(y, m as u8, d as u8))
            .map(Some)
            .ok_or_else(|| {
                Error::cell(
                    at,
                    Found::MonthDay { month: m, day: d },
                    Expected::DayThatExists,
                )
            })
    }

    /// The voucher (凭证字 and 凭证号 joined when apart), and the date and voucher of the row
    /// above when a voucher list prints them on a voucher's first line only.
    fn voucher(
        &mut self,
        row: &Row<'_, '_>,
        number: &str,
        date: Option<Date>,
        ledger: &mut Ledger,
        at: &CellRef,
    ) -> Result<(Option<Date>, TextId)> {
        let word = self
            .col(Column::VoucherWord)
            .map(|c| row.str(c))
            .unwrap_or_default();
        let voucher = if !word.is_empty() && !number.is_empty() && !number.contains(&*word) {
            intern(ledger, &format!("{word}-{number}"), at)?
        } else {
            intern(ledger, number, at)?
        };
        let (date, voucher) = if date.is_none() && voucher.is_empty() {
            (self.last_date, self.last_voucher)
        } else {
            (date.or(self.last_date), voucher)
        };
        self.last_date = date;
        self.last_voucher = voucher;
        Ok((date, voucher))
    }

    /// The posting: its account, project, payee and 摘要 from their columns or the auxiliary
    /// items, its amounts in fen.
    fn posting(
        &self,
        row: &Row<'_, '_>,
        summary: &str,
        ledger: &mut Ledger,
        at: CellRef,
        (date, voucher): (Option<Date>, TextId),
        (debit, credit): (Decimal, Decimal),
    ) -> Result<LedgerRow> {
        let col = |c: Column| self.col(c);
        let text = |c: Option<u32>| c.map(|c| row.str(c)).unwrap_or_default();
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
        let title = &self.layout.title_account;
        let (account_code, account_name) =
            match (col(Column::AccountCode), col(Column::AccountName)) {
                // A single-account 明细账 names its account in the title only: `科目：50205 困难职工帮扶费`.
                (None, None) => (title.0.as_str(), title.1.as_str()),
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
            _ => (intern(ledger, summary, &at)?, None),
        };
        let (debit_col, credit_col) = (
            col(Column::Debit).or(col(Column::Amount)),
            col(Column::Credit).or(col(Column::Amount)),
        );
        // Never fails for an amount the reader took; the cell is named only if it does.
        let in_fen = |amount: Decimal, c: Option<u32>| {
            fen(amount).ok_or_else(|| {
                Error::cell(
                    self.at(at.row, c.unwrap_or(0)),
                    Found::Value(amount.to_string()),
                    Expected::AmountInRange,
                )
            })
        };
        Ok(LedgerRow {
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
        })
    }

    /// Records how the sheet was read.
    pub fn finish(self, ledger: &mut Ledger) {
        let header = self.layout.header;
        ledger.sheets.push(LedgerSheet {
            file: self.file,
            sheet: self.sheet,
            header_row: header.row,
            header_rows: header.data_start - header.row,
            columns: header.columns,
            layout: self.layout.shapes,
            period: self.layout.period.map(|(p, _)| p),
            rows_read: ledger.rows.len() - self.start_rows + ledger.skipped.len()
                - self.start_skipped,
            postings: ledger.rows.len() - self.start_rows,
        });
    }
}

/// The ledger's id of a text of the row at `at`.
fn intern(ledger: &mut Ledger, text: &str, at: &CellRef) -> Result<TextId> {
    ledger
        .texts
        .intern(text)
        .ok_or_else(|| Error::cell(at.clone(), Found::TextsOver4GiB, Expected::TextsWithin4GiB))
}

/// A column as the 2 bytes a posting keeps: every header column fits, or the sheet was refused
/// (`layout::beyond_a_postings_reach`).
fn narrow(col: Option<u32>) -> u16 {
    col.and_then(|c| u16::try_from(c).ok())
        .filter(|c| *c != NO_COLUMN)
        .unwrap_or(NO_COLUMN)
}

/// An amount read (rounded to the fen, below 10^15 yuan) in fen.
fn fen(amount: Decimal) -> Option<i64> {
    // From the mantissa and scale: `(amount * 100).trunc()` took 2 % of a million-posting read.
    let mantissa = amount.mantissa();
    let fen = match amount.scale() {
        scale @ 0..=2 => mantissa.checked_mul(10i128.pow(2 - scale))?,
        // Toward zero, as `trunc`.
        scale => mantissa / 10i128.checked_pow(scale - 2)?,
    };
    i64::try_from(fen).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::prelude::ToPrimitive;

    proptest::proptest! {
        /// From the mantissa and scale, an amount in fen is what `(amount * 100).trunc()` is.
        #[test]
        fn fen_is_the_amount_times_a_hundred_truncated(mantissa in -10i64.pow(17)..10i64.pow(17), scale in 0u32..12) {
            let amount = Decimal::new(mantissa, scale);
            proptest::prop_assert_eq!(fen(amount), (amount * Decimal::ONE_HUNDRED).trunc().to_i64());
        }
    }

    #[test]
    fn fen_reads_the_amounts_of_a_ledger() {
        assert_eq!(fen(Decimal::new(123_456, 2)), Some(123_456));
        assert_eq!(fen(Decimal::new(-5, 1)), Some(-50));
        assert_eq!(fen(Decimal::new(4850, 0)), Some(485_000));
        assert_eq!(fen(Decimal::new(-1_234_567, 3)), Some(-123_456));
        assert_eq!(fen(Decimal::MAX), None);
    }
}
