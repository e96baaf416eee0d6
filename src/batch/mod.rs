//! `jixiao batch DIR`: every fund folder under DIR evaluated, in parallel, into one row each.
//!
//! A finance bureau evaluates hundreds of funds a season, each handed in as a folder of exports.
//! A folder convention — the ledger, the targets workbook and the bank statement recognised by
//! their names, with a small `fund.toml` where the names say nothing — lets one command evaluate
//! them all. Each fund goes through exactly what `jixiao evaluate` does with the same files and
//! flags, so a row never disagrees with what `evaluate` says about that fund.
//!
//! One fund never stops another: its bad input becomes its row's error, and so does a panic while
//! evaluating it (a bug, caught per fund and reported as an internal error rather than taking the
//! whole batch down after hours of work). Funds run on a rayon pool, but the rows come back in the
//! folders' order, so the summary is the same whatever finished first. Only a fund's summary is
//! kept, never its ledger, so memory stays flat however many funds there are.

use std::fmt;
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::config::{Config, Preset};
use crate::evaluate::{Evaluation, evaluate};
use crate::lang::Lang;
use crate::read::ledger::LedgerLayout;
use crate::rules::Rules;
use crate::sources::{self, BANK_NAMES, Sources};

pub mod summary;

/// The manifest a fund folder may hold.
pub const MANIFEST: &str = "fund.toml";

