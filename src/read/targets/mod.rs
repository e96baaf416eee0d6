//! The evaluator's workbook around the fund (`targets.xlsx`), its sheets recognised by name:
//!
//! - the 绩效目标申报表 (required): the key–value header (项目名称, 主管部门, 年度资金总额) and
//!   the indicator table 一级 / 二级 / 三级 / 指标值 with its merged cells;
//! - the 预算明细 (required): the budget lines, their plan, and how ledger rows match them;
//! - the 问卷 (optional): one row per respondent, one column per question;
//! - the 评价发现 (optional): what the evaluator found on site, for what no spreadsheet shows.

use std::path::Path;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

mod budget;
mod declaration;
mod findings;

pub use budget::implied_years;
use budget::read_budget;
use declaration::read_declaration;
use findings::{read_counts, read_findings, read_scores};

use super::header::SCAN_ROWS;
use super::target_value::TargetValue;
use super::workbook::{Sheet, Workbook};
use crate::date::Date;
use crate::error::{Error, Expected, Found, HeaderOf, Result, WantedSheet};
use crate::label::normalize;
use crate::location::CellRef;
pub use crate::read::survey::Survey;

#[derive(Debug)]
pub struct Targets {
    pub file: Arc<str>,
    pub project: Project,
    pub targets: Vec<Target>,
    pub budget: Budget,
    pub survey: Option<Survey>,
    pub findings: Vec<ManualFinding>,
    /// The 评分 sheet's scores.
    pub scores: Vec<ManualScore>,
    /// The 计数 sheet's counts.
    pub counts: Vec<Count>,
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
    /// Its cell.
    #[serde(skip)]
    pub total_funds_at: Option<CellRef>,
    /// 全年执行数 of a 自评表, in yuan.
    pub executed: Option<Decimal>,
    /// The budget year the form states: `（2019年度）`.
    pub year: Option<u16>,
    /// With a declaration per year, each year's 年度资金总额 and its cell; `total_funds` is
    /// then their sum (when every year gives one), which no one cell holds.
    #[serde(skip)]
    pub year_totals: Vec<(u16, Decimal, CellRef)>,
    /// A 自评表's 总分 row, where its declaration has one.
    #[serde(skip)]
    pub form_total: Option<FormTotal>,
    /// A 自评表's 执行率 row as the unit filled it in.
    #[serde(skip)]
    pub execution: Option<ExecutionClaim>,
}

/// The 年度资金总额 row of a 自评表's funds table: its 分值, the 执行率 the unit wrote, and the
/// unit's 得分 for it.
#[derive(Debug, Clone)]
pub struct ExecutionClaim {
    pub points: Option<(Decimal, CellRef)>,
    /// As a fraction.
    pub rate: Option<(Decimal, CellRef)>,
    pub claimed: Option<(Decimal, CellRef)>,
}

/// Where a budget line's money comes from, as the 自评表 splits 年度资金总额.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundSource {
    /// 当年财政拨款
    CurrentYear,
    /// 上年结转资金
    CarriedOver,
    /// 其他资金
    Other,
}

impl FundSource {
    pub const ALL: [FundSource; 3] = [
        FundSource::CurrentYear,
        FundSource::CarriedOver,
        FundSource::Other,
    ];

    /// The source a 资金来源 cell names, in the words budget sheets use.
    pub fn parse(text: &str) -> Option<FundSource> {
        let t = crate::label::normalize(text);
        let t = t.trim_start_matches("其中:").trim_start_matches("其中：");
        // 非财政拨款 is money of the unit's own, not an appropriation.
        if t.contains("非财政") {
            Some(FundSource::Other)
        } else if t.contains("结转") || t.contains("结余") {
            Some(FundSource::CarriedOver)
        } else if t.contains("财政") || t.contains("拨款") || t.contains("预算内") {
            Some(FundSource::CurrentYear)
        } else if t.starts_with("其他") || t.contains("自筹") || t.contains("社会") {
            Some(FundSource::Other)
        } else {
            None
        }
    }

    /// The 自评表's row label.
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            FundSource::CurrentYear => {
                lang.pick("其中：当年财政拨款", "of which: this year's appropriation")
            }
            FundSource::CarriedOver => lang.pick("上年结转资金", "carried over"),
            FundSource::Other => lang.pick("其他资金", "other"),
        }
    }
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
    /// 得分: the unit's own score on a filled 自评表, which the evaluation re-checks (自评复核).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claimed: Option<Decimal>,
    /// How a number written without `≥` or `≤` was read.
    #[serde(skip_serializing_if = "Sign::is_written")]
    pub sign: Sign,
    /// The declaration's year, when the workbook holds one per year.
    pub year: Option<u16>,
    /// The 指标值 cell.
    pub at: CellRef,
    /// The row's other cells, where the form has their columns.
    #[serde(skip)]
    pub cells: TargetCells,
}

