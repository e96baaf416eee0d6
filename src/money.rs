//! Money and rates as exact decimals.
//!
//! Spreadsheets store numbers as binary floats; `0.1 + 0.2` is not `0.3` there. Every amount is
//! therefore taken through its shortest decimal text (what Excel itself displays) into a
//! `Decimal`, and rounded the way Excel's `ROUND` and Chinese accountants (四舍五入) do: half away
//! from zero. `Decimal::round_dp` would round half to even, which is why it is never called.

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// 万元 → 元: target sheets and budgets are written in 万元, ledgers in 元.
pub const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The largest amount a cell may hold, in yuan: a thousand trillion. Anything larger is a broken
/// cell, not money, and refusing it keeps every sum far from `Decimal`'s overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xA4C6_8000, 0x0003_8D7E, 0, false, 0);

/// `d` if it is a plausible amount (see [`MAX_AMOUNT`]).
pub fn plausible(d: Decimal) -> Option<Decimal> {
    (d.abs() < MAX_AMOUNT).then_some(d)
}

/// Rounds half away from zero to `dp` places, as Excel's `ROUND`.
pub fn round(d: Decimal, dp: u32) -> Decimal {
    d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds to the fen.
pub fn round_fen(d: Decimal) -> Decimal {
    round(d, 2)
}

/// `"1495400.00"`: yuan with two places, the form of every amount in the JSON output.
pub fn fmt_yuan(d: Decimal) -> String {
    format!("{:.2}", round_fen(d))
}

/// `1,495,400.00`: yuan with separators, exact to the fen.
pub fn fmt_yuan_grouped(d: Decimal) -> String {
    let plain = fmt_yuan(d);
    let (sign, digits) = plain
        .strip_prefix('-')
        .map_or(("", plain.as_str()), |rest| ("-", rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{sign}{grouped}.{frac}")
}

/// `"149.54"`: 万元 with two places, the unit of budgets and reports.
pub fn fmt_wan(d: Decimal) -> String {
    format!("{:.2}", round(d / WAN, 2))
}

/// `"0.4411"`: a rate with four places.
pub fn fmt_rate(d: Decimal) -> String {
    format!("{:.4}", round(d, 4))
}

/// `"44.11%"`.
pub fn fmt_percent(d: Decimal) -> String {
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{:.2}%", round(p, 2)),
        None => format!("{}×100%", d.normalize()),
    }
}

/// `numerator / denominator`, or `None` when the denominator is zero or the quotient would not
/// fit: every rate the tool computes goes through here, so no input can make a division panic.
pub fn ratio(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator == Decimal::ZERO {
        return None;
    }
    numerator.checked_div(denominator)
}

/// A spreadsheet float as the decimal it displays: `1234.56` stays `1234.56`, never
/// `1234.5599999999999`. `None` for NaN, infinities and values beyond `Decimal`'s range.
pub fn from_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // Rust prints the shortest text that reads back as the same float, without exponent;
    // printed on the stack, as nearly every amount fits (a text each cost an allocation per
    // cell of a million-posting ledger), else in a string.
    let mut stack = StackText::default();
    let exact = if std::fmt::Write::write_fmt(&mut stack, format_args!("{f}")).is_ok() {
        Decimal::from_str(stack.as_str()).ok()
    } else {
        Decimal::from_str(&f.to_string()).ok()
    };
    exact.or_else(|| Decimal::from_scientific(&format!("{f:e}")).ok())
}

/// A short text printed without allocating; writing past its room fails.
struct StackText {
    bytes: [u8; 40],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            bytes: [0; 40],
            len: 0,
        }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len.checked_add(s.len()).ok_or(std::fmt::Error)?;
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Whether the commas of an amount are thousands separators where they stand: groups of three
/// digits before the decimal point, none after it. `2.000,50` (a European decimal comma) or
/// `1,23` would otherwise lose their commas and read as 2.0005 and 123 — a wrong amount with no
/// word — so they are not amounts.
fn thousands_in_place(text: &str) -> bool {
    let digits: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => Some('0'),
            '0'..='9' => Some('0'),
            '，' | ',' => Some(','),
            '．' | '.' => Some('.'),
            _ => None,
        })
        .collect();
    if !digits.contains(',') {
        return true;
    }
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    if parts.next().is_some_and(|fraction| fraction.contains(',')) {
        return false;
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Why a text cell is not an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnAmount;

/// Reads an amount written as text the way exports and people write it: `1,234.56`,
/// `(1,234.56)` and `-1234.56` for negatives, `¥`/`￥`/`元` around it, full-width digits,
/// stray spaces; blank, `-` and `--` mean zero.
pub fn parse_amount(text: &str) -> Result<Decimal, NotAnAmount> {
    if !thousands_in_place(text) {
        return Err(NotAnAmount);
    }
    let mut s: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' | '—' | '–' => Some('-'),
            '（' => Some('('),
            '）' => Some(')'),
            '，' | ',' | '¥' | '￥' | '元' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect();
    if s.is_empty() || s == "-" || s == "--" {
        return Ok(Decimal::ZERO);
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() > 2 {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    let valid = s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && s.chars().filter(|c| *c == '.').count() <= 1
        && s.rfind('-').is_none_or(|i| i == 0)
        && s.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return Err(NotAnAmount);
    }
    let d = Decimal::from_str(&s).map_err(|_| NotAnAmount)?;
    Ok(if negative { -d } else { d })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero_not_to_even() {
        assert_eq!(round(dec!(0.125), 2), dec!(0.13));
        assert_eq!(round(dec!(0.135), 2), dec!(0.14));
        assert_eq!(round(dec!(-0.125), 2), dec!(-0.13));
        assert_eq!(round(dec!(2.5), 0), dec!(3));
        assert_eq!(round(dec!(0.44114705882), 4), dec!(0.4411));
        assert_eq!(round(dec!(0.00005), 4), dec!(0.0001));
    }

    #[test]
    fn floats_become_the_decimal_they_display() {
        assert_eq!(from_f64(1234.56), Some(dec!(1234.56)));
        assert_eq!(from_f64(0.1 + 0.2), Some(dec!(0.30000000000000004)));
        assert_eq!(from_f64(1652185258.8058286), Some(dec!(1652185258.8058286)));
        assert_eq!(from_f64(799900.0), Some(dec!(799900)));
        assert_eq!(from_f64(f64::NAN), None);
        assert_eq!(from_f64(f64::INFINITY), None);
        assert_eq!(round_fen(from_f64(0.1 + 0.2).unwrap()), dec!(0.30));
    }

    proptest::proptest! {
        /// Printed on the stack or in a string, every float reads as its shortest text did
        /// (1e300 prints 301 characters and takes the string).
        #[test]
        fn a_float_reads_as_its_shortest_text(f in proptest::num::f64::ANY, big in 1e30f64..1e300) {
            for f in [f, big, f / 1e10, f * 1e10] {
                let before = if f.is_finite() {
                    Decimal::from_str(&f.to_string())
                        .ok()
                        .or_else(|| Decimal::from_scientific(&format!("{f:e}")).ok())
                } else {
                    None
                };
                proptest::prop_assert_eq!(from_f64(f), before);
            }
        }
    }

    #[test]
    fn parses_amounts_as_exports_write_them() {
        assert_eq!(parse_amount("1,234.56"), Ok(dec!(1234.56)));
        assert_eq!(parse_amount(" 3,200.00 "), Ok(dec!(3200.00)));
        assert_eq!(parse_amount("(1,234.56)"), Ok(dec!(-1234.56)));
        assert_eq!(parse_amount("-1234.56"), Ok(dec!(-1234.56)));
        assert_eq!(parse_amount("¥1,000"), Ok(dec!(1000)));
        assert_eq!(parse_amount("１２３．５元"), Ok(dec!(123.5)));
        assert_eq!(parse_amount(""), Ok(Decimal::ZERO));
        assert_eq!(parse_amount("-"), Ok(Decimal::ZERO));
        assert_eq!(parse_amount("--"), Ok(Decimal::ZERO));
        assert_eq!(parse_amount("+5"), Ok(dec!(5)));
    }

    #[test]
    fn rejects_text_that_is_not_an_amount() {
        assert_eq!(parse_amount("abc"), Err(NotAnAmount));
        assert_eq!(parse_amount("1.2.3"), Err(NotAnAmount));
        assert_eq!(parse_amount("12-3"), Err(NotAnAmount));
        assert_eq!(parse_amount("#DIV/0!"), Err(NotAnAmount));
        assert_eq!(parse_amount("()"), Err(NotAnAmount));
        // Separators that are not thousands separators where they stand (issue 19): a European
        // decimal comma read as 2.0005, a comma as the decimal point read as 123.
        assert_eq!(parse_amount("2.000,50"), Err(NotAnAmount));
        assert_eq!(parse_amount("1,23"), Err(NotAnAmount));
        assert_eq!(parse_amount("1,2345.00"), Err(NotAnAmount));
        assert_eq!(parse_amount("12,34,567"), Err(NotAnAmount));
        assert_eq!(parse_amount("１，２３４．５"), Ok(dec!(1234.5)));
        assert_eq!(parse_amount("1,234,567.89"), Ok(dec!(1234567.89)));
    }

    #[test]
    fn ratios_never_panic() {
        assert_eq!(
            ratio(dec!(1499900), dec!(3400000)).map(|r| round(r, 4)),
            Some(dec!(0.4411))
        );
        assert_eq!(ratio(dec!(1), Decimal::ZERO), None);
        assert_eq!(
            ratio(
                dec!(79228162514264337593543950335),
                dec!(0.0000000000000000000000000001)
            ),
            None
        );
        assert_eq!(
            fmt_percent(dec!(79228162514264337593543950335)),
            "79228162514264337593543950335×100%"
        );
    }

    #[test]
    fn refuses_absurd_amounts() {
        assert_eq!(MAX_AMOUNT, dec!(1_000_000_000_000_000));
        assert_eq!(
            plausible(dec!(-999_999_999_999_999.99)),
            Some(dec!(-999_999_999_999_999.99))
        );
        assert_eq!(plausible(dec!(1e15)), None);
        assert_eq!(plausible(dec!(-5e27)), None);
    }

    #[test]
    fn formats_money_and_rates() {
        assert_eq!(fmt_yuan(dec!(1495400)), "1495400.00");
        assert_eq!(fmt_yuan(dec!(0.005)), "0.01");
        assert_eq!(fmt_wan(dec!(1495400)), "149.54");
        assert_eq!(fmt_yuan_grouped(dec!(1495400)), "1,495,400.00");
        assert_eq!(fmt_yuan_grouped(dec!(-1000.5)), "-1,000.50");
        assert_eq!(fmt_yuan_grouped(dec!(999.999)), "1,000.00");
        assert_eq!(fmt_yuan_grouped(dec!(0)), "0.00");
        assert_eq!(fmt_rate(dec!(1499900) / dec!(3400000)), "0.4411");
        assert_eq!(fmt_percent(dec!(1499900) / dec!(3400000)), "44.11%");
    }
}
