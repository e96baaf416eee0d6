//! The evaluation report in the order of 财预〔2020〕10号 附3 (绩效评价报告参考提纲), which the
//! reference report follows: 一 基本情况, 二 绩效评价工作开展情况, 三 综合评价情况及评价结论,
//! 四 绩效评价指标分析, 五 主要经验及做法、存在的问题及原因分析, 六 有关建议, 七 其他需要说明的
//! 问题, then 附件1 (the scored indicator table) and 附件2 (the money by budget line).
//!
//! The tool writes what the inputs establish, with the cells behind it. What only the
//! evaluation team knows — the project's background, the team, the site visits, why a finding
//! happened — is a marked gap ([`Block::Placeholder`]), never invented text: a report handed in
//! must not say what nobody checked. Word lays the blocks out (`render::docx`).

use rust_decimal::Decimal;

use super::report::{
    Block, Words, chinese_number, conclusion, funds_narrative, funds_table, indicator_rows,
    project_name,
};
use crate::check::FindingKind;
use crate::evaluate::Evaluation;
use crate::glossary::{aside, clauses, list, points as fmt_points};
use crate::lang::Lang;
use crate::money;
use crate::read::target_value::TargetValue;

/// A section's findings listed in the report before the rest is left to the xlsx and JSON.
const LISTED: usize = 20;
/// The cells quoted after a finding or a deduction.
const CELLS: usize = 3;

fn gap(w: &Words, zh: &str, en: &str) -> Block {
    Block::Placeholder(w.pick(
        format!("【待评价组填写：{zh}】"),
        format!("[To be written by the evaluation team: {en}]"),
    ))
}

/// `一、基本情况` / `1 Background`.
fn section(w: &Words, n: usize, zh: &str, en: &str) -> Block {
    Block::Heading(
        2,
        w.pick(format!("{}、{zh}", chinese_number(n)), format!("{n} {en}")),
    )
}

/// `（一）项目概况` / `(1) The project`.
fn subsection(w: &Words, n: usize, zh: &str, en: &str) -> Block {
    Block::Heading(
        3,
        w.pick(
            format!("（{}）{zh}", chinese_number(n)),
            format!("({n}) {en}"),
        ),
    )
}

/// The cells behind a sentence as a report quotes them, in an aside: the first few, and how
/// many there are in all; nothing when there are none.
fn cited(w: &Words, evidence: &[crate::location::CellRef]) -> String {
    if evidence.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = evidence.iter().take(CELLS).map(|c| c.to_string()).collect();
    let mut text = list(w.lang, &shown);
    if evidence.len() > CELLS {
        text.push_str(&w.pick(
            format!("等{}处", evidence.len()),
            format!(", {} cells in all", evidence.len()),
        ));
    }
    aside(w.lang, &text)
}

pub fn document(e: &Evaluation, lang: Lang) -> Vec<Block> {
    let w = Words { lang };
    let name = project_name(e, &w);
    let mut blocks = vec![
        Block::Heading(
            1,
            w.pick(
                format!("{name}绩效评价报告"),
                format!("Performance evaluation report: {name}"),
            ),
        ),
        gap(
            &w,
            "委托方、评价依据的文件（名称及文号）、评价机构及评价时间",
            "who commissioned the evaluation, the documents it follows (titles and numbers), the evaluator and the dates",
        ),
    ];
    blocks.extend(background(e, &w));
    blocks.extend(work(e, &w));
    blocks.push(section(
        &w,
        3,
        "综合评价情况及评价结论",
        "Overall assessment and conclusion",
    ));
    blocks.extend(conclusion(e, &w));
    blocks.push(Block::Para(
        w.pick("评分详见附件1。", "The scores are in Annex 1.")
            .into(),
    ));
    blocks.extend(super::report::review(e, &w, 3));
    blocks.extend(analysis(e, &w));
    blocks.extend(problems(e, &w));
    blocks.extend(advice(e, &w));
    blocks.push(section(&w, 7, "其他需要说明的问题", "Other matters"));
    let notes: Vec<String> = e.notes.iter().map(|n| n.say(lang)).collect();
    if !notes.is_empty() {
        blocks.push(Block::Para(
            w.pick("评价数据的说明：", "About the data:").into(),
        ));
        blocks.push(Block::List(notes));
    }
    blocks.push(gap(&w, "其他需要说明的问题", "anything else to be said"));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading(
        2,
        w.pick(
            format!("附件1：{name}绩效评价指标体系及评分表"),
            format!("Annex 1: indicator system and scores of {name}"),
        ),
    ));
    blocks.push(Block::Indicators(
        w.indicator_header(),
        indicator_rows(e, &w),
    ));
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading(
        2,
        w.pick(
            "附件2：资金对账".to_string(),
            "Annex 2: the money by budget line".to_string(),
        ),
    ));
    blocks.push(funds_table(e, &w));
    blocks
}

