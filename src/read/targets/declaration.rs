//! The 绩效目标申报表 (or 自评表): the key–value header (项目名称, 主管部门, 年度资金总额) and the
//! indicator table 一级 / 二级 / 三级 / 指标值 with its merged cells.

use rust_decimal::Decimal;

use super::{ExecutionClaim, FormTotal, Project, Sign, Target, TargetCells, no_header};
use crate::error::{Error, Found};
use crate::error::{Expected, HeaderOf, Result};
use crate::label::normalize;
use crate::location::CellRef;
use crate::money::WAN;
use crate::read::header::{Header, find_headers};
use crate::read::target_value::{Comparator, TargetValue, has_sign, is_not_applicable};
use crate::read::workbook::Sheet;

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeclarationColumn {
    Level1,
    Level2,
    Level3,
    /// 指标性质: ≥, ≤, =, 定性 (Sichuan's split columns).
    Nature,
    Value,
    /// 度量单位
    Unit,
    /// 实际完成值 (自评表)
    Actual,
    /// 分值
    Points,
    /// 得分: the unit's own score (自评表)
    Claimed,
}

pub(super) fn read_declaration(sheet: &Sheet) -> Result<(Project, Vec<Target>)> {
    use DeclarationColumn::*;
    let vocabulary: &[(DeclarationColumn, &[&str])] = &[
        (Level1, &["一级指标"]),
        (Level2, &["二级指标"]),
        (Level3, &["三级指标", "指标内容", "指标名称"]),
        (Nature, &["指标性质"]),
        (Value, &["指标值", "年度指标值", "目标值", "年度目标值"]),
        (Unit, &["度量单位", "计量单位"]),
        (Actual, &["实际完成值", "完成值", "实际值", "全年实际值"]),
        (Points, &["分值", "权重"]),
        (Claimed, &["得分", "自评得分"]),
    ];
    let headers: Vec<Header<DeclarationColumn>> = find_headers(sheet, vocabulary, &[], 3)
        .into_iter()
        .filter(|h| h.has(Level3) && h.has(Value))
        .collect();
    // Forms with a 长期 and a 年度 table: the 年度 one is evaluated.
    let annual = |h: &Header<DeclarationColumn>| {
        let above = h.row.saturating_sub(3)..=h.row;
        above
            .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
            .any(|(r, c)| sheet.text(r, c).contains("年度"))
    };
    let chosen = headers.iter().rposition(annual).unwrap_or(0);
    let Some(header) = headers.get(chosen) else {
        return Err(no_header(sheet, HeaderOf::Declaration));
    };
    let end = headers
        .get(chosen + 1)
        .map_or(sheet.height(), |next| next.row);
    let (Some(name_col), Some(value_col)) = (header.col(Level3), header.col(Value)) else {
        return Err(no_header(sheet, HeaderOf::Declaration));
    };
    let first_table = headers.first().map_or(header.row, |h| h.row);
    let project = read_project(sheet, first_table)?;

    let strip_points = |s: String| match s.find(['(', '（']) {
        Some(i) if s.ends_with("分)") || s.ends_with("分）") => s[..i].trim().to_string(),
        _ => s,
    };
    // A unit in the column's own header (`指标值(%)`, `实际完成值（万元）`) is the unit of a bare
    // number below it: 95 under 指标值(%) is 95 %, not 95.
    let header_unit = |c: u32| header_unit(&sheet.text(header.row, c));
    let value_unit = header_unit(value_col);
    let actual_unit = header.col(Actual).map(header_unit).unwrap_or_default();
    let mut project = project;
    let mut targets = Vec::new();
    let text_in = |col: Option<u32>, r: u32| col.map(|c| sheet.text(r, c)).unwrap_or_default();
    for r in header.data_start..end {
        if is_total_row(sheet, r, name_col) {
            project.form_total = Some(FormTotal {
                points: score_cell(sheet, r, header.col(Points), Expected::FormPoints)?,
                claimed: score_cell(sheet, r, header.col(Claimed), Expected::FormScore)?,
            });
            continue;
        }
        let name = sheet.text(r, name_col);
        let value = sheet.text(r, value_col);
        let actual = text_in(header.col(Actual), r);
        let points_text = text_in(header.col(Points), r);
        let claimed_text = text_in(header.col(Claimed), r);
        // A row of a 自评表 with no 年度指标值 still counts when it carries points, an actual or
        // a score (工程质量合格 with 分值 10 and 得分 10): it is scored or accounted for.
        if name.is_empty()
            || [&value, &actual, &points_text, &claimed_text]
                .iter()
                .all(|t| t.is_empty())
        {
            continue;
        }
        let level1 = header
            .col(Level1)
            .map(|c| strip_points(sheet.merged_text(r, c)))
            .unwrap_or_default();
        let level2 = header
            .col(Level2)
            .map(|c| sheet.merged_text(r, c))
            .unwrap_or_default();
        // Split columns (指标性质 / 指标值 / 度量单位) are joined back into what people write.
        let nature = header
            .col(Nature)
            .map(|c| normalize(&sheet.text(r, c)))
            .unwrap_or_default();
        let unit = header
            .col(Unit)
            .map(|c| sheet.text(r, c))
            .unwrap_or_default();
        let qualitative = nature == "定性";
        let comparator = match nature.as_str() {
            "≥" | ">=" | "＞＝" | "≧" => "≥",
            "≤" | "<=" | "＜＝" | "≦" => "≤",
            "=" | "＝" => "=",
            _ => "",
        };
        let written = if value.is_empty() {
            String::new()
        } else if qualitative || value.ends_with(unit.as_str()) {
            format!("{comparator}{value}")
        } else {
            format!("{comparator}{value}{unit}")
        };
        // `/` in any of the row's cells says the row does not apply, whatever the others say.
        let slash = [&value, &actual, &points_text, &claimed_text]
            .into_iter()
            .find(|t| is_not_applicable(t));
        let mut parsed = if let Some(slash) = slash {
            TargetValue::NotApplicable {
                text: slash.trim().to_string(),
            }
        } else if value.is_empty() {
            TargetValue::Unstated
        } else if qualitative {
            TargetValue::Qualitative {
                text: value.clone(),
            }
        } else {
            TargetValue::parse(&written)
        };
        let mut written = written;
        if let TargetValue::Quantity {
            comparator,
            value,
            unit,
        } = &parsed
            && unit.is_empty()
            && !value_unit.is_empty()
        {
            // Rebuilt from what was read, not by appending text: `95以上` is ≥95 %, `5以内` ≤5 %.
            parsed = TargetValue::Quantity {
                comparator: *comparator,
                value: *value,
                unit: value_unit.clone(),
            };
            // As typed, with its unit, where that reads right (`95%`); else as read (`≥95%`).
            written = if written.ends_with(|c: char| c.is_ascii_digit()) {
                format!("{written}{value_unit}")
            } else {
                parsed.to_string()
            };
        }
        let sign = match &mut parsed {
            TargetValue::Quantity {
                comparator, unit, ..
            } if !has_sign(&written) => {
                // Money or time written bare under 成本指标 or 时效指标 is a ceiling: spending
                // less than the 20万元 planned, or finishing in fewer than the 30 days allowed,
                // is no shortfall. A rate there (资金拨付及时率 95%) stays a floor.
                if is_ceiling(&level2, unit) {
                    *comparator = Comparator::AtMost;
                    Sign::CeilingByKind
                } else {
                    Sign::FloorByKind
                }
            }
            _ => Sign::Written,
        };
        // A row that does not apply keeps the 分值 and 得分 it states: the form's 总分 counts
        // them, and its arithmetic is re-checked with them.
        let points =
            score_cell(sheet, r, header.col(Points), Expected::FormPoints)?.map(|(p, _)| p);
        let claimed =
            score_cell(sheet, r, header.col(Claimed), Expected::FormScore)?.map(|(c, _)| c);
        let actual = (!actual.is_empty()).then(|| with_unit(actual, &actual_unit));
        let actual_at = header.col(Actual).map(|c| sheet.at(r, c));
        targets.push(Target {
            level1,
            level2,
            name,
            value: parsed,
            written,
            actual,
            points,
            claimed,
            sign,
            year: None,
            at: sheet.at(r, value_col),
            cells: TargetCells {
                actual: actual_at,
                points: header.col(Points).map(|c| sheet.at(r, c)),
                claimed: header.col(Claimed).map(|c| sheet.at(r, c)),
            },
        });
    }
    Ok((project, targets))
}

