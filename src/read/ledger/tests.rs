//! The ledger reader on made-up sheets: every layout, every quirk, every refusal.

use super::layout::year_months;
use super::*;
use crate::read::workbook::text_cells;
use calamine::Data;
use rust_decimal_macros::dec;

fn s(v: &str) -> Data {
    Data::String(v.to_string())
}

fn grid(cells: &[&[&str]]) -> Vec<Vec<Data>> {
    text_cells(cells)
}

/// Regression (review): a CSV header past column 65,534 gave evidence in column A.
#[test]
fn a_header_column_past_what_a_posting_keeps_is_refused() {
    let mut header: Vec<&str> = vec![""; 66_000];
    header.extend(["日期", "凭证字号", "摘要", "借方", "贷方"]);
    let mut posting: Vec<&str> = vec![""; 66_000];
    posting.extend(["2019-01-05", "记-1", "补助", "100", ""]);
    let e = read(grid(&[&header, &posting])).expect_err("refused");
    let text = e.to_string();
    assert!(text.contains("ledger.xlsx!明细账!"), "{text}");
    assert!(text.contains("within the first 65,534"), "{text}");
}

/// A million postings are held while the sheet is read, beside calamine's shared strings:
/// each byte here is a megabyte of the peak (docs/performance.md).
#[test]
fn a_posting_stays_72_bytes() {
    assert!(std::mem::size_of::<LedgerRow>() <= 72);
}

/// Regression: a summary is held as the texts around its payee's name, and must read back
/// whole — with the name once, twice, not at all, or no payee.
#[test]
fn a_summary_reads_back_whole_however_it_holds_the_payee() {
    let row = |day: &'static str,
               summary: &'static str,
               payee: &'static str|
     -> [&'static str; 7] { [day, "记-1", summary, "50205", payee, "100", ""] };
    let rows = grid(&[
        &[
            "日期",
            "凭证字号",
            "摘要",
            "科目编码",
            "往来单位",
            "借方",
            "贷方",
        ],
        &row("2019-01-05", "发放困难补助-张伟", "张伟"),
        &row("2019-01-06", "张伟代领张伟母亲补助", "张伟"),
        &row("2019-01-07", "慰问金", "李四"),
        &row("2019-01-08", "慰问金", ""),
        &row("2019-01-09", "王五", "王五"),
    ]);
    let ledger = read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows)).expect("reads");
    let t = &ledger.texts;
    let summaries: Vec<String> = ledger
        .rows
        .iter()
        .map(|r| r.summary(t).into_owned())
        .collect();
    assert_eq!(
        summaries,
        [
            "发放困难补助-张伟",
            "张伟代领张伟母亲补助",
            "慰问金",
            "慰问金",
            "王五"
        ]
    );
    // The first two share nothing but the name; the text around it is held once.
    assert!(ledger.rows[0].summary_after_payee.is_some());
    assert!(ledger.rows[2].summary_after_payee.is_none());
    assert_eq!(ledger.rows[2].summary, ledger.rows[3].summary);
}

fn sample() -> Vec<Vec<Data>> {
    vec![
        vec![s("项目辅助明细账")],
        vec![
            s("日期"),
            s("凭证字号"),
            s("摘要"),
            s("科目编码"),
            s("往来单位"),
            s("借方"),
            s("贷方"),
        ],
        vec![s("2019-01-01"), Data::Empty, s("期初余额")],
        vec![
            Data::Float(43475.0),
            s("记-0001"),
            s("慰问金-张三"),
            s("50206"),
            s("张三"),
            Data::Float(3000.0),
            Data::Empty,
        ],
        vec![
            Data::Empty,
            Data::Empty,
            s("慰问金-李四"),
            s("50206"),
            s("李四"),
            s("1,000.00"),
            Data::Empty,
        ],
        vec![],
        vec![
            s("2019-01-31"),
            Data::Empty,
            s("本月合计"),
            Data::Empty,
            Data::Empty,
            Data::Float(4000.0),
        ],
        vec![
            s("日期"),
            s("凭证字号"),
            s("摘要"),
            s("科目编码"),
            s("往来单位"),
            s("借方"),
            s("贷方"),
        ],
        vec![
            s("2019/2/1"),
            s("记-0001"),
            s("冲销"),
            s("50206"),
            s("李四"),
            s("(1,000.00)"),
            Data::Empty,
        ],
        vec![
            s("2019/2/1"),
            s("记-0002"),
            s("备注行"),
            s("50206"),
            Data::Empty,
            Data::Empty,
            s("-"),
        ],
    ]
}