/// A 自评表 row's cells besides its 指标值.
#[derive(Debug, Clone, Default)]
pub struct TargetCells {
    pub actual: Option<CellRef>,
    pub points: Option<CellRef>,
    pub claimed: Option<CellRef>,
}

/// Which way a target's number points when the form writes no sign: the sign written always
/// wins; a cost (成本指标) or a time limit (时效指标) is a ceiling, anything else a floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Written in the cell (`≥95%`, `不超过20万元`), or not a number.
    #[default]
    Written,
    /// No sign, under 成本指标 or 时效指标: read as `≤`.
    CeilingByKind,
    /// No sign, under any other 二级: read as `≥`.
    FloorByKind,
}

impl Sign {
    fn is_written(&self) -> bool {
        *self == Sign::Written
    }
}

/// The form's 总分 row (自评表): the points it prints and the unit's total score.
#[derive(Debug, Clone)]
pub struct FormTotal {
    pub points: Option<(Decimal, CellRef)>,
    pub claimed: Option<(Decimal, CellRef)>,
}

#[derive(Debug)]
pub struct Budget {
    pub groups: Vec<BudgetGroup>,
    pub lines: Vec<BudgetLine>,
    /// What an arrival for the whole fund looks like: the 合计 row's 匹配条件, else the 项目
    /// naming the fund (set once the declaration is read). Only arrivals no line or part claims
    /// are tried against it; spending always belongs to a line.
    pub fund: Vec<Matcher>,
    /// The budget year in the fund's name (`2024年…`): an arrival whose 项目 names another year
    /// is not this fund's, whatever else it shares with the name.
    pub fund_year: Option<u16>,
}

/// A part of the fund (劳模帮扶, 职工帮扶) with its own plan.
#[derive(Debug, Clone)]
pub struct BudgetGroup {
    pub name: String,
    /// In yuan; `None` when the sheet gives no figure for the part (then its lines add up to it).
    pub planned: Option<Decimal>,
    pub at: CellRef,
    /// What an arrival for the part as a whole looks like (拨付到部分的资金): its row's 匹配条件,
    /// else the 项目 naming the part. Tried only on arrivals no line claims.
    pub matchers: Vec<Matcher>,
    /// Whether `matchers` are the part row's own 匹配条件 rather than its name.
    pub stated: bool,
}

/// A budget line (预算子项).
#[derive(Debug, Clone)]
pub struct BudgetLine {
    pub name: String,
    /// 资金来源 as the 预算明细 writes it, and its cell: read as the 自评表's 当年财政拨款 /
    /// 上年结转资金 / 其他资金 ([`FundSource::parse`]) only by the form, so that a wording the
    /// form cannot place stops the form and nothing else.
    pub source: Option<(String, CellRef)>,
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
    /// 年度: the budget year the line's money is for, where the sheet gives one.
    pub year: Option<u16>,
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
    /// 年度: the posting's date falls in one of the years.
    Year,
    /// 日期: the posting's date falls in one of the ranges (`2022-01-01..2023-03-31`).
    Date,
}

impl Field {
    /// The field in `lang`.
    pub fn say(self, lang: crate::lang::Lang) -> &'static str {
        let en = match self {
            Field::Project => "project",
            Field::Account => "account",
            Field::Summary => "summary",
            Field::Payee => "payee",
            Field::Year => "year",
            Field::Date => "date",
        };
        lang.pick(self.label(), en)
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Project => "项目",
            Field::Account => "科目",
            Field::Summary => "摘要",
            Field::Payee => "往来单位",
            Field::Year => "年度",
            Field::Date => "日期",
        }
    }
}

/// `字段:文字`: the field contains the text (one of several, separated by `|`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    pub field: Field,
    pub patterns: Vec<String>,
    /// Per pattern, its normalised form when it holds a character whose width or spacing may
    /// differ in the ledger (`两节送温暖(资金)` against `两节送温暖（资金）`); worked out once, as
    /// the pattern is tried on every posting a line does not claim.
    pub normalized: Vec<Option<String>>,
    /// For 年度 and 日期, the days each pattern spans, first and last included.
    pub ranges: Vec<(Date, Date)>,
    /// A 年度 the line's year implies rather than its 匹配条件 states: the year the posting's
    /// 项目 names, else its date's, must be the line's (see `budget::implied_years`).
    pub implied: bool,
}

