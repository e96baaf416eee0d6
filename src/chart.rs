//! Charts of accounts (会计制度 / 会计准则): which accounts hold a fund's arrivals and spending.
//!
//! The same code means different things under different charts: `6401` is 经营预算收入 to a
//! government unit and 主营业务成本 to a company, `4001` is 财政拨款收入 to one and 实收资本 to
//! the other. Reading every ledger as a union's (4 收入 / 5 支出) or a government's parallel books
//! turned a company's costs into arrivals. So the chart is found from the ledger's own accounts —
//! a first-level account is known by its code *and* its name (`404 政府补助收入`,
//! `6117 其他收益`, `5001 业务活动费用`) — and when accounts of two charts with different meanings
//! turn up together, or none is known, the evaluation is refused rather than guessed.

use crate::lang::Lang;

/// A chart of accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Chart {
    /// 工会会计制度: 4 收入, 5 支出, three-digit first-level codes.
    Union,
    /// 政府会计制度 (2019): 财务会计 4 收入 / 5 费用 beside 预算会计 6 预算收入 / 7 预算支出.
    Government,
    /// 企业会计准则: 4 所有者权益, 5 成本, 6 损益 (revenue and cost alike).
    Enterprise,
    /// 小企业会计准则: 3 所有者权益, 4 成本, 5 损益.
    SmallEnterprise,
    /// 民间非营利组织会计制度: 4 收入, 5 费用.
    NonProfit,
    /// 行政单位会计制度 / 事业单位会计制度, before 2019: 4 收入, 5 支出.
    OldPublic,
}

/// Every chart, in the order a tie among charts of the same reading is settled.
pub const CHARTS: [Chart; 6] = [
    Chart::Union,
    Chart::Government,
    Chart::Enterprise,
    Chart::SmallEnterprise,
    Chart::NonProfit,
    Chart::OldPublic,
];

/// Where a chart puts a fund's money. An entry of digits is a code prefix; any other entry is a
/// part of the account's name (enterprise software numbers 其他收益 6117, 6113 or 611399).
#[derive(Debug, Clone, Copy)]
pub struct Accounts {
    pub arrival: &'static [&'static str],
    pub spending: &'static [&'static str],
    /// 预算会计's, for a chart with parallel books.
    pub budget: Option<(&'static [&'static str], &'static [&'static str])>,
}

