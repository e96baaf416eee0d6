//! `--form self-eval`: the 项目支出绩效自评表 of 财预〔2020〕10号 附1, as every budget unit files
//! it each year — 项目名称 / 主管部门 / 实施单位, 项目资金（万元） with 年初预算数, 全年预算数,
//! 全年执行数, 分值, 执行率 and 得分, 年度总体目标, the 绩效指标 rows (一级 / 二级 / 三级 / 年度
//! 指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施) and 总分 — in a workbook and in Word.
//!
//! The form is filled from the evaluation: each 绩效指标 row is a declared target and the
//! indicator that scores it, the 执行率 row the indicator of `execution_rate_budget`. A system
//! with indicators of its own (资金到位率, a judged 管理制度) cannot be written on this form
//! without its rows failing to add up to its 总分, so it is refused, naming them. What the tool
//! cannot know — why a target was missed, the money's sources when the budget sheet does not
//! state them, the year's overall goal — is a marked gap.
//!
//! The layout is one grid ([`Grid`]) that both writers draw, so that the workbook and the
//! document are the same form.

pub mod docx;
pub mod grid;
pub mod xlsx;

/// The form in the format asked for, and the notes to say beside it.
pub fn render(
    e: &Evaluation,
    format: super::Format,
    lang: Lang,
) -> Result<(Vec<u8>, Vec<String>), Error> {
    let grid = form(e, lang)?;
    let bytes = match format {
        super::Format::Docx => docx::render(&grid)?,
        _ => xlsx::render(&grid, lang)?,
    };
    Ok((bytes, grid.notes))
}

use rust_decimal::Decimal;

use self::grid::{Cell, Grid};
use super::Error;
use crate::evaluate::Evaluation;
use crate::glossary::points as fmt_points;
use crate::lang::Lang;
use crate::money;
use crate::read::target_value::TargetValue;
use crate::read::targets::FundSource;

/// The measure the form's 执行率 row reads: 全年执行数 / 全年预算数.
const EXECUTION: &str = "execution_rate_budget";

/// A gap the unit fills in by hand.
fn gap(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(format!("【待填写：{zh}】"), format!("[to fill in: {en}]"))
}

/// Whether a cell's text holds a gap (the writers mark it): the whole cell, or the end of a
/// 偏差原因 that begins with what the data says.
pub fn is_gap(text: &str) -> bool {
    text.contains("【待填写") || text.contains("[to fill in")
}