/// 一、基本情况: the project as its declaration states it, its money, its targets.
fn background(e: &Evaluation, w: &Words) -> Vec<Block> {
    let p = &e.targets.project;
    let r = &e.reconciliation;
    let mut blocks = vec![
        section(w, 1, "基本情况", "Background"),
        subsection(w, 1, "项目概况", "The project"),
    ];
    let mut facts = Vec::new();
    let mut missing = Vec::new();
    for (value, zh, en) in [
        (&p.name, "项目名称", "Project"),
        (&p.department, "主管部门", "Department in charge"),
        (&p.implementer, "实施单位", "Implementing unit"),
    ] {
        if value.is_empty() {
            missing.push(w.pick(zh, en));
        } else {
            facts.push(w.pick(format!("{zh}：{value}"), format!("{en}: {value}")));
        }
    }
    if let Some(year) = p.year {
        facts.push(w.pick(
            format!("预算年度：{year}年度"),
            format!("Budget year: {year}"),
        ));
    }
    if !facts.is_empty() {
        blocks.push(Block::Para(
            facts.join(w.pick("；", "; ")) + w.pick("。", "."),
        ));
    }
    if !missing.is_empty() {
        blocks.push(gap(
            w,
            &list(
                Lang::Zh,
                &missing.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            ),
            &list(
                Lang::En,
                &missing.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            ),
        ));
    }
    let parts: Vec<String> = r
        .groups
        .iter()
        .map(|g| {
            w.pick(
                format!("{}{}万元", g.name, money::fmt_wan(g.planned)),
                format!("{} {}", g.name, money::fmt_wan(g.planned)),
            )
        })
        .collect();
    blocks.push(Block::Para(match w.lang {
        Lang::Zh => format!(
            "项目预算资金{}万元，设预算子项{}个{}。",
            money::fmt_wan(r.totals.planned),
            r.lines.len(),
            if parts.len() > 1 {
                format!("，分为{}", list(Lang::Zh, &parts))
            } else {
                String::new()
            }
        ),
        Lang::En => format!(
            "The fund's budget is {} (10k yuan) over {} budget lines{}.",
            money::fmt_wan(r.totals.planned),
            r.lines.len(),
            if parts.len() > 1 {
                format!(", in parts: {}", list(Lang::En, &parts))
            } else {
                String::new()
            }
        ),
    }));
    blocks.push(gap(
        w,
        "项目立项的背景和依据、主要内容及实施情况",
        "the project's background and basis, what it does and how it was carried out",
    ));
    blocks.push(subsection(w, 2, "资金来源及使用", "Funding and spending"));
    blocks.push(Block::Para(funds_narrative(e, w)));
    blocks.push(parts_table(e, w));
    blocks.push(gap(
        w,
        "资金来源（当年财政拨款、上年结转、其他资金）及拨付流程",
        "where the money came from (this year's appropriation, carried over, other) and how it was passed on",
    ));
    blocks.push(subsection(
        w,
        3,
        "绩效目标及实现情况",
        "Targets and what was achieved",
    ));
    blocks.push(gap(w, "项目的总体绩效目标", "the project's overall goal"));
    if e.targets.targets.is_empty() {
        blocks.push(gap(
            w,
            "绩效目标申报表中的绩效指标",
            "the targets of the declaration",
        ));
    } else {
        blocks.push(Block::Para(w.pick(
            format!(
                "绩效目标申报表设定绩效指标{}项，实现情况如下：",
                e.targets.targets.len()
            ),
            format!(
                "The declaration sets {} targets; what was achieved:",
                e.targets.targets.len()
            ),
        )));
        blocks.push(targets_table(e, w));
    }
    blocks
}

