//! Which layout a ledger sheet has: where its header is and which column is which (found by
//! the labels of [`super::vocabulary`], or where the rules file says), whether its amounts are
//! two columns or one with its side, whether its date is split and where the year comes from,
//! and what its titles state (the period, the account).

use crate::date::Date;
use crate::error::{Candidate, Error, Expected, Found, HeaderOf, Lack, NotALedger, Result};
use crate::label::normalize;
use crate::location::CellRef;
use crate::read::header::{Header, SCAN_ROWS, find_header};
use crate::read::workbook::Sheet;

use super::fields::split_account;
use super::vocabulary::{Column, EXCLUDED, VOCABULARY};
use super::{LedgerLayout, NO_COLUMN, Shape, YearSource};

/// What the header and titles of a sheet say about reading its rows.
pub(super) struct Layout {
    pub header: Header<Column>,
    /// 借方 and 贷方 in two columns; else one amount and its 方向.
    pub two_sides: bool,
    /// The date in 月 and 日 columns (and maybe 年).
    pub split_date: bool,
    /// The period the title states, and the cell it is in.
    pub period: Option<((Date, Date), CellRef)>,
    /// The account a single-account 明细账 names in its title: (code, name).
    pub title_account: (String, String),
    pub year_source: YearSource,
    pub shapes: Vec<Shape>,
    /// The header's labels, normalised, by column: a row repeating them is a repeated header.
    pub labels: Vec<(u32, String)>,
}

/// The layout of `sheet`: its header found by its labels (or where the rules file says), the
/// shape of its amounts and dates, and what its titles state. A sheet without a postings
/// header is [`Error::NoHeader`], or [`Error::NotALedger`] when it is plainly another table.
pub(super) fn recognise(
    sheet: &Sheet,
    file_year: Option<u16>,
    layout: &LedgerLayout,
) -> Result<Layout> {
    let no_header = || {
        not_a_ledger(sheet).unwrap_or_else(|| Error::NoHeader {
            file: sheet.file.to_string(),
            sheet: sheet.name.to_string(),
            scanned: SCAN_ROWS.min(sheet.height()),
            expected: HeaderOf::Ledger,
            candidates: candidates(sheet),
        })
    };
    let header: Header<Column> = if layout.header_row.is_none() && layout.columns.is_empty() {
        find_header(sheet, VOCABULARY, EXCLUDED, 3).ok_or_else(no_header)?
    } else {
        stated_header(sheet, layout)?
    };
    // A header without dates may still be another table that happens to name a voucher number
    // and amounts (a 凭证导入模板): said by name, not read as a ledger without dates.
    let has_dates =
        header.has(Column::Date) || (header.has(Column::Month) && header.has(Column::Day));
    if !has_dates && let Some(e) = not_a_ledger(sheet) {
        return Err(e);
    }
    duplicated_amount_column(sheet, &header)?;
    beyond_a_postings_reach(sheet, &header)?;
    let two_sides = header.has(Column::Debit) && header.has(Column::Credit);
    let one_amount = header.has(Column::Amount) && header.has(Column::Direction);
    // A postings table has dates or voucher numbers; a 科目余额表 with 借方 and 贷方 has neither.
    let dated = header.has(Column::Date)
        || (header.has(Column::Month) && header.has(Column::Day))
        || header.has(Column::Voucher);
    if (!two_sides && !one_amount) || !dated {
        return Err(no_header());
    }
    let split_date =
        !header.has(Column::Date) && header.has(Column::Month) && header.has(Column::Day);
    let period = title_period(sheet, header.row);
    let title_account = (0..header.row)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .find_map(|(r, c)| {
            let text = normalize(&sheet.text(r, c));
            let rest = text
                .strip_prefix("科目:")
                .or_else(|| text.strip_prefix("会计科目:"))?;
            Some(split_account("", rest))
        })
        .unwrap_or_default();
    let title_year = (0..header.row)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .find_map(|(r, c)| year_in(&sheet.text(r, c)));
    let year_source = match (
        header.has(Column::Year),
        header.banner_year,
        period.as_ref(),
        title_year,
        file_year,
    ) {
        (true, ..) => YearSource::Column,
        (_, Some(y), ..) => YearSource::Banner(y),
        (_, _, Some(((start, _), _)), ..) => YearSource::Title(start.year),
        (_, _, _, Some(y), _) => YearSource::Title(y),
        (_, _, _, _, Some(y)) => YearSource::FileName(y),
        _ => YearSource::Missing,
    };
    let shapes = shapes(sheet, &header, two_sides, split_date.then_some(year_source));
    let labels = header
        .columns
        .iter()
        .map(|(_, c, l)| (*c, normalize(l)))
        .collect();
    Ok(Layout {
        header,
        two_sides,
        split_date,
        period,
        title_account,
        year_source,
        shapes,
        labels,
    })
}

