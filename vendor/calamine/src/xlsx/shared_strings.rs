// SPDX-License-Identifier: MIT
//
// PATCHED by jixiao (see PATCHED.md at the root of this copy): not in calamine 0.38.0.

//! The shared-strings table (`xl/sharedStrings.xml`), held in one buffer.
//!
//! Upstream holds the table as a `Vec<String>`: a 24-byte header and a heap block of its own per
//! string, about 40 bytes per string before its text. A ledger of a million postings has two
//! million distinct strings, and the table was the largest thing its evaluation held
//! (tafia/calamine#362). Here each string's text is appended to one buffer, and a string is
//! the span between the end of the one before it and its own end: 4 bytes per string.
//!
//! A large table is also read in pieces on several threads ([`read_in_pieces`]): loading it
//! comes before the first cell of a sheet can be read, with every other core idle.

use std::collections::BTreeMap;
use std::io::{Read, Seek};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Mutex;

use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;
use zip::read::ZipArchive;

use super::{read_string_with_bufs, XlsxError};

/// The workbook's shared strings, in the order of their indices.
#[derive(Debug, Default)]
pub struct SharedStrings {
    text: String,
    /// Where each string ends in `text`; string `i` starts where string `i - 1` ends.
    ends: Vec<u32>,
}

impl SharedStrings {
    /// The most entries reserved from the table's own `uniqueCount` attribute: the count is the
    /// file's word, and a wrong one must not allocate gigabytes before a string is read.
    const MAX_RESERVED: usize = 1 << 24;

    /// Reserves room for the `count` strings the table declares.
    pub(crate) fn reserve(&mut self, count: usize) {
        self.ends.reserve(count.min(Self::MAX_RESERVED));
    }

    /// Reserves room for the table's text, at most `bytes` (the size of its XML, which is never
    /// less than the text it holds). Growing the buffer by doubling instead would copy it
    /// whenever it sits below other allocations, and leave the old copies resident: at 400k
    /// strings, 5 MB more at the peak than reserving. The reservation is a hint: pages the text
    /// never reaches are never touched, and a size the system cannot give is not an error.
    pub(crate) fn reserve_text(&mut self, bytes: u64) {
        let bytes = usize::try_from(bytes.min(u64::from(u32::MAX))).unwrap_or(0);
        let _ = self.text.try_reserve_exact(bytes);
    }

    /// Appends the next string.
    pub(crate) fn push(&mut self, s: &str) -> Result<(), XlsxError> {
        self.text.push_str(s);
        let end = u32::try_from(self.text.len()).map_err(|_| {
            XlsxError::Unexpected("shared strings table holds more than 4 GiB of text")
        })?;
        self.ends.push(end);
        Ok(())
    }

    /// Gives back what growing the buffers reserved beyond their contents.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Appends the strings of `part`, in order.
    fn append(&mut self, part: &SharedStrings) -> Result<(), XlsxError> {
        let offset = self.text.len();
        self.text.push_str(&part.text);
        let too_large =
            || XlsxError::Unexpected("shared strings table holds more than 4 GiB of text");
        for end in &part.ends {
            let end = u32::try_from(offset + *end as usize).map_err(|_| too_large())?;
            self.ends.push(end);
        }
        if u32::try_from(self.text.len()).is_err() {
            return Err(too_large());
        }
        Ok(())
    }

    /// The string at `index`, or `None` past the end of the table.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// How many strings the table holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table holds no string.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// How a table is cut for [`read_in_pieces`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pieces {
    /// A table whose XML is smaller is read in one piece, on the calling thread.
    pub min_size: u64,
    /// How much of the XML is inflated before it is cut into a piece.
    pub chunk: usize,
    /// A piece with no end of a string in this many bytes is not a table that can be cut.
    pub max_piece: usize,
    /// The threads that parse pieces, at most; fewer when the machine has fewer cores.
    pub max_threads: usize,
}

impl Default for Pieces {
    fn default() -> Self {
        Pieces {
            min_size: 8 << 20,
            chunk: 512 << 10,
            max_piece: 64 << 20,
            max_threads: 4,
        }
    }
}

