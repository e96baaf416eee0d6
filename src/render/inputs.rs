//! `jixiao check`: what was understood of the inputs, before any score — so that a user whose
//! export is laid out differently sees at once which header was taken, which column is which,
//! where the rows went, and what stands in the way of an evaluation.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::evaluate::Analysis;
use crate::glossary::{Noun, Term, clauses, count, labelled, wan, yuan};
use crate::lang::Lang;
use crate::location::CellRef;
use crate::measure::Unit;
use crate::read::ledger::shape::describe;
use crate::read::target_value::TargetValue;
use crate::read::targets::{Sign, Target};
use crate::reconcile::Assignment;

/// Something in the inputs the user should look at.
struct Problem {
    /// Whether it stops the evaluation.
    blocking: bool,
    at: Option<CellRef>,
    message: String,
}

fn problems(a: &Analysis, lang: Lang) -> Vec<Problem> {
    let mut out = Vec::new();
    let problem = |at: Option<CellRef>, message: String| Problem {
        blocking: false,
        at,
        message,
    };
    // Figures that disagree: not hidden among the notes.
    // A unit refusal says more than "the budget lines are used" about the same two figures.
    let unit_refused = a
        .refusals
        .iter()
        .any(|r| matches!(r, crate::error::Unevaluable::Unit { .. }));
    for n in &a.notes {
        if unit_refused && matches!(n, crate::evaluate::Note::DeclaredTotal { .. }) {
            continue;
        }
        if let Some(at) = n.attention() {
            out.push(problem(at, n.say(lang)));
        }
    }
    for r in &a.refusals {
        out.push(Problem {
            blocking: true,
            at: None,
            message: r.say(lang),
        });
    }
    match a.scored() {
        Err(e) => out.push(Problem {
            blocking: true,
            at: None,
            message: e.message(lang),
        }),
        Ok(card) => {
            for f in &card.unapplied {
                out.push(problem(
                    Some(f.at.clone()),
                    match lang {
                        Lang::Zh => format!(
                            "评价发现所指的“{}”不是本指标体系中参与评分的指标，不会扣分",
                            f.indicator
                        ),
                        Lang::En => format!(
                            "the evaluators' finding names “{}”, which is no indicator scored in this system: it will deduct nothing",
                            f.indicator
                        ),
                    },
                ));
            }
            for i in card.indicators.iter().filter(|i| !i.applicable) {
                let path = i.path.join("/");
                out.push(problem(
                    None,
                    match lang {
                        Lang::Zh => {
                            format!("指标 {path} 没有实际完成值，不考核，总分按适用指标折算")
                        }
                        Lang::En => format!(
                            "indicator {path} has no actual value: it is not assessed, and the total is rescaled over the applicable ones"
                        ),
                    },
                ));
            }
        }
    }
    for t in &a.targets.targets {
        if let TargetValue::Unfilled { text } = &t.value {
            out.push(problem(
                Some(t.at.clone()),
                match lang {
                    Lang::Zh => format!("“{}”的指标值“{text}”是模板占位符，未填写", t.name),
                    Lang::En => format!(
                        "the target value of “{}”, “{text}”, is the template's placeholder: not filled in",
                        t.name
                    ),
                },
            ));
        }
    }
    for (row, (_, assignment)) in a.ledger.rows.iter().zip(&a.reconciliation.postings) {
        if *assignment == Assignment::Unassigned {
            let (debit, amount) = if row.debit() != Decimal::ZERO {
                (true, row.debit())
            } else {
                (false, row.credit())
            };
            let summary = row.summary(&a.ledger.texts);
            out.push(problem(
                Some(row.amount_at()),
                match lang {
                    Lang::Zh => format!(
                        "分录“{}”（{} {}）未归入任何预算子项",
                        &*summary,
                        if debit { "借" } else { "贷" },
                        crate::money::fmt_yuan_grouped(amount)
                    ),
                    Lang::En => format!(
                        "the posting “{}” ({} {}) matches no budget line",
                        &*summary,
                        if debit { "debit" } else { "credit" },
                        yuan(lang, amount)
                    ),
                },
            ));
        }
    }
    for line in &a.reconciliation.lines {
        if line.postings == 0 {
            out.push(problem(
                Some(line.at.clone()),
                match lang {
                    Lang::Zh => {
                        format!(
                            "预算子项“{}”没有匹配到任何分录，请检查匹配条件",
                            line.label(lang)
                        )
                    }
                    Lang::En => format!(
                        "the budget line “{}” matches no posting: check its 匹配条件",
                        line.label(lang)
                    ),
                },
            ));
        }
    }
    out
}

