//! Why a file is not a spreadsheet the tool can read, and why a sheet of it cannot be read:
//! facts said in the user's language, with the spreadsheet library's own words kept as they are.

use crate::lang::Lang;

/// Why a file cannot be opened as a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// The spreadsheet library's message, as it is.
    Reader(String),
    Directory,
    /// The spreadsheet library failed on it (a panic caught).
    ReaderFailed,
    /// A zip cut short: a download cut off or a save interrupted; the library's message.
    Incomplete(String),
    /// A workbook with a password to open, or an old .xls renamed.
    Encrypted,
    Empty,
    ZipDamaged,
    /// A part that inflates far more than any real workbook's.
    ZipBomb {
        entry: String,
        packed: u64,
        size: u64,
    },
    /// More inflated bytes than the limit.
    TooLarge {
        total: u64,
        limit: u64,
    },
    /// A workbook named `.csv`.
    WorkbookNamedCsv,
    /// A quoted field opened on `line` and never closed.
    UnclosedQuote {
        line: usize,
    },
    /// A CSV line longer than the cap (`JIXIAO_MAX_CSV_LINE_MB`).
    LineTooLong {
        line: usize,
        limit: u64,
    },
    /// A CSV line of more fields than any spreadsheet has columns.
    TooManyFields {
        line: usize,
        limit: usize,
    },
    /// A CSV line whose bytes are not text in the file's encoding.
    NotDecodable {
        line: usize,
        encoding: &'static str,
    },
    /// A GBK file with a line in UTF-8: read as GBK, the line would be garbled without a word.
    MixedEncoding {
        line: usize,
    },
    /// Two parts of the package under one name.
    DuplicateEntry(String),
    /// A shared-strings table that inflates beyond its limit (`JIXIAO_MAX_STRINGS_MB`).
    StringsTooLarge {
        size: u64,
        limit: u64,
    },
    /// A text or tag of the package's XML longer than the cap (`JIXIAO_MAX_CELL_MB`).
    Overlong(Overlong),
}

