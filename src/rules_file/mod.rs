//! The rules file (TOML): an indicator system (评价指标体系) as data, with what the tool needs to
//! know about the user's files. The built-in presets are files of the same form
//! (`presets/*.toml`), and `docs/rules.md` is the reference of every key.
//!
//! A file with `[[dimension]]` tables is a whole indicator system; a file without them (only
//! `[ledger]`, say) adjusts the preset chosen with `--preset`. Unknown keys are rejected, and
//! every error names the file and shows the line and column with what is allowed there.

mod numbers;
mod tables;

pub use tables::*;

use numbers::{checklist_adds_up, national_tiers, points_in_range, sane, within_points};

use std::collections::BTreeMap;
use std::path::Path;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::check::FindingKind;
use crate::error::{Caret, Error, Result, RulesProblem, RulesSource, Subject};
use crate::measure;
use crate::read::ledger::LedgerLayout;
use crate::reconcile::BookSide;
use crate::rules::{
    Derived, FormPoints, Formula, FromTargets, Indicator, Level1, Level2, Missing, Part, Rule,
    Rules,
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub name: Option<String>,
    pub title: Option<String>,
    pub total: Option<Spanned<Decimal>>,
    pub missing: Option<MissingKey>,
    /// The least share of the points that must be applicable for a grade.
    pub min_applicable: Option<Spanned<Decimal>>,
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

impl RulesFile {
    pub fn load(path: &Path) -> Result<RulesFile> {
        // A rules file is a few kilobytes; one on a device or a pipe is refused unread.
        let limit = crate::file::cap_from_env("JIXIAO_MAX_RULES_MB", 4);
        let text = crate::file::read_text(path, limit)
            .map_err(|e| Error::reading(path, e, "JIXIAO_MAX_RULES_MB"))?;
        RulesFile::parse(&text, RulesSource::File(path.display().to_string()))
    }

    /// Its settings only — the ledger's columns, accounts, survey answers, targets' actuals,
    /// budget conditions, checks, measures — without the indicator system it may also define:
    /// for adjusting a preset that must keep its own system (the 自评表's).
    pub fn settings_only(mut self) -> RulesFile {
        self.dimension.clear();
        self.name = None;
        self.title = None;
        self.total = None;
        self.missing = None;
        self.min_applicable = None;
        self.grades = None;
        self
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
        let mut rules = self.base(base);
        self.sane_survey_and_dimensions()?;
        self.apply_ledger_and_survey(&mut rules);
        self.apply_checks(&mut rules)?;
        let measures = KnownMeasures {
            file: &self,
            defined: self.measures.keys().cloned().collect(),
        };
        if let Some(targets) = &self.targets {
            if let Some(u) = targets.unreasonable_below {
                rules.unreasonable_below = u;
            }
            if let Some(infer) = targets.infer_actuals {
                rules.infer_actuals = infer;
            }
            if let Some(own) = targets.own_points {
                rules.own_points = own;
            }
            if let Some(points) = targets.points {
                rules.form_points = match points {
                    FormPointsKey::Form => FormPoints::Form,
                    FormPointsKey::System => FormPoints::System,
                };
            }
            if !targets.actuals.is_empty() {
                rules.target_actuals = targets
                    .actuals
                    .iter()
                    .map(|(t, m)| Ok((t.clone(), measures.check_each_year(m)?)))
                    .collect::<Result<_>>()?;
            }
        }
        self.apply_budget_match(&mut rules)?;
        for (name, m) in &self.measures {
            let check = |m: &Spanned<String>| measures.check(m);
            let all = |v: &[Spanned<String>]| v.iter().map(check).collect::<Result<Vec<_>>>();
            let mut formulas = Vec::new();
            if let Some([a, b]) = &m.ratio {
                formulas.push(Formula::Ratio(check(a)?, check(b)?));
            }
            if let Some(v) = &m.sum {
                formulas.push(Formula::Sum(all(v)?));
            }
            if let Some([a, b]) = &m.difference {
                formulas.push(Formula::Difference(check(a)?, check(b)?));
            }
            if let Some(v) = &m.product {
                formulas.push(Formula::Product(all(v)?));
            }
            if let Some(v) = &m.weighted {
                let weighted = v
                    .iter()
                    .map(|(m, w)| Ok((check(m)?, *w)))
                    .collect::<Result<Vec<_>>>()?;
                formulas.push(Formula::Weighted(weighted));
            }
            if let Some(c) = &m.complement {
                formulas.push(Formula::Complement(check(c)?));
            }
            if let Some(v) = &m.trend {
                formulas.push(Formula::Trend(all(v)?));
            }
            if let Some([a, b]) = &m.change {
                formulas.push(Formula::Change(check(a)?, check(b)?));
            }
            // A trend needs two points in time; a sum, product or weighted sum something to add.
            let too_few = formulas.iter().any(|f| match f {
                Formula::Trend(v) => v.len() < 2,
                Formula::Sum(v) | Formula::Product(v) => v.is_empty(),
                Formula::Weighted(v) => v.is_empty(),
                _ => false,
            });
            let formulas = if too_few { Vec::new() } else { formulas };
            let Ok([formula]) = <[Formula; 1]>::try_from(formulas) else {
                return Err(
                    self.error_at(m.label.span(), RulesProblem::MeasureFormula(name.clone()))
                );
            };
            rules.derived.push(Derived {
                name: name.clone(),
                label: m.label.get_ref().clone(),
                formula,
            });
        }
        if let Some(cycle) = cycle(&rules.derived)
            && let Some(first) = cycle.first().and_then(|n| self.measures.get(n))
        {
            return Err(self.error_at(first.label.span(), RulesProblem::MeasureCycle(cycle)));
        }
        if !self.dimension.is_empty() {
            rules.tree = self.tree(&|m| measures.check(m))?;
            let sum: Decimal = rules.tree.iter().map(|l| l.points).sum();
            match &self.total {
                Some(total) if sum != *total.get_ref() => {
                    return Err(self.error_at(
                        total.span(),
                        RulesProblem::Total {
                            total: *total.get_ref(),
                            sum,
                        },
                    ));
                }
                Some(_) => {}
                None => rules.total = sum,
            }
        }
        Ok(rules)
    }

    /// `base` when this file only adjusts it, else an empty system; with this file's name,
    /// title, total, `missing` and grades.
    fn base(&self, base: Option<Rules>) -> Rules {
        let mut rules = match base {
            Some(base) if self.dimension.is_empty() => base,
            _ => Rules {
                name: String::new(),
                lang: Default::default(),
                title: String::new(),
                total: Decimal::ONE_HUNDRED,
                missing: Missing::Error,
                min_applicable: Decimal::new(6, 1),
                ledger: Default::default(),
                survey: Default::default(),
                target_actuals: Vec::new(),
                infer_actuals: false,
                unreasonable_below: Decimal::new(8, 1),
                own_points: false,
                form_points: Default::default(),
                derived: Vec::new(),
                budget_match: Vec::new(),
                checks: Default::default(),
                tree: Vec::new(),
                grades: Rules::national_grades(),
                grades_of_100: true,
                judgements_of_other_systems: false,
                draft: false,
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
        if let Some(min) = &self.min_applicable {
            rules.min_applicable = *min.get_ref();
        }
        if let Some(grades) = &self.grades {
            let mut list: Vec<(Decimal, String)> =
                grades.iter().map(|(g, min)| (*min, g.clone())).collect();
            list.sort_by_key(|(min, _)| std::cmp::Reverse(*min));
            rules.grades = list;
            rules.grades_of_100 = false;
        }
        rules
    }

    /// The survey's weights within 0–100 and the dimensions' target rules with sane numbers.
    fn sane_survey_and_dimensions(&self) -> Result<()> {
        if let Some(min) = &self.min_applicable
            && !(Decimal::ZERO..=Decimal::ONE).contains(min.get_ref())
        {
            return Err(self.error_at(min.span(), RulesProblem::MinApplicable(*min.get_ref())));
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
        Ok(())
    }

    /// `[checks]`: the checks switched off, their thresholds, the budget year and deadlines.
    fn apply_checks(&self, rules: &mut Rules) -> Result<()> {
        let c = &self.checks;
        for name in c.disable.iter().flatten() {
            let kind = FindingKind::ALL
                .iter()
                .find(|k| k.name() == name.get_ref())
                .ok_or_else(|| {
                    self.error_at(
                        name.span(),
                        RulesProblem::UnknownCheck {
                            name: name.get_ref().clone(),
                            known: FindingKind::ALL
                                .iter()
                                .map(|k| k.name().to_string())
                                .collect(),
                        },
                    )
                })?;
            rules.checks.disabled.push(*kind);
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
        Ok(())
    }

    /// `[budget.match]`: conditions that replace a budget line's 匹配条件.
    fn apply_budget_match(&self, rules: &mut Rules) -> Result<()> {
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
        Ok(())
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
                    if let Err(bad) = sane(&rule)
                        .and_then(|()| points_in_range(*i.points.get_ref()))
                        .and_then(|()| checklist_adds_up(&rule, *i.points.get_ref()))
                        .and_then(|()| within_points(&rule, *i.points.get_ref()))
                    {
                        return Err(self.error_at(
                            i.points.span(),
                            RulesProblem::Numbers {
                                of: Subject::Indicator(i.name.clone()),
                                bad,
                            },
                        ));
                    }
                    let parts = self.parts_of(i, &check)?;
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
                        parts,
                        round_parts: matches!(i.rounding, Some(RoundingKey::Parts)),
                        reading: None,
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
            rules.ledger.stated_arrival = Some(a.clone());
        }
        if let Some(s) = &l.spending_accounts {
            rules.ledger.spending_accounts = s.clone();
            rules.ledger.stated_spending = Some(s.clone());
        }
        if let Some(c) = l.chart {
            rules.ledger.chart = Some(c);
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
        if let Some(v) = &s.group_codes {
            rules.survey.group_codes = v.clone();
        }
        if let Some(w) = &s.group_question {
            rules.survey.group_question = w.to_vec();
        }
        if let Some(w) = &s.satisfaction_question {
            rules.survey.satisfaction_question = w.to_vec();
            rules.survey.satisfaction_by_answers = false;
        }
        if let Some(w) = &s.improvement_question {
            rules.survey.improvement_question = w.to_vec();
        }
    }
}

impl RulesFile {
    /// An indicator's parts, each with a positive weight and a rule that scores its measure's
    /// value; an indicator of parts has no measure or rule of its own.
    fn parts_of(
        &self,
        i: &IndicatorTable,
        check: &dyn Fn(&Spanned<String>) -> Result<String>,
    ) -> Result<Vec<Part>> {
        if i.part.is_empty() {
            return Ok(Vec::new());
        }
        if i.measure.is_some() || !matches!(i.rule, RuleKey::Manual) {
            return Err(self.error_at(
                i.points.span(),
                RulesProblem::PartsAndMeasure {
                    indicator: i.name.clone(),
                },
            ));
        }
        let mut parts = Vec::new();
        for p in &i.part {
            let rule = p.rule.rule();
            let scores_a_value = !matches!(
                rule,
                Rule::Manual | Rule::Checklist(_) | Rule::PerItem { .. }
            );
            let weight = *p.weight.get_ref();
            if !scores_a_value
                || weight <= Decimal::ZERO
                || points_in_range(weight).is_err()
                || sane(&rule).is_err()
            {
                return Err(self.error_at(
                    p.weight.span(),
                    RulesProblem::Part {
                        indicator: i.name.clone(),
                        part: p.name.clone(),
                    },
                ));
            }
            parts.push(Part {
                name: p.name.clone(),
                weight,
                measure: check(&p.measure)?,
                rule,
            });
        }
        // Each part's slope within the part's share of the points.
        let weights: Decimal = parts.iter().map(|p| p.weight).sum();
        for (part, table) in parts.iter().zip(&i.part) {
            let share = crate::money::ratio(*i.points.get_ref() * part.weight, weights);
            if share.is_some_and(|points| within_points(&part.rule, points).is_err()) {
                return Err(self.error_at(
                    table.weight.span(),
                    RulesProblem::Part {
                        indicator: i.name.clone(),
                        part: part.name.clone(),
                    },
                ));
            }
        }
        Ok(parts)
    }
}

/// The first circle among the file's measures, as the names read in turn back to the first
/// (`a → b → a`); a circle would otherwise leave its measures silently uncomputed. Walked with a
/// stack of its own, not by recursion, so that no file's chain of measures can overflow ours.
fn cycle(derived: &[Derived]) -> Option<Vec<String>> {
    let index: BTreeMap<&str, usize> = derived
        .iter()
        .enumerate()
        .map(|(i, d)| (d.name.as_str(), i))
        .collect();
    let reads: Vec<Vec<usize>> = derived
        .iter()
        .map(|d| {
            d.formula
                .operands()
                .into_iter()
                .filter_map(|o| index.get(o).copied())
                .collect()
        })
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        Not,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::Not; derived.len()];
    let name = |i: usize| derived.get(i).map(|d| d.name.clone()).unwrap_or_default();
    for start in 0..derived.len() {
        if seen.get(start) != Some(&Seen::Not) {
            continue;
        }
        // (measure, the next of its operands to follow)
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = seen.get_mut(start) {
            *s = Seen::OnPath;
        }
        while let Some((node, next)) = path.last_mut() {
            let node = *node;
            match reads.get(node).and_then(|r| r.get(*next)).copied() {
                Some(to) => {
                    *next += 1;
                    match seen.get(to) {
                        Some(Seen::Not) => {
                            if let Some(s) = seen.get_mut(to) {
                                *s = Seen::OnPath;
                            }
                            path.push((to, 0));
                        }
                        Some(Seen::OnPath) => {
                            let at = path.iter().position(|(n, _)| *n == to).unwrap_or(0);
                            let mut circle: Vec<String> =
                                path.iter().skip(at).map(|(n, _)| name(*n)).collect();
                            circle.push(name(to));
                            return Some(circle);
                        }
                        _ => {}
                    }
                }
                None => {
                    if let Some(s) = seen.get_mut(node) {
                        *s = Seen::Done;
                    }
                    path.pop();
                }
            }
        }
    }
    None
}

/// Whether a family member names a figure its family has: `part.劳模帮扶.spent` (not
/// `part.劳模帮扶.spnt`), `year.2021.arrived` (a four-digit year); other families take any name
/// their inputs give.
fn figure_named(prefix: &str, rest: &str) -> bool {
    const FIGURES: &[&str] = &[
        "planned",
        "arrived",
        "spent",
        "balance",
        "funds_arrival_rate",
        "execution_rate",
        "execution_rate_budget",
    ];
    match prefix {
        "part." | "line." => rest
            .rsplit_once('.')
            .is_some_and(|(whose, what)| !whose.is_empty() && FIGURES.contains(&what)),
        "year." => rest.split_once('.').is_some_and(|(year, what)| {
            year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && FIGURES.contains(&what)
        }),
        _ => true,
    }
}

/// The measures a rules file may name: every evaluation's (`measure::names`), the families by
/// prefix, and the file's own `[measures]`.
struct KnownMeasures<'a> {
    file: &'a RulesFile,
    defined: Vec<String>,
}

impl KnownMeasures<'_> {
    /// The measure's name, or the error at its place that lists those there are.
    fn check(&self, measure: &Spanned<String>) -> Result<String> {
        self.check_name(measure, measure.get_ref())
    }

    /// A target's actual value for every year (`count.受益人数.{年度}`): the name must be a
    /// measure with any year in the place, and keeps its place.
    fn check_each_year(&self, measure: &Spanned<String>) -> Result<String> {
        let name = measure.get_ref();
        if !name.contains(crate::measure::EVERY_YEAR) {
            return self.check(measure);
        }
        let probe = crate::measure::each_year(name, 2000);
        let checked = self.check_name(measure, &probe)?;
        // Kept as a family member is, normalised after its prefix.
        Ok(match name.split_once('.') {
            Some((prefix, rest)) if checked != probe => {
                format!("{prefix}.{}", crate::label::normalize(rest))
            }
            _ => name.clone(),
        })
    }

    fn check_name(&self, measure: &Spanned<String>, name: &String) -> Result<String> {
        if measure::names().iter().any(|m| m == name) || self.defined.iter().any(|d| d == name) {
            return Ok(name.clone());
        }
        // A family's member is named as its inputs write it (`target.受益人数（合计）`), and
        // the measures are kept under the normalised name, as every name compared is.
        let member = measure::FAMILIES
            .iter()
            .filter_map(|f| f.split_once('<').map(|(p, _)| p))
            .find_map(|prefix| {
                let rest = name.strip_prefix(prefix)?;
                let rest = crate::label::normalize(rest);
                (!rest.is_empty() && figure_named(prefix, &rest)).then(|| format!("{prefix}{rest}"))
            });
        if let Some(member) = member {
            return Ok(member);
        }
        let mut valid: Vec<String> = measure::names();
        valid.extend(measure::FAMILIES.iter().map(|m| m.to_string()));
        valid.extend(self.defined.iter().cloned());
        Err(self.file.error_at(
            measure.span(),
            RulesProblem::UnknownMeasure {
                name: name.clone(),
                known: valid,
            },
        ))
    }
}

#[cfg(test)]
mod tests;
