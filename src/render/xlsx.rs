//! `--format xlsx`: the workbook an evaluator hands in — the 附件1 indicator table with its
//! merged cells, A4 landscape; the reconciliation with formulas for its totals and rates, so that
//! a reader can check them in Excel; the findings with their evidence; the inputs read.

use crate::render::WriteText;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::report::{Words, indicator_rows};
use crate::evaluate::Evaluation;
use crate::glossary::Term;
use crate::lang::Lang;
use crate::money;
use crate::read::ledger::shape::describe;

fn num(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

struct Styles {
    header: Format,
    text: Format,
    wrap: Format,
    points: Format,
    money: Format,
    rate: Format,
}

fn styles() -> Styles {
    let cell = || {
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
    };
    Styles {
        header: cell()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_background_color("#D9E1F2")
            .set_text_wrap(),
        text: cell(),
        wrap: cell().set_text_wrap(),
        points: cell().set_num_format("0.00"),
        money: cell().set_num_format("#,##0.00"),
        rate: cell().set_num_format("0.00%"),
    }
}

/// The 附件1 table: 一级 and 二级 merged over their rows.
fn indicators(ws: &mut Worksheet, e: &Evaluation, w: &Words, s: &Styles) -> Result<(), XlsxError> {
    let header = w.indicator_header();
    for (c, h) in header.iter().enumerate() {
        ws.write_text(0, c as u16, h, &s.header, w.lang)?;
    }
    let rows = indicator_rows(e, w);
    let indicators = &e.scorecard.indicators;
    let count = indicators.len() as u32;
    for (i, ind) in indicators.iter().enumerate() {
        let r = 1 + i as u32;
        let row = rows.get(i).cloned().unwrap_or_default();
        let text = |c: usize| row.get(c).cloned().unwrap_or_default();
        ws.write_text(r, 4, &ind.path[2], &s.text, w.lang)?;
        ws.write_number_with_format(r, 5, num(ind.points), &s.points)?;
        ws.write_text(r, 6, text(6), &s.wrap, w.lang)?;
        if ind.applicable {
            ws.write_number_with_format(r, 7, num(money::round(ind.score, 2)), &s.points)?;
        } else {
            ws.write_text(r, 7, text(7), &s.text, w.lang)?;
        }
        ws.write_text(r, 8, text(8), &s.wrap, w.lang)?;
    }
    // Merge each 一级 (columns A, B) and 二级 (C, D) over the rows it spans.
    let mut start = 0usize;
    for i in 1..=indicators.len() {
        let same = |a: usize, b: usize, depth: usize| {
            indicators
                .get(a)
                .zip(indicators.get(b))
                .is_some_and(|(x, y)| x.path.get(..depth) == y.path.get(..depth))
        };
        if i == indicators.len() || !same(start, i, 1) {
            merge_block(ws, e, s, start, i, 1)?;
            // 二级 runs inside the 一级 block.
            let mut g = start;
            for k in start + 1..=i {
                if k == i || !same(g, k, 2) {
                    merge_block(ws, e, s, g, k, 2)?;
                    g = k;
                }
            }
            start = i;
        }
    }
    let total = 1 + count;
    ws.write_text(total, 0, w.pick("合计", "Total"), &s.header, w.lang)?;
    ws.write_number_with_format(total, 1, num(e.scorecard.points), &s.points)?;
    for c in 2..7u16 {
        ws.write_blank(total, c, &s.text)?;
    }
    let sum = Formula::new(format!("=SUM(H2:H{})", total))
        .set_result(format!("{:.2}", money::round(e.scorecard.raw, 2)));
    ws.write_formula_with_format(total, 7, sum, &s.points)?;
    ws.write_formula_with_format(total, 8, grade_formula(e, w, total + 1), &s.text)?;
    // The name columns as wide as their longest name (a CJK character two units), within
    // bounds: a 一级 or 二级 name is not broken a character a line, nor a column a page wide.
    let fit = |c: usize, least: f64, most: f64| {
        let widest = rows
            .iter()
            .filter_map(|r| r.get(c))
            .chain(header.get(c))
            .map(|t| {
                t.chars()
                    .map(|ch| if ch.is_ascii() { 1.0 } else { 2.0 })
                    .sum::<f64>()
            })
            .fold(0.0, f64::max);
        (widest + 2.0).clamp(least, most)
    };
    let widths = [
        fit(0, 8.0, 16.0),
        6.0,
        fit(2, 10.0, 20.0),
        6.0,
        fit(4, 14.0, 30.0),
        6.0,
        40.0,
        8.0,
        50.0,
    ];
    for (c, width) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// The grade as a formula on the total in column H of `row` (1-based): a judgement score
/// edited in Excel moves the total and the grade with it. Its saved result is the tool's own.
fn grade_formula(e: &Evaluation, w: &Words, row: u32) -> Formula {
    let s = &e.scorecard;
    let quote = |t: &str| format!("\"{}\"", t.replace('"', "\"\""));
    // The total graded: the sum, or the sum brought back to the system's points.
    let graded = match s.rescaled_from {
        Some(a) => format!("ROUND(H{row}*{}/{},2)", s.points.normalize(), a.normalize()),
        None => format!("H{row}"),
    };
    let grades = &e.rules.grades;
    let mut chain = quote(&w.grade(grades.last().map_or("差", |(_, g)| g.as_str())));
    for (min, g) in grades.iter().rev().skip(1) {
        chain = format!(
            "IF({graded}>={},{},{chain})",
            min.normalize(),
            quote(&w.grade(g))
        );
    }
    let mut formula = format!("={}&{chain}", quote(w.pick("评价等级：", "Grade: ")));
    let mut result = format!("{}{}", w.pick("评价等级：", "Grade: "), w.grade(&s.grade));
    if let Some(a) = s.rescaled_from {
        let (before, after) = (
            w.pick("；折算总分", "; rescaled total "),
            format!(
                "{}{:.2}{}",
                w.pick("（适用分值", " (of applicable points "),
                money::round(a, 2),
                w.pick("）", ")")
            ),
        );
        formula.push_str(&format!(
            "&{}&TEXT({graded},\"0.00\")&{}",
            quote(before),
            quote(&after)
        ));
        result.push_str(&format!("{before}{:.2}{after}", money::round(s.total, 2)));
    }
    Formula::new(formula).set_result(result)
}

/// Writes the 一级 (depth 1) or 二级 (depth 2) name and points over indicators `from..to`.
fn merge_block(
    ws: &mut Worksheet,
    e: &Evaluation,
    s: &Styles,
    from: usize,
    to: usize,
    depth: usize,
) -> Result<(), XlsxError> {
    let Some(first) = e.scorecard.indicators.get(from) else {
        return Ok(());
    };
    let Some(name) = first.path.get(depth.saturating_sub(1)) else {
        return Ok(());
    };
    let points = match depth {
        1 => e
            .scorecard
            .dimensions
            .iter()
            .find(|d| &d.name == name)
            .map(|d| d.points),
        _ => e
            .scorecard
            .dimensions
            .iter()
            .find(|d| d.name == first.path[0])
            .and_then(|d| d.level2.iter().find(|l| &l.name == name))
            .map(|l| l.points),
    }
    .unwrap_or_default();
    let (name_col, points_col) = if depth == 1 { (0u16, 1u16) } else { (2, 3) };
    let (r1, r2) = (1 + from as u32, to as u32);
    if r2 > r1 {
        ws.merge_range(r1, name_col, r2, name_col, name, &s.wrap)?;
        ws.merge_range(r1, points_col, r2, points_col, "", &s.points)?;
    } else {
        ws.write_text(r1, name_col, name, &s.wrap, e.rules.lang)?;
    }
    ws.write_number_with_format(r1, points_col, num(points), &s.points)?;
    Ok(())
}

/// The reconciliation with formulas: balance = planned − spent, execution = spent / planned.
fn reconciliation(
    ws: &mut Worksheet,
    e: &Evaluation,
    w: &Words,
    s: &Styles,
) -> Result<(), XlsxError> {
    let header = match w.lang {
        Lang::Zh => [
            "部分",
            "预算子项",
            "预算数",
            "到位资金",
            "实际支出",
            "结余",
            "执行率",
            "受益人数",
        ],
        Lang::En => [
            "Part",
            "Budget line",
            "Planned",
            "Arrived",
            "Spent",
            "Balance",
            "Execution",
            "Beneficiaries",
        ],
    };
    for (c, h) in header.iter().enumerate() {
        ws.write_text(0, c as u16, *h, &s.header, w.lang)?;
    }
    let lines = &e.reconciliation.lines;
    for (i, l) in lines.iter().enumerate() {
        let r = 1 + i as u32;
        let x = r + 1;
        ws.write_text(r, 0, &l.group, &s.text, w.lang)?;
        ws.write_text(r, 1, l.label(w.lang), &s.text, w.lang)?;
        ws.write_number_with_format(r, 2, num(l.planned), &s.money)?;
        ws.write_number_with_format(r, 3, num(l.arrived), &s.money)?;
        ws.write_number_with_format(r, 4, num(l.spent), &s.money)?;
        ws.write_formula_with_format(
            r,
            5,
            Formula::new(format!("=C{x}-E{x}")).set_result(money::fmt_yuan(l.balance)),
            &s.money,
        )?;
        // Written in its shortest form: a rate's trailing zeros depend on how its amounts were
        // written in the ledger (`1000` or `1,000.00`), not on its value.
        let rate = l
            .execution_rate
            .map(|v| money::round(v, 6).normalize().to_string())
            .unwrap_or_default();
        ws.write_formula_with_format(
            r,
            6,
            Formula::new(format!("=IF(C{x}=0,\"\",E{x}/C{x})")).set_result(rate),
            &s.rate,
        )?;
        ws.write_number_with_format(r, 7, f64::from(l.beneficiaries), &s.text)?;
    }
    // Arrivals booked to a part or to the fund as a whole: rows of their own, inside the sums.
    let wholes = e.reconciliation.whole_arrivals();
    let t = &e.reconciliation.totals;
    let mut total = 1 + lines.len() as u32;
    for (part, arrived) in wholes {
        let label = crate::reconcile::whole_term(part).say(w.lang);
        ws.write_text(total, 0, part.unwrap_or_default(), &s.text, w.lang)?;
        ws.write_text(total, 1, label, &s.text, w.lang)?;
        ws.write_number_with_format(total, 3, num(arrived), &s.money)?;
        total += 1;
    }
    ws.write_text(total, 0, w.pick("合计", "Total"), &s.header, w.lang)?;
    ws.write_blank(total, 1, &s.text)?;
    // The lines' plans may not add up to the parts' (a part planned apart from its lines), so
    // the total plan is the parts' figure; arrivals and spending are sums the reader can check.
    ws.write_number_with_format(total, 2, num(t.planned), &s.money)?;
    for (c, col, value) in [(3u16, "D", t.arrived), (4, "E", t.spent)] {
        ws.write_formula_with_format(
            total,
            c,
            Formula::new(format!("=SUM({col}2:{col}{total})")).set_result(money::fmt_yuan(value)),
            &s.money,
        )?;
    }
    let x = total + 1;
    ws.write_formula_with_format(
        total,
        5,
        Formula::new(format!("=C{x}-E{x}")).set_result(money::fmt_yuan(t.balance)),
        &s.money,
    )?;
    let rate = money::ratio(t.spent, t.planned)
        .map(|v| money::round(v, 6).normalize().to_string())
        .unwrap_or_default();
    ws.write_formula_with_format(
        total,
        6,
        Formula::new(format!("=IF(C{x}=0,\"\",E{x}/C{x})")).set_result(rate),
        &s.rate,
    )?;
    // The money no budget line claims, below the total and outside it (the rates are the
    // lines'), then the books' whole: the total and that row, which the reader can check
    // against the ledger.
    let (arrivals, arrived) = crate::evaluate::unassigned_money(
        &e.ledger,
        &e.reconciliation,
        crate::reconcile::Flow::Arrival,
    );
    let (payments, paid) = crate::evaluate::unassigned_money(
        &e.ledger,
        &e.reconciliation,
        crate::reconcile::Flow::Spending,
    );
    let mut below = total + 1;
    if arrivals + payments > 0 {
        ws.write_text(
            below,
            1,
            w.pick(
                "未归入预算子项的收支（不计入合计）",
                "Postings no budget line claims (not in the total)",
            ),
            &s.text,
            w.lang,
        )?;
        ws.write_number_with_format(below, 3, num(arrived), &s.money)?;
        ws.write_number_with_format(below, 4, num(paid), &s.money)?;
        ws.write_text(
            below + 1,
            1,
            w.pick(
                "账面合计（合计加未归入）",
                "Books' total (the total and the postings no line claims)",
            ),
            &s.text,
            w.lang,
        )?;
        for (c, col, value) in [(3u16, "D", t.arrived + arrived), (4, "E", t.spent + paid)] {
            ws.write_formula_with_format(
                below + 1,
                c,
                Formula::new(format!("={col}{}+{col}{}", total + 1, below + 1))
                    .set_result(money::fmt_yuan(value)),
                &s.money,
            )?;
        }
        below += 2;
    }
    let years = e.reconciliation.years();
    // The budget years below the total, outside its sums: each the lines of its 年度, which the
    // reader can check against the lines above.
    for (k, y) in years.iter().enumerate() {
        let row = below + k as u32;
        ws.write_text(row, 1, y.label(w.lang), &s.text, w.lang)?;
        ws.write_number_with_format(row, 2, num(y.planned), &s.money)?;
        ws.write_number_with_format(row, 3, num(y.arrived), &s.money)?;
        ws.write_number_with_format(row, 4, num(y.spent), &s.money)?;
        let x = row + 1;
        ws.write_formula_with_format(
            row,
            5,
            Formula::new(format!("=C{x}-E{x}")).set_result(money::fmt_yuan(y.balance)),
            &s.money,
        )?;
        let rate = y
            .execution_rate
            .map(|v| money::round(v, 6).normalize().to_string())
            .unwrap_or_default();
        ws.write_formula_with_format(
            row,
            6,
            Formula::new(format!("=IF(C{x}=0,\"\",E{x}/C{x})")).set_result(rate),
            &s.rate,
        )?;
    }
    let arrival = below + 1 + years.len() as u32;
    ws.write_text(
        arrival,
        0,
        Term::FundsArrivalRate.heading(w.lang),
        &s.text,
        w.lang,
    )?;
    let arrival_rate = e
        .reconciliation
        .funds_arrival_rate
        .map(|v| money::round(v, 6).normalize().to_string())
        .unwrap_or_default();
    ws.write_formula_with_format(
        arrival,
        2,
        Formula::new(format!("=IF(C{x}=0,\"\",D{x}/C{x})")).set_result(arrival_rate),
        &s.rate,
    )?;
    for (c, width) in [10.0, 36.0, 14.0, 14.0, 14.0, 14.0, 10.0, 10.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    Ok(())
}

fn findings(ws: &mut Worksheet, e: &Evaluation, w: &Words, s: &Styles) -> Result<(), XlsxError> {
    let header = match w.lang {
        Lang::Zh => ["类别", "金额", "问题", "依据"],
        Lang::En => ["Kind", "Amount", "Finding", "Evidence"],
    };
    for (c, h) in header.iter().enumerate() {
        ws.write_text(0, c as u16, *h, &s.header, w.lang)?;
    }
    for (i, f) in e.findings.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_text(r, 0, f.kind.label(w.lang), &s.text, w.lang)?;
        ws.write_number_with_format(r, 1, num(f.amount), &s.money)?;
        ws.write_text(r, 2, f.sentence(w.lang), &s.wrap, w.lang)?;
        let evidence: Vec<String> = f.evidence.iter().map(ToString::to_string).collect();
        ws.write_text(r, 3, evidence.join("\n"), &s.wrap, w.lang)?;
    }
    for (c, width) in [16.0, 14.0, 70.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// 自评复核: each row's own score, the recomputed one and the difference (a formula, so that
/// the sheet stays right if a reviewer corrects a score), the totals, then the discrepancies.
fn review(ws: &mut Worksheet, e: &Evaluation, w: &Words, s: &Styles) -> Result<(), XlsxError> {
    let Some(r) = &e.scorecard.review else {
        return Ok(());
    };
    let header = match w.lang {
        Lang::Zh => [
            "三级指标",
            "分值",
            "自评得分",
            "复核得分",
            "差异",
            "自评得分单元格",
        ],
        Lang::En => [
            "Indicator",
            "Points",
            "Claimed",
            "Re-checked",
            "Difference",
            "Claimed at",
        ],
    };
    for (c, h) in header.iter().enumerate() {
        ws.write_text(0, c as u16, *h, &s.header, w.lang)?;
    }
    let mut row = 1u32;
    for line in &r.rows {
        ws.write_text(row, 0, &line.path[2], &s.text, w.lang)?;
        ws.write_number_with_format(row, 1, num(line.points), &s.points)?;
        ws.write_number_with_format(row, 2, num(line.claimed), &s.points)?;
        match (line.recomputed, line.difference) {
            (Some(recomputed), Some(difference)) => {
                ws.write_number_with_format(row, 3, num(recomputed), &s.points)?;
                let excel = row + 1;
                ws.write_formula_with_format(
                    row,
                    4,
                    Formula::new(format!("=D{excel}-C{excel}"))
                        .set_result(format!("{difference:.2}")),
                    &s.points,
                )?;
            }
            _ => {
                ws.write_text(row, 3, w.pick("不适用", "n/a"), &s.text, w.lang)?;
                ws.write_text(row, 4, "", &s.text, w.lang)?;
            }
        }
        ws.write_text(row, 5, line.at.to_string(), &s.text, w.lang)?;
        row += 1;
    }
    ws.write_text(row, 0, w.pick("总分", "Total"), &s.header, w.lang)?;
    ws.write_number_with_format(row, 1, num(e.scorecard.points), &s.points)?;
    ws.write_number_with_format(row, 2, num(r.claimed), &s.points)?;
    ws.write_number_with_format(row, 3, num(r.recomputed), &s.points)?;
    let excel = row + 1;
    ws.write_formula_with_format(
        row,
        4,
        Formula::new(format!("=D{excel}-C{excel}")).set_result(format!("{:.2}", r.difference)),
        &s.points,
    )?;
    let at = r
        .claimed_at
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    ws.write_text(row, 5, at, &s.text, w.lang)?;
    row += 2;
    ws.write_text(
        row,
        0,
        w.pick("复核发现", "Discrepancies"),
        &s.header,
        w.lang,
    )?;
    ws.write_text(row, 1, w.pick("依据", "Evidence"), &s.header, w.lang)?;
    for d in &r.discrepancies {
        row += 1;
        ws.write_text(row, 0, &d.sentence, &s.wrap, w.lang)?;
        let evidence: Vec<String> = d.evidence.iter().map(ToString::to_string).collect();
        ws.write_text(row, 1, evidence.join("\n"), &s.wrap, w.lang)?;
    }
    for (c, width) in [40.0, 10.0, 12.0, 12.0, 10.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *width)?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

fn inputs(ws: &mut Worksheet, e: &Evaluation, w: &Words, s: &Styles) -> Result<(), XlsxError> {
    let rows = &e.reconciliation.rows;
    // A count is a number a reader can add up, not text that looks like one.
    enum Cell {
        Text(String),
        Count(usize),
    }
    let mut lines: Vec<(String, Cell)> = Vec::new();
    for sheet in &e.ledger.sheets {
        lines.push((
            format!("{}!{}", sheet.file, sheet.sheet),
            Cell::Text(match w.lang {
                Lang::Zh => format!(
                    "{}；表头第{}：{}",
                    describe(&sheet.layout, w.lang),
                    sheet.header_row + 1,
                    sheet.mapping()
                ),
                Lang::En => format!(
                    "{}; header row {}: {}",
                    describe(&sheet.layout, w.lang),
                    sheet.header_row + 1,
                    sheet.mapping()
                ),
            }),
        ));
    }
    lines.push((
        w.pick("读取行数", "Rows read").into(),
        Cell::Count(rows.read),
    ));
    lines.push((w.pick("使用", "Used").into(), Cell::Count(rows.used)));
    for (kind, n) in &rows.skipped {
        lines.push((
            format!("{}{}", w.pick("跳过：", "Skipped: "), kind.say(w.lang)),
            Cell::Count(*n),
        ));
    }
    lines.push((
        w.pick("未归入", "Unassigned").into(),
        Cell::Count(rows.unassigned.len()),
    ));
    lines.push((
        w.pick("指标体系", "Indicator system").into(),
        Cell::Text(e.rules.name.clone()),
    ));
    for note in &e.notes {
        lines.push((w.pick("注", "Note").into(), Cell::Text(note.say(w.lang))));
    }
    let count = s
        .text
        .clone()
        .set_num_format("0")
        .set_align(FormatAlign::Left);
    for (i, (k, v)) in lines.iter().enumerate() {
        ws.write_text(i as u32, 0, k, &s.text, w.lang)?;
        match v {
            Cell::Text(v) => ws.write_text(i as u32, 1, v, &s.wrap, w.lang)?,
            Cell::Count(n) => ws.write_number_with_format(i as u32, 1, *n as f64, &count)?,
        };
    }
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 100)?;
    Ok(())
}

pub fn render(e: &Evaluation, lang: Lang) -> Result<Vec<u8>, super::Error> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let w = Words { lang };
        let s = styles();
        let mut wb = Workbook::new();
        indicators(
            wb.add_worksheet()
                .set_name(w.pick("评价指标体系", "Indicators"))?,
            e,
            &w,
            &s,
        )?;
        reconciliation(
            wb.add_worksheet()
                .set_name(w.pick("资金对账", "Reconciliation"))?,
            e,
            &w,
            &s,
        )?;
        findings(
            wb.add_worksheet()
                .set_name(w.pick("审计发现", "Findings"))?,
            e,
            &w,
            &s,
        )?;
        if e.scorecard.review.is_some() {
            review(
                wb.add_worksheet()
                    .set_name(w.pick("自评复核", "Re-checked"))?,
                e,
                &w,
                &s,
            )?;
        }
        inputs(
            wb.add_worksheet().set_name(w.pick("输入概况", "Inputs"))?,
            e,
            &w,
            &s,
        )?;
        wb.save_to_buffer()
    };
    Ok(build()?)
}
