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
