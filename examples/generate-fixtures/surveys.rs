//! The sample's survey as 问卷星 and 腾讯问卷 download it (`fixtures/surveys/`), and surveys
//! that test what the sample's does not: several satisfaction questions, and answers that
//! cannot be counted.
//!
//! The layouts follow 问卷星's 下载答卷数据 (按选项文本 as .xlsx, 按选项序号 as .csv: multiple
//! choice split into `2(生活救助)` columns of 1 / 0) and 腾讯问卷's 导出答题数据 (`编号,
//! 开始答题时间, …, Q1:…`).

use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::{Res, Respondent, answered_at, workbook};

const IDENTITY: &str = "您的身份是：";
const OVERALL: &str = "您对市总工会帮扶工作的总体评价是：";
const IMPROVED: &str = "获得帮扶后，您的生活情况改善程度如何？";

/// Rows of text, the first the header, as a sheet of `wb`.
pub fn sheet(wb: &mut Workbook, name: &str, rows: &[Vec<String>]) -> Res {
    let ws = wb.add_worksheet().set_name(name)?;
    for (r, row) in (0u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            if !v.is_empty() {
                ws.write_string(r, c, v)?;
            }
        }
    }
    Ok(())
}

/// Rows of text, the first the header, as an .xlsx file of one sheet.
fn xlsx(path: &Path, rows: &[Vec<String>]) -> Res {
    let mut wb = workbook();
    sheet(&mut wb, "Sheet1", rows)?;
    wb.save(path)?;
    Ok(())
}

/// Rows of text as a UTF-8 CSV with a byte-order mark, as both sites download it.
fn csv(path: &Path, rows: &[Vec<String>]) -> Res {
    let mut text = String::from("\u{feff}");
    for row in rows {
        text.push_str(&row.join(","));
        text.push_str("\r\n");
    }
    std::fs::write(path, text)?;
    Ok(())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// What help the i-th respondent had, for the multiple-choice question.
fn helped(i: usize) -> [bool; 3] {
    [true, i.is_multiple_of(3), i % 5 == 1]
}

fn wjx_text(answers: &[Respondent], path: &Path) -> Res {
    let mut rows = vec![strings(&[
        "序号",
        "提交答卷时间",
        "所用时间",
        "来源",
        "来源详情",
        "来自IP",
        &format!("1、{IDENTITY}"),
        "2、您获得过哪些帮扶？",
        &format!("3、{OVERALL}"),
        &format!("4、{IMPROVED}"),
        "5、您对帮扶工作还有什么建议？",
    ])];
    for (i, (identity, improved, seconds)) in answers.iter().enumerate() {
        let help: Vec<&str> = ["生活救助", "医疗救助", "助学"]
            .iter()
            .zip(helped(i))
            .filter(|(_, h)| *h)
            .map(|(n, _)| *n)
            .collect();
        rows.push(vec![
            (i + 1).to_string(),
            answered_at(i as u32),
            format!("{seconds}秒"),
            "手机提交".into(),
            "直接访问".into(),
            format!("183.214.{}.{}(湖南-常德)", i % 7, 10 + i),
            identity.to_string(),
            help.join("┋"),
            "很满意".into(),
            improved.to_string(),
            if i.is_multiple_of(4) {
                "希望继续开展"
            } else {
                "(空)"
            }
            .into(),
        ]);
    }
    xlsx(path, &rows)
}

fn wjx_numbers(answers: &[Respondent], path: &Path) -> Res {
    let mut rows = vec![strings(&[
        "序号",
        "提交答卷时间",
        "所用时间",
        "来源",
        "来源详情",
        "来自IP",
        &format!("1、{IDENTITY}"),
        "2(生活救助)",
        "2(医疗救助)",
        "2(助学)",
        &format!("3、{OVERALL}"),
        &format!("4、{IMPROVED}"),
    ])];
    for (i, (identity, improved, seconds)) in answers.iter().enumerate() {
        let code = |options: &[&str], answer: &str| {
            options
                .iter()
                .position(|o| *o == answer)
                .map_or(String::new(), |k| (k + 1).to_string())
        };
        let mut row = vec![
            (i + 1).to_string(),
            answered_at(i as u32),
            format!("{seconds}秒"),
            "微信".into(),
            "N/A".into(),
            format!("183.214.{}.{}(湖南-常德)", i % 7, 10 + i),
            code(&["劳模", "困难职工"], identity),
        ];
        row.extend(helped(i).map(|h| if h { "1" } else { "0" }.to_string()));
        row.push("1".into());
        row.push(code(
            &["明显改善", "有所改善", "一般", "没有改善"],
            improved,
        ));
        rows.push(row);
    }
    csv(path, &rows)?;
    std::fs::write(
        path.with_extension("toml"),
        "# 问卷星 按选项序号下载: the group question's options in order, as the questionnaire lists them.\n[survey]\ngroup_codes = [\"劳模\", \"困难职工\"]\n",
    )?;
    Ok(())
}

fn tencent(answers: &[Respondent], path: &Path) -> Res {
    let mut rows = vec![strings(&[
        "编号",
        "开始答题时间",
        "结束答题时间",
        "答题时长",
        "地理位置国家和地区",
        "地理位置省",
        "地理位置市",
        "自定义字段",
        &format!("Q1:{IDENTITY}"),
        &format!("Q2:{OVERALL}"),
        &format!("Q3:{IMPROVED}"),
    ])];
    for (i, (identity, improved, seconds)) in answers.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            answered_at(i as u32),
            answered_at(i as u32),
            format!("{seconds}"),
            "中国".into(),
            "湖南".into(),
            "常德".into(),
            String::new(),
            identity.to_string(),
            "很满意".into(),
            improved.to_string(),
        ]);
    }
    csv(path, &rows)
}

