//! The same money in the layouts other accounting software exports
//! (`fixtures/changde-2019/layouts/`), so that one reconciliation must come out of every one.
//!
//! The sample ledger is single-sided (a 项目辅助明细账: only the fund's own accounts). Most
//! exports are vouchers instead, every payment with its counter-entry on the bank account; the
//! government layout books everything twice (财务会计 and 预算会计). Those extra lines are
//! derived here from the same entries, so the money cannot drift between layouts.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::Worksheet;

use crate::{Day, Entry, Fen, Ledger, Res, Styles, excel_date, month_end, workbook, yuan};

/// One line of a voucher.
struct Line<'a> {
    code: &'a str,
    name: &'a str,
    summary: &'a str,
    /// Empty on bank lines, which carry no auxiliary items.
    project: &'a str,
    payee: &'a str,
    debit: Fen,
    credit: Fen,
}

/// A voucher: its date, its number within the month, its lines.
struct Voucher<'a> {
    day: Day,
    no: usize,
    lines: Vec<Line<'a>>,
}

/// Groups the entries into vouchers numbered per month, in the sample ledger's order.
pub(crate) fn vouchers(ledger: &Ledger) -> Vec<(Day, usize, Vec<&Entry>)> {
    let mut out: Vec<(Day, usize, Vec<&Entry>)> = Vec::new();
    let mut numbers: BTreeMap<(u16, u8), BTreeMap<u32, usize>> = BTreeMap::new();
    let mut index: BTreeMap<u32, usize> = BTreeMap::new();
    for e in &ledger.entries {
        if let Some(&i) = index.get(&e.batch) {
            out[i].2.push(e);
            continue;
        }
        let month = numbers.entry((e.day.0, e.day.1)).or_default();
        let next = month.len() + 1;
        let no = *month.entry(e.batch).or_insert(next);
        index.insert(e.batch, out.len());
        out.push((e.day, no, vec![e]));
    }
    out
}

/// Each payment voucher gains one bank line paying the total; each arrival one bank line
/// receiving it.
fn with_bank<'a>(ledger: &'a Ledger, bank: (&'a str, &'a str)) -> Vec<Voucher<'a>> {
    vouchers(ledger)
        .into_iter()
        .map(|(day, no, entries)| {
            let mut lines: Vec<Line> = entries
                .iter()
                .map(|e| Line {
                    code: e.account.0,
                    name: e.account.1,
                    summary: &e.summary,
                    project: e.project,
                    payee: &e.payee,
                    debit: e.debit,
                    credit: e.credit,
                })
                .collect();
            let debit: Fen = entries.iter().map(|e| e.debit).sum();
            let credit: Fen = entries.iter().map(|e| e.credit).sum();
            let summary = &entries[0].summary;
            lines.push(Line {
                code: bank.0,
                name: bank.1,
                summary,
                project: "",
                payee: "",
                debit: credit,
                credit: debit,
            });
            Voucher { day, no, lines }
        })
        .collect()
}

fn header(ws: &mut Worksheet, s: &Styles, row: u32, labels: &[&str]) -> Res {
    for (c, h) in labels.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &s.header)?;
    }
    Ok(())
}

fn money(ws: &mut Worksheet, s: &Styles, row: u32, col: u16, v: Fen) -> Res {
    if v != 0 {
        ws.write_number_with_format(row, col, yuan(v), &s.money)?;
    }
    Ok(())
}