fn read(rows: Vec<Vec<Data>>) -> Result<Ledger> {
    read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows))
}

#[test]
fn reads_postings_and_accounts_for_every_other_row() {
    let ledger = read(sample()).expect("reads");
    assert_eq!(ledger.sheets[0].header_row, 1);
    assert_eq!(ledger.rows_read(), 8);
    assert_eq!(ledger.rows.len(), 3);
    let kinds: Vec<SkipKind> = ledger.skipped.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SkipKind::OpeningBalance,
            SkipKind::Blank,
            SkipKind::MonthTotal,
            SkipKind::RepeatedHeader,
            SkipKind::NoAmount
        ]
    );

    let first = &ledger.rows[0];
    assert_eq!(first.date, Date::new(2019, 1, 10));
    assert_eq!(first.debit(), dec!(3000));
    assert_eq!(first.amount_at().to_string(), "ledger.xlsx!明细账!F4");
    // The second line of the voucher has no date or number: they are filled down.
    let second = &ledger.rows[1];
    assert_eq!(
        (second.date, &ledger.texts[second.voucher]),
        (Date::new(2019, 1, 10), "记-0001")
    );
    assert_eq!(second.debit(), dec!(1000));
    assert_eq!(ledger.rows[2].debit(), dec!(-1000));
}

#[test]
fn reads_one_amount_with_its_side() {
    // 用友 U8 序时账: one 金额 column, the side in 方向.
    let ledger = read(grid(&[
        &[
            "日期",
            "凭证号数",
            "科目编码",
            "科目名称",
            "摘要",
            "方向",
            "数量",
            "外币",
            "金额",
        ],
        &[
            "2023.01.05",
            "记-0003",
            "660101",
            "管理费用/办公费",
            "支付办公费",
            "借",
            "",
            "",
            "3200.00",
        ],
        &[
            "2023.01.05",
            "记-0003",
            "1002",
            "银行存款",
            "支付办公费",
            "贷",
            "",
            "",
            "3200.00",
        ],
        &["", "合计", "", "", "", "", "", "", "6400.00"],
    ]))
    .expect("reads");
    assert_eq!(ledger.rows.len(), 2);
    assert_eq!(
        (ledger.rows[0].debit(), ledger.rows[0].credit()),
        (dec!(3200), dec!(0))
    );
    assert_eq!(
        (ledger.rows[1].debit(), ledger.rows[1].credit()),
        (dec!(0), dec!(3200))
    );
    assert_eq!(ledger.rows[0].date, Date::new(2023, 1, 5));
    assert_eq!(ledger.skipped[0].kind, SkipKind::Total);
    assert!(
        shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh).starts_with("金额＋方向"),
        "{}",
        shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
    );
}

