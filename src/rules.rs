//! The indicator system (评价指标体系) and the settings that decide how the ledger is read as
//! money: everything an evaluator would change per fund, held as data in one place.
//!
//! The systems are TOML (`presets/*.toml`, or the user's own file, parsed by `rules_file`); this
//! module holds what they become, which the scoring reads.

use rust_decimal::Decimal;

/// An evaluation's whole configuration.
#[derive(Debug, Clone)]
pub struct Rules {
    pub name: String,
    /// The language of the sentences the stages write (findings, deductions, criteria).
    pub lang: crate::lang::Lang,
    /// The system's title, for the report (评价指标体系名称).
    pub title: String,
    /// The points the tree adds up to, and the total a rescaled score is brought back to.
    pub total: Decimal,
    pub missing: Missing,
    pub ledger: LedgerRules,
    pub survey: SurveyRules,
    /// Which measure is the actual value of each declared target, by the target's 三级 name.
    pub target_actuals: Vec<(String, String)>,
    /// A quantity target completed below this share is judged unreasonably set (the actual is
    /// far from what was declared).
    pub unreasonable_below: Decimal,
    /// Measures the rules file defines as the ratio of two others.
    pub derived: Vec<Derived>,
    /// The audit checks' settings.
    pub checks: CheckRules,
    /// Budget line → the conditions that replace the 预算明细 sheet's 匹配条件.
    pub budget_match: Vec<(String, Vec<crate::read::targets::Matcher>)>,
    pub tree: Vec<Level1>,
    /// (lowest total, grade), highest first.
    pub grades: Vec<(Decimal, String)>,
}

/// What an indicator whose measure no input provides does to the evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Stop and name every missing measure.
    Error,
    /// Leave the indicator out and scale the total back to the system's total
    /// (财预〔2020〕10号: 不适用的指标不考核，按适用指标得分折算).
    Rescale,
}

/// A measure defined in the rules file: `numerator / denominator`, both measures.
#[derive(Debug, Clone)]
pub struct Derived {
    pub name: String,
    pub label: String,
    pub numerator: String,
    pub denominator: String,
}

#[derive(Debug, Clone)]
pub struct LedgerRules {
    /// Accounts whose credits are money arriving for the fund (资金到位), by code prefix.
    pub arrival_accounts: Vec<String>,
    /// Accounts whose debits are the fund's spending, by code prefix.
    pub spending_accounts: Vec<String>,
    /// Payee names fiscal money may not go to, by part of the name.
    pub prohibited_payees: Vec<String>,
    /// Under 政府会计制度 every payment is booked twice: in 财务会计 (the accounts above) and in
    /// 预算会计, whose arrivals and spending are on these accounts (6xxx 预算收入, 7xxx 支出).
    pub budget_arrival_accounts: Vec<String>,
    pub budget_spending_accounts: Vec<String>,
    /// Which side of parallel books is counted; the budget side by default, as 预算执行 is
    /// measured in 预算会计.
    pub parallel_side: BookSide,
}

/// The audit checks' settings (`[checks]` of a rules file).
#[derive(Debug, Clone)]
pub struct CheckRules {
    /// Checks switched off.
    pub disabled: Vec<crate::check::FindingKind>,
    /// Two payments of the same amount to the same payee on one line this many days apart or
    /// less are a suspected duplicate.
    pub duplicate_days: i64,
    /// Cash payments above this are reported (现金管理暂行条例: 结算起点 1,000 元).
    pub cash_limit: Decimal,
    /// Words in the 摘要 or account name that mark a cash payment.
    pub cash_words: Vec<String>,
    /// The budget year; by default the declaration's `（2019年度）`.
    pub fiscal_year: Option<u16>,
    /// A bank item matches a voucher of the same amount this many days apart or less.
    pub bank_days: i64,
    /// Budget line → the date its money must be paid by (else the budget year's end).
    pub deadlines: Vec<(String, crate::date::Date)>,
}