/// `1,234.50`: amounts as text, as many exports write them.
pub(crate) fn money_text(v: Fen) -> String {
    if v == 0 {
        return String::new();
    }
    let whole = (v / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{grouped}.{:02}", v % 100)
}

/// 用友 U8 序时账: one amount and its 方向 per line, dates as `2019.01.10` text, the auxiliary
/// items of each line in one 辅助项 cell.
fn u8_journal(ledger: &Ledger, s: &Styles, path: &Path) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("序时账")?;
    ws.write_string(0, 0, "序时账")?;
    ws.write_string(1, 0, "单位名称：常德市总工会")?;
    ws.write_string(1, 4, "月份：2019.01-2020.05")?;
    header(
        ws,
        s,
        2,
        &[
            "日期",
            "凭证号数",
            "科目编码",
            "科目名称",
            "摘要",
            "方向",
            "数量",
            "外币",
            "金额",
            "辅助项",
        ],
    )?;
    let mut r = 3;
    for v in with_bank(ledger, ("1002", "银行存款")) {
        for l in &v.lines {
            ws.write_string(r, 0, format!("{}.{:02}.{:02}", v.day.0, v.day.1, v.day.2))?;
            ws.write_string(r, 1, format!("记-{:04}", v.no))?;
            ws.write_string(r, 2, l.code)?;
            let parent = match l.code.as_bytes().first() {
                Some(b'5') => "维权支出",
                Some(b'4') => "收入",
                _ => "资产",
            };
            ws.write_string(r, 3, format!("{parent}/{}", l.name))?;
            ws.write_string(r, 4, l.summary)?;
            let (side, amount) = if l.debit != 0 {
                ("借", l.debit)
            } else {
                ("贷", l.credit)
            };
            ws.write_string(r, 5, side)?;
            money(ws, s, r, 8, amount)?;
            if !l.project.is_empty() {
                ws.write_string(
                    r,
                    9,
                    format!("【项目：{}】【个人：{}】", l.project, l.payee),
                )?;
            }
            r += 1;
        }
    }
    let total: Fen = ledger.entries.iter().map(|e| e.debit + e.credit).sum();
    ws.write_string(r, 1, "合计")?;
    money(ws, s, r, 8, 2 * total)?;
    wb.save(path)
}

/// 用友 U8 凭证列表: 制单日期 and 凭证字号 on a voucher's first line only, amounts as text,
/// the auxiliary items as `【项目：X】【客商：Y】`.
fn u8_voucher_list(ledger: &Ledger, s: &Styles, path: &Path) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("凭证列表")?;
    header(
        ws,
        s,
        0,
        &[
            "序号",
            "制单日期",
            "凭证字号",
            "摘要",
            "附单据数",
            "科目编码",
            "科目名称",
            "辅助项",
            "币种",
            "借方金额",
            "贷方金额",
            "制单人",
            "审核人",
        ],
    )?;
    let mut r = 1;
    for v in with_bank(ledger, ("100201", "银行存款\\工商银行")) {
        for (i, l) in v.lines.iter().enumerate() {
            ws.write_number(r, 0, f64::from(r))?;
            if i == 0 {
                ws.write_datetime_with_format(r, 1, excel_date(v.day), &s.date)?;
                ws.write_string(r, 2, format!("记-{:04}", v.no))?;
                ws.write_number(r, 4, 1.0)?;
            }
            ws.write_string(r, 3, l.summary)?;
            ws.write_string(r, 5, l.code)?;
            ws.write_string(r, 6, l.name)?;
            if !l.project.is_empty() {
                ws.write_string(
                    r,
                    7,
                    format!("【项目：{}】【客商：{}】", l.project, l.payee),
                )?;
            }
            ws.write_string(r, 8, "人民币")?;
            ws.write_string(r, 9, money_text(l.debit))?;
            ws.write_string(r, 10, money_text(l.credit))?;
            ws.write_string(r, 11, "李会计")?;
            ws.write_string(r, 12, "王主任")?;
            r += 1;
        }
    }
    wb.save(path)
}

/// A year's entries by month, each with its voucher number.
type Months<'a> = BTreeMap<u8, Vec<(usize, &'a Entry)>>;

