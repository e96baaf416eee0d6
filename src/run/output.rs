//! Where a command's output goes: standard output, or a file written atomically that never
//! replaces an input.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;

/// Writes to stdout; a closed pipe (`| head`) is the reader's choice, not a failure.
pub fn print(text: &str) -> Result<(), Failure> {
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
