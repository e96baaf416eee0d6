//! Stage 2: planned against arrived against spent, per budget line, per part, in total.
//!
//! Each posting is first classified by its account (an arrival for the fund, spending, or
//! neither) and then assigned to the first budget line whose conditions it meets, in the order
//! of the budget sheet — the way hledger's CSV rules take the first matching `if`. A posting no
//! line claims is kept as unassigned and listed; none disappears. The row accounting
//! `read = used + skipped + unassigned` is checked here, where it is made.

use std::collections::{BTreeMap, HashSet};

use rust_decimal::Decimal;

use crate::chart::{self, Chart};
use crate::label::normalize;
use crate::lang::Lang;
use crate::location::CellRef;
use crate::read::ledger::{Ledger, LedgerRow, SkipKind};
use crate::read::targets::{Budget, Field, Matcher};
use crate::read::text::{TextId, Texts};

#[derive(Debug, Clone)]
pub struct LedgerRules {
    /// Accounts whose credits are money arriving for the fund (资金到位), by code prefix.
    pub arrival_accounts: Vec<String>,
    /// Accounts whose debits are the fund's spending, by code prefix.
    pub spending_accounts: Vec<String>,
    /// Payee names fiscal money may not go to, by part of the name.
    pub prohibited_payees: Vec<String>,
    /// Under 政府会计制度 every payment is booked twice: in 财务会计 (the accounts above) and in
    /// 预算会计, whose arrivals and spending are on these accounts (6xxx 预算收入, 7xxx 支出).
    pub budget_arrival_accounts: Vec<String>,
    pub budget_spending_accounts: Vec<String>,
    /// Which side of parallel books is counted; the budget side by default, as 预算执行 is
    /// measured in 预算会计.
    pub parallel_side: BookSide,
    /// The chart of accounts the rules file names; found from the accounts otherwise.
    pub chart: Option<Chart>,
    /// The arrival and spending accounts the rules file lists itself, which stand whatever the
    /// chart; with either, one set of books is counted, by these lists.
    pub stated_arrival: Option<Vec<String>>,
    pub stated_spending: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookSide {
    /// 预算会计
    Budget,
    /// 财务会计
    Financial,
}

impl Default for LedgerRules {
    fn default() -> Self {
        LedgerRules {
            arrival_accounts: crate::label::words(&["4"]),
            spending_accounts: crate::label::words(&["5"]),
            prohibited_payees: crate::label::words(&[
                "协会",
                "商会",
                "学会",
                "研究会",
                "促进会",
                "联合会",
            ]),
            budget_arrival_accounts: crate::label::words(&["6"]),
            budget_spending_accounts: crate::label::words(&["7"]),
            parallel_side: BookSide::Budget,
            chart: None,
            stated_arrival: None,
            stated_spending: None,
        }
    }
}

impl LedgerRules {
    /// The rules with the accounts of the ledger's chart, and how the chart was settled. The
    /// accounts the rules file lists stand in place of the chart's; listing both, the chart need
    /// not be known. Refused when the accounts fit no chart, or charts that read money
    /// differently, and the rules do not settle it.
    pub fn for_ledger(
        &self,
        ledger: &Ledger,
    ) -> Result<(LedgerRules, Option<chart::Found>), chart::Problem> {
        let found = match self.chart {
            Some(c) => Ok(chart::Found::Stated(c)),
            None => chart::detect(&accounts(ledger)),
        };
        let both_stated = self.stated_arrival.is_some() && self.stated_spending.is_some();
        let found = match found {
            Ok(found) => Some(found),
            Err(_) if both_stated => None,
            Err(problem) => return Err(problem),
        };
        let mut rules = self.clone();
        if let Some(c) = found.as_ref().and_then(chart::Found::chart) {
            let a = c.accounts();
            rules.arrival_accounts = crate::label::words(a.arrival);
            rules.spending_accounts = crate::label::words(a.spending);
            let (arrival, spending) = a.budget.unwrap_or((&[], &[]));
            rules.budget_arrival_accounts = crate::label::words(arrival);
            rules.budget_spending_accounts = crate::label::words(spending);
        }
        if self.stated_arrival.is_some() || self.stated_spending.is_some() {
            // Listed accounts are counted as they are listed, on one set of books: left beside
            // them, a chart's 预算会计 side would count a company's 6xxx costs as arrivals.
            if let Some(a) = &self.stated_arrival {
                rules.arrival_accounts = a.clone();
            }
            if let Some(s) = &self.stated_spending {
                rules.spending_accounts = s.clone();
            }
            rules.budget_arrival_accounts = Vec::new();
            rules.budget_spending_accounts = Vec::new();
        }
        Ok((rules, found))
    }
}

/// The ledger's distinct accounts: the code (or the digits leading the name) and the name.
fn accounts(ledger: &Ledger) -> Vec<chart::Account> {
    let t = &ledger.texts;
    let mut seen: HashSet<(TextId, TextId), foldhash::fast::RandomState> = HashSet::default();
    for row in &ledger.rows {
        seen.insert((row.account_code, row.account_name));
    }
    let mut out: Vec<chart::Account> = seen
        .into_iter()
        .map(|(code, name)| {
            let name = t[name].trim();
            let code = t[code].trim();
            let code = if code.is_empty() {
                name.split(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap_or("")
            } else {
                code
            };
            chart::Account {
                code: code.to_string(),
                name: name.to_string(),
            }
        })
        .filter(|a| !a.code.is_empty() || !a.name.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

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
    /// To the budget's line at this index. A budget has a few dozen lines; 4 bytes keep a
    /// million postings' assignments at 12 MB instead of 24.
    Line(u32),
    /// An arrival for the budget's part at this index as a whole (拨付到部分).
    Part(u32),
    /// An arrival for the whole fund (拨付到项目整体).
    Fund,
    Unassigned,
    /// On an account that is neither an arrival nor a spending account (a bank or payable
    /// counter-entry in a double-sided export).
    OtherAccount,
}

#[derive(Debug, Clone)]
pub struct LineTotal {
    pub name: String,
    pub group: String,
    /// 年度: the budget year, where the budget gives one.
    pub year: Option<u16>,
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
    /// Its lines' arrivals and its own.
    pub arrived: Decimal,
    /// Arrivals booked to the part as a whole rather than to one of its lines.
    pub arrived_for_part: Decimal,
    pub postings_for_part: usize,
    pub spent: Decimal,
    pub balance: Decimal,
    pub execution_rate: Option<Decimal>,
    pub at: CellRef,
}

#[derive(Debug, Clone, Default)]
pub struct Totals {
    pub planned: Decimal,
    /// The parts' arrivals and the fund's own.
    pub arrived: Decimal,
    /// Arrivals booked to the fund as a whole rather than to a part or line.
    pub arrived_for_fund: Decimal,
    pub postings_for_fund: usize,
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
    pub skipped: BTreeMap<Skip, usize>,
    /// Postings on fund accounts that no budget line claims.
    pub unassigned: Vec<usize>,
}

impl RowAccount {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// `读取 1050 ＝ 使用 1022 ＋ 跳过 28（期初余额 1、…）＋ 未归入 0`: the accounting in one line.
    /// `读取 1050 ＝ 使用 1022 ＋ 跳过 28（期初余额 1、…）＋ 未归入 0`, in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        let kinds: Vec<String> = self
            .skipped
            .iter()
            .map(|(k, n)| format!("{} {n}", k.say(lang)))
            .collect();
        match lang {
            Lang::Zh => format!(
                "读取 {} ＝ 使用 {} ＋ 跳过 {}{}＋ 未归入 {}",
                self.read,
                self.used,
                self.skipped_total(),
                if kinds.is_empty() {
                    " ".to_string()
                } else {
                    format!("（{}）", kinds.join("、"))
                },
                self.unassigned.len()
            ),
            Lang::En => format!(
                "read {} = used {} + skipped {}{} + unassigned {}",
                self.read,
                self.used,
                self.skipped_total(),
                if kinds.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", kinds.join(", "))
                },
                self.unassigned.len()
            ),
        }
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
    pub books: Books,
    /// How the chart of accounts was settled; `None` when the rules file lists the accounts.
    pub chart: Option<chart::Found>,
}

impl Reconciliation {
    /// The arrivals booked to a part or to the fund as a whole, as the rows the outputs show
    /// them on: (the part, or none for the fund; the money), the parts first.
    pub fn whole_arrivals(&self) -> Vec<(Option<&str>, Decimal)> {
        let parts = self
            .groups
            .iter()
            .filter(|g| g.postings_for_part > 0)
            .map(|g| (Some(g.name.as_str()), g.arrived_for_part));
        let fund =
            (self.totals.postings_for_fund > 0).then_some((None, self.totals.arrived_for_fund));
        parts.chain(fund).collect()
    }
}

/// A budget year's lines added up (分年度), for a fund whose 预算明细 gives each line a 年度.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearTotal {
    pub year: u16,
    pub planned: Decimal,
    pub arrived: Decimal,
    pub spent: Decimal,
    pub balance: Decimal,
    /// Spent over planned, as the lines' rate is.
    pub execution_rate: Option<Decimal>,
}

impl Reconciliation {
    /// The budget years side by side, earliest first; empty when no line has a 年度. A line
    /// without one among lines with one is in no year, and the years then add up to less than
    /// the total, which the outputs' total row shows.
    pub fn years(&self) -> Vec<YearTotal> {
        let mut years: BTreeMap<u16, YearTotal> = BTreeMap::new();
        for l in &self.lines {
            let Some(year) = l.year else { continue };
            let y = years.entry(year).or_insert(YearTotal {
                year,
                planned: Decimal::ZERO,
                arrived: Decimal::ZERO,
                spent: Decimal::ZERO,
                balance: Decimal::ZERO,
                execution_rate: None,
            });
            y.planned += l.planned;
            y.arrived += l.arrived;
            y.spent += l.spent;
        }
        years
            .into_values()
            .map(|mut y| {
                y.balance = y.planned - y.spent;
                y.execution_rate = rate(y.spent, y.planned);
                y
            })
            .collect()
    }
}

impl LineTotal {
    /// The line as the outputs name it: with its 年度 when the budget gives one
    /// (`困难职工帮扶（2022年度）`), as lines of several years share names.
    pub fn label(&self, lang: Lang) -> String {
        match (self.year, lang) {
            (None, _) => self.name.clone(),
            (Some(y), Lang::Zh) => format!("{}（{y}年度）", self.name),
            (Some(y), Lang::En) => format!("{} ({y})", self.name),
        }
    }
}

impl YearTotal {
    /// A fund's year as one name: `困难职工帮扶（2022年度）` / `困难职工帮扶 (2022)`.
    pub fn label_of(&self, fund: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{fund}（{}年度）", self.year),
            Lang::En => format!("{fund} ({})", self.year),
        }
    }

