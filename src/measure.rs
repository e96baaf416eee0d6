//! Measures: every figure an indicator can read, by name, with where it came from.
//!
//! The reconciliation, the checks, the survey and the declared targets each yield measures;
//! the indicator system refers to them by name (`funds_arrival_rate`,
//! `beneficiaries.困难职工`, `target.控制预算`), so that the scoring never reaches into a stage's
//! types and a rules file can bind any indicator to any measure.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::{Finding, FindingKind};
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::ledger::Ledger;
use crate::read::target_value::{Comparator, TargetValue};
use crate::read::targets::{Survey, Targets};
use crate::reconcile::{Flow, Reconciliation};
use crate::rules::{Rules, SurveyRules};

/// The measures of the reconciliation, by fixed name, in the order they are listed.
const OF_RECONCILIATION: &[&str] = &[
    "planned",
    "arrived",
    "spent",
    "balance",
    "funds_arrival_rate",
    "execution_rate",
    "execution_rate_budget",
];

/// The measures of the payments' dates, the survey and the declared targets, by fixed name.
const OF_DATES_SURVEY_TARGETS: &[&str] = &[
    "timeliness.in_year",
    "timeliness.by_spring_festival",
    "survey.respondents",
    "survey.satisfaction",
    "survey.satisfaction_index",
    "survey.improved",
    "targets.unreasonable",
];

/// The families of measures named by a prefix and a name from the inputs.
pub const FAMILIES: &[&str] = &[
    "beneficiaries.<受益统计>",
    "survey.improved.<身份>",
    "target.<三级指标>",
];

/// Every measure [`collect`] can provide by a fixed name: the reconciliation's, one per kind of
/// finding (from the check's table of kinds), then those of the dates, the survey and the
/// targets. A rules file may name these, the [`FAMILIES`] and its own.
pub fn names() -> Vec<String> {
    OF_RECONCILIATION
        .iter()
        .map(|m| m.to_string())
        .chain(FindingKind::ALL.iter().map(|k| k.measure()))
        .chain(OF_DATES_SURVEY_TARGETS.iter().map(|m| m.to_string()))
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Yuan.
    Money,
    /// A fraction: 0.4411 is 44.11 %.
    Rate,
    Count,
    /// 完成情况 of a qualitative target: 1 达成, 0.5 部分达成, 0 未达成.
    Tier,
}

/// One thing found that a count measure counts.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub sentence: String,
    pub evidence: Vec<CellRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Measure {
    pub label: String,
    pub value: Decimal,
    pub unit: Unit,
    /// How the value came about, in words: `到位149.99万元／预算340.00万元`.
    pub detail: String,
    pub evidence: Vec<CellRef>,
    pub items: Vec<Item>,
    /// The language its value is displayed in.
    #[serde(skip)]
    pub lang: Lang,
}

impl Measure {
    fn new(
        label: impl Into<String>,
        value: Decimal,
        unit: Unit,
        detail: impl Into<String>,
    ) -> Measure {
        Measure {
            label: label.into(),
            value,
            unit,
            detail: detail.into(),
            evidence: Vec::new(),
            items: Vec::new(),
            lang: Lang::Zh,
        }
    }

    fn count(label: impl Into<String>, items: Vec<Item>) -> Measure {
        let mut m = Measure::new(
            label,
            Decimal::from(items.len()),
            Unit::Count,
            String::new(),
        );
        m.detail = items.len().to_string();
        m.items = items;
        m
    }

    /// The value as a reader expects it: `44.11%`, `326.82万元`, `1584`.
    pub fn display(&self) -> String {
        match self.unit {
            Unit::Money => self.lang.pick(
                format!("{}万元", money::fmt_wan(self.value)),
                format!("{} (10k yuan)", money::fmt_wan(self.value)),
            ),
            Unit::Rate => money::fmt_percent(self.value),
            Unit::Count => self.value.normalize().to_string(),
            Unit::Tier if self.value >= Decimal::ONE => self.lang.pick("达成", "met").into(),
            Unit::Tier if self.value > Decimal::ZERO => {
                self.lang.pick("部分达成", "partly met").into()
            }
            Unit::Tier => self.lang.pick("未达成", "not met").into(),
        }
    }
}

pub type Measures = BTreeMap<String, Measure>;

