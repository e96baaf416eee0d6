//! The tables of a rules file as TOML writes them (`[ledger]`, `[checks]`, `[[dimension]]` …),
//! each rejecting keys it does not know; `docs/rules.md` is their reference.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::read::ledger::Column;
use crate::rules::{ChecklistItem, Rule, StepCount, StepSide};

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingKey {
    Error,
    Rescale,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsTable {
    pub unreasonable_below: Option<Decimal>,
    /// Bind targets no `actuals` entry names to the measure their name and unit point to.
    pub infer_actuals: Option<bool>,
    /// Target (三级指标 of the declaration) → the measure that is its actual value.
    #[serde(default)]
    pub actuals: BTreeMap<String, Spanned<String>>,
    /// The form's own 分值 stand and its 得分 are re-checked (自评).
    pub own_points: Option<bool>,
    /// A 自评表 whose 分值 do not add up to its 总分: follow the form's or the system's.
    pub points: Option<FormPointsKey>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormPointsKey {
    Form,
    System,
}

/// `[measures.NAME]`: a measure of the file's own, from others: exactly one of the keys below.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureTable {
    pub label: Spanned<String>,
    /// `[numerator, denominator]`, both measure names.
    pub ratio: Option<[Spanned<String>; 2]>,
    /// Measures added up.
    pub sum: Option<Vec<Spanned<String>>>,
    /// `[a, b]`: a − b.
    pub difference: Option<[Spanned<String>; 2]>,
    /// Measures multiplied.
    pub product: Option<Vec<Spanned<String>>>,
    /// `[[measure, weight], …]`: the weighted sum (0.5×笔数占比 + 0.5×金额占比).
    pub weighted: Option<Vec<(Spanned<String>, Decimal)>>,
    /// 1 − the measure: the share not affected.
    pub complement: Option<Spanned<String>>,
    /// A series in time order: 1 rising every step, 0.5 never falling, 0 falling.
    pub trend: Option<Vec<Spanned<String>>>,
    /// `[earlier, later]`: the change, (later − earlier) / earlier.
    pub change: Option<[Spanned<String>; 2]>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerTable {
    /// Read only this sheet of the ledger workbook.
    pub sheet: Option<String>,
    /// The header's (first) row, 1-based as Excel shows it.
    pub header_row: Option<u32>,
    /// Role → the column's name as written in the user's file.
    #[serde(default)]
    pub columns: BTreeMap<Column, String>,
    /// Account code prefixes whose credits are the fund's arrivals.
    pub arrival_accounts: Option<Vec<String>>,
    /// Account code prefixes whose debits are the fund's spending.
    pub spending_accounts: Option<Vec<String>>,
    /// Which side of parallel books (财务会计 / 预算会计) to count.
    pub books: Option<Books>,
    /// The chart of accounts, when the accounts do not tell it.
    pub chart: Option<crate::chart::Chart>,
    /// Parts of payee names fiscal money may not go to.
    pub prohibited_payees: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Books {
    Budget,
    Financial,
}

/// `[budget]`: how postings are matched to budget lines, where the 预算明细 sheet's 匹配条件
/// should not be used as it is.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetTable {
    /// Budget line (预算子项) → conditions, as in the sheet: `项目:两节送温暖；摘要:物资`.
    #[serde(default, rename = "match")]
    pub matching: BTreeMap<String, Spanned<String>>,
}

/// `[checks]`: the audit checks' settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksTable {
    /// Checks to switch off, by the names of the check's table of kinds (`FindingKind::name`).
    pub disable: Option<Vec<Spanned<String>>>,
    pub duplicate_days: Option<i64>,
    pub cash_limit: Option<Decimal>,
    pub cash_words: Option<Vec<String>>,
    pub fiscal_year: Option<u16>,
    /// A bank item matches a voucher of the same amount this many days apart or less.
    pub bank_days: Option<i64>,
    /// Budget line → the date its money must be paid by (`"2020-01-31"`).
    pub deadlines: Option<BTreeMap<String, Spanned<String>>>,
}

/// `[survey]`: how the answers of the 问卷 are counted.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyTable {
    /// Answers that count as satisfied (很满意, 满意 …).
    pub satisfied: Option<Vec<String>>,
    /// Answers that count as improved (明显改善, 有所改善 …).
    pub improved: Option<Vec<String>>,
    /// Answer label → weight (0–100) for the weighted satisfaction index.
    pub weights: Option<BTreeMap<String, Decimal>>,
    /// The satisfaction question's options in order, for answers exported as codes.
    pub satisfaction_codes: Option<Vec<String>>,
    /// The improvement question's options in order.
    pub improvement_codes: Option<Vec<String>>,
    /// The group (身份) question's options in order.
    pub group_codes: Option<Vec<String>>,
    /// The question that says who the respondent is: its number (`"1"`, `"Q1"`) or words of it.
    pub group_question: Option<Words>,
    /// The satisfaction questions: numbers, or words of their text or of a matrix row.
    pub satisfaction_question: Option<Words>,
    /// The question on whether life improved.
    pub improvement_question: Option<Words>,
}

/// One word or a list of them: `group_question = "1"`, `satisfaction_question = ["2", "5"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Words {
    One(String),
    Many(Vec<String>),
}