#[test]
fn reads_split_month_and_day_under_a_year_banner() {
    // 用友 U8 明细账 (金额式): 月 / 日 under `2023年`; 方向 is the balance's side.
    let ledger = read(grid(&[
        &["银行存款明细账"],
        &[
            "科目：1002 银行存款",
            "",
            "",
            "",
            "",
            "月份：2023.01-2023.12",
        ],
        &[
            "2023年",
            "",
            "凭证号",
            "摘要",
            "借方",
            "贷方",
            "方向",
            "余额",
        ],
        &["月", "日", "", "", "", "", "", ""],
        &["01", "01", "", "上年结转", "", "", "借", "125,000.00"],
        &[
            "01",
            "05",
            "记-0003",
            "支付办公费",
            "",
            "3,200.00",
            "借",
            "121,800.00",
        ],
        &[
            "01",
            "31",
            "",
            "本月合计",
            "",
            "3,200.00",
            "借",
            "121,800.00",
        ],
    ]))
    .expect("reads");
    assert_eq!(ledger.rows.len(), 1);
    assert_eq!(ledger.rows[0].date, Date::new(2023, 1, 5));
    assert_eq!(ledger.rows[0].credit(), dec!(3200));
    assert_eq!(
        ledger.sheets[0].period,
        Date::new(2023, 1, 1).zip(Date::new(2023, 12, 31))
    );
    assert!(
        shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
            .contains("年份取自表头“2023年”"),
        "{}",
        shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
    );
}

#[test]
fn reads_split_voucher_word_and_auxiliary_columns() {
    // 金蝶精斗云: 凭证字 and 凭证号 apart; 客户 / 供应商 / 职员 / 项目 columns.
    let ledger = read(grid(&[
        &[
            "日期",
            "凭证字",
            "凭证号",
            "摘要",
            "科目代码",
            "科目名称",
            "借方金额",
            "贷方金额",
            "客户",
            "供应商",
            "职员",
            "项目",
        ],
        &[
            "2019-01-10",
            "记",
            "12",
            "慰问物资",
            "50206",
            "送温暖费",
            "351,000.00",
            "",
            "",
            "惠民商贸",
            "",
            "两节送温暖",
        ],
        &[
            "2019-01-15",
            "记",
            "13",
            "慰问金",
            "50206",
            "送温暖费",
            "3,000.00",
            "",
            "",
            "",
            "张三",
            "两节送温暖",
        ],
    ]))
    .expect("reads");
    let r: Vec<(&str, &str, &str)> = ledger
        .rows
        .iter()
        .map(|r| {
            let t = &ledger.texts;
            (&t[r.voucher], &t[r.payee], &t[r.project])
        })
        .collect();
    assert_eq!(
        r,
        [
            ("记-12", "惠民商贸", "两节送温暖"),
            ("记-13", "张三", "两节送温暖")
        ]
    );
}

#[test]
fn reads_a_combined_auxiliary_cell_and_account_paths() {
    // 用友 NC 凭证明细: the year is not in the data.
    let mut ledger = Ledger::default();
    let sheet = Sheet::from_rows(
        "凭证明细-2019年.csv",
        "凭证明细-2019年",
        grid(&[
            &[
                "月",
                "日",
                "核算账簿名称",
                "凭证号",
                "分录号",
                "摘要",
                "科目编码",
                "科目名称",
                "辅助项",
                "币种",
                "借方-本币",
                "贷方-本币",
            ],
            &[
                "1",
                "2",
                "市总工会",
                "银付-0001",
                "1",
                "慰问金",
                "",
                "50206\\送温暖费",
                "【项目：两节送温暖】【客商：张三】",
                "人民币",
                "1,000.50",
                "",
            ],
        ]),
    );
    read_sheet_with_year(&sheet, Some(2019), &LedgerLayout::default(), &mut ledger).expect("reads");
    let row = &ledger.rows[0];
    assert_eq!(row.date, Date::new(2019, 1, 2));
    assert_eq!(
        (
            &ledger.texts[row.account_code],
            &ledger.texts[row.account_name]
        ),
        ("50206", "送温暖费")
    );
    assert_eq!(
        (&ledger.texts[row.project], &ledger.texts[row.payee]),
        ("两节送温暖", "张三")
    );
    assert_eq!(row.debit(), dec!(1000.50));
    assert!(
        shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
            .contains("年份2019取自文件名"),
        "{}",
        shape::describe(&ledger.sheets[0].layout, crate::lang::Lang::Zh)
    );
}

