// SPDX-License-Identifier: MIT
//
// jixiao (PATCHED.md): a lean reader for the plain middle of a sheet.

//! The cells of a piece of a sheet's `<sheetData>`, read straight from its bytes.
//!
//! A large ledger's sheet is parsed in pieces on two threads (jixiao's `pieces.rs`), and
//! quick-xml's events — a buffer filled and copied, each tag split and decoded, each text
//! validated again — took most of that parse: two and a half times the time of inflating the
//! XML. Nearly every row any exporter writes is the same few shapes: `<row r>`, `<c r s t>`,
//! `<v>`, `<is><t>`, `<f>`. [`CellsContext::lean_piece`] reads exactly those, validating the
//! piece's UTF-8 once and scanning for `<` with `memchr`, and gives up — `None` — at anything
//! else: another element, a namespace prefix, an entity or carriage return in a text it keeps,
//! a rich-text run, a row without its `r`, an attribute it cannot read strictly, a value
//! calamine would refuse. The caller then reads the piece with [`XlsxCellReader`], which gives
//! the result or the error it always gave. Where it does not give up, its cells are the cell
//! reader's, value for value: the values themselves are made by the same `read_v`, and the
//! tests compare the two on every shape, accepted or not.

use memchr::{memchr, memchr2, memchr3};

use super::cells_reader::{read_v, WorkbookContext};
use super::{get_row, get_row_column, CellsContext};
use crate::datatype::DataRef;
use crate::utils::unescape_xml;

/// A cell's place (0-based row, column) and value.
pub type LeanCell<'a> = ((u32, u32), DataRef<'a>);

impl<'a> CellsContext<'a> {
    /// The cells of `xml`, a piece of a sheet from a `<sheetData>` to its `</sheetData>` with
    /// only rows between, exactly as [`CellsContext::piece`]'s reader gives them; `None` where
    /// the piece holds anything this reader does not read, to be read by that one instead.
    pub fn lean_piece(&self, xml: &[u8]) -> Option<Vec<LeanCell<'a>>> {
        // One event of the cell reader holds at most the piece: within the bound, no event can
        // go past it; beyond it, the cell reader says where.
        if xml.len() as u64 > crate::bounded::event_limit() {
            return None;
        }
        let body = xml
            .strip_prefix(b"<sheetData>")?
            .strip_suffix(b"</sheetData>")?;
        let text = std::str::from_utf8(body).ok()?;
        let ctx = WorkbookContext {
            strings: self.strings,
            formats: self.formats,
            is_1904: self.is_1904,
        };
        let mut lean = Lean {
            text,
            bytes: body,
            at: 0,
        };
        // About a cell per 48 bytes of a plain piece; a piece of up to the event limit asks no
        // more than a usual one's room up front.
        let mut cells = Vec::with_capacity((body.len() / 48).min(1 << 14));
        lean.rows(&ctx, &mut cells)?;
        Some(cells)
    }
}

/// A start tag read: its name, the attributes the cells are read with, and whether it closed
/// itself (`<c/>`).
struct Tag<'t> {
    name: &'t str,
    r: Option<&'t str>,
    s: Option<&'t str>,
    t: Option<&'t str>,
    /// `xml:space`.
    space: Option<&'t str>,
    empty: bool,
}

