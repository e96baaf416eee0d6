//! The bank's own statement of the fund's account (`--bank statement.xlsx`): 工商银行 历史明细,
//! 招商银行 交易明细, 建设银行 流水, or any export with a date, amounts and a counterparty.
//!
//! A bank writes from its own side: its 借方 is money going **out** of the account and its 贷方
//! money coming **in** — the mirror of the unit's 银行存款 ledger. Every item is read as money
//! out or in, whichever way the export puts it: two columns, or one amount with 借/贷 or 收/付.

use std::path::Path;
use std::sync::Arc;

use calamine::Data;
use rust_decimal::Decimal;

use super::header::{SCAN_ROWS, find_header};
use super::workbook::{Sheet, Workbook, display, normalize};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::location::CellRef;

#[derive(Debug, Clone)]
pub struct BankItem {
    pub at: CellRef,
    pub date: Date,
    /// Money leaving the account (the bank's 借方).
    pub out: Decimal,
    /// Money coming in (the bank's 贷方).
    pub into: Decimal,
    pub counterparty: String,
    pub summary: String,
    /// The column of the amount, for evidence.
    pub amount_col: u32,
}

#[derive(Debug)]
pub struct BankStatement {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    pub items: Vec<BankItem>,
    /// Rows below the header that are not items (totals, blank rows), counted.
    pub skipped: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Date,
    /// 交易时间: the date with the time (工商银行), used when there is no date column.
    Time,
    Out,
    In,
    Amount,
    Side,
    Counterparty,
    Summary,
    Purpose,
    Balance,
}

const VOCABULARY: &[(Col, &[&str])] = &[
    (
        Col::Date,
        &["交易日期", "记账日期", "入账日期", "交易日", "日期"],
    ),
    (Col::Time, &["交易时间"]),
    (
        Col::Out,
        &[
            "借方发生额",
            "借方金额",
            "支出金额",
            "转出金额",
            "付款金额",
            "支出",
        ],
    ),
    (
        Col::In,
        &[
            "贷方发生额",
            "贷方金额",
            "收入金额",
            "转入金额",
            "收款金额",
            "收入",
        ],
    ),
    (Col::Amount, &["交易金额", "发生额", "金额"]),
    (
        Col::Side,
        &["借/贷", "借贷标志", "收/付", "收支", "交易类型"],
    ),
    (
        Col::Counterparty,
        &[
            "对方单位名称",
            "对方户名",
            "对方账户名称",
            "收(付)方名称",
            "对方名称",
            "对方账号与户名",
        ],
    ),
    (Col::Summary, &["摘要"]),
    (Col::Purpose, &["用途", "附言", "备注"]),
    (Col::Balance, &["余额", "账户余额", "账面余额"]),
];

pub fn read(path: &Path) -> Result<BankStatement> {
    let mut wb = Workbook::open(path)?;
    let names = wb.sheet_names();
    let mut first_error = None;
    for name in &names {
        let sheet = wb.sheet(name)?;
        match read_sheet(&sheet) {
            Ok(s) => return Ok(s),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| Error::MissingSheet {
        file: wb.name().to_string(),
        what: "the bank statement",
        wanted: "any".into(),
        found: "no sheets".into(),
    }))
}

pub fn read_sheet(sheet: &Sheet) -> Result<BankStatement> {
    let expected =
        "交易日期, 借方发生额 (out) and 贷方发生额 (in), or 交易金额 with 借/贷, and 对方户名";
    let no_header = || Error::NoHeader {
        file: sheet.file.to_string(),
        sheet: sheet.name.to_string(),
        scanned: SCAN_ROWS.min(sheet.height()),
        expected: expected.into(),
    };
    let header = find_header(sheet, VOCABULARY, &["数量"], 3).ok_or_else(no_header)?;
    let Some(date_col) = header.col(Col::Date).or(header.col(Col::Time)) else {
        return Err(no_header());
    };
    let two = header.col(Col::Out).zip(header.col(Col::In));
    let one = header.col(Col::Amount).zip(header.col(Col::Side));
    // 建设银行's card statements give one signed 交易金额: negative is money out.
    let signed = header
        .col(Col::Amount)
        .filter(|_| two.is_none() && one.is_none());
    if two.is_none() && one.is_none() && signed.is_none() {
        return Err(no_header());
    }
    let mut items = Vec::new();
    let mut skipped = 0;
    for r in header.data_start..sheet.height() {
        let text = |c: Option<u32>| c.map(|c| sheet.text(r, c)).unwrap_or_default();
        let date = match sheet.cell(r, date_col) {
            Data::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                Date::new(y, m, d)
            }
            Data::Float(f) if f.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(f) => {
                Date::parse(&f.to_string())
            }
            Data::Float(f) => Date::from_serial(*f, sheet.is_1904),
            other => Date::parse(&display(other)),
        };
        // Totals and notes below the items have no date.
        let Some(date) = date else {
            skipped += 1;
            continue;
        };
        let (out, into, amount_col) = match (two, one) {
            (Some((o, i)), _) => (
                amount(sheet, r, o)?,
                amount(sheet, r, i)?,
                if sheet.text(r, o).is_empty() { i } else { o },
            ),
            (None, Some((a, s))) => {
                let value = amount(sheet, r, a)?;
                let side = normalize(&sheet.text(r, s));
                match side.as_str() {
                    "借" | "支出" | "付" | "转出" | "D" => (value, Decimal::ZERO, a),
                    "贷" | "收入" | "收" | "转入" | "C" => (Decimal::ZERO, value, a),
                    _ => {
                        return Err(Error::cell(
                            sheet.at(r, s),
                            format!("“{side}”"),
                            "the side of the item: 借 (out) or 贷 (in), 付 or 收",
                        ));
                    }
                }
            }
            (None, None) => {
                let Some(a) = signed else { continue };
                let value = signed_amount(sheet, r, a)?;
                if value < Decimal::ZERO {
                    (-value, Decimal::ZERO, a)
                } else {
                    (Decimal::ZERO, value, a)
                }
            }
        };
        if out == Decimal::ZERO && into == Decimal::ZERO {
            skipped += 1;
            continue;
        }
        let summary = [
            text(header.col(Col::Summary)),
            text(header.col(Col::Purpose)),
        ]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("／");
        items.push(BankItem {
            at: sheet.at(r, 0),
            date,
            out,
            into,
            counterparty: text(header.col(Col::Counterparty)),
            summary,
            amount_col,
        });
    }
    Ok(BankStatement {
        file: Arc::clone(&sheet.file),
        sheet: Arc::clone(&sheet.name),
        items,
        skipped,
    })
}

