//! `--explain INDICATOR`: for one indicator, everything behind its score — the rule, the measure
//! and how it came about, every deduction with its cells, and the ledger rows those cells are
//! on — so that a reviewer can retrace it without the tool.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::evaluate::Evaluation;
use crate::glossary::points as fmt_points;
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::ledger::LedgerRow;
use crate::read::text::Texts;
use crate::reconcile::Assignment;

/// How many ledger rows to print before counting the rest.
const SHOWN_ROWS: usize = 60;

fn row_line(r: &LedgerRow, t: &Texts, lang: Lang) -> String {
    let date = r.date.map(|d| d.to_string()).unwrap_or_default();
    let amount = if r.debit() != rust_decimal::Decimal::ZERO {
        format!(
            "{} {}",
            lang.pick("借", "debit"),
            money::fmt_yuan_grouped(r.debit())
        )
    } else {
        format!(
            "{} {}",
            lang.pick("贷", "credit"),
            money::fmt_yuan_grouped(r.credit())
        )
    };
    format!(
        "{} {date} {} {} {} {} {amount}",
        r.at,
        &t[r.voucher],
        &*r.summary(t),
        &t[r.project],
        &t[r.payee]
    )
}

/// The indicator by its 三级 name or its code.
fn find<'e>(e: &'e Evaluation, wanted: &str) -> Option<&'e crate::score::IndicatorScore> {
    e.scorecard
        .indicators
        .iter()
        .find(|i| normalize(&i.path[2]) == normalize(wanted) || i.code.as_deref() == Some(wanted))
}

/// `None` when no indicator has that name or code.
pub fn render(e: &Evaluation, wanted: &str, lang: Lang) -> Option<String> {
    let ind = find(e, wanted)?;
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        ind.path.join(" / "),
        ind.code
            .as_ref()
            .map(|c| lang.pick(format!("（{c}）"), format!(" ({c})")))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "{}{}{}{}",
        if zh { "分值 " } else { "points " },
        fmt_points(ind.points),
        if zh { "，得分 " } else { ", score " },
        if ind.applicable {
            format!("{:.2}", money::round(ind.score, 2))
        } else {
            "n/a".into()
        }
    );
    let _ = writeln!(
        out,
        "{}{}",
        if zh { "评分标准：" } else { "criterion: " },
        ind.criterion
    );
    let mut cells: Vec<CellRef> = Vec::new();
    match ind
        .measure
        .as_ref()
        .map(|name| (name, e.measures.get(name)))
    {
        Some((name, Some(m))) => {
            let _ = writeln!(
                out,
                "{}{name}{}= {}",
                if zh { "度量：" } else { "measure: " },
                lang.pick(format!("（{}）", m.label), format!(" ({}) ", m.label)),
                m.display()
            );
            if !m.detail.is_empty() {
                let _ = writeln!(out, "  {}", m.detail);
            }
            for item in &m.items {
                let _ = writeln!(out, "  - {}", item.sentence);
            }
            cells.extend(m.evidence.iter().cloned());
        }
        Some((name, None)) => {
            let _ = writeln!(
                out,
                "{}{name}{}{}",
                if zh { "度量：" } else { "measure: " },
                if zh { "：" } else { ": " },
                if zh {
                    "无输入提供"
                } else {
                    "no input provides it"
                }
            );
        }
        None if !ind.parts.is_empty() => {
            let _ = writeln!(out, "{}", lang.pick("各部分：", "parts:"));
            for p in &ind.parts {
                let _ = writeln!(
                    out,
                    "  {}",
                    lang.pick(
                        format!(
                            "{}：{}／{}分；{} = {}；{}",
                            p.name,
                            fmt_points(p.score),
                            fmt_points(p.points),
                            p.measure,
                            p.value.as_deref().unwrap_or("—"),
                            p.criterion
                        ),
                        format!(
                            "{}: {} of {}; {} = {}; {}",
                            p.name,
                            fmt_points(p.score),
                            fmt_points(p.points),
                            p.measure,
                            p.value.as_deref().unwrap_or("—"),
                            p.criterion
                        ),
                    )
                );
                if let Some(m) = e.measures.get(&p.measure) {
                    cells.extend(m.evidence.iter().cloned());
                }
            }
        }
        None => {
            let _ = writeln!(
                out,
                "{}",
                if zh {
                    "度量：无（由评价组评分）"
                } else {
                    "measure: none (scored by the evaluator)"
                }
            );
        }
    }
    if let Some(n) = &ind.notice {
        let _ = writeln!(out, "  {}", lang.pick(format!("（{n}）"), format!("({n})")));
    }
    let _ = writeln!(out, "{}", if zh { "扣分：" } else { "deductions:" });
    if ind.deductions.is_empty() {
        let _ = writeln!(out, "  {}", if zh { "无" } else { "none" });
    }
    for d in &ind.deductions {
        let _ = writeln!(out, "  -{} {}", fmt_points(d.points), d.reason);
        for c in &d.evidence {
            let _ = writeln!(out, "      {c}");
        }
        cells.extend(d.evidence.iter().cloned());
    }

    out.push_str(&ledger_rows(e, &cells, lang));
    Some(out)
}