    /// The row's name: `2022年度合计` / `2022 total`.
    pub fn label(&self, lang: Lang) -> String {
        lang.pick(
            format!("{}年度合计", self.year),
            format!("{} total", self.year),
        )
    }
}

/// The word for a row of arrivals for a part (`Some`) or for the fund as a whole.
pub fn whole_term(part: Option<&str>) -> crate::glossary::Term {
    match part {
        Some(_) => crate::glossary::Term::ArrivedForPart,
        None => crate::glossary::Term::ArrivedForFund,
    }
}

/// Why a row was not used: skipped by the reader (a total, a balance …), or a posting on an
/// account that is not the fund's, or on the other side of parallel books.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Skip {
    Row(SkipKind),
    /// 非资金科目: a posting on an account that is neither an arrival nor a spending account.
    OtherAccount,
    /// 平行记账另一方: the side of parallel books that is not counted.
    OtherBooks,
    /// 期末结转: the year-end closing of income and expense accounts into 本年利润 / 本期盈余 /
    /// 结余, which moves no money.
    Closing,
}

impl Skip {
    /// The label, as the ledger writes it; the JSON's key.
    pub fn label(self) -> &'static str {
        match self {
            Skip::Row(kind) => kind.label(),
            Skip::OtherAccount => "非资金科目",
            Skip::OtherBooks => "平行记账另一方",
            Skip::Closing => "期末结转",
        }
    }

    pub fn say(self, lang: Lang) -> &'static str {
        match self {
            Skip::Row(kind) => kind.say(lang),
            Skip::OtherAccount => lang.pick(self.label(), "not on the fund's accounts"),
            Skip::OtherBooks => lang.pick(self.label(), "the other side of parallel books"),
            Skip::Closing => lang.pick(self.label(), "year-end closing entries"),
        }
    }
}

