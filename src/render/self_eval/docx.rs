//! The 自评表 as a Word table on one portrait A4 page: the title, the year, and the form's ten
//! columns with its cells merged across (gridSpan) and down (vMerge).

use docx_rs::{
    AlignmentType, Docx, PageMargin, Paragraph, Run, Table, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::grid::{Grid, Kind, WEIGHTS};
use super::is_gap;
use crate::render::Error;
use crate::render::docx::{pack, page, style, widths, xml_text};

/// A form, not a document's body: narrower margins than GB/T 9704's, so that a typical fund's
/// form (about fifteen indicators) fits its one page, as the official form does.
const FORM_MARGIN: PageMargin = PageMargin {
    top: 1134,
    left: 1021,
    bottom: 1134,
    right: 1021,
    header: 567,
    footer: 567,
    gutter: 0,
};

/// The width between those margins.
const FORM_WIDTH: usize = 11_906 - 2 * 1021;

fn paragraphs(text: &str, kind: Kind) -> Vec<Paragraph> {
    text.split('\n')
        .map(|line| {
            let mut run = Run::new().add_text(xml_text(line));
            if is_gap(line) {
                run = run.highlight("yellow");
            }
            let p = Paragraph::new().style(style::TABLE_SMALL).add_run(run);
            match kind {
                Kind::Label => p.align(AlignmentType::Center),
                Kind::Number => p.align(AlignmentType::Right),
                _ => p,
            }
        })
        .collect()
}

pub fn render(g: &Grid) -> Result<Vec<u8>, Error> {
    let scale = |w: usize| w * FORM_WIDTH / crate::render::docx::TEXT_WIDTH;
    let widths: Vec<usize> = widths(&WEIGHTS).into_iter().map(scale).collect();
    let span = |from: usize, n: usize| widths.iter().skip(from).take(n).sum::<usize>();
    let mut rows = Vec::new();
    for (_, cells) in g.placed() {
        let cells = cells
            .into_iter()
            .map(|(col, c)| {
                let mut cell = TableCell::new()
                    .width(span(col, c.cols), WidthType::Dxa)
                    .vertical_align(VAlignType::Center);
                if c.cols > 1 {
                    cell = cell.grid_span(c.cols);
                }
                if c.kind == Kind::Covered {
                    return cell
                        .vertical_merge(VMergeType::Continue)
                        .add_paragraph(Paragraph::new().style(style::TABLE_SMALL));
                }
                if c.down > 1 {
                    cell = cell.vertical_merge(VMergeType::Restart);
                }
                paragraphs(&c.text, c.kind)
                    .into_iter()
                    .fold(cell, |cell, p| cell.add_paragraph(p))
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    let table = Table::new(rows)
        .margins(TableCellMargins::new().margin(0, 57, 0, 57))
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa);
    let mut docx: Docx = page().page_margin(FORM_MARGIN).add_paragraph(
        Paragraph::new()
            .style(style::TITLE)
            .add_run(Run::new().add_text(xml_text(&g.title))),
    );
    if let Some(sub) = &g.subtitle {
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(style::TABLE_HEAD)
                .add_run(Run::new().add_text(xml_text(sub))),
        );
    }
    pack(docx.add_table(table))
}
