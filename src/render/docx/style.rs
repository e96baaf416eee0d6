//! The styles of a report handed in (GB/T 9704 as far as a report follows it): the title in
//! 方正小标宋简体 二号, 一级 headings 黑体 三号, 二级 楷体 三号, 三级 仿宋 三号 bold, the body 仿宋
//! 三号 on a fixed 28-point line with a two-character indent, tables 仿宋 五号, page numbers 宋体
//! 四号. Latin letters and digits in Times New Roman, as official documents set them.
//!
//! Headings carry Word's built-in names (`heading 1` …) so that Word's navigation pane and a
//! table of contents find them.

use docx_rs::{
    AlignmentType, Docx, LineSpacing, LineSpacingType, RunFonts, SpecialIndentType, Style,
    StyleType,
};

pub const TITLE: &str = "Title";
pub const HEADING1: &str = "Heading1";
pub const HEADING2: &str = "Heading2";
pub const HEADING3: &str = "Heading3";
pub const BODY: &str = "Body";
/// A gap only the evaluation team can fill: the body, highlighted.
pub const PLACEHOLDER: &str = "Placeholder";
pub const TABLE: &str = "TableText";
pub const TABLE_HEAD: &str = "TableHead";
/// The indicator table's smaller text (小五), for nine columns on a portrait page.
pub const TABLE_SMALL: &str = "TableSmall";
pub const TABLE_SMALL_HEAD: &str = "TableSmallHead";
pub const PAGE_NUMBER: &str = "PageNumber";

/// Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt.
const ERHAO: usize = 44;
const SANHAO: usize = 32;
const SIHAO: usize = 28;
const WUHAO: usize = 21;
const XIAOWU: usize = 18;

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(east_asia)
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .hint("eastAsia")
}

/// A fixed line of `points` points.
fn exact(points: i32) -> LineSpacing {
    LineSpacing::new()
        .line(points * 20)
        .line_rule(LineSpacingType::Exact)
}

fn single() -> LineSpacing {
    LineSpacing::new()
        .line(240)
        .line_rule(LineSpacingType::Auto)
        .before(0)
        .after(0)
}

/// Two characters of 三号 (32 points) before a paragraph's first line, in twips and in
/// hundredths of a character: Word reads the second, other suites the first.
fn indented(style: Style) -> Style {
    style
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .first_line_chars(200)
}

fn heading(id: &str, name: &str, font: &str, level: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(BODY)
        .next(BODY)
        .fonts(fonts(font))
        .size(SANHAO)
        .outline_lvl(level)
}

pub fn styles(docx: Docx) -> Docx {
    docx.default_fonts(fonts("仿宋"))
        .default_size(SANHAO)
        .default_line_spacing(exact(28))
        .add_style(indented(
            Style::new(BODY, StyleType::Paragraph)
                .name("Body Text")
                .fonts(fonts("仿宋"))
                .size(SANHAO)
                .line_spacing(exact(28))
                // Set left, not justified: LibreOffice drops a 、 or ， that a justified line
                // hangs past the margin (the render test caught it); a line of characters of one
                // width reads justified anyway.
                .align(AlignmentType::Left),
        ))
        .add_style(
            Style::new(TITLE, StyleType::Paragraph)
                .name("Title")
                .next(BODY)
                .fonts(fonts("方正小标宋简体"))
                .size(ERHAO)
                .align(AlignmentType::Center)
                .line_spacing(
                    LineSpacing::new()
                        .line(700)
                        .line_rule(LineSpacingType::Exact)
                        .after(560),
                ),
        )
        .add_style(heading(HEADING1, "heading 1", "黑体", 0))
        .add_style(heading(HEADING2, "heading 2", "楷体", 1))
        .add_style(heading(HEADING3, "heading 3", "仿宋", 2).bold())
        .add_style(
            Style::new(PLACEHOLDER, StyleType::Paragraph)
                .name("Placeholder")
                .based_on(BODY)
                .highlight("yellow"),
        )
        .add_style(
            Style::new(TABLE, StyleType::Paragraph)
                .name("Table Text")
                .fonts(fonts("仿宋"))
                .size(WUHAO)
                .line_spacing(single()),
        )
        .add_style(
            Style::new(TABLE_HEAD, StyleType::Paragraph)
                .name("Table Heading")
                .based_on(TABLE)
                .fonts(fonts("黑体"))
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new(TABLE_SMALL, StyleType::Paragraph)
                .name("Table Small")
                .based_on(TABLE)
                .size(XIAOWU),
        )
        .add_style(
            Style::new(TABLE_SMALL_HEAD, StyleType::Paragraph)
                .name("Table Small Heading")
                .based_on(TABLE_HEAD)
                .size(XIAOWU),
        )
        .add_style(
            Style::new(PAGE_NUMBER, StyleType::Paragraph)
                .name("Page Number")
                .fonts(fonts("宋体"))
                .size(SIHAO)
                .line_spacing(single())
                .align(AlignmentType::Center),
        )
}

/// Each font with its English name (what Word looks for first on an English Windows) and the
/// GB2312 charset, so that a machine without it substitutes a Chinese font of the same kind;
/// 方正小标宋简体, common in government offices but not shipped with Windows, falls back to 宋体.
pub const FONT_TABLE: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    r#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="仿宋"><w:altName w:val="FangSong"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="楷体"><w:altName w:val="KaiTi"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#,
    r#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#,
    r#"</w:fonts>"#,
);