pub fn collect(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    findings: &[Finding],
    rules: &Rules,
    bank_checked: bool,
) -> Measures {
    let lang = rules.lang;
    let mut m = Measures::new();
    money_measures(recon, lang, &mut m);
    arrival_measures(ledger, recon, lang, &mut m);
    execution_measures(recon, lang, &mut m);
    tally_measures(recon, lang, &mut m);
    finding_measures(findings, bank_checked, lang, &mut m);
    timeliness_measures(ledger, targets, recon, rules, &mut m);
    if let Some(survey) = &targets.survey {
        survey_measures(survey, &rules.survey, lang, &mut m);
    }
    target_measures(targets, rules, &mut m);
    derived_measures(rules, &mut m);
    for measure in m.values_mut() {
        measure.lang = lang;
    }
    m
}

/// The reconciliation's totals: planned, arrived, spent, balance.
fn money_measures(recon: &Reconciliation, lang: Lang, m: &mut Measures) {
    let t = &recon.totals;
    m.insert(
        "planned".into(),
        Measure::new(
            lang.pick("预算数", "planned"),
            t.planned,
            Unit::Money,
            lang.pick("各部分预算数之和", "the parts' plans added up"),
        ),
    );
    m.insert(
        "arrived".into(),
        Measure::new(
            lang.pick("到位资金", "arrived"),
            t.arrived,
            Unit::Money,
            lang.pick("资金到位科目贷方发生额", "credits on arrival accounts"),
        ),
    );
    m.insert(
        "spent".into(),
        Measure::new(
            lang.pick("实际支出", "spent"),
            t.spent,
            Unit::Money,
            lang.pick("支出科目借方发生额", "debits on spending accounts"),
        ),
    );
    m.insert(
        "balance".into(),
        Measure::new(
            lang.pick("结余", "balance"),
            t.balance,
            Unit::Money,
            lang.pick("预算数减实际支出", "planned less spent"),
        ),
    );
}

/// 资金到位率, with the arrivals and the parts' plans as its evidence.
fn arrival_measures(ledger: &Ledger, recon: &Reconciliation, lang: Lang, m: &mut Measures) {
    let t = &recon.totals;
    let group_cells: Vec<CellRef> = recon.groups.iter().map(|g| g.at.clone()).collect();
    if let Some(rate) = recon.funds_arrival_rate {
        let mut measure = Measure::new(
            lang.pick("资金到位率", "funds-arrival rate"),
            rate,
            Unit::Rate,
            lang.pick(
                format!(
                    "到位{}万元／预算{}万元",
                    money::fmt_wan(t.arrived),
                    money::fmt_wan(t.planned)
                ),
                format!(
                    "arrived {} of planned {} (10k yuan)",
                    money::fmt_wan(t.arrived),
                    money::fmt_wan(t.planned)
                ),
            ),
        );
        let arrivals = ledger
            .rows
            .iter()
            .zip(&recon.postings)
            .filter(|(_, (flow, _))| *flow == Some(Flow::Arrival));
        measure.evidence = arrivals
            .map(|(row, _)| row.amount_at())
            .chain(group_cells.iter().cloned())
            .collect();
        m.insert("funds_arrival_rate".into(), measure);
    }
}

/// 预算执行率, over the money arrived and over the budget.
fn execution_measures(recon: &Reconciliation, lang: Lang, m: &mut Measures) {
    let t = &recon.totals;
    // 预算执行率 over arrived funds (财预〔2020〕10号 附2). When nothing arrived it cannot be
    // computed; the measure is then 0 and says why, rather than stopping the evaluation.
    let (execution, detail) = match money::ratio(t.spent, t.arrived) {
        Some(r) => (
            r,
            lang.pick(
                format!(
                    "支出{}万元／到位{}万元",
                    money::fmt_wan(t.spent),
                    money::fmt_wan(t.arrived)
                ),
                format!(
                    "spent {} of arrived {} (10k yuan)",
                    money::fmt_wan(t.spent),
                    money::fmt_wan(t.arrived)
                ),
            ),
        ),
        None => (
            Decimal::ZERO,
            lang.pick(
                format!(
                    "到位资金为{}万元，无法按到位资金计算执行率",
                    money::fmt_wan(t.arrived)
                ),
                format!(
                    "{} (10k yuan) arrived: no execution rate over arrivals",
                    money::fmt_wan(t.arrived)
                ),
            ),
        ),
    };
    m.insert(
        "execution_rate".into(),
        Measure::new(
            lang.pick("预算执行率", "execution rate"),
            execution,
            Unit::Rate,
            detail,
        ),
    );
    if let Some(r) = money::ratio(t.spent, t.planned) {
        let detail = lang.pick(
            format!(
                "支出{}万元／预算{}万元",
                money::fmt_wan(t.spent),
                money::fmt_wan(t.planned)
            ),
            format!(
                "spent {} of planned {} (10k yuan)",
                money::fmt_wan(t.spent),
                money::fmt_wan(t.planned)
            ),
        );
        m.insert(
            "execution_rate_budget".into(),
            Measure::new(
                lang.pick("预算执行率（对预算数）", "execution rate (of the budget)"),
                r,
                Unit::Rate,
                detail,
            ),
        );
    }
}

