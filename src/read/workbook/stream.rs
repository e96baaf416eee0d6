//! A sheet read row by row into a [`RowSink`]: an xlsx streamed (the XML parsed on one thread
//! while the rows are read on another), a CSV decoded as it is read, anything else read whole and
//! handed over the same way, so that one reader serves every format.

use std::io::Read;
use std::sync::Arc;

use calamine::{Data, DataRef, Sheets};

use super::cell::{display_ref, to_data, trimmed};
use super::csv::{blank_lines_before, csv_cell, csv_cell_ref, csv_reader, csv_text};
use super::limits::{Limits, Span, sheet_problem};
use super::pieces;
use super::{Sheet, Source, Workbook, guarded};
use crate::error::{Error, Result, SheetProblem};

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
            DataRef::SharedString(s) => std::borrow::Cow::Borrowed(trimmed(s)),
            DataRef::String(s) => std::borrow::Cow::Borrowed(trimmed(s)),
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
            trimmed(s).is_empty()
        }
        DataRef::SharedString(s) => trimmed(s).is_empty(),
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

/// How a sheet is read: streamed row by row where the reader can (xlsx; a large sheet's XML in
/// pieces on two threads), or whole. The environment variable `JIXIAO_READ=range` forces
/// whole-sheet reading and `JIXIAO_READ=pieces` the pieces for every sheet, cut every few
/// kilobytes, which the tests use to prove all give the same result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadMode {
    Stream,
    Range,
    Pieces,
}

impl ReadMode {
    pub fn current() -> ReadMode {
        match std::env::var("JIXIAO_READ") {
            Ok(v) if v.eq_ignore_ascii_case("range") => ReadMode::Range,
            Ok(v) if v.eq_ignore_ascii_case("pieces") => ReadMode::Pieces,
            _ => ReadMode::Stream,
        }
    }
}

impl Workbook {
    /// Reads sheet `name` into `sink`: streamed for an xlsx (only the current row and the
    /// shared strings in memory), whole for the formats whose reader has no stream.
    pub fn read_rows(&mut self, name: &str, sink: &mut dyn RowSink) -> Result<()> {
        if matches!(self.source, Source::Csv { .. }) && ReadMode::current() != ReadMode::Range {
            return self.stream_csv(name, sink);
        }
        let streamable =
            matches!(&self.source, Source::Spreadsheet(s) if matches!(s.as_ref(), Sheets::Xlsx(_)));
        if streamable && ReadMode::current() != ReadMode::Range {
            let mut in_pieces = true;
            loop {
                match self.stream_rows(name, sink, in_pieces)? {
                    Streamed::Done => return Ok(()),
                    // A piece that cannot be read alone: what was read is forgotten and the
                    // sheet streamed again in one piece, which gives its result or its error.
                    Streamed::OnePiece if in_pieces => {
                        sink.restart();
                        in_pieces = false;
                    }
                    // Rows out of order in the XML (some exporters write them so): what was
                    // read is forgotten and the sheet read whole, which sorts them.
                    Streamed::Unsorted | Streamed::NoThread | Streamed::OnePiece => {
                        sink.restart();
                        break;
                    }
                }
            }
        }
        let sheet = self.sheet(name)?;
        sink.head(&sheet)
    }

