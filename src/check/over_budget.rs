//! 超预算支出: a budget line, or a part with a plan of its own, that spent more than planned.

use rust_decimal::Decimal;

use super::{Context, Fact, Finding, FindingKind};
use crate::lang::Lang;
use crate::money;

/// Budget lines, and parts whose plan is not just their lines', that spent more than planned.
pub fn check(cx: &Context) -> Vec<Finding> {
    let recon = cx.recon;
    let mut findings = Vec::new();
    for line in &recon.lines {
        if line.spent > line.planned && line.planned > Decimal::ZERO {
            findings.push(Finding::new(
                FindingKind::OverBudget,
                line.spent - line.planned,
                Overspent {
                    name: line.name.clone(),
                    part: false,
                    spent: line.spent,
                    over: line.spent - line.planned,
                },
                vec![line.at.clone()],
            ));
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
            findings.push(Finding::new(
                FindingKind::OverBudget,
                group.spent - group.planned,
                Overspent {
                    name: group.name.clone(),
                    part: true,
                    spent: group.spent,
                    over: group.spent - group.planned,
                },
                vec![group.at.clone()],
            ));
        }
    }
    findings
}

/// A budget line, or a part, that spent more than its plan.
#[derive(Debug)]
struct Overspent {
    name: String,
    /// A part of the budget rather than a line.
    part: bool,
    spent: Decimal,
    over: Decimal,
}

impl Fact for Overspent {
    fn say(&self, lang: Lang) -> String {
        let name = &self.name;
        let (spent, over) = (
            money::fmt_yuan_grouped(self.spent),
            money::fmt_yuan_grouped(self.over),
        );
        match (lang, self.part) {
            (Lang::Zh, false) => format!("预算子项“{name}”实际支出{spent}元，超出预算{over}元"),
            (Lang::Zh, true) => format!("“{name}”实际支出{spent}元，超出该部分预算{over}元"),
            (Lang::En, false) => {
                format!("budget line “{name}” spent {spent} yuan, {over} yuan over its plan")
            }
            (Lang::En, true) => {
                format!("“{name}” spent {spent} yuan, {over} yuan over the part's plan")
            }
        }
    }
}
