// SPDX-License-Identifier: MIT
//
// PATCHED by jixiao (see PATCHED.md at the root of this copy): not in calamine 0.38.0.

//! The shared-strings table (`xl/sharedStrings.xml`), held in one buffer.
//!
//! Upstream holds the table as a `Vec<String>`: a 24-byte header and a heap block of its own per
//! string, about 40 bytes per string before its text. A ledger of a million postings has two
//! million distinct strings, and the table was the largest thing its evaluation held
//! (tafia/calamine#362). Here each string's text is appended to one buffer, and a string is
//! the span between the end of the one before it and its own end: 4 bytes per string.

use super::XlsxError;

/// The workbook's shared strings, in the order of their indices.
#[derive(Debug, Default)]
pub struct SharedStrings {
    text: String,
    /// Where each string ends in `text`; string `i` starts where string `i - 1` ends.
    ends: Vec<u32>,
}

impl SharedStrings {
    /// The most entries reserved from the table's own `uniqueCount` attribute: the count is the
    /// file's word, and a wrong one must not allocate gigabytes before a string is read.
    const MAX_RESERVED: usize = 1 << 24;

    /// Reserves room for the `count` strings the table declares.
    pub(crate) fn reserve(&mut self, count: usize) {
        self.ends.reserve(count.min(Self::MAX_RESERVED));
    }

    /// Reserves room for the table's text, at most `bytes` (the size of its XML, which is never
    /// less than the text it holds). Growing the buffer by doubling instead would copy it
    /// whenever it sits below other allocations, and leave the old copies resident: at 400k
    /// strings, 5 MB more at the peak than reserving. The reservation is a hint: pages the text
    /// never reaches are never touched, and a size the system cannot give is not an error.
    pub(crate) fn reserve_text(&mut self, bytes: u64) {
        let bytes = usize::try_from(bytes.min(u64::from(u32::MAX))).unwrap_or(0);
        let _ = self.text.try_reserve_exact(bytes);
    }

    /// Appends the next string.
    pub(crate) fn push(&mut self, s: &str) -> Result<(), XlsxError> {
        self.text.push_str(s);
        let end = u32::try_from(self.text.len()).map_err(|_| {
            XlsxError::Unexpected("shared strings table holds more than 4 GiB of text")
        })?;
        self.ends.push(end);
        Ok(())
    }

    /// Gives back what growing the buffers reserved beyond their contents.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// The string at `index`, or `None` past the end of the table.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// How many strings the table holds.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the table holds no string.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::SharedStrings;

    #[test]
    fn strings_come_back_by_index() {
        let mut table = SharedStrings::default();
        for s in ["差旅费", "", "a", "支付 张三 劳务费"] {
            table.push(s).unwrap();
        }
        assert_eq!(table.len(), 4);
        assert_eq!(table.get(0), Some("差旅费"));
        assert_eq!(table.get(1), Some(""));
        assert_eq!(table.get(2), Some("a"));
        assert_eq!(table.get(3), Some("支付 张三 劳务费"));
        assert_eq!(table.get(4), None);
    }

    #[test]
    fn an_absurd_declared_count_reserves_a_bounded_table() {
        let mut table = SharedStrings::default();
        table.reserve(usize::MAX);
        assert!(table.ends.capacity() <= SharedStrings::MAX_RESERVED);
    }
}
