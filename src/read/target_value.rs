//! Target values (指标值) as people write them in the 绩效目标申报表.
//!
//! `4850人`, `≥95%`, `≤340万元`, `100%`, `98%以上`, `不低于90%` are quantities with a comparator
//! and a unit; `及时`, `无一例举报`, `有效促进` are qualitative. A bare number is a floor
//! (`4850人` means at least 4,850), which is how the forms are read in practice.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::money::WAN;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Comparator {
    #[serde(rename = "≥")]
    AtLeast,
    #[serde(rename = "≤")]
    AtMost,
    #[serde(rename = "=")]
    Exactly,
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparator::AtLeast => "≥",
            Comparator::AtMost => "≤",
            Comparator::Exactly => "=",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TargetValue {
    Quantity {
        comparator: Comparator,
        /// The number as written, in `unit`.
        value: Decimal,
        unit: String,
    },
    Qualitative {
        text: String,
    },
    /// The template's placeholder left in: `≥**人次`, `**%`.
    Unfilled {
        text: String,
    },
    /// `/` or 不适用: the row does not apply to this fund and carries no points.
    NotApplicable {
        text: String,
    },
    /// No 年度指标值 at all, on a 自评表 row that still has its 分值, 实际完成值 or 得分
    /// (工程质量合格, 全市安全度汛): scored from its 实际完成值 in words, or kept as the unit's
    /// own judgement.
    Unstated,
}

impl TargetValue {
    /// A number without a sign is a floor (`4850人` is at least 4,850); see [`has_sign`].
    pub fn parse(text: &str) -> TargetValue {
        if is_not_applicable(text) {
            return TargetValue::NotApplicable {
                text: text.trim().to_string(),
            };
        }
        if text.contains("**") || text.contains("＊＊") || text.contains("××") {
            return TargetValue::Unfilled {
                text: text.trim().to_string(),
            };
        }
        parse_quantity(text).unwrap_or_else(|| TargetValue::Qualitative {
            text: text.trim().to_string(),
        })
    }

    /// The value in the unit measures use: 元 for money, a fraction for percentages, the bare
    /// number otherwise.
    pub fn base_value(&self) -> Option<Decimal> {
        match self {
            TargetValue::Quantity { value, unit, .. } => match unit.as_str() {
                "%" => value.checked_div(Decimal::ONE_HUNDRED),
                "万元" => value.checked_mul(WAN),
                "亿元" => value.checked_mul(WAN).and_then(|v| v.checked_mul(WAN)),
                _ => Some(*value),
            },
            TargetValue::Qualitative { .. }
            | TargetValue::Unfilled { .. }
            | TargetValue::NotApplicable { .. }
            | TargetValue::Unstated => None,
        }
    }
}

impl fmt::Display for TargetValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetValue::Quantity {
                comparator,
                value,
                unit,
            } => write!(f, "{comparator}{}{unit}", value.normalize()),
            TargetValue::Qualitative { text }
            | TargetValue::Unfilled { text }
            | TargetValue::NotApplicable { text } => f.write_str(text),
            TargetValue::Unstated => Ok(()),
        }
    }
}

/// Whether a cell says its row does not apply: `/`, `／`, 不适用, 不涉及.
pub fn is_not_applicable(text: &str) -> bool {
    matches!(text.trim(), "/" | "／" | "不适用" | "不涉及")
}

/// Whether a target's text writes its own direction (`≥`, `不超过`, `以内` …): then that wins
/// over the one its 二级 implies (a cost or a time limit written bare is a ceiling).
pub fn has_sign(text: &str) -> bool {
    quantity(text).is_some_and(|(comparator, _, _)| comparator.is_some())
}

fn parse_quantity(text: &str) -> Option<TargetValue> {
    let (comparator, value, unit) = quantity(text)?;
    Some(TargetValue::Quantity {
        comparator: comparator.unwrap_or(Comparator::AtLeast),
        value,
        unit,
    })
}

