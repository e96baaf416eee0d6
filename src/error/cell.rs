//! What a cell held and what it should have held: the two halves of every cell error, each a
//! fact said in the user's language.

use crate::date::Date;
use crate::lang::Lang;

/// What was found in a cell (or a row) that stops the reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A value as the cell shows it, quoted: `“三千元”`.
    Text(String),
    /// A number or a date as it stands, unquoted: `1e300`, `2021-03-05`.
    Value(String),
    /// An error value of the spreadsheet: `#DIV/0!`.
    ErrorValue(String),
    /// A logical value.
    Logical(bool),
    /// A formula the file keeps without its result, and how many such amount cells the sheet has.
    Formula { formula: String, count: usize },
    /// A blank cell.
    Blank,
    /// A statement's header with a date but no amount columns: the labels it could not place.
    BankHeader(Vec<String>),
    /// A money-out column empty in every one of so many items, all of them money in.
    EmptyMoneyOut(usize),
    /// One amount column, no side column, and not one of a few items negative.
    NoNegativeAmount(usize),
    /// A text cell holding a formula with no saved value.
    FormulaText { formula: String, count: usize },
    /// A ledger whose distinct texts pass 4 GiB.
    TextsOver4GiB,
    /// A header label in a column past what a posting can point at.
    ColumnTooFar { label: String, column: String },
    /// A second column headed like an amount column already read.
    SecondColumn {
        label: String,
        first: String,
        second: String,
    },
    /// A month and day without a year to put them in.
    DateWithoutYear { month: u32, day: u32 },
    /// A month and day (a day that does not exist).
    MonthDay { month: u32, day: u32 },
    /// The labels of a header row that lacks a column the rules file names.
    Header(Vec<String>),
    /// An empty 所属部分 on a budget line that has a 匹配条件.
    EmptyPart,
}

/// What the cell should have held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// An amount: a number, or text like 1,234.56 or (1,234.56); blank for zero.
    Amount,
    /// An amount in a 万元 cell, or any cell that says only "an amount".
    AnAmount,
    /// An amount below 10^15.
    AmountInRange,
    /// An amount saved with its value (the file was saved by a program that computes none).
    SavedAmount,
    /// The 扣分原因 of an evaluator's finding, saved as text.
    SavedReason,
    /// The reason for a deduction.
    Reason,
    /// A statement's money-out column that holds the payments.
    MoneyOut,
    /// A signed amount, or a side column, for a statement read all money in.
    SignedOrSide,
    /// A 评分 sheet's score: a number.
    Score,
    /// A 计数 sheet's value: a number.
    Count,
    /// A year: 2021.
    Year,
    /// A 预算明细 line's 资金来源.
    FundSource,
    /// One declaration per year, each sheet with its own: in its name or its `（2021年度）`.
    DeclarationYear,
    /// One value per count (and year): the first's cell.
    OneCount(String),
    /// A score within the indicator's points.
    ScoreWithin(String),
    /// The reason for a score below full marks.
    ScoreReason,
    /// The amount columns of a bank statement.
    BankAmounts,
    /// Distinct texts within 4 GiB.
    TextsWithin4GiB,
    /// The ledger's columns within the first 65,534.
    ColumnsInReach,
    /// One column per amount.
    OneColumnPerAmount,
    /// A year for split 月/日 columns.
    YearForSplitDate,
    /// A day that exists.
    DayThatExists,
    /// A date within the period the title states, at the cell that states it.
    DateInPeriod {
        start: Date,
        end: Date,
        stated: String,
    },
    /// A date in one of the usual forms.
    Date,
    /// 借 or 贷.
    Side,
    /// The side of a bank item: 借 (out) or 贷 (in), 付 or 收.
    BankSide,
    /// The same amount as the statement's other pair of columns gives (工商银行's 交易金额 and
    /// 记账金额).
    SameAmount(String),
    /// Money on one side of a bank row only: the other side holds this.
    OneSide(String),
    /// A whole number from 1 to `max`.
    WholeNumber { max: u32 },
    /// A count of people up to 100,000,000, or blank.
    People,
    /// The points to deduct, a number.
    Points,
    /// A 自评表 row's 分值: a number not below zero, or `/`.
    FormPoints,
    /// A 执行率 as a percentage or a fraction.
    ExecutionRate,
    /// A 自评表 row's 得分 (the unit's own score): a number not below zero, or blank.
    FormScore,
    /// A 实际完成值 read against its target: a number, a word of the completion vocabulary, or
    /// the target's own words.
    Completion,
    /// A 预算数 of zero or more.
    PlanNotNegative,
    /// The part (所属部分) the line belongs to.
    Part,
    /// A 匹配条件: conditions on 项目, 科目, 摘要, 往来单位.
    Conditions,
    /// A column with the name the rules file gives for a role.
    NamedColumn { name: String, role: String },
}

