//! The checks on made-up ledgers: each finds what it should and nothing else.

use std::sync::Arc;

use calamine::Data;
use rust_decimal_macros::dec;

use super::*;
use crate::date::Date;
use crate::read::bank::BankStatement;
use crate::read::ledger::read_sheet;
use crate::read::targets::{Budget, BudgetGroup, BudgetLine, Field, Matcher, Project};
use crate::read::workbook::{Sheet, text_cells};
use crate::reconcile::reconcile;

fn line(name: &str, planned: Decimal, standard: &str, stated: Option<u32>) -> BudgetLine {
    let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 1, 1);
    BudgetLine {
        source: None,
        name: name.into(),
        group: "职工帮扶".into(),
        planned,
        planned_at: at.clone(),
        matchers: vec![Matcher::new(Field::Project, vec![name.into()])],
        stated_beneficiaries: stated,
        tally: None,
        year: None,
        standard: standard.into(),
        at,
    }
}

/// A ledger of (date, voucher, 摘要, 科目, 往来单位, 项目, 借方) rows.
fn ledger_of(rows: &[[&str; 7]]) -> Ledger {
    let mut cells: Vec<Vec<Data>> = vec![
        [
            "日期",
            "凭证字号",
            "摘要",
            "科目编码",
            "往来单位",
            "项目",
            "借方",
            "贷方",
        ]
        .iter()
        .map(|h| Data::String(h.to_string()))
        .collect(),
    ];
    cells.extend(text_cells(rows));
    read_sheet(&Sheet::from_rows("l.xlsx", "明细账", cells)).expect("reads")
}

/// The budget lines, in one part 职工帮扶.
fn budget_of(lines: Vec<BudgetLine>) -> Budget {
    let at = CellRef::new(&Arc::from("t.xlsx"), &Arc::from("预算明细"), 0, 0);
    Budget {
        groups: vec![BudgetGroup {
            name: "职工帮扶".into(),
            planned: None,
            at,
            matchers: Vec::new(),
            stated: false,
        }],
        lines,
        fund: Vec::new(),
        fund_year: None,
    }
}

/// Checks a ledger of (date, voucher, 摘要, 科目, 往来单位, 项目, 借方) rows against budget lines.
fn run(rows: &[[&str; 7]], lines: Vec<BudgetLine>) -> Vec<Finding> {
    run_with(
        rows,
        lines,
        CheckRules {
            fiscal_year: Some(2019),
            ..CheckRules::default()
        },
    )
}

/// [`run`] with the checks' settings given.
fn run_with(rows: &[[&str; 7]], lines: Vec<BudgetLine>, rules: CheckRules) -> Vec<Finding> {
    let ledger = ledger_of(rows);
    let budget = budget_of(lines);
    let targets = Targets {
        file: Arc::from("t.xlsx"),
        project: Project::default(),
        targets: Vec::new(),
        budget,
        survey: None,
        findings: Vec::new(),
        scores: Vec::new(),
        counts: Vec::new(),
    };
    let ledger_rules = LedgerRules::default();
    let recon = reconcile(&ledger, &targets.budget, &ledger_rules);
    check(&ledger, &targets, &recon, &ledger_rules, &rules)
}

fn kinds(findings: &[Finding]) -> Vec<FindingKind> {
    findings.iter().map(|f| f.kind).collect()
}

#[test]
fn a_hospital_named_xiehe_is_not_an_association() {
    let f = run(
        &[
            [
                "2019-03-01",
                "记-1",
                "医疗救助-协和医院代付",
                "50205",
                "常德协和医院",
                "医疗救助",
                "5000",
            ],
            [
                "2019-03-02",
                "记-2",
                "拨付工作经费",
                "50205",
                "市劳模协会",
                "医疗救助",
                "1000",
            ],
        ],
        vec![line("医疗救助", dec!(10000), "", None)],
    );
    assert_eq!(kinds(&f), [FindingKind::ProhibitedPayee]);
    assert!(
        f[0].sentence(Lang::Zh).contains("市劳模协会"),
        "{}",
        f[0].sentence(Lang::Zh)
    );
    assert_eq!(
        f[0].evidence
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["l.xlsx!明细账!E3", "l.xlsx!明细账!G3"]
    );
}