/// Whether the row is the form's 总分 (or 合计) row: said in a cell left of the 三级 column.
fn is_total_row(sheet: &Sheet, row: u32, name_col: u32) -> bool {
    (0..=name_col).any(|c| {
        matches!(
            normalize(&sheet.merged_text(row, c)).as_str(),
            "总分" | "合计" | "总计" | "合计得分"
        )
    })
}

/// A points or score cell of a 自评表 row: a number from zero to 1000 (no form weighs a row
/// more), to two places.
fn score(sheet: &Sheet, row: u32, col: u32, expected: Expected) -> Result<Decimal> {
    let v = sheet.decimal(row, col, 2, "分", expected.clone())?;
    if v < Decimal::ZERO || v > Decimal::ONE_THOUSAND {
        return Err(Error::cell(
            sheet.at(row, col),
            Found::Value(v.normalize().to_string()),
            expected,
        ));
    }
    Ok(v)
}

/// A 分值 or 得分 cell, where it holds one: blank, a dash (`-`, `—`: left unfilled) or `/`
/// (不适用) hold none.
fn score_cell(
    sheet: &Sheet,
    row: u32,
    col: Option<u32>,
    expected: Expected,
) -> Result<Option<(Decimal, CellRef)>> {
    match col {
        Some(c) if !unfilled(&sheet.text(row, c)) => {
            Ok(Some((score(sheet, row, c, expected)?, sheet.at(row, c))))
        }
        _ => Ok(None),
    }
}

