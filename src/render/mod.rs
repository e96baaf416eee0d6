//! Stage 5: the evaluation as the user asked for it, one renderer per format.

pub mod csv;
pub mod docx;
pub mod explain;
pub mod html;
pub mod inputs;
pub mod json;
pub mod md;
pub mod outline;
pub mod report;
pub mod self_eval;
pub mod table;
pub mod xlsx;

use crate::evaluate::Evaluation;
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The indicator table, the reconciliation and the findings, for a terminal.
    Table,
    /// One versioned JSON object (docs/json.md).
    Json,
    /// The indicator table as CSV, UTF-8 with a byte-order mark for Excel.
    Csv,
    /// A draft of the report's sections in Markdown.
    Md,
    /// A workbook: the 附件1 indicator table, the reconciliation, the findings, the inputs.
    Xlsx,
    /// One self-contained HTML page with charts, ready to print.
    Html,
    /// The evaluation report as a Word document (portrait A4, in the order of 附3 参考提纲),
    /// with marked gaps for what only the evaluation team knows.
    Docx,
}

impl Format {
    /// The format a file's extension names.
    /// The extensions `-o` takes, for the message that lists them.
    pub const EXTENSIONS: [&'static str; 7] =
        [".txt", ".json", ".csv", ".md", ".xlsx", ".html", ".docx"];

    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            "md" | "markdown" => Format::Md,
            "xlsx" => Format::Xlsx,
            "html" | "htm" => Format::Html,
            "docx" => Format::Docx,
            "txt" => Format::Table,
            _ => return None,
        })
    }
}

/// An output that cannot be made: the writer's own message.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message(Lang::En))]
pub enum Error {
    Workbook(#[source] rust_xlsxwriter::XlsxError),
    JsonLines(#[source] serde_json::Error),
    /// The Word package could not be written (docx-rs's or zip's message).
    Document(String),
    /// The 自评表 holds the declared targets and the 执行率: a system with other indicators
    /// cannot be written on it and still add up.
    NotAForm {
        system: String,
        indicators: Vec<String>,
    },
    /// A 资金来源 the 自评表 has no row for.
    FundSource {
        at: crate::location::CellRef,
        text: String,
    },
    /// The 自评表 of a fund whose budget lines span several years.
    FormOfSeveralYears {
        years: Vec<u16>,
    },
}

impl From<rust_xlsxwriter::XlsxError> for Error {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        Error::Workbook(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::JsonLines(e)
    }
}

impl Error {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Workbook(e) => lang.pick(
                format!("无法写出工作簿：{e}"),
                format!("cannot write the workbook: {e}"),
            ),
            Error::JsonLines(e) => lang.pick(
                format!("无法写出 JSON Lines：{e}"),
                format!("cannot write the JSON lines: {e}"),
            ),
            Error::NotAForm { system, indicators } => lang.pick(
                format!(
                    "自评表的绩效指标是绩效目标申报表的指标和预算执行率；指标体系 {system} 的指标 {} 不在表上，填入后各行之和不等于总分。请用按绩效目标评分的指标体系：--preset self-eval，或规则文件的 from_targets",
                    crate::glossary::list(lang, indicators)
                ),
                format!(
                    "the self-evaluation form holds the declared targets and the execution rate; the indicators {} of the system {system} are not on it, and its rows would not add up to its total. Use a system that scores the targets: --preset self-eval, or from_targets in a rules file",
                    crate::glossary::list(lang, indicators)
                ),
            ),
            Error::FundSource { at, text } => lang.pick(
                format!(
                    "{at}：资金来源“{text}”不是自评表的一行；应为当年财政拨款、上年结转资金或其他资金（财政拨款、结转、自筹等亦可）"
                ),
                format!(
                    "{at}: the source “{text}” is no row of the self-evaluation form; expected 当年财政拨款 (this year's appropriation), 上年结转资金 (carried over) or 其他资金 (other)"
                ),
            ),
            Error::FormOfSeveralYears { years } => {
                let years: Vec<String> = years.iter().map(ToString::to_string).collect();
                lang.pick(
                    format!(
                        "自评表按年度填写，而预算明细的子项分属{}年度：请每个年度分别准备输入，各填一张",
                        crate::glossary::list(lang, &years)
                    ),
                    format!(
                        "the self-evaluation form is filed for one year, and the budget lines are of the years {}: prepare each year's inputs apart and fill one form each",
                        crate::glossary::list(lang, &years)
                    ),
                )
            }
            Error::Document(e) => lang.pick(
                format!("无法写出 Word 文档：{e}"),
                format!("cannot write the Word document: {e}"),
            ),
        }
    }
}

pub struct Options {
    pub ascii: bool,
    pub lang: Lang,
}

pub fn render(
    evaluation: &Evaluation,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, Error> {
    Ok(match format {
        Format::Table => table::render(evaluation, options).into_bytes(),
        Format::Json => json::render(evaluation, options.lang).into_bytes(),
        Format::Csv => csv::render(evaluation, options.lang),
        Format::Md => md::render(evaluation, options.lang).into_bytes(),
        Format::Xlsx => xlsx::render(evaluation, options.lang)?,
        Format::Html => html::render(evaluation, options.lang).into_bytes(),
        Format::Docx => docx::report::render(evaluation, options.lang)?,
    })
}

/// Text as a workbook cell can hold it. Excel refuses a cell of more than 32,767 UTF-16 units,
/// and one such cell — the evidence of a finding on a million-row ledger lists thousands of
/// cells — would fail the whole workbook; so the text is cut there and says where the rest is.
pub fn cell_text(text: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
    const LIMIT: usize = 32_767;
    if text.encode_utf16().count() <= LIMIT {
        return std::borrow::Cow::Borrowed(text);
    }
    let note = lang.pick(
        "……（超出单元格容量，已截断；全文见 --format json）",
        "… (cut at a cell's limit; the whole text is in --format json)",
    );
    let room = LIMIT - note.encode_utf16().count();
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        used += c.len_utf16();
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push_str(note);
    std::borrow::Cow::Owned(out)
}

/// Writing text into a workbook cell through [`cell_text`].
pub trait WriteText {
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &rust_xlsxwriter::Format,
        lang: Lang,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError>;
}

impl WriteText for rust_xlsxwriter::Worksheet {
    fn write_text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        format: &rust_xlsxwriter::Format,
        lang: Lang,
    ) -> Result<&mut rust_xlsxwriter::Worksheet, rust_xlsxwriter::XlsxError> {
        self.write_string_with_format(row, col, cell_text(text.as_ref(), lang).as_ref(), format)
    }
}

#[cfg(test)]
mod tests {
    use super::cell_text;
    use crate::lang::Lang;

    #[test]
    fn cell_text_is_cut_at_excels_limit_and_says_so() {
        assert_eq!(cell_text("依据：A1", Lang::Zh), "依据：A1");
        let long = "明细账!H5792 ".repeat(5000);
        let cut = cell_text(&long, Lang::Zh);
        assert_eq!(cut.encode_utf16().count(), 32_767);
        assert!(cut.ends_with("全文见 --format json）"));
        // Said in the workbook's language.
        let cut = cell_text(&long, Lang::En);
        assert_eq!(cut.encode_utf16().count(), 32_767);
        assert!(cut.ends_with("the whole text is in --format json)"));
        // Characters outside the basic plane count twice and are never split.
        let wide = "𠀀".repeat(20_000);
        assert!(cell_text(&wide, Lang::Zh).encode_utf16().count() <= 32_767);
    }
}
