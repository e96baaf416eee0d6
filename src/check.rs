//! Stage 3: the audit checks an evaluator would otherwise do by hand on the ledger.
//!
//! Each finding carries its kind, the amount, the cells behind it and a sentence in the words
//! an evaluator writes; the rules decide which indicator each kind deducts from.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::location::CellRef;
use crate::money;
use crate::read::ledger::Ledger;
use crate::reconcile::{Assignment, Flow, Reconciliation};
use crate::rules::LedgerRules;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Fiscal money paid to an association, 商会 or the like.
    ProhibitedPayee,
    /// Spending or an arrival that no budget line claims.
    Unassigned,
}

impl FindingKind {
    /// The measure name the rules refer to: `findings.prohibited_payee`.
    pub fn measure(self) -> &'static str {
        match self {
            FindingKind::ProhibitedPayee => "findings.prohibited_payee",
            FindingKind::Unassigned => "findings.unassigned",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub amount: Decimal,
    pub sentence: String,
    pub evidence: Vec<CellRef>,
}

pub fn check(ledger: &Ledger, recon: &Reconciliation, rules: &LedgerRules) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (row, (flow, assignment)) in ledger.rows.iter().zip(&recon.postings) {
        if *flow == Some(Flow::Spending)
            && row.debit > Decimal::ZERO
            && let Some(word) = rules
                .prohibited_payees
                .iter()
                .find(|w| row.payee.contains(w.as_str()))
        {
            let date = row.date.map(|d| d.to_string()).unwrap_or_default();
            findings.push(Finding {
                    kind: FindingKind::ProhibitedPayee,
                    amount: row.debit,
                    sentence: format!(
                        "{date} {}向{}支付{}元（{}）：收款方为{word}类组织，财政资金不得拨付行业协会商会",
                        row.voucher,
                        row.payee,
                        money::fmt_yuan_grouped(row.debit),
                        row.summary
                    ),
                    evidence: vec![row.at.at_col(row.payee_col.unwrap_or(0)), row.amount_at()],
                });
        }
        if *assignment == Assignment::Unassigned {
            let (what, amount) = match flow {
                Some(Flow::Arrival) => ("到位资金", row.credit - row.debit),
                _ => ("支出", row.debit - row.credit),
            };
            findings.push(Finding {
                kind: FindingKind::Unassigned,
                amount,
                sentence: format!(
                    "{}“{}”{what}{}元未能归入任何预算子项",
                    row.voucher,
                    row.summary,
                    money::fmt_yuan_grouped(amount)
                ),
                evidence: vec![row.amount_at()],
            });
        }
    }
    findings
}
