//! The accounting ledger (明细账 / 序时账 / 凭证列表) as the accounting software exports it.
//!
//! The reader finds the header, maps the columns it knows by their usual labels, and turns every
//! row below the header into either a [`LedgerRow`] (a posting with its amounts as exact
//! decimals) or a [`Skipped`] row with the reason: the 期初余额 / 本月合计 / 本年累计 lines that
//! exports interleave with the postings, repeated headers, blank rows. Nothing is dropped
//! without a reason; `rows_read` always equals postings plus skipped rows.
//!
//! Which postings are fund arrivals and which are spending is not decided here: that depends
//! on the chart of accounts, which is the rules' business (see `reconcile`).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use calamine::Data;
use rust_decimal::Decimal;
use serde::Serialize;

use super::header::{Header, SCAN_ROWS, find_header};
use super::workbook::{Sheet, Workbook, display, normalize};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::location::CellRef;
use crate::money;

/// What a ledger column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Date,
    /// 凭证字号: `记-0015`.
    Voucher,
    /// 摘要: the posting's description.
    Summary,
    AccountCode,
    AccountName,
    /// 项目: the project auxiliary item (辅助核算).
    Project,
    /// 往来单位 / 收款人: who was paid or who paid.
    Payee,
    Debit,
    Credit,
    /// 方向: the balance's side.
    Direction,
    Balance,
}

/// Labels each column goes by in 用友, 金蝶 and 政务 exports.
const VOCABULARY: &[(Column, &[&str])] = &[
    (
        Column::Date,
        &["日期", "制单日期", "记账日期", "业务日期", "凭证日期"],
    ),
    (
        Column::Voucher,
        &["凭证字号", "凭证号", "凭证号数", "凭证编号"],
    ),
    (Column::Summary, &["摘要"]),
    (
        Column::AccountCode,
        &["科目编码", "科目代码", "会计科目编码"],
    ),
    (Column::AccountName, &["科目名称", "会计科目", "科目"]),
    (
        Column::Project,
        &["项目", "项目名称", "预算项目", "项目辅助核算"],
    ),
    (
        Column::Payee,
        &[
            "往来单位",
            "收款人",
            "收款单位",
            "客商",
            "对方单位",
            "对方户名",
            "供应商",
            "职员",
            "收款人名称",
        ],
    ),
    (
        Column::Debit,
        &["借方", "借方金额", "借方发生额", "借方本币"],
    ),
    (
        Column::Credit,
        &["贷方", "贷方金额", "贷方发生额", "贷方本币"],
    ),
    (Column::Direction, &["方向", "借或贷", "余额方向"]),
    (Column::Balance, &["余额", "期末余额"]),
];

/// Why a row below the header is not a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipKind {
    OpeningBalance,
    CarriedForward,
    MonthTotal,
    PeriodTotal,
    YearTotal,
    ClosingBalance,
    Total,
    PageTotal,
    CarriedToNextPage,
    BroughtForwardFromPage,
    RepeatedHeader,
    /// A posting row with nothing on either side.
    NoAmount,
    Blank,
}

impl SkipKind {
    /// The words as they appear in the 摘要 column; the JSON uses them as keys.
    pub fn label(self) -> &'static str {
        match self {
            SkipKind::OpeningBalance => "期初余额",
            SkipKind::CarriedForward => "上年结转",
            SkipKind::MonthTotal => "本月合计",
            SkipKind::PeriodTotal => "本期合计",
            SkipKind::YearTotal => "本年累计",
            SkipKind::ClosingBalance => "期末余额",
            SkipKind::Total => "合计",
            SkipKind::PageTotal => "本页合计",
            SkipKind::CarriedToNextPage => "过次页",
            SkipKind::BroughtForwardFromPage => "承前页",
            SkipKind::RepeatedHeader => "重复表头",
            SkipKind::NoAmount => "无发生额",
            SkipKind::Blank => "空行",
        }
    }

    fn from_summary(summary: &str) -> Option<SkipKind> {
        let s = normalize(summary);
        let kind = match s.as_str() {
            "期初余额" | "年初余额" => SkipKind::OpeningBalance,
            "上年结转" | "上年结余" => SkipKind::CarriedForward,
            "本月合计" | "本月发生" => SkipKind::MonthTotal,
            "本期合计" | "本期发生" => SkipKind::PeriodTotal,
            "本年累计" | "累计" => SkipKind::YearTotal,
            "期末余额" => SkipKind::ClosingBalance,
            "合计" | "总计" => SkipKind::Total,
            "本页合计" => SkipKind::PageTotal,
            "过次页" => SkipKind::CarriedToNextPage,
            "承前页" => SkipKind::BroughtForwardFromPage,
            _ => return None,
        };
        Some(kind)
    }
}

