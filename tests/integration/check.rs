//! `jixiao check`: what was understood, and what stands in the way.

use assert_cmd::Command;
use rust_xlsxwriter::Workbook;

use crate::{ledger, stderr, stdout, targets};

fn check(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::cargo_bin("jixiao")
        .expect("binary")
        .arg("check")
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn the_sample_can_be_evaluated() {
    let out = check(&[ledger().as_os_str(), targets().as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("check_changde_2019", stdout(&out));
}

/// A targets workbook with one budget line, a template placeholder, and no survey.
fn sparse_targets(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("targets.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("绩效目标申报表").expect("name");
    for (c, h) in ["一级指标", "二级指标", "三级指标", "指标值"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (c, v) in ["产出指标", "数量指标", "救助市直单位困难职工", "≥**人次"]
        .iter()
        .enumerate()
    {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    let ws = wb.add_worksheet().set_name("预算明细").expect("name");
    for (c, h) in ["预算子项", "所属部分", "预算数", "匹配条件"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for (c, v) in [
        "两节送温暖（资金）",
        "职工帮扶",
        "",
        "项目:两节送温暖；摘要:慰问金",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *v).expect("write");
    }
    ws.write_number(1, 2, 60.4).expect("write");
    wb.save(&path).expect("save");
    path
}

#[test]
fn problems_are_listed_with_their_cells_and_block_when_they_must() {
    let dir = tempfile::tempdir().expect("temp dir");
    let targets = sparse_targets(dir.path());
    let out = check(&[ledger().as_os_str(), targets.as_os_str()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("结论：不能评价"), "{text}");
    // Without a survey the indicator system cannot be scored; as it is the default, where to
    // start one's own is said too.
    assert!(text.contains("错误：指标体系 changde-2019：没有输入能提供7个指标所需的度量：产出/产出数量/救助市直单位困难职工 读取“target.救助市直单位困难职工”；"), "{text}");
    assert!(
        text.contains("效益/社会效益/困难职工生活改善 读取“survey.improved.困难职工”"),
        "{text}"
    );
    assert!(
        text.contains("；若这些输入不是常德示例的，用 jixiao rules --preset key-eval > rules.toml 开始一个适合的指标体系"),
        "{text}"
    );
    assert!(text.contains("提示 targets.xlsx!绩效目标申报表!D2：“救助市直单位困难职工”的指标值“≥**人次”是模板占位符，未填写"), "{text}");
    // Every posting the single line does not claim is listed, with its cell.
    assert!(text.contains("提示 ledger.xlsx!明细账!I599：分录“收市财政局拨付2019年劳模疗休养经费”（贷 200,000.00）未归入任何预算子项"), "{text}");
    assert!(text.contains("＋ 未归入 582"), "{text}");
    // Most of the money reaches no line: no grade could be stood behind.
    assert!(text.contains("错误：ledger.xlsx：资金科目上的4,768,100.00元中只有604,000.00元（12.67%）归入预算子项、部分或项目整体，不足一半，无法评价；运行 jixiao check 查看每个预算子项匹配到的分录，改正预算明细的匹配条件"), "{text}");
}

/// Regression: with one file, `jixiao check` told the user to run `jixiao evaluate`.
#[test]
fn one_file_asks_for_both_without_naming_another_command() {
    let out = check(&[ledger().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("请给出账页和目标表两个文件"), "{err}");
    assert!(!err.contains("evaluate"), "{err}");
}
