//! Opening a workbook and looking at its cells.
//!
//! calamine does the parsing; this module adds what the rest of the tool needs around it: the
//! file named in every error, absolute cell positions that print as `F123`, merged ranges filled
//! from their top-left cell (the official forms merge 一级 / 二级 over their rows), and cell text
//! normalised the way people's labels vary (full-width spaces and brackets, line breaks).

use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, DataRef, Dimensions, Range, Reader, Sheets, open_workbook_auto};

use crate::error::{Error, Expected, Found, Result, SheetProblem, Unreadable, WantedSheet};
use crate::label::normalize;
use crate::location::{CellRef, Place};
use crate::money;
use rust_decimal::Decimal;

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
        check_package(path, &Limits::current())?;
        if meta.is_dir() {
            return Err(Error::not_spreadsheet(path, Unreadable::Directory));
        }
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
        let sheets = guarded(|| open_workbook_auto(path))
            .ok_or_else(|| not_spreadsheet(Unreadable::ReaderFailed))?
            .map_err(|e| not_spreadsheet(diagnose(path, &e.to_string())))?;
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
        let reader_error = |e: calamine::Error| sheet_error(SheetProblem::Reader(e.to_string()));
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

static EMPTY: Data = Data::Empty;

/// One sheet's cells, addressed by absolute 0-based (row, column).
pub struct Sheet {
    pub file: Arc<str>,
    pub name: Arc<str>,
    range: Range<Data>,
    merged: Vec<Dimensions>,
    /// Whether serial dates count from 1904 (old Mac Excel) instead of 1900.
    pub is_1904: bool,
    place: Arc<Place>,
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

/// One row of a sheet as it is read: its 0-based index and its cells from column A, borrowing
/// the workbook's shared strings. A streamed sheet hands these out one at a time, so that a
/// million-row ledger is never held whole.
pub struct Row<'r, 'a> {
    pub index: u32,
    cells: &'r [DataRef<'a>],
}

static EMPTY_REF: DataRef<'static> = DataRef::Empty;

impl<'r, 'a> Row<'r, 'a> {
    pub fn new(index: u32, cells: &'r [DataRef<'a>]) -> Self {
        Row { index, cells }
    }

    pub fn cell(&self, col: u32) -> &DataRef<'a> {
        self.cells.get(col as usize).unwrap_or(&EMPTY_REF)
    }

    /// The cell as text, trimmed: what a person reads in it.
    pub fn text(&self, col: u32) -> String {
        display_ref(self.cell(col))
    }

    /// The cell as text, trimmed, borrowed where the cell holds text.
    pub fn str(&self, col: u32) -> std::borrow::Cow<'_, str> {
        match self.cell(col) {
            DataRef::SharedString(s) => std::borrow::Cow::Borrowed(s.trim()),
            DataRef::String(s) => std::borrow::Cow::Borrowed(s.trim()),
            other => std::borrow::Cow::Owned(display_ref(other)),
        }
    }

    /// Whether the cell reads as nothing, without building its text.
    pub fn is_blank(&self, col: u32) -> bool {
        is_blank_ref(self.cell(col))
    }

    /// Every cell reads as nothing.
    pub fn is_blank_row(&self) -> bool {
        self.cells.iter().all(is_blank_ref)
    }
}

