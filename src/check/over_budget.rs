//! 超预算支出: a budget line, or a part with a plan of its own, that spent more than planned.

use rust_decimal::Decimal;

use super::{Context, Finding, FindingKind};
use crate::money;

/// Budget lines, and parts whose plan is not just their lines', that spent more than planned.
pub fn check(cx: &Context) -> Vec<Finding> {
    let (recon, lang) = (cx.recon, cx.lang);
    let mut findings = Vec::new();
    for line in &recon.lines {
        if line.spent > line.planned && line.planned > Decimal::ZERO {
            findings.push(Finding {
                kind: FindingKind::OverBudget,
                amount: line.spent - line.planned,
                sentence: lang.pick(
                    format!(
                        "预算子项“{}”实际支出{}元，超出预算{}元",
                        line.name,
                        money::fmt_yuan_grouped(line.spent),
                        money::fmt_yuan_grouped(line.spent - line.planned)
                    ),
                    format!(
                        "budget line “{}” spent {} yuan, {} yuan over its plan",
                        line.name,
                        money::fmt_yuan_grouped(line.spent),
                        money::fmt_yuan_grouped(line.spent - line.planned)
                    ),
                ),
                evidence: vec![line.at.clone()],
            });
        }
    }
    for group in &recon.groups {
        // A part whose plan is its lines' plans adds nothing to what the lines showed.
        let lines: Decimal = recon
            .lines
            .iter()
            .filter(|l| l.group == group.name)
            .map(|l| l.planned)
            .sum();
        if group.spent > group.planned && group.planned > Decimal::ZERO && group.planned != lines {
            findings.push(Finding {
                kind: FindingKind::OverBudget,
                amount: group.spent - group.planned,
                sentence: lang.pick(
                    format!(
                        "“{}”实际支出{}元，超出该部分预算{}元",
                        group.name,
                        money::fmt_yuan_grouped(group.spent),
                        money::fmt_yuan_grouped(group.spent - group.planned)
                    ),
                    format!(
                        "“{}” spent {} yuan, {} yuan over the part's plan",
                        group.name,
                        money::fmt_yuan_grouped(group.spent),
                        money::fmt_yuan_grouped(group.spent - group.planned)
                    ),
                ),
                evidence: vec![group.at.clone()],
            });
        }
    }
    findings
}
