//! The 预算明细: the budget lines, their parts and plans, and the 匹配条件 that assign ledger rows
//! to them.

use calamine::Data;
use rust_decimal::Decimal;

use super::declaration::amount;
use super::findings::year_cell;
use super::{Budget, BudgetGroup, BudgetLine, Field, Matcher, no_header};
use crate::error::{Error, Expected, Found, HeaderOf, Result};
use crate::label::normalize;
use crate::money::WAN;
use crate::read::header::find_header;
use crate::read::workbook::{Sheet, display};

#[derive(Clone, Copy, PartialEq, Eq)]
enum BudgetColumn {
    Name,
    Group,
    Planned,
    Match,
    Beneficiaries,
    Tally,
    Standard,
    Year,
    Source,
}

pub(super) fn read_budget(sheet: &Sheet) -> Result<Budget> {
    use BudgetColumn::*;
    let vocabulary: &[(BudgetColumn, &[&str])] = &[
        (
            Name,
            &["预算子项", "子项名称", "明细项目", "预算项目", "项目名称"],
        ),
        (Group, &["所属部分", "部分", "类别", "分类"]),
        (
            Planned,
            &["预算数", "预算金额", "计划数", "安排数", "预算安排"],
        ),
        (Match, &["匹配条件", "匹配规则", "匹配"]),
        (Beneficiaries, &["受益人数", "计划人数", "人数"]),
        (Tally, &["受益统计", "统计口径"]),
        (Standard, &["补助标准", "标准"]),
        (Year, &["年度", "预算年度", "年份"]),
        (Source, &["资金来源", "资金性质"]),
    ];
    let mut header =
        find_header(sheet, vocabulary, &[], 3).ok_or_else(|| no_header(sheet, HeaderOf::Budget))?;
    // The year is a column of its own (`年度`), not one whose label holds the word
    // (`上年度执行数`, `年度预算数`).
    header.columns.retain(|(role, _, label)| match role {
        Year => matches!(label.as_str(), "年度" | "预算年度" | "年份"),
        // Likewise the source: `资金来源`, not a `来源说明` of any kind.
        Source => matches!(label.as_str(), "资金来源" | "资金性质"),
        _ => true,
    });
    let (Some(name_col), Some(planned_col)) = (header.col(Name), header.col(Planned)) else {
        return Err(no_header(sheet, HeaderOf::BudgetLineAndPlan));
    };
    let unit = plan_unit(sheet, header.row, planned_col);

    // The parts the lines name: a row without 所属部分 is a part's own row when lines name it.
    let part_names: Vec<String> = match header.col(Group) {
        Some(c) => (header.data_start..sheet.height())
            .map(|r| normalize(&sheet.merged_text(r, c)))
            .filter(|g| !g.is_empty())
            .collect(),
        None => Vec::new(),
    };
    let mut groups: Vec<BudgetGroup> = Vec::new();
    let mut lines = Vec::new();
    let mut fund = Vec::new();
    for r in header.data_start..sheet.height() {
        let name = sheet.text(r, name_col);
        let condition = header
            .col(Match)
            .map(|c| (c, sheet.text(r, c)))
            .filter(|(_, text)| !text.is_empty());
        // Totals of the sheet's own are not budget lines: the parts add up by themselves. Its
        // 匹配条件, if any, says what an arrival for the whole fund looks like.
        if name.is_empty()
            || matches!(
                normalize(&name).as_str(),
                "合计" | "小计" | "总计" | "预算合计"
            )
        {
            if let Some((c, text)) = &condition
                && normalize(&name) != "小计"
                && !name.is_empty()
            {
                fund = Matcher::parse_all(text, &sheet.at(r, *c))?;
            }
            continue;
        }
        let planned = amount(sheet, r, planned_col)? * unit;
        // A negative plan would make a negative arrival rate (issue 19): never a guess.
        if planned.is_sign_negative() && !planned.is_zero() {
            return Err(Error::cell(
                sheet.at(r, planned_col),
                Found::Text(sheet.text(r, planned_col)),
                Expected::PlanNotNegative,
            ));
        }
        let group = header
            .col(Group)
            .map(|c| sheet.merged_text(r, c))
            .unwrap_or_default();
        // A part's own row has no part; a line with a condition but no part, whose name no line
        // gives as its part, has lost its 所属部分, which must not silently make it a part.
        let is_part = group.is_empty() && header.col(Group).is_some();
        if is_part && condition.is_some() && !part_names.contains(&normalize(&name)) {
            let c = header.col(Group).unwrap_or(name_col);
            return Err(Error::cell(
                sheet.at(r, c),
                Found::EmptyPart,
                Expected::Part,
            ));
        }
        if is_part {
            let stated = condition.is_some();
            let matchers = match &condition {
                Some((c, text)) => Matcher::parse_all(text, &sheet.at(r, *c))?,
                None => by_project(&name),
            };
            // A part's row below its lines completes the part they opened, rather than adding
            // it a second time.
            match groups
                .iter_mut()
                .find(|g| normalize(&g.name) == normalize(&name))
            {
                Some(g) => {
                    g.planned = Some(planned);
                    g.at = sheet.at(r, planned_col);
                    g.matchers = matchers;
                    g.stated = stated;
                }
                None => groups.push(BudgetGroup {
                    name,
                    planned: Some(planned),
                    at: sheet.at(r, planned_col),
                    matchers,
                    stated,
                }),
            }
            continue;
        }
        // A part is one part however the widths of its brackets were typed: the lines take the
        // spelling of the first row that names it.
        let group = match groups
            .iter()
            .find(|g| normalize(&g.name) == normalize(&group))
        {
            Some(g) => g.name.clone(),
            None => {
                groups.push(BudgetGroup {
                    name: group.clone(),
                    planned: None,
                    at: sheet.at(r, name_col),
                    matchers: by_project(&group),
                    stated: false,
                });
                group
            }
        };
        let at = sheet.at(r, name_col);
        let matchers = match &condition {
            Some((c, text)) => Matcher::parse_all(text, &sheet.at(r, *c))?,
            // Without a condition, a line claims the rows whose 项目 names it.
            None => by_project(&name),
        };
        let stated_beneficiaries = header
            .col(Beneficiaries)
            .map(|c| count(sheet, r, c))
            .transpose()?
            .flatten();
        let tally = header
            .col(Tally)
            .map(|c| sheet.text(r, c))
            .filter(|t| !t.is_empty());
        let standard = header
            .col(Standard)
            .map(|c| sheet.text(r, c))
            .unwrap_or_default();
        let year = header
            .col(Year)
            .map(|c| year_cell(sheet, r, c))
            .transpose()?
            .flatten();
        let source = header
            .col(Source)
            .map(|c| (sheet.text(r, c).trim().to_string(), sheet.at(r, c)))
            .filter(|(t, _)| !t.is_empty());
        lines.push(BudgetLine {
            name,
            source,
            group,
            planned,
            planned_at: sheet.at(r, planned_col),
            matchers,
            stated_beneficiaries,
            tally,
            standard,
            year,
            at,
        });
    }
    implied_years(&mut lines);
    Ok(Budget {
        groups,
        lines,
        fund,
        fund_year: None,
    })
}

