//! A download's header labels: the answer sheet's own columns, the questions' numbers, and the
//! split columns of one question put back together.

use super::{AnswerColumn, Question, QuestionKind};
use crate::label::normalize;

/// The answer sheet's own columns, which are not questions (normalised labels).
const META: &[&str] = &[
    "序号",
    "编号",
    "答卷编号",
    "答卷序号",
    "提交答卷时间",
    "提交时间",
    "所用时间",
    "答题时间",
    "来源",
    "来源详情",
    "来自IP",
    "IP",
    "IP地址",
    "总分",
    "开始答题时间",
    "结束答题时间",
    "答题时长",
    "自定义字段",
    "用户ID",
    "填写设备",
    "设备",
    "浏览器",
    "操作系统",
];

/// Labels that number the answer sheets: a repeat is one sheet counted twice.
const RESPONDENT_ID: &[&str] = &["序号", "编号", "答卷编号", "答卷序号"];

pub(super) fn is_meta(label: &str) -> bool {
    META.contains(&label) || label.starts_with("地理位置")
}

pub(super) fn is_respondent_id(label: &str) -> bool {
    RESPONDENT_ID.contains(&label)
}

/// A question's number and the rest of its label: `1、您的身份是？` → (1, `您的身份是？`), and
/// `Q2.…`, `Q2:…`, `第3题…`, `5(技能培训)`, `5、(技能培训)` (a normalised label).
pub(super) fn numbered(label: &str) -> Option<(u32, &str)> {
    let (prefixed, rest) = match label
        .strip_prefix(['Q', 'q'])
        .or_else(|| label.strip_prefix('第'))
    {
        Some(rest) => (true, rest),
        None => (false, label),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    // A year (`2019年…`) is no question number.
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = rest.get(..digits)?.parse().ok()?;
    let after = rest.get(digits..)?;
    let (titled, after) = match after.strip_prefix('题') {
        Some(a) => (true, a),
        None => (false, after),
    };
    let text = match after.strip_prefix(['、', '.', '．', ':', '|']) {
        Some(t) => t,
        None if after.starts_with('(') => after,
        // `Q1您的身份`, `第3题您的身份`: the prefix says it is a number.
        None if prefixed || titled => after,
        None => return None,
    };
    Some((number, text))
}

/// Characters that part a question's text from the option or row of one of its columns.
const SEPARATORS: &[char] = &['(', '-', ':', '|', '_', '—', '〖', '【', '['];

/// A split question's text and each column's option or row: the longest text all the columns
/// share, cut back to a separator (`您对以下各项的满意程度(技能培训)` and `…(技能鉴定)` share
/// `…满意程度(技能`, which is `…满意程度` over `技能培训` and `技能鉴定`).
pub(super) fn split_group(rests: &[&str]) -> (String, Vec<Option<String>>) {
    let first: Vec<char> = rests.first().map_or(Vec::new(), |r| r.chars().collect());
    let mut shared = first.len();
    for r in rests.iter().skip(1) {
        let common = first
            .iter()
            .zip(r.chars())
            .take_while(|(a, b)| **a == *b)
            .count();
        shared = shared.min(common);
    }
    let cut = first
        .get(..shared)
        .and_then(|p| p.iter().rposition(|c| SEPARATORS.contains(c)));
    let (stem_end, sub_start) = match cut {
        Some(i) => (i, i + 1),
        None => (shared, shared),
    };
    let stem: String = first.get(..stem_end).unwrap_or_default().iter().collect();
    let trim = |c: char| SEPARATORS.contains(&c) || matches!(c, ')' | '〗' | '】' | ']');
    let subs = rests
        .iter()
        .map(|r| {
            let sub: String = r.chars().skip(sub_start).collect();
            let sub = sub.trim_matches(trim).to_string();
            (!sub.is_empty()).then_some(sub)
        })
        .collect();
    (stem.trim_end_matches(trim).to_string(), subs)
}

/// 问卷星's marks of a question not asked or left empty: `-2`, `-3`, `(跳过)`, `(空)`.
fn is_not_asked(answer: &str) -> bool {
    matches!(answer, "(跳过)" | "（跳过）" | "(空)" | "（空）")
        || answer.parse::<i64>().is_ok_and(|k| k < 0)
}

/// The words that say a question takes several options.
fn says_multiple(text: &str) -> bool {
    ["多选", "可多选", "多项选择"]
        .iter()
        .any(|w| text.contains(w))
}

/// The questions the answer columns make, and the columns with their question: columns with
/// one number are one question; a column without a number is a question of its own.
/// `rows` holds each response's answers in the order of `labels`.
pub(super) fn group_columns(
    labels: &[(u32, String)],
    rows: &[(u32, Vec<String>)],
) -> (Vec<Question>, Vec<AnswerColumn>) {
    let normalized: Vec<String> = labels.iter().map(|(_, l)| normalize(l)).collect();
    // (number, the indexes of `labels` under it), in the order questions first appear.
    let mut groups: Vec<(Option<u32>, Vec<usize>)> = Vec::new();
    // A number continues the question only in the next column: sections that number their
    // questions from 1 again are other questions.
    for (i, label) in normalized.iter().enumerate() {
        match (numbered(label).map(|(n, _)| n), groups.last_mut()) {
            (Some(n), Some((Some(last), members))) if *last == n => members.push(i),
            (number, _) => groups.push((number, vec![i])),
        }
    }
    let mut questions = Vec::with_capacity(groups.len());
    let mut columns: Vec<Option<AnswerColumn>> = vec![None; labels.len()];
    for (q, (number, members)) in groups.into_iter().enumerate() {
        let rests: Vec<&str> = members
            .iter()
            .filter_map(|&i| normalized.get(i))
            .map(|label| numbered(label).map_or(label.as_str(), |(_, rest)| rest))
            .collect();
        let (text, subs) = if members.len() == 1 {
            (rests.concat(), vec![None])
        } else {
            split_group(&rests)
        };
        // The answers given: not blanks, nor a question the respondent was not asked.
        let answers = || {
            rows.iter().flat_map(|(_, a)| {
                members
                    .iter()
                    .filter_map(|&i| a.get(i))
                    .filter(|v| !v.is_empty() && !is_not_asked(v))
            })
        };
        let kind = if members.len() == 1 {
            if says_multiple(&text) || answers().any(|v| v.contains('┋')) {
                QuestionKind::Multiple
            } else {
                QuestionKind::Single
            }
        } else if says_multiple(&text)
            // Options downloaded by number: `1` chosen, `0` not. A matrix's answers are
            // options numbered from 1, never 0.
            || (answers().all(|v| v == "0" || v == "1") && answers().any(|v| v == "0"))
        {
            QuestionKind::Multiple
        } else {
            QuestionKind::Matrix
        };
        for (&i, sub) in members.iter().zip(subs) {
            if let (Some(slot), Some((col, _))) = (columns.get_mut(i), labels.get(i)) {
                *slot = Some(AnswerColumn {
                    col: *col,
                    question: q,
                    sub,
                });
            }
        }
        questions.push(Question {
            number,
            text,
            kind,
            columns: members,
        });
    }
    (questions, columns.into_iter().flatten().collect())
}
