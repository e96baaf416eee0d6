//! Unit tests of the module beside.
use super::{Assignment, Flow};

/// Regression: a line's stated 受益人数 counted though it paid nothing, so 产出 kept its
/// points on a ledger none of whose postings reached a line.
#[test]
fn a_stated_count_of_people_counts_only_for_a_line_that_paid() {
    use crate::location::CellRef;
    use crate::read::targets::{Budget, BudgetGroup, BudgetLine};
    use rust_decimal::Decimal;
    use std::sync::Arc;
    let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 1, 0);
    let line = BudgetLine {
        name: "送温暖".into(),
        group: "帮扶".into(),
        planned: Decimal::ONE_HUNDRED,
        planned_at: at.clone(),
        matchers: Vec::new(),
        stated_beneficiaries: Some(1000),
        tally: Some("困难职工".into()),
        standard: String::new(),
        at: at.clone(),
    };
    let budget = Budget {
        groups: vec![BudgetGroup {
            name: "帮扶".into(),
            planned: None,
            at,
            matchers: Vec::new(),
            stated: false,
        }],
        lines: vec![line],
        fund: Vec::new(),
        fund_year: None,
    };
    let ledger = crate::read::ledger::Ledger::default();
    let r = super::reconcile(&ledger, &budget, &super::LedgerRules::default());
    assert_eq!(
        (r.lines[0].beneficiaries, r.lines[0].beneficiaries_stated),
        (0, false)
    );
    assert_eq!(r.tallies["困难职工"], 0);
}

/// Every posting's flow and assignment are held through the checks, beside the postings:
/// each byte here is a megabyte of a million-posting evaluation's memory.
#[test]
fn a_postings_place_stays_12_bytes() {
    assert!(std::mem::size_of::<(Option<Flow>, Assignment)>() <= 12);
}