#[test]
fn split_dates_roll_into_the_next_year() {
    let ledger = read(grid(&[
        &["期间：2019年12月至2020年01月"],
        &["月", "日", "凭证号", "摘要", "借方", "贷方"],
        &["12", "20", "记-0001", "补助", "100", ""],
        &["1", "8", "记-0001", "补助", "100", ""],
    ]))
    .expect("reads");
    let dates: Vec<Option<Date>> = ledger.rows.iter().map(|r| r.date).collect();
    assert_eq!(dates, [Date::new(2019, 12, 20), Date::new(2020, 1, 8)]);
}

#[test]
fn a_new_account_section_starts_its_months_again_in_the_same_year() {
    // A multi-account 明细账: each account restarts in January after its 期初余额.
    let ledger = read(grid(&[
        &["2019年", "", "凭证号", "摘要", "借方", "贷方"],
        &["月", "日", "", "", "", ""],
        &["01", "01", "", "期初余额", "", ""],
        &["03", "05", "记-0001", "补助", "100", ""],
        &["01", "01", "", "期初余额", "", ""],
        &["02", "08", "记-0002", "补助", "100", ""],
        &["01", "09", "记-0003", "补助", "100", ""],
    ]))
    .expect("reads");
    let dates: Vec<Option<Date>> = ledger.rows.iter().map(|r| r.date).collect();
    assert_eq!(
        dates,
        [
            Date::new(2019, 3, 5),
            Date::new(2019, 2, 8),
            Date::new(2019, 1, 9)
        ]
    );
}

#[test]
fn a_single_account_ledger_takes_its_account_from_the_title() {
    let ledger = read(grid(&[
        &["明细账"],
        &["科目：50205 困难职工帮扶费"],
        &["日期", "凭证字号", "摘要", "借方", "贷方"],
        &["2019-01-05", "记-1", "补助", "100", ""],
    ]))
    .expect("reads");
    assert_eq!(
        (
            &ledger.texts[ledger.rows[0].account_code],
            &ledger.texts[ledger.rows[0].account_name]
        ),
        ("50205", "困难职工帮扶费")
    );
}

#[test]
fn a_date_written_as_the_number_20190105() {
    let mut rows = sample();
    rows[3][0] = Data::Float(20190105.0);
    assert_eq!(
        read(rows).expect("reads").rows[0].date,
        Date::new(2019, 1, 5)
    );
}

#[test]
fn a_balance_table_is_not_a_ledger() {
    // 科目余额表: 借方 and 贷方, but no dates and no vouchers.
    let err = read(grid(&[
        &["科目编码", "科目名称", "项目", "借方", "贷方"],
        &["50205", "困难职工帮扶费", "医疗救助", "596000", ""],
    ]))
    .unwrap_err();
    assert!(matches!(err, Error::NoHeader { .. }), "{err}");
}

#[test]
fn a_date_outside_the_stated_period_names_its_cell() {
    let err = read(grid(&[
        &["项目辅助明细账"],
        &["单位：市总工会", "期间：2019年01月至2019年12月"],
        &["日期", "凭证字号", "摘要", "借方", "贷方"],
        &["2019-03-05", "记-0001", "补助", "100", ""],
        &["2021-03-05", "记-0002", "补助", "100", ""],
    ]))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ledger.xlsx!明细账!A5: found 2021-03-05, expected a date within the period 2019-01-01 to 2019-12-31 that the title states (ledger.xlsx!明细账!B2)"
    );
}

#[test]
fn split_dates_without_any_year_are_an_error() {
    let err = read(grid(&[
        &["月", "日", "凭证号", "摘要", "借方", "贷方"],
        &["1", "8", "记-0001", "补助", "100", ""],
    ]))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ledger.xlsx!明细账!A2: found 1月8日 without a year"),
        "{err}"
    );
}