/// A cell that holds no figure: blank, a dash, or `/` (不适用).
fn unfilled(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || is_not_applicable(t) || t.chars().all(|c| matches!(c, '-' | '—' | '－' | '–'))
}

/// Whether a bare number under this 二级 is a ceiling: money or time under 成本指标 or 时效指标.
fn is_ceiling(level2: &str, unit: &str) -> bool {
    const MONEY_OR_TIME: [&str; 12] = [
        "元",
        "万元",
        "亿元",
        "天",
        "日",
        "个工作日",
        "工作日",
        "个月",
        "月",
        "年",
        "小时",
        "周",
    ];
    ["成本", "时效"].iter().any(|k| level2.contains(k))
        && MONEY_OR_TIME.iter().any(|u| unit.ends_with(u))
}

/// The unit a column's header gives in brackets: `指标值(%)` → `%`; none for `指标值`.
fn header_unit(label: &str) -> String {
    let label = normalize(label);
    let Some(open) = label.rfind('(') else {
        return String::new();
    };
    let unit = label
        .get(open + 1..)
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or("");
    // Only a unit: `指标值(定量)` or `指标值(2019)` say something else.
    const UNITS: [&str; 19] = [
        "%", "％", "人", "人次", "户", "户次", "万元", "元", "个", "次", "天", "日", "项", "家",
        "名", "所", "公里", "亩", "吨",
    ];
    match UNITS.iter().find(|u| **u == unit) {
        Some(&"％") => "%".to_string(),
        Some(u) => u.to_string(),
        None => String::new(),
    }
}

/// A bare number written under a header with a unit, with the unit: `96` under
/// `实际完成值(%)` is `96%`.
fn with_unit(text: String, unit: &str) -> String {
    if !unit.is_empty()
        && let TargetValue::Quantity {
            value, unit: own, ..
        } = TargetValue::parse(&text)
        && own.is_empty()
    {
        return format!("{}{unit}", value.normalize());
    }
    text
}

/// The key–value block above the indicator tables: 项目名称, 主管部门, 实施单位, and the funds —
/// 年度资金总额 beside its label, or, in the 自评表, in the 全年预算数 column of a funds table
/// (where a total of 0 beside filled-in components means the components are to be added up).
fn read_project(sheet: &Sheet, end: u32) -> Result<Project> {
    let mut project = Project::default();
    let funds_header = (0..end).find_map(|r| {
        (0..sheet.width())
            .find(|c| normalize(&sheet.text(r, *c)) == "全年预算数")
            .map(|c| (r, c))
    });
    let funds_col = |label: &str| {
        funds_header
            .and_then(|(r, _)| (0..sheet.width()).find(|c| normalize(&sheet.text(r, *c)) == label))
    };
    let executed_col = funds_col("全年执行数");
    // The 执行率 row's 分值, 执行率 and the unit's 得分, on the 年度资金总额 row (自评表).
    let (points_col, rate_col, claimed_col) =
        (funds_col("分值"), funds_col("执行率"), funds_col("得分"));
    let mut components = Decimal::ZERO;
    let mut executed_components = Decimal::ZERO;
    for r in 0..end {
        for c in 0..sheet.width() {
            let label = normalize(&sheet.text(r, c));
            let slot = match label.as_str() {
                "项目名称" => &mut project.name,
                "主管部门" => &mut project.department,
                "实施单位" => &mut project.implementer,
                l if l.starts_with("年度资金总额")
                    || l.starts_with("其中")
                    || l.starts_with("上年结转")
                    || l.starts_with("其他资金") =>
                {
                    let is_total = l.starts_with("年度资金总额");
                    let value_col = match funds_header {
                        Some((hr, bc)) if r > hr => Some(bc),
                        Some(_) => None,
                        None if is_total => value_right_of(sheet, r, c).map(|(vc, _)| vc),
                        None => None,
                    };
                    let value = value_col.map(|vc| amount(sheet, r, vc)).transpose()?;
                    let executed = match (funds_header, executed_col) {
                        (Some((hr, _)), Some(ec)) if r > hr => Some(amount(sheet, r, ec)?),
                        _ => None,
                    };
                    if is_total {
                        if funds_header.is_some_and(|(hr, _)| r > hr) {
                            project.execution =
                                execution_claim(sheet, r, points_col, rate_col, claimed_col)?;
                        }
                        project.total_funds = value.map(|v| v * WAN);
                        project.total_funds_at = value_col.map(|vc| sheet.at(r, vc));
                        project.executed = executed.map(|v| v * WAN);
                    } else {
                        components += value.unwrap_or_default() * WAN;
                        executed_components += executed.unwrap_or_default() * WAN;
                    }
                    continue;
                }
                _ => continue,
            };
            // An empty 主管部门 is empty: the next filled cell may be the next label.
            if let Some((_, text)) = value_right_of(sheet, r, c)
                && !HEADER_LABELS.contains(&normalize(&text).as_str())
            {
                *slot = text;
            }
        }
    }
    // `（2019年度）` under the title, or `2019年度` in it.
    project.year = (0..end)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .find_map(|(r, c)| {
            let text = sheet.text(r, c);
            let i = text.find("年度")?;
            let head: Vec<char> = text.get(..i)?.chars().collect();
            let digits: String = head
                .iter()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            digits.parse().ok().filter(|y| (1900..2100).contains(y))
        });
    if funds_header.is_some()
        && project.total_funds.is_none_or(|t| t == Decimal::ZERO)
        && components != Decimal::ZERO
    {
        project.total_funds = Some(components);
        project.executed = Some(executed_components);
        // Added up from the components: the column's head, not the 0 beside the label.
        project.total_funds_at = funds_header.map(|(r, c)| sheet.at(r, c));
    }
    Ok(project)
}