/// 受益人数 per tally of the budget sheet.
fn tally_measures(recon: &Reconciliation, lang: Lang, m: &mut Measures) {
    for (tally, n) in &recon.tallies {
        let lines: Vec<&crate::reconcile::LineTotal> = recon
            .lines
            .iter()
            .filter(|l| l.tally.as_deref() == Some(tally.as_str()))
            .collect();
        let detail = lines
            .iter()
            .map(|l| {
                lang.pick(
                    format!("{}{}人", l.name, l.beneficiaries),
                    format!("{} {}", l.name, l.beneficiaries),
                )
            })
            .collect::<Vec<_>>()
            .join(lang.pick("＋", " + "));
        let mut measure = Measure::new(
            lang.pick(
                format!("受益人数（{tally}）"),
                format!("beneficiaries ({tally})"),
            ),
            Decimal::from(*n),
            Unit::Count,
            detail,
        );
        measure.evidence = lines.iter().map(|l| l.at.clone()).collect();
        m.insert(format!("beneficiaries.{tally}"), measure);
    }
}

/// `findings.<kind>`: a count per kind of finding, one item each.
fn finding_measures(findings: &[Finding], bank_checked: bool, lang: Lang, m: &mut Measures) {
    // Without a bank statement the bank checks did not run: their measures are absent, not zero.
    for kind in FindingKind::ALL
        .iter()
        .copied()
        .filter(|k| bank_checked || !k.needs_bank())
    {
        let items = findings
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| Item {
                sentence: f.sentence(lang),
                evidence: f.evidence.clone(),
            })
            .collect();
        m.insert(kind.measure(), Measure::count(kind.label(lang), items));
    }
}

/// The shares paid within the budget year and by the Spring Festival after it.
fn timeliness_measures(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    rules: &Rules,
    m: &mut Measures,
) {
    let lang = rules.lang;
    if let Some((year, in_year, by_festival, total)) =
        crate::check::timeliness(ledger, targets, recon, &rules.checks)
    {
        if let Some(share) = money::ratio(in_year, total) {
            let detail = lang.pick(
                format!(
                    "{year}年内支付{}万元／支出{}万元",
                    money::fmt_wan(in_year),
                    money::fmt_wan(total)
                ),
                format!(
                    "paid within {year}: {} of {} (10k yuan)",
                    money::fmt_wan(in_year),
                    money::fmt_wan(total)
                ),
            );
            m.insert(
                "timeliness.in_year".into(),
                Measure::new(
                    lang.pick("预算年度内支付比例", "share paid within the budget year"),
                    share,
                    Unit::Rate,
                    detail,
                ),
            );
        }
        if let Some(share) = by_festival.and_then(|b| money::ratio(b, total)) {
            let detail = lang.pick(
                format!(
                    "{}年春节前支付{}万元／支出{}万元",
                    year + 1,
                    money::fmt_wan(by_festival.unwrap_or_default()),
                    money::fmt_wan(total)
                ),
                format!(
                    "paid by the {} Spring Festival: {} of {} (10k yuan)",
                    year + 1,
                    money::fmt_wan(by_festival.unwrap_or_default()),
                    money::fmt_wan(total)
                ),
            );
            m.insert(
                "timeliness.by_spring_festival".into(),
                Measure::new(
                    lang.pick("次年春节前支付比例", "share paid by the Spring Festival"),
                    share,
                    Unit::Rate,
                    detail,
                ),
            );
        }
    }
}

fn find_question(survey: &Survey, words: &[String], taken: &[usize]) -> Option<usize> {
    survey
        .questions
        .iter()
        .enumerate()
        .position(|(i, (_, q))| !taken.contains(&i) && words.iter().any(|w| q.contains(w.as_str())))
}