/// What was read of the ledger.
fn ledger(out: &mut String, a: &Analysis, lang: Lang) {
    let l = &a.ledger;
    let r = &a.reconciliation;
    // `write!` to a String cannot fail.
    for s in &l.sheets {
        let (header_end, period) = (s.header_row + s.header_rows, s.period);
        match lang {
            Lang::Zh => {
                let _ = writeln!(out, "账页 {}!{}", s.file, s.sheet);
                let _ = writeln!(out, "  格式：{}", describe(&s.layout, lang));
                let _ = writeln!(
                    out,
                    "  表头：第{}行{}",
                    s.header_row + 1,
                    if s.header_rows > 1 {
                        format!("至第{header_end}行")
                    } else {
                        String::new()
                    }
                );
                let _ = writeln!(out, "  列：{}", s.mapping());
                if let Some((start, end)) = period {
                    let _ = writeln!(out, "  标题所载期间：{start} 至 {end}");
                }
                let _ = writeln!(out, "  读取 {} 行，其中分录 {} 笔", s.rows_read, s.postings);
            }
            Lang::En => {
                let _ = writeln!(out, "Ledger sheet {}!{}", s.file, s.sheet);
                let _ = writeln!(out, "  layout: {}", describe(&s.layout, lang));
                let _ = writeln!(
                    out,
                    "  header: row {}{}",
                    s.header_row + 1,
                    if s.header_rows > 1 {
                        format!(" to {header_end}")
                    } else {
                        String::new()
                    }
                );
                let _ = writeln!(out, "  columns: {}", s.mapping());
                if let Some((start, end)) = period {
                    let _ = writeln!(out, "  period in the title: {start} to {end}");
                }
                let _ = writeln!(
                    out,
                    "  read {}, {}",
                    count(lang, s.rows_read, Noun::Row),
                    count(lang, s.postings, Noun::Posting)
                );
            }
        }
    }
    for ignored in &l.ignored {
        let _ = writeln!(
            out,
            "{}",
            labelled(lang, lang.pick("未读取", "Not read"), &ignored.say(lang))
        );
    }
    let _ = writeln!(
        out,
        "{}",
        labelled(
            lang,
            lang.pick("账页合计", "Ledger in all"),
            &r.rows.summary(lang)
        )
    );
    if let Some((first, last)) = l.date_range() {
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!("分录日期：{first} 至 {last}"),
                Lang::En => format!("Posting dates: {first} to {last}"),
            }
        );
    }
    let _ = writeln!(
        out,
        "{}",
        labelled(lang, lang.pick("账套", "Books"), r.books.describe(lang))
    );
    bank(out, a, lang);
}

/// How every row of the bank statement was used, as the ledger's: read = matched in the ledger
/// + not booked + skipped (by reason).
fn bank(out: &mut String, a: &Analysis, lang: Lang) {
    let Some((items, undated, zero)) = a.notes.iter().find_map(|n| match n {
        crate::evaluate::Note::BankStatement {
            items,
            undated,
            zero,
            ..
        } => Some((*items, *undated, *zero)),
        _ => None,
    }) else {
        return;
    };
    let unbooked = a
        .findings
        .iter()
        .filter(|f| f.kind == crate::check::FindingKind::BankUnbooked)
        .count()
        .min(items);
    let (read, matched, skipped) = (items + undated + zero, items - unbooked, undated + zero);
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Zh => format!(
                "银行流水：读取 {read} ＝ 账上有对应 {matched} ＋ 未入账 {unbooked} ＋ 跳过 {skipped}（无日期 {undated}、金额为零 {zero}）"
            ),
            Lang::En => format!(
                "Bank statement: read {read} = found in the ledger {matched} + not booked {unbooked} + skipped {skipped} (no date {undated}, no money {zero})"
            ),
        }
    );
}

