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
//! whole batch down after hours of work). From the command line each fund runs in a process of
//! its own, stopped past its time and memory limits ([`Worker`]); a rayon pool runs as many at
//! once as `--jobs` says, but the rows come back in the folders' order, so the summary is the
//! same whatever finished first. Only a fund's summary is kept, never its ledger, so memory
//! stays flat however many funds there are.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::config::{Config, Preset};
use crate::evaluate::{Evaluation, evaluate};
use crate::lang::Lang;
use crate::read::ledger::LedgerLayout;
use crate::rules::Rules;
use crate::sources::Sources;

mod discover;
mod error;
mod manifest;
pub mod merge;
mod plan;
mod shard;
pub mod summary;
mod worker;

pub use discover::{Discovery, Fund, discover, natural_order};
pub use error::{Error, WorkerEnd};
pub use manifest::{MANIFEST, Manifest};
pub use shard::Shard;
pub use worker::{
    SUBCOMMAND, Worker, end_with_parent, evaluate_alone, fund_memory_limit, limit_memory,
};

use plan::{Known, plan};

/// What every fund is evaluated with, unless its manifest says otherwise.
#[derive(Clone)]
pub struct Settings {
    /// The preset, which a fund's own rules file adjusts.
    pub preset: Rules,
    /// The preset, or the preset adjusted by `--rules`, with the layout that file states.
    pub rules: Rules,
    pub layout: LedgerLayout,
    pub no_bank: bool,
    /// Where each evaluated fund's Word report is written (`--reports DIR`), as
    /// `<folder>.docx`.
    pub reports: Option<PathBuf>,
    /// How each fund is evaluated apart: in a process of its own, bounded in time and memory
    /// (the command line's way), or without one on a thread of its own, bounded in time only.
    pub worker: Option<Worker>,
}

impl Settings {
    /// The preset and `--rules` read once, so that a broken rules file stops the batch before
    /// it starts rather than failing every fund the same way.
    pub fn new(
        preset: Preset,
        rules: Option<&Path>,
        no_bank: bool,
        lang: Lang,
    ) -> Result<Settings, Error> {
        let base = Config::load(preset.name(), None, lang)?;
        let Config { rules, layout } = match rules {
            Some(path) => Config::adjusted(base.rules.clone(), path)?,
            None => base.clone(),
        };
        Ok(Settings {
            preset: base.rules,
            rules,
            layout,
            no_bank,
            reports: None,
            worker: None,
        })
    }
}

/// A 一级 dimension's result.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Dimension {
    pub name: String,
    pub points: Decimal,
    pub score: Decimal,
}

/// The bank statement a fund was evaluated with.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Bank {
    /// The file's name.
    pub file: String,
    /// Found beside the ledger rather than named in `fund.toml`.
    pub found: bool,
}

/// What the summary keeps of an evaluated fund.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
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
    /// Evaluated by the `rules.toml` of its own folder, which no `fund.toml` named.
    pub own_rules: bool,
    /// The budget years side by side, where the 预算明细 gives its lines a 年度.
    pub years: Vec<crate::reconcile::YearTotal>,
    /// A filled 自评表's own total and the discrepancies its re-check found (自评复核).
    #[serde(default)]
    pub review: Option<ReviewSummary>,
}

/// What a bureau's summary keeps of a 自评复核: the unit's claimed total and how many
/// discrepancies were found in its form; the recomputed total is the row's `total`.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub struct ReviewSummary {
    pub claimed: Decimal,
    pub discrepancies: usize,
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
            years: e.reconciliation.years(),
            review: s.review.as_ref().map(|r| ReviewSummary {
                claimed: r.claimed,
                discrepancies: r.discrepancies.len(),
            }),
            bank,
            own_rules: e
                .notes
                .iter()
                .any(|n| matches!(n, crate::evaluate::Note::RulesBeside { .. })),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    Evaluated(Box<Scored>),
    /// Why the fund could not be evaluated, on one line.
    Failed(String),
}

/// One fund's row of the summary.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Row {
    pub folder: String,
    /// The manifest's name, else the folder's.
    pub name: String,
    pub outcome: Outcome,
    /// Every file the fund's evaluation read or was to read: the output never overwrites one.
    #[serde(with = "os_paths")]
    pub inputs: Vec<PathBuf>,
}

/// Paths as their bytes on Unix, where a folder's name need not be UTF-8 (a GBK name unzipped
/// on Linux): a worker's row must carry them as they are.
mod os_paths {
    use std::path::PathBuf;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(paths: &[PathBuf], s: S) -> Result<S::Ok, S::Error> {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            s.collect_seq(paths.iter().map(|p| p.as_os_str().as_bytes()))
        }
        #[cfg(not(unix))]
        {
            s.collect_seq(paths.iter().map(|p| p.to_string_lossy()))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let bytes: Vec<Vec<u8>> = Deserialize::deserialize(d)?;
            Ok(bytes
                .into_iter()
                .map(|b| PathBuf::from(std::ffi::OsString::from_vec(b)))
                .collect())
        }
        #[cfg(not(unix))]
        {
            let text: Vec<String> = Deserialize::deserialize(d)?;
            Ok(text.into_iter().map(PathBuf::from).collect())
        }
    }
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

/// An error on one line, in `lang`: a rules file's error drawn over several lines (its line
/// with a caret under the place) keeps its position and message, not the drawing.
pub fn one_line(error: &Error, lang: Lang) -> String {
    join_lines(&error.message(lang), lang)
}

