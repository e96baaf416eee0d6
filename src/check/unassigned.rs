//! 未归入预算子项的收支: money on the fund's accounts that no budget line's 匹配条件 claims; it is
//! left out of the reconciliation, so it is reported rather than dropped.

use super::{Context, Finding, FindingKind};
use crate::money;
use crate::read::ledger::LedgerRow;
use crate::reconcile::{Assignment, Flow};

/// A posting on the fund's accounts that no budget line's 匹配条件 claims.
pub fn check(
    cx: &Context,
    row: &LedgerRow,
    flow: Option<Flow>,
    assignment: &Assignment,
) -> Option<Finding> {
    if *assignment != Assignment::Unassigned {
        return None;
    }
    let (t, lang) = (cx.texts(), cx.lang);
    let (what, amount) = match flow {
        Some(Flow::Arrival) => (lang.pick("到位资金", "arrival"), row.credit() - row.debit()),
        _ => (lang.pick("支出", "spending"), row.debit() - row.credit()),
    };
    Some(Finding {
        kind: FindingKind::Unassigned,
        amount,
        sentence: lang.pick(
            format!(
                "{}“{}”{what}{}元未能归入任何预算子项",
                &t[row.voucher],
                &*row.summary(t),
                money::fmt_yuan_grouped(amount)
            ),
            format!(
                "{} “{}”: {what} of {} yuan matches no budget line",
                &t[row.voucher],
                &*row.summary(t),
                money::fmt_yuan_grouped(amount)
            ),
        ),
        evidence: vec![row.amount_at()],
    })
}
