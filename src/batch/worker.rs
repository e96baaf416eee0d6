//! Each fund of a batch evaluated in a process of its own.
//!
//! A thread can be neither stopped nor held to a share of memory: a fund whose files kept a
//! reader busy for ever was given up but went on using a core, and one that needed more memory
//! than the machine has took every other fund's rows with it. A process can be killed when its
//! time is up, and holds itself to its memory limit (`JIXIAO_FUND_MB`, its data), so
//! such a fund fails its own row and the batch goes on.
//!
//! The process is jixiao itself, run as the hidden `jixiao fund-worker`: it evaluates the one
//! fund exactly as the batch does in-process ([`evaluate_alone`]) and writes the fund's row as
//! one line of JSON on standard output. The batch reads it back; a process that ends another way
//! (out of memory, killed, a crash) gives the fund a row that says so.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use clap::ValueEnum;

use super::plan::{Known, plan};
use super::{Error, Fund, Outcome, Row, Settings, WorkerEnd, evaluate_fund, one_line};
use crate::config::Preset;
use crate::lang::Lang;

/// The hidden subcommand the worker runs as.
pub const SUBCOMMAND: &str = "fund-worker";

/// A row of JSON is a few kilobytes; more is not a row.
const ROW_CAP: u64 = 16 << 20;
/// What is kept of a worker's standard error: its end, where a crash says why.
const SAID_CAP: usize = 2000;

/// How to start the process that evaluates one fund.
#[derive(Debug, Clone)]
pub struct Worker {
    program: PathBuf,
    /// The batch's settings as arguments: the worker reads them as the batch did.
    args: Vec<OsString>,
    memory_mb: u64,
}

impl Worker {
    /// Workers of `program` (this executable) with the batch's own settings.
    pub fn new(
        program: PathBuf,
        preset: Preset,
        rules: Option<&Path>,
        no_bank: bool,
        reports: Option<&Path>,
        lang: Lang,
    ) -> Worker {
        let name = |v: Option<clap::builder::PossibleValue>| {
            OsString::from(v.map(|v| v.get_name().to_string()).unwrap_or_default())
        };
        let memory_mb = fund_memory_limit();
        let mut args: Vec<OsString> = vec![
            SUBCOMMAND.into(),
            "--lang".into(),
            name(lang.to_possible_value()),
            "--preset".into(),
            name(preset.to_possible_value()),
            "--memory-mb".into(),
            memory_mb.to_string().into(),
        ];
        if let Some(rules) = rules {
            args.extend(["--rules".into(), absolute(rules).into()]);
        }
        if no_bank {
            args.push("--no-bank".into());
        }
        if let Some(reports) = reports {
            args.extend(["--reports".into(), absolute(reports).into()]);
        }
        Worker {
            program,
            args,
            memory_mb,
        }
    }

    /// The fund's row from a worker, which is killed once `limit` has passed.
    pub(super) fn run(&self, fund: &Fund, settings: &Settings, limit: Duration) -> Row {
        // A fund whose process gives no row still names its files, found again here (its
        // manifest and names, not its ledger): the summary must not be written over one.
        let failed = |error: Error| {
            let mut known = Known {
                name: fund.folder.clone(),
                inputs: Vec::new(),
            };
            let _ = plan(fund, settings, &mut known);
            Row {
                folder: fund.folder.clone(),
                name: known.name,
                outcome: Outcome::Failed(one_line(&error, settings.preset.lang)),
                inputs: known.inputs,
            }
        };
        let started = Instant::now();
        let spawned = Command::new(&self.program)
            .args(&self.args)
            // A folder may be named `-x`: joined to its option, and after `--`, it is a value.
            .arg(format!("--folder={}", fund.folder))
            .arg("--")
            .arg(&fund.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                return failed(Error::Worker(
                    WorkerEnd::NotStarted(e.to_string()),
                    String::new(),
                ));
            }
        };
        // Both pipes are read on threads of their own, so that neither fills and stops it.
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take();
        let reading = std::thread::Builder::new().spawn(move || {
            let mut out = Vec::new();
            if let Some(stdout) = stdout {
                let _ = stdout.take(ROW_CAP).read_to_end(&mut out);
            }
            let _ = tx.send(out);
        });
        let stderr = child.stderr.take();
        let said = std::thread::Builder::new().spawn(move || tail(stderr));
        let (Ok(_), Ok(said)) = (reading, said) else {
            // No thread to be had (a process limit): the process is not left behind.
            let _ = child.kill();
            let _ = child.wait();
            let why = "no thread to read its output".to_string();
            return failed(Error::Worker(WorkerEnd::NotStarted(why), String::new()));
        };

