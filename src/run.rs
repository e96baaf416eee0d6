//! From arguments to an exit code: 0 evaluated, 1 below `--fail-under`, 2 could not evaluate.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::batch;
use crate::batch::summary::SummaryFormat;
use crate::cli::{BatchArgs, CheckArgs, Cli, Command, EvaluateArgs, InputArgs};
use crate::config::Config;
use crate::evaluate::{analyse, evaluate};
use crate::lang::Lang;
use crate::render::Format;
use crate::render::{self, Options};
use crate::rules::Rules;
use crate::sources::{self, Sources};

pub const EVALUATED: u8 = 0;
pub const BELOW_THRESHOLD: u8 = 1;
pub const FAILED: u8 = 2;

pub fn run<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout and succeed; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { FAILED } else { EVALUATED });
        }
    };
    match cli.command {
        Command::Evaluate(args) => evaluate_command(&args),
        Command::Check(args) => check_command(&args),
        Command::Batch(args) => batch_command(&args),
        Command::Template(args) => match crate::template::write(&args.dir) {
            Ok(files) => {
                let d = args.dir.display();
                let text = format!(
                    "{}\n\nTry: jixiao evaluate {d}/ledger.xlsx {d}/targets.xlsx --rules {d}/rules.toml\n",
                    files
                        .iter()
                        .map(|f| format!("wrote {f}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
                match print(&text) {
                    Ok(()) => ExitCode::from(EVALUATED),
                    Err(code) => code,
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(FAILED)
            }
        },
        Command::Rules(args) => {
            let text = crate::config::preset_text(args.preset.name()).unwrap_or_default();
            match print(text) {
                Ok(()) => ExitCode::from(EVALUATED),
                Err(code) => code,
            }
        }
    }
}

/// Writes to stdout; a closed pipe (`| head`) is the reader's choice, not a failure.
fn print(text: &str) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the output: {e}");
            Err(ExitCode::from(FAILED))
        }
        _ => Ok(()),
    }
}

/// Writes the output through a temporary file in the same folder, renamed into place: a reader
/// never sees half a file, and a failed write leaves the old one. An input is never the output.
fn write_atomically(path: &std::path::Path, bytes: &[u8], sources: &Sources) -> Result<(), String> {
    write_sparing(path, bytes, sources.paths())
}