impl fmt::Display for SkipKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One posting (分录) of the ledger.
#[derive(Debug, Clone)]
pub struct LedgerRow {
    /// The row; its column is the first column.
    pub at: CellRef,
    pub date: Option<Date>,
    pub voucher: String,
    pub summary: String,
    pub account_code: String,
    pub account_name: String,
    pub project: String,
    pub payee: String,
    pub debit: Decimal,
    pub credit: Decimal,
    /// The columns of the amounts, so evidence can point at the money itself.
    pub debit_col: Option<u32>,
    pub credit_col: Option<u32>,
    pub payee_col: Option<u32>,
}

impl LedgerRow {
    /// The cell holding the amount on the side that is not zero (debit first).
    pub fn amount_at(&self) -> CellRef {
        let col = if self.debit != Decimal::ZERO {
            self.debit_col
        } else {
            self.credit_col
        };
        self.at.at_col(col.or(self.debit_col).unwrap_or(0))
    }
}

#[derive(Debug, Clone)]
pub struct Skipped {
    pub at: CellRef,
    pub kind: SkipKind,
}

#[derive(Debug)]
pub struct Ledger {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// 0-based row of the header.
    pub header_row: u32,
    pub columns: Vec<(Column, u32, String)>,
    pub rows: Vec<LedgerRow>,
    pub skipped: Vec<Skipped>,
}

impl Ledger {
    /// Every row below the header.
    pub fn rows_read(&self) -> usize {
        self.rows.len() + self.skipped.len()
    }

    pub fn skipped_by_kind(&self) -> BTreeMap<SkipKind, usize> {
        let mut out = BTreeMap::new();
        for s in &self.skipped {
            *out.entry(s.kind).or_insert(0) += 1;
        }
        out
    }

    /// How the columns were understood, for the user to check: `表头在第4行：日期=A 凭证字号=B …`.
    pub fn layout(&self) -> String {
        let cols: Vec<String> = self
            .columns
            .iter()
            .map(|(_, c, label)| format!("{label}={}", crate::location::column_name(*c)))
            .collect();
        format!("表头在第{}行：{}", self.header_row + 1, cols.join(" "))
    }
}

/// Sheets named like a ledger, most specific first.
const SHEET_NAMES: &[&str] = &["明细账", "序时账", "凭证", "日记账", "分类账"];

pub fn read(path: &std::path::Path) -> Result<Ledger> {
    let mut wb = Workbook::open(path)?;
    // A workbook with one sheet is the ledger whatever the sheet is called; otherwise pick the
    // sheet named like one, or the first sheet that has a ledger header.
    let names = wb.sheet_names();
    let preferred = wb.find_sheet(SHEET_NAMES);
    let candidates: Vec<String> = preferred
        .iter()
        .cloned()
        .chain(names.into_iter().filter(|n| Some(n) != preferred.as_ref()))
        .collect();
    let mut first_error = None;
    for name in &candidates {
        let sheet = wb.sheet(name)?;
        match read_sheet(&sheet) {
            Ok(ledger) => return Ok(ledger),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| Error::MissingSheet {
        file: wb.name().to_string(),
        what: "the ledger",
        wanted: SHEET_NAMES
            .iter()
            .map(|p| format!("“{p}”"))
            .collect::<Vec<_>>()
            .join(" or "),
        found: "no sheets".into(),
    }))
}

