//! `--format md`: a draft of the report's sections in Markdown, to paste into the report.

use super::report::{Block, document};
use crate::evaluate::Evaluation;
use crate::lang::Lang;

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}

pub fn render(e: &Evaluation, lang: Lang) -> String {
    let mut out = String::new();
    for block in document(e, lang) {
        match block {
            Block::Heading(level, text) => {
                out.push_str(&format!("{} {text}\n\n", "#".repeat(usize::from(level))))
            }
            Block::Para(text) | Block::Placeholder(text) => out.push_str(&format!("{text}\n\n")),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {item}\n"));
                }
                out.push('\n');
            }
            Block::Table(header, rows) | Block::Indicators(header, rows) => {
                out.push_str(&format!(
                    "| {} |\n",
                    header
                        .iter()
                        .map(|h| cell(h))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ));
                out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
                for row in rows {
                    out.push_str(&format!(
                        "| {} |\n",
                        row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
                    ));
                }
                out.push('\n');
            }
            Block::Charts | Block::PageBreak => {}
        }
    }
    out
}
