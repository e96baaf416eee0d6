//! What is wrong with a rules file (or a preset), at its line and column: facts said in the
//! user's language, the place drawn under the line as TOML's own errors draw it.

use rust_decimal::Decimal;

use crate::lang::Lang;

/// Where in a rules file: its line, shown with a caret under the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caret {
    pub line: usize,
    pub column: usize,
    pub line_text: String,
    pub width: usize,
}

impl Caret {
    /// The place in `text` of the bytes `span`.
    pub fn at(text: &str, span: std::ops::Range<usize>) -> Caret {
        let before = text.get(..span.start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text
            .get(line_start..span.start)
            .map_or(1, |t| t.chars().count() + 1);
        let line_text = text
            .get(line_start..)
            .and_then(|t| t.lines().next())
            .unwrap_or("")
            .to_string();
        let width = text.get(span).map_or(1, |t| t.chars().count().max(1));
        Caret {
            line,
            column,
            line_text,
            width,
        }
    }

    fn draw(&self, lang: Lang) -> String {
        let Caret {
            line,
            column,
            line_text,
            width,
        } = self;
        let gutter = " ".repeat(line.to_string().len());
        let heading = match lang {
            Lang::Zh => format!("第{line}行第{column}列有误"),
            Lang::En => format!("error at line {line}, column {column}"),
        };
        format!(
            "{heading}\n{gutter} |\n{line} | {line_text}\n{gutter} | {}{}\n",
            " ".repeat(column.saturating_sub(1)),
            "^".repeat(*width)
        )
    }
}

/// What the error is about: a dimension or an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Dimension(String),
    Indicator(String),
}

/// A rule's numbers that make no sense.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadNumbers {
    Points(Decimal),
    Linear {
        full: Decimal,
        zero: Decimal,
    },
    Bands,
    Threshold,
    PerItem,
    Tiers,
    Steps,
    Slope,
    /// Some 要点 with points and some without, or points out of range.
    ChecklistPoints,
    /// The 要点's points do not add up to the indicator's.
    ChecklistSum {
        sum: Decimal,
        points: Decimal,
    },
    /// A slope's `at_base` or `max` above the points it scores.
    SlopeBeyondPoints {
        highest: Decimal,
        points: Decimal,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesProblem {
    /// The TOML reader's own message, as it is.
    Toml(String),
    HeaderRowZero,
    /// `min_applicable` outside 0–1.
    MinApplicable(Decimal),
    Weight {
        label: String,
        weight: Decimal,
    },
    Numbers {
        of: Subject,
        bad: BadNumbers,
    },
    UnknownCheck {
        name: String,
        known: Vec<String>,
    },
    FiscalYear(u16),
    NotADate(String),
    UnknownMeasure {
        name: String,
        known: Vec<String>,
    },
    NotACondition(String),
    /// A `[measures.NAME]` table with no formula, or with several.
    MeasureFormula(String),
    /// Measures of the file that read one another in a circle: `a` → `b` → `a`.
    MeasureCycle(Vec<String>),
    /// An indicator with parts and a measure or rule of its own.
    PartsAndMeasure {
        indicator: String,
    },
    /// A part whose weight is not positive or whose rule scores no value.
    Part {
        indicator: String,
        part: String,
    },
    Total {
        total: Decimal,
        sum: Decimal,
    },
    NoMeasure {
        indicator: String,
    },
    GroupPoints {
        dimension: String,
        group: String,
        points: Decimal,
        sum: Decimal,
    },
    DimensionPoints {
        dimension: String,
        points: Decimal,
        sum: Decimal,
    },
}

impl BadNumbers {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (BadNumbers::Points(p), Lang::Zh) => {
                format!("points = {} 不在 0 到 1,000,000 之间", p.normalize())
            }
            (BadNumbers::Points(p), Lang::En) => {
                format!("points = {} is outside 0 to 1,000,000", p.normalize())
            }
            (BadNumbers::Linear { full, zero }, Lang::Zh) => format!(
                "linear 的 full（{}）须大于 zero（{}），且都在 1,000,000 以内",
                full.normalize(),
                zero.normalize()
            ),
            (BadNumbers::Linear { full, zero }, Lang::En) => format!(
                "linear needs full ({}) above zero ({}), both within 1,000,000",
                full.normalize(),
                zero.normalize()
            ),
            (BadNumbers::Bands, Lang::Zh) => {
                "bands 的每一档为 [最低值, 得分比例]，比例在 0 到 1 之间".into()
            }
            (BadNumbers::Bands, Lang::En) => {
                "bands are [lowest value, share of the points] with shares from 0 to 1".into()
            }
            (BadNumbers::Threshold, Lang::Zh) => "threshold 的 min 超过 1,000,000".into(),
            (BadNumbers::Threshold, Lang::En) => "threshold min is beyond 1,000,000".into(),
            (BadNumbers::PerItem, Lang::Zh) => {
                "per_item 的 each 须大于 0，cap 不小于 0，且都在 1,000,000 以内".into()
            }
            (BadNumbers::PerItem, Lang::En) => {
                "per_item needs each above 0 and a cap from 0, both within 1,000,000".into()
            }
            (BadNumbers::Tiers, Lang::Zh) => "tiers 是得分比例，在 0 到 1 之间".into(),
            (BadNumbers::Tiers, Lang::En) => "tiers are shares of the points, from 0 to 1".into(),
            (BadNumbers::Steps, Lang::Zh) => {
                "steps 的 per 须大于 0，off 与 tolerance 不小于 0，且都在 1,000,000 以内".into()
            }
            (BadNumbers::Steps, Lang::En) => {
                "steps needs per above 0, off and tolerance from 0, all within 1,000,000".into()
            }
            (BadNumbers::Slope, Lang::Zh) => {
                "slope 的 per 须大于 0，min 不小于 0 且不大于 max，且都在 1,000,000 以内".into()
            }
            (BadNumbers::Slope, Lang::En) => {
                "slope needs per above 0 and min from 0 up to max, all within 1,000,000".into()
            }
            (BadNumbers::ChecklistPoints, Lang::Zh) => {
                "checklist 的要点要么都写分值（[\"制度健全\", 1]），要么都不写；分值不小于 0".into()
            }
            (BadNumbers::ChecklistPoints, Lang::En) => {
                "checklist items either all give their points ([\"制度健全\", 1]) or none does; points from 0".into()
            }
            (BadNumbers::ChecklistSum { sum, points }, Lang::Zh) => {
                format!("checklist 各要点分值合计 {}，与指标分值 {} 不等", sum.normalize(), points.normalize())
            }
            (BadNumbers::ChecklistSum { sum, points }, Lang::En) => {
                format!("the checklist's items add up to {} points, not the indicator's {}", sum.normalize(), points.normalize())
            }
            (BadNumbers::SlopeBeyondPoints { highest, points }, Lang::Zh) => {
                format!("slope 的 at_base 或 max 为 {}，超过其分值 {}（评分标准会写出达不到的分数）", highest.normalize(), points.normalize())
            }
            (BadNumbers::SlopeBeyondPoints { highest, points }, Lang::En) => {
                format!("the slope's at_base or max is {}, above its {} points (the 评分标准 would state a score it cannot give)", highest.normalize(), points.normalize())
            }
        }
    }
}

