//! `--lang en` speaks English in every output: the only Chinese left is text copied from the
//! inputs — names, 摘要, sheet and file names, indicator names and criteria from the rules file.
//! Every run of Chinese characters (with the full-width punctuation around them) in an English
//! output must be found, as it stands, in some cell, sheet name or file name of the inputs, or in
//! the rules file; a Chinese word or separator the tool wrote itself fails here, with where it
//! was found.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};

use crate::{fixture, ledger, stderr, stdout, targets};

/// The text of every cell and the name of every sheet of `path`, with the file's own name.
fn texts_of(path: &Path, into: &mut Vec<String>) {
    into.push(path.file_name().unwrap().to_string_lossy().into_owned());
    let mut wb = open_workbook_auto(path).unwrap();
    for name in wb.sheet_names() {
        into.push(name.clone());
        let range = wb.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            if let (_, _, Data::String(s)) = cell {
                into.push(s.clone());
            }
        }
    }
}

/// What the inputs say: the sample's three workbooks and the built-in indicator systems.
fn input_texts() -> String {
    let mut texts = Vec::new();
    for f in ["ledger.xlsx", "targets.xlsx", "bank.xlsx"] {
        texts_of(&fixture(&format!("changde-2019/{f}")), &mut texts);
    }
    for (_, preset) in jixiao::config::PRESETS {
        texts.push(preset.to_string());
    }
    texts.join("\n")
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Full-width punctuation and the like: a separator the tool writes in Chinese (、，：；（）).
fn is_wide(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}' | '“' | '”' | '…' | '—')
}

/// Fails naming each output (what, text) that holds Chinese the inputs do not.
fn assert_no_foreign(outputs: &[(String, String)], inputs: &str) {
    let bad: Vec<String> = outputs
        .iter()
        .map(|(what, text)| (what, foreign(text, inputs)))
        .filter(|(_, bad)| !bad.is_empty())
        .map(|(what, bad)| format!("{what}: {}", bad.join(" | ")))
        .collect();
    assert!(
        bad.is_empty(),
        "Chinese the inputs do not hold:\n{}",
        bad.join("\n")
    );
}

/// The runs of Chinese of `text` that the inputs do not hold.
fn foreign(text: &str, inputs: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let mut run = String::new();
    let mut flush = |run: &mut String| {
        // Quotes and dashes around a run of input text are the sentence's own.
        let trimmed = run.trim_matches(|c| matches!(c, '“' | '”' | '…' | '—'));
        // Chinese the inputs do not hold, or full-width punctuation between English words.
        let chinese = trimmed.chars().any(is_han);
        if (chinese && !inputs.contains(trimmed)) || (!chinese && !trimmed.is_empty()) {
            bad.push(trimmed.to_string());
        }
        run.clear();
    };
    for c in text.chars() {
        if is_han(c) || is_wide(c) {
            run.push(c);
        } else {
            flush(&mut run);
        }
    }
    flush(&mut run);
    bad.sort();
    bad.dedup();
    bad
}

