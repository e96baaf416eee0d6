//! The bounds a workbook must stay within before it is parsed, and what a refused file most
//! likely is: crafted files (zip bombs, a cell at XFD1048576) are refused with a message, never
//! allowed to exhaust the machine.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use crate::error::{Error, Overlong, Result, SheetProblem, Unreadable};

/// Bounds a workbook must stay within before it is parsed: crafted files (zip bombs, a cell at
/// XFD1048576) must be refused, not allowed to exhaust the machine. `JIXIAO_MAX_INFLATE_MB`,
/// `JIXIAO_MAX_CELLS`, `JIXIAO_MAX_STRINGS_MB` and `JIXIAO_MAX_CELL_MB` change them.
pub struct Limits {
    /// Bytes all the package's entries may inflate to.
    pub max_inflated: u64,
    /// How much larger than compressed a big entry may be.
    pub max_ratio: u64,
    /// Cells the used area of a sheet may span.
    pub max_cells: u64,
    /// Bytes the shared-strings table may inflate to: the reader holds it whole (reserved at
    /// its inflated size) before any sheet is read.
    pub max_strings: u64,
    /// Bytes one text or tag of the XML may hold: a cell's text, above all. The XML reader
    /// holds each whole (one 200 MB cell took 609 MB); Excel's cells hold 32,767 characters.
    pub max_cell: u64,
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
            max_strings: env("JIXIAO_MAX_STRINGS_MB", 512).saturating_mul(1 << 20),
            max_cell: env("JIXIAO_MAX_CELL_MB", 16).saturating_mul(1 << 20),
        }
    }
}

/// What the spreadsheet library's error on a sheet is: a text or tag past the cap on one
/// cell's text (named by its cell when it is a cell's value), or its own words.
pub(super) fn sheet_problem(error: &(dyn std::error::Error + 'static)) -> SheetProblem {
    if let Some(o) = overlong(error) {
        return SheetProblem::Overlong(o);
    }
    // A reference past what any sheet holds is said as a cell past the last row or column,
    // in the user's words.
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(calamine::XlsxError::CellReferenceBeyond(cell)) = e.downcast_ref() {
            return SheetProblem::CellBeyond { cell: cell.clone() };
        }
        next = e.source();
    }
    SheetProblem::Reader(error.to_string())
}

/// The text or tag past the cap behind `error`, with the cell it belongs to, if any.
pub(super) fn overlong(error: &(dyn std::error::Error + 'static)) -> Option<Overlong> {
    let found = calamine::overlong(error)?;
    let mut cell = None;
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(calamine::XlsxError::CellValue { pos: (r, c), .. }) = e.downcast_ref() {
            cell = Some(format!(
                "{}{}",
                crate::location::column_name(*c),
                u64::from(*r) + 1
            ));
            break;
        }
        next = e.source();
    }
    Some(Overlong {
        cell,
        part: found.part.clone(),
        start: found.start,
        limit: found.limit,
    })
}

