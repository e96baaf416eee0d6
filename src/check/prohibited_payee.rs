//! 财政资金拨付行业协会商会: fiscal money may not go to associations, chambers of commerce and
//! the like (the words of `[ledger] prohibited_payees`), found by the payee's name.

use rust_decimal::Decimal;

use super::{Context, Finding, FindingKind, where_paid};
use crate::money;
use crate::read::ledger::LedgerRow;
use crate::reconcile::{Assignment, Flow};

/// Spending paid to a payee whose name says it is an association or the like.
pub fn check(cx: &Context, row: &LedgerRow, flow: Option<Flow>, _: &Assignment) -> Option<Finding> {
    let t = cx.texts();
    if flow != Some(Flow::Spending) || row.debit() <= Decimal::ZERO {
        return None;
    }
    let word = cx
        .ledger_rules
        .prohibited_payees
        .iter()
        .find(|w| t[row.payee].contains(w.as_str()))?;
    Some(Finding {
        kind: FindingKind::ProhibitedPayee,
        amount: row.debit(),
        sentence: cx.lang.pick(format!(
            "{}向{}支付{}元（{}）：收款方为{word}类组织，财政资金不得拨付行业协会商会",
            where_paid(row, t),
            &t[row.payee],
            money::fmt_yuan_grouped(row.debit()),
            &*row.summary(t)
        ), format!(
            "{} paid {} {} yuan ({}): the payee is an organisation of the {word} kind, to which fiscal money may not go",
            where_paid(row, t),
            &t[row.payee],
            money::fmt_yuan_grouped(row.debit()),
            &*row.summary(t)
        )),
        evidence: vec![row.payee_at(), row.amount_at()],
    })
}
