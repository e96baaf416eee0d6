//! Finding the header row of a table that does not start on row 1.
//!
//! Exports put one to four title rows (the report's name, 单位, 期间, 币种) above the header,
//! and the number varies by vendor and version, so the header is found rather than assumed: the
//! row among the first few dozen whose cells name the most known columns wins, provided it
//! names enough of them to be a header at all.

use super::workbook::{Sheet, normalize};

/// How far down to look. Real exports have at most a handful of title rows; 30 leaves room
/// for a printed page header and a note or two without scanning the data.
pub const SCAN_ROWS: u32 = 30;

/// The header row and which column holds each role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<R> {
    pub row: u32,
    /// (role, column, the label as written), in column order.
    pub columns: Vec<(R, u32, String)>,
}

impl<R: Copy + PartialEq> Header<R> {
    pub fn col(&self, role: R) -> Option<u32> {
        self.columns
            .iter()
            .find(|(r, ..)| *r == role)
            .map(|(_, c, _)| *c)
    }
}

/// How well a label names a role: exactly one of its aliases, or containing one (`借方金额（元）`
/// contains `借方金额`). Longer aliases win over shorter ones they contain.
fn affinity(label: &str, aliases: &[&str]) -> Option<(bool, usize)> {
    aliases
        .iter()
        .filter(|a| label.contains(**a))
        .map(|a| (label == *a, a.chars().count()))
        .max()
}

/// Assigns roles to the columns of one row: each role to its best column, each column to at
/// most one role, exact matches first.
pub fn match_row<R: Copy + PartialEq>(
    sheet: &Sheet,
    row: u32,
    vocabulary: &[(R, &[&str])],
) -> Vec<(R, u32, String)> {
    let labels: Vec<String> = (0..sheet.width())
        .map(|c| normalize(&sheet.text(row, c)))
        .collect();
    let mut candidates: Vec<((bool, usize), R, u32)> = Vec::new();
    for (role, aliases) in vocabulary {
        for (c, label) in labels.iter().enumerate() {
            if label.is_empty() || label.chars().count() > 24 {
                continue;
            }
            if let Some(score) = affinity(label, aliases) {
                candidates.push((score, *role, c as u32));
            }
        }
    }
    // Best matches first; ties go to the leftmost column, as a reader would take them.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut chosen: Vec<(R, u32, String)> = Vec::new();
    for (_, role, col) in candidates {
        if chosen.iter().any(|(r, c, _)| *r == role || *c == col) {
            continue;
        }
        chosen.push((role, col, sheet.text(row, col)));
    }
    chosen.sort_by_key(|(_, c, _)| *c);
    chosen
}

/// The row within the first [`SCAN_ROWS`] that names the most roles, if it names at least
/// `min_roles` of them.
pub fn find_header<R: Copy + PartialEq>(
    sheet: &Sheet,
    vocabulary: &[(R, &[&str])],
    min_roles: usize,
) -> Option<Header<R>> {
    let mut best: Option<Header<R>> = None;
    for row in 0..SCAN_ROWS.min(sheet.height()) {
        let columns = match_row(sheet, row, vocabulary);
        if columns.len() >= min_roles
            && best
                .as_ref()
                .is_none_or(|b| columns.len() > b.columns.len())
        {
            best = Some(Header { row, columns });
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Data;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Role {
        Date,
        Summary,
        Account,
        AccountCode,
        Debit,
        Credit,
    }

    const VOCAB: &[(Role, &[&str])] = &[
        (Role::Date, &["日期", "制单日期"]),
        (Role::Summary, &["摘要"]),
        (Role::Account, &["科目名称", "科目"]),
        (Role::AccountCode, &["科目编码", "科目代码"]),
        (Role::Debit, &["借方", "借方金额"]),
        (Role::Credit, &["贷方", "贷方金额"]),
    ];

    fn s(v: &str) -> Data {
        Data::String(v.to_string())
    }

    #[test]
    fn finds_the_header_below_title_rows() {
        let sheet = Sheet::from_rows(
            "l.xlsx",
            "明细账",
            vec![
                vec![s("项目辅助明细账")],
                vec![
                    s("单位：常德市总工会"),
                    Data::Empty,
                    s("期间：2019年01月至2020年05月"),
                ],
                vec![
                    s("日期"),
                    s("摘 要"),
                    s("科目编码"),
                    s("科目名称"),
                    s("借方金额（元）"),
                    s("贷方金额（元）"),
                ],
                vec![s("2019-01-01"), s("期初余额")],
            ],
        );
        let h = find_header(&sheet, VOCAB, 3).expect("header");
        assert_eq!(h.row, 2);
        assert_eq!(h.col(Role::Date), Some(0));
        assert_eq!(h.col(Role::Summary), Some(1));
        assert_eq!(h.col(Role::AccountCode), Some(2));
        // `科目名称` is an exact alias of Account; `科目编码` must not steal it by containing `科目`.
        assert_eq!(h.col(Role::Account), Some(3));
        assert_eq!(h.col(Role::Debit), Some(4));
        assert_eq!(h.col(Role::Credit), Some(5));
    }

    #[test]
    fn no_header_when_too_few_labels_match() {
        let sheet = Sheet::from_rows(
            "l.xlsx",
            "Sheet1",
            vec![
                vec![s("姓名"), s("日期"), s("备注")],
                vec![s("张三"), s("2019-01-01")],
            ],
        );
        assert_eq!(find_header(&sheet, VOCAB, 3), None);
    }

    #[test]
    fn prefers_the_row_naming_most_columns() {
        let sheet = Sheet::from_rows(
            "l.xlsx",
            "Sheet1",
            vec![
                vec![s("日期"), s("摘要"), s("借方")],
                vec![s("日期"), s("摘要"), s("借方"), s("贷方")],
            ],
        );
        assert_eq!(find_header(&sheet, VOCAB, 3).map(|h| h.row), Some(1));
    }
}