/// Extensions a ledger may have.
const LEDGER_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];
/// Extensions a targets workbook may have: it has several sheets, so never CSV.
const TARGETS_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

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
pub fn discover(dir: &Path) -> Result<Discovery, String> {
    let d = dir.display();
    if !dir.exists() {
        return Err(format!("{d}: folder not found"));
    }
    if !dir.is_dir() {
        return Err(format!(
            "{d}: not a folder; expected a folder holding one folder per fund"
        ));
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("{d}: cannot read the folder: {e}"))?;
    let mut funds = Vec::new();
    let mut ignored = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{d}: cannot read the folder: {e}"))?;
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
        let expected = "expected one folder per fund, each holding its ledger and targets workbook (docs/batch.md)";
        return Err(if ignored.is_empty() {
            format!("{d}: the folder is empty; {expected}")
        } else {
            format!(
                "{d}: no fund folders in it, only {}; {expected}; for one fund's files, jixiao evaluate LEDGER TARGETS",
                ignored.join(", ")
            )
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
    pub fn refuse_output(&self, output: &Path) -> Option<String> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let parent = std::fs::canonicalize(parent).ok()?;
        self.funds
            .iter()
            .find(|f| std::fs::canonicalize(&f.dir).is_ok_and(|d| d == parent))
            .map(|f| {
                format!(
                    "{}: is in the folder of the fund {}; write the summary outside the funds' folders",
                    output.display(),
                    f.folder
                )
            })
    }
}

/// `1 fund`, `3 funds`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

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
    pub fn load(dir: &Path) -> Result<Manifest, String> {
        let path = dir.join(MANIFEST);
        if !path.is_file() {
            return Ok(Manifest::default());
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: cannot read the file: {e}", path.display()))?;
        Manifest::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The manifest's text read, or the error with its line and column.
    pub fn parse(text: &str) -> Result<Manifest, String> {
        toml::from_str(text).map_err(|e: toml::de::Error| {
            let message = e.message().trim_end();
            match e.span() {
                Some(span) => {
                    let before = text.get(..span.start).unwrap_or("");
                    let line = before.matches('\n').count() + 1;
                    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                    let column = text
                        .get(line_start..span.start)
                        .map_or(1, |t| t.chars().count() + 1);
                    format!("line {line}, column {column}: {message}")
                }
                None => message.to_string(),
            }
        })
    }
}

/// What every fund is evaluated with, unless its manifest says otherwise.
pub struct Settings {
    /// The preset, which a fund's own rules file adjusts.
    pub preset: Rules,
    /// The preset, or the preset adjusted by `--rules`, with the layout that file states.
    pub rules: Rules,
    pub layout: LedgerLayout,
    pub no_bank: bool,
}

impl Settings {
    /// The preset and `--rules` read once, so that a broken rules file stops the batch before
    /// it starts rather than failing every fund the same way.
    pub fn new(
        preset: Preset,
        rules: Option<&Path>,
        no_bank: bool,
        lang: Lang,
    ) -> Result<Settings, String> {
        let base = Config::load(preset.name(), None, lang).map_err(|e| e.to_string())?;
        let Config { rules, layout } = match rules {
            Some(path) => Config::adjusted(base.rules.clone(), path).map_err(|e| e.to_string())?,
            None => base.clone(),
        };
        Ok(Settings {
            preset: base.rules,
            rules,
            layout,
            no_bank,
        })
    }
}

/// A 一级 dimension's result.
#[derive(Debug, Clone)]
pub struct Dimension {
    pub name: String,
    pub points: Decimal,
    pub score: Decimal,
}

/// The bank statement a fund was evaluated with.
#[derive(Debug, Clone)]
pub struct Bank {
    /// The file's name.
    pub file: String,
    /// Found beside the ledger rather than named in `fund.toml`.
    pub found: bool,
}

/// What the summary keeps of an evaluated fund.
#[derive(Debug, Clone)]
pub struct Scored {
    /// The indicator system's name.
    pub rules: String,
    pub total: Decimal,
    pub points: Decimal,
    pub grade: String,
    pub dimensions: Vec<Dimension>,
    pub planned: Decimal,
    pub arrived: Decimal,
    pub spent: Decimal,
    /// Arrived over planned, as the reconciliation has it.
    pub funds_arrival_rate: Option<Decimal>,
    /// Spent over planned, as the reconciliation's total row has it.
    pub execution_rate: Option<Decimal>,
    /// The audit findings of the ledger checks.
    pub findings: usize,
    pub bank: Option<Bank>,
}

impl Scored {
    fn of(e: &Evaluation, bank: Option<Bank>) -> Scored {
        let s = &e.scorecard;
        let t = &e.reconciliation.totals;
        Scored {
            rules: e.rules.name.clone(),
            total: s.total,
            points: s.points,
            grade: s.grade.clone(),
            dimensions: s
                .dimensions
                .iter()
                .map(|d| Dimension {
                    name: d.name.clone(),
                    points: d.points,
                    score: d.score,
                })
                .collect(),
            planned: t.planned,
            arrived: t.arrived,
            spent: t.spent,
            funds_arrival_rate: e.reconciliation.funds_arrival_rate,
            execution_rate: crate::money::ratio(t.spent, t.planned),
            findings: e.findings.len(),
            bank,
        }
    }
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Evaluated(Box<Scored>),
    /// Why the fund could not be evaluated, on one line.
    Failed(String),
}

/// One fund's row of the summary.
#[derive(Debug, Clone)]
pub struct Row {
    pub folder: String,
    /// The manifest's name, else the folder's.
    pub name: String,
    pub outcome: Outcome,
    /// Every file the fund's evaluation read or was to read: the output never overwrites one.
    pub inputs: Vec<PathBuf>,
}

impl Row {
    pub fn scored(&self) -> Option<&Scored> {
        match &self.outcome {
            Outcome::Evaluated(s) => Some(s),
            Outcome::Failed(_) => None,
        }
    }

    pub fn error(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Evaluated(_) => None,
            Outcome::Failed(e) => Some(e),
        }
    }
}

/// The files in a fund folder a name could designate, sorted; hidden files and Excel's lock
/// files (`~$ledger.xlsx`, left while the workbook is open) are not.
fn files(dir: &Path) -> Result<Vec<String>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot read the folder: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
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
struct Kind {
    what: &'static str,
    named: fn(&str) -> bool,
    extensions: &'static [&'static str],
    like: &'static str,
    /// What to do when several files could be it.
    several: &'static str,
}

/// A ledger: `ledger`, or 账 as in 明细账, 序时账, 日记账, but not a bank statement (对账单).
const LEDGER: Kind = Kind {
    what: "ledger",
    named: |name| {
        (name.to_lowercase().contains("ledger") || name.contains('账')) && !is_bank_name(name)
    },
    extensions: LEDGER_EXTENSIONS,
    like: "ledger.xlsx or 明细账.xlsx",
    several: "name the right one in fund.toml, or all of them for a ledger exported in several files",
};