/// The form's grid, or why this evaluation cannot be written on it.
pub fn form(e: &Evaluation, lang: Lang) -> Result<Grid, Error> {
    let s = &e.scorecard;
    let keys: Vec<String> = e.targets.targets.iter().map(|t| t.key()).collect();
    let foreign: Vec<String> = s
        .indicators
        .iter()
        .filter(|i| {
            !i.measure
                .as_ref()
                .is_some_and(|m| m == EXECUTION || keys.contains(m))
        })
        .map(|i| i.path[2].clone())
        .collect();
    if !foreign.is_empty() {
        return Err(Error::NotAForm {
            system: e.rules.name.clone(),
            indicators: foreign,
        });
    }
    let p = &e.targets.project;
    let r = &e.reconciliation;
    // A form is one year's: a fund declared or budgeted over several is filed once a year.
    let years: Vec<u16> = r.years().iter().map(|y| y.year).collect();
    if years.len() > 1 {
        return Err(Error::FormOfSeveralYears { years });
    }
    let pick = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    let mut g = Grid::new(lang.pick(
        "项目支出绩效自评表",
        "Project expenditure self-evaluation form",
    ));
    g.subtitle = p
        .year
        .map(|y| lang.pick(format!("（{y}年度）"), format!("({y})")));

    let or_gap = |v: &str, zh: &str, en: &str| {
        if v.is_empty() {
            gap(lang, zh, en)
        } else {
            v.to_string()
        }
    };
    g.row(vec![
        Cell::label(pick("项目名称", "Project")).cols(2),
        Cell::text(or_gap(&p.name, "项目名称", "the project's name")).cols(8),
    ]);
    g.row(vec![
        Cell::label(pick("主管部门", "Department")).cols(2),
        Cell::text(or_gap(&p.department, "主管部门", "the department")).cols(3),
        Cell::label(pick("实施单位", "Implementer")).cols(2),
        Cell::text(or_gap(&p.implementer, "实施单位", "the implementer")).cols(3),
    ]);

    // 项目资金（万元）: the whole year's money from the budget lines and the ledger; the sources
    // from the budget sheet's 资金来源 when it states them.
    let execution = s
        .indicators
        .iter()
        .find(|i| i.measure.as_deref() == Some(EXECUTION));
    let rate = e.measures.get(EXECUTION).map(|m| m.value);
    let wan = |d: Decimal| Cell::number(money::fmt_wan(d));
    let (points, score) = match execution {
        Some(i) => (
            Cell::number(fmt_points(i.points)),
            Cell::number(format!("{:.2}", money::round(i.score, 2))),
        ),
        None => (Cell::text("—".into()), Cell::text("—".into())),
    };
    g.row(vec![
        Cell::label(pick("项目资金（万元）", "Funds (10k yuan)")).down(5),
        Cell::label(String::new()).cols(2),
        Cell::label(pick("年初预算数", "Budget at start")),
        Cell::label(pick("全年预算数", "Full-year budget")),
        Cell::label(pick("全年执行数", "Executed")),
        Cell::label(pick("分值", "Points")),
        Cell::label(pick("执行率", "Execution")),
        Cell::label(pick("得分", "Score")).cols(2),
    ]);
    // 年初预算数 is what the declaration gave (its 年度资金总额); 全年预算数 the budget lines'
    // plan the evaluation reconciled against, which the execution rate divides by.
    let gap_cell = || Cell::text(lang.pick("【待填写】", "[to fill in]").into());
    let at_start = p.total_funds;
    g.row(vec![
        Cell::covered(),
        Cell::label(pick("年度资金总额", "Total for the year")).cols(2),
        at_start.map_or_else(gap_cell, wan),
        wan(r.totals.planned),
        wan(r.totals.spent),
        points,
        rate.map_or(Cell::text("—".into()), |x| {
            Cell::number(money::fmt_percent(x))
        }),
        score.cols(2),
    ]);
    // Each source's money when every line of the 预算明细 states its 资金来源 and the sources
    // add up to the total above; otherwise the unit fills them in.
    let lines = &e.targets.budget.lines;
    let mut sources: Vec<(FundSource, Decimal, Decimal)> = FundSource::ALL
        .iter()
        .map(|f| (*f, Decimal::ZERO, Decimal::ZERO))
        .collect();
    let mut stated = !lines.is_empty();
    for (line, total) in lines.iter().zip(&r.lines) {
        let Some((text, at)) = &line.source else {
            stated = false;
            continue;
        };
        let source = FundSource::parse(text).ok_or_else(|| Error::FundSource {
            at: at.clone(),
            text: text.clone(),
        })?;
        if let Some(sum) = sources.iter_mut().find(|(f, _, _)| *f == source) {
            sum.1 += total.planned;
            sum.2 += total.spent;
        }
    }
    let planned: Decimal = sources.iter().map(|(_, p, _)| *p).sum();
    let any = lines.iter().any(|l| l.source.is_some());
    if any && !stated {
        g.notes.push(lang.pick(
            "预算明细只有部分子项写了资金来源，自评表“其中”各行留待填写".into(),
            "only some budget lines state their 资金来源: the form's source rows are left to fill in".into(),
        ));
    } else if stated && planned != r.totals.planned {
        g.notes.push(lang.pick(
            format!(
                "预算明细各子项按资金来源合计{}万元，与全年预算数{}万元不符（部分另列预算），自评表“其中”各行留待填写",
                money::fmt_wan(planned),
                money::fmt_wan(r.totals.planned)
            ),
            format!(
                "the budget lines by 资金来源 add up to {} (10k yuan), not the full-year budget of {} (a part planned apart): the form's source rows are left to fill in",
                money::fmt_wan(planned),
                money::fmt_wan(r.totals.planned)
            ),
        ));
    }
    let stated = stated && planned == r.totals.planned;
    for (source, planned, spent) in sources {
        let money: Vec<Cell> = if stated {
            vec![
                if at_start == Some(r.totals.planned) {
                    wan(planned)
                } else {
                    gap_cell()
                },
                wan(planned),
                wan(spent),
            ]
        } else {
            vec![gap_cell(), gap_cell(), gap_cell()]
        };
        let mut row = vec![
            Cell::covered(),
            Cell::label(source.label(lang).into()).cols(2),
        ];
        row.extend(money);
        row.extend([
            Cell::text("—".into()),
            Cell::text("—".into()),
            Cell::text("—".into()).cols(2),
        ]);
        g.row(row);
    }

    // 年度总体目标: the goal as declared is the unit's; what was done, as far as the data says.
    let scored: Vec<_> = e
        .targets
        .targets
        .iter()
        .filter(|t| !matches!(t.value, TargetValue::NotApplicable { .. }))
        .collect();
    let met = scored
        .iter()
        .filter(|t| {
            s.indicators
                .iter()
                .find(|i| i.measure.as_deref() == Some(t.key().as_str()))
                .is_some_and(|i| i.applicable && i.score >= i.points)
        })
        .count();
    let measured = scored
        .iter()
        .filter(|t| {
            s.indicators
                .iter()
                .any(|i| i.measure.as_deref() == Some(t.key().as_str()) && i.applicable)
        })
        .count();
    let done = match lang {
        Lang::Zh => format!(
            "全年执行{}万元{}；{}项绩效指标中{}项取得实际完成值，其中{}项完成年度指标值。",
            money::fmt_wan(r.totals.spent),
            rate.map(|x| format!("，执行率{}", money::fmt_percent(x)))
                .unwrap_or_default(),
            scored.len(),
            measured,
            met
        ),
        Lang::En => format!(
            "{} (10k yuan) spent{}; of {} targets, {} have an actual value and {} met it.",
            money::fmt_wan(r.totals.spent),
            rate.map(|x| format!(", execution {}", money::fmt_percent(x)))
                .unwrap_or_default(),
            scored.len(),
            measured,
            met
        ),
    };
    g.row(vec![
        Cell::label(pick("年度总体目标", "Overall goal")).down(2),
        Cell::label(pick("预期目标", "Expected")).cols(4),
        Cell::label(pick("实际完成情况", "Achieved")).cols(5),
    ]);
    g.row(vec![
        Cell::covered(),
        Cell::text(gap(lang, "年度总体目标", "the year's overall goal")).cols(4),
        Cell::text(done).cols(5),
    ]);

    // 绩效指标: one row per declared target, 一级 and 二级 merged down.
    let header = [
        ("一级指标", "Dimension", 1),
        ("二级指标", "Group", 1),
        ("三级指标", "Indicator", 1),
        ("年度指标值", "Target", 1),
        ("实际完成值", "Actual", 1),
        ("分值", "Points", 1),
        ("得分", "Score", 1),
        (
            "偏差原因分析及改进措施",
            "Causes of deviation and improvements",
            2,
        ),
    ];
    let rows: Vec<Vec<String>> = e
        .targets
        .targets
        .iter()
        .map(|t| target_row(e, t, lang))
        .collect();
    let mut first = vec![Cell::label(pick("绩效指标", "Indicators")).down(rows.len() + 1)];
    first.extend(
        header
            .iter()
            .map(|(zh, en, cols)| Cell::label(pick(zh, en)).cols(*cols)),
    );
    g.row(first);
    for (k, row) in rows.iter().enumerate() {
        let above = k.checked_sub(1).and_then(|j| rows.get(j));
        let same = |c: usize| {
            above.is_some_and(|a| a.get(c) == row.get(c))
                && (c == 0 || above.is_some_and(|a| a.first() == row.first()))
        };
        let span = |c: usize| {
            rows.iter()
                .skip(k + 1)
                .take_while(|b| b.get(c) == row.get(c) && b.first() == row.first())
                .count()
                + 1
        };
        let mut cells = vec![Cell::covered()];
        for c in 0..8 {
            let text = row.get(c).cloned().unwrap_or_default();
            let cell = if c < 2 && same(c) {
                Cell::covered()
            } else if c < 2 {
                Cell::text(text).down(span(c))
            } else if (5..7).contains(&c) {
                Cell::number(text)
            } else {
                Cell::text(text)
            };
            cells.push(if c == 7 { cell.cols(2) } else { cell });
        }
        g.row(cells);
    }
    let (total, grade) = match (&s.withheld, s.rescaled_from) {
        // Too few actual values for a total: the form is a draft to complete.
        (Some(_), _) => (
            Cell::text(lang.pick("不评定", "none").into()),
            lang.pick(
                "实际完成值不足，补全后评定".to_string(),
                "too few actual values: fill them in, then score".to_string(),
            ),
        ),
        (None, rescaled) => {
            let mut total = format!("{:.2}", money::round(s.total, 2));
            if let Some(applicable) = rescaled {
                total = lang.pick(
                    format!(
                        "{total}（适用分值{}，实得{}，折算）",
                        fmt_points(applicable),
                        fmt_points(s.raw)
                    ),
                    format!(
                        "{total} (rescaled from {} of {} applicable points)",
                        fmt_points(s.raw),
                        fmt_points(applicable)
                    ),
                );
            }
            (
                Cell::number(total),
                crate::glossary::labelled(
                    lang,
                    lang.pick("评价等级", "Grade"),
                    &crate::glossary::grade(lang, &s.grade),
                ),
            )
        }
    };
    g.row(vec![
        Cell::label(pick("总分", "Total")).cols(6),
        Cell::number(fmt_points(s.points)),
        total,
        Cell::text(grade).cols(2),
    ]);
    Ok(g)
}

