//! 自评表 as finance offices fill them (issue 21): `fixtures/self-eval/*.xlsx`, each the 附1
//! form of a fund over the multi-year fixture's ledger (`fixtures/multi-year/ledger.xlsx`), with
//! that fixture's 预算明细. Modelled on published county forms of 2022: rows of 10 points each,
//! rows with a 分值 and a 得分 but no 年度指标值, a row written `/`, a cost target under-spent,
//! qualitative actuals in the wordings units use, an empty 主管部门, and the unit's own 得分.
//!
//! The expected scores are worked out by hand in tests/integration/self_eval_review.rs.

use std::path::Path;

use super::unlike::rows;
use super::workbook;

type Res = Result<(), Box<dyn std::error::Error>>;

/// One row of the 绩效指标 table: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分.
type FormRow = [&'static str; 7];

/// The form as filled: 产出 50, 效益 30, 满意度 10 in rows of 10, and 执行率 10.
const FILLED: &[FormRow] = &[
    [
        "产出指标",
        "数量指标",
        "救助困难职工人数",
        "200人",
        "228人",
        "=10",
        "=10",
    ],
    ["产出指标", "数量指标", "新建帮扶站点", "/", "/", "/", "/"],
    [
        "产出指标",
        "质量指标",
        "工程质量合格",
        "",
        "合格",
        "=10",
        "=10",
    ],
    [
        "产出指标",
        "时效指标",
        "资金发放及时率",
        "≥95%",
        "已完成",
        "=10",
        "=10",
    ],
    [
        "产出指标",
        "成本指标",
        "人均救助成本",
        "0.25万元",
        "0.22万元",
        "=10",
        "=10",
    ],
    [
        "产出指标",
        "成本指标",
        "资金执行在预算范围内",
        "",
        "在预算范围内",
        "=10",
        "=10",
    ],
    [
        "效益指标",
        "社会效益指标",
        "困难职工生活改善",
        "有效改善",
        "基本完成",
        "=10",
        "=10",
    ],
    [
        "效益指标",
        "社会效益指标",
        "全市安全度汛",
        "",
        "是",
        "=10",
        "=10",
    ],
    [
        "效益指标",
        "可持续影响指标",
        "帮扶长效机制",
        "健全",
        "未完成",
        "=10",
        "=8",
    ],
    [
        "满意度指标",
        "服务对象满意度指标",
        "受益职工满意度",
        "≥90%",
        "93%",
        "=10",
        "=10",
    ],
];

pub fn write_all(dir: &Path) -> Res {
    std::fs::create_dir_all(dir)?;
    // The unit's own total: 9.5 for 执行率 and its rows' 得分 (88), 97.5.
    form(&dir.join("填报.xlsx"), FILLED, "=97.5", "=100")?;
    // A row's actual in words no tier reads.
    let mut vague = FILLED.to_vec();
    vague[6][4] = "无明显变化";
    form(&dir.join("无明显变化.xlsx"), &vague, "=97.5", "=100")?;
    // Sections of 110 under a 总分 of 100: one 效益 row more, 10 like the others.
    let mut over = FILLED.to_vec();
    over.insert(
        9,
        [
            "效益指标",
            "生态效益指标",
            "节约用水",
            "有效节约",
            "达成",
            "=10",
            "=10",
        ],
    );
    form(&dir.join("总分110.xlsx"), &over, "=107.5", "=100")?;
    // A form re-checked: a row scored 12 of its 10, a 总分 its rows do not make (90 + 9.5 is
    // 99.5, not 101.5), and a 执行率 of 98 % where 202.3 / 215 is 94.09 %.
    let mut wrong = FILLED.to_vec();
    wrong[0][6] = "=12";
    form_with(
        &dir.join("算术错误.xlsx"),
        &wrong,
        "=101.5",
        "=100",
        "=0.98",
    )?;
    // The 执行率 row weighted 20 by the form, 产出 40 without 工程质量合格: still 100.
    let mut weighted = FILLED.to_vec();
    weighted.remove(2);
    let execution = Execution {
        points: "=20",
        rate: "=0.9409",
        claimed: "=19",
    };
    form_full(
        &dir.join("执行率20分.xlsx"),
        &weighted,
        "=97",
        "=100",
        &execution,
    )?;
    // A row that does not apply with its 10 points still on the form (the others make 90 of
    // the 总分 100), and a rate written bare under 时效指标, which stays a floor.
    let mut partial = FILLED.to_vec();
    partial[1] = ["产出指标", "数量指标", "新建帮扶站点", "/", "/", "=10", "/"];
    partial[3][3] = "95%";
    partial[3][4] = "93%";
    partial.remove(5);
    form(&dir.join("不适用.xlsx"), &partial, "=87.5", "=100")?;
    Ok(())
}

/// The form in `path` with `body` in its 绩效指标 table and the 总分 row's 分值 and 得分.
fn form(path: &Path, body: &[FormRow], claimed_total: &str, total: &str) -> Res {
    form_with(path, body, claimed_total, total, "=0.9409")
}

/// As [`form`], with the 执行率 the unit wrote.
fn form_with(path: &Path, body: &[FormRow], claimed_total: &str, total: &str, rate: &str) -> Res {
    let execution = Execution {
        points: "=10",
        rate,
        claimed: "=9.5",
    };
    form_full(path, body, claimed_total, total, &execution)
}

/// The 年度资金总额 row's 分值, 执行率 and 得分.
struct Execution<'a> {
    points: &'a str,
    rate: &'a str,
    claimed: &'a str,
}

/// As [`form`], with the whole 执行率 row as the unit filled it.
fn form_full(
    path: &Path,
    body: &[FormRow],
    claimed_total: &str,
    total: &str,
    execution: &Execution,
) -> Res {
    let Execution {
        points: rate_points,
        rate,
        claimed: rate_claimed,
    } = *execution;
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("项目支出绩效自评表")?;
    let head: &[&[&str]] = &[
        &["项目支出绩效自评表"],
        &["（2022年度）"],
        &["项目名称", "2021—2024年困难职工帮扶专项资金"],
        // Left empty by the unit: the next label is not its value.
        &["主管部门", "", "实施单位", "某市总工会"],
        &[
            "项目资金（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
        &[
            "",
            "年度资金总额",
            "=215",
            "=215",
            "=202.3",
            rate_points,
            rate,
            rate_claimed,
        ],
        &[
            "",
            "其中：当年财政拨款",
            "=215",
            "=215",
            "=202.3",
            "",
            "",
            "",
        ],
        &["", "上年结转资金", "=0", "=0", "=0", "", "", ""],
        &["", "其他资金", "=0", "=0", "=0", "", "", ""],
        &["年度总体目标", "预期目标", "", "", "实际完成情况"],
        &["", "救助困难职工200人", "", "", "救助228人"],
        &[
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    ];
    rows(ws, 0, head)?;
    let first = head.len() as u32;
    for (i, row) in body.iter().enumerate() {
        let cells: Vec<&str> = std::iter::once("").chain(row.iter().copied()).collect();
        rows(ws, first + i as u32, &[&cells])?;
    }
    let end = first + body.len() as u32;
    rows(
        ws,
        end,
        &[&["总分", "", "", "", "", "", total, claimed_total]],
    )?;
    super::multi_year::budget(&mut wb)?;
    wb.save(path)?;
    Ok(())
}
