//! The indicator system (评价指标体系) and the settings that decide how the ledger is read as
//! money: everything an evaluator would change per fund, held as data in one place.
//!
//! Today the only system is the built-in `changde-2019` preset, the one the Changde 2019 report
//! used (决策 20, 过程 18, 产出 32, 效益 30). A rules file will replace [`Rules::changde_2019`]
//! without touching the stages that read these types.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// An evaluation's whole configuration.
#[derive(Debug, Clone)]
pub struct Rules {
    pub name: String,
    pub ledger: LedgerRules,
    pub survey: SurveyRules,
    /// Which measure is the actual value of each declared target, by the target's 三级 name.
    pub target_actuals: Vec<(String, String)>,
    /// A quantity target completed below this share is judged unreasonably set (the actual is
    /// far from what was declared).
    pub unreasonable_below: Decimal,
    pub tree: Vec<Level1>,
    /// (lowest total, grade), highest first.
    pub grades: Vec<(Decimal, String)>,
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
    pub points: Decimal,
    /// The measure's name; `None` for indicators the evaluator scores by hand.
    pub measure: Option<String>,
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
    /// `each` point per item found, at most `cap` (the indicator's points when `None`).
    PerItem { each: Decimal, cap: Option<Decimal> },
    /// Full points unless the evaluator's findings say otherwise.
    Manual,
}

