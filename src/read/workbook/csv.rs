//! A CSV file as a workbook of one sheet: its encoding told (UTF-8 or GBK) and its quotes checked
//! a piece at a time, its text decoded as it is read, never held whole.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::Arc;

use calamine::{Data, DataRef};

use super::Sheet;
use crate::error::{Error, Result, SheetProblem, Unreadable};

/// The line of a quoted field that runs to the end of the text. The CSV reader accepts it and
/// swallows the rest of the file into one cell: rows lost without a word. Read a piece at a
/// time; the characters that matter (`"`, `,`, line ends) are ASCII, which no byte of another
/// UTF-8 character can be.
pub(super) fn unclosed_quote(mut text: impl Read) -> std::io::Result<Option<usize>> {
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
pub(super) enum CsvEncoding {
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
pub(super) fn csv_encoding(path: &Path) -> Result<CsvEncoding> {
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
    file.rewind().map_err(io)?;
    // UTF-16 (after its byte-order mark) is decoded whole by its mark; its lines are not bytes
    // of text to check one by one.
    let utf16 = start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF");
    if let Some(problem) = check_lines(&mut file, encoding, utf16).map_err(io)? {
        return Err(not(problem));
    }
    if let Some(line) = unclosed_quote(csv_text(path, encoding).map_err(io)?).map_err(io)? {
        return Err(not(Unreadable::UnclosedQuote { line }));
    }
    Ok(encoding)
}

/// The most fields a line may have: Excel's columns.
const MAX_FIELDS: usize = 16_384;

/// Each line of a CSV file checked before it is read, a piece at a time, never held: no longer
/// than the cap (one 300 MB line took 2 GB to read; a file of commas aborted the process), no
/// more fields than a spreadsheet's columns, and text in the file's encoding — a line that does
/// not decode, or a UTF-8 line in a GBK file, would be garbled without a word.
fn check_lines(
    file: &mut File,
    encoding: CsvEncoding,
    utf16: bool,
) -> std::io::Result<Option<Unreadable>> {
    let limit = crate::file::cap_from_env("JIXIAO_MAX_CSV_LINE_MB", 16);
    let mut buf = vec![0u8; CHUNK];
    // The line so far when it runs across pieces; a line within a piece is checked in place.
    let (mut line, mut current, mut fields) = (1usize, Vec::new(), 1usize);
    // A line ended by `\r`: a `\n` right after it ends nothing more (`\r\n`).
    let mut after_cr = false;
    let check = |bytes: &[u8], line: usize| line_problem(bytes, encoding, line).filter(|_| !utf16);
    loop {
        let n = file.read(&mut buf)?;
        let piece = buf.get(..n).unwrap_or_default();
        if n == 0 {
            return Ok(check(&current, line));
        }
        let mut start = 0;
        while start < piece.len() {
            let rest = piece.get(start..).unwrap_or_default();
            // The CSV reader ends a line at `\n`, `\r` or `\r\n`, and so does this.
            let end = rest.iter().position(|&b| b == b'\n' || b == b'\r');
            let segment = rest.get(..end.unwrap_or(rest.len())).unwrap_or_default();
            fields += segment.iter().filter(|&&b| b == b',').count();
            if fields > MAX_FIELDS {
                return Ok(Some(Unreadable::TooManyFields {
                    line,
                    limit: MAX_FIELDS,
                }));
            }
            if (current.len() + segment.len()) as u64 > limit {
                return Ok(Some(Unreadable::LineTooLong { line, limit }));
            }
            let Some(end) = end else {
                current.extend_from_slice(segment);
                break;
            };
            let terminator = rest.get(end).copied().unwrap_or(b'\n');
            start += end + 1;
            if terminator == b'\n' && after_cr && segment.is_empty() && current.is_empty() {
                after_cr = false;
                continue;
            }
            after_cr = terminator == b'\r';
            let problem = if current.is_empty() {
                check(segment, line)
            } else {
                current.extend_from_slice(segment);
                check(&current, line)
            };
            if problem.is_some() {
                return Ok(problem);
            }
            current.clear();
            (line, fields) = (line + 1, 1);
        }
    }
}

/// What is wrong with one line's bytes in the file's encoding, if anything.
fn line_problem(bytes: &[u8], encoding: CsvEncoding, line: usize) -> Option<Unreadable> {
    if bytes.is_ascii() {
        return None;
    }
    match encoding {
        // The whole file was found to be UTF-8.
        CsvEncoding::Utf8 => None,
        CsvEncoding::Utf8Bom => {
            std::str::from_utf8(bytes)
                .is_err()
                .then_some(Unreadable::NotDecodable {
                    line,
                    encoding: "UTF-8",
                })
        }
        CsvEncoding::Gb18030 => {
            // A GBK line of Chinese is almost never valid UTF-8 by accident: a line that is,
            // with Chinese (three-byte characters) and no two-byte ones, is the UTF-8 the file
            // was pasted with. A few GBK pairs are two-byte UTF-8 (元 is D4 AA, U+052A): a
            // line of those is GBK.
            if let Ok(text) = std::str::from_utf8(bytes)
                && text.chars().any(|c| c >= '\u{800}')
                && !text.chars().any(|c| ('\u{80}'..'\u{800}').contains(&c))
            {
                return Some(Unreadable::MixedEncoding { line });
            }
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(bytes)
                .is_none()
                .then_some(Unreadable::NotDecodable {
                    line,
                    encoding: "GBK (GB18030)",
                })
        }
    }
}

/// A CSV file's text as UTF-8, decoded as it is read.
pub(super) fn csv_text(path: &Path, encoding: CsvEncoding) -> std::io::Result<Box<dyn Read>> {
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
pub(super) const CHUNK: usize = 1 << 20;

/// Whether the rest of `file` is UTF-8, read a piece at a time.
pub(super) fn is_utf8(file: &mut File) -> std::io::Result<bool> {
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

pub(super) fn csv_reader<R: Read>(text: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text)
}

/// A CSV field as a cell: blank when it holds only spaces.
pub(super) fn csv_cell(field: &str) -> Data {
    if field.trim().is_empty() {
        Data::Empty
    } else {
        Data::String(field.to_string())
    }
}

/// [`csv_cell`], borrowing the field.
pub(super) fn csv_cell_ref(field: &str) -> DataRef<'_> {
    if field.trim().is_empty() {
        DataRef::Empty
    } else {
        DataRef::SharedString(field)
    }
}

/// The whole sheet of a CSV's text.
pub(super) fn csv_sheet(
    text: impl Read,
    file: &Arc<str>,
    name: &Arc<str>,
) -> std::result::Result<Sheet, SheetProblem> {
    let mut rows: Vec<Vec<Data>> = Vec::new();
    let mut reader = csv_reader(text);
    let mut record = csv::StringRecord::new();
    loop {
        let before = reader.position().line();
        let more = reader
            .read_record(&mut record)
            .map_err(|e| SheetProblem::MalformedCsv(e.to_string()))?;
        if !more {
            break;
        }
        // Blank lines are rows in a spreadsheet, though the CSV reader passes over them.
        let blank = blank_lines_before(before, reader.position().line(), &record);
        for _ in 0..blank {
            rows.push(Vec::new());
        }
        rows.push(record.iter().map(csv_cell).collect());
    }
    Ok(Sheet::from_rows(file, name, rows))
}

/// The blank lines the CSV reader passed over before `record`, which began on line `before` or
/// after it and ended before line `after`: the lines it took, less its own and the line breaks
/// inside its quoted fields. A spreadsheet shows each blank line as a row, so cell references
/// count them.
pub(super) fn blank_lines_before(before: u64, after: u64, record: &csv::StringRecord) -> u64 {
    let inside: u64 = record
        .iter()
        .map(|f| f.bytes().filter(|b| *b == b'\n').count() as u64)
        .sum();
    after.saturating_sub(before).saturating_sub(1 + inside)
}

#[cfg(test)]
mod blank_lines {
    /// Regression: an item on line 10 was reported at row 7, the header's row when the file is
    /// opened in a spreadsheet.
    #[test]
    fn blank_lines_are_counted_and_quoted_line_breaks_are_not() {
        let text = "a\n\nb,c\n\n\nd\n\"x\ny\"\ne";
        let mut reader = super::csv_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut blanks = Vec::new();
        loop {
            let before = reader.position().line();
            if !reader.read_record(&mut record).expect("reads") {
                break;
            }
            blanks.push(super::blank_lines_before(
                before,
                reader.position().line(),
                &record,
            ));
        }
        assert_eq!(blanks, [0, 1, 2, 0, 0]);
    }
}
