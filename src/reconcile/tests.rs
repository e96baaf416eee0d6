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
        source: None,
        name: "送温暖".into(),
        group: "帮扶".into(),
        planned: Decimal::ONE_HUNDRED,
        planned_at: at.clone(),
        matchers: Vec::new(),
        stated_beneficiaries: Some(1000),
        tally: Some("困难职工".into()),
        year: None,
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

/// Lines of several years sharing one 项目 each take their year's postings: the year the 项目
/// names (`2021年帮扶`, paid in 2022), else the year of the date; a stated 日期 range stands.
#[test]
fn lines_of_several_years_take_their_years_postings() {
    use crate::location::CellRef;
    use crate::read::ledger::read_sheet;
    use crate::read::targets::{Budget, BudgetGroup, BudgetLine, Field, Matcher};
    use crate::read::workbook::{Sheet, text_cells};
    use calamine::Data;
    use rust_decimal::Decimal;
    use std::sync::Arc;
    let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 1, 0);
    let line = |year: u16, conditions: Vec<Matcher>| BudgetLine {
        source: None,
        name: format!("帮扶{year}"),
        group: "帮扶".into(),
        planned: Decimal::ONE_HUNDRED,
        planned_at: at.clone(),
        matchers: conditions,
        stated_beneficiaries: None,
        tally: None,
        standard: String::new(),
        year: Some(year),
        at: at.clone(),
    };
    let implied = |year: u16| {
        let mut m = Matcher::year(year).expect("a year");
        m.implied = true;
        m
    };
    let project = || Matcher::new(Field::Project, vec!["帮扶".into()]);
    let stated = Matcher::parse_all("项目:帮扶；日期:2023-01-01..2024-03-31", &at).expect("reads");
    let budget = Budget {
        groups: vec![BudgetGroup {
            name: "帮扶".into(),
            planned: None,
            at: at.clone(),
            matchers: Vec::new(),
            stated: false,
        }],
        lines: vec![
            line(2021, vec![project(), implied(2021)]),
            line(2022, vec![project(), implied(2022)]),
            line(2023, stated),
        ],
        fund: Vec::new(),
        fund_year: None,
    };
    let mut cells: Vec<Vec<Data>> = vec![
        [
            "日期",
            "凭证字号",
            "摘要",
            "科目编码",
            "项目",
            "借方",
            "贷方",
        ]
        .iter()
        .map(|h| Data::String(h.to_string()))
        .collect(),
    ];
    cells.extend(text_cells([
        ["2021-05-01", "记-1", "帮扶金", "50205", "帮扶", "10", ""],
        // Named 2021 by its 项目, paid in 2022: the 2021 line's.
        [
            "2022-01-10",
            "记-2",
            "帮扶金",
            "50205",
            "2021年帮扶",
            "20",
            "",
        ],
        ["2022-06-01", "记-3", "帮扶金", "50205", "帮扶", "40", ""],
        // Within the 2023 line's stated range, paid in 2024.
        ["2024-02-01", "记-4", "帮扶金", "50205", "帮扶", "80", ""],
        // In no line's year or range.
        ["2024-06-01", "记-5", "帮扶金", "50205", "帮扶", "160", ""],
    ]));
    let ledger = read_sheet(&Sheet::from_rows("l.xlsx", "明细账", cells)).expect("reads");
    let r = super::reconcile(&ledger, &budget, &super::LedgerRules::default());
    let spent: Vec<Decimal> = r.lines.iter().map(|l| l.spent).collect();
    assert_eq!(
        spent,
        [Decimal::from(30), Decimal::from(40), Decimal::from(80)]
    );
    assert_eq!(r.rows.unassigned, [4]);
    assert_eq!(
        r.lines.iter().map(|l| l.year).collect::<Vec<_>>(),
        [Some(2021), Some(2022), Some(2023)]
    );
}
