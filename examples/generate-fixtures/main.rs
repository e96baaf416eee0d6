//! Writes the bundled sample, `fixtures/changde-2019/{ledger,targets}.xlsx`.
//!
//! The files are shaped like what evaluators are really handed: a 项目辅助明细账 exported from
//! the union's accounting software (title rows, 期初余额 / 本月合计 / 本年累计 rows between the
//! transactions, one row per payment to each person) and the evaluator's workbook around the
//! fund (the 绩效目标申报表 with merged cells, the budget lines, the survey, the findings).
//!
//! Every total is the one the Changde 2019 report states (see `shared/docs/seed-reference.md`);
//! per-person amounts vary, drawn from a fixed-seed generator so that the output is the same on
//! every run and every machine. Amounts are kept in integer fen here: this is the sample's author,
//! not the product, and integers make "every total exact" trivially true.
//!
//!     cargo run --example generate-fixtures [-- OUT_DIR]
//!
//! With `--rows N` it writes a large ledger for benchmarks instead (see `large.rs`):
//!
//!     cargo run --release --example generate-fixtures -- --rows 1000000 [--layout NAME] OUT_DIR

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod banks;
mod large;
mod layouts;
mod multi_year;
mod self_eval;
mod surveys;
mod unlike;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

type Fen = i64;
const YUAN: Fen = 100;
const WAN: Fen = 10_000 * YUAN;

/// splitmix64: tiny, fixed, and independent of any crate's version, so the fixture bytes of
/// the amounts never change under a dependency upgrade.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任",
    "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范", "汪", "廖", "石", "金", "贺", "龚", "文",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "梅", "兰", "春", "志", "文",
    "玉", "德", "福", "荣", "海", "云", "辉", "清", "友", "新", "光", "学", "忠", "成", "林", "松",
];

fn person(rng: &mut Rng) -> String {
    let mut name = rng.pick(SURNAMES).to_string();
    name.push_str(rng.pick(GIVEN));
    if rng.below(3) > 0 {
        name.push_str(rng.pick(GIVEN));
    }
    name
}

/// `n` distinct names: the reconciliation counts beneficiaries as distinct payees, so a
/// line's people must be distinct for its count to be the report's.
fn people(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let name = person(rng);
        if seen.insert(name.clone()) {
            out.push(name);
        }
    }
    out
}

