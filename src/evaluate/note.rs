//! What the user should know about an evaluation that is not an error: a file used without
//! being named, figures of the inputs that disagree, money no budget line claims. Each note is a
//! fact; [`Note::say`] puts it in the user's language.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::chart;
use crate::glossary::{Noun, count, list, wan, yuan};
use crate::lang::Lang;
use crate::location::CellRef;
use crate::reconcile::{Books, Flow};

#[derive(Debug, Clone)]
pub enum Note {
    /// A bank statement found beside the ledger and used without being named.
    BankBeside { file: String },
    /// A rules file found beside the targets workbook and used without being named.
    RulesBeside { file: String },
    /// The bank statement set beside the ledger: its sheet and how many items it holds.
    BankStatement {
        file: Arc<str>,
        sheet: Arc<str>,
        items: usize,
        /// Rows below the header that are not items: without a date (totals, notes), and with
        /// no money either way.
        undated: usize,
        zero: usize,
    },
    /// The chart of accounts the ledger was read by, and how it was settled.
    Chart(chart::Found),
    /// The ledger keeps more than one set of books (政府会计's parallel books).
    Books(Books),
    /// The declaration's annual funds differ from the budget lines' total, which is used.
    DeclaredTotal {
        declared: Decimal,
        planned: Decimal,
        /// The 年度资金总额 cell.
        at: Option<CellRef>,
    },
    /// A part's lines plan more than the part itself.
    LinesAbovePart {
        at: CellRef,
        part: String,
        lines: Decimal,
        planned: Decimal,
    },
    /// Arrivals or payments no budget line claims, left out of the reconciliation.
    Unassigned {
        flow: Flow,
        count: usize,
        sum: Decimal,
    },
    /// Postings on the fund's accounts no budget line claims, listed among the findings.
    UnassignedPostings { count: usize },
    /// Money booked to a part or the fund as a whole in a fund whose lines have years: it is
    /// of no one year, and the years' rows and figures leave it out.
    WholeArrivalsInNoYear { amount: Decimal },
    /// Postings placed in a line's year by their date alone (their 项目 names no year): a
    /// payment made the year after is then the next year's, and cannot be told late.
    YearsByDate { count: usize },
    /// Targets of one year bound to money or a count of the whole fund, not used: (target with
    /// its year, the measure's label).
    WholeForAYear(Vec<(String, String)>),
    /// Targets whose actual value was taken, by their name and unit, from a measure: (target,
    /// measure).
    InferredActuals(Vec<(String, String)>),
    /// Targets whose actual value no input gives: the evaluators score them.
    Unmeasured { targets: Vec<String> },
    /// 自评表 rows scored at other points than the form's 分值: (row, the form's, the points
    /// it is scored at).
    FormPointsChanged(Vec<(String, rust_decimal::Decimal, rust_decimal::Decimal)>),
    /// Budget lines of the rules file's `[budget.match]` the budget does not have.
    UnusedBudgetMatch { lines: Vec<String> },
    /// The survey was read from a file of its own (`--survey`), and the targets workbook's
    /// 问卷 sheet left unread.
    SurveyInstead {
        file: Arc<str>,
        sheet: Arc<str>,
        unread: Arc<str>,
    },
    /// Survey answers that could not be counted, and answer sheets numbered twice.
    SurveyProblems(SurveyProblems),
    /// Survey questions answered by option numbers and read by the options' default order.
    SurveyDecoded(Vec<crate::measure::Decoded>),
}

/// What in a survey could not be counted as it stands, with the cells.
#[derive(Debug, Clone, Default)]
pub struct SurveyProblems {
    /// Answers that are no option of their question: (cell, the answer).
    pub outside: Vec<(CellRef, String)>,
    /// The `[survey]` keys that list the options of the questions with such answers.
    pub option_keys: Vec<&'static str>,
    /// Answers left blank where one was due.
    pub empty: Vec<CellRef>,
    /// Repeated 序号: (the repeat's cell, the first's cell, the 序号, same answers).
    pub repeated: Vec<(CellRef, CellRef, String, bool)>,
}