impl Default for CheckRules {
    fn default() -> Self {
        CheckRules {
            disabled: Vec::new(),
            duplicate_days: 30,
            cash_limit: Decimal::from(1000),
            cash_words: words(&["现金", "库存现金"]),
            fiscal_year: None,
            bank_days: 10,
            deadlines: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookSide {
    /// 预算会计
    Budget,
    /// 财务会计
    Financial,
}

#[derive(Debug, Clone)]
pub struct SurveyRules {
    /// Words in the question that asks who the respondent is (their group).
    pub group_question: Vec<String>,
    pub satisfaction_question: Vec<String>,
    pub satisfied_answers: Vec<String>,
    pub improvement_question: Vec<String>,
    pub improved_answers: Vec<String>,
    /// The options in order, for answers exported as codes (`1` is the first option).
    pub satisfaction_codes: Vec<String>,
    pub improvement_codes: Vec<String>,
    /// Weights of the satisfaction answers for the weighted index (国家统计局 style: 很满意 100,
    /// 满意 80, 基本满意 60 …).
    pub answer_weights: Vec<(String, Decimal)>,
}

#[derive(Debug, Clone)]
pub struct Level1 {
    pub name: String,
    pub points: Decimal,
    pub children: Vec<Level2>,
    /// A dimension whose indicators are the declared targets of one 一级 (自评: 产出指标 …),
    /// filled in once the targets are read.
    pub from_targets: Option<FromTargets>,
}

/// How the declared targets of a 一级 become indicators.
#[derive(Debug, Clone)]
pub struct FromTargets {
    /// The 一级 labels of the declaration the targets are taken from (`产出指标`).
    pub level1: Vec<String>,
    /// The rule for targets with a number (`≥95%`), and for qualitative ones (`及时`).
    pub quantitative: Rule,
    pub qualitative: Rule,
}

#[derive(Debug, Clone)]
pub struct Level2 {
    pub name: String,
    pub points: Decimal,
    pub children: Vec<Indicator>,
}

/// A 三级 indicator: its points, what it reads, and how that becomes a score.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub name: String,
    /// An optional code like `B201`.
    pub code: Option<String>,
    pub points: Decimal,
    /// The measure's name; `None` for indicators the evaluator scores by hand.
    pub measure: Option<String>,
    pub rule: Rule,
    /// When set and the measure is missing (a check that could not run), the indicator keeps
    /// its points and says so with this note, instead of following the system's `missing`.
    pub unchecked_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// points × min(measure, 1).
    Proportional,
    /// Full at `full_at` and above, nothing at `zero_at` and below, linear between
    /// ("每降低1%扣5%权重" is full at 100 %, zero at 80 %).
    Linear { full_at: Decimal, zero_at: Decimal },
    /// (lowest value, share of the points), highest first; below the last band, nothing.
    Bands(Vec<(Decimal, Decimal)>),
    /// Full points at `min` and above, nothing below ("低于目标值80%不得分").
    Threshold { min: Decimal },
    /// `each` point per item found, at most `cap` (the indicator's points when `None`).
    PerItem { each: Decimal, cap: Option<Decimal> },
    /// 要点法: the points shared equally among the items; the evaluator's findings deduct
    /// those not met.
    Checklist(Vec<String>),
    /// A qualitative target: `met`, `partly` or `not_met` of the points by its 完成情况
    /// (财预〔2020〕10号 三档).
    Tiers {
        met: Decimal,
        partly: Decimal,
        not_met: Decimal,
    },
    /// Full points unless the evaluator's findings say otherwise.
    Manual,
}

impl Default for LedgerRules {
    fn default() -> Self {
        LedgerRules {
            arrival_accounts: words(&["4"]),
            spending_accounts: words(&["5"]),
            prohibited_payees: words(&["协会", "商会", "学会", "研究会", "促进会", "联合会"]),
            budget_arrival_accounts: words(&["6"]),
            budget_spending_accounts: words(&["7"]),
            parallel_side: BookSide::Budget,
        }
    }
}

impl Default for SurveyRules {
    fn default() -> Self {
        SurveyRules {
            group_question: words(&["身份", "类别", "您是"]),
            satisfaction_question: words(&["满意", "总体评价"]),
            satisfied_answers: words(&["很满意", "非常满意", "满意", "比较满意"]),
            improvement_question: words(&["改善", "改变", "提高"]),
            improved_answers: words(&["明显改善", "有所改善", "显著改善", "改善", "较大改善"]),
            satisfaction_codes: words(&["很满意", "满意", "一般", "不满意", "很不满意"]),
            improvement_codes: words(&["明显改善", "有所改善", "一般", "没有改善"]),
            answer_weights: [
                ("很满意", 100),
                ("非常满意", 100),
                ("满意", 80),
                ("比较满意", 80),
                ("基本满意", 60),
                ("一般", 60),
                ("不太满意", 30),
                ("较不满意", 30),
                ("不满意", 0),
                ("很不满意", 0),
                ("非常不满意", 0),
            ]
            .iter()
            .map(|(label, w)| (label.to_string(), Decimal::from(*w)))
            .collect(),
        }
    }
}

/// The built-in indicator systems, as the TOML files `jixiao rules --preset NAME` prints.
pub const PRESETS: &[(&str, &str)] = &[
    ("changde-2019", include_str!("../presets/changde-2019.toml")),
    ("self-eval", include_str!("../presets/self-eval.toml")),
    ("key-eval", include_str!("../presets/key-eval.toml")),
];

pub const DEFAULT_PRESET: &str = "changde-2019";

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Rules {
    /// The national grade bands (财预〔2020〕10号 第十八条): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
    pub fn national_grades() -> Vec<(Decimal, String)> {
        [(90, "优"), (80, "良"), (60, "中"), (0, "差")]
            .iter()
            .map(|(p, g)| (Decimal::from(*p), g.to_string()))
            .collect()
    }

    pub fn grade(&self, total: Decimal) -> &str {
        self.grades
            .iter()
            .find(|(min, _)| total >= *min)
            .map_or("差", |(_, g)| g.as_str())
    }

    /// A built-in indicator system by name.
    pub fn preset(name: &str) -> crate::error::Result<Rules> {
        let text = PRESETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
            .ok_or_else(|| crate::error::Error::Invalid {
                context: format!("preset {name}"),
                message: format!(
                    "no such preset; the presets are {}",
                    PRESETS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })?;
        crate::rules_file::RulesFile::parse(text, &format!("preset {name}"))?.into_rules(None)
    }

    /// The indicator system of the Changde 2019 evaluation, the default.
    #[cfg(test)]
    pub fn changde_2019() -> Rules {
        Rules::preset("changde-2019").expect("the built-in preset parses")
    }

    pub fn total_points(&self) -> Decimal {
        self.tree.iter().map(|l| l.points).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn changde_system_has_the_reports_dimension_points() {
        let rules = Rules::changde_2019();
        let points: Vec<(&str, Decimal)> = rules
            .tree
            .iter()
            .map(|l| (l.name.as_str(), l.points))
            .collect();
        assert_eq!(
            points,
            [
                ("决策", dec!(20)),
                ("过程", dec!(18)),
                ("产出", dec!(32)),
                ("效益", dec!(30))
            ]
        );
        assert_eq!(rules.total_points(), dec!(100));
    }

    #[test]
    fn every_preset_parses() {
        for (name, _) in PRESETS {
            let rules = Rules::preset(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(rules.total, dec!(100), "{name}");
        }
        assert!(
            Rules::preset("nope")
                .unwrap_err()
                .to_string()
                .contains("the presets are changde-2019, self-eval, key-eval")
        );
    }

    #[test]
    fn grades_follow_the_national_bands() {
        let rules = Rules::changde_2019();
        assert_eq!(rules.grade(dec!(90)), "优");
        assert_eq!(rules.grade(dec!(89.99)), "良");
        assert_eq!(rules.grade(dec!(85)), "良");
        assert_eq!(rules.grade(dec!(80)), "良");
        assert_eq!(rules.grade(dec!(79.99)), "中");
        assert_eq!(rules.grade(dec!(60)), "中");
        assert_eq!(rules.grade(dec!(59.99)), "差");
    }
}