/// An answer as its label: 问卷星's coded export writes `1` for the first option, and `-2` / `-3`
/// for a question skipped or not shown, which count as no answer.
fn decode(answer: &str, codes: &[String]) -> String {
    match answer.trim().parse::<i64>() {
        Ok(k) if k < 0 => String::new(),
        Ok(k) => usize::try_from(k - 1)
            .ok()
            .and_then(|i| codes.get(i))
            .cloned()
            .unwrap_or_else(|| answer.trim().to_string()),
        Err(_) => answer.trim().to_string(),
    }
}

fn survey_measures(survey: &Survey, rules: &SurveyRules, lang: Lang, m: &mut Measures) {
    let n = survey.responses.len();
    m.insert(
        "survey.respondents".into(),
        Measure::new(
            lang.pick("有效问卷", "responses"),
            Decimal::from(n),
            Unit::Count,
            lang.pick(format!("{n}份"), format!("{n}")),
        ),
    );
    let a = Answers::new(survey, rules);
    if let Some(q) = a.satisfaction {
        satisfaction_measures(&a, q, lang, m);
    }
    if let Some(q) = a.improvement {
        improvement_measures(&a, q, lang, m);
    }
}

/// The survey's questions, found by their words, and how their answers are read.
struct Answers<'a> {
    survey: &'a Survey,
    rules: &'a SurveyRules,
    /// The question that asks who the respondent is.
    group: Option<usize>,
    improvement: Option<usize>,
    satisfaction: Option<usize>,
}

impl<'a> Answers<'a> {
    fn new(survey: &'a Survey, rules: &'a SurveyRules) -> Self {
        let group = find_question(survey, &rules.group_question, &[]);
        let taken: Vec<usize> = group.into_iter().collect();
        let improvement = find_question(survey, &rules.improvement_question, &taken);
        let taken: Vec<usize> = taken.into_iter().chain(improvement).collect();
        let satisfaction = find_question(survey, &rules.satisfaction_question, &taken);
        Answers {
            survey,
            rules,
            group,
            improvement,
            satisfaction,
        }
    }

    /// The options of question `q` in order, for answers exported as codes.
    fn codes_of(&self, q: usize) -> &[String] {
        if Some(q) == self.satisfaction {
            self.rules.satisfaction_codes.as_slice()
        } else if Some(q) == self.improvement {
            self.rules.improvement_codes.as_slice()
        } else {
            &[]
        }
    }

    /// A share of positive answers among the non-blank ones, for one question and optionally
    /// one group, with the cells of the answers that were not positive.
    fn share(
        &self,
        q: usize,
        positive: &[String],
        only: Option<&str>,
    ) -> (usize, usize, Vec<(CellRef, String)>) {
        let is_in =
            |answer: &str, list: &[String]| list.iter().any(|a| normalize(a) == normalize(answer));
        let survey = self.survey;
        let col = survey.questions.get(q).map_or(0, |(c, _)| *c);
        let mut answered = 0usize;
        let mut yes = 0usize;
        let mut others = Vec::new();
        for (row, answers) in &survey.responses {
            if let (Some(g), Some(gq)) = (only, self.group)
                && answers.get(gq).map(String::as_str) != Some(g)
            {
                continue;
            }
            let answer = decode(
                answers.get(q).map(String::as_str).unwrap_or(""),
                self.codes_of(q),
            );
            let answer = answer.as_str();
            if answer.is_empty() {
                continue;
            }
            answered += 1;
            if is_in(answer, positive) {
                yes += 1;
            } else {
                others.push((survey.at(*row, col), answer.to_string()));
            }
        }
        (yes, answered, others)
    }
}