/// `n` amounts, multiples of `step`, within `[lo, hi]`, adding up to exactly `total`.
fn split(rng: &mut Rng, total: Fen, n: usize, lo: Fen, hi: Fen, step: Fen) -> Vec<Fen> {
    assert!(total % step == 0 && lo % step == 0 && hi % step == 0);
    assert!(
        lo * n as Fen <= total && total <= hi * n as Fen,
        "infeasible split"
    );
    let slots = ((hi - lo) / step + 1) as u64;
    let mut amounts: Vec<Fen> = (0..n)
        .map(|_| lo + rng.below(slots) as Fen * step)
        .collect();
    let mut diff = total - amounts.iter().sum::<Fen>();
    while diff != 0 {
        let i = rng.below(n as u64) as usize;
        if diff > 0 && amounts[i] + step <= hi {
            amounts[i] += step;
            diff -= step;
        } else if diff < 0 && amounts[i] - step >= lo {
            amounts[i] -= step;
            diff += step;
        }
    }
    amounts
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Day(u16, u8, u8);

struct Account(&'static str, &'static str);
const ARRIVAL: Account = Account("404", "政府补助收入");
const MODEL_AID: Account = Account("50207", "劳模帮扶费");
const SANATORIUM: Account = Account("50208", "劳模疗休养费");
const WARMTH: Account = Account("50206", "送温暖费");
const HARDSHIP: Account = Account("50205", "困难职工帮扶费");
const LEGAL_AID: Account = Account("50204", "法律援助费");

struct Entry {
    day: Day,
    /// Entries with the same batch share a voucher (one 凭证 pays a list of people).
    batch: u32,
    summary: String,
    account: &'static Account,
    project: &'static str,
    payee: String,
    debit: Fen,
    credit: Fen,
}

struct Ledger {
    entries: Vec<Entry>,
    batch: u32,
}

impl Ledger {
    fn voucher(&mut self) -> u32 {
        self.batch += 1;
        self.batch
    }
    #[allow(clippy::too_many_arguments)]
    fn pay(
        &mut self,
        day: Day,
        batch: u32,
        summary: String,
        account: &'static Account,
        project: &'static str,
        payee: &str,
        amount: Fen,
    ) {
        self.entries.push(Entry {
            day,
            batch,
            summary,
            account,
            project,
            payee: payee.to_string(),
            debit: amount,
            credit: 0,
        });
    }
    fn arrive(&mut self, day: Day, summary: &str, project: &'static str, amount: Fen) {
        let batch = self.voucher();
        self.entries.push(Entry {
            day,
            batch,
            summary: summary.to_string(),
            account: &ARRIVAL,
            project,
            payee: "常德市财政局".to_string(),
            debit: 0,
            credit: amount,
        });
    }
    /// Pays each person, a voucher per `per_voucher` people, on days spread over `days`.
    #[allow(clippy::too_many_arguments)]
    fn pay_people(
        &mut self,
        days: &[Day],
        per_voucher: usize,
        summary: &str,
        account: &'static Account,
        project: &'static str,
        names: &[String],
        amounts: &[Fen],
    ) {
        for (k, (name, amount)) in names.iter().zip(amounts).enumerate() {
            if k % per_voucher == 0 {
                self.voucher();
            }
            let day = days[(k / per_voucher) % days.len()];
            let batch = self.batch;
            self.pay(
                day,
                batch,
                format!("{summary}-{name}"),
                account,
                project,
                name,
                *amount,
            );
        }
    }
}

fn build_ledger(rng: &mut Rng) -> Ledger {
    let mut l = Ledger {
        entries: Vec::new(),
        batch: 0,
    };

    // 资金到位: 149.99 万元 on the report's two dates.
    l.arrive(
        Day(2019, 10, 12),
        "收市财政局拨付2019年劳模疗休养经费",
        "省部级劳模疗休养",
        20 * WAN,
    );
    l.arrive(
        Day(2019, 12, 11),
        "收市财政局拨付市级劳模特殊帮扶和走访慰问资金",
        "劳模特困帮扶和走访慰问",
        40 * WAN,
    );
    l.arrive(
        Day(2019, 12, 11),
        "收市财政局拨付劳模管理工作经费",
        "劳模管理工作经费",
        10 * WAN,
    );
    l.arrive(
        Day(2019, 12, 11),
        "收市财政局拨付市级职工劳模困难补助资金",
        "劳模生活困难补助",
        79_9900 * YUAN,
    );

    // 劳模生活困难补助 79.99 万元: 273 people topped up to 2,930 yuan a month, and 7 of them
    // back-paid for 2018 at the 2,790 standard (annual gaps, in tens of yuan a month).
    let models = people(rng, 273);
    let back: Vec<Fen> = (0..7)
        .map(|_| 12 * (10 + rng.below(25) as Fen) * 10 * YUAN)
        .collect();
    let current = split(
        rng,
        79_9900 * YUAN - back.iter().sum::<Fen>(),
        273,
        600 * YUAN,
        6000 * YUAN,
        10 * YUAN,
    );
    let (dec, jan) = models.split_at(180);
    let (dec_amt, jan_amt) = current.split_at(180);
    let subsidy = "发放2019年市级劳模生活困难补助";
    l.pay_people(
        &[Day(2019, 12, 20), Day(2019, 12, 23), Day(2019, 12, 26)],
        30,
        subsidy,
        &MODEL_AID,
        "劳模生活困难补助",
        dec,
        dec_amt,
    );
    let back_names: Vec<String> = (0..7).map(|i| models[i * 37].clone()).collect();
    l.pay_people(
        &[Day(2019, 12, 27)],
        7,
        "补发2018年劳模生活困难补助",
        &MODEL_AID,
        "劳模生活困难补助",
        &back_names,
        &back,
    );
    l.pay_people(
        &[Day(2020, 1, 8), Day(2020, 1, 10)],
        30,
        subsidy,
        &MODEL_AID,
        "劳模生活困难补助",
        jan,
        jan_amt,
    );

    // 劳模特殊困难帮扶和走访慰问 40 万元: 147 people in 2020-01.
    let hardship = people(rng, 147);
    let amounts = split(rng, 40 * WAN, 147, 1000 * YUAN, 5000 * YUAN, 500 * YUAN);
    l.pay_people(
        &[Day(2020, 1, 14), Day(2020, 1, 16), Day(2020, 1, 17)],
        25,
        "发放劳模特殊困难帮扶慰问金",
        &MODEL_AID,
        "劳模特困帮扶和走访慰问",
        &hardship,
        &amounts,
    );

    // 劳模管理工作经费 10 万元, paid in one sum to the association in 2019-10.
    let b = l.voucher();
    l.pay(
        Day(2019, 10, 18),
        b,
        "拨付市劳模协会2019年劳模管理工作经费".into(),
        &MODEL_AID,
        "劳模管理工作经费",
        "常德市劳模协会",
        10 * WAN,
    );

    // 省部级劳模疗休养: 5.00 advance and 14.55 final to the sanatorium.
    let b = l.voucher();
    l.pay(
        Day(2019, 10, 22),
        b,
        "预付灰汤温泉职工疗养院劳模疗休养费".into(),
        &SANATORIUM,
        "省部级劳模疗休养",
        "湖南灰汤温泉职工疗养院",
        5 * WAN,
    );
    let b = l.voucher();
    l.pay(
        Day(2019, 12, 16),
        b,
        "支付灰汤温泉职工疗养院劳模疗休养尾款".into(),
        &SANATORIUM,
        "省部级劳模疗休养",
        "湖南灰汤温泉职工疗养院",
        14_5500 * YUAN,
    );

    // 两节送温暖: goods for 1,000 workers, then 82 × 3,000 and 358 × 1,000 in cash.
    let b = l.voucher();
    l.pay(
        Day(2019, 1, 10),
        b,
        "两节送温暖爱心超市慰问物资采购（1000名职工）".into(),
        &WARMTH,
        "两节送温暖",
        "常德市惠民商贸有限公司",
        35_1000 * YUAN,
    );
    let warmth = people(rng, 440);
    let amounts: Vec<Fen> = (0..440)
        .map(|i| if i < 82 { 3000 * YUAN } else { 1000 * YUAN })
        .collect();
    let days = [
        Day(2019, 1, 15),
        Day(2019, 1, 18),
        Day(2019, 1, 22),
        Day(2019, 1, 25),
        Day(2019, 1, 29),
        Day(2019, 2, 1),
    ];
    l.pay_people(
        &days,
        40,
        "两节送温暖慰问金",
        &WARMTH,
        "两节送温暖",
        &warmth,
        &amounts,
    );

    // 第六期医疗救助 59.60 万元: 105 workers in 2019-01, one 6,000 payment delayed to 2020-05.
    let medical = people(rng, 106);
    let mut amounts = split(rng, 59 * WAN, 105, 2000 * YUAN, 12000 * YUAN, 100 * YUAN);
    amounts.push(6000 * YUAN);
    let (early, late) = medical.split_at(105);
    let (early_amt, late_amt) = amounts.split_at(105);
    l.pay_people(
        &[Day(2019, 1, 23), Day(2019, 1, 25), Day(2019, 1, 28)],
        20,
        "第六期职工医疗互助救助金",
        &HARDSHIP,
        "第六期医疗救助",
        early,
        early_amt,
    );
    l.pay_people(
        &[Day(2020, 5, 12)],
        1,
        "第六期职工医疗互助救助金（遗产纠纷延期发放）",
        &HARDSHIP,
        "第六期医疗救助",
        late,
        late_amt,
    );

    // 金秋助学 5.55 万元: 9 workers in 2019-09.
    let school = people(rng, 9);
    let amounts = split(rng, 5_5500 * YUAN, 9, 5000 * YUAN, 8000 * YUAN, 500 * YUAN);
    l.pay_people(
        &[Day(2019, 9, 5)],
        9,
        "金秋助学帮扶金",
        &HARDSHIP,
        "金秋助学",
        &school,
        &amounts,
    );

    // 法律援助 2.23 万元: the allowances, one row each.
    for (summary, payee, amount) in [
        (
            "支付职工法律援助办案补贴（23起）",
            "常德市职工法律援助志愿律师团",
            16_100,
        ),
        (
            "支付法律援助宣传报道奖励（3篇）",
            "湖南工人报常德记者站",
            1_500,
        ),
        (
            "支付法律援助值班补贴",
            "常德市职工法律援助志愿律师团",
            4_700,
        ),
    ] {
        let b = l.voucher();
        l.pay(
            Day(2019, 12, 24),
            b,
            summary.into(),
            &LEGAL_AID,
            "法律援助",
            payee,
            amount * YUAN,
        );
    }

    // 临时大病帮扶 8.90 万元 (12 workers, bank or cash; one 5,000 grant later returned) and
    // 市级建档职工帮扶 5.50 万元 (17 workers), 2019-01 … 2020-01.
    let illness = people(rng, 12);
    let mut amounts = split(
        rng,
        8_4000 * YUAN,
        11,
        3000 * YUAN,
        12000 * YUAN,
        500 * YUAN,
    );
    amounts.insert(6, 5000 * YUAN);
    let spread = [
        Day(2019, 1, 30),
        Day(2019, 3, 12),
        Day(2019, 5, 20),
        Day(2019, 7, 9),
        Day(2019, 8, 27),
        Day(2019, 11, 5),
        Day(2020, 1, 6),
    ];
    for (k, (name, amount)) in illness.iter().zip(&amounts).enumerate() {
        let how = if k % 4 == 3 {
            "现金慰问"
        } else {
            "银行转账"
        };
        let b = l.voucher();
        l.pay(
            spread[k % spread.len()],
            b,
            format!("临时大病帮扶金（{how}）-{name}"),
            &HARDSHIP,
            "临时大病及建档职工帮扶",
            name,
            *amount,
        );
    }
    let registered = people(rng, 17);
    let amounts = split(rng, 5_5000 * YUAN, 17, 2000 * YUAN, 5000 * YUAN, 500 * YUAN);
    l.pay_people(
        &[Day(2019, 6, 18), Day(2019, 9, 24), Day(2020, 1, 9)],
        6,
        "市级建档困难职工帮扶金",
        &HARDSHIP,
        "临时大病及建档职工帮扶",
        &registered,
        &amounts,
    );

    l.entries.sort_by_key(|e| (e.day, e.batch));
    l
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    date: Format,
    money: Format,
    bold_money: Format,
    bold: Format,
}

fn styles() -> Styles {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    Styles {
        title: Format::new()
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        header: border(
            Format::new()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color("#D9E1F2"),
        ),
        text: border(Format::new()),
        date: border(Format::new().set_num_format("yyyy-mm-dd")),
        money: border(Format::new().set_num_format("#,##0.00")),
        bold_money: border(Format::new().set_bold().set_num_format("#,##0.00")),
        bold: border(Format::new().set_bold()),
    }
}

fn excel_date(d: Day) -> ExcelDateTime {
    ExcelDateTime::from_ymd(d.0, d.1, d.2).expect("valid fixture date")
}

fn yuan(f: Fen) -> f64 {
    f as f64 / 100.0
}

fn month_end(y: u16, m: u8) -> Day {
    let days = match m {
        2 if y.is_multiple_of(4) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Day(y, m, days)
}

type Res = Result<(), rust_xlsxwriter::XlsxError>;

/// One row of the export: summary rows (期初余额, 本月合计 …) carry no voucher and no item.
#[allow(clippy::too_many_arguments)]
fn ledger_row(
    ws: &mut Worksheet,
    s: &Styles,
    r: u32,
    day: Day,
    voucher: &str,
    summary: &str,
    cols: [&str; 4],
    debit: Fen,
    credit: Fen,
    balance: Fen,
    summary_row: bool,
) -> Res {
    ws.write_datetime_with_format(r, 0, excel_date(day), &s.date)?;
    ws.write_string_with_format(r, 1, voucher, &s.text)?;
    ws.write_string_with_format(r, 2, summary, if summary_row { &s.bold } else { &s.text })?;
    for (i, v) in cols.iter().enumerate() {
        ws.write_string_with_format(r, 3 + i as u16, *v, &s.text)?;
    }
    let money = if summary_row { &s.bold_money } else { &s.money };
    for (c, v) in [(7u16, debit), (8, credit)] {
        if v != 0 {
            ws.write_number_with_format(r, c, yuan(v), money)?;
        } else {
            ws.write_blank(r, c, &s.text)?;
        }
    }
    let dir = match balance {
        0 => "平",
        b if b > 0 => "借",
        _ => "贷",
    };
    ws.write_string_with_format(r, 9, dir, &s.text)?;
    ws.write_number_with_format(r, 10, yuan(balance.abs()), money)?;
    Ok(())
}

/// A fixed creation time: without it every run writes different bytes and git sees a change.
fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2020, 4, 23).expect("valid date");
    wb.set_properties(
        &DocProperties::new()
            .set_author("jixiao generate-fixtures")
            .set_creation_datetime(&created),
    );
    wb
}