/// What a file the reader refused most likely is, from its first bytes: the reader's own words
/// (`Could not find EOCD`) tell an evaluator nothing they can act on.
pub(super) fn diagnose(path: &Path, reader: &str) -> Unreadable {
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

/// Reads the zip directory of an `.xlsx` / `.ods` and refuses one that would inflate beyond the
/// limits. Files that are not zips (`.xls`) pass to their reader untouched.
pub(super) fn check_package(path: &Path, limits: &Limits) -> Result<()> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let refuse = |why: Unreadable| Err(Error::not_spreadsheet(path, why));
    if let Some(name) = repeated_entry(path) {
        return refuse(Unreadable::DuplicateEntry(name));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            return refuse(Unreadable::ZipDamaged);
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        // A table that inflated to 1.2 GB cost 1.2 GB before the reader found the sheet had no
        // header; the 1,000,000-posting ledger's is 100 MB.
        let name = entry.name().unwrap_or_default();
        if name.ends_with("sharedStrings.xml") && size > limits.max_strings {
            return refuse(Unreadable::StringsTooLarge {
                size,
                limit: limits.max_strings,
            });
        }
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

/// A name the zip's central directory gives to two entries, read from the directory itself:
/// the zip reader keeps one entry per name and does not say. None for a zip64 package (whose
/// directory lies elsewhere) or a directory that cannot be read, which the reader judges.
fn repeated_entry(path: &Path) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    // The end record is 22 bytes and a comment of at most 65,535.
    let tail = len.min(22 + 65_535);
    file.seek(SeekFrom::Start(len - tail)).ok()?;
    let mut bytes = Vec::new();
    (&mut file).take(tail).read_to_end(&mut bytes).ok()?;
    let at = (0..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes.get(i..i + 4) == Some(&[0x50, 0x4B, 0x05, 0x06][..]))?;
    let u16_at = |b: &[u8], i: usize| Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]));
    let u32_at = |b: &[u8], i: usize| {
        Some(u32::from_le_bytes([
            *b.get(i)?,
            *b.get(i + 1)?,
            *b.get(i + 2)?,
            *b.get(i + 3)?,
        ]))
    };
    let (size, offset) = (u32_at(&bytes, at + 12)?, u32_at(&bytes, at + 16)?);
    if size == u32::MAX || offset == u32::MAX || size > 16 << 20 {
        return None;
    }
    file.seek(SeekFrom::Start(u64::from(offset))).ok()?;
    let mut directory = Vec::new();
    file.take(u64::from(size))
        .read_to_end(&mut directory)
        .ok()?;
    let mut names = std::collections::HashSet::new();
    let mut i = 0;
    while directory.get(i..i + 4) == Some(&[0x50, 0x4B, 0x01, 0x02][..]) {
        let name_len = usize::from(u16_at(&directory, i + 28)?);
        let extra = usize::from(u16_at(&directory, i + 30)?);
        let comment = usize::from(u16_at(&directory, i + 32)?);
        let name = String::from_utf8_lossy(directory.get(i + 46..i + 46 + name_len)?).into_owned();
        if !names.insert(name.clone()) {
            return Some(name);
        }
        i += 46 + name_len + extra + comment;
    }
    None
}

/// The rows and columns the sheet's cells span, refused when absurd.
pub(super) fn used_area(
    x: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
    limits: &Limits,
) -> std::result::Result<(), SheetProblem> {
    let reader_error = |e: calamine::XlsxError| sheet_problem(&e);
    let mut reader = x.worksheet_cells_reader(name).map_err(reader_error)?;
    let mut span = Span::default();
    // Cells in order (as every writer writes them) cannot repeat; out of order, their places
    // are kept to find a cell written twice, whose later copy the reading would take without a
    // word (a repeated `<row r=6>` made 25,000 of spending 113,000).
    let (mut previous, mut unsorted) = (None, false);
    while let Some(cell) = reader.next_cell().map_err(reader_error)? {
        let (r, c) = cell.get_position();
        unsorted |= previous.is_some_and(|p| (r, c) <= p);
        previous = Some((r, c));
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        span.add(r, c);
    }
    drop(reader);
    if let Some(why) = span.refuse(limits) {
        return Err(why);
    }
    if unsorted {
        return repeated_cell(x, name);
    }
    Ok(())
}

/// A cell the sheet writes twice, found by reading its places again and sorting them.
fn repeated_cell(
    x: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
) -> std::result::Result<(), SheetProblem> {
    let reader_error = |e: calamine::XlsxError| sheet_problem(&e);
    let mut reader = x.worksheet_cells_reader(name).map_err(reader_error)?;
    let mut places = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(reader_error)? {
        let (r, c) = cell.get_position();
        places.push((r, c));
    }
    places.sort_unstable();
    match places.windows(2).find_map(|w| match w {
        [a, b] if a == b => Some(*a),
        _ => None,
    }) {
        Some((r, c)) => Err(SheetProblem::DuplicateCell {
            cell: format!("{}{}", crate::location::column_name(c), u64::from(r) + 1),
        }),
        None => Ok(()),
    }
}

/// The last row and column (0-based) of an Excel sheet: 1048576 and XFD.
pub(super) const MAX_ROW: u32 = 1_048_575;
pub(super) const MAX_COL: u32 = 16_383;

/// The rows and columns a sheet's cells span so far.
#[derive(Default)]
pub(super) struct Span {
    used: Option<(u32, u32, u32, u32)>,
}

impl Span {
    pub(super) fn add(&mut self, r: u32, c: u32) {
        self.used = Some(match self.used {
            None => (r, c, r, c),
            Some((top, left, bottom, right)) => {
                (top.min(r), left.min(c), bottom.max(r), right.max(c))
            }
        });
    }

    /// Why the span is refused, when it is absurd: a stray cell far from the data, or one past
    /// the last row or column a spreadsheet can have (a crafted file).
    pub(super) fn refuse(&self, limits: &Limits) -> Option<SheetProblem> {
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