        let out = rx.recv_timeout(limit).ok();
        // Its output ends as it exits; the rest of its time is waited for, no more (a limit
        // past the clock's range is no limit).
        let status = match (&out, started.checked_add(limit)) {
            (Some(_), Some(deadline)) => wait_until(&mut child, deadline),
            (Some(_), None) => child.wait().map_or(Waited::Unknown, Waited::Ended),
            (None, _) => Waited::TimedOut,
        };
        if !matches!(status, Waited::Ended(_)) {
            let _ = child.kill();
            let _ = child.wait();
        }
        let said = said.join().unwrap_or_default();
        let (out, status) = match (out, status) {
            (Some(out), Waited::Ended(status)) => (out, status),
            (_, Waited::Unknown) => {
                return failed(Error::Worker(WorkerEnd::Exited(None), said));
            }
            _ => return failed(Error::TimedOut(limit.as_secs_f64())),
        };
        if out.len() as u64 >= ROW_CAP {
            let why = format!("more than {} MB of output", ROW_CAP >> 20);
            return failed(Error::Worker(WorkerEnd::NoRow(why), said));
        }
        if status.success() {
            return match serde_json::from_slice::<Row>(&out) {
                Ok(row) => Row {
                    folder: fund.folder.clone(),
                    ..row
                },
                Err(e) => failed(Error::Worker(WorkerEnd::NoRow(e.to_string()), said)),
            };
        }
        // Rust's allocator says this on standard error before it aborts.
        if said.contains("memory allocation of") {
            return failed(Error::OutOfMemory(self.memory_mb));
        }
        failed(Error::Worker(ended(&status), said))
    }
}

enum Waited {
    Ended(std::process::ExitStatus),
    TimedOut,
    /// The system cannot say.
    Unknown,
}

fn wait_until(child: &mut std::process::Child, deadline: Instant) -> Waited {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Waited::Ended(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(1)),
            Ok(None) => return Waited::TimedOut,
            Err(_) => return Waited::Unknown,
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(unix)]
fn ended(status: &std::process::ExitStatus) -> WorkerEnd {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(signal) => WorkerEnd::Signal(signal),
        None => WorkerEnd::Exited(status.code()),
    }
}

#[cfg(not(unix))]
fn ended(status: &std::process::ExitStatus) -> WorkerEnd {
    WorkerEnd::Exited(status.code())
}

/// The last [`SAID_CAP`] bytes of what a worker writes on standard error, read to its end.
fn tail(stderr: Option<std::process::ChildStderr>) -> String {
    let Some(mut stderr) = stderr else {
        return String::new();
    };
    let mut kept: Vec<u8> = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match stderr.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                kept.extend_from_slice(buf.get(..n).unwrap_or_default());
                if kept.len() > SAID_CAP {
                    kept.drain(..kept.len() - SAID_CAP);
                }
            }
        }
    }
    // Kept from a byte that starts a character, not from the middle of one.
    let from = kept
        .iter()
        .position(|b| (b & 0xC0) != 0x80)
        .unwrap_or(kept.len());
    let kept = kept.get(from..).unwrap_or_default();
    crate::label::neutral(&String::from_utf8_lossy(kept)).into_owned()
}

/// How much memory one fund may use, in MB: `JIXIAO_FUND_MB`, else 2048 (the million-posting
/// ledger's data peaks at 220 MB).
pub fn fund_memory_limit() -> u64 {
    std::env::var("JIXIAO_FUND_MB")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(2048)
}

/// Holds this process to `mb` megabytes of data (its heap and other private memory, as
/// `RLIMIT_DATA` counts it): an allocation beyond it fails, and the process ends saying so,
/// instead of the machine running out.
///
/// Not the address space (`RLIMIT_AS`): glibc reserves 128 MB of it for each thread's arena,
/// and once a reservation fails it tries again at every allocation — a fund under a limit of
/// 128 MB of address space spent two minutes in failing `mmap` calls before it ran out, and under
/// the same limit of data it runs out in under two seconds.
#[cfg(unix)]
pub fn limit_memory(mb: u64) -> std::io::Result<()> {
    use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
    let bytes = mb.saturating_mul(1 << 20);
    let hard = getrlimit(Resource::Data).maximum;
    let soft = hard.map_or(bytes, |h| h.min(bytes));
    setrlimit(
        Resource::Data,
        Rlimit {
            current: Some(soft),
            maximum: hard,
        },
    )
    .map_err(std::io::Error::from)
}

#[cfg(not(unix))]
pub fn limit_memory(_mb: u64) -> std::io::Result<()> {
    Ok(())
}

/// Ends this process with the batch that started it: a batch stopped (Ctrl-C, a scheduler's
/// kill) leaves no fund running. Linux only; elsewhere a worker ends at its own time.
pub fn end_with_parent() {
    #[cfg(target_os = "linux")]
    {
        let _ =
            rustix::process::set_parent_process_death_signal(Some(rustix::process::Signal::KILL));
    }
}

/// One fund evaluated on a pool of one thread, a panic caught as its row's error: as on a
/// batch worker, the checks take their lines one at a time, and `--jobs` stays the number of
/// cores the batch uses.
pub fn evaluate_alone(fund: &Fund, settings: &Settings) -> Row {
    let evaluate = || {
        crate::guard::guarded(|| evaluate_fund(fund, settings)).unwrap_or_else(|panic| Row {
            folder: fund.folder.clone(),
            name: fund.folder.clone(),
            outcome: Outcome::Failed(one_line(&Error::Panic(panic), settings.preset.lang)),
            inputs: Vec::new(),
        })
    };
    match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
        Ok(pool) => pool.install(evaluate),
        Err(_) => evaluate(),
    }
}