fn write_ledger(ledger: &Ledger, path: &std::path::Path) -> Res {
    write_ledger_with(ledger, path, Writer::Whole)
}

/// How the ledger's workbook is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    /// Held whole until saved, text in a shared-strings table: the bundled sample.
    Whole,
    /// Rows streamed to disk as they are written (a million-row ledger would otherwise be held
    /// whole by the writer), keeping the shared-strings table that Excel, WPS and most
    /// accounting programs write.
    Streamed,
    /// Streamed, every text an inline string (`t="inlineStr"`), as Java exporters built on
    /// Apache POI's streaming writer, openpyxl's write-only mode and web exporters write.
    Inline,
}

fn write_ledger_with(ledger: &Ledger, path: &std::path::Path, writer: Writer) -> Res {
    let s = styles();
    let mut wb = workbook();
    let ws = match writer {
        Writer::Whole => wb.add_worksheet(),
        Writer::Streamed => wb.add_worksheet_with_low_memory()?,
        Writer::Inline => wb.add_worksheet_with_constant_memory()?,
    };
    ws.set_name("明细账")?;
    ws.merge_range(0, 0, 0, 10, "项目辅助明细账", &s.title)?;
    ws.write_string(1, 0, "单位：常德市总工会")?;
    ws.write_string(1, 7, "期间：2019年01月至2020年05月")?;
    ws.write_string(2, 0, "项目：职工及劳模帮扶管理专项资金")?;
    ws.write_string(2, 7, "币种：人民币　金额单位：元")?;
    let header = [
        "日期",
        "凭证字号",
        "摘要",
        "科目编码",
        "科目名称",
        "项目",
        "往来单位",
        "借方",
        "贷方",
        "方向",
        "余额",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &s.header)?;
    }
    for (c, w) in [
        11.0, 10.0, 44.0, 9.0, 14.0, 22.0, 26.0, 14.0, 14.0, 6.0, 15.0,
    ]
    .iter()
    .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(4, 0)?;

    let mut r = 4u32;
    let none = ["", "", "", ""];
    ledger_row(
        ws,
        &s,
        r,
        Day(2019, 1, 1),
        "",
        "期初余额",
        none,
        0,
        0,
        0,
        true,
    )?;
    r += 1;

    // Vouchers are numbered per month, as U8 and Kingdee do: 记-0001 restarts every month.
    let mut by_month: BTreeMap<(u16, u8), Vec<&Entry>> = BTreeMap::new();
    for e in &ledger.entries {
        by_month.entry((e.day.0, e.day.1)).or_default().push(e);
    }
    let mut balance: Fen = 0;
    let (mut year_debit, mut year_credit, mut year) = (0, 0, 2019);
    for ((y, m), entries) in by_month {
        if y != year {
            ledger_row(
                ws,
                &s,
                r,
                Day(y, 1, 1),
                "",
                "上年结转",
                none,
                0,
                0,
                balance,
                true,
            )?;
            r += 1;
            (year_debit, year_credit, year) = (0, 0, y);
        }
        let mut numbers: BTreeMap<u32, usize> = BTreeMap::new();
        let (mut month_debit, mut month_credit) = (0, 0);
        for e in entries {
            let next = numbers.len() + 1;
            let no = *numbers.entry(e.batch).or_insert(next);
            balance += e.debit - e.credit;
            month_debit += e.debit;
            month_credit += e.credit;
            let cols = [e.account.0, e.account.1, e.project, e.payee.as_str()];
            ledger_row(
                ws,
                &s,
                r,
                e.day,
                &format!("记-{no:04}"),
                &e.summary,
                cols,
                e.debit,
                e.credit,
                balance,
                false,
            )?;
            r += 1;
        }
        year_debit += month_debit;
        year_credit += month_credit;
        let end = month_end(y, m);
        ledger_row(
            ws,
            &s,
            r,
            end,
            "",
            "本月合计",
            none,
            month_debit,
            month_credit,
            balance,
            true,
        )?;
        ledger_row(
            ws,
            &s,
            r + 1,
            end,
            "",
            "本年累计",
            none,
            year_debit,
            year_credit,
            balance,
            true,
        )?;
        r += 2;
    }
    wb.save(path)
}

