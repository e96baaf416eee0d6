//! The indicator system (评价指标体系) and the settings that decide how the ledger is read as
//! money: everything an evaluator would change per fund, held as data in one place.
//!
//! The systems are TOML (`presets/*.toml`, or the user's own file, parsed by `rules_file`); this
//! module holds what they become, which the scoring reads.

use rust_decimal::Decimal;

use crate::label::words;

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
    /// With indicators left out, the least share of the points that must be scored for a total
    /// and a grade: a rescaled sliver is no grade (default 0.6).
    pub min_applicable: Decimal,
    pub ledger: crate::reconcile::LedgerRules,
    pub survey: SurveyRules,
    /// Which measure is the actual value of each declared target, by the target's 三级 name.
    pub target_actuals: Vec<(String, String)>,
    /// Whether a target the rules bind to no measure takes the measure its name and unit point
    /// to (`服务对象满意度 ≥95%` → the survey's satisfaction), said in a note.
    pub infer_actuals: bool,
    /// A quantity target completed below this share is judged unreasonably set (the actual is
    /// far from what was declared).
    pub unreasonable_below: Decimal,
    /// Whether the form's own 分值 stand and its own 得分 are re-checked (`[targets]
    /// own_points`, set by the self-eval preset): a 自评表 scored as the unit weighted it. A
    /// system of its own weights (key-eval) shares its dimensions' points in proportion to
    /// the form's 分值 instead, and sets no unit's score beside its own.
    pub own_points: bool,
    /// What to follow when a 自评表's own 分值 do not add up to its 总分 (`[targets] points`).
    pub form_points: FormPoints,
    /// Measures the rules file defines as the ratio of two others.
    pub derived: Vec<Derived>,
    /// The audit checks' settings.
    pub checks: crate::check::CheckRules,
    /// Budget line → the conditions that replace the 预算明细 sheet's 匹配条件.
    pub budget_match: Vec<(String, Vec<crate::read::targets::Matcher>)>,
    pub tree: Vec<Level1>,
    /// (lowest total, grade), highest first.
    pub grades: Vec<(Decimal, String)>,
    /// Whether `grades` are the national bands of a 100-point total, which a system of another
    /// total is graded by in proportion; a rules file's own bands are in its own points.
    pub grades_of_100: bool,
    /// Whether the 评价发现 and 评分 sheets may name indicators of another system: set when the
    /// 自评表 is filled from a workbook a third-party evaluation also scores, whose findings
    /// name that evaluation's indicators. They are listed as not applied instead of refused.
    pub judgements_of_other_systems: bool,
    /// Whether too few indicators with an actual value withhold the total instead of refusing
    /// to score: the 自评表 is then written as a draft whose missing 实际完成值 the unit fills
    /// in, with no total and no grade.
    pub draft: bool,
}

/// A 自评表's own 分值 against the total: the form's weights are kept wherever it states them;
/// when they do not add up to its 总分 (a form printing sections of 110 under 总分 100), which
/// to follow is the rules file's to say, never the tool's to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormPoints {
    /// Refuse, naming the 分值 and 总分 cells.
    #[default]
    Refuse,
    /// The form's 分值 as written: the total is what they add up to, and the grade is relative.
    Form,
    /// The system's weight for each dimension, the form's 分值 shared within it, said in a note
    /// with the rows it changed.
    System,
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

/// A measure defined in the rules file from other measures.
#[derive(Debug, Clone)]
pub struct Derived {
    pub name: String,
    pub label: String,
    pub formula: Formula,
}

/// How a measure of the rules file is computed from others.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    Ratio(String, String),
    Sum(Vec<String>),
    Difference(String, String),
    Product(Vec<String>),
    /// (measure, weight) pairs added up.
    Weighted(Vec<(String, Decimal)>),
    /// 1 − the measure.
    Complement(String),
    /// A series in time order: 1 when it rises every step (逐年增加), 0.5 when it never falls
    /// but does not always rise (持平), 0 when it falls somewhere (下降).
    Trend(Vec<String>),
    /// `[earlier, later]`: the later's change over the earlier, (later − earlier) / earlier
    /// (较上年提高…).
    Change(String, String),
}

impl Formula {
    /// The measures it reads.
    pub fn operands(&self) -> Vec<&str> {
        match self {
            Formula::Ratio(a, b) | Formula::Difference(a, b) | Formula::Change(a, b) => {
                vec![a, b]
            }
            Formula::Sum(v) | Formula::Product(v) | Formula::Trend(v) => {
                v.iter().map(String::as_str).collect()
            }
            Formula::Weighted(v) => v.iter().map(|(m, _)| m.as_str()).collect(),
            Formula::Complement(m) => vec![m],
        }
    }
}

#[derive(Debug, Clone)]
pub struct SurveyRules {
    /// Words in the question that asks who the respondent is (their group), or its number
    /// (`1`, `Q1`, `第1题`); the same for the other questions.
    pub group_question: Vec<String>,
    /// Every single-answer question (or matrix row) these name is a satisfaction question.
    pub satisfaction_question: Vec<String>,
    /// Whether, with no question worded as one, a question whose every answer is a
    /// satisfaction option naming 满意 is taken for one (a matrix downloaded as `5、(技能培训)`
    /// has no wording); off once the rules file names the satisfaction questions.
    pub satisfaction_by_answers: bool,
    pub satisfied_answers: Vec<String>,
    pub improvement_question: Vec<String>,
    pub improved_answers: Vec<String>,
    /// The options in order, for answers exported as codes (`1` is the first option).
    pub satisfaction_codes: Vec<String>,
    pub improvement_codes: Vec<String>,
    /// The group question's options in order, for answers exported as codes.
    pub group_codes: Vec<String>,
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
    /// An indicator made of parts ("三类补助各占1/3"): each its share of the points, scored by
    /// its own rule on its own measure; empty for an indicator of one measure.
    pub parts: Vec<Part>,
    /// Round each part's score to 0.01 before adding them up, rather than the sum only.
    pub round_parts: bool,
    /// Said after the rule in its 评分标准: how a declared target was read (a cost written
    /// without a sign is a ceiling).
    pub reading: Option<String>,
}

