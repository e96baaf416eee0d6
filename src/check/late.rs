//! 跨年度支付: a line's payments after the end of the budget year, or after the line's own
//! deadline in `[checks] deadlines`.

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind, Line};
use crate::date::Date;
use crate::glossary::{Noun, count};
use crate::label::normalize;
use crate::lang::Lang;
use crate::money;
use crate::read::ledger::LedgerRow;

/// A line's payments after its deadline: its own in `[checks] deadlines`, else the end of its
/// budget year — the line's 年度 where the budget gives one (a 2024 line is not late in 2022),
/// else the fund's.
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows) = (l.line, l.rows);
    let year = line.year.or(cx.year);
    // `生活救助金.2021` is the 2021 line's own; a name alone is every year's line of that name.
    let named = normalize(&line.name);
    let of_year = line.year.map(|y| format!("{named}.{y}"));
    let deadline = cx
        .rules
        .deadlines
        .iter()
        .find(|(name, _)| of_year.as_deref() == Some(normalize(name).as_str()))
        .or_else(|| {
            cx.rules
                .deadlines
                .iter()
                .find(|(name, _)| normalize(name) == named)
        })
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
    vec![Finding::new(
        FindingKind::Late,
        amount,
        PaidLate {
            line: line.name.clone(),
            payments: late.len(),
            amount,
            deadline,
            year_end: deadline.month == 12 && deadline.day == 31 && Some(deadline.year) == year,
            last,
        },
        late.iter().map(|r| r.amount_at()).collect(),
    )]
}

/// A line's payments after its deadline.
#[derive(Debug)]
struct PaidLate {
    line: String,
    payments: usize,
    amount: Decimal,
    deadline: Date,
    /// The deadline is the end of the budget year, not the line's own.
    year_end: bool,
    /// The last day paid.
    last: String,
}

impl Fact for PaidLate {
    fn say(&self, lang: Lang) -> String {
        let PaidLate {
            line,
            payments,
            deadline,
            last,
            ..
        } = self;
        let amount = money::fmt_yuan_grouped(self.amount);
        let year = deadline.year;
        match (lang, self.year_end) {
            (Lang::Zh, true) => format!(
                "预算子项“{line}”有{payments}笔共{amount}元在{year}预算年度结束后支付，最晚至{last}"
            ),
            (Lang::Zh, false) => format!(
                "预算子项“{line}”有{payments}笔共{amount}元在规定期限{deadline}之后支付，最晚至{last}"
            ),
            (Lang::En, true) => format!(
                "budget line “{line}”: {}, {amount} yuan in all, paid after the {year} budget year, the last on {last}",
                count(lang, *payments, Noun::Payment)
            ),
            (Lang::En, false) => format!(
                "budget line “{line}”: {}, {amount} yuan in all, paid after the deadline {deadline}, the last on {last}",
                count(lang, *payments, Noun::Payment)
            ),
        }
    }
}