/// Lines of several budget years share names and 项目 (困难职工帮扶 in 2021 and in 2022): a line
/// whose conditions do not read the date claims only the postings of its year — the year its
/// 项目 names (`2022年困难职工帮扶`, paid in 2023 too), else the year it was booked in. With one
/// year the 年度 is the line's budget year only, and its money paid the year after stays its.
pub fn implied_years(lines: &mut [BudgetLine]) {
    let mut years: Vec<u16> = lines.iter().filter_map(|l| l.year).collect();
    years.sort_unstable();
    years.dedup();
    if years.len() < 2 {
        return;
    }
    for line in lines.iter_mut() {
        if let Some(year) = line.year
            && !line.matchers.iter().any(Matcher::on_date)
            && let Some(mut implied) = Matcher::year(year)
        {
            implied.implied = true;
            line.matchers.push(implied);
        }
    }
}

/// Without a 匹配条件, a line or part claims the rows whose 项目 names it.
fn by_project(name: &str) -> Vec<Matcher> {
    if name.trim().is_empty() {
        return Vec::new();
    }
    vec![Matcher::new(Field::Project, vec![name.to_string()])]
}

/// The unit of the plans: 万元 unless the 预算数 header or a 单位 note above it says 元; a `元`
/// elsewhere (`补助标准（元/人）`) says nothing about the plan.
fn plan_unit(sheet: &Sheet, header_row: u32, planned_col: u32) -> Decimal {
    let planned_label = normalize(&sheet.text(header_row, planned_col));
    let note = (0..header_row)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .map(|(r, c)| normalize(&sheet.text(r, c)))
        .find(|t| t.contains("单位"));
    let says_yuan = |t: &str| t.contains('元') && !t.contains("万元");
    if says_yuan(&planned_label) || note.as_deref().is_some_and(says_yuan) {
        Decimal::ONE
    } else {
        WAN
    }
}

/// The most people a budget line can state: a hundred million, more than any fund helps; a
/// larger count is a broken cell.
const MAX_PEOPLE: u32 = 100_000_000;

/// A count of people, or `None` for a blank cell.
fn count(sheet: &Sheet, row: u32, col: u32) -> Result<Option<u32>> {
    let bad = |found: Found| Error::cell(sheet.at(row, col), found, Expected::People);
    let n = match sheet.cell(row, col) {
        Data::Empty => return Ok(None),
        Data::String(s) if s.trim().is_empty() => return Ok(None),
        Data::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f <= f64::from(MAX_PEOPLE) => *f as u32,
        Data::Int(i) => u32::try_from(*i).map_err(|_| bad(Found::Value(i.to_string())))?,
        Data::String(s) => s
            .trim()
            .trim_end_matches(['人', '次'])
            .parse()
            .map_err(|_| bad(Found::Text(s.clone())))?,
        other => return Err(bad(Found::Text(display(other)))),
    };
    if n > MAX_PEOPLE {
        return Err(bad(Found::Value(n.to_string())));
    }
    Ok(Some(n))
}