/// The rows closest to a postings header, and what each lacks.
fn candidates(sheet: &Sheet) -> Vec<Candidate> {
    let closest = crate::read::header::closest(sheet, VOCABULARY, EXCLUDED, 3);
    let best = closest.first().map_or(0, |h| h.row);
    closest
        .into_iter()
        .map(|h| {
            let amounts = (h.has(Column::Debit) && h.has(Column::Credit))
                || (h.has(Column::Amount) && h.has(Column::Direction));
            let dated = h.has(Column::Date)
                || (h.has(Column::Month) && h.has(Column::Day))
                || h.has(Column::Voucher);
            let lacks = match (h.columns.len() >= 3, amounts, dated) {
                (false, ..) => Lack::Columns { needed: 3 },
                (true, false, false) => Lack::AmountsAndDates,
                (true, false, true) => Lack::Amounts,
                (true, true, false) => Lack::DatesOrVouchers,
                // Complete, but another row names more columns and was tried first.
                (true, true, true) => Lack::FewerThan { row: best },
            };
            Candidate {
                row: h.row,
                labels: h.columns.iter().map(|(.., l)| l.clone()).collect(),
                lacks,
            }
        })
        .collect()
}

/// The traits of the layout, as the user is shown them.
fn shapes(
    sheet: &Sheet,
    header: &Header<Column>,
    two_sides: bool,
    split_date: Option<YearSource>,
) -> Vec<Shape> {
    let mut shapes = vec![if two_sides {
        Shape::TwoSides
    } else {
        Shape::AmountAndSide
    }];
    if header.data_start > header.row + 1 {
        shapes.push(Shape::TwoHeaderRows);
    }
    if let Some(source) = split_date {
        shapes.push(Shape::SplitDate(source));
    }
    shapes.extend(repeated_labels(sheet, header));
    if header.has(Column::VoucherWord) {
        shapes.push(Shape::VoucherWordApart);
    }
    if header.has(Column::Auxiliary) {
        shapes.push(Shape::AuxiliaryMerged);
    }
    if [Column::Customer, Column::Supplier, Column::Employee]
        .iter()
        .any(|c| header.has(*c))
    {
        shapes.push(Shape::AuxiliaryApart);
    }
    shapes
}

/// Columns headed alike that are not amounts (two 摘要, two 往来单位): the first is read, and
/// the layout says so, since the other's text is not. Amounts headed alike are an error instead
/// ([`duplicated_amount_column`]): their money would be lost.
fn repeated_labels(sheet: &Sheet, header: &Header<Column>) -> Vec<Shape> {
    if header.data_start != header.row + 1 {
        return Vec::new();
    }
    header
        .columns
        .iter()
        .filter(|(role, ..)| !matches!(role, Column::Debit | Column::Credit | Column::Amount))
        .filter_map(|(_, col, _)| {
            let label = normalize(&sheet.text(header.row, *col));
            let alike: Vec<u32> = (0..sheet.width())
                .filter(|c| !label.is_empty() && normalize(&sheet.text(header.row, *c)) == label)
                .collect();
            (alike.len() > 1).then_some(Shape::RepeatedLabel {
                label,
                columns: alike,
                read: *col,
            })
        })
        .collect()
}

/// A four-digit year (1900–2099) in a text: a title, a file name.
pub(super) fn year_in(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let window = bytes.get(i..i + 4)?;
        let digit_before = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
        let digit_after = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        if digit_before || digit_after || !window.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year: u16 = std::str::from_utf8(window).ok()?.parse().ok()?;
        (1900..2100).contains(&year).then_some(year)
    })
}