impl Unreadable {
    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Unreadable::Reader(m), _) => match crafted(m, lang) {
                Some(said) => said,
                None => m.clone(),
            },
            (Unreadable::Directory, Lang::Zh) => "这是一个文件夹".into(),
            (Unreadable::Directory, Lang::En) => "it is a directory".into(),
            (Unreadable::ReaderFailed, Lang::Zh) => "表格读取程序无法读取".into(),
            (Unreadable::ReaderFailed, Lang::En) => "the spreadsheet reader failed on it".into(),
            (Unreadable::Incomplete(m), _) if crafted(m, lang).is_some() => {
                crafted(m, lang).unwrap_or_default()
            }
            (Unreadable::Incomplete(m), Lang::Zh) => {
                format!("文件不完整——下载中断或保存未完成？——{m}")
            }
            (Unreadable::Incomplete(m), Lang::En) => {
                format!("the file is incomplete — a download cut off or a save interrupted? — {m}")
            }
            (Unreadable::Encrypted, Lang::Zh) => "文件已加密（设有打开密码的工作簿），或是改名为 .xlsx 的旧版 .xls；请在表格软件中打开，另存为不设密码的 .xlsx".into(),
            (Unreadable::Encrypted, Lang::En) => "it is encrypted (a workbook with a password to open) or an old-format .xls renamed to .xlsx; open it in the spreadsheet program and save it again as .xlsx without a password".into(),
            (Unreadable::Empty, Lang::Zh) => "文件是空的".into(),
            (Unreadable::Empty, Lang::En) => "the file is empty".into(),
            (Unreadable::ZipDamaged, Lang::Zh) => "压缩包目录已损坏".into(),
            (Unreadable::ZipDamaged, Lang::En) => "its zip directory is damaged".into(),
            (Unreadable::ZipBomb { entry, packed, size }, Lang::Zh) => format!(
                "{entry} 从 {packed} 字节解压为 {size} 字节，真实的工作簿不会有这样的压缩比（压缩炸弹？）"
            ),
            (Unreadable::ZipBomb { entry, packed, size }, Lang::En) => format!(
                "{entry} inflates from {packed} to {size} bytes, a ratio no real workbook has (a zip bomb?)"
            ),
            (Unreadable::TooLarge { total, limit }, Lang::Zh) => format!(
                "解压后为 {total} 字节，超过上限 {limit}（JIXIAO_MAX_INFLATE_MB）"
            ),
            (Unreadable::TooLarge { total, limit }, Lang::En) => format!(
                "it inflates to {total} bytes, more than the limit of {limit} (JIXIAO_MAX_INFLATE_MB)"
            ),
            (Unreadable::WorkbookNamedCsv, Lang::Zh) => "这是一个以 .csv 命名的工作簿".into(),
            (Unreadable::WorkbookNamedCsv, Lang::En) => "it is a workbook with a .csv name".into(),
            (Unreadable::UnclosedQuote { line }, Lang::Zh) => format!(
                "CSV 格式有误：第{line}行开始的引号字段没有结束，其后每一行都会被读成一个单元格"
            ),
            (Unreadable::UnclosedQuote { line }, Lang::En) => format!(
                "malformed CSV: the quote that opens a field on line {line} is never closed, so every row after it would be read as one cell"
            ),
            (Unreadable::LineTooLong { line, limit }, Lang::Zh) => format!(
                "第{line}行超过 {} MB 的上限，不是账簿的一行；确需读取时设环境变量 JIXIAO_MAX_CSV_LINE_MB",
                limit / (1 << 20)
            ),
            (Unreadable::LineTooLong { line, limit }, Lang::En) => format!(
                "line {line} is longer than the limit of {} MB, no line of a ledger; set JIXIAO_MAX_CSV_LINE_MB to raise it",
                limit / (1 << 20)
            ),
            (Unreadable::TooManyFields { line, limit }, Lang::Zh) => {
                format!("第{line}行超过 {limit} 个字段，比任何表格的列都多")
            }
            (Unreadable::TooManyFields { line, limit }, Lang::En) => format!(
                "line {line} has more than {limit} fields, more than any spreadsheet has columns"
            ),
            (Unreadable::NotDecodable { line, encoding }, Lang::Zh) => format!(
                "第{line}行不是 {encoding} 编码的文字；请在表格软件中打开并以 UTF-8 的 CSV 重新保存"
            ),
            (Unreadable::NotDecodable { line, encoding }, Lang::En) => format!(
                "line {line} is not text in {encoding}; open the file in a spreadsheet program and save it again as UTF-8 CSV"
            ),
            (Unreadable::StringsTooLarge { size, limit }, Lang::Zh) => format!(
                "共享字符串表解压后为 {} MB，超过上限 {} MB；确需读取时设环境变量 JIXIAO_MAX_STRINGS_MB",
                size >> 20,
                limit >> 20
            ),
            (Unreadable::StringsTooLarge { size, limit }, Lang::En) => format!(
                "its shared-strings table inflates to {} MB, more than the limit of {} MB; set JIXIAO_MAX_STRINGS_MB to raise it",
                size >> 20,
                limit >> 20
            ),
            (Unreadable::Overlong(o), _) => o.say(lang),
            (Unreadable::DuplicateEntry(name), Lang::Zh) => format!(
                "压缩包中有两个同名部件 {name}，无法判断哪一个是真的；请在表格软件中打开并重新保存"
            ),
            (Unreadable::DuplicateEntry(name), Lang::En) => format!(
                "the package holds two parts named {name}, and which is the real one cannot be told; open it in a spreadsheet program and save it again"
            ),
            (Unreadable::MixedEncoding { line }, Lang::Zh) => format!(
                "文件是 GBK 编码，而第{line}行是 UTF-8 编码（两种编码混在一个文件里），按 GBK 读会成为乱码；请以同一编码重新保存"
            ),
            (Unreadable::MixedEncoding { line }, Lang::En) => format!(
                "the file is in GBK but line {line} is in UTF-8 (two encodings in one file), which read as GBK would be garbled; save it again in one encoding"
            ),
        }
    }
}

