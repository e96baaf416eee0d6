//! 财政资金拨付行业协会商会: fiscal money may not go to associations, chambers of commerce and
//! the like (the words of `[ledger] prohibited_payees`), found by the payee's name.

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind, where_paid};
use crate::lang::Lang;
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
    Some(Finding::new(
        FindingKind::ProhibitedPayee,
        row.debit(),
        PaidToAssociation {
            when: where_paid(row, t),
            payee: t[row.payee].to_string(),
            amount: row.debit(),
            summary: row.summary(t).into_owned(),
            word: word.clone(),
        },
        vec![row.payee_at(), row.amount_at()],
    ))
}

/// Money paid to a payee whose name holds one of the prohibited words.
#[derive(Debug)]
struct PaidToAssociation {
    when: String,
    payee: String,
    amount: Decimal,
    summary: String,
    word: String,
}

impl Fact for PaidToAssociation {
    fn say(&self, lang: Lang) -> String {
        let PaidToAssociation {
            when,
            payee,
            summary,
            word,
            ..
        } = self;
        let amount = money::fmt_yuan_grouped(self.amount);
        match lang {
            Lang::Zh => format!(
                "{when}向{payee}支付{amount}元（{summary}）：收款方为{word}类组织，财政资金不得拨付行业协会商会"
            ),
            Lang::En => format!(
                "{when} paid {payee} {amount} yuan ({summary}): the payee is an organisation of the {word} kind, to which fiscal money may not go"
            ),
        }
    }
}