/// Year–month(–day) groups in a text, in order: `2019年01月至2020年05月`, `2023.01-2023.12`,
/// `2023-01-01至2023-12-31`, `2023年第1期至2023年第12期`.
pub(super) fn year_months(text: &str) -> Vec<(u16, u8, Option<u8>)> {
    let numbers: Vec<(usize, u32)> = {
        let mut out = Vec::new();
        let mut current: Option<(usize, String)> = None;
        for (i, ch) in text.chars().enumerate() {
            if ch.is_ascii_digit() {
                current.get_or_insert((i, String::new())).1.push(ch);
            } else if let Some((start, digits)) = current.take() {
                out.push((start, digits.parse().unwrap_or(u32::MAX)));
            }
        }
        if let Some((start, digits)) = current {
            out.push((start, digits.parse().unwrap_or(u32::MAX)));
        }
        out
    };
    let mut groups = Vec::new();
    let mut i = 0;
    while let Some(&(_, year)) = numbers.get(i) {
        if (1900..2100).contains(&year)
            && let Some(&(_, month)) = numbers.get(i + 1).filter(|(_, m)| (1..=12).contains(m))
        {
            // A third number is the day, unless it is the next group's year.
            let day = numbers
                .get(i + 2)
                .map(|(_, d)| *d)
                .filter(|d| (1..=31).contains(d));
            groups.push((year as u16, month as u8, day.map(|d| d as u8)));
            i += if day.is_some() { 3 } else { 2 };
            continue;
        }
        i += 1;
    }
    groups
}

fn month_end(year: u16, month: u8) -> Option<Date> {
    (28..=31).rev().find_map(|d| Date::new(year, month, d))
}

/// The period a title states, and the cell it is in.
fn title_period(sheet: &Sheet, header_row: u32) -> Option<((Date, Date), CellRef)> {
    for r in 0..header_row {
        for c in 0..sheet.width() {
            let text = sheet.text(r, c);
            if !text.contains(['至', '-', '—', '~']) {
                continue;
            }
            if let [(y1, m1, d1), (y2, m2, d2), ..] = year_months(&text)[..] {
                let start = Date::new(y1, m1, d1.unwrap_or(1))?;
                let end = match d2 {
                    Some(d) => Date::new(y2, m2, d)?,
                    None => month_end(y2, m2)?,
                };
                if start <= end {
                    return Some(((start, end), sheet.at(r, c)));
                }
            }
        }
    }
    None
}

/// A posting keeps the columns of its amounts and payee in 2 bytes. A spreadsheet has 16,384
/// columns, but a CSV can be wider: a header column past 65,534 is refused rather than have its
/// evidence point at column A.
fn beyond_a_postings_reach(sheet: &Sheet, header: &Header<Column>) -> Result<()> {
    match header
        .columns
        .iter()
        .find(|(_, col, _)| u16::try_from(*col).map_or(true, |c| c == NO_COLUMN))
    {
        Some((_, col, label)) => Err(Error::cell(
            sheet.at(header.row, *col),
            Found::ColumnTooFar {
                label: label.clone(),
                column: crate::location::column_name(*col),
            },
            Expected::ColumnsInReach,
        )),
        None => Ok(()),
    }
}

/// Two columns headed alike where money is read: taking the leftmost would silently drop the
/// other's amounts, so the user must say which one counts. Only single-row headers: in a
/// two-row band the lower labels (金额 under both 借方 and 贷方) repeat by design.
fn duplicated_amount_column(sheet: &Sheet, header: &Header<Column>) -> Result<()> {
    if header.data_start != header.row + 1 {
        return Ok(());
    }
    for (role, col, _) in &header.columns {
        if !matches!(role, Column::Debit | Column::Credit | Column::Amount) {
            continue;
        }
        let label = normalize(&sheet.text(header.row, *col));
        if label.is_empty() {
            continue;
        }
        if let Some(other) =
            (0..sheet.width()).find(|c| c != col && normalize(&sheet.text(header.row, *c)) == label)
        {
            return Err(Error::cell(
                sheet.at(header.row, other.max(*col)),
                Found::SecondColumn {
                    label: label.clone(),
                    first: crate::location::column_name(other.min(*col)),
                    second: crate::location::column_name(other.max(*col)),
                },
                Expected::OneColumnPerAmount,
            ));
        }
    }
    Ok(())
}

/// The header the rules file states: its row (or the first row within [`SCAN_ROWS`] holding
/// every column name given), its columns found by the names given and the rest by the usual
/// labels.
fn stated_header(sheet: &Sheet, layout: &LedgerLayout) -> Result<Header<Column>> {
    let names: Vec<String> = layout.columns.iter().map(|(_, n)| normalize(n)).collect();
    let labels_at = |row: u32| -> Vec<String> {
        (0..sheet.width())
            .map(|c| normalize(&sheet.text(row, c)))
            .collect()
    };
    let row = match layout.header_row {
        Some(r) => r,
        None => (0..SCAN_ROWS.min(sheet.height()))
            .find(|r| {
                let labels = labels_at(*r);
                names.iter().all(|n| labels.contains(n))
            })
            .ok_or_else(|| Error::NoHeader {
                file: sheet.file.to_string(),
                sheet: sheet.name.to_string(),
                scanned: SCAN_ROWS.min(sheet.height()),
                expected: HeaderOf::Stated(layout.columns.iter().map(|(_, n)| n.clone()).collect()),
                candidates: Vec::new(),
            })?,
    };
    let mut header = crate::read::header::header_at(sheet, row, VOCABULARY, EXCLUDED);
    let labels = labels_at(row);
    for (role, name) in &layout.columns {
        let Some(col) = labels.iter().position(|l| *l == normalize(name)) else {
            let found: Vec<String> = labels
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| format!("“{l}”"))
                .collect();
            let role = serde_json::to_string(role).unwrap_or_default();
            return Err(Error::cell(
                sheet.at(row, 0),
                Found::Header(found),
                Expected::NamedColumn {
                    name: name.clone(),
                    role: role.trim_matches('"').to_string(),
                },
            ));
        };
        let col = col as u32;
        header.columns.retain(|(r, c, _)| r != role && *c != col);
        header.columns.push((*role, col, sheet.text(row, col)));
    }
    header.columns.sort_by_key(|(_, c, _)| *c);
    Ok(header)
}

