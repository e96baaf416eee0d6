//! `--format html`: one self-contained page (no network: styles inline, charts as SVG drawn
//! here) with the report's sections, a chart of each dimension's score against its points and
//! one of execution per budget line, laid out to print on A4.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::report::{Block, Merge, document};
use crate::evaluate::Evaluation;
use crate::lang::Lang;
use crate::money;

/// Input text as HTML: markup escaped, and control characters (which a page shows as nothing,
/// and HTML calls errors) shown as their pictures, as everything printed shows them.
fn esc(text: &str) -> String {
    crate::label::neutral(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn f(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.6}\
h1{font-size:1.5em;text-align:center}h2{font-size:1.2em;border-bottom:1px solid #999;margin-top:1.6em}\
table{border-collapse:collapse;width:100%;font-size:.85em;margin:.8em 0}th,td{border:1px solid #888;padding:.25em .4em;vertical-align:top}\
th{background:#e8eef7}td.n{text-align:right;white-space:nowrap}table:not(.indicators) td:first-child{white-space:nowrap}ul{padding-left:1.4em}svg{max-width:100%;height:auto}\
.charts{display:flex;flex-wrap:wrap;gap:1em}.charts figure{margin:0;flex:1 1 480px}figcaption{font-size:.9em;text-align:center}\
@page{size:A4 portrait;margin:15mm}@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}";

/// Bars of each dimension's score over its points.
fn dimension_chart(e: &Evaluation, lang: Lang) -> String {
    let dims = &e.scorecard.dimensions;
    let max = dims.iter().map(|d| f(d.points)).fold(1.0_f64, f64::max);
    let (left, width, row) = (110.0, 340.0, 34.0);
    let height = row * dims.len() as f64 + 30.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 520 {height}\" role=\"img\">"
    );
    for (i, d) in dims.iter().enumerate() {
        let y = 10.0 + row * i as f64;
        let full = width * f(d.points) / max;
        let got = width * f(d.score) / max;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"end\">{}</text><rect x=\"{left}\" y=\"{y}\" width=\"{full:.1}\" height=\"20\" fill=\"#dde3ea\"/><rect x=\"{left}\" y=\"{y}\" width=\"{got:.1}\" height=\"20\" fill=\"#3b6ea8\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{} / {}</text>",
            left - 8.0,
            y + 15.0,
            esc(&d.name),
            left + full + 6.0,
            y + 15.0,
            money::round(d.score, 2).normalize(),
            d.points.normalize()
        ));
    }
    let label = match lang {
        Lang::Zh => "实得分 / 分值",
        Lang::En => "score / points",
    };
    svg.push_str(&format!(
        "<text x=\"{left}\" y=\"{}\" font-size=\"11\" fill=\"#555\">{label}</text></svg>",
        height - 4.0
    ));
    svg
}

/// Bars of execution (spent / planned) per budget line, with the 100 % mark.
fn execution_chart(e: &Evaluation, lang: Lang) -> String {
    let lines = &e.reconciliation.lines;
    let (left, width, row) = (250.0, 230.0, 24.0);
    let height = row * lines.len() as f64 + 34.0;
    let scale = |rate: f64| width * rate.clamp(0.0, 1.5) / 1.5;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 560 {height}\" role=\"img\">"
    );
    for (i, l) in lines.iter().enumerate() {
        let y = 8.0 + row * i as f64;
        let rate = l.execution_rate.map_or(0.0, f);
        // A long name is shortened visibly, not cut mid-bracket (`…（低收入补助`).
        let mut name: String = if l.name.chars().count() > 18 {
            l.name.chars().take(17).chain(['…']).collect()
        } else {
            l.name.clone()
        };
        if let Some(year) = l.year {
            name.push_str(&format!(" {year}"));
        }
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text><rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"16\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{}</text>",
            left - 6.0,
            y + 12.0,
            esc(&name),
            scale(rate),
            if rate > 1.0 { "#b8433a" } else { "#5a8f4e" },
            left + scale(rate) + 4.0,
            y + 12.0,
            l.execution_rate.map(money::fmt_percent).unwrap_or_else(|| "—".into())
        ));
    }
    let mark = left + scale(1.0);
    let label = match lang {
        Lang::Zh => "执行率（实际支出 / 预算数）",
        Lang::En => "execution (spent / planned)",
    };
    svg.push_str(&format!(
        "<line x1=\"{mark:.1}\" y1=\"4\" x2=\"{mark:.1}\" y2=\"{:.1}\" stroke=\"#333\" stroke-dasharray=\"3,3\"/><text x=\"{mark:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">100%</text><text x=\"{left}\" y=\"{:.1}\" font-size=\"11\" fill=\"#555\">{label}</text></svg>",
        height - 24.0,
        height - 13.0,
        height - 2.0
    ));
    svg
}

