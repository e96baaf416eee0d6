//! The glossary: the domain's words in Chinese and in English, each said one way everywhere, and
//! the ways the tool writes counts, points, money and lists in each language.
//!
//! The stages hand over facts (a finding's kind and amounts, a note, an error); what the user
//! reads is made of them here and in each fact's own `say`, so that 资金到位率 is "funds-arrival
//! rate" in every output, a count reads "1 payment" and "3 payments", and a deduction "−1 point".
//! A Chinese term with no exact English one keeps the Chinese beside the English where a reader
//! needs to find it in the report (`budget line (预算子项)` in help, never in the tables).

use rust_decimal::Decimal;

use crate::lang::Lang;
use crate::money;

macro_rules! terms {
    ($($(#[doc = $doc:literal])* $term:ident = $zh:literal, $en:literal;)*) => {
        /// A word of the domain.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Term {
            $($(#[doc = $doc])* $term,)*
        }

        impl Term {
            /// Every term, for the tests that keep the glossary whole.
            pub const ALL: &[Term] = &[$(Term::$term),*];

            /// The word in `lang`, as it stands inside a sentence (English in lower case).
            pub fn say(self, lang: Lang) -> &'static str {
                match self {
                    $(Term::$term => lang.pick($zh, $en),)*
                }
            }
        }
    };
}

terms! {
    /// 资金到位率: the money arrived over the money planned.
    FundsArrivalRate = "资金到位率", "funds-arrival rate";
    /// 预算执行率: the money spent over the money arrived (or planned).
    ExecutionRate = "预算执行率", "execution rate";
    /// 预算数: the money planned.
    Planned = "预算数", "planned";
    /// 到位资金: the money that arrived for the fund.
    Arrived = "到位资金", "arrived";
    /// 实际支出: the money spent.
    Spent = "实际支出", "spent";
    /// 结余: planned less spent.
    Balance = "结余", "balance";
    /// 受益人数: the people the fund helped.
    Beneficiaries = "受益人数", "beneficiaries";
    /// 预算子项: a line of the budget, the unit money is planned and matched by.
    BudgetLine = "预算子项", "budget line";
    /// 所属部分: a part of the budget, holding lines.
    Part = "部分", "part";
    /// 合计.
    Total = "合计", "total";
    /// 小计.
    Subtotal = "小计", "subtotal";
    /// Arrivals booked to a part as a whole, on a row of their own.
    ArrivedForPart = "（部分整体到位）", "(arrivals for the whole part)";
    /// Arrivals booked to the fund as a whole, on a row of their own.
    ArrivedForFund = "（项目整体到位）", "(arrivals for the whole fund)";
    /// 依据: the cells behind a figure or a deduction.
    Evidence = "依据", "evidence";
    /// 注: something the user should know that is not an error.
    Note = "注", "note";
    /// 审计发现: what the audit checks found.
    Findings = "审计发现", "findings";
    /// 账页行数: how the ledger's rows were used.
    LedgerRows = "账页行数", "ledger rows";
    /// 摘要: a posting's description.
    Summary = "摘要", "summary";
    /// 凭证字号: a posting's voucher.
    Voucher = "凭证字号", "voucher";
    /// 银行对账单: the bank's statement of the fund's account.
    BankStatement = "银行对账单", "bank statement";
    /// 不适用: an indicator not assessed.
    NotApplicable = "不适用", "n/a";
    /// 无: nothing to list.
    None = "无", "none";
}

impl Term {
    /// The word at the head of a column or a line: in English with a capital.
    pub fn heading(self, lang: Lang) -> String {
        capitalised(self.say(lang))
    }
}

/// `text` with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// 笔: a payment, a posting, a bank item.
    Payment,
    Posting,
    BankItem,
    /// 项: an entry of a list.
    Entry,
    Fund,
    Person,
    Row,
    /// 处: a place in the inputs (a cell).
    Place,
}

impl Noun {
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Noun::Payment => ("笔", "payment", "payments"),
            Noun::Posting => ("笔分录", "posting", "postings"),
            Noun::BankItem => ("笔流水", "bank item", "bank items"),
            Noun::Entry => ("项", "entry", "entries"),
            Noun::Fund => ("个", "fund", "funds"),
            Noun::Person => ("人", "person", "people"),
            Noun::Row => ("行", "row", "rows"),
            Noun::Place => ("处", "place", "places"),
        }
    }
}