/// A targets workbook: `targets`, or 目标 as in 绩效目标申报表, or 申报.
const TARGETS: Kind = Kind {
    what: "targets",
    named: |name| {
        name.to_lowercase().contains("targets") || name.contains("目标") || name.contains("申报")
    },
    extensions: TARGETS_EXTENSIONS,
    like: "targets.xlsx or 绩效目标.xlsx",
    several: "name the right one in fund.toml",
};

/// A bank statement named as one but not by the names `evaluate` looks for.
const BANK: Kind = Kind {
    what: "bank statement",
    named: is_bank_name,
    extensions: LEDGER_EXTENSIONS,
    like: "bank.xlsx or 银行对账单.xlsx",
    several: "name the right one in fund.toml",
};

impl Kind {
    fn is(&self, name: &str) -> bool {
        (self.named)(name) && has_extension(name, self.extensions)
    }

    /// The one file of `names` of this kind, or why there is not one.
    fn pick(&self, names: &[String]) -> Result<String, String> {
        let what = self.what;
        let found: Vec<&str> = names
            .iter()
            .map(String::as_str)
            .filter(|n| self.is(n))
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).to_string()),
            [] => {
                let mut why = format!(
                    "no {what} file: expected a file named like {}, or a {MANIFEST} naming it",
                    self.like
                );
                let misnamed: Vec<&str> = names
                    .iter()
                    .map(String::as_str)
                    .filter(|n| (self.named)(n))
                    .collect();
                if !misnamed.is_empty() {
                    let extensions: Vec<String> =
                        self.extensions.iter().map(|e| format!(".{e}")).collect();
                    why.push_str(&format!(
                        " ({} named like one, but not {})",
                        misnamed.join(", "),
                        extensions.join(", ")
                    ));
                }
                Err(why)
            }
            many => Err(format!(
                "several files could be the {what} ({}): {}",
                many.join(", "),
                self.several
            )),
        }
    }
}

/// What a fund folder is evaluated from.
struct Plan {
    sources: Sources,
    rules: Rules,
    bank: Option<Bank>,
}

/// What is known of a fund before its files are: its name and the files it names.
struct Known {
    name: String,
    /// Every file the fund reads or was to read: the manifest, the files it names, the files
    /// found by their names.
    inputs: Vec<PathBuf>,
}

/// The fund's files and rules, from its manifest and its file names. `known` fills as the plan
/// goes, so that a fund whose files are wrong still carries its manifest's name, and the files it
/// names are still guarded from the output.
fn plan(fund: &Fund, settings: &Settings, known: &mut Known) -> Result<Plan, String> {
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
        [&manifest.targets, &manifest.bank, &manifest.rules]
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
        (Err(a), Err(b)) => return Err(format!("{a}; {b}")),
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
    let Config { rules, layout } = match &manifest.rules {
        Some(f) => {
            Config::adjusted(settings.preset.clone(), &dir.join(f)).map_err(|e| e.to_string())?
        }
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
            layout,
            notes: Vec::new(),
        },
        rules,
        bank,
    })
}

/// An error and its causes, on one line: a rules file's error drawn over several lines (its
/// line with a caret under the place) keeps its position and message, not the drawing.
pub fn one_line(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(s) = source {
        let cause = s.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
        source = s.source();
    }
    join_lines(&text)
}

/// The lines of a message joined with `: `, less the drawing of a TOML error (`  |`,
/// `2 | key = 1`, `  |     ^^^`).
fn join_lines(text: &str) -> String {
    let drawing = |line: &str| {
        line.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .starts_with('|')
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !drawing(l))
        .collect::<Vec<_>>()
        .join(": ")
}

/// One fund evaluated into its row.
fn evaluate_fund(fund: &Fund, settings: &Settings) -> Row {
    fund_row(fund, settings, evaluate)
}

/// A fund's row with its evaluation done by `evaluate`. The evaluation is guarded here, after
/// the plan, so that a fund that panics keeps its name and its inputs: the summary must not be
/// written over a file its manifest names outside its folder.
fn fund_row(
    fund: &Fund,
    settings: &Settings,
    evaluate: impl FnOnce(&Sources, Rules) -> crate::error::Result<Evaluation>,
) -> Row {
    let mut known = Known {
        name: fund.folder.clone(),
        inputs: Vec::new(),
    };
    let outcome = match plan(fund, settings, &mut known) {
        Ok(plan) => match guarded(|| evaluate(&plan.sources, plan.rules)) {
            Ok(Ok(e)) => Outcome::Evaluated(Box::new(Scored::of(&e, plan.bank))),
            Ok(Err(e)) => Outcome::Failed(one_line(&e)),
            Err(panic) => Outcome::Failed(panic),
        },
        Err(e) => Outcome::Failed(join_lines(&e)),
    };
    Row {
        folder: fund.folder.clone(),
        name: known.name,
        outcome,
        inputs: known.inputs,
    }
}