fn is_blank_ref(value: &DataRef<'_>) -> bool {
    match value {
        DataRef::Empty => true,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().is_empty()
        }
        DataRef::SharedString(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// What a sheet is read into, row by row: first its opening rows as a small [`Sheet`] (where
/// headers and titles are found), then every row after them.
pub trait RowSink {
    /// The sheet's first rows: up to [`RowSink::head_rows`] of them, or all of a sheet not read
    /// as a stream. Merged ranges are known only when the whole sheet was read.
    fn head(&mut self, head: &Sheet) -> Result<()>;
    /// A row after the head, in order; rows missing between two used rows come as blank rows,
    /// as a whole-sheet range would hold them.
    fn row(&mut self, row: &Row<'_, '_>) -> Result<()>;
    /// How many rows the head holds.
    fn head_rows(&self) -> u32;
    /// Forgets what was read of the sheet: it is about to be read again, whole.
    fn restart(&mut self);
}

/// How a sheet is read: streamed row by row where the reader can (xlsx), or whole. The
/// environment variable `JIXIAO_READ=range` forces whole-sheet reading, which the tests use to
/// prove both give the same result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadMode {
    Stream,
    Range,
}

impl ReadMode {
    pub fn current() -> ReadMode {
        match std::env::var("JIXIAO_READ") {
            Ok(v) if v.eq_ignore_ascii_case("range") => ReadMode::Range,
            _ => ReadMode::Stream,
        }
    }
}

impl Workbook {
    /// Reads sheet `name` into `sink`: streamed for an xlsx (only the current row and the
    /// shared strings in memory), whole for the formats whose reader has no stream.
    pub fn read_rows(&mut self, name: &str, sink: &mut dyn RowSink) -> Result<()> {
        if matches!(self.source, Source::Csv { .. }) && ReadMode::current() == ReadMode::Stream {
            return self.stream_csv(name, sink);
        }
        let streamable =
            matches!(&self.source, Source::Spreadsheet(s) if matches!(s.as_ref(), Sheets::Xlsx(_)));
        if streamable && ReadMode::current() == ReadMode::Stream {
            match self.stream_rows(name, sink)? {
                Streamed::Done => return Ok(()),
                // Rows out of order in the XML (some exporters write them so): what was read
                // is forgotten and the sheet read whole, which sorts them.
                Streamed::Unsorted | Streamed::NoThread => sink.restart(),
            }
        }
        let sheet = self.sheet(name)?;
        sink.head(&sheet)
    }

    /// A CSV workbook's one sheet, by name, and its text decoded as it is read. The sheet is
    /// read once; a spreadsheet has no such sheet.
    fn open_csv(&mut self, name: &str) -> Result<(Arc<str>, Box<dyn Read>)> {
        let no_sheet = || Error::sheet(&self.name, name, SheetProblem::NoSuchSheet);
        let Source::Csv {
            sheet,
            path,
            encoding,
            read,
        } = &mut self.source
        else {
            return Err(no_sheet());
        };
        if *read || &**sheet != name {
            return Err(no_sheet());
        }
        *read = true;
        let text = csv_text(path, *encoding).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        Ok((Arc::clone(sheet), text))
    }

    /// A CSV's records handed to `sink` as they are parsed: the head as a sheet, then each row.
    fn stream_csv(&mut self, name: &str, sink: &mut dyn RowSink) -> Result<()> {
        let (sheet, text) = self.open_csv(name)?;
        let file = Arc::clone(&self.name);
        let sheet_error = |why: SheetProblem| Error::sheet(&file, name, why);
        let head_rows = sink.head_rows();
        let mut head: Vec<Vec<Data>> = Vec::new();
        let mut head_done = false;
        let mut reader = csv_reader(text);
        let mut record = csv::StringRecord::new();
        let mut next: Option<u32> = Some(0);
        loop {
            let more = reader
                .read_record(&mut record)
                .map_err(|e| sheet_error(SheetProblem::MalformedCsv(e.to_string())))?;
            if !more {
                break;
            }
            let index = next.ok_or_else(|| sheet_error(SheetProblem::TooManyRows))?;
            next = index.checked_add(1);
            // As a streamed xlsx's: when rows follow, the head is as tall as asked.
            if !head_done && index >= head_rows {
                head.resize_with(head_rows as usize, Vec::new);
                sink.head(&Sheet::from_rows_with_height(
                    &file,
                    &sheet,
                    std::mem::take(&mut head),
                    head_rows,
                ))?;
                head_done = true;
            }
            if head_done {
                let cells: Vec<DataRef<'_>> = record.iter().map(csv_cell_ref).collect();
                sink.row(&Row::new(index, &cells))?;
            } else {
                head.push(record.iter().map(csv_cell).collect());
            }
        }
        if !head_done {
            sink.head(&Sheet::from_rows(&file, &sheet, head))?;
        }
        Ok(())
    }

    fn stream_rows(&mut self, name: &str, sink: &mut dyn RowSink) -> Result<Streamed> {
        let Source::Spreadsheet(sheets) = &mut self.source else {
            return Ok(Streamed::NoThread);
        };
        let Sheets::Xlsx(x) = sheets.as_mut() else {
            return Ok(Streamed::NoThread);
        };
        let file = Arc::clone(&self.name);
        let sheet_error = |why: SheetProblem| Error::sheet(&file, name, why);
        let reader_error =
            |e: calamine::XlsxError| sheet_error(SheetProblem::Reader(e.to_string()));
        let is_1904 = x.has_1904_epoch();
        let limits = Limits::current();
        let failed = || sheet_error(SheetProblem::ReaderFailed);
        let mut reader = guarded(|| x.worksheet_cells_reader(name))
            .ok_or_else(failed)?
            .map_err(reader_error)?;
        let head_rows = sink.head_rows();
        // Hands the head to the sink. When later rows follow, the head is as tall as asked, blank
        // rows included, as a whole sheet's first rows are: a header looked for in the first 30
        // rows was looked for in 30, not in the few that hold something.
        let finish_head = |head: &mut Vec<Vec<Data>>, more: bool, sink: &mut dyn RowSink| {
            if more {
                head.resize_with(head_rows as usize, Vec::new);
            }
            let height = head.len() as u32;
            let mut sheet = Sheet::from_rows_with_height(&file, name, std::mem::take(head), height);
            sheet.is_1904 = is_1904;
            sink.head(&sheet).map(|()| height)
        };
        // Inflating and parsing the XML is half the work and reading the rows the other half:
        // one thread does each, handing rows over in batches.
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<'_>>(4);
            // Read batches go back to be filled again: no allocation per row, and memory freed
            // on the thread that took it.
            let (back_tx, back_rx) = std::sync::mpsc::channel::<Batch<'_>>();
            let parse = move || -> Result<Streamed> {
                // One guard around the whole loop: a guard per cell costs more than the cell.
                guarded(move || -> Result<Streamed> {
                    let mut batch = Batch::default();
                    let mut span = Span::default();
                    let mut last_row: Option<u32> = None;
                    loop {
                        let cell = reader.next_cell().map_err(reader_error)?;
                        let Some(cell) = cell else { break };
                        let ((r, c), value) = (cell.get_position(), cell.get_value());
                        if matches!(value, DataRef::Empty) {
                            continue;
                        }
                        span.add(r, c);
                        if let Some(why) = span.refuse(&limits) {
                            return Err(sheet_error(why));
                        }
                        if batch.open_row() != Some(r) {
                            if last_row.is_some_and(|last| r <= last) {
                                return Ok(Streamed::Unsorted);
                            }
                            last_row = Some(r);
                            batch.close_row();
                            if batch.rows.len() >= BATCH_ROWS {
                                let next = back_rx.try_recv().unwrap_or_default();
                                if tx.send(std::mem::replace(&mut batch, next)).is_err() {
                                    return Ok(Streamed::Done);
                                }
                            }
                            batch.start_row(r);
                        }
                        batch.set(c, value.clone());
                    }
                    batch.close_row();
                    let _ = tx.send(batch);
                    Ok(Streamed::Done)
                })
                .unwrap_or_else(|| Err(failed()))
            };
            let Ok(producer) = std::thread::Builder::new().spawn_scoped(scope, parse) else {
                // No thread to be had (a process limit): read the sheet whole instead.
                return Ok(Streamed::NoThread);
            };
            let mut head: Vec<Vec<Data>> = Vec::new();
            let mut head_done = false;
            // The next row index to hand out: rows between two used rows are blank rows.
            let mut next: u32 = 0;
            let mut read = || -> Result<()> {
                for mut batch in rx.iter() {
                    for row in batch.rows() {
                        if !head_done && row.index >= head_rows {
                            next = finish_head(&mut head, true, sink)?;
                            head_done = true;
                        }
                        if head_done {
                            while next < row.index {
                                sink.row(&Row::new(next, &[]))?;
                                next += 1;
                            }
                            sink.row(&row)?;
                            next = row.index + 1;
                        } else {
                            head.resize_with(row.index as usize, Vec::new);
                            head.push(row.cells.iter().map(to_data).collect());
                        }
                    }
                    batch.clear();
                    let _ = back_tx.send(batch);
                }
                Ok(())
            };
            let outcome = read();
            // The parser's own end decides first, as reading the whole sheet would: its errors
            // (a stray cell, broken XML) come before any row is looked at, and rows out of order
            // mean reading again. So after an error of the reader's, the parser is let finish.
            if outcome.is_err() {
                for _ in rx.iter() {}
            }
            let parsed = producer.join().map_err(|_| failed())??;
            if parsed == Streamed::Unsorted {
                return Ok(Streamed::Unsorted);
            }
            outcome?;
            if !head_done {
                finish_head(&mut head, false, sink)?;
            }
            Ok(Streamed::Done)
        })
    }
}

