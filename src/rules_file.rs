//! The rules file (TOML): an indicator system (评价指标体系) as data, with what the tool needs to
//! know about the user's files. The built-in presets are files of the same form
//! (`presets/*.toml`), and `docs/rules.md` is the reference of every key.
//!
//! A file with `[[dimension]]` tables is a whole indicator system; a file without them (only
//! `[ledger]`, say) adjusts the preset chosen with `--preset`. Unknown keys are rejected, and
//! every error names the file and shows the line and column with what is allowed there.

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::error::{BadNumbers, Caret, Error, Result, RulesProblem, RulesSource, Subject};
use crate::measure;
use crate::read::ledger::{Column, LedgerLayout};
use crate::reconcile::BookSide;
use crate::rules::{Derived, FromTargets, Indicator, Level1, Level2, Missing, Rule, Rules};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub name: Option<String>,
    pub title: Option<String>,
    pub total: Option<Spanned<Decimal>>,
    pub missing: Option<MissingKey>,
    /// Grade → lowest total.
    pub grades: Option<BTreeMap<String, Decimal>>,
    pub targets: Option<TargetsTable>,
    #[serde(default)]
    pub measures: BTreeMap<String, MeasureTable>,
    #[serde(default)]
    pub ledger: LedgerTable,
    #[serde(default)]
    pub survey: SurveyTable,
    #[serde(default)]
    pub budget: BudgetTable,
    #[serde(default)]
    pub checks: ChecksTable,
    #[serde(default)]
    pub dimension: Vec<DimensionTable>,
    /// The text, for locating errors found after parsing.
    #[serde(skip)]
    text: String,
    #[serde(skip)]
    source: Option<RulesSource>,
}

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
    /// Target (三级指标 of the declaration) → the measure that is its actual value.
    #[serde(default)]
    pub actuals: BTreeMap<String, Spanned<String>>,
}

/// `[measures.NAME]`: a measure of the file's own.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureTable {
    pub label: String,
    /// `[numerator, denominator]`, both measure names.
    pub ratio: [Spanned<String>; 2],
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
    Checklist(Vec<String>),
    Tiers(TiersKey),
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
    fn rule(&self) -> Rule {
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
            RuleKey::Checklist(items) => Rule::Checklist(items.clone()),
            RuleKey::Tiers(t) => Rule::Tiers {
                met: t.met,
                partly: t.partly,
                not_met: t.not_met,
            },
        }
    }
}

/// The largest number a rules file may give for points or a rule's parameters: larger is a
/// typo, and would only make arithmetic overflow.
const LARGEST: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

fn points_in_range(points: Decimal) -> std::result::Result<(), BadNumbers> {
    if points < Decimal::ZERO || points > LARGEST {
        return Err(BadNumbers::Points(points));
    }
    Ok(())
}

/// A rule whose numbers make sense: shares and rates within bounds, `full` above `zero`.
fn sane(rule: &Rule) -> std::result::Result<(), BadNumbers> {
    let bounded = |x: &Decimal| x.abs() <= LARGEST;
    match rule {
        Rule::Linear { full_at, zero_at }
            if full_at <= zero_at || !bounded(full_at) || !bounded(zero_at) =>
        {
            Err(BadNumbers::Linear {
                full: *full_at,
                zero: *zero_at,
            })
        }
        Rule::Bands(bands)
            if bands.iter().any(|(min, share)| {
                !bounded(min) || *share < Decimal::ZERO || *share > Decimal::ONE
            }) =>
        {
            Err(BadNumbers::Bands)
        }
        Rule::Threshold { min } if !bounded(min) => Err(BadNumbers::Threshold),
        Rule::PerItem { each, cap }
            if *each <= Decimal::ZERO
                || !bounded(each)
                || cap.is_some_and(|c| c < Decimal::ZERO || !bounded(&c)) =>
        {
            Err(BadNumbers::PerItem)
        }
        Rule::Tiers {
            met,
            partly,
            not_met,
        } if [met, partly, not_met]
            .iter()
            .any(|x| **x < Decimal::ZERO || **x > Decimal::ONE) =>
        {
            Err(BadNumbers::Tiers)
        }
        _ => Ok(()),
    }
}

/// The default rule for qualitative targets: the three national tiers, each at its top
/// (财预〔2020〕10号 第十六条: 100%–80%, 80%–60%, 60%–0%).
fn national_tiers() -> Rule {
    Rule::Tiers {
        met: Decimal::ONE,
        partly: Decimal::new(8, 1),
        not_met: Decimal::new(6, 1),
    }
}

