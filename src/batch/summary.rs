//! `jixiao batch`'s summary: one row per fund, in the funds' order, in four formats.
//!
//! The table, CSV and workbook share one list of columns, so that they never disagree: the fund,
//! its status, the total and grade, one column per 一级 dimension, the money the reconciliation
//! found, the two rates, the findings and, for a fund that could not be evaluated, why. The
//! dimension columns are those of the first evaluated fund's indicator system; a fund scored on
//! another system fills the columns it shares by name, and JSON Lines, which has no columns, keeps
//! every fund's own dimensions. Each format writes figures the way the same format of
//! `evaluate` does: exact decimals in text, numbers with number formats in the workbook.

use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::batch::{Row, Scored};
use crate::glossary::{self, Noun, Term, count};
use crate::lang::Lang;
use crate::money;
use crate::render::csv::neutralise;
use crate::render::report::Words;
use crate::render::{self, Options, WriteText};

/// The `schema` of every JSON line.
pub const SCHEMA: &str = "jixiao.batch/1";

pub const EVALUATED: &str = "evaluated";
pub const FAILED: &str = "failed";
/// The status of a budget year's row under its fund (`--by-year`).
pub const YEAR: &str = "year";

/// The formats of `jixiao batch`'s summary: one row per fund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// A table for a terminal.
    Table,
    /// CSV, UTF-8 with a byte-order mark for Excel.
    Csv,
    /// JSON Lines: one JSON object per fund, every dimension of its own indicator system.
    Jsonl,
    /// A workbook with one sheet, numbers as numbers, ready to filter.
    Xlsx,
}

impl SummaryFormat {
    /// The extensions `-o` takes, for the message that lists them.
    pub const EXTENSIONS: [&'static str; 4] = [".txt", ".csv", ".jsonl", ".xlsx"];

    /// The format a file's extension names.
    pub fn from_path(path: &std::path::Path) -> Option<SummaryFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "csv" => SummaryFormat::Csv,
            "jsonl" | "ndjson" => SummaryFormat::Jsonl,
            "xlsx" => SummaryFormat::Xlsx,
            "txt" => SummaryFormat::Table,
            _ => return None,
        })
    }
}

/// One cell, typed until a format writes it.
enum Value {
    Text(String),
    Score(Decimal),
    Money(Decimal),
    Rate(Option<Decimal>),
    Count(usize),
    Blank,
}

/// The dimension columns: the 一级 dimensions of the first evaluated fund.
pub fn dimension_columns(rows: &[Row]) -> Vec<String> {
    rows.iter()
        .find_map(Row::scored)
        .map(|s| s.dimensions.iter().map(|d| d.name.clone()).collect())
        .unwrap_or_default()
}

/// Whether any fund is a re-checked 自评表: then the summary shows the claimed totals.
pub fn reviewed(rows: &[Row]) -> bool {
    rows.iter()
        .any(|r| r.scored().is_some_and(|s| s.review.is_some()))
}

fn header(w: &Words, dimensions: &[String], folder: bool, review: bool) -> Vec<String> {
    let mut h = vec![w.pick("专项资金", "Fund").to_string()];
    if folder {
        h.push(w.pick("文件夹", "Folder").into());
    }
    h.extend(
        [
            w.pick("状态", "Status"),
            w.pick("总分", "Total"),
            w.pick("等级", "Grade"),
        ]
        .map(String::from),
    );
    if review {
        h.extend(
            [
                w.pick("自评得分", "Claimed"),
                w.pick("复核差错", "Discrepancies"),
            ]
            .map(String::from),
        );
    }
    h.extend(dimensions.iter().cloned());
    let lang = w.lang;
    h.extend([
        w.pick("预算数（元）", "Planned (yuan)").to_string(),
        w.pick("到位资金（元）", "Arrived (yuan)").to_string(),
        w.pick("实际支出（元）", "Spent (yuan)").to_string(),
        Term::FundsArrivalRate.heading(lang),
        w.pick("执行率".into(), Term::ExecutionRate.heading(lang)),
        Term::Findings.heading(lang),
        w.pick("错误", "Error").to_string(),
    ]);
    h
}

