//! The bank's own statement of the fund's account (`--bank statement.xlsx`): 工商银行 历史明细,
//! 招商银行 交易明细, 建设银行 流水, or any export with a date, amounts and a counterparty.
//!
//! A bank writes from its own side: its 借方 is money going **out** of the account and its 贷方
//! money coming **in** — the mirror of the unit's 银行存款 ledger. Every item is read as money
//! out or in, whichever way the export puts it: two columns, or one amount with 借/贷 or 收/付.

use std::path::Path;
use std::sync::Arc;

use calamine::DataRef;
use rust_decimal::Decimal;

use super::header::{SCAN_ROWS, find_header};
use super::workbook::{Row, RowSink, Sheet, Workbook, decimal, display_ref};
use crate::date::Date;
use crate::error::{Error, Expected, Found, HeaderOf, Result, SheetProblem, WantedSheet};
use crate::label::normalize;
use crate::location::{CellRef, Place};

#[derive(Debug, Clone)]
pub struct BankItem {
    pub at: CellRef,
    pub date: Date,
    /// Money leaving the account (the bank's 借方).
    pub out: Decimal,
    /// Money coming in (the bank's 贷方).
    pub into: Decimal,
    pub counterparty: String,
    /// The item's 摘要 and 用途, those that are not blank: text of the statement, joined only
    /// when said ([`BankItem::summary_in`]).
    pub summary: Vec<String>,
    /// The column of the amount, for evidence.
    pub amount_col: u32,
}

impl BankItem {
    /// The 摘要 and 用途 in one: `转账支出／培训费` / `转账支出 / 培训费`.
    pub fn summary_in(&self, lang: crate::lang::Lang) -> String {
        self.summary.join(lang.pick("／", " / "))
    }
}

#[derive(Debug)]
pub struct BankStatement {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    pub items: Vec<BankItem>,
    /// Rows below the header that are not items, counted: without a date (totals, notes,
    /// blank rows) and with no money either way.
    pub skipped: usize,
    pub skipped_undated: usize,
    pub skipped_zero: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Date,
    /// 交易时间: the date with the time (工商银行), used when there is no date column.
    Time,
    Out,
    In,
    /// 工商银行 gives the amount twice, as 交易金额 and as 记账金额, each in a pair of columns:
    /// the second pair.
    Out2,
    In2,
    Amount,
    Side,
    /// 交易类型: a side only when it holds side words (收入 / 支出); 交通银行's holds 存款利息.
    Kind,
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
            "取出金额",
            "交易金额(支出)",
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
            "存入金额",
            "交易金额(收入)",
            "收入",
        ],
    ),
    (Col::Out2, &["记账金额(支出)"]),
    (Col::In2, &["记账金额(收入)"]),
    (Col::Amount, &["交易金额", "发生额", "金额"]),
    (
        Col::Side,
        &[
            "借/贷",
            "借贷标志",
            "借贷方向",
            "借贷",
            "收/付",
            "收支",
            "收支方向",
            "资金方向",
        ],
    ),
    (Col::Kind, &["交易类型"]),
    (
        Col::Counterparty,
        &[
            "对方单位名称",
            "对方户名",
            "对方账户名称",
            "对方账户名",
            "收(付)方名称",
            "对方名称",
            "对方账号与户名",
            "交易对手名称",
            "对手信息",
        ],
    ),
    (Col::Summary, &["摘要"]),
    (Col::Purpose, &["用途", "附言", "备注"]),
    (Col::Balance, &["余额", "账户余额", "账面余额"]),
];