impl Chart {
    /// The key a rules file names it by: `chart = "enterprise"`.
    pub fn key(self) -> &'static str {
        match self {
            Chart::Union => "union",
            Chart::Government => "government",
            Chart::Enterprise => "enterprise",
            Chart::SmallEnterprise => "small_enterprise",
            Chart::NonProfit => "nonprofit",
            Chart::OldPublic => "old_public",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Chart::Union => "工会会计制度",
            Chart::Government => "政府会计制度",
            Chart::Enterprise => "企业会计准则",
            Chart::SmallEnterprise => "小企业会计准则",
            Chart::NonProfit => "民间非营利组织会计制度",
            Chart::OldPublic => "行政/事业单位会计制度（2019年前）",
        }
    }

    pub fn say(self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.label().to_string(),
            Lang::En => match self {
                Chart::Union => "the trade-union chart",
                Chart::Government => "the government chart",
                Chart::Enterprise => "the enterprise chart",
                Chart::SmallEnterprise => "the small-enterprise chart",
                Chart::NonProfit => "the non-profit chart",
                Chart::OldPublic => "the public-sector chart before 2019",
            }
            .to_string(),
        }
    }

    /// Charts that read a fund's money the same way: 4 in, 5 out, one set of books.
    fn reading(self) -> u8 {
        match self {
            Chart::Union | Chart::NonProfit | Chart::OldPublic => 0,
            Chart::Government => 1,
            Chart::Enterprise => 2,
            Chart::SmallEnterprise => 3,
        }
    }

    pub fn accounts(self) -> Accounts {
        const FOUR_FIVE: Accounts = Accounts {
            arrival: &["4"],
            spending: &["5"],
            budget: None,
        };
        match self {
            Chart::Union | Chart::NonProfit | Chart::OldPublic => FOUR_FIVE,
            Chart::Government => Accounts {
                arrival: &["4"],
                spending: &["5"],
                budget: Some((&["6"], &["7"])),
            },
            // Fiscal money reaches a company as 政府补助: 其他收益 or 营业外收入 when it is for
            // costs, 递延收益 or 专项应付款 when it is for assets or passed through. Its spending
            // is costs and expenses; 财务费用 (interest, fees) and 所得税 are not a fund's.
            // By name, and by the standard codes for exports that show a sub-account's own name
            // (`611701 政府补助`, `660201 办公费`).
            Chart::Enterprise => Accounts {
                arrival: &[
                    "其他收益",
                    "营业外收入",
                    "递延收益",
                    "专项应付款",
                    "补贴收入",
                    "6117",
                    "6301",
                    "2401",
                    "2711",
                ],
                spending: &[
                    "5",
                    "6401",
                    "6402",
                    "6601",
                    "6602",
                    "6711",
                    "主营业务成本",
                    "其他业务成本",
                    "销售费用",
                    "管理费用",
                    "研发费用",
                    "营业外支出",
                ],
                budget: None,
            },
            Chart::SmallEnterprise => Accounts {
                arrival: &["营业外收入", "其他收益", "递延收益", "专项应付款", "5301"],
                spending: &[
                    "4",
                    "5401",
                    "5402",
                    "5601",
                    "5602",
                    "5711",
                    "主营业务成本",
                    "其他业务成本",
                    "销售费用",
                    "管理费用",
                    "营业外支出",
                ],
                budget: None,
            },
        }
    }

    /// First-level accounts: a code and a name both of which a ledger's account must show.
    fn first_level(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Chart::Union => &[
                ("401", "会费收入"),
                ("402", "拨缴经费收入"),
                ("403", "上级补助收入"),
                ("404", "政府补助收入"),
                ("405", "附属单位上缴收入"),
                ("501", "职工活动支出"),
                ("502", "职工服务支出"),
                ("502", "维权支出"),
                ("503", "维权支出"),
                ("503", "业务支出"),
                ("504", "业务支出"),
                ("504", "行政支出"),
                ("505", "资本性支出"),
                ("506", "补助下级支出"),
                ("303", "工会资金结转"),
                ("304", "工会资金结余"),
            ],
            Chart::Government => &[
                ("1011", "零余额账户用款额度"),
                ("1201", "财政应返还额度"),
                ("3001", "累计盈余"),
                ("3301", "本期盈余"),
                ("3401", "无偿调拨净资产"),
                ("4001", "财政拨款收入"),
                ("4601", "非同级财政拨款收入"),
                ("5001", "业务活动费用"),
                ("5101", "单位管理费用"),
                ("5201", "经营费用"),
                ("5301", "资产处置费用"),
                ("6001", "财政拨款预算收入"),
                ("6101", "事业预算收入"),
                ("6201", "上级补助预算收入"),
                ("6609", "其他预算收入"),
                ("7101", "行政支出"),
                ("7201", "事业支出"),
                ("7301", "经营支出"),
                ("7901", "其他支出"),
                ("8001", "资金结存"),
                ("8101", "财政拨款结转"),
                ("8102", "财政拨款结余"),
                ("8201", "非财政拨款结转"),
            ],
            Chart::Enterprise => &[
                ("2221", "应交税费"),
                ("2401", "递延收益"),
                ("2711", "专项应付款"),
                ("4001", "实收资本"),
                ("4002", "资本公积"),
                ("4101", "盈余公积"),
                ("4103", "本年利润"),
                ("4104", "利润分配"),
                ("5001", "生产成本"),
                ("5101", "制造费用"),
                ("5201", "劳务成本"),
                ("5301", "研发支出"),
                ("6001", "主营业务收入"),
                ("6051", "其他业务收入"),
                ("611", "其他收益"),
                ("6111", "投资收益"),
                ("6301", "营业外收入"),
                ("6401", "主营业务成本"),
                ("6402", "其他业务成本"),
                ("6403", "税金及附加"),
                ("6601", "销售费用"),
                ("6602", "管理费用"),
                ("6603", "财务费用"),
                ("6711", "营业外支出"),
                ("6801", "所得税费用"),
            ],
            Chart::SmallEnterprise => &[
                ("2221", "应交税费"),
                ("3001", "实收资本"),
                ("3103", "本年利润"),
                ("3104", "利润分配"),
                ("4001", "生产成本"),
                ("4101", "制造费用"),
                ("5001", "主营业务收入"),
                ("5301", "营业外收入"),
                ("5401", "主营业务成本"),
                ("5402", "其他业务成本"),
                ("5403", "税金及附加"),
                ("5601", "销售费用"),
                ("5602", "管理费用"),
                ("5603", "财务费用"),
                ("5711", "营业外支出"),
                ("5801", "所得税费用"),
            ],
            Chart::NonProfit => &[
                ("3101", "非限定性净资产"),
                ("3102", "限定性净资产"),
                ("4101", "捐赠收入"),
                ("4201", "会费收入"),
                ("4301", "提供服务收入"),
                ("4401", "政府补助收入"),
                ("4501", "商品销售收入"),
                ("5101", "业务活动成本"),
                ("5201", "管理费用"),
                ("5301", "筹资费用"),
                ("5401", "其他费用"),
            ],
            Chart::OldPublic => &[
                ("3001", "事业基金"),
                ("3101", "非流动资产基金"),
                ("3301", "财政补助结转"),
                ("3302", "财政补助结余"),
                ("3501", "资产基金"),
                ("4001", "财政补助收入"),
                ("4001", "财政拨款收入"),
                ("5001", "事业支出"),
                ("5001", "经费支出"),
                ("5101", "拨出经费"),
                ("5101", "上缴上级支出"),
                ("5201", "对附属单位补助支出"),
                ("5301", "经营支出"),
            ],
        }
    }

    /// The account as this chart knows it: its code with the first-level name it shows
    /// (`611399 其他收益`), or `None`.
    fn knows(self, account: &Account) -> Option<Account> {
        self.first_level()
            .iter()
            .find(|(code, name)| account.code.starts_with(code) && account.name.contains(name))
            .map(|(_, name)| Account {
                code: account.code.clone(),
                name: (*name).to_string(),
            })
    }
}

