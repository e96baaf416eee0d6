//! Inputs that were read, but from which no grade can be stood behind: a ledger whose chart of
//! accounts cannot be told, whose money mostly reaches no budget line, with no date on any
//! row, or figures of two inputs that differ by a unit. `check` lists each as what stops the
//! evaluation; `evaluate` refuses with it. Each names the file and, where it can, the cells.

use rust_decimal::Decimal;

use crate::chart;
use crate::glossary::{list, yuan};
use crate::lang::Lang;
use crate::location::CellRef;

/// Why the ledger's money mostly reached no budget line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreached {
    /// No posting is on an arrival or spending account.
    NoFundAccounts,
    /// The budget lines' conditions read these fields (项目, 往来单位 …), empty on every posting:
    /// the export lacks the column.
    EmptyFields(Vec<&'static str>),
    /// The conditions read fields the ledger has, but few postings meet them.
    Unmatched,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Unevaluable {
    /// The ledger's accounts fit no chart, or charts that read money differently.
    Chart {
        file: String,
        problem: chart::Problem,
    },
    /// Under half the money on the fund's accounts reaches a budget line, a part or the fund.
    Unreached {
        file: String,
        /// Money on arrival and spending accounts, each posting's size.
        on_fund_accounts: Decimal,
        reached: Decimal,
        why: Unreached,
    },
    /// No posting has a date: timeliness and the budget year cannot be told.
    NoDates { file: String },
    /// A target written as a bare number above 1 (`95`) whose actual value is a rate (90 %):
    /// read as 95, it would be met 0.95 %.
    PercentWithoutUnit {
        target: String,
        at: CellRef,
        written: String,
        actual: String,
        /// The completion the bare number would give.
        completion: String,
    },
    /// A 自评表's own 分值 that do not add up to its 总分 (or to the system's total when it
    /// prints none): which to grade by is the rules file's to say (`[targets] points`).
    FormPoints {
        sum: Decimal,
        total: Decimal,
        /// The 总分 row's 分值 cell.
        total_at: Option<CellRef>,
        /// Each dimension, its points, and the 分值 cells behind them (none for a dimension of
        /// the system's own, such as 预算执行率).
        sections: Vec<(String, Decimal, Vec<CellRef>)>,
    },
    /// A 实际完成值 in words the completion vocabulary does not read, on a target nothing else
    /// gives an actual for: whether it was met would be a guess.
    Actual { at: CellRef, actual: String },
    /// Two figures of the inputs that should agree differ by a unit's factor (元 against 万元).
    Unit {
        first: (Decimal, CellRef),
        second: (Decimal, Option<CellRef>),
        /// How many times apart, rounded.
        factor: Decimal,
    },
}

impl Unevaluable {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Unevaluable::Chart { file, problem } => {
                let problem = problem.say(lang);
                lang.pick(format!("{file}：{problem}"), format!("{file}: {problem}"))
            }
            Unevaluable::Unreached {
                file,
                on_fund_accounts,
                reached,
                why,
            } => unreached(file, *on_fund_accounts, *reached, why, lang),
            Unevaluable::NoDates { file } => lang.pick(
                format!(
                    "{file}：没有一笔分录有日期（找不到日期列，或该列全空），无法判断支付是否及时、是否在预算年度内；应导出带日期的明细账或序时账，或在规则文件 [ledger.columns] 中用 date 指明日期列"
                ),
                format!(
                    "{file}: no posting has a date (no date column, or an empty one), so neither timeliness nor the budget year can be told; export the 明细账 or 序时账 with its dates, or name the date column with date in the rules file's [ledger.columns]"
                ),
            ),
            Unevaluable::PercentWithoutUnit {
                target,
                at,
                written,
                actual,
                completion,
            } => lang.pick(
                format!(
                    "{at}：“{target}”的指标值“{written}”没有单位，而实际值是百分比（{actual}）；按数字{written}计，完成率只有{completion}。若为百分数，请写成“{written}%”，或在表头写“指标值(%)”"
                ),
                format!(
                    "{at}: the target value of “{target}”, “{written}”, has no unit, but its actual value is a percentage ({actual}); read as the number {written} it would be {completion} met. If it is a percentage, write “{written}%”, or head the column “指标值(%)”"
                ),
            ),
            Unevaluable::Actual { at, actual } => {
                let (found, expected) = (
                    super::Found::Text(actual.clone()).say(lang),
                    super::Expected::Completion.say(lang),
                );
                lang.pick(
                    format!("{at}：此处为{found}，应为{expected}"),
                    format!("{at}: found {found}, expected {expected}"),
                )
            }
            Unevaluable::FormPoints {
                sum,
                total,
                total_at,
                sections,
            } => form_points(*sum, *total, total_at.as_ref(), sections, lang),
            Unevaluable::Unit {
                first,
                second,
                factor,
            } => {
                let from = second
                    .1
                    .as_ref()
                    .map(|c| c.to_string())
                    .unwrap_or_default();
                match lang {
                    Lang::Zh => format!(
                        "{}：申报表的年度资金总额为{}，而预算明细合计{}（{from} 起），相差约{factor}倍，像是一处按元、一处按万元填写；请核对两处的金额单位（表头或“金额单位：”一行）后改正其一",
                        first.1,
                        yuan(lang, first.0),
                        yuan(lang, second.0)
                    ),
                    Lang::En => format!(
                        "{}: the declaration's 年度资金总额 is {}, but the budget lines add up to {} (from {from}), about {factor} times apart, as if one were filled in yuan and the other in 10k yuan; check the unit of each (the header, or the 金额单位 line) and correct one",
                        first.1,
                        yuan(lang, first.0),
                        yuan(lang, second.0)
                    ),
                }
            }
        }
    }
}