/// One piece of the table's XML, parsed.
struct Parsed {
    strings: SharedStrings,
    /// How many times the piece opened `<sst>`, counting the opening put before every piece
    /// but the first.
    opened: usize,
    /// The piece held a string before it opened `<sst>`.
    early: bool,
    /// The piece closed `</sst>`: at its very end, or before it.
    closed: Option<Closed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closed {
    AtEnd,
    Before,
}

/// Reads a large shared-strings table in pieces, parsed on several threads.
///
/// The table is read while it is inflated, cut after the end of a string (`</si>`), and each
/// piece is parsed by the same code as a table read whole; the pieces' strings are joined in
/// order. On the two cores of a million-posting ledger's evaluation this takes the table's load
/// from 0.7–0.9 s, all of it before the first cell of the sheet, to about half.
///
/// Gives `None` for anything it does not read exactly as the table read whole would be: a
/// small table, one core, a piece that does not parse, a table that does not open and close
/// as one `<sst>` element, a comment, processing instruction or CDATA section (where `</si>`
/// could be text), or an archive that does not inflate. The caller then reads the table whole,
/// which gives its result or its error.
pub(crate) fn read_in_pieces<RS: Read + Seek>(
    zip: &mut ZipArchive<RS>,
    path: &str,
    cut: Pieces,
) -> Option<SharedStrings> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(cut.max_threads);
    let mut file = zip.by_name(path).ok()?;
    let size = file.size();
    if threads < 2 || size < cut.min_size {
        return None;
    }
    let mut table = SharedStrings::default();
    table.reserve_text(size);

    // (the piece's number, (its XML, whether it is the last))
    type Job = (usize, (Vec<u8>, bool));
    let (jobs, queue) = sync_channel::<Job>(threads);
    let queue: Mutex<Receiver<Job>> = Mutex::new(queue);
    let (done, results) = channel::<(usize, Result<Parsed, XlsxError>)>();
    // The threads end when `jobs` is dropped: at the end of the scope's closure, which owns it,
    // however that ends.
    let (queue, table_ref) = (&queue, &mut table);
    std::thread::scope(move |scope| {
        let table = table_ref;
        let mut started = 0;
        for _ in 0..threads {
            let done = done.clone();
            let worker = move || loop {
                let job = match queue.lock() {
                    Ok(q) => q.recv(),
                    Err(_) => return,
                };
                let Ok((i, piece)) = job else { return };
                // Only the last piece is read to its end without a `</sst>` of its own, and which
                // is last is known only once it is sent: it is sent without one, and the
                // others with.
                let (piece, last) = piece;
                if done.send((i, parse(&piece, i > 0, !last))).is_err() {
                    return;
                }
            };
            if std::thread::Builder::new()
                .spawn_scoped(scope, worker)
                .is_ok()
            {
                started += 1;
            }
        }
        drop(done);
        if started == 0 {
            return None;
        }

        // The pieces parsed so far, joined in order as they come back.
        let mut waiting: BTreeMap<usize, Parsed> = BTreeMap::new();
        let mut next = 0;
        let mut sent = 0;
        let mut join = |parsed: (usize, Result<Parsed, XlsxError>),
                        table: &mut SharedStrings,
                        last: Option<usize>|
         -> Option<()> {
            let (i, parsed) = parsed;
            waiting.insert(i, parsed.ok()?);
            while let Some(piece) = waiting.remove(&next) {
                let first = next == 0;
                let is_last = last == Some(next);
                // What reading the table whole requires and reads: one `<sst>`, opened in the
                // first piece before any string, and closed in the last. A piece before the
                // last must be closed by the `</sst>` put after it and by nothing earlier (a
                // string's stray end tag closes the table early, read whole).
                let closed_right = if is_last {
                    piece.closed.is_some()
                } else {
                    piece.closed == Some(Closed::AtEnd)
                };
                if piece.opened != 1 || (first && piece.early) || !closed_right {
                    return None;
                }
                table.append(&piece.strings).ok()?;
                next += 1;
            }
            Some(())
        };

        let mut pending: Vec<u8> = Vec::with_capacity(cut.chunk * 2);
        let last = loop {
            let filled = pending.len();
            pending.resize(filled + cut.chunk, 0);
            let read = read_full(&mut file, pending.get_mut(filled..)?).ok()?;
            pending.truncate(filled + read);
            let end = read < cut.chunk;
            // What was just read, and the byte before it (a marker cut across two reads); in
            // the first piece, all that follows the XML declaration, which may have come in
            // several reads.
            let scan_from = if sent == 0 {
                prolog_end(&pending)
            } else {
                filled.saturating_sub(1)
            };
            if has_markup_declarations(pending.get(scan_from..)?) {
                return None;
            }
            let cut_at = if end {
                Some(pending.len())
            } else {
                last_string_end(&pending)
            };
            match cut_at {
                // Only the first piece holds the XML declaration: a table in another encoding
                // than UTF-8 would be decoded as UTF-8 in the others.
                Some(_) if sent == 0 && !utf8(&pending) => return None,
                Some(at) => {
                    let rest = pending.split_off(at);
                    let piece = std::mem::replace(&mut pending, rest);
                    jobs.send((sent, (piece, end))).ok()?;
                    sent += 1;
                }
                None if pending.len() > cut.max_piece => return None,
                None => {}
            }
            if end {
                break sent - 1;
            }
            while let Ok(parsed) = results.try_recv() {
                join(parsed, table, None)?;
            }
        };
        drop(jobs);
        // The last piece is known only now: pieces joined before were not the last.
        for parsed in results.iter() {
            join(parsed, table, Some(last))?;
        }
        (next == sent).then_some(())
    })?;
    table.shrink_to_fit();
    Some(table)
}

