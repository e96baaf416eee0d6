//! Measures: every figure an indicator can read, by name, with where it came from.
//!
//! The reconciliation, the checks, the survey and the declared targets each yield measures;
//! the indicator system refers to them by name (`funds_arrival_rate`,
//! `beneficiaries.困难职工`, `target.控制预算`), so that the scoring never reaches into a stage's
//! types and a rules file can bind any indicator to any measure.

mod parts;
mod survey;
mod targets;
mod years;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::check::{Finding, FindingKind};
use crate::glossary::Term;
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::ledger::Ledger;
use crate::read::targets::Targets;
use crate::reconcile::{Assignment, Flow, Reconciliation};
use crate::rules::Rules;
pub use parts::{EVERY_YEAR, each_year};
use survey::survey_measures;
pub use survey::{Decoded, SurveyReading, survey_reading};
use targets::{count_measures, derived_measures, target_measures};
pub use targets::{inferred_actual, unreadable_actuals, whole_for_a_year};

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
    "count.<计数名称>",
    "line.<预算子项>.<planned|arrived|spent|balance|funds_arrival_rate|execution_rate|execution_rate_budget>",
    "part.<部分>.<planned|arrived|spent|balance|funds_arrival_rate|execution_rate|execution_rate_budget>",
    "survey.improved.<身份>",
    "survey.satisfaction.<题号>",
    "survey.satisfaction_index.<身份>",
    "survey.satisfied.<身份>",
    "target.<三级指标>",
    "year.<年度>.<planned|arrived|spent|balance|funds_arrival_rate|execution_rate|execution_rate_budget>",
];

/// Every measure [`collect`] can provide by a fixed name: the reconciliation's, one per kind of
/// finding (from the check's table of kinds), then those of the dates, the survey and the
/// targets. A rules file may name these, the [`FAMILIES`] and its own.
pub fn names() -> Vec<String> {
    OF_RECONCILIATION
        .iter()
        .map(|m| m.to_string())
        .chain(FindingKind::ALL.iter().flat_map(|k| {
            let m = k.measure();
            [format!("{m}.count_share"), format!("{m}.money_share"), m]
        }))
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
    /// A 自评表 row's own 得分 as a share of its 分值, taken as the unit claims it because
    /// nothing lets it be re-checked (未能复核).
    Claimed,
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
    /// A target's 实际完成值 as the report's tables write it (`1584人`, `达成`); none for other
    /// measures.
    #[serde(skip)]
    pub actual: Option<String>,
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
            actual: None,
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
            Unit::Claimed => self.lang.pick(
                format!("单位自评{}", money::fmt_percent(self.value)),
                format!("{} as the unit claims", money::fmt_percent(self.value)),
            ),
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
    finding_measures(findings, recon, bank_checked, lang, &mut m);
    timeliness_measures(ledger, targets, recon, rules, &mut m);
    if let Some(survey) = &targets.survey {
        survey_measures(survey, &rules.survey, lang, &mut m);
    }
    // A target's actual value may be any of these, so they are made first.
    count_measures(targets, lang, &mut m);
    let years = targets.years();
    parts::part_measures(recon, rules, &years, &mut m);
    years::year_measures(ledger, recon, rules, &years, &mut m);
    // A target's actual value may be a measure of the rules file, and such a measure may read
    // a target's completion: the file's measures are made on either side of the targets'.
    derived_measures(rules, &mut m);
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
    let money = [
        (
            "planned",
            Term::Planned,
            t.planned,
            ("各部分预算数之和", "the parts' plans added up"),
        ),
        (
            "arrived",
            Term::Arrived,
            t.arrived,
            ("资金到位科目贷方发生额", "credits on arrival accounts"),
        ),
        (
            "spent",
            Term::Spent,
            t.spent,
            ("支出科目借方发生额", "debits on spending accounts"),
        ),
        (
            "balance",
            Term::Balance,
            t.balance,
            ("预算数减实际支出", "planned less spent"),
        ),
    ];
    for (name, term, value, (zh, en)) in money {
        let measure = Measure::new(term.say(lang), value, Unit::Money, lang.pick(zh, en));
        m.insert(name.into(), measure);
    }
}