/// How streaming a sheet ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Streamed {
    Done,
    /// A row came after a later one; the sheet must be read whole.
    Unsorted,
    /// No thread could be started.
    NoThread,
}

/// Rows of a streamed sheet on their way from the parsing thread to the reading one: every
/// row's cells in one vector.
#[derive(Default)]
struct Batch<'a> {
    /// (row index, first cell, one past the last cell) of each complete row.
    rows: Vec<(u32, usize, usize)>,
    cells: Vec<DataRef<'a>>,
    /// The row being filled, and where its cells start.
    open: Option<(u32, usize)>,
}

impl<'a> Batch<'a> {
    fn open_row(&self) -> Option<u32> {
        self.open.map(|(r, _)| r)
    }

    fn start_row(&mut self, index: u32) {
        self.open = Some((index, self.cells.len()));
    }

    fn close_row(&mut self) {
        if let Some((index, start)) = self.open.take() {
            self.rows.push((index, start, self.cells.len()));
        }
    }

    /// Puts a cell of the open row in its column, blank cells before it.
    fn set(&mut self, col: u32, value: DataRef<'a>) {
        let Some((_, start)) = self.open else { return };
        let at = start + col as usize;
        if at >= self.cells.len() {
            self.cells.resize(at, DataRef::Empty);
            self.cells.push(value);
        } else if let Some(slot) = self.cells.get_mut(at) {
            *slot = value;
        }
    }

