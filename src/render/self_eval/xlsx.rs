//! The 自评表 as a one-sheet workbook that prints on one portrait A4 page: the cells merged as
//! the form merges them, numbers as numbers, gaps filled yellow.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::grid::{Grid, Kind, WEIGHTS};
use super::is_gap;
use crate::lang::Lang;
use crate::render::WriteText;
use crate::render::docx::text_width;

/// Characters of the sheet's width, shared out by the grid's weights.
const CHARACTERS: f64 = 104.0;
/// Points a line of 10-point text takes.
const LINE: f64 = 14.0;

struct Styles {
    title: Format,
    label: Format,
    text: Format,
    gap: Format,
}

fn styles() -> Styles {
    let cell = || {
        Format::new()
            .set_font_name("宋体")
            .set_font_size(10)
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
    };
    Styles {
        title: Format::new()
            .set_font_name("宋体")
            .set_font_size(16)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        label: cell().set_align(FormatAlign::Center),
        text: cell(),
        gap: cell().set_background_color("#FFFF00"),
    }
}

fn width(col: usize) -> f64 {
    let total: usize = WEIGHTS.iter().sum();
    WEIGHTS.get(col).copied().unwrap_or(0) as f64 * CHARACTERS / total as f64
}

/// A number the form shows, as the number and its format: `96.12%`, `340.00`, `10`.
fn number(text: &str) -> Option<(f64, &'static str)> {
    if let Some(rate) = text.strip_suffix('%') {
        let d: Decimal = rate.parse().ok()?;
        return Some(((d / Decimal::ONE_HUNDRED).to_f64()?, "0.00%"));
    }
    let d: Decimal = text.parse().ok()?;
    Some((d.to_f64()?, if text.contains('.') { "0.00" } else { "0" }))
}

fn sheet(ws: &mut Worksheet, g: &Grid, lang: Lang) -> Result<(), XlsxError> {
    let s = styles();
    ws.set_paper_size(9);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 1);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    for col in 0..WEIGHTS.len() {
        ws.set_column_width(col as u16, width(col))?;
    }
    let last = (WEIGHTS.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last, &g.title, &s.title)?;
    ws.set_row_height(0, 28)?;
    let mut top = 1;
    if let Some(sub) = &g.subtitle {
        ws.merge_range(1, 0, 1, last, sub, &s.title.clone().set_font_size(11))?;
        top = 2;
    }
    for (r, cells) in g.placed() {
        let row = (top + r) as u32;
        let mut lines = 1.0_f64;
        for (col, cell) in cells {
            if cell.kind == Kind::Covered {
                continue;
            }
            let format = match cell.kind {
                Kind::Label => &s.label,
                _ if is_gap(&cell.text) => &s.gap,
                _ => &s.text,
            };
            let (c0, c1) = (col as u16, (col + cell.cols - 1) as u16);
            let r1 = row + cell.down as u32 - 1;
            let chars: f64 = (col..col + cell.cols).map(width).sum();
            if cell.down == 1 {
                lines = lines.max((text_width(&cell.text) as f64 / chars.max(1.0)).ceil());
            }
            match (cell.kind, number(&cell.text)) {
                (Kind::Number, Some((value, pattern))) => {
                    let format = format
                        .clone()
                        .set_num_format(pattern)
                        .set_align(FormatAlign::Right);
                    if cell.cols > 1 || cell.down > 1 {
                        ws.merge_range(row, c0, r1, c1, "", &format)?;
                    }
                    ws.write_number_with_format(row, c0, value, &format)?;
                }
                _ => {
                    if cell.cols > 1 || cell.down > 1 {
                        ws.merge_range(row, c0, r1, c1, "", format)?;
                    }
                    ws.write_text(row, c0, &cell.text, format, lang)?;
                }
            }
        }
        // Excel does not grow a row for wrapped text in merged cells: the height is set.
        ws.set_row_height(row, lines * LINE + 4.0)?;
    }
    Ok(())
}

pub fn render(g: &Grid, lang: Lang) -> Result<Vec<u8>, crate::render::Error> {
    let mut wb = Workbook::new();
    let ws = wb
        .add_worksheet()
        .set_name(lang.pick("自评表", "Self-evaluation"))?;
    sheet(ws, g, lang)?;
    Ok(wb.save_to_buffer()?)
}
