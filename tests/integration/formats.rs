//! Every output format on the sample: golden files, the workbook read back, CSV injection, the
//! atomic write, `--explain`, `--lang en`, and the page in a real browser.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::{evaluate, ledger, stderr, stdout, targets};

fn output(args: &[&str]) -> String {
    let out = evaluate(&ledger(), &targets(), args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn markdown_report_draft() {
    let md = output(&["--format", "md"]);
    assert!(md.contains("经综合评定，2019年度职工及劳模帮扶管理专项资金绩效评价得分为85分，评价等级为“良”，得分（扣分）明细如下："), "{md}");
    assert!(
        md.contains("（二）过程总分18分，实得10分，扣8分，扣分明细："),
        "{md}"
    );
    insta::assert_snapshot!("changde_2019_md", md);
}

#[test]
fn csv_for_excel_on_chinese_windows() {
    let out = evaluate(&ledger(), &targets(), &["--format", "csv"]);
    assert!(
        out.stdout.starts_with(b"\xEF\xBB\xBF"),
        "no byte-order mark"
    );
    let text = String::from_utf8(out.stdout[3..].to_vec()).expect("UTF-8");
    assert!(
        text.starts_with("一级指标,分值,二级指标,分值,三级指标,分值,评分标准,得分,扣分原因\n"),
        "{text}"
    );
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.starts_with("合计,100,,,,,,85.00,评价等级：良")),
        "{text}"
    );
    insta::assert_snapshot!("changde_2019_csv", text);
}

#[test]
fn html_page_is_self_contained() {
    let html = output(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("http://")
            || html
                .matches("http://")
                .all(|_| html.contains("xmlns=\"http://www.w3.org/2000/svg\"")),
        "no network references"
    );
    assert!(!html.contains("<script"), "no scripts");
    assert_eq!(html.matches("<svg").count(), 2, "two charts");
    // Issue 18: it prints portrait A4, as the report is handed in, with the 一级 and 二级
    // cells of the indicator table merged down the rows they head.
    assert!(html.contains("@page{size:A4 portrait"));
    assert!(html.contains("<td rowspan=\"6\">决策</td>"), "{html}");
    // A long line's name shortened visibly in the chart, not cut mid-bracket.
    assert!(
        html.contains("市直市级劳模生活困难补助（低收入补…"),
        "{html}"
    );
    insta::assert_snapshot!("changde_2019_html", html);
}

#[test]
fn json_golden() {
    insta::assert_snapshot!("changde_2019_json", output(&["--format", "json"]));
}

#[test]
fn the_workbook_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("评价结果.xlsx");
    let out = evaluate(&ledger(), &targets(), &["-o", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        out.stdout.is_empty(),
        "the format follows the extension, the result goes to the file"
    );
    let mut wb: Xlsx<_> = open_workbook(&path).expect("opens");
    assert_eq!(
        wb.sheet_names(),
        ["评价指标体系", "资金对账", "审计发现", "输入概况"]
    );
    let table = wb.worksheet_range("评价指标体系").expect("sheet");
    assert_eq!(
        table.get_value((0, 8)),
        Some(&Data::String("扣分原因".into()))
    );
    assert_eq!(table.get_value((1, 0)), Some(&Data::String("决策".into())));
    assert_eq!(table.get_value((1, 1)), Some(&Data::Float(20.0)));
    // The total is a formula whose cached result is the score.
    let total_row = table.height() as u32 - 1;
    assert_eq!(table.get_value((total_row, 7)), Some(&Data::Float(85.0)));
    // Issue 18: the grade is a formula on that total, so a judgement score edited in Excel
    // moves both; its saved result is the tool's grade.
    assert_eq!(
        table.get_value((total_row, 8)),
        Some(&Data::String("评价等级：良".into()))
    );
    let indicator_formulas = wb.worksheet_formula("评价指标体系").expect("formulas");
    let row = total_row + 1;
    assert_eq!(
        indicator_formulas
            .get_value((total_row, 8))
            .map(String::as_str),
        Some(&*format!(
            "\"评价等级：\"&IF(H{row}>=90,\"优\",IF(H{row}>=80,\"良\",IF(H{row}>=60,\"中\",\"差\")))"
        ))
    );
    let merged = wb
        .merge_cells_by_sheet_name("评价指标体系")
        .expect("merges");
    // 决策 spans its six indicators in column A (rows 2–7).
    assert!(
        merged.iter().any(|d| d.start == (1, 0) && d.end == (6, 0)),
        "{merged:?}"
    );
    // Issue 18: the counts of rows are numbers, not text that looks like them.
    let inputs = wb.worksheet_range("输入概况").expect("sheet");
    let count_of = |label: &str| {
        inputs
            .rows()
            .find(|r| r.first() == Some(&Data::String(label.into())))
            .and_then(|r| r.get(1).cloned())
    };
    let (read, used) = (count_of("读取行数"), count_of("使用"));
    assert!(
        matches!(read, Some(Data::Float(n)) if n > 1000.0),
        "{read:?}"
    );
    assert!(matches!(used, Some(Data::Float(_))), "{used:?}");
    let money = wb.worksheet_range("资金对账").expect("sheet");
    // Eleven budget lines under the header, then the total, then the arrival rate a row below.
    let last = 12;
    assert_eq!(money.get_value((last, 4)), Some(&Data::Float(3268200.0)));
    // The funds-arrival rate is a formula too, cached.
    match money.get_value((last + 2, 2)) {
        Some(Data::Float(rate)) => assert!((rate - 0.441147).abs() < 1e-6, "{rate}"),
        other => panic!("no arrival rate: {other:?}"),
    }
    let formulas = wb.worksheet_formula("资金对账").expect("formulas");
    assert_eq!(
        formulas.get_value((last, 4)).map(String::as_str),
        Some(&*format!("SUM(E2:E{last})"))
    );
}