    fn rows(&self) -> impl Iterator<Item = Row<'_, 'a>> {
        self.rows.iter().map(|&(index, start, end)| {
            Row::new(index, self.cells.get(start..end).unwrap_or_default())
        })
    }

    fn clear(&mut self) {
        self.rows.clear();
        self.cells.clear();
        self.open = None;
    }
}

/// Rows handed from the parsing thread to the reading one at a time.
const BATCH_ROWS: usize = 1024;

/// The last row and column (0-based) of an Excel sheet: 1048576 and XFD.
const MAX_ROW: u32 = 1_048_575;
const MAX_COL: u32 = 16_383;

/// The rows and columns a sheet's cells span so far.
#[derive(Default)]
struct Span {
    used: Option<(u32, u32, u32, u32)>,
}

impl Span {
    fn add(&mut self, r: u32, c: u32) {
        self.used = Some(match self.used {
            None => (r, c, r, c),
            Some((top, left, bottom, right)) => {
                (top.min(r), left.min(c), bottom.max(r), right.max(c))
            }
        });
    }

    /// Why the span is refused, when it is absurd: a stray cell far from the data, or one past
    /// the last row or column a spreadsheet can have (a crafted file).
    fn refuse(&self, limits: &Limits) -> Option<SheetProblem> {
        let (top, left, bottom, right) = self.used?;
        if bottom > MAX_ROW || right > MAX_COL {
            return Some(SheetProblem::CellBeyond {
                cell: format!(
                    "{}{}",
                    crate::location::column_name(right),
                    u64::from(bottom) + 1
                ),
            });
        }
        let cells = u64::from(bottom - top + 1) * u64::from(right - left + 1);
        if cells <= limits.max_cells {
            return None;
        }
        let corner = |r: u32, c: u32| format!("{}{}", crate::location::column_name(c), r + 1);
        Some(SheetProblem::TooManyCells {
            from: corner(top, left),
            to: corner(bottom, right),
            cells,
            limit: limits.max_cells,
        })
    }
}

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