/// An account as the ledger shows it: its code (or the digits leading its name) and its name
/// with whatever path the export gives (`611399\其他收益\其他`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Account {
    pub code: String,
    pub name: String,
}

impl Account {
    /// `6401 主营业务成本`
    pub fn say(&self) -> String {
        let name = self.name.trim_start_matches(self.code.as_str());
        let name = name.trim_start_matches(['\\', ' ', '-', '_']);
        if name.is_empty() {
            self.code.clone()
        } else {
            format!("{} {}", self.code, name)
        }
    }
}

/// How the chart was settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Named by the rules file (`[ledger] chart = …`).
    Stated(Chart),
    /// Known from these accounts of the ledger (a few of them, to say so).
    Detected(Chart, Vec<Account>),
    /// No account is known by name, and the codes are all of classes 1 to 5, which every chart
    /// but the enterprises' reads as 4 收入 / 5 支出: taken so, and said.
    ByCodes,
}

impl Found {
    pub fn chart(&self) -> Option<Chart> {
        match self {
            Found::Stated(c) | Found::Detected(c, _) => Some(*c),
            Found::ByCodes => None,
        }
    }
}

/// Why the chart cannot be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Accounts of charts that read money differently, each with the accounts that show it.
    Disagree(Vec<(Chart, Vec<Account>)>),
    /// No account is known, and codes of classes 6 to 9 could be a company's 损益 or a
    /// government's 预算会计.
    Unknown(Vec<Account>),
}

/// The most accounts named in a message or a note, per chart.
const SHOWN: usize = 4;

