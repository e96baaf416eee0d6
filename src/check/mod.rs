//! Stage 3: the audit checks an evaluator would otherwise do by hand on the ledger — money that
//! went where fiscal money may not go, payments above the standard or twice, late payments,
//! cash above the limit, reversals without their original.
//!
//! Each finding carries its kind, the amount, the cells behind it and a sentence in the words
//! an evaluator writes; the rules decide which indicator each kind deducts from (through the
//! `findings.<kind>` measures). Every check can be switched off and tuned in the rules file's
//! `[checks]`.

use std::collections::{BTreeMap, HashMap, VecDeque};

mod prohibited_payee;

use rayon::prelude::*;

/// Keys are the ledger's own texts; a fast hash, not one hardened for servers.
type Hasher = foldhash::fast::RandomState;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::date::Date;
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::bank::{BankItem, BankStatement};
use crate::read::ledger::{Ledger, LedgerRow};
use crate::read::targets::{BudgetLine, Targets};
use crate::read::text::{TextId, Texts};
use crate::reconcile::{Assignment, Flow, LedgerRules, Reconciliation};

/// The table of kinds: one row per audit check, in the order findings are listed (most serious
/// first). A row is the kind, its doc line, its name (in measures as `findings.<name>`, in
/// `[checks] disable` and in the JSON), its label in both languages, and where the check looks
/// with the function that looks there. The enum, its names, labels and docs are all made from
/// this one table, so that no list of kinds can fall out of step with another; `MEASURES`,
/// docs/rules.md and docs/json.md are tested against it.
macro_rules! kinds {
    ($(
        #[doc = $doc:literal]
        $kind:ident = $name:literal, zh $zh:literal, en $en:literal, $scope:expr;
    )*) => {
        /// What an audit finding is about; one per check (two for the bank check).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FindingKind {
            $(#[doc = $doc] $kind,)*
        }

        impl FindingKind {
            /// Every kind, in the table's order.
            pub const ALL: &[FindingKind] = &[$(FindingKind::$kind),*];

            /// The name used in measures (`findings.prohibited_payee`), in `[checks] disable`
            /// and in the JSON output.
            pub fn name(self) -> &'static str {
                match self {
                    $(FindingKind::$kind => $name,)*
                }
            }

            /// What the kind is, in a few words of the language.
            pub fn label(self, lang: Lang) -> &'static str {
                match self {
                    $(FindingKind::$kind => lang.pick($zh, $en),)*
                }
            }

            /// The table's doc line: what the check finds.
            pub fn doc(self) -> &'static str {
                match self {
                    $(FindingKind::$kind => $doc.trim(),)*
                }
            }

            /// Where the check looks, and the function that looks there.
            pub fn scope(self) -> Scope {
                match self {
                    $(FindingKind::$kind => $scope,)*
                }
            }
        }
    };
}

kinds! {
    /// Fiscal money paid to an association, 商会 or the like.
    ProhibitedPayee = "prohibited_payee", zh "财政资金拨付行业协会商会",
        en "fiscal money paid to associations", Scope::Posting(prohibited_payee::check);
    /// A budget line or part spent beyond its plan.
    OverBudget = "over_budget", zh "超预算支出",
        en "spending over the plan", Scope::Budget(over_budget);
    /// A person paid more on a line than its per-person standard (补助标准).
    AboveStandard = "above_standard", zh "超标准发放",
        en "paid above the standard", Scope::Line(above_standard);
    /// A person paid twice on one line for the same thing.
    PaidTwice = "paid_twice", zh "重复发放", en "paid twice", Scope::Line(paid_twice);
    /// The same payee, amount, line and account within a few days.
    Duplicate = "duplicate", zh "疑似重复支付",
        en "suspected duplicate payments", Scope::Line(duplicates);
    /// Paid after the budget year.
    Late = "late", zh "跨年度支付", en "paid after the budget year", Scope::Line(late);
    /// A cash payment above the limit.
    Cash = "cash", zh "大额现金支付", en "cash above the limit", Scope::Posting(cash);
    /// A negative payment (冲销) with no payment it reverses.
    ReversalWithoutOriginal = "reversal_without_original", zh "无原始记录的冲销",
        en "reversals without an original", Scope::Line(reversals);
    /// Spending or an arrival that no budget line claims.
    Unassigned = "unassigned", zh "未归入预算子项的收支",
        en "postings no budget line claims", Scope::Posting(unassigned);
    /// Money the bank moved that the ledger does not record (a returned grant never booked).
    BankUnbooked = "bank_unbooked", zh "银行收支未入账",
        en "bank movements never booked", Scope::Bank;
    /// A payment or arrival of the ledger the bank statement does not show.
    NotInBank = "not_in_bank", zh "账面收支无银行流水",
        en "postings the bank does not show", Scope::Bank;
}

impl FindingKind {
    /// The measure name the rules refer to: `findings.prohibited_payee`.
    pub fn measure(self) -> String {
        format!("findings.{}", self.name())
    }

    /// Found by setting the bank statement beside the ledger: without a statement the check
    /// did not run, and its measure is absent rather than zero.
    pub fn needs_bank(self) -> bool {
        matches!(self.scope(), Scope::Bank)
    }
}

