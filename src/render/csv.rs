//! `--format csv`: the indicator table for spreadsheets and finance systems — UTF-8 with a
//! byte-order mark, so that Excel on Chinese Windows opens it as UTF-8, and every cell that a
//! spreadsheet would take for a formula (`=`, `+`, `-`, `@`) neutralised.

use super::report::{Words, indicator_rows};
use crate::evaluate::Evaluation;
use crate::lang::Lang;

/// A cell as text a spreadsheet shows as text: a leading `'` disarms a formula (CSV injection).
pub fn neutralise(cell: &str) -> String {
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
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("资金到位率"), "资金到位率");
        assert_eq!(neutralise("85.00"), "85.00");
    }
}