/// In the order of their labels, as the outputs have always listed them.
impl Ord for Skip {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.label().cmp(other.label())
    }
}

impl PartialOrd for Skip {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl serde::Serialize for Skip {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

/// Which books the ledger holds, and so which accounts count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Books {
    /// One set of books (a union, an enterprise, or one side exported alone).
    Single,
    /// 预算会计 alone.
    BudgetOnly,
    /// 财务会计 and 预算会计 in parallel: one side is counted, the other skipped.
    Parallel(BookSide),
}

impl Books {
    pub fn describe(&self, lang: Lang) -> &'static str {
        match self {
            Books::Single => lang.pick("单套账", "single books"),
            Books::BudgetOnly => lang.pick("预算会计科目", "budget accounting's accounts"),
            Books::Parallel(BookSide::Budget) => lang.pick(
                "财务会计与预算会计平行记账，按预算会计计数",
                "parallel financial and budget accounting, counted on the budget side",
            ),
            Books::Parallel(BookSide::Financial) => lang.pick(
                "财务会计与预算会计平行记账，按财务会计计数",
                "parallel financial and budget accounting, counted on the financial side",
            ),
        }
    }
}

/// The 摘要 of a year-end closing entry (结转损益): income and expense accounts emptied into the
/// year's result. It moves no money, and its debits on income accounts are not negative arrivals.
/// (`期末结转` alone also moves costs between accounts, 制造费用 to 生产成本, whose two sides
/// cancel and must both count.)
const CLOSING: [&str; 14] = [
    "结转本年利润",
    "结转损益",
    "损益结转",
    "结转本期盈余",
    "结转利润",
    "收支结转",
    "结转收支",
    "结转本年收支",
    "结转本年收入",
    "结转本年支出",
    "结转预算收入",
    "结转预算支出",
    "年末结转收",
    "年终结转收",
];

