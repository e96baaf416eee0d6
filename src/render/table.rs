//! The default output: what an evaluator reads in a terminal and checks against the report —
//! the indicator table in the 附件1 layout, the total and the grade, the reconciliation, the
//! findings, and how every ledger row was used.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};
use rust_decimal::Decimal;

use super::Options;
use super::report::{Words, review_table};
use crate::evaluate::Evaluation;
use crate::glossary::points as fmt_points;
use crate::glossary::{Term, aside, labelled, points_off, wan};
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money::{self, fmt_yuan_grouped as yuan};
use crate::read::ledger::shape::describe;
use crate::score::DimensionScore;

fn table(options: &Options, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(if options.ascii {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    });
    t.set_header(header.to_vec());
    t
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

fn evidence(cells: &[CellRef], w: &Words) -> String {
    const SHOWN: usize = 3;
    let mut parts: Vec<String> = cells.iter().take(SHOWN).map(ToString::to_string).collect();
    if cells.len() > SHOWN {
        parts.push(w.pick(
            format!("等{}处", cells.len()),
            format!("({} in all)", cells.len()),
        ));
    }
    // Spaces, not 、: they let a narrow column wrap between references instead of inside one.
    parts.join(" ")
}

/// Display columns of the 扣分原因 column: 30 Chinese characters.
const REASON_WIDTH: u16 = 60;

fn indicators(e: &Evaluation, options: &Options) -> Table {
    let w = Words { lang: options.lang };
    let mut t = table(
        options,
        &[
            w.pick("一级指标", "Dimension"),
            w.pick("分值", "Points"),
            w.pick("二级指标", "Group"),
            w.pick("分值", "Points"),
            w.pick("三级指标", "Indicator"),
            w.pick("分值", "Points"),
            w.pick("得分", "Score"),
            w.pick("扣分原因", "Deductions"),
        ],
    );
    // Reasons run long; wrapping them keeps the table inside a printed page's width.
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(reasons) = t.column_mut(7) {
        reasons.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(REASON_WIDTH)));
    }
    let s = &e.scorecard;
    let mut previous: (&str, &str) = ("", "");
    for ind in &s.indicators {
        let [l1, l2, l3] = &ind.path;
        let dimension = s.dimensions.iter().find(|d| &d.name == l1);
        let level2 = dimension.and_then(|d| d.level2.iter().find(|l| &l.name == l2));
        let first_of_l1 = previous.0 != l1.as_str();
        let first_of_l2 = first_of_l1 || previous.1 != l2.as_str();
        previous = (l1, l2);
        let reasons: Vec<String> = ind
            .deductions
            .iter()
            .map(|d| {
                let reason = shortened(&d.reason, w.lang);
                if d.evidence.is_empty() {
                    reason.into_owned()
                } else {
                    format!(
                        "{}\n{}{}",
                        reason,
                        w.pick("依据：", "evidence: "),
                        evidence(&d.evidence, &w)
                    )
                }
            })
            .chain(
                ind.notice
                    .iter()
                    .map(|n| w.pick(format!("（{n}）"), format!("({n})"))),
            )
            .collect();
        t.add_row(vec![
            Cell::new(if first_of_l1 { l1.as_str() } else { "" }),
            right(if first_of_l1 {
                dimension.map(|d| fmt_points(d.points)).unwrap_or_default()
            } else {
                String::new()
            }),
            Cell::new(if first_of_l2 { l2.as_str() } else { "" }),
            right(if first_of_l2 {
                level2.map(|l| fmt_points(l.points)).unwrap_or_default()
            } else {
                String::new()
            }),
            Cell::new(l3),
            right(fmt_points(ind.points)),
            right(if ind.applicable {
                format!("{:.2}", money::round(ind.score, 2))
            } else {
                w.pick("不适用", "n/a").into()
            }),
            Cell::new(if ind.applicable {
                reasons.join("\n")
            } else {
                w.pick("无实际完成值，不考核", "no actual value: not assessed")
                    .into()
            }),
        ]);
    }
    t.add_row(vec![
        Cell::new(w.pick("合计", "Total")),
        right(fmt_points(s.points)),
        Cell::new(""),
        Cell::new(""),
        Cell::new(""),
        Cell::new(""),
        right(format!("{:.2}", money::round(s.total, 2))),
        Cell::new(format!(
            "{}{}",
            w.pick("评价等级：", "Grade: "),
            w.grade(&s.grade)
        )),
    ]);
    t
}

