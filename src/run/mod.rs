//! From arguments to an exit code: 0 evaluated, 1 below `--fail-under`, 2 could not evaluate.
//!
//! As ripgrep's: [`run`] calls [`try_main`] and is the one place a failure is printed, in the
//! user's language. The commands return a typed [`Failure`], which carries its exit code and
//! never prints itself; `try_main` hands it on as an `anyhow::Error`, and `run` finds it there.

mod failure;
mod output;

use std::ffi::OsString;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

pub use failure::Failure;
use failure::some_funds;
use output::{print, print_csv, print_json, write_sparing};

/// `eprintln!` through [`output::warn`]: what goes to standard error is neutralised too.
macro_rules! warn {
    ($($t:tt)*) => {
        output::warn(&format!($($t)*))
    };
}

use crate::batch;
use crate::batch::summary::SummaryFormat;
use crate::cli::{
    BatchArgs, CheckArgs, Cli, Command, EvaluateArgs, Form, FundWorkerArgs, InputArgs,
};
use crate::config::Config;
use crate::evaluate::{analyse, evaluate};
use crate::glossary::{Noun, count};
use crate::lang::Lang;
use crate::render::{self, Format, Options};
use crate::rules::Rules;
use crate::sources::{self, Sources};

pub const EVALUATED: u8 = 0;
pub const BELOW_THRESHOLD: u8 = 1;
pub const FAILED: u8 = 2;

pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    // The language of a failure: the command's, or before the command line is read, the
    // environment's.
    let mut lang = env_lang();
    let error = match try_main(args, &mut lang) {
        Ok(code) => return ExitCode::from(code),
        Err(error) => error,
    };
    let prefix = lang.pick("错误：", "error: ");
    match error.downcast::<Failure>() {
        Ok(Failure::Usage(e)) => {
            // Help and version go to stdout and succeed; usage errors exit 2. clap says both.
            let _ = e.print();
            ExitCode::from(Failure::Usage(e).exit_code())
        }
        Ok(failure) => {
            warn!("{prefix}{}", failure.message(lang));
            ExitCode::from(failure.exit_code())
        }
        // Every command fails with a `Failure`; anything else is said with its causes.
        Err(other) => {
            warn!("{prefix}{other:#}");
            ExitCode::from(FAILED)
        }
    }
}

