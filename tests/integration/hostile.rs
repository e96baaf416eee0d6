//! Hostile inputs, round two (issue 19): one test per class of failure, each on generated files.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use assert_cmd::Command;

use crate::{fixture, ledger, stderr, targets};

/// `jixiao ARGS…` in `dir`, in English, killed after a minute: a hang fails the test instead of
/// the whole run.
fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("jixiao")
        .unwrap()
        .current_dir(dir)
        .env("JIXIAO_LANG", "en")
        .timeout(Duration::from_secs(60))
        .args(args)
        .output()
        .unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A named pipe at `at`, with no writer: opening it to read blocks for ever.
fn fifo(at: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(at)
        .status()
        .unwrap();
    assert!(status.success());
}

fn symlink(to: &str, at: &Path) -> PathBuf {
    std::os::unix::fs::symlink(to, at).unwrap();
    at.to_path_buf()
}

/// Class 1: pipes and devices, directly, through a symlink, as a rules file and named in a
/// fund.toml, are refused before anything opens them — no hang, no 2 GB read.
#[test]
fn pipes_and_devices_are_refused_unopened() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pipe = d.join("ledger.xlsx");
    fifo(&pipe);
    let zero = symlink("/dev/zero", &d.join("targets.xlsx"));
    let random = symlink("/dev/urandom", &d.join("rules.toml"));
    let (ledger, targets) = (ledger(), targets());
    let cases: [(Vec<&str>, String); 4] = [
        (
            vec!["evaluate", path(&pipe), path(&targets)],
            format!("{}: it is a named pipe, not a regular file", pipe.display()),
        ),
        (
            vec!["evaluate", path(&ledger), path(&zero)],
            format!(
                "{}: it is a character device (such as /dev/zero), not a regular file",
                zero.display()
            ),
        ),
        (
            vec![
                "evaluate",
                path(&ledger),
                path(&targets),
                "--rules",
                "/dev/zero",
            ],
            "/dev/zero: it is a character device".to_string(),
        ),
        (
            vec![
                "check",
                path(&ledger),
                path(&targets),
                "--rules",
                path(&random),
            ],
            format!("{}: it is a character device", random.display()),
        ),
    ];
    for (args, expected) in cases {
        let out = jixiao(d, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // A batch: a fund whose fund.toml names a pipe, and one whose fund.toml is a link to
    // /dev/zero, between two good funds. The good ones get their rows, the others a reason.
    let funds = d.join("funds");
    for name in ["a-good", "b-pipe", "c-zero", "d-good"] {
        std::fs::create_dir_all(funds.join(name)).unwrap();
    }
    for name in ["a-good", "d-good"] {
        for f in ["ledger.xlsx", "targets.xlsx"] {
            std::fs::copy(
                fixture(&format!("changde-2019/{f}")),
                funds.join(name).join(f),
            )
            .unwrap();
        }
    }
    fifo(&funds.join("b-pipe/export.xlsx"));
    std::fs::copy(&targets, funds.join("b-pipe/targets.xlsx")).unwrap();
    std::fs::write(
        funds.join("b-pipe/fund.toml"),
        "ledger = [\"export.xlsx\"]\ntargets = \"targets.xlsx\"\n",
    )
    .unwrap();
    std::fs::copy(&ledger, funds.join("c-zero/ledger.xlsx")).unwrap();
    std::fs::copy(&targets, funds.join("c-zero/targets.xlsx")).unwrap();
    symlink("/dev/zero", &funds.join("c-zero/fund.toml"));
    let out = jixiao(d, &["batch", "funds", "--format", "jsonl", "--no-bank"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let status: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["folder"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        status,
        [
            ("a-good", "evaluated"),
            ("b-pipe", "failed"),
            ("c-zero", "failed"),
            ("d-good", "evaluated")
        ]
    );
    assert!(
        rows[1]["error"]
            .as_str()
            .unwrap()
            .contains("it is a named pipe")
    );
    assert!(
        rows[2]["error"]
            .as_str()
            .unwrap()
            .contains("it is a character device")
    );
}

/// Class 1: a rules file is read no further than its cap (4 MB, JIXIAO_MAX_RULES_MB).
#[test]
fn a_rules_file_beyond_its_cap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules.toml");
    let mut text = String::from("name = \"big\"\n");
    text.push_str(&"# padding\n".repeat(500_000));
    std::fs::write(&rules, &text).unwrap();
    let (ledger, targets) = (ledger(), targets());
    let args = [
        "check",
        path(&ledger),
        path(&targets),
        "--rules",
        path(&rules),
    ];
    let out = jixiao(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the file is at least 4.8 MB, above the limit of 4.0 MB, so it is not read; set JIXIAO_MAX_RULES_MB"),
        "{}",
        stderr(&out)
    );
    // Raised, it is read (and found to be settings only).
    let out = Command::cargo_bin("jixiao")
        .unwrap()
        .env("JIXIAO_MAX_RULES_MB", "8")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Class 5: an output never replaces an input under any name — the rules file, a hard link to
/// the ledger, the batch's rules — nor anything that is not a regular file; a full disk is an
/// error with exit 2.
#[test]
fn outputs_never_replace_inputs_or_devices() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (ledger, targets) = (ledger(), targets());
    let rules = d.join("rules.toml");
    std::fs::write(&rules, "[checks]\ncash_limit = 1000\n").unwrap();
    let linked = d.join("ledger-link.xlsx");
    std::fs::copy(&ledger, d.join("ledger.xlsx")).unwrap();
    std::fs::hard_link(d.join("ledger.xlsx"), &linked).unwrap();
    let stdout_link = symlink("/dev/stdout", &d.join("out.md"));
    let l = d.join("ledger.xlsx");
    let cases: [(Vec<&str>, String); 4] = [
        (
            vec!["evaluate", path(&l), path(&targets), "--rules", path(&rules), "-o", path(&rules), "--format", "md"],
            format!("{}: is an input; the output never overwrites an input", rules.display()),
        ),
        (
            vec!["evaluate", path(&l), path(&targets), "-o", path(&linked), "--format", "md"],
            format!("{}: is an input", linked.display()),
        ),
        (
            vec!["evaluate", path(&l), path(&targets), "-o", "/dev/full", "--format", "md"],
            "/dev/full: it is a character device (such as /dev/zero); the output is written to regular files only".to_string(),
        ),
        (
            vec!["evaluate", path(&l), path(&targets), "-o", path(&stdout_link)],
            format!("{}: it is a", stdout_link.display()),
        ),
    ];
    for (args, expected) in cases {
        let out = jixiao(d, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    // Nothing was replaced: the rules file, the linked ledger, the device, the link.
    assert_eq!(
        std::fs::read_to_string(&rules).unwrap(),
        "[checks]\ncash_limit = 1000\n"
    );
    assert_eq!(
        std::fs::read(&linked).unwrap(),
        std::fs::read(&ledger).unwrap()
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(
        std::fs::symlink_metadata(&stdout_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    // The batch's own rules file is an input too.
    let funds = d.join("funds/a");
    std::fs::create_dir_all(&funds).unwrap();
    std::fs::copy(&ledger, funds.join("ledger.xlsx")).unwrap();
    std::fs::copy(&targets, funds.join("targets.xlsx")).unwrap();
    let out = jixiao(
        d,
        &[
            "batch",
            "funds",
            "--rules",
            path(&rules),
            "-o",
            path(&rules),
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("is an input"), "{}", stderr(&out));
    // A report of `batch --reports` is never renamed over a device standing in its place.
    let reports = d.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    symlink("/dev/null", &reports.join("a.docx"));
    let out = jixiao(
        d,
        &[
            "batch",
            "funds",
            "--reports",
            "reports",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("it is a character device")
    );
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // A full disk: the result cannot be printed, and the run says so with exit 2.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("jixiao"))
        .args(["evaluate", path(&l), path(&targets), "--lang", "en"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!stderr(&out).is_empty());
}

/// Class 4: text from the inputs cannot drive the terminal or become markup. An ESC sequence
/// that retitles the window, in a 摘要, in an amount quoted by an error and in a fund's folder
/// name, is printed as its picture; `<script>` in a 摘要 is text in the Markdown and the page.
#[test]
fn input_text_is_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let memo = "\u{1b}]0;pwned\u{7}<script>alert(1)</script>";
    crate::template_with_unclaimed(d, memo);
    let (l, t) = (d.join("ledger.csv"), d.join("targets.xlsx"));
    let shown = "\u{241b}]0;pwned\u{2407}";
    for format in ["table", "md", "html"] {
        let out = jixiao(d, &["evaluate", path(&l), path(&t), "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{format}: {text}"
        );
        // Markdown escapes the bracket too.
        let shown = match format {
            "md" => shown.replace(']', "\\]"),
            _ => shown.to_string(),
        };
        assert!(text.contains(&shown), "{format}: the 摘要 is shown");
        if format != "table" {
            assert!(!text.contains("<script>alert"), "{format}: {text}");
            assert!(
                text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{format}"
            );
        }
    }
    // A page written to a file, not printed, shows them too: it kept them raw.
    let page = d.join("page.html");
    let out = jixiao(d, &["evaluate", path(&l), path(&t), "-o", path(&page)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        !html.contains('\u{1b}') && !html.contains('\u{7}') && html.contains(shown),
        "{html}"
    );
    // JSON keeps the data, escaped.
    let out = jixiao(d, &["evaluate", path(&l), path(&t), "--format", "json"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}') && text.contains("\\u001b]0;pwned\\u0007"));
    // An amount cell quoted in an error.
    let bad = d.join("bad.csv");
    std::fs::write(
        &bad,
        "日期,凭证字号,摘要,科目编码,科目名称,项目,往来单位,借方,贷方\n\
         2024-04-02,记-0002,发放,50205,困难职工帮扶费,困难职工帮扶,张三,\u{1b}[2J100,\n",
    )
    .unwrap();
    let out = jixiao(d, &["evaluate", path(&bad), path(&t)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        !err.contains('\u{1b}') && err.contains("\u{241b}[2J100"),
        "{err}"
    );
    // A fund folder's name in a batch.
    let fund = d.join("funds").join("a\u{1b}[31mred");
    std::fs::create_dir_all(&fund).unwrap();
    std::fs::copy(ledger(), fund.join("ledger.xlsx")).unwrap();
    std::fs::copy(targets(), fund.join("targets.xlsx")).unwrap();
    let out = jixiao(d, &["batch", "funds", "--no-bank"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && text.contains("a\u{241b}[31mred"),
        "{text}"
    );
}

/// Class 2: a 1.8-million-character 摘要 took the terminal table over a minute to lay out; the
/// table shows its start and says where the whole is, which JSON keeps.
#[test]
fn a_giant_memo_is_shortened_in_the_terminal_table() {
    let dir = tempfile::tempdir().unwrap();
    let memo = "办公".repeat(900_000);
    crate::template_with_unclaimed(dir.path(), &memo);
    let (l, t) = (
        dir.path().join("ledger.csv"),
        dir.path().join("targets.xlsx"),
    );
    let out = jixiao(dir.path(), &["evaluate", path(&l), path(&t)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.len() < 200_000, "{} bytes", text.len());
    assert!(text.contains("… (too long: the whole text is in --format json)"));
    let out = jixiao(
        dir.path(),
        &["evaluate", path(&l), path(&t), "--format", "json"],
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains(&memo));
}

/// Class 6: a fund whose ledger.xlsx is a pipe or a link to /dev/zero, between good funds: the
/// good ones get their rows, and the others say what their ledger is (not "no ledger file").
#[test]
fn a_batch_names_what_a_bad_funds_ledger_is() {
    let dir = tempfile::tempdir().unwrap();
    let funds = dir.path().join("funds");
    for name in ["a-good", "b-pipe", "c-zero", "d-good"] {
        std::fs::create_dir_all(funds.join(name)).unwrap();
        std::fs::copy(targets(), funds.join(name).join("targets.xlsx")).unwrap();
    }
    for name in ["a-good", "d-good"] {
        std::fs::copy(ledger(), funds.join(name).join("ledger.xlsx")).unwrap();
    }
    fifo(&funds.join("b-pipe/ledger.xlsx"));
    symlink("/dev/zero", &funds.join("c-zero/ledger.xlsx"));
    let out = jixiao(
        dir.path(),
        &["batch", "funds", "--format", "jsonl", "--no-bank"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let said: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["status"].as_str().unwrap(),
                r["error"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(said[0].0, "evaluated");
    assert!(
        said[1].1.contains("ledger.xlsx: it is a named pipe"),
        "{said:?}"
    );
    assert!(
        said[2].1.contains("ledger.xlsx: it is a character device"),
        "{said:?}"
    );
    assert_eq!(said[3].0, "evaluated");
}

/// Class 6: each fund of a batch is waited for no longer than its limit (JIXIAO_FUND_SECONDS,
/// 15 minutes by default): one that never ends fails its row, saying so, and the batch ends.
/// With a limit of zero no fund can finish in time; the batch still writes every row.
#[test]
fn a_fund_past_its_time_limit_fails_its_row_and_the_batch_ends() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a", "b"] {
        let fund = dir.path().join("funds").join(name);
        std::fs::create_dir_all(&fund).unwrap();
        std::fs::copy(ledger(), fund.join("ledger.xlsx")).unwrap();
        std::fs::copy(targets(), fund.join("targets.xlsx")).unwrap();
    }
    let out = Command::cargo_bin("jixiao")
        .unwrap()
        .current_dir(dir.path())
        .env("JIXIAO_LANG", "en")
        .env("JIXIAO_FUND_SECONDS", "0")
        .timeout(Duration::from_secs(60))
        .args(["batch", "funds", "--format", "jsonl", "--no-bank"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    for line in text.lines() {
        assert!(
            line.contains("not evaluated within 0 s, and given up; set JIXIAO_FUND_SECONDS"),
            "{line}"
        );
    }
}

/// An ODS cell of four billion repeated spaces (`<text:s text:c="4000000000"/>`, a few bytes)
/// was built space by space; it is held to the cap on one cell's text like any other.
#[test]
fn an_ods_cell_of_repeated_spaces_is_held_to_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let l = dir.path().join("ledger.ods");
    std::fs::copy(fixture("changde-2019/layouts/libreoffice-明细账.ods"), &l).unwrap();
    crate::edit_part(&l, "content.xml", |xml| {
        xml.replacen(
            "<text:p>项目辅助明细账</text:p>",
            r#"<text:p>项目辅助明细账<text:s text:c="4000000000"/></text:p>"#,
            1,
        )
    });
    let out = jixiao(dir.path(), &["evaluate", path(&l), path(&targets())]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("content.xml holds, from about byte ")
            && stderr(&out).contains("a text or tag longer than the limit of 16 MB"),
        "{}",
        stderr(&out)
    );
}

/// `jixiao evaluate LEDGER TARGETS` in English with `JIXIAO_MAX_CELL_MB=1`.
fn evaluate_capped(ledger: &Path, targets: &Path) -> Output {
    Command::cargo_bin("jixiao")
        .unwrap()
        .env("JIXIAO_LANG", "en")
        .env("JIXIAO_MAX_CELL_MB", "1")
        .timeout(Duration::from_secs(60))
        .args(["evaluate", path(ledger), path(targets)])
        .output()
        .unwrap()
}

/// A text of `len` bytes that deflates about a hundredfold, as text does not: a text of one
/// repeated letter would be refused as a zip bomb before its cell is reached.
fn long_text(len: usize) -> String {
    let mut state = 7u32;
    let block: String = (0..1000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + ((state >> 16) % 26) as u8)
        })
        .collect();
    block.repeat(len / 1000 + 1).chars().take(len).collect()
}

/// Class 2: a cell's text beyond `JIXIAO_MAX_CELL_MB` is refused before the XML reader holds it
/// (one 200 MB cell took 609 MB), named by its cell in a ledger read streaming and in a workbook
/// read whole, and by its place in the shared-strings table; a text under the cap is read.
#[test]
fn a_cell_beyond_its_cap_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let cell = |row: u32, text: &str| {
        format!(r#"<row r="{row}"><c r="C{row}" t="inlineStr"><is><t>{text}</t></is></c></row>"#)
    };
    let (l, t) = (
        dir.path().join("ledger.xlsx"),
        dir.path().join("targets.xlsx"),
    );

    // Under the cap: a 0.9 MB 摘要 on a row of its own is read like any other.
    std::fs::copy(ledger(), &l).unwrap();
    let under = long_text(900 << 10);
    crate::edit_sheet(&l, |xml| {
        xml.replace("</sheetData>", &(cell(1055, &under) + "</sheetData>"))
    });
    let out = evaluate_capped(&l, &targets());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    std::fs::copy(ledger(), &l).unwrap();
    let over = long_text(2 << 20);
    crate::edit_sheet(&l, |xml| {
        xml.replace("</sheetData>", &(cell(1055, &over) + "</sheetData>"))
    });
    let out = evaluate_capped(&l, &targets());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: ledger.xlsx!明细账: cannot read the sheet: the cell C1055 holds more text than the \
         limit of 1 MB (a cell of Excel holds at most 32,767 characters); set JIXIAO_MAX_CELL_MB \
         to raise it\n"
    );

    // The targets workbook's sheets are read whole, not streamed.
    std::fs::copy(targets(), &t).unwrap();
    crate::edit_sheet(&t, |xml| {
        xml.replace("</sheetData>", &(cell(23, &over) + "</sheetData>"))
    });
    let out = evaluate_capped(&ledger(), &t);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "error: targets.xlsx!绩效目标申报表: cannot read the sheet: the cell C23 holds more text"
        ),
        "{}",
        stderr(&out)
    );

    // Read in many pieces — entity references, rich-text runs — each within the cap, a cell's
    // text is held to the cap all the same.
    let halves = format!("{}&amp;{}", long_text(600 << 10), long_text(600 << 10));
    let runs = format!(
        "<r><t>{}</t></r><r><t>{}</t></r>",
        long_text(600 << 10),
        long_text(600 << 10)
    );
    for (what, is) in [("entities", format!("<t>{halves}</t>")), ("runs", runs)] {
        std::fs::copy(ledger(), &l).unwrap();
        crate::edit_sheet(&l, |xml| {
            let cell =
                format!(r#"<row r="1055"><c r="C1055" t="inlineStr"><is>{is}</is></c></row>"#);
            xml.replace("</sheetData>", &(cell + "</sheetData>"))
        });
        let out = evaluate_capped(&l, &targets());
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert!(
            stderr(&out).contains("the cell C1055 holds more text than the limit of 1 MB"),
            "{what}: {}",
            stderr(&out)
        );
    }

    // The shared-strings table is read as the workbook opens: its place is all there is to say.
    std::fs::copy(ledger(), &l).unwrap();
    crate::edit_part(&l, "xl/sharedStrings.xml", |xml| {
        xml.replace("</sst>", &format!("<si><t>{over}</t></si></sst>"))
    });
    let out = evaluate_capped(&l, &targets());
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(
        said.contains("xl/sharedStrings.xml holds, from about byte ")
            && said.contains(", a text or tag longer than the limit of 1 MB"),
        "{said}"
    );
}

/// Class 6: each fund of a batch is evaluated in a process of its own, held to its memory
/// limit (JIXIAO_FUND_MB, 2048 MB of data by default): a fund that needs more fails its
/// row, saying so, instead of taking the machine, and every fund still gets its row. At 1 MB
/// none can be evaluated; at the default, the same funds are.
#[test]
fn a_fund_past_its_memory_limit_fails_its_row() {
    let dir = tempfile::tempdir().unwrap();
    // A folder named like an option is still a folder to the fund's process.
    for name in ["-a", "b"] {
        let fund = dir.path().join("funds").join(name);
        std::fs::create_dir_all(&fund).unwrap();
        std::fs::copy(ledger(), fund.join("ledger.xlsx")).unwrap();
        std::fs::copy(targets(), fund.join("targets.xlsx")).unwrap();
    }
    let batch = |limit: Option<&str>| {
        let mut command = Command::cargo_bin("jixiao").unwrap();
        command
            .current_dir(dir.path())
            .env("JIXIAO_LANG", "en")
            .env_remove("JIXIAO_FUND_MB")
            .timeout(Duration::from_secs(60))
            .args(["batch", "funds", "--format", "jsonl", "--no-bank"]);
        if let Some(limit) = limit {
            command.env("JIXIAO_FUND_MB", limit);
        }
        command.output().unwrap()
    };
    let out = batch(Some("1"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(
            row["error"],
            "its evaluation needed more memory than the limit of 1 MB, and was stopped; set \
             JIXIAO_FUND_MB to allow more"
        );
    }
    let out = batch(None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(row["status"], "evaluated", "{line}");
        assert_eq!(row["total"], "86.00", "{line}");
    }
}

/// Regression: a fund folder whose name is not UTF-8 (a GBK name unzipped on Linux) was
/// evaluated, but its process could not write the row back (the path of its files in JSON), and
/// the fund failed with "ended with exit code 2".
#[test]
fn a_fund_folder_named_in_gbk_is_evaluated() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    // 专项 in GBK.
    let name = std::ffi::OsStr::from_bytes(b"\xd7\xa8\xcf\xee");
    let fund = dir.path().join("funds").join(name);
    std::fs::create_dir_all(&fund).unwrap();
    std::fs::copy(ledger(), fund.join("ledger.xlsx")).unwrap();
    std::fs::copy(targets(), fund.join("targets.xlsx")).unwrap();
    let out = jixiao(
        dir.path(),
        &["batch", "funds", "--format", "jsonl", "--no-bank"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(row["status"], "evaluated");
    assert_eq!(row["total"], "86.00");
}

/// Regression: a time limit past the clock's range (`JIXIAO_FUND_SECONDS=1e300`, no limit) made
/// every fund fail with an internal error (the deadline overflowed).
#[test]
fn a_time_limit_past_the_clocks_range_is_no_limit() {
    let dir = tempfile::tempdir().unwrap();
    let fund = dir.path().join("funds").join("a");
    std::fs::create_dir_all(&fund).unwrap();
    std::fs::copy(ledger(), fund.join("ledger.xlsx")).unwrap();
    std::fs::copy(targets(), fund.join("targets.xlsx")).unwrap();
    let out = Command::cargo_bin("jixiao")
        .unwrap()
        .current_dir(dir.path())
        .env("JIXIAO_LANG", "en")
        .env("JIXIAO_FUND_SECONDS", "1e300")
        .timeout(Duration::from_secs(60))
        .args(["batch", "funds", "--format", "jsonl", "--no-bank"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(row["status"], "evaluated", "{row}");
}