/// `3笔` / `3 payments`, `1 payment`.
pub fn count(lang: Lang, n: usize, noun: Noun) -> String {
    let (zh, one, many) = noun.words();
    match lang {
        Lang::Zh => format!("{n}{zh}"),
        Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
    }
}

/// Points as the tables show them: at most two decimals, no trailing zeros (`1`, `0.5`).
pub fn points(d: Decimal) -> String {
    money::round(d, 2).normalize().to_string()
}

/// A deduction: `扣1分` / `−1 point`, `−0.5 points`.
pub fn points_off(lang: Lang, d: Decimal) -> String {
    let p = points(d);
    match lang {
        Lang::Zh => format!("扣{p}分"),
        Lang::En if p == "1" => "−1 point".to_string(),
        Lang::En => format!("−{p} points"),
    }
}

/// Money in yuan: `1,000.00元` / `1,000.00 yuan`.
pub fn yuan(lang: Lang, d: Decimal) -> String {
    let amount = money::fmt_yuan_grouped(d);
    lang.pick(format!("{amount}元"), format!("{amount} yuan"))
}

/// Money in 万元, as reports write it: `149.99万元` / `149.99 (10k yuan)`.
pub fn wan(lang: Lang, d: Decimal) -> String {
    let amount = money::fmt_wan(d);
    lang.pick(format!("{amount}万元"), format!("{amount} (10k yuan)"))
}

/// Items of a list: `甲、乙、丙` / `甲, 乙, 丙`.
pub fn list<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(lang.pick("、", ", "))
}

/// Sentences or clauses one after another: `甲；乙` / `甲; 乙`.
pub fn clauses<S: AsRef<str>>(lang: Lang, items: &[S]) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(lang.pick("；", "; "))
}

/// A label and what follows it: `注：…` / `note: …`.
pub fn labelled(lang: Lang, label: &str, text: &str) -> String {
    lang.pick(format!("{label}：{text}"), format!("{label}: {text}"))
}

/// An aside: `（…）` / ` (…)`.
pub fn aside(lang: Lang, text: &str) -> String {
    lang.pick(format!("（{text}）"), format!(" ({text})"))
}

/// A grade as the national bands name it, with its English beside it in English.
pub fn grade(lang: Lang, grade: &str) -> String {
    let en = match grade {
        "优" => "excellent",
        "良" => "good",
        "中" => "fair",
        "差" => "poor",
        _ => "",
    };
    match lang {
        Lang::En if !en.is_empty() => format!("{grade} ({en})"),
        _ => grade.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn counts_and_points_read_naturally() {
        assert_eq!(count(Lang::En, 1, Noun::Payment), "1 payment");
        assert_eq!(count(Lang::En, 3, Noun::Payment), "3 payments");
        assert_eq!(count(Lang::En, 0, Noun::Entry), "0 entries");
        assert_eq!(count(Lang::Zh, 3, Noun::Payment), "3笔");
        assert_eq!(points_off(Lang::En, dec!(1)), "−1 point");
        assert_eq!(points_off(Lang::En, dec!(1.00)), "−1 point");
        assert_eq!(points_off(Lang::En, dec!(0.5)), "−0.5 points");
        assert_eq!(points_off(Lang::Zh, dec!(4)), "扣4分");
        assert_eq!(grade(Lang::En, "良"), "良 (good)");
        assert_eq!(grade(Lang::Zh, "良"), "良");
    }

    #[test]
    fn every_term_has_both_languages() {
        for t in Term::ALL {
            let (zh, en) = (t.say(Lang::Zh), t.say(Lang::En));
            assert!(zh.chars().any(|c| c > '\u{3000}'), "{t:?}");
            assert!(en.is_ascii() && !en.is_empty(), "{t:?}");
            assert_eq!(t.heading(Lang::En).to_lowercase(), en.to_lowercase());
        }
    }
}
