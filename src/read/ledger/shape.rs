//! How a ledger sheet is laid out, as the reader recognised it, and the sheets it left alone:
//! facts that `check` and the notes show the user in their language, so that a user whose export
//! is laid out otherwise sees which reading was taken.

use std::sync::Arc;

use crate::glossary::{clauses, list};
use crate::lang::Lang;
use crate::location::column_name;

/// Where the year of a date split into 月 and 日 columns comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSource {
    /// A 年 column.
    Column,
    /// A `2019年` banner over the 月/日 columns.
    Banner(u16),
    /// The title's period or year.
    Title(u16),
    /// The file's name: presumed.
    FileName(u16),
    Missing,
}

/// One trait of a sheet's layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// 借方 and 贷方 in two columns.
    TwoSides,
    /// One amount with a 方向 column (a 序时账).
    AmountAndSide,
    /// A header over two rows.
    TwoHeaderRows,
    /// The date split into columns, the year from where it says.
    SplitDate(YearSource),
    /// A label heading several columns, of which one is read.
    RepeatedLabel {
        label: String,
        columns: Vec<u32>,
        read: u32,
    },
    /// 凭证字 and 凭证号 in two columns.
    VoucherWordApart,
    /// The auxiliary items (辅助项) merged in one column.
    AuxiliaryMerged,
    /// The auxiliary items in their own columns (客户/供应商/职员).
    AuxiliaryApart,
    /// A sheet the workbook hides, whose postings were read.
    Hidden,
}

impl Shape {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Shape::TwoSides => lang.pick("借贷两栏", "debit and credit columns").into(),
            Shape::AmountAndSide => lang
                .pick("金额＋方向（序时账）", "an amount and its side (a journal)")
                .into(),
            Shape::TwoHeaderRows => lang.pick("两行表头", "a header of two rows").into(),
            Shape::SplitDate(source) => match (source, lang) {
                (YearSource::Column, Lang::Zh) => "日期分列（年/月/日）".into(),
                (YearSource::Banner(y), Lang::Zh) => {
                    format!("日期分列（月/日），年份取自表头“{y}年”")
                }
                (YearSource::Title(y), Lang::Zh) => format!("日期分列（月/日），年份{y}取自标题"),
                (YearSource::FileName(y), Lang::Zh) => {
                    format!("日期分列（月/日），年份{y}取自文件名（推定）")
                }
                (YearSource::Missing, Lang::Zh) => "日期分列（月/日），缺少年份".into(),
                (YearSource::Column, Lang::En) => "the date in columns (year/month/day)".into(),
                (YearSource::Banner(y), Lang::En) => {
                    format!("the date in columns (month/day), the year {y} from the header")
                }
                (YearSource::Title(y), Lang::En) => {
                    format!("the date in columns (month/day), the year {y} from the title")
                }
                (YearSource::FileName(y), Lang::En) => format!(
                    "the date in columns (month/day), the year {y} from the file's name (presumed)"
                ),
                (YearSource::Missing, Lang::En) => {
                    "the date in columns (month/day), without a year".into()
                }
            },
            Shape::RepeatedLabel {
                label,
                columns,
                read,
            } => {
                let names: Vec<String> = columns.iter().map(|c| column_name(*c)).collect();
                match lang {
                    Lang::Zh => format!(
                        "列名重复：“{label}”在{}列，读取{}列",
                        list(lang, &names),
                        column_name(*read)
                    ),
                    Lang::En => format!(
                        "“{label}” heads columns {}: column {} is read",
                        list(lang, &names),
                        column_name(*read)
                    ),
                }
            }
            Shape::VoucherWordApart => lang
                .pick(
                    "凭证字、凭证号分列",
                    "the voucher's word and number in two columns",
                )
                .into(),
            Shape::AuxiliaryMerged => lang
                .pick("辅助项合并列", "the auxiliary items in one column")
                .into(),
            Shape::AuxiliaryApart => lang
                .pick(
                    "辅助核算分列（客户/供应商/职员）",
                    "the auxiliary items in columns (customer/supplier/employee)",
                )
                .into(),
            Shape::Hidden => lang
                .pick(
                    "隐藏工作表（其中的分录已读取）",
                    "a hidden sheet (its postings were read)",
                )
                .into(),
        }
    }
}

/// The traits of a layout in a line: `借贷两栏；两行表头`.
pub fn describe(shapes: &[Shape], lang: Lang) -> String {
    let said: Vec<String> = shapes.iter().map(|s| s.say(lang)).collect();
    clauses(lang, &said)
}

/// A sheet of a ledger workbook that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub file: Arc<str>,
    pub sheet: String,
    pub why: WhyIgnored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhyIgnored {
    /// Other sheets are named like ledgers and this one is not.
    NotNamedLikeALedger,
    /// It holds something, but no ledger header.
    NoHeader,
    /// It is another table (a 科目余额表 beside the 明细账).
    NotALedger(crate::error::NotALedger),
}

impl Ignored {
    pub fn say(&self, lang: Lang) -> String {
        let why = match (self.why, lang) {
            (WhyIgnored::NotNamedLikeALedger, Lang::Zh) => format!(
                "不是账页（工作表名称不含{}），未读取",
                list(lang, super::SHEET_NAMES)
            ),
            (WhyIgnored::NotNamedLikeALedger, Lang::En) => {
                "not a ledger: other sheets are named like ledgers and this one is not; not read"
                    .to_string()
            }
            (WhyIgnored::NoHeader, Lang::Zh) => "没有可识别的账页表头，未读取".into(),
            (WhyIgnored::NoHeader, Lang::En) => "no ledger header recognised; not read".into(),
            (WhyIgnored::NotALedger(kind), _) => format!(
                "{}{}",
                kind.say(lang),
                lang.pick("，不是明细账，未读取", ", not a ledger; not read")
            ),
        };
        lang.pick(
            format!("{}!{}：{why}", self.file, self.sheet),
            format!("{}!{}: {why}", self.file, self.sheet),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_in_both_languages() {
        let shapes = [Shape::TwoSides, Shape::SplitDate(YearSource::Banner(2019))];
        assert_eq!(
            describe(&shapes, Lang::Zh),
            "借贷两栏；日期分列（月/日），年份取自表头“2019年”"
        );
        assert_eq!(
            describe(&shapes, Lang::En),
            "debit and credit columns; the date in columns (month/day), the year 2019 from the header"
        );
    }
}