/// 服务对象满意度: the share satisfied, and the weighted index of the answers.
fn satisfaction_measures(a: &Answers, q: usize, lang: Lang, m: &mut Measures) {
    let (yes, answered, others) = a.share(q, &a.rules.satisfied_answers, None);
    if answered > 0 {
        let mut measure = Measure::new(
            lang.pick("服务对象满意度", "satisfaction"),
            money::ratio(Decimal::from(yes), Decimal::from(answered)).unwrap_or_default(),
            Unit::Rate,
            lang.pick(
                format!("满意{yes}人／有效回答{answered}人"),
                format!("{yes} satisfied of {answered} answers"),
            ),
        );
        measure.evidence = others.into_iter().map(|(at, _)| at).collect();
        m.insert("survey.satisfaction".into(), measure);
    }
    // The weighted index (很满意 100, 满意 80, 一般 60 …) beside the share satisfied.
    let weighted: Vec<Decimal> = a
        .survey
        .responses
        .iter()
        .filter_map(|(_, answers)| {
            let answer = decode(
                answers.get(q).map(String::as_str).unwrap_or(""),
                &a.rules.satisfaction_codes,
            );
            a.rules
                .answer_weights
                .iter()
                .find(|(label, _)| normalize(label) == normalize(&answer))
                .map(|(_, w)| *w)
        })
        .collect();
    if !weighted.is_empty() {
        let n = Decimal::from(weighted.len());
        let index = money::ratio(weighted.iter().sum::<Decimal>(), n * Decimal::ONE_HUNDRED)
            .unwrap_or_default();
        m.insert(
            "survey.satisfaction_index".into(),
            Measure::new(
                lang.pick("满意度指数（加权）", "satisfaction index (weighted)"),
                index,
                Unit::Rate,
                lang.pick(
                    format!("{}份有效回答按选项权重加权", weighted.len()),
                    format!("{} answers weighted by option", weighted.len()),
                ),
            ),
        );
    }
}

/// 生活改善: the share whose life improved, in all and per group of respondents.
fn improvement_measures(a: &Answers, q: usize, lang: Lang, m: &mut Measures) {
    let mut groups: Vec<Option<String>> = vec![None];
    if let Some(gq) = a.group {
        let mut names: Vec<String> = a
            .survey
            .responses
            .iter()
            .filter_map(|(_, a)| a.get(gq).cloned())
            .filter(|g| !g.is_empty())
            .collect();
        names.sort();
        names.dedup();
        groups.extend(names.into_iter().map(Some));
    }
    for g in groups {
        let (yes, answered, others) = a.share(q, &a.rules.improved_answers, g.as_deref());
        if answered == 0 {
            continue;
        }
        let who = g
            .clone()
            .unwrap_or_else(|| lang.pick("受访者", "respondents").into());
        let mut measure = Measure::new(
            lang.pick(format!("{who}生活改善比例"), format!("share of {who} whose life improved")),
            money::ratio(Decimal::from(yes), Decimal::from(answered)).unwrap_or_default(),
            Unit::Rate,
            lang.pick(format!(
                "{who}{answered}人中{yes}人反映生活情况得到改善，{}人反映改善一般或未改善",
                answered - yes
            ), format!(
                "{yes} of {answered} {who} said their life improved, {} said only moderately or not",
                answered - yes
            )),
        );
        measure.items = others
            .iter()
            .map(|(at, answer)| Item {
                sentence: lang.pick(
                    format!("{who}反映生活情况改善“{answer}”"),
                    format!("{who}: life improved “{answer}”"),
                ),
                evidence: vec![at.clone()],
            })
            .collect();
        measure.evidence = others.into_iter().map(|(at, _)| at).collect();
        let name = match &g {
            Some(g) => format!("survey.improved.{g}"),
            None => "survey.improved".into(),
        };
        m.insert(name, measure);
    }
}

/// Completion of each declared quantity target that the rules bind to a measure.
/// 达成 / 部分达成 / 未达成 from a 实际完成值 written in words; `None` for a blank.
fn tier(actual: &str) -> Option<Decimal> {
    let a = normalize(actual);
    if a.is_empty() {
        return None;
    }
    let not_met = [
        "未达成",
        "未完成",
        "未达到",
        "不达标",
        "较差",
        "否",
        "未实现",
    ];
    Some(if not_met.iter().any(|w| a.contains(w)) {
        Decimal::ZERO
    } else if a.contains("部分") {
        Decimal::new(5, 1)
    } else {
        Decimal::ONE
    })
}

/// A 实际完成值 written as a number, in the target's unit when it gives none (`96` beside
/// `≥95%` is 96 %).
fn actual_number(actual: &str, target_unit: &str) -> Option<Decimal> {
    let parsed = TargetValue::parse(actual);
    let TargetValue::Quantity { value, unit, .. } = &parsed else {
        return None;
    };
    if unit.is_empty() {
        return TargetValue::Quantity {
            comparator: Comparator::Exactly,
            value: *value,
            unit: target_unit.to_string(),
        }
        .base_value();
    }
    parsed.base_value()
}

