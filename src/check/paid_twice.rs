//! 重复发放: a person paid twice on one line for the same kind of payment.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    Context, Fact, Finding, FindingKind, Line, is_bulk, kind_of_payment, on_a_schedule, where_paid,
};
use crate::lang::Lang;
use crate::money;
use crate::read::ledger::LedgerRow;

/// A person paid twice on one line for the same kind of payment (the 摘要 less the name).
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, t) = (l.line, l.rows, cx.texts());
    if is_bulk(line) {
        return Vec::new();
    }
    let mut found: Vec<(&str, Finding)> = Vec::new();
    for (payee, indices) in l.by_payee.iter() {
        let paid: Vec<&LedgerRow> = indices
            .iter()
            .filter_map(|i| rows.get(*i as usize).copied())
            .filter(|r| r.debit() > Decimal::ZERO)
            .collect();
        // One payment cannot be paid twice; naming the kind of payment is the costly part.
        if paid.len() < 2 || on_a_schedule(&paid, t) {
            continue;
        }
        let mut seen: BTreeMap<String, &LedgerRow> = BTreeMap::new();
        for r in paid {
            let kind = kind_of_payment(r, t);
            if let Some(first) = seen.get(&kind) {
                found.push((
                    payee,
                    Finding::new(
                        FindingKind::PaidTwice,
                        r.debit(),
                        PaidTwice {
                            line: line.name.clone(),
                            payee: payee.to_string(),
                            kind,
                            first: (where_paid(first, t), first.debit()),
                            again: (where_paid(r, t), r.debit()),
                        },
                        vec![first.amount_at(), r.amount_at()],
                    ),
                ));
            } else {
                seen.insert(kind, r);
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, f)| f).collect()
}

/// A person paid twice on a line for the same kind of payment: when and how much each time.
#[derive(Debug)]
struct PaidTwice {
    line: String,
    payee: String,
    /// The kind of payment: the 摘要 less the name.
    kind: String,
    first: (String, Decimal),
    again: (String, Decimal),
}

impl Fact for PaidTwice {
    fn say(&self, lang: Lang) -> String {
        let PaidTwice {
            line, payee, kind, ..
        } = self;
        let (first, first_paid) = (&self.first.0, money::fmt_yuan_grouped(self.first.1));
        let (again, again_paid) = (&self.again.0, money::fmt_yuan_grouped(self.again.1));
        match lang {
            Lang::Zh => format!(
                "预算子项“{line}”向{payee}重复发放“{kind}”：{first}已付{first_paid}元，{again}又付{again_paid}元"
            ),
            Lang::En => format!(
                "budget line “{line}”: {payee} was paid “{kind}” twice: on {first} {first_paid} yuan, on {again} {again_paid} yuan again"
            ),
        }
    }
}
