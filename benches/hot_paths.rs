//! The hot paths of an evaluation, one at a time: what a cell costs to become money or a date,
//! a row to be read and assigned to its budget line, and a ledger to be checked.
//!
//!     cargo bench --bench hot_paths
//!
//! The whole-program comparison with pandas and the inflate floor is `bench/run.sh`; these
//! numbers say which stage a change made faster or slower.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use calamine::Data;
use divan::{Bencher, black_box};
use jixiao::date::Date;
use jixiao::money;
use jixiao::read::ledger::{self, Ledger, LedgerLayout};
use jixiao::read::targets::{self, Targets};
use jixiao::read::workbook::Sheet;
use jixiao::reconcile;
use jixiao::rules::Rules;

fn main() {
    divan::main();
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/changde-2019")
        .join(name)
}

/// Amounts as exports write them: numbers, and text with separators, brackets and signs.
const AMOUNT_TEXTS: &[&str] = &[
    "1,234.56",
    "(1,234.56)",
    "¥3,000.00",
    "-500",
    "79,990.00",
    "2930",
];

const AMOUNT_FLOATS: &[f64] = &[1234.56, 0.1, 79990.0, 2930.0, 1e-2, 123456789.12];

const DATE_TEXTS: &[&str] = &[
    "2019-01-05",
    "2019/1/5",
    "2019.01.05",
    "20190105",
    "2019年1月5日",
];

#[divan::bench]
fn amount_from_float() -> usize {
    AMOUNT_FLOATS
        .iter()
        .filter_map(|f| money::from_f64(black_box(*f)))
        .count()
}

#[divan::bench]
fn amount_from_text() -> usize {
    AMOUNT_TEXTS
        .iter()
        .filter_map(|t| money::parse_amount(black_box(t)).ok())
        .count()
}

#[divan::bench]
fn date_from_text() -> usize {
    DATE_TEXTS
        .iter()
        .filter_map(|t| Date::parse(black_box(t)))
        .count()
}

#[divan::bench]
fn date_from_serial() -> usize {
    (43466..43566)
        .filter_map(|s| Date::from_serial(black_box(f64::from(s)), false))
        .count()
}

/// The sample's postings repeated to `copies` times its 1,022 rows, as one in-memory sheet:
/// reading rows without the cost of inflating and parsing XML.
fn sheet(copies: usize) -> Sheet {
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
    ];
    let sample = ledger::read(&[fixture("ledger.xlsx")], &LedgerLayout::default()).unwrap();
    let mut rows = vec![header.iter().map(|h| Data::String((*h).into())).collect()];
    let t = &sample.texts;
    for _ in 0..copies {
        for r in &sample.rows {
            rows.push(vec![
                Data::String(r.date.map(|d| d.to_string()).unwrap_or_default()),
                Data::String(t[r.voucher].to_string()),
                Data::String(r.summary(t).into_owned()),
                Data::String(t[r.account_code].to_string()),
                Data::String(t[r.account_name].to_string()),
                Data::String(t[r.project].to_string()),
                Data::String(t[r.payee].to_string()),
                Data::Float(r.debit().try_into().unwrap_or(0.0)),
                Data::Float(r.credit().try_into().unwrap_or(0.0)),
            ]);
        }
    }
    Sheet::from_rows("ledger.xlsx", "明细账", rows)
}

#[divan::bench(args = [1, 10])]
fn read_rows(bencher: Bencher, copies: usize) {
    let sheet = sheet(copies);
    bencher
        .counter(divan::counter::ItemsCount::new(copies * 1022))
        .bench(|| ledger::read_sheet(black_box(&sheet)).unwrap().rows.len());
}

fn evaluation_inputs(copies: usize) -> (Ledger, Targets, Rules) {
    let ledger = ledger::read_sheet(&sheet(copies)).unwrap();
    let targets = targets::read(&fixture("targets.xlsx")).unwrap();
    (
        ledger,
        targets,
        jixiao::config::preset("changde-2019").unwrap(),
    )
}

/// Assigning every posting to its budget line and adding up the lines.
#[divan::bench(args = [1, 10])]
fn reconcile_rows(bencher: Bencher, copies: usize) {
    let (ledger, targets, rules) = evaluation_inputs(copies);
    bencher
        .counter(divan::counter::ItemsCount::new(ledger.rows.len()))
        .bench(|| reconcile::reconcile(black_box(&ledger), &targets.budget, &rules.ledger));
}

/// Every audit check over the reconciled postings.
#[divan::bench(args = [1, 10])]
fn check_rows(bencher: Bencher, copies: usize) {
    let (ledger, targets, rules) = evaluation_inputs(copies);
    let recon = reconcile::reconcile(&ledger, &targets.budget, &rules.ledger);
    bencher
        .counter(divan::counter::ItemsCount::new(ledger.rows.len()))
        .bench(|| {
            jixiao::check::check(
                black_box(&ledger),
                &targets,
                &recon,
                &rules.ledger,
                &rules.checks,
            )
            .len()
        });
}