/// A 自评表 row's 分值, 得分 and how it is scored, where the form or the system says so.
fn form_cells(t: &Target, a: &Analysis, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(p) = t.points {
        parts.push(lang.pick(
            format!("分值{}", p.normalize()),
            format!("points {}", p.normalize()),
        ));
    }
    if let Some(c) = t.claimed {
        parts.push(lang.pick(
            format!("自评得分{}", c.normalize()),
            format!("claimed {}", c.normalize()),
        ));
    }
    let from_targets = a.rules.tree.iter().any(|l| l.from_targets.is_some());
    if from_targets && !matches!(t.value, TargetValue::NotApplicable { .. }) {
        let basis = match a.measures.get(&t.key()) {
            Some(m) if m.unit == Unit::Claimed => lang.pick(
                "按单位自评得分，未能复核".to_string(),
                "the unit's own score, not re-checked".to_string(),
            ),
            Some(m) if t.actual.is_some() => lang.pick(
                format!(
                    "按实际完成值“{}”：{}",
                    t.actual.as_deref().unwrap_or(""),
                    m.display()
                ),
                format!(
                    "from its actual “{}”: {}",
                    t.actual.as_deref().unwrap_or(""),
                    m.display()
                ),
            ),
            Some(m) => lang.pick(
                format!("按数据：{}", m.label),
                format!("from the data: {}", m.label),
            ),
            None => lang.pick(
                "没有实际值，不计分（总分按适用指标折算）".to_string(),
                "no actual: not scored (the total is rescaled)".to_string(),
            ),
        };
        parts.push(basis);
    }
    if parts.is_empty() {
        return String::new();
    }
    lang.pick(
        format!("；{}", parts.join("；")),
        format!("; {}", parts.join("; ")),
    )
}

/// What was read of the targets workbook.
fn targets(out: &mut String, a: &Analysis, lang: Lang) {
    let t = &a.targets;
    let r = &a.reconciliation;
    let p = &t.project;
    let total = p
        .total_funds
        .map(|f| wan(lang, f))
        .unwrap_or_else(|| lang.pick("未填", "not given").into());
    match lang {
        Lang::Zh => {
            let _ = writeln!(out, "\n目标表 {}", t.file);
            let _ = writeln!(
                out,
                "  项目：{}；主管部门：{}；年度资金总额：{total}",
                p.name, p.department
            );
            let _ = writeln!(out, "  绩效目标：{} 项", t.targets.len());
        }
        Lang::En => {
            let _ = writeln!(out, "\nTargets workbook {}", t.file);
            let _ = writeln!(
                out,
                "  project: {}; department: {}; annual funds: {total}",
                p.name, p.department
            );
            let _ = writeln!(out, "  targets: {}", t.targets.len());
        }
    }
    for target in &t.targets {
        let parsed = match (&target.value, lang) {
            (TargetValue::Quantity { .. }, Lang::Zh) => format!("定量 {}", target.value),
            (TargetValue::Quantity { .. }, Lang::En) => format!("quantity {}", target.value),
            (TargetValue::Qualitative { .. }, _) => lang.pick("定性", "qualitative").to_string(),
            (TargetValue::Unfilled { .. }, _) => lang.pick("未填写", "not filled in").to_string(),
            (TargetValue::NotApplicable { .. }, _) => lang
                .pick("不适用，不计分", "not applicable: no points")
                .to_string(),
            (TargetValue::Unstated, _) => {
                lang.pick("未填年度指标值", "no target stated").to_string()
            }
        };
        let parsed = match target.sign {
            Sign::CeilingByKind => lang.pick(
                format!("{parsed}（{}未写方向，按上限）", target.level2),
                format!("{parsed} (no sign under {}: a ceiling)", target.level2),
            ),
            _ => parsed,
        };
        let parsed = format!("{parsed}{}", form_cells(target, a, lang));
        let _ = writeln!(
            out,
            "    {}",
            match lang {
                Lang::Zh => format!(
                    "{}/{}/{}：“{}” → {parsed}（{}）",
                    target.level1, target.level2, target.name, target.written, target.at
                ),
                Lang::En => format!(
                    "{}/{}/{}: “{}” → {parsed} ({})",
                    target.level1, target.level2, target.name, target.written, target.at
                ),
            }
        );
    }
    let _ = writeln!(
        out,
        "  {}",
        match lang {
            Lang::Zh => format!(
                "预算子项：{} 项，分 {} 个部分",
                t.budget.lines.len(),
                t.budget.groups.len()
            ),
            Lang::En => format!(
                "budget lines: {}, in {} parts",
                t.budget.lines.len(),
                t.budget.groups.len()
            ),
        }
    );
    for (line, total) in t.budget.lines.iter().zip(&r.lines) {
        let conditions: Vec<String> = line.matchers.iter().map(|m| m.say(lang)).collect();
        let _ = writeln!(
            out,
            "    {}",
            match lang {
                Lang::Zh => format!(
                    "{}/{}：预算{}；匹配 {} → {} 笔分录",
                    line.group,
                    total.label(lang),
                    wan(lang, line.planned),
                    clauses(lang, &conditions),
                    total.postings
                ),
                Lang::En => format!(
                    "{}/{}: planned {}; matching {} → {}",
                    line.group,
                    total.label(lang),
                    wan(lang, line.planned),
                    clauses(lang, &conditions),
                    count(lang, total.postings, Noun::Posting)
                ),
            }
        );
    }
    // Arrivals booked to a part or the fund as a whole, where there were any.
    let wholes = t
        .budget
        .groups
        .iter()
        .zip(&r.groups)
        .map(|(g, total)| (g.name.as_str(), &g.matchers, total.postings_for_part))
        .chain([(
            lang.pick("项目整体", "the whole fund"),
            &t.budget.fund,
            r.totals.postings_for_fund,
        )]);
    for (name, matchers, postings) in wholes.filter(|w| w.2 > 0) {
        let conditions: Vec<String> = matchers.iter().map(|m| m.say(lang)).collect();
        let _ = writeln!(
            out,
            "    {}",
            match lang {
                Lang::Zh => format!(
                    "{name}（整体到位）：匹配 {} → {postings} 笔到位分录",
                    clauses(lang, &conditions)
                ),
                Lang::En => format!(
                    "{name} (arrivals for it as a whole): matching {} → {}",
                    clauses(lang, &conditions),
                    count(lang, postings, Noun::Posting)
                ),
            }
        );
    }
    let survey = match &t.survey {
        Some(s) => {
            let reading = crate::measure::survey_reading(s, &a.rules.survey, lang);
            let none = || Term::None.say(lang).to_string();
            let group = reading.group.clone().unwrap_or_else(none);
            let improvement = reading.improvement.clone().unwrap_or_else(none);
            let satisfaction = if reading.satisfaction.is_empty() {
                none()
            } else {
                crate::glossary::list(lang, &reading.satisfaction)
            };
            lang.pick(
                format!(
                    "问卷：{}!{}，{} 份，{} 个题目；身份题：{group}；满意度题：{satisfaction}；生活改善题：{improvement}",
                    s.file,
                    s.sheet,
                    s.responses.len(),
                    s.questions.len(),
                ),
                format!(
                    "survey: {}!{}, {} responses, {} questions; group: {group}; satisfaction: {satisfaction}; life improved: {improvement}",
                    s.file,
                    s.sheet,
                    s.responses.len(),
                    s.questions.len(),
                ),
            )
        }
        None => labelled(lang, lang.pick("问卷", "survey"), Term::None.say(lang)),
    };
    let _ = writeln!(out, "  {survey}");
    let _ = writeln!(
        out,
        "  {}",
        match lang {
            Lang::Zh => format!("评价发现：{} 条", t.findings.len()),
            Lang::En => format!("evaluators' findings: {}", t.findings.len()),
        }
    );
}

