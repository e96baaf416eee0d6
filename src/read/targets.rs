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

use super::header::{SCAN_ROWS, find_header};
use super::target_value::TargetValue;
use super::workbook::{Sheet, Workbook, display, normalize};
use crate::error::{Error, Result};
use crate::location::CellRef;
use crate::money::{self, WAN};

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
}

/// One row of the declaration's indicator table.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub written: String,
    pub value: TargetValue,
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
    const ALLOWED: &'static str = "conditions like 项目:两节送温暖 or 科目:50204, several joined by ；, on the fields 项目, 科目, 摘要, 往来单位";

    pub fn parse_all(text: &str, at: &CellRef) -> Result<Vec<Matcher>> {
        text.split([';', '；'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|condition| {
                let bad = || Error::cell(at.clone(), format!("“{condition}”"), Self::ALLOWED);
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
    let declaration = wb.require_sheet("the 绩效目标申报表", &["绩效目标", "申报表", "自评表"])?;
    let declaration = wb.sheet(&declaration)?;
    let (project, targets) = read_declaration(&declaration)?;
    let budget = wb.require_sheet("the budget lines", &["预算明细", "预算"])?;
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

fn no_header(sheet: &Sheet, expected: &str) -> Error {
    Error::NoHeader {
        file: sheet.file.to_string(),
        sheet: sheet.name.to_string(),
        scanned: SCAN_ROWS.min(sheet.height()),
        expected: expected.into(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeclarationColumn {
    Level1,
    Level2,
    Level3,
    Value,
}

fn read_declaration(sheet: &Sheet) -> Result<(Project, Vec<Target>)> {
    use DeclarationColumn::*;
    let vocabulary: &[(DeclarationColumn, &[&str])] = &[
        (Level1, &["一级指标"]),
        (Level2, &["二级指标"]),
        (Level3, &["三级指标", "指标内容", "指标名称"]),
        (Value, &["指标值", "年度指标值", "目标值", "年度目标值"]),
    ];
    let header = find_header(sheet, vocabulary, &[], 3)
        .ok_or_else(|| no_header(sheet, "一级指标, 二级指标, 三级指标 and 指标值"))?;
    let (Some(name_col), Some(value_col)) = (header.col(Level3), header.col(Value)) else {
        return Err(no_header(sheet, "三级指标 and 指标值"));
    };

    let mut project = Project::default();
    for r in 0..header.row {
        for c in 0..sheet.width() {
            let label = normalize(&sheet.text(r, c));
            let slot = match label.as_str() {
                "项目名称" => &mut project.name,
                "主管部门" => &mut project.department,
                "实施单位" => &mut project.implementer,
                "年度资金总额" => {
                    if let Some((vc, _)) = value_right_of(sheet, r, c) {
                        project.total_funds = Some(amount(sheet, r, vc)? * WAN);
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

    let strip_points = |s: String| match s.find(['(', '（']) {
        Some(i) if s.ends_with("分)") || s.ends_with("分）") => s[..i].trim().to_string(),
        _ => s,
    };
    let mut targets = Vec::new();
    for r in header.data_start..sheet.height() {
        let name = sheet.text(r, name_col);
        let written = sheet.text(r, value_col);
        if name.is_empty() || written.is_empty() {
            continue;
        }
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
            value: TargetValue::parse(&written),
            written,
            at: sheet.at(r, value_col),
        });
    }
    Ok((project, targets))
}

/// The first non-empty cell right of a label: forms put the value one or two cells over.
fn value_right_of(sheet: &Sheet, row: u32, col: u32) -> Option<(u32, String)> {
    (col + 1..sheet.width())
        .map(|c| (c, sheet.text(row, c)))
        .find(|(_, t)| !t.is_empty())
}

/// An amount in a form's own unit (usually 万元), within [`money::MAX_AMOUNT`].
fn amount(sheet: &Sheet, row: u32, col: u32) -> Result<Decimal> {
    let bad = |found: String| Error::cell(sheet.at(row, col), found, "an amount");
    let value = match sheet.cell(row, col) {
        Data::Float(f) => money::from_f64(*f).ok_or_else(|| bad(f.to_string())),
        Data::Int(i) => Ok(Decimal::from(*i)),
        Data::String(s) => {
            money::parse_amount(s.trim_end_matches("万元")).map_err(|_| bad(format!("“{s}”")))
        }
        Data::Empty => Ok(Decimal::ZERO),
        other => Err(bad(format!("“{}”", display(other)))),
    }?;
    money::plausible(value).ok_or_else(|| bad(value.to_string()))
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
    let header = find_header(sheet, vocabulary, &[], 3)
        .ok_or_else(|| no_header(sheet, "预算子项, 所属部分, 预算数 and 匹配条件"))?;
    let (Some(name_col), Some(planned_col)) = (header.col(Name), header.col(Planned)) else {
        return Err(no_header(sheet, "预算子项 and 预算数"));
    };
    // Budgets are written in 万元 unless the sheet says 元.
    let unit_text: String = (0..=header.row)
        .flat_map(|r| (0..sheet.width()).map(move |c| (r, c)))
        .map(|(r, c)| sheet.text(r, c))
        .collect();
    let unit = if unit_text.contains("万元") || !unit_text.contains('元') {
        WAN
    } else {
        Decimal::ONE
    };

    let mut groups: Vec<BudgetGroup> = Vec::new();
    let mut lines = Vec::new();
    for r in header.data_start..sheet.height() {
        let name = sheet.text(r, name_col);
        if name.is_empty() {
            continue;
        }
        let planned = amount(sheet, r, planned_col)? * unit;
        let group = header
            .col(Group)
            .map(|c| sheet.merged_text(r, c))
            .unwrap_or_default();
        if group.is_empty() && header.col(Group).is_some() {
            groups.push(BudgetGroup {
                name,
                planned: Some(planned),
                at: sheet.at(r, planned_col),
            });
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
        let stated_beneficiaries = match header.col(Beneficiaries) {
            Some(c) => match sheet.cell(r, c) {
                Data::Empty => None,
                Data::String(s) if s.trim().is_empty() => None,
                Data::Float(f) if *f >= 0.0 && f.fract() == 0.0 && *f < f64::from(u32::MAX) => {
                    Some(*f as u32)
                }
                Data::Int(i) => Some(u32::try_from(*i).map_err(|_| {
                    Error::cell(sheet.at(r, c), i.to_string(), "a count of people")
                })?),
                Data::String(s) => Some(s.trim().trim_end_matches(['人', '次']).parse().map_err(
                    |_| {
                        Error::cell(
                            sheet.at(r, c),
                            format!("“{s}”"),
                            "a count of people, or blank",
                        )
                    },
                )?),
                other => {
                    return Err(Error::cell(
                        sheet.at(r, c),
                        format!("“{}”", display(other)),
                        "a count of people, or blank",
                    ));
                }
            },
            None => None,
        };
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
        .ok_or_else(|| no_header(sheet, "指标, 扣分 and 扣分原因"))?;
    let (Some(ic), Some(pc), Some(rc)) = (
        header.col(Indicator),
        header.col(Points),
        header.col(Reason),
    ) else {
        return Err(no_header(sheet, "指标, 扣分 and 扣分原因"));
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
                format!("“{}”", sheet.text(r, pc)),
                "the points to deduct, a number",
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
        let err = Matcher::parse_all("部门:工会", &at).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.xlsx!预算明细!E5: found “部门:工会”, expected conditions like 项目:两节送温暖 or 科目:50204, several joined by ；, on the fields 项目, 科目, 摘要, 往来单位"
        );
    }
}