impl RulesProblem {
    pub fn say(&self, lang: Lang) -> String {
        let n = |d: &Decimal| d.normalize().to_string();
        match (self, lang) {
            (RulesProblem::Toml(m), _) => m.clone(),
            (RulesProblem::MinApplicable(v), Lang::Zh) => format!(
                "min_applicable = {v} 应在 0 到 1 之间：有实际值的指标至少占总分的比例（默认 0.6）"
            ),
            (RulesProblem::MinApplicable(v), Lang::En) => format!(
                "min_applicable = {v} should be between 0 and 1: the least share of the points that must have an actual value (0.6 by default)"
            ),
            (RulesProblem::HeaderRowZero, Lang::Zh) => {
                "[ledger] header_row 从 1 开始计数，与 Excel 显示的行号一致".into()
            }
            (RulesProblem::HeaderRowZero, Lang::En) => {
                "[ledger] header_row counts from 1, as Excel shows rows".into()
            }
            (RulesProblem::Weight { label, weight }, Lang::Zh) => {
                format!(
                    "[survey] weights：“{label}” = {} 不在 0 到 100 之间",
                    n(weight)
                )
            }
            (RulesProblem::Weight { label, weight }, Lang::En) => {
                format!(
                    "[survey] weights: “{label}” = {} is outside 0 to 100",
                    n(weight)
                )
            }
            (RulesProblem::Numbers { of, bad }, _) => {
                let of = match (of, lang) {
                    (Subject::Dimension(d), _) => d.clone(),
                    (Subject::Indicator(i), Lang::Zh) => format!("指标 {i}"),
                    (Subject::Indicator(i), Lang::En) => format!("indicator {i}"),
                };
                format!("{of}{}{}", lang.pick("：", ": "), bad.say(lang))
            }
            (RulesProblem::UnknownCheck { name, known }, Lang::Zh) => {
                format!("没有名为“{name}”的检查，可用的有 {}", known.join("、"))
            }
            (RulesProblem::UnknownCheck { name, known }, Lang::En) => {
                format!(
                    "unknown check “{name}”, expected one of {}",
                    known.join(", ")
                )
            }
            (RulesProblem::FiscalYear(y), Lang::Zh) => {
                format!("[checks] fiscal_year = {y}：应为 1900 到 2099 之间的年份")
            }
            (RulesProblem::FiscalYear(y), Lang::En) => {
                format!("[checks] fiscal_year = {y}: expected a year from 1900 to 2099")
            }
            (RulesProblem::NotADate(t), Lang::Zh) => {
                format!("“{t}”不是日期；应写成 \"2020-01-31\" 这样")
            }
            (RulesProblem::NotADate(t), Lang::En) => {
                format!("“{t}” is not a date; expected one like \"2020-01-31\"")
            }
            (RulesProblem::UnknownMeasure { name, known }, Lang::Zh) => {
                format!("没有名为“{name}”的度量，可用的有 {}", known.join("、"))
            }
            (RulesProblem::UnknownMeasure { name, known }, Lang::En) => {
                format!(
                    "unknown measure “{name}”, expected one of {}",
                    known.join(", ")
                )
            }
            (RulesProblem::PartsAndMeasure { indicator }, Lang::Zh) => {
                format!("指标“{indicator}”由各部分（part）计分，不能再有自己的 measure 或 rule")
            }
            (RulesProblem::PartsAndMeasure { indicator }, Lang::En) => format!(
                "“{indicator}” is scored by its parts, so it has no measure or rule of its own"
            ),
            (RulesProblem::Part { indicator, part }, Lang::Zh) => format!(
                "指标“{indicator}”的部分“{part}”：weight 须大于 0，rule 须按度量的值计分（proportional、linear、bands、threshold、tiers、steps 或 slope），数值须合理，slope 的 at_base 与 max 不超过该部分的分值"
            ),
            (RulesProblem::Part { indicator, part }, Lang::En) => format!(
                "the part “{part}” of “{indicator}”: its weight must be above 0 and its rule must score its measure's value (proportional, linear, bands, threshold, tiers, steps or slope), with sane numbers, a slope's at_base and max within the part's points"
            ),
            (RulesProblem::MeasureCycle(names), Lang::Zh) => format!(
                "[measures] 中的度量循环引用：{}，无法计算；请让其中一个改读输入的度量",
                names.join(" → ")
            ),
            (RulesProblem::MeasureCycle(names), Lang::En) => format!(
                "the measures of [measures] read one another in a circle: {}, so none can be computed; let one of them read a measure of the inputs",
                names.join(" → ")
            ),
            (RulesProblem::MeasureFormula(name), Lang::Zh) => format!(
                "[measures.{name}] 须且只须给出一种算法：ratio、sum、difference、product、weighted、complement、trend 或 change，且给足所需的度量（trend 至少两个）"
            ),
            (RulesProblem::MeasureFormula(name), Lang::En) => format!(
                "[measures.{name}] needs exactly one of ratio, sum, difference, product, weighted, complement, trend, change, with the measures it needs (two or more for a trend)"
            ),
            (RulesProblem::NotACondition(t), _) => format!(
                "{}{}",
                lang.pick(
                    format!("“{t}”不是匹配条件；应为"),
                    format!("“{t}” is not a condition; expected ")
                ),
                super::Expected::Conditions.say(lang)
            ),
            (RulesProblem::NoMeasure { indicator }, Lang::Zh) => {
                format!("指标 {indicator} 的评分规则需要度量，但没有写 `measure`")
            }
            (RulesProblem::NoMeasure { indicator }, Lang::En) => {
                format!("indicator {indicator} has a rule that reads a measure, but no `measure`")
            }
            (
                RulesProblem::Total { .. }
                | RulesProblem::GroupPoints { .. }
                | RulesProblem::DimensionPoints { .. },
                _,
            ) => self.sums(lang),
        }
    }
}