/// 用友 U8 明细账, one sheet a year: `2019年` over 月 / 日, 科目 as `50205 困难职工帮扶费`,
/// 上年结转 / 本月合计 / 本年累计 rows; the fund's accounts only, like the sample.
fn u8_detail(ledger: &Ledger, s: &Styles, path: &Path) -> Res {
    let mut wb = workbook();
    let mut by_year: BTreeMap<u16, Months> = BTreeMap::new();
    for (day, no, entries) in vouchers(ledger) {
        for e in entries {
            by_year
                .entry(day.0)
                .or_default()
                .entry(day.1)
                .or_default()
                .push((no, e));
        }
    }
    let mut balance: Fen = 0;
    for (year, months) in by_year {
        let ws = wb.add_worksheet().set_name(format!("{year}"))?;
        ws.write_string(0, 0, "项目明细账")?;
        ws.write_string(1, 0, "项目：职工及劳模帮扶管理专项资金")?;
        ws.write_string(1, 6, format!("月份：{year}.01-{year}.12"))?;
        for (c, h) in [
            "凭证号",
            "摘要",
            "科目",
            "项目",
            "往来单位",
            "借方",
            "贷方",
            "方向",
            "余额",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(2, c as u16 + 2, *h, &s.header)?;
        }
        ws.merge_range(2, 0, 2, 1, &format!("{year}年"), &s.header)?;
        ws.write_string_with_format(3, 0, "月", &s.header)?;
        ws.write_string_with_format(3, 1, "日", &s.header)?;
        let mut r = 4;
        let side = |b: Fen| {
            if b > 0 {
                "借"
            } else if b < 0 {
                "贷"
            } else {
                "平"
            }
        };
        ws.write_string(r, 0, "01")?;
        ws.write_string(r, 1, "01")?;
        ws.write_string(r, 3, "上年结转")?;
        ws.write_string(r, 9, side(balance))?;
        money(ws, s, r, 10, balance.abs())?;
        r += 1;
        let (mut year_debit, mut year_credit) = (0, 0);
        for (month, entries) in months {
            let (mut debit, mut credit) = (0, 0);
            for (no, e) in entries {
                balance += e.debit - e.credit;
                debit += e.debit;
                credit += e.credit;
                ws.write_string(r, 0, format!("{month:02}"))?;
                ws.write_string(r, 1, format!("{:02}", e.day.2))?;
                ws.write_string(r, 2, format!("记-{no:04}"))?;
                ws.write_string(r, 3, &e.summary)?;
                ws.write_string(r, 4, format!("{} {}", e.account.0, e.account.1))?;
                ws.write_string(r, 5, e.project)?;
                ws.write_string(r, 6, &e.payee)?;
                money(ws, s, r, 7, e.debit)?;
                money(ws, s, r, 8, e.credit)?;
                ws.write_string(r, 9, side(balance))?;
                money(ws, s, r, 10, balance.abs())?;
                r += 1;
            }
            year_debit += debit;
            year_credit += credit;
            let end = month_end(year, month);
            for (label, d, c) in [
                ("本月合计", debit, credit),
                ("本年累计", year_debit, year_credit),
            ] {
                ws.write_string(r, 0, format!("{month:02}"))?;
                ws.write_string(r, 1, format!("{:02}", end.2))?;
                ws.write_string(r, 3, label)?;
                money(ws, s, r, 7, d)?;
                money(ws, s, r, 8, c)?;
                ws.write_string(r, 9, side(balance))?;
                money(ws, s, r, 10, balance.abs())?;
                r += 1;
            }
        }
    }
    wb.save(path)
}

/// 用友 NC 凭证明细 as CSV, one file a year with the year only in the file name; account
/// names as paths, auxiliary items combined, amounts as text. 2019 is GBK, as Chinese Windows
/// writes it; 2020 is UTF-8 with a byte-order mark.
pub fn nc_csv(ledger: &Ledger, dir: &Path) -> std::io::Result<()> {
    let mut files: BTreeMap<u16, String> = BTreeMap::new();
    for v in with_bank(ledger, ("100201", "银行存款\\工商银行")) {
        let text = files.entry(v.day.0).or_insert_with(|| "月,日,核算账簿名称,凭证号,分录号,摘要,科目编码,科目名称,辅助项,币种,借方-本币,贷方-本币,核销信息,结算信息\r\n".to_string());
        for (i, l) in v.lines.iter().enumerate() {
            let path = if l.code.starts_with('5') || l.code.starts_with('4') {
                format!(
                    "{}\\{}\\{}",
                    l.code,
                    if l.code.starts_with('5') {
                        "维权支出"
                    } else {
                        "收入"
                    },
                    l.name
                )
            } else {
                format!("{}\\{}", l.code, l.name)
            };
            let aux = if l.project.is_empty() {
                "【银行账户：工行常德分行营业部】".to_string()
            } else {
                format!("【项目：{}】【客商：{}】", l.project, l.payee)
            };
            let quote = |t: &str| {
                if t.contains(',') {
                    format!("\"{t}\"")
                } else {
                    t.to_string()
                }
            };
            text.push_str(&format!(
                "{},{},常德市总工会-工会账簿,记-{:04},{},{},{},{},{},人民币,{},{},,\r\n",
                v.day.1,
                v.day.2,
                v.no,
                i + 1,
                quote(l.summary),
                l.code,
                quote(&path),
                aux,
                quote(&money_text(l.debit)),
                quote(&money_text(l.credit)),
            ));
        }
    }
    for (year, text) in files {
        let bytes = if year == 2019 {
            encoding_rs::GBK.encode(&text).0.into_owned()
        } else {
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
        };
        std::fs::write(dir.join(format!("nc-凭证明细-{year}年.csv")), bytes)?;
    }
    Ok(())
}

