//! `--form self-eval` (issue 18): the 项目支出绩效自评表 of 附1 as a workbook and as a Word table,
//! filled from the inputs and scored by the self-eval system, on one portrait A4 page.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, open_workbook_auto};

use super::word::{lost, part, rendered, skeleton};
use super::{evaluate, ledger, stderr, targets};

fn jixiao(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("jixiao")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// `jixiao evaluate ledger.xlsx targets.xlsx --form self-eval -o NAME` in `dir`.
fn form(dir: &Path, name: &str) -> std::process::Output {
    jixiao(
        dir,
        &[
            "evaluate",
            "ledger.xlsx",
            "targets.xlsx",
            "--form",
            "self-eval",
            "-o",
            name,
        ],
    )
}

/// The template's inputs (`jixiao template`), with the rules.toml that defines its own system.
fn template() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = jixiao(dir.path(), &["template", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn row<'a>(cells: &'a [Vec<String>], label: &str) -> &'a [String] {
    cells
        .iter()
        .find(|r| r.iter().any(|c| c == label))
        .unwrap_or_else(|| panic!("no row {label}: {cells:?}"))
}

#[test]
fn the_templates_inputs_fill_the_form_in_a_workbook() {
    let dir = template();
    let out = form(dir.path(), "自评表.xlsx");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The rules.toml beside defines the template's own system: the form keeps self-eval's,
    // and says so.
    assert!(stderr(&out).contains("rules.toml 中的指标体系未使用，其余设置照用"));
    let c = cells(&dir.path().join("自评表.xlsx"));
    assert_eq!(c[0][0], "项目支出绩效自评表");
    assert_eq!(row(&c, "项目名称")[2], "某专项资金（示例）");
    let dept = row(&c, "主管部门");
    assert_eq!(
        (dept[2].as_str(), dept[7].as_str()),
        ("某主管部门", "某单位")
    );
    // 项目资金（万元）: 10.00 planned, 0.50 spent (5,000 of 100,000 yuan): 执行率 5 %, and the
    // 10 points × 5 % = 0.5.
    let money = row(&c, "年度资金总额");
    assert_eq!(&money[3..9], ["10", "10", "0.5", "10", "0.05", "0.5"]);
    // The sources the budget sheet does not state are the unit's to fill in.
    assert_eq!(row(&c, "上年结转资金")[3], "【待填写】");
    // Each declared target on its row, scored: 产出 50 points (its one target), 满意度 10.
    let people = row(&c, "帮扶困难职工人数");
    assert_eq!(
        &people[1..8],
        [
            "产出指标",
            "数量指标",
            "帮扶困难职工人数",
            "≥2人",
            "2人",
            "50",
            "50"
        ]
    );
    let satisfaction = row(&c, "服务对象满意度");
    assert_eq!(&satisfaction[4..8], ["≥95%", "100.00%", "10", "10"]);
    // 效益 (30 points) has no target: 0.5 + 50 + 10 = 60.5 of the 70 applicable points,
    // rescaled to 60.5 × 100 / 70 = 86.43, 良.
    let total = row(&c, "总分");
    assert_eq!(total[6], "100");
    assert_eq!(total[7], "86.43（适用分值70，实得60.5，折算）");
    assert_eq!(total[8], "评价等级：良");
}

#[test]
fn the_form_in_word_merges_its_cells_and_prints_on_one_a4_page() {
    let dir = template();
    let out = form(dir.path(), "自评表.docx");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docx = dir.path().join("自评表.docx");
    let document = part(&docx, "word/document.xml");
    assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(
        document.contains(r#"<w:gridSpan w:val="8" />"#),
        "项目名称's value spans 8 columns"
    );
    assert!(document.contains(r#"<w:vMerge w:val="restart" />"#));
    insta::assert_snapshot!("self_eval_docx", skeleton(&document));
    for (file, name) in [(docx.clone(), "docx"), (xlsx_of(dir.path()), "xlsx")] {
        let Some((pages, size, text)) = rendered(&file) else {
            return;
        };
        assert_eq!(pages, 1, "{name}: the form on one page");
        assert!(
            size.contains("595.") && size.contains("x 841."),
            "{name}: {size}"
        );
        let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for text in ["项目支出绩效自评表", "年度资金总额", "总分", "86.43"] {
            assert!(
                flat.contains(text),
                "{name}: {text} not in the PDF:\n{flat}"
            );
        }
        // A cell's text wraps within its column, so the PDF's lines interleave cells: the
        // Word form's characters are counted instead, none missing.
        if name == "docx" {
            assert_eq!(
                lost(&super::word::text(&file), &text),
                vec![],
                "characters lost"
            );
        }
    }
}

fn xlsx_of(dir: &Path) -> PathBuf {
    let out = form(dir, "form.xlsx");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir.join("form.xlsx")
}

/// The sample under self-eval: only 31.11 of its 100 points have an actual value, under the
/// 60 % a grade needs. The form is written as a draft to complete — no total, no grade — and
/// the run exits 2 saying why; the 评价发现 of the third-party system deducts nothing here.
#[test]
fn too_few_actual_values_write_a_draft_with_no_total_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.xlsx");
    let out = evaluate(
        &ledger(),
        &targets(),
        &["--form", "self-eval", "-o", path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("已写出待填写的自评表，总分和等级未评定"),
        "{err}"
    );
    assert!(err.contains("只有31.11分"), "{err}");
    assert!(
        err.contains(
            "评价发现!D2 评价发现所指的“制度执行有效性”不是自评表上参与评分的指标，未扣分"
        )
    );
    let c = cells(&path);
    let total = row(&c, "总分");
    assert_eq!(
        (total[7].as_str(), total[8].as_str()),
        ("不评定", "实际完成值不足，补全后评定")
    );
    // A target without an actual value is a gap to fill, not a score.
    let visits = row(&c, "慰问补助市级劳模");
    assert_eq!(
        &visits[5..9],
        [
            "【待填写：实际完成值】",
            "5.56",
            "—",
            "无实际完成值，未评分"
        ]
    );
    // A missed target: its score, what the data says, and the cause left to the unit.
    // 1584 of 4850 people: 32.66 % of its 5.56 points = 1.82.
    let missed = row(&c, "救助市直单位困难职工");
    assert_eq!(missed[7], "1.82");
    assert!(
        missed[8].ends_with("【待填写：偏差原因及改进措施】"),
        "{}",
        missed[8]
    );
}

#[test]
fn a_system_with_indicators_off_the_form_is_refused_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.xlsx");
    let out = evaluate(
        &ledger(),
        &targets(),
        &[
            "--form",
            "self-eval",
            "--preset",
            "changde-2019",
            "-o",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("指标体系 changde-2019 的指标 立项依据充分性、"),
        "{err}"
    );
    assert!(err.contains("资金到位率"), "{err}");
    assert!(!path.exists());
    // The form is a workbook or a document, never a terminal's text.
    for args in [
        &["--form", "self-eval"][..],
        &["--form", "self-eval", "--format", "md"][..],
    ] {
        let out = evaluate(&ledger(), &targets(), args);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("--form self-eval 写成工作簿或 Word 文档"),
            "{}",
            stderr(&out)
        );
    }
}

/// The template's targets workbook again, with a 资金来源 column on its 预算明细 saying `source`
/// for its one line (困难职工帮扶, 10万元).
fn with_source(dir: &Path, source: &str) {
    with_sources(&dir.join("targets.xlsx"), 1, &[(3, source)]);
}

/// A targets workbook rewritten with a 资金来源 column (column I) on its 预算明细: its label on
/// the header row, and the rows' sources.
fn with_sources(path: &Path, header: u32, sources: &[(u32, &str)]) {
    let mut wb = open_workbook_auto(path).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet().set_name(&name).unwrap();
        let (r0, c0) = range.start().unwrap();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r0 + r as u32, (c0 as usize + c) as u16);
                match cell {
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
                    Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
                    Data::Empty => Ok(()),
                    other => ws.write_string(r, c, other.to_string()).map(|_| ()),
                }
                .unwrap();
            }
        }
        if name == "预算明细" {
            ws.write_string(header, 8, "资金来源").unwrap();
            for (row, source) in sources {
                ws.write_string(*row, 8, *source).unwrap();
            }
        }
    }
    out.save(path).unwrap();
}