/// Regression (issue 19): `2.000,50`, a European decimal comma, was read as 2.00 with exit 0.
#[test]
fn an_amount_with_its_separators_out_of_place_is_refused_at_its_cell() {
    let mut rows = sample();
    rows[3][5] = s("2.000,50");
    let err = read(rows).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ledger.xlsx!明细账!F4: found “2.000,50”, expected an amount"),
        "{err}"
    );
}

#[test]
fn a_bad_amount_names_its_cell() {
    let mut rows = sample();
    rows[3][5] = s("三千元");
    let err = read(rows).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ledger.xlsx!明细账!F4: found “三千元”, expected an amount (a number, or text like 1,234.56 or (1,234.56), commas only between thousands; blank for zero)"
    );
}

#[test]
fn an_error_value_where_money_is_expected_names_its_cell() {
    let mut rows = sample();
    rows[3][5] = Data::Error(calamine::CellErrorType::Div0);
    let err = read(rows).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ledger.xlsx!明细账!F4: found the error value #DIV/0!"),
        "{err}"
    );
}

#[test]
fn an_absurd_amount_is_refused_not_summed() {
    let mut rows = sample();
    rows[3][5] = Data::Float(5e27);
    let err = read(rows).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "ledger.xlsx!明细账!F4: found 5000000000000000000000000000, expected an amount below"
        ),
        "{err}"
    );
}

#[test]
fn a_bad_date_names_its_cell() {
    let mut rows = sample();
    rows[3][0] = s("2019-13-01");
    let err = read(rows).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ledger.xlsx!明细账!A4: found “2019-13-01”, expected a date"),
        "{err}"
    );
}

#[test]
fn a_bad_side_names_its_cell() {
    let err = read(grid(&[
        &["日期", "凭证号数", "摘要", "方向", "金额"],
        &["2023.01.05", "记-3", "办公费", "平", "10"],
    ]))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "ledger.xlsx!明细账!D2: found “平”, expected the side of the amount: 借 or 贷"
    );
}

#[test]
fn a_sheet_without_amount_columns_has_no_header() {
    let err = read(grid(&[&["日期", "摘要", "科目", "备注"]])).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ledger.xlsx!明细账: no header row in the first 1 rows; expected"),
        "{err}"
    );
}

#[test]
fn skip_labels_spaced_out_are_still_skip_labels() {
    let spaced = format!("合{}计", "\u{3000}".repeat(15));
    assert_eq!(SkipKind::from_text(&spaced), Some(SkipKind::Total));
    assert_eq!(
        SkipKind::from_text("本 月 合 计"),
        Some(SkipKind::MonthTotal)
    );
    assert_eq!(SkipKind::from_text("发放2019年市级劳模生活困难补助"), None);
}

#[test]
fn auxiliary_items_and_account_paths() {
    assert_eq!(
        auxiliary_items("【项目：测试项目】【客商：测试客商】"),
        [
            ("项目".to_string(), "测试项目".to_string()),
            ("客商".to_string(), "测试客商".to_string())
        ]
    );
    assert_eq!(
        auxiliary_items("[项目:X]"),
        [("项目".to_string(), "X".to_string())]
    );
    assert!(auxiliary_items("").is_empty());
    assert_eq!(
        split_account("", "5010102\\职工活动支出\\慰问"),
        ("5010102".into(), "职工活动支出\\慰问".into())
    );
    assert_eq!(
        split_account("", "50205 困难职工帮扶费"),
        ("50205".into(), "困难职工帮扶费".into())
    );
    assert_eq!(
        split_account("100201", "100201\\银行存款\\工商银行"),
        ("100201".into(), "银行存款\\工商银行".into())
    );
    assert_eq!(
        split_account("", "管理费用/办公费"),
        ("".into(), "管理费用/办公费".into())
    );
}

