//! jixiao (PATCHED.md): a sheet's XML inflated on one thread while it is parsed on another.
//!
//! Streaming a sheet of 650 MB of XML (a million postings written with inline strings) spent a
//! third of the parsing thread's time inflating it. [`Inflate::run`], on a thread of the
//! caller's (a scoped one: the zip entry borrows the workbook), inflates the part in chunks and
//! hands them to the [`Pipe`] the cells reader reads, which gives the emptied chunks back to be
//! filled again.

use std::io::{self, Read};
use std::sync::mpsc::{Receiver, Sender, SyncSender};

/// Bytes inflated at a time.
const CHUNK: usize = 256 * 1024;
/// Chunks in flight between the two threads.
const IN_FLIGHT: usize = 4;

/// The inflating end: a zip entry (or any reader) and where its chunks go.
pub struct Inflate<R> {
    entry: R,
    chunks: SyncSender<io::Result<Vec<u8>>>,
    emptied: Receiver<Vec<u8>>,
}

/// The reading end: the chunks as one stream, ended when the inflating end is.
pub struct Pipe {
    chunks: Receiver<io::Result<Vec<u8>>>,
    emptied: Sender<Vec<u8>>,
    chunk: Vec<u8>,
    pos: usize,
}

/// The two ends of a pipe from `entry`.
pub fn pipe<R: Read>(entry: R) -> (Inflate<R>, Pipe) {
    let (chunks_tx, chunks_rx) = std::sync::mpsc::sync_channel(IN_FLIGHT);
    let (emptied_tx, emptied_rx) = std::sync::mpsc::channel();
    (
        Inflate {
            entry,
            chunks: chunks_tx,
            emptied: emptied_rx,
        },
        Pipe {
            chunks: chunks_rx,
            emptied: emptied_tx,
            chunk: Vec::new(),
            pos: 0,
        },
    )
}

impl<R: Read> Inflate<R> {
    /// Inflates the entry to its end, an error, or until the reading end is dropped.
    pub fn run(mut self) {
        loop {
            let mut chunk = self
                .emptied
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(CHUNK));
            chunk.resize(CHUNK, 0);
            let mut filled = 0;
            let read = loop {
                match self.entry.read(chunk.get_mut(filled..).unwrap_or_default()) {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        filled += n;
                        if filled == chunk.len() {
                            break Ok(());
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => break Err(e),
                }
            };
            chunk.truncate(filled);
            let end = filled == 0;
            let sent = match read {
                Ok(()) if end => return,
                Ok(()) => self.chunks.send(Ok(chunk)),
                Err(e) => {
                    let _ = self.chunks.send(Err(e));
                    return;
                }
            };
            if sent.is_err() {
                // The reader stopped (an error, or rows to read again whole).
                return;
            }
        }
    }
}

impl Read for Pipe {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.pos >= self.chunk.len() {
            let next = match self.chunks.recv() {
                Ok(Ok(next)) => next,
                Ok(Err(e)) => return Err(e),
                // The inflating end finished and is gone: the end of the part.
                Err(_) => return Ok(0),
            };
            let emptied = std::mem::replace(&mut self.chunk, next);
            let _ = self.emptied.send(emptied);
            self.pos = 0;
        }
        let rest = self.chunk.get(self.pos..).unwrap_or_default();
        let n = rest.len().min(out.len());
        if let (Some(to), Some(from)) = (out.get_mut(..n), rest.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipe_gives_what_the_entry_holds() {
        let data: Vec<u8> = (0..CHUNK * 5 + 123).map(|i| (i % 251) as u8).collect();
        let (inflate, mut pipe) = pipe(&data[..]);
        let got = std::thread::scope(|s| {
            s.spawn(move || inflate.run());
            let mut got = Vec::new();
            let mut buf = vec![0u8; 7000];
            loop {
                let n = pipe.read(&mut buf).unwrap();
                if n == 0 {
                    break got;
                }
                got.extend_from_slice(&buf[..n]);
            }
        });
        assert_eq!(got, data);
    }

    #[test]
    fn an_error_of_the_entry_reaches_the_reader() {
        struct Failing(usize);
        impl Read for Failing {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                if self.0 == 0 {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "bad checksum"));
                }
                let n = out.len().min(self.0);
                self.0 -= n;
                Ok(n)
            }
        }
        let (inflate, mut pipe) = pipe(Failing(CHUNK + 10));
        let error = std::thread::scope(|s| {
            s.spawn(move || inflate.run());
            let mut buf = vec![0u8; 4096];
            loop {
                match pipe.read(&mut buf) {
                    Ok(0) => panic!("ended without the error"),
                    Ok(_) => {}
                    Err(e) => break e,
                }
            }
        });
        assert_eq!(error.to_string(), "bad checksum");
    }

    #[test]
    fn a_reader_dropped_early_stops_the_inflating() {
        let data = vec![b'x'; CHUNK * 50];
        let (inflate, pipe) = pipe(&data[..]);
        std::thread::scope(|s| {
            let t = s.spawn(move || inflate.run());
            drop(pipe);
            t.join().unwrap();
        });
    }
}