impl SurveyProblems {
    pub fn is_empty(&self) -> bool {
        self.outside.is_empty() && self.empty.is_empty() && self.repeated.is_empty()
    }

    /// The first cell to look at.
    fn first(&self) -> Option<CellRef> {
        self.outside
            .iter()
            .map(|(at, _)| at)
            .chain(&self.empty)
            .chain(self.repeated.iter().map(|(at, ..)| at))
            .min()
            .cloned()
    }

    fn say(&self, lang: Lang) -> String {
        /// So many cells named, the rest counted.
        const SHOWN: usize = 5;
        let more = |n: usize| {
            if n > SHOWN {
                lang.pick(format!("等{n}处"), format!(" and {} more", n - SHOWN))
            } else {
                String::new()
            }
        };
        let mut parts: Vec<String> = Vec::new();
        if !self.outside.is_empty() {
            let cells: Vec<String> = self
                .outside
                .iter()
                .take(SHOWN)
                .map(|(at, a)| format!("{at}“{a}”"))
                .collect();
            let n = self.outside.len();
            parts.push(lang.pick(
                format!("{n}个回答不是该题的选项，未计入（{}{}）；题目的选项（按序号下载时依次为1、2、3…）在规则文件 [survey] 的 {} 中写明", list(lang, &cells), more(n), list(lang, &self.option_keys)),
                format!("{n} answers are not options of their question and are not counted ({}{}); a question's options (in order, for answers downloaded as numbers 1, 2, 3 …) are listed in the rules file's [survey] {}", list(lang, &cells), more(n), list(lang, &self.option_keys)),
            ));
        }
        if !self.empty.is_empty() {
            let cells: Vec<String> = self
                .empty
                .iter()
                .take(SHOWN)
                .map(|at| at.to_string())
                .collect();
            let n = self.empty.len();
            parts.push(lang.pick(
                format!(
                    "{n}个应答的题目为空，未计入（{}{}）",
                    list(lang, &cells),
                    more(n)
                ),
                format!(
                    "{n} answers due are blank and are not counted ({}{})",
                    list(lang, &cells),
                    more(n)
                ),
            ));
        }
        for (at, first, id, identical) in self.repeated.iter().take(SHOWN) {
            parts.push(match (identical, lang) {
                (true, Lang::Zh) => format!("序号{id}重复（{at}与{first}答案相同，只计1份）"),
                (true, Lang::En) => {
                    format!(
                        "序号 {id} repeated ({at} has the same answers as {first}; counted once)"
                    )
                }
                (false, Lang::Zh) => format!("序号{id}重复（{at}与{first}答案不同，两份都计入）"),
                (false, Lang::En) => format!(
                    "序号 {id} repeated ({at} has other answers than {first}; both counted)"
                ),
            });
        }
        if self.repeated.len() > SHOWN {
            parts.push(lang.pick(
                format!("另有{}处序号重复", self.repeated.len() - SHOWN),
                format!("{} more 序号 repeated", self.repeated.len() - SHOWN),
            ));
        }
        format!(
            "{}{}",
            lang.pick("问卷：", "survey: "),
            parts.join(lang.pick("；", "; "))
        )
    }
}