/// 用友政务 (GRP): a government unit's books, every posting twice — 财务会计 (5001 业务活动费用
/// against 1011 零余额账户用款额度, 4001 财政拨款收入) and 预算会计 (7201 事业支出 against 8001 资金结存,
/// 6001 财政拨款预算收入) — under a 日期 band split into 年 / 月 / 日.
fn government(ledger: &Ledger, s: &Styles, path: &Path) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("凭证明细")?;
    ws.write_string(0, 0, "单位：001001 常德市总工会")?;
    ws.write_string(1, 0, "账套：001 2019-2020年度账套")?;
    ws.write_string(2, 0, "日期：2019-01-01至2020-05-31")?;
    let top = [
        "序号",
        "日期",
        "",
        "",
        "凭证编号",
        "摘要",
        "科目编码",
        "科目名称",
        "预算项目",
        "往来单位",
        "借方",
        "贷方",
    ];
    for (c, h) in top.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &s.header)?;
    }
    ws.merge_range(3, 1, 3, 3, "日期", &s.header)?;
    for (c, h) in [(1u16, "年"), (2, "月"), (3, "日")] {
        ws.write_string_with_format(4, c, h, &s.header)?;
    }
    let mut r = 5;
    let mut n = 0;
    for (day, no, entries) in vouchers(ledger) {
        let arrival = entries[0].credit != 0;
        let total: Fen = entries.iter().map(|e| e.debit + e.credit).sum();
        // Per side, the fund's lines and then the counter-line.
        let mut lines: Vec<(&str, &str, &str, &str, &str, Fen, Fen)> = Vec::new();
        for (fund, counter) in if arrival {
            [
                (("4001", "财政拨款收入"), ("1011", "零余额账户用款额度")),
                (("6001", "财政拨款预算收入"), ("8001", "资金结存")),
            ]
        } else {
            [
                (("5001", "业务活动费用"), ("1011", "零余额账户用款额度")),
                (("7201", "事业支出"), ("8001", "资金结存")),
            ]
        } {
            for e in &entries {
                lines.push((
                    fund.0, fund.1, &e.summary, e.project, &e.payee, e.debit, e.credit,
                ));
            }
            let (d, c) = if arrival { (total, 0) } else { (0, total) };
            lines.push((counter.0, counter.1, &entries[0].summary, "", "", d, c));
        }
        for (code, name, summary, project, payee, debit, credit) in lines {
            n += 1;
            ws.write_number(r, 0, f64::from(n))?;
            ws.write_number(r, 1, f64::from(day.0))?;
            ws.write_number(r, 2, f64::from(day.1))?;
            ws.write_number(r, 3, f64::from(day.2))?;
            ws.write_string(r, 4, format!("记-{no}"))?;
            ws.write_string(r, 5, summary)?;
            ws.write_string(r, 6, code)?;
            ws.write_string(r, 7, name)?;
            ws.write_string(r, 8, project)?;
            ws.write_string(r, 9, payee)?;
            money(ws, s, r, 10, debit)?;
            money(ws, s, r, 11, credit)?;
            r += 1;
        }
    }
    wb.save(path)
}