/// The labels of the form's key–value block, which are never a value.
const HEADER_LABELS: [&str; 12] = [
    "项目名称",
    "主管部门",
    "实施单位",
    "项目负责人",
    "项目负责人及电话",
    "联系电话",
    "预算单位",
    "项目单位",
    "项目属性",
    "项目类别",
    "项目期",
    "资金情况(万元)",
];

/// The 年度资金总额 row's 分值, 执行率 and 得分 cells, where filled.
fn execution_claim(
    sheet: &Sheet,
    row: u32,
    points: Option<u32>,
    rate: Option<u32>,
    claimed: Option<u32>,
) -> Result<Option<ExecutionClaim>> {
    let claim = ExecutionClaim {
        points: score_cell(sheet, row, points, Expected::FormPoints)?,
        rate: match rate {
            Some(c) if !unfilled(&sheet.text(row, c)) => {
                Some((rate_cell(sheet, row, c)?, sheet.at(row, c)))
            }
            _ => None,
        },
        claimed: score_cell(sheet, row, claimed, Expected::FormScore)?,
    };
    Ok(
        (claim.points.is_some() || claim.rate.is_some() || claim.claimed.is_some())
            .then_some(claim),
    )
}

/// A 执行率 cell as a fraction: `94.09%`, `0.9409`, or `94.09` (a bare number above 2 is a
/// percentage: no fund spends twice its budget). A bare number above 1 and up to 2 could be
/// either (`1.5` is 150 % or 1.5 %) and is refused at its cell.
fn rate_cell(sheet: &Sheet, row: u32, col: u32) -> Result<Decimal> {
    let text = sheet.text(row, col).replace('％', "%");
    let percent = text.trim_end().ends_with('%');
    let bad = || {
        Error::cell(
            sheet.at(row, col),
            Found::Value(text.clone()),
            Expected::ExecutionRate,
        )
    };
    let v = crate::money::parse_amount(text.trim().trim_end_matches('%')).map_err(|_| bad())?;
    let v = if percent || v > Decimal::TWO {
        v / Decimal::ONE_HUNDRED
    } else if v > Decimal::ONE {
        return Err(bad());
    } else {
        v
    };
    if v < Decimal::ZERO {
        return Err(bad());
    }
    Ok(v)
}

/// The first non-empty cell right of a label: forms put the value one or two cells over.
fn value_right_of(sheet: &Sheet, row: u32, col: u32) -> Option<(u32, String)> {
    (col + 1..sheet.width())
        .map(|c| (c, sheet.text(row, c)))
        .find(|(_, t)| !t.is_empty())
}

/// An amount in a form's own unit (usually 万元): six places are a hundredth of a fen.
pub(super) fn amount(sheet: &Sheet, row: u32, col: u32) -> Result<Decimal> {
    sheet.decimal(row, col, 6, "万元", Expected::AnAmount)
}
