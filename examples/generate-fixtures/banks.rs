//! The sample's bank statement as the banks export it (`fixtures/changde-2019/bank.xlsx` and
//! `fixtures/changde-2019/banks/`): the same items in every bank's layout, so that one bank check
//! must come out of every one.

use std::path::Path;

use crate::layouts::{money_text, vouchers};
use crate::{Day, Fen, Ledger, Res, WAN, YUAN, workbook, yuan};

/// The bank's side of the sample's payments and arrivals: one item per voucher paid by bank
/// (cash is not), a bulk payment as one 代发, and a 5,000.00 refund the ledger never booked.
/// (day, out, in, counterparty, purpose)
fn bank_items(ledger: &Ledger) -> Vec<(Day, Fen, Fen, String, String)> {
    let mut items: Vec<(Day, Fen, Fen, String, String)> = Vec::new();
    for (day, _, entries) in vouchers(ledger) {
        if entries.iter().any(|e| e.summary.contains("现金")) {
            continue;
        }
        let out: Fen = entries.iter().map(|e| e.debit).sum();
        let into: Fen = entries.iter().map(|e| e.credit).sum();
        let counterparty = if entries.len() == 1 {
            entries[0].payee.clone()
        } else {
            format!("批量代发（{}笔）", entries.len())
        };
        let purpose = entries[0]
            .summary
            .split('-')
            .next()
            .unwrap_or_default()
            .to_string();
        items.push((day, out, into, counterparty, purpose));
    }
    let returned = ledger
        .entries
        .iter()
        .find(|e| e.debit == 5000 * YUAN && e.summary.starts_with("临时大病帮扶金"))
        .map(|e| e.payee.clone())
        .unwrap_or_default();
    items.push((
        Day(2020, 3, 16),
        0,
        5000 * YUAN,
        returned,
        "退回临时大病帮扶金".to_string(),
    ));
    items.sort_by_key(|i| i.0);
    items
}