/// A target's row: 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因.
fn target_row(e: &Evaluation, t: &crate::read::targets::Target, lang: Lang) -> Vec<String> {
    let mut row = vec![
        t.level1.clone(),
        t.level2.clone(),
        t.named(lang),
        t.written.clone(),
    ];
    if matches!(t.value, TargetValue::NotApplicable { .. }) {
        row.extend(["/", "/", "/", ""].map(String::from));
        return row;
    }
    let key = t.key();
    let indicator = e
        .scorecard
        .indicators
        .iter()
        .find(|i| i.measure.as_deref() == Some(key.as_str()));
    let actual = e
        .measures
        .get(&key)
        .and_then(|m| m.actual.clone())
        .or_else(|| t.actual.clone())
        .filter(|a| !a.is_empty());
    let Some(i) = indicator else {
        row.extend([
            actual.unwrap_or_default(),
            "—".into(),
            "—".into(),
            lang.pick(
                format!("不在指标体系 {} 中，不计分", e.rules.name),
                format!("not in the system {}: not scored", e.rules.name),
            ),
        ]);
        return row;
    };
    row.push(actual.unwrap_or_else(|| gap(lang, "实际完成值", "the actual value")));
    row.push(fmt_points(i.points));
    if !i.applicable {
        row.push("—".into());
        row.push(match (&e.scorecard.withheld, lang) {
            (Some(_), Lang::Zh) => "无实际完成值，未评分".into(),
            (Some(_), Lang::En) => "no actual value: not scored".into(),
            (None, Lang::Zh) => "无实际完成值，未评分，总分按适用指标折算".into(),
            (None, Lang::En) => "no actual value: not scored, the total rescaled".into(),
        });
        return row;
    }
    row.push(format!("{:.2}", money::round(i.score, 2)));
    if i.score < i.points {
        let known: Vec<String> = i
            .deductions
            .iter()
            .map(|d| d.reason.trim_end_matches(['。', '.']).to_string())
            .collect();
        let mut why = crate::glossary::clauses(lang, &known);
        if !why.is_empty() {
            why.push_str(lang.pick("；", "; "));
        }
        why.push_str(&gap(
            lang,
            "偏差原因及改进措施",
            "the causes and the improvements",
        ));
        row.push(why);
    } else {
        row.push(String::new());
    }
    row
}