struct Lean<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Lean<'t> {
    fn rows<'a>(&mut self, ctx: &WorkbookContext<'a>, cells: &mut Vec<LeanCell<'a>>) -> Option<()> {
        let mut col_index: u32 = 0;
        loop {
            self.skip_space();
            if self.at == self.bytes.len() {
                return Some(());
            }
            let row = self.start_tag()?;
            if row.name != "row" {
                return None;
            }
            // A row without its `r` is placed by counting the rows before it, which a piece
            // alone cannot do.
            let row_index = get_row(row.r?).ok()?;
            if !row.empty {
                loop {
                    self.skip_space();
                    if self.eat("</row>") {
                        break;
                    }
                    let cell = self.start_tag()?;
                    if cell.name != "c" {
                        return None;
                    }
                    let Tag { r, s, t, .. } = cell;
                    let pos = match r {
                        Some(r) => {
                            let (row, col) = get_row_column(r).ok()?;
                            col_index = col;
                            (row, col)
                        }
                        None => (row_index, col_index),
                    };
                    let value = if cell.empty {
                        DataRef::Empty
                    } else {
                        self.cell_value(ctx, s, t)?
                    };
                    col_index = col_index.checked_add(1)?;
                    cells.push((pos, value));
                }
            }
            // The cell reader counts the row at its end, for a next row without its `r`; here
            // every row has one.
            col_index = 0;
        }
    }

    /// What is inside `<c>` up to its `</c>`: as the cell reader, the last of its elements
    /// gives the value.
    fn cell_value<'a>(
        &mut self,
        ctx: &WorkbookContext<'a>,
        s: Option<&str>,
        t: Option<&str>,
    ) -> Option<DataRef<'a>> {
        let mut value = DataRef::Empty;
        loop {
            self.skip_space();
            if self.eat("</c>") {
                return Some(value);
            }
            let inner = self.start_tag()?;
            value = match inner.name {
                "v" => {
                    let v = if inner.empty {
                        ""
                    } else {
                        self.text_to("</v>")?
                    };
                    match t {
                        Some("inlineStr") | Some("is") => DataRef::Empty,
                        // The cell reader reads these from the `<v>`'s one text event, and an
                        // empty `<v>` has none.
                        Some("n") | Some("s") | Some("b") | Some("e") | None if v.is_empty() => {
                            DataRef::Empty
                        }
                        _ => read_v(ctx, v, s, t).ok()?,
                    }
                }
                "is" => {
                    if inner.empty {
                        DataRef::String(String::new())
                    } else {
                        DataRef::String(self.inline_string()?)
                    }
                }
                "f" => {
                    if !inner.empty {
                        self.formula_to_end()?;
                    }
                    DataRef::Empty
                }
                _ => return None,
            };
        }
    }

    /// An `<is>`'s texts up to its `</is>`, joined, each trimmed unless it keeps its spaces,
    /// as the cell reader's `read_string`.
    fn inline_string(&mut self) -> Option<String> {
        let mut joined: Option<String> = None;
        loop {
            self.skip_space();
            if self.eat("</is>") {
                return Some(joined.unwrap_or_default());
            }
            let t = self.start_tag()?;
            if t.name != "t" {
                return None;
            }
            let preserve = t.space == Some("preserve");
            let text = if t.empty { "" } else { self.text_to("</t>")? };
            let text = if preserve {
                text
            } else {
                text.trim_matches([' ', '\t', '\r', '\n'])
            };
            let text = unescape_xml(text);
            match &mut joined {
                Some(joined) => joined.push_str(&text),
                None => joined = Some(text.into_owned()),
            }
        }
    }

    /// The text from here to `end`, which must follow it: no markup inside, and neither an
    /// entity nor a carriage return, which the XML reader would have turned into others.
    fn text_to(&mut self, end: &str) -> Option<&'t str> {
        let rest = self.bytes.get(self.at..)?;
        let len = memchr3(b'<', b'&', b'\r', rest)?;
        if rest.get(len) != Some(&b'<') {
            return None;
        }
        let text = self.text.get(self.at..self.at + len)?;
        self.at += len;
        self.eat(end).then_some(text)
    }

    /// Steps over a formula's text to its `</f>`: the cell reader reads it to its end and keeps
    /// nothing of it, so a carriage return in it changes nothing; an entity is left to it
    /// (quick-xml refuses one that does not close).
    fn formula_to_end(&mut self) -> Option<()> {
        let rest = self.bytes.get(self.at..)?;
        let len = memchr2(b'<', b'&', rest)?;
        if rest.get(len) != Some(&b'<') {
            return None;
        }
        self.at += len;
        self.eat("</f>").then_some(())
    }

    /// A start tag here, `<name attributes>` or `<name attributes/>`, its attributes read
    /// strictly — each `key="value"` or `key='value'` after white space, no `<` or entity in a
    /// value — and its `r`, `s` and `t` each at most once; `None` for anything else.
    fn start_tag(&mut self) -> Option<Tag<'t>> {
        let bytes = self.bytes;
        if bytes.get(self.at) != Some(&b'<') {
            return None;
        }
        let mut at = self.at + 1;
        while bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
            at += 1;
        }
        let name = self.text.get(self.at + 1..at)?;
        if name.is_empty() {
            return None;
        }
        let mut tag = Tag {
            name,
            r: None,
            s: None,
            t: None,
            space: None,
            empty: false,
        };
        loop {
            let spaced = at;
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(at) {
                at += 1;
            }
            match *bytes.get(at)? {
                b'>' => {
                    self.at = at + 1;
                    return Some(tag);
                }
                b'/' if bytes.get(at + 1) == Some(&b'>') => {
                    self.at = at + 2;
                    tag.empty = true;
                    return Some(tag);
                }
                // An attribute comes after white space.
                _ if spaced == at => return None,
                _ => {}
            }
            let key_from = at;
            while bytes
                .get(at)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-'))
            {
                at += 1;
            }
            let key = self.text.get(key_from..at)?;
            let quote = *bytes.get(at + 1)?;
            if key.is_empty() || bytes.get(at) != Some(&b'=') || !matches!(quote, b'"' | b'\'') {
                return None;
            }
            let from = at + 2;
            let len = memchr(quote, bytes.get(from..)?)?;
            let value = self.text.get(from..from + len)?;
            if memchr2(b'<', b'&', value.as_bytes()).is_some() {
                return None;
            }
            at = from + len + 1;
            let slot = match key {
                "r" => &mut tag.r,
                "s" => &mut tag.s,
                "t" => &mut tag.t,
                // The first, as the cell reader's `raw_attr` takes it.
                "xml:space" => {
                    tag.space.get_or_insert(value);
                    continue;
                }
                _ => continue,
            };
            if slot.replace(value).is_some() {
                return None;
            }
        }
    }

    fn eat(&mut self, what: &str) -> bool {
        let found = self
            .bytes
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(what.as_bytes()));
        if found {
            self.at += what.len();
        }
        found
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::CellFormat;
    use crate::xlsx::SharedStrings;
    use std::io::Cursor;

    fn strings() -> SharedStrings {
        let mut strings = SharedStrings::default();
        for s in ["日期", "摘要", "经费 & 物资", ""] {
            strings.push(s).unwrap();
        }
        strings
    }

    /// Style 0 plain, 1 a date, 2 a duration.
    const FORMATS: [CellFormat; 3] = [
        CellFormat::Other,
        CellFormat::DateTime,
        CellFormat::TimeDelta,
    ];

    /// The cells calamine's own reader gives for a piece, as jixiao's pieces take them (a row
    /// placed by counting is no result), each value by its `Debug` (NaN is not equal to itself).
    fn by_cell_reader(context: &CellsContext<'_>, xml: &[u8]) -> Option<Vec<String>> {
        let mut reader = context
            .piece::<Cursor<Vec<u8>>>(xml.to_vec(), "xl/worksheets/sheet1.xml")
            .ok()?;
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().ok()? {
            cells.push(format!("{:?} {:?}", cell.get_position(), cell.get_value()));
        }
        (!reader.counted_rows()).then_some(cells)
    }

    fn by_lean(context: &CellsContext<'_>, xml: &[u8]) -> Option<Vec<String>> {
        let cells = context.lean_piece(xml)?;
        Some(
            cells
                .iter()
                .map(|(pos, value)| format!("{pos:?} {value:?}"))
                .collect(),
        )
    }

    fn with_context(test: impl FnOnce(&CellsContext<'_>)) {
        let strings = strings();
        let context = CellsContext {
            strings: &strings,
            formats: &FORMATS,
            styles: &[],
            is_1904: false,
        };
        test(&context);
    }

    fn piece(rows: &str) -> Vec<u8> {
        format!("<sheetData>{rows}</sheetData>").into_bytes()
    }

    /// The rows Excel, WPS and POI's streaming writer write are read, as the cell reader reads
    /// them.
    #[test]
    fn the_rows_exporters_write_are_read_as_the_cell_reader_reads_them() {
        let shapes = [
            // Excel and WPS: shared strings, styles, a date, an empty styled cell.
            r#"<row r="5" spans="1:6" x14ac:dyDescent="0.25"><c r="A5" s="1"><v>43466</v></c><c r="B5" t="s"><v>1</v></c><c r="C5" s="0"/><c r="D5"><v>1234.5</v></c></row>"#,
            // POI's streaming writer: inline strings, no spans.
            r#"<row r="6"><c r="A6" t="inlineStr"><is><t>记-1</t></is></c><c r="B6" t="inlineStr"><is><t xml:space="preserve"> 支付 _x000D_ 款 </t></is></c><c r="C6" t="n"><v>-0.1</v></c></row>"#,
            // openpyxl: cells without their r, a formula (across lines) with its value, booleans
            // and errors.
            "<row r=\"7\">\n  <c><v>1</v></c>\n  <c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c><c t=\"str\"><f>A1\r\n+B1</f><v> x </v></c><c s=\"2\"><f t='shared' ref='E7:E9' si='0'/><v>0.5</v></c></row><row r='8'/>",
            // Empty values, a trimmed inline string, several runs of one, a date as text.
            r#"<row r="9"><c r="A9" t="inlineStr"><is/></c><c r="B9" t="inlineStr"><is><t>  a  </t><t>b</t></is></c><c r="C9"><v></v></c><c r="D9" t="d"><v>2019-05-01</v></c><c r="E9" t="s"><v>3</v></c><c r="F9"><v>abc</v></c></row>"#,
        ];
        with_context(|context| {
            for shape in shapes {
                let xml = piece(shape);
                let lean = by_lean(context, &xml);
                assert!(lean.is_some(), "not read: {shape}");
                assert_eq!(lean, by_cell_reader(context, &xml), "{shape}");
            }
            let cells = by_lean(context, &piece(shapes[1])).unwrap();
            assert_eq!(
                cells,
                [
                    "(5, 0) String(\"记-1\")",
                    "(5, 1) String(\" 支付 \\r 款 \")",
                    "(5, 2) Float(-0.1)"
                ]
            );
        });
    }

    /// What it does not read exactly as the cell reader would, it leaves to it.
    #[test]
    fn anything_else_is_left_to_the_cell_reader() {
        let others = [
            // A row placed by counting.
            r#"<row><c r="A1"><v>1</v></c></row>"#,
            // A prefix, an element it does not know, rich text, phonetic runs.
            r#"<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>"#,
            r#"<row r="1"><c r="A1"><v>1</v><extLst/></c></row>"#,
            r#"<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is></c></row>"#,
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t><rPh><t>b</t></rPh></is></c></row>"#,
            // Entities and carriage returns, which the XML reader turns into other text.
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp; b</t></is></c></row>"#,
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row>",
            r#"<row r="1"><c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>"#,
            // Attributes it cannot read strictly, or given twice.
            r#"<row r="1"><c r = "A1"><v>1</v></c></row>"#,
            r#"<row r="1"><c r="A1" r="B1"><v>1</v></c></row>"#,
            r#"<row r="1"><c r=A1><v>1</v></c></row>"#,
            // Text between the cells.
            r#"<row r="1">x<c r="A1"><v>1</v></c></row>"#,
            // Values the cell reader refuses: it says so, with the cell.
            r#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="b"><v>2</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="n"><v>x</v></c></row>"#,
            r#"<row r="1"><c r="A1" t="q"><v>1</v></c></row>"#,
            r#"<row r="0"><c r="A1"><v>1</v></c></row>"#,
            // Not closed.
            r#"<row r="1"><c r="A1"><v>1</v></c>"#,
        ];
        with_context(|context| {
            for other in others {
                assert_eq!(by_lean(context, &piece(other)), None, "read: {other}");
            }
            // A sheet's first piece, with its head, and its last, with its tail.
            let row = r#"<row r="1"><c r="A1"><v>1</v></c></row>"#;
            let first = format!("<?xml version=\"1.0\"?><worksheet><sheetData>{row}</sheetData>");
            assert_eq!(by_lean(context, first.as_bytes()), None);
            let last = format!("<sheetData>{row}</sheetData></worksheet>");
            assert_eq!(by_lean(context, last.as_bytes()), None);
        });
    }

    /// Random pieces, well-formed and not: each is left to the cell reader or read exactly as
    /// it reads it.
    #[test]
    fn random_pieces_are_never_read_otherwise_than_by_the_cell_reader() {
        let cells: &[&str] = &[
            r#"<c r="A1" s="1"><v>43466</v></c>"#,
            r#"<c t="s"><v>2</v></c>"#,
            r#"<c r="C1" t="inlineStr"><is><t>经费</t></is></c>"#,
            r#"<c s="0"/>"#,
            r#"<c><v>12.50</v></c>"#,
            r#"<c t="inlineStr"><is><t xml:space='preserve'> a </t></is><v>9</v></c>"#,
            r#"<c t="str"><f>SUM(A1:A2)</f><v>3</v></c>"#,
            r#"<c r="Z9" t="e"><v>#DIV/0!</v></c>"#,
            r#"<c t="b"><v>true</v></c>"#,
            r#"<c t="d"><v/></c>"#,
            "<c>\n<v> 7 </v>\n</c>",
            r#"<c r="A1" t="inlineStr"><is><t/></is></c>"#,
            "<c\tr=\"B1\"\ns=\"1\"\r\n><v>2</v></c>",
            r#"<c r="C1" s='1' foo="a>b"><v>3</v></c>"#,
            r#"<c r="D1"><f/><v>4</v></c>"#,
            r#"<c t="inlineStr"><v>5</v><is><t>late</t></is></c>"#,
            r#"<c t="str"><v></v></c>"#,
            r#"<c r="B1" t="inlineStr"><is><t>a&amp;b</t></is></c>"#,
            r#"<c><v>1</v><x/></c>"#,
            r#"<c r="A1"#,
            r#"<c t="s"><v>-1</v></c>"#,
            "</c>",
            "<v>1</v>",
            r#"<c r="XFE1"><v>1</v></c>"#,
            r#"<c r='a1' s="2"><v>0.25</v></c>"#,
            r#"<c t="n"><v>1e400</v></c>"#,
            r#"<c><v>nan</v></c>"#,
        ];
        let rows: &[&str] = &[
            r#"<row r="3">"#,
            "<row r='4' spans='1:3'>",
            "<row>",
            "<row r=\"x\">",
            "<row r=\"9\"/>",
        ];
        // A fixed xorshift: the same pieces on every run.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        with_context(|context| {
            let mut read = 0;
            for _ in 0..2000 {
                let mut xml = String::new();
                for _ in 0..next(4) {
                    xml.push_str(
                        rows[if next(10) < 9 {
                            next(2)
                        } else {
                            next(rows.len())
                        }],
                    );
                    for _ in 0..next(5) {
                        // Mostly cells it reads, sometimes anything.
                        let cell = if next(12) < 11 {
                            next(17)
                        } else {
                            next(cells.len())
                        };
                        xml.push_str(cells[cell]);
                    }
                    if next(20) < 19 {
                        xml.push_str("</row>");
                    }
                }
                let xml = piece(&xml);
                if let Some(lean) = by_lean(context, &xml) {
                    assert_eq!(
                        Some(lean),
                        by_cell_reader(context, &xml),
                        "{}",
                        String::from_utf8_lossy(&xml)
                    );
                    read += 1;
                }
            }
            // Most pieces are read: the property is not met by leaving them all.
            assert!(read > 1200, "only {read} of 2,000 read");
        });
    }

    /// Pieces of the shapes exporters write, mutated byte by byte with the characters XML
    /// turns on: each is left to the cell reader or read exactly as it reads it. Run longer with
    /// `LEAN_MUTATIONS=10000000 cargo test --lib -- --ignored lean`.
    #[test]
    fn mutated_pieces_are_never_read_otherwise_than_by_the_cell_reader() {
        let runs: usize = std::env::var("LEAN_MUTATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20_000);
        mutate_and_compare(runs, 0x2545_F491_4F6C_DD1D);
    }

    #[test]
    #[ignore = "a longer search: LEAN_MUTATIONS runs"]
    fn mutated_pieces_searched_longer() {
        let runs: usize = std::env::var("LEAN_MUTATIONS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(2_000_000);
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 | 1);
        mutate_and_compare(runs, seed);
    }

    fn mutate_and_compare(runs: usize, seed: u64) {
        let base = concat!(
            r#"<row r="5" spans="1:6"><c r="A5" s="1"><v>43466</v></c><c r="B5" t="s"><v>1</v></c><c r="C5" s="0"/></row>"#,
            r#"<row r="6"><c r="A6" t="inlineStr"><is><t>记-1</t></is></c><c t="inlineStr"><is><t xml:space="preserve"> 支 </t></is></c><c t="str"><f>A1</f><v>x</v></c><c t="b"><v>1</v></c></row>"#,
        );
        let alphabet: &[u8] = b"<>/=\"' \t\r\n&;:#xrcvistfb1A0_-.";
        let mut state = seed;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        with_context(|context| {
            let mut read = 0;
            for _ in 0..runs {
                let mut bytes = base.as_bytes().to_vec();
                for _ in 0..1 + next(3) {
                    let at = next(bytes.len());
                    match next(3) {
                        0 => {
                            bytes.remove(at);
                        }
                        1 => bytes.insert(at, alphabet[next(alphabet.len())]),
                        _ => bytes[at] = alphabet[next(alphabet.len())],
                    }
                }
                let Ok(rows) = String::from_utf8(bytes) else {
                    continue;
                };
                let xml = piece(&rows);
                if let Some(lean) = by_lean(context, &xml) {
                    assert_eq!(
                        Some(lean),
                        by_cell_reader(context, &xml),
                        "seed {seed}: {rows}"
                    );
                    read += 1;
                }
            }
            assert!(read * 10 > runs, "only {read} of {runs} read");
        });
    }
}