fn expected_header() -> String {
    "at least three of 日期, 凭证字号, 摘要, 科目编码, 科目名称, 项目, 往来单位, 借方, 贷方 (and both 借方 and 贷方)".into()
}

pub fn read_sheet(sheet: &Sheet) -> Result<Ledger> {
    let no_header = || Error::NoHeader {
        file: sheet.file.to_string(),
        sheet: sheet.name.to_string(),
        scanned: SCAN_ROWS.min(sheet.height()),
        expected: expected_header(),
    };
    let header: Header<Column> = find_header(sheet, VOCABULARY, 3).ok_or_else(no_header)?;
    if header.col(Column::Debit).is_none() || header.col(Column::Credit).is_none() {
        return Err(no_header());
    }
    let col = |c: Column| header.col(c);
    let header_labels: Vec<(u32, String)> = header
        .columns
        .iter()
        .map(|(_, c, l)| (*c, normalize(l)))
        .collect();

    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    // Voucher lists print the date and number on a voucher's first line only.
    let mut last_date: Option<Date> = None;
    let mut last_voucher = String::new();
    for r in header.row + 1..sheet.height() {
        let at = sheet.at(r, 0);
        let text = |c: Option<u32>| c.map(|c| sheet.text(r, c)).unwrap_or_default();
        if sheet.is_blank_row(r) {
            skipped.push(Skipped {
                at,
                kind: SkipKind::Blank,
            });
            continue;
        }
        let summary = text(col(Column::Summary));
        let voucher = text(col(Column::Voucher));
        let kind = SkipKind::from_summary(&summary).or_else(|| SkipKind::from_summary(&voucher));
        if let Some(kind) = kind {
            skipped.push(Skipped { at, kind });
            continue;
        }
        let repeats_header = header_labels
            .iter()
            .filter(|(c, l)| normalize(&sheet.text(r, *c)) == *l)
            .count()
            >= 3;
        if repeats_header {
            skipped.push(Skipped {
                at,
                kind: SkipKind::RepeatedHeader,
            });
            continue;
        }
        let debit = amount(sheet, r, col(Column::Debit))?;
        let credit = amount(sheet, r, col(Column::Credit))?;
        if debit == Decimal::ZERO && credit == Decimal::ZERO {
            skipped.push(Skipped {
                at,
                kind: SkipKind::NoAmount,
            });
            continue;
        }
        let date = match col(Column::Date) {
            Some(c) => date(sheet, r, c)?,
            None => None,
        };
        let (date, voucher) = if date.is_none() && voucher.is_empty() {
            (last_date, last_voucher.clone())
        } else {
            (date.or(last_date), voucher)
        };
        last_date = date;
        last_voucher.clone_from(&voucher);
        rows.push(LedgerRow {
            at,
            date,
            voucher,
            summary,
            account_code: text(col(Column::AccountCode)),
            account_name: text(col(Column::AccountName)),
            project: text(col(Column::Project)),
            payee: text(col(Column::Payee)),
            debit,
            credit,
            debit_col: col(Column::Debit),
            credit_col: col(Column::Credit),
            payee_col: col(Column::Payee),
        });
    }
    Ok(Ledger {
        file: Arc::clone(&sheet.file),
        sheet: Arc::clone(&sheet.name),
        header_row: header.row,
        columns: header.columns,
        rows,
        skipped,
    })
}

/// An amount cell as an exact decimal rounded to the fen.
fn amount(sheet: &Sheet, row: u32, col: Option<u32>) -> Result<Decimal> {
    let Some(col) = col else {
        return Ok(Decimal::ZERO);
    };
    let bad = |found: String| {
        Error::cell(
            sheet.at(row, col),
            found,
            "an amount (a number, or text like 1,234.56 or (1,234.56); blank for zero)",
        )
    };
    let value = match sheet.cell(row, col) {
        Data::Empty => Decimal::ZERO,
        Data::Float(f) => money::from_f64(*f).ok_or_else(|| bad(f.to_string()))?,
        Data::Int(i) => Decimal::from(*i),
        Data::String(s) => money::parse_amount(s).map_err(|_| bad(format!("“{s}”")))?,
        other => return Err(bad(describe(other))),
    };
    money::plausible(money::round_fen(value)).ok_or_else(|| {
        Error::cell(
            sheet.at(row, col),
            value.to_string(),
            "an amount below 1,000,000,000,000,000 yuan",
        )
    })
}