/// Money booked to a part or the fund as a whole: arrived, but planned and spent by its lines.
fn whole_row(part: &str, label: &str, arrived: Decimal) -> Vec<Cell> {
    vec![
        Cell::new(part),
        Cell::new(label),
        Cell::new(""),
        right(yuan(arrived)),
        Cell::new(""),
        Cell::new(""),
        Cell::new(""),
        Cell::new(""),
    ]
}

fn reconciliation(e: &Evaluation, options: &Options) -> Table {
    let (w, lang) = (Words { lang: options.lang }, options.lang);
    let heading = |term: Term| term.heading(lang);
    let header = [
        heading(Term::Part),
        heading(Term::BudgetLine),
        heading(Term::Planned),
        heading(Term::Arrived),
        heading(Term::Spent),
        heading(Term::Balance),
        w.pick("执行率", "Execution").to_string(),
        heading(Term::Beneficiaries),
    ];
    let mut t = table(options, &header.each_ref().map(String::as_str));
    let r = &e.reconciliation;
    let rate = |d: Option<Decimal>| d.map(money::fmt_percent).unwrap_or_else(|| "—".into());
    for g in &r.groups {
        for l in r.lines.iter().filter(|l| l.group == g.name) {
            let people = match (l.beneficiaries, l.beneficiaries_stated) {
                (0, false) => String::new(),
                (n, true) => format!("{n}{}", w.pick("（整笔）", " (bulk)")),
                (n, false) => n.to_string(),
            };
            t.add_row(vec![
                Cell::new(&l.group),
                Cell::new(l.label(lang)),
                right(yuan(l.planned)),
                right(yuan(l.arrived)),
                right(yuan(l.spent)),
                right(yuan(l.balance)),
                right(rate(l.execution_rate)),
                right(people),
            ]);
        }
        if g.postings_for_part > 0 {
            t.add_row(whole_row(
                &g.name,
                Term::ArrivedForPart.say(lang),
                g.arrived_for_part,
            ));
        }
        t.add_row(vec![
            Cell::new(&g.name),
            Cell::new(Term::Subtotal.heading(lang)),
            right(yuan(g.planned)),
            right(yuan(g.arrived)),
            right(yuan(g.spent)),
            right(yuan(g.balance)),
            right(rate(g.execution_rate)),
            Cell::new(""),
        ]);
    }
    let tot = &r.totals;
    if tot.postings_for_fund > 0 {
        t.add_row(whole_row(
            "",
            Term::ArrivedForFund.say(lang),
            tot.arrived_for_fund,
        ));
    }
    t.add_row(vec![
        Cell::new(Term::Total.heading(lang)),
        Cell::new(""),
        right(yuan(tot.planned)),
        right(yuan(tot.arrived)),
        right(yuan(tot.spent)),
        right(yuan(tot.balance)),
        right(rate(money::ratio(tot.spent, tot.planned))),
        Cell::new(""),
    ]);
    for y in r.years() {
        t.add_row(vec![
            Cell::new(""),
            Cell::new(y.label(lang)),
            right(yuan(y.planned)),
            right(yuan(y.arrived)),
            right(yuan(y.spent)),
            right(yuan(y.balance)),
            right(rate(y.execution_rate)),
            Cell::new(""),
        ]);
    }
    t
}

/// A dimension's result as the report writes it: `决策：总分20分，实得19分，扣1分`.
fn dimension_line(d: &DimensionScore, lang: Lang) -> String {
    let (points, applicable, score) = (
        fmt_points(d.points),
        fmt_points(d.applicable),
        fmt_points(d.score),
    );
    if d.applicable == Decimal::ZERO && d.points > Decimal::ZERO {
        return match lang {
            Lang::Zh => format!("{}：总分{points}分，指标均不适用", d.name),
            Lang::En => format!("{}: {points} points, no indicator applicable", d.name),
        };
    }
    let partly = money::round(d.applicable, 2) < money::round(d.points, 2);
    let base = if partly { d.applicable } else { d.points };
    match (lang, partly) {
        (Lang::Zh, true) => format!(
            "{}：总分{points}分，适用{applicable}分，实得{score}分，扣{}分",
            d.name,
            fmt_points(base - d.score)
        ),
        (Lang::Zh, false) => format!(
            "{}：总分{points}分，实得{score}分，扣{}分",
            d.name,
            fmt_points(base - d.score)
        ),
        (Lang::En, true) => format!(
            "{}: {points} points, {applicable} applicable, scored {score}, {}",
            d.name,
            points_off(lang, base - d.score)
        ),
        (Lang::En, false) => format!(
            "{}: {points} points, scored {score}, {}",
            d.name,
            points_off(lang, base - d.score)
        ),
    }
}