fn d(n: i64) -> Decimal {
    Decimal::from(n)
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn ind(name: &str, points: i64, measure: Option<&str>, rule: Rule) -> Indicator {
    Indicator {
        name: name.into(),
        points: d(points),
        measure: measure.map(Into::into),
        rule,
    }
}

fn manual(name: &str, points: i64) -> Indicator {
    ind(name, points, None, Rule::Manual)
}

fn l2(name: &str, children: Vec<Indicator>) -> Level2 {
    let points = children.iter().map(|c| c.points).sum();
    Level2 {
        name: name.into(),
        points,
        children,
    }
}

fn l1(name: &str, children: Vec<Level2>) -> Level1 {
    let points = children.iter().map(|c| c.points).sum();
    Level1 {
        name: name.into(),
        points,
        children,
    }
}

impl Rules {
    /// The national grade bands (财预〔2020〕10号 第十八条): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.
    pub fn national_grades() -> Vec<(Decimal, String)> {
        vec![
            (d(90), "优".into()),
            (d(80), "良".into()),
            (d(60), "中".into()),
            (Decimal::ZERO, "差".into()),
        ]
    }

    pub fn grade(&self, total: Decimal) -> &str {
        self.grades
            .iter()
            .find(|(min, _)| total >= *min)
            .map_or("差", |(_, g)| g.as_str())
    }

    /// The indicator system of the Changde 2019 evaluation.
    pub fn changde_2019() -> Rules {
        // Completion below 80 % of a quantity target: half the points
        // ("低于绩效目标设定数80%，扣4分" of 8).
        let output_bands = Rule::Bands(vec![
            (d(1), d(1)),
            (dec!(0.8), dec!(0.75)),
            (Decimal::ZERO, dec!(0.5)),
        ]);
        // Share of respondents whose life improved: one point off below 90 %, two below 70 %.
        let survey_bands = Rule::Bands(vec![
            (dec!(0.9), d(1)),
            (dec!(0.7), dec!(0.8)),
            (dec!(0.5), dec!(0.6)),
        ]);
        let tree = vec![
            l1(
                "决策",
                vec![
                    l2(
                        "项目立项",
                        vec![manual("立项依据充分性", 3), manual("立项程序规范性", 3)],
                    ),
                    l2(
                        "绩效目标",
                        vec![
                            ind(
                                "绩效目标合理性",
                                4,
                                Some("targets.unreasonable"),
                                Rule::PerItem {
                                    each: d(1),
                                    cap: None,
                                },
                            ),
                            manual("绩效指标明确性", 4),
                        ],
                    ),
                    l2(
                        "资金投入",
                        vec![manual("预算编制科学性", 3), manual("资金分配合理性", 3)],
                    ),
                ],
            ),
            l1(
                "过程",
                vec![
                    l2(
                        "资金管理",
                        vec![
                            ind(
                                "资金到位率",
                                4,
                                Some("funds_arrival_rate"),
                                Rule::Linear {
                                    full_at: d(1),
                                    zero_at: dec!(0.8),
                                },
                            ),
                            ind("预算执行率", 4, Some("execution_rate"), Rule::Proportional),
                            ind(
                                "资金使用合规性",
                                4,
                                Some("findings.prohibited_payee"),
                                Rule::PerItem {
                                    each: d(2),
                                    cap: None,
                                },
                            ),
                        ],
                    ),
                    l2(
                        "组织实施",
                        vec![manual("管理制度健全性", 2), manual("制度执行有效性", 4)],
                    ),
                ],
            ),
            l1(
                "产出",
                vec![
                    l2(
                        "产出数量",
                        vec![
                            ind(
                                "救助市直单位困难职工",
                                8,
                                Some("target.救助市直单位困难职工"),
                                output_bands,
                            ),
                            ind(
                                "慰问补助市级劳模",
                                4,
                                Some("target.慰问补助市级劳模"),
                                Rule::Proportional,
                            ),
                            ind(
                                "市直单位省部级劳模疗休养",
                                4,
                                Some("target.市直单位省部级劳模疗休养"),
                                Rule::Proportional,
                            ),
                        ],
                    ),
                    l2(
                        "产出质量",
                        vec![manual("补助精准度", 4), manual("群众举报情况", 4)],
                    ),
                    l2("产出时效", vec![manual("补助资金支付及时性", 4)]),
                    l2(
                        "产出成本",
                        vec![ind(
                            "预算控制",
                            4,
                            Some("target.控制预算"),
                            Rule::Proportional,
                        )],
                    ),
                ],
            ),
            l1(
                "效益",
                vec![
                    l2(
                        "社会效益",
                        vec![
                            ind(
                                "困难职工生活改善",
                                5,
                                Some("survey.improved.困难职工"),
                                survey_bands.clone(),
                            ),
                            ind(
                                "劳模生活改善",
                                5,
                                Some("survey.improved.劳模"),
                                survey_bands,
                            ),
                            manual("促进社会和谐与社会稳定", 5),
                            manual("按政策补助到位", 5),
                        ],
                    ),
                    l2("可持续影响", vec![manual("帮扶长效机制", 4)]),
                    l2(
                        "满意度",
                        vec![ind(
                            "服务对象满意度",
                            6,
                            Some("target.服务对象满意度"),
                            Rule::Proportional,
                        )],
                    ),
                ],
            ),
        ];
        let target_actuals = [
            ("救助市直单位困难职工", "beneficiaries.困难职工"),
            ("慰问补助市级劳模", "beneficiaries.困难劳模"),
            ("市直单位省部级劳模疗休养", "beneficiaries.疗休养劳模"),
            ("控制预算", "spent"),
            ("服务对象满意度", "survey.satisfaction"),
        ];
        Rules {
            name: "changde-2019".into(),
            ledger: LedgerRules {
                arrival_accounts: words(&["4"]),
                spending_accounts: words(&["5"]),
                prohibited_payees: words(&["协会", "商会", "学会", "研究会", "促进会", "联合会"]),
                budget_arrival_accounts: words(&["6"]),
                budget_spending_accounts: words(&["7"]),
                parallel_side: BookSide::Budget,
            },
            survey: SurveyRules {
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
                .map(|(label, w)| (label.to_string(), d(*w)))
                .collect(),
            },
            target_actuals: target_actuals
                .iter()
                .map(|(t, m)| (t.to_string(), m.to_string()))
                .collect(),
            unreasonable_below: dec!(0.8),
            tree,
            grades: Rules::national_grades(),
        }
    }

    pub fn total_points(&self) -> Decimal {
        self.tree.iter().map(|l| l.points).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
                ("决策", d(20)),
                ("过程", d(18)),
                ("产出", d(32)),
                ("效益", d(30))
            ]
        );
        assert_eq!(rules.total_points(), d(100));
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
