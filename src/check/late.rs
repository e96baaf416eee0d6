//! 跨年度支付: a line's payments after the end of the budget year, or after the line's own
//! deadline in `[checks] deadlines`.

use rust_decimal::Decimal;

use super::{Context, Finding, FindingKind, Line};
use crate::date::Date;
use crate::glossary::{Noun, count};
use crate::label::normalize;
use crate::money;
use crate::read::ledger::LedgerRow;

/// A line's payments after its deadline: its own in `[checks] deadlines`, else the end of the
/// budget year.
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, lang, year) = (l.line, l.rows, cx.lang, cx.year);
    let deadline = cx
        .rules
        .deadlines
        .iter()
        .find(|(name, _)| normalize(name) == normalize(&line.name))
        .map(|(_, d)| *d)
        .or_else(|| year.and_then(|y| Date::new(y, 12, 31)));
    let Some(deadline) = deadline else {
        return Vec::new();
    };
    let late: Vec<&&LedgerRow> = rows
        .iter()
        .filter(|r| r.date.is_some_and(|d| d > deadline) && r.debit() > Decimal::ZERO)
        .collect();
    if late.is_empty() {
        return Vec::new();
    }
    let amount: Decimal = late.iter().map(|r| r.debit()).sum();
    let last = late
        .iter()
        .filter_map(|r| r.date)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default();
    vec![Finding {
        kind: FindingKind::Late,
        amount,
        sentence: if deadline.month == 12 && deadline.day == 31 && Some(deadline.year) == year {
            lang.pick(format!(
                "预算子项“{}”有{}笔共{}元在{}预算年度结束后支付，最晚至{last}",
                line.name,
                late.len(),
                money::fmt_yuan_grouped(amount),
                deadline.year
            ), format!(
                "budget line “{}”: {}, {} yuan in all, paid after the {} budget year, the last on {last}",
                line.name,
                count(lang, late.len(), Noun::Payment),
                money::fmt_yuan_grouped(amount),
                deadline.year
            ))
        } else {
            lang.pick(format!(
                "预算子项“{}”有{}笔共{}元在规定期限{deadline}之后支付，最晚至{last}",
                line.name,
                late.len(),
                money::fmt_yuan_grouped(amount)
            ), format!(
                "budget line “{}”: {}, {} yuan in all, paid after the deadline {deadline}, the last on {last}",
                line.name,
                count(lang, late.len(), Noun::Payment),
                money::fmt_yuan_grouped(amount)
            ))
        },
        evidence: late.iter().map(|r| r.amount_at()).collect(),
    }]
}