/// `each(fund)`, with a panic turned into an error saying so.
fn guarded<T>(each: impl FnOnce() -> T) -> Result<T, String> {
    crate::guard::guarded(each).map_err(|panic| {
        join_lines(&format!(
            "internal error (a bug in jixiao; please report it with the fund's files): {panic}"
        ))
    })
}

/// `each` on every fund on a pool of `jobs` threads (rayon's default without), a progress bar
/// on standard error when it is a terminal, the results in the funds' order.
fn run_all<T: Send>(
    funds: &[Fund],
    jobs: Option<usize>,
    each: impl Fn(&Fund) -> T + Sync,
    failed: impl Fn(&Fund, String) -> T + Sync,
) -> Result<Vec<T>, String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| format!("cannot start the worker threads: {e}"))?;
    // `stderr()` draws nothing when standard error is not a terminal (a pipe, a file, a test).
    let progress =
        ProgressBar::with_draw_target(Some(funds.len() as u64), ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let results = pool.install(|| {
        funds
            .par_iter()
            .map(|fund| {
                let result = guarded(|| each(fund)).unwrap_or_else(|e| failed(fund, e));
                progress.set_message(fund.folder.clone());
                progress.inc(1);
                result
            })
            .collect()
    });
    progress.finish_and_clear();
    Ok(results)
}

