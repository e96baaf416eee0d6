//! Input files as the tool opens them: regular files only, read within a cap.
//!
//! A named pipe blocks the reader until something writes to it (for ever, in a batch at night);
//! `/dev/zero` and `/dev/urandom` never end; a symlink or a fund.toml can point at any of them.
//! What a path is is told from its metadata, which does not open it, before anything reads it,
//! and the small text inputs (rules files, fund.toml) are read no further than their cap.

use std::fs::Metadata;
use std::io::Read;
use std::path::Path;

/// What a path that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Directory,
    /// A named pipe (FIFO).
    Pipe,
    /// A character device: `/dev/zero`, `/dev/urandom`, a terminal.
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

/// What `meta` (of a path, its symlinks followed) says it is: `None` for a regular file.
pub fn special(meta: &Metadata) -> Option<Special> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some(Special::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some(Special::Pipe);
        }
        if t.is_char_device() {
            return Some(Special::CharDevice);
        }
        if t.is_block_device() {
            return Some(Special::BlockDevice);
        }
        if t.is_socket() {
            return Some(Special::Socket);
        }
    }
    Some(Special::Other)
}

/// Why a small text input could not be read.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    Special(Special),
    /// Larger than `limit` bytes (it holds at least `size`).
    TooLarge {
        size: u64,
        limit: u64,
    },
}

/// The cap in bytes an environment variable sets in MB, else `default_mb`.
pub fn cap_from_env(variable: &str, default_mb: u64) -> u64 {
    std::env::var(variable)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(default_mb)
        .saturating_mul(1 << 20)
}

/// The text of a small input (a rules file, a fund.toml): a regular file, no longer than
/// `limit` bytes, UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(kind) = special(&meta) {
        return Err(ReadError::Special(kind));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // The length said above may have grown since: never more than the cap and one byte.
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_directories_are_told_apart_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let meta = std::fs::metadata(dir.path()).unwrap();
        assert_eq!(special(&meta), Some(Special::Directory));
        #[cfg(unix)]
        {
            let zero = std::fs::metadata("/dev/zero").unwrap();
            assert_eq!(special(&zero), Some(Special::CharDevice));
            assert!(matches!(
                read_text(Path::new("/dev/zero"), 1 << 20),
                Err(ReadError::Special(Special::CharDevice))
            ));
        }
        let file = dir.path().join("rules.toml");
        std::fs::write(&file, "name = \"x\"\n").unwrap();
        assert_eq!(read_text(&file, 1 << 20).unwrap(), "name = \"x\"\n");
        assert!(matches!(
            read_text(&file, 4),
            Err(ReadError::TooLarge { size: 11, limit: 4 })
        ));
    }
}
