//! The evaluator's workbook around the fund (`targets.xlsx`), its sheets recognised by name:
//!
//! - the 绩效目标申报表 (required): the key–value header (项目名称, 主管部门, 年度资金总额) and
//!   the indicator table 一级 / 二级 / 三级 / 指标值 with its merged cells;
//! - the 预算明细 (required): the budget lines, their plan, and how ledger rows match them;
//! - the 问卷 (optional): one row per respondent, one column per question;
//! - the 评价发现 (optional): what the evaluator found on site, for what no spreadsheet shows.

use std::path::Path;
use std::sync::Arc;

use calamine::Data;
use rust_decimal::Decimal;
use serde::Serialize;

use super::header::{Header, SCAN_ROWS, find_header, find_headers};
use super::target_value::TargetValue;
use super::workbook::{Sheet, Workbook, display};
use crate::error::{Error, Expected, Found, HeaderOf, Result, WantedSheet};
use crate::label::normalize;
use crate::location::CellRef;
use crate::money::WAN;

#[derive(Debug)]
pub struct Targets {
    pub file: Arc<str>,
    pub project: Project,
    pub targets: Vec<Target>,
    pub budget: Budget,
    pub survey: Option<Survey>,
    pub findings: Vec<ManualFinding>,
}

#[derive(Debug, Default, Serialize)]
pub struct Project {
    /// 项目名称
    pub name: String,
    /// 主管部门
    pub department: String,
    /// 实施单位
    pub implementer: String,
    /// 年度资金总额, in yuan.
    pub total_funds: Option<Decimal>,
    /// 全年执行数 of a 自评表, in yuan.
    pub executed: Option<Decimal>,
    /// The budget year the form states: `（2019年度）`.
    pub year: Option<u16>,
}

/// One row of the declaration's indicator table.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub written: String,
    pub value: TargetValue,
    /// 实际完成值, where the form has the column (自评表).
    pub actual: Option<String>,
    /// 分值, where the form gives one.
    pub points: Option<Decimal>,
    /// The 指标值 cell.
    pub at: CellRef,
}

#[derive(Debug)]
pub struct Budget {
    pub groups: Vec<BudgetGroup>,
    pub lines: Vec<BudgetLine>,
}

/// A part of the fund (劳模帮扶, 职工帮扶) with its own plan.
#[derive(Debug, Clone)]
pub struct BudgetGroup {
    pub name: String,
    /// In yuan; `None` when the sheet gives no figure for the part (then its lines add up to it).
    pub planned: Option<Decimal>,
    pub at: CellRef,
}

/// A budget line (预算子项).
#[derive(Debug, Clone)]
pub struct BudgetLine {
    pub name: String,
    pub group: String,
    /// In yuan.
    pub planned: Decimal,
    pub planned_at: CellRef,
    /// All must hold for a ledger row to belong to the line.
    pub matchers: Vec<Matcher>,
    /// The beneficiary count for lines paid in bulk (goods for 1,000 workers); otherwise the
    /// distinct payees are counted.
    pub stated_beneficiaries: Option<u32>,
    /// The tally the line's beneficiaries add to (受益统计), e.g. 困难职工.
    pub tally: Option<String>,
    /// 补助标准 as written.
    pub standard: String,
    pub at: CellRef,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// 项目 auxiliary item.
    Project,
    /// 科目: the code's prefix or a part of the name.
    Account,
    /// 摘要
    Summary,
    /// 往来单位 / 收款人
    Payee,
}

impl Field {
    /// The field in `lang`.
    pub fn say(self, lang: crate::lang::Lang) -> &'static str {
        let en = match self {
            Field::Project => "project",
            Field::Account => "account",
            Field::Summary => "summary",
            Field::Payee => "payee",
        };
        lang.pick(self.label(), en)
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Project => "项目",
            Field::Account => "科目",
            Field::Summary => "摘要",
            Field::Payee => "往来单位",
        }
    }
}

/// `字段:文字`: the field contains the text (one of several, separated by `|`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    pub field: Field,
    pub patterns: Vec<String>,
}