#[test]
fn namesakes_on_different_accounts_are_not_duplicates() {
    let rows = [
        [
            "2019-01-15",
            "记-1",
            "慰问金-张伟",
            "50206",
            "张伟",
            "送温暖",
            "1000",
        ],
        [
            "2019-01-16",
            "记-2",
            "慰问金-张伟",
            "50205",
            "张伟",
            "送温暖",
            "1000",
        ],
    ];
    assert!(
        run(&rows, vec![line("送温暖", dec!(10000), "", None)])
            .iter()
            .all(|f| f.kind != FindingKind::Duplicate)
    );
    // The same account and amount within 30 days is a suspected duplicate — and, for the
    // same payment, paid twice.
    let rows = [
        [
            "2019-01-15",
            "记-1",
            "慰问金-张伟",
            "50206",
            "张伟",
            "送温暖",
            "1000",
        ],
        [
            "2019-01-20",
            "记-2",
            "慰问金-张伟",
            "50206",
            "张伟",
            "送温暖",
            "1000",
        ],
    ];
    // Issue 18: one pair is one finding — the 重复发放, not a 疑似重复支付 beside it.
    let f = run(&rows, vec![line("送温暖", dec!(10000), "", None)]);
    assert_eq!(kinds(&f), [FindingKind::PaidTwice]);
    // Worded as two kinds of payment, the pair is a suspected duplicate only.
    let mut rows = rows;
    rows[1][2] = "慰问品-张伟";
    let f = run(&rows, vec![line("送温暖", dec!(10000), "", None)]);
    assert_eq!(kinds(&f), [FindingKind::Duplicate]);
    assert_eq!(
        f[0].sentence(Lang::Zh),
        "预算子项“送温暖”向张伟支付的1,000.00元在30天内出现两次（2019-01-15 记-1、2019-01-20 记-2），疑似重复支付"
    );
}

/// Issue 18: a supplier paid one amount for one thing a steady month apart (a contract's
/// instalments) is on a schedule, neither a double payment nor paid twice; an off-schedule
/// payment of the same amount is still found.
#[test]
fn payments_on_a_schedule_are_no_duplicates() {
    let row = |date: &'static str, voucher: &'static str| {
        [
            date,
            voucher,
            "物业服务费-某物业公司",
            "50206",
            "某物业公司",
            "送温暖",
            "8000",
        ]
    };
    let rows = [
        row("2019-01-25", "记-1"),
        row("2019-02-25", "记-2"),
        row("2019-03-25", "记-3"),
        row("2019-04-25", "记-4"),
    ];
    let f = run(&rows, vec![line("送温暖", dec!(100000), "", None)]);
    assert!(kinds(&f).is_empty(), "{f:?}");
    let rows = [
        row("2019-01-25", "记-1"),
        row("2019-02-25", "记-2"),
        row("2019-02-27", "记-3"),
        row("2019-03-25", "记-4"),
    ];
    let f = run(&rows, vec![line("送温暖", dec!(100000), "", None)]);
    assert!(kinds(&f).contains(&FindingKind::PaidTwice), "{f:?}");
}