pub fn render(e: &Evaluation, options: &Options) -> String {
    let lang = options.lang;
    let w = Words { lang: options.lang };
    let mut out = String::new();
    let p = &e.targets.project;
    let title = if p.name.is_empty() {
        "项目".to_string()
    } else {
        p.name.clone()
    };
    out.push_str(&format!(
        "{title} {}{}{}\n",
        w.pick(
            "绩效评价（指标体系：",
            "performance evaluation (indicator system: "
        ),
        e.rules.name,
        w.pick("）", ")")
    ));
    if !p.department.is_empty() {
        out.push_str(&format!(
            "{}{}\n",
            w.pick("主管部门：", "Department: "),
            p.department
        ));
    }
    out.push('\n');
    out.push_str(&indicators(e, options).to_string());
    out.push_str(&format!(
        "\n\n{} {:.2}{}{}{}{}\n",
        w.pick("总分", "Total"),
        money::round(e.scorecard.total, 2),
        w.pick(" 分（满分 ", " of "),
        fmt_points(e.scorecard.points),
        w.pick("），评价等级：", ", grade "),
        w.grade(&e.scorecard.grade)
    ));
    if let Some(applicable) = e.scorecard.rescaled_from {
        let (applicable, raw, all) = (
            fmt_points(applicable),
            fmt_points(e.scorecard.raw),
            fmt_points(e.scorecard.points),
        );
        let total = money::round(e.scorecard.total, 2);
        out.push_str(&match lang {
            Lang::Zh => format!(
                "  适用指标{applicable}分，实得{raw}分，折算为百分制：{raw}×{all}÷{applicable}＝{total:.2}\n"
            ),
            Lang::En => format!(
                "  applicable indicators {applicable} points, scored {raw}, rescaled to {all}: {raw} × {all} ÷ {applicable} = {total:.2}\n"
            ),
        });
    }
    for d in &e.scorecard.dimensions {
        out.push_str(&format!("  {}\n", dimension_line(d, lang)));
    }
    out.push_str(&review(e, options));

    out.push_str(w.pick("\n资金对账（单位：元）\n", "\nReconciliation (yuan)\n"));
    out.push_str(&reconciliation(e, options).to_string());
    out.push('\n');
    out.push_str(&money_in_words(e, lang));
    out.push_str(&findings(e, &w));
    out.push_str(&reading_notes(e, lang));
    out
}

/// 自评复核: the unit's own score of each row beside the recomputed one, and the discrepancies.
fn review(e: &Evaluation, options: &Options) -> String {
    let Some(r) = &e.scorecard.review else {
        return String::new();
    };
    let w = Words { lang: options.lang };
    let (header, rows) = review_table(e, &w);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = table(options, &header);
    for row in rows {
        // The name, then figures, right-aligned.
        t.add_row(row.into_iter().enumerate().map(|(c, text)| match c {
            0 => Cell::new(text),
            _ => right(text),
        }));
    }
    let mut out = format!(
        "\n{}\n{t}\n",
        w.pick(
            "自评复核（单位自评得分与复核得分）",
            "Self-evaluation re-checked (the unit's scores and the recomputed ones)"
        )
    );
    if r.discrepancies.is_empty() {
        out.push_str(&format!(
            "  {}\n",
            w.pick("复核未发现自评表的差错", "no discrepancy in the form")
        ));
    }
    for (i, d) in r.discrepancies.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}\n     {}{}\n",
            i + 1,
            shortened(&d.sentence, options.lang),
            w.pick("依据：", "evidence: "),
            evidence(&d.evidence, &w)
        ));
    }
    out
}

/// Each part's money, the funds-arrival rate and the beneficiaries, a line each.
fn money_in_words(e: &Evaluation, lang: Lang) -> String {
    let mut out = String::new();
    let r = &e.reconciliation;
    // The report's own sentence per part: "预算资金150万元，实际使用149.54万元，结余0.46万元".
    for g in &r.groups {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "{}：预算{}，到位{}，实际支出{}，结余{}\n",
                g.name,
                wan(lang, g.planned),
                wan(lang, g.arrived),
                wan(lang, g.spent),
                wan(lang, g.balance)
            ),
            Lang::En => format!(
                "{}: planned {}, arrived {}, spent {}, balance {} (10k yuan)\n",
                g.name,
                money::fmt_wan(g.planned),
                money::fmt_wan(g.arrived),
                money::fmt_wan(g.spent),
                money::fmt_wan(g.balance)
            ),
        });
    }
    if let Some(rate) = r.funds_arrival_rate {
        out.push_str(&match lang {
            Lang::Zh => format!(
                "资金到位率 {}（到位 {} 万元 ／ 预算 {} 万元）\n",
                money::fmt_percent(rate),
                money::fmt_wan(r.totals.arrived),
                money::fmt_wan(r.totals.planned)
            ),
            Lang::En => format!(
                "{} {} (arrived {} of {} planned, in 10k yuan)\n",
                Term::FundsArrivalRate.heading(lang),
                money::fmt_percent(rate),
                money::fmt_wan(r.totals.arrived),
                money::fmt_wan(r.totals.planned)
            ),
        });
    }
    for (tally, n) in &r.tallies {
        out.push_str(&format!(
            "{}\n",
            labelled(
                lang,
                &format!(
                    "{}{}",
                    Term::Beneficiaries.heading(lang),
                    aside(lang, tally)
                ),
                &n.to_string()
            )
        ));
    }
    out
}

