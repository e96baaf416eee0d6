//! A cell's value between the two readers (a whole sheet holds `Data`, the stream hands out
//! `DataRef`), as text for a label and as a fact for an error message.

use calamine::{Data, DataRef};

use crate::error::Found;

/// A cell of a whole-sheet range as the streaming reader's kind of value, borrowing its text.
pub fn as_ref(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(d) => DataRef::DateTime(*d),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

pub(super) fn to_data(value: &DataRef<'_>) -> Data {
    match value {
        DataRef::Int(i) => Data::Int(*i),
        DataRef::Float(f) => Data::Float(*f),
        DataRef::String(s) => Data::String(s.clone()),
        DataRef::SharedString(s) => Data::String((*s).to_string()),
        DataRef::Bool(b) => Data::Bool(*b),
        DataRef::DateTime(d) => Data::DateTime(*d),
        DataRef::DateTimeIso(s) => Data::DateTimeIso(s.clone()),
        DataRef::DurationIso(s) => Data::DurationIso(s.clone()),
        DataRef::Error(e) => Data::Error(e.clone()),
        DataRef::Empty => Data::Empty,
    }
}

/// A cell's value for an error message: quoted text, or what kind of value it is.
pub fn describe(value: &Data) -> Found {
    describe_ref(&as_ref(value))
}

pub fn describe_ref(value: &DataRef<'_>) -> Found {
    match value {
        DataRef::Error(e) => Found::ErrorValue(e.to_string()),
        DataRef::Bool(b) => Found::Logical(*b),
        other => Found::Text(display_ref(other)),
    }
}

/// `s` without white space at either end, as `str::trim`: a cell's text is read trimmed
/// several times a row, and nearly every one has none, which two characters tell (the generic
/// `trim` took 3 % of a million-posting read).
pub fn trimmed(s: &str) -> &str {
    let mut chars = s.chars();
    let kept = chars.next().is_some_and(|c| !c.is_whitespace())
        && chars.next_back().is_none_or(|c| !c.is_whitespace());
    if kept { s } else { s.trim() }
}

/// A cell's value as text. Numbers print in their shortest form (`4850`, not `4850.0`).
pub fn display(value: &Data) -> String {
    display_ref(&as_ref(value))
}

pub fn display_ref(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::SharedString(s) => trimmed(s).to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            trimmed(s).to_string()
        }
        // Beyond 15 digits a float is a typo or garbage; its 300 zeros help no one.
        DataRef::Float(f) if f.abs() >= 1e15 => format!("{f:e}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        DataRef::Error(e) => e.to_string(),
    }
}