/// Each part's money in 万元, with the total.
fn parts_table(e: &Evaluation, w: &Words) -> Block {
    let r = &e.reconciliation;
    let header: Vec<String> = w
        .pick(
            [
                "部分",
                "预算数（万元）",
                "到位（万元）",
                "实际支出（万元）",
                "结余（万元）",
                "执行率",
            ],
            [
                "Part",
                "Planned (10k yuan)",
                "Arrived (10k yuan)",
                "Spent (10k yuan)",
                "Balance (10k yuan)",
                "Execution",
            ],
        )
        .iter()
        .map(|s| s.to_string())
        .collect();
    let rate = |d: Option<Decimal>| d.map(money::fmt_percent).unwrap_or_else(|| "—".into());
    let mut rows: Vec<Vec<String>> = r
        .groups
        .iter()
        .map(|g| {
            vec![
                g.name.clone(),
                money::fmt_wan(g.planned),
                money::fmt_wan(g.arrived),
                money::fmt_wan(g.spent),
                money::fmt_wan(g.balance),
                rate(g.execution_rate),
            ]
        })
        .collect();
    // Arrivals booked to the fund as a whole are in the total's 到位 but no part's: a row of
    // their own, so that the column adds up.
    for (part, arrived) in r.whole_arrivals() {
        if part.is_none() {
            rows.push(vec![
                crate::reconcile::whole_term(None).say(w.lang).to_string(),
                String::new(),
                money::fmt_wan(arrived),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    let t = &r.totals;
    rows.push(vec![
        w.pick("合计", "Total").into(),
        money::fmt_wan(t.planned),
        money::fmt_wan(t.arrived),
        money::fmt_wan(t.spent),
        money::fmt_wan(t.balance),
        rate(money::ratio(t.spent, t.planned)),
    ]);
    Block::Table(header, rows)
}

/// The declared targets against what the inputs show.
fn targets_table(e: &Evaluation, w: &Words) -> Block {
    let header: Vec<String> = w
        .pick(
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "完成情况",
            ],
            [
                "Dimension",
                "Group",
                "Indicator",
                "Target",
                "Actual",
                "Completion",
            ],
        )
        .iter()
        .map(|s| s.to_string())
        .collect();
    let rows = e
        .targets
        .targets
        .iter()
        .map(|t| {
            let measure = e.measures.get(&t.key());
            let (actual, completion) = match (&t.value, measure) {
                (TargetValue::NotApplicable { .. }, _) => {
                    (String::new(), w.pick("不适用", "n/a").to_string())
                }
                (_, Some(m)) => (m.actual.clone().unwrap_or_default(), m.display()),
                (_, None) => (
                    t.actual.clone().unwrap_or_default(),
                    w.pick("无实际完成值", "no actual value").to_string(),
                ),
            };
            vec![
                t.level1.clone(),
                t.level2.clone(),
                t.named(w.lang),
                t.written.clone(),
                actual,
                completion,
            ]
        })
        .collect();
    Block::Table(header, rows)
}

/// 二、绩效评价工作开展情况: what the tool read and with which system; the team's part left open.
fn work(e: &Evaluation, w: &Words) -> Vec<Block> {
    let lang = w.lang;
    let s = &e.scorecard;
    let mut blocks = vec![
        section(w, 2, "绩效评价工作开展情况", "How the evaluation was done"),
        subsection(w, 1, "评价目的、对象和范围", "Purpose, object and scope"),
    ];
    let name = project_name(e, w);
    let r = &e.reconciliation;
    blocks.push(Block::Para(w.pick(
        format!(
            "评价对象为{name}，预算资金{}万元，范围为其全部{}个预算子项的资金到位、使用和管理情况及绩效目标的实现情况。",
            money::fmt_wan(r.totals.planned),
            r.lines.len()
        ),
        format!(
            "The object is {name}, a budget of {} (10k yuan); the scope is the arrival, use and management of the money of all its {} budget lines, and what its targets achieved.",
            money::fmt_wan(r.totals.planned),
            r.lines.len()
        ),
    )));
    blocks.push(gap(w, "评价目的", "the purpose of the evaluation"));
    blocks.push(subsection(
        w,
        2,
        "评价依据、指标体系和方法",
        "Basis, indicator system and method",
    ));
    let level3 = s.indicators.len();
    blocks.push(Block::Para(match lang {
        Lang::Zh => format!(
            "评价指标体系为“{}”，总分{}分，设一级指标{}个、三级指标{level3}个（见附件1）。每项得分按指标的评分标准计算；由账簿、银行流水、问卷等资料算出的扣分，注明其所依据的单元格。",
            e.rules.title,
            fmt_points(s.points),
            s.dimensions.len()
        ),
        Lang::En => format!(
            "The evaluation uses the indicator system “{}”, {} points, with {} dimensions and {level3} indicators (Annex 1). Each score is computed by its criterion; a deduction computed from the books, the bank statement or the survey names the cells behind it.",
            e.rules.title,
            fmt_points(s.points),
            s.dimensions.len()
        ),
    }));
    let ledger = &e.ledger;
    let mut data = vec![w.pick(
        format!(
            "明细账{}行，其中记账分录{}行，按规则跳过{}行",
            ledger.rows_read(),
            ledger.rows.len(),
            ledger.skipped.len()
        ),
        format!(
            "{} ledger rows: {} postings, {} skipped by the rules",
            ledger.rows_read(),
            ledger.rows.len(),
            ledger.skipped.len()
        ),
    )];
    if let Some(survey) = &e.targets.survey {
        data.push(w.pick(
            format!("满意度问卷{}份", survey.responses.len()),
            format!("{} survey responses", survey.responses.len()),
        ));
    }
    blocks.push(Block::Para(w.pick(
        format!("评价使用的数据：{}。", clauses(lang, &data)),
        format!("Data used: {}.", clauses(lang, &data)),
    )));
    blocks.push(gap(
        w,
        "评价组成员、专家及分工",
        "the evaluation team, the experts and who did what",
    ));
    blocks.push(subsection(w, 3, "评价工作过程", "The work"));
    blocks.push(gap(
        w,
        "前期准备、现场核查与访谈、问卷调查、撰写报告各阶段的时间和内容",
        "the dates and the work of each stage: preparation, site visits and interviews, the survey, writing the report",
    ));
    blocks
}

/// 四、绩效评价指标分析: each dimension's indicators with their criterion, score, deductions and
/// the cells behind them.
fn analysis(e: &Evaluation, w: &Words) -> Vec<Block> {
    let s = &e.scorecard;
    let mut blocks = vec![section(w, 4, "绩效评价指标分析", "Analysis by indicator")];
    for (k, d) in s.dimensions.iter().enumerate() {
        blocks.push(subsection(w, k + 1, &d.name, &d.name));
        let mut items = Vec::new();
        for (i, ind) in s
            .indicators
            .iter()
            .filter(|i| i.path[0] == d.name)
            .enumerate()
        {
            let name = &ind.path[2];
            let points = fmt_points(ind.points);
            let head = w.pick(
                format!("{}.{name}（{points}分）", i + 1),
                format!("{}. {name} ({points} points)", i + 1),
            );
            if !ind.applicable {
                items.push(w.pick(
                    format!("{head}：无实际完成值，不适用，不考核。"),
                    format!("{head}: no actual value; not assessed."),
                ));
                continue;
            }
            let score = format!("{:.2}", money::round(ind.score, 2));
            let mut text = w.pick(
                format!("{head}：评分标准为{}", ind.criterion.trim_end_matches('。')),
                format!("{head}: {}", ind.criterion.trim_end_matches('.')),
            );
            // A count of findings says itself in the deductions that list them.
            let counted = ind
                .measure
                .as_ref()
                .and_then(|m| e.measures.get(m))
                .is_some_and(|m| m.unit == crate::measure::Unit::Count);
            if let Some(value) = ind.value.as_ref().filter(|_| !counted) {
                text.push_str(&w.pick(format!("；实际{value}"), format!("; actual {value}")));
            }
            text.push_str(&w.pick(format!("。得{score}分"), format!(". Scored {score}")));
            if ind.deductions.is_empty() {
                text.push_str(w.pick("。", "."));
            } else {
                let reasons: Vec<String> = ind
                    .deductions
                    .iter()
                    .map(|x| {
                        format!(
                            "{}{}",
                            x.reason.trim_end_matches(['。', '.']),
                            cited(w, &x.evidence)
                        )
                    })
                    .collect();
                text.push_str(&w.pick(
                    format!(
                        "，扣{}分：{}。",
                        fmt_points(ind.points - ind.score),
                        reasons.join("；")
                    ),
                    format!(
                        ", {} deducted: {}.",
                        fmt_points(ind.points - ind.score),
                        reasons.join("; ")
                    ),
                ));
            }
            items.push(text);
        }
        blocks.push(Block::List(items));
        blocks.push(gap(
            w,
            "对本部分指标的分析说明（现场核查、访谈所见）",
            "the team's analysis of these indicators (what the site visits and interviews showed)",
        ));
    }
    blocks
}

/// 五、主要经验及做法、存在的问题及原因分析: the findings grouped by kind, each group with its
/// cells, and a gap for its causes.
fn problems(e: &Evaluation, w: &Words) -> Vec<Block> {
    let lang = w.lang;
    let mut blocks = vec![
        section(
            w,
            5,
            "主要经验及做法、存在的问题及原因分析",
            "Good practice, problems and their causes",
        ),
        subsection(w, 1, "主要经验及做法", "Good practice"),
        gap(
            w,
            "项目实施中值得推广的经验和做法",
            "what the project did well and others could follow",
        ),
        subsection(w, 2, "存在的问题及原因分析", "Problems and their causes"),
    ];
    let mut n = 0;
    if let Some(m) = e.measures.get("targets.unreasonable")
        && !m.items.is_empty()
    {
        n += 1;
        blocks.push(Block::Heading(
            4,
            w.pick(
                format!("{n}.绩效目标设定不够合理"),
                format!("{n}. Targets set unreasonably"),
            ),
        ));
        blocks.push(Block::List(
            m.items
                .iter()
                .map(|i| format!("{}{}", i.sentence, cited(w, &i.evidence)))
                .collect(),
        ));
        blocks.push(gap(w, "原因分析", "the causes"));
    }
    for kind in FindingKind::ALL {
        let found: Vec<_> = e.findings.iter().filter(|f| f.kind == *kind).collect();
        if found.is_empty() {
            continue;
        }
        n += 1;
        // Money at stake, whichever way it moved: an arrival and a payment do not net.
        let amount: Decimal = found.iter().map(|f| f.amount.abs()).sum();
        blocks.push(Block::Heading(
            4,
            w.pick(
                format!("{n}.{}", kind.label(lang)),
                format!("{n}. {}", kind.label(lang)),
            ),
        ));
        blocks.push(Block::Para(w.pick(
            format!(
                "共{}项，涉及金额{}万元。",
                found.len(),
                money::fmt_wan(amount)
            ),
            format!(
                "{} in all, {} (10k yuan) at stake.",
                found.len(),
                money::fmt_wan(amount)
            ),
        )));
        let mut listed: Vec<String> = found
            .iter()
            .take(LISTED)
            .map(|f| format!("{}{}", f.sentence(lang), cited(w, &f.evidence)))
            .collect();
        if found.len() > LISTED {
            listed.push(w.pick(
                format!(
                    "另有{}项，见评价工作簿（--format xlsx）的问题清单。",
                    found.len() - LISTED
                ),
                format!(
                    "{} more: see the findings sheet of the workbook (--format xlsx).",
                    found.len() - LISTED
                ),
            ));
        }
        blocks.push(Block::List(listed));
        blocks.push(gap(w, "原因分析", "the causes"));
    }
    if n == 0 {
        blocks.push(Block::Para(
            w.pick(
                "账簿、银行流水的核查未发现问题。",
                "The checks of the books and the bank found nothing.",
            )
            .into(),
        ));
        blocks.push(gap(
            w,
            "现场核查中发现的问题及原因",
            "problems the site visits found, and their causes",
        ));
    }
    blocks
}

/// 六、有关建议: one per kind of problem found, as templates the evaluator edits.
fn advice(e: &Evaluation, w: &Words) -> Vec<Block> {
    let lang = w.lang;
    let mut blocks = vec![section(w, 6, "有关建议", "Recommendations")];
    let mut proposals: Vec<(&str, &str)> = Vec::new();
    if e.measures
        .get("targets.unreasonable")
        .is_some_and(|m| !m.items.is_empty())
    {
        proposals.push(w.pick(
            (
                "科学合理设定绩效目标",
                "建议在申报绩效目标时充分测算历年实际完成情况和资金规模，使目标值与资金量、工作量相匹配，做到目标明确、细化、量化。",
            ),
            (
                "Set targets that fit the money",
                "When declaring targets, work from past years' results and the money available, so that each target is clear, detailed and measurable.",
            ),
        ));
    }
    for kind in FindingKind::ALL {
        if e.findings.iter().any(|f| f.kind == *kind) {
            proposals.push(kind.advice(lang));
        }
    }
    for (k, (title, body)) in proposals.into_iter().enumerate() {
        blocks.push(subsection(w, k + 1, title, title));
        blocks.push(Block::Para(body.to_string()));
    }
    blocks.push(gap(
        w,
        "根据现场核查和访谈提出的其他建议；以上建议为按问题类型生成的范本，请结合项目实际修改",
        "other recommendations from the site visits; the ones above are templates by kind of problem, to be fitted to the project",
    ));
    blocks
}