fn to_data(value: &DataRef<'_>) -> Data {
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

/// Bounds a workbook must stay within before it is parsed: crafted files (zip bombs, a cell at
/// XFD1048576) must be refused, not allowed to exhaust the machine. `JIXIAO_MAX_INFLATE_MB` and
/// `JIXIAO_MAX_CELLS` change them.
pub struct Limits {
    /// Bytes all the package's entries may inflate to.
    pub max_inflated: u64,
    /// How much larger than compressed a big entry may be.
    pub max_ratio: u64,
    /// Cells the used area of a sheet may span.
    pub max_cells: u64,
}

impl Limits {
    pub fn current() -> Limits {
        let env = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(default)
        };
        Limits {
            max_inflated: env("JIXIAO_MAX_INFLATE_MB", 2048).saturating_mul(1 << 20),
            max_ratio: 1000,
            max_cells: env("JIXIAO_MAX_CELLS", 200_000_000),
        }
    }
}

/// Reads the zip directory of an `.xlsx` / `.ods` and refuses one that would inflate beyond the
/// limits. Files that are not zips (`.xls`) pass to their reader untouched.
/// What a file the reader refused most likely is, from its first bytes: the reader's own words
/// (`Could not find EOCD`) tell an evaluator nothing they can act on.
fn diagnose(path: &Path, reader: &str) -> Unreadable {
    let mut head = [0u8; 8];
    let n = File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    let head = head.get(..n).unwrap_or_default();
    let zip_named = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "ods"]
            .iter()
            .any(|z| e.eq_ignore_ascii_case(z))
    });
    if head.starts_with(b"PK\x03\x04") {
        Unreadable::Incomplete(reader.to_string())
    } else if zip_named && head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // Excel stores a workbook with a password to open as an OLE compound file holding the
        // encrypted package; an .xlsx that is not a zip is that, or an old .xls renamed.
        Unreadable::Encrypted
    } else if head.is_empty() {
        Unreadable::Empty
    } else {
        Unreadable::Reader(reader.to_string())
    }
}

fn check_package(path: &Path, limits: &Limits) -> Result<()> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let refuse = |why: Unreadable| Err(Error::not_spreadsheet(path, why));
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            return refuse(Unreadable::ZipDamaged);
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > 10 << 20 && size / packed > limits.max_ratio {
            return refuse(Unreadable::ZipBomb {
                entry: entry.name().unwrap_or_default().to_string(),
                packed,
                size,
            });
        }
    }
    if total > limits.max_inflated {
        return refuse(Unreadable::TooLarge {
            total,
            limit: limits.max_inflated,
        });
    }
    Ok(())
}

/// The rows and columns the sheet's cells span, refused when absurd.
fn used_area(
    x: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
    limits: &Limits,
) -> std::result::Result<(), SheetProblem> {
    let reader_error = |e: calamine::XlsxError| SheetProblem::Reader(e.to_string());
    let mut reader = x.worksheet_cells_reader(name).map_err(reader_error)?;
    let mut span = Span::default();
    while let Some(cell) = reader.next_cell().map_err(reader_error)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        span.add(r, c);
    }
    span.refuse(limits).map_or(Ok(()), Err)
}

/// Runs the spreadsheet library on a file, turning a panic inside it into `None` so that a
/// crafted file becomes an error naming the file, not a crash.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    crate::guard::guarded(f).ok()
}

/// The line of a quoted field that runs to the end of the text. The CSV reader accepts it and
/// swallows the rest of the file into one cell: rows lost without a word. Read a piece at a
/// time; the characters that matter (`"`, `,`, line ends) are ASCII, which no byte of another
/// UTF-8 character can be.
fn unclosed_quote(mut text: impl Read) -> std::io::Result<Option<usize>> {
    let (mut line, mut opened_on) = (1, None);
    let mut field_start = true;
    // A quote inside a quoted field, waiting for the next byte: a second quote escapes it,
    // anything else closes the field.
    let mut quote = false;
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = text.read(&mut buf)?;
        if n == 0 {
            return Ok(if quote { None } else { opened_on });
        }
        for &b in buf.get(..n).unwrap_or_default() {
            if quote {
                quote = false;
                if b == b'"' {
                    field_start = false;
                    continue;
                }
                opened_on = None;
                field_start = false;
            }
            match (opened_on, b) {
                (None, b'"') if field_start => opened_on = Some(line),
                (Some(_), b'"') => quote = true,
                _ => {}
            }
            if b == b'\n' {
                line += 1;
            }
            field_start = opened_on.is_none() && matches!(b, b',' | b'\n' | b'\r');
        }
    }
}

