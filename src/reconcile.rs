//! Stage 2: planned against arrived against spent, per budget line, per part, in total.
//!
//! Each posting is first classified by its account (an arrival for the fund, spending, or
//! neither) and then assigned to the first budget line whose conditions it meets, in the order
//! of the budget sheet — the way hledger's CSV rules take the first matching `if`. A posting no
//! line claims is kept as unassigned and listed; none disappears. The row accounting
//! `read = used + skipped + unassigned` is checked here, where it is made.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::location::CellRef;
use crate::read::ledger::{Ledger, LedgerRow};
use crate::read::targets::{Budget, Field, Matcher};
use crate::rules::LedgerRules;

/// What a posting is to the fund.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Money arriving (资金到位): credit minus debit on an arrival account.
    Arrival,
    /// Money paid out: debit minus credit on a spending account.
    Spending,
}

/// A posting's place in the reconciliation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assignment {
    Line(usize),
    Unassigned,
    /// On an account that is neither an arrival nor a spending account (a bank or payable
    /// counter-entry in a double-sided export).
    OtherAccount,
}

#[derive(Debug, Clone)]
pub struct LineTotal {
    pub name: String,
    pub group: String,
    pub planned: Decimal,
    pub arrived: Decimal,
    pub spent: Decimal,
    /// Planned minus spent (结余).
    pub balance: Decimal,
    /// Spent over planned; `None` when nothing was planned.
    pub execution_rate: Option<Decimal>,
    pub beneficiaries: u32,
    /// Whether the count is the sheet's stated one (bulk payments) or the distinct payees.
    pub beneficiaries_stated: bool,
    pub tally: Option<String>,
    pub postings: usize,
    pub at: CellRef,
}

#[derive(Debug, Clone)]
pub struct GroupTotal {
    pub name: String,
    pub planned: Decimal,
    pub arrived: Decimal,
    pub spent: Decimal,
    pub balance: Decimal,
    pub execution_rate: Option<Decimal>,
    pub at: CellRef,
}

#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub planned: Decimal,
    pub arrived: Decimal,
    pub spent: Decimal,
    pub balance: Decimal,
}

/// How every row of the ledger was used.
#[derive(Debug, Clone, Default)]
pub struct RowAccount {
    pub read: usize,
    /// Postings assigned to a budget line.
    pub used: usize,
    /// Skipped by the reader, by kind, plus postings on other accounts.
    pub skipped: BTreeMap<String, usize>,
    /// Postings on fund accounts that no budget line claims.
    pub unassigned: Vec<usize>,
}