/// Three satisfaction rows of a matrix that 问卷星 downloads without its wording, beside the
/// overall question: 23, 22 and 25 of 25 satisfied in the rows, 25 overall, 95 of 100 pooled.
pub fn several(answers: &[Respondent]) -> Vec<Vec<String>> {
    let mut rows = vec![strings(&[
        "序号",
        "提交答卷时间",
        "所用时间",
        "来源",
        &format!("1、{IDENTITY}"),
        "2、(生活救助)",
        "2、(医疗救助)",
        "2、(助学)",
        &format!("3、{OVERALL}"),
        &format!("4、{IMPROVED}"),
    ])];
    for (i, (identity, improved, seconds)) in answers.iter().enumerate() {
        let living = match i {
            0..20 => "很满意",
            20..23 => "满意",
            _ => "一般",
        };
        let medical = if i < 22 { "很满意" } else { "不满意" };
        rows.push(vec![
            (i + 1).to_string(),
            answered_at(i as u32),
            format!("{seconds}秒"),
            "现场填写".into(),
            identity.to_string(),
            living.into(),
            medical.into(),
            "满意".into(),
            "很满意".into(),
            improved.to_string(),
        ]);
    }
    rows
}

/// Answers no count can stand on, each at a known cell: `还行` (D4) and `9` (E6) are no
/// options, D5 is blank, 序号 6 is pasted twice (rows 7 and 8), and 序号 7 is given to two
/// different answer sheets (rows 9 and 10).
fn flawed(path: &Path) -> Res {
    let mut rows = vec![strings(&[
        "序号",
        "提交答卷时间",
        &format!("1、{IDENTITY}"),
        &format!("2、{OVERALL}"),
        &format!("3、{IMPROVED}"),
    ])];
    for (k, (id, who, overall, improved)) in [
        ("1", "劳模", "很满意", "明显改善"),
        ("2", "劳模", "很满意", "有所改善"),
        ("3", "劳模", "还行", "明显改善"),
        ("4", "困难职工", "", "有所改善"),
        ("5", "困难职工", "满意", "9"),
        ("6", "困难职工", "不满意", "一般"),
        ("6", "困难职工", "不满意", "一般"),
        ("7", "劳模", "很满意", "明显改善"),
        ("7", "劳模", "一般", "一般"),
    ]
    .iter()
    .enumerate()
    {
        rows.push(vec![
            id.to_string(),
            answered_at(k as u32),
            who.to_string(),
            overall.to_string(),
            improved.to_string(),
        ]);
    }
    xlsx(path, &rows)
}

pub fn write_all(answers: &[Respondent], dir: &Path) -> Res {
    std::fs::create_dir_all(dir)?;
    wjx_text(answers, &dir.join("问卷星-按文本.xlsx"))?;
    wjx_numbers(answers, &dir.join("问卷星-按序号.csv"))?;
    tencent(answers, &dir.join("腾讯问卷.csv"))?;
    xlsx(&dir.join("多题满意度.xlsx"), &several(answers))?;
    flawed(&dir.join("有问题的问卷.xlsx"))?;
    Ok(())
}