impl Matcher {
    pub fn new(field: Field, patterns: Vec<String>) -> Matcher {
        let normalized = patterns
            .iter()
            .map(|p| loose(p).then(|| normalize(p)))
            .collect();
        Matcher {
            field,
            patterns,
            normalized,
            ranges: Vec::new(),
            implied: false,
        }
    }

    /// `年度:2022`: the postings dated in the year.
    pub fn year(year: u16) -> Option<Matcher> {
        let mut m = Matcher::new(Field::Year, vec![year.to_string()]);
        m.ranges = vec![year_span(year)?];
        Some(m)
    }

    /// Whether the matcher reads the posting's date.
    pub fn on_date(&self) -> bool {
        matches!(self.field, Field::Year | Field::Date)
    }
}

fn year_span(year: u16) -> Option<(Date, Date)> {
    Some((Date::new(year, 1, 1)?, Date::new(year, 12, 31)?))
}

/// A 年度 or 日期 pattern as the days it spans: `2022`, `2022年`; `2022-01-01..2023-03-31`,
/// `2022-01-01至2023-03-31`, `2022-01-01~2023-03-31`, or one day.
fn span(field: Field, pattern: &str) -> Option<(Date, Date)> {
    match field {
        Field::Year => {
            let t = pattern.trim();
            let digits = t
                .strip_suffix("年度")
                .or_else(|| t.strip_suffix('年'))
                .unwrap_or(t);
            let year: u16 = digits.parse().ok().filter(|_| digits.len() == 4)?;
            (1900..2100)
                .contains(&year)
                .then(|| year_span(year))
                .flatten()
        }
        Field::Date => {
            let (first, last) = match pattern.split_once("..") {
                Some(pair) => pair,
                None => pattern
                    .split_once(['至', '~', '～'])
                    .unwrap_or((pattern, pattern)),
            };
            // One date a side: `2022-01-01-2023-03-31` or `2022-01-01—2023-03-31` is two dates
            // run together, which the date reader would take for their first day alone.
            let one_date = |t: &str| {
                (t.chars().filter(char::is_ascii_digit).count() <= 8)
                    .then(|| Date::parse(t))
                    .flatten()
            };
            let (first, last) = (one_date(first)?, one_date(last)?);
            (first <= last).then_some((first, last))
        }
        _ => None,
    }
}

/// Whether a pattern may hold a character whose width or spacing differs in the ledger: ASCII
/// brackets, colons, dashes and spaces, or the lead byte of full-width forms (U+FFxx), general
/// punctuation (U+20xx, the dashes) and the ideographic space (U+3000).
fn loose(pattern: &str) -> bool {
    pattern.bytes().any(|b| {
        matches!(
            b,
            b'(' | b')' | b':' | b'-' | b' ' | b'\t' | 0xE2 | 0xE3 | 0xEF
        )
    })
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
                    "年度" | "年份" | "预算年度" => Field::Year,
                    "日期" | "记账日期" | "凭证日期" | "业务日期" => Field::Date,
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
                let ranges = match field {
                    Field::Year | Field::Date => patterns
                        .iter()
                        .map(|p| span(field, p).ok_or_else(bad))
                        .collect::<Result<Vec<_>>>()?,
                    _ => Vec::new(),
                };
                let mut matcher = Matcher::new(field, patterns);
                matcher.ranges = ranges;
                Ok(matcher)
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
        let implied = if self.implied {
            lang.pick("（按子项年度）", " (the line's year)")
        } else {
            ""
        };
        format!(
            "{}:{}{implied}",
            self.field.say(lang),
            self.patterns.join("|")
        )
    }
}

/// A count the evaluators gathered (计数): items due, items paid on time, people per year.
#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub name: String,
    pub year: Option<u16>,
    pub value: Decimal,
    /// The value's cell.
    pub at: CellRef,
}

impl Count {
    /// Its measure's name: `count.按时发放项数`, `count.受益人数.2021`.
    pub fn key(&self) -> String {
        match self.year {
            Some(y) => format!("count.{}.{y}", normalize(&self.name)),
            None => format!("count.{}", normalize(&self.name)),
        }
    }
}

impl Target {
    /// Its name as the outputs say it: with its year when the workbook holds a declaration per
    /// year (`救助人数（2022年）` / `救助人数 (2022)`).
    pub fn named(&self, lang: crate::lang::Lang) -> String {
        match (self.year, lang) {
            (None, _) => self.name.clone(),
            (Some(y), crate::lang::Lang::Zh) => format!("{}（{y}年）", self.name),
            (Some(y), crate::lang::Lang::En) => format!("{} ({y})", self.name),
        }
    }

