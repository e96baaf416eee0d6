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
use crate::error::{
    Candidate, Error, Expected, Found, HeaderOf, Lack, Result, SheetProblem, WantedSheet,
};
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
    /// 付款人名称 / 收款人名称 (中国银行's corporate export): the counterparty is the payee of
    /// money out and the payer of money in; the other is the account itself.
    Payer,
    Payee,
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
            "借贷标记",
            "收付标志",
            "收支标志",
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
            "对方账号名称",
        ],
    ),
    (
        Col::Payer,
        &[
            "付款人名称",
            "付款方名称",
            "付款人户名",
            "付款账户名称",
            "付款户名",
        ],
    ),
    (
        Col::Payee,
        &[
            "收款人名称",
            "收款方名称",
            "收款人户名",
            "收款账户名称",
            "收款户名",
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
    /// 付款人名称 and 收款人名称, where there is no counterparty column.
    payer_payee: Option<(u32, u32)>,
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
            candidates: {
                let closest = super::header::closest(sheet, VOCABULARY, &["数量"], 3);
                let best = closest.first().map_or(0, |h| h.row);
                closest
                    .into_iter()
                    .map(|h| Candidate {
                        row: h.row,
                        labels: h.columns.iter().map(|(.., l)| l.clone()).collect(),
                        lacks: if h.columns.len() < 3 {
                            Lack::Columns { needed: 3 }
                        } else if !h.has(Col::Date) && !h.has(Col::Time) {
                            Lack::Dates
                        } else {
                            Lack::FewerThan { row: best }
                        },
                    })
                    .collect()
            },
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
            payer_payee: header.col(Col::Payer).zip(header.col(Col::Payee)),
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
        "借" | "支出" | "付" | "支" | "转出" | "付出" | "取出" | "支取" | "往账" | "付款" => {
            Some(true)
        }
        "贷" | "收入" | "收" | "转入" | "存入" | "来账" | "收款" => Some(false),
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
        // The same with one amount and no side: a side column whose label was not recognised
        // (农商行's 收付标志) leaves every amount positive, every payment read as money in.
        if let Some(c) = &self.columns
            && self.items.len() >= 3
            && self.items.iter().all(|i| i.out.is_zero())
        {
            let n = self.items.len();
            let refusal = match (c.two, c.signed) {
                (Some((out_col, _)), _) => {
                    Some((out_col, Found::EmptyMoneyOut(n), Expected::MoneyOut))
                }
                (None, Some(a)) => Some((a, Found::NoNegativeAmount(n), Expected::SignedOrSide)),
                (None, None) => None,
            };
            if let Some((col, found, expected)) = refusal {
                return Err(Error::cell(
                    CellRef::in_place(&place, c.header_row, col),
                    found,
                    expected,
                ));
            }
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
        // Totals and notes below the items have no date. A cell that reads like one and is not
        // (`2024-13-45 99.99.99`) is an item whose date is wrong: skipped, the payment it made
        // would be reported as missing from the bank — a false finding (issue 19).
        let Some(date) = date else {
            let written = display_ref(row.cell(c.date));
            // A footer (`打印日期：2024-05-01`) moves no money; an item does.
            let money_cols = [c.two.map(|(o, i)| [o, i]), c.one.map(|(a, _)| [a, a])];
            let moves_money =
                money_cols.iter().flatten().flatten().any(|&col| {
                    crate::money::parse_amount(&row.text(col)).is_ok_and(|d| !d.is_zero())
                });
            if moves_money && written.chars().filter(char::is_ascii_digit).count() >= 6 {
                return Err(Error::cell(
                    at(c.date),
                    Found::Text(written),
                    Expected::Date,
                ));
            }
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
                // Money both ways in one row is no statement's item (found by the bank fuzz
                // target): which way it went cannot be told, so it is refused, not netted.
                if !pair.0.is_zero() && !pair.1.is_zero() {
                    return Err(Error::cell(
                        at(pair.3),
                        Found::Value(crate::money::fmt_yuan_grouped(pair.1)),
                        Expected::OneSide(crate::money::fmt_yuan_grouped(pair.0)),
                    ));
                }
                (
                    pair.0,
                    pair.1,
                    if pair.0.is_zero() { pair.3 } else { pair.2 },
                )
            }
            (None, Some((a, s))) => {
                let value = amount(a)?.abs();
                // A row with only a balance (期初余额) has no side either.
                if value.is_zero() {
                    self.skipped_zero += 1;
                    return Ok(());
                }
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
            counterparty: match (c.counterparty, c.payer_payee) {
                (None, Some((payer, _))) if out.is_zero() => row.text(payer),
                (None, Some((_, payee))) => row.text(payee),
                (counterparty, _) => text(counterparty),
            },
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
mod tests;
