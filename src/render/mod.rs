//! Stage 5: the evaluation as the user asked for it, one renderer per format.

pub mod csv;
pub mod explain;
pub mod html;
pub mod inputs;
pub mod json;
pub mod md;
pub mod report;
pub mod summary;
pub mod table;
pub mod xlsx;

use crate::cli::{Format, Lang};
use crate::evaluate::Evaluation;

pub struct Options {
    pub ascii: bool,
    pub lang: Lang,
}

pub fn render(
    evaluation: &Evaluation,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Table => table::render(evaluation, options).into_bytes(),
        Format::Json => json::render(evaluation).into_bytes(),
        Format::Csv => csv::render(evaluation, options.lang),
        Format::Md => md::render(evaluation, options.lang).into_bytes(),
        Format::Xlsx => xlsx::render(evaluation, options.lang)?,
        Format::Html => html::render(evaluation, options.lang).into_bytes(),
    })
}
