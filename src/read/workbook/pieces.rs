//! A large sheet's XML parsed in pieces on two threads, its cells handed on in order.
//!
//! Parsing a sheet's XML into cells is the longest part of reading a large ledger, and it ran on
//! one core while the other mostly waited: a million postings written with inline strings are
//! 650 MB of XML. The inflated XML is cut after a row's end (`</row>`) every 512 KiB; each
//! piece is parsed alone by calamine's own cell reader, behind a `<sheetData>` of its own, on
//! one of two threads; the cells come out in the pieces' order, as one reader would give them.
//! A piece of plain rows (every piece but the first and last of nearly every sheet) is read
//! straight from its bytes by calamine's `lean_piece`, which leaves anything else to the cell
//! reader: quick-xml's events were most of the parse (`vendor/calamine/PATCHED.md`).
//!
//! Anything a piece cannot be read alone exactly as the whole sheet would be read makes the
//! sheet be read again in one piece, which then gives its result or its error (and the same
//! message): a piece that does not parse, a row without its `r` (placed by counting the rows
//! before it), a comment, CDATA section or processing instruction (where `</row>` could be
//! text), a declared encoding, no `</row>` for 32 MB (a row's end written with a prefix, or a
//! giant cell, which the one-piece reading refuses at its cell).

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc::{Receiver, Sender, SyncSender, sync_channel};
use std::sync::{Mutex, OnceLock};

use calamine::{CellsContext, DataRef, XlsxCellReader};

/// A piece is cut after the last row's end in this many bytes.
pub(super) const PIECE: usize = 512 << 10;
/// No row's end for this long: read in one piece instead.
const MAX_PIECE: usize = 32 << 20;
/// Pieces cut but not yet handed on, at most: memory stays a few megabytes.
const IN_FLIGHT: usize = 4;
/// Sheets smaller than this are read in one piece: threads would cost more than they save.
pub(super) const MIN_SIZE: u64 = 8 << 20;

/// A cell's place (0-based row, column) and value.
pub(super) type Cell<'a> = ((u32, u32), DataRef<'a>);

/// A piece cut from the XML: its number and its bytes.
type Piece = (usize, Vec<u8>);
/// A piece parsed: its number and its cells.
type Parsed<'a> = (usize, Result<Vec<Cell<'a>>, OnePiece>);

/// Why the sheet must be read in one piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct OnePiece;

/// How cutting ended: the number of pieces cut, or the sheet is to be read in one piece.
type Cut = Result<usize, OnePiece>;

/// The cutting end: run on a thread of its own with [`Cutter::run`].
pub(super) struct Cutter<R> {
    entry: R,
    piece_size: usize,
    pieces: SyncSender<Piece>,
    tokens: Receiver<()>,
    end: std::sync::Arc<OnceLock<Cut>>,
}

/// The parsing ends, one per thread: [`Parser::run`].
pub(super) struct Parser<'a> {
    queue: std::sync::Arc<Mutex<Receiver<Piece>>>,
    results: Sender<Parsed<'a>>,
    context: CellsContext<'a>,
    part: String,
}

/// The cells of the pieces in order.
pub(super) struct Cells<'a> {
    results: Receiver<Parsed<'a>>,
    tokens: SyncSender<()>,
    end: std::sync::Arc<OnceLock<Cut>>,
    waiting: BTreeMap<usize, Result<Vec<Cell<'a>>, OnePiece>>,
    next: usize,
    current: std::vec::IntoIter<Cell<'a>>,
    started: bool,
}

/// The ends of reading `entry`, the part `part`, in pieces on `parsers` threads.
pub(super) fn pieces<'a, R: Read>(
    entry: R,
    part: &str,
    context: CellsContext<'a>,
    parsers: usize,
    piece_size: usize,
) -> (Cutter<R>, Vec<Parser<'a>>, Cells<'a>) {
    let (pieces_tx, pieces_rx) = sync_channel(2);
    let (tokens_tx, tokens_rx) = sync_channel(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        let _ = tokens_tx.send(());
    }
    let (results_tx, results_rx) = std::sync::mpsc::channel();
    let end = std::sync::Arc::new(OnceLock::new());
    let queue = std::sync::Arc::new(Mutex::new(pieces_rx));
    let parsers = (0..parsers)
        .map(|_| Parser {
            queue: std::sync::Arc::clone(&queue),
            results: results_tx.clone(),
            context,
            part: part.to_string(),
        })
        .collect();
    (
        Cutter {
            entry,
            piece_size,
            pieces: pieces_tx,
            tokens: tokens_rx,
            end: std::sync::Arc::clone(&end),
        },
        parsers,
        Cells {
            results: results_rx,
            tokens: tokens_tx,
            end,
            waiting: BTreeMap::new(),
            next: 0,
            current: Vec::new().into_iter(),
            started: false,
        },
    )
}

impl<R: Read> Cutter<R> {
    pub(super) fn run(mut self) {
        let end = self.cut();
        let _ = self.end.set(end);
    }