impl Serialize for FindingKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Where a check looks, and the function that looks there.
#[derive(Clone, Copy)]
pub enum Scope {
    /// One posting at a time, in ledger order.
    Posting(fn(&Context, &LedgerRow, Option<Flow>, &Assignment) -> Option<Finding>),
    /// The reconciliation's budget lines and parts.
    Budget(fn(&Context) -> Vec<Finding>),
    /// One budget line's spending at a time; the lines on several cores.
    Line(fn(&Context, &Line) -> Vec<Finding>),
    /// The bank statement set beside the ledger ([`bank`]): both bank kinds come of one
    /// matching.
    Bank,
}

/// What every check may look at.
pub struct Context<'a> {
    pub ledger: &'a Ledger,
    pub targets: &'a Targets,
    pub recon: &'a Reconciliation,
    pub ledger_rules: &'a LedgerRules,
    pub rules: &'a CheckRules,
    pub lang: Lang,
    /// The budget year ([`fiscal_year`]).
    pub year: Option<u16>,
}

impl Context<'_> {
    fn texts(&self) -> &Texts {
        &self.ledger.texts
    }

    /// Whether the rules leave the check of `kind` on.
    pub fn on(&self, kind: FindingKind) -> bool {
        !self.rules.disabled.contains(&kind)
    }
}

/// One budget line's spending, in ledger order, with its payments grouped by payee once for
/// every check that asks.
pub struct Line<'a> {
    pub line: &'a BudgetLine,
    pub rows: &'a [&'a LedgerRow],
    by_payee: ByPayee<'a>,
}

/// The audit checks' settings (`[checks]` of a rules file).
#[derive(Debug, Clone)]
pub struct CheckRules {
    /// Checks switched off.
    pub disabled: Vec<FindingKind>,
    /// Two payments of the same amount to the same payee on one line this many days apart or
    /// less are a suspected duplicate.
    pub duplicate_days: i64,
    /// Cash payments above this are reported (现金管理暂行条例: 结算起点 1,000 元).
    pub cash_limit: Decimal,
    /// Words in the 摘要 or account name that mark a cash payment.
    pub cash_words: Vec<String>,
    /// The budget year; by default the declaration's `（2019年度）`.
    pub fiscal_year: Option<u16>,
    /// A bank item matches a voucher of the same amount this many days apart or less.
    pub bank_days: i64,
    /// Budget line → the date its money must be paid by (else the budget year's end).
    pub deadlines: Vec<(String, crate::date::Date)>,
}