#[test]
fn a_duplicate_is_the_first_later_payment_within_the_window_whatever_the_order_of_dates() {
    // Each worded as a kind of payment of its own, so that none is 重复发放 and the window alone
    // is tried.
    let row = |date: &'static str, voucher: &'static str| {
        let summary = match voucher {
            "记-1" => "慰问金-张伟",
            "记-2" => "慰问品-张伟",
            "记-3" => "补助-张伟",
            _ => "帮扶-张伟",
        };
        [date, voucher, summary, "50206", "张伟", "送温暖", "1000"]
    };
    // 03-01's twin is 03-10, two rows on (06-01 is too far); 06-01 and 03-10 have none.
    let rows = [
        row("2019-03-01", "记-1"),
        row("2019-06-01", "记-2"),
        row("2019-03-10", "记-3"),
    ];
    let f = run(&rows, vec![line("送温暖", dec!(10000), "", None)]);
    let dups: Vec<&Finding> = f
        .iter()
        .filter(|f| f.kind == FindingKind::Duplicate)
        .collect();
    assert_eq!(dups.len(), 1, "{f:?}");
    assert!(
        dups[0]
            .sentence(Lang::Zh)
            .contains("2019-03-01 记-1、2019-03-10 记-3"),
        "{}",
        dups[0].sentence(Lang::Zh)
    );
    // A line without a date takes the date above it (a voucher list's later lines), so 记-4
    // is 03-10's twin; 06-01 still has none. The findings are in the order of the first
    // payment of each pair.
    let rows = [
        row("2019-03-01", "记-1"),
        row("2019-06-01", "记-2"),
        row("2019-03-10", "记-3"),
        row("", "记-4"),
    ];
    let f = run(&rows, vec![line("送温暖", dec!(10000), "", None)]);
    let pairs: Vec<String> = f
        .iter()
        .filter(|f| f.kind == FindingKind::Duplicate)
        .map(|f| f.sentence(Lang::Zh).clone())
        .collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert!(
        pairs[0].contains("2019-03-01 记-1、2019-03-10 记-3"),
        "{pairs:?}"
    );
    assert!(
        pairs[1].contains("2019-03-10 记-3、2019-03-10 记-4"),
        "{pairs:?}"
    );
}

#[test]
fn a_back_payment_is_not_paid_twice() {
    let rows = [
        [
            "2019-12-20",
            "记-1",
            "发放2019年劳模生活困难补助-王芳",
            "50207",
            "王芳",
            "生活补助",
            "2400",
        ],
        [
            "2019-12-27",
            "记-2",
            "补发2018年劳模生活困难补助-王芳",
            "50207",
            "王芳",
            "生活补助",
            "1800",
        ],
    ];
    assert!(
        run(
            &rows,
            vec![line("生活补助", dec!(10000), "2930元/人·月", None)]
        )
        .is_empty()
    );
}

#[test]
fn payments_above_the_standard() {
    let rows = [
        [
            "2019-01-15",
            "记-1",
            "慰问金-李娜",
            "50206",
            "李娜",
            "送温暖",
            "3000",
        ],
        [
            "2019-01-18",
            "记-2",
            "春节补助-李娜",
            "50206",
            "李娜",
            "送温暖",
            "500",
        ],
        [
            "2019-01-18",
            "记-3",
            "慰问金-王强",
            "50206",
            "王强",
            "送温暖",
            "3000",
        ],
    ];
    let f = run(&rows, vec![line("送温暖", dec!(10000), "3000元/人", None)]);
    assert_eq!(kinds(&f), [FindingKind::AboveStandard]);
    assert_eq!(
        (f[0].amount, f[0].sentence(Lang::Zh).as_str()),
        (
            dec!(500),
            "预算子项“送温暖”向李娜共发放3,500.00元，超过补助标准3000元/人"
        )
    );
    // A bulk payment is measured per stated person: 195,500 for 40 people is within 5,000.
    let bulk = [[
        "2019-10-22",
        "记-1",
        "疗休养费",
        "50208",
        "灰汤疗养院",
        "疗休养",
        "195500",
    ]];
    assert!(
        run(
            &bulk,
            vec![line("疗休养", dec!(200000), "5000元/人", Some(40))]
        )
        .is_empty()
    );
    let f = run(
        &bulk,
        vec![line("疗休养", dec!(200000), "4000元/人", Some(40))],
    );
    assert_eq!(kinds(&f), [FindingKind::AboveStandard]);
}