/// The ledger rows behind `cells`: the rows the cells are on and, for a budget line's cell, the
/// postings assigned to that line.
fn rows_behind<'e>(e: &'e Evaluation, cells: &[CellRef]) -> Vec<&'e LedgerRow> {
    let places: BTreeSet<(String, String, u32)> = cells
        .iter()
        .map(|c| (c.file().to_string(), c.sheet().to_string(), c.row))
        .collect();
    let lines: Vec<usize> = e
        .reconciliation
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            places.contains(&(l.at.file().to_string(), l.at.sheet().to_string(), l.at.row))
        })
        .map(|(i, _)| i)
        .collect();
    e.ledger
        .rows
        .iter()
        .zip(&e.reconciliation.postings)
        .filter(|(r, (_, a))| {
            places.contains(&(r.at.file().to_string(), r.at.sheet().to_string(), r.at.row))
                || matches!(a, Assignment::Line(i) if lines.contains(&(*i as usize)))
        })
        .map(|(r, _)| r)
        .collect()
}

fn ledger_rows(e: &Evaluation, cells: &[CellRef], lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let rows = rows_behind(e, cells);
    if !rows.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            if zh { "账页行：" } else { "ledger rows: " },
            rows.len()
        );
        for r in rows.iter().take(SHOWN_ROWS) {
            let _ = writeln!(out, "  {}", row_line(r, &e.ledger.texts, lang));
        }
        if rows.len() > SHOWN_ROWS {
            let _ = writeln!(
                out,
                "  {}{}",
                if zh { "……另有 " } else { "… and " },
                rows.len() - SHOWN_ROWS
            );
        }
    }
    out
}

/// The same as JSON, for a script: every ledger row behind the indicator, none left out.
/// `None` when no indicator has that name or code.
pub fn render_json(e: &Evaluation, wanted: &str) -> Option<String> {
    use serde_json::json;
    let ind = find(e, wanted)?;
    let measure = ind.measure.as_ref().map(|name| match e.measures.get(name) {
        Some(m) => json!({
            "name": name,
            "label": m.label,
            "value": super::json::measure_value(m),
            "display": m.display(),
            "detail": m.detail,
            "items": m.items.iter().map(|i| &i.sentence).collect::<Vec<_>>(),
            "evidence": m.evidence,
        }),
        None => json!({ "name": name, "provided": false }),
    });
    let mut cells: Vec<CellRef> = ind
        .measure
        .as_ref()
        .and_then(|name| e.measures.get(name))
        .map(|m| m.evidence.clone())
        .unwrap_or_default();
    cells.extend(
        ind.deductions
            .iter()
            .flat_map(|d| d.evidence.iter().cloned()),
    );
    let t = &e.ledger.texts;
    let rows: Vec<serde_json::Value> = rows_behind(e, &cells)
        .into_iter()
        .map(|r| {
            json!({
                "at": r.at,
                "date": r.date.map(|d| d.to_string()),
                "voucher": &t[r.voucher],
                "summary": &*r.summary(t),
                "project": &t[r.project],
                "payee": &t[r.payee],
                "debit": money::fmt_yuan(r.debit()),
                "credit": money::fmt_yuan(r.credit()),
            })
        })
        .collect();
    let mut value = json!({
        "schema": "jixiao-explain/1",
        "path": ind.path,
        "code": ind.code,
        "points": ind.points.normalize().to_string(),
        "score": ind.applicable.then(|| format!("{:.2}", money::round(ind.score, 2))),
        "applicable": ind.applicable,
        "criterion": ind.criterion,
        "measure": measure,
        "notice": ind.notice,
        "deductions": ind.deductions.iter().map(|d| json!({
            "points": d.points.normalize().to_string(),
            "reason": d.reason,
            "evidence": d.evidence,
        })).collect::<Vec<_>>(),
        "ledger_rows": rows,
    });
    // An indicator made of parts lists them; others are written as they always were.
    if !ind.parts.is_empty()
        && let Some(object) = value.as_object_mut()
    {
        let parts = ind
            .parts
            .iter()
            .map(|p| {
                json!({
                    "name": p.name,
                    "points": format!("{:.2}", p.points),
                    "score": format!("{:.2}", p.score),
                    "measure": p.measure,
                    "value": p.value,
                    "criterion": p.criterion,
                })
            })
            .collect();
        object.insert("parts".into(), parts);
    }
    serde_json::to_string_pretty(&value).ok().map(|mut s| {
        s.push('\n');
        s
    })
}
