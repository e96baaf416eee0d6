//! Labels as they are meant, not as they were typed. Headers, sheet names, budget lines and
//! indicator names are typed by hand in Excel with full-width brackets, stray spaces and line
//! breaks; every comparison of such labels goes through [`normalize`], so that `预算子项（名称）`
//! typed one way matches it typed another.

/// Half-width for the full-width punctuation labels are typed with.
pub fn normal_char(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '－' | '—' => '-',
        c => c,
    }
}

/// A label as it is meant, not as it was typed: no spaces of any width, no line breaks,
/// half-width brackets and colons, no trailing colon.
pub fn normalize(text: &str) -> String {
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(normal_char)
        .collect();
    while out.ends_with(':') {
        out.pop();
    }
    out
}

/// Owned copies of a list of words, for the settings' defaults.
pub fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Text from the inputs as a terminal may show it: a control character (ESC, which can
/// retitle the window, clear the screen or recolour it; a carriage return, which overwrites the
/// line; the C1 controls a terminal reads as ESC) is written as its visible picture (␛, ␍) or
/// U+FFFD. Line breaks and tabs stay.
pub fn neutral(text: &str) -> std::borrow::Cow<'_, str> {
    let harmful = |c: char| {
        (c < ' ' && c != '\n' && c != '\t') || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c)
    };
    if !text.chars().any(harmful) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if c < ' ' && harmful(c) => {
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')
                }
                '\u{7f}' => '\u{2421}',
                c if harmful(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_labels() {
        assert_eq!(normalize(" 借方\n金额 "), "借方金额");
        assert_eq!(normalize("资金情况（万元）："), "资金情况(万元)");
        assert_eq!(normalize("摘\u{3000}要"), "摘要");
    }
}