impl Words {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            Words::One(w) => vec![w.clone()],
            Words::Many(w) => w.clone(),
        }
    }
}

/// `[[dimension]]`: a 一级 indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionTable {
    pub name: String,
    pub points: Spanned<Decimal>,
    /// Take the indicators from the declared targets of these 一级 (`["产出指标"]`).
    pub from_targets: Option<Vec<String>>,
    pub quantitative: Option<RuleKey>,
    pub qualitative: Option<RuleKey>,
    #[serde(default)]
    pub group: Vec<GroupTable>,
}

/// `[[dimension.group]]`: a 二级 indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupTable {
    pub name: String,
    pub points: Spanned<Decimal>,
    #[serde(default)]
    pub indicator: Vec<IndicatorTable>,
}

/// `[[dimension.group.indicator]]`: a 三级 indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorTable {
    pub name: String,
    pub code: Option<String>,
    pub points: Spanned<Decimal>,
    pub measure: Option<Spanned<String>>,
    #[serde(default)]
    pub rule: RuleKey,
    /// `"full"`: when the measure is missing (a check that could not run), keep the points and
    /// say so with `missing_note`.
    pub when_missing: Option<WhenMissing>,
    pub missing_note: Option<String>,
    /// `"parts"`: round each part's score before adding; `"end"` (the default): the sum only.
    pub rounding: Option<RoundingKey>,
    /// The indicator's parts, each with its weight, measure and rule.
    #[serde(default)]
    pub part: Vec<PartTable>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingKey {
    Parts,
    End,
}

/// `[[dimension.group.indicator.part]]`: a part of an indicator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartTable {
    pub name: String,
    pub weight: Spanned<Decimal>,
    pub measure: Spanned<String>,
    pub rule: RuleKey,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenMissing {
    Full,
}

/// A scoring rule as written: `"manual"`, `"proportional"`, or a one-key table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKey {
    #[default]
    Manual,
    Proportional,
    Linear(LinearKey),
    Bands(Vec<[Decimal; 2]>),
    Threshold(ThresholdKey),
    PerItem(PerItemKey),
    Checklist(Vec<ChecklistKey>),
    Tiers(TiersKey),
    Steps(StepsKey),
    Slope(SlopeKey),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlopeKey {
    pub base: Decimal,
    pub at_base: Decimal,
    pub per: Decimal,
    pub each: Decimal,
    #[serde(default)]
    pub min: Decimal,
    /// Default: the indicator's points.
    pub max: Option<Decimal>,
}

/// A 要点: `"制度健全"`, or with its points `["制度健全", 1]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ChecklistKey {
    Item(String),
    Weighted(String, Decimal),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepsKey {
    pub target: Decimal,
    pub per: Decimal,
    pub off: Decimal,
    #[serde(default)]
    pub side: SideKey,
    #[serde(default)]
    pub tolerance: Decimal,
    #[serde(default)]
    pub count: CountKey,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SideKey {
    #[default]
    Below,
    Above,
    Both,
}

#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountKey {
    #[default]
    Fraction,
    Whole,
    Started,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinearKey {
    pub full: Decimal,
    pub zero: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdKey {
    pub min: Decimal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerItemKey {
    pub each: Decimal,
    pub cap: Option<Decimal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TiersKey {
    pub met: Decimal,
    pub partly: Decimal,
    pub not_met: Decimal,
}

impl RuleKey {
    pub(super) fn rule(&self) -> Rule {
        match self {
            RuleKey::Manual => Rule::Manual,
            RuleKey::Proportional => Rule::Proportional,
            RuleKey::Linear(l) => Rule::Linear {
                full_at: l.full,
                zero_at: l.zero,
            },
            RuleKey::Bands(b) => Rule::Bands(b.iter().map(|[min, share]| (*min, *share)).collect()),
            RuleKey::Threshold(t) => Rule::Threshold { min: t.min },
            RuleKey::PerItem(p) => Rule::PerItem {
                each: p.each,
                cap: p.cap,
            },
            RuleKey::Checklist(items) => Rule::Checklist(
                items
                    .iter()
                    .map(|i| match i {
                        ChecklistKey::Item(item) => ChecklistItem {
                            item: item.clone(),
                            points: None,
                        },
                        ChecklistKey::Weighted(item, points) => ChecklistItem {
                            item: item.clone(),
                            points: Some(*points),
                        },
                    })
                    .collect(),
            ),
            RuleKey::Slope(s) => Rule::Slope {
                base: s.base,
                at_base: s.at_base,
                per: s.per,
                each: s.each,
                min: s.min,
                // Bounded by the points when scored.
                max: s.max.unwrap_or(Decimal::MAX),
            },
            RuleKey::Steps(s) => Rule::Steps {
                target: s.target,
                per: s.per,
                off: s.off,
                side: match s.side {
                    SideKey::Below => StepSide::Below,
                    SideKey::Above => StepSide::Above,
                    SideKey::Both => StepSide::Both,
                },
                tolerance: s.tolerance,
                count: match s.count {
                    CountKey::Fraction => StepCount::Fraction,
                    CountKey::Whole => StepCount::Whole,
                    CountKey::Started => StepCount::Started,
                },
            },
            RuleKey::Tiers(t) => Rule::Tiers {
                met: t.met,
                partly: t.partly,
                not_met: t.not_met,
            },
        }
    }
}
