//! From arguments to an exit code: 0 evaluated, 1 below `--fail-under`, 2 could not evaluate.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, EvaluateArgs};
use crate::evaluate::evaluate;
use crate::render::{self, Options};
use crate::rules::Rules;

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
    }
}

fn evaluate_command(args: &EvaluateArgs) -> ExitCode {
    let (ledgers, targets) = match args.inputs() {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(FAILED);
        }
    };
    let evaluation = match evaluate(&ledgers, &targets, Rules::changde_2019()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(FAILED);
        }
    };
    let text = render::render(&evaluation, args.format, &Options { ascii: args.ascii });
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            return ExitCode::from(FAILED);
        }
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
