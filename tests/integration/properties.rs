//! Invariants over generated ledgers: no row is lost, and the money of the rows used is the
//! reconciliation's money to the fen, whatever the rows and however their amounts are written.
//!
//! These drive the library rather than the binary: a property needs hundreds of ledgers, and
//! what it checks (each row's fate) is not all printed. The ledgers are CSV 凭证列表 exports
//! built from the sample's own postings, so every budget line's conditions are exercised, with
//! random amounts, random sides, and the non-transaction rows exports interleave.

use std::fmt::Write as _;
use std::sync::OnceLock;

use jixiao::read::ledger::{self, LedgerLayout, LedgerRow};
use jixiao::read::targets::{self, Budget};
use jixiao::read::text::Texts;
use jixiao::reconcile::LedgerRules;
use jixiao::reconcile::{self, Assignment, Flow};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// The sample's postings, each with what the reconciliation made of it.
struct Sample {
    rows: Vec<(LedgerRow, Option<Flow>, Assignment)>,
    /// The texts the rows name by number.
    texts: Texts,
    budget: Budget,
    rules: LedgerRules,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let mut ledger = ledger::read(&[super::ledger()], &LedgerLayout::default()).unwrap();
        let budget = targets::read(&super::targets()).unwrap().budget;
        let rules = jixiao::config::preset("changde-2019").unwrap().ledger;
        let rec = reconcile::reconcile(&ledger, &budget, &rules);
        let texts = std::mem::take(&mut ledger.texts);
        let rows = ledger
            .rows
            .into_iter()
            .zip(rec.postings)
            .map(|(row, (flow, assignment))| (row, flow, assignment))
            .collect();
        Sample {
            rows,
            texts,
            budget,
            rules,
        }
    })
}

/// A row of the generated export.
#[derive(Debug, Clone)]
enum Line {
    /// One of the sample's postings, with a new amount in fen on the debit or the credit side.
    Posting {
        template: usize,
        fen: i64,
        credit: bool,
        style: u8,
    },
    /// A row exports put between the transactions: (摘要, counted as).
    Total(&'static str),
}

const TOTALS: &[&str] = &["期初余额", "本月合计", "本年累计", "承前页", "过次页"];

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        8 => (any::<prop::sample::Index>(), 0i64..100_000_000, any::<bool>(), 0u8..4).prop_map(
            |(i, fen, credit, style)| Line::Posting {
                template: i.index(sample().rows.len()),
                fen,
                credit,
                style,
            }
        ),
        1 => prop::sample::select(TOTALS).prop_map(Line::Total),
    ]
}

/// An amount in fen written the ways exports write money.
fn money(fen: i64, style: u8) -> String {
    let d = Decimal::new(fen, 2);
    let plain = jixiao::money::fmt_yuan(d);
    let grouped = jixiao::money::fmt_yuan_grouped(d);
    // Grouped amounts hold commas, so a CSV export quotes them.
    match style {
        0 => plain,
        1 => format!("\"{grouped}\""),
        2 => format!("\"¥{grouped}\""),
        _ => format!("¥{plain}"),
    }
}