/// The completion of every declared target whose actual value an input gives: a measure the
/// rules bind to it, or the form's own 实际完成值.
fn target_measures(targets: &Targets, rules: &Rules, m: &mut Measures) {
    let lang = rules.lang;
    let mut unreasonable = Vec::new();
    for target in &targets.targets {
        let key = format!("target.{}", normalize(&target.name));
        let bound = rules
            .target_actuals
            .iter()
            .find(|(t, _)| normalize(t) == normalize(&target.name))
            .and_then(|(_, name)| m.get(name));
        let written = target.actual.as_deref().unwrap_or("");
        let goal = target.value.base_value();
        let (comparator, unit) = match &target.value {
            TargetValue::Quantity {
                comparator, unit, ..
            } => (Some(*comparator), unit.as_str()),
            _ => (None, ""),
        };
        // (actual in the measures' units, as text, evidence)
        let actual = match (bound, comparator) {
            (Some(a), _) => {
                let text = match a.unit {
                    Unit::Count => format!("{}{unit}", a.value.normalize()),
                    _ => a.display(),
                };
                Some((a.value, text, a.evidence.clone()))
            }
            (None, Some(_)) => {
                actual_number(written, unit).map(|v| (v, written.to_string(), Vec::new()))
            }
            (None, None) => None,
        };
        let (Some(comparator), Some(goal), Some((value, actual_text, evidence))) =
            (comparator, goal, actual)
        else {
            // A qualitative target, or a number written in words: its 完成情况 in the three tiers.
            if let Some(t) = tier(written) {
                let mut measure = Measure::new(
                    lang.pick(
                        format!("“{}”完成情况", target.name),
                        format!("completion of “{}”", target.name),
                    ),
                    t,
                    Unit::Tier,
                    lang.pick(
                        format!("目标{}，实际{written}", target.value),
                        format!("target {}, actual {written}", target.value),
                    ),
                );
                measure.evidence = vec![target.at.clone()];
                m.insert(key, measure);
            }
            continue;
        };
        let completion = match comparator {
            Comparator::AtMost if value <= goal => Some(Decimal::ONE),
            Comparator::AtMost => money::ratio(goal, value),
            _ if goal == Decimal::ZERO => Some(Decimal::ONE),
            _ => money::ratio(value, goal),
        };
        let Some(completion) = completion else {
            continue;
        };
        let detail = lang.pick(
            format!("目标{}，实际{actual_text}", target.value),
            format!("target {}, actual {actual_text}", target.value),
        );
        let mut measure = Measure::new(
            lang.pick(
                format!("“{}”完成率", target.name),
                format!("completion of “{}”", target.name),
            ),
            completion,
            Unit::Rate,
            detail,
        );
        measure.evidence = std::iter::once(target.at.clone()).chain(evidence).collect();
        if comparator != Comparator::AtMost && completion < rules.unreasonable_below {
            unreasonable.push(Item {
                sentence: lang.pick(format!(
                    "“{}”目标值的设定不够合理：目标{}，实际{actual_text}，仅为目标值的{}",
                    target.name,
                    target.written,
                    money::fmt_percent(completion)
                ), format!(
                    "the target of “{}” was set unreasonably: target {}, actual {actual_text}, only {} of it",
                    target.name,
                    target.written,
                    money::fmt_percent(completion)
                )),
                evidence: measure.evidence.clone(),
            });
        }
        m.insert(key, measure);
    }
    m.insert(
        "targets.unreasonable".into(),
        Measure::count(
            lang.pick("目标值设定不合理的指标", "targets set unreasonably"),
            unreasonable,
        ),
    );
}

/// The rules file's own measures, each the ratio of two others.
fn derived_measures(rules: &Rules, m: &mut Measures) {
    for d in &rules.derived {
        let (Some(n), Some(q)) = (m.get(&d.numerator), m.get(&d.denominator)) else {
            continue;
        };
        let Some(value) = money::ratio(n.value, q.value) else {
            continue;
        };
        let detail = format!("{}{}／{}{}", n.label, n.display(), q.label, q.display());
        let evidence = n.evidence.iter().chain(&q.evidence).cloned().collect();
        let mut measure = Measure::new(d.label.clone(), value, Unit::Rate, detail);
        measure.evidence = evidence;
        m.insert(d.name.clone(), measure);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_coded_answers() {
        let codes: Vec<String> = ["很满意", "满意", "一般"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(decode("1", &codes), "很满意");
        assert_eq!(decode(" 3 ", &codes), "一般");
        assert_eq!(decode("-2", &codes), "");
        assert_eq!(decode("9", &codes), "9");
        assert_eq!(decode("满意", &codes), "满意");
    }
}