/// The sample's statement as the big banks export it, each with its quirks (issue 16): 工商银行's
/// 明细查询文件下载 (CSV; an account block and blank lines above the header; 交易金额 and 记账金额
/// pairs with `-` for none; cells padded with tabs), 交通银行 (CSV; one 交易金额 with 借贷 `贷 Cr` /
/// `借 Dr`, and a 交易类型 that is not the side), 浦发银行 (an account row; 存入金额 / 取出金额;
/// 交易对手名称) and 招商银行 (CSV; one signed 交易金额; 对手信息). The layouts follow the public
/// samples of deb-sig/double-entry-generator's example/ folder.
pub fn banks(ledger: &Ledger, dir: &Path) -> Res {
    std::fs::create_dir_all(dir)?;
    let items = bank_items(ledger);
    let date = |d: &Day| format!("{}-{:02}-{:02}", d.0, d.1, d.2);
    let pad = |t: &str| format!("\"{t:<20}\t\"");

    let mut icbc = String::from(
        "明细查询文件下载\r\n\r\n卡号: 1907****2345,\"卡别名: 工会经费户\"\r\n\r\n子账户序号: 00000,子账户类别: 活期,\"子账户别名: \"\r\n\r\n交易日期,摘要,交易场所,交易国家或地区简称,钞/汇,交易金额(收入),交易金额(支出),交易币种,记账金额(收入),记账金额(支出),记账币种,余额,对方户名\r\n",
    );
    for (day, out, into, counterparty, purpose) in items.iter().rev() {
        let (i, o) = (money_text(*into), money_text(*out));
        icbc.push_str(&format!(
            "{}     \t,{},{},{},钞        \t,{},{},-              \t,{},{},人民币         \t,{},{},\r\n",
            date(day),
            pad(purpose),
            pad(""),
            pad("CHN"),
            pad("-"),
            pad("-"),
            pad(if *into > 0 { &i } else { "" }),
            pad(if *out > 0 { &o } else { "" }),
            pad("xx,yyyy.zz"),
            pad(counterparty),
        ));
    }
    icbc.push_str(" \r\n人民币合计,,,,,,,,,,\r\n");
    std::fs::write(dir.join("工商银行-明细查询.csv"), icbc)?;

    let mut bocom = String::from(
        "序号,交易日期,交易时间,交易类型,借贷,交易金额,余额,对方账号,对方户名,交易地点,摘要\n",
    );
    for (k, (day, out, into, counterparty, purpose)) in items.iter().enumerate() {
        let (side, amount, kind) = if *out > 0 {
            ("借 Dr", out, "转账支出")
        } else {
            ("贷 Cr", into, "他行汇入")
        };
        bocom.push_str(&format!(
            "{},{},10:{:02}:00,{kind},{side},{},0,6222000000000000,{counterparty},网上银行,{purpose}\n",
            k + 1,
            date(day),
            k % 60,
            money_text(*amount).replace(',', ""),
        ));
    }
    std::fs::write(dir.join("交通银行.csv"), bocom)?;

    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("sheet")?;
    ws.write_string(0, 0, "账号：6225 8812 3456 7890")?;
    for (c, h) in [
        "交易日期",
        "交易时间",
        "摘要",
        "存入金额",
        "取出金额",
        "余额",
        "交易对手名称",
        "交易渠道",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h)?;
    }
    for (k, (day, out, into, counterparty, purpose)) in items.iter().enumerate() {
        let r = 2 + k as u32;
        ws.write_string(r, 0, format!("{}{:02}{:02}", day.0, day.1, day.2))?;
        ws.write_string(r, 1, "10:00:00")?;
        ws.write_string(r, 2, purpose)?;
        if *into > 0 {
            ws.write_number(r, 3, yuan(*into))?;
        }
        if *out > 0 {
            ws.write_number(r, 4, yuan(*out))?;
        }
        ws.write_string(r, 6, counterparty)?;
        ws.write_string(r, 7, "网银")?;
    }
    wb.save(dir.join("浦发银行.xlsx"))?;

    let mut cmb = String::from("记账日期,货币,交易金额,联机余额,交易摘要,对手信息,客户摘要\n");
    for (day, out, into, counterparty, purpose) in &items {
        let signed = if *out > 0 {
            format!("\"-{}\"", money_text(*out))
        } else {
            format!("\"{}\"", money_text(*into))
        };
        cmb.push_str(&format!(
            "{},CNY,{signed},0,转账,{counterparty},{purpose}\n",
            date(day)
        ));
    }
    std::fs::write(dir.join("招商银行.csv"), cmb)?;
    Ok(())
}

/// The bank's statement of the fund's account, as 工商银行's 历史明细 exports it: the bank's 借 is
/// money out. Every voucher not paid in cash is one bank item (a list of people is one 代发), and
/// in March 2020 one 5,000-yuan serious-illness grant comes back — returned, never booked.
pub fn bank(ledger: &Ledger, path: &Path) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("账户历史明细")?;
    ws.write_string(0, 0, "中国工商银行 账户历史明细查询")?;
    ws.write_string(
        1,
        0,
        "账号：1907021309200012345　户名：常德市总工会　币种：人民币",
    )?;
    let labels = [
        "凭证号",
        "本方账号",
        "对方账号",
        "交易时间",
        "借/贷",
        "借方发生额",
        "贷方发生额",
        "对方行号",
        "摘要",
        "用途",
        "对方单位名称",
        "余额",
    ];
    for (c, h) in labels.iter().enumerate() {
        ws.write_string(2, c as u16, *h)?;
    }
    let items = bank_items(ledger);
    let mut balance: Fen = 200 * WAN;
    for (k, (day, out, into, counterparty, purpose)) in items.iter().enumerate() {
        let r = 3 + k as u32;
        balance += into - out;
        ws.write_string(r, 0, "000000000")?;
        ws.write_string(r, 1, "1907021309200012345")?;
        ws.write_string(
            r,
            3,
            format!(
                "{}-{:02}-{:02}-{:02}.{:02}.00.000000",
                day.0,
                day.1,
                day.2,
                9 + k % 8,
                (k * 7) % 60
            ),
        )?;
        ws.write_string(r, 4, if *out > 0 { "借" } else { "贷" })?;
        ws.write_string(r, 5, format!(" {} ", money_text(*out)))?;
        ws.write_string(r, 6, format!(" {} ", money_text(*into)))?;
        ws.write_string(
            r,
            8,
            if *out > 0 {
                if counterparty.starts_with("批量代发") {
                    "代发"
                } else {
                    "转账支出"
                }
            } else {
                "转账收入"
            },
        )?;
        ws.write_string(r, 9, purpose)?;
        ws.write_string(r, 10, counterparty)?;
        ws.write_string(r, 11, format!(" {} ", money_text(balance)))?;
    }
    wb.save(path)
}

