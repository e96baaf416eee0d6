//! Stage 3: the audit checks an evaluator would otherwise do by hand on the ledger — money that
//! went where fiscal money may not go, payments above the standard or twice, late payments,
//! cash above the limit, reversals without their original.
//!
//! A check is one file here and one row of the table of kinds below. Each finding carries its
//! kind, the amount, the cells behind it and its fact, which says it in the words an evaluator
//! writes, in either language, when an output asks; the rules decide which indicator each kind
//! deducts from (through the `findings.<kind>` measures). Every check can be switched off and
//! tuned in the rules file's `[checks]`.

use std::collections::BTreeMap;
use std::sync::Arc;

mod above_standard;
mod bank;
mod by_payee;
mod cash;
mod duplicate;
mod late;
mod over_budget;
mod paid_twice;
mod prohibited_payee;
mod reversal;
mod settings;
mod timeliness;
mod unassigned;

pub use bank::bank;
pub use settings::CheckRules;
pub use timeliness::{Timeliness, spring_festival, timeliness};

use by_payee::ByPayee;
use rayon::prelude::*;

/// Keys are the ledger's own texts; a fast hash, not one hardened for servers.
type Hasher = foldhash::fast::RandomState;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::money;
use crate::read::ledger::{Ledger, LedgerRow};
use crate::read::targets::{BudgetLine, Targets};
use crate::read::text::Texts;
use crate::reconcile::{Assignment, Flow, LedgerRules, Reconciliation};

