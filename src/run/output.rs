//! Where a command's output goes: standard output, or a file written atomically that never
//! replaces an input.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;

pub use crate::label::neutral;

/// JSON as a terminal may show it, the data unchanged: serde escapes the C0 controls; DEL and
/// the C1 controls, which it leaves raw, are escaped as `\u007f` … `\u009f` (they can stand
/// only inside strings, the rest of JSON being printable ASCII).
pub fn neutral_json(text: &str) -> std::borrow::Cow<'_, str> {
    let raw = |c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c);
    if !text.chars().any(raw) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A message or a note on standard error, neutralised.
pub fn warn(text: &str) {
    eprintln!("{}", neutral(text));
}

/// Writes to stdout, neutralised; a closed pipe (`| head`) is the reader's choice, not a
/// failure.
pub fn print(text: &str) -> Result<(), Failure> {
    print_raw(&neutral(text))
}

/// JSON (and JSON Lines) to stdout: escaped rather than altered.
pub fn print_json(text: &str) -> Result<(), Failure> {
    print_raw(&neutral_json(text))
}

/// CSV to stdout: neutralised on a terminal, as it is; a pipe or a file gets the data as read.
pub fn print_csv(text: &str) -> Result<(), Failure> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        print(text)
    } else {
        print_raw(text)
    }
}

fn print_raw(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Stdout(e)),
        _ => Ok(()),
    }
}

/// Writes the output through a temporary file in the same folder, renamed into place: a reader
/// never sees half a file, and a failed write leaves the old one. None of `inputs` is ever the
/// output.
pub fn write_sparing<'a>(
    path: &Path,
    bytes: &[u8],
    inputs: impl IntoIterator<Item = &'a PathBuf>,
) -> Result<(), Failure> {
    // What is there already: an input under any of its names (a symlink, a hard link, `./`),
    // or anything but a regular file (`/dev/full`, a link to `/dev/stdout`), which renaming a
    // file over would replace — as root, the system's own device node.
    if let Ok(existing) = std::fs::metadata(path) {
        if let Some(kind) = crate::file::special(&existing) {
            return Err(Failure::OutputNotAFile {
                path: path.to_path_buf(),
                kind,
            });
        }
        if inputs
            .into_iter()
            .any(|input| same_file(path, &existing, input))
        {
            return Err(Failure::OutputIsInput {
                path: path.to_path_buf(),
            });
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut file =
        tempfile::NamedTempFile::new_in(&dir).map_err(|source| Failure::OutputFolder {
            dir: dir.clone(),
            source,
        })?;
    let cannot_write = |source| Failure::Write {
        path: path.to_path_buf(),
        source,
    };
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(cannot_write)?;
    // A temporary file is private to its owner; the output is not. It keeps the permissions of
    // the file it replaces, or gets those of any new file (0644), so that colleagues who could
    // read last season's summary can read this one.
    let permissions = std::fs::metadata(path)
        .map(|m| m.permissions())
        .ok()
        .or_else(new_file_permissions);
    if let Some(permissions) = permissions {
        file.as_file()
            .set_permissions(permissions)
            .map_err(cannot_write)?;
    }
    file.persist(path).map_err(|e| cannot_write(e.error))?;
    Ok(())
}

/// Whether `input` is the file `path` (whose metadata is `out`) under another name.
fn same_file(path: &Path, out: &std::fs::Metadata, input: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(input) {
            return m.dev() == out.dev() && m.ino() == out.ino();
        }
    }
    #[cfg(not(unix))]
    let _ = out;
    let canonical = |p: &Path| std::fs::canonicalize(p).ok();
    canonical(path).is_some_and(|p| canonical(input) == Some(p))
}

#[cfg(unix)]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn new_file_permissions() -> Option<std::fs::Permissions> {
    // Elsewhere a temporary file is not private: it is written as any new file would be.
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(
            neutral("张三\u{1b}]0;pwned\u{7}"),
            "张三\u{241b}]0;pwned\u{2407}"
        );
        assert_eq!(neutral("a\rb\u{9b}c\u{7f}"), "a\u{240d}b\u{FFFD}c\u{2421}");
        assert_eq!(neutral("行一\n\t行二"), "行一\n\t行二");
        assert_eq!(neutral_json("\"x\u{9b}y\""), "\"x\\u009by\"");
        let back: String = serde_json::from_str(&neutral_json("\"x\u{9b}y\"")).unwrap();
        assert_eq!(back, "x\u{9b}y");
    }
}
