//! One sheet's cells, held whole, addressed by absolute position, with merged ranges filled
//! from their top-left cell (the official forms merge 一级 / 二级 over their rows).

use std::sync::Arc;

use calamine::{Data, DataRef, Dimensions, Range};
use rust_decimal::Decimal;

use super::cell::{as_ref, describe_ref, display, display_ref};
use crate::error::{Error, Expected, Found, Result};
use crate::location::{CellRef, Place};
use crate::money;

static EMPTY: Data = Data::Empty;

/// One sheet's cells, addressed by absolute 0-based (row, column).
pub struct Sheet {
    pub file: Arc<str>,
    pub name: Arc<str>,
    pub(super) range: Range<Data>,
    pub(super) merged: Vec<Dimensions>,
    /// Whether serial dates count from 1904 (old Mac Excel) instead of 1900.
    pub is_1904: bool,
    pub(super) place: Arc<Place>,
}

impl Sheet {
    /// A sheet from rows of cells: a CSV file, or a test's table.
    pub fn from_rows(file: &str, name: &str, rows: Vec<Vec<Data>>) -> Sheet {
        let height = rows.len() as u32;
        Sheet::from_rows_with_height(file, name, rows, height)
    }

    /// A sheet from rows of cells, `height` rows tall even where its last rows are blank: the
    /// head of a streamed sheet that goes on below.
    pub fn from_rows_with_height(
        file: &str,
        name: &str,
        rows: Vec<Vec<Data>>,
        height: u32,
    ) -> Sheet {
        let height = height.max(rows.len() as u32);
        // Blank rows still have a column, so that the sheet is as tall as its rows.
        let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1) as u32;
        // `Range::new` spans at least one cell: no rows must be no range at all.
        let mut range = if height == 0 || width == 0 {
            Range::empty()
        } else {
            Range::new((0, 0), (height - 1, width - 1))
        };
        for (r, row) in rows.into_iter().enumerate() {
            for (c, v) in row.into_iter().enumerate() {
                range.set_value((r as u32, c as u32), v);
            }
        }
        let (file, name): (Arc<str>, Arc<str>) = (Arc::from(file), Arc::from(name));
        Sheet {
            place: Place::new(&file, &name),
            file,
            name,
            range,
            merged: Vec::new(),
            is_1904: false,
        }
    }

    /// One past the last used row.
    pub fn height(&self) -> u32 {
        self.range.end().map_or(0, |(r, _)| r + 1)
    }

    /// One past the last used column.
    pub fn width(&self) -> u32 {
        self.range.end().map_or(0, |(_, c)| c + 1)
    }

    pub fn cell(&self, row: u32, col: u32) -> &Data {
        self.range.get_value((row, col)).unwrap_or(&EMPTY)
    }

    /// The cell, or for a cell inside a merged range the range's top-left cell.
    pub fn merged_cell(&self, row: u32, col: u32) -> &Data {
        let value = self.cell(row, col);
        if !matches!(value, Data::Empty) {
            return value;
        }
        self.merged
            .iter()
            .find(|d| d.start.0 <= row && row <= d.end.0 && d.start.1 <= col && col <= d.end.1)
            .map_or(value, |d| self.cell(d.start.0, d.start.1))
    }

    /// The cell as text, trimmed: what a person reads in it.
    pub fn text(&self, row: u32, col: u32) -> String {
        display(self.cell(row, col))
    }

    /// Like [`Sheet::text`], through merged ranges.
    pub fn merged_text(&self, row: u32, col: u32) -> String {
        display(self.merged_cell(row, col))
    }

    pub fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::in_place(&self.place, row, col)
    }

    /// The file and sheet every cell of this sheet is in.
    pub fn place(&self) -> &Arc<Place> {
        &self.place
    }

    /// A cell as an exact decimal: a number through its shortest text, text the way amounts
    /// are written (`1,234.56`, `(1,234.56)`, `¥`, and `suffix` such as `万元`), blank as zero;
    /// rounded half away from zero to `dp` places, and refused beyond [`money::MAX_AMOUNT`].
    /// `expected` says what the cell should hold, for the error that names it.
    pub fn decimal(
        &self,
        row: u32,
        col: u32,
        dp: u32,
        suffix: &str,
        expected: Expected,
    ) -> Result<Decimal> {
        decimal(
            &as_ref(self.cell(row, col)),
            || self.at(row, col),
            dp,
            suffix,
            expected,
        )
    }

    /// One row's cells, to read as a [`Row`] as the streaming reader hands them out.
    pub fn row_cells(&self, row: u32) -> Vec<DataRef<'_>> {
        (0..self.width())
            .map(|c| as_ref(self.cell(row, c)))
            .collect()
    }

    pub fn is_blank_row(&self, row: u32) -> bool {
        (0..self.width()).all(|c| display(self.cell(row, c)).is_empty())
    }
}

/// A cell as an exact decimal: a number through its shortest text, text the way amounts are
/// written (`1,234.56`, `(1,234.56)`, `¥`, and `suffix` such as `万元`), blank as zero; rounded
/// half away from zero to `dp` places, and refused beyond [`money::MAX_AMOUNT`]. `expected`
/// says what the cell should hold, for the error that names it.
pub fn decimal(
    value: &DataRef<'_>,
    at: impl Fn() -> CellRef,
    dp: u32,
    suffix: &str,
    expected: Expected,
) -> Result<Decimal> {
    let bad = |found: Found| Error::cell(at(), found, expected.clone());
    let too_large = |found: String| Error::cell(at(), Found::Value(found), Expected::AmountInRange);
    let value = match value {
        DataRef::Empty => Decimal::ZERO,
        DataRef::Float(f) => {
            money::from_f64(*f).ok_or_else(|| too_large(display_ref(&DataRef::Float(*f))))?
        }
        DataRef::Int(i) => Decimal::from(*i),
        DataRef::SharedString(s) => {
            parse_text_amount(s, suffix).map_err(|_| bad(Found::Text(s.to_string())))?
        }
        DataRef::String(s) => {
            parse_text_amount(s, suffix).map_err(|_| bad(Found::Text(s.clone())))?
        }
        other => return Err(bad(describe_ref(other))),
    };
    money::plausible(money::round(value, dp)).ok_or_else(|| too_large(value.to_string()))
}

fn parse_text_amount(s: &str, suffix: &str) -> std::result::Result<Decimal, ()> {
    money::parse_amount(if suffix.is_empty() {
        s
    } else {
        s.trim_end_matches(suffix)
    })
    .map_err(|_| ())
}

/// Rows of texts as cells, an empty text a blank cell: how the tests write a sheet.
#[cfg(test)]
pub(crate) fn text_cells<'a, R: AsRef<[&'a str]>>(
    rows: impl IntoIterator<Item = R>,
) -> Vec<Vec<Data>> {
    rows.into_iter()
        .map(|r| {
            r.as_ref()
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        Data::Empty
                    } else {
                        Data::String((*c).to_string())
                    }
                })
                .collect()
        })
        .collect()
}