impl Matcher {
    pub fn parse_all(text: &str, at: &CellRef) -> Result<Vec<Matcher>> {
        // A cell of separators only would give no condition, which every row meets.
        if text.split([';', '；']).all(|c| c.trim().is_empty()) {
            return Err(Error::cell(
                at.clone(),
                Found::Text(text.to_string()),
                Expected::Conditions,
            ));
        }
        text.split([';', '；'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|condition| {
                let bad = || {
                    Error::cell(
                        at.clone(),
                        Found::Text(condition.to_string()),
                        Expected::Conditions,
                    )
                };
                let (field, pattern) = condition.split_once([':', '：']).ok_or_else(bad)?;
                let field = match normalize(field).as_str() {
                    "项目" | "项目名称" | "辅助项目" => Field::Project,
                    "科目" | "科目编码" | "科目名称" | "会计科目" => Field::Account,
                    "摘要" => Field::Summary,
                    "往来单位" | "收款人" | "收款单位" | "客商" => Field::Payee,
                    _ => return Err(bad()),
                };
                let patterns: Vec<String> = pattern
                    .split('|')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                if patterns.is_empty() {
                    return Err(bad());
                }
                Ok(Matcher { field, patterns })
            })
            .collect()
    }
}

impl std::fmt::Display for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.field.label(), self.patterns.join("|"))
    }
}

impl Matcher {
    /// The condition as the user reads it: `项目:两节送温暖` / `project:两节送温暖`.
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        format!("{}:{}", self.field.say(lang), self.patterns.join("|"))
    }
}

/// Survey answers: one row per respondent.
#[derive(Debug)]
pub struct Survey {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// (column, question text).
    pub questions: Vec<(u32, String)>,
    /// (row, answers by question, in `questions` order).
    pub responses: Vec<(u32, Vec<String>)>,
}

impl Survey {
    pub fn at(&self, row: u32, col: u32) -> CellRef {
        CellRef::new(&self.file, &self.sheet, row, col)
    }
}

/// A deduction the evaluator entered by hand (评价发现).
#[derive(Debug, Clone, Serialize)]
pub struct ManualFinding {
    pub indicator: String,
    pub points: Decimal,
    pub reason: String,
    pub basis: String,
    pub at: CellRef,
}

pub fn read(path: &Path) -> Result<Targets> {
    let mut wb = Workbook::open(path)?;
    let declaration =
        wb.require_sheet(WantedSheet::Declaration, &["绩效目标", "申报表", "自评表"])?;
    let declaration = wb.sheet(&declaration)?;
    let (project, targets) = read_declaration(&declaration)?;
    let budget = wb.require_sheet(WantedSheet::Budget, &["预算明细", "预算"])?;
    let budget = read_budget(&wb.sheet(&budget)?)?;
    let survey = match wb.find_sheet(&["问卷", "调查"]) {
        Some(name) => Some(read_survey(&wb.sheet(&name)?)),
        None => None,
    };
    let findings = match wb.find_sheet(&["评价发现", "扣分", "发现"]) {
        Some(name) => read_findings(&wb.sheet(&name)?)?,
        None => Vec::new(),
    };
    Ok(Targets {
        file: Arc::clone(wb.name()),
        project,
        targets,
        budget,
        survey,
        findings,
    })
}

fn no_header(sheet: &Sheet, expected: HeaderOf) -> Error {
    Error::NoHeader {
        file: sheet.file.to_string(),
        sheet: sheet.name.to_string(),
        scanned: SCAN_ROWS.min(sheet.height()),
        expected,
    }
}

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
}