/// Why a sheet of a workbook cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetProblem {
    /// The spreadsheet library's message, as it is.
    Reader(String),
    /// The spreadsheet library failed on the sheet (a panic caught).
    ReaderFailed,
    NoSuchSheet,
    /// The CSV reader's message.
    MalformedCsv(String),
    TooManyRows,
    /// A cell beyond the last row or column a spreadsheet can have.
    CellBeyond {
        cell: String,
    },
    /// A used area larger than the limit: a stray cell far from the data.
    TooManyCells {
        from: String,
        to: String,
        cells: u64,
        limit: u64,
    },
    /// The sheet ended before its first rows were read.
    EndedEarly,
    /// A cell written twice: which copy holds the value cannot be told.
    DuplicateCell {
        cell: String,
    },
    /// A text or tag of the sheet's XML longer than the cap (`JIXIAO_MAX_CELL_MB`).
    Overlong(Overlong),
}

/// A text or a tag of a workbook's XML longer than the cap on one cell's text: the reader
/// stopped there, before holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overlong {
    /// The cell whose value it is, when it is one (`C9`).
    pub cell: Option<String>,
    /// The part of the package (`xl/worksheets/sheet1.xml`).
    pub part: String,
    /// Where it starts in the part, in bytes.
    pub start: u64,
    pub limit: u64,
}

impl Overlong {
    pub fn say(&self, lang: Lang) -> String {
        let mb = self.limit >> 20;
        match (&self.cell, lang) {
            (Some(cell), Lang::Zh) => format!(
                "单元格 {cell} 的文字超过 {mb} MB 的上限（Excel 的单元格最多 32767 个字）；确需读取时设环境变量 JIXIAO_MAX_CELL_MB"
            ),
            (Some(cell), Lang::En) => format!(
                "the cell {cell} holds more text than the limit of {mb} MB (a cell of Excel holds at most 32,767 characters); set JIXIAO_MAX_CELL_MB to raise it"
            ),
            (None, Lang::Zh) => format!(
                "{} 自约第 {} 字节起的一段文字或标签超过 {mb} MB 的上限，不是表格软件写出的；确需读取时设环境变量 JIXIAO_MAX_CELL_MB",
                self.part, self.start
            ),
            (None, Lang::En) => format!(
                "{} holds, from about byte {}, a text or tag longer than the limit of {mb} MB, which no spreadsheet program writes; set JIXIAO_MAX_CELL_MB to raise it",
                self.part, self.start
            ),
        }
    }
}

