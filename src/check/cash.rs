//! 大额现金支付: a payment in cash above the limit (现金管理暂行条例: 结算起点 1,000 元), told by
//! the cash words of `[checks] cash_words` in its 摘要 or account name.

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind, where_paid};
use crate::lang::Lang;
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
    cash.then(|| {
        Finding::new(
            FindingKind::Cash,
            row.debit(),
            PaidInCash {
                when: where_paid(row, t),
                payee: t[row.payee].to_string(),
                amount: row.debit(),
                limit: rules.cash_limit,
            },
            vec![row.amount_at()],
        )
    })
}

/// A payment in cash above the limit.
#[derive(Debug)]
struct PaidInCash {
    when: String,
    payee: String,
    amount: Decimal,
    limit: Decimal,
}

impl Fact for PaidInCash {
    fn say(&self, lang: Lang) -> String {
        let (when, payee) = (&self.when, &self.payee);
        let amount = money::fmt_yuan_grouped(self.amount);
        let limit = money::fmt_yuan_grouped(self.limit);
        match lang {
            Lang::Zh => format!("{when}以现金支付{payee}{amount}元，超过现金支付限额{limit}元"),
            Lang::En => format!(
                "{when} paid {payee} {amount} yuan in cash, above the cash limit of {limit} yuan"
            ),
        }
    }
}