/// `JIXIAO_LANG`, in any case; Chinese when it is unset, empty or neither `zh` nor `en`. Read
/// here rather than by clap, so that a stray value in the environment never stops a command.
fn env_lang() -> Lang {
    match std::env::var("JIXIAO_LANG") {
        Ok(v) if v.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// The command the arguments name, run: its exit code, or why it could not run.
pub fn try_main<I: IntoIterator<Item = OsString>>(
    args: I,
    lang_out: &mut Lang,
) -> anyhow::Result<u8> {
    let cli = Cli::try_parse_from(args).map_err(Failure::Usage)?;
    let lang = cli.lang.unwrap_or(*lang_out);
    *lang_out = lang;
    match cli.command {
        Command::Evaluate(args) => Ok(evaluate_command(&args, lang)?),
        Command::Check(args) => Ok(check_command(&args, lang)?),
        Command::Batch(args) => Ok(batch_command(&args, lang)?),
        Command::FundWorker(args) => fund_worker_command(&args, lang),
        Command::Template(args) => {
            let files = crate::template::write(&args.dir).map_err(Failure::Input)?;
            let d = args.dir.display();
            let text = format!(
                "{}\n\n{}jixiao evaluate {d}/ledger.xlsx {d}/targets.xlsx\n",
                files
                    .iter()
                    .map(|f| lang.pick(format!("已写入 {f}"), format!("wrote {f}")))
                    .collect::<Vec<_>>()
                    .join("\n"),
                lang.pick("试试：", "Try: ")
            );
            print(&text)?;
            Ok(EVALUATED)
        }
        Command::Rules(args) => {
            print(crate::config::preset_text(args.preset.name()).unwrap_or_default())?;
            Ok(EVALUATED)
        }
    }
}

/// The fund's files and the rules it is evaluated with, as the command line gives them.
fn inputs(args: &InputArgs, lang: Lang, form: Form) -> Result<(Sources, Rules), Failure> {
    let (ledgers, targets) = args.inputs()?;
    // A rules.toml beside the targets (as `jixiao template` writes it) is the fund's system.
    let beside = match (&args.rules, args.no_rules) {
        (None, false) => sources::rules_beside(targets.parent().unwrap_or(Path::new(""))),
        _ => None,
    };
    let preset = args.preset.unwrap_or(match form {
        Form::SelfEval => crate::config::Preset::SelfEval,
        Form::Report => crate::config::Preset::Changde2019,
    });
    // The 自评表 is scored by the self-eval system: a system of the fund's own found beside
    // the targets is not the form's; its settings (columns, accounts, actuals) still apply.
    let own_system = |path: &Path| {
        crate::rules_file::RulesFile::load(path).is_ok_and(|f| !f.dimension.is_empty())
    };
    let mut config = match (form, &args.rules, &beside) {
        (Form::SelfEval, None, Some(path)) if own_system(path) => {
            warn!(
                "{}",
                lang.pick(
                    format!(
                        "注：自评表按 {} 指标体系评分，{} 中的指标体系未使用，其余设置照用",
                        preset.name(),
                        path.display()
                    ),
                    format!(
                        "note: the self-evaluation form is scored by the system {}; the system in {} is not used, its other settings are",
                        preset.name(),
                        path.display()
                    )
                )
            );
            Config::load_settings(preset.name(), path, lang)?
        }
        _ => Config::load(
            preset.name(),
            args.rules.as_deref().or(beside.as_deref()),
            lang,
        )?,
    };
    config.rules.judgements_of_other_systems = form == Form::SelfEval;
    config.rules.draft = form == Form::SelfEval;
    let (bank, bank_found_beside) = match (&args.bank, args.no_bank) {
        (Some(path), _) => (Some(path.clone()), false),
        (None, true) => (None, false),
        (None, false) => {
            let dir = ledgers
                .first()
                .and_then(|l| l.parent())
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let found = sources::bank_beside(&dir);
            let beside = found.is_some();
            (found, beside)
        }
    };
    Ok((
        Sources {
            ledgers,
            targets,
            bank,
            survey: args.survey.clone(),
            layout: config.layout,
            bank_found_beside,
            rules_found_beside: beside
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned()),
            rules: args.rules.clone().or(beside),
        },
        config.rules,
    ))
}

fn check_command(args: &CheckArgs, lang: Lang) -> Result<u8, Failure> {
    let (sources, rules) = inputs(&args.inputs, lang, Form::Report)?;
    let analysis = analyse(&sources, rules)?;
    let (text, evaluable) = render::inputs::render(&analysis, lang);
    print(&text)?;
    Ok(if evaluable { EVALUATED } else { FAILED })
}

fn evaluate_command(args: &EvaluateArgs, lang: Lang) -> Result<u8, Failure> {
    // Said before the work: an output whose format cannot be told is never written as text.
    let format = match (args.format, args.output.as_deref()) {
        (Some(f), _) => f,
        (None, Some(path)) => Format::from_path(path).ok_or_else(|| Failure::UnknownOutput {
            path: path.to_path_buf(),
            formats: Format::EXTENSIONS.to_vec(),
        })?,
        (None, None) => Format::Table,
    };
    if args.explain.is_some() && !matches!(format, Format::Table | Format::Json) {
        return Err(Failure::ExplainFormat);
    }
    if args.form == Form::SelfEval && !matches!(format, Format::Xlsx | Format::Docx) {
        return Err(Failure::FormFormat);
    }
    match (format, &args.output) {
        (Format::Xlsx, None) => return Err(Failure::XlsxToTerminal),
        (Format::Docx, None) => return Err(Failure::DocxToTerminal),
        _ => {}
    }
    let (sources, rules) = inputs(&args.inputs, lang, args.form)?;
    let evaluation = evaluate(&sources, rules)?;
    if let Some(wanted) = &args.explain {
        let explained = match format {
            Format::Json => render::explain::render_json(&evaluation, wanted),
            _ => render::explain::render(&evaluation, wanted, lang),
        };
        let text = explained.ok_or_else(|| Failure::NoSuchIndicator {
            wanted: wanted.clone(),
            indicators: evaluation
                .scorecard
                .indicators
                .iter()
                .map(|i| i.path[2].clone())
                .collect(),
        })?;
        match &args.output {
            Some(path) => write_sparing(path, text.as_bytes(), sources.paths())?,
            None if format == Format::Json => print_json(&text)?,
            None => print(&text)?,
        }
        return Ok(EVALUATED);
    }
    let options = Options {
        ascii: args.ascii,
        lang,
    };
    let bytes = match args.form {
        Form::Report => render::render(&evaluation, format, &options)?,
        Form::SelfEval => {
            // The form has no room for notes: what the user should know is said here — the
            // evaluation's notes, and the judgements naming indicators the form does not score.
            for note in &evaluation.notes {
                warn!("{}{}", lang.pick("注：", "note: "), note.say(lang));
            }
            for f in &evaluation.scorecard.unapplied {
                warn!(
                    "{}",
                    lang.pick(
                        format!("注：{} 评价发现所指的“{}”不是自评表上参与评分的指标，未扣分", f.at, f.indicator),
                        format!("note: {}: the finding names “{}”, which the self-evaluation form does not score: nothing deducted", f.at, f.indicator)
                    )
                );
            }
            for s in &evaluation.scorecard.unapplied_scores {
                warn!(
                    "{}",
                    lang.pick(
                        format!("注：{} 评分所指的“{}”不是自评表上的指标，未使用", s.at, s.indicator),
                        format!("note: {}: the score names “{}”, which is not on the self-evaluation form: not used", s.at, s.indicator)
                    )
                );
            }
            let (bytes, notes) = render::self_eval::render(&evaluation, format, lang)?;
            for note in notes {
                warn!("{}{note}", lang.pick("注：", "note: "));
            }
            bytes
        }
    };
    if std::env::var("JIXIAO_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0") {
        let mut timings = evaluation.timings.clone();
        timings.mark("render");
        warn!("timings: {}", timings.describe());
    }
    match &args.output {
        Some(path) => write_sparing(path, &bytes, sources.paths())?,
        None => {
            let text = String::from_utf8_lossy(&bytes);
            match format {
                Format::Json => print_json(&text)?,
                Format::Csv => print_csv(&text)?,
                _ => print(&text)?,
            }
        }
    }
    if let (Some(why), Some(path)) = (&evaluation.scorecard.withheld, &args.output) {
        return Err(Failure::Drafted {
            path: path.clone(),
            why: why.message(lang),
        });
    }
    match args.fail_under {
        Some(threshold) if evaluation.scorecard.total < threshold => {
            let total = crate::money::round(evaluation.scorecard.total, 2);
            warn!(
                "{}",
                lang.pick(
                    format!("jixiao：总分 {total:.2} 低于 --fail-under {threshold}"),
                    format!("jixiao: total {total:.2} is below --fail-under {threshold}")
                )
            );
            Ok(BELOW_THRESHOLD)
        }
        _ => Ok(EVALUATED),
    }
}

/// One fund of a batch in a process of its own: its row as one line of JSON on standard
/// output, whatever became of its evaluation (src/batch/worker.rs).
fn fund_worker_command(args: &FundWorkerArgs, lang: Lang) -> anyhow::Result<u8> {
    // First, so that reading the rules is held to it as well. A system that refuses it (a
    // sandbox forbidding the call) leaves the fund bounded in time only, as on threads.
    let _ = batch::limit_memory(args.memory_mb);
    batch::end_with_parent();
    let mut settings = batch::Settings::new(args.preset, args.rules.as_deref(), args.no_bank, lang)
        .map_err(Failure::Batch)?;
    settings.reports = args.reports.clone();
    let fund = batch::Fund {
        folder: args.folder.clone(),
        dir: args.dir.clone(),
    };
    let row = batch::evaluate_alone(&fund, &settings);
    let mut line = serde_json::to_vec(&row).context("the fund's row as JSON")?;
    line.push(b'\n');
    std::io::Write::write_all(&mut std::io::stdout().lock(), &line).map_err(Failure::Stdout)?;
    Ok(EVALUATED)
}

fn batch_command(args: &BatchArgs, lang: Lang) -> Result<u8, Failure> {
    let shard = args.shard.as_deref().map(batch::Shard::parse).transpose()?;
    let format = match (args.format, args.output.as_deref()) {
        (Some(f), _) => f,
        (None, _) if shard.is_some() => SummaryFormat::Jsonl,
        (None, Some(path)) => {
            SummaryFormat::from_path(path).ok_or_else(|| Failure::UnknownOutput {
                path: path.to_path_buf(),
                formats: SummaryFormat::EXTENSIONS.to_vec(),
            })?
        }
        (None, None) => SummaryFormat::Table,
    };
    // Said before hours of work, not after.
    if format == SummaryFormat::Xlsx && args.output.is_none() {
        return Err(Failure::XlsxToTerminal);
    }
    if shard.is_some() && format != SummaryFormat::Jsonl {
        return Err(Failure::ShardFormat);
    }
    if !args.merge.is_empty() {
        let rows = batch::merge::merge(&args.merge)?;
        return batch_summary(args, &rows, format, &[], None, lang);
    }
    let Some(funds_dir) = args.dir.as_deref() else {
        return Err(Failure::Usage(clap::Error::new(
            clap::error::ErrorKind::MissingRequiredArgument,
        )));
    };
    let mut settings =
        batch::Settings::new(args.preset, args.rules.as_deref(), args.no_bank, lang)?;
    if let Some(dir) = &args.reports {
        // Inside the folder of funds, the reports' folder would be taken for a fund.
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        if absolute(dir).starts_with(absolute(funds_dir)) {
            return Err(Failure::ReportsAmongFunds(dir.clone()));
        }
        std::fs::create_dir_all(dir)
            .map_err(|e| batch::Error::Report(dir.clone(), e.to_string()))?;
        settings.reports = Some(dir.clone());
    }
    // Each fund in a process of this program, bounded in time and memory; without a path to
    // it (a system that cannot say), on threads, bounded in time.
    settings.worker = std::env::current_exe().ok().map(|program| {
        batch::Worker::new(
            program,
            args.preset,
            args.rules.as_deref(),
            args.no_bank,
            settings.reports.as_deref(),
            lang,
        )
    });
    let found = batch::discover(funds_dir)?;
    if let Some(refused) = args.output.as_deref().and_then(|o| found.refuse_output(o)) {
        return Err(refused.into());
    }
    let funds: Vec<batch::Fund> = match shard {
        Some(shard) => found
            .funds
            .iter()
            .filter(|f| shard.contains(&f.folder))
            .cloned()
            .collect(),
        None => found.funds.clone(),
    };
    let rows = batch::evaluate_all(&funds, &settings, args.jobs.map(usize::from))?;
    // A shard's closing line: its share and every fund of the batch, for --merge.
    let closing = shard.map(|shard| {
        batch::merge::Closing::new(
            shard,
            found.funds.iter().map(|f| f.folder.clone()).collect(),
        )
    });
    batch_summary(args, &rows, format, &found.ignored, closing.as_ref(), lang)
}

/// The summary of a batch's rows (evaluated here, or merged from shards) written or printed,
/// its notes said, and the batch's exit code.
fn batch_summary(
    args: &BatchArgs,
    rows: &[batch::Row],
    format: SummaryFormat,
    ignored: &[String],
    closing: Option<&batch::merge::Closing>,
    lang: Lang,
) -> Result<u8, Failure> {
    let options = Options {
        ascii: args.ascii,
        lang,
    };
    let mut bytes = batch::summary::render(rows, format, &options, args.by_year)?;
    if let Some(closing) = closing {
        serde_json::to_writer(&mut bytes, closing).map_err(render::Error::from)?;
        bytes.push(b'\n');
    }
    match &args.output {
        Some(path) => write_sparing(
            path,
            &bytes,
            rows.iter()
                .flat_map(|r| r.inputs.iter())
                .chain(args.rules.iter())
                .chain(args.merge.iter()),
        )?,
        None => {
            let text = String::from_utf8_lossy(&bytes);
            match format {
                SummaryFormat::Jsonl => print_json(&text)?,
                SummaryFormat::Csv => print_csv(&text)?,
                _ => print(&text)?,
            }
        }
    }
    let dir = args.dir.as_deref().unwrap_or(Path::new("."));
    for note in batch::summary::notes(rows, ignored, dir, format, lang) {
        warn!("{}{note}", lang.pick("注：", "note: "));
    }
    // A report left from an earlier run for a fund that failed this time is not this run's.
    for row in rows.iter().filter(|r| r.scored().is_none()) {
        let Some(dir) = &args.reports else { break };
        let stale = dir.join(batch::report_name(&row.folder));
        if stale.exists() {
            warn!(
                "{}",
                lang.pick(
                    format!("注：{} 是此前的报告；该资金本次未能评价，报告未更新", stale.display()),
                    format!(
                        "note: {} is an earlier report; the fund could not be evaluated this time and its report is not updated",
                        stale.display()
                    )
                )
            );
        }
    }
    let mut code = EVALUATED;
    if let Some(threshold) = args.fail_under {
        let below: Vec<&batch::Row> = rows
            .iter()
            .filter(|r| r.scored().is_some_and(|s| s.total < threshold))
            .collect();
        if !below.is_empty() {
            let (n, funds) = (below.len(), count(lang, rows.len(), Noun::Fund));
            let names: Vec<String> = below.iter().map(|r| r.name.clone()).collect();
            let names = some_funds(&names, lang);
            warn!(
                "{}",
                lang.pick(
                    format!("jixiao：{funds}中有{n}个低于 --fail-under {threshold}：{names}"),
                    format!(
                        "jixiao: {n} of {funds} scored below --fail-under {threshold}: {names}"
                    )
                )
            );
            code = BELOW_THRESHOLD;
        }
    }
    let failed: Vec<&batch::Row> = rows.iter().filter(|r| r.error().is_some()).collect();
    if !failed.is_empty() {
        return Err(Failure::FundsFailed {
            failed: failed.len(),
            funds: rows.len(),
            names: failed.iter().map(|r| r.name.clone()).collect(),
        });
    }
    Ok(code)
}
