//! Small funds unlike the sample, each a case where the tool once gave a confident wrong grade:
//! `fixtures/unlike/<case>/{ledger.xlsx,targets.xlsx,rules.toml}`.
//!
//! Each is a few rows, written as the accounting software and an evaluator would: the ledger's
//! header as the sample's, amounts as numbers, codes as text. The figures are chosen so that the
//! right answer is obvious by hand (160,000 of 180,000 arrived is 88.89 %).

use std::path::Path;

use rust_xlsxwriter::Worksheet;

use super::workbook;

type Res = Result<(), Box<dyn std::error::Error>>;

pub(crate) const LEDGER_HEADER: [&str; 9] = [
    "日期",
    "凭证字号",
    "摘要",
    "科目编码",
    "科目名称",
    "项目",
    "往来单位",
    "借方",
    "贷方",
];

/// A cell: text, or a number where the export writes one (amounts).
fn cell(ws: &mut Worksheet, r: u32, c: u16, v: &str) -> Res {
    if v.is_empty() {
        return Ok(());
    }
    match v.strip_prefix('=') {
        Some(n) => ws.write_number(r, c, n.parse::<f64>()?)?,
        None => ws.write_string(r, c, v)?,
    };
    Ok(())
}

pub(crate) fn rows(ws: &mut Worksheet, first: u32, rows: &[&[&str]]) -> Res {
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            cell(ws, first + i as u32, c as u16, v)?;
        }
    }
    Ok(())
}

/// A 项目辅助明细账 in the sample's header, with `header` replacing it where a case needs.
pub(crate) fn ledger(path: &Path, header: &[&str], body: &[&[&str]]) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("明细账")?;
    ws.write_string(0, 0, "项目辅助明细账")?;
    rows(ws, 1, &[header])?;
    rows(ws, 2, body)?;
    wb.save(path)?;
    Ok(())
}

/// The evaluator's workbook: a declaration with `targets` (一级, 二级, 三级, 指标值) under
/// `value_header`, and a 预算明细 under `unit_note`.
struct Targets<'a> {
    name: &'a str,
    total_wan: &'a str,
    value_header: &'a str,
    targets: &'a [[&'a str; 4]],
    unit_note: &'a str,
    budget: &'a [&'a [&'a str]],
    survey: bool,
}

fn targets(path: &Path, t: &Targets) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("绩效目标申报表")?;
    rows(
        ws,
        0,
        &[
            &["项目支出绩效目标申报表"],
            &["项目名称", t.name],
            &["主管部门", "某县民政局", "实施单位", "某县关爱服务中心"],
            &["资金情况（万元）", "年度资金总额：", t.total_wan],
            &[
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                t.value_header,
            ],
        ],
    )?;
    for (i, [l1, l2, l3, v]) in t.targets.iter().enumerate() {
        rows(ws, 5 + i as u32, &[&["", l1, l2, l3, v]])?;
    }
    let ws = wb.add_worksheet().set_name("预算明细")?;
    rows(
        ws,
        0,
        &[
            &[t.unit_note],
            &[
                "序号",
                "预算子项",
                "所属部分",
                "预算数",
                "匹配条件",
                "受益人数",
                "受益统计",
            ],
        ],
    )?;
    rows(ws, 2, t.budget)?;
    if t.survey {
        let ws = wb.add_worksheet().set_name("问卷")?;
        rows(
            ws,
            0,
            &[
                &["序号", "1、您对关爱服务的总体评价是？"],
                &["=1", "很满意"],
                &["=2", "满意"],
                &["=3", "满意"],
                &["=4", "一般"],
            ],
        )?;
    }
    wb.save(path)?;
    Ok(())
}

const RULES: &str = r#"# A small fund's system: arrival, compliance, output and satisfaction.
name = "small-fund"
title = "小额专项资金绩效评价指标体系（测试）"
total = 100

[targets.actuals]
"服务对象满意度" = "survey.satisfaction"
"受益人数" = "beneficiaries.受益对象"

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
    name = "预算执行率"
    points = 20
    measure = "execution_rate_budget"
    rule = "proportional"

[[dimension]]
name = "产出"
points = 30

  [[dimension.group]]
  name = "产出数量"
  points = 30

    [[dimension.group.indicator]]
    name = "受益人数"
    points = 30
    measure = "target.受益人数"
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
    rule = { linear = { full = 1, zero = 0.6 } }
"#;

