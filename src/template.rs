//! `jixiao template DIR`: blank input files the tool is sure to read — a ledger, a targets
//! workbook with all its sheets, and a rules file — each with a short example in it, so that a
//! new user starts from files that evaluate (`jixiao evaluate DIR/ledger.xlsx DIR/targets.xlsx
//! --rules DIR/rules.toml`) and replaces the examples with their fund's.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};

const RULES: &str = r#"# 评价指标体系示例：把这份文件改成你的指标体系（参考 docs/rules.md，
# 或从内置预设开始：jixiao rules --preset key-eval > rules.toml）。
name = "template"
title = "某专项资金绩效评价指标体系（示例）"
total = 100

# 申报表中目标的实际值由哪个度量给出。
[targets.actuals]
"帮扶困难职工人数" = "beneficiaries.困难职工"
"服务对象满意度" = "survey.satisfaction"

[[dimension]]
name = "过程"
points = 40

  [[dimension.group]]
  name = "资金管理"
  points = 40

    [[dimension.group.indicator]]
    name = "资金到位率"
    points = 20
    measure = "funds_arrival_rate"
    rule = "proportional"

    [[dimension.group.indicator]]
    name = "资金使用合规性"
    points = 20
    measure = "findings.prohibited_payee"
    rule = { per_item = { each = 2 } }

[[dimension]]
name = "产出"
points = 30

  [[dimension.group]]
  name = "产出数量"
  points = 30

    [[dimension.group.indicator]]
    name = "帮扶困难职工人数"
    points = 30
    measure = "target.帮扶困难职工人数"
    rule = { linear = { full = 1, zero = 0.6 } }

[[dimension]]
name = "效益"
points = 30

  [[dimension.group]]
  name = "满意度"
  points = 30

    [[dimension.group.indicator]]
    name = "服务对象满意度"
    points = 30
    measure = "target.服务对象满意度"
    rule = "proportional"

    # 评价组的现场发现写在 targets.xlsx 的“评价发现”表里，扣在所指的指标上。
"#;

fn write_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[&str],
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        let c = c as u16;
        match (v.parse::<f64>(), format) {
            (Ok(n), _) if !v.is_empty() && !v.starts_with('0') => {
                ws.write_number(row, c, n)?;
            }
            (_, Some(f)) => {
                ws.write_string_with_format(row, c, *v, f)?;
            }
            _ => {
                ws.write_string(row, c, *v)?;
            }
        }
    }
    Ok(())
}

fn ledger(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name("明细账")?;
    ws.write_string(
        0,
        0,
        "项目辅助明细账（示例：请替换为会计软件导出的明细账或序时账）",
    )?;
    ws.write_string(1, 0, "单位：某单位")?;
    ws.write_string(1, 5, "期间：2024年01月至2024年12月")?;
    write_row(
        ws,
        2,
        &[
            "日期",
            "凭证字号",
            "摘要",
            "科目编码",
            "科目名称",
            "项目",
            "往来单位",
            "借方",
            "贷方",
        ],
        Some(&bold),
    )?;
    write_row(ws, 3, &["2024-01-01", "", "期初余额"], None)?;
    write_row(
        ws,
        4,
        &[
            "2024-03-15",
            "记-0001",
            "收财政拨付帮扶资金",
            "404",
            "政府补助收入",
            "困难职工帮扶",
            "某市财政局",
            "",
            "50000",
        ],
        None,
    )?;
    write_row(
        ws,
        5,
        &[
            "2024-04-02",
            "记-0001",
            "发放困难职工帮扶金-张三",
            "50205",
            "困难职工帮扶费",
            "困难职工帮扶",
            "张三",
            "2000",
            "",
        ],
        None,
    )?;
    write_row(
        ws,
        6,
        &[
            "2024-04-02",
            "记-0001",
            "发放困难职工帮扶金-李四",
            "50205",
            "困难职工帮扶费",
            "困难职工帮扶",
            "李四",
            "3000",
            "",
        ],
        None,
    )?;
    write_row(
        ws,
        7,
        &[
            "2024-12-31",
            "",
            "本年累计",
            "",
            "",
            "",
            "",
            "5000",
            "50000",
        ],
        None,
    )?;
    ws.set_column_width(2, 30)?;
    wb.save(path)
}