/// 资金到位率, with the arrivals and the parts' plans as its evidence.
fn arrival_measures(ledger: &Ledger, recon: &Reconciliation, lang: Lang, m: &mut Measures) {
    let t = &recon.totals;
    let group_cells: Vec<CellRef> = recon.groups.iter().map(|g| g.at.clone()).collect();
    if let Some(rate) = recon.funds_arrival_rate {
        let mut measure = Measure::new(
            Term::FundsArrivalRate.say(lang),
            rate,
            Unit::Rate,
            lang.pick(
                format!(
                    "到位{}万元／预算{}万元",
                    money::fmt_wan(t.arrived),
                    money::fmt_wan(t.planned)
                ),
                format!(
                    "arrived {} of {} planned, in 10k yuan",
                    money::fmt_wan(t.arrived),
                    money::fmt_wan(t.planned)
                ),
            ),
        );
        let arrivals = ledger
            .rows
            .iter()
            .zip(&recon.postings)
            .filter(|(_, (flow, a))| *flow == Some(Flow::Arrival) && *a != Assignment::Unassigned);
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
                    "spent {} of {} arrived, in 10k yuan",
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
        Measure::new(Term::ExecutionRate.say(lang), execution, Unit::Rate, detail),
    );
    if let Some(r) = money::ratio(t.spent, t.planned) {
        let detail = lang.pick(
            format!(
                "支出{}万元／预算{}万元",
                money::fmt_wan(t.spent),
                money::fmt_wan(t.planned)
            ),
            format!(
                "spent {} of {} planned, in 10k yuan",
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
        m.insert(format!("beneficiaries.{}", normalize(tally)), measure);
    }
}

/// `findings.<kind>`: a count per kind of finding, one item each.
fn finding_measures(
    findings: &[Finding],
    recon: &Reconciliation,
    bank_checked: bool,
    lang: Lang,
    m: &mut Measures,
) {
    // The payments the shares are of: spending postings that reach a budget line.
    let payments = recon
        .postings
        .iter()
        .filter(|(flow, a)| *flow == Some(Flow::Spending) && matches!(a, Assignment::Line(_)))
        .count();
    // Without a bank statement the bank checks did not run: their measures are absent, not zero.
    for kind in FindingKind::ALL
        .iter()
        .copied()
        .filter(|k| bank_checked || !k.needs_bank())
    {
        let found: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
        let items = found
            .iter()
            .map(|f| Item {
                sentence: f.sentence(lang),
                evidence: f.evidence.clone(),
            })
            .collect();
        let label = kind.label(lang);
        let cells: Vec<CellRef> = found.iter().flat_map(|f| f.evidence.clone()).collect();
        // 问题笔数占比 and 问题金额占比, for formulas such as
        // 得分=10−10×(0.5×笔数占比+0.5×金额占比).
        if let Some(share) = money::ratio(Decimal::from(found.len()), Decimal::from(payments)) {
            let mut measure = Measure::new(
                lang.pick(
                    format!("{label}笔数占比"),
                    format!("{label}: share of payments"),
                ),
                share,
                Unit::Rate,
                lang.pick(
                    format!("{}笔／支出{payments}笔", found.len()),
                    format!("{} of {payments} payments", found.len()),
                ),
            );
            measure.evidence = cells.clone();
            m.insert(format!("{}.count_share", kind.measure()), measure);
        }
        let amount: Decimal = found.iter().map(|f| f.amount.abs()).sum();
        if let Some(share) = money::ratio(amount, recon.totals.spent) {
            let spent = money::fmt_wan(recon.totals.spent);
            let mut measure = Measure::new(
                lang.pick(
                    format!("{label}金额占比"),
                    format!("{label}: share of spending"),
                ),
                share,
                Unit::Rate,
                lang.pick(
                    format!("{}万元／支出{spent}万元", money::fmt_wan(amount)),
                    format!("{} of {spent} spent, in 10k yuan", money::fmt_wan(amount)),
                ),
            );
            measure.evidence = cells.clone();
            m.insert(format!("{}.money_share", kind.measure()), measure);
        }
        m.insert(kind.measure(), Measure::count(label, items));
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
    if let Some(crate::check::Timeliness {
        years: (first, last),
        in_year,
        by_festival,
        total,
    }) = crate::check::timeliness(ledger, targets, recon, &rules.checks)
    {
        // Lines of several budget years are each judged by their own.
        let (within, festival) = if first == last {
            (
                lang.pick(format!("{first}年内"), format!("within {first}")),
                lang.pick(
                    format!("{}年春节前", first + 1),
                    format!("by the {} Spring Festival", first + 1),
                ),
            )
        } else {
            (
                lang.pick(
                    format!("各子项在其预算年度（{first}–{last}年）内"),
                    format!("within each line's budget year ({first}–{last})"),
                ),
                lang.pick(
                    "各子项在其预算年度次年春节前".to_string(),
                    "by the Spring Festival after each line's budget year".to_string(),
                ),
            )
        };
        if let Some(share) = money::ratio(in_year, total) {
            let detail = lang.pick(
                format!(
                    "{within}支付{}万元／支出{}万元",
                    money::fmt_wan(in_year),
                    money::fmt_wan(total)
                ),
                format!(
                    "paid {within}: {} of {}, in 10k yuan",
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
                    "{festival}支付{}万元／支出{}万元",
                    money::fmt_wan(by_festival.unwrap_or_default()),
                    money::fmt_wan(total)
                ),
                format!(
                    "paid {festival}: {} of {}, in 10k yuan",
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