/// Tables that are common mistakes for a 明细账, said by name rather than as a missing header,
/// with the labels that show them: a 科目余额表 / 辅助核算余额表 (balances and period totals per
/// account, no postings, no dates), a 库存流水账 (goods in and out), a 凭证导入模板 (no dates,
/// columns of import flags).
fn not_a_ledger(sheet: &Sheet) -> Option<Error> {
    let labels: Vec<String> = (0..SCAN_ROWS.min(sheet.height()))
        .flat_map(|r| (0..sheet.width().min(64)).map(move |c| (r, c)))
        .map(|(r, c)| normalize(&sheet.text(r, c)))
        .filter(|t| !t.is_empty() && t.chars().count() <= 24)
        .collect();
    let has = |w: &str| labels.iter().any(|l| l.contains(w));
    let shown = |keep: &dyn Fn(&str) -> bool| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in labels.iter().filter(|l| keep(l)) {
            if !out.contains(l) && out.len() < 5 {
                out.push(l.clone());
            }
        }
        out
    };
    let error = |kind, labels| {
        Some(Error::NotALedger {
            file: sheet.file.to_string(),
            sheet: sheet.name.to_string(),
            kind,
            labels,
        })
    };
    let dated = labels
        .iter()
        .any(|l| l == "日期" || l == "凭证号" || l == "凭证字号");
    let flags = |l: &str| ["是否", "标志", "标识"].iter().any(|w| l.contains(w));
    // Goods in and out: columns of 入库 and 出库 quantities or amounts (not 摘要 such as 材料入库),
    // or 收入 / 发出 beside 结存数量.
    let column_of = |w: &str| {
        labels.iter().any(|l| {
            l.contains(w) && (l == w || ["数量", "金额", "单价"].iter().any(|m| l.contains(m)))
        })
    };
    if (column_of("入库") && column_of("出库"))
        || (has("结存数量") && (column_of("收入") || column_of("发出")))
    {
        return error(
            NotALedger::InventoryJournal,
            shown(&|l| {
                ["入库", "出库", "结存", "存货", "库存"]
                    .iter()
                    .any(|w| l.contains(w))
            }),
        );
    }
    // An import template: titled so, or without any date column and with a row of several flag
    // columns (its header: a 摘要 that says 标志 thrice is no such row).
    let titled_template = has("导入模板") || has("引入模板");
    let date_column = labels.iter().any(|l| l.ends_with("日期"));
    let flag_row = (0..SCAN_ROWS.min(sheet.height())).find(|&r| {
        (0..sheet.width().min(64))
            .filter(|&c| {
                let l = normalize(&sheet.text(r, c));
                l.chars().count() <= 24 && flags(&l)
            })
            .count()
            >= 3
    });
    if titled_template || (!date_column && flag_row.is_some()) {
        let shown: Vec<String> = match flag_row {
            Some(r) => (0..sheet.width().min(64))
                .map(|c| normalize(&sheet.text(r, c)))
                .filter(|l| flags(l))
                .take(5)
                .collect(),
            None => shown(&|l| flags(l)),
        };
        return error(NotALedger::VoucherTemplate, shown);
    }
    let titled = labels
        .iter()
        .any(|l| l.contains("余额表") || l.contains("余额汇总表"));
    let periods = has("期初") && has("期末") && (has("本期") || has("发生"));
    if !(titled || periods) || dated {
        return None;
    }
    error(
        NotALedger::BalanceTable,
        shown(&|l| {
            l.contains("余额")
                || l.starts_with("期初")
                || l.starts_with("期末")
                || l.starts_with("本期")
        }),
    )
}