const TARGETS: [[&str; 4]; 2] = [
    ["产出指标", "数量指标", "受益人数", "≥3人"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥75%"],
];

/// The lines of the fund: two parts, 180,000 yuan in all.
const BUDGET: [&[&str]; 5] = [
    &["一", "关爱服务", "", "=10", "摘要:关爱服务经费"],
    &["=1", "关爱活动", "关爱服务", "=6", "", "", "受益对象"],
    &["=2", "心理辅导", "关爱服务", "=4", "", "", "受益对象"],
    &["二", "助学", "", "=8"],
    &["=3", "助学补助", "助学", "=8", "", "", "受益对象"],
];

/// Arrivals for the whole fund and for a part, none for a line; spending by line.
fn fund_arrivals(dir: &Path) -> Res {
    std::fs::create_dir_all(dir)?;
    ledger(
        &dir.join("ledger.xlsx"),
        &LEDGER_HEADER,
        &[
            &["2024-01-01", "", "期初余额"],
            &[
                "2024-03-01",
                "记-0001",
                "收县财政局留守儿童关爱资金",
                "404",
                "政府补助收入",
                "留守儿童关爱资金",
                "某县财政局",
                "",
                "=100000",
            ],
            &[
                "2024-04-01",
                "记-0002",
                "收县财政局关爱服务经费",
                "404",
                "政府补助收入",
                "",
                "某县财政局",
                "",
                "=60000",
            ],
            // Last year's fund, under its own name: not this year's arrival.
            &[
                "2024-04-15",
                "记-0006",
                "收回2023年留守儿童关爱资金结余",
                "404",
                "政府补助收入",
                "2023年留守儿童关爱资金",
                "某县财政局",
                "",
                "=5000",
            ],
            &[
                "2024-05-10",
                "记-0003",
                "关爱活动-张小明",
                "50201",
                "关爱活动费",
                "关爱活动",
                "张小明",
                "=20000",
                "",
            ],
            &[
                "2024-05-10",
                "记-0003",
                "关爱活动-李小红",
                "50201",
                "关爱活动费",
                "关爱活动",
                "李小红",
                "=20000",
                "",
            ],
            &[
                "2024-06-10",
                "记-0004",
                "心理辅导-王小刚",
                "50202",
                "心理辅导费",
                "心理辅导",
                "王小刚",
                "=30000",
                "",
            ],
            &[
                "2024-09-01",
                "记-0005",
                "助学补助-赵小芳",
                "50203",
                "助学补助",
                "助学补助",
                "赵小芳",
                "=60000",
                "",
            ],
        ],
    )?;
    targets(
        &dir.join("targets.xlsx"),
        &Targets {
            name: "2024年留守儿童关爱资金",
            total_wan: "=18",
            value_header: "指标值",
            targets: &TARGETS,
            unit_note: "金额单位：万元",
            budget: &BUDGET,
            survey: true,
        },
    )?;
    std::fs::write(dir.join("rules.toml"), RULES)?;
    Ok(())
}

/// A fund of the shared targets and rules, with its own ledger and budget lines.
fn fund(
    dir: &Path,
    name: &str,
    total_wan: &str,
    budget: &[&[&str]],
    body: &[&[&'static str]],
) -> Res {
    fund_without(dir, name, total_wan, budget, body, None)
}

/// A fund whose ledger lacks the column `without` (0 日期, 5 项目 …).
fn fund_without(
    dir: &Path,
    name: &str,
    total_wan: &str,
    budget: &[&[&str]],
    body: &[&[&'static str]],
    without: Option<usize>,
) -> Res {
    std::fs::create_dir_all(dir)?;
    let drop = |row: &[&'static str]| -> Vec<&'static str> {
        row.iter()
            .enumerate()
            .filter(|(c, _)| Some(*c) != without)
            .map(|(_, v)| *v)
            .collect()
    };
    let header = drop(&LEDGER_HEADER);
    let rows: Vec<Vec<&str>> = body.iter().map(|r| drop(r)).collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    ledger(&dir.join("ledger.xlsx"), &header, &rows)?;
    targets(
        &dir.join("targets.xlsx"),
        &Targets {
            name,
            total_wan,
            value_header: "指标值",
            targets: &TARGETS,
            unit_note: "金额单位：万元",
            budget,
            survey: true,
        },
    )?;
    std::fs::write(dir.join("rules.toml"), RULES)?;
    Ok(())
}

/// The nonprofit's fund with its own targets sheet.
fn with_targets(dir: &Path, t: &Targets) -> Res {
    fund(dir, t.name, t.total_wan, t.budget, &NONPROFIT)?;
    targets(&dir.join("targets.xlsx"), t)
}

/// The technology fund's lines, filled in 元 under a 万元 heading.
const TECH_BUDGET_IN_YUAN: [&[&str]; 3] = [
    &["一", "技术改造补助", "", "=100000"],
    &[
        "=1",
        "技术改造",
        "技术改造补助",
        "=60000",
        "",
        "",
        "受益对象",
    ],
    &[
        "=2",
        "人员培训",
        "技术改造补助",
        "=40000",
        "",
        "",
        "受益对象",
    ],
];

/// Satisfaction as a whole number: under `指标值(%)`, and with no unit anywhere.
const TARGETS_WHOLE_PERCENT: [[&str; 4]; 2] = [
    ["产出指标", "数量指标", "受益人数", "≥2人"],
    ["满意度指标", "服务对象满意度指标", "服务对象满意度", "75"],
];

const TECH_BUDGET: [&[&str]; 3] = [
    &["一", "技术改造补助", "", "=10"],
    &["=1", "技术改造", "技术改造补助", "=6", "", "", "受益对象"],
    &["=2", "人员培训", "技术改造补助", "=4", "", "", "受益对象"],
];

/// A company's books (企业会计准则): the subsidy credited to 6117 其他收益, spent on 5001 生产成本,
/// 6401 主营业务成本 and 6602 管理费用, a fine on 6711 营业外支出, taxes on 6403 / 2221, every
/// line with its 1002 银行存款 counter-entry. Read as a government's parallel books, 6401 was an
/// arrival and the fine a negative one.
const ENTERPRISE: [&[&str]; 14] = [
    &[
        "2024-03-01",
        "记-0001",
        "收到技改补助资金",
        "1002",
        "银行存款",
        "",
        "",
        "=100000",
        "",
    ],
    &[
        "2024-03-01",
        "记-0001",
        "收到技改补助资金",
        "6117",
        "其他收益",
        "中小企业技术改造补助资金",
        "某市工信局",
        "",
        "=100000",
    ],
    &[
        "2024-04-01",
        "记-0002",
        "计提税费",
        "6403",
        "税金及附加",
        "",
        "",
        "=500",
        "",
    ],
    &[
        "2024-04-01",
        "记-0002",
        "计提税费",
        "2221",
        "应交税费",
        "",
        "",
        "",
        "=500",
    ],
    &[
        "2024-05-10",
        "记-0003",
        "技改材料-钱一",
        "5001",
        "生产成本",
        "技术改造",
        "钱一",
        "=45000",
        "",
    ],
    &[
        "2024-05-10",
        "记-0003",
        "技改材料-钱一",
        "1002",
        "银行存款",
        "",
        "",
        "",
        "=45000",
    ],
    &[
        "2024-06-10",
        "记-0004",
        "技改外包服务-孙二",
        "6401",
        "主营业务成本",
        "技术改造",
        "孙二",
        "=7500",
        "",
    ],
    &[
        "2024-06-10",
        "记-0004",
        "技改外包服务-孙二",
        "1002",
        "银行存款",
        "",
        "",
        "",
        "=7500",
    ],
    &[
        "2024-07-01",
        "记-0005",
        "员工培训费-周三",
        "6602",
        "管理费用",
        "人员培训",
        "周三",
        "=30000",
        "",
    ],
    &[
        "2024-07-01",
        "记-0005",
        "员工培训费-周三",
        "1002",
        "银行存款",
        "",
        "",
        "",
        "=30000",
    ],
    &[
        "2024-08-01",
        "记-0006",
        "税收滞纳金罚款",
        "6711",
        "营业外支出",
        "",
        "某市税务局",
        "=2000",
        "",
    ],
    &[
        "2024-08-01",
        "记-0006",
        "税收滞纳金罚款",
        "1002",
        "银行存款",
        "",
        "",
        "",
        "=2000",
    ],
    &[
        "2024-12-31",
        "记-0007",
        "结转本年利润",
        "4103",
        "本年利润",
        "",
        "",
        "",
        "=15000",
    ],
    &[
        "2024-12-31",
        "记-0007",
        "结转本年利润",
        "6117",
        "其他收益",
        "",
        "",
        "=15000",
        "",
    ],
];

/// 民间非营利组织会计制度: 4401 政府补助收入 in, 5101 业务活动成本 out.
const NONPROFIT: [&[&str]; 4] = [
    &[
        "2024-03-01",
        "记-0001",
        "收到政府购买服务资金",
        "4401",
        "政府补助收入",
        "技术改造",
        "某市民政局",
        "",
        "=60000",
    ],
    &[
        "2024-03-01",
        "记-0001",
        "收到政府购买服务资金",
        "4401",
        "政府补助收入",
        "人员培训",
        "某市民政局",
        "",
        "=40000",
    ],
    &[
        "2024-05-10",
        "记-0002",
        "服务费-吴四",
        "5101",
        "业务活动成本",
        "技术改造",
        "吴四",
        "=50000",
        "",
    ],
    &[
        "2024-06-10",
        "记-0003",
        "培训费-郑五",
        "5101",
        "业务活动成本",
        "人员培训",
        "郑五",
        "=40000",
        "",
    ],
];

/// Names typed with brackets of either width: the part's row and its lines, the budget line and
/// the ledger's 项目, the target and the rules file that names it.
fn widths(dir: &Path) -> Res {
    const BUDGET: [&[&str]; 4] = [
        &[
            "=1",
            "技术改造（一期）",
            "技术改造补助（市级）",
            "=6",
            "",
            "",
            "受益对象",
        ],
        &[
            "=2",
            "人员培训",
            "技术改造补助(市级)",
            "=4",
            "",
            "",
            "受益对象",
        ],
        &["一", "技术改造补助（市级）", "", "=10"],
        &["", "合计", "", "=10"],
    ];
    const LEDGER: [&[&str]; 4] = [
        &[
            "2024-03-01",
            "记-0001",
            "收到政府购买服务资金",
            "4401",
            "政府补助收入",
            "技术改造(一期)",
            "某市民政局",
            "",
            "=60000",
        ],
        &[
            "2024-03-01",
            "记-0001",
            "收到政府购买服务资金",
            "4401",
            "政府补助收入",
            "人员培训",
            "某市民政局",
            "",
            "=40000",
        ],
        &[
            "2024-05-10",
            "记-0002",
            "服务费-吴四",
            "5101",
            "业务活动成本",
            "技术改造 (一期)",
            "吴四",
            "=50000",
            "",
        ],
        &[
            "2024-06-10",
            "记-0003",
            "培训费-郑五",
            "5101",
            "业务活动成本",
            "人员培训",
            "郑五",
            "=40000",
            "",
        ],
    ];
    const TARGETS: [[&str; 4]; 2] = [
        ["产出指标", "数量指标", "受益人数（合计）", "≥2人"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥75%"],
    ];
    fund(
        dir,
        "2024年中小企业技术改造补助资金",
        "=10",
        &BUDGET,
        &LEDGER,
    )?;
    targets(
        &dir.join("targets.xlsx"),
        &Targets {
            name: "2024年中小企业技术改造补助资金",
            total_wan: "=10",
            value_header: "指标值",
            targets: &TARGETS,
            unit_note: "金额单位：万元",
            budget: &BUDGET,
            survey: true,
        },
    )?;
    let rules = RULES
        .replace(
            "\"受益人数\" = \"beneficiaries.受益对象\"",
            "\"受益人数(合计)\" = \"beneficiaries.受益对象\"",
        )
        .replace(
            "measure = \"target.受益人数\"",
            "measure = \"target.受益人数（合计）\"",
        );
    std::fs::write(dir.join("rules.toml"), rules)?;
    Ok(())
}

pub fn write_all(dir: &Path) -> Res {
    widths(&dir.join("widths"))?;
    fund_arrivals(&dir.join("fund-arrivals"))?;
    let tech = "2024年中小企业技术改造补助资金";
    fund(
        &dir.join("enterprise"),
        tech,
        "=10",
        &TECH_BUDGET,
        &ENTERPRISE,
    )?;
    // Declaring 12 万元 for lines of 10: a difference to look at, not a unit's.
    fund(
        &dir.join("nonprofit"),
        tech,
        "=12",
        &TECH_BUDGET,
        &NONPROFIT,
    )?;
    // A union's arrival in a company's books: two charts, refused.
    let mut mixed: Vec<&[&str]> = ENTERPRISE.to_vec();
    mixed.push(&[
        "2024-03-02",
        "记-0008",
        "收到工会补助",
        "404",
        "政府补助收入",
        "技术改造",
        "某市总工会",
        "",
        "=1000",
    ]);
    fund(&dir.join("mixed-charts"), tech, "=10", &TECH_BUDGET, &mixed)?;
    // An export without its 项目 column, and a voucher-import sheet without dates.
    fund_without(
        &dir.join("no-project"),
        tech,
        "=10",
        &TECH_BUDGET,
        &NONPROFIT,
        Some(5),
    )?;
    fund_without(
        &dir.join("no-dates"),
        tech,
        "=10",
        &TECH_BUDGET,
        &NONPROFIT,
        Some(0),
    )?;
    // Plans in 元 under 金额单位：万元; satisfaction as a whole number, with and without
    // 指标值(%) above it.
    let nonprofit = Targets {
        name: tech,
        total_wan: "=10",
        value_header: "指标值",
        targets: &TARGETS,
        unit_note: "金额单位：万元",
        budget: &TECH_BUDGET_IN_YUAN,
        survey: true,
    };
    with_targets(&dir.join("yuan-under-wan"), &nonprofit)?;
    let whole = Targets {
        value_header: "指标值(%)",
        targets: &TARGETS_WHOLE_PERCENT,
        budget: &TECH_BUDGET,
        ..nonprofit
    };
    with_targets(&dir.join("percent-header"), &whole)?;
    let bare = Targets {
        value_header: "指标值",
        ..whole
    };
    with_targets(&dir.join("percent-bare"), &bare)?;
    Ok(())
}
