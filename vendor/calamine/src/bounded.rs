//! jixiao (PATCHED.md): a bound on the bytes quick-xml holds as one event.
//!
//! quick-xml reads an event (a text, a tag, a comment, a CDATA section) whole into a growing
//! buffer, and calamine then copies its text: one 200 MB cell took 609 MB before anything could
//! look at it. [`Bounded`] is the buffered reader quick-xml reads a part through, and it fails
//! once one event has run past the limit, before quick-xml has buffered much more than that.

use std::fmt;
use std::io::{self, BufRead, Read};
use std::sync::atomic::{AtomicU64, Ordering};

static EVENT_LIMIT: AtomicU64 = AtomicU64::new(u64::MAX);

/// Sets the bytes one event of a workbook's XML may hold, for every reader opened after it
/// (no bound until it is called).
pub fn set_event_limit(bytes: u64) {
    EVENT_LIMIT.store(bytes.max(1), Ordering::Relaxed);
}

pub(crate) fn event_limit() -> u64 {
    EVENT_LIMIT.load(Ordering::Relaxed)
}

/// A text or a piece of markup of a workbook's XML longer than the bound set with
/// [`set_event_limit`]. It comes wrapped in an `io::Error` of kind `InvalidData`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlongXml {
    /// The part of the package, as the zip names it (`xl/worksheets/sheet1.xml`).
    pub part: String,
    /// Where the overlong text or markup starts, in bytes from the start of the part.
    pub start: u64,
    /// The bound it went past, in bytes.
    pub limit: u64,
}

impl fmt::Display for OverlongXml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the text or markup from byte {} runs past the limit of {} bytes",
            self.part, self.start, self.limit
        )
    }
}

impl std::error::Error for OverlongXml {}

/// The buffered reader quick-xml reads a part's XML through, in place of a `BufReader`: it fails
/// once one event runs past the limit.
///
/// quick-xml reads an event by asking for the buffer (`fill_buf`), taking what it needs of it
/// (`consume`), and asking again only while the event goes on. A consume that leaves bytes in
/// the buffer therefore ends an event, and one that empties it may not; the bytes consumed by a
/// run of consumes that empty the buffer are the current event's, less at most one buffer. The
/// count costs nothing per byte: following the XML's structure as the bytes pass (quoted values
/// and CDATA sections can hold `<` and `>`) cost a fifth of the million-posting ledger's time.
pub struct Bounded<R> {
    inner: R,
    part: String,
    limit: u64,
    buf: Box<[u8]>,
    /// The unread bytes of `buf` are `pos..filled`.
    pos: usize,
    filled: usize,
    /// Bytes consumed so far.
    offset: u64,
    /// Where the current event started: after the last consume that left bytes in the buffer.
    /// Events that end exactly at a buffer's end are counted with the one after them, so this
    /// may lie an event or two early.
    start: u64,
}

/// What `BufReader` holds by default.
const CAPACITY: usize = 8 * 1024;

impl<R: Read> Bounded<R> {
    /// Bounds `inner`, the part named `part`, by the limit set with [`set_event_limit`].
    pub fn new(inner: R, part: &str) -> Bounded<R> {
        Bounded::with_limit(inner, part, event_limit(), CAPACITY)
    }

    /// The reader it bounds.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The part it reads.
    pub fn part(&self) -> &str {
        &self.part
    }

    /// Where the event being read started.
    pub fn start(&self) -> u64 {
        self.start
    }

    fn with_limit(inner: R, part: &str, limit: u64, capacity: usize) -> Bounded<R> {
        Bounded {
            inner,
            part: part.to_string(),
            limit,
            buf: vec![0; capacity.max(1)].into_boxed_slice(),
            pos: 0,
            filled: 0,
            offset: 0,
            start: 0,
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        if let (Some(to), Some(from)) = (out.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Bounded<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos >= self.filled {
            if self.offset - self.start > self.limit {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    OverlongXml {
                        part: self.part.clone(),
                        start: self.start,
                        limit: self.limit,
                    },
                ));
            }
            self.filled = self.inner.read(&mut self.buf)?;
            self.pos = 0;
        }
        Ok(self.buf.get(self.pos..self.filled).unwrap_or_default())
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.filled.saturating_sub(self.pos));
        self.pos += amount;
        self.offset += amount as u64;
        if self.pos < self.filled {
            self.start = self.offset;
        }
    }
}