impl Note {
    /// The cell of a figure that deserves the evaluator's attention before an evaluation is
    /// signed: `check` lists such notes among its problems, at their cells.
    pub fn attention(&self) -> Option<Option<CellRef>> {
        match self {
            Note::DeclaredTotal { at, .. } => Some(at.clone()),
            Note::LinesAbovePart { at, .. } => Some(Some(at.clone())),
            Note::SurveyProblems(p) => Some(p.first()),
            Note::SurveyDecoded(d) => Some(d.first().map(|d| d.at.clone())),
            _ => None,
        }
    }

    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Note::BankBeside { file }, Lang::Zh) => {
                format!("银行对账单：使用与账页同目录的 {file}（--no-bank 不使用）")
            }
            (Note::BankBeside { file }, Lang::En) => {
                format!("bank statement: {file}, beside the ledger, is used (--no-bank not to)")
            }
            (Note::RulesBeside { file }, Lang::Zh) => {
                format!("指标体系：使用与目标表同目录的 {file}（--no-rules 不使用）")
            }
            (Note::RulesBeside { file }, Lang::En) => {
                format!("indicator system: {file}, beside the targets, is used (--no-rules not to)")
            }
            (
                Note::BankStatement {
                    file,
                    sheet,
                    items,
                    undated,
                    zero,
                },
                Lang::Zh,
            ) => {
                let mut said =
                    format!("银行对账：{file}!{sheet} 共{}", count(lang, *items, Noun::BankItem));
                if undated + zero > 0 {
                    said.push_str(&format!(
                        "；另跳过{}行（无日期的合计、说明等 {undated}，金额为零 {zero}）",
                        undated + zero
                    ));
                }
                said
            }
            (
                Note::BankStatement {
                    file,
                    sheet,
                    items,
                    undated,
                    zero,
                },
                Lang::En,
            ) => {
                let mut said = format!(
                    "bank statement: {file}!{sheet}, {}",
                    count(lang, *items, Noun::BankItem)
                );
                if undated + zero > 0 {
                    said.push_str(&format!(
                        "; {} more rows skipped (without a date, totals and notes: {undated}; no money: {zero})",
                        undated + zero
                    ));
                }
                said
            }
            (Note::Chart(found), _) => say_chart(found, lang),
            (Note::SurveyProblems(p), _) => p.say(lang),
            (Note::SurveyDecoded(decoded), _) => {
                let each: Vec<String> = decoded
                    .iter()
                    .map(|d| {
                        let order: Vec<String> = (1..)
                            .zip(&d.codes)
                            .map(|(k, c)| format!("{k} {c}"))
                            .collect();
                        lang.pick(
                            format!("{}按 {} 的默认顺序读作 {}", d.question, d.key, list(lang, &order)),
                            format!("{} by {}'s default order: {}", d.question, d.key, list(lang, &order)),
                        )
                    })
                    .collect();
                lang.pick(
                    format!(
                        "问卷：回答是选项序号，{}；若问卷的选项顺序不同，在规则文件 [survey] 中写明",
                        each.join("；")
                    ),
                    format!(
                        "survey: answers are option numbers, read {}; if the questionnaire orders its options otherwise, list them in the rules file's [survey]",
                        each.join("; ")
                    ),
                )
            }
            (Note::SurveyInstead { file, sheet, unread }, Lang::Zh) => {
                format!("问卷：使用 {file}!{sheet}，目标表的 {unread} 表不使用")
            }
            (Note::SurveyInstead { file, sheet, unread }, Lang::En) => {
                format!("survey: {file}!{sheet} is used, not the targets workbook's {unread} sheet")
            }
            (Note::Books(books), Lang::Zh) => format!("账套：{}", books.describe(lang)),
            (Note::Books(books), Lang::En) => format!("books: {}", books.describe(lang)),
            (Note::DeclaredTotal { declared, planned, .. }, Lang::Zh) => format!(
                "绩效目标申报表的年度资金总额为{}，预算明细合计{}，以预算明细为准",
                wan(lang, *declared),
                wan(lang, *planned)
            ),
            (Note::DeclaredTotal { declared, planned, .. }, Lang::En) => format!(
                "the declaration's annual funds are {}, the budget lines add up to {}: the budget lines are used",
                wan(lang, *declared),
                wan(lang, *planned)
            ),
            (
                Note::LinesAbovePart {
                    at,
                    part,
                    lines,
                    planned,
                },
                Lang::Zh,
            ) => format!(
                "{at}：{part}各子项预算合计{}，超过该部分的预算{}",
                wan(lang, *lines),
                wan(lang, *planned)
            ),
            (
                Note::LinesAbovePart {
                    at,
                    part,
                    lines,
                    planned,
                },
                Lang::En,
            ) => format!(
                "{at}: the lines of {part} plan {} in all, more than the part's {}",
                wan(lang, *lines),
                wan(lang, *planned)
            ),
            (Note::Unassigned { flow, count, sum }, Lang::Zh) => format!(
                "另有{count}笔{}共{}未归入任何预算子项，未计入上表",
                match flow {
                    Flow::Arrival => "到位资金",
                    Flow::Spending => "支出",
                },
                yuan(lang, *sum)
            ),
            (Note::Unassigned { flow, count, sum }, Lang::En) => {
                let what = match (flow, count) {
                    (Flow::Arrival, 1) => "arrival",
                    (Flow::Arrival, _) => "arrivals",
                    (Flow::Spending, 1) => "payment",
                    (Flow::Spending, _) => "payments",
                };
                if *count == 1 {
                    format!(
                        "1 more {what}, {}, matches no budget line and is not in the table above",
                        yuan(lang, *sum)
                    )
                } else {
                    format!(
                        "{count} more {what}, {} in all, match no budget line and are not in the table above",
                        yuan(lang, *sum)
                    )
                }
            }
            (Note::WholeArrivalsInNoYear { amount }, Lang::Zh) => format!(
                "整体到位的{}不属于任何年度：分年度合计的到位资金不含这部分，各年度的到位数、资金到位率和按到位数的预算执行率（year.<年度>.arrived 等）不计算",
                yuan(lang, *amount)
            ),
            (Note::WholeArrivalsInNoYear { amount }, Lang::En) => format!(
                "{} arrived for a part or the fund as a whole is of no year: the years' rows leave it out, and no year's arrivals, funds-arrival rate or execution rate over arrivals (year.<年度>.arrived …) is given",
                yuan(lang, *amount)
            ),
            (Note::YearsByDate { count: n }, Lang::Zh) => format!(
                "{n}笔分录的项目未写年度，按记账日期归入当年的预算子项：次年支付的上年资金会计入次年，不能识别为跨年度支付；如有次年支付，请在匹配条件中写明日期范围（日期:2022-01-01..2023-03-31）"
            ),
            (Note::YearsByDate { count: n }, Lang::En) => format!(
                "{} name no year in their 项目 and were placed in their lines' years by their dates: money of one year paid the next is then the next year's and cannot be told late; where there is such money, give the line a date range in its 匹配条件 (日期:2022-01-01..2023-03-31)",
                count(lang, *n, Noun::Posting)
            ),
            (Note::UnassignedPostings { count: n }, Lang::Zh) => {
                format!("{n}笔资金科目分录未归入任何预算子项，已列入审计发现")
            }
            (Note::UnassignedPostings { count: 1 }, Lang::En) => {
                "1 posting on the fund's accounts matches no budget line: it is listed among the findings".into()
            }
            (Note::UnassignedPostings { count: n }, Lang::En) => format!(
                "{} on the fund's accounts match no budget line: they are listed among the findings",
                count(lang, *n, Noun::Posting)
            ),
            (Note::WholeForAYear(pairs), _) => {
                let each: Vec<String> = pairs
                    .iter()
                    .map(|(t, m)| lang.pick(format!("“{t}”←{m}"), format!("“{t}” ← {m}")))
                    .collect();
                lang.pick(
                    format!(
                        "以下按年度申报的目标所取的实际值是全部年度合计的金额或数量，不是该年度的，未用于计算完成率：{}；请用 {{年度}} 指定各年度的度量（如 \"控制预算\" = \"year.{{年度}}.spent\"）",
                        list(lang, &each)
                    ),
                    format!(
                        "these targets are declared for a year, but the actual value bound to them is money or a count of all the years together, not the year's, so it is not used: {}; name each year's measure with {{年度}} (\"控制预算\" = \"year.{{年度}}.spent\")",
                        list(lang, &each)
                    ),
                )
            }
            (Note::InferredActuals(pairs), _) => {
                let each: Vec<String> = pairs
                    .iter()
                    .map(|(t, m)| lang.pick(format!("“{t}”取{m}"), format!("“{t}” from {m}")))
                    .collect();
                lang.pick(
                    format!("以下目标的实际值按名称和单位推定，请核对：{}", list(lang, &each)),
                    format!(
                        "the actual values of these targets were taken by their name and unit; check them: {}",
                        each.join("; ")
                    ),
                )
            }
            (Note::FormPointsChanged(rows), _) => {
                let each: Vec<String> = rows
                    .iter()
                    .map(|(row, form, now)| {
                        let (form, now) = (crate::glossary::points(*form), crate::glossary::points(*now));
                        lang.pick(format!("“{row}”{form}分→{now}分"), format!("“{row}” {form} → {now}"))
                    })
                    .collect();
                lang.pick(
                    format!("以下行未按自评表上的分值计分（按指标体系的一级权重折算）：{}", list(lang, &each)),
                    format!(
                        "these rows are not scored at the form's points (scaled to the system's weight for their dimension): {}",
                        each.join("; ")
                    ),
                )
            }
            (Note::Unmeasured { targets }, Lang::Zh) => format!(
                "以下目标值没有可从输入计算的实际值，由评价组核实评分：{}",
                list(lang, targets)
            ),
            (Note::Unmeasured { targets }, Lang::En) => format!(
                "no input gives the actual value of these targets, which the evaluators score: {}",
                list(lang, targets)
            ),
            (Note::UnusedBudgetMatch { lines }, Lang::Zh) => format!(
                "规则文件[budget.match]中的预算子项在预算明细中不存在，未使用：{}",
                list(lang, lines)
            ),
            (Note::UnusedBudgetMatch { lines }, Lang::En) => format!(
                "the rules file's [budget.match] names budget lines the budget does not have, not used: {}",
                list(lang, lines)
            ),
        }
    }
}