impl RowAccount {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

#[derive(Debug)]
pub struct Reconciliation {
    pub lines: Vec<LineTotal>,
    pub groups: Vec<GroupTotal>,
    pub totals: Totals,
    /// 资金到位率 = arrived / planned.
    pub funds_arrival_rate: Option<Decimal>,
    /// Per posting, in ledger order: its flow and where it went.
    pub postings: Vec<(Option<Flow>, Assignment)>,
    pub rows: RowAccount,
    /// Beneficiaries per tally (受益统计), e.g. 困难职工 → 1584.
    pub tallies: BTreeMap<String, u32>,
}

/// "Skipped: not a fund account" in the row accounting.
pub const OTHER_ACCOUNT: &str = "非资金科目";

pub fn flow(row: &LedgerRow, rules: &LedgerRules) -> Option<Flow> {
    let code = row.account_code.trim();
    // Without a code column, the code often leads the name: `50205 困难职工帮扶费`.
    let code = if code.is_empty() {
        row.account_name.trim()
    } else {
        code
    };
    let starts = |prefixes: &[String]| prefixes.iter().any(|p| code.starts_with(p.as_str()));
    if starts(&rules.spending_accounts) {
        Some(Flow::Spending)
    } else if starts(&rules.arrival_accounts) {
        Some(Flow::Arrival)
    } else {
        None
    }
}

pub fn matches(row: &LedgerRow, matcher: &Matcher) -> bool {
    matcher.patterns.iter().any(|p| match matcher.field {
        Field::Project => row.project.contains(p.as_str()),
        Field::Account => {
            row.account_code.starts_with(p.as_str()) || row.account_name.contains(p.as_str())
        }
        Field::Summary => row.summary.contains(p.as_str()),
        Field::Payee => row.payee.contains(p.as_str()),
    })
}

fn rate(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    (denominator != Decimal::ZERO).then(|| numerator / denominator)
}

pub fn reconcile(ledger: &Ledger, budget: &Budget, rules: &LedgerRules) -> Reconciliation {
    let mut lines: Vec<LineTotal> = budget
        .lines
        .iter()
        .map(|l| LineTotal {
            name: l.name.clone(),
            group: l.group.clone(),
            planned: l.planned,
            arrived: Decimal::ZERO,
            spent: Decimal::ZERO,
            balance: Decimal::ZERO,
            execution_rate: None,
            beneficiaries: 0,
            beneficiaries_stated: false,
            tally: l.tally.clone(),
            postings: 0,
            at: l.at.clone(),
        })
        .collect();
    let mut payees: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); lines.len()];

    let mut rows = RowAccount {
        read: ledger.rows_read(),
        ..RowAccount::default()
    };
    for (kind, n) in ledger.skipped_by_kind() {
        rows.skipped.insert(kind.label().to_string(), n);
    }
    let mut postings = Vec::with_capacity(ledger.rows.len());
    for (i, row) in ledger.rows.iter().enumerate() {
        let Some(flow) = flow(row, rules) else {
            *rows.skipped.entry(OTHER_ACCOUNT.to_string()).or_insert(0) += 1;
            postings.push((None, Assignment::OtherAccount));
            continue;
        };
        let Some(index) = budget
            .lines
            .iter()
            .position(|l| l.matchers.iter().all(|m| matches(row, m)))
        else {
            rows.unassigned.push(i);
            postings.push((Some(flow), Assignment::Unassigned));
            continue;
        };
        let line = &mut lines[index];
        line.postings += 1;
        match flow {
            Flow::Arrival => line.arrived += row.credit - row.debit,
            Flow::Spending => {
                let amount = row.debit - row.credit;
                line.spent += amount;
                if amount > Decimal::ZERO && !row.payee.is_empty() {
                    payees[index].insert(row.payee.as_str());
                }
            }
        }
        rows.used += 1;
        postings.push((Some(flow), Assignment::Line(index)));
    }

    let mut tallies: BTreeMap<String, u32> = BTreeMap::new();
    for ((line, source), people) in lines.iter_mut().zip(&budget.lines).zip(&payees) {
        line.balance = line.planned - line.spent;
        line.execution_rate = rate(line.spent, line.planned);
        (line.beneficiaries, line.beneficiaries_stated) = match source.stated_beneficiaries {
            Some(n) => (n, true),
            None => (people.len() as u32, false),
        };
        if let Some(tally) = &line.tally {
            *tallies.entry(tally.clone()).or_insert(0) += line.beneficiaries;
        }
    }

    let groups: Vec<GroupTotal> = budget
        .groups
        .iter()
        .map(|g| {
            let members = || lines.iter().filter(|l| l.group == g.name);
            let planned = g
                .planned
                .unwrap_or_else(|| members().map(|l| l.planned).sum());
            let arrived: Decimal = members().map(|l| l.arrived).sum();
            let spent: Decimal = members().map(|l| l.spent).sum();
            GroupTotal {
                name: g.name.clone(),
                planned,
                arrived,
                spent,
                balance: planned - spent,
                execution_rate: rate(spent, planned),
                at: g.at.clone(),
            }
        })
        .collect();

    let mut totals = Totals {
        planned: groups.iter().map(|g| g.planned).sum(),
        arrived: groups.iter().map(|g| g.arrived).sum(),
        spent: groups.iter().map(|g| g.spent).sum(),
        balance: Decimal::ZERO,
    };
    totals.balance = totals.planned - totals.spent;
    debug_assert_eq!(
        rows.read,
        rows.used + rows.skipped_total() + rows.unassigned.len()
    );
    Reconciliation {
        funds_arrival_rate: rate(totals.arrived, totals.planned),
        lines,
        groups,
        totals,
        postings,
        rows,
        tallies,
    }
}