fn read_declaration(sheet: &Sheet) -> Result<(Project, Vec<Target>)> {
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
    let mut targets = Vec::new();
    for r in header.data_start..end {
        let name = sheet.text(r, name_col);
        let value = sheet.text(r, value_col);
        if name.is_empty() || value.is_empty() {
            continue;
        }
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
        let written = if qualitative || value.ends_with(unit.as_str()) {
            format!("{comparator}{value}")
        } else {
            format!("{comparator}{value}{unit}")
        };
        let parsed = if qualitative {
            TargetValue::Qualitative {
                text: value.clone(),
            }
        } else {
            TargetValue::parse(&written)
        };
        let points = match header.col(Points) {
            Some(c) if !sheet.text(r, c).is_empty() => Some(amount(sheet, r, c)?),
            _ => None,
        };
        targets.push(Target {
            level1: header
                .col(Level1)
                .map(|c| strip_points(sheet.merged_text(r, c)))
                .unwrap_or_default(),
            level2: header
                .col(Level2)
                .map(|c| sheet.merged_text(r, c))
                .unwrap_or_default(),
            name,
            value: parsed,
            written,
            actual: header
                .col(Actual)
                .map(|c| sheet.text(r, c))
                .filter(|a| !a.is_empty()),
            points,
            at: sheet.at(r, value_col),
        });
    }
    Ok((project, targets))
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
    let executed_col = funds_header.and_then(|(r, _)| {
        (0..sheet.width()).find(|c| normalize(&sheet.text(r, *c)) == "全年执行数")
    });
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
                    let value = match funds_header {
                        Some((hr, bc)) if r > hr => Some(amount(sheet, r, bc)?),
                        Some(_) => None,
                        None if is_total => value_right_of(sheet, r, c)
                            .map(|(vc, _)| amount(sheet, r, vc))
                            .transpose()?,
                        None => None,
                    };
                    let executed = match (funds_header, executed_col) {
                        (Some((hr, _)), Some(ec)) if r > hr => Some(amount(sheet, r, ec)?),
                        _ => None,
                    };
                    if is_total {
                        project.total_funds = value.map(|v| v * WAN);
                        project.executed = executed.map(|v| v * WAN);
                    } else {
                        components += value.unwrap_or_default() * WAN;
                        executed_components += executed.unwrap_or_default() * WAN;
                    }
                    continue;
                }
                _ => continue,
            };
            if let Some((_, text)) = value_right_of(sheet, r, c) {
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
    }
    Ok(project)
}

/// The first non-empty cell right of a label: forms put the value one or two cells over.
fn value_right_of(sheet: &Sheet, row: u32, col: u32) -> Option<(u32, String)> {
    (col + 1..sheet.width())
        .map(|c| (c, sheet.text(row, c)))
        .find(|(_, t)| !t.is_empty())
}

