//! Opening a workbook and looking at its cells.
//!
//! calamine does the parsing; this module adds what the rest of the tool needs around it: the
//! file named in every error, absolute cell positions that print as `F123`, merged ranges filled
//! from their top-left cell (the official forms merge 一级 / 二级 over their rows), and cell text
//! normalised the way people's labels vary (full-width spaces and brackets, line breaks).

mod cell;
mod csv;
mod limits;
mod pieces;
mod sheet;
mod stream;

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Reader, Sheets, open_workbook_auto};

pub use cell::{as_ref, describe, describe_ref, display, display_ref};
pub use limits::Limits;
pub use sheet::{Sheet, decimal};
pub use stream::{ReadMode, Row, RowSink};

#[cfg(test)]
pub(crate) use sheet::text_cells;

use self::csv::{CsvEncoding, csv_encoding, csv_sheet};
use crate::error::{Error, Result, SheetProblem, Unreadable, WantedSheet};
use crate::label::normalize;
use crate::location::Place;
use limits::{check_package, diagnose, overlong, sheet_problem, used_area};

pub struct Workbook {
    name: Arc<str>,
    source: Source,
}

enum Source {
    Spreadsheet(Box<Sheets<BufReader<File>>>),
    /// A CSV file is a workbook of one sheet, named after the file. Its text is decoded from the
    /// file as its records are read: a ledger's are handed to the reader one at a time, never
    /// held as a sheet of cells, which took eight times the file's size, nor as one text. The
    /// sheet is read once; nothing asks for it twice.
    Csv {
        sheet: Arc<str>,
        path: PathBuf,
        encoding: CsvEncoding,
        read: bool,
    },
}

impl Workbook {
    pub fn open(path: &Path) -> Result<Workbook> {
        let meta = std::fs::metadata(path).map_err(|source| Error::io(path, source))?;
        // Told before anything opens it: a pipe would block the first read for ever.
        match crate::file::special(&meta) {
            None => {}
            Some(crate::file::Special::Directory) => {
                return Err(Error::not_spreadsheet(path, Unreadable::Directory));
            }
            Some(kind) => {
                return Err(Error::NotAFile {
                    path: path.to_path_buf(),
                    kind,
                });
            }
        }
        check_package(path, &Limits::current())?;
        let name: Arc<str> = Arc::from(
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
        );
        let is_csv = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"));
        if is_csv {
            let sheet: Arc<str> = Arc::from(
                path.file_stem()
                    .map_or("csv".into(), |s| s.to_string_lossy()),
            );
            let encoding = csv_encoding(path)?;
            return Ok(Workbook {
                name,
                source: Source::Csv {
                    sheet,
                    path: path.to_path_buf(),
                    encoding,
                    read: false,
                },
            });
        }
        let not_spreadsheet = |why: Unreadable| Error::not_spreadsheet(path, why);
        // The bound holds for every reader opened after it, in every thread: all are opened here.
        calamine::set_event_limit(Limits::current().max_cell);
        let sheets = guarded(|| open_workbook_auto(path))
            .ok_or_else(|| not_spreadsheet(Unreadable::ReaderFailed))?
            .map_err(|e| {
                not_spreadsheet(match overlong(&e) {
                    Some(o) => Unreadable::Overlong(o),
                    None => diagnose(path, &e.to_string()),
                })
            })?;
        Ok(Workbook {
            name,
            source: Source::Spreadsheet(Box::new(sheets)),
        })
    }

    /// The file's name as it appears in cell references.
    pub fn name(&self) -> &Arc<str> {
        &self.name
    }

    pub fn sheet_names(&self) -> Vec<String> {
        match &self.source {
            Source::Spreadsheet(sheets) => sheets.sheet_names(),
            Source::Csv { sheet, read, .. } => {
                (!*read).then(|| sheet.to_string()).into_iter().collect()
            }
        }
    }

