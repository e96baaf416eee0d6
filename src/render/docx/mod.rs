//! `-o 报告.docx`: documents as they are handed in and signed — portrait A4 in the conventions
//! of Chinese official documents (GB/T 9704 as far as a report follows them), written with
//! `docx-rs`.
//!
//! The page, the styles and the fonts are here ([`style`]); the report's blocks are laid out by
//! [`report`], and the 自评表 form writes its own table with the same cells. The fonts are the
//! ones Word and WPS on Windows have (仿宋, 黑体, 楷体, 宋体), each declared in the font table
//! with its English name and GB2312 charset, so that an office suite without the font picks the
//! nearest of the same script instead of a Latin one.

pub mod report;
pub mod style;

use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, TableCell, VAlignType,
    VMergeType, WidthType,
};

use super::Error;

/// A4 in twentieths of a point.
pub const A4: (u32, u32) = (11_906, 16_838);
/// GB/T 9704 margins: 天头 37 mm, 订口 28 mm, the 版心 156 mm × 225 mm.
const MARGIN: PageMargin = PageMargin {
    top: 2098,
    left: 1588,
    bottom: 1984,
    right: 1474,
    header: 851,
    footer: 992,
    gutter: 0,
};
/// The width a table may take: the 版心's 156 mm.
pub const TEXT_WIDTH: usize = 8844;

/// A document with the page, the styles and a page number at the foot: `— 1 —`.
pub fn page() -> Docx {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style(style::PAGE_NUMBER)
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("— "))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" —")),
    );
    style::styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(MARGIN)
        .footer(footer)
}

/// The package's bytes, with the font table that names each font's fallback.
pub fn pack(docx: Docx) -> Result<Vec<u8>, Error> {
    let mut xml = docx.build();
    xml.font_table = style::FONT_TABLE.as_bytes().to_vec();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| Error::Document(e.to_string()))?;
    Ok(out.into_inner())
}

/// A table cell of one paragraph per line of `text`, in `style`; a number set right, as a
/// column of money reads.
pub fn cell(text: &str, style: &str, width: usize) -> TableCell {
    let mut cell = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    for line in text.split('\n') {
        let mut p = Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(xml_text(line)));
        if numeric(line) {
            p = p.align(AlignmentType::Right);
        }
        cell = cell.add_paragraph(p);
    }
    cell
}

/// Money, a rate, a count or points: digits with their separators.
fn numeric(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ",.%-—".contains(c))
}

/// A cell under a merged cell above it.
pub fn covered(width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_merge(VMergeType::Continue)
        .add_paragraph(Paragraph::new())
}

/// Text as an XML document may hold it: a control character copied from an input cell (a
/// vertical tab in a 摘要, a stray \u{1}) is not allowed in XML 1.0, and one would make Word
/// refuse the whole file; each is written as U+FFFD, so that it shows rather than vanishes.
pub fn xml_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Widths for columns in proportion to `weights`, adding up to the text width.
pub fn widths(weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<usize> = weights.iter().map(|w| TEXT_WIDTH * w / sum).collect();
    // The rounding's remainder to the last column, so that the table is the text's width.
    let used: usize = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += TEXT_WIDTH.saturating_sub(used);
    }
    out
}

/// How wide a text reads: a CJK character as two, others as one; the longest line.
pub fn text_width(text: &str) -> usize {
    text.split('\n')
        .map(|line| {
            line.chars()
                .map(|c| if c.is_ascii() { 1 } else { 2 })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_shown_as_replacement_characters() {
        assert_eq!(xml_text("张\u{1}三\u{b}"), "张\u{FFFD}三\u{FFFD}");
        assert_eq!(xml_text("a\tb\u{FFFF}"), "a\tb\u{FFFD}");
        assert_eq!(xml_text("资金到位率"), "资金到位率");
    }
}