/// A number with its unit, and the direction the text writes, if any.
fn quantity(text: &str) -> Option<(Option<Comparator>, Decimal, String)> {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '≧' => '≥',
            '≦' => '≤',
            c => c,
        })
        .collect();
    let mut comparator = None;
    for (prefix, cmp) in [
        (">=", Comparator::AtLeast),
        ("≥", Comparator::AtLeast),
        (">", Comparator::AtLeast),
        ("不低于", Comparator::AtLeast),
        ("不少于", Comparator::AtLeast),
        ("达到", Comparator::AtLeast),
        ("<=", Comparator::AtMost),
        ("≤", Comparator::AtMost),
        ("<", Comparator::AtMost),
        ("不高于", Comparator::AtMost),
        ("不超过", Comparator::AtMost),
        ("控制在", Comparator::AtMost),
        ("=", Comparator::Exactly),
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            comparator = Some(cmp);
            s = rest.to_string();
            break;
        }
    }
    for (suffix, cmp) in [
        ("以上", Comparator::AtLeast),
        ("以内", Comparator::AtMost),
        ("以下", Comparator::AtMost),
    ] {
        if let Some(rest) = s.strip_suffix(suffix) {
            comparator = comparator.or(Some(cmp));
            s = rest.to_string();
            break;
        }
    }
    let number_end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(s.len(), |(i, _)| i);
    let (number, unit) = s.split_at(number_end);
    let number = number.replace(',', "");
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // A target is a human number: more than a trillion, or finer than a millionth, is a typo
    // or a crafted cell, and would only make later arithmetic overflow.
    let value = crate::money::round(Decimal::from_str(&number).ok()?, 6);
    if value > Decimal::from(1_000_000_000_000_i64) {
        return None;
    }
    // A unit is a short run of letters: `人`, `人次`, `万元`, `%`, `元/人·月`. Anything longer is
    // a sentence that happens to start with a number, which is qualitative.
    if unit.chars().count() > 6 || unit.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((comparator, value, unit.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn q(comparator: Comparator, value: Decimal, unit: &str) -> TargetValue {
        TargetValue::Quantity {
            comparator,
            value,
            unit: unit.into(),
        }
    }

    #[test]
    fn parses_what_people_write() {
        assert_eq!(
            TargetValue::parse("4850人"),
            q(Comparator::AtLeast, dec!(4850), "人")
        );
        assert_eq!(
            TargetValue::parse("≥95%"),
            q(Comparator::AtLeast, dec!(95), "%")
        );
        assert_eq!(
            TargetValue::parse("≤340万元"),
            q(Comparator::AtMost, dec!(340), "万元")
        );
        assert_eq!(
            TargetValue::parse("100%"),
            q(Comparator::AtLeast, dec!(100), "%")
        );
        assert_eq!(
            TargetValue::parse("98%以上"),
            q(Comparator::AtLeast, dec!(98), "%")
        );
        assert_eq!(
            TargetValue::parse(">=120人"),
            q(Comparator::AtLeast, dec!(120), "人")
        );
        assert_eq!(
            TargetValue::parse("＜＝５％"),
            q(Comparator::AtMost, dec!(5), "%")
        );
        assert_eq!(
            TargetValue::parse("不超过1,500元/人·月"),
            q(Comparator::AtMost, dec!(1500), "元/人·月")
        );
        assert_eq!(
            TargetValue::parse("=100%"),
            q(Comparator::Exactly, dec!(100), "%")
        );
    }

    #[test]
    fn words_are_qualitative() {
        for text in [
            "及时",
            "无一例举报",
            "有效促进",
            "效果明显",
            "2019年底前完成全部建档工作",
            "",
        ] {
            assert!(
                matches!(TargetValue::parse(text), TargetValue::Qualitative { .. }),
                "{text}"
            );
        }
    }

    #[test]
    fn template_placeholders_are_unfilled() {
        for text in ["≥**人次", "**%", "≤**万元", "**元/人·月"] {
            assert_eq!(
                TargetValue::parse(text),
                TargetValue::Unfilled { text: text.into() },
                "{text}"
            );
        }
        assert_eq!(
            TargetValue::parse("≤10次"),
            q(Comparator::AtMost, dec!(10), "次")
        );
    }

    /// Issue 17: `/` and 不适用 say a row does not apply; a slash inside a unit does not.
    #[test]
    fn a_slash_alone_is_not_applicable() {
        for text in ["/", " ／ ", "不适用"] {
            assert_eq!(
                TargetValue::parse(text),
                TargetValue::NotApplicable {
                    text: text.trim().into()
                },
                "{text}"
            );
        }
        assert!(matches!(
            TargetValue::parse("≤500元/人"),
            TargetValue::Quantity { .. }
        ));
    }

    #[test]
    fn base_values_are_in_measure_units() {
        assert_eq!(TargetValue::parse("≥95%").base_value(), Some(dec!(0.95)));
        assert_eq!(
            TargetValue::parse("≤340万元").base_value(),
            Some(dec!(3400000))
        );
        assert_eq!(TargetValue::parse("4850人").base_value(), Some(dec!(4850)));
        assert_eq!(TargetValue::parse("及时").base_value(), None);
    }

    #[test]
    fn displays_normalised() {
        assert_eq!(TargetValue::parse("4850人").to_string(), "≥4850人");
        assert_eq!(TargetValue::parse("≤340.00万元").to_string(), "≤340万元");
    }
}