fn jixiao(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("jixiao")
        .unwrap()
        .env_remove("JIXIAO_LANG")
        .args(args)
        .output()
        .unwrap()
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// The cells of every sheet of a workbook, and its sheets' names.
fn workbook_text(path: &Path) -> String {
    let mut texts = Vec::new();
    let mut wb = open_workbook_auto(path).unwrap();
    for name in wb.sheet_names() {
        texts.push(name.clone());
        for (_, _, cell) in wb.worksheet_range(&name).unwrap().used_cells() {
            texts.push(cell.to_string());
        }
    }
    texts.join("\n")
}

#[test]
fn english_outputs_hold_no_chinese_but_the_inputs() {
    let inputs = input_texts();
    let (l, t) = (path(&ledger()), path(&targets()));
    let dir = tempfile::tempdir().unwrap();
    let mut outputs: Vec<(String, String)> = Vec::new();
    for format in ["table", "json", "csv", "md", "html"] {
        for bank in [&[][..], &["--no-bank"][..]] {
            let mut args = vec!["evaluate", &l, &t, "--lang", "en", "--format", format];
            args.extend(bank);
            let out = jixiao(&args);
            assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            let text = stdout(&out) + &stderr(&out);
            outputs.push((format!("{format} {bank:?}"), text));
        }
    }
    let xlsx = dir.path().join("out.xlsx");
    let out = jixiao(&["evaluate", &l, &t, "--lang", "en", "-o", &path(&xlsx)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    outputs.push(("xlsx".into(), workbook_text(&xlsx)));
    let docx = dir.path().join("report.docx");
    let out = jixiao(&["evaluate", &l, &t, "--lang", "en", "-o", &path(&docx)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    outputs.push(("docx".into(), super::word::text(&docx)));
    // The self-evaluation form in both formats, and what the run says beside it (the sample
    // under self-eval is a draft: exit 2 with the reason).
    for name in ["form.xlsx", "form.docx"] {
        let form = dir.path().join(name);
        let out = jixiao(&[
            "evaluate",
            &l,
            &t,
            "--lang",
            "en",
            "--form",
            "self-eval",
            "-o",
            &path(&form),
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        outputs.push((format!("--form self-eval {name} stderr"), stderr(&out)));
        let text = if name.ends_with("xlsx") {
            workbook_text(&form)
        } else {
            super::word::text(&form)
        };
        outputs.push((format!("--form self-eval {name}"), text));
    }
    for indicator in ["资金到位率", "资金使用合规性", "困难职工生活改善", "nope"]
    {
        let out = jixiao(&["evaluate", &l, &t, "--lang", "en", "--explain", indicator]);
        outputs.push((
            format!("--explain {indicator}"),
            stdout(&out) + &stderr(&out),
        ));
    }
    for preset in ["self-eval", "key-eval"] {
        let out = jixiao(&[
            "evaluate", &l, &t, "--lang", "en", "--preset", preset, "--format", "json",
        ]);
        outputs.push((format!("--preset {preset}"), stdout(&out) + &stderr(&out)));
        let out = jixiao(&["evaluate", &l, &t, "--lang", "en", "--preset", preset]);
        outputs.push((
            format!("--preset {preset} table"),
            stdout(&out) + &stderr(&out),
        ));
    }
    let out = jixiao(&["check", &l, &t, "--lang", "en"]);
    outputs.push(("check".into(), stdout(&out) + &stderr(&out)));
    // A batch of the sample and of a fund that cannot be evaluated.
    let funds = dir.path().join("funds");
    for (fund, files) in [
        ("a", &["ledger.xlsx", "targets.xlsx", "bank.xlsx"][..]),
        ("b", &["ledger.xlsx"][..]),
    ] {
        std::fs::create_dir_all(funds.join(fund)).unwrap();
        for f in files {
            std::fs::copy(
                fixture(&format!("changde-2019/{f}")),
                funds.join(fund).join(f),
            )
            .unwrap();
        }
    }
    for format in ["table", "csv", "jsonl"] {
        let out = jixiao(&["batch", &path(&funds), "--lang", "en", "--format", format]);
        outputs.push((format!("batch {format}"), stdout(&out) + &stderr(&out)));
    }
    let summary = dir.path().join("summary.xlsx");
    jixiao(&[
        "batch",
        &path(&funds),
        "--lang",
        "en",
        "-o",
        &path(&summary),
    ]);
    outputs.push(("batch xlsx".into(), workbook_text(&summary)));

    assert_no_foreign(&outputs, &inputs);
}

/// The errors speak English with `--lang en` or `JIXIAO_LANG=en`, Chinese otherwise, and name
/// the file either way.
#[test]
fn errors_speak_the_users_language() {
    let missing = PathBuf::from("/nonexistent/明细账.xlsx");
    let t = path(&targets());
    let en = jixiao(&["evaluate", &path(&missing), &t, "--lang", "en"]);
    assert_eq!(en.status.code(), Some(2));
    assert_eq!(
        stderr(&en),
        "error: /nonexistent/明细账.xlsx: file not found\n"
    );
    let by_env = Command::cargo_bin("jixiao")
        .unwrap()
        .env("JIXIAO_LANG", "en")
        .args(["evaluate", &path(&missing), &t])
        .output()
        .unwrap();
    assert_eq!(stderr(&by_env), stderr(&en));
    let upper = Command::cargo_bin("jixiao")
        .unwrap()
        .env("JIXIAO_LANG", "EN")
        .args(["evaluate", &path(&missing), &t])
        .output()
        .unwrap();
    assert_eq!(stderr(&upper), stderr(&en));
    // Regression (review): a value clap could not take stopped every command, `--lang` or not.
    for (value, args, expected) in [
        ("fr", &["--lang", "en"][..], &en),
        ("", &[][..], &zh_of(&missing)),
        ("fr", &[][..], &zh_of(&missing)),
    ] {
        let out = Command::cargo_bin("jixiao")
            .unwrap()
            .env("JIXIAO_LANG", value)
            .args(["evaluate", &path(&missing), &t])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(
            stderr(&out),
            stderr(expected),
            "JIXIAO_LANG={value:?} {args:?}"
        );
    }
    let zh = jixiao(&["evaluate", &path(&missing), &t]);
    assert_eq!(zh.status.code(), Some(2));
    assert_eq!(stderr(&zh), "错误：/nonexistent/明细账.xlsx：找不到文件\n");
}

/// `jixiao evaluate MISSING TARGETS` in Chinese, the default.
fn zh_of(missing: &Path) -> std::process::Output {
    jixiao(&["evaluate", &path(missing), &path(&targets())])
}

#[test]
fn the_checker_finds_chinese_the_inputs_do_not_hold() {
    let inputs = "常德市总工会\n明细账";
    assert!(foreign("paid 常德市总工会 on 明细账!H5", inputs).is_empty());
    assert_eq!(foreign("决策：总分20分", inputs), ["决策：总分", "分"]);
    assert_eq!(foreign("a “常德市总工会” b", inputs), Vec::<String>::new());
    assert_eq!(
        foreign("常德市总工会、明细账", inputs),
        ["常德市总工会、明细账"]
    );
    assert_eq!(foreign("points 4，score 3", inputs), ["，"]);
}

/// The fund over several years (issue 17) in English: its years, implied conditions, notes and
/// `--by-year` rows hold no Chinese but what its inputs and rules file hold.
#[test]
fn a_multi_year_fund_speaks_english_too() {
    let dir = fixture("multi-year");
    let (l, t) = (
        path(&dir.join("ledger.xlsx")),
        path(&dir.join("targets.xlsx")),
    );
    let rules = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/multi-year.toml");
    let mut texts = Vec::new();
    texts_of(&dir.join("ledger.xlsx"), &mut texts);
    texts_of(&dir.join("targets.xlsx"), &mut texts);
    texts.push(std::fs::read_to_string(&rules).unwrap());
    // The grades the file leaves at the national ones, as the presets write them.
    for (_, preset) in jixiao::config::PRESETS {
        texts.push(preset.to_string());
    }
    let inputs = texts.join("\n");
    let r = path(&rules);
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs: Vec<(String, String)> = Vec::new();
    for format in ["table", "json", "md", "html"] {
        let out = jixiao(&[
            "evaluate", &l, &t, "--rules", &r, "--lang", "en", "--format", format,
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        outputs.push((format.into(), stdout(&out) + &stderr(&out)));
    }
    let xlsx = tmp.path().join("out.xlsx");
    jixiao(&[
        "evaluate",
        &l,
        &t,
        "--rules",
        &r,
        "--lang",
        "en",
        "-o",
        &path(&xlsx),
    ]);
    outputs.push(("xlsx".into(), workbook_text(&xlsx)));
    let out = jixiao(&["check", &l, &t, "--rules", &r, "--lang", "en"]);
    outputs.push(("check".into(), stdout(&out) + &stderr(&out)));
    let fund = tmp.path().join("funds").join("fund");
    std::fs::create_dir_all(&fund).unwrap();
    std::fs::copy(dir.join("ledger.xlsx"), fund.join("ledger.xlsx")).unwrap();
    std::fs::copy(dir.join("targets.xlsx"), fund.join("targets.xlsx")).unwrap();
    std::fs::copy(&rules, fund.join("rules.toml")).unwrap();
    let funds = path(&tmp.path().join("funds"));
    let out = jixiao(&[
        "batch",
        &funds,
        "--lang",
        "en",
        "--by-year",
        "--format",
        "csv",
    ]);
    outputs.push(("batch --by-year".into(), stdout(&out) + &stderr(&out)));
    assert_no_foreign(&outputs, &inputs);
}

/// Issue 21: a filled 自评表 re-checked, in every format and in `check` and `batch`, holds no
/// Chinese but what the form, the ledger and the presets hold.
#[test]
fn a_self_evaluation_re_checked_speaks_english_too() {
    let ledger = fixture("multi-year/ledger.xlsx");
    let form = fixture("self-eval/算术错误.xlsx");
    let (l, t) = (path(&ledger), path(&form));
    let mut texts = Vec::new();
    texts_of(&ledger, &mut texts);
    for name in ["算术错误", "无明显变化", "总分110"] {
        texts_of(&fixture(&format!("self-eval/{name}.xlsx")), &mut texts);
    }
    for (_, preset) in jixiao::config::PRESETS {
        texts.push(preset.to_string());
    }
    let inputs = texts.join("\n");
    let tmp = tempfile::tempdir().unwrap();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let args = ["--preset", "self-eval", "--lang", "en"];
    for format in ["table", "json", "md", "html", "csv"] {
        let mut all = vec!["evaluate", &l, &t, "--format", format];
        all.extend(args);
        let out = jixiao(&all);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        outputs.push((format.into(), stdout(&out) + &stderr(&out)));
    }
    let xlsx = tmp.path().join("out.xlsx");
    let target = path(&xlsx);
    let mut all = vec!["evaluate", &l, &t, "-o", &target];
    all.extend(args);
    jixiao(&all);
    outputs.push(("xlsx".into(), workbook_text(&xlsx)));
    let mut all = vec!["check", &l, &t];
    all.extend(args);
    let out = jixiao(&all);
    outputs.push(("check".into(), stdout(&out) + &stderr(&out)));
    // The refusals: a vague actual, and points that miss the total.
    for refused in ["无明显变化", "总分110"] {
        let f = fixture(&format!("self-eval/{refused}.xlsx"));
        let mut all = vec!["evaluate", &l];
        let fp = path(&f);
        all.push(&fp);
        all.extend(args);
        let out = jixiao(&all);
        assert_eq!(out.status.code(), Some(2));
        outputs.push((refused.into(), stderr(&out)));
    }
    let fund = tmp.path().join("funds").join("fund");
    std::fs::create_dir_all(&fund).unwrap();
    std::fs::copy(&ledger, fund.join("ledger.xlsx")).unwrap();
    std::fs::copy(&form, fund.join("targets.xlsx")).unwrap();
    let funds = path(&tmp.path().join("funds"));
    let mut all = vec!["batch", &funds, "--format", "csv"];
    all.extend(args);
    let out = jixiao(&all);
    outputs.push(("batch".into(), stdout(&out) + &stderr(&out)));
    assert_no_foreign(&outputs, &inputs);
}