/// A row's cells under [`header`]; the table shows the folder beside a name that differs from it.
fn cells(row: &Row, w: &Words, dimensions: &[String], folder: bool, review: bool) -> Vec<Value> {
    let mut c = Vec::new();
    if folder {
        c.push(Value::Text(row.name.clone()));
        c.push(Value::Text(row.folder.clone()));
    } else if row.name == row.folder {
        c.push(Value::Text(row.name.clone()));
    } else {
        c.push(Value::Text(format!("{} ({})", row.name, row.folder)));
    }
    match row.scored() {
        Some(s) => {
            c.push(Value::Text(EVALUATED.into()));
            c.push(Value::Score(s.total));
            c.push(Value::Text(w.grade(&s.grade)));
            if review {
                match s.review {
                    Some(r) => c.extend([Value::Score(r.claimed), Value::Count(r.discrepancies)]),
                    None => c.extend([Value::Blank, Value::Blank]),
                }
            }
            for name in dimensions {
                c.push(
                    s.dimensions
                        .iter()
                        .find(|d| &d.name == name)
                        .map_or(Value::Blank, |d| Value::Score(d.score)),
                );
            }
            c.extend([
                Value::Money(s.planned),
                Value::Money(s.arrived),
                Value::Money(s.spent),
                Value::Rate(s.funds_arrival_rate),
                Value::Rate(s.execution_rate),
                Value::Count(s.findings),
                Value::Blank,
            ]);
        }
        None => {
            c.push(Value::Text(FAILED.into()));
            let blanks = dimensions.len() + 8 + if review { 2 } else { 0 };
            c.extend((0..blanks).map(|_| Value::Blank));
            c.push(Value::Text(row.error().unwrap_or_default().to_string()));
        }
    }
    c
}

/// A budget year's row below its fund (`--by-year`): its money and rates, the score columns
/// left blank, as a year is not scored on its own.
fn year_cells(
    row: &Row,
    y: &crate::reconcile::YearTotal,
    w: &Words,
    dimensions: &[String],
    folder: bool,
    review: bool,
) -> Vec<Value> {
    let name = y.label_of(&row.name, w.lang);
    let mut c = vec![Value::Text(name)];
    if folder {
        c.push(Value::Text(row.folder.clone()));
    }
    c.push(Value::Text(YEAR.into()));
    let blanks = dimensions.len() + 2 + if review { 2 } else { 0 };
    c.extend((0..blanks).map(|_| Value::Blank));
    c.extend([
        Value::Money(y.planned),
        Value::Money(y.arrived),
        Value::Money(y.spent),
        Value::Rate(money::ratio(y.arrived, y.planned)),
        Value::Rate(y.execution_rate),
        Value::Blank,
        Value::Blank,
    ]);
    c
}

/// A fund's rows: its own, then with `by_year` one per budget year.
fn rows_of(
    row: &Row,
    w: &Words,
    dimensions: &[String],
    folder: bool,
    by_year: bool,
    review: bool,
) -> Vec<Vec<Value>> {
    let mut out = vec![cells(row, w, dimensions, folder, review)];
    if by_year && let Some(s) = row.scored() {
        out.extend(
            s.years
                .iter()
                .map(|y| year_cells(row, y, w, dimensions, folder, review)),
        );
    }
    out
}

/// Display columns of the error column: 30 Chinese characters.
const ERROR_WIDTH: u16 = 60;

fn table(rows: &[Row], options: &Options, by_year: bool) -> String {
    let review = reviewed(rows);
    let w = Words { lang: options.lang };
    let dimensions = dimension_columns(rows);
    let mut t = Table::new();
    t.load_style(if options.ascii {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    });
    let head = header(&w, &dimensions, false, review);
    let error_column = head.len().saturating_sub(1);
    t.set_header(head);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(errors) = t.column_mut(error_column) {
        errors.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(ERROR_WIDTH)));
    }
    for cells in rows
        .iter()
        .flat_map(|row| rows_of(row, &w, &dimensions, false, by_year, review))
    {
        t.add_row(cells.into_iter().map(|v| {
            let right = |text: String| Cell::new(text).set_alignment(CellAlignment::Right);
            match v {
                Value::Text(text) => Cell::new(text),
                Value::Score(d) => right(format!("{:.2}", money::round(d, 2))),
                Value::Money(d) => right(money::fmt_yuan_grouped(d)),
                Value::Rate(Some(d)) => right(money::fmt_percent(d)),
                Value::Rate(None) => right("—".into()),
                Value::Count(n) => right(n.to_string()),
                Value::Blank => Cell::new(""),
            }
        }));
    }
    format!("{t}\n")
}

fn csv(rows: &[Row], lang: Lang, by_year: bool) -> Vec<u8> {
    let review = reviewed(rows);
    let w = Words { lang };
    let dimensions = dimension_columns(rows);
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().from_writer(&mut out);
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(
            header(&w, &dimensions, true, review)
                .iter()
                .map(|h| neutralise(h)),
        );
        for cells in rows
            .iter()
            .flat_map(|row| rows_of(row, &w, &dimensions, true, by_year, review))
        {
            let record = cells.into_iter().map(|v| match v {
                // Only text can carry a formula: the figures are the tool's own.
                Value::Text(text) => neutralise(&text),
                Value::Score(d) => format!("{:.2}", money::round(d, 2)),
                Value::Money(d) => money::fmt_yuan(d),
                Value::Rate(d) => d.map(money::fmt_rate).unwrap_or_default(),
                Value::Count(n) => n.to_string(),
                Value::Blank => String::new(),
            });
            let _ = writer.write_record(record);
        }
        let _ = writer.flush();
    }
    out
}