#[test]
fn years_and_periods_in_titles() {
    assert_eq!(year_in("凭证明细-和立-2024年.csv"), Some(2024));
    assert_eq!(year_in("ledger-20190105.xlsx"), None);
    assert_eq!(year_in("ledger.xlsx"), None);
    assert_eq!(
        year_months("期间：2019年01月至2020年05月"),
        [(2019, 1, None), (2020, 5, None)]
    );
    assert_eq!(
        year_months("月份：2023.01-2023.12"),
        [(2023, 1, None), (2023, 12, None)]
    );
    assert_eq!(
        year_months("日期：2023-01-01至2023-12-31"),
        [(2023, 1, Some(1)), (2023, 12, Some(31))]
    );
}

/// Issue 16: `金额` merged over `借方 | 贷方`, and the 数量金额式 明细账 with `借方` over
/// `数量 | 单价 | 金额`.
#[test]
fn amounts_under_a_merged_band() {
    let l = read(grid(&[
        &["日期", "凭证号", "摘要", "科目编码", "金额", ""],
        &["", "", "", "", "借方", "贷方"],
        &["2019-01-05", "记-1", "补助", "50205", "100", ""],
    ]))
    .expect("reads");
    assert_eq!(
        (l.rows[0].debit(), l.rows[0].credit()),
        (dec!(100), dec!(0))
    );
    let l = read(grid(&[
        &[
            "日期",
            "凭证号",
            "摘要",
            "科目编码",
            "借方",
            "",
            "",
            "贷方",
            "",
            "",
        ],
        &[
            "", "", "", "", "数量", "单价", "金额", "数量", "单价", "金额",
        ],
        &[
            "2019-01-05",
            "记-1",
            "补助",
            "50205",
            "2",
            "50",
            "100",
            "",
            "",
            "",
        ],
    ]))
    .expect("reads");
    assert_eq!(
        (l.rows[0].debit(), l.rows[0].credit()),
        (dec!(100), dec!(0))
    );
}

/// Issue 16: the merged band is read where the rules file states the header's row, too.
#[test]
fn a_stated_header_row_reads_its_band() {
    let sheet = Sheet::from_rows(
        "ledger.xlsx",
        "明细账",
        text_cells([
            &["银行存款明细账", "", "", "", "", ""],
            &["日期", "凭证号", "摘要", "科目编码", "金额", ""],
            &["", "", "", "", "借方", "贷方"],
            &["2019-01-05", "记-1", "补助", "50205", "", "100"],
        ]),
    );
    let layout = LedgerLayout {
        header_row: Some(1),
        ..LedgerLayout::default()
    };
    let mut ledger = Ledger::default();
    read_sheet_with_year(&sheet, Some(2019), &layout, &mut ledger).expect("reads");
    assert_eq!(ledger.sheets[0].header_row, 1);
    assert_eq!(
        (ledger.rows[0].debit(), ledger.rows[0].credit()),
        (dec!(0), dec!(100))
    );
}

/// Issue 16: a 凭证导入模板's flag columns (`凭证合计金额是否保值`) hold yes or no, never the
/// money, though their names contain 金额.
#[test]
fn flag_columns_are_never_the_amount() {
    let l = read(grid(&[
        &[
            "凭证合计金额是否保值",
            "日期",
            "凭证号",
            "摘要",
            "科目编码",
            "借贷标志",
            "金额（元）",
        ],
        &["否", "2019-01-05", "记-1", "补助", "50205", "借", "100"],
    ]))
    .expect("reads");
    assert_eq!(
        (l.rows[0].debit(), l.rows[0].credit()),
        (dec!(100), dec!(0))
    );
}

/// Regression (review of issue 16): a ledger without dates whose 摘要 said 标志 three times was
/// refused as a 凭证导入模板; only a row of flag columns is one.
#[test]
fn flag_words_in_the_summaries_make_no_template() {
    let l = read(grid(&[
        &["凭证号", "摘要", "科目编码", "借方", "贷方"],
        &["记-1", "安全标志牌制作", "50205", "100", ""],
        &["记-2", "安全标志牌制作", "50205", "200", ""],
        &["记-3", "安全标志牌制作", "50205", "300", ""],
    ]))
    .expect("reads");
    assert_eq!(l.rows.len(), 3);
}
