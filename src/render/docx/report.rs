//! The report's blocks ([`crate::render::outline`]) laid out in Word: headings in their styles,
//! gaps highlighted, tables as Word tables, the indicator table with its 一级 and 二级 cells
//! merged down the rows they head.

use docx_rs::{
    BreakType, Docx, Paragraph, Run, Table, TableCellMargins, TableLayoutType, TableRow,
};

use super::{cell, covered, pack, page, style, text_width, widths, xml_text};
use crate::evaluate::Evaluation;
use crate::lang::Lang;
use crate::render::Error;
use crate::render::report::{Block, Merge, merges};

/// The indicator table's nine columns (一级, 分值, 二级, 分值, 三级, 分值, 评分标准, 得分,
/// 扣分原因) in proportion: names wide enough not to break a character a line, the criterion
/// and the reasons taking the rest.
const INDICATOR_WEIGHTS: [usize; 9] = [10, 6, 10, 6, 14, 6, 22, 8, 22];

pub fn render(e: &Evaluation, lang: Lang) -> Result<Vec<u8>, Error> {
    pack(layout(&crate::render::outline::document(e, lang)))
}

/// The blocks as a Word document.
pub fn layout(blocks: &[Block]) -> Docx {
    let mut docx = page();
    for block in blocks {
        docx = match block {
            Block::Heading(level, text) => {
                let style = match level {
                    1 => style::TITLE,
                    2 => style::HEADING1,
                    3 => style::HEADING2,
                    _ => style::HEADING3,
                };
                docx.add_paragraph(para(text, style).keep_next(true))
            }
            Block::Para(text) => docx.add_paragraph(para(text, style::BODY)),
            Block::Placeholder(text) => docx.add_paragraph(para(text, style::PLACEHOLDER)),
            Block::List(items) => items
                .iter()
                .fold(docx, |d, item| d.add_paragraph(para(item, style::BODY))),
            Block::Table(header, rows) => docx.add_table(table(header, rows)),
            Block::Indicators(header, rows) => docx.add_table(indicators(header, rows)),
            Block::PageBreak => {
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
            // Charts are the HTML page's; the report's tables say the same.
            Block::Charts => docx,
        };
    }
    docx
}

fn para(text: &str, style: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(xml_text(text)))
}

/// A table with its header row, each column as wide as its text asks within the page.
fn table(header: &[String], rows: &[Vec<String>]) -> Table {
    let weights: Vec<usize> = (0..header.len())
        .map(|c| {
            std::iter::once(header.get(c))
                .chain(rows.iter().map(|r| r.get(c)))
                .flatten()
                .map(|t| text_width(t) + 2)
                .max()
                .unwrap_or(0)
                .clamp(8, 40)
        })
        .collect();
    let widths = widths(&weights);
    grid(
        header,
        rows,
        &widths,
        [style::TABLE_HEAD, style::TABLE],
        |_, _| Merge::Alone,
    )
}

fn indicators(header: &[String], rows: &[Vec<String>]) -> Table {
    let weights: Vec<usize> = INDICATOR_WEIGHTS
        .iter()
        .take(header.len())
        .copied()
        .collect();
    let widths = widths(&weights);
    let merges = merges(rows);
    let styles = [style::TABLE_SMALL_HEAD, style::TABLE_SMALL];
    grid(header, rows, &widths, styles, |r, c| {
        merges
            .get(r)
            .and_then(|m| m.get(c))
            .copied()
            .unwrap_or(Merge::Alone)
    })
}

fn grid(
    header: &[String],
    rows: &[Vec<String>],
    widths: &[usize],
    [head_style, body]: [&str; 2],
    merge: impl Fn(usize, usize) -> Merge,
) -> Table {
    let width = |c: usize| widths.get(c).copied().unwrap_or(0);
    let head = TableRow::new(
        header
            .iter()
            .enumerate()
            .map(|(c, h)| cell(h, head_style, width(c)))
            .collect(),
    )
    .cant_split();
    let mut out = vec![head];
    for (r, row) in rows.iter().enumerate() {
        let cells = row
            .iter()
            .enumerate()
            .map(|(c, text)| match merge(r, c) {
                Merge::Covered => covered(width(c)),
                Merge::Spans(_) => {
                    cell(text, body, width(c)).vertical_merge(docx_rs::VMergeType::Restart)
                }
                Merge::Alone => cell(text, body, width(c)),
            })
            .collect();
        out.push(TableRow::new(cells).cant_split());
    }
    Table::new(out)
        .margins(TableCellMargins::new().margin(0, 57, 0, 57))
        .set_grid(widths.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), docx_rs::WidthType::Dxa)
}