    fn cut(&mut self) -> Cut {
        let mut pending: Vec<u8> = Vec::with_capacity(2 * self.piece_size);
        let mut sent = 0;
        let mut chunk = vec![0u8; self.piece_size.min(256 * 1024)];
        loop {
            let n = loop {
                match self.entry.read(&mut chunk) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // The reading in one piece meets the error and says it.
                    Err(_) => return Err(OnePiece),
                }
            };
            pending.extend_from_slice(chunk.get(..n).unwrap_or_default());
            let last = n == 0;
            if !last && pending.len() < self.piece_size {
                continue;
            }
            let at = if last {
                pending.len()
            } else {
                match memchr::memmem::rfind(&pending, b"</row>") {
                    Some(at) => at + b"</row>".len(),
                    None if pending.len() > MAX_PIECE => return Err(OnePiece),
                    None => continue,
                }
            };
            let rest = pending.split_off(at);
            let body = std::mem::replace(&mut pending, rest);
            if !plain(&body, sent == 0) {
                return Err(OnePiece);
            }
            let mut piece = Vec::with_capacity(body.len() + 32);
            if sent > 0 {
                piece.extend_from_slice(b"<sheetData>");
            }
            piece.extend_from_slice(&body);
            if !last {
                piece.extend_from_slice(b"</sheetData>");
            }
            // A token for each piece in flight: the reader gives it back once it has handed the
            // piece's cells on. No token: the reader is gone.
            if self.tokens.recv().is_err() || self.pieces.send((sent, piece)).is_err() {
                return Err(OnePiece);
            }
            sent += 1;
            if last {
                return Ok(sent);
            }
        }
    }
}

/// Whether a piece holds only elements, attributes and text: no comment, CDATA section,
/// processing instruction or declaration of its own (where `</row>` could be text, or the
/// pieces after the first would lose the encoding), save the first piece's XML declaration in
/// UTF-8.
fn plain(piece: &[u8], first: bool) -> bool {
    let mut from = 0;
    if first {
        let start = if piece.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let rest = piece.get(start..).unwrap_or_default();
        if rest.starts_with(b"<?xml") {
            let Some(end) = memchr::memmem::find(rest, b"?>") else {
                return false;
            };
            let declaration = rest.get(..end).unwrap_or_default();
            if memchr::memmem::find(declaration, b"encoding").is_some()
                && memchr::memmem::find(declaration, b"UTF-8").is_none()
                && memchr::memmem::find(declaration, b"utf-8").is_none()
            {
                return false;
            }
            from = start + end + 2;
        }
    }
    let body = piece.get(from..).unwrap_or_default();
    memchr::memmem::find(body, b"<!").is_none() && memchr::memmem::find(body, b"<?").is_none()
}

impl<'a> Parser<'a> {
    pub(super) fn run<RS: Read + std::io::Seek + 'a>(self) {
        loop {
            let job = match self.queue.lock() {
                Ok(queue) => queue.recv(),
                Err(_) => return,
            };
            let Ok((i, xml)) = job else { return };
            let cells = self.parse::<RS>(xml);
            if self.results.send((i, cells)).is_err() {
                return;
            }
        }
    }

    fn parse<RS: Read + std::io::Seek + 'a>(
        &self,
        xml: Vec<u8>,
    ) -> Result<Vec<Cell<'a>>, OnePiece> {
        // The plain rows nearly every piece holds are read straight from the bytes; anything
        // else by calamine's cell reader, which gives its result or its error as before.
        if let Some(cells) = self.context.lean_piece(&xml) {
            return Ok(cells);
        }
        let mut reader: XlsxCellReader<'a, RS> =
            self.context.piece(xml, &self.part).map_err(|_| OnePiece)?;
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|_| OnePiece)? {
            cells.push((cell.get_position(), cell.get_value().clone()));
        }
        if reader.counted_rows() {
            return Err(OnePiece);
        }
        Ok(cells)
    }
}

impl<'a> Cells<'a> {
    /// The next cell in the sheet's order; `Ok(None)` at its end.
    pub(super) fn next_cell(&mut self) -> Result<Option<Cell<'a>>, OnePiece> {
        loop {
            if let Some(cell) = self.current.next() {
                return Ok(Some(cell));
            }
            if self.started {
                // The piece handed on: another may be cut.
                let _ = self.tokens.send(());
            }
            let piece = loop {
                if let Some(piece) = self.waiting.remove(&self.next) {
                    break piece;
                }
                match self.results.recv() {
                    Ok((i, cells)) => {
                        self.waiting.insert(i, cells);
                    }
                    // Every parser has ended: the cutting has, and said how.
                    Err(_) => {
                        return match self.end.get() {
                            Some(Ok(count)) if *count == self.next => Ok(None),
                            _ => Err(OnePiece),
                        };
                    }
                }
            };
            self.current = piece?.into_iter();
            self.next += 1;
            self.started = true;
        }
    }
}