/// A part of an indicator: a year, a budget part, a category.
#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    /// Its weight among the parts: its points are the indicator's times weight / all weights.
    pub weight: Decimal,
    pub measure: String,
    pub rule: Rule,
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
    /// 要点法: the items, each with its own points or all sharing the points equally; the
    /// evaluator's findings deduct those not met.
    Checklist(Vec<ChecklistItem>),
    /// Step deductions from a target: `off` points per `per` the measure falls short of it
    /// (or passes it, or strays from it either way beyond `tolerance`), down to nothing
    /// ("每降低1个百分点扣0.5分，扣完为止").
    /// Points from a baseline: `at_base` at `base`, `each` more per `per` above it and less
    /// per `per` below it, within `min` and `max` ("以全省平均为基准，每高0.1个百分点加0.05分，
    /// 最高5分，最低0分").
    Slope {
        base: Decimal,
        at_base: Decimal,
        per: Decimal,
        each: Decimal,
        min: Decimal,
        max: Decimal,
    },
    Steps {
        target: Decimal,
        per: Decimal,
        off: Decimal,
        side: StepSide,
        tolerance: Decimal,
        count: StepCount,
    },
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

/// A 要点 of a checklist, with its own points where the system gives them ("①制度健全1分").
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistItem {
    pub item: String,
    pub points: Option<Decimal>,
}

impl From<&str> for ChecklistItem {
    /// An item sharing the points equally with the others.
    fn from(item: &str) -> Self {
        ChecklistItem {
            item: item.to_string(),
            points: None,
        }
    }
}

/// Which way from its target a step rule deducts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepSide {
    /// Falling short of it (每降低…扣…).
    Below,
    /// Passing it (每超出…扣…: a cost, a ceiling).
    Above,
    /// Straying from it either way (偏离目标值±…以内得满分).
    Both,
}

/// How part of a step counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepCount {
    /// In proportion (2.5 steps take 2.5 times the points).
    Fraction,
    /// Whole steps only (不足一个…不扣).
    Whole,
    /// A step begun is a step (不足一个…按一个…计).
    Started,
}

impl Default for SurveyRules {
    fn default() -> Self {
        SurveyRules {
            group_question: words(&["身份", "类别", "您是"]),
            satisfaction_question: words(&["满意", "总体评价"]),
            satisfaction_by_answers: true,
            satisfied_answers: words(&["很满意", "非常满意", "满意", "比较满意"]),
            improvement_question: words(&["改善", "改变", "提高"]),
            improved_answers: words(&["明显改善", "有所改善", "显著改善", "改善", "较大改善"]),
            satisfaction_codes: words(&["很满意", "满意", "一般", "不满意", "很不满意"]),
            improvement_codes: words(&["明显改善", "有所改善", "一般", "没有改善"]),
            group_codes: Vec::new(),
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

impl Rules {
    /// The national grade bands (财预〔2020〕10号 第十八条): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
    pub fn national_grades() -> Vec<(Decimal, String)> {
        [(90, "优"), (80, "良"), (60, "中"), (0, "差")]
            .iter()
            .map(|(p, g)| (Decimal::from(*p), g.to_string()))
            .collect()
    }

    /// The grade of `total` out of `points`: the national bands read in proportion when the
    /// total is not 100 (110 of 110 is 优), a rules file's own bands as written.
    pub fn grade_of(&self, total: Decimal, points: Decimal) -> &str {
        let hundred = Decimal::ONE_HUNDRED;
        let relative = match crate::money::ratio(total * hundred, points) {
            Some(r) if self.grades_of_100 && points != hundred => r,
            _ => total,
        };
        self.grade(relative)
    }

    pub fn grade(&self, total: Decimal) -> &str {
        self.grades
            .iter()
            .find(|(min, _)| total >= *min)
            .map_or("差", |(_, g)| g.as_str())
    }

    /// The indicator system of the Changde 2019 evaluation, the default.
    #[cfg(test)]
    pub fn changde_2019() -> Rules {
        crate::config::preset("changde-2019").expect("the built-in preset parses")
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

    /// Issue 21: a form of 110 points graded against bands meant for 100 would call 88 of 110
    /// (80 %) 良 and 99 (90 %) 优 only by luck; the national bands are shares of the total.
    #[test]
    fn national_grades_are_relative_to_the_total() {
        let mut rules = Rules::changde_2019();
        // The national bands, as a system that states none of its own has them.
        rules.grades = Rules::national_grades();
        rules.grades_of_100 = true;
        assert_eq!(rules.grade_of(dec!(99), dec!(110)), "优");
        assert_eq!(rules.grade_of(dec!(98.99), dec!(110)), "良");
        assert_eq!(rules.grade_of(dec!(65), dec!(110)), "差");
        assert_eq!(rules.grade_of(dec!(85), dec!(100)), "良");
        // A rules file's own bands are in its own points.
        rules.grades_of_100 = false;
        assert_eq!(rules.grade_of(dec!(65), dec!(110)), "中");
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
