//! `--format md`: a draft of the report's sections in Markdown, to paste into the report.

use super::report::{Block, document};
use crate::evaluate::Evaluation;
use crate::lang::Lang;

/// Text from the inputs (payees, 摘要, sheet and target names) as Markdown shows it, and no
/// more: the draft is pasted into systems that render it, where `<script>`, `<img onerror>` or
/// `[x](javascript:…)` would run or link, and a line break in a name would start a new heading.
/// Markup characters are escaped, HTML's brackets written as entities, line breaks joined by
/// `joiner`.
fn escaped(text: &str, joiner: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text
        .split(['\n', '\r'])
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(line) = lines.next() {
        for c in line.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '&' => out.push_str("&amp;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
        if lines.peek().is_some() {
            out.push_str(joiner);
        }
    }
    out
}

fn cell(text: &str) -> String {
    escaped(text, "<br>")
}

fn text(text: &str) -> String {
    escaped(text, " ")
}

pub fn render(e: &Evaluation, lang: Lang) -> String {
    let mut out = String::new();
    for block in document(e, lang) {
        match block {
            Block::Heading(level, t) => out.push_str(&format!(
                "{} {}\n\n",
                "#".repeat(usize::from(level)),
                text(&t)
            )),
            Block::Para(t) | Block::Placeholder(t) => out.push_str(&format!("{}\n\n", text(&t))),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", text(&item)));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_text_cannot_become_markup() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            text("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(text("张三\n# 假标题"), "张三 \\# 假标题");
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
        assert_eq!(
            text("资金到位率44.11%（到位149.99万元）"),
            "资金到位率44.11%（到位149.99万元）"
        );
    }
}
