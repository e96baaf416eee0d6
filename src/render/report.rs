//! The report's sections as an evaluator writes them — 综合评价情况及评价结论 with the deduction
//! list in the report's own form, the money narrative, the findings, the indicator table — as
//! blocks that the Markdown and HTML renderers each lay out, so that both say the same words.

use rust_decimal::Decimal;

use crate::evaluate::Evaluation;
use crate::glossary::points as fmt_points;
use crate::glossary::{Term, aside, clauses, list};
use crate::lang::Lang;
use crate::money;
use crate::score::DimensionScore;

pub enum Block {
    Heading(u8, String),
    Para(String),
    List(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
    /// The indicator table (附件1): as a table, with the 一级 and 二级 names and points merged
    /// down their rows where the format can merge cells (a blank below a name continues it).
    Indicators(Vec<String>, Vec<Vec<String>>),
    /// Where the HTML page draws its charts.
    Charts,
    /// What only the evaluator can write (the project's background, the team, the site
    /// visits): a marked gap, `【待评价组填写：…】`, never invented text.
    Placeholder(String),
    /// The annexes start on a page of their own where the format has pages.
    PageBreak,
}

/// How a cell of the indicator table's first four columns merges down: column 0 heads 0–1 and
/// column 2 heads 2–3, and a name's span runs over the blanks below it until a name of its own
/// level or of the level above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// A cell of its own (a name spanning one row, or a blank no name above reaches).
    Alone,
    /// A name spanning this many rows.
    Spans(usize),
    /// Under the span of a name above.
    Covered,
}

