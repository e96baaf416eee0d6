//! The words a ledger is read by: the labels each column goes by in the exports of 用友, 金蝶
//! and 政务 software, the labels of rows that are not postings (期初余额, 本月合计 …), and the
//! names of ledger sheets. A new export's label is one entry here (and a fixture).

use std::fmt;

use serde::Serialize;

use crate::label::normalize;

/// What a ledger column holds. The snake-case names are the keys of a rules file's
/// `[ledger.columns]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Date,
    /// The parts of a split date.
    Year,
    Month,
    Day,
    /// 凭证字号 (`记-0015`), or the number alone when [`Column::VoucherWord`] is apart.
    Voucher,
    /// 凭证字: `记`, `银付`.
    VoucherWord,
    /// 摘要: the posting's description.
    Summary,
    AccountCode,
    AccountName,
    /// 对方科目: recognised so that it is not taken for the account.
    CounterAccount,
    /// 项目: the project auxiliary item (辅助核算).
    Project,
    /// 往来单位 / 收款人 / 客商: who was paid or who paid.
    Payee,
    Customer,
    Supplier,
    Employee,
    /// 辅助项: all auxiliary items in one cell, `【项目：X】【客商：Y】`.
    Auxiliary,
    Debit,
    Credit,
    /// One amount whose side is in [`Column::Direction`] (序时账).
    Amount,
    /// 方向: the posting's side next to a single amount, the balance's side next to 余额.
    Direction,
    Balance,
}

/// Labels each column goes by in 用友 U8 / NC / 政务, 金蝶 K3 / KIS / 精斗云 exports.
pub(super) const VOCABULARY: &[(Column, &[&str])] = &[
    (
        Column::Date,
        &[
            "日期",
            "制单日期",
            "记账日期",
            "业务日期",
            "凭证日期",
            "交易日期",
        ],
    ),
    (Column::Year, &["年", "年度", "会计年度", "日期年"]),
    (Column::Month, &["月", "月份", "日期月"]),
    (Column::Day, &["日", "日期日"]),
    (
        Column::Voucher,
        &["凭证字号", "凭证号", "凭证号数", "凭证编号", "凭证"],
    ),
    (Column::VoucherWord, &["凭证字", "凭证类别", "凭证类型"]),
    (Column::Summary, &["摘要"]),
    (
        Column::AccountCode,
        &["科目编码", "科目代码", "会计科目编码", "科目号"],
    ),
    (
        Column::AccountName,
        &["科目名称", "会计科目", "科目", "科目全名"],
    ),
    (Column::CounterAccount, &["对方科目", "对方科目名称"]),
    (
        Column::Project,
        &[
            "项目",
            "项目名称",
            "预算项目",
            "项目辅助核算",
            "核算项目",
            "项目-名称",
            "项目档案",
        ],
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
            "客商-名称",
            "收款人名称",
            "往来单位名称",
        ],
    ),
    (Column::Customer, &["客户", "客户名称"]),
    (Column::Supplier, &["供应商", "供应商名称"]),
    (
        Column::Employee,
        &["职员", "人员", "人员档案-名称", "职员名称"],
    ),
    (
        Column::Auxiliary,
        &["辅助项", "辅助核算", "辅助核算项", "核算维度"],
    ),
    (
        Column::Debit,
        &["借方", "借方金额", "借方发生额", "借方本币"],
    ),
    (
        Column::Credit,
        &["贷方", "贷方金额", "贷方发生额", "贷方本币"],
    ),
    (Column::Amount, &["金额", "发生额", "本币金额"]),
    (
        Column::Direction,
        &[
            "方向",
            "借贷方向",
            "借或贷",
            "余额方向",
            "借贷",
            "借贷标志",
            "借贷标识",
        ],
    ),
    (Column::Balance, &["余额"]),
];

/// A label holding one of these names another thing than its alias suggests (`借方数量` is a
/// quantity, `对方科目` the counter-account): such labels match only exactly.
/// Words that make a label name something else than the role it contains: `借方数量`, `对方科目`,
/// and the flag columns of a 凭证导入模板 (`凭证合计金额是否保值`, `金额标志`), which hold yes or
/// no, never money.
pub(super) const EXCLUDED: &[&str] = &[
    "数量", "单价", "原币", "外币", "汇率", "对方", "经办", "是否", "标志", "标识",
];

/// More characters than any skip label has (`承前页`, `本年累计`, `期末余额`).
const SKIP_LABEL_CHARS: usize = 8;

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

    /// The kind as the user reads it: the label in Chinese, its meaning in English.
    pub fn say(self, lang: crate::lang::Lang) -> &'static str {
        let en = match self {
            SkipKind::OpeningBalance => "opening balance",
            SkipKind::CarriedForward => "carried forward from last year",
            SkipKind::MonthTotal => "month's total",
            SkipKind::PeriodTotal => "period's total",
            SkipKind::YearTotal => "year to date",
            SkipKind::ClosingBalance => "closing balance",
            SkipKind::Total => "total",
            SkipKind::PageTotal => "page's total",
            SkipKind::CarriedToNextPage => "carried to the next page",
            SkipKind::BroughtForwardFromPage => "brought forward from the last page",
            SkipKind::RepeatedHeader => "header repeated",
            SkipKind::NoAmount => "no amount",
            SkipKind::Blank => "blank",
        };
        lang.pick(self.label(), en)
    }

    pub(super) fn from_text(text: &str) -> Option<SkipKind> {
        // The labels are four characters or so; a posting's summary is longer, and is not
        // normalised for nothing. Spaces (`本　月　合　计`) do not count.
        if text
            .chars()
            .filter(|c| !c.is_whitespace())
            .nth(SKIP_LABEL_CHARS)
            .is_some()
        {
            return None;
        }
        let s = normalize(text);
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

/// Sheets named like a ledger are read first.
pub(super) const SHEET_NAMES: &[&str] = &["明细账", "序时账", "凭证", "日记账", "分类账"];