/// Reads the statement from the first sheet of `path` that is one. An `.xlsx` or `.csv` is
/// streamed row by row like a ledger: a statement of a year's payments holds tens of thousands of
/// lines, and read as a whole sheet the 57,720 lines of a million-posting fund took twice the
/// time and 14 MB more.
pub fn read(path: &Path) -> Result<BankStatement> {
    let mut wb = Workbook::open(path)?;
    let names = wb.sheet_names();
    let mut first_error = None;
    for name in &names {
        let mut sink = StatementSink::default();
        match wb.read_rows(name, &mut sink) {
            Ok(()) => return sink.finish(wb.name(), name),
            // The sheet is not a statement (another table, or a cell no statement holds): the
            // next may be.
            Err(e) if sink.rejected => {
                first_error.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    Err(first_error.unwrap_or_else(|| Error::MissingSheet {
        file: wb.name().to_string(),
        what: WantedSheet::Bank,
        wanted: Vec::new(),
        found: Vec::new(),
    }))
}

/// Reads the statement from a sheet held whole.
pub fn read_sheet(sheet: &Sheet) -> Result<BankStatement> {
    let mut sink = StatementSink::default();
    sink.head(sheet)?;
    sink.finish(&sheet.file, &sheet.name)
}

/// Where the statement's columns are, from its header.
struct Columns {
    /// The header's row, for a refusal that names a column.
    header_row: u32,
    /// The first row below the header.
    data_start: u32,
    date: u32,
    /// 借方 (out) and 贷方 (in) in two columns.
    two: Option<(u32, u32)>,
    /// The same money again in a second pair (工商银行's 记账金额 beside its 交易金额): the pair
    /// that is filled is taken; both filled, they must agree.
    second: Option<(u32, u32)>,
    /// One amount and the column that says its side.
    one: Option<(u32, u32)>,
    /// One signed amount: negative is money out.
    signed: Option<u32>,
    counterparty: Option<u32>,
    summary: Option<u32>,
    purpose: Option<u32>,
}

impl Columns {
    fn of(sheet: &Sheet) -> Result<Columns> {
        let no_header = || Error::NoHeader {
            file: sheet.file.to_string(),
            sheet: sheet.name.to_string(),
            scanned: SCAN_ROWS.min(sheet.height()),
            expected: HeaderOf::Bank,
        };
        let header = find_header(sheet, VOCABULARY, &["数量"], 3).ok_or_else(no_header)?;
        let Some(date) = header.col(Col::Date).or(header.col(Col::Time)) else {
            return Err(no_header());
        };
        let two = header.col(Col::Out).zip(header.col(Col::In));
        let second = header.col(Col::Out2).zip(header.col(Col::In2));
        let two = two.or(second);
        let second = second.filter(|s| Some(*s) != two);
        // 交易类型 is a side only where there is no side column; its words are checked row by row.
        let side = header.col(Col::Side).or(header.col(Col::Kind));
        let one = header.col(Col::Amount).zip(side);
        // 建设银行's card statements give one signed 交易金额: negative is money out.
        let signed = header
            .col(Col::Amount)
            .filter(|_| two.is_none() && one.is_none());
        if two.is_none() && one.is_none() && signed.is_none() {
            // A header with its date but no reading of the money: say which labels it could
            // not place, so the user can name them in the rules file.
            let placed: Vec<u32> = header.columns.iter().map(|(_, c, _)| *c).collect();
            let unplaced: Vec<String> = (0..sheet.width())
                .filter(|c| !placed.contains(c))
                .map(|c| normalize(&sheet.text(header.row, c)))
                .filter(|l| !l.is_empty())
                .collect();
            return Err(Error::cell(
                sheet.at(header.row, date),
                Found::BankHeader(unplaced),
                Expected::BankAmounts,
            ));
        }
        Ok(Columns {
            header_row: header.row,
            data_start: header.data_start,
            date,
            two,
            second,
            one,
            signed,
            counterparty: header.col(Col::Counterparty),
            summary: header.col(Col::Summary),
            purpose: header.col(Col::Purpose),
        })
    }
}

/// Whether a side word says money out (`true`) or in: 借 / 贷, 收 / 付 / 支, 收入 / 支出, 转入 /
/// 转出, and the English with them (`贷 Cr`, `借 Dr`, `D`, `C`).
fn side_of(word: &str) -> Option<bool> {
    let word = word.trim();
    let latin: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect::<String>()
        .to_ascii_uppercase();
    let chinese: String = word.chars().filter(|c| !c.is_ascii()).collect();
    let by_chinese = match chinese.as_str() {
        "借" | "支出" | "付" | "支" | "转出" | "付出" | "取出" => Some(true),
        "贷" | "收入" | "收" | "转入" | "存入" => Some(false),
        "" => None,
        _ => return None,
    };
    let by_latin = match latin.as_str() {
        "D" | "DR" | "DEBIT" => Some(true),
        "C" | "CR" | "CREDIT" => Some(false),
        "" => None,
        _ => return None,
    };
    match (by_chinese, by_latin) {
        (Some(a), Some(b)) if a != b => None,
        (a, b) => a.or(b),
    }
}

/// A statement read row by row: its header from the sheet's first rows, then an item per row.
#[derive(Default)]
struct StatementSink {
    /// The columns, once the head was read.
    columns: Option<Columns>,
    place: Option<Arc<Place>>,
    is_1904: bool,
    items: Vec<BankItem>,
    /// Rows below the header that are not items: without a date, with no money.
    skipped_undated: usize,
    skipped_zero: usize,
    /// The sheet itself was found wanting (no header, or a cell no statement holds), as against
    /// a file that could not be read.
    rejected: bool,
}

impl StatementSink {
    /// The statement read from the sheet `file!sheet`.
    fn finish(self, file: &str, sheet: &str) -> Result<BankStatement> {
        let Some(place) = self.place else {
            return Err(Error::sheet(file, sheet, SheetProblem::EndedEarly));
        };
        // Money out in none of a few items, money in in all: a column read wrong (or a layout
        // not understood) would drop every payment silently.
        if let Some(c) = &self.columns
            && let Some((out_col, _)) = c.two
            && self.items.len() >= 3
            && self.items.iter().all(|i| i.out.is_zero())
        {
            return Err(Error::cell(
                CellRef::in_place(&place, c.header_row, out_col),
                Found::EmptyMoneyOut(self.items.len()),
                Expected::MoneyOut,
            ));
        }
        Ok(BankStatement {
            file: Arc::clone(&place.file),
            sheet: Arc::clone(&place.sheet),
            items: self.items,
            skipped: self.skipped_undated + self.skipped_zero,
            skipped_undated: self.skipped_undated,
            skipped_zero: self.skipped_zero,
        })
    }

    fn rejecting<T>(&mut self, result: Result<T>) -> Result<T> {
        if result.is_err() {
            self.rejected = true;
        }
        result
    }

    fn item(&mut self, row: &Row<'_, '_>) -> Result<()> {
        let (Some(c), Some(place)) = (&self.columns, &self.place) else {
            return Ok(());
        };
        let at = |col: u32| CellRef::in_place(place, row.index, col);
        let text = |col: Option<u32>| col.map(|col| row.text(col)).unwrap_or_default();
        let amount = |col: u32| decimal(row.cell(col), || at(col), 2, "", Expected::AnAmount);
        let date = match row.cell(c.date) {
            DataRef::DateTime(dt) => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                Date::new(y, m, d)
            }
            DataRef::Float(f) if f.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(f) => {
                Date::parse(&f.to_string())
            }
            DataRef::Float(f) => Date::from_serial(*f, self.is_1904),
            other => Date::parse(&display_ref(other)),
        };
        // Totals and notes below the items have no date.
        let Some(date) = date else {
            self.skipped_undated += 1;
            return Ok(());
        };
        // `-` is a bank's way of writing none (工商银行).
        let money = |col: u32| -> Result<Decimal> {
            if matches!(row.text(col).trim(), "-" | "—" | "--") {
                Ok(Decimal::ZERO)
            } else {
                Ok(amount(col)?.abs())
            }
        };
        let (out, into, amount_col) = match (c.two, c.one) {
            (Some((o, i)), _) => {
                let first = (money(o)?, money(i)?, o, i);
                let pair = match c.second {
                    None => first,
                    Some((o2, i2)) => {
                        let second = (money(o2)?, money(i2)?, o2, i2);
                        let filled =
                            |p: &(Decimal, Decimal, u32, u32)| !(p.0.is_zero() && p.1.is_zero());
                        match (filled(&first), filled(&second)) {
                            (_, false) => first,
                            (false, true) => second,
                            (true, true) if (first.0, first.1) == (second.0, second.1) => first,
                            (true, true) => {
                                return Err(Error::cell(
                                    at(if first.0.is_zero() {
                                        second.3
                                    } else {
                                        second.2
                                    }),
                                    Found::Value(crate::money::fmt_yuan_grouped(
                                        second.0.max(second.1),
                                    )),
                                    Expected::SameAmount(crate::money::fmt_yuan_grouped(
                                        first.0.max(first.1),
                                    )),
                                ));
                            }
                        }
                    }
                };
                (
                    pair.0,
                    pair.1,
                    if pair.0.is_zero() { pair.3 } else { pair.2 },
                )
            }
            (None, Some((a, s))) => {
                let value = amount(a)?.abs();
                let side = normalize(&row.text(s));
                match side_of(&side) {
                    Some(true) => (value, Decimal::ZERO, a),
                    Some(false) => (Decimal::ZERO, value, a),
                    None => {
                        return Err(Error::cell(
                            at(s),
                            Found::Text(side.to_string()),
                            Expected::BankSide,
                        ));
                    }
                }
            }
            (None, None) => {
                let Some(a) = c.signed else { return Ok(()) };
                let value = amount(a)?;
                if value < Decimal::ZERO {
                    (-value, Decimal::ZERO, a)
                } else {
                    (Decimal::ZERO, value, a)
                }
            }
        };
        if out == Decimal::ZERO && into == Decimal::ZERO {
            self.skipped_zero += 1;
            return Ok(());
        }
        let summary: Vec<String> = [text(c.summary), text(c.purpose)]
            .into_iter()
            .filter(|t| !t.is_empty())
            .collect();
        let item = BankItem {
            at: at(0),
            date,
            out,
            into,
            counterparty: text(c.counterparty),
            summary,
            amount_col,
        };
        self.items.push(item);
        Ok(())
    }
}

impl RowSink for StatementSink {
    fn head_rows(&self) -> u32 {
        // A two-row header band found on the last scanned row needs the row below.
        SCAN_ROWS + 2
    }

    fn restart(&mut self) {
        *self = StatementSink::default();
    }

    fn head(&mut self, sheet: &Sheet) -> Result<()> {
        let columns = Columns::of(sheet);
        let columns = self.rejecting(columns)?;
        let data_start = columns.data_start;
        self.columns = Some(columns);
        self.place = Some(Arc::clone(sheet.place()));
        self.is_1904 = sheet.is_1904;
        for r in data_start..sheet.height() {
            let cells = sheet.row_cells(r);
            let done = self.item(&Row::new(r, &cells));
            self.rejecting(done)?;
        }
        Ok(())
    }

    fn row(&mut self, row: &Row<'_, '_>) -> Result<()> {
        let done = self.item(row);
        self.rejecting(done)
    }
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
        assert_eq!(s.items[0].summary, ["转账支出", "培训费"]);
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

    /// Regression: 工商银行's 明细查询文件下载 has 交易金额 and 记账金额, each as a (收入)/(支出)
    /// pair, with `-` for none; money out was read from one pair and money in from the other,
    /// and every payment was dropped.
    #[test]
    fn reads_icbc_duplicated_pairs_taking_the_filled_one() {
        let header: &[&str] = &[
            "交易日期",
            "摘要",
            "交易金额(收入)",
            "交易金额(支出)",
            "记账金额(收入)",
            "记账金额(支出)",
            "余额",
            "对方户名",
        ];
        let s = read_sheet(&grid(&[
            &["明细查询文件下载"],
            header,
            &[
                "2023-05-02\t",
                "消费 \t",
                "- \t",
                "- \t",
                " \t",
                "13.40 \t",
                "x",
                "财付通",
            ],
            &[
                "2023-04-22",
                "他行汇入",
                "-",
                "-",
                "1,234.56",
                "",
                "x",
                "李四",
            ],
            &[
                "2023-04-20",
                "转账",
                "",
                "500.00",
                "",
                "500.00",
                "x",
                "王五",
            ],
        ]))
        .expect("reads");
        let got: Vec<(Decimal, Decimal, &str, u32)> = s
            .items
            .iter()
            .map(|i| (i.out, i.into, i.counterparty.as_str(), i.amount_col))
            .collect();
        assert_eq!(
            got,
            [
                (dec!(13.40), dec!(0), "财付通", 5),
                (dec!(0), dec!(1234.56), "李四", 4),
                (dec!(500), dec!(0), "王五", 3),
            ]
        );
        // Both pairs filled and disagreeing: which to count cannot be told.
        let err = read_sheet(&grid(&[
            header,
            &["2023-04-20", "转账", "", "500.00", "", "50.00", "x", "王五"],
        ]))
        .unwrap_err();
        assert!(
            err.to_string().starts_with("bank.xlsx!明细!F2: found 50.00, expected the same amount as the other pair of amount columns (交易金额 / 记账金额), 500.00"),
            "{err}"
        );
    }

    /// Regression: 交通银行's side is `借贷` holding `贷 Cr` / `借 Dr`; 交易类型 (存款利息) was
    /// taken for the side and the file refused.
    #[test]
    fn reads_bocom_sides_in_chinese_and_english() {
        let s = read_sheet(&grid(&[
            &[
                "序号",
                "交易日期",
                "交易时间",
                "交易类型",
                "借贷",
                "交易金额",
                "余额",
                "对方账号",
                "对方户名",
            ],
            &[
                "1",
                "2025-01-01",
                "00:00:00",
                "存款利息",
                "贷 Cr",
                "1.23",
                "1",
                "1",
                "银行",
            ],
            &[
                "2",
                "2024-02-02",
                "13:15:12",
                "信用卡转账还款",
                "借 Dr",
                "3.21",
                "1",
                "6",
                "哈哈",
            ],
        ]))
        .expect("reads");
        assert_eq!(
            (
                s.items[0].into,
                s.items[1].out,
                s.items[1].counterparty.as_str()
            ),
            (dec!(1.23), dec!(3.21), "哈哈")
        );
    }

    /// 浦发银行: 存入金额 / 取出金额, 交易对手名称; 招商银行: 对手信息.
    #[test]
    fn reads_spdb_and_cmb_labels() {
        let s = read_sheet(&grid(&[
            &["账号：6225"],
            &[
                "交易日期",
                "交易时间",
                "摘要",
                "存入金额",
                "取出金额",
                "余额",
                "交易对手名称",
            ],
            &[
                "20251203",
                "10:00:00",
                "基金申购",
                "",
                "3.88",
                "100",
                "基金销售有限公司",
            ],
            &[
                "20251205",
                "10:00:00",
                "基金赎回",
                "10.00",
                "",
                "110",
                "基金销售有限公司",
            ],
        ]))
        .expect("reads");
        assert_eq!(
            (
                s.items[0].out,
                s.items[1].into,
                s.items[1].counterparty.as_str()
            ),
            (dec!(3.88), dec!(10), "基金销售有限公司")
        );
        let s = read_sheet(&grid(&[
            &[
                "记账日期",
                "货币",
                "交易金额",
                "联机余额",
                "交易摘要",
                "对手信息",
            ],
            &[
                "2024-01-01",
                "CNY",
                "-1,000.00",
                "271.66",
                "转账汇款",
                "张三 6666",
            ],
        ]))
        .expect("reads");
        assert_eq!(
            (s.items[0].out, s.items[0].counterparty.as_str()),
            (dec!(1000), "张三 6666")
        );
    }

    /// A 交易类型 column is a side only when it holds side words.
    #[test]
    fn a_kind_column_of_other_words_is_no_side() {
        let s = read_sheet(&grid(&[
            &["交易日期", "交易类型", "交易金额", "对方户名"],
            &["20190105", "支出", "1000", "李四"],
        ]))
        .expect("reads");
        assert_eq!(s.items[0].out, dec!(1000));
        let err = read_sheet(&grid(&[
            &["交易日期", "交易类型", "交易金额", "对方户名"],
            &["20190105", "存款利息", "1.00", "银行"],
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("B2: found “存款利息”"), "{err}");
        assert_eq!(side_of("贷 Cr"), Some(false));
        assert_eq!(side_of("借 Cr"), None);
        assert_eq!(side_of("DR"), Some(true));
    }

    /// A statement of only money in, with a money-out column, is a column misread, not a
    /// statement: refused at the column, rather than every payment dropped.
    #[test]
    fn a_money_out_column_empty_in_every_item_is_refused() {
        let err = read_sheet(&grid(&[
            &["交易日期", "借方发生额", "贷方发生额", "对方户名"],
            &["20190105", "", "100", "甲"],
            &["20190106", "", "200", "乙"],
            &["20190107", "", "300", "丙"],
        ]))
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "bank.xlsx!明细!B1: found a money-out column empty in all 3 items, every one money in, expected a money-out column with the payments in it: an account's statement is not all money in, so a column seems misread; run jixiao check to see the columns read"
        );
        let s = read_sheet(&grid(&[
            &["交易日期", "借方发生额", "贷方发生额", "对方户名"],
            &["20190105", "50", "", "甲"],
            &["20190106", "", "", "乙"],
            &["合计", "50", ""],
        ]))
        .expect("reads");
        assert_eq!(
            (s.items.len(), s.skipped_undated, s.skipped_zero, s.skipped),
            (1, 1, 1, 2)
        );
    }

    /// A header with its date but no money it can read names the columns it could not place.
    #[test]
    fn a_header_without_amounts_names_what_it_could_not_place() {
        let err = read_sheet(&grid(&[
            &["交易日期", "摘要", "对方户名", "发生净值", "币种"],
            &["20190105", "转账", "李四", "1000", "CNY"],
        ]))
        .unwrap_err();
        assert!(
            err.to_string().starts_with("bank.xlsx!明细!A1: found a bank statement's header row whose unplaced columns are: 发生净值, 币种, expected the amount columns"),
            "{err}"
        );
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