    /// Whether the workbook hides the sheet (hidden or very hidden): its rows are read like any
    /// other's, and the reader says so, since nobody looking at the workbook sees them.
    pub fn is_hidden(&self, name: &str) -> bool {
        let Source::Spreadsheet(sheets) = &self.source else {
            return false;
        };
        sheets
            .sheets_metadata()
            .iter()
            .any(|s| s.name == name && s.visible != calamine::SheetVisible::Visible)
    }

    /// The first sheet whose normalised name contains one of `patterns`, in workbook order.
    pub fn find_sheet(&self, patterns: &[&str]) -> Option<String> {
        self.sheet_names().into_iter().find(|name| {
            let n = normalize(name);
            patterns.iter().any(|p| n.contains(p))
        })
    }

    /// Like [`Workbook::find_sheet`], but a missing sheet is an error that lists what is there.
    pub fn require_sheet(&self, what: WantedSheet, patterns: &[&'static str]) -> Result<String> {
        self.find_sheet(patterns)
            .ok_or_else(|| Error::MissingSheet {
                file: self.name.to_string(),
                what,
                wanted: patterns.iter().map(|p| p.to_string()).collect(),
                found: self.sheet_names(),
            })
    }

    pub fn sheet(&mut self, name: &str) -> Result<Sheet> {
        let file = Arc::clone(&self.name);
        let sheet_error = |why: SheetProblem| Error::sheet(&file, name, why);
        let reader_error = |e: calamine::Error| sheet_error(sheet_problem(&e));
        let sheets = match &mut self.source {
            Source::Csv { .. } => {
                let (sheet, text) = self.open_csv(name)?;
                return csv_sheet(text, &self.name, &sheet).map_err(sheet_error);
            }
            Source::Spreadsheet(sheets) => sheets,
        };
        // A stray cell far from the data (XFD1048576) makes the whole-sheet reader allocate
        // hundreds of gigabytes and abort, which no guard can catch: measure the used area first.
        if let Sheets::Xlsx(x) = sheets.as_mut() {
            guarded(|| used_area(x, name, &Limits::current()))
                .ok_or_else(|| sheet_error(SheetProblem::ReaderFailed))?
                .map_err(&sheet_error)?;
        }
        let range = guarded(|| sheets.worksheet_range(name))
            .ok_or_else(|| sheet_error(SheetProblem::ReaderFailed))?
            .map_err(reader_error)?;
        let (merged, is_1904) = match sheets.as_mut() {
            Sheets::Xlsx(x) => (
                x.merge_cells_by_sheet_name(name)
                    .map_err(|e| reader_error(e.into()))?,
                x.has_1904_epoch(),
            ),
            Sheets::Xls(x) => (
                x.merge_cells_by_sheet_name(name)
                    .map_err(|e| reader_error(e.into()))?,
                false,
            ),
            _ => (Vec::new(), false),
        };
        let name: Arc<str> = Arc::from(name);
        Ok(Sheet {
            place: Place::new(&self.name, &name),
            file: Arc::clone(&self.name),
            name,
            range,
            merged,
            is_1904,
        })
    }
}

impl Workbook {
    /// The formula text of `cells` that have one, for an xlsx sheet already read with
    /// [`Workbook::sheet`] (so its used area is known to be sane). Read only when asked: it
    /// parses the sheet again.
    pub fn formulas_at(&mut self, name: &str, cells: &[(u32, u32)]) -> Vec<((u32, u32), String)> {
        let Source::Spreadsheet(sheets) = &mut self.source else {
            return Vec::new();
        };
        let Sheets::Xlsx(x) = sheets.as_mut() else {
            return Vec::new();
        };
        let Some(Ok(range)) = guarded(|| x.worksheet_formula(name)) else {
            return Vec::new();
        };
        cells
            .iter()
            .filter_map(|&cell| {
                let f = range.get_value(cell)?;
                (!f.trim().is_empty()).then(|| (cell, f.clone()))
            })
            .collect()
    }
}

/// Runs the spreadsheet library on a file, turning a panic inside it into `None` so that a
/// crafted file becomes an error naming the file, not a crash.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    crate::guard::guarded(f).ok()
}

#[cfg(test)]
mod tests;