/// Every fund evaluated, one row each, in the funds' order.
pub fn evaluate_all(
    funds: &[Fund],
    settings: &Settings,
    jobs: Option<usize>,
) -> Result<Vec<Row>, String> {
    run_all(
        funds,
        jobs,
        |fund| evaluate_fund(fund, settings),
        |fund, error| Row {
            folder: fund.folder.clone(),
            name: fund.folder.clone(),
            outcome: Outcome::Failed(error),
            inputs: Vec::new(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn funds_are_in_the_order_people_number_them() {
        let mut names = vec![
            "基金10", "基金2", "基金1", "a", "2019-10", "2019-2", "基金02",
        ];
        names.sort_by(|a, b| natural_order(a, b));
        assert_eq!(
            names,
            [
                "2019-2", "2019-10", "a", "基金1", "基金02", "基金2", "基金10"
            ]
        );
    }

    #[test]
    fn ledgers_are_recognised_by_name() {
        for yes in [
            "ledger.xlsx",
            "Ledger-2019.XLSX",
            "明细账.xls",
            "序时账.csv",
            "工会日记账.ods",
            "银行存款日记账.xlsx",
        ] {
            assert!(LEDGER.is(yes), "{yes}");
        }
        for no in [
            "ledger.pdf",
            "bank.xlsx",
            "银行对账单.xlsx",
            "工行对账单.xls",
            "targets.xlsx",
        ] {
            assert!(!LEDGER.is(no), "{no}");
        }
    }

    #[test]
    fn targets_are_recognised_by_name() {
        for yes in ["targets.xlsx", "绩效目标申报表.xlsx", "申报资料.ods"] {
            assert!(TARGETS.is(yes), "{yes}");
        }
        for no in ["targets.csv", "ledger.xlsx", "目标.txt"] {
            assert!(!TARGETS.is(no), "{no}");
        }
    }

    #[test]
    fn one_file_or_a_reason() {
        let files = names(&["bank.xlsx", "ledger.xlsx", "targets.xlsx", "说明.docx"]);
        assert_eq!(LEDGER.pick(&files), Ok("ledger.xlsx".into()));
        let none = LEDGER.pick(&names(&["说明.docx"]));
        assert_eq!(
            none,
            Err("no ledger file: expected a file named like ledger.xlsx or 明细账.xlsx, or a fund.toml naming it".into())
        );
        let pdf = TARGETS
            .pick(&names(&["绩效目标.pdf", "ledger.xlsx"]))
            .unwrap_err();
        assert!(
            pdf.ends_with("(绩效目标.pdf named like one, but not .xlsx, .xlsm, .xls, .ods)"),
            "{pdf}"
        );
        let two = LEDGER.pick(&names(&["明细账2019.xlsx", "明细账2020.xlsx"]));
        assert_eq!(
            two,
            Err("several files could be the ledger (明细账2019.xlsx, 明细账2020.xlsx): name the right one in fund.toml, or all of them for a ledger exported in several files".into())
        );
    }

    #[test]
    fn manifest_takes_one_ledger_or_several() {
        let one = Manifest::parse("ledger = \"a.xlsx\"").unwrap();
        assert_eq!(one.ledger, Some(vec![PathBuf::from("a.xlsx")]));
        let many = Manifest::parse("name = \"x\"\nledger = [\"a.xlsx\", \"b.csv\"]\ntargets = \"t.xlsx\"\nbank = \"s.xlsx\"\nrules = \"r.toml\"").unwrap();
        assert_eq!(
            many.ledger,
            Some(vec![PathBuf::from("a.xlsx"), PathBuf::from("b.csv")])
        );
        assert_eq!(many.rules, Some(PathBuf::from("r.toml")));
    }

    #[test]
    fn manifest_refuses_unknown_keys_and_empty_lists() {
        let unknown = Manifest::parse("name = \"x\"\nledgers = [\"a.xlsx\"]").unwrap_err();
        assert!(
            unknown.starts_with("line 2, column 1: unknown field `ledgers`"),
            "{unknown}"
        );
        assert!(!unknown.contains('\n'), "{unknown}");
        let empty = Manifest::parse("ledger = []").unwrap_err();
        assert!(
            empty.contains("a file name or a list of file names"),
            "{empty}"
        );
        let number = Manifest::parse("ledger = 3").unwrap_err();
        assert!(
            number.contains("a file name or a list of file names"),
            "{number}"
        );
    }

    #[test]
    fn toml_drawings_are_left_out_of_one_line() {
        let drawn = "rules file r.toml: error at line 2, column 3\n  |\n2 | a = 1\n  |   ^\nunknown measure “x”";
        assert_eq!(
            join_lines(drawn),
            "rules file r.toml: error at line 2, column 3: unknown measure “x”"
        );
    }

    /// Regression: a fund that panicked lost its inputs with its row, so the summary could be
    /// written over a ledger its manifest names outside its folder.
    #[test]
    fn a_fund_that_panics_keeps_its_name_and_inputs() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("基金A");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(
            dir.join(MANIFEST),
            "name = \"职工帮扶\"\nledger = [\"../shared.xlsx\"]\ntargets = \"t.xlsx\"\n",
        )
        .unwrap();
        let fund = Fund {
            folder: "基金A".into(),
            dir: dir.clone(),
        };
        let settings = Settings::new(Preset::Changde2019, None, true, Lang::Zh).unwrap();
        let row = fund_row(&fund, &settings, |_, _| panic!("index out of bounds"));
        assert_eq!(row.name, "职工帮扶");
        assert!(
            row.inputs.contains(&dir.join("../shared.xlsx")),
            "{:?}",
            row.inputs
        );
        match row.outcome {
            Outcome::Failed(e) => assert!(e.starts_with("internal error"), "{e}"),
            _ => panic!("evaluated"),
        }
    }

    #[test]
    fn a_panic_in_one_fund_is_its_row_not_the_batch() {
        let funds: Vec<Fund> = ["a", "b", "c"]
            .iter()
            .map(|f| Fund {
                folder: f.to_string(),
                dir: PathBuf::from(f),
            })
            .collect();
        let results = run_all(
            &funds,
            Some(2),
            |fund| {
                if fund.folder == "b" {
                    panic!("index out of bounds");
                }
                Ok(fund.folder.clone())
            },
            |_, error| Err(error),
        )
        .unwrap();
        assert_eq!(results[0], Ok("a".to_string()));
        assert_eq!(results[2], Ok("c".to_string()));
        let error = results[1].clone().unwrap_err();
        assert!(error.starts_with("internal error"), "{error}");
        assert!(
            error.contains("index out of bounds at src/batch/mod.rs:"),
            "{error}"
        );
    }
}