/// The accounts a closing entry empties income and spending into: the year's result (本年利润,
/// 本期盈余), the balances carried (结余, 结转 of 工会 and 政府会计), 民非's 净资产.
const RESULT_ACCOUNTS: [&str; 6] = [
    "本年利润",
    "本期盈余",
    "本年盈余",
    "结余",
    "净资产",
    "利润分配",
];

/// The vouchers (date, 凭证字号) that hold a posting on a result account: their postings against
/// an income or spending account's side close it.
fn closing_vouchers_of(ledger: &Ledger) -> HashSet<(Option<crate::date::Date>, TextId)> {
    let t = &ledger.texts;
    ledger
        .rows
        .iter()
        .filter(|r| !r.voucher.is_empty())
        .filter(|r| {
            let name = &t[r.account_name];
            RESULT_ACCOUNTS.iter().any(|a| name.contains(a))
        })
        .map(|r| (r.date, r.voucher))
        .collect()
}

/// The account code of a posting; without a code column the code often leads the name.
fn code<'t>(row: &LedgerRow, t: &'t Texts) -> &'t str {
    let code = t[row.account_code].trim();
    if code.is_empty() {
        t[row.account_name].trim()
    } else {
        code
    }
}

/// Whether the posting's account is one of `accounts`: an entry of digits is a code prefix, any
/// other a part of the account's name (`其他收益`).
fn on(row: &LedgerRow, t: &Texts, accounts: &[String]) -> bool {
    !accounts.is_empty() && on_account(code(row, t), &t[row.account_name], accounts)
}

