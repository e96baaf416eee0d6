//! Where a value came from: `ledger.xlsx!明细账!F123`.
//!
//! Every figure that reaches a score carries one of these, so that a deduction can point at the
//! rows behind it and an error can point at the cell that caused it.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A cell of a workbook. Rows and columns are 0-based internally and printed the Excel way.
/// Sixteen bytes: a million postings each carry one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    place: Arc<Place>,
    pub row: u32,
    pub col: u32,
}

/// The file and sheet a cell is in, shared by every cell of the sheet.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// The file's name as the user knows it (the last component of the path).
    pub file: Arc<str>,
    pub sheet: Arc<str>,
}

impl Place {
    pub fn new(file: &Arc<str>, sheet: &Arc<str>) -> Arc<Place> {
        Arc::new(Place {
            file: Arc::clone(file),
            sheet: Arc::clone(sheet),
        })
    }
}

impl CellRef {
    pub fn new(file: &Arc<str>, sheet: &Arc<str>, row: u32, col: u32) -> Self {
        CellRef::in_place(&Place::new(file, sheet), row, col)
    }

    /// A cell of a sheet whose [`Place`] is already made: no allocation.
    pub fn in_place(place: &Arc<Place>, row: u32, col: u32) -> Self {
        CellRef {
            place: Arc::clone(place),
            row,
            col,
        }
    }

    pub fn file(&self) -> &str {
        &self.place.file
    }

    pub fn sheet(&self) -> &str {
        &self.place.sheet
    }

    /// The same row, another column: a deduction points at the amount, an error at the date.
    pub fn at_col(&self, col: u32) -> Self {
        CellRef {
            col,
            ..self.clone()
        }
    }

    /// 1-based row number as Excel shows it.
    pub fn excel_row(&self) -> u32 {
        self.row + 1
    }
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(col: u32) -> String {
    // In u64: a crafted file's column near u32::MAX must not overflow.
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// A file or sheet name as Excel writes it in a reference: quoted (`'明细账!x'`, its own quotes
/// doubled) when it holds `!` or `'`, which would otherwise split the reference where it does
/// not end; as it is otherwise.
fn reference_name(name: &str) -> std::borrow::Cow<'_, str> {
    if name.contains(['!', '\'']) {
        std::borrow::Cow::Owned(format!("'{}'", name.replace('\'', "''")))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}!{}!{}{}",
            reference_name(&self.place.file),
            reference_name(&self.place.sheet),
            column_name(self.col),
            self.row + 1
        )
    }
}

impl Serialize for CellRef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_holding_a_bang_or_a_quote_are_quoted_as_excel_writes_them() {
        let at = |file: &str, sheet: &str| {
            super::CellRef::new(
                &std::sync::Arc::from(file),
                &std::sync::Arc::from(sheet),
                15,
                6,
            )
            .to_string()
        };
        assert_eq!(at("ledger.xlsx", "明细账!x"), "ledger.xlsx!'明细账!x'!G16");
        assert_eq!(at("ledger.xlsx", "张三's"), "ledger.xlsx!'张三''s'!G16");
        assert_eq!(at("ledger.xlsx", "明细账"), "ledger.xlsx!明细账!G16");
    }

    use super::*;

    #[test]
    fn column_names_follow_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn displays_file_sheet_cell() {
        let at = CellRef::new(&Arc::from("ledger.xlsx"), &Arc::from("明细账"), 122, 5);
        assert_eq!(at.to_string(), "ledger.xlsx!明细账!F123");
    }
}
