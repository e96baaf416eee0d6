//! Stage 5: the evaluation as the user asked for it, one renderer per format.

pub mod inputs;
pub mod json;
pub mod table;

use crate::cli::Format;
use crate::evaluate::Evaluation;

pub struct Options {
    pub ascii: bool,
}

pub fn render(evaluation: &Evaluation, format: Format, options: &Options) -> String {
    match format {
        Format::Table => table::render(evaluation, options),
        Format::Json => json::render(evaluation),
    }
}