#[derive(Serialize)]
struct Dimension<'a> {
    name: &'a str,
    points: String,
    score: String,
}

/// One JSON line; a fund that could not be evaluated has `null` for every figure.
#[derive(Serialize)]
struct Line<'a> {
    schema: &'static str,
    fund: &'a str,
    folder: &'a str,
    status: &'static str,
    rules: Option<&'a str>,
    total: Option<String>,
    points: Option<String>,
    grade: Option<&'a str>,
    dimensions: Vec<Dimension<'a>>,
    planned: Option<String>,
    arrived: Option<String>,
    spent: Option<String>,
    funds_arrival_rate: Option<String>,
    execution_rate: Option<String>,
    findings: Option<usize>,
    bank: Option<&'a str>,
    error: Option<&'a str>,
    /// The budget years side by side; absent for a fund without 年度.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    years: Vec<Year>,
    /// A filled 自评表's own total and the discrepancies of its re-check; absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    claimed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    discrepancies: Option<usize>,
}

/// A budget year of a JSON line.
#[derive(Serialize)]
struct Year {
    year: u16,
    planned: String,
    arrived: String,
    spent: String,
    funds_arrival_rate: Option<String>,
    execution_rate: Option<String>,
}

fn line<'a>(row: &'a Row) -> Line<'a> {
    let s: Option<&Scored> = row.scored();
    let points = |d: Decimal| format!("{:.2}", money::round(d, 2));
    Line {
        schema: SCHEMA,
        fund: &row.name,
        folder: &row.folder,
        status: if s.is_some() { EVALUATED } else { FAILED },
        rules: s.map(|s| s.rules.as_str()),
        total: s.map(|s| points(s.total)),
        points: s.map(|s| points(s.points)),
        grade: s.map(|s| s.grade.as_str()),
        dimensions: s
            .map(|s| {
                s.dimensions
                    .iter()
                    .map(|d| Dimension {
                        name: &d.name,
                        points: points(d.points),
                        score: points(d.score),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        planned: s.map(|s| money::fmt_yuan(s.planned)),
        arrived: s.map(|s| money::fmt_yuan(s.arrived)),
        spent: s.map(|s| money::fmt_yuan(s.spent)),
        funds_arrival_rate: s.and_then(|s| s.funds_arrival_rate).map(money::fmt_rate),
        execution_rate: s.and_then(|s| s.execution_rate).map(money::fmt_rate),
        findings: s.map(|s| s.findings),
        bank: s.and_then(|s| s.bank.as_ref()).map(|b| b.file.as_str()),
        error: row.error(),
        claimed: s.and_then(|s| s.review).map(|r| points(r.claimed)),
        discrepancies: s.and_then(|s| s.review).map(|r| r.discrepancies),
        years: s
            .map(|s| {
                s.years
                    .iter()
                    .map(|y| Year {
                        year: y.year,
                        planned: money::fmt_yuan(y.planned),
                        arrived: money::fmt_yuan(y.arrived),
                        spent: money::fmt_yuan(y.spent),
                        funds_arrival_rate: money::ratio(y.arrived, y.planned).map(money::fmt_rate),
                        execution_rate: y.execution_rate.map(money::fmt_rate),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn jsonl(rows: &[Row]) -> Result<Vec<u8>, render::Error> {
    let mut out = Vec::new();
    for row in rows {
        serde_json::to_writer(&mut out, &line(row))?;
        out.push(b'\n');
    }
    Ok(out)
}

/// A workbook cell takes a float: converted here, at the last moment, from the exact decimal.
fn num(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn xlsx(rows: &[Row], lang: Lang, by_year: bool) -> Result<Vec<u8>, render::Error> {
    let review = reviewed(rows);
    use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
    let build = || -> Result<Vec<u8>, XlsxError> {
        let w = Words { lang };
        let dimensions = dimension_columns(rows);
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        let head_style = cell()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color("#D9E1F2")
            .set_text_wrap();
        let (text, wrap) = (cell(), cell().set_text_wrap());
        let points = cell().set_num_format("0.00");
        let money_style = cell().set_num_format("#,##0.00");
        let rate = cell().set_num_format("0.00%");
        let count = cell().set_num_format("0");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name(w.pick("汇总", "Summary"))?;
        let head = header(&w, &dimensions, true, review);
        for (c, h) in head.iter().enumerate() {
            ws.write_text(0, c as u16, h, &head_style, lang)?;
        }
        let all: Vec<Vec<Value>> = rows
            .iter()
            .flat_map(|row| rows_of(row, &w, &dimensions, true, by_year, review))
            .collect();
        for (i, cells) in all.into_iter().enumerate() {
            let r = 1 + i as u32;
            for (c, v) in cells.into_iter().enumerate() {
                let c = c as u16;
                match v {
                    Value::Text(t) if c + 1 == head.len() as u16 => {
                        ws.write_text(r, c, t, &wrap, lang)?
                    }
                    Value::Text(t) => ws.write_text(r, c, t, &text, lang)?,
                    Value::Score(d) => {
                        ws.write_number_with_format(r, c, num(money::round(d, 2)), &points)?
                    }
                    Value::Money(d) => {
                        ws.write_number_with_format(r, c, num(money::round_fen(d)), &money_style)?
                    }
                    Value::Rate(Some(d)) => {
                        ws.write_number_with_format(r, c, num(money::round(d, 6)), &rate)?
                    }
                    Value::Count(n) => ws.write_number_with_format(r, c, n as f64, &count)?,
                    Value::Rate(None) | Value::Blank => ws.write_blank(r, c, &text)?,
                };
            }
        }
        let last = head.len().saturating_sub(1) as u16;
        let written = rows
            .iter()
            .map(|row| {
                1 + row
                    .scored()
                    .filter(|_| by_year)
                    .map_or(0, |s| s.years.len())
            })
            .sum::<usize>();
        ws.autofilter(0, 0, written as u32, last)?;
        ws.set_freeze_panes(1, 1)?;
        ws.set_column_width(0, 30)?;
        ws.set_column_width(1, 16)?;
        for c in 2..last {
            ws.set_column_width(c, 12)?;
        }
        ws.set_column_width(last, 80)?;
        ws.set_landscape();
        ws.set_paper_size(9);
        wb.save_to_buffer()
    };
    Ok(build()?)
}

pub fn render(
    rows: &[Row],
    format: SummaryFormat,
    options: &Options,
    by_year: bool,
) -> Result<Vec<u8>, render::Error> {
    Ok(match format {
        SummaryFormat::Table => table(rows, options, by_year).into_bytes(),
        SummaryFormat::Csv => csv(rows, options.lang, by_year),
        SummaryFormat::Jsonl => jsonl(rows)?,
        SummaryFormat::Xlsx => xlsx(rows, options.lang, by_year)?,
    })
}

/// What the user should know about the batch that is in no row: entries of DIR that are not
/// funds, the bank statements used without being named, funds whose dimensions have no column.
pub fn notes(
    rows: &[Row],
    ignored: &[String],
    dir: &std::path::Path,
    format: SummaryFormat,
    lang: Lang,
) -> Vec<String> {
    let mut notes = Vec::new();
    let d = dir.display();
    if !ignored.is_empty() {
        let (entries, list) = (
            count(lang, ignored.len(), Noun::Entry),
            glossary::list(lang, ignored),
        );
        notes.push(lang.pick(
            format!("忽略了 {d} 中不在专项资金文件夹内的{entries}：{list}"),
            format!("ignored {entries} directly in {d}, not in a fund folder: {list}"),
        ));
    }
    let found = rows
        .iter()
        .filter_map(Row::scored)
        .filter(|s| s.bank.as_ref().is_some_and(|b| b.found))
        .count();
    if found > 0 {
        let funds = count(lang, found, Noun::Fund);
        notes.push(lang.pick(
            format!("{funds}专项资金使用了账页旁的银行对账单（bank.xlsx、银行对账单.xlsx 等；--no-bank 不使用）"),
            format!("the bank statement beside the ledger (bank.xlsx, 银行对账单.xlsx …) was used for {funds} (--no-bank not to)"),
        ));
    }
    let own = rows
        .iter()
        .filter_map(Row::scored)
        .filter(|s| s.own_rules)
        .count();
    if own > 0 {
        let funds = count(lang, own, Noun::Fund);
        notes.push(lang.pick(
            format!("{funds}专项资金使用了其文件夹中的 rules.toml（代替 --rules 或预设）"),
            format!("the rules.toml in its own folder was used for {funds} (in place of --rules or the preset)"),
        ));
    }
    let columns = dimension_columns(rows);
    if format != SummaryFormat::Jsonl {
        let other: Vec<String> = rows
            .iter()
            .filter(|r| {
                r.scored()
                    .is_some_and(|s| !s.dimensions.iter().map(|d| &d.name).eq(columns.iter()))
            })
            .map(|r| r.name.clone())
            .collect();
        if !other.is_empty() {
            let (columns, other) = (glossary::list(lang, &columns), glossary::list(lang, &other));
            notes.push(lang.pick(
                format!("维度列取自第一个评价完成的专项资金（{columns}）；{other}的维度与之不同：--format jsonl 保留各自的维度"),
                format!("the dimension columns are those of the first fund evaluated ({columns}); {other} scored on other dimensions: --format jsonl has each fund's own"),
            ));
        }
    }
    notes
}