impl Found {
    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Found::Text(t), _) => format!("“{}”", quoted(t, lang)),
            (Found::Value(v), _) => quoted(v, lang),
            (Found::ErrorValue(e), Lang::Zh) => format!("错误值 {e}"),
            (Found::ErrorValue(e), Lang::En) => format!("the error value {e}"),
            (Found::Logical(b), Lang::Zh) => {
                format!("逻辑值 {}", if *b { "TRUE" } else { "FALSE" })
            }
            (Found::Logical(b), Lang::En) => format!("the logical value {b}"),
            (Found::Formula { formula, count }, Lang::Zh) => {
                format!("公式 ={formula} 没有保存的计算结果（该表共{count}个这样的金额单元格）")
            }
            (Found::Formula { formula, count }, Lang::En) => format!(
                "the formula ={formula} with no saved value ({count} such amount cell(s) in the sheet)"
            ),
            (Found::BankHeader(labels), Lang::Zh) => format!(
                "银行对账单的表头行，其中未能识别的列为：{}",
                if labels.is_empty() {
                    "无".to_string()
                } else {
                    labels.join("、")
                }
            ),
            (Found::BankHeader(labels), Lang::En) => format!(
                "a bank statement's header row whose unplaced columns are: {}",
                if labels.is_empty() {
                    "none".to_string()
                } else {
                    labels.join(", ")
                }
            ),
            (Found::EmptyMoneyOut(n), Lang::Zh) => {
                format!("支出列在全部{n}笔流水中都为空，流水全是收入")
            }
            (Found::EmptyMoneyOut(n), Lang::En) => {
                format!("a money-out column empty in all {n} items, every one money in")
            }
            (Found::NoNegativeAmount(n), Lang::Zh) => {
                format!("唯一的金额列在全部{n}笔流水中都不是负数，又没有收支方向列，流水全成了收入")
            }
            (Found::NoNegativeAmount(n), Lang::En) => {
                format!(
                    "the one amount column is negative in none of {n} items and no column gives the side, so every item reads as money in"
                )
            }
            (Found::Blank, Lang::Zh) => "空白".into(),
            (Found::Blank, Lang::En) => "a blank cell".into(),
            (Found::FormulaText { formula, count }, Lang::Zh) => {
                format!("公式 ={formula} 没有保存的计算结果（该表共{count}个这样的单元格）")
            }
            (Found::FormulaText { formula, count }, Lang::En) => format!(
                "the formula ={formula} with no saved value ({count} such cell(s) in the sheet)"
            ),
            (Found::TextsOver4GiB, Lang::Zh) => "账页中不同文字的总量超过 4 GiB".into(),
            (Found::TextsOver4GiB, Lang::En) => "a ledger whose texts pass 4 GiB".into(),
            (Found::ColumnTooFar { label, column }, Lang::Zh) => format!("{column}列的“{label}”"),
            (Found::ColumnTooFar { label, column }, Lang::En) => {
                format!("“{label}” in column {column}")
            }
            (
                Found::SecondColumn {
                    label,
                    first,
                    second,
                },
                Lang::Zh,
            ) => format!("第二个名为“{label}”的列（{first}列和{second}列）"),
            (
                Found::SecondColumn {
                    label,
                    first,
                    second,
                },
                Lang::En,
            ) => format!("a second column headed “{label}” (columns {first} and {second})"),
            (Found::DateWithoutYear { month, day }, Lang::Zh) => {
                format!("{month}月{day}日，没有年份")
            }
            (Found::DateWithoutYear { month, day }, Lang::En) => {
                format!("{month}月{day}日 without a year")
            }
            (Found::MonthDay { month, day }, _) => format!("{month}月{day}日"),
            (Found::Header(labels), Lang::Zh) => format!("表头 {}", labels.join("、")),
            (Found::Header(labels), Lang::En) => format!("the header {}", labels.join(", ")),
            (Found::EmptyPart, Lang::Zh) => "有匹配条件的预算子项，所属部分为空".into(),
            (Found::EmptyPart, Lang::En) => "an empty 所属部分 on a line with a 匹配条件".into(),
        }
    }
}