fn targets(path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name("绩效目标申报表")?;
    ws.write_string(0, 0, "项目支出绩效目标申报表")?;
    write_row(ws, 1, &["项目名称", "某专项资金（示例）"], None)?;
    write_row(
        ws,
        2,
        &["主管部门", "某主管部门", "实施单位", "某单位"],
        None,
    )?;
    write_row(ws, 3, &["资金情况（万元）", "年度资金总额：", "10"], None)?;
    write_row(
        ws,
        4,
        &["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        Some(&bold),
    )?;
    write_row(
        ws,
        5,
        &["", "产出指标", "数量指标", "帮扶困难职工人数", "≥2人"],
        None,
    )?;
    write_row(
        ws,
        6,
        &[
            "",
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            "≥95%",
        ],
        None,
    )?;

    let ws = wb.add_worksheet().set_name("预算明细")?;
    ws.write_string(0, 0, "金额单位：万元")?;
    write_row(
        ws,
        1,
        &[
            "序号",
            "预算子项",
            "所属部分",
            "预算数",
            "匹配条件",
            "受益人数",
            "受益统计",
            "补助标准",
        ],
        Some(&bold),
    )?;
    write_row(ws, 2, &["一", "职工帮扶", "", "10"], None)?;
    write_row(
        ws,
        3,
        &[
            "1",
            "困难职工帮扶",
            "职工帮扶",
            "10",
            "项目:困难职工帮扶",
            "",
            "困难职工",
            "3000元/人",
        ],
        None,
    )?;

    let ws = wb.add_worksheet().set_name("问卷")?;
    write_row(
        ws,
        0,
        &[
            "序号",
            "提交答卷时间",
            "1、您的身份是？",
            "2、您对帮扶工作的总体评价是？",
            "3、获得帮扶后，您的生活情况改善程度如何？",
        ],
        Some(&bold),
    )?;
    write_row(
        ws,
        1,
        &["1", "2025/03/01 10:00:00", "困难职工", "很满意", "明显改善"],
        None,
    )?;
    write_row(
        ws,
        2,
        &["2", "2025/03/01 10:05:00", "困难职工", "满意", "有所改善"],
        None,
    )?;

    let ws = wb.add_worksheet().set_name("评价发现")?;
    write_row(
        ws,
        0,
        &["序号", "指标", "扣分", "扣分原因", "依据"],
        Some(&bold),
    )?;
    write_row(
        ws,
        1,
        &[
            "1",
            "资金使用合规性",
            "0",
            "（示例）评价组现场发现的问题写在这里，扣分写在“扣分”列",
            "现场核查记录",
        ],
        None,
    )?;
    wb.save(path)
}

pub fn write(dir: &Path) -> Result<Vec<String>> {
    let io = |path: &Path, e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let names = ["ledger.xlsx", "targets.xlsx", "rules.toml"];
    // A template never overwrites: the user may already have filled it in.
    if let Some(path) = names.iter().map(|n| dir.join(n)).find(|p| p.exists()) {
        return Err(Error::Exists { path });
    }
    let mut written = Vec::new();
    for name in names {
        let path = dir.join(name);
        let xlsx = |e: XlsxError| Error::CannotWrite {
            path: path.clone(),
            detail: e.to_string(),
        };
        match name {
            "ledger.xlsx" => ledger(&path).map_err(xlsx)?,
            "targets.xlsx" => targets(&path).map_err(xlsx)?,
            _ => std::fs::write(&path, RULES).map_err(|e| io(&path, e))?,
        }
        written.push(path.display().to_string());
    }
    Ok(written)
}