/// How a CSV file's bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CsvEncoding {
    /// UTF-8 throughout, without a byte-order mark: read as it is.
    Utf8,
    /// After a UTF-8 byte-order mark: UTF-8, anything malformed replaced.
    Utf8Bom,
    /// Anything else: GB18030, the superset of the GBK that 用友 and 金蝶 export (after a UTF-16
    /// byte-order mark, UTF-16).
    Gb18030,
}

/// A CSV file's encoding, the file checked: not a workbook misnamed, every quoted field closed.
/// The file is read a piece at a time, twice (its encoding, its quotes), and never held.
fn csv_encoding(path: &Path) -> Result<CsvEncoding> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let not = |why: Unreadable| Error::not_spreadsheet(path, why);
    let mut file = File::open(path).map_err(io)?;
    let mut start = Vec::with_capacity(4);
    (&mut file).take(4).read_to_end(&mut start).map_err(io)?;
    if start.starts_with(b"PK\x03\x04") || start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(not(Unreadable::WorkbookNamedCsv));
    }
    file.rewind().map_err(io)?;
    let encoding = if start.starts_with(b"\xEF\xBB\xBF") {
        CsvEncoding::Utf8Bom
    } else if is_utf8(&mut file).map_err(io)? {
        CsvEncoding::Utf8
    } else {
        CsvEncoding::Gb18030
    };
    if let Some(line) = unclosed_quote(csv_text(path, encoding).map_err(io)?).map_err(io)? {
        return Err(not(Unreadable::UnclosedQuote { line }));
    }
    Ok(encoding)
}

/// A CSV file's text as UTF-8, decoded as it is read.
fn csv_text(path: &Path, encoding: CsvEncoding) -> std::io::Result<Box<dyn Read>> {
    let file = File::open(path)?;
    let from = match encoding {
        CsvEncoding::Utf8 => return Ok(Box::new(file)),
        CsvEncoding::Utf8Bom => encoding_rs::UTF_8,
        CsvEncoding::Gb18030 => encoding_rs::GB18030,
    };
    Ok(Box::new(
        encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(from))
            .bom_override(true)
            .strip_bom(true)
            .build(file),
    ))
}

/// How much of a file is read at a time to check or decode it.
const CHUNK: usize = 1 << 20;

/// Whether the rest of `file` is UTF-8, read a piece at a time.
fn is_utf8(file: &mut File) -> std::io::Result<bool> {
    let mut buf = vec![0u8; CHUNK];
    // Bytes of a character cut at the end of a piece, moved to the front of the next.
    let mut carried = 0;
    loop {
        let n = file.read(buf.get_mut(carried..).unwrap_or_default())?;
        if n == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + n;
        let piece = buf.get(..filled).unwrap_or_default();
        match std::str::from_utf8(piece) {
            Ok(_) => carried = 0,
            Err(e) if e.error_len().is_some() => return Ok(false),
            Err(e) => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
        }
    }
}

fn csv_reader<R: Read>(text: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text)
}

/// A CSV field as a cell: blank when it holds only spaces.
fn csv_cell(field: &str) -> Data {
    if field.trim().is_empty() {
        Data::Empty
    } else {
        Data::String(field.to_string())
    }
}

/// [`csv_cell`], borrowing the field.
fn csv_cell_ref(field: &str) -> DataRef<'_> {
    if field.trim().is_empty() {
        DataRef::Empty
    } else {
        DataRef::SharedString(field)
    }
}

