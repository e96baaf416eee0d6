//! 完成情况 (completion): a 实际完成值 written in words, read into the three national tiers of
//! 财预〔2020〕10号 第十六条 — 达成 / 部分达成 / 未达成 — from a closed vocabulary.
//!
//! A 自评表's 实际完成值 for a qualitative target is free text, and the unit filling it in has
//! every reason to make it sound like success. Reading any wording as 达成 (as `无明显变化` once
//! was) would grade a missed target as met, so only the words below are read; anything else is
//! refused at its cell, and the user writes one of them. docs/self-evaluation.md lists them.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::label::normalize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    /// 达成年度指标
    Met,
    /// 部分达成年度指标并具有一定效果
    Partly,
    /// 未达成年度指标且效果较差
    NotMet,
}

/// The words read as each tier, after spaces and trailing punctuation are dropped and a trailing
/// 年度指标 / 目标 is cut (`达成年度指标` is `达成`). The top of a rating scale (`优` against
/// `优良中低差`) is met; its other grades are not read, as a scale's middle is no national tier.
pub const VOCABULARY: [(Completion, &[&str]); 3] = [
    (
        Completion::Met,
        &[
            "达成",
            "已达成",
            "全部达成",
            "完成",
            "已完成",
            "全部完成",
            "按期完成",
            "按时完成",
            "达到",
            "已达到",
            "实现",
            "已实现",
            "达标",
            "合格",
            "符合",
            "是",
            "优",
            "优秀",
        ],
    ),
    (
        Completion::Partly,
        &[
            "部分达成",
            "基本达成",
            "部分完成",
            "基本完成",
            "部分达到",
            "基本达到",
            "部分实现",
            "基本实现",
            "基本达标",
            "基本合格",
            "基本符合",
        ],
    ),
    (
        Completion::NotMet,
        &[
            "未达成",
            "没有达成",
            "未完成",
            "没有完成",
            "未达到",
            "没有达到",
            "未实现",
            "不达标",
            "未达标",
            "不合格",
            "不符合",
            "否",
        ],
    ),
];

impl Completion {
    /// The tier a 实际完成值 writes, if it is one of the vocabulary's words.
    pub fn parse(text: &str) -> Option<Completion> {
        let mut t = normalize(text);
        while t.ends_with(['。', '.', '；', ';', '！', '!']) {
            t.pop();
        }
        for suffix in ["年度指标值", "年度指标", "年度目标", "指标值", "目标"] {
            if let Some(head) = t.strip_suffix(suffix) {
                t = head.to_string();
                break;
            }
        }
        VOCABULARY
            .iter()
            .find(|(_, words)| words.contains(&t.as_str()))
            .map(|(tier, _)| *tier)
    }

    /// The tier of an actual beside its target: a vocabulary word, or the target's own words
    /// written again (`及时` beside `及时`), which says it was met.
    pub fn of(actual: &str, target: &str) -> Option<Completion> {
        Completion::parse(actual).or_else(|| {
            let a = normalize(actual);
            (!a.is_empty() && a == normalize(target)).then_some(Completion::Met)
        })
    }

    /// The value of its measure: 1, 0.5, 0 (`Unit::Tier`).
    pub fn value(self) -> Decimal {
        match self {
            Completion::Met => Decimal::ONE,
            Completion::Partly => Decimal::new(5, 1),
            Completion::NotMet => Decimal::ZERO,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_and_nothing_else() {
        for (text, tier) in [
            ("达成", Some(Completion::Met)),
            ("已完成。", Some(Completion::Met)),
            ("达成年度指标", Some(Completion::Met)),
            (" 是 ", Some(Completion::Met)),
            ("基本完成", Some(Completion::Partly)),
            ("部分达成年度指标", Some(Completion::Partly)),
            ("未完成", Some(Completion::NotMet)),
            ("否", Some(Completion::NotMet)),
            ("无明显变化", None),
            ("效果显著", None),
            ("完成了大部分", None),
            ("", None),
        ] {
            assert_eq!(Completion::parse(text), tier, "{text}");
        }
    }

    #[test]
    fn no_word_is_in_two_tiers() {
        let all: Vec<&str> = VOCABULARY
            .iter()
            .flat_map(|(_, w)| w.iter().copied())
            .collect();
        for (i, w) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(w), "{w}");
        }
    }

    #[test]
    fn the_target_written_again_is_met() {
        assert_eq!(Completion::of("及时", "及时"), Some(Completion::Met));
        assert_eq!(
            Completion::of("有效 促进", "有效促进"),
            Some(Completion::Met)
        );
        assert_eq!(Completion::of("较及时", "及时"), None);
    }
}