/// A bank item: (day, out, in, counterparty, purpose).
type Item = (Day, Fen, Fen, String, String);

/// A cell of a generated statement.
enum V {
    T(String),
    N(f64),
    E,
}

fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

/// A number, or an empty cell for none.
fn n_or_empty(v: Fen) -> V {
    if v > 0 { V::N(yuan(v)) } else { V::E }
}

/// A statement as a sheet: lines above the header (title, account), the header, the items, lines
/// below (totals, the print time).
struct Statement<'a> {
    above: &'a [&'a str],
    header: &'a [&'a str],
    rows: Vec<Vec<V>>,
    below: Vec<Vec<V>>,
}

impl Statement<'_> {
    fn xlsx(&self, path: &Path, sheet: &str) -> Res {
        let mut wb = workbook();
        let ws = wb.add_worksheet().set_name(sheet)?;
        let mut r = 0u32;
        for line in self.above {
            ws.write_string(r, 0, *line)?;
            r += 1;
        }
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string(r, c as u16, *h)?;
        }
        r += 1;
        for row in self.rows.iter().chain(&self.below) {
            for (c, v) in row.iter().enumerate() {
                match v {
                    V::T(s) => {
                        ws.write_string(r, c as u16, s)?;
                    }
                    V::N(f) => {
                        ws.write_number(r, c as u16, *f)?;
                    }
                    V::E => {}
                }
            }
            r += 1;
        }
        wb.save(path)?;
        Ok(())
    }

    /// The statement as CSV text, fields quoted where they hold a comma.
    fn csv(&self) -> String {
        let field = |v: &V| match v {
            V::T(s) if s.contains(',') => format!("\"{s}\""),
            V::T(s) => s.clone(),
            V::N(f) => format!("{f:.2}"),
            V::E => String::new(),
        };
        let mut out = String::new();
        for line in self.above {
            out.push_str(line);
            out.push('\n');
        }
        out.push_str(&self.header.join(","));
        out.push('\n');
        for row in self.rows.iter().chain(&self.below) {
            out.push_str(&row.iter().map(field).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }
}

/// The fund's own name, on the side of a corporate statement that is the account.
const OWN_NAME: &str = "常德市总工会";

/// The other big banks' and a 农商行's statements (issue 16). Their corporate exports' exact
/// labels are not published; each follows the layout the bank's 企业网银 help pages and
/// evaluators' working papers show, and the personal ones follow deb-sig/double-entry-generator's
/// samples (example/abc_debit, example/boc/debit). Each carries its bank's quirk:
///
/// - 农业银行 对公: only 交易时间 (date and time in one), 收入金额 before 支出金额, and a 手续费总额
///   column of zeros that is money but not the item's;
/// - 农业银行 个人: one 交易金额 signed with `+` and `-`, 对手信息 `--` for none;
/// - 中国银行 对公: 交易类型 `来账` / `往账` as the side, the counterparty in 付款人名称 or
///   收款人名称 by direction (the other is the fund itself), dates as `20190115`;
/// - 中国银行 个人: a title row, one signed 金额 with grouping commas, 对方账户名;
/// - 建设银行 对公: 借方发生额（支取） / 贷方发生额（收入）, zeros for none, 交易时间 and 记账日期;
/// - 邮储银行 对公: amounts as text with grouping commas;
/// - 中信银行 对公: 合计 rows with money below the items;
/// - 兴业银行 对公: 借贷标志 `借` / `贷` beside one 发生额;
/// - 民生银行 对公: 交易时间 `2019/01/15 10:20:30`, 对方账号名称;
/// - 光大银行 对公: CSV in GBK, 转出金额 / 转入金额, 对方名称;
/// - 农商行 对公: three title rows, 收付标志 `收` / `付` beside one 发生额, an opening row that
///   has only a balance, and a print-time line below.
pub fn other_banks(ledger: &Ledger, dir: &Path) -> Res {
    let items = bank_items(ledger);
    let ymd = |d: &Day| format!("{}-{:02}-{:02}", d.0, d.1, d.2);
    let compact = |d: &Day| format!("{}{:02}{:02}", d.0, d.1, d.2);
    let mut balance: Fen = 200 * WAN;
    let mut balances = Vec::new();
    for (_, out, into, ..) in &items {
        balance += into - out;
        balances.push(balance);
    }
    let bal = |k: usize| V::N(yuan(balances[k]));
    let grouped = |v: Fen| t(money_text(v));
    let rows = |f: &dyn Fn(usize, &Item) -> Vec<V>| -> Vec<Vec<V>> {
        items.iter().enumerate().map(|(k, i)| f(k, i)).collect()
    };

    Statement {
        above: &[
            "中国农业银行 账户明细",
            "账号：18-520101040012345  户名：常德市总工会",
        ],
        header: &[
            "交易时间",
            "收入金额",
            "支出金额",
            "本次余额",
            "手续费总额",
            "交易方式",
            "交易行名",
            "交易渠道",
            "对方账号",
            "对方户名",
            "交易用途",
            "交易摘要",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                t(format!("{} 10:{:02}:00", ymd(day), k % 60)),
                n_or_empty(*into),
                n_or_empty(*out),
                bal(k),
                V::N(0.0),
                t("转账"),
                t("中国农业银行常德分行"),
                t("网上银行"),
                t("6228480000000000000"),
                t(cp.as_str()),
                t(purpose.as_str()),
                t(if *out > 0 {
                    "转账支出"
                } else {
                    "转账收入"
                }),
            ]
        }),
        below: Vec::new(),
    }
    .xlsx(&dir.join("农业银行-对公.xlsx"), "账户明细")?;

    let abc = Statement {
        above: &[],
        header: &[
            "交易日期",
            "交易时间",
            "交易摘要",
            "交易金额",
            "本次余额",
            "对手信息",
            "日 志 号",
            "交易渠道",
            "交易附言",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            let signed = if *out > 0 {
                format!("-{}", money_text(*out).replace(',', ""))
            } else {
                format!("+{}", money_text(*into).replace(',', ""))
            };
            vec![
                t(compact(day)),
                t(format!("10{:02}00", k % 60)),
                t("转账"),
                t(signed),
                t(money_text(balances[k]).replace(',', "")),
                t(if cp.is_empty() { "--" } else { cp.as_str() }),
                t(format!("{:09}", 369_396_000 + k)),
                t("超级网银"),
                t(purpose.as_str()),
            ]
        }),
        below: Vec::new(),
    };
    std::fs::write(dir.join("农业银行-个人.csv"), abc.csv())?;

    Statement {
        above: &["中国银行 账户交易明细"],
        header: &[
            "交易类型",
            "业务类型",
            "付款人账号",
            "付款人名称",
            "收款人账号",
            "收款人名称",
            "交易日期",
            "交易时间",
            "交易货币",
            "交易金额",
            "交易后余额",
            "用途",
            "摘要",
            "备注",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            let (kind, payer, payee, amount) = if *out > 0 {
                ("往账", OWN_NAME, cp.as_str(), -yuan(*out))
            } else {
                ("来账", cp.as_str(), OWN_NAME, yuan(*into))
            };
            vec![
                t(kind),
                t("转账"),
                t("600012345678"),
                t(payer),
                t("600087654321"),
                t(payee),
                t(compact(day)),
                t(format!("10:{:02}:00", k % 60)),
                t("人民币"),
                V::N(amount),
                bal(k),
                t(purpose.as_str()),
                t("网银转账"),
                V::E,
            ]
        }),
        below: Vec::new(),
    }
    .xlsx(&dir.join("中国银行-对公.xlsx"), "交易明细")?;

    let boc = Statement {
        above: &["中国银行交易流水明细单"],
        header: &[
            "记账日期",
            "记账时间",
            "币别",
            "金额",
            "余额",
            "交易名称",
            "渠道",
            "网点名称",
            "附言",
            "对方账户名",
            "对方卡号/账号",
            "对方开户行",
            "借记卡号",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            let signed = if *out > 0 {
                format!("-{}", money_text(*out))
            } else {
                money_text(*into)
            };
            vec![
                t(ymd(day)),
                t(format!("10:{:02}:00", k % 60)),
                t("人民币"),
                t(signed),
                grouped(balances[k]),
                t("跨行转账"),
                t("网上银行"),
                t("-------------------"),
                t(purpose.as_str()),
                t(cp.as_str()),
                t("6226******5669"),
                t("-------------------"),
                t("3167"),
            ]
        }),
        below: Vec::new(),
    };
    std::fs::write(dir.join("中国银行-个人.csv"), boc.csv())?;

    Statement {
        above: &[
            "中国建设银行单位账户交易明细",
            "账号:43050162600000000001  户名:常德市总工会  起始日期:20190101  结束日期:20201231",
        ],
        header: &[
            "账号",
            "账户名称",
            "交易时间",
            "借方发生额（支取）",
            "贷方发生额（收入）",
            "余额",
            "币种",
            "对方户名",
            "对方账号",
            "对方开户机构",
            "记账日期",
            "摘要",
            "备注",
            "账户明细编号-交易流水号",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                t("43050162600000000001"),
                t(OWN_NAME),
                t(format!("{} 10:{:02}:00", compact(day), k % 60)),
                V::N(yuan(*out)),
                V::N(yuan(*into)),
                bal(k),
                t("人民币"),
                t(cp.as_str()),
                t("6217000000000000000"),
                t("中国建设银行常德分行"),
                t(compact(day)),
                t(if *out > 0 {
                    "转账支出"
                } else {
                    "转账存入"
                }),
                t(purpose.as_str()),
                t(format!("{:05}-{:09}", k + 1, 100_000 + k)),
            ]
        }),
        below: Vec::new(),
    }
    .xlsx(&dir.join("建设银行-对公.xlsx"), "交易明细")?;

    Statement {
        above: &["中国邮政储蓄银行 单位账户明细"],
        header: &[
            "序号",
            "交易日期",
            "交易时间",
            "摘要",
            "收入金额",
            "支出金额",
            "余额",
            "对方账号",
            "对方户名",
            "对方开户行",
            "附言",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                V::N((k + 1) as f64),
                t(ymd(day)),
                t(format!("10:{:02}:00", k % 60)),
                t("转账"),
                grouped(*into),
                grouped(*out),
                grouped(balances[k]),
                t("9430000000000000"),
                t(cp.as_str()),
                t("中国邮政储蓄银行常德市分行"),
                t(purpose.as_str()),
            ]
        }),
        below: Vec::new(),
    }
    .xlsx(&dir.join("邮储银行-对公.xlsx"), "明细")?;

    let out_total: Fen = items.iter().map(|i| i.1).sum();
    let in_total: Fen = items.iter().map(|i| i.2).sum();
    Statement {
        above: &["中信银行 账户交易明细查询", "账号：8111601012300012345"],
        header: &[
            "交易日期",
            "对方账号",
            "对方账户名称",
            "对方开户行",
            "借方发生额",
            "贷方发生额",
            "账户余额",
            "摘要",
            "用途",
            "柜员交易号",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                t(ymd(day)),
                t("6217000000000000000"),
                t(cp.as_str()),
                t("中信银行常德分行"),
                n_or_empty(*out),
                n_or_empty(*into),
                bal(k),
                t("网银转账"),
                t(purpose.as_str()),
                t(format!("{:08}", 7_000_000 + k)),
            ]
        }),
        below: vec![
            vec![t("借方发生额合计"), V::E, V::E, V::E, V::N(yuan(out_total))],
            vec![
                t("贷方发生额合计"),
                V::E,
                V::E,
                V::E,
                V::E,
                V::N(yuan(in_total)),
            ],
        ],
    }
    .xlsx(&dir.join("中信银行-对公.xlsx"), "Sheet1")?;

    Statement {
        above: &["兴业银行 对公账户交易明细"],
        header: &[
            "交易日期",
            "交易时间",
            "借贷标志",
            "发生额",
            "账户余额",
            "对方账号",
            "对方户名",
            "对方开户行",
            "摘要",
            "用途",
            "交易流水号",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                t(ymd(day)),
                t(format!("10:{:02}:00", k % 60)),
                t(if *out > 0 { "借" } else { "贷" }),
                V::N(yuan(*out.max(into))),
                bal(k),
                t("6229000000000000000"),
                t(cp.as_str()),
                t("兴业银行长沙分行"),
                t("转账"),
                t(purpose.as_str()),
                t(format!("CIB{:010}", k)),
            ]
        }),
        below: Vec::new(),
    }
    .xlsx(&dir.join("兴业银行-对公.xlsx"), "明细")?;

    Statement {
        above: &["中国民生银行 账户明细"],
        header: &[
            "交易时间",
            "借方发生额",
            "贷方发生额",
            "账户余额",
            "凭证号",
            "摘要",
            "对方账号",
            "对方账号名称",
            "对方开户行",
            "交易流水号",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                t(format!(
                    "{}/{:02}/{:02} 10:{:02}:00",
                    day.0,
                    day.1,
                    day.2,
                    k % 60
                )),
                n_or_empty(*out),
                n_or_empty(*into),
                bal(k),
                V::E,
                t(purpose.as_str()),
                t("6226000000000000000"),
                t(cp.as_str()),
                t("中国民生银行长沙分行"),
                t(format!("{:012}", 31_000_000 + k)),
            ]
        }),
        below: Vec::new(),
    }
    .xlsx(&dir.join("民生银行-对公.xlsx"), "账户明细")?;

    let ceb = Statement {
        above: &["光大银行对公账户明细", "账号：38770188000012345"],
        header: &[
            "交易日期",
            "交易时间",
            "转出金额",
            "转入金额",
            "账户余额",
            "对方账号",
            "对方名称",
            "摘要",
            "用途",
        ],
        rows: rows(&|k, (day, out, into, cp, purpose)| {
            vec![
                t(ymd(day)),
                t(format!("10:{:02}:00", k % 60)),
                n_or_empty(*out),
                n_or_empty(*into),
                bal(k),
                t("6226600000000000000"),
                t(cp.as_str()),
                t("转账"),
                t(purpose.as_str()),
            ]
        }),
        below: Vec::new(),
    };
    std::fs::write(
        dir.join("光大银行-对公.csv"),
        &encoding_rs::GBK.encode(&ceb.csv()).0,
    )?;

    let mut rural = rows(&|k, (day, out, into, cp, purpose)| {
        vec![
            V::N((k + 2) as f64),
            t(ymd(day)),
            t(if *out > 0 { "付" } else { "收" }),
            V::N(yuan(*out.max(into))),
            bal(k),
            t(cp.as_str()),
            t("6230000000000000000"),
            t(purpose.as_str()),
            t("0101"),
            t("常德农商银行营业部"),
        ]
    });
    rural.insert(
        0,
        vec![
            V::N(1.0),
            t("2019-01-01"),
            V::E,
            V::E,
            V::N(yuan(200 * WAN)),
            V::E,
            V::E,
            t("期初余额"),
        ],
    );
    Statement {
        above: &[
            "湖南常德农村商业银行股份有限公司",
            "客户账户交易明细",
            "户名：常德市总工会  账号：82010000012345678",
        ],
        header: &[
            "序号",
            "交易日期",
            "收付标志",
            "发生额",
            "余额",
            "对方户名",
            "对方账号",
            "摘要",
            "操作柜员",
            "交易机构",
        ],
        rows: rural,
        below: vec![vec![t("打印时间：2021-03-01 09:00")]],
    }
    .xlsx(&dir.join("农商行-对公.xlsx"), "交易明细")?;
    Ok(())
}