/// Each cell's [`Merge`] for the indicator table's rows (columns from 4 on are always alone).
pub fn merges(rows: &[Vec<String>]) -> Vec<Vec<Merge>> {
    let cell = |r: usize, c: usize| {
        rows.get(r)
            .and_then(|row| row.get(c))
            .map_or("", |s| s.as_str())
    };
    let span = |r: usize, key: usize| {
        1 + (r + 1..rows.len())
            .take_while(|&k| (0..=key).step_by(2).all(|k2| cell(k, k2).is_empty()))
            .count()
    };
    rows.iter()
        .enumerate()
        .map(|(r, row)| {
            (0..row.len())
                .map(|c| {
                    if c >= 4 {
                        return Merge::Alone;
                    }
                    let key = c - c % 2;
                    if cell(r, key).is_empty() {
                        let above = (0..r).rev().find(|&k| !cell(k, key).is_empty());
                        if above.is_some_and(|k| k + span(k, key) > r) {
                            return Merge::Covered;
                        }
                        Merge::Alone
                    } else {
                        match span(r, key) {
                            1 => Merge::Alone,
                            n => Merge::Spans(n),
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// Words of the output in the two languages.
pub struct Words {
    pub lang: Lang,
}

impl Words {
    pub fn pick<T>(&self, zh: T, en: T) -> T {
        self.lang.pick(zh, en)
    }

    /// A grade with its English beside it in English (the glossary's).
    pub fn grade(&self, grade: &str) -> String {
        crate::glossary::grade(self.lang, grade)
    }

    pub fn indicator_header(&self) -> Vec<String> {
        let zh = [
            "一级指标",
            "分值",
            "二级指标",
            "分值",
            "三级指标",
            "分值",
            "评分标准",
            "得分",
            "扣分原因",
        ];
        let en = [
            "Dimension",
            "Points",
            "Group",
            "Points",
            "Indicator",
            "Points",
            "Criterion",
            "Score",
            "Deductions",
        ];
        match self.lang {
            Lang::Zh => zh.iter().map(|s| s.to_string()).collect(),
            Lang::En => en.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// 一, 二, 三 … for the report's numbered sections.
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match n {
        0..=10 => DIGITS.get(n).map_or(String::new(), |d| d.to_string()),
        11..=19 => format!("十{}", DIGITS.get(n - 10).copied().unwrap_or_default()),
        _ => n.to_string(),
    }
}

/// The indicator table's rows: 一级 and 二级 with their points on their first row only, as the
/// report's 附件1 prints them.
pub fn indicator_rows(e: &Evaluation, w: &Words) -> Vec<Vec<String>> {
    let s = &e.scorecard;
    let mut rows = Vec::new();
    let mut previous: (&str, &str) = ("", "");
    for ind in &s.indicators {
        let [l1, l2, l3] = &ind.path;
        let first_of_l1 = previous.0 != l1.as_str();
        let first_of_l2 = first_of_l1 || previous.1 != l2.as_str();
        previous = (l1, l2);
        let dimension = s.dimensions.iter().find(|d| &d.name == l1);
        let level2 = dimension.and_then(|d| d.level2.iter().find(|l| &l.name == l2));
        let reasons: Vec<String> = ind
            .deductions
            .iter()
            .map(|d| d.reason.clone())
            .chain(
                ind.notice
                    .iter()
                    .map(|n| w.pick(format!("（{n}）"), format!("({n})"))),
            )
            .collect();
        rows.push(vec![
            if first_of_l1 {
                l1.clone()
            } else {
                String::new()
            },
            if first_of_l1 {
                dimension.map(|d| fmt_points(d.points)).unwrap_or_default()
            } else {
                String::new()
            },
            if first_of_l2 {
                l2.clone()
            } else {
                String::new()
            },
            if first_of_l2 {
                level2.map(|l| fmt_points(l.points)).unwrap_or_default()
            } else {
                String::new()
            },
            l3.clone(),
            fmt_points(ind.points),
            ind.criterion.clone(),
            if ind.applicable {
                format!("{:.2}", money::round(ind.score, 2))
            } else {
                w.pick("不适用", "n/a").to_string()
            },
            clauses(w.lang, &reasons),
        ]);
    }
    rows.push(vec![
        w.pick("合计", "Total").to_string(),
        fmt_points(s.points),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format!("{:.2}", money::round(s.total, 2)),
        format!("{}{}", w.pick("评价等级：", "Grade: "), w.grade(&s.grade)),
    ]);
    rows
}

pub fn document(e: &Evaluation, lang: Lang) -> Vec<Block> {
    let w = Words { lang };
    let name = project_name(e, &w);
    let mut blocks = vec![Block::Heading(
        1,
        format!("{name} {}", w.pick("绩效评价", "performance evaluation")),
    )];

    blocks.push(Block::Heading(
        2,
        w.pick(
            "综合评价情况及评价结论",
            "Overall assessment and conclusion",
        )
        .into(),
    ));
    blocks.extend(conclusion(e, &w));
    blocks.extend(review(e, &w, 2));
    blocks.push(Block::Charts);

    blocks.extend(funds(e, &w));
    blocks.extend(findings(e, &w));
    blocks.push(Block::Heading(
        2,
        w.pick("附件1：评价指标体系", "Annex 1: indicator system")
            .into(),
    ));
    blocks.push(Block::Indicators(
        w.indicator_header(),
        indicator_rows(e, &w),
    ));
    blocks
}

/// 综合评价情况及评价结论: the total and grade, a rescaled total's basis, and each dimension's
/// points with its deductions.
pub fn conclusion(e: &Evaluation, w: &Words) -> Vec<Block> {
    let (s, lang) = (&e.scorecard, w.lang);
    let name = project_name(e, w);
    let total = format!("{}", money::round(s.total, 2).normalize());
    let mut blocks = Vec::new();
    blocks.push(Block::Para(match lang {
        Lang::Zh => format!("经综合评定，{name}绩效评价得分为{total}分，评价等级为“{}”，得分（扣分）明细如下：", s.grade),
        Lang::En => format!("After overall assessment, {name} scores {total} points, graded {}. Points by dimension:", w.grade(&s.grade)),
    }));
    if let Some(applicable) = s.rescaled_from {
        blocks.push(Block::Para(match lang {
            Lang::Zh => format!("部分指标无实际完成值，不予考核；适用指标{}分，实得{}分，折算为百分制{total}分。", fmt_points(applicable), fmt_points(s.raw)),
            Lang::En => format!("Indicators without an actual value are not assessed; {} of {} applicable points, rescaled to {total}.", fmt_points(s.raw), fmt_points(applicable)),
        }));
    }
    for (k, d) in s.dimensions.iter().enumerate() {
        blocks.extend(dimension(e, k, d, w));
    }
    blocks
}

/// A difference of scores with its sign: `-2.00`, `+0.50`, and `0.00` for none.
pub fn signed(d: Decimal) -> String {
    let d = money::round(d, 2);
    if d.is_zero() {
        "0.00".into()
    } else {
        format!("{d:+.2}")
    }
}

/// What a review row not scored shows for its recomputed score and difference.
pub fn unscored(w: &Words) -> String {
    w.pick("不适用", "n/a").into()
}

/// The 自评复核 table — 三级指标, 分值, 自评得分, 复核得分, 差异, a row each and the total —
/// that the terminal and the report documents both draw; empty without a review.
pub fn review_table(e: &Evaluation, w: &Words) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        w.pick("三级指标", "Indicator"),
        w.pick("分值", "Points"),
        w.pick("自评得分", "Claimed"),
        w.pick("复核得分", "Re-checked"),
        w.pick("差异", "Difference"),
    ]
    .iter()
    .map(|h| h.to_string())
    .collect();
    let Some(r) = &e.scorecard.review else {
        return (header, Vec::new());
    };
    let p = |d: Decimal| format!("{:.2}", money::round(d, 2));
    let mut rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            vec![
                row.path[2].clone(),
                fmt_points(row.points),
                p(row.claimed),
                row.recomputed.map_or_else(|| unscored(w), p),
                row.difference.map_or_else(|| unscored(w), signed),
            ]
        })
        .collect();
    rows.push(vec![
        w.pick("总分", "Total").into(),
        fmt_points(e.scorecard.points),
        p(r.claimed),
        p(r.recomputed),
        signed(r.difference),
    ]);
    (header, rows)
}

/// 自评复核: the unit's own scores beside the recomputed ones, row by row and in total, and
/// the discrepancies with their cells; nothing for inputs that are no filled 自评表.
pub fn review(e: &Evaluation, w: &Words, level: u8) -> Vec<Block> {
    let Some(r) = &e.scorecard.review else {
        return Vec::new();
    };
    let p = |d: Decimal| format!("{:.2}", money::round(d, 2));
    let mut blocks = vec![
        Block::Heading(
            level,
            w.pick("自评复核", "Self-evaluation re-checked").into(),
        ),
        Block::Para(match w.lang {
            Lang::Zh => format!(
                "单位自评{}分，复核{}分，差异{}分；复核发现自评表差错{}处。",
                p(r.claimed),
                p(r.recomputed),
                signed(r.difference),
                r.discrepancies.len()
            ),
            Lang::En => format!(
                "The unit scored itself {}; re-checked, {}: a difference of {}, with {} discrepancy(ies) in the form.",
                p(r.claimed),
                p(r.recomputed),
                signed(r.difference),
                r.discrepancies.len()
            ),
        }),
    ];
    let (header, rows) = review_table(e, w);
    blocks.push(Block::Table(header, rows));
    if !r.discrepancies.is_empty() {
        blocks.push(Block::List(
            r.discrepancies
                .iter()
                .map(|d| {
                    let cells: Vec<String> =
                        d.evidence.iter().take(3).map(ToString::to_string).collect();
                    format!("{}{}", d.sentence, aside(w.lang, &list(w.lang, &cells)))
                })
                .collect(),
        ));
    }
    blocks
}

/// The fund's name, or words for it when the declaration gives none.
pub fn project_name(e: &Evaluation, w: &Words) -> String {
    let p = &e.targets.project;
    if p.name.is_empty() {
        w.pick("项目", "the fund").to_string()
    } else {
        p.name.clone()
    }
}

/// A dimension's result as the report writes it, with its deductions listed.
pub fn dimension(e: &Evaluation, k: usize, d: &DimensionScore, w: &Words) -> Vec<Block> {
    let (s, lang) = (&e.scorecard, w.lang);
    let mut blocks = Vec::new();
    let deductions: Vec<String> = s
        .indicators
        .iter()
        .filter(|i| i.path[0] == d.name)
        .flat_map(|i| i.deductions.iter())
        .map(|x| x.reason.trim_end_matches('。').to_string())
        .collect();
    let lost = d.points - d.score;
    let heading = match lang {
        Lang::Zh if deductions.is_empty() => format!(
            "（{}）{}总分{}分，实得{}分。",
            chinese_number(k + 1),
            d.name,
            fmt_points(d.points),
            fmt_points(d.score)
        ),
        Lang::Zh => format!(
            "（{}）{}总分{}分，实得{}分，扣{}分，扣分明细：",
            chinese_number(k + 1),
            d.name,
            fmt_points(d.points),
            fmt_points(d.score),
            fmt_points(lost)
        ),
        Lang::En => format!(
            "({}) {}: {} points, scored {}, {} deducted{}",
            k + 1,
            d.name,
            fmt_points(d.points),
            fmt_points(d.score),
            fmt_points(lost),
            if deductions.is_empty() { "." } else { ":" }
        ),
    };
    blocks.push(Block::Para(heading));
    if !deductions.is_empty() {
        let n = deductions.len();
        blocks.push(Block::List(
            deductions
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    let end = if i + 1 == n {
                        w.pick("。", ".")
                    } else {
                        w.pick("；", ";")
                    };
                    if n > 1 {
                        format!("{}{}{r}{end}", i + 1, w.pick(".", ". "))
                    } else {
                        format!("{r}{end}")
                    }
                })
                .collect(),
        ));
    }
    blocks
}

/// 资金管理与使用: each part's money in a sentence, the arrival rate, and the table by line.
fn funds(e: &Evaluation, w: &Words) -> Vec<Block> {
    vec![
        Block::Heading(2, w.pick("资金管理与使用", "Funds").into()),
        Block::Para(funds_narrative(e, w)),
        funds_table(e, w),
    ]
}

/// Each part's money in a sentence, and the arrival rate.
pub fn funds_narrative(e: &Evaluation, w: &Words) -> String {
    let lang = w.lang;
    let r = &e.reconciliation;
    let mut narrative: Vec<String> = r
        .groups
        .iter()
        .map(|g| match lang {
            Lang::Zh => format!(
                "{}预算资金{}万元，到位{}万元，实际使用{}万元，结余{}万元。",
                g.name,
                money::fmt_wan(g.planned),
                money::fmt_wan(g.arrived),
                money::fmt_wan(g.spent),
                money::fmt_wan(g.balance)
            ),
            Lang::En => format!(
                "{}: planned {} (10k yuan), arrived {}, spent {}, balance {}.",
                g.name,
                money::fmt_wan(g.planned),
                money::fmt_wan(g.arrived),
                money::fmt_wan(g.spent),
                money::fmt_wan(g.balance)
            ),
        })
        .collect();
    if let Some(rate) = r.funds_arrival_rate {
        narrative.push(match lang {
            Lang::Zh => format!(
                "资金到位率{}（到位{}万元／预算{}万元）。",
                money::fmt_percent(rate),
                money::fmt_wan(r.totals.arrived),
                money::fmt_wan(r.totals.planned)
            ),
            Lang::En => format!(
                "{} {} (arrived {} of {} planned, in 10k yuan).",
                Term::FundsArrivalRate.heading(lang),
                money::fmt_percent(rate),
                money::fmt_wan(r.totals.arrived),
                money::fmt_wan(r.totals.planned)
            ),
        });
    }
    narrative.join(lang.pick("", " "))
}

/// The money by budget line, with the rows that make its columns add up.
pub fn funds_table(e: &Evaluation, w: &Words) -> Block {
    let lang = w.lang;
    let r = &e.reconciliation;
    let header: Vec<String> = match lang {
        Lang::Zh => [
            "部分",
            "预算子项",
            "预算数（元）",
            "到位（元）",
            "实际支出（元）",
            "结余（元）",
            "执行率",
            "受益人数",
        ],
        Lang::En => [
            "Part",
            "Budget line",
            "Planned (yuan)",
            "Arrived",
            "Spent",
            "Balance",
            "Execution",
            "Beneficiaries",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rate = |d: Option<Decimal>| d.map(money::fmt_percent).unwrap_or_else(|| "—".into());
    let mut rows: Vec<Vec<String>> = r
        .lines
        .iter()
        .map(|l| {
            vec![
                l.group.clone(),
                l.label(lang),
                money::fmt_yuan_grouped(l.planned),
                money::fmt_yuan_grouped(l.arrived),
                money::fmt_yuan_grouped(l.spent),
                money::fmt_yuan_grouped(l.balance),
                rate(l.execution_rate),
                if l.beneficiaries == 0 && !l.beneficiaries_stated {
                    String::new()
                } else {
                    l.beneficiaries.to_string()
                },
            ]
        })
        .collect();
    // Arrivals booked to a part or the fund as a whole: rows of their own, so the column adds up.
    let whole = |part: &str, label: &str, arrived: Decimal| {
        let mut row = vec![
            part.to_string(),
            label.to_string(),
            String::new(),
            money::fmt_yuan_grouped(arrived),
        ];
        row.resize(8, String::new());
        row
    };
    for (part, arrived) in r.whole_arrivals() {
        rows.push(whole(
            part.unwrap_or_default(),
            crate::reconcile::whole_term(part).say(lang),
            arrived,
        ));
    }
    let t = &r.totals;
    rows.push(vec![
        w.pick("合计", "Total").into(),
        String::new(),
        money::fmt_yuan_grouped(t.planned),
        money::fmt_yuan_grouped(t.arrived),
        money::fmt_yuan_grouped(t.spent),
        money::fmt_yuan_grouped(t.balance),
        rate(money::ratio(t.spent, t.planned)),
        String::new(),
    ]);
    for y in r.years() {
        rows.push(vec![
            String::new(),
            y.label(lang),
            money::fmt_yuan_grouped(y.planned),
            money::fmt_yuan_grouped(y.arrived),
            money::fmt_yuan_grouped(y.spent),
            money::fmt_yuan_grouped(y.balance),
            rate(y.execution_rate),
            String::new(),
        ]);
    }
    Block::Table(header, rows)
}

/// 存在的主要问题: the findings, each with its first cells.
fn findings(e: &Evaluation, w: &Words) -> Vec<Block> {
    let mut blocks = Vec::new();
    blocks.push(Block::Heading(
        2,
        w.pick("存在的主要问题", "Findings").into(),
    ));
    if e.findings.is_empty() {
        blocks.push(Block::Para(w.pick("未发现问题。", "None.").into()));
    } else {
        blocks.push(Block::List(
            e.findings
                .iter()
                .map(|f| {
                    let cells: Vec<String> =
                        f.evidence.iter().take(3).map(ToString::to_string).collect();
                    format!(
                        "{}{}",
                        f.sentence(w.lang),
                        aside(w.lang, &list(w.lang, &cells))
                    )
                })
                .collect(),
        ));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sections_the_chinese_way() {
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(4), "四");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
    }
}
