//! 未归入预算子项的收支: money on the fund's accounts that no budget line's 匹配条件 claims; it is
//! left out of the reconciliation, so it is reported rather than dropped.

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind};
use crate::lang::Lang;
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
    let t = cx.texts();
    let (arrival, amount) = match flow {
        Some(Flow::Arrival) => (true, row.credit() - row.debit()),
        _ => (false, row.debit() - row.credit()),
    };
    Some(Finding::new(
        FindingKind::Unassigned,
        amount,
        Unclaimed {
            voucher: t[row.voucher].to_string(),
            summary: row.summary(t).into_owned(),
            arrival,
            amount,
        },
        vec![row.amount_at()],
    ))
}

/// An arrival or a payment no budget line claims.
#[derive(Debug)]
struct Unclaimed {
    voucher: String,
    summary: String,
    /// An arrival of money; else spending.
    arrival: bool,
    amount: Decimal,
}

impl Fact for Unclaimed {
    fn say(&self, lang: Lang) -> String {
        let (voucher, summary) = (&self.voucher, &self.summary);
        let amount = money::fmt_yuan_grouped(self.amount);
        match lang {
            Lang::Zh => {
                let what = if self.arrival {
                    "到位资金"
                } else {
                    "支出"
                };
                format!("{voucher}“{summary}”{what}{amount}元未能归入任何预算子项")
            }
            Lang::En => {
                let what = if self.arrival { "arrival" } else { "spending" };
                format!("{voucher} “{summary}”: {what} of {amount} yuan matches no budget line")
            }
        }
    }
}