fn on_account(code: &str, name: &str, accounts: &[String]) -> bool {
    accounts.iter().any(|a| {
        if a.bytes().all(|b| b.is_ascii_digit()) {
            code.starts_with(a.as_str())
        } else {
            name.contains(a.as_str())
        }
    })
}

pub fn books(ledger: &Ledger, rules: &LedgerRules) -> Books {
    let t = &ledger.texts;
    let holds = |arrival: &[String], spending: &[String]| {
        ledger
            .rows
            .iter()
            .any(|r| on(r, t, arrival) || on(r, t, spending))
    };
    let financial = holds(&rules.arrival_accounts, &rules.spending_accounts);
    let budget = holds(
        &rules.budget_arrival_accounts,
        &rules.budget_spending_accounts,
    );
    match (financial, budget) {
        (true, true) => Books::Parallel(rules.parallel_side),
        (false, true) => Books::BudgetOnly,
        _ => Books::Single,
    }
}

/// What a posting is to the fund: `Err(true)` when it belongs to the side of parallel books
/// that is not counted, `Err(false)` when it is on another account altogether.
pub fn flow(row: &LedgerRow, t: &Texts, rules: &LedgerRules, books: &Books) -> Result<Flow, bool> {
    let (financial, budget) = (
        (&rules.arrival_accounts, &rules.spending_accounts),
        (
            &rules.budget_arrival_accounts,
            &rules.budget_spending_accounts,
        ),
    );
    let (counted, other) = match books {
        Books::Single => (financial, None),
        Books::BudgetOnly | Books::Parallel(BookSide::Budget) => (budget, Some(financial)),
        Books::Parallel(BookSide::Financial) => (financial, Some(budget)),
    };
    let (code, name) = (code(row, t), &t[row.account_name]);
    let on = |accounts: &[String]| on_account(code, name, accounts);
    if on(counted.1) {
        Ok(Flow::Spending)
    } else if on(counted.0) {
        Ok(Flow::Arrival)
    } else {
        Err(other.is_some_and(|(a, s)| on(a) || on(s)))
    }
}

pub fn matches(row: &LedgerRow, t: &Texts, matcher: &Matcher) -> bool {
    if matcher.implied
        && let Some(named) = crate::read::targets::year_of(&t[row.project])
    {
        return matcher
            .ranges
            .iter()
            .any(|(first, last)| first.year <= named && named <= last.year);
    }
    if matcher.on_date() {
        return row.date.is_some_and(|d| {
            matcher
                .ranges
                .iter()
                .any(|(first, last)| *first <= d && d <= *last)
        });
    }
    matcher
        .patterns
        .iter()
        .zip(&matcher.normalized)
        .any(|(p, n)| {
            let n = n.as_deref();
            match matcher.field {
                Field::Project => holds(&t[row.project], p, n),
                Field::Account => {
                    t[row.account_code].starts_with(p.as_str()) || holds(&t[row.account_name], p, n)
                }
                Field::Summary => holds(&row.summary(t), p, n),
                Field::Payee => holds(&t[row.payee], p, n),
                Field::Year | Field::Date => false,
            }
        })
}

/// Whether `text` holds `pattern`, whatever the width of their brackets, colons and dashes and
/// the spaces in them (`两节送温暖（资金）` holds `两节送温暖(资金)`). Only a pattern with such a
/// character (`normalized`, its normal form) can differ so: the text is normalised for those.
fn holds(text: &str, pattern: &str, normalized: Option<&str>) -> bool {
    text.contains(pattern) || normalized.is_some_and(|n| normalize(text).contains(n))
}

use crate::money::ratio as rate;

