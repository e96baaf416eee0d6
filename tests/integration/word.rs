//! The Word documents (`-o 报告.docx`, issue 18): checked by their XML — the page, the styles,
//! the outline's order, the merged cells — and by a rendered PDF in a real office suite
//! (headless LibreOffice, which `.ci/run` installs): the page size, the page count, every
//! heading and the total, and not one character of the document lost.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{evaluate, ledger, stderr, targets};

/// A part of a .docx (or any zip package) as text.
pub fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{} has no {name}", path.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A Word document's text, run after run.
pub fn text(path: &Path) -> String {
    runs(&part(path, "word/document.xml")).join("\n")
}

/// The XML's text runs decoded, each `<w:t>` as written.
fn runs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find("<w:t") {
        let after = &rest[start..];
        // `<w:t>` or `<w:t xml:space="preserve">`, not `<w:tbl>` or `<w:tc>`.
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        rest = &after[open_end + 1..];
        if !(tag == "<w:t" || tag.starts_with("<w:t ")) || tag.ends_with('/') {
            continue;
        }
        let end = rest.find("</w:t>").unwrap();
        out.push(unescape(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Each paragraph as `[style] text`, tables as `| cell | cell |` rows with `^` for a cell
/// merged into the one above: the document's outline, readable in a snapshot.
pub fn skeleton(xml: &str) -> String {
    let body = &xml[xml.find("<w:body>").unwrap()..];
    let mut out = String::new();
    let mut rest = body;
    loop {
        let p = rest.find("<w:p>").or_else(|| rest.find("<w:p "));
        let t = rest.find("<w:tbl>");
        match (p, t) {
            (Some(p), t) if t.is_none_or(|t| p < t) => {
                let end = rest[p..].find("</w:p>").map(|e| p + e + 6).unwrap();
                let para = &rest[p..end];
                let style = para
                    .find("<w:pStyle w:val=\"")
                    .map(|s| {
                        let v = &para[s + 17..];
                        v[..v.find('"').unwrap()].to_string()
                    })
                    .unwrap_or_default();
                let text = runs(para).concat();
                if para.contains("w:type=\"page\"") {
                    out.push_str("---- page ----\n");
                } else if !text.is_empty() {
                    out.push_str(&format!("[{style}] {text}\n"));
                }
                rest = &rest[end..];
            }
            (_, Some(t)) => {
                let end = rest[t..].find("</w:tbl>").map(|e| t + e + 8).unwrap();
                for row in rest[t..end].split("<w:tr>").skip(1) {
                    let cells: Vec<String> = row
                        .split("<w:tc>")
                        .skip(1)
                        .map(|c| {
                            if c.contains("<w:vMerge w:val=\"continue\"") {
                                "^".to_string()
                            } else {
                                runs(c).join("/")
                            }
                        })
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                rest = &rest[end..];
            }
            _ => break,
        }
    }
    out
}

fn report(dir: &Path, args: &[&str]) -> PathBuf {
    let path = dir.join("报告.docx");
    let mut all = vec!["-o", path.to_str().unwrap()];
    all.extend(args);
    let out = evaluate(&ledger(), &targets(), &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    path
}

/// The headings of the 附3 参考提纲, in its order, then the two annexes.
const OUTLINE: [&str; 9] = [
    "一、基本情况",
    "二、绩效评价工作开展情况",
    "三、综合评价情况及评价结论",
    "四、绩效评价指标分析",
    "五、主要经验及做法、存在的问题及原因分析",
    "六、有关建议",
    "七、其他需要说明的问题",
    "附件1：",
    "附件2：资金对账",
];

#[test]
fn the_report_is_portrait_a4_in_the_outline_of_fu3_with_its_styles_and_merged_cells() {
    let dir = tempfile::tempdir().unwrap();
    let docx = report(dir.path(), &[]);
    let document = part(&docx, "word/document.xml");
    // Portrait A4 with the GB/T 9704 margins (37 mm top, 28 mm binding side).
    assert!(
        document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#),
        "{document}"
    );
    assert!(!document.contains("landscape"));
    assert!(document.contains(r#"w:top="2098""#) && document.contains(r#"w:left="1588""#));
    // The sections in the order of the outline, each a heading of its level.
    let skeleton = skeleton(&document);
    let mut at = 0;
    for heading in OUTLINE {
        let found = skeleton[at..]
            .find(&format!("[Heading1] {heading}"))
            .unwrap_or_else(|| panic!("{heading} after byte {at}:\n{skeleton}"));
        at += found;
    }
    // The title, the total and grade, the gaps only the team can fill.
    assert!(skeleton.starts_with("[Title] 2019年度职工及劳模帮扶管理专项资金绩效评价报告\n"));
    assert!(skeleton.contains("绩效评价得分为85分，评价等级为“良”"));
    assert!(
        skeleton
            .contains("[Placeholder] 【待评价组填写：项目立项的背景和依据、主要内容及实施情况】")
    );
    // 附件1: 决策 (20 points) heads 6 indicator rows, merged down: one restart and five
    // continuations in each of its two columns.
    let annex = &skeleton[skeleton.find("[Heading1] 附件1").unwrap()..];
    let decision: Vec<&str> = annex
        .lines()
        .filter(|l| l.starts_with("| 决策 | 20 |") || l.starts_with("| ^ | ^ |"))
        .take(6)
        .collect();
    assert_eq!(decision.len(), 6, "{annex}");
    assert!(decision[0].starts_with("| 决策 | 20 | 项目立项 | 6 | 立项依据充分性 | 3 |"));
    assert!(decision[1].starts_with("| ^ | ^ | ^ | ^ | 立项程序规范性 | 3 |"));
    assert!(annex.contains("| 合计 | 100 |  |  |  |  |  | 85.00 | 评价等级：良 |"));
    // The styles: body 仿宋 三号 on a fixed 28-point line, headings 黑体 and 楷体, the title
    // 二号; every font with its fallback in the font table.
    let styles = part(&docx, "word/styles.xml");
    let style = |id: &str| {
        let s = styles.find(&format!("w:styleId=\"{id}\"")).unwrap();
        styles[s..s + styles[s..].find("</w:style>").unwrap()].to_string()
    };
    assert!(style("Body").contains(r#"w:eastAsia="仿宋""#));
    assert!(
        style("Body").contains(r#"<w:sz w:val="32" />"#),
        "{}",
        style("Body")
    );
    assert!(style("Body").contains(r#"w:line="560" w:lineRule="exact""#));
    assert!(style("Heading1").contains(r#"w:eastAsia="黑体""#));
    assert!(style("Heading2").contains(r#"w:eastAsia="楷体""#));
    assert!(style("Title").contains(r#"<w:sz w:val="44" />"#));
    let fonts = part(&docx, "word/fontTable.xml");
    for (font, fallback) in [
        ("仿宋", "FangSong"),
        ("黑体", "SimHei"),
        ("方正小标宋简体", "宋体"),
    ] {
        assert!(
            fonts.contains(&format!(
                r#"<w:font w:name="{font}"><w:altName w:val="{fallback}"/>"#
            )),
            "{fonts}"
        );
    }
    // Page numbers at the foot.
    assert!(part(&docx, "word/footer1.xml").contains("PAGE"));
}

#[test]
fn the_reports_outline_is_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let docx = report(dir.path(), &[]);
    insta::assert_snapshot!("report_docx", skeleton(&part(&docx, "word/document.xml")));
}

/// The path of headless LibreOffice, or why the render tests are skipped.
fn soffice() -> Option<&'static str> {
    let found = [
        "/usr/bin/soffice",
        "/usr/bin/libreoffice",
        "/usr/local/bin/soffice",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists());
    // Where CI installed LibreOffice, a render test that cannot find it fails rather than
    // passes unchecked.
    if found.is_none() && std::env::var_os("JIXIAO_REQUIRE_OFFICE").is_some() {
        panic!("JIXIAO_REQUIRE_OFFICE is set and no soffice is installed");
    }
    if found.is_none() {
        eprintln!(
            "SKIPPED the LibreOffice render: no soffice installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)"
        );
    }
    found
}

/// `file` converted by headless LibreOffice to `filter` (`pdf`, or a CSV filter with its
/// options), beside it; `None` where LibreOffice is not installed.
pub fn converted(file: &Path, filter: &str, extension: &str) -> Option<PathBuf> {
    let soffice = soffice()?;
    let dir = file.parent().unwrap();
    // A profile of its own, so that parallel tests and a user's running office do not meet.
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    Some(file.with_extension(extension))
}

/// The document rendered to PDF by LibreOffice: (pages, page size line of pdfinfo, text).
pub fn rendered(file: &Path) -> Option<(u32, String, String)> {
    let pdf = converted(file, "pdf", "pdf")?;
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let size = info
        .lines()
        .find(|l| l.starts_with("Page size:"))
        .unwrap()
        .to_string();
    // -layout: without it pdftotext joins `2020-05-` and `12` across a line break and drops
    // the hyphen.
    let text = Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    Some((pages, size, String::from_utf8(text.stdout).unwrap()))
}

/// The characters of a text, whitespace left out, counted.
fn characters(text: &str) -> std::collections::BTreeMap<char, usize> {
    let mut out = std::collections::BTreeMap::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        *out.entry(c).or_insert(0) += 1;
    }
    out
}

/// What the PDF lacks of the document's characters (the footers' `— n —` are the PDF's own).
pub fn lost(document: &str, pdf: &str) -> Vec<(char, usize, usize)> {
    let pdf: String = pdf
        .lines()
        .filter(|l| !(l.trim().starts_with("— ") && l.trim().ends_with(" —")))
        .collect::<Vec<_>>()
        .join("\n");
    let (want, got) = (characters(document), characters(&pdf));
    want.iter()
        .filter(|(c, n)| got.get(c).copied().unwrap_or(0) < **n)
        .map(|(c, n)| (*c, *n, got.get(c).copied().unwrap_or(0)))
        .collect()
}

#[test]
fn the_report_renders_in_libreoffice_on_a4_with_every_heading_and_no_text_lost() {
    for (lang, headings, total) in [
        ("zh", OUTLINE.to_vec(), "85分"),
        (
            "en",
            vec!["1 Background", "7 Other matters", "Annex 2"],
            "scores 85 points",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let docx = report(dir.path(), &["--lang", lang]);
        let Some((pages, size, text)) = rendered(&docx) else {
            return;
        };
        assert!(
            size.contains("595.") && size.contains("x 841.") && size.contains("A4"),
            "{size}"
        );
        // The sample's report: about a dozen pages of text, the annexes on their own.
        assert!((10..=25).contains(&pages), "{lang}: {pages} pages");
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for heading in headings {
            let heading: String = heading.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(flat.contains(&heading), "{lang}: {heading} not in the PDF");
        }
        let total: String = total.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(flat.contains(&total), "{lang}: no total");
        let document = runs(&part(&docx, "word/document.xml")).join("");
        assert_eq!(lost(&document, &text), vec![], "{lang}: characters lost");
    }
}

/// The checker finds a lost character: a PDF text without one of the document's.
#[test]
fn the_lost_text_check_finds_a_missing_character() {
    assert_eq!(lost("资金到位率", "资金到位"), vec![('率', 1, 0)]);
    assert_eq!(lost("资金", "— 3 —\n资 金"), vec![]);
}

/// The workbook's grade is a formula on its total (issue 18): a judgement score edited in the
/// sheet moves the total and the grade when a real spreadsheet recalculates it. The sample's
/// 附件1 with 资金到位率 (H8) 0 → 4 and 市直单位省部级劳模疗休养 (H15) 4 → 8 — the saved results
/// of the formulas removed, so that LibreOffice must compute them — totals 85 + 4 + 4 = 93, 优.
#[test]
fn the_workbooks_grade_follows_an_edited_score_in_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("评价结果.xlsx");
    let out = evaluate(&ledger(), &targets(), &["-o", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let edited = dir.path().join("edited.xlsx");
    {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(&edited).unwrap());
        for k in 0..zip.len() {
            let mut entry = zip.by_index(k).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                let mut xml = String::from_utf8(bytes).unwrap();
                for (from, to) in [
                    (r#"<c r="H8" s="3"><v>0</v>"#, r#"<c r="H8" s="3"><v>4</v>"#),
                    (
                        r#"<c r="H15" s="3"><v>4</v>"#,
                        r#"<c r="H15" s="3"><v>8</v>"#,
                    ),
                ] {
                    assert!(xml.contains(from), "{from} not in the sheet");
                    xml = xml.replace(from, to);
                }
                // Every formula's saved result dropped.
                while let Some(at) = xml.find("</f><v>") {
                    let end = at + xml[at..].find("</v>").unwrap() + 4;
                    xml.replace_range(at + 4..end, "");
                }
                bytes = xml.into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &bytes).unwrap();
        }
        out.finish().unwrap();
    }
    let Some(csv) = converted(&edited, "csv:Text - txt - csv (StarCalc):44,34,76", "csv") else {
        return;
    };
    let csv = std::fs::read_to_string(csv).unwrap();
    let total = csv.lines().find(|l| l.starts_with("合计")).unwrap();
    assert!(total.ends_with(",93.00,评价等级：优"), "{total}");
}

/// Regression: a control character copied from an input (a \u{1} in a 摘要) went raw into
/// document.xml, which XML 1.0 forbids: Word refused the file, and the run said 0. It is now
/// written as U+FFFD, and the document opens.
#[test]
fn a_control_character_in_an_input_does_not_break_the_document() {
    let dir = tempfile::tempdir().unwrap();
    crate::template_with_unclaimed(dir.path(), "购买\u{1}办公用品");
    let docx = dir.path().join("报告.docx");
    let out = evaluate(
        &dir.path().join("ledger.csv"),
        &dir.path().join("targets.xlsx"),
        &["-o", docx.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let document = part(&docx, "word/document.xml");
    assert!(!document.contains('\u{1}'));
    assert!(
        document.contains("购买\u{FFFD}办公用品"),
        "the 摘要 of the unassigned posting"
    );
    let Some((pages, _, _)) = rendered(&docx) else {
        return;
    };
    assert!(pages >= 5, "{pages} pages");
}

/// The report's table of parts adds up: 100,000 arrived for the fund as a whole (no part's)
/// has its row, so 6.00 + 10.00 = 16.00 万元 is the total's 到位.
#[test]
fn the_reports_parts_table_holds_the_arrivals_for_the_whole_fund() {
    let dir = crate::fixture("unlike").join("fund-arrivals");
    let out_dir = tempfile::tempdir().unwrap();
    let docx = out_dir.path().join("报告.docx");
    let out = evaluate(
        &dir.join("ledger.xlsx"),
        &dir.join("targets.xlsx"),
        &[
            "--rules",
            dir.join("rules.toml").to_str().unwrap(),
            "-o",
            docx.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let skeleton = skeleton(&part(&docx, "word/document.xml"));
    let table: Vec<&str> = skeleton
        .lines()
        .skip_while(|l| !l.starts_with("| 部分 | 预算数（万元）"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(
        table.contains(&"| （项目整体到位） |  | 10.00 |  |  |  |"),
        "{table:?}"
    );
    assert!(
        table
            .last()
            .unwrap()
            .starts_with("| 合计 | 18.00 | 16.00 |"),
        "{table:?}"
    );
}