/// A text from the inputs as a terminal table shows it: its first 300 characters, and where the
/// rest is. A 1.8-million-character 摘要 took the table's wrapping over a minute.
fn shortened(text: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 300;
    if text.chars().nth(SHOWN).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let start: String = text.chars().take(SHOWN).collect();
    std::borrow::Cow::Owned(lang.pick(
        format!("{start}……（过长，全文见 --format json）"),
        format!("{start}… (too long: the whole text is in --format json)"),
    ))
}

/// The audit findings, numbered, each with its cells.
fn findings(e: &Evaluation, w: &Words) -> String {
    let lang = w.lang;
    let mut out = String::new();
    out.push_str(&format!("\n{}\n", Term::Findings.heading(lang)));
    if e.findings.is_empty() {
        out.push_str(&format!("  {}\n", Term::None.say(lang)));
    }
    for (i, f) in e.findings.iter().enumerate() {
        out.push_str(&format!(
            "  {}. {}\n     {}{}\n",
            i + 1,
            shortened(&f.sentence(lang), lang),
            w.pick("依据：", "evidence: "),
            evidence(&f.evidence, w)
        ));
    }
    out
}

/// How every ledger row was used, how each sheet was read, and the notes.
fn reading_notes(e: &Evaluation, lang: Lang) -> String {
    let r = &e.reconciliation;
    let mut out = String::new();
    let rows = &r.rows;
    out.push_str(&format!(
        "\n{}\n",
        labelled(lang, &Term::LedgerRows.heading(lang), &rows.summary(lang))
    ));
    let note = Term::Note.heading(lang);
    for sheet in &e.ledger.sheets {
        let read = match lang {
            Lang::Zh => format!(
                "{}!{}：{}；表头在第{}行：{}",
                sheet.file,
                sheet.sheet,
                describe(&sheet.layout, lang),
                sheet.header_row + 1,
                sheet.mapping()
            ),
            Lang::En => format!(
                "{}!{}: {}; the header in row {}: {}",
                sheet.file,
                sheet.sheet,
                describe(&sheet.layout, lang),
                sheet.header_row + 1,
                sheet.mapping()
            ),
        };
        out.push_str(&format!("{}\n", labelled(lang, &note, &read)));
    }
    for ignored in &e.ledger.ignored {
        out.push_str(&format!("{}\n", labelled(lang, &note, &ignored.say(lang))));
    }
    for f in &e.scorecard.unapplied {
        let text = match lang {
            Lang::Zh => format!(
                "{} 评价发现所指的“{}”不是本指标体系中参与评分的指标，未扣分",
                f.at, f.indicator
            ),
            Lang::En => format!(
                "{}: the evaluators' finding names “{}”, which is no indicator scored in this system: nothing deducted",
                f.at, f.indicator
            ),
        };
        out.push_str(&format!("{}\n", labelled(lang, &note, &text)));
    }
    for n in &e.notes {
        out.push_str(&format!("{}\n", labelled(lang, &note, &n.say(lang))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_lists_three_cells_then_counts() {
        let at = |r| CellRef::new(&"l.xlsx".into(), &"明细账".into(), r, 7);
        let zh = Words {
            lang: crate::lang::Lang::Zh,
        };
        assert_eq!(evidence(&[at(1)], &zh), "l.xlsx!明细账!H2");
        assert_eq!(
            evidence(&[at(1), at(2), at(3), at(4)], &zh),
            "l.xlsx!明细账!H2 l.xlsx!明细账!H3 l.xlsx!明细账!H4 等4处"
        );
        let en = Words {
            lang: crate::lang::Lang::En,
        };
        assert_eq!(
            evidence(&[at(1), at(2), at(3), at(4)], &en),
            "l.xlsx!明细账!H2 l.xlsx!明细账!H3 l.xlsx!明细账!H4 (4 in all)"
        );
    }
}
