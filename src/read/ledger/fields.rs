//! The fields of a ledger row, one extractor each: an amount, its side, a date or the parts of a
//! split one, the account from its columns or its path, the auxiliary items of a combined cell.
//! Each reads one cell of a row as the streaming reader hands it out, and names the cell when it
//! cannot: a new export quirk in a field is a change here (and a fixture).

use std::sync::Arc;

use calamine::DataRef;
use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, Expected, Found, Result};
use crate::label::normalize;
use crate::location::{CellRef, Place};
use crate::read::workbook::{Row, decimal, describe_ref};

/// Where a sheet's cells are, for the errors that name them, and how its date serials count.
#[derive(Clone, Copy)]
pub(super) struct Cells<'a> {
    pub place: &'a Arc<Place>,
    /// The workbook counts its date serials from 1904.
    pub is_1904: bool,
}

impl Cells<'_> {
    pub fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::in_place(self.place, row, col)
    }
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
pub(super) fn split_account_ref<'a>(code: &'a str, name: &'a str) -> (&'a str, &'a str) {
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

/// The side of a posting's single amount.
pub(super) enum Side {
    Debit,
    Credit,
}

pub(super) fn direction(cells: Cells<'_>, row: &Row<'_, '_>, col: Option<u32>) -> Result<Side> {
    let Some(col) = col else {
        return Ok(Side::Debit);
    };
    let text = normalize(&row.text(col));
    match text.as_str() {
        "借" | "借方" | "D" | "Dr" | "d" | "收" => Ok(Side::Debit),
        "贷" | "贷方" | "C" | "Cr" | "c" | "付" => Ok(Side::Credit),
        _ => Err(Error::cell(
            cells.at(row.index, col),
            Found::Text(text.to_string()),
            Expected::Side,
        )),
    }
}

/// A month, day or year cell: a whole number up to `max`; blank is `None`.
pub(super) fn small_number(
    cells: Cells<'_>,
    row: &Row<'_, '_>,
    col: Option<u32>,
    max: u32,
) -> Result<Option<u32>> {
    let Some(col) = col else { return Ok(None) };
    let bad = |found: Found| {
        Error::cell(
            cells.at(row.index, col),
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
pub(super) fn amount(cells: Cells<'_>, row: &Row<'_, '_>, col: Option<u32>) -> Result<Decimal> {
    match col {
        Some(col) => decimal(
            row.cell(col),
            || cells.at(row.index, col),
            2,
            "",
            Expected::Amount,
        ),
        None => Ok(Decimal::ZERO),
    }
}

pub(super) fn date(cells: Cells<'_>, row: &Row<'_, '_>, col: u32) -> Result<Option<Date>> {
    let bad = |found: Found| Error::cell(cells.at(row.index, col), found, Expected::Date);
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
        DataRef::Float(f) => Date::from_serial(*f, cells.is_1904)
            .map(Some)
            .ok_or_else(|| value(f.to_string())),
        DataRef::Int(i) => Date::from_serial(*i as f64, cells.is_1904)
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
pub(super) fn normalizes_to(raw: &str, normalized: &str) -> bool {
    let mut chars = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(crate::label::normal_char);
    normalized.chars().all(|n| chars.next() == Some(n)) && chars.all(|c| c == ':')
}

/// The text of a text cell, whether the workbook shares it or holds it inline.
pub(super) fn text_of<'b>(value: &'b DataRef<'_>) -> Option<&'b str> {
    match value {
        DataRef::String(s) => Some(s),
        DataRef::SharedString(s) => Some(s),
        _ => None,
    }
}
