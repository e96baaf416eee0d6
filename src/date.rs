//! Calendar dates from whatever a ledger holds: Excel serials (1900 and 1904 systems) or text
//! (`2019-01-05`, `2019/1/5`, `2019.01.05`, `20190105`, `2019年1月5日`).

use std::fmt;

use calamine::{ExcelDateTime, ExcelDateTimeType};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01, for day differences (Howard Hinnant's days_from_civil).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// An Excel serial day number. Serials below 1 are times of day, not dates.
    pub fn from_serial(serial: f64, is_1904: bool) -> Option<Date> {
        if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
            return None;
        }
        let (y, m, d, ..) =
            ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, is_1904).to_ymd_hms_milli();
        Date::new(y, m, d)
    }

    /// Text dates in the forms exports and people use; a time after the date is ignored.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        // ICBC writes the time straight after the date: `2020-04-01-10.23.45.123456`.
        if let Some(d) = t
            .get(..10)
            .filter(|head| t.len() > 10 && head.as_bytes().get(4) == Some(&b'-'))
            .and_then(Date::parse)
        {
            return Some(d);
        }
        let t = t.split([' ', 'T', '\u{3000}']).next().unwrap_or(t);
        let digits: Vec<&str> = t
            .split(['-', '/', '.', '年', '月', '日'])
            .filter(|p| !p.is_empty())
            .collect();
        match digits.as_slice() {
            [compact] if compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) => {
                let year = compact.get(0..4)?.parse().ok()?;
                let month = compact.get(4..6)?.parse().ok()?;
                let day = compact.get(6..8)?.parse().ok()?;
                Date::new(year, month, day)
            }
            [y, m, d]
                if y.len() == 4
                    && [y, m, d]
                        .iter()
                        .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
            {
                Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Option<Date> {
        Date::new(y, m, day)
    }

    #[test]
    fn parses_text_dates_in_every_export_form() {
        for text in [
            "2019-01-05",
            "2019/1/5",
            "2019.01.05",
            "20190105",
            "2019年1月5日",
            "2019-01-05 00:00:00",
            "2019-01-05-10.23.45.123456",
            " 2019/01/05 ",
        ] {
            assert_eq!(Date::parse(text), d(2019, 1, 5), "{text}");
        }
    }

    #[test]
    fn rejects_impossible_and_foreign_dates() {
        for text in [
            "2019-02-30",
            "2019-13-01",
            "19-01-05",
            "05/01/2019",
            "期初余额",
            "",
            "2019-1",
            "201901051",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        assert_eq!(Date::parse("2020-02-29"), d(2020, 2, 29));
        assert_eq!(Date::parse("2019-02-29"), None);
    }

    #[test]
    fn reads_serials_in_both_systems() {
        assert_eq!(Date::from_serial(43470.0, false), d(2019, 1, 5));
        assert_eq!(Date::from_serial(43470.75, false), d(2019, 1, 5));
        // The 1904 system counts from 1904-01-01: the same day is 1,462 smaller.
        assert_eq!(Date::from_serial(42008.0, true), d(2019, 1, 5));
        assert_eq!(Date::from_serial(0.5, false), None);
        assert_eq!(Date::from_serial(f64::NAN, false), None);
        assert_eq!(Date::from_serial(1e12, false), None);
    }

    #[test]
    fn counts_days() {
        assert_eq!(d(1970, 1, 1).map(Date::days_since_epoch), Some(0));
        let a = d(2019, 12, 20)
            .map(Date::days_since_epoch)
            .unwrap_or_default();
        let b = d(2020, 1, 8)
            .map(Date::days_since_epoch)
            .unwrap_or_default();
        assert_eq!(b - a, 19);
        assert_eq!(
            d(2020, 3, 1)
                .map(Date::days_since_epoch)
                .unwrap_or_default()
                - d(2020, 2, 28)
                    .map(Date::days_since_epoch)
                    .unwrap_or_default(),
            2
        );
    }

    #[test]
    fn displays_iso() {
        assert_eq!(
            d(2019, 12, 11).map(|d| d.to_string()).as_deref(),
            Some("2019-12-11")
        );
    }
}