impl Default for CheckRules {
    fn default() -> Self {
        CheckRules {
            disabled: Vec::new(),
            duplicate_days: 30,
            cash_limit: Decimal::from(1000),
            cash_words: crate::label::words(&["现金", "库存现金"]),
            fiscal_year: None,
            bank_days: 10,
            deadlines: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub amount: Decimal,
    pub sentence: String,
    pub evidence: Vec<CellRef>,
}

/// 春节 (the Spring Festival) by year: the report's concern is that help clusters around it.
const SPRING_FESTIVAL: &[(u16, u8, u8)] = &[
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
    (2028, 1, 26),
    (2029, 2, 13),
    (2030, 2, 3),
];

pub fn spring_festival(year: u16) -> Option<Date> {
    SPRING_FESTIVAL
        .iter()
        .find(|(y, ..)| *y == year)
        .and_then(|(y, m, d)| Date::new(*y, *m, *d))
}

/// The budget year: the rules' `fiscal_year`, else the declaration's `（2019年度）`, else the
/// year the ledger's title period starts, else the first posting's year.
pub fn fiscal_year(ledger: &Ledger, targets: &Targets, rules: &CheckRules) -> Option<u16> {
    rules
        .fiscal_year
        .or(targets.project.year)
        .or_else(|| {
            ledger
                .sheets
                .iter()
                .find_map(|s| s.period.map(|(start, _)| start.year))
        })
        .or_else(|| ledger.date_range().map(|(first, _)| first.year))
}

/// A per-person standard as written (`3000元/人`, `2930元/人·月`, `5000元/人次`), per person and
/// year; `None` when the text is not one.
pub fn standard(text: &str) -> Option<Decimal> {
    let t = normalize(text);
    let (number, unit) = t.split_once("元/")?;
    let value = money::parse_amount(number)
        .ok()
        .and_then(money::plausible)?;
    if !unit.starts_with('人') || value <= Decimal::ZERO {
        return None;
    }
    Some(if unit.contains('月') {
        value.checked_mul(Decimal::from(12))?
    } else {
        value
    })
}

/// A summary without the payee's name and the separators around it, so that "慰问金-张三" and
/// "慰问金-李四" are the same kind of payment.
fn kind_of_payment(row: &LedgerRow, t: &Texts) -> String {
    let s = if row.payee.is_empty() {
        row.summary(t).into_owned()
    } else {
        row.summary(t).replace(&t[row.payee], "")
    };
    normalize(&s)
        .trim_matches(|c: char| c == '-' || c == '—' || c == '_' || c == ':')
        .to_string()
}

fn where_paid(row: &LedgerRow, t: &Texts) -> String {
    let date = row.date.map(|d| d.to_string()).unwrap_or_default();
    format!("{date} {}", &t[row.voucher]).trim().to_string()
}

/// Every check the rules leave on, over the ledger as the reconciliation placed its postings:
/// the findings, most serious kinds first, each kind in ledger order. The bank checks need the
/// statement and are run by [`bank`].
pub fn check(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    ledger_rules: &LedgerRules,
    rules: &CheckRules,
    lang: Lang,
) -> Vec<Finding> {
    let cx = Context {
        ledger,
        targets,
        recon,
        ledger_rules,
        rules,
        lang,
        year: fiscal_year(ledger, targets, rules),
    };
    let on: Vec<Scope> = FindingKind::ALL
        .iter()
        .filter(|k| cx.on(**k))
        .map(|k| k.scope())
        .collect();
    let posting_checks: Vec<_> = on
        .iter()
        .filter_map(|s| match s {
            Scope::Posting(f) => Some(*f),
            _ => None,
        })
        .collect();
    let mut findings = Vec::new();
    // Spending rows by budget line, in ledger order.
    let mut by_line: BTreeMap<usize, Vec<&LedgerRow>> = BTreeMap::new();
    for (row, (flow, assignment)) in ledger.rows.iter().zip(&recon.postings) {
        if *flow == Some(Flow::Spending)
            && let Assignment::Line(i) = assignment
        {
            by_line.entry(*i as usize).or_default().push(row);
        }
        findings.extend(
            posting_checks
                .iter()
                .filter_map(|check| check(&cx, row, *flow, assignment)),
        );
    }
    for scope in &on {
        if let Scope::Budget(check) = scope {
            findings.extend(check(&cx));
        }
    }
    let line_checks: Vec<_> = on
        .iter()
        .filter_map(|s| match s {
            Scope::Line(f) => Some(*f),
            _ => None,
        })
        .collect();
    // The lines are checked apart from each other, so on as many cores as there are — unless
    // this is already one of many funds evaluated in parallel (`jixiao batch`): a thread waiting
    // for its lines would take up another whole fund meanwhile.
    let lines: Vec<(&usize, &Vec<&LedgerRow>)> = by_line.iter().collect();
    let check_line = |(index, rows): &(&usize, &Vec<&LedgerRow>)| {
        let Some(line) = targets.budget.lines.get(**index) else {
            return Vec::new();
        };
        let line = Line {
            line,
            rows,
            by_payee: ByPayee::new(rows, cx.texts()),
        };
        line_checks
            .iter()
            .flat_map(|check| check(&cx, &line))
            .collect::<Vec<_>>()
    };
    let per_line: Vec<Vec<Finding>> = if rayon::current_thread_index().is_some() {
        lines.iter().map(check_line).collect()
    } else {
        lines.par_iter().map(check_line).collect()
    };
    findings.extend(per_line.into_iter().flatten());
    // Most serious kinds first, each in ledger order.
    findings.sort_by_key(|f| f.kind);
    findings
}

/// A spending posting above the cash limit whose 摘要 or account says it was paid in cash.
fn cash(cx: &Context, row: &LedgerRow, flow: Option<Flow>, _: &Assignment) -> Option<Finding> {
    let (t, rules) = (cx.texts(), cx.rules);
    if flow != Some(Flow::Spending)
        || row.debit() <= Decimal::ZERO
        || row.debit() <= rules.cash_limit
    {
        return None;
    }
    let summary = row.summary(t);
    let cash = rules
        .cash_words
        .iter()
        .any(|w| summary.contains(w.as_str()) || t[row.account_name].contains(w.as_str()));
    cash.then(|| Finding {
        kind: FindingKind::Cash,
        amount: row.debit(),
        sentence: cx.lang.pick(
            format!(
                "{}以现金支付{}{}元，超过现金支付限额{}元",
                where_paid(row, t),
                &t[row.payee],
                money::fmt_yuan_grouped(row.debit()),
                money::fmt_yuan_grouped(rules.cash_limit)
            ),
            format!(
                "{} paid {} {} yuan in cash, above the cash limit of {} yuan",
                where_paid(row, t),
                &t[row.payee],
                money::fmt_yuan_grouped(row.debit()),
                money::fmt_yuan_grouped(rules.cash_limit)
            ),
        ),
        evidence: vec![row.amount_at()],
    })
}

/// A posting on the fund's accounts that no budget line's 匹配条件 claims.
fn unassigned(
    cx: &Context,
    row: &LedgerRow,
    flow: Option<Flow>,
    assignment: &Assignment,
) -> Option<Finding> {
    if *assignment != Assignment::Unassigned {
        return None;
    }
    let (t, lang) = (cx.texts(), cx.lang);
    let (what, amount) = match flow {
        Some(Flow::Arrival) => (lang.pick("到位资金", "arrival"), row.credit() - row.debit()),
        _ => (lang.pick("支出", "spending"), row.debit() - row.credit()),
    };
    Some(Finding {
        kind: FindingKind::Unassigned,
        amount,
        sentence: lang.pick(
            format!(
                "{}“{}”{what}{}元未能归入任何预算子项",
                &t[row.voucher],
                &*row.summary(t),
                money::fmt_yuan_grouped(amount)
            ),
            format!(
                "{} “{}”: {what} of {} yuan matches no budget line",
                &t[row.voucher],
                &*row.summary(t),
                money::fmt_yuan_grouped(amount)
            ),
        ),
        evidence: vec![row.amount_at()],
    })
}

/// Budget lines, and parts whose plan is not just their lines', that spent more than planned.
fn over_budget(cx: &Context) -> Vec<Finding> {
    let (recon, lang) = (cx.recon, cx.lang);
    let mut findings = Vec::new();
    for line in &recon.lines {
        if line.spent > line.planned && line.planned > Decimal::ZERO {
            findings.push(Finding {
                kind: FindingKind::OverBudget,
                amount: line.spent - line.planned,
                sentence: lang.pick(
                    format!(
                        "预算子项“{}”实际支出{}元，超出预算{}元",
                        line.name,
                        money::fmt_yuan_grouped(line.spent),
                        money::fmt_yuan_grouped(line.spent - line.planned)
                    ),
                    format!(
                        "budget line “{}” spent {} yuan, {} yuan over its plan",
                        line.name,
                        money::fmt_yuan_grouped(line.spent),
                        money::fmt_yuan_grouped(line.spent - line.planned)
                    ),
                ),
                evidence: vec![line.at.clone()],
            });
        }
    }
    for group in &recon.groups {
        // A part whose plan is its lines' plans adds nothing to what the lines showed.
        let lines: Decimal = recon
            .lines
            .iter()
            .filter(|l| l.group == group.name)
            .map(|l| l.planned)
            .sum();
        if group.spent > group.planned && group.planned > Decimal::ZERO && group.planned != lines {
            findings.push(Finding {
                kind: FindingKind::OverBudget,
                amount: group.spent - group.planned,
                sentence: lang.pick(
                    format!(
                        "“{}”实际支出{}元，超出该部分预算{}元",
                        group.name,
                        money::fmt_yuan_grouped(group.spent),
                        money::fmt_yuan_grouped(group.spent - group.planned)
                    ),
                    format!(
                        "“{}” spent {} yuan, {} yuan over the part's plan",
                        group.name,
                        money::fmt_yuan_grouped(group.spent),
                        money::fmt_yuan_grouped(group.spent - group.planned)
                    ),
                ),
                evidence: vec![group.at.clone()],
            });
        }
    }
    findings
}

/// A line's payments after its deadline: its own in `[checks] deadlines`, else the end of the
/// budget year.
fn late(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, lang, year) = (l.line, l.rows, cx.lang, cx.year);
    let deadline = cx
        .rules
        .deadlines
        .iter()
        .find(|(name, _)| normalize(name) == normalize(&line.name))
        .map(|(_, d)| *d)
        .or_else(|| year.and_then(|y| Date::new(y, 12, 31)));
    let Some(deadline) = deadline else {
        return Vec::new();
    };
    let late: Vec<&&LedgerRow> = rows
        .iter()
        .filter(|r| r.date.is_some_and(|d| d > deadline) && r.debit() > Decimal::ZERO)
        .collect();
    if late.is_empty() {
        return Vec::new();
    }
    let amount: Decimal = late.iter().map(|r| r.debit()).sum();
    let last = late
        .iter()
        .filter_map(|r| r.date)
        .max()
        .map(|d| d.to_string())
        .unwrap_or_default();
    vec![Finding {
        kind: FindingKind::Late,
        amount,
        sentence: if deadline.month == 12 && deadline.day == 31 && Some(deadline.year) == year {
            lang.pick(format!(
                "预算子项“{}”有{}笔共{}元在{}预算年度结束后支付，最晚至{last}",
                line.name,
                late.len(),
                money::fmt_yuan_grouped(amount),
                deadline.year
            ), format!(
                "budget line “{}”: {} payments, {} yuan in all, paid after the {} budget year, the last on {last}",
                line.name,
                late.len(),
                money::fmt_yuan_grouped(amount),
                deadline.year
            ))
        } else {
            lang.pick(format!(
                "预算子项“{}”有{}笔共{}元在规定期限{deadline}之后支付，最晚至{last}",
                line.name,
                late.len(),
                money::fmt_yuan_grouped(amount)
            ), format!(
                "budget line “{}”: {} payments, {} yuan in all, paid after the deadline {deadline}, the last on {last}",
                line.name,
                late.len(),
                money::fmt_yuan_grouped(amount)
            ))
        },
        evidence: late.iter().map(|r| r.amount_at()).collect(),
    }]
}

/// A line's payments by payee: for each payee, the indices of its payments into the line's rows,
/// in ledger order. Payments without a payee are in no group. All groups share one vector, and
/// indices are 4 bytes: a line of a million payments to four hundred thousand people must not
/// allocate per person, and its grouping was the largest thing a check held (55 MB with 8-byte
/// indices and a name per payee).
struct ByPayee<'a> {
    texts: &'a Texts,
    /// Each payee and where its payments start in `order`; they end where the next payee's start.
    groups: Vec<(TextId, u32)>,
    order: Vec<u32>,
}

