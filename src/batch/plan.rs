//! What a fund folder is evaluated from: its files, told apart by their names unless its
//! `fund.toml` names them, and its rules.

use std::path::{Path, PathBuf};

use super::discover::Fund;
use super::error::FundFile;
use super::manifest::{MANIFEST, Manifest};
use super::{Bank, Error, Settings};
use crate::config::Config;
use crate::rules::Rules;
use crate::sources::{self, BANK_NAMES, Sources};

/// Extensions a ledger may have.
const LEDGER_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];
/// Extensions a targets workbook may have: it has several sheets, so never CSV.
const TARGETS_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// The files in a fund folder a name could designate, sorted; hidden files and Excel's lock
/// files (`~$ledger.xlsx`, left while the workbook is open) are not.
pub(super) fn files(dir: &Path) -> Result<Vec<String>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::ReadFolder {
        dir: dir.to_path_buf(),
        source,
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        // Anything but a folder: a pipe or a link to a device named like a ledger is taken, and
        // then refused saying what it is, rather than reported as no ledger at all.
        .filter(|e| !e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.starts_with("~$"))
        .collect();
    names.sort();
    Ok(names)
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()))
}

/// A bank statement by its name: the names `evaluate` looks for beside the ledger, or any name
/// that says bank or 对账单 (银行存款日记账 is a ledger, so 银行 alone is not enough).
fn is_bank_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    BANK_NAMES.contains(&name) || lower.contains("bank") || name.contains("对账单")
}

/// What names a fund's file: the words in its name, the extensions it may have, and an example
/// for messages.
pub(super) struct Kind {
    what: FundFile,
    named: fn(&str) -> bool,
    extensions: &'static [&'static str],
}

/// A ledger: `ledger`, or 账 as in 明细账, 序时账, 日记账, but not a bank statement (对账单).
pub(super) const LEDGER: Kind = Kind {
    what: FundFile::Ledger,
    named: |name| {
        (name.to_lowercase().contains("ledger") || name.contains('账')) && !is_bank_name(name)
    },
    extensions: LEDGER_EXTENSIONS,
};

/// A targets workbook: `targets`, or 目标 as in 绩效目标申报表, or 申报.
pub(super) const TARGETS: Kind = Kind {
    what: FundFile::Targets,
    named: |name| {
        name.to_lowercase().contains("targets") || name.contains("目标") || name.contains("申报")
    },
    extensions: TARGETS_EXTENSIONS,
};

/// A bank statement named as one but not by the names `evaluate` looks for.
const BANK: Kind = Kind {
    what: FundFile::Bank,
    named: is_bank_name,
    extensions: LEDGER_EXTENSIONS,
};

impl Kind {
    pub(super) fn is(&self, name: &str) -> bool {
        (self.named)(name) && has_extension(name, self.extensions)
    }

    /// The one file of `names` of this kind, or why there is not one.
    pub(super) fn pick(&self, names: &[String]) -> Result<String, Error> {
        let found: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| self.is(n))
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).to_string()),
            [] => Err(Error::NoFile {
                what: self.what,
                misnamed: names.iter().filter(|n| (self.named)(n)).cloned().collect(),
                extensions: self.extensions.iter().map(|e| format!(".{e}")).collect(),
            }),
            many => Err(Error::SeveralFiles {
                what: self.what,
                files: many.iter().map(|f| f.to_string()).collect(),
            }),
        }
    }
}

/// What a fund folder is evaluated from.
pub(super) struct Plan {
    pub sources: Sources,
    pub rules: Rules,
    pub bank: Option<Bank>,
}

/// What is known of a fund before its files are: its name and the files it names.
pub(super) struct Known {
    pub name: String,
    /// Every file the fund reads or was to read: the manifest, the files it names, the files
    /// found by their names.
    pub inputs: Vec<PathBuf>,
}

/// The fund's files and rules, from its manifest and its file names. `known` fills as the plan
/// goes, so that a fund whose files are wrong still carries its manifest's name, and the files it
/// names are still guarded from the output.
pub(super) fn plan(fund: &Fund, settings: &Settings, known: &mut Known) -> Result<Plan, Error> {
    let dir = &fund.dir;
    let manifest = Manifest::load(dir)?;
    if let Some(n) = manifest
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        known.name = n.to_string();
    }
    let inputs = &mut known.inputs;
    inputs.extend(Some(dir.join(MANIFEST)).filter(|m| m.is_file()));
    inputs.extend(manifest.ledger.iter().flatten().map(|f| dir.join(f)));
    inputs.extend(
        [
            &manifest.targets,
            &manifest.bank,
            &manifest.rules,
            &manifest.survey,
        ]
        .into_iter()
        .flatten()
        .map(|f| dir.join(f)),
    );
    let names =
        if manifest.ledger.is_none() || manifest.targets.is_none() || manifest.bank.is_none() {
            files(dir)?
        } else {
            Vec::new()
        };
    let ledgers = match &manifest.ledger {
        Some(files) => Ok(files.iter().map(|f| dir.join(f)).collect::<Vec<_>>()),
        None => LEDGER.pick(&names).map(|f| vec![dir.join(f)]),
    };
    let targets = match &manifest.targets {
        Some(f) => Ok(dir.join(f)),
        None => TARGETS.pick(&names).map(|f| dir.join(f)),
    };
    let (ledgers, targets) = match (ledgers, targets) {
        (Ok(l), Ok(t)) => (l, t),
        (Err(a), Err(b)) => return Err(Error::NoFiles(Box::new(a), Box::new(b))),
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let file_name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let (bank_path, bank) = match &manifest.bank {
        Some(f) => {
            let path = dir.join(f);
            let file = file_name(&path);
            (Some(path), Some(Bank { file, found: false }))
        }
        None if settings.no_bank => (None, None),
        None => match sources::bank_beside(dir) {
            Some(path) => {
                let file = file_name(&path);
                (Some(path), Some(Bank { file, found: true }))
            }
            // Any other statement named as one (工行对账单.xlsx, 2019 bank.xlsx) is used too, if
            // it is the only one: leaving it aside would drop the bank check without a word.
            None if names.iter().any(|n| BANK.is(n)) => {
                let file = BANK.pick(&names)?;
                (Some(dir.join(&file)), Some(Bank { file, found: true }))
            }
            None => (None, None),
        },
    };
    // A rules.toml in the fund's folder is its own system, as beside a single fund's targets.
    let (own_rules, rules_found) = match &manifest.rules {
        Some(f) => (Some(dir.join(f)), false),
        None => {
            let found = sources::rules_beside(dir);
            let said = found.is_some();
            (found, said)
        }
    };
    inputs.extend(own_rules.iter().cloned());
    let Config { rules, layout } = match &own_rules {
        Some(path) => Config::adjusted(settings.preset.clone(), path)?,
        None => Config {
            rules: settings.rules.clone(),
            layout: settings.layout.clone(),
        },
    };
    // Those the manifest names are in already.
    if manifest.ledger.is_none() {
        inputs.extend(ledgers.iter().cloned());
    }
    if manifest.targets.is_none() {
        inputs.push(targets.clone());
    }
    if manifest.bank.is_none() {
        inputs.extend(bank_path.iter().cloned());
    }
    Ok(Plan {
        sources: Sources {
            ledgers,
            targets,
            bank: bank_path,
            survey: manifest.survey.as_ref().map(|f| dir.join(f)),
            layout,
            bank_found_beside: false,
            rules_found_beside: rules_found.then(|| sources::RULES_NAME.to_string()),
            rules: own_rules,
        },
        rules,
        bank,
    })
}
