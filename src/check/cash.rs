//! 大额现金支付: a payment in cash above the limit (现金管理暂行条例: 结算起点 1,000 元), told by
//! the cash words of `[checks] cash_words` in its 摘要 or account name.

use rust_decimal::Decimal;

use super::{Context, Finding, FindingKind, where_paid};
use crate::money;
use crate::read::ledger::LedgerRow;
use crate::reconcile::{Assignment, Flow};

/// A spending posting above the cash limit whose 摘要 or account says it was paid in cash.
pub fn check(cx: &Context, row: &LedgerRow, flow: Option<Flow>, _: &Assignment) -> Option<Finding> {
    let (t, rules) = (cx.texts(), cx.rules);
    if flow != Some(Flow::Spending)
        || row.debit() <= Decimal::ZERO
        || row.debit() <= rules.cash_limit
    {
        return None;
    }
    let summary = row.summary(t);
    let cash = rules
        .cash_words
        .iter()
        .any(|w| summary.contains(w.as_str()) || t[row.account_name].contains(w.as_str()));
    cash.then(|| Finding {
        kind: FindingKind::Cash,
        amount: row.debit(),
        sentence: cx.lang.pick(
            format!(
                "{}以现金支付{}{}元，超过现金支付限额{}元",
                where_paid(row, t),
                &t[row.payee],
                money::fmt_yuan_grouped(row.debit()),
                money::fmt_yuan_grouped(rules.cash_limit)
            ),
            format!(
                "{} paid {} {} yuan in cash, above the cash limit of {} yuan",
                where_paid(row, t),
                &t[row.payee],
                money::fmt_yuan_grouped(row.debit()),
                money::fmt_yuan_grouped(rules.cash_limit)
            ),
        ),
        evidence: vec![row.amount_at()],
    })
}