    /// Its measure's name: `target.受益人数`, or `target.受益人数.2022` when the workbook holds a
    /// declaration per year.
    pub fn key(&self) -> String {
        match self.year {
            Some(y) => format!("target.{}.{y}", normalize(&self.name)),
            None => format!("target.{}", normalize(&self.name)),
        }
    }
}

impl Targets {
    /// The years of the declarations, when there is one per year.
    pub fn years(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.targets.iter().filter_map(|t| t.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}

/// The evaluation team's score of an indicator no figure scores (评分).
#[derive(Debug, Clone, Serialize)]
pub struct ManualScore {
    pub indicator: String,
    pub score: Decimal,
    pub reason: String,
    /// The score's cell.
    pub at: CellRef,
    pub reason_at: CellRef,
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
    const DECLARATION: [&str; 3] = ["绩效目标", "申报表", "自评表"];
    let first = wb.require_sheet(WantedSheet::Declaration, &DECLARATION)?;
    // One declaration per year when the sheets' names give two years or more; then every
    // declaration sheet must give its own. Otherwise the first is read, as a workbook with a
    // 申报表 and a 自评表 of one year, or a 绩效目标评分标准 beside them, always was.
    let declarations: Vec<String> = wb
        .sheet_names()
        .into_iter()
        .filter(|n| is_declaration(n, &DECLARATION))
        .collect();
    let mut named_years: Vec<u16> = declarations.iter().filter_map(|n| sheet_year(n)).collect();
    named_years.sort_unstable();
    named_years.dedup();
    let (project, targets) = if named_years.len() < 2 {
        read_declaration(&wb.sheet(&first)?)?
    } else {
        let mut read = Vec::new();
        for name in declarations {
            let sheet = wb.sheet(&name)?;
            read.push((read_declaration(&sheet)?, sheet.at(0, 0), name));
        }
        by_year(read)?
    };
    let budget = wb.require_sheet(WantedSheet::Budget, &["预算明细", "预算"])?;
    let mut budget = read_budget(&wb.sheet(&budget)?)?;
    if budget.fund.is_empty() {
        budget.fund = fund_by_name(&project.name);
        // A fund of several years (`2021—2024年…`) has no one year its arrivals must name.
        let mut years: Vec<u16> = budget.lines.iter().filter_map(|l| l.year).collect();
        years.dedup();
        if years.len() < 2 && targets.iter().all(|t| t.year.is_none()) {
            budget.fund_year = year_of(&project.name);
        }
    }
    let survey = match wb.find_sheet(&["问卷", "调查"]) {
        Some(name) => Some(crate::read::survey::read_sheet(&wb.sheet(&name)?)),
        None => None,
    };
    let findings = match wb.find_sheet(&["评价发现", "扣分", "发现"]) {
        Some(name) => {
            let sheet = wb.sheet(&name)?;
            let (findings, blank_reasons) = read_findings(&sheet)?;
            if let Some(&(r, c)) = blank_reasons.first() {
                let formulas = wb.formulas_at(&name, &blank_reasons);
                return Err(match formulas.first() {
                    Some(((r, c), formula)) => Error::cell(
                        sheet.at(*r, *c),
                        Found::FormulaText {
                            formula: formula.clone(),
                            count: formulas.len(),
                        },
                        Expected::SavedReason,
                    ),
                    None => Error::cell(sheet.at(r, c), Found::Blank, Expected::Reason),
                });
            }
            findings
        }
        None => Vec::new(),
    };
    // 评分 but not a 评分标准 (the criteria written out), which is no score.
    let scores_sheet = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.contains("评分") && !n.contains("标准"));
    let scores = match scores_sheet {
        Some(name) => read_scores(&wb.sheet(&name)?)?,
        None => Vec::new(),
    };
    let counts = match wb.find_sheet(&["计数", "基础数据", "统计数据"]) {
        Some(name) => read_counts(&wb.sheet(&name)?)?,
        None => Vec::new(),
    };
    Ok(Targets {
        file: Arc::clone(wb.name()),
        project,
        targets,
        budget,
        survey,
        findings,
        scores,
        counts,
    })
}

/// One declaration per year (`2021年绩效目标申报表`, `2022年绩效目标申报表`) as one: the targets
/// each with their year, the fund named by the earliest, its money the years' added up.
fn by_year(
    declarations: Vec<((Project, Vec<Target>), CellRef, String)>,
) -> Result<(Project, Vec<Target>)> {
    let mut years: Vec<(u16, Project, Vec<Target>)> = Vec::new();
    for ((project, targets), at, name) in declarations {
        let year = sheet_year(&name).or(project.year);
        let Some(year) = year.filter(|y| years.iter().all(|(other, ..)| other != y)) else {
            return Err(Error::cell(
                at,
                Found::Text(name),
                Expected::DeclarationYear,
            ));
        };
        years.push((year, project, targets));
    }
    years.sort_by_key(|(y, ..)| *y);
    let sum = |f: fn(&Project) -> Option<Decimal>| {
        years.iter().map(|(_, p, _)| f(p)).sum::<Option<Decimal>>()
    };
    let total_funds = sum(|p| p.total_funds);
    let executed = sum(|p| p.executed);
    let year_totals = years
        .iter()
        .filter_map(|(y, p, _)| Some((*y, p.total_funds?, p.total_funds_at.clone()?)))
        .collect();
    let mut targets = Vec::new();
    let mut project = None;
    for (year, p, ts) in years {
        targets.extend(ts.into_iter().map(|t| Target {
            year: Some(year),
            ..t
        }));
        project.get_or_insert(p);
    }
    let mut project = project.unwrap_or_default();
    project.total_funds = total_funds;
    project.total_funds_at = None;
    project.year_totals = year_totals;
    project.executed = executed;
    // Several years: each line's own 年度 and each target's stand instead of one year.
    project.year = None;
    // One year's 总分 and 执行率 row are not the years' together: no re-check reads them.
    project.form_total = None;
    project.execution = None;
    Ok((project, targets))
}

/// A sheet that holds a declaration, by its name: not the 评分标准 or 完成情况 beside one.
fn is_declaration(name: &str, patterns: &[&str]) -> bool {
    let n = normalize(name);
    patterns.iter().any(|p| n.contains(p))
        && !["评分", "标准", "完成情况", "说明"]
            .iter()
            .any(|w| n.contains(w))
}

/// The year a declaration sheet's name gives: `2021年绩效目标申报表`, `绩效目标申报表2021`.
fn sheet_year(name: &str) -> Option<u16> {
    year_of(name).or_else(|| four_digits(name))
}

/// Four digits standing alone in a name that has no 年: `绩效目标申报表2021`.
fn four_digits(name: &str) -> Option<u16> {
    let digits: Vec<&str> = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .collect();
    match digits.as_slice() {
        [one] => one.parse().ok().filter(|y| (1900..2100).contains(y)),
        _ => None,
    }
}

/// The four-digit year a name starts with or holds before 年: `2019年度…` → 2019.
/// The end of a span of years (`2021—2024年…`, `2021-2022年度…`) is no one year: `None`.
pub fn year_of(name: &str) -> Option<u16> {
    let i = name.find('年')?;
    let before = name.get(..i)?;
    let digits: String = before
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let ahead = before.get(..before.len() - digits.len())?.trim_end();
    let spans = ahead
        .strip_suffix(['—', '–', '-', '－', '~', '～', '至', '到', '、', ','])
        .is_some_and(|rest| rest.ends_with(|c: char| c.is_ascii_digit()));
    if spans {
        return None;
    }
    digits
        .parse()
        .ok()
        .filter(|y| (1900..2100).contains(y) && digits.len() == 4)
}

/// Money booked to the fund itself (`项目` = the fund's name) is an arrival for the whole fund.
/// Ledgers name the fund more briefly than the declaration (`2019年度职工帮扶专项资金` is booked as
/// `职工帮扶专项资金`), so the name without its year and without a trailing 项目 counts too.
fn fund_by_name(name: &str) -> Vec<Matcher> {
    let full = name.trim().to_string();
    let mut short = full.as_str();
    if let Some((year, rest)) = short.split_once('年')
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
    {
        short = rest.strip_prefix('度').unwrap_or(rest);
    }
    let short = short.strip_suffix("项目").unwrap_or(short);
    let mut patterns = vec![full.clone()];
    if short != full && short.chars().count() >= 4 {
        patterns.push(short.to_string());
    }
    if full.chars().count() < 2 {
        return Vec::new();
    }
    vec![Matcher::new(Field::Project, patterns)]
}

fn no_header(sheet: &Sheet, expected: HeaderOf) -> Error {
    Error::NoHeader {
        file: sheet.file.to_string(),
        sheet: sheet.name.to_string(),
        scanned: SCAN_ROWS.min(sheet.height()),
        expected,
        candidates: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