impl<'a> ByPayee<'a> {
    /// The payee group of a payment without a payee.
    const NONE: u32 = u32::MAX;

    // A line of 2^32 payments is not held in memory (72 bytes each): its indices fit in 4 bytes.
    fn new(rows: &[&LedgerRow], texts: &'a Texts) -> Self {
        let mut ids: HashMap<TextId, u32, Hasher> = HashMap::default();
        let mut of_row: Vec<u32> = Vec::with_capacity(rows.len());
        let mut payees: Vec<TextId> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        for r in rows {
            let group = if r.payee.is_empty() {
                Self::NONE
            } else {
                let next = u32::try_from(payees.len()).unwrap_or(Self::NONE);
                *ids.entry(r.payee).or_insert_with(|| {
                    payees.push(r.payee);
                    counts.push(0);
                    next
                })
            };
            if let Some(n) = counts.get_mut(group as usize) {
                *n += 1;
            }
            of_row.push(group);
        }
        drop(ids);
        // Each group's place in `order`, then the rows dealt into their places in order.
        let mut groups = Vec::with_capacity(payees.len());
        let mut next = Vec::with_capacity(payees.len());
        let mut start: u32 = 0;
        for (payee, n) in payees.into_iter().zip(&counts) {
            groups.push((payee, start));
            next.push(start);
            start = start.saturating_add(*n);
        }
        let mut order = vec![0; start as usize];
        for (i, group) in of_row.into_iter().enumerate() {
            let (Some(slot), Ok(i)) = (next.get_mut(group as usize), u32::try_from(i)) else {
                continue;
            };
            if let Some(place) = order.get_mut(*slot as usize) {
                *place = i;
            }
            *slot += 1;
        }
        ByPayee {
            texts,
            groups,
            order,
        }
    }