/// [`write_atomically`], sparing any of `inputs`.
fn write_sparing<'a>(
    path: &std::path::Path,
    bytes: &[u8],
    inputs: impl IntoIterator<Item = &'a std::path::PathBuf>,
) -> Result<(), String> {
    let canonical = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    if let Some(out) = canonical(path)
        && inputs
            .into_iter()
            .filter_map(|p| canonical(p))
            .any(|p| p == out)
    {
        return Err(format!(
            "{}: is an input; the output never overwrites an input",
            path.display()
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(&dir)
        .map_err(|e| format!("{}: cannot write there: {e}", dir.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
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
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    file.persist(path)
        .map_err(|e| format!("{}: cannot write: {}", path.display(), e.error))?;
    Ok(())
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

fn inputs(args: &InputArgs) -> Result<(Sources, Rules), ExitCode> {
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(FAILED)
    };
    let (ledgers, targets) = args.inputs().map_err(fail)?;
    let config = Config::load(args.preset.name(), args.rules.as_deref(), Lang::default())
        .map_err(|e| fail(e.to_string()))?;
    let mut notes = Vec::new();
    let bank = match (&args.bank, args.no_bank) {
        (Some(path), _) => Some(path.clone()),
        (None, true) => None,
        (None, false) => {
            let dir = ledgers
                .first()
                .and_then(|l| l.parent())
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            let found = sources::bank_beside(&dir);
            if let Some(p) = &found {
                // The name alone: the folder is the ledger's, and a path would differ per machine.
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                notes.push(format!(
                    "银行对账单：使用与账页同目录的 {name}（--no-bank 不使用）"
                ));
            }
            found
        }
    };
    Ok((
        Sources {
            ledgers,
            targets,
            bank,
            layout: config.layout,
            notes,
        },
        config.rules,
    ))
}

fn check_command(args: &CheckArgs) -> ExitCode {
    let (sources, rules) = match inputs(&args.inputs) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    let analysis = match analyse(&sources, rules) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let (text, evaluable) = render::inputs::render(&analysis);
    if let Err(code) = print(&text) {
        return code;
    }
    ExitCode::from(if evaluable { EVALUATED } else { FAILED })
}

fn evaluate_command(args: &EvaluateArgs) -> ExitCode {
    let (sources, mut rules) = match inputs(&args.inputs) {
        Ok(inputs) => inputs,
        Err(code) => return code,
    };
    rules.lang = args.lang;
    let evaluation = match evaluate(&sources, rules) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(FAILED)
    };
    if let Some(wanted) = &args.explain {
        return match render::explain::render(&evaluation, wanted, args.lang) {
            Some(text) => print(&text).err().unwrap_or(ExitCode::from(EVALUATED)),
            None => {
                let names: Vec<&str> = evaluation
                    .scorecard
                    .indicators
                    .iter()
                    .map(|i| i.path[2].as_str())
                    .collect();
                fail(format!(
                    "--explain: no indicator “{wanted}”; the indicators are {}",
                    names.join("、")
                ))
            }
        };
    }
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(Format::from_path))
        .unwrap_or(Format::Table);
    let bytes = match render::render(
        &evaluation,
        format,
        &Options {
            ascii: args.ascii,
            lang: args.lang,
        },
    ) {
        Ok(bytes) => bytes,
        Err(message) => return fail(message),
    };
    if std::env::var("JIXIAO_TIMINGS").is_ok_and(|v| !v.is_empty() && v != "0") {
        let mut timings = evaluation.timings.clone();
        timings.mark("render");
        eprintln!("timings: {}", timings.describe());
    }
    let written = match &args.output {
        Some(path) => write_atomically(path, &bytes, &sources).map_err(fail),
        None if format == Format::Xlsx => Err(fail(
            "an xlsx workbook is not for a terminal: give -o FILE.xlsx".into(),
        )),
        None => print(&String::from_utf8_lossy(&bytes)),
    };
    if let Err(code) = written {
        return code;
    }
    match args.fail_under {
        Some(threshold) if evaluation.scorecard.total < threshold => {
            eprintln!(
                "jixiao: total {:.2} is below --fail-under {threshold}",
                crate::money::round(evaluation.scorecard.total, 2)
            );
            ExitCode::from(BELOW_THRESHOLD)
        }
        _ => ExitCode::from(EVALUATED),
    }
}

/// Funds listed in a message: the first ten, then how many more.
fn some_funds<'a>(names: impl Iterator<Item = &'a str>) -> String {
    const SHOWN: usize = 10;
    let names: Vec<&str> = names.collect();
    let mut shown = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        shown.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    shown
}

fn batch_command(args: &BatchArgs) -> ExitCode {
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(FAILED)
    };
    let format = args
        .format
        .or_else(|| args.output.as_deref().and_then(SummaryFormat::from_path))
        .unwrap_or(SummaryFormat::Table);
    // Said before hours of work, not after.
    if format == SummaryFormat::Xlsx && args.output.is_none() {
        return fail("an xlsx workbook is not for a terminal: give -o FILE.xlsx".into());
    }
    let settings =
        match batch::Settings::new(args.preset, args.rules.as_deref(), args.no_bank, args.lang) {
            Ok(s) => s,
            Err(message) => return fail(message),
        };
    let found = match batch::discover(&args.dir) {
        Ok(found) => found,
        Err(message) => return fail(message),
    };
    if let Some(why) = args.output.as_deref().and_then(|o| found.refuse_output(o)) {
        return fail(why);
    }
    let rows = match batch::evaluate_all(&found.funds, &settings, args.jobs.map(usize::from)) {
        Ok(rows) => rows,
        Err(message) => return fail(message),
    };
    let options = Options {
        ascii: args.ascii,
        lang: args.lang,
    };
    let bytes = match batch::summary::render(&rows, format, &options) {
        Ok(bytes) => bytes,
        Err(message) => return fail(message),
    };
    let written = match &args.output {
        Some(path) => {
            write_sparing(path, &bytes, rows.iter().flat_map(|r| r.inputs.iter())).map_err(fail)
        }
        None => print(&String::from_utf8_lossy(&bytes)),
    };
    if let Err(code) = written {
        return code;
    }
    for note in batch::summary::notes(&rows, &found.ignored, &args.dir, format) {
        eprintln!("note: {note}");
    }
    let mut code = EVALUATED;
    if let Some(threshold) = args.fail_under {
        let below: Vec<&batch::Row> = rows
            .iter()
            .filter(|r| r.scored().is_some_and(|s| s.total < threshold))
            .collect();
        if !below.is_empty() {
            eprintln!(
                "jixiao: {} of {} scored below --fail-under {threshold}: {}",
                below.len(),
                batch::plural(rows.len(), "fund", "funds"),
                some_funds(below.iter().map(|r| r.name.as_str()))
            );
            code = BELOW_THRESHOLD;
        }
    }
    let failed: Vec<&batch::Row> = rows.iter().filter(|r| r.error().is_some()).collect();
    if !failed.is_empty() {
        eprintln!(
            "error: {} of {} could not be evaluated: {} (the error column says why)",
            failed.len(),
            batch::plural(rows.len(), "fund", "funds"),
            some_funds(failed.iter().map(|r| r.name.as_str()))
        );
        code = FAILED;
    }
    ExitCode::from(code)
}