/// 金蝶 K3 核算项目明细账: dates as text, 凭证字号 `记-12`, 对方科目, the 核算项目 and 往来单位
/// dimensions in their own columns, 期初余额 / 本期合计 / 本年累计 rows.
fn kingdee_k3(ledger: &Ledger, s: &Styles, path: &Path) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("明细分类账")?;
    ws.write_string(0, 0, "明细分类账")?;
    ws.write_string(1, 0, "核算单位：常德市总工会")?;
    ws.write_string(1, 4, "会计期间：2019年第1期至2020年第5期")?;
    ws.write_string(2, 0, "科目：5 支出类")?;
    ws.write_string(2, 4, "币别：人民币")?;
    header(
        ws,
        s,
        3,
        &[
            "日期",
            "凭证字号",
            "摘要",
            "科目代码",
            "科目名称",
            "对方科目",
            "核算项目",
            "往来单位",
            "借方",
            "贷方",
            "方向",
            "余额",
        ],
    )?;
    let mut r = 4;
    ws.write_string(r, 0, "2019-01-01")?;
    ws.write_string(r, 2, "期初余额")?;
    ws.write_string(r, 10, "平")?;
    r += 1;
    let mut balance: Fen = 0;
    let mut period: Option<(u16, u8)> = None;
    let (mut pd, mut pc, mut yd, mut yc) = (0, 0, 0, 0);
    let close = |ws: &mut Worksheet,
                 r: &mut u32,
                 (y, m): (u16, u8),
                 sums: [(Fen, Fen); 2],
                 balance: Fen|
     -> Res {
        let end = month_end(y, m);
        for (label, (d, c)) in ["本期合计", "本年累计"].iter().zip(sums) {
            ws.write_string(*r, 0, format!("{}-{:02}-{:02}", end.0, end.1, end.2))?;
            ws.write_string(*r, 2, *label)?;
            money(ws, s, *r, 8, d)?;
            money(ws, s, *r, 9, c)?;
            ws.write_string(*r, 10, if balance == 0 { "平" } else { "借" })?;
            money(ws, s, *r, 11, balance)?;
            *r += 1;
        }
        Ok(())
    };
    for (day, no, entries) in vouchers(ledger) {
        if period.is_some_and(|p| p != (day.0, day.1)) {
            close(
                ws,
                &mut r,
                period.unwrap_or((day.0, day.1)),
                [(pd, pc), (yd, yc)],
                balance,
            )?;
            (pd, pc) = (0, 0);
            if period.is_some_and(|p| p.0 != day.0) {
                (yd, yc) = (0, 0);
            }
        }
        period = Some((day.0, day.1));
        for e in entries {
            balance += e.debit - e.credit;
            pd += e.debit;
            pc += e.credit;
            yd += e.debit;
            yc += e.credit;
            ws.write_string(r, 0, format!("{}-{:02}-{:02}", day.0, day.1, day.2))?;
            ws.write_string(r, 1, format!("记-{no}"))?;
            ws.write_string(r, 2, &e.summary)?;
            ws.write_string(r, 3, e.account.0)?;
            ws.write_string(r, 4, e.account.1)?;
            ws.write_string(r, 5, "银行存款")?;
            ws.write_string(r, 6, e.project)?;
            ws.write_string(r, 7, &e.payee)?;
            money(ws, s, r, 8, e.debit)?;
            money(ws, s, r, 9, e.credit)?;
            ws.write_string(
                r,
                10,
                if balance == 0 {
                    "平"
                } else if balance > 0 {
                    "借"
                } else {
                    "贷"
                },
            )?;
            money(ws, s, r, 11, balance.abs())?;
            r += 1;
        }
    }
    if let Some(p) = period {
        close(ws, &mut r, p, [(pd, pc), (yd, yc)], balance)?;
    }
    wb.save(path)
}

/// 金蝶精斗云 凭证: 凭证字 and 凭证号 apart, dates as bare serial numbers, the payee in the
/// 职员 (people), 供应商 (firms) or 客户 (the rest) column, 项目 apart.
fn jingdouyun(ledger: &Ledger, path: &Path) -> Res {
    let mut wb = workbook();
    let ws = wb.add_worksheet().set_name("凭证")?;
    let labels = [
        "日期",
        "凭证字",
        "凭证号",
        "附件数",
        "分录序号",
        "摘要",
        "科目代码",
        "科目名称",
        "借方金额",
        "贷方金额",
        "客户",
        "供应商",
        "职员",
        "项目",
        "部门",
    ];
    for (c, h) in labels.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    let mut r = 1;
    for v in with_bank(ledger, ("1002", "银行存款")) {
        let serial = excel_date(v.day).to_excel();
        for (i, l) in v.lines.iter().enumerate() {
            ws.write_number(r, 0, serial)?;
            ws.write_string(r, 1, "记")?;
            ws.write_number(r, 2, v.no as f64)?;
            ws.write_number(r, 4, (i + 1) as f64)?;
            ws.write_string(r, 5, l.summary)?;
            ws.write_string(r, 6, l.code)?;
            ws.write_string(r, 7, l.name)?;
            if l.debit != 0 {
                ws.write_number(r, 8, yuan(l.debit))?;
            }
            if l.credit != 0 {
                ws.write_number(r, 9, yuan(l.credit))?;
            }
            let col = match l.payee.chars().count() {
                0 => None,
                n if n <= 3 => Some(12),
                _ if l.payee.contains("公司") || l.payee.contains("院") => Some(11),
                _ => Some(10),
            };
            if let Some(c) = col {
                ws.write_string(r, c, l.payee)?;
            }
            ws.write_string(r, 13, l.project)?;
            ws.write_string(r, 14, "市职工维权帮扶中心")?;
            r += 1;
        }
    }
    wb.save(path)
}