fn form_points(
    sum: Decimal,
    total: Decimal,
    total_at: Option<&CellRef>,
    sections: &[(String, Decimal, Vec<CellRef>)],
    lang: Lang,
) -> String {
    let parts: Vec<String> = sections
        .iter()
        .map(|(name, points, cells)| {
            let points = crate::glossary::points(*points);
            let cells: Vec<String> = cells
                .iter()
                .map(|c| format!("{}{}", crate::location::column_name(c.col), c.excel_row()))
                .collect();
            match (cells.is_empty(), lang) {
                (true, Lang::Zh) => format!("{name} {points}分（指标体系）"),
                (true, Lang::En) => format!("{name} {points} (the system's)"),
                (false, Lang::Zh) => format!("{name} {points}分（{}）", cells.join("、")),
                (false, Lang::En) => format!("{name} {points} ({})", cells.join(", ")),
            }
        })
        .collect();
    let (sum, total) = (crate::glossary::points(sum), crate::glossary::points(total));
    let place = sections
        .iter()
        .flat_map(|(_, _, cells)| cells.first())
        .next()
        .or(total_at)
        .map(|c| format!("{}!{}", c.file(), c.sheet()))
        .unwrap_or_default();
    let of_total = match (total_at, lang) {
        (Some(at), Lang::Zh) => format!(
            "表上总分{total}分（{}{}）",
            crate::location::column_name(at.col),
            at.excel_row()
        ),
        (Some(at), Lang::En) => format!(
            "the form's 总分 of {total} ({}{})",
            crate::location::column_name(at.col),
            at.excel_row()
        ),
        (None, Lang::Zh) => format!("指标体系的总分{total}分"),
        (None, Lang::En) => format!("the system's total of {total}"),
    };
    lang.pick(
        format!(
            "{place}：自评表的分值合计{sum}分（{}），与{of_total}不符，按哪个评分无从判断；请改正分值，或在规则文件 [targets] 中写 points = \"form\"（按表上分值，满分{sum}分，等级按比例）或 points = \"system\"（按指标体系各一级的权重，表上分值在一级内按比例折算）",
            parts.join("；")
        ),
        format!(
            "{place}: the form's points (分值) add up to {sum} ({}), not {of_total}, so which to score by cannot be told; correct the points, or write in the rules file's [targets] points = \"form\" (the form's points as written, out of {sum}, graded in proportion) or points = \"system\" (the system's weight for each dimension, the form's points shared within it)",
            parts.join("; ")
        ),
    )
}

fn unreached(
    file: &str,
    on_fund_accounts: Decimal,
    reached: Decimal,
    why: &Unreached,
    lang: Lang,
) -> String {
    let share = crate::money::ratio(reached, on_fund_accounts)
        .map(crate::money::fmt_percent)
        .unwrap_or_else(|| "0.00%".into());
    let check = lang.pick(
        "运行 jixiao check 查看每个预算子项匹配到的分录",
        "run jixiao check to see the postings each budget line claims",
    );
    match (why, lang) {
        (Unreached::NoFundAccounts, Lang::Zh) => format!(
            "{file}：没有一笔分录在到位资金或支出科目上，无法评价；{check}，核对会计制度和科目（规则文件 [ledger] 的 chart、arrival_accounts、spending_accounts）"
        ),
        (Unreached::NoFundAccounts, Lang::En) => format!(
            "{file}: no posting is on an arrival or spending account, so nothing can be evaluated; {check}, and check the chart of accounts (chart, arrival_accounts, spending_accounts in the rules file's [ledger])"
        ),
        (Unreached::EmptyFields(fields), Lang::Zh) => format!(
            "{file}：预算明细的匹配条件按{}匹配，而账页没有这一列（或该列全空），按它匹配的预算子项一笔分录也得不到，无法评价（资金科目上的{}中有{}即{share}归入预算子项、部分或项目整体）；应导出带{}的明细账（如项目辅助明细账），或在预算明细的匹配条件中改用账页有的列（摘要、科目）",
            list(lang, fields),
            yuan(lang, on_fund_accounts),
            yuan(lang, reached),
            list(lang, fields)
        ),
        (Unreached::EmptyFields(fields), Lang::En) => format!(
            "{file}: the budget's 匹配条件 read {}, and the ledger has no such column (or an empty one), so the lines that match on it get no posting and nothing can be evaluated (of {} on the fund's accounts, {} or {share} reaches a budget line, a part or the fund); export the ledger with it (a 项目辅助明细账), or make the 匹配条件 read columns the ledger has (摘要, 科目)",
            list(lang, fields),
            yuan(lang, on_fund_accounts),
            yuan(lang, reached)
        ),
        (Unreached::Unmatched, Lang::Zh) => format!(
            "{file}：资金科目上的{}中只有{}（{share}）归入预算子项、部分或项目整体，不足一半，无法评价；{check}，改正预算明细的匹配条件",
            yuan(lang, on_fund_accounts),
            yuan(lang, reached)
        ),
        (Unreached::Unmatched, Lang::En) => format!(
            "{file}: of {} on the fund's accounts only {} ({share}) reaches a budget line, a part or the fund, under half, so nothing can be evaluated; {check}, and correct the budget's 匹配条件",
            yuan(lang, on_fund_accounts),
            yuan(lang, reached)
        ),
    }
}