/// The table of kinds: one row per audit check, in the order findings are listed (most serious
/// first). A row is the kind, its doc line, its name (in measures as `findings.<name>`, in
/// `[checks] disable` and in the JSON), its label in both languages, and where the check looks
/// with the function that looks there. The enum, its names, labels and docs are all made from
/// this one table, so that no list of kinds can fall out of step with another; the measures'
/// names (`measure::names`), docs/rules.md and docs/json.md are tested against it
/// (tests/integration/registry.rs).
macro_rules! kinds {
    ($(
        #[doc = $doc:literal]
        $kind:ident = $name:literal, zh $zh:literal, en $en:literal, $scope:expr;
        advice zh ($zt:literal, $zb:literal), en ($et:literal, $eb:literal);
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

            /// What the report's 有关建议 proposes when the kind is found: a heading and a
            /// sentence the evaluator edits (a template, not a conclusion).
            pub fn advice(self, lang: Lang) -> (&'static str, &'static str) {
                match self {
                    $(FindingKind::$kind => lang.pick(($zt, $zb), ($et, $eb)),)*
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
        advice zh ("停止向行业协会商会拨付财政资金", "按照《行业协会商会与行政机关脱钩总体方案》，财政资金不得直接拨付行业协会商会。建议停止拨付，对已拨付的资金予以清理，确需支持的事项按政府购买服务等规定程序办理。"),
        en ("Stop paying fiscal money to associations", "Under the plan that separates associations from government bodies, fiscal money may not be paid to them directly. Stop the payments and review those made; where support is needed, buy the service through the prescribed procedure.");
    /// A budget line or part spent beyond its plan.
    OverBudget = "over_budget", zh "超预算支出",
        en "spending over the plan", Scope::Budget(over_budget::check);
        advice zh ("严格按预算执行", "建议严格按照批复的预算安排支出，确需调整的，按规定程序办理预算调剂后再行支出。"),
        en ("Spend within the budget", "Spend as the approved budget provides; where a change is needed, have the budget adjusted through the prescribed procedure before spending.");
    /// A person paid more on a line than its per-person standard (补助标准).
    AboveStandard = "above_standard", zh "超标准发放",
        en "paid above the standard", Scope::Line(above_standard::check);
        advice zh ("按规定标准发放补助", "建议严格按照补助标准核定发放金额，对超标准发放的部分逐笔核实，予以纠正或补充审批依据。"),
        en ("Pay at the set standard", "Set each payment by the published standard; check every payment above it and correct it or add the approval behind it.");
    /// A person paid twice on one line for the same thing.
    PaidTwice = "paid_twice", zh "重复发放", en "paid twice", Scope::Line(paid_twice::check);
        advice zh ("建立发放台账，防止重复发放", "建议建立补助对象发放台账，发放前比对名单，对重复发放的资金予以核实追回。"),
        en ("Keep a payment register to prevent double payments", "Keep a register of the people paid and check the list before each payment; recover the money paid twice.");
    /// The same payee, amount, line and account within a few days.
    Duplicate = "duplicate", zh "疑似重复支付",
        en "suspected duplicate payments", Scope::Line(duplicate::check);
        advice zh ("核实疑似重复支付", "建议逐笔核实疑似重复支付的款项，属于重复支付的予以追回，并完善支付审核流程。"),
        en ("Check the suspected duplicate payments", "Check each suspected duplicate; recover those that are, and tighten the review of payments.");
    /// Paid after the budget year.
    Late = "late", zh "跨年度支付", en "paid after the budget year", Scope::Line(late::check);
        advice zh ("加快预算执行进度", "建议合理安排资金使用计划，在预算年度内完成支付，避免跨年度支付。"),
        en ("Spend within the budget year", "Plan the spending so that payments are made within the budget year.");
    /// A cash payment above the limit.
    Cash = "cash", zh "大额现金支付", en "cash above the limit", Scope::Posting(cash::check);
        advice zh ("规范现金管理", "建议严格执行现金管理规定，超过结算起点的支付通过银行转账或公务卡结算。"),
        en ("Keep cash within the rules", "Follow the cash rules: pay amounts above the limit by bank transfer or official card.");
    /// A negative payment (冲销) with no payment it reverses.
    ReversalWithoutOriginal = "reversal_without_original", zh "无原始记录的冲销",
        en "reversals without an original", Scope::Line(reversal::check);
        advice zh ("规范会计核算", "建议对无原始记录的冲销逐笔查明原因，补充原始凭证或更正账务处理。"),
        en ("Keep the books in order", "Find the cause of each reversal without an original, and add the voucher or correct the entries.");
    /// Spending or an arrival that no budget line claims.
    Unassigned = "unassigned", zh "未归入预算子项的收支",
        en "postings no budget line claims", Scope::Posting(unassigned::check);
        advice zh ("实行专账核算，专款专用", "建议对专项资金实行专账管理，每笔收支明确对应的预算子项，做到专款专用。"),
        en ("Keep a separate account for the fund", "Keep the fund in an account of its own and book every posting to its budget line, so that the money is used as allocated.");
    /// Money the bank moved that the ledger does not record (a returned grant never booked).
    BankUnbooked = "bank_unbooked", zh "银行收支未入账",
        en "bank movements never booked", Scope::Bank;
        advice zh ("及时入账，做到账实相符", "建议定期将银行流水与账簿核对，对未入账的银行收支及时查明原因并入账。"),
        en ("Book every bank movement", "Compare the bank statement with the books regularly, and find and book every movement that is missing.");
    /// A payment or arrival of the ledger the bank statement does not show.
    NotInBank = "not_in_bank", zh "账面收支无银行流水",
        en "postings the bank does not show", Scope::Bank;
        advice zh ("核对账簿与银行流水", "建议查明账面记载而银行流水未见的收支，补充银行回单或更正账务，确保账实相符。"),
        en ("Reconcile the books with the bank", "Find why the bank does not show these postings, and add the bank receipts or correct the entries.");
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

/// What an audit check found: its kind, the money at stake, the fact with its values, and the
/// cells behind it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub kind: FindingKind,
    pub amount: Decimal,
    /// What was found; said in words only when it is shown ([`Finding::sentence`]).
    pub fact: Arc<dyn Fact>,
    pub evidence: Vec<CellRef>,
}

impl Finding {
    pub fn new(
        kind: FindingKind,
        amount: Decimal,
        fact: impl Fact + 'static,
        evidence: Vec<CellRef>,
    ) -> Finding {
        Finding {
            kind,
            amount,
            fact: Arc::new(fact),
            evidence,
        }
    }

    /// The finding in the words of a report, in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        self.fact.say(lang)
    }
}

/// What a check found, with its values: each check's own type, in its own file, says it in
/// either language (with the glossary's words). The stages never write a sentence; the outputs
/// ask for one in the user's language.
pub trait Fact: std::fmt::Debug + Send + Sync {
    fn say(&self, lang: Lang) -> String;
}

/// The budget year: the rules' `fiscal_year`, else the declaration's `（2019年度）`, else the
/// year the ledger's title period starts, else the first posting's year. A fund declared over
/// several years has no one: its lines' own 年度 stand, and a line without one is judged by none
/// (not by the first year's end, which would make every later payment late).
pub fn fiscal_year(ledger: &Ledger, targets: &Targets, rules: &CheckRules) -> Option<u16> {
    if rules.fiscal_year.is_none() && targets.years().len() > 1 {
        return None;
    }
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

/// A pair of payments found both 重复发放 (one person, one kind of payment) and 疑似重复支付 (one
/// payee, amount and account within days) is one finding, not two: the 重复发放, which says more.
fn once_a_pair(findings: Vec<Finding>) -> Vec<Finding> {
    let twice: Vec<&[CellRef]> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::PaidTwice)
        .map(|f| f.evidence.as_slice())
        .collect();
    let covered = |f: &Finding| {
        f.kind == FindingKind::Duplicate
            && twice
                .iter()
                .any(|cells| f.evidence.iter().all(|c| cells.contains(c)))
    };
    let keep: Vec<bool> = findings.iter().map(|f| !covered(f)).collect();
    findings
        .into_iter()
        .zip(keep)
        .filter_map(|(f, keep)| keep.then_some(f))
        .collect()
}

/// Payments on a schedule: three or more of one amount for one kind of payment, each dated,
/// a steady month or quarter apart (±5 days) — a contract's instalments, rent, a monthly
/// allowance — which are neither a double payment nor a person paid twice.
fn on_a_schedule(paid: &[&LedgerRow], t: &Texts) -> bool {
    if paid.len() < 3 {
        return false;
    }
    let Some(first) = paid.first() else {
        return false;
    };
    let (amount, kind) = (first.debit(), kind_of_payment(first, t));
    if paid
        .iter()
        .any(|r| r.debit() != amount || kind_of_payment(r, t) != kind)
    {
        return false;
    }
    let Some(mut days) = paid
        .iter()
        .map(|r| r.date.map(|d| d.days_since_epoch()))
        .collect::<Option<Vec<i64>>>()
    else {
        return false;
    };
    days.sort_unstable();
    let gaps: Vec<i64> = days
        .windows(2)
        .filter_map(|w| Some(w.get(1)? - w.first()?))
        .collect();
    let (least, most) = (
        gaps.iter().copied().min().unwrap_or(0),
        gaps.iter().copied().max().unwrap_or(0),
    );
    least >= 25 && most <= 95 && most - least <= 5
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
) -> Vec<Finding> {
    let cx = Context {
        ledger,
        targets,
        recon,
        ledger_rules,
        rules,
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
        once_a_pair(
            line_checks
                .iter()
                .flat_map(|check| check(&cx, &line))
                .collect::<Vec<_>>(),
        )
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

/// A line of bulk payments: a per-person standard and a stated number of people (a
/// sanatorium's bill for 40 people), whose payee is the supplier, not a person.
fn is_bulk(line: &BudgetLine) -> bool {
    standard(&line.standard).is_some() && line.stated_beneficiaries.is_some()
}

#[cfg(test)]
mod tests;