#[test]
fn over_budget_late_cash_and_orphan_reversals() {
    let rows = [
        [
            "2019-06-01",
            "记-1",
            "大病帮扶金（现金慰问）",
            "50205",
            "赵敏",
            "大病",
            "6000",
        ],
        [
            "2020-01-06",
            "记-1",
            "大病帮扶金",
            "50205",
            "钱进",
            "大病",
            "5000",
        ],
        [
            "2019-07-01",
            "记-2",
            "冲销多付帮扶金",
            "50205",
            "孙丽",
            "大病",
            "-800",
        ],
    ];
    let f = run(&rows, vec![line("大病", dec!(10000), "", None)]);
    assert_eq!(
        kinds(&f),
        [
            FindingKind::OverBudget,
            FindingKind::Late,
            FindingKind::Cash,
            FindingKind::ReversalWithoutOriginal
        ]
    );
    assert_eq!(
        f[0].sentence(Lang::Zh),
        "预算子项“大病”实际支出10,200.00元，超出预算200.00元"
    );
    assert_eq!(
        f[1].sentence(Lang::Zh),
        "预算子项“大病”有1笔共5,000.00元在2019预算年度结束后支付，最晚至2020-01-06"
    );
    assert_eq!(
        f[2].sentence(Lang::Zh),
        "2019-06-01 记-1以现金支付赵敏6,000.00元，超过现金支付限额1,000.00元"
    );
    assert_eq!(f[3].evidence[0].to_string(), "l.xlsx!明细账!G4");
}

#[test]
fn a_reversal_of_a_recorded_payment_is_fine() {
    let rows = [
        [
            "2019-06-01",
            "记-1",
            "帮扶金",
            "50205",
            "孙丽",
            "大病",
            "800",
        ],
        [
            "2019-07-01",
            "记-2",
            "冲销多付帮扶金",
            "50205",
            "孙丽",
            "大病",
            "-800",
        ],
    ];
    assert!(run(&rows, vec![line("大病", dec!(10000), "", None)]).is_empty());
}

/// A bank statement of (交易日期, 借方发生额, 贷方发生额, 对方户名, 摘要) rows.
fn statement_of(rows: &[[&str; 5]]) -> BankStatement {
    let header = ["交易日期", "借方发生额", "贷方发生额", "对方户名", "摘要"];
    let cells = text_cells(std::iter::once(&header).chain(rows));
    crate::read::bank::read_sheet(&Sheet::from_rows("bank.xlsx", "明细", cells)).expect("reads")
}

/// The bank check of `rows`, all on one budget line 大病 (project 大病), against `statement`.
fn bank_check(rows: &[[&str; 7]], statement: &[[&str; 5]], rules: &CheckRules) -> Vec<Finding> {
    let ledger = ledger_of(rows);
    let budget = budget_of(vec![line("大病", dec!(10000), "", None)]);
    let recon = reconcile(&ledger, &budget, &LedgerRules::default());
    bank(&ledger, &recon, &statement_of(statement), rules)
}

/// Pins the order a bank item takes its voucher in — the nearest day, then the payee's own,
/// then the earliest in the ledger — which the index by money and day (44 s to 0.7 s on a
/// million postings) must keep.
#[test]
fn a_bank_item_takes_the_nearest_day_then_its_payee_then_the_earliest() {
    let rows = [
        [
            "2019-03-01",
            "记-1",
            "补助",
            "50205",
            "王伟",
            "大病",
            "1000",
        ],
        [
            "2019-03-01",
            "记-2",
            "补助",
            "50205",
            "李娜",
            "大病",
            "1000",
        ],
        [
            "2019-03-03",
            "记-3",
            "补助",
            "50205",
            "李娜",
            "大病",
            "1000",
        ],
        [
            "2019-03-05",
            "记-4",
            "补助",
            "50205",
            "张三",
            "大病",
            "1000",
        ],
    ];
    let f = bank_check(
        &rows,
        &[
            // Both a day from 03-01 and 03-03: 李娜's 记-2 and 记-3, the earlier first.
            ["2019-03-02", "1000", "", "李娜", "转账支出"],
            ["2019-03-02", "1000", "", "李娜", "转账支出"],
            // The same day before another's name: 张三's voucher, not 王伟's.
            ["2019-03-05", "1000", "", "某公司", "转账支出"],
        ],
        &CheckRules::default(),
    );
    assert_eq!(kinds(&f), [FindingKind::NotInBank]);
    assert_eq!(
        f[0].sentence(Lang::Zh),
        "2019-03-01 记-1支付1,000.00元在银行对账单中没有对应流水"
    );
}