fn csv(lines: &[Line]) -> String {
    let mut out =
        String::from("日期,凭证字号,摘要,科目编码,科目名称,项目,往来单位,借方金额,贷方金额\n");
    for (n, l) in lines.iter().enumerate() {
        match l {
            Line::Posting {
                template,
                fen,
                credit,
                style,
            } => {
                let row = &sample().rows[*template].0;
                let t = &sample().texts;
                let date = row.date.map(|d| d.to_string()).unwrap_or_default();
                let amount = money(*fen, *style);
                let (debit, credit) = if *credit {
                    (String::new(), amount)
                } else {
                    (amount, String::new())
                };
                // No field of the sample holds a comma or a quote, so they go in unquoted.
                writeln!(
                    out,
                    "{date},记-{n},{},{},{},{},{},{},{}",
                    &*row.summary(t),
                    &t[row.account_code],
                    &t[row.account_name],
                    &t[row.project],
                    &t[row.payee],
                    debit,
                    credit
                )
                .unwrap();
            }
            Line::Total(summary) => {
                writeln!(out, ",,{summary},,,,,1.00,1.00").unwrap();
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_row_is_lost_and_the_money_adds_up_to_the_fen(
        lines in prop::collection::vec(line(), 1..120)
    ) {
        let s = sample();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("凭证列表.csv");
        std::fs::write(&path, csv(&lines)).unwrap();
        let ledger = ledger::read(&[path], &LedgerLayout::default()).unwrap();
        let rec = reconcile::reconcile(&ledger, &s.budget, &s.rules);

        // Every row is used, skipped with a reason, or unassigned, and the counts add up.
        let r = &rec.rows;
        prop_assert_eq!(r.read, lines.len());
        prop_assert_eq!(r.read, r.used + r.skipped_total() + r.unassigned.len());

        let totals = lines.iter().filter(|l| matches!(l, Line::Total(_))).count();
        let mut used = 0;
        let mut other = 0;
        let mut unassigned = 0;
        let (mut spent, mut arrived) = (Decimal::ZERO, Decimal::ZERO);
        for l in &lines {
            let Line::Posting { template, fen, credit, .. } = l else { continue };
            let (_, flow, assignment) = &s.rows[*template];
            let amount = Decimal::new(*fen, 2);
            let signed = if *credit { -amount } else { amount };
            match (flow, assignment) {
                (_, Assignment::OtherAccount) => other += 1,
                (_, Assignment::Unassigned) => unassigned += 1,
                (Some(Flow::Spending), Assignment::Line(_)) => {
                    used += 1;
                    spent += signed;
                }
                (Some(Flow::Arrival), Assignment::Line(_) | Assignment::Part(_) | Assignment::Fund) => {
                    used += 1;
                    arrived -= signed;
                }
                (Some(Flow::Spending), Assignment::Part(_) | Assignment::Fund) => {
                    unreachable!("spending is always a line's")
                }
                (None, Assignment::Line(_) | Assignment::Part(_) | Assignment::Fund) => {
                    unreachable!("a line, part or fund takes only fund postings")
                }
            }
        }
        prop_assert_eq!(r.used, used);
        prop_assert_eq!(r.unassigned.len(), unassigned);
        prop_assert_eq!(r.skipped_total(), totals + other);

        // The money of the rows used is the reconciliation's money, to the fen, at every level.
        prop_assert_eq!(rec.totals.spent, spent);
        prop_assert_eq!(rec.totals.arrived, arrived);
        let by_line: Decimal = rec.lines.iter().map(|l| l.spent).sum();
        prop_assert_eq!(by_line, spent);
        let by_group: Decimal = rec.groups.iter().map(|g| g.spent).sum();
        prop_assert_eq!(by_group, spent);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever a cell holds, reading it as money, a date or a target value gives an answer or a
    /// refusal, never a panic.
    #[test]
    fn any_cell_text_is_read_or_refused_without_panic(text in "\\PC{0,24}") {
        let _ = jixiao::money::parse_amount(&text);
        let _ = jixiao::date::Date::parse(&text);
        let _ = jixiao::read::target_value::TargetValue::parse(&text).base_value();
    }

    /// Cell text shaped like numbers, where parsers are most tempted to slice and unwrap.
    #[test]
    fn number_like_text_is_read_or_refused_without_panic(text in "[-+(（¥0-9.,，年月日/%≥≤万元 ]{0,16}") {
        let _ = jixiao::money::parse_amount(&text);
        let _ = jixiao::date::Date::parse(&text);
        let _ = jixiao::read::target_value::TargetValue::parse(&text).base_value();
    }

    /// An amount in fen, written any way an export writes it, reads back to the fen.
    #[test]
    fn written_amounts_read_back_to_the_fen(fen in -100_000_000_000i64..100_000_000_000, style in 0u8..4) {
        let written = money(fen.abs(), style).replace('"', "");
        let written = if fen < 0 { format!("({written})") } else { written };
        prop_assert_eq!(jixiao::money::parse_amount(&written), Ok(Decimal::new(fen, 2)));
    }

    /// A spreadsheet float holding a fen amount converts to exactly that amount: no binary
    /// residue, up to 15 significant digits (what a double keeps exactly through text, and
    /// ten trillion yuan: beyond any fund).
    #[test]
    fn spreadsheet_floats_convert_to_the_fen(fen in -999_999_999_999_999i64..=999_999_999_999_999) {
        let float = fen as f64 / 100.0;
        prop_assert_eq!(jixiao::money::from_f64(float), Some(Decimal::new(fen, 2)));
    }

    #[test]
    fn any_float_or_serial_is_converted_or_refused_without_panic(f in any::<f64>(), is_1904 in any::<bool>()) {
        let _ = jixiao::money::from_f64(f);
        let _ = jixiao::date::Date::from_serial(f, is_1904);
    }
}

/// A decimal from hundredths: -2.00 to 3.00.
fn hundredths(range: std::ops::Range<i64>) -> impl Strategy<Value = Decimal> {
    range.prop_map(|n| Decimal::new(n, 2))
}

fn step_rule() -> impl Strategy<Value = jixiao::rules::Rule> {
    use jixiao::rules::{Rule, StepCount, StepSide};
    (
        hundredths(0..200),
        hundredths(1..50),
        hundredths(0..300),
        prop_oneof![
            Just(StepSide::Below),
            Just(StepSide::Above),
            Just(StepSide::Both)
        ],
        hundredths(0..30),
        prop_oneof![
            Just(StepCount::Fraction),
            Just(StepCount::Whole),
            Just(StepCount::Started)
        ],
    )
        .prop_map(|(target, per, off, side, tolerance, count)| Rule::Steps {
            target,
            per,
            off,
            side,
            tolerance,
            count,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A step rule (issue 17) scores from zero to its points, and is monotone in its measure:
    /// never better further below the target (or above a ceiling), never better further from
    /// the target on either side.
    #[test]
    fn step_rules_stay_within_their_points_and_are_monotone(
        rule in step_rule(),
        points in hundredths(0..2000),
        a in hundredths(-200..300),
        b in hundredths(-200..300),
    ) {
        use jixiao::rules::{Rule, StepSide};
        use jixiao::score::steps_score;
        let (lo, hi) = (a.min(b), a.max(b));
        let (s_lo, s_hi) = (steps_score(points, lo, &rule), steps_score(points, hi, &rule));
        for s in [s_lo, s_hi] {
            prop_assert!(s >= Decimal::ZERO && s <= points, "{s} of {points}");
        }
        let Rule::Steps { target, side, .. } = rule else { unreachable!() };
        match side {
            StepSide::Below => prop_assert!(s_lo <= s_hi),
            StepSide::Above => prop_assert!(s_lo >= s_hi),
            // On one side of the target, nearer is never worse.
            StepSide::Both if hi <= target => prop_assert!(s_lo <= s_hi),
            StepSide::Both if lo >= target => prop_assert!(s_lo >= s_hi),
            StepSide::Both => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// An indicator made of parts (issue 17) scores from zero to its points, rounded either
    /// way, and its deductions add up to what it lost.
    #[test]
    fn an_indicator_of_parts_stays_within_its_points(
        points in hundredths(0..2000),
        parts in prop::collection::vec((hundredths(1..500), step_rule(), hundredths(-100..300)), 1..5),
        round_parts in any::<bool>(),
    ) {
        use jixiao::measure::{Measure, Measures, Unit};
        use jixiao::rules::{Indicator, Level1, Level2, Part};
        let mut rules = jixiao::config::preset("changde-2019").unwrap();
        let mut measures = Measures::new();
        let mut defined = Vec::new();
        for (k, (weight, rule, value)) in parts.iter().enumerate() {
            let name = format!("m{k}");
            measures.insert(name.clone(), Measure {
                label: name.clone(),
                value: *value,
                unit: Unit::Rate,
                detail: String::new(),
                evidence: Vec::new(),
                items: Vec::new(),
                actual: None,
                lang: jixiao::lang::Lang::Zh,
            });
            defined.push(Part { name: format!("p{k}"), weight: *weight, measure: name, rule: rule.clone() });
        }
        rules.tree = vec![Level1 {
            name: "过程".into(),
            points,
            from_targets: None,
            children: vec![Level2 {
                name: "g".into(),
                points,
                children: vec![Indicator {
                    name: "i".into(),
                    code: None,
                    points,
                    measure: None,
                    rule: jixiao::rules::Rule::Manual,
                    unchecked_note: None,
                    parts: defined,
                    round_parts,
                    reading: None,
                }],
            }],
        }];
        let card = jixiao::score::score(&rules, &measures, &[], &[], &[]).unwrap();
        let ind = &card.indicators[0];
        prop_assert!(ind.score >= Decimal::ZERO && ind.score <= points, "{} of {points}", ind.score);
        let lost: Decimal = ind.deductions.iter().map(|d| d.points).sum();
        prop_assert_eq!(lost, points - ind.score);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// A slope from a baseline (issue 17) is never worse for a higher measure, and stays
    /// within its bounds and its points.
    #[test]
    fn a_slope_is_monotone_and_bounded(
        base in hundredths(0..100),
        at_base in hundredths(0..500),
        per in hundredths(1..20),
        each in hundredths(0..100),
        min in hundredths(0..200),
        spread in hundredths(0..500),
        points in hundredths(0..1000),
        a in hundredths(-200..300),
        b in hundredths(-200..300),
    ) {
        use jixiao::rules::Rule;
        let rule = Rule::Slope { base, at_base, per, each, min, max: min + spread };
        let score = |v| jixiao::score::rule_score(&rule, points, v).unwrap();
        let (lo, hi) = (a.min(b), a.max(b));
        prop_assert!(score(lo) <= score(hi));
        for s in [score(lo), score(hi)] {
            prop_assert!(s <= points && s <= min + spread && (s >= min || s == points));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Rescaling keeps the ordering of funds (issue 17): two funds under one system with the
    /// same indicators not applicable come out in the order of what they scored, rescaled or
    /// not — and a fund better on every indicator is never ranked below.
    #[test]
    fn rescaling_keeps_the_ordering_of_funds(
        indicators in prop::collection::vec(
            (hundredths(1..2000), hundredths(0..150), hundredths(0..150), any::<bool>()),
            2..8,
        ),
    ) {
        use jixiao::measure::{Measure, Measures, Unit};
        use jixiao::rules::{Indicator, Level1, Level2, Missing, Rule};
        // At least one indicator applies.
        prop_assume!(indicators.iter().any(|(.., applies)| *applies));
        let total: Decimal = indicators.iter().map(|(p, ..)| *p).sum();
        let mut rules = jixiao::config::preset("changde-2019").unwrap();
        rules.missing = Missing::Rescale;
        rules.min_applicable = Decimal::ZERO;
        rules.total = total;
        rules.tree = vec![Level1 {
            name: "产出".into(),
            points: total,
            from_targets: None,
            children: vec![Level2 {
                name: "g".into(),
                points: total,
                children: indicators
                    .iter()
                    .enumerate()
                    .map(|(k, (points, ..))| Indicator {
                        name: format!("i{k}"),
                        code: None,
                        points: *points,
                        measure: Some(format!("m{k}")),
                        rule: Rule::Proportional,
                        unchecked_note: None,
                        parts: Vec::new(),
                        round_parts: false,
                        reading: None,
                    })
                    .collect(),
            }],
        }];
        // A fund's measures: an indicator that does not apply has none.
        let fund = |pick: fn(&(Decimal, Decimal, Decimal, bool)) -> Decimal| {
            let mut m = Measures::new();
            for (k, i) in indicators.iter().enumerate().filter(|(_, i)| i.3) {
                m.insert(format!("m{k}"), Measure {
                    label: format!("m{k}"),
                    value: pick(i),
                    unit: Unit::Rate,
                    detail: String::new(),
                    evidence: Vec::new(),
                    items: Vec::new(),
                    actual: None,
                    lang: jixiao::lang::Lang::Zh,
                });
            }
            jixiao::score::score(&rules, &m, &[], &[], &[]).unwrap()
        };
        let a = fund(|i| i.1);
        let b = fund(|i| i.2);
        let better = fund(|i| i.1.max(i.2));
        if a.raw >= b.raw {
            prop_assert!(a.total >= b.total, "{} ≥ {} raw, {} < {} rescaled", a.raw, b.raw, a.total, b.total);
        }
        if b.raw >= a.raw {
            prop_assert!(b.total >= a.total, "{} ≥ {} raw, {} < {} rescaled", b.raw, a.raw, b.total, a.total);
        }
        prop_assert!(better.total >= a.total && better.total >= b.total);
        prop_assert!(a.total <= total && a.total >= Decimal::ZERO);
    }
}