impl Problem {
    pub fn say(&self, lang: Lang) -> String {
        let accounts = |a: &[Account]| {
            let said: Vec<String> = a.iter().take(SHOWN).map(Account::say).collect();
            let more = if a.len() > SHOWN {
                lang.pick("等", " …")
            } else {
                ""
            };
            format!("{}{more}", said.join(lang.pick("、", ", ")))
        };
        let how = lang.pick(
            "在规则文件的 [ledger] 中写明 chart = \"union\"（工会）、\"government\"（政府会计）、\"enterprise\"（企业）、\"small_enterprise\"（小企业）、\"nonprofit\"（民非）或 \"old_public\"（旧行政事业单位），或用 arrival_accounts / spending_accounts 列出到位和支出科目",
            "name it in the rules file's [ledger]: chart = \"union\", \"government\", \"enterprise\", \"small_enterprise\", \"nonprofit\" or \"old_public\", or list the accounts with arrival_accounts / spending_accounts",
        );
        match self {
            Problem::Disagree(charts) => {
                let each: Vec<String> = charts
                    .iter()
                    .map(|(c, a)| match lang {
                        Lang::Zh => format!("{}（{}）", c.say(lang), accounts(a)),
                        Lang::En => format!("{} ({})", c.say(lang), accounts(a)),
                    })
                    .collect();
                match lang {
                    Lang::Zh => format!(
                        "账页的科目分属不同的会计制度：{}；这些制度对到位资金和支出的记法不同，无法确定按哪一种计数；{how}",
                        each.join("；")
                    ),
                    Lang::En => format!(
                        "the ledger's accounts belong to different charts of accounts: {}; they book arrivals and spending differently, so which to count cannot be told; {how}",
                        each.join("; ")
                    ),
                }
            }
            Problem::Unknown(seen) => match lang {
                Lang::Zh => format!(
                    "无法从账页的科目确定会计制度：没有可识别的一级科目（如 404 政府补助收入、4001 财政拨款收入、6117 其他收益），而 6 至 9 类科目（{}）在企业是损益、在政府会计是预算会计；{how}",
                    accounts(seen)
                ),
                Lang::En => format!(
                    "the chart of accounts cannot be told from the ledger's accounts: none is a known first-level account (such as 404 政府补助收入, 4001 财政拨款收入, 6117 其他收益), and accounts of classes 6 to 9 ({}) are profit and loss to a company but budget accounting to a government unit; {how}",
                    accounts(seen)
                ),
            },
        }
    }
}

/// The chart the accounts show. Each chart whose known first-level accounts appear is a
/// candidate; charts that read money the same way (union, 民非, old public) count as one, and
/// the one with the most known accounts names it.
pub fn detect(accounts: &[Account]) -> Result<Found, Problem> {
    let known: Vec<(Chart, Vec<Account>)> = CHARTS
        .iter()
        .map(|&c| {
            let mut a: Vec<Account> = accounts.iter().filter_map(|a| c.knows(a)).collect();
            // The shortest codes first, the first-level accounts themselves, one per name.
            a.sort_by(|x, y| (x.code.len(), &x.code).cmp(&(y.code.len(), &y.code)));
            let mut names = std::collections::HashSet::new();
            a.retain(|x| names.insert(x.name.clone()));
            (c, a)
        })
        .filter(|(_, a)| !a.is_empty())
        .collect();
    // Accounts known to charts of one reading only are what tells the readings apart: 4001
    // 财政拨款收入 is both a government's and an old public unit's, and says nothing.
    let telling = |reading: u8| -> Vec<Account> {
        let mut out: Vec<Account> = known
            .iter()
            .filter(|(c, _)| c.reading() == reading)
            .flat_map(|(_, a)| a.iter())
            .filter(|a| {
                known
                    .iter()
                    .filter(|(c, _)| c.reading() != reading)
                    .all(|(_, other)| !other.contains(a))
            })
            .cloned()
            .collect();
        out.sort_by(|x, y| (x.code.len(), &x.code).cmp(&(y.code.len(), &y.code)));
        out.dedup();
        out
    };
    let mut readings: Vec<u8> = known.iter().map(|(c, _)| c.reading()).collect();
    readings.sort_unstable();
    readings.dedup();
    let telling_readings: Vec<u8> = readings
        .iter()
        .copied()
        .filter(|r| !telling(*r).is_empty())
        .collect();
    let reading = match (telling_readings.as_slice(), readings.as_slice()) {
        ([one], _) | ([], [one]) => *one,
        ([], []) => return by_codes(accounts),
        // Shared accounts only (4001 财政拨款收入, both a government's and an old public
        // unit's): on one set of books the two read money alike, 4 in and 5 out; with accounts
        // of classes 6 and 7, which the old charts do not have, it is a government's.
        ([], [0, 1]) if accounts.iter().any(|a| a.code.starts_with(['6', '7'])) => 1,
        ([], [0, 1]) => 0,
        // Shared accounts only, of charts that read money differently: say which.
        ([], _) => return Err(Problem::Disagree(known)),
        (many, _) => {
            return Err(Problem::Disagree(
                many.iter()
                    .filter_map(|r| {
                        let chart = best(&known, *r)?;
                        Some((chart, telling(*r)))
                    })
                    .collect(),
            ));
        }
    };
    let chart = best(&known, reading).ok_or_else(|| Problem::Unknown(accounts.to_vec()))?;
    let evidence = known
        .into_iter()
        .find(|(c, _)| *c == chart)
        .map(|(_, a)| a)
        .unwrap_or_default();
    Ok(Found::Detected(chart, evidence))
}