/// `会计制度：工会会计制度（据科目 404 政府补助收入）`
fn say_chart(found: &chart::Found, lang: Lang) -> String {
    match (found, lang) {
        (chart::Found::Stated(c), Lang::Zh) => format!("会计制度：{}（规则文件指定）", c.say(lang)),
        (chart::Found::Stated(c), Lang::En) => {
            format!("chart of accounts: {}, as the rules file says", c.say(lang))
        }
        (chart::Found::Detected(c, accounts), _) => {
            let shown: Vec<String> = accounts.iter().take(3).map(chart::Account::say).collect();
            let more = accounts.len() > 3;
            match lang {
                Lang::Zh => format!(
                    "会计制度：{}（据科目 {}{}）",
                    c.say(lang),
                    shown.join("、"),
                    if more { "等" } else { "" }
                ),
                Lang::En => format!(
                    "chart of accounts: {}, from the accounts {}{}",
                    c.say(lang),
                    shown.join(", "),
                    if more { " …" } else { "" }
                ),
            }
        }
        (chart::Found::ByCodes, Lang::Zh) => "会计制度：未能从科目名称识别，按科目编码以4类为收入、5类为支出计数；如不符（例如小企业会计准则的5类是损益），在规则文件 [ledger] 中写明 chart".to_string(),
        (chart::Found::ByCodes, Lang::En) => "chart of accounts: not known from the account names; read by code, class 4 as income and 5 as spending; if that is wrong (under the small-enterprise chart 5 is profit and loss), name the chart in the rules file's [ledger]".to_string(),
    }
}