/// 绩效目标申报表 rows: (一级, 二级, 三级, 指标值).
const TARGETS: &[(&str, &str, &str, &str)] = &[
    ("产出指标", "数量指标", "救助市直单位困难职工", "4850人"),
    ("产出指标", "数量指标", "慰问补助市级劳模", "≥120人"),
    ("产出指标", "数量指标", "市直单位省部级劳模疗休养", "40人"),
    ("产出指标", "数量指标", "困难职工摸底建档", "350人"),
    ("产出指标", "数量指标", "市劳模摸底建档", "1500人"),
    ("产出指标", "质量指标", "补助精准度", "100%"),
    ("产出指标", "质量指标", "群众举报情况", "无一例举报"),
    ("产出指标", "时效指标", "补助资金支付及时性", "及时"),
    ("产出指标", "成本指标", "控制预算", "≤340万元"),
    (
        "效益指标",
        "社会效益指标",
        "促进社会和谐与社会稳定",
        "有效促进",
    ),
    ("效益指标", "社会效益指标", "按政策补助到位", "到位"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%"),
];

/// Merges `[first, last]` rows of a column when they hold one value, as the official form does.
fn merge_runs(ws: &mut Worksheet, s: &Styles, first_row: u32, col: u16, values: &[&str]) -> Res {
    let mut start = 0;
    for i in 1..=values.len() {
        if i == values.len() || values[i] != values[start] {
            let (a, b) = (first_row + start as u32, first_row + i as u32 - 1);
            if a == b {
                ws.write_string_with_format(a, col, values[start], &s.text)?;
            } else {
                ws.merge_range(a, col, b, col, values[start], &s.text)?;
            }
            start = i;
        }
    }
    Ok(())
}

fn write_declaration(wb: &mut Workbook, s: &Styles) -> Res {
    let ws = wb.add_worksheet().set_name("绩效目标申报表")?;
    for (c, w) in [14.0, 14.0, 20.0, 30.0, 16.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.merge_range(0, 0, 0, 4, "项目支出绩效目标申报表", &s.title)?;
    ws.merge_range(
        1,
        0,
        1,
        4,
        "（2019年度）",
        &Format::new().set_align(FormatAlign::Center),
    )?;
    ws.write_string_with_format(2, 0, "项目名称", &s.bold)?;
    ws.merge_range(2, 1, 2, 2, "2019年度职工及劳模帮扶管理专项资金", &s.text)?;
    ws.write_string_with_format(2, 3, "项目负责人及电话", &s.bold)?;
    ws.write_string_with_format(2, 4, "", &s.text)?;
    ws.write_string_with_format(3, 0, "主管部门", &s.bold)?;
    ws.merge_range(3, 1, 3, 2, "常德市总工会", &s.text)?;
    ws.write_string_with_format(3, 3, "实施单位", &s.bold)?;
    ws.write_string_with_format(3, 4, "常德市总工会", &s.text)?;
    ws.merge_range(4, 0, 6, 0, "资金情况（万元）", &s.bold)?;
    for (i, (label, amount)) in [
        ("年度资金总额：", 340.0),
        ("其中：财政拨款", 340.0),
        ("其他资金", 0.0),
    ]
    .iter()
    .enumerate()
    {
        let r = 4 + i as u32;
        ws.merge_range(r, 1, r, 2, label, &s.text)?;
        ws.write_number_with_format(r, 3, *amount, &s.money)?;
        ws.write_string_with_format(r, 4, "", &s.text)?;
    }
    ws.merge_range(7, 0, 8, 0, "总体目标", &s.bold)?;
    ws.merge_range(7, 1, 7, 4, "年度目标", &s.bold)?;
    let goal = "资金帮扶350人；物资帮扶4500人；年内组织市直单位省部级劳模疗休养40人次；市直单位困难职工520人左右和市劳模（120人以上）摸底建档，根据劳模最低收入情况公开公平择优进行补助。";
    ws.merge_range(8, 1, 8, 4, goal, &s.text.clone().set_text_wrap())?;
    ws.set_row_height(8, 48)?;

    let first = 10u32;
    let n = TARGETS.len() as u32;
    ws.merge_range(9, 0, first + n - 1, 0, "绩效指标", &s.bold)?;
    for (c, h) in ["一级指标", "二级指标", "三级指标", "指标值"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(9, 1 + c as u16, *h, &s.header)?;
    }
    let l1: Vec<&str> = TARGETS.iter().map(|t| t.0).collect();
    let l2: Vec<&str> = TARGETS.iter().map(|t| t.1).collect();
    merge_runs(ws, s, first, 1, &l1)?;
    merge_runs(ws, s, first, 2, &l2)?;
    for (i, t) in TARGETS.iter().enumerate() {
        ws.write_string_with_format(first + i as u32, 3, t.2, &s.text)?;
        ws.write_string_with_format(first + i as u32, 4, t.3, &s.text)?;
    }
    Ok(())
}

/// 预算明细: group rows (所属部分 blank) carry the part's plan; line rows say how ledger rows
/// are matched to them (`字段:文字`, several joined by `；` must all hold).
/// (序号, 预算子项, 所属部分, 预算数, 匹配条件, 受益人数, 受益统计, 补助标准)
type BudgetRow = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const BUDGET: &[BudgetRow] = &[
    ("一", "劳模帮扶", "", 150.00, "", "", "", ""),
    (
        "1",
        "市直市级劳模生活困难补助（低收入补助）",
        "劳模帮扶",
        80.00,
        "项目:劳模生活困难补助",
        "",
        "困难劳模",
        "2930元/人·月",
    ),
    (
        "2",
        "市直市级劳模特殊困难帮扶和走访慰问",
        "劳模帮扶",
        40.00,
        "项目:劳模特困帮扶和走访慰问",
        "",
        "困难劳模",
        "",
    ),
    (
        "3",
        "劳模管理工作经费",
        "劳模帮扶",
        10.00,
        "项目:劳模管理工作经费",
        "",
        "",
        "",
    ),
    (
        "4",
        "市直省部级劳模疗休养",
        "劳模帮扶",
        20.00,
        "项目:省部级劳模疗休养",
        "40",
        "疗休养劳模",
        "5000元/人",
    ),
    ("二", "职工帮扶", "", 190.00, "", "", "", ""),
    (
        "5",
        "两节送温暖（物资）",
        "职工帮扶",
        35.10,
        "项目:两节送温暖；摘要:物资",
        "1000",
        "困难职工",
        "",
    ),
    (
        "6",
        "两节送温暖（资金）",
        "职工帮扶",
        60.40,
        "项目:两节送温暖；摘要:慰问金",
        "",
        "困难职工",
        "3000元/人",
    ),
    (
        "7",
        "第六期医疗救助（市级资金）",
        "职工帮扶",
        59.60,
        "项目:第六期医疗救助",
        "",
        "困难职工",
        "",
    ),
    (
        "8",
        "金秋助学（市级资金）",
        "职工帮扶",
        5.55,
        "项目:金秋助学",
        "",
        "困难职工",
        "",
    ),
    (
        "9",
        "法律援助",
        "职工帮扶",
        2.23,
        "项目:法律援助",
        "23",
        "",
        "",
    ),
    (
        "10",
        "临时大病帮扶",
        "职工帮扶",
        8.90,
        "项目:临时大病及建档职工帮扶；摘要:大病",
        "",
        "困难职工",
        "",
    ),
    (
        "11",
        "市级建档职工帮扶",
        "职工帮扶",
        5.50,
        "项目:临时大病及建档职工帮扶；摘要:建档",
        "",
        "困难职工",
        "",
    ),
];

fn write_budget(wb: &mut Workbook, s: &Styles) -> Res {
    write_budget_scaled(wb, s, 1)
}

/// The budget with every amount `scale` times the sample's: the plan of `scale` funds alike.
fn write_budget_scaled(wb: &mut Workbook, s: &Styles, scale: u32) -> Res {
    let ws = wb.add_worksheet().set_name("预算明细")?;
    ws.merge_range(
        0,
        0,
        0,
        7,
        "2019年度职工及劳模帮扶管理专项资金预算明细",
        &s.title,
    )?;
    ws.write_string(1, 6, "金额单位：万元")?;
    let header = [
        "序号",
        "预算子项",
        "所属部分",
        "预算数",
        "匹配条件",
        "受益人数",
        "受益统计",
        "补助标准",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &s.header)?;
    }
    for (c, w) in [6.0, 40.0, 12.0, 10.0, 44.0, 10.0, 12.0, 14.0]
        .iter()
        .enumerate()
    {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, row) in BUDGET.iter().enumerate() {
        let r = 3 + i as u32;
        let group = row.2.is_empty();
        let text = if group { &s.bold } else { &s.text };
        ws.write_string_with_format(r, 0, row.0, text)?;
        ws.write_string_with_format(r, 1, row.1, text)?;
        ws.write_string_with_format(r, 2, row.2, text)?;
        ws.write_number_with_format(
            r,
            3,
            scaled(row.3, scale),
            if group { &s.bold_money } else { &s.money },
        )?;
        ws.write_string_with_format(r, 4, row.4, text)?;
        match row.5.parse::<f64>() {
            Ok(n) => ws.write_number_with_format(r, 5, n, text)?,
            Err(_) => ws.write_string_with_format(r, 5, "", text)?,
        };
        ws.write_string_with_format(r, 6, row.6, text)?;
        ws.write_string_with_format(r, 7, row.7, text)?;
    }
    Ok(())
}

/// The 25 answers, laid out as 问卷星's readable export: 15 model workers and 10 workers, all
/// 很满意, and in each group some who said their life improved only 一般.
/// One respondent of the sample's survey: (身份, 生活改善, seconds taken). Everyone is 很满意.
pub(crate) type Respondent = (&'static str, &'static str, u64);

/// The sample's 25 respondents: 15 劳模 and 10 困难职工, five of whom say their life improved
/// only 一般.
pub(crate) fn sample_answers(rng: &mut Rng) -> Vec<Respondent> {
    (0..25u32)
        .map(|i| {
            let model = i < 15;
            let (identity, moderate) = if model {
                ("劳模", [4, 9, 13].contains(&i))
            } else {
                ("困难职工", [17, 22].contains(&i))
            };
            let improvement = if moderate {
                "一般"
            } else if rng.below(2) == 0 {
                "明显改善"
            } else {
                "有所改善"
            };
            (identity, improvement, 60 + rng.below(120))
        })
        .collect()
}

/// When the i-th respondent of the sample handed in the questionnaire.
pub(crate) fn answered_at(i: u32) -> String {
    let day = 22 + i / 10;
    format!("2020/04/{day} {:02}:{:02}:00", 9 + i % 8, (i * 7) % 60)
}

fn write_survey(wb: &mut Workbook, s: &Styles, rng: &mut Rng) -> Res {
    let ws = wb.add_worksheet().set_name("问卷")?;
    let header = [
        "序号",
        "提交答卷时间",
        "所用时间",
        "来源",
        "1、您的身份是？",
        "2、您对市总工会帮扶工作的总体评价是？",
        "3、获得帮扶后，您的生活情况改善程度如何？",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &s.header)?;
    }
    for (c, w) in [6.0, 20.0, 10.0, 10.0, 18.0, 36.0, 40.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    for (i, (identity, improvement, seconds)) in (0u32..).zip(sample_answers(rng)) {
        let r = i + 1;
        ws.write_number_with_format(r, 0, f64::from(r), &s.text)?;
        ws.write_string_with_format(r, 1, answered_at(i), &s.text)?;
        ws.write_string_with_format(r, 2, format!("{seconds}秒"), &s.text)?;
        ws.write_string_with_format(r, 3, "现场填写", &s.text)?;
        ws.write_string_with_format(r, 4, identity, &s.text)?;
        ws.write_string_with_format(r, 5, "很满意", &s.text)?;
        ws.write_string_with_format(r, 6, improvement, &s.text)?;
    }
    Ok(())
}

/// The evaluation team's 评分 of three judgement indicators, one below full marks (issue 17):
/// 预算编制科学性 2 of 3.
fn write_scores(wb: &mut Workbook, s: &Styles) -> Res {
    let ws = wb.add_worksheet().set_name("评分")?;
    for (c, h) in ["指标", "分值", "得分", "评分理由"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &s.header)?;
    }
    let rows: [(&str, f64, f64, &str); 3] = [
        (
            "立项依据充分性",
            3.0,
            3.0,
            "符合《工会法》及市总工会帮扶工作规定",
        ),
        (
            "预算编制科学性",
            3.0,
            2.0,
            "预算未细化到具体帮扶对象，测算依据不充分",
        ),
        ("补助精准度", 4.0, 4.0, "补助对象经审核公示，精准"),
    ];
    for (r, (name, points, score, reason)) in (1u32..).zip(rows) {
        ws.write_string_with_format(r, 0, name, &s.text)?;
        ws.write_number_with_format(r, 1, points, &s.text)?;
        ws.write_number_with_format(r, 2, score, &s.text)?;
        ws.write_string_with_format(r, 3, reason, &s.text)?;
    }
    Ok(())
}

