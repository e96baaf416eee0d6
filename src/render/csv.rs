//! `--format csv`: the indicator table for spreadsheets and finance systems — UTF-8 with a
//! byte-order mark, so that Excel on Chinese Windows opens it as UTF-8, and every cell that a
//! spreadsheet would take for a formula (`=`, `+`, `-`, `@`) neutralised.

use super::report::{Words, indicator_rows};
use crate::evaluate::Evaluation;
use crate::lang::Lang;

/// A cell as text a spreadsheet shows as text: a leading `'` disarms a formula (CSV injection).
pub fn neutralise(cell: &str) -> String {
    // A plain signed number (`-2.00`, a difference of scores) is no formula: kept a number.
    let number = cell.len() < 32
        && cell.starts_with(['-', '+'])
        && cell.get(1..).is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_digit())
                && rest.parse::<rust_decimal::Decimal>().is_ok()
        });
    if number {
        return cell.to_string();
    }
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

pub fn render(e: &Evaluation, lang: Lang) -> Vec<u8> {
    let w = Words { lang };
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().from_writer(&mut out);
        let mut rows = vec![w.indicator_header()];
        rows.extend(indicator_rows(e, &w));
        // A filled 自评表: each row's own score and the difference, beside the table's.
        if let Some(r) = &e.scorecard.review {
            if let Some(header) = rows.first_mut() {
                header.extend([
                    w.pick("自评得分", "Claimed").to_string(),
                    w.pick("差异", "Difference").to_string(),
                ]);
            }
            // The table's rows are the indicators in order, then the total.
            let of = |i: usize| {
                let ind = e.scorecard.indicators.get(i)?;
                r.rows.iter().find(|row| row.path == ind.path)
            };
            let n = rows.len();
            for (i, row) in rows.iter_mut().enumerate().skip(1) {
                let cells = match of(i - 1) {
                    Some(c) => [
                        format!("{:.2}", c.claimed),
                        c.difference
                            .map_or_else(|| super::report::unscored(&w), super::report::signed),
                    ],
                    None if i + 1 == n => [
                        format!("{:.2}", r.claimed),
                        super::report::signed(r.difference),
                    ],
                    None => [String::new(), String::new()],
                };
                row.extend(cells);
            }
        }
        for row in rows {
            // Writing to a Vec cannot fail.
            let _ = writer.write_record(row.iter().map(|c| neutralise(c)));
        }
        let _ = writer.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        // A number alone is no formula (a difference of scores is written `-2.00`).
        assert_eq!(neutralise("+1"), "+1");
        assert_eq!(neutralise("+1A"), "'+1A");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("资金到位率"), "资金到位率");
        assert_eq!(neutralise("85.00"), "85.00");
        assert_eq!(neutralise("-2.00"), "-2.00");
        assert_eq!(neutralise("+0.50"), "+0.50");
        assert_eq!(
            neutralise("-2.00+cmd|' /C calc'!A0"),
            "'-2.00+cmd|' /C calc'!A0"
        );
    }
}