    /// A CSV workbook's one sheet, by name, and its text decoded as it is read. The sheet is
    /// read once; a spreadsheet has no such sheet.
    pub(super) fn open_csv(&mut self, name: &str) -> Result<(Arc<str>, Box<dyn Read>)> {
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
            let before = reader.position().line();
            let more = reader
                .read_record(&mut record)
                .map_err(|e| sheet_error(SheetProblem::MalformedCsv(e.to_string())))?;
            if !more {
                break;
            }
            // Blank lines are rows in a spreadsheet, though the CSV reader passes over them: an
            // item on line 10 is row 10, not the header's row 7.
            let blank = blank_lines_before(before, reader.position().line(), &record);
            let index = next
                .and_then(|n| n.checked_add(u32::try_from(blank).ok()?))
                .ok_or_else(|| sheet_error(SheetProblem::TooManyRows))?;
            next = index.checked_add(1);
            if !head_done {
                while (head.len() as u64) < u64::from(index.min(head_rows)) {
                    head.push(Vec::new());
                }
            }
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

    fn stream_rows(
        &mut self,
        name: &str,
        sink: &mut dyn RowSink,
        in_pieces: bool,
    ) -> Result<Streamed> {
        let Source::Spreadsheet(sheets) = &mut self.source else {
            return Ok(Streamed::NoThread);
        };
        let Sheets::Xlsx(x) = sheets.as_mut() else {
            return Ok(Streamed::NoThread);
        };
        let file = Arc::clone(&self.name);
        let sheet_error = |why: SheetProblem| Error::sheet(&file, name, why);
        let reader_error = |e: calamine::XlsxError| sheet_error(sheet_problem(&e));
        let is_1904 = x.has_1904_epoch();
        let limits = Limits::current();
        let failed = || sheet_error(SheetProblem::ReaderFailed);
        // A large sheet is parsed in pieces on two threads where there are two cores.
        let forced = ReadMode::current() == ReadMode::Pieces;
        let in_pieces = in_pieces
            && (forced
                || std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
                    && guarded(|| x.worksheet_part(name).map(|(entry, _, _)| entry.size()))
                        .and_then(|size| size.ok())
                        .is_some_and(|size| size >= pieces::MIN_SIZE));
        let piece_size = if forced { 2048 } else { pieces::PIECE };
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
        // Inflating, parsing the XML and reading the rows each take a thread: the sheet of a
        // million postings written with inline strings is 650 MB of XML, and inflating it took
        // a third of the parsing thread's time.
        std::thread::scope(|scope| {
            let mut source = if in_pieces {
                let (entry, part, context) = guarded(|| x.worksheet_part(name))
                    .ok_or_else(failed)?
                    .map_err(reader_error)?;
                let (cutter, parsers, cells) = pieces::pieces(entry, &part, context, 2, piece_size);
                let cutting = std::thread::Builder::new().spawn_scoped(scope, move || {
                    let _ = guarded(move || cutter.run());
                });
                if cutting.is_err() {
                    return Ok(Streamed::NoThread);
                }
                for parser in parsers {
                    let parsing = std::thread::Builder::new().spawn_scoped(scope, move || {
                        let _ = guarded(move || {
                            parser.run::<std::io::BufReader<std::fs::File>>();
                        });
                    });
                    if parsing.is_err() {
                        return Ok(Streamed::NoThread);
                    }
                }
                CellSource::Pieces(cells)
            } else {
                let (inflate, cells) = guarded(|| x.worksheet_cells_reader_piped(name))
                    .ok_or_else(failed)?
                    .map_err(reader_error)?;
                let inflating = std::thread::Builder::new()
                    .spawn_scoped(scope, move || guarded(move || inflate.run()).is_some());
                let Ok(inflating) = inflating else {
                    return Ok(Streamed::NoThread);
                };
                // A panic while inflating ends the part early: said as the failure it is, not
                // as the sheet's XML ending too soon.
                let reader = match guarded(|| cells.start()) {
                    Some(Ok(reader)) => reader,
                    Some(Err(e)) => {
                        if !matches!(inflating.join(), Ok(true)) {
                            return Err(failed());
                        }
                        return Err(reader_error(e));
                    }
                    None => return Err(failed()),
                };
                CellSource::One(Box::new(reader), inflating)
            };
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
                    let mut last_col: Option<u32> = None;
                    loop {
                        let ((r, c), value) = match source.next_cell() {
                            Ok(Some(cell)) => cell,
                            Ok(None) => break,
                            Err(Next::Reader(e)) => return Err(reader_error(e)),
                            Err(Next::OnePiece) => return Ok(Streamed::OnePiece),
                        };
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
                                // Emptied here, where its texts were made: freed on
                                // the thread that allocated them (an inline-string sheet
                                // allocates a text per cell, and freeing them on the other
                                // thread cost a third more CPU in the allocator's locks).
                                let mut next = back_rx.try_recv().unwrap_or_default();
                                next.clear();
                                if tx.send(std::mem::replace(&mut batch, next)).is_err() {
                                    return Ok(Streamed::Done);
                                }
                            }
                            batch.start_row(r);
                        } else if last_col.is_some_and(|last| c <= last) {
                            // A cell again, or cells out of order within the row: the whole
                            // reading finds which (a cell written twice is refused there).
                            return Ok(Streamed::Unsorted);
                        }
                        last_col = Some(c);
                        batch.set(c, value);
                    }
                    batch.close_row();
                    let _ = tx.send(batch);
                    source.finished().map_err(|()| failed())?;
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
                for batch in rx.iter() {
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
            if parsed != Streamed::Done {
                return Ok(parsed);
            }
            outcome?;
            if !head_done {
                finish_head(&mut head, false, sink)?;
            }
            Ok(Streamed::Done)
        })
    }
}

/// Where a streamed sheet's cells come from: one reader, its XML inflated on a thread of its
/// own (whose end is joined after the last cell), or pieces parsed on two threads.
enum CellSource<'a, 's> {
    One(
        Box<calamine::XlsxCellReader<'a, std::io::BufReader<std::fs::File>>>,
        std::thread::ScopedJoinHandle<'s, bool>,
    ),
    Pieces(pieces::Cells<'a>),
}

/// Why the next cell is not there.
enum Next {
    Reader(calamine::XlsxError),
    OnePiece,
}

impl<'a> CellSource<'a, '_> {
    fn next_cell(&mut self) -> std::result::Result<Option<pieces::Cell<'a>>, Next> {
        match self {
            CellSource::One(reader, _) => match reader.next_cell() {
                Ok(Some(cell)) => Ok(Some((cell.get_position(), cell.get_value().clone()))),
                Ok(None) => Ok(None),
                Err(e) => Err(Next::Reader(e)),
            },
            CellSource::Pieces(cells) => cells.next_cell().map_err(|_| Next::OnePiece),
        }
    }

    /// After the last cell: a panic while inflating ended the part early, and is said as the
    /// failure it is, not as the sheet's XML ending too soon.
    fn finished(self) -> std::result::Result<(), ()> {
        match self {
            CellSource::One(reader, inflating) => {
                drop(reader);
                match inflating.join() {
                    Ok(true) => Ok(()),
                    _ => Err(()),
                }
            }
            CellSource::Pieces(_) => Ok(()),
        }
    }
}

/// How streaming a sheet ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Streamed {
    Done,
    /// A piece of the sheet could not be read alone: stream it in one piece.
    OnePiece,
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
