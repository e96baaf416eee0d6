//! `jixiao check`: what was understood of the inputs, before any score — so that a user whose
//! export is laid out differently sees at once which header was taken, which column is which,
//! where the rows went, and what stands in the way of an evaluation.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::evaluate::Analysis;
use crate::location::CellRef;
use crate::money;
use crate::read::target_value::TargetValue;
use crate::reconcile::Assignment;

/// Something in the inputs the user should look at.
struct Problem {
    /// Whether it stops the evaluation.
    blocking: bool,
    at: Option<CellRef>,
    message: String,
}

fn problems(a: &Analysis) -> Vec<Problem> {
    let mut out = Vec::new();
    match a.scorecard() {
        Err(e) => out.push(Problem {
            blocking: true,
            at: None,
            message: e.to_string(),
        }),
        Ok(card) => {
            for f in &card.unapplied {
                out.push(Problem {
                    blocking: false,
                    at: Some(f.at.clone()),
                    message: format!(
                        "评价发现所指的“{}”不是本指标体系中参与评分的指标，不会扣分",
                        f.indicator
                    ),
                });
            }
            for i in card.indicators.iter().filter(|i| !i.applicable) {
                out.push(Problem {
                    blocking: false,
                    at: None,
                    message: format!(
                        "指标 {} 没有实际完成值，不考核，总分按适用指标折算",
                        i.path.join("/")
                    ),
                });
            }
        }
    }
    for t in &a.targets.targets {
        if let TargetValue::Unfilled { text } = &t.value {
            out.push(Problem {
                blocking: false,
                at: Some(t.at.clone()),
                message: format!("“{}”的指标值“{text}”是模板占位符，未填写", t.name),
            });
        }
    }
    for (row, (_, assignment)) in a.ledger.rows.iter().zip(&a.reconciliation.postings) {
        if *assignment == Assignment::Unassigned {
            let (side, amount) = if row.debit() != Decimal::ZERO {
                ("借", row.debit())
            } else {
                ("贷", row.credit())
            };
            out.push(Problem {
                blocking: false,
                at: Some(row.amount_at()),
                message: format!(
                    "分录“{}”（{side} {}）未归入任何预算子项",
                    &*row.summary(&a.ledger.texts),
                    money::fmt_yuan_grouped(amount)
                ),
            });
        }
    }
    for line in &a.reconciliation.lines {
        if line.postings == 0 {
            out.push(Problem {
                blocking: false,
                at: Some(line.at.clone()),
                message: format!("预算子项“{}”没有匹配到任何分录，请检查匹配条件", line.name),
            });
        }
    }
    out
}

/// The report, and whether the inputs can be evaluated.
pub fn render(a: &Analysis) -> (String, bool) {
    let mut out = String::new();
    let l = &a.ledger;
    let r = &a.reconciliation;
    // `write!` to a String cannot fail.
    for s in &l.sheets {
        let _ = writeln!(out, "账页 {}!{}", s.file, s.sheet);
        let _ = writeln!(out, "  格式：{}", s.layout);
        let _ = writeln!(
            out,
            "  表头：第{}行{}",
            s.header_row + 1,
            if s.header_rows > 1 {
                format!("至第{}行", s.header_row + s.header_rows)
            } else {
                String::new()
            }
        );
        let _ = writeln!(out, "  列：{}", s.mapping());
        if let Some((start, end)) = s.period {
            let _ = writeln!(out, "  标题所载期间：{start} 至 {end}");
        }
        let _ = writeln!(out, "  读取 {} 行，其中分录 {} 笔", s.rows_read, s.postings);
    }
    for ignored in &l.ignored {
        let _ = writeln!(out, "未读取：{ignored}");
    }
    let rows = &r.rows;
    let _ = writeln!(out, "账页合计：{}", rows.summary());
    if let Some((first, last)) = l.date_range() {
        let _ = writeln!(out, "分录日期：{first} 至 {last}");
    }
    let _ = writeln!(out, "账套：{}", r.books.describe());

    let t = &a.targets;
    let _ = writeln!(out, "\n目标表 {}", t.file);
    let p = &t.project;
    let total = p
        .total_funds
        .map(|f| format!("{}万元", money::fmt_wan(f)))
        .unwrap_or_else(|| "未填".into());
    let _ = writeln!(
        out,
        "  项目：{}；主管部门：{}；年度资金总额：{total}",
        p.name, p.department
    );
    let _ = writeln!(out, "  绩效目标：{} 项", t.targets.len());
    for target in &t.targets {
        let parsed = match &target.value {
            TargetValue::Quantity { .. } => format!("定量 {}", target.value),
            TargetValue::Qualitative { .. } => "定性".to_string(),
            TargetValue::Unfilled { .. } => "未填写".to_string(),
        };
        let _ = writeln!(
            out,
            "    {}/{}/{}：“{}” → {parsed}（{}）",
            target.level1, target.level2, target.name, target.written, target.at
        );
    }
    let _ = writeln!(
        out,
        "  预算子项：{} 项，分 {} 个部分",
        t.budget.lines.len(),
        t.budget.groups.len()
    );
    for (line, total) in t.budget.lines.iter().zip(&r.lines) {
        let conditions: Vec<String> = line.matchers.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "    {}/{}：预算{}万元；匹配 {} → {} 笔分录",
            line.group,
            line.name,
            money::fmt_wan(line.planned),
            conditions.join("；"),
            total.postings
        );
    }
    match &t.survey {
        Some(s) => {
            let _ = writeln!(
                out,
                "  问卷：{} 份，{} 个题目",
                s.responses.len(),
                s.questions.len()
            );
        }
        None => {
            let _ = writeln!(out, "  问卷：无");
        }
    }
    let _ = writeln!(out, "  评价发现：{} 条", t.findings.len());

    let problems = problems(a);
    let blocking = problems.iter().any(|p| p.blocking);
    let _ = writeln!(out, "\n问题");
    if problems.is_empty() {
        let _ = writeln!(out, "  无");
    }
    for p in &problems {
        let mark = if p.blocking { "错误" } else { "提示" };
        match &p.at {
            Some(at) => {
                let _ = writeln!(out, "  {mark} {at}：{}", p.message);
            }
            None => {
                let _ = writeln!(out, "  {mark}：{}", p.message);
            }
        }
    }
    for note in &a.notes {
        let _ = writeln!(out, "注：{note}");
    }
    let _ = writeln!(
        out,
        "\n结论：{}",
        if blocking {
            "不能评价"
        } else {
            "可以评价"
        }
    );
    (out, !blocking)
}