/// Counts the evaluators gathered (issue 17): items due and paid on time, people helped per
/// year.
fn write_counts(wb: &mut Workbook, s: &Styles) -> Res {
    let ws = wb.add_worksheet().set_name("计数")?;
    for (c, h) in ["名称", "年度", "数值", "来源"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &s.header)?;
    }
    let rows: [(&str, &str, f64, &str); 4] = [
        ("应发放项数", "", 12.0, "帮扶资金发放计划"),
        ("按时发放项数", "", 11.0, "发放记录与计划核对"),
        ("受益人数", "2019", 1584.0, "2019年帮扶台账"),
        ("受益人数", "2020", 1700.0, "2020年帮扶台账"),
    ];
    for (r, (name, year, value, source)) in (1u32..).zip(rows) {
        ws.write_string_with_format(r, 0, name, &s.text)?;
        if !year.is_empty() {
            ws.write_string_with_format(r, 1, year, &s.text)?;
        }
        ws.write_number_with_format(r, 2, value, &s.text)?;
        ws.write_string_with_format(r, 3, source, &s.text)?;
    }
    Ok(())
}

fn write_findings(wb: &mut Workbook, s: &Styles) -> Res {
    let ws = wb.add_worksheet().set_name("评价发现")?;
    let header = ["序号", "指标", "扣分", "扣分原因", "依据"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &s.header)?;
    }
    for (c, w) in [6.0, 16.0, 8.0, 60.0, 60.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let wrap = s.text.clone().set_text_wrap();
    ws.write_number_with_format(1, 0, 1.0, &s.text)?;
    ws.write_string_with_format(1, 1, "制度执行有效性", &s.text)?;
    // The other half of the report's −2, the returned grant never booked, is found by the bank
    // check against bank.xlsx.
    ws.write_number_with_format(1, 2, 1.0, &s.text)?;
    ws.write_string_with_format(1, 3, "公示资料未收录影像文件，归档工作有待完善", &wrap)?;
    ws.write_string_with_format(1, 4, "现场调研：困难职工公示表经公示后直接收录档案，未保存公示影像资料；《市总工会困难职工帮扶专项资金使用管理规定》", &wrap)?;
    ws.set_row_height(1, 48)?;
    Ok(())
}