/// A plain 明细账 as LibreOffice saves it (`.ods`): an OpenDocument zip with one table, dates as
/// date cells, amounts as floats. Written by hand because no ODS writer is a dependency: the
/// package is four small files.
fn ods(ledger: &Ledger, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    use std::io::Write;
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let text = |t: &str| {
        if t.is_empty() {
            "<table:table-cell/>".to_string()
        } else {
            format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                esc(t)
            )
        }
    };
    let float = |v: Fen| {
        if v == 0 {
            "<table:table-cell/>".to_string()
        } else {
            format!(
                "<table:table-cell office:value-type=\"float\" office:value=\"{}\"><text:p>{}</text:p></table:table-cell>",
                yuan(v),
                money_text(v)
            )
        }
    };
    let mut rows = String::new();
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    rows.push_str(&row(vec![text("项目辅助明细账")]));
    rows.push_str(&row(vec![
        text("单位：常德市总工会"),
        text(""),
        text("期间：2019年01月至2020年05月"),
    ]));
    rows.push_str(&row([
        "日期",
        "凭证字号",
        "摘要",
        "科目编码",
        "科目名称",
        "项目",
        "往来单位",
        "借方",
        "贷方",
    ]
    .iter()
    .map(|h| text(h))
    .collect()));
    rows.push_str(&row(vec![text("2019-01-01"), text(""), text("期初余额")]));
    for (day, no, entries) in vouchers(ledger) {
        let date = format!("{}-{:02}-{:02}", day.0, day.1, day.2);
        for e in entries {
            rows.push_str(&row(vec![
                format!("<table:table-cell office:value-type=\"date\" office:date-value=\"{date}\"><text:p>{date}</text:p></table:table-cell>"),
                text(&format!("记-{no:04}")),
                text(&e.summary),
                text(e.account.0),
                text(e.account.1),
                text(e.project),
                text(&e.payee),
                float(e.debit),
                float(e.credit),
            ]));
        }
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\"><office:body><office:spreadsheet><table:table table:name=\"明细账\">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path)?);
    // Fixed times: the file's bytes must not change from run to run.
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("mimetype", stored)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)?;
    zip.write_all(content.as_bytes())?;
    zip.finish()?;
    Ok(())
}

pub fn write_all(
    ledger: &Ledger,
    s: &Styles,
    dir: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    u8_journal(ledger, s, &dir.join("u8-序时账.xlsx"))?;
    u8_voucher_list(ledger, s, &dir.join("u8-凭证列表.xlsx"))?;
    u8_detail(ledger, s, &dir.join("u8-明细账.xlsx"))?;
    nc_csv(ledger, dir)?;
    government(ledger, s, &dir.join("政务-平行记账.xlsx"))?;
    kingdee_k3(ledger, s, &dir.join("金蝶k3-明细分类账.xlsx"))?;
    jingdouyun(ledger, &dir.join("金蝶精斗云-凭证.xlsx"))?;
    ods(ledger, &dir.join("libreoffice-明细账.ods"))?;
    Ok(())
}

/// One layout by the name `--layout` gives it, for the large ledgers of `large.rs`.
pub fn write_one(
    name: &str,
    ledger: &Ledger,
    s: &Styles,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    match name {
        "u8-journal" => u8_journal(ledger, s, path)?,
        "u8-vouchers" => u8_voucher_list(ledger, s, path)?,
        "u8-detail" => u8_detail(ledger, s, path)?,
        "government" => government(ledger, s, path)?,
        "kingdee-k3" => kingdee_k3(ledger, s, path)?,
        "jingdouyun" => jingdouyun(ledger, path)?,
        "ods" => ods(ledger, path)?,
        other => return Err(format!("unknown layout {other}; the layouts are sample, u8-journal, u8-vouchers, u8-detail, government, kingdee-k3, jingdouyun, ods").into()),
    }
    Ok(())
}