fn date(sheet: &Sheet, row: u32, col: u32) -> Result<Option<Date>> {
    let bad = |found: String| {
        Error::cell(
            sheet.at(row, col),
            found,
            "a date (2019-01-05, 2019/1/5, 2019.01.05, 20190105, 2019年1月5日 or a date cell)",
        )
    };
    match sheet.cell(row, col) {
        Data::Empty => Ok(None),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(y, m, d)
                .map(Some)
                .ok_or_else(|| bad(format!("{y}-{m}-{d}")))
        }
        Data::Float(f) => Date::from_serial(*f, sheet.is_1904)
            .map(Some)
            .ok_or_else(|| bad(f.to_string())),
        Data::Int(i) => Date::from_serial(*i as f64, sheet.is_1904)
            .map(Some)
            .ok_or_else(|| bad(i.to_string())),
        Data::String(s) | Data::DateTimeIso(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) | Data::DateTimeIso(s) => Date::parse(s)
            .map(Some)
            .ok_or_else(|| bad(format!("“{s}”"))),
        other => Err(bad(describe(other))),
    }
}

fn describe(value: &Data) -> String {
    match value {
        Data::Error(e) => format!("the error value {e}"),
        Data::Bool(b) => format!("the logical value {b}"),
        other => format!("“{}”", display(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn s(v: &str) -> Data {
        Data::String(v.to_string())
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

    #[test]
    fn reads_postings_and_accounts_for_every_other_row() {
        let sheet = Sheet::from_rows("ledger.xlsx", "明细账", sample());
        let ledger = read_sheet(&sheet).expect("reads");
        assert_eq!(ledger.header_row, 1);
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
        assert_eq!(first.debit, dec!(3000));
        assert_eq!(first.amount_at().to_string(), "ledger.xlsx!明细账!F4");
        // The second line of the voucher has no date or number: they are filled down.
        let second = &ledger.rows[1];
        assert_eq!(
            (second.date, second.voucher.as_str()),
            (Date::new(2019, 1, 10), "记-0001")
        );
        assert_eq!(second.debit, dec!(1000));
        assert_eq!(ledger.rows[2].debit, dec!(-1000));
    }

    #[test]
    fn a_bad_amount_names_its_cell() {
        let mut rows = sample();
        rows[3][5] = s("三千元");
        let err = read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ledger.xlsx!明细账!F4: found “三千元”, expected an amount (a number, or text like 1,234.56 or (1,234.56); blank for zero)"
        );
    }

    #[test]
    fn an_error_value_where_money_is_expected_names_its_cell() {
        let mut rows = sample();
        rows[3][5] = Data::Error(calamine::CellErrorType::Div0);
        let err = read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows)).unwrap_err();
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
        let err = read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows)).unwrap_err();
        assert!(err.to_string().starts_with("ledger.xlsx!明细账!F4: found 5000000000000000000000000000, expected an amount below"), "{err}");
    }

    #[test]
    fn a_bad_date_names_its_cell() {
        let mut rows = sample();
        rows[3][0] = s("2019-13-01");
        let err = read_sheet(&Sheet::from_rows("ledger.xlsx", "明细账", rows)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger.xlsx!明细账!A4: found “2019-13-01”, expected a date"),
            "{err}"
        );
    }

    #[test]
    fn a_sheet_without_debit_and_credit_has_no_header() {
        let rows = vec![vec![s("日期"), s("摘要"), s("科目"), s("备注")]];
        let err = read_sheet(&Sheet::from_rows("ledger.xlsx", "Sheet1", rows)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("ledger.xlsx!Sheet1: no header row in the first 1 rows; expected"),
            "{err}"
        );
    }
}
