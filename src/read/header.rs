//! Finding the header of a table that does not start on row 1.
//!
//! Exports put one to four title rows (the report's name, 单位, 期间, 币种) above the header,
//! and the number varies by vendor and version, so the header is found rather than assumed: the
//! row among the first few dozen whose cells name the most known columns wins, provided it
//! names enough of them to be a header at all.
//!
//! Many exports print a two-row header: `2019年` over `月 | 日`, `凭证` over `字 | 号`, `日期`
//! over `年 | 月 | 日`, `借方` over `数量 | 金额`. Such a band is read as one row of composite
//! names (`凭证字`, `借方金额`); a year banner (`2019年`) is kept apart, as the year of the dates
//! below it.

use super::workbook::Sheet;
use crate::label::normalize;

/// How far down to look. Real exports have at most a handful of title rows; 30 leaves room
/// for a printed page header and a note or two without scanning the data.
pub const SCAN_ROWS: u32 = 30;

/// Labels that only ever appear in the second row of a two-row header.
const SUBLABELS: &[&str] = &[
    "年",
    "月",
    "日",
    "字",
    "号",
    "数量",
    "金额",
    "本币",
    "原币",
    "外币",
    "单价",
    "本币金额",
    "原币金额",
    "名称",
    "编码",
    "代码",
    "借",
    "贷",
    // `金额` merged over `借方 | 贷方`.
    "借方",
    "贷方",
];

/// The header and which column holds each role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header<R> {
    /// The header's first row.
    pub row: u32,
    /// The first row below the header (the row after a two-row band).
    pub data_start: u32,
    /// (role, column, the label as understood), in column order.
    pub columns: Vec<(R, u32, String)>,
    /// The year of a `2019年` banner over split 月 / 日 columns.
    pub banner_year: Option<u16>,
}

impl<R: Copy + PartialEq> Header<R> {
    pub fn col(&self, role: R) -> Option<u32> {
        self.columns
            .iter()
            .find(|(r, ..)| *r == role)
            .map(|(_, c, _)| *c)
    }

    pub fn has(&self, role: R) -> bool {
        self.col(role).is_some()
    }
}

/// How well a label names a role: exactly one of its aliases, or containing one (`借方金额（元）`
/// contains `借方金额`). Longer aliases win over shorter ones they contain. One-character
/// aliases (`年`, `月`, `日`) must match exactly; a label holding an `excluded` word (`借方数量`,
/// `对方科目`) matches only exactly.
fn affinity(label: &str, aliases: &[&str], excluded: &[&str]) -> Option<(bool, usize)> {
    let guarded = excluded.iter().any(|w| label.contains(w));
    aliases
        .iter()
        .filter(|a| label == **a || (!guarded && a.chars().count() > 1 && label.contains(**a)))
        .map(|a| (label == *a, a.chars().count()))
        .max()
}