fn amount(sheet: &Sheet, row: u32, col: u32) -> Result<Decimal> {
    signed_amount(sheet, row, col).map(|v| v.abs())
}

fn signed_amount(sheet: &Sheet, row: u32, col: u32) -> Result<Decimal> {
    sheet.decimal(row, col, 2, "", "an amount")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::text_cells;
    use rust_decimal_macros::dec;

    fn grid(cells: &[&[&str]]) -> Sheet {
        Sheet::from_rows("bank.xlsx", "明细", text_cells(cells))
    }

    #[test]
    fn reads_an_icbc_history_where_debit_is_money_out() {
        let s = read_sheet(&grid(&[
            &["中国工商银行 账户历史明细"],
            &[
                "凭证号",
                "本方账号",
                "对方账号",
                "交易时间",
                "借/贷",
                "借方发生额",
                "贷方发生额",
                "对方行号",
                "摘要",
                "用途",
                "对方单位名称",
                "余额",
            ],
            &[
                "000000000",
                "1907",
                "6222",
                "2020-04-01-10.23.45.123456",
                "借",
                " 3,200.00 ",
                "",
                "",
                "转账支出",
                "培训费",
                "某某培训中心",
                "121,800.00",
            ],
            &[
                "000000000",
                "1907",
                "6222",
                "2020-04-03-09.00.00.000000",
                "贷",
                "",
                "5,000.00",
                "",
                "转账收入",
                "退款",
                "张三",
                "126,800.00",
            ],
            &["", "", "", "合计", "", "3,200.00", "5,000.00"],
        ]))
        .expect("reads");
        assert_eq!(s.items.len(), 2);
        assert_eq!(
            (s.items[0].out, s.items[0].into, s.items[0].date),
            (dec!(3200), dec!(0), Date::new(2020, 4, 1).expect("date"))
        );
        assert_eq!(
            (
                s.items[1].out,
                s.items[1].into,
                s.items[1].counterparty.as_str()
            ),
            (dec!(0), dec!(5000), "张三")
        );
        assert_eq!(s.items[0].summary, "转账支出／培训费");
        assert_eq!(s.skipped, 1);
    }

    #[test]
    fn reads_a_cmb_export_below_its_account_block() {
        // 招商银行: the header sits below an account block; 借方金额 is money out.
        let rows: Vec<&[&str]> = vec![
            &["账号：7559"],
            &["户名：某某市总工会"],
            &[
                "账号",
                "户名",
                "币种",
                "交易日",
                "交易时间",
                "起息日",
                "交易类型",
                "借方金额",
                "贷方金额",
                "余额",
                "摘要",
                "对方户名",
            ],
            &[
                "7559",
                "某某市总工会",
                "人民币",
                "20190110",
                "10:15:00",
                "20190110",
                "转账",
                "351000",
                "",
                "1649000",
                "代发",
                "惠民商贸",
            ],
        ];
        let s = read_sheet(&grid(&rows)).expect("reads");
        assert_eq!(
            (s.items[0].out, s.items[0].counterparty.as_str()),
            (dec!(351000), "惠民商贸")
        );
    }

    #[test]
    fn reads_a_ccb_card_statement_with_signed_amounts() {
        let s = read_sheet(&grid(&[
            &["客户名称:张三"],
            &["交易日期", "交易金额", "账户余额", "对方账号与户名", "摘要"],
            &["20190105", "-1000.00", "500", "李四", "转账"],
            &["20190106", "200", "700", "王五", "退款"],
        ]))
        .expect("reads");
        assert_eq!((s.items[0].out, s.items[0].into), (dec!(1000), dec!(0)));
        assert_eq!((s.items[1].out, s.items[1].into), (dec!(0), dec!(200)));
    }

    #[test]
    fn reads_one_amount_with_its_side() {
        let s = read_sheet(&grid(&[
            &["交易日期", "交易金额", "收/付", "对方户名", "摘要"],
            &["20190105", "1000", "付", "李四", "慰问金"],
        ]))
        .expect("reads");
        assert_eq!(
            (s.items[0].out, s.items[0].date),
            (dec!(1000), Date::new(2019, 1, 5).expect("date"))
        );
    }
}