    fn iter(&self) -> impl Iterator<Item = (&'a str, &[u32])> + '_ {
        let texts = self.texts;
        self.groups
            .iter()
            .enumerate()
            .map(move |(g, (payee, start))| {
                let end = self
                    .groups
                    .get(g + 1)
                    .map_or(self.order.len(), |(_, next)| *next as usize);
                let indices = self.order.get(*start as usize..end).unwrap_or_default();
                (&texts[*payee], indices)
            })
    }
}

/// A line of bulk payments: a per-person standard and a stated number of people (a
/// sanatorium's bill for 40 people), whose payee is the supplier, not a person.
fn is_bulk(line: &BudgetLine) -> bool {
    standard(&line.standard).is_some() && line.stated_beneficiaries.is_some()
}

/// Above the line's per-person standard: each person's total, or for a line of bulk payments
/// the average over the people it states.
fn above_standard(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, lang) = (l.line, l.rows, cx.lang);
    let Some(limit) = standard(&line.standard) else {
        return Vec::new();
    };
    if let Some(people) = line.stated_beneficiaries {
        let spent: Decimal = rows.iter().map(|r| r.debit() - r.credit()).sum();
        return money::ratio(spent, Decimal::from(people))
            .filter(|each| *each > limit)
            .map(|each| {
                Finding {
                kind: FindingKind::AboveStandard,
                amount: spent - limit * Decimal::from(people),
                sentence: lang.pick(format!(
                    "预算子项“{}”按{people}人计人均{}元，超过补助标准{}",
                    line.name,
                    money::fmt_yuan_grouped(each),
                    line.standard
                ), format!(
                    "budget line “{}”: {} yuan a person for {people} people, above the standard {}",
                    line.name,
                    money::fmt_yuan_grouped(each),
                    line.standard
                )),
                evidence: rows.iter().map(|r| r.amount_at()).collect(),
            }
            })
            .into_iter()
            .collect();
    }
    // Only the payees' findings are put in the payees' order: sorting a line's hundred thousand
    // payees to find a handful of findings would be most of the work.
    let mut found: Vec<(&str, Finding)> = Vec::new();
    for (payee, indices) in l.by_payee.iter() {
        let paid: Vec<&LedgerRow> = indices
            .iter()
            .filter_map(|i| rows.get(*i as usize).copied())
            .collect();
        let total: Decimal = paid.iter().map(|r| r.debit() - r.credit()).sum();
        if total > limit {
            found.push((payee, Finding {
                kind: FindingKind::AboveStandard,
                amount: total - limit,
                sentence: lang.pick(
                    format!(
                        "预算子项“{}”向{payee}共发放{}元，超过补助标准{}",
                        line.name,
                        money::fmt_yuan_grouped(total),
                        line.standard
                    ),
                    format!(
                        "budget line “{}”: {payee} was paid {} yuan in all, above the standard {}",
                        line.name,
                        money::fmt_yuan_grouped(total),
                        line.standard
                    ),
                ),
                evidence: paid.iter().map(|r| r.amount_at()).collect(),
            }));
        }
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, f)| f).collect()
}