/// The whole sheet of a CSV's text.
fn csv_sheet(
    text: impl Read,
    file: &Arc<str>,
    name: &Arc<str>,
) -> std::result::Result<Sheet, SheetProblem> {
    let mut rows = Vec::new();
    for record in csv_reader(text).records() {
        let record = record.map_err(|e| SheetProblem::MalformedCsv(e.to_string()))?;
        rows.push(record.iter().map(csv_cell).collect());
    }
    Ok(Sheet::from_rows(file, name, rows))
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

/// A cell's value as text. Numbers print in their shortest form (`4850`, not `4850.0`).
pub fn display(value: &Data) -> String {
    display_ref(&as_ref(value))
}

pub fn display_ref(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_string()
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

#[cfg(test)]
mod tests {

    /// How a CSV's bytes were decoded when the file was read whole, the reference for the
    /// reading in pieces: UTF-8 with or without a BOM, else GB18030 (after BOM sniffing).
    fn decoded_whole(bytes: &[u8]) -> String {
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            return String::from_utf8_lossy(rest).into_owned();
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
        }
    }

    /// Reading a CSV a piece at a time decodes it as reading it whole did, whatever its encoding
    /// and wherever a character falls across the pieces.
    #[test]
    fn a_csv_read_in_pieces_reads_as_it_did_whole() {
        let dir = tempfile::tempdir().unwrap();
        // A 3- or 4-byte character begins k bytes before a piece ends, so that the piece cuts it.
        let mut text = String::from("日期,摘要,借方\n");
        for (k, c) in [(1, '发'), (2, '€'), (3, '𠀀'), (1, '𠀀')] {
            let pad = (CHUNK - (text.len() + 1 + k) % CHUNK) % CHUNK;
            text.push_str(&"a".repeat(pad));
            text.push(',');
            text.push(c);
            text.push_str(",1000\n");
        }
        // And a GBK character, two bytes, cut the same way.
        let mut gbk = encoding_rs::GBK.encode("日期,摘要,借方\n").0.into_owned();
        for _ in 0..2 {
            let pad = (CHUNK - (gbk.len() + 2) % CHUNK) % CHUNK;
            gbk.extend(std::iter::repeat_n(b'a', pad));
            gbk.push(b',');
            gbk.extend_from_slice(&encoding_rs::GBK.encode("发放").0);
            gbk.extend_from_slice(b",1000\n");
        }
        let utf8 = text.as_bytes().to_vec();
        let bom = [b"\xEF\xBB\xBF".as_slice(), &utf8].concat();
        let mut bom_invalid = bom.clone();
        bom_invalid.extend_from_slice(b"\xD5\xC5,\xF0\x9F,\xE6\x97\n");
        let mut late_invalid = utf8.clone();
        late_invalid.extend_from_slice(b"\xD5\xC5\xCE\xB0,1\n");
        let utf16 = [
            b"\xFF\xFE".as_slice(),
            &"日期,摘要\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ]
        .concat();
        for (name, bytes) in [
            ("utf8.csv", utf8),
            ("bom.csv", bom),
            ("gbk.csv", gbk),
            ("late-invalid.csv", late_invalid),
            ("bom-invalid.csv", bom_invalid),
            ("utf16.csv", utf16),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let mut read = String::new();
            csv_text(&path, csv_encoding(&path).unwrap())
                .unwrap()
                .read_to_string(&mut read)
                .unwrap();
            assert!(read == decoded_whole(&bytes), "{name} decodes otherwise");
            // Mostly UTF-8 with a GBK tail is not UTF-8: all of it is read as GBK, as before.
            if name != "late-invalid.csv" {
                assert!(read.starts_with("日期"), "{name}");
            }
        }
    }
    use super::*;

    #[test]
    fn an_unclosed_quote_is_found_and_its_line_named() {
        let unclosed = |text: &str| unclosed_quote(text.as_bytes()).unwrap();
        assert_eq!(unclosed("a,b\n1,\"x,2\n3,4\n"), Some(2));
        assert_eq!(unclosed("a,b\n1,\"x,\n2\"\n3,\"say \"\"hi\"\"\"\n"), None);
        // A quote inside an unquoted field is a character, as the CSV reader takes it.
        assert_eq!(unclosed("a,b\n5\"寸,2\n"), None);
        // A field closed by the text's last character; one whose closing quote is escaped.
        assert_eq!(unclosed("a,\"b\""), None);
        assert_eq!(unclosed("a,\"b\"\""), Some(1));
    }

    #[test]
    fn displays_numbers_shortest() {
        assert_eq!(display(&Data::Float(4850.0)), "4850");
        assert_eq!(display(&Data::Float(0.1)), "0.1");
        assert_eq!(display(&Data::String("  记-0001 ".into())), "记-0001");
    }
}