#[test]
fn the_money_sources_come_from_the_budget_sheet_when_it_states_them() {
    let dir = template();
    with_source(dir.path(), "财政拨款");
    let out = form(dir.path(), "自评表.xlsx");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c = cells(&dir.path().join("自评表.xlsx"));
    // Its one line is this year's appropriation: all of the 10.00 and the 0.50 spent.
    assert_eq!(&row(&c, "其中：当年财政拨款")[3..6], ["10", "10", "0.5"]);
    assert_eq!(&row(&c, "上年结转资金")[3..6], ["0", "0", "0"]);
    assert_eq!(&row(&c, "其他资金")[3..6], ["0", "0", "0"]);
    // A source the form has no row for is refused at its cell, not guessed.
    let dir = template();
    with_source(dir.path(), "捐赠款");
    let out = form(dir.path(), "自评表.xlsx");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("预算明细!I4"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("当年财政拨款、上年结转资金或其他资金"),
        "{}",
        stderr(&out)
    );
}

/// A form is one year's: the fund budgeted over 2021–2024 is refused, not summed under one
/// year's heading.
#[test]
fn a_fund_of_several_years_is_refused_a_single_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("自评表.xlsx");
    let fixture = crate::fixture("multi-year");
    let out = evaluate(
        &fixture.join("ledger.xlsx"),
        &fixture.join("targets.xlsx"),
        &["--form", "self-eval", "-o", path.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("自评表按年度填写，而预算明细的子项分属2021、2022、2023、2024年度"),
        "{}",
        stderr(&out)
    );
    assert!(!path.exists());
}

/// Sources on some lines only: the form's 其中 rows are left to fill in, and the run says why.
#[test]
fn sources_on_some_lines_only_are_said_and_left_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let targets = dir.path().join("targets.xlsx");
    std::fs::copy(super::targets(), &targets).unwrap();
    // 市直市级劳模生活困难补助 (the sample's first line) of its eleven.
    with_sources(&targets, 2, &[(4, "财政拨款")]);
    let path = dir.path().join("自评表.xlsx");
    let out = evaluate(
        &ledger(),
        &targets,
        &["--form", "self-eval", "-o", path.to_str().unwrap()],
    );
    assert!(
        stderr(&out).contains("注：预算明细只有部分子项写了资金来源，自评表“其中”各行留待填写"),
        "{}",
        stderr(&out)
    );
    let c = cells(&path);
    assert_eq!(row(&c, "其中：当年财政拨款")[3], "【待填写】");
}