impl SheetProblem {
    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetProblem::Reader(m), _) => match crafted(m, lang) {
                Some(said) => said,
                None => m.clone(),
            },
            (SheetProblem::ReaderFailed, Lang::Zh) => "表格读取程序无法读取此工作表".into(),
            (SheetProblem::ReaderFailed, Lang::En) => {
                "the spreadsheet reader failed on this sheet".into()
            }
            (SheetProblem::NoSuchSheet, Lang::Zh) => "没有这个工作表".into(),
            (SheetProblem::NoSuchSheet, Lang::En) => "no such sheet".into(),
            (SheetProblem::MalformedCsv(m), Lang::Zh) => format!("CSV 格式有误：{m}"),
            (SheetProblem::MalformedCsv(m), Lang::En) => format!("malformed CSV: {m}"),
            (SheetProblem::TooManyRows, Lang::Zh) => "超过 4,294,967,296 行".into(),
            (SheetProblem::TooManyRows, Lang::En) => "more than 4,294,967,296 rows".into(),
            (SheetProblem::CellBeyond { cell }, Lang::Zh) => {
                format!("{cell} 处有单元格，超出表格所能有的最后一行（1048576）或最后一列（XFD）")
            }
            (SheetProblem::CellBeyond { cell }, Lang::En) => format!(
                "it has a cell at {cell}, beyond the last row (1048576) or column (XFD) a spreadsheet can have"
            ),
            (
                SheetProblem::TooManyCells {
                    from,
                    to,
                    cells,
                    limit,
                },
                Lang::Zh,
            ) => format!(
                "单元格范围 {from}:{to}（{cells} 个单元格）超过上限 {limit}（JIXIAO_MAX_CELLS）：有单元格远离数据区；请删除后重新保存"
            ),
            (
                SheetProblem::TooManyCells {
                    from,
                    to,
                    cells,
                    limit,
                },
                Lang::En,
            ) => format!(
                "its cells span {from}:{to} ({cells} cells), more than the limit of {limit} (JIXIAO_MAX_CELLS): a stray cell lies far from the data; delete it and save the file again"
            ),
            (SheetProblem::EndedEarly, Lang::Zh) => "工作表在读到首行数据之前就结束了".into(),
            (SheetProblem::EndedEarly, Lang::En) => {
                "the sheet ended before its first rows were read".into()
            }
            (SheetProblem::Overlong(o), _) => o.say(lang),
            (SheetProblem::DuplicateCell { cell }, Lang::Zh) => format!(
                "单元格 {cell} 在文件中出现了两次（重复的行或单元格），无法判断哪一个是它的值；请在表格软件中打开并重新保存"
            ),
            (SheetProblem::DuplicateCell { cell }, Lang::En) => format!(
                "the cell {cell} is written twice in the file (a repeated row or cell), so which is its value cannot be told; open it in a spreadsheet program and save it again"
            ),
        }
    }
}

/// What the reader's message means when a file was made, not saved by a spreadsheet program: an
/// XML entity no spreadsheet writes, a compression method none uses, a part whose content does
/// not match its recorded size or checksum. Said as what happened — such a file is not "a
/// download cut off" — with the reader's words after it.
pub fn crafted(reader: &str, lang: Lang) -> Option<String> {
    let m = reader.to_ascii_lowercase();
    let what = if m.contains("entity") {
        lang.pick(
            "工作表的 XML 使用了表格软件从不写出的实体引用（人为构造的文件？）",
            "the sheet's XML uses an entity reference no spreadsheet program writes (a crafted file?)",
        )
    } else if m.contains("compression method") || m.contains("unsupported archive") {
        lang.pick(
            "压缩包的部件使用了表格软件不用的压缩方式",
            "a part of the package is compressed with a method spreadsheet programs do not use",
        )
    } else if m.contains("checksum") || m.contains("crc") || m.contains("invalid size") {
        lang.pick(
            "压缩包部件的内容与其记录的大小或校验和不符（文件损坏或人为构造）",
            "a part's content does not match its recorded size or checksum (a damaged or crafted file)",
        )
    } else {
        return None;
    };
    Some(format!("{what}{}{reader}", lang.pick("：", ": ")))
}

#[cfg(test)]
mod crafted_files {
    use super::*;

    #[test]
    fn a_crafted_file_is_not_called_a_cut_download() {
        let said = |m: &str| crafted(m, Lang::En).unwrap_or_default();
        assert!(
            said("Xml error: I/O error: compression method not supported: 14")
                .starts_with("a part of the package is compressed with a method")
        );
        assert!(
            said("invalid Zip archive: Invalid checksum")
                .starts_with("a part's content does not match")
        );
        assert!(
            said("cell A9: Xml error: at 0..0: unrecognized entity `&xxe;`")
                .starts_with("the sheet's XML uses an entity")
        );
        assert_eq!(crafted("Could not find EOCD", Lang::En), None);
        // A cut download keeps its words.
        assert!(
            Unreadable::Incomplete("Could not find EOCD".into())
                .say(Lang::En)
                .starts_with("the file is incomplete")
        );
        assert!(
            Unreadable::Incomplete("Invalid checksum".into())
                .say(Lang::En)
                .starts_with("a part's content")
        );
    }
}