/// Of the charts of one reading, the one with the most known accounts (the first in `CHARTS`
/// on a tie).
fn best(known: &[(Chart, Vec<Account>)], reading: u8) -> Option<Chart> {
    let mut best: Option<(Chart, usize)> = None;
    for (c, a) in known.iter().filter(|(c, _)| c.reading() == reading) {
        if best.is_none_or(|(_, n)| a.len() > n) {
            best = Some((*c, a.len()));
        }
    }
    best.map(|(c, _)| c)
}

/// Without a known account: classes 1 to 5 only read the same under every chart but the
/// enterprises' (whose 5 成本 is spending too, and whose 4 权益 a fund's ledger does not hold)
/// and the small enterprises' (whose 5 is 损益): the note that says so names that risk.
fn by_codes(accounts: &[Account]) -> Result<Found, Problem> {
    let high: Vec<Account> = accounts
        .iter()
        .filter(|a| a.code.starts_with(['6', '7', '8', '9']))
        .cloned()
        .collect();
    if high.is_empty() {
        Ok(Found::ByCodes)
    } else {
        Err(Problem::Unknown(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accounts(list: &[(&str, &str)]) -> Vec<Account> {
        list.iter()
            .map(|(c, n)| Account {
                code: c.to_string(),
                name: n.to_string(),
            })
            .collect()
    }

    fn chart(list: &[(&str, &str)]) -> Option<Chart> {
        detect(&accounts(list)).ok().and_then(|f| f.chart())
    }

    #[test]
    fn the_sample_is_a_unions() {
        let found = chart(&[("404", "政府补助收入"), ("50206", "送温暖费")]);
        assert_eq!(found, Some(Chart::Union));
    }

    #[test]
    fn a_company_is_told_from_a_government_unit() {
        // The real 和立 CSV: NC writes the path into the name.
        let company = [
            ("100206", "100206\\银行存款\\中信银行"),
            ("611399", "611399\\其他收益\\其他"),
            ("671105", "671105\\营业外支出\\罚款及滞纳金"),
            ("4103", "4103\\本年利润"),
        ];
        assert_eq!(chart(&company), Some(Chart::Enterprise));
        let government = [
            ("4001", "财政拨款收入"),
            ("6001", "财政拨款预算收入"),
            ("7201", "事业支出"),
            ("8001", "资金结存"),
        ];
        assert_eq!(chart(&government), Some(Chart::Government));
        assert_eq!(
            chart(&[("4401", "政府补助收入"), ("5101", "业务活动成本")]),
            Some(Chart::NonProfit)
        );
        assert_eq!(
            chart(&[("4001", "财政补助收入"), ("5001", "事业支出")]),
            Some(Chart::OldPublic)
        );
        assert_eq!(
            chart(&[("5301", "营业外收入"), ("5602", "管理费用")]),
            Some(Chart::SmallEnterprise)
        );
    }

    #[test]
    fn accounts_both_an_old_and_a_new_public_chart_know_read_as_one_set_of_books() {
        assert_eq!(
            chart(&[("4001", "财政拨款收入"), ("50101", "基本支出")]),
            Some(Chart::OldPublic)
        );
    }

    #[test]
    fn a_shared_account_beside_classes_six_and_seven_is_a_governments() {
        assert_eq!(
            chart(&[
                ("4001", "财政拨款收入"),
                ("6101", "某收入"),
                ("7201", "某支出")
            ]),
            Some(Chart::Government)
        );
    }

    #[test]
    fn accounts_of_two_readings_are_refused_naming_them() {
        let err = detect(&accounts(&[
            ("404", "政府补助收入"),
            ("6401", "主营业务成本"),
        ]))
        .unwrap_err();
        let said = err.say(Lang::Zh);
        assert!(said.contains("工会会计制度（404 政府补助收入）"), "{said}");
        assert!(said.contains("企业会计准则（6401 主营业务成本）"), "{said}");
    }

    #[test]
    fn unknown_accounts_of_class_six_are_refused_and_of_four_five_read_by_code() {
        assert_eq!(
            detect(&accounts(&[("40401", "市财政补助"), ("50205", "帮扶费")])),
            Ok(Found::ByCodes)
        );
        let err = detect(&accounts(&[("6001", "收入"), ("5001", "支出")])).unwrap_err();
        assert!(
            err.say(Lang::En).contains("6001 收入"),
            "{}",
            err.say(Lang::En)
        );
    }
}