/// Reads until `buf` is full or the input ends, and says how much was read.
fn read_full(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut read = 0;
    while let Some(rest) = buf.get_mut(read..).filter(|r| !r.is_empty()) {
        match input.read(rest) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(read)
}

/// Where the XML declaration (`<?xml … ?>`) at the start of the table ends, past a BOM; all of
/// `xml` while it may still be the start of one.
fn prolog_end(xml: &[u8]) -> usize {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    const DECLARATION: &[u8] = b"<?xml";
    if BOM.starts_with(xml) {
        return xml.len();
    }
    let start = if xml.starts_with(BOM) { BOM.len() } else { 0 };
    match xml.get(start..) {
        Some(rest) if DECLARATION.starts_with(rest) => xml.len(),
        Some(rest) if rest.starts_with(DECLARATION) => memchr::memmem::find(rest, b"?>")
            .map_or(xml.len(), |at| start + at + 2),
        _ => start,
    }
}

/// Whether the table, whose start `xml` is, is in UTF-8: no byte-order mark of UTF-16, and no
/// declaration of another encoding (`<?xml version="1.0" encoding="GBK"?>`).
fn utf8(xml: &[u8]) -> bool {
    if xml.starts_with(b"\xFF\xFE") || xml.starts_with(b"\xFE\xFF") {
        return false;
    }
    let start = if xml.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let Some(rest) = xml.get(start..).filter(|r| r.starts_with(b"<?xml")) else {
        return true;
    };
    let Some(declaration) = memchr::memmem::find(rest, b"?>").and_then(|end| rest.get(..end))
    else {
        return false;
    };
    let Some(after) = memchr::memmem::find(declaration, b"encoding")
        .and_then(|at| declaration.get(at + b"encoding".len()..))
    else {
        return true;
    };
    let value = after
        .iter()
        .position(|b| *b == b'"' || *b == b'\'')
        .and_then(|open| {
            let quote = *after.get(open)?;
            let value = after.get(open + 1..)?;
            value.get(..value.iter().position(|b| *b == quote)?)
        });
    value.is_some_and(|v| v.eq_ignore_ascii_case(b"utf-8") || v.eq_ignore_ascii_case(b"utf8"))
}

/// Whether `xml` holds a comment, CDATA section, document type or processing instruction, in
/// which `</si>` could be text.
fn has_markup_declarations(xml: &[u8]) -> bool {
    memchr::memmem::find(xml, b"<!").is_some() || memchr::memmem::find(xml, b"<?").is_some()
}

/// Just past the last end tag of a string (`</si>` or `</x:si>`) in `xml`.
fn last_string_end(xml: &[u8]) -> Option<usize> {
    let mut before = xml.len();
    while let Some(at) = memchr::memmem::rfind(xml.get(..before)?, b"si>") {
        let head = xml.get(..at)?;
        // `</si>`, or `</prefix:si>` with a name before the colon.
        let closes = head.ends_with(b"</")
            || (head.ends_with(b":") && {
                let name = head.get(..head.len() - 1)?;
                let name_start = name
                    .iter()
                    .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
                    .map_or(0, |p| p + 1);
                name_start >= 2
                    && name_start < name.len()
                    && name.get(name_start - 2..name_start) == Some(b"</".as_slice())
            });
        if closes {
            return Some(at + 3);
        }
        before = at;
    }
    None
}

/// Parses the strings of one piece of the table, as the table read whole parses them. A piece is
/// cut after a string, inside `<sst>`: a piece after the first is read after an `<sst>` of its
/// own, so that it is parsed from where the whole table's parse would be, and a piece before
/// the last is followed by a `</sst>`, which must be what closes it.
fn parse(piece: &[u8], opened_before: bool, closed_after: bool) -> Result<Parsed, XlsxError> {
    let opening: &[u8] = if opened_before { b"<sst>" } else { b"" };
    let closing: &[u8] = if closed_after { b"</sst>" } else { b"" };
    let mut xml = XmlReader::from_reader(opening.chain(piece).chain(closing));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    // A piece's text is shorter than its XML: one allocation, none grown and left behind.
    let mut strings = SharedStrings::default();
    strings.reserve_text(piece.len() as u64);
    let mut parsed = Parsed {
        strings,
        opened: 0,
        early: false,
        closed: None,
    };
    let (mut buf, mut str_buf, mut str_val_buf) = (
        Vec::with_capacity(1024),
        Vec::with_capacity(1024),
        Vec::with_capacity(1024),
    );
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "sst" => parsed.opened += 1,
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                parsed.early |= parsed.opened == 0;
                if let Some(s) =
                    // A string past the limit fails the piece, and the whole reading then
                    // refuses it with its place.
                    read_string_with_bufs(&mut xml, e.name(), &mut str_buf, &mut str_val_buf, "")?
                {
                    parsed.strings.push(&s)?;
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "sst" => {
                buf.clear();
                parsed.closed = Some(match xml.read_event_into(&mut buf) {
                    Ok(Event::Eof) => Closed::AtEnd,
                    _ => Closed::Before,
                });
                break;
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(XlsxError::Xml(e)),
            _ => (),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::SharedStrings;

    #[test]
    fn strings_come_back_by_index() {
        let mut table = SharedStrings::default();
        for s in ["差旅费", "", "a", "支付 张三 劳务费"] {
            table.push(s).unwrap();
        }
        assert_eq!(table.len(), 4);
        assert_eq!(table.get(0), Some("差旅费"));
        assert_eq!(table.get(1), Some(""));
        assert_eq!(table.get(2), Some("a"));
        assert_eq!(table.get(3), Some("支付 张三 劳务费"));
        assert_eq!(table.get(4), None);
    }

    #[test]
    fn only_a_table_in_utf8_is_cut() {
        use super::utf8;
        assert!(utf8(b"<sst><si><t>a</t></si>"));
        assert!(utf8(b"\xEF\xBB\xBF<?xml version=\"1.0\"?><sst>"));
        assert!(utf8(b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><sst>"));
        assert!(utf8(b"<?xml version='1.0' encoding = 'utf8'?><sst>"));
        assert!(!utf8(b"<?xml version=\"1.0\" encoding=\"GBK\"?><sst>"));
        assert!(!utf8(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><sst>"));
        assert!(!utf8(b"\xFF\xFE<\x00?\x00x\x00"));
        assert!(!utf8(b"<?xml version=\"1.0\" encoding=\"UTF-8\""));
    }

    #[test]
    fn an_absurd_declared_count_reserves_a_bounded_table() {
        let mut table = SharedStrings::default();
        table.reserve(usize::MAX);
        assert!(table.ends.capacity() <= SharedStrings::MAX_RESERVED);
    }
}