/// The report, and whether the inputs can be evaluated.
pub fn render(a: &Analysis, lang: Lang) -> (String, bool) {
    let mut out = String::new();
    ledger(&mut out, a, lang);
    targets(&mut out, a, lang);
    let problems = problems(a, lang);
    let blocking = problems.iter().any(|p| p.blocking);
    let _ = writeln!(out, "\n{}", lang.pick("问题", "Problems"));
    if problems.is_empty() {
        let _ = writeln!(out, "  {}", Term::None.say(lang));
    }
    for p in &problems {
        let mark = match (p.blocking, lang) {
            (true, _) => lang.pick("错误", "error"),
            (false, _) => lang.pick("提示", "warning"),
        };
        let _ = match &p.at {
            Some(at) => writeln!(
                out,
                "  {}",
                labelled(lang, &format!("{mark} {at}"), &p.message)
            ),
            None => writeln!(out, "  {}", labelled(lang, mark, &p.message)),
        };
    }
    let note = Term::Note.heading(lang);
    for n in a.notes.iter().filter(|n| n.attention().is_none()) {
        let _ = writeln!(out, "{}", labelled(lang, &note, &n.say(lang)));
    }
    let verdict = match (blocking, lang) {
        (true, _) => lang.pick("不能评价", "cannot be evaluated"),
        (false, _) => lang.pick("可以评价", "can be evaluated"),
    };
    let _ = writeln!(
        out,
        "\n{}",
        labelled(lang, lang.pick("结论", "Conclusion"), verdict)
    );
    (out, !blocking)
}