impl RulesFile {
    pub fn load(path: &Path) -> Result<RulesFile> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::io(path, source))?;
        RulesFile::parse(&text, RulesSource::File(path.display().to_string()))
    }

    /// `source` names the text in errors: the rules file `rules.toml`, the preset `self-eval`.
    pub fn parse(text: &str, source: RulesSource) -> Result<RulesFile> {
        let mut file: RulesFile = toml::from_str(text).map_err(|e| {
            Error::rules(
                source.clone(),
                None,
                RulesProblem::Toml(e.to_string().trim_end().to_string()),
            )
        })?;
        if file.ledger.header_row == Some(0) {
            return Err(Error::rules(source, None, RulesProblem::HeaderRowZero));
        }
        file.text = text.to_string();
        file.source = Some(source);
        Ok(file)
    }

    /// The file's own problem, at no place in particular.
    fn error(&self, problem: RulesProblem) -> Error {
        Error::rules(self.source(), None, problem)
    }

    fn source(&self) -> RulesSource {
        self.source
            .clone()
            .unwrap_or_else(|| RulesSource::File(String::new()))
    }

    /// An error at a place in the file, shown the way TOML's own errors are.
    fn error_at(&self, span: std::ops::Range<usize>, problem: RulesProblem) -> Error {
        Error::rules(self.source(), Some(Caret::at(&self.text, span)), problem)
    }

    /// The ledger's layout as the file states it.
    pub fn layout(&self) -> LedgerLayout {
        LedgerLayout {
            sheet: self.ledger.sheet.clone(),
            header_row: self.ledger.header_row.map(|r| r.saturating_sub(1)),
            columns: self
                .ledger
                .columns
                .iter()
                .map(|(c, name)| (*c, name.clone()))
                .collect(),
        }
    }

    /// The rules this file states: a whole system when it has dimensions, else `base` (a preset)
    /// with this file's settings in its place.
    pub fn into_rules(self, base: Option<Rules>) -> Result<Rules> {
        let mut rules = match base {
            Some(base) if self.dimension.is_empty() => base,
            _ => Rules {
                name: String::new(),
                lang: Default::default(),
                title: String::new(),
                total: Decimal::ONE_HUNDRED,
                missing: Missing::Error,
                ledger: Default::default(),
                survey: Default::default(),
                target_actuals: Vec::new(),
                unreasonable_below: Decimal::new(8, 1),
                derived: Vec::new(),
                budget_match: Vec::new(),
                checks: Default::default(),
                tree: Vec::new(),
                grades: Rules::national_grades(),
            },
        };
        if let Some(name) = &self.name {
            rules.name = name.clone();
        }
        if let Some(title) = &self.title {
            rules.title = title.clone();
        }
        if let Some(total) = &self.total {
            rules.total = *total.get_ref();
        }
        if let Some(missing) = self.missing {
            rules.missing = match missing {
                MissingKey::Error => Missing::Error,
                MissingKey::Rescale => Missing::Rescale,
            };
        }
        if let Some(grades) = &self.grades {
            let mut list: Vec<(Decimal, String)> =
                grades.iter().map(|(g, min)| (*min, g.clone())).collect();
            list.sort_by_key(|(min, _)| std::cmp::Reverse(*min));
            rules.grades = list;
        }
        if let Some((label, w)) = self
            .survey
            .weights
            .iter()
            .flatten()
            .find(|(_, w)| !(Decimal::ZERO..=Decimal::ONE_HUNDRED).contains(*w))
        {
            return Err(self.error(RulesProblem::Weight {
                label: label.clone(),
                weight: *w,
            }));
        }
        for d in &self.dimension {
            for rule in [&d.quantitative, &d.qualitative].into_iter().flatten() {
                sane(&rule.rule()).map_err(|bad| {
                    self.error_at(
                        d.points.span(),
                        RulesProblem::Numbers {
                            of: Subject::Dimension(d.name.clone()),
                            bad,
                        },
                    )
                })?;
            }
        }
        self.apply_ledger_and_survey(&mut rules);
        let c = &self.checks;
        if let Some(disable) = &c.disable {
            for name in disable {
                let kind = crate::check::FindingKind::ALL
                    .iter()
                    .find(|k| k.name() == name.get_ref())
                    .ok_or_else(|| {
                        self.error_at(
                            name.span(),
                            RulesProblem::UnknownCheck {
                                name: name.get_ref().clone(),
                                known: crate::check::FindingKind::ALL
                                    .iter()
                                    .map(|k| k.name().to_string())
                                    .collect(),
                            },
                        )
                    })?;
                rules.checks.disabled.push(*kind);
            }
        }
        if let Some(d) = c.duplicate_days {
            rules.checks.duplicate_days = d.clamp(0, 3660);
        }
        if let Some(l) = c.cash_limit {
            rules.checks.cash_limit = l;
        }
        if let Some(w) = &c.cash_words {
            rules.checks.cash_words = w.clone();
        }
        if let Some(y) = c.fiscal_year {
            if !(1900..2100).contains(&y) {
                return Err(self.error(RulesProblem::FiscalYear(y)));
            }
            rules.checks.fiscal_year = Some(y);
        }
        if let Some(d) = c.bank_days {
            rules.checks.bank_days = d.clamp(0, 366);
        }
        for (line, date) in c.deadlines.iter().flatten() {
            let parsed = crate::date::Date::parse(date.get_ref()).ok_or_else(|| {
                self.error_at(date.span(), RulesProblem::NotADate(date.get_ref().clone()))
            })?;
            rules.checks.deadlines.push((line.clone(), parsed));
        }

        let defined: Vec<String> = self.measures.keys().cloned().collect();
        let known = |name: &str| {
            measure::names().iter().any(|m| m == name)
                || defined.iter().any(|d| d == name)
                || measure::FAMILIES
                    .iter()
                    .filter_map(|f| f.split_once('<').map(|(p, _)| p))
                    .any(|prefix| {
                        name.strip_prefix(prefix)
                            .is_some_and(|rest| !rest.is_empty())
                    })
        };
        let check = |measure: &Spanned<String>| -> Result<String> {
            let name = measure.get_ref();
            if known(name) {
                return Ok(name.clone());
            }
            let mut valid: Vec<String> = measure::names();
            valid.extend(measure::FAMILIES.iter().map(|m| m.to_string()));
            valid.extend(defined.iter().cloned());
            Err(self.error_at(
                measure.span(),
                RulesProblem::UnknownMeasure {
                    name: name.clone(),
                    known: valid,
                },
            ))
        };

        if let Some(targets) = &self.targets {
            if let Some(u) = targets.unreasonable_below {
                rules.unreasonable_below = u;
            }
            if !targets.actuals.is_empty() {
                rules.target_actuals = targets
                    .actuals
                    .iter()
                    .map(|(t, m)| Ok((t.clone(), check(m)?)))
                    .collect::<Result<_>>()?;
            }
        }
        for (line, condition) in &self.budget.matching {
            let place = crate::location::CellRef::new(
                &std::sync::Arc::from("rules"),
                &std::sync::Arc::from("[budget.match]"),
                0,
                0,
            );
            let matchers = crate::read::targets::Matcher::parse_all(condition.get_ref(), &place)
                .map_err(|_| {
                    self.error_at(
                        condition.span(),
                        RulesProblem::NotACondition(condition.get_ref().clone()),
                    )
                })?;
            rules.budget_match.push((line.clone(), matchers));
        }
        for (name, m) in &self.measures {
            let [numerator, denominator] = &m.ratio;
            rules.derived.push(Derived {
                name: name.clone(),
                label: m.label.clone(),
                numerator: check(numerator)?,
                denominator: check(denominator)?,
            });
        }

        if !self.dimension.is_empty() {
            rules.tree = self.tree(&check)?;
            let sum: Decimal = rules.tree.iter().map(|l| l.points).sum();
            if let Some(total) = &self.total {
                if sum != *total.get_ref() {
                    return Err(self.error_at(
                        total.span(),
                        RulesProblem::Total {
                            total: *total.get_ref(),
                            sum,
                        },
                    ));
                }
            } else {
                rules.total = sum;
            }
        }
        Ok(rules)
    }

    fn tree(&self, check: &dyn Fn(&Spanned<String>) -> Result<String>) -> Result<Vec<Level1>> {
        let mut tree = Vec::new();
        for d in &self.dimension {
            let points = *d.points.get_ref();
            if let Err(bad) = points_in_range(points) {
                return Err(self.error_at(
                    d.points.span(),
                    RulesProblem::Numbers {
                        of: Subject::Dimension(d.name.clone()),
                        bad,
                    },
                ));
            }
            let from_targets = d.from_targets.as_ref().map(|level1| FromTargets {
                level1: level1.clone(),
                quantitative: d
                    .quantitative
                    .as_ref()
                    .map_or(Rule::Proportional, RuleKey::rule),
                qualitative: d
                    .qualitative
                    .as_ref()
                    .map_or_else(national_tiers, RuleKey::rule),
            });
            let mut groups = Vec::new();
            for g in &d.group {
                let mut indicators = Vec::new();
                for i in &g.indicator {
                    let rule = i.rule.rule();
                    if let Err(bad) =
                        sane(&rule).and_then(|()| points_in_range(*i.points.get_ref()))
                    {
                        return Err(self.error_at(
                            i.points.span(),
                            RulesProblem::Numbers {
                                of: Subject::Indicator(i.name.clone()),
                                bad,
                            },
                        ));
                    }
                    if rule != Rule::Manual
                        && !matches!(rule, Rule::Checklist(_))
                        && i.measure.is_none()
                    {
                        return Err(self.error_at(
                            i.points.span(),
                            RulesProblem::NoMeasure {
                                indicator: i.name.clone(),
                            },
                        ));
                    }
                    indicators.push(Indicator {
                        name: i.name.clone(),
                        code: i.code.clone(),
                        points: *i.points.get_ref(),
                        measure: i.measure.as_ref().map(check).transpose()?,
                        rule,
                        unchecked_note: i.when_missing.map(|WhenMissing::Full| {
                            i.missing_note.clone().unwrap_or_else(|| {
                                format!(
                                    "未能取得“{}”，按满分计",
                                    i.measure.as_ref().map_or("", |m| m.get_ref().as_str())
                                )
                            })
                        }),
                    });
                }
                let sum: Decimal = indicators.iter().map(|i| i.points).sum();
                if sum != *g.points.get_ref() {
                    return Err(self.error_at(
                        g.points.span(),
                        RulesProblem::GroupPoints {
                            dimension: d.name.clone(),
                            group: g.name.clone(),
                            points: *g.points.get_ref(),
                            sum,
                        },
                    ));
                }
                groups.push(Level2 {
                    name: g.name.clone(),
                    points: *g.points.get_ref(),
                    children: indicators,
                });
            }
            if from_targets.is_none() {
                let sum: Decimal = groups.iter().map(|g| g.points).sum();
                if sum != points {
                    return Err(self.error_at(
                        d.points.span(),
                        RulesProblem::DimensionPoints {
                            dimension: d.name.clone(),
                            points,
                            sum,
                        },
                    ));
                }
            }
            tree.push(Level1 {
                name: d.name.clone(),
                points,
                children: groups,
                from_targets,
            });
        }
        Ok(tree)
    }

    fn apply_ledger_and_survey(&self, rules: &mut Rules) {
        let l = &self.ledger;
        if let Some(a) = &l.arrival_accounts {
            rules.ledger.arrival_accounts = a.clone();
        }
        if let Some(s) = &l.spending_accounts {
            rules.ledger.spending_accounts = s.clone();
        }
        if let Some(p) = &l.prohibited_payees {
            rules.ledger.prohibited_payees = p.clone();
        }
        if let Some(b) = l.books {
            rules.ledger.parallel_side = match b {
                Books::Budget => BookSide::Budget,
                Books::Financial => BookSide::Financial,
            };
        }
        let s = &self.survey;
        if let Some(v) = &s.satisfied {
            rules.survey.satisfied_answers = v.clone();
        }
        if let Some(v) = &s.improved {
            rules.survey.improved_answers = v.clone();
        }
        if let Some(w) = &s.weights {
            rules.survey.answer_weights = w
                .iter()
                .map(|(label, weight)| (label.clone(), *weight))
                .collect();
        }
        if let Some(v) = &s.satisfaction_codes {
            rules.survey.satisfaction_codes = v.clone();
        }
        if let Some(v) = &s.improvement_codes {
            rules.survey.improvement_codes = v.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn rules(text: &str) -> Result<Rules> {
        RulesFile::parse(text, RulesSource::File("r.toml".into()))?
            .into_rules(Some(Rules::changde_2019()))
    }

    const SMALL: &str = r#"
name = "small"
total = 10

[[dimension]]
name = "过程"
points = 10

  [[dimension.group]]
  name = "资金管理"
  points = 10

    [[dimension.group.indicator]]
    name = "资金到位率"
    code = "B101"
    points = 6
    measure = "funds_arrival_rate"
    rule = { linear = { full = 1, zero = 0.8 } }

    [[dimension.group.indicator]]
    name = "资金使用合规性"
    points = 4
    measure = "findings.prohibited_payee"
    rule = { per_item = { each = 1, cap = 3 } }
"#;

    #[test]
    fn reads_a_whole_system() {
        let r = rules(SMALL).expect("parses");
        assert_eq!(r.name, "small");
        assert_eq!(r.tree.len(), 1);
        let i = &r.tree[0].children[0].children;
        assert_eq!(i[0].code.as_deref(), Some("B101"));
        assert_eq!(
            i[1].rule,
            Rule::PerItem {
                each: Decimal::ONE,
                cap: Some(Decimal::from(3))
            }
        );
        // The ledger settings of the base stay when the file does not give them.
        assert_eq!(r.ledger.spending_accounts, ["5"]);
    }

    #[test]
    fn a_file_without_dimensions_adjusts_the_preset() {
        let r = rules("[ledger]\nheader_row = 3\nbooks = \"financial\"\n").expect("parses");
        assert_eq!(r.name, "changde-2019");
        assert_eq!(r.ledger.parallel_side, BookSide::Financial);
        let file = RulesFile::parse(
            "[ledger]\nheader_row = 3\n[ledger.columns]\ndate = \"记账日期\"\n",
            RulesSource::File("r".into()),
        )
        .expect("parses");
        assert_eq!(file.layout().header_row, Some(2));
        assert_eq!(
            file.layout().columns,
            [(Column::Date, "记账日期".to_string())]
        );
    }

    #[test]
    fn points_that_do_not_add_up_show_the_line() {
        let err = rules(&SMALL.replace("points = 6", "points = 5"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "rules file r.toml: error at line 11, column 12\n   |\n11 |   points = 10\n   |            ^^\n过程 / 资金管理 has points = 10 but its indicators add up to 9"
        );
        let err = rules(&SMALL.replace("total = 10", "total = 100"))
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("total = 100 but the dimensions add up to 10"),
            "{err}"
        );
    }

    #[test]
    fn a_misspelt_measure_lists_the_valid_ones() {
        let err = rules(&SMALL.replace("\"funds_arrival_rate\"", "\"funds_arival_rate\""))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("rules file r.toml: error at line 17, column 15\n"),
            "{err}"
        );
        assert!(
            err.contains(
                "unknown measure “funds_arival_rate”, expected one of planned, arrived, spent"
            ),
            "{err}"
        );
        assert!(err.contains("target.<三级指标>"), "{err}");
    }

    #[test]
    fn rejects_unknown_keys_and_rules_showing_the_line() {
        let err = rules("[ledger]\nheader_rwo = 3\n").unwrap_err().to_string();
        assert!(
            err.starts_with("rules file r.toml: TOML parse error at line 2, column 1"),
            "{err}"
        );
        assert!(
            err.contains(
                "unknown field `header_rwo`, expected one of `sheet`, `header_row`, `columns`"
            ),
            "{err}"
        );
        let err = rules(&SMALL.replace("{ linear = {", "{ lineer = {"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(
                "unknown variant `lineer`, expected one of `manual`, `proportional`, `linear`"
            ),
            "{err}"
        );
        let err = rules("[ledger.columns]\nwhen = \"日期\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("unknown variant `when`, expected one of `date`"),
            "{err}"
        );
    }

    #[test]
    fn absurd_numbers_are_refused_with_the_line() {
        let err = rules(&SMALL.replace(
            "{ linear = { full = 1, zero = 0.8 } }",
            "{ linear = { full = 1, zero = 1 } }",
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("indicator 资金到位率: linear needs full (1) above zero (1)"),
            "{err}"
        );
        let err = rules("[checks]\nfiscal_year = 65535\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("fiscal_year = 65535: expected a year from 1900 to 2099"),
            "{err}"
        );
        let err = rules("[survey]\nweights = { \"很满意\" = 100000 }\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("outside 0 to 100"), "{err}");
    }

    #[test]
    fn reads_the_survey_table() {
        let r = rules(
            "[survey]\nsatisfied = [\"满意\"]\nweights = { \"满意\" = 100, \"不满意\" = 0 }\n",
        )
        .expect("parses");
        assert_eq!(r.survey.satisfied_answers, ["满意"]);
        assert_eq!(r.survey.answer_weights.len(), 2);
    }
}