/// A text that has grown past the limit over several events — entity references, rich-text
/// runs, ODS's repeated spaces (`<text:s text:c="4000000000"/>`) — each of them within it: the
/// error for it, as for one overlong event. `held` is the bytes held for it so far.
pub(crate) fn past_limit(held: usize, part: &str, start: u64) -> Result<(), quick_xml::Error> {
    let limit = event_limit();
    if held as u64 <= limit {
        return Ok(());
    }
    Err(quick_xml::Error::Io(std::sync::Arc::new(io::Error::new(
        io::ErrorKind::InvalidData,
        OverlongXml {
            part: part.to_string(),
            start,
            limit,
        },
    ))))
}

/// The overlong XML behind `error`, if that is what it is: `io::Error` hides its payload from
/// `source()`, so each error of the chain is asked for one.
pub fn overlong<'e>(error: &'e (dyn std::error::Error + 'static)) -> Option<&'e OverlongXml> {
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(o) = e.downcast_ref::<OverlongXml>() {
            return Some(o);
        }
        if let Some(o) = e
            .downcast_ref::<io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<OverlongXml>())
        {
            return Some(o);
        }
        if let Some(o) = e
            .downcast_ref::<std::sync::Arc<io::Error>>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<OverlongXml>())
        {
            return Some(o);
        }
        next = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;

    /// Reads every event of `xml` through a bound of `limit` and a buffer of `capacity`: Ok, or
    /// where the overlong event started.
    fn read(xml: &[u8], limit: u64, capacity: usize) -> Result<usize, u64> {
        let mut r =
            quick_xml::Reader::from_reader(Bounded::with_limit(xml, "p.xml", limit, capacity));
        let mut buf = Vec::new();
        let mut events = 0;
        loop {
            buf.clear();
            match r.read_event_into(&mut buf) {
                Ok(Event::Eof) => return Ok(events),
                Ok(_) => events += 1,
                Err(e) => {
                    let error = crate::XlsxError::Xml(e);
                    return Err(overlong(&error).expect("an OverlongXml").start);
                }
            }
        }
    }

    #[test]
    fn short_events_pass_through_buffers_of_any_size() {
        let xml = br#"<?xml version="1.0"?><!-- a comment --><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>text</t></is></c></row></sheetData>"#;
        for capacity in [5, 7, 64, 8192] {
            assert_eq!(read(xml, 24, capacity), Ok(13), "capacity {capacity}");
        }
    }

    #[test]
    fn a_long_text_fails_where_it_starts() {
        let mut xml = b"<sheetData><c><v>".to_vec();
        xml.extend(std::iter::repeat_n(b'a', 100));
        xml.extend(b"</v></c></sheetData>");
        for capacity in [4, 5, 16] {
            assert_eq!(read(&xml, 50, capacity), Err(17), "capacity {capacity}");
            assert_eq!(read(&xml, 100, capacity), Ok(7), "capacity {capacity}");
        }
    }

    #[test]
    fn markup_holding_angle_brackets_is_one_event() {
        let long = "<>".repeat(50);
        let cases = [
            format!(r#"<a><c r="{long}"/></a>"#),
            format!("<a><!--{long}--></a>"),
            format!("<a><![CDATA[{long}]]></a>"),
            format!("<a><?pi {long}?></a>"),
        ];
        for xml in &cases {
            for capacity in [4, 16] {
                // quick-xml takes an event's `<` (and `<!`) on their own, before the rest of it.
                let at = read(xml.as_bytes(), 60, capacity);
                assert!(matches!(at, Err(3..=5)), "{xml} {capacity}: {at:?}");
                assert!(read(xml.as_bytes(), 120, capacity).is_ok(), "{xml} {capacity}");
            }
        }
    }

    #[test]
    fn without_a_limit_nothing_is_counted_against() {
        let xml = format!("<a>{}</a>", "a".repeat(10_000));
        assert_eq!(read(xml.as_bytes(), u64::MAX, 7), Ok(3));
    }
}