#[test]
fn output_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.md");
    std::fs::write(&path, "old report").expect("write");
    // A run that fails leaves the old file as it was.
    let missing = dir.path().join("nope.xlsx");
    let out = evaluate(&missing, &targets(), &["-o", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "old report");
    // A run that succeeds replaces it, and leaves no temporary file behind.
    let out = evaluate(&ledger(), &targets(), &["-o", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .starts_with("# 2019年度职工及劳模帮扶管理专项资金 绩效评价")
    );
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    // Never over an input.
    let out = evaluate(
        &ledger(),
        &targets(),
        &["-o", &targets().display().to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with("是输入文件；输出不会覆盖输入\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_one_indicator_down_to_the_ledger_rows() {
    let text = output(&["--explain", "资金使用合规性"]);
    assert!(
        text.starts_with("过程 / 资金管理 / 资金使用合规性\n分值 4，得分 2.00\n"),
        "{text}"
    );
    assert!(text.contains("ledger.xlsx!明细账!A600 2019-10-18 记-0002 拨付市劳模协会2019年劳模管理工作经费 劳模管理工作经费 常德市劳模协会 借 100,000.00"), "{text}");
    let out = evaluate(&ledger(), &targets(), &["--explain", "不存在的指标"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("错误：--explain：没有指标“不存在的指标”；指标有 立项依据充分性、"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn english_headings_and_sentences() {
    let md = output(&["--format", "md", "--lang", "en"]);
    assert!(md.contains("## Overall assessment and conclusion"), "{md}");
    assert!(md.contains("scores 85 points, graded 良 (good)"), "{md}");
    assert!(md.contains("| Dimension | Points | Group |"), "{md}");
    // The sentences the tool writes, not only the headings.
    assert!(
        md.contains(
            "funds-arrival rate 44.11% (arrived 149.99 of 340.00 planned, in 10k yuan): −4 points"
        ),
        "{md}"
    );
    assert!(md.contains("the payee is an organisation of the 协会 kind, to which fiscal money may not go: −2 points"), "{md}");
    let table = output(&["--lang", "en"]);
    assert!(
        table.contains("Total 85.00 of 100, grade 良 (good)"),
        "{table}"
    );
    // The 评分标准 is written from the rule in English too.
    assert!(md.contains("funds-arrival rate at 100%: full points; 5% of the points off per 1% below; nothing at 80% or below"), "{md}");
}

/// The page in a real headless browser: it renders, and the screenshot is kept for a person to
/// look at. Skipped, saying so, where no browser is installed (`.ci/run` installs Debian's).
#[test]
fn the_page_in_a_headless_browser() {
    let Some(browser) = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(Path::new)
    .find(|p| p.exists()) else {
        eprintln!(
            "SKIPPED the_page_in_a_headless_browser: no Chromium installed (apt-get install chromium)"
        );
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    let out = evaluate(&ledger(), &targets(), &["-o", &page.display().to_string()]);
    assert_eq!(out.status.code(), Some(0));
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("changde-2019-report.png");
    let _ = std::fs::remove_file(&shot);
    let profile = dir.path().join("profile");
    let run = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1280,2400")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the browser runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a blank or broken screenshot: {} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}

/// Regression: the output was written through a temporary file and kept its private mode
/// (0600), so colleagues could not open the summary handed to them.
#[cfg(unix)]
#[test]
fn an_output_file_is_readable_like_any_new_file_and_keeps_the_mode_of_the_one_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("result.json");
    let run = || {
        let o = evaluate(&ledger(), &targets(), &["-o", out.to_str().expect("UTF-8")]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    run();
    let mode = |p: &Path| std::fs::metadata(p).expect("written").permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o644);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run();
    assert_eq!(mode(&out), 0o640);
}

/// Regression: `-o report.docx` and `-o report.pdf` wrote the terminal text with exit 0 (a .docx
/// is now the Word report; a .doc, the old binary format, is not).
#[test]
fn an_output_of_no_known_format_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for (name, lang, expected) in [
        (
            "report.doc",
            "zh",
            "report.doc：无法从扩展名确定输出格式，不写入；可写的格式有 .txt、.json、.csv、.md、.xlsx、.html、.docx（或用 --format 指定）",
        ),
        (
            "report.pdf",
            "en",
            "report.pdf: no output format has this extension, so nothing is written; the formats are .txt, .json, .csv, .md, .xlsx, .html, .docx (or name one with --format)",
        ),
    ] {
        let path = dir.path().join(name);
        let out = evaluate(
            &ledger(),
            &targets(),
            &["-o", path.to_str().unwrap(), "--lang", lang],
        );
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains(expected), "{}", stderr(&out));
        assert!(!path.exists());
    }
    // --format says what the name does not.
    let path = dir.path().join("report");
    let out = evaluate(
        &ledger(),
        &targets(),
        &["-o", path.to_str().unwrap(), "--format", "md"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("经综合评定")
    );
}

/// A batch's summary likewise: `.json` is one fund's format, not a summary's.
#[test]
fn a_batch_output_of_no_summary_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.json");
    let out = assert_cmd::Command::cargo_bin("jixiao")
        .unwrap()
        .args(["batch", "--lang", "en"])
        .arg(crate::fixture("unlike"))
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("summary.json: no output format has this extension, so nothing is written; the formats are .txt, .csv, .jsonl, .xlsx (or name one with --format)"),
        "{}",
        stderr(&out)
    );
    assert!(!path.exists());
}

/// Regression: `--explain NAME -o file` printed to the terminal and ignored `--format json`.
#[test]
fn an_explanation_goes_where_and_as_it_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("到位率.json");
    let out = evaluate(
        &ledger(),
        &targets(),
        &["--explain", "资金到位率", "-o", path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let j: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(j["schema"], "jixiao-explain/1");
    assert_eq!(j["path"][2], "资金到位率");
    assert_eq!(j["measure"]["value"], "0.4411");
    assert_eq!(j["deductions"][0]["points"], "4");
    assert_eq!(j["ledger_rows"].as_array().unwrap().len(), 4);
    assert_eq!(j["ledger_rows"][0]["credit"], "200000.00");

    let out = evaluate(
        &ledger(),
        &targets(),
        &["--explain", "资金到位率", "--format", "json"],
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (j["points"].as_str(), j["score"].as_str()),
        (Some("4"), Some("0.00"))
    );

    let text = dir.path().join("到位率.txt");
    let out = evaluate(
        &ledger(),
        &targets(),
        &["--explain", "资金到位率", "-o", text.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&text)
            .unwrap()
            .contains("评分标准：")
    );

    let out = evaluate(
        &ledger(),
        &targets(),
        &["--explain", "资金到位率", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--explain 只输出文字（.txt）或 JSON（.json、--format json）"));
}

/// The 资金对账 sheet shows the money no budget line claims on a row of its own below the total
/// (outside it: the rates are the lines'), and the books' whole beneath: 800 of office supplies
/// under a 项目 no line names, beside the 5,000 the one line spent.
#[test]
fn the_reconciliation_sheet_shows_the_money_no_line_claims() {
    let dir = tempfile::tempdir().unwrap();
    crate::template_with_unclaimed(dir.path(), "购买办公用品");
    let xlsx = dir.path().join("out.xlsx");
    let out = evaluate(
        &dir.path().join("ledger.csv"),
        &dir.path().join("targets.xlsx"),
        &["-o", xlsx.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut wb = calamine::open_workbook_auto(&xlsx).unwrap();
    let range = calamine::Reader::worksheet_range(&mut wb, "资金对账").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let row = |label: &str| rows.iter().find(|r| r[1] == label).unwrap().clone();
    // 合计 stays the lines': 5,000 spent.
    assert_eq!(rows[2][0], "合计");
    assert_eq!(rows[2][4], "5000");
    let unclaimed = row("未归入预算子项的收支（不计入合计）");
    assert_eq!((unclaimed[3].as_str(), unclaimed[4].as_str()), ("0", "800"));
    // The books' whole: 50,000 arrived and 5,000 + 800 spent.
    let books = row("账面合计（合计加未归入）");
    assert_eq!((books[3].as_str(), books[4].as_str()), ("50000", "5800"));
}
