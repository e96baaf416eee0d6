//! `fund.toml`: what a fund folder states where its file names do not say it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::Error;
use crate::error::Caret;

/// The manifest a fund folder may hold.
pub const MANIFEST: &str = "fund.toml";

/// `fund.toml`: what a fund folder states where the file names do not say it. Paths are relative
/// to the folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The fund's name in the summary (else the folder's).
    pub name: Option<String>,
    /// The ledger file or files (a ledger exported in several files).
    #[serde(default, deserialize_with = "one_or_many")]
    pub ledger: Option<Vec<PathBuf>>,
    /// The targets workbook.
    pub targets: Option<PathBuf>,
    /// The bank statement; used even with `--no-bank`, as it is named on purpose.
    pub bank: Option<PathBuf>,
    /// A rules file for this fund, in place of `--rules`.
    pub rules: Option<PathBuf>,
    /// A survey download (问卷星, 腾讯问卷) read instead of the targets workbook's 问卷 sheet.
    pub survey: Option<PathBuf>,
}

/// `ledger = "a.xlsx"` or `ledger = ["a.xlsx", "b.xlsx"]`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<PathBuf>>, D::Error> {
    struct Files;
    impl<'de> serde::de::Visitor<'de> for Files {
        type Value = Vec<PathBuf>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a file name or a list of file names")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![PathBuf::from(v)])
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut files = Vec::new();
            while let Some(f) = seq.next_element::<String>()? {
                files.push(PathBuf::from(f));
            }
            if files.is_empty() {
                return Err(serde::de::Error::invalid_length(0, &self));
            }
            Ok(files)
        }
    }
    d.deserialize_any(Files).map(Some)
}

impl Manifest {
    /// The folder's manifest, or the default when it has none.
    pub fn load(dir: &Path) -> Result<Manifest, Error> {
        let path = dir.join(MANIFEST);
        // Absent, the fund has the default; present, it is read — a fund.toml that is a pipe
        // or a link to a device is refused, not taken for no manifest.
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(Manifest::default());
        }
        let limit = crate::file::cap_from_env("JIXIAO_MAX_RULES_MB", 4);
        let text = crate::file::read_text(&path, limit).map_err(|e| match e {
            crate::file::ReadError::Io(source) => Error::ReadManifest {
                path: path.clone(),
                source,
            },
            other => Error::from(crate::error::Error::reading(
                &path,
                other,
                "JIXIAO_MAX_RULES_MB",
            )),
        })?;
        Manifest::parse(&text, &path)
    }

    /// The manifest's text read, or the error with its line and column.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest, Error> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let message = e.message().trim_end().to_string();
            let at = e.span().map(|span| {
                let place = Caret::at(text, span);
                (place.line, place.column)
            });
            Error::Manifest {
                path: path.to_path_buf(),
                at,
                message,
            }
        })
    }
}