impl RulesProblem {
    /// The points of a system that do not add up.
    fn sums(&self, lang: Lang) -> String {
        let n = |d: &Decimal| d.normalize().to_string();
        match (self, lang) {
            (RulesProblem::Total { total, sum }, Lang::Zh) => {
                format!("total = {}，但各一级指标合计为 {}", n(total), n(sum))
            }
            (RulesProblem::Total { total, sum }, Lang::En) => {
                format!(
                    "total = {} but the dimensions add up to {}",
                    n(total),
                    n(sum)
                )
            }
            (
                RulesProblem::GroupPoints {
                    dimension,
                    group,
                    points,
                    sum,
                },
                Lang::Zh,
            ) => format!(
                "{dimension} / {group} 的 points = {}，但其三级指标合计为 {}",
                n(points),
                n(sum)
            ),
            (
                RulesProblem::GroupPoints {
                    dimension,
                    group,
                    points,
                    sum,
                },
                Lang::En,
            ) => format!(
                "{dimension} / {group} has points = {} but its indicators add up to {}",
                n(points),
                n(sum)
            ),
            (
                RulesProblem::DimensionPoints {
                    dimension,
                    points,
                    sum,
                },
                Lang::Zh,
            ) => format!(
                "{dimension} 的 points = {}，但其二级指标合计为 {}",
                n(points),
                n(sum)
            ),
            (
                RulesProblem::DimensionPoints {
                    dimension,
                    points,
                    sum,
                },
                Lang::En,
            ) => format!(
                "{dimension} has points = {} but its groups add up to {}",
                n(points),
                n(sum)
            ),
            (other, _) => other.say(lang),
        }
    }
}

/// A problem of a rules file, drawn at its place when it has one.
pub fn say(source: &str, at: Option<&Caret>, problem: &RulesProblem, lang: Lang) -> String {
    let drawing = at.map(|c| c.draw(lang)).unwrap_or_default();
    format!(
        "{source}{}{drawing}{}",
        lang.pick("：", ": "),
        problem.say(lang)
    )
}