/// A 万元 amount times `scale`, exact to the fen: the product of a float would not be.
fn scaled(wan: f64, scale: u32) -> f64 {
    let fen = (wan * 1_000_000.0).round() as i64 * i64::from(scale);
    fen as f64 / 1_000_000.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--rows") {
        return large::main(&args);
    }
    let root: PathBuf = args
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("fixtures"));
    unlike::write_all(&root.join("unlike"))?;
    multi_year::write_all(&root.join("multi-year"))?;
    self_eval::write_all(&root.join("self-eval"))?;
    let out = root.join("changde-2019");
    std::fs::create_dir_all(&out)?;
    let mut rng = Rng(2019_0423);
    let ledger = build_ledger(&mut rng);
    write_ledger(&ledger, &out.join("ledger.xlsx"))?;

    let s = styles();
    // The sample's targets without its 评价发现, whose finding names an indicator of the
    // sample's own system, and with the evaluators' 计数: for evaluating the sample under
    // other systems.
    let other_systems = root.join("unlike").join("changde-other-systems");
    std::fs::create_dir_all(&other_systems)?;
    let mut wb = workbook();
    write_declaration(&mut wb, &s)?;
    write_budget(&mut wb, &s)?;
    write_survey(&mut wb, &s, &mut rng.clone())?;
    write_counts(&mut wb, &s)?;
    wb.save(other_systems.join("targets.xlsx"))?;
    // The sample's targets with the team's 评分 of three judgement indicators.
    let scored = root.join("unlike").join("changde-scored");
    std::fs::create_dir_all(&scored)?;
    let mut wb = workbook();
    write_declaration(&mut wb, &s)?;
    write_budget(&mut wb, &s)?;
    write_survey(&mut wb, &s, &mut rng.clone())?;
    write_findings(&mut wb, &s)?;
    write_scores(&mut wb, &s)?;
    wb.save(scored.join("targets.xlsx"))?;
    let answers = sample_answers(&mut rng.clone());
    surveys::write_all(&answers, &root.join("surveys"))?;
    // The sample's targets with the matrix survey pasted in as its 问卷 sheet.
    let mut wb = workbook();
    write_declaration(&mut wb, &s)?;
    write_budget(&mut wb, &s)?;
    surveys::sheet(&mut wb, "问卷", &surveys::several(&answers))?;
    write_findings(&mut wb, &s)?;
    wb.save(root.join("surveys").join("targets-矩阵问卷.xlsx"))?;

    let mut wb = workbook();
    write_declaration(&mut wb, &s)?;
    write_budget(&mut wb, &s)?;
    write_survey(&mut wb, &s, &mut rng)?;
    write_findings(&mut wb, &s)?;
    wb.save(out.join("targets.xlsx"))?;
    layouts::write_all(&ledger, &s, &out.join("layouts"))?;
    banks::bank(&ledger, &out.join("bank.xlsx"))?;
    banks::banks(&ledger, &out.join("banks"))?;
    banks::other_banks(&ledger, &out.join("banks"))?;

    let spent: Fen = ledger.entries.iter().map(|e| e.debit).sum();
    let arrived: Fen = ledger.entries.iter().map(|e| e.credit).sum();
    println!(
        "wrote {} ledger entries to {}: spent {:.2} yuan, arrived {:.2} yuan",
        ledger.entries.len(),
        out.display(),
        yuan(spent),
        yuan(arrived)
    );
    Ok(())
}
