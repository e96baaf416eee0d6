//! The fund folders under DIR, in the order people number them.

use std::path::{Path, PathBuf};

use super::Error;

/// A fund's folder, as found under DIR.
#[derive(Debug, Clone)]
pub struct Fund {
    /// The folder's name: the fund's name unless its manifest gives one.
    pub folder: String,
    pub dir: PathBuf,
}

/// What DIR holds.
#[derive(Debug)]
pub struct Discovery {
    /// One per immediate subfolder, in the order of their names (see [`natural_order`]).
    pub funds: Vec<Fund>,
    /// Entries directly in DIR that are not fund folders (loose files, hidden folders), by name.
    pub ignored: Vec<String>,
}

/// The fund folders directly under `dir`, in the order of their names.
pub fn discover(dir: &Path) -> Result<Discovery, Error> {
    if !dir.exists() {
        return Err(Error::FolderNotFound {
            dir: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(Error::NotAFolder {
            dir: dir.to_path_buf(),
        });
    }
    let unreadable = |source| Error::ReadFolder {
        dir: dir.to_path_buf(),
        source,
    };
    let entries = std::fs::read_dir(dir).map_err(unreadable)?;
    let mut funds = Vec::new();
    let mut ignored = Vec::new();
    for entry in entries {
        let entry = entry.map_err(unreadable)?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && !name.starts_with('.') {
            funds.push(Fund {
                folder: name,
                dir: path,
            });
        } else if path.is_dir() {
            ignored.push(format!("{name}/"));
        } else {
            ignored.push(name);
        }
    }
    funds.sort_by(|a, b| natural_order(&a.folder, &b.folder));
    ignored.sort();
    if funds.is_empty() {
        let dir = dir.to_path_buf();
        return Err(if ignored.is_empty() {
            Error::EmptyFolder { dir }
        } else {
            Error::NoFundFolders { dir, ignored }
        });
    }
    Ok(Discovery { funds, ignored })
}

/// Names in the order people number them: 基金2 before 基金10, 2019-2 before 2019-10. Digits
/// compare as numbers, the rest as text; names that are equal so (2 and 02) by their text.
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut digits = None;
        for (i, c) in s.char_indices() {
            let d = c.is_ascii_digit();
            if digits.is_some_and(|prev| prev != d) {
                out.push((digits == Some(true), s.get(start..i).unwrap_or_default()));
                start = i;
            }
            digits = Some(d);
        }
        if let Some(d) = digits {
            out.push((d, s.get(start..).unwrap_or_default()));
        }
        out
    }
    let number = |t: &str| {
        let t = t.trim_start_matches('0');
        (t.len(), t.to_string())
    };
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let order = match (x, y) {
            ((true, p), (true, q)) => number(p).cmp(&number(q)),
            ((_, p), (_, q)) => p.cmp(q),
        };
        if order != std::cmp::Ordering::Equal {
            return order;
        }
    }
    ca.len().cmp(&cb.len()).then_with(|| a.cmp(b))
}

impl Discovery {
    /// Why the summary may not be written to `output`: inside a fund's folder it could
    /// overwrite a file of a fund that failed before naming its inputs, and the next run would
    /// take it for one of the fund's files.
    pub fn refuse_output(&self, output: &Path) -> Option<Error> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let parent = std::fs::canonicalize(parent).ok()?;
        self.funds
            .iter()
            .find(|f| std::fs::canonicalize(&f.dir).is_ok_and(|d| d == parent))
            .map(|f| Error::OutputInFund {
                output: output.to_path_buf(),
                fund: f.folder.clone(),
            })
    }
}