/// A person paid twice on one line for the same kind of payment (the 摘要 less the name).
fn paid_twice(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, lang, t) = (l.line, l.rows, cx.lang, cx.texts());
    if is_bulk(line) {
        return Vec::new();
    }
    let mut found: Vec<(&str, Finding)> = Vec::new();
    for (payee, indices) in l.by_payee.iter() {
        let paid: Vec<&LedgerRow> = indices
            .iter()
            .filter_map(|i| rows.get(*i as usize).copied())
            .filter(|r| r.debit() > Decimal::ZERO)
            .collect();
        // One payment cannot be paid twice; naming the kind of payment is the costly part.
        if paid.len() < 2 {
            continue;
        }
        let mut seen: BTreeMap<String, &LedgerRow> = BTreeMap::new();
        for r in paid {
            let kind = kind_of_payment(r, t);
            if let Some(first) = seen.get(&kind) {
                found.push((payee, Finding {
                    kind: FindingKind::PaidTwice,
                    amount: r.debit(),
                    sentence: lang.pick(format!(
                        "预算子项“{}”向{payee}重复发放“{kind}”：{}已付{}元，{}又付{}元",
                        line.name,
                        where_paid(first, t),
                        money::fmt_yuan_grouped(first.debit()),
                        where_paid(r, t),
                        money::fmt_yuan_grouped(r.debit())
                    ), format!(
                        "budget line “{}”: {payee} was paid “{kind}” twice: on {} {} yuan, on {} {} yuan again",
                        line.name,
                        where_paid(first, t),
                        money::fmt_yuan_grouped(first.debit()),
                        where_paid(r, t),
                        money::fmt_yuan_grouped(r.debit())
                    )),
                    evidence: vec![first.amount_at(), r.amount_at()],
                }));
            } else {
                seen.insert(kind, r);
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(b.0));
    found.into_iter().map(|(_, f)| f).collect()
}

/// The same payee, amount and account on one line within `days` days: a double entry or a
/// double payment. People who share a name are told apart by their accounts.
fn duplicates(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, by_payee) = (l.line.name.as_str(), l.rows, &l.by_payee);
    let (t, days, lang) = (cx.texts(), cx.rules.duplicate_days, cx.lang);
    // Within each payee's payments, in ledger order; the findings then in the order of their
    // first payment, as a scan of the line from the top gives them.
    // A payee paid many times (a 代发 account) is split further by amount and account, so that
    // only payments that could be twins are compared.
    let mut found: Vec<(usize, Finding)> = Vec::new();
    let mut alike: Vec<Vec<usize>> = Vec::new();
    for (_, indices) in by_payee.iter().filter(|(_, g)| g.len() > 1) {
        let mut by_amount: HashMap<(Decimal, TextId, TextId), Vec<usize>, Hasher> =
            HashMap::default();
        for i in indices.iter().map(|i| *i as usize) {
            if let Some(a) = rows.get(i).filter(|a| a.debit() > Decimal::ZERO) {
                by_amount
                    .entry((a.debit(), a.account_code, a.account_name))
                    .or_default()
                    .push(i);
            }
        }
        alike.extend(by_amount.into_values().filter(|g| g.len() > 1));
    }
    // A payment's twin is the first later one within `days` (or without a date). Walking each
    // group from its end, the later payments seen so far are kept by day, each day with its
    // earliest: a payment looks only at the days of its window, however many payments the
    // group holds.
    for indices in &alike {
        let mut by_day: BTreeMap<i64, usize> = BTreeMap::new();
        let mut undated: Option<usize> = None;
        let mut earliest: Option<usize> = None;
        for i in indices.iter().rev() {
            let Some(a) = rows.get(*i) else { continue };
            let day = a.date.map(|d| d.days_since_epoch());
            let in_window = day.and_then(|d| {
                by_day
                    .range(d.saturating_sub(days)..=d.saturating_add(days))
                    .map(|(_, j)| *j)
                    .min()
            });
            let twin = match day {
                Some(_) => [in_window, undated].into_iter().flatten().min(),
                None => earliest,
            };
            if let Some(b) = twin.and_then(|j| rows.get(j)) {
                found.push((*i, duplicate(line, a, b, t, days, lang)));
            }
            match day {
                Some(d) => {
                    by_day.insert(d, *i);
                }
                None => undated = Some(*i),
            }
            earliest = Some(*i);
        }
    }
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, f)| f).collect()
}

fn duplicate(
    line: &str,
    a: &LedgerRow,
    b: &LedgerRow,
    t: &Texts,
    days: i64,
    lang: Lang,
) -> Finding {
    Finding {
        kind: FindingKind::Duplicate,
        amount: b.debit(),
        sentence: lang.pick(format!(
            "预算子项“{line}”向{}支付的{}元在{}天内出现两次（{}、{}），疑似重复支付",
            &t[a.payee],
            money::fmt_yuan_grouped(a.debit()),
            days,
            where_paid(a, t),
            where_paid(b, t)
        ), format!(
            "budget line “{line}”: {} was paid {} yuan twice within {} days ({}, {}), a suspected duplicate",
            &t[a.payee],
            money::fmt_yuan_grouped(a.debit()),
            days,
            where_paid(a, t),
            where_paid(b, t)
        )),
        evidence: vec![a.amount_at(), b.amount_at()],
    }
}

/// A negative payment must reverse an earlier payment of the same amount to the same payee.
fn reversals(cx: &Context, l: &Line) -> Vec<Finding> {
    let (line, rows, t, lang) = (l.line.name.as_str(), l.rows, cx.texts(), cx.lang);
    let mut findings = Vec::new();
    // Earlier payments not yet reversed, by payee and amount, oldest first: each reversal takes
    // the first of its kind, as a scan from the top of the line would.
    // Only payments a refund of the line could reverse are kept: most lines have no refund.
    let reversed: std::collections::HashSet<(TextId, Decimal), Hasher> = rows
        .iter()
        .filter(|r| r.debit() - r.credit() < Decimal::ZERO)
        .map(|r| (r.payee, r.credit() - r.debit()))
        .collect();
    if reversed.is_empty() {
        return findings;
    }
    let mut open: HashMap<(TextId, Decimal), std::collections::VecDeque<usize>, Hasher> =
        HashMap::default();
    for (i, r) in rows.iter().enumerate() {
        let amount = r.debit() - r.credit();
        if amount >= Decimal::ZERO {
            if reversed.contains(&(r.payee, amount)) {
                open.entry((r.payee, amount)).or_default().push_back(i);
            }
            continue;
        }
        let reverses = open
            .get_mut(&(r.payee, -amount))
            .and_then(std::collections::VecDeque::pop_front);
        if reverses.is_none() {
            findings.push(Finding {
                kind: FindingKind::ReversalWithoutOriginal,
                amount: -amount,
                sentence: lang.pick(format!(
                    "预算子项“{line}”{}冲销{}元（{}），未找到被冲销的原始支付",
                    where_paid(r, t),
                    money::fmt_yuan_grouped(-amount),
                    &*r.summary(t)
                ), format!(
                    "budget line “{line}”: {} reverses {} yuan ({}) with no payment it reverses",
                    where_paid(r, t),
                    money::fmt_yuan_grouped(-amount),
                    &*r.summary(t)
                )),
                evidence: vec![r.amount_at()],
            });
        }
    }
    findings
}