/// An amount in a form's own unit (usually 万元): six places are a hundredth of a fen.
fn amount(sheet: &Sheet, row: u32, col: u32) -> Result<Decimal> {
    sheet.decimal(row, col, 6, "万元", Expected::AnAmount)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BudgetColumn {
    Name,
    Group,
    Planned,
    Match,
    Beneficiaries,
    Tally,
    Standard,
}

fn read_budget(sheet: &Sheet) -> Result<Budget> {
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
    ];
    let header =
        find_header(sheet, vocabulary, &[], 3).ok_or_else(|| no_header(sheet, HeaderOf::Budget))?;
    let (Some(name_col), Some(planned_col)) = (header.col(Name), header.col(Planned)) else {
        return Err(no_header(sheet, HeaderOf::BudgetLineAndPlan));
    };
    // Budgets are written in 万元 unless the 预算数 header or a 单位 note above says 元; a
    // `元` elsewhere (`补助标准（元/人）`) says nothing about the plan.
    let planned_label = normalize(&sheet.text(header.row, planned_col));
    let note = (0..header.row)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .map(|(r, c)| normalize(&sheet.text(r, c)))
        .find(|t| t.contains("单位"));
    let says_yuan = |t: &str| t.contains('元') && !t.contains("万元");
    let unit = if says_yuan(&planned_label) || note.as_deref().is_some_and(says_yuan) {
        Decimal::ONE
    } else {
        WAN
    };

    let mut groups: Vec<BudgetGroup> = Vec::new();
    let mut lines = Vec::new();
    for r in header.data_start..sheet.height() {
        let name = sheet.text(r, name_col);
        // Totals of the sheet's own are not budget lines: the parts add up by themselves.
        if name.is_empty()
            || matches!(
                normalize(&name).as_str(),
                "合计" | "小计" | "总计" | "预算合计"
            )
        {
            continue;
        }
        let planned = amount(sheet, r, planned_col)? * unit;
        let group = header
            .col(Group)
            .map(|c| sheet.merged_text(r, c))
            .unwrap_or_default();
        let condition = header
            .col(Match)
            .map(|c| sheet.text(r, c))
            .unwrap_or_default();
        // A part's own row has neither a part nor a condition; a line with a condition but no
        // part has lost its 所属部分, which must not silently make it a part.
        if group.is_empty() && header.col(Group).is_some() && !condition.is_empty() {
            let c = header.col(Group).unwrap_or(name_col);
            return Err(Error::cell(
                sheet.at(r, c),
                Found::EmptyPart,
                Expected::Part,
            ));
        }
        if group.is_empty() && header.col(Group).is_some() {
            // A part's row below its lines completes the part they opened, rather than adding
            // it a second time.
            match groups.iter_mut().find(|g| g.name == name) {
                Some(g) => {
                    g.planned = Some(planned);
                    g.at = sheet.at(r, planned_col);
                }
                None => groups.push(BudgetGroup {
                    name,
                    planned: Some(planned),
                    at: sheet.at(r, planned_col),
                }),
            }
            continue;
        }
        if !groups.iter().any(|g| g.name == group) {
            groups.push(BudgetGroup {
                name: group.clone(),
                planned: None,
                at: sheet.at(r, name_col),
            });
        }
        let at = sheet.at(r, name_col);
        let matchers = match header.col(Match).map(|c| (c, sheet.text(r, c))) {
            Some((c, text)) if !text.is_empty() => Matcher::parse_all(&text, &sheet.at(r, c))?,
            // Without a condition, a line claims the rows whose 项目 names it.
            _ => vec![Matcher {
                field: Field::Project,
                patterns: vec![name.clone()],
            }],
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
        lines.push(BudgetLine {
            name,
            group,
            planned,
            planned_at: sheet.at(r, planned_col),
            matchers,
            stated_beneficiaries,
            tally,
            standard,
            at,
        });
    }
    Ok(Budget { groups, lines })
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

fn read_survey(sheet: &Sheet) -> Survey {
    let header_row = (0..sheet.height())
        .find(|r| !sheet.is_blank_row(*r))
        .unwrap_or(0);
    let questions: Vec<(u32, String)> = (0..sheet.width())
        .map(|c| (c, sheet.text(header_row, c)))
        .filter(|(_, q)| !q.is_empty())
        .collect();
    let responses = (header_row + 1..sheet.height())
        .filter(|r| !sheet.is_blank_row(*r))
        .map(|r| {
            (
                r,
                questions.iter().map(|(c, _)| sheet.text(r, *c)).collect(),
            )
        })
        .collect();
    Survey {
        file: Arc::clone(&sheet.file),
        sheet: Arc::clone(&sheet.name),
        questions,
        responses,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FindingColumn {
    Indicator,
    Points,
    Reason,
    Basis,
}

fn read_findings(sheet: &Sheet) -> Result<Vec<ManualFinding>> {
    use FindingColumn::*;
    let vocabulary: &[(FindingColumn, &[&str])] = &[
        (Indicator, &["指标", "三级指标", "指标名称"]),
        (Points, &["扣分", "扣分值", "扣减分值"]),
        (Reason, &["扣分原因", "原因", "问题"]),
        (Basis, &["依据", "证据", "佐证"]),
    ];
    let header = find_header(sheet, vocabulary, &[], 3)
        .ok_or_else(|| no_header(sheet, HeaderOf::Findings))?;
    let (Some(ic), Some(pc), Some(rc)) = (
        header.col(Indicator),
        header.col(Points),
        header.col(Reason),
    ) else {
        return Err(no_header(sheet, HeaderOf::Findings));
    };
    let mut out = Vec::new();
    for r in header.data_start..sheet.height() {
        let indicator = sheet.text(r, ic);
        if indicator.is_empty() {
            continue;
        }
        let points = amount(sheet, r, pc).map_err(|_| {
            Error::cell(
                sheet.at(r, pc),
                Found::Text(sheet.text(r, pc)),
                Expected::Points,
            )
        })?;
        out.push(ManualFinding {
            indicator,
            points: points.abs(),
            reason: sheet.text(r, rc),
            basis: header
                .col(Basis)
                .map(|c| sheet.text(r, c))
                .unwrap_or_default(),
            at: sheet.at(r, rc),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::text_cells;
    use rust_decimal_macros::dec;

    fn grid(cells: &[&[&str]]) -> Sheet {
        Sheet::from_rows("t.xlsx", "绩效目标申报表", text_cells(cells))
    }

    fn summary(targets: &[Target]) -> Vec<(String, String, String)> {
        targets
            .iter()
            .map(|t| (t.level1.clone(), t.name.clone(), t.value.to_string()))
            .collect()
    }

    fn budget(rows: &[&[&str]]) -> Result<Budget> {
        let mut cells: Vec<&[&str]> =
            vec![&["预算子项", "所属部分", "预算数", "匹配条件", "受益人数"]];
        cells.extend_from_slice(rows);
        read_budget(&grid(&cells))
    }

    #[test]
    fn budget_lines_and_parts() {
        let b = budget(&[
            &["劳模帮扶", "", "150", "", ""],
            &["疗休养", "劳模帮扶", "20", "项目:疗休养", "40"],
        ])
        .expect("reads");
        assert_eq!(b.groups.len(), 1);
        assert_eq!(
            (b.groups[0].planned, b.lines[0].planned),
            (Some(dec!(1500000)), dec!(200000))
        );
        assert_eq!(b.lines[0].stated_beneficiaries, Some(40));
    }

    #[test]
    fn totals_and_parts_below_their_lines_count_once() {
        let b = budget(&[
            &["疗休养", "劳模帮扶", "20", "项目:疗休养", ""],
            &["劳模帮扶", "", "150", "", ""],
            &["合计", "", "150", "", ""],
        ])
        .expect("reads");
        assert_eq!(b.groups.len(), 1);
        assert_eq!(b.groups[0].planned, Some(dec!(1500000)));
    }

    #[test]
    fn the_unit_comes_from_the_plan_column_not_any_yuan() {
        let rows: Vec<&[&str]> = vec![
            &[
                "预算子项",
                "所属部分",
                "预算数",
                "匹配条件",
                "补助标准（元/人）",
            ],
            &["疗休养", "劳模帮扶", "20", "项目:疗休养", "5000"],
        ];
        assert_eq!(
            read_budget(&grid(&rows)).expect("reads").lines[0].planned,
            dec!(200000)
        );
        let rows: Vec<&[&str]> = vec![
            &["预算子项", "所属部分", "预算数（元）", "匹配条件"],
            &["疗休养", "劳模帮扶", "200000", "项目:疗休养"],
        ];
        assert_eq!(
            read_budget(&grid(&rows)).expect("reads").lines[0].planned,
            dec!(200000)
        );
    }

    #[test]
    fn a_line_that_lost_its_part_is_an_error_not_a_part() {
        let err = budget(&[&["疗休养", "", "20", "项目:疗休养", ""]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.xlsx!绩效目标申报表!B2: found an empty 所属部分 on a line with a 匹配条件, expected the part (所属部分) the line belongs to"
        );
    }

    #[test]
    fn absurd_counts_of_people_are_refused() {
        let err =
            budget(&[&["疗休养", "劳模帮扶", "20", "项目:疗休养", "4294967295"]]).unwrap_err();
        assert!(err.to_string().starts_with("t.xlsx!绩效目标申报表!E2: found 4294967295, expected a count of people up to 100,000,000"), "{err}");
    }

    #[test]
    fn reads_split_nature_value_unit_columns() {
        // 四川: 指标性质 / 指标值 / 度量单位 apart, weights in the 一级 labels.
        let sheet = grid(&[
            &[
                "绩效指标(90分)",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "指标值",
                "度量单位",
                "完成值",
                "权重",
                "得分",
            ],
            &[
                "",
                "产出指标(50分)",
                "数量指标",
                "发放覆盖率",
                "=",
                "100",
                "%",
                "",
                "60",
                "",
            ],
            &[
                "",
                "效益指标(30分)",
                "社会效益指标",
                "安全隐患排查有效处置率",
                "≥",
                "90",
                "%",
                "91",
                "10",
                "",
            ],
            &[
                "",
                "效益指标(30分)",
                "可持续影响指标",
                "管理机制健全性",
                "定性",
                "优良中低差",
                "",
                "优",
                "10",
                "",
            ],
        ]);
        let (_, targets) = read_declaration(&sheet).expect("reads");
        assert_eq!(
            summary(&targets),
            [
                ("产出指标".into(), "发放覆盖率".into(), "=100%".into()),
                (
                    "效益指标".into(),
                    "安全隐患排查有效处置率".into(),
                    "≥90%".into()
                ),
                (
                    "效益指标".into(),
                    "管理机制健全性".into(),
                    "优良中低差".into()
                ),
            ]
        );
        assert_eq!(targets[1].actual.as_deref(), Some("91"));
        assert_eq!(targets[1].points, Some(dec!(10)));
        assert!(matches!(targets[2].value, TargetValue::Qualitative { .. }));
    }

    #[test]
    fn takes_the_annual_table_of_a_form_with_two() {
        let sheet = grid(&[
            &["项目名称", "某项目"],
            &["长期绩效指标"],
            &["一级指标", "二级指标", "指标内容", "指标值"],
            &["产出指标", "数量指标", "建档人数", "5000人"],
            &["年度绩效指标"],
            &["一级指标", "二级指标", "指标内容", "指标值"],
            &["产出指标", "数量指标", "建档人数", "1500人"],
            &["效益指标", "社会效益指标", "政策知晓率", "≥90%"],
        ]);
        let (project, targets) = read_declaration(&sheet).expect("reads");
        assert_eq!(project.name, "某项目");
        assert_eq!(
            summary(&targets),
            [
                ("产出指标".into(), "建档人数".into(), "≥1500人".into()),
                ("效益指标".into(), "政策知晓率".into(), "≥90%".into())
            ]
        );
    }

    #[test]
    fn reads_a_self_evaluation_form_and_adds_up_its_fund_components() {
        // 池州 2022 自评表: the 年度资金总额 row says 0 while its components do not.
        let sheet = grid(&[
            &["项目支出绩效自评表"],
            &["项目名称", "委托业务项目"],
            &[
                "项目资金（万元）",
                "",
                "年初预算数",
                "全年预算数",
                "全年执行数",
                "分值",
                "执行率",
                "得分",
            ],
            &["", "年度资金总额：", "0", "0", "0", "10", "0", "0"],
            &[
                "",
                "其中：本年财政拨款",
                "90",
                "89.974",
                "89.974",
                "",
                "",
                "",
            ],
            &["", "上年结转资金", "", "", "", "", "", ""],
            &[
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
            ],
            &[
                "",
                "产出指标(50分)",
                "数量指标",
                "基建工程委托业务项目数量",
                "≥50个",
                "50",
                "8",
                "8",
            ],
            &[
                "",
                "产出指标(50分)",
                "成本指标",
                "项目总成本",
                "≤90万元",
                "90",
                "8",
                "8",
            ],
            &["总分", "", "", "", "", "", "100", ""],
        ]);
        let (project, targets) = read_declaration(&sheet).expect("reads");
        assert_eq!(project.total_funds, Some(dec!(899740)));
        assert_eq!(project.executed, Some(dec!(899740)));
        assert_eq!(
            summary(&targets),
            [
                (
                    "产出指标".into(),
                    "基建工程委托业务项目数量".into(),
                    "≥50个".into()
                ),
                ("产出指标".into(), "项目总成本".into(), "≤90万元".into())
            ]
        );
        assert_eq!(targets[0].actual.as_deref(), Some("50"));
    }

    #[test]
    fn parses_match_conditions() {
        let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 4, 4);
        let m = Matcher::parse_all("项目:两节送温暖；摘要:物资|慰问品", &at).expect("parses");
        assert_eq!(
            m,
            [
                Matcher {
                    field: Field::Project,
                    patterns: vec!["两节送温暖".into()]
                },
                Matcher {
                    field: Field::Summary,
                    patterns: vec!["物资".into(), "慰问品".into()]
                },
            ]
        );
        assert!(
            Matcher::parse_all("；", &at).is_err(),
            "a cell of separators must not match every row"
        );
        let err = Matcher::parse_all("部门:工会", &at).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.xlsx!预算明细!E5: found “部门:工会”, expected conditions like 项目:两节送温暖 or 科目:50204, several joined by ；, on the fields 项目, 科目, 摘要, 往来单位"
        );
    }
}