/// Whether a cell is a figure, set to the right.
fn numeric(c: &str) -> bool {
    !c.is_empty()
        && c.chars()
            .all(|ch| ch.is_ascii_digit() || ",.%-—".contains(ch))
}

/// The indicator table with its 一级 and 二级 cells (name and points) merged down the rows they
/// head, as the report's 附件1 prints them, and columns wide enough that a name is not a
/// character a line.
fn indicator_table(header: &[String], rows: &[Vec<String>]) -> String {
    const WIDTHS: [&str; 9] = ["5em", "3em", "6em", "3em", "8em", "3em", "", "4em", ""];
    let mut out = String::from("<table class=\"indicators\"><colgroup>");
    for w in WIDTHS.iter().take(header.len()) {
        if w.is_empty() {
            out.push_str("<col>");
        } else {
            out.push_str(&format!("<col style=\"width:{w}\">"));
        }
    }
    out.push_str("</colgroup><thead><tr>");
    for h in header {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    let merges = super::report::merges(rows);
    for (r, row) in rows.iter().enumerate() {
        out.push_str("<tr>");
        for (c, text) in row.iter().enumerate() {
            match merges.get(r).and_then(|m| m.get(c)) {
                Some(Merge::Covered) => continue,
                Some(Merge::Spans(n)) => {
                    out.push_str(&format!(
                        "<td rowspan=\"{n}\"{}>{}</td>",
                        if numeric(text) { " class=\"n\"" } else { "" },
                        esc(text)
                    ));
                    continue;
                }
                _ => {}
            }
            out.push_str(&format!(
                "<td{}>{}</td>",
                if numeric(text) { " class=\"n\"" } else { "" },
                esc(text)
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
    out
}

pub fn render(e: &Evaluation, lang: Lang) -> String {
    let title = document(e, lang)
        .into_iter()
        .find_map(|b| {
            if let Block::Heading(1, t) = b {
                Some(t)
            } else {
                None
            }
        })
        .unwrap_or_default();
    let mut body = String::new();
    for block in document(e, lang) {
        match block {
            Block::Heading(level, text) => {
                body.push_str(&format!("<h{level}>{}</h{level}>\n", esc(&text)))
            }
            Block::Para(text) => body.push_str(&format!("<p>{}</p>\n", esc(&text))),
            Block::List(items) => {
                body.push_str("<ul>");
                for item in items {
                    body.push_str(&format!("<li>{}</li>", esc(&item)));
                }
                body.push_str("</ul>\n");
            }
            Block::Indicators(header, rows) => body.push_str(&indicator_table(&header, &rows)),
            Block::Table(header, rows) => {
                body.push_str("<table><thead><tr>");
                for h in header {
                    body.push_str(&format!("<th>{}</th>", esc(&h)));
                }
                body.push_str("</tr></thead><tbody>");
                for row in rows {
                    body.push_str("<tr>");
                    for c in row {
                        let numeric = !c.is_empty()
                            && c.chars()
                                .all(|ch| ch.is_ascii_digit() || ",.%-—".contains(ch));
                        body.push_str(&format!(
                            "<td{}>{}</td>",
                            if numeric { " class=\"n\"" } else { "" },
                            esc(&c)
                        ));
                    }
                    body.push_str("</tr>");
                }
                body.push_str("</tbody></table>\n");
            }
            Block::Charts => {
                let (a, b) = match lang {
                    Lang::Zh => ("各一级指标得分", "各预算子项执行率"),
                    Lang::En => ("Score by dimension", "Execution by budget line"),
                };
                body.push_str(&format!(
                    "<div class=\"charts\"><figure>{}<figcaption>{a}</figcaption></figure><figure>{}<figcaption>{b}</figcaption></figure></div>\n",
                    dimension_chart(e, lang),
                    execution_chart(e, lang)
                ));
            }
            Block::Placeholder(text) => {
                body.push_str(&format!("<p class=\"placeholder\">{}</p>\n", esc(&text)))
            }
            Block::PageBreak => body.push_str("<div style=\"break-before:page\"></div>\n"),
        }
    }
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\"><meta name=\"generator\" content=\"jixiao\"><title>{}</title><style>{STYLE}</style></head>\n<body>\n{body}</body></html>\n",
        esc(&title)
    )
}