/// One voucher's movement of the fund's money through the bank, as the ledger records it.
struct Movement<'a> {
    date: Option<Date>,
    voucher: &'a str,
    out: Decimal,
    into: Decimal,
    /// The voucher's postings, as indices into the ledger's rows: 4 bytes a posting, where its
    /// payee and its cell (24 bytes) made the bank's matching state of a million postings 30 MB
    /// larger.
    rows: Vec<u32>,
}

/// Sets the bank statement beside the ledger: every bank item should be a voucher's payment or
/// arrival (same amount, within `bank_days` days, the payee preferred), and every voucher not paid
/// in cash should be a bank item. What is left on either side is a finding.
pub fn bank(
    ledger: &Ledger,
    recon: &Reconciliation,
    statement: &BankStatement,
    rules: &CheckRules,
    lang: Lang,
) -> Vec<Finding> {
    let t = &ledger.texts;
    let mut movements: Vec<Movement> = Vec::new();
    let mut by_voucher: HashMap<(Option<Date>, TextId), usize, Hasher> = HashMap::default();
    // A posting's row number fits in 4 bytes: a sheet has at most 2^20 rows, and a ledger's
    // files would need four billion postings between them to overflow it.
    for (index, (row, (flow, _))) in ledger.rows.iter().zip(&recon.postings).enumerate() {
        let Some(flow) = flow else { continue };
        let summary = row.summary(t);
        if rules
            .cash_words
            .iter()
            .any(|w| summary.contains(w.as_str()) || t[row.account_name].contains(w.as_str()))
        {
            continue;
        }
        let existing = (!row.voucher.is_empty())
            .then(|| by_voucher.get(&(row.date, row.voucher)).copied())
            .flatten();
        let m = match existing.and_then(|i| movements.get_mut(i)) {
            Some(m) => m,
            None => {
                if !row.voucher.is_empty() {
                    by_voucher.insert((row.date, row.voucher), movements.len());
                }
                movements.push(Movement {
                    date: row.date,
                    voucher: &t[row.voucher],
                    out: Decimal::ZERO,
                    into: Decimal::ZERO,
                    rows: Vec::new(),
                });
                match movements.last_mut() {
                    Some(m) => m,
                    None => continue,
                }
            }
        };
        match flow {
            Flow::Spending => m.out += row.debit() - row.credit(),
            Flow::Arrival => m.into += row.credit() - row.debit(),
        }
        if let Ok(index) = u32::try_from(index) {
            m.rows.push(index);
        }
    }
    let mut matched = vec![false; movements.len()];
    // The movements not yet matched, by the net money they moved and then by day, each day's in
    // ledger order: a bank item looks only at its equals within its window of days, and a
    // matched movement leaves its day. (A million postings pay the same grant thousands of
    // times; looking at every equal of every item took 44 s.) An undated movement is never
    // within a window.
    let mut open: HashMap<Decimal, BTreeMap<i64, Vec<usize>>, Hasher> = HashMap::default();
    for (i, m) in movements.iter().enumerate() {
        if let Some(d) = m.date {
            open.entry(m.into - m.out)
                .or_default()
                .entry(d.days_since_epoch())
                .or_default()
                .push(i);
        }
    }
    // The movements of a money and day that a counterparty is the payee of, in ledger order,
    // found the first time that counterparty is looked for there: a day of a thousand equal
    // grants, or of a batch's payment naming hundreds of payees, is searched once per
    // counterparty, not once per bank item. Movements matched since are skipped when met.
    let mut paid_to_on: HashMap<(Decimal, i64, &str), VecDeque<usize>, Hasher> = HashMap::default();
    let mut findings = Vec::new();
    let mut items: Vec<&BankItem> = statement.items.iter().collect();
    items.sort_by_key(|i| i.date);
    for item in items {
        let paid_to = |m: &Movement| {
            !item.counterparty.is_empty()
                && m.rows
                    .iter()
                    .filter_map(|r| ledger.rows.get(*r as usize))
                    .filter(|row| !row.payee.is_empty())
                    .any(|row| {
                        let p = &t[row.payee];
                        item.counterparty.contains(p) || p.contains(item.counterparty.as_str())
                    })
        };
        let day = item.date.days_since_epoch();
        let net = item.into - item.out;
        let window = day.saturating_sub(rules.bank_days)..=day.saturating_add(rules.bank_days);
        // The nearest day first; between the movements that near, the payee's own, then the
        // earliest in the ledger. Whose a movement is is asked only when there is a choice: a
        // batch's movement names hundreds of payees.
        // A negative window (the library's caller can set one; a rules file cannot) holds no day.
        let nearest = open
            .get(&net)
            .filter(|_| rules.bank_days >= 0)
            .and_then(|by_day| {
                let apart = by_day.range(window).map(|(d, _)| (d - day).abs()).min()?;
                let days = if apart == 0 {
                    vec![day]
                } else {
                    vec![day - apart, day + apart]
                };
                let lists: Vec<(i64, &Vec<usize>)> = days
                    .into_iter()
                    .filter_map(|d| Some((d, by_day.get(&d)?)))
                    .collect();
                // (movement, its day, its place in the day)
                let each = || {
                    lists.iter().flat_map(|(d, list)| {
                        list.iter().enumerate().map(move |(at, i)| (*i, *d, at))
                    })
                };
                if each().nth(1).is_none() {
                    return each().next();
                }
                let to_payee = lists
                    .iter()
                    .filter_map(|(d, list)| {
                        let waiting = paid_to_on
                            .entry((net, *d, item.counterparty.as_str()))
                            .or_insert_with(|| {
                                list.iter()
                                    .copied()
                                    .filter(|i| movements.get(*i).is_some_and(paid_to))
                                    .collect()
                            });
                        while waiting
                            .front()
                            .is_some_and(|i| matched.get(*i) != Some(&false))
                        {
                            waiting.pop_front();
                        }
                        let i = *waiting.front()?;
                        Some((i, *d, list.binary_search(&i).ok()?))
                    })
                    .min();
                to_payee.or_else(|| each().min())
            });
        let candidate = nearest.map(|(i, d, at)| {
            if let Some(by_day) = open.get_mut(&net)
                && let Some(list) = by_day.get_mut(&d)
            {
                list.remove(at);
                if list.is_empty() {
                    by_day.remove(&d);
                }
            }
            i
        });
        match candidate {
            Some(i) => {
                if let Some(slot) = matched.get_mut(i) {
                    *slot = true;
                }
            }
            None => {
                let (what, amount) = if item.into > Decimal::ZERO {
                    (lang.pick("收入", "money in"), item.into)
                } else {
                    (lang.pick("支出", "money out"), item.out)
                };
                findings.push(Finding {
                    kind: FindingKind::BankUnbooked,
                    amount,
                    sentence: lang.pick(format!(
                        "银行对账单{}{what}{}元（{}{}）在账上没有对应记录，未及时入账",
                        item.date,
                        money::fmt_yuan_grouped(amount),
                        item.counterparty,
                        if item.summary.is_empty() {
                            String::new()
                        } else {
                            format!("{}{}", lang.pick("，", ", "), item.summary)
                        }
                    ), format!(
                        "the bank statement shows on {} {what} of {} yuan ({}{}) that the ledger never booked",
                        item.date,
                        money::fmt_yuan_grouped(amount),
                        item.counterparty,
                        if item.summary.is_empty() {
                            String::new()
                        } else {
                            format!("{}{}", lang.pick("，", ", "), item.summary)
                        }
                    )),
                    evidence: vec![item.at.at_col(item.amount_col)],
                });
            }
        }
    }
    // A voucher whose postings cancel out (a payment and its reversal) moved no money.
    for (m, _) in movements
        .iter()
        .zip(&matched)
        .filter(|(m, done)| !**done && m.into != m.out)
    {
        let net = m.into - m.out;
        let (what, amount) = if net > Decimal::ZERO {
            (lang.pick("收到", "received"), net)
        } else {
            (lang.pick("支付", "paid"), -net)
        };
        let date = m.date.map(|d| d.to_string()).unwrap_or_default();
        findings.push(Finding {
            kind: FindingKind::NotInBank,
            amount,
            sentence: lang.pick(
                format!(
                    "{date} {}{what}{}元在银行对账单中没有对应流水",
                    m.voucher,
                    money::fmt_yuan_grouped(amount)
                ),
                format!(
                    "{date} {}: {what} of {} yuan is not on the bank statement",
                    m.voucher,
                    money::fmt_yuan_grouped(amount)
                ),
            ),
            evidence: m
                .rows
                .iter()
                .filter_map(|r| ledger.rows.get(*r as usize))
                .map(LedgerRow::amount_at)
                .collect(),
        });
    }
    // A bank kind switched off in `[checks] disable` is not reported, as any other kind.
    findings.retain(|f| !rules.disabled.contains(&f.kind));
    findings
}

/// Shares of the spending paid in the budget year and by the Spring Festival after it.
pub fn timeliness(
    ledger: &Ledger,
    targets: &Targets,
    recon: &Reconciliation,
    rules: &CheckRules,
) -> Option<(u16, Decimal, Option<Decimal>, Decimal)> {
    let year = fiscal_year(ledger, targets, rules)?;
    let spending = ledger
        .rows
        .iter()
        .zip(&recon.postings)
        .filter(|(_, (flow, a))| *flow == Some(Flow::Spending) && matches!(a, Assignment::Line(_)))
        .map(|(r, _)| r);
    let festival = spring_festival(year + 1);
    let (mut total, mut in_year, mut by_festival) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for r in spending {
        let amount = r.debit() - r.credit();
        total += amount;
        if r.date.is_none_or(|d| d.year <= year) {
            in_year += amount;
        }
        if let Some(f) = festival
            && r.date.is_none_or(|d| d <= f)
        {
            by_festival += amount;
        }
    }
    Some((year, in_year, festival.map(|_| by_festival), total))
}

#[cfg(test)]
mod tests;