/// The lines of a message joined with `: `, less the drawing of a TOML error (`  |`,
/// `2 | key = 1`, `  |     ^^^`).
fn join_lines(text: &str, lang: Lang) -> String {
    let drawing = |line: &str| {
        line.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start()
            .starts_with('|')
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !drawing(l))
        .collect::<Vec<_>>()
        .join(lang.pick("：", ": "))
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
    let lang = settings.preset.lang;
    let outcome = match plan(fund, settings, &mut known) {
        Ok(plan) => match crate::guard::guarded(|| evaluate(&plan.sources, plan.rules)) {
            Ok(Ok(e)) => match write_report(&e, fund, settings, &known.inputs) {
                Ok(()) => Outcome::Evaluated(Box::new(Scored::of(&e, plan.bank))),
                Err(e) => Outcome::Failed(one_line(&e, lang)),
            },
            Ok(Err(e)) => Outcome::Failed(one_line(&Error::from(e), lang)),
            Err(panic) => Outcome::Failed(one_line(&Error::Panic(panic), lang)),
        },
        Err(e) => Outcome::Failed(one_line(&e, lang)),
    };
    Row {
        folder: fund.folder.clone(),
        name: known.name,
        outcome,
        inputs: known.inputs,
    }
}

/// The file name of a fund's report in the reports folder: `<folder>.docx`.
pub fn report_name(folder: &str) -> String {
    format!("{}.docx", folder.replace(['/', '\\'], "_"))
}

/// The fund's Word report in the reports folder, when one is asked for: written whole or not
/// at all (a temporary file renamed), never over one of the fund's inputs.
fn write_report(
    e: &Evaluation,
    fund: &Fund,
    settings: &Settings,
    inputs: &[PathBuf],
) -> Result<(), Error> {
    let Some(dir) = &settings.reports else {
        return Ok(());
    };
    let path = dir.join(report_name(&fund.folder));
    let same = |input: &PathBuf| {
        input == &path
            || std::fs::canonicalize(input)
                .ok()
                .zip(std::fs::canonicalize(&path).ok())
                .is_some_and(|(a, b)| a == b)
    };
    if inputs.iter().any(same) {
        return Err(Error::ReportOverInput(path));
    }
    // Never renamed over a device or a pipe that stands where the report goes.
    if let Some(kind) = std::fs::metadata(&path)
        .ok()
        .and_then(|m| crate::file::special(&m))
    {
        return Err(Error::Report(
            path.clone(),
            crate::error::special(kind, settings.preset.lang).to_string(),
        ));
    }
    let bytes = crate::render::docx::report::render(e, settings.preset.lang)
        .map_err(|e| Error::Report(path.clone(), e.message(settings.preset.lang)))?;
    let write = || -> std::io::Result<()> {
        let mut file = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut file, &bytes)?;
        file.persist(&path).map_err(|e| e.error)?;
        Ok(())
    };
    write().map_err(|e| Error::Report(path.clone(), e.to_string()))
}

/// How long one fund may take: `JIXIAO_FUND_SECONDS`, else 15 minutes (a million postings
/// take seconds).
fn fund_time_limit() -> std::time::Duration {
    let seconds = std::env::var("JIXIAO_FUND_SECONDS")
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .unwrap_or(900.0);
    std::time::Duration::try_from_secs_f64(seconds).unwrap_or(std::time::Duration::MAX)
}

/// One fund evaluated on a thread of its own, waited for no longer than `limit`: a fund that
/// never ends (a reader caught in a loop, a file that blocks) fails its row, saying so, and the
/// batch goes on. Its thread is left to the process's end, which the summary does not wait for;
/// a [`Worker`] process is killed instead.
fn bounded(fund: &Fund, settings: &std::sync::Arc<Settings>, limit: std::time::Duration) -> Row {
    let (tx, rx) = std::sync::mpsc::channel();
    let (f, s) = (fund.clone(), std::sync::Arc::clone(settings));
    let spawned = std::thread::Builder::new()
        .name(format!("fund {}", fund.folder))
        .spawn(move || {
            let _ = tx.send(evaluate_alone(&f, &s));
        });
    if spawned.is_err() {
        // No thread to be had (a process limit): evaluated here, unbounded, as before.
        return evaluate_fund(fund, settings);
    }
    match rx.recv_timeout(limit) {
        Ok(row) => row,
        Err(_) => Row {
            folder: fund.folder.clone(),
            name: fund.folder.clone(),
            outcome: Outcome::Failed(one_line(
                &Error::TimedOut(limit.as_secs_f64()),
                settings.preset.lang,
            )),
            inputs: Vec::new(),
        },
    }
}

/// `each` on every fund on a pool of `jobs` threads (rayon's default without), a progress bar
/// on standard error when it is a terminal, the results in the funds' order.
fn run_all<T: Send>(
    funds: &[Fund],
    jobs: Option<usize>,
    each: impl Fn(&Fund) -> T + Sync,
    failed: impl Fn(&Fund, Error) -> T + Sync,
) -> Result<Vec<T>, Error> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .build()
        .map_err(|e| Error::Threads(e.to_string()))?;
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
                let result = crate::guard::guarded(|| each(fund))
                    .unwrap_or_else(|panic| failed(fund, Error::Panic(panic)));
                progress.set_message(crate::label::neutral(&fund.folder).into_owned());
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
) -> Result<Vec<Row>, Error> {
    let shared = std::sync::Arc::new(settings.clone());
    let limit = fund_time_limit();
    run_all(
        funds,
        jobs,
        |fund| match &shared.worker {
            Some(worker) => worker.run(fund, settings, limit),
            None => bounded(fund, &shared, limit),
        },
        |fund, error| Row {
            folder: fund.folder.clone(),
            name: fund.folder.clone(),
            outcome: Outcome::Failed(one_line(&error, settings.preset.lang)),
            inputs: Vec::new(),
        },
    )
}

#[cfg(test)]
mod tests;
