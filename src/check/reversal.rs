//! 无原始记录的冲销: a negative payment (冲销) with no earlier payment of the same amount to the
//! same payee on the line for it to reverse.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind, Hasher, Line, where_paid};
use crate::lang::Lang;
use crate::money;
use crate::read::text::TextId;

/// A negative payment must reverse an earlier payment of the same amount to the same payee.
pub fn check(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, t) = (l.line.name.as_str(), l.rows, cx.texts());
    let mut findings = Vec::new();
    // Earlier payments not yet reversed, by payee and amount, oldest first: each reversal takes
    // the first of its kind, as a scan from the top of the line would.
    // Only payments a refund of the line could reverse are kept: most lines have no refund.
    let reversed: std::collections::HashSet<(TextId, Decimal), Hasher> = rows
        .iter()
        .filter(|r| r.debit() - r.credit() < Decimal::ZERO)
        .map(|r| (r.payee, r.credit() - r.debit()))
        .collect();
    if reversed.is_empty() {
        return findings;
    }
    let mut open: HashMap<(TextId, Decimal), std::collections::VecDeque<usize>, Hasher> =
        HashMap::default();
    for (i, r) in rows.iter().enumerate() {
        let amount = r.debit() - r.credit();
        if amount >= Decimal::ZERO {
            if reversed.contains(&(r.payee, amount)) {
                open.entry((r.payee, amount)).or_default().push_back(i);
            }
            continue;
        }
        let reverses = open
            .get_mut(&(r.payee, -amount))
            .and_then(std::collections::VecDeque::pop_front);
        if reverses.is_none() {
            findings.push(Finding::new(
                FindingKind::ReversalWithoutOriginal,
                -amount,
                Orphan {
                    line: line.to_string(),
                    when: where_paid(r, t),
                    amount: -amount,
                    summary: r.summary(t).into_owned(),
                },
                vec![r.amount_at()],
            ));
        }
    }
    findings
}

/// A negative payment that reverses no payment of the line.
#[derive(Debug)]
struct Orphan {
    line: String,
    when: String,
    amount: Decimal,
    summary: String,
}

impl Fact for Orphan {
    fn say(&self, lang: Lang) -> String {
        let Orphan {
            line,
            when,
            summary,
            ..
        } = self;
        let amount = money::fmt_yuan_grouped(self.amount);
        match lang {
            Lang::Zh => {
                format!("预算子项“{line}”{when}冲销{amount}元（{summary}），未找到被冲销的原始支付")
            }
            Lang::En => format!(
                "budget line “{line}”: {when} reverses {amount} yuan ({summary}) with no payment it reverses"
            ),
        }
    }
}