/// Assigns roles to labels: each role to its best column, each column to at most one role,
/// exact matches first, ties to the leftmost column as a reader would take them.
pub fn match_labels<R: Copy + PartialEq>(
    labels: &[String],
    vocabulary: &[(R, &[&str])],
    excluded: &[&str],
) -> Vec<(R, u32, String)> {
    let mut candidates: Vec<((bool, usize), R, u32)> = Vec::new();
    for (role, aliases) in vocabulary {
        for (c, label) in labels.iter().enumerate() {
            if label.is_empty() || label.chars().count() > 24 {
                continue;
            }
            if let Some(score) = affinity(label, aliases, excluded) {
                candidates.push((score, *role, c as u32));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut chosen: Vec<(R, u32, String)> = Vec::new();
    for (_, role, col) in candidates {
        if chosen.iter().any(|(r, c, _)| *r == role || *c == col) {
            continue;
        }
        let label = labels.get(col as usize).cloned().unwrap_or_default();
        chosen.push((role, col, label));
    }
    chosen.sort_by_key(|(_, c, _)| *c);
    chosen
}

fn row_labels(sheet: &Sheet, row: u32) -> Vec<String> {
    (0..sheet.width())
        .map(|c| normalize(&sheet.text(row, c)))
        .collect()
}

/// `2019年` or `2019年度`: a banner naming the year of the rows below.
pub fn banner_year(label: &str) -> Option<u16> {
    let digits = label
        .strip_suffix('年')
        .or_else(|| label.strip_suffix("年度"))?;
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The composite labels of a two-row band starting at `row`, if the row below holds only
/// sub-labels; and the year of a banner among the upper cells.
fn band_labels(sheet: &Sheet, row: u32) -> Option<(Vec<String>, Option<u16>)> {
    let below = row_labels(sheet, row + 1);
    let filled: Vec<&String> = below.iter().filter(|l| !l.is_empty()).collect();
    if filled.len() < 2 || !filled.iter().all(|l| SUBLABELS.contains(&l.as_str())) {
        return None;
    }
    let mut year = None;
    let mut parent = String::new();
    let mut labels = Vec::with_capacity(below.len());
    for (c, child) in below.iter().enumerate() {
        let top = normalize(&sheet.merged_text(row, c as u32));
        if !top.is_empty() {
            parent = top;
        } else if child.is_empty() {
            // An empty cell over an empty cell ends the group a parent spans.
            parent.clear();
        }
        let (parent, banner) = match banner_year(&parent) {
            Some(y) => (String::new(), Some(y)),
            None => (parent.clone(), None),
        };
        if banner.is_some() && !child.is_empty() {
            year = year.or(banner);
        }
        labels.push(if child.is_empty() {
            parent
        } else {
            format!("{parent}{child}")
        });
    }
    Some((labels, year))
}

/// The header starting at `row`: the row alone, or the two-row band from it when that names
/// more roles.
pub fn header_at<R: Copy + PartialEq>(
    sheet: &Sheet,
    row: u32,
    vocabulary: &[(R, &[&str])],
    excluded: &[&str],
) -> Header<R> {
    let single = match_labels(&row_labels(sheet, row), vocabulary, excluded);
    let mut header = Header {
        row,
        data_start: row + 1,
        columns: single,
        banner_year: None,
    };
    if let Some((labels, year)) = band_labels(sheet, row) {
        // A row below of sub-labels only is no data row: the band is the header when it names
        // as many roles as the row alone (`借方` over `数量 | 单价 | 金额` names the same two
        // sides, but in the right columns).
        let band = match_labels(&labels, vocabulary, excluded);
        if band.len() >= header.columns.len() {
            header = Header {
                row,
                data_start: row + 2,
                columns: band,
                banner_year: year,
            };
        }
    }
    header
}

/// The header within the first [`SCAN_ROWS`] rows that names the most roles, if it names at
/// least `min_roles` of them; a two-row band counts when it names more than its first row alone.
pub fn find_header<R: Copy + PartialEq>(
    sheet: &Sheet,
    vocabulary: &[(R, &[&str])],
    excluded: &[&str],
    min_roles: usize,
) -> Option<Header<R>> {
    let mut best: Option<Header<R>> = None;
    for row in 0..SCAN_ROWS.min(sheet.height()) {
        let candidate = header_at(sheet, row, vocabulary, excluded);
        if candidate.columns.len() >= min_roles
            && best
                .as_ref()
                .is_none_or(|b| candidate.columns.len() > b.columns.len())
        {
            best = Some(candidate);
        }
    }
    best
}

/// The rows among the first [`SCAN_ROWS`] that name the most roles, at least one, best first and
/// at most `limit` of them: what a refusal shows when no row is the header.
pub fn closest<R: Copy + PartialEq>(
    sheet: &Sheet,
    vocabulary: &[(R, &[&str])],
    excluded: &[&str],
    limit: usize,
) -> Vec<Header<R>> {
    let mut rows: Vec<Header<R>> = (0..SCAN_ROWS.min(sheet.height()))
        .map(|row| header_at(sheet, row, vocabulary, excluded))
        .filter(|h| !h.columns.is_empty())
        .collect();
    // Most roles first; among equals, the upper row, as a reader looks from the top.
    rows.sort_by(|a, b| {
        b.columns
            .len()
            .cmp(&a.columns.len())
            .then(a.row.cmp(&b.row))
    });
    rows.truncate(limit);
    rows
}

/// Every header in the sheet naming at least `min_roles` roles: forms with several tables
/// (a 长期 and a 年度 indicator table) repeat their header.
pub fn find_headers<R: Copy + PartialEq>(
    sheet: &Sheet,
    vocabulary: &[(R, &[&str])],
    excluded: &[&str],
    min_roles: usize,
) -> Vec<Header<R>> {
    let mut out: Vec<Header<R>> = Vec::new();
    let mut row = 0;
    while row < sheet.height() {
        let candidate = header_at(sheet, row, vocabulary, excluded);
        if candidate.columns.len() >= min_roles {
            row = candidate.data_start;
            out.push(candidate);
        } else {
            row += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::workbook::text_cells;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Role {
        Date,
        Month,
        Day,
        Voucher,
        VoucherWord,
        Summary,
        Account,
        AccountCode,
        Debit,
        Credit,
    }

    const VOCAB: &[(Role, &[&str])] = &[
        (Role::Date, &["日期", "制单日期"]),
        (Role::Month, &["月"]),
        (Role::Day, &["日"]),
        (Role::Voucher, &["凭证号", "凭证字号"]),
        (Role::VoucherWord, &["凭证字"]),
        (Role::Summary, &["摘要"]),
        (Role::Account, &["科目名称", "科目"]),
        (Role::AccountCode, &["科目编码", "科目代码"]),
        (Role::Debit, &["借方", "借方金额"]),
        (Role::Credit, &["贷方", "贷方金额"]),
    ];
    const EXCLUDED: &[&str] = &["数量", "对方"];

    fn rows(cells: &[&[&str]]) -> Sheet {
        Sheet::from_rows("l.xlsx", "明细账", text_cells(cells))
    }

    #[test]
    fn finds_the_header_below_title_rows() {
        let sheet = rows(&[
            &["项目辅助明细账"],
            &["单位：常德市总工会", "", "期间：2019年01月至2020年05月"],
            &[
                "日期",
                "摘 要",
                "科目编码",
                "科目名称",
                "借方金额（元）",
                "贷方金额（元）",
                "对方科目",
            ],
            &["2019-01-01", "期初余额"],
        ]);
        let h = find_header(&sheet, VOCAB, EXCLUDED, 3).expect("header");
        assert_eq!((h.row, h.data_start), (2, 3));
        assert_eq!(h.col(Role::Date), Some(0));
        assert_eq!(h.col(Role::Summary), Some(1));
        assert_eq!(h.col(Role::AccountCode), Some(2));
        // `科目名称` is an exact alias of Account; `科目编码` must not take it by containing `科目`,
        // and `对方科目` is the counter-account, not the account.
        assert_eq!(h.col(Role::Account), Some(3));
        assert_eq!(h.col(Role::Debit), Some(4));
        assert_eq!(h.col(Role::Credit), Some(5));
    }

    #[test]
    fn reads_a_two_row_band_under_a_year_banner() {
        let sheet = rows(&[
            &["银行存款明细账"],
            &["2019年", "", "凭证", "", "摘要", "借方", "", "贷方"],
            &["月", "日", "字", "号", "", "数量", "金额", "金额"],
            &["01", "05", "记", "3", "支付办公费", "", "3200"],
        ]);
        let h = find_header(&sheet, VOCAB, EXCLUDED, 3).expect("header");
        assert_eq!((h.row, h.data_start, h.banner_year), (1, 3, Some(2019)));
        assert_eq!(h.col(Role::Month), Some(0));
        assert_eq!(h.col(Role::Day), Some(1));
        assert_eq!(h.col(Role::VoucherWord), Some(2));
        assert_eq!(h.col(Role::Voucher), Some(3));
        assert_eq!(h.col(Role::Summary), Some(4));
        // `借方数量` is not money; `借方金额` is.
        assert_eq!(h.col(Role::Debit), Some(6));
        assert_eq!(h.col(Role::Credit), Some(7));
    }

    #[test]
    fn no_header_when_too_few_labels_match() {
        let sheet = rows(&[&["姓名", "日期", "备注"], &["张三", "2019-01-01"]]);
        assert_eq!(find_header(&sheet, VOCAB, EXCLUDED, 3), None);
    }

    #[test]
    fn prefers_the_row_naming_most_columns() {
        let sheet = rows(&[&["日期", "摘要", "借方"], &["日期", "摘要", "借方", "贷方"]]);
        assert_eq!(
            find_header(&sheet, VOCAB, EXCLUDED, 3).map(|h| h.row),
            Some(1)
        );
    }

    #[test]
    fn year_banners() {
        assert_eq!(banner_year("2019年"), Some(2019));
        assert_eq!(banner_year("2019年度"), Some(2019));
        assert_eq!(banner_year("19年"), None);
        assert_eq!(banner_year("年"), None);
    }
}