pub fn reconcile(ledger: &Ledger, budget: &Budget, rules: &LedgerRules) -> Reconciliation {
    let mut lines: Vec<LineTotal> = budget
        .lines
        .iter()
        .map(|l| LineTotal {
            name: l.name.clone(),
            group: l.group.clone(),
            year: l.year,
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
    // Only counted, never listed: a hash set, not a sorted one.
    let mut payees: Vec<HashSet<TextId, foldhash::fast::RandomState>> =
        vec![HashSet::default(); lines.len()];

    let books = books(ledger, rules);
    let mut rows = RowAccount {
        read: ledger.rows_read(),
        ..RowAccount::default()
    };
    for (kind, n) in ledger.skipped_by_kind() {
        rows.skipped.insert(Skip::Row(kind), n);
    }
    let mut postings = Vec::with_capacity(ledger.rows.len());
    // Arrivals for a part or the fund as a whole: (amount, postings).
    let mut parts: BTreeMap<u32, (Decimal, usize)> = BTreeMap::new();
    let mut fund = (Decimal::ZERO, 0usize);
    // Found only when a posting runs against its account's side, which few ever do.
    let mut closing_vouchers: Option<HashSet<(Option<crate::date::Date>, TextId)>> = None;
    for (i, row) in ledger.rows.iter().enumerate() {
        let flow = match flow(row, &ledger.texts, rules, &books) {
            Ok(flow) => flow,
            Err(other_side) => {
                let kind = if other_side {
                    Skip::OtherBooks
                } else {
                    Skip::OtherAccount
                };
                *rows.skipped.entry(kind).or_insert(0) += 1;
                postings.push((None, Assignment::OtherAccount));
                continue;
            }
        };
        // A closing entry empties an account: it debits income and credits spending, against
        // the account's own side, which ordinary postings seldom do.
        let against_its_side = match flow {
            Flow::Arrival => row.debit() > Decimal::ZERO,
            Flow::Spending => row.credit() > Decimal::ZERO,
        };
        if against_its_side
            && (row.summary_has_any(&ledger.texts, &CLOSING)
                || closing_vouchers
                    .get_or_insert_with(|| closing_vouchers_of(ledger))
                    .contains(&(row.date, row.voucher)))
        {
            *rows.skipped.entry(Skip::Closing).or_insert(0) += 1;
            postings.push((None, Assignment::OtherAccount));
            continue;
        }
        let Some(index) = budget
            .lines
            .iter()
            .position(|l| l.matchers.iter().all(|m| matches(row, &ledger.texts, m)))
        else {
            // Allocations are often booked to a part or to the fund itself rather than to a
            // line; spending is always some line's.
            let whole = (flow == Flow::Arrival)
                .then(|| whole_of(row, &ledger.texts, budget))
                .flatten();
            let amount = row.credit() - row.debit();
            match whole {
                Some(Assignment::Part(p)) => {
                    let part = parts.entry(p).or_default();
                    part.0 += amount;
                    part.1 += 1;
                }
                Some(_) => {
                    fund.0 += amount;
                    fund.1 += 1;
                }
                None => {
                    rows.unassigned.push(i);
                    postings.push((Some(flow), Assignment::Unassigned));
                    continue;
                }
            }
            rows.used += 1;
            postings.push((Some(flow), whole.unwrap_or(Assignment::Unassigned)));
            continue;
        };
        // `index` comes from the budget's lines, which `lines` mirrors one for one, and a
        // targets sheet holds far fewer than 2^32 of them.
        let (Some(line), Some(people), Ok(at)) = (
            lines.get_mut(index),
            payees.get_mut(index),
            u32::try_from(index),
        ) else {
            rows.unassigned.push(i);
            postings.push((Some(flow), Assignment::Unassigned));
            continue;
        };
        line.postings += 1;
        match flow {
            Flow::Arrival => line.arrived += row.credit() - row.debit(),
            Flow::Spending => {
                let amount = row.debit() - row.credit();
                line.spent += amount;
                if amount > Decimal::ZERO && !row.payee.is_empty() {
                    people.insert(row.payee);
                }
            }
        }
        rows.used += 1;
        postings.push((Some(flow), Assignment::Line(at)));
    }

    let tallies = settle_lines(&mut lines, budget, &payees);
    let groups = group_totals(&lines, budget, &parts);

    let mut totals = Totals {
        planned: groups.iter().map(|g| g.planned).sum(),
        arrived: groups.iter().map(|g| g.arrived).sum::<Decimal>() + fund.0,
        arrived_for_fund: fund.0,
        postings_for_fund: fund.1,
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
        books,
        chart: None,
    }
}

/// Each line's balance, execution rate and beneficiaries (stated, or the distinct payees its
/// spending went to); the beneficiaries added up per tally.
fn settle_lines(
    lines: &mut [LineTotal],
    budget: &Budget,
    payees: &[HashSet<TextId, foldhash::fast::RandomState>],
) -> BTreeMap<String, u32> {
    let mut tallies: BTreeMap<String, u32> = BTreeMap::new();
    for ((line, source), people) in lines.iter_mut().zip(&budget.lines).zip(payees) {
        line.balance = line.planned - line.spent;
        line.execution_rate = rate(line.spent, line.planned);
        // A stated count is of the people a bulk payment reached: a line that paid nothing
        // reached no one, whatever the sheet says.
        (line.beneficiaries, line.beneficiaries_stated) = match source.stated_beneficiaries {
            Some(n) if line.spent > Decimal::ZERO => (n, true),
            _ => (people.len() as u32, false),
        };
        if let Some(tally) = &line.tally {
            let sum = tallies.entry(tally.clone()).or_insert(0);
            *sum = sum.saturating_add(line.beneficiaries);
        }
    }
    tallies
}

/// The part, or else the fund, an arrival no line claims was booked to; `None` when neither.
/// A part or fund without conditions claims nothing.
/// A part named only by its name (`职工帮扶`) gives way to the fund when the 项目 names the fund
/// (`职工帮扶专项资金`); a 项目 of another year (`2018年…`) is not this fund's.
fn whole_of(row: &LedgerRow, t: &Texts, budget: &Budget) -> Option<Assignment> {
    let meets = |m: &[Matcher]| !m.is_empty() && m.iter().all(|m| matches(row, t, m));
    let other_year = budget
        .fund_year
        .is_some_and(|y| crate::read::targets::year_of(&t[row.project]).is_some_and(|o| o != y));
    let fund = !other_year && meets(&budget.fund);
    let part = budget
        .groups
        .iter()
        .position(|g| meets(&g.matchers) && (g.stated || !other_year));
    match part {
        Some(p) if !(fund && budget.groups.get(p).is_some_and(|g| !g.stated)) => {
            u32::try_from(p).ok().map(Assignment::Part)
        }
        _ => fund.then_some(Assignment::Fund),
    }
}

/// Each part's totals: its own plan when it states one, else its lines'; its arrivals, its
/// lines' and its own.
fn group_totals(
    lines: &[LineTotal],
    budget: &Budget,
    parts: &BTreeMap<u32, (Decimal, usize)>,
) -> Vec<GroupTotal> {
    budget
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let members = || lines.iter().filter(|l| l.group == g.name);
            let planned = g
                .planned
                .unwrap_or_else(|| members().map(|l| l.planned).sum());
            let (arrived_for_part, postings_for_part) = u32::try_from(i)
                .ok()
                .and_then(|i| parts.get(&i).copied())
                .unwrap_or_default();
            let arrived: Decimal = members().map(|l| l.arrived).sum::<Decimal>() + arrived_for_part;
            let spent: Decimal = members().map(|l| l.spent).sum();
            GroupTotal {
                name: g.name.clone(),
                planned,
                arrived,
                arrived_for_part,
                postings_for_part,
                spent,
                balance: planned - spent,
                execution_rate: rate(spent, planned),
                at: g.at.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