impl Expected {
    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Expected::Amount, Lang::Zh) => {
                "金额（数字，或 1,234.56、(1,234.56) 这样的文字，逗号只作千位分隔；空白为零）".into()
            }
            (Expected::Amount, Lang::En) => {
                "an amount (a number, or text like 1,234.56 or (1,234.56), commas only between thousands; blank for zero)".into()
            }
            (Expected::AnAmount, Lang::Zh) => "金额".into(),
            (Expected::AnAmount, Lang::En) => "an amount".into(),
            (Expected::AmountInRange, Lang::Zh) => "小于 1,000,000,000,000,000 的金额".into(),
            (Expected::AmountInRange, Lang::En) => "an amount below 1,000,000,000,000,000".into(),
            (Expected::SavedAmount, Lang::Zh) => "金额：该文件由不计算公式的程序保存；请用 Excel、WPS 或 LibreOffice 打开后重新保存".into(),
            (Expected::SavedAmount, Lang::En) => "an amount: the file was saved by a program that does not compute formulas; open it in Excel, WPS or LibreOffice and save it again".into(),
            (Expected::SavedReason, Lang::Zh) => "扣分原因的文字：该文件由不计算公式的程序保存，这条扣分没有原因可写进报告；请用 Excel、WPS 或 LibreOffice 打开后重新保存，或把公式换成文字".into(),
            (Expected::SavedReason, Lang::En) => "the text of the 扣分原因: the file was saved by a program that does not compute formulas, so the deduction has no reason to report; open it in Excel, WPS or LibreOffice and save it again, or replace the formula by its text".into(),
            (Expected::BankAmounts, Lang::Zh) => "金额列：借方发生额／贷方发生额、收入金额／支出金额、存入／取出，或交易金额配借贷方向，或带正负号的交易金额".into(),
            (Expected::BankAmounts, Lang::En) => "the amount columns: 借方发生额 / 贷方发生额, 收入金额 / 支出金额, 存入 / 取出, or 交易金额 with its side (借贷), or a signed 交易金额".into(),
            (Expected::MoneyOut, Lang::Zh) => "有支出的支出列：一个账户的流水不会只有收入，像是读错了列；请用 jixiao check 查看所读的列，或在规则文件中写明".into(),
            (Expected::MoneyOut, Lang::En) => "a money-out column with the payments in it: an account's statement is not all money in, so a column seems misread; run jixiao check to see the columns read".into(),
            (Expected::Count, Lang::Zh) => "计数的数值（数字）".into(),
            (Expected::Count, Lang::En) => "the count's value, a number".into(),
            (Expected::FundSource, Lang::Zh) => "资金来源：当年财政拨款、上年结转资金或其他资金（财政拨款、结转、自筹等亦可）".into(),
            (Expected::FundSource, Lang::En) => "a source of money: 当年财政拨款 (this year's appropriation), 上年结转资金 (carried over) or 其他资金 (other; 财政拨款, 结转, 自筹 are understood)".into(),
            (Expected::Year, Lang::Zh) => "四位数的年度，如 2021".into(),
            (Expected::Year, Lang::En) => "a four-digit year such as 2021".into(),
            (Expected::DeclarationYear, Lang::Zh) => "多张申报表时每张一个年度，写在表名（2021年绩效目标申报表）或表内（2021年度），且各不相同".into(),
            (Expected::DeclarationYear, Lang::En) => "with several declarations, a year of its own on each: in the sheet's name (2021年绩效目标申报表) or in the form (2021年度), no two alike".into(),
            (Expected::OneCount(first), Lang::Zh) => format!("每个计数（及年度）只有一个数值，它已在 {first} 给出"),
            (Expected::OneCount(first), Lang::En) => format!("one value per count (and year), which {first} already gives"),
            (Expected::Score, Lang::Zh) => "评价组给出的得分（数字）".into(),
            (Expected::Score, Lang::En) => "the evaluation team's score, a number".into(),
            (Expected::ScoreWithin(points), Lang::Zh) => format!("0 到该指标分值 {points} 之间的得分"),
            (Expected::ScoreWithin(points), Lang::En) => format!("a score from 0 to the indicator's {points} points"),
            (Expected::ScoreReason, Lang::Zh) => "评分理由：得分低于满分时须写明理由，报告要引用".into(),
            (Expected::ScoreReason, Lang::En) => "the reason for the score: a score below full marks must say why, for the report".into(),
            (Expected::SignedOrSide, Lang::Zh) => "负数为支出的金额，或写明收支方向（借/贷、收/付）的列：一个账户的流水不会只有收入；若方向列的表头未被认出，请用 jixiao check 查看所读的列".into(),
            (Expected::SignedOrSide, Lang::En) => "an amount negative for money out, or a column giving the side (借/贷, 收/付): an account's statement is not all money in; if the side column's label was not recognised, run jixiao check to see the columns read".into(),
            (Expected::Reason, Lang::Zh) => "扣分原因：扣分的评价发现须写明原因，报告要引用".into(),
            (Expected::Reason, Lang::En) => "the 扣分原因: a finding that deducts points must say why, for the report".into(),
            (Expected::TextsWithin4GiB, Lang::Zh) => {
                "不同文字总量在 4 GiB 以内的账页；请按年度或科目拆分".into()
            }
            (Expected::TextsWithin4GiB, Lang::En) => {
                "a ledger whose distinct texts fit in 4 GiB; split it by year or by account".into()
            }
            (Expected::ColumnsInReach, Lang::Zh) => "账页各列位于前 65,534 列之内".into(),
            (Expected::ColumnsInReach, Lang::En) => {
                "the ledger's columns within the first 65,534".into()
            }
            (Expected::OneColumnPerAmount, Lang::Zh) => "每个金额只有一列；请删除或改名其中一列，或在规则文件的 [ledger.columns] 中指定要读的列".into(),
            (Expected::OneColumnPerAmount, Lang::En) => "one column per amount; rename or delete one, or name the column to read in the rules file's [ledger.columns]".into(),
            (Expected::YearForSplitDate, Lang::Zh) => "分列的月/日所属的年份：列上方的“2019年”、标题中的年份或文件名中的年份".into(),
            (Expected::YearForSplitDate, Lang::En) => "a year for the split 月/日 columns: a “2019年” banner over them, a year in the title, or one in the file name".into(),
            (Expected::DayThatExists, Lang::Zh) => "存在的日期".into(),
            (Expected::DayThatExists, Lang::En) => "a day that exists".into(),
            (Expected::DateInPeriod { start, end, stated }, Lang::Zh) => {
                format!("标题所载期间 {start} 至 {end} 之内的日期（{stated}）")
            }
            (Expected::DateInPeriod { start, end, stated }, Lang::En) => {
                format!("a date within the period {start} to {end} that the title states ({stated})")
            }
            (Expected::Date, Lang::Zh) => "日期（2019-01-05、2019/1/5、2019.01.05、20190105、2019年1月5日或日期单元格）".into(),
            (Expected::Date, Lang::En) => "a date (2019-01-05, 2019/1/5, 2019.01.05, 20190105, 2019年1月5日 or a date cell)".into(),
            (Expected::Side, Lang::Zh) => "金额方向：借或贷".into(),
            (Expected::Side, Lang::En) => "the side of the amount: 借 or 贷".into(),
            (Expected::OneSide(other), Lang::Zh) => format!(
                "一行只在借贷一方有金额，而这一行的另一方已有 {other}；无法确定这笔流水是收入还是支出"
            ),
            (Expected::OneSide(other), Lang::En) => format!(
                "money on one side of the row only, and the other side already holds {other}; whether the item is money in or out cannot be told"
            ),
            (Expected::SameAmount(other), Lang::Zh) => format!(
                "与另一组金额列（交易金额／记账金额）相同的金额 {other}；两组都填写却不一致，无法确定按哪一组计"
            ),
            (Expected::SameAmount(other), Lang::En) => format!(
                "the same amount as the other pair of amount columns (交易金额 / 记账金额), {other}; both are filled and disagree, so which to count cannot be told"
            ),
            (Expected::BankSide, Lang::Zh) => "收支方向：借（支出）或贷（收入），付或收".into(),
            (Expected::BankSide, Lang::En) => {
                "the side of the item: 借 (out) or 贷 (in), 付 or 收".into()
            }
            (Expected::WholeNumber { max }, Lang::Zh) => format!("1 至 {max} 的整数"),
            (Expected::WholeNumber { max }, Lang::En) => format!("a whole number from 1 to {max}"),
            (Expected::People, Lang::Zh) => "不超过 100,000,000 的人数，或空白".into(),
            (Expected::People, Lang::En) => "a count of people up to 100,000,000, or blank".into(),
            (Expected::Points, Lang::Zh) => "扣分分值（不小于零的数字，如 2）".into(),
            (Expected::Points, Lang::En) => "the points to deduct, a number not below zero (such as 2)".into(),
            (Expected::FormPoints, Lang::Zh) => "该行的分值（0 到 1000 的数字，如 10）；不适用的行写“/”".into(),
            (Expected::FormPoints, Lang::En) => "the row's points (分值), a number from 0 to 1000 such as 10, or “/” for a row that does not apply".into(),
            (Expected::ExecutionRate, Lang::Zh) => "执行率：百分数（94.09%）或小数（0.9409）；1 到 2 之间的数字分不清是百分数还是小数".into(),
            (Expected::ExecutionRate, Lang::En) => "an execution rate as a percentage (94.09%) or a fraction (0.9409); a number between 1 and 2 could be either".into(),
            (Expected::FormScore, Lang::Zh) => "单位自评的得分（0 到 1000 的数字），未自评则留空".into(),
            (Expected::FormScore, Lang::En) => "the unit's own score (得分), a number from 0 to 1000, or blank".into(),
            (Expected::Completion, Lang::Zh) => "实际完成值：数字（定量指标），或“达成”“部分达成”“未达成”及其常见说法（已完成、基本完成、未完成、是、否等，见 docs/self-evaluation.md），或与年度指标值相同的文字；其他说法无法判断是否达成，请改写".into(),
            (Expected::Completion, Lang::En) => "the actual (实际完成值): a number for a quantity, or 达成 / 部分达成 / 未达成 or a common equivalent (已完成, 基本完成, 未完成, 是, 否 …, docs/self-evaluation.md), or the target's own words; other wording cannot tell whether the target was met, so rewrite it".into(),
            (Expected::PlanNotNegative, Lang::Zh) => "不小于零的预算数（收回、调减的预算请在预算数中直接减去）".into(),
            (Expected::PlanNotNegative, Lang::En) => "a plan not below zero (take a recovered or reduced budget off the plan itself)".into(),
            (Expected::Part, Lang::Zh) => "该预算子项所属的部分".into(),
            (Expected::Part, Lang::En) => "the part (所属部分) the line belongs to".into(),
            (Expected::Conditions, Lang::Zh) => "项目:两节送温暖 或 科目:50204 这样的条件，多个条件用；分隔，字段为项目、科目、摘要、往来单位、年度（年度:2022）、日期（日期:2022-01-01..2023-03-31）".into(),
            (Expected::Conditions, Lang::En) => "conditions like 项目:两节送温暖 or 科目:50204, several joined by ；, on the fields 项目, 科目, 摘要, 往来单位, 年度 (年度:2022), 日期 (日期:2022-01-01..2023-03-31)".into(),
            (Expected::NamedColumn { name, role }, Lang::Zh) => {
                format!("名为“{name}”的列（规则文件为 {role} 指定的列名）")
            }
            (Expected::NamedColumn { name, role }, Lang::En) => {
                format!("a column named “{name}”, which the rules file gives for {role}")
            }
        }
    }
}

/// A cell's text as an error quotes it: whole up to a few hundred characters, else its start
/// and how long it is — a 5-million-character cell once made a 15 MB message.
pub fn quoted(text: &str, lang: Lang) -> String {
    const SHOWN: usize = 200;
    let n = text.chars().count();
    if n <= SHOWN {
        return text.to_string();
    }
    let start: String = text.chars().take(SHOWN).collect();
    lang.pick(
        format!("{start}……（共{n}字）"),
        format!("{start}… ({n} characters)"),
    )
}

#[cfg(test)]
mod quoting {
    use super::*;

    #[test]
    fn a_giant_cell_is_quoted_by_its_start_and_length() {
        let big = "摘".repeat(5_000_000);
        let q = quoted(&big, Lang::Zh);
        assert!(q.ends_with("……（共5000000字）"));
        assert_eq!(q.chars().count(), 200 + "……（共5000000字）".chars().count());
        assert_eq!(quoted("三千元", Lang::En), "三千元");
    }
}