/// Regression (review): a negative window made the day range run backwards, which panics.
#[test]
fn a_negative_bank_window_matches_nothing_and_does_not_panic() {
    let rules = CheckRules {
        bank_days: -1,
        ..CheckRules::default()
    };
    let f = bank_check(
        &[[
            "2019-03-01",
            "记-1",
            "补助",
            "50205",
            "王伟",
            "大病",
            "1000",
        ]],
        &[["2019-03-01", "1000", "", "王伟", "转账支出"]],
        &rules,
    );
    assert_eq!(
        kinds(&f),
        [FindingKind::BankUnbooked, FindingKind::NotInBank]
    );
}

#[test]
fn the_bank_statement_beside_the_ledger() {
    let rows = [
        [
            "2019-03-01",
            "记-1",
            "帮扶金-赵敏",
            "50205",
            "赵敏",
            "大病",
            "6000",
        ],
        [
            "2019-03-05",
            "记-2",
            "帮扶金-钱进",
            "50205",
            "钱进",
            "大病",
            "3000",
        ],
        // A refund booked as a credit on the spending account: money into the bank.
        [
            "2019-04-01",
            "记-9",
            "退回多付帮扶金",
            "50205",
            "赵敏",
            "大病",
            "-2000",
        ],
        [
            "2019-03-06",
            "记-3",
            "慰问金（现金慰问）",
            "50205",
            "孙丽",
            "大病",
            "800",
        ],
    ];
    let f = bank_check(
        &rows,
        &[
            ["2019-03-02", "6000", "", "赵敏", "转账支出"],
            ["2019-04-02", "", "2000", "赵敏", "退回多付帮扶金"],
            ["2020-03-16", "", "5000", "钱进", "退回帮扶金"],
        ],
        &CheckRules::default(),
    );
    // 6,000 matched a day apart; the 2,000 refund, booked as a credit on the spending
    // account, matched to the money into the bank (review #7); the 5,000 returned is not
    // booked; the 3,000 never left the bank; the cash payment is not looked for in the bank.
    assert_eq!(
        kinds(&f),
        [FindingKind::BankUnbooked, FindingKind::NotInBank]
    );
    assert_eq!(
        f[0].sentence(Lang::Zh),
        "银行对账单2020-03-16收入5,000.00元（钱进，退回帮扶金）在账上没有对应记录，未及时入账"
    );
    assert_eq!(f[0].evidence[0].to_string(), "bank.xlsx!明细!C4");
    assert_eq!(
        f[1].sentence(Lang::Zh),
        "2019-03-05 记-2支付3,000.00元在银行对账单中没有对应流水"
    );
}

/// Regression (review): `[checks] disable = ["unassigned"]` was accepted, and the postings no
/// budget line claims were reported all the same.
#[test]
fn every_kind_of_the_table_can_be_switched_off() {
    let rows = [[
        "2019-03-01",
        "记-3",
        "发放其他-王五",
        "50205",
        "王五",
        "其他项目",
        "700",
    ]];
    let lines = || vec![line("医疗救助", dec!(10000), "", None)];
    assert_eq!(kinds(&run(&rows, lines())), [FindingKind::Unassigned]);
    let off = CheckRules {
        disabled: vec![FindingKind::Unassigned],
        ..CheckRules::default()
    };
    assert!(run_with(&rows, lines(), off).is_empty());
}

/// Regression: `[checks] disable` accepted the bank kinds, and their findings were reported all
/// the same.
#[test]
fn a_bank_kind_switched_off_is_not_reported() {
    let rules = CheckRules {
        disabled: vec![FindingKind::NotInBank],
        ..CheckRules::default()
    };
    let f = bank_check(
        &[[
            "2019-03-01",
            "记-1",
            "补助",
            "50205",
            "王伟",
            "大病",
            "1000",
        ]],
        &[["2019-06-01", "500", "", "王伟", "转账支出"]],
        &rules,
    );
    assert_eq!(kinds(&f), [FindingKind::BankUnbooked]);
}

/// The kinds' table is the one list: names are unique snake_case words, each kind's JSON is
/// its name, and only the bank kinds need a statement.
#[test]
fn the_table_of_kinds() {
    let names: Vec<&str> = FindingKind::ALL.iter().map(|k| k.name()).collect();
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
    for k in FindingKind::ALL {
        assert!(k.name().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        assert_eq!(
            serde_json::to_string(k).unwrap(),
            format!("\"{}\"", k.name())
        );
        assert_eq!(k.measure(), format!("findings.{}", k.name()));
        assert!(!k.doc().is_empty() && !k.label(Lang::En).is_empty());
    }
    let bank: Vec<&str> = FindingKind::ALL
        .iter()
        .filter(|k| k.needs_bank())
        .map(|k| k.name())
        .collect();
    assert_eq!(bank, ["bank_unbooked", "not_in_bank"]);
}

#[test]
fn standards_as_written() {
    assert_eq!(standard("3000元/人"), Some(dec!(3000)));
    assert_eq!(standard("2930元/人·月"), Some(dec!(35160)));
    assert_eq!(standard("5,000元/人次"), Some(dec!(5000)));
    assert_eq!(standard(""), None);
    assert_eq!(standard("按实际发生"), None);
    assert_eq!(spring_festival(2020), Date::new(2020, 1, 25));
}

/// A line's own 年度 is its budget year: paid in 2022, a 2021 line is late and a 2022 line is
/// not, whatever the fund's year (2019 here).
#[test]
fn a_line_of_its_own_year_is_late_only_after_that_year() {
    let rows = [
        [
            "2022-03-01",
            "记-1",
            "帮扶金",
            "50205",
            "赵敏",
            "帮扶2021",
            "600",
        ],
        [
            "2022-03-01",
            "记-2",
            "帮扶金",
            "50205",
            "钱进",
            "帮扶2022",
            "500",
        ],
    ];
    let mut of_2021 = line("帮扶2021", dec!(10000), "", None);
    of_2021.year = Some(2021);
    let mut of_2022 = line("帮扶2022", dec!(10000), "", None);
    of_2022.year = Some(2022);
    let f = run(&rows, vec![of_2021, of_2022]);
    assert_eq!(kinds(&f), [FindingKind::Late]);
    assert_eq!(
        f[0].sentence(Lang::Zh),
        "预算子项“帮扶2021”有1笔共600.00元在2021预算年度结束后支付，最晚至2022-03-01"
    );
}

/// A deadline keyed `帮扶.2021` is the 2021 line's alone; the 2022 line of the same name keeps
/// its year's end.
#[test]
fn a_deadline_of_one_years_line() {
    let rows = [
        [
            "2022-02-01",
            "记-1",
            "帮扶金",
            "50205",
            "赵敏",
            "帮扶甲",
            "600",
        ],
        [
            "2022-02-01",
            "记-2",
            "帮扶金",
            "50205",
            "钱进",
            "帮扶乙",
            "500",
        ],
    ];
    let mut of_2021 = line("帮扶", dec!(10000), "", None);
    of_2021.year = Some(2021);
    of_2021.matchers = vec![Matcher::new(Field::Project, vec!["帮扶甲".into()])];
    let mut of_2022 = line("帮扶", dec!(10000), "", None);
    of_2022.year = Some(2022);
    of_2022.matchers = vec![Matcher::new(Field::Project, vec!["帮扶乙".into()])];
    let rules = CheckRules {
        fiscal_year: Some(2021),
        deadlines: vec![(
            "帮扶.2021".into(),
            crate::date::Date::new(2022, 1, 15).expect("a day"),
        )],
        ..CheckRules::default()
    };
    let f = run_with(&rows, vec![of_2021, of_2022], rules);
    assert_eq!(kinds(&f), [FindingKind::Late]);
    assert_eq!(
        f[0].sentence(Lang::Zh),
        "预算子项“帮扶”有1笔共600.00元在规定期限2022-01-15之后支付，最晚至2022-02-01"
    );
}
