//! The texts of a ledger, each held once and named by a number.
//!
//! A million postings repeat a few hundred accounts, projects and voucher numbers, and their
//! summaries (摘要) and payees are mostly new. Held as a string per field per posting, the texts
//! were most of the memory of a large evaluation; held as `Arc<str>` they still cost a 16-byte
//! pointer per field and an allocation with its header per distinct text. Here every distinct
//! text is appended to one buffer and a posting holds a 4-byte [`TextId`]; equal texts get equal
//! ids, so grouping by payee compares numbers, not strings.

use std::fmt;
use std::hash::BuildHasher;
use std::num::NonZeroU32;

use hashbrown::HashTable;

/// A text of the ledger, by its number in the ledger's [`Texts`] (counted from 1, so that an
/// `Option<TextId>` takes no more room). Equal ids are equal texts and unequal ids unequal texts,
/// within one ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextId(NonZeroU32);

impl TextId {
    /// The empty text, which every ledger holds.
    pub const EMPTY: TextId = TextId(NonZeroU32::MIN);

    pub fn is_empty(self) -> bool {
        self == TextId::EMPTY
    }

    /// The place of the text in the buffer's list of ends.
    fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    fn at_index(i: usize) -> Option<TextId> {
        let n = u32::try_from(i.checked_add(1)?).ok()?;
        NonZeroU32::new(n).map(TextId)
    }
}

impl Default for TextId {
    fn default() -> Self {
        TextId::EMPTY
    }
}

/// Every distinct text of a ledger, in one buffer.
pub struct Texts {
    bytes: String,
    /// Where each text ends in `bytes`; text `i` starts where text `i - 1` ends.
    ends: Vec<u32>,
    /// The ids by the hash of their text, while texts are added; emptied by [`Texts::seal`].
    index: HashTable<TextId>,
    hasher: foldhash::fast::RandomState,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            bytes: String::new(),
            ends: vec![0],
            index: HashTable::new(),
            hasher: foldhash::fast::RandomState::default(),
        }
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Texts({} texts, {} bytes)",
            self.ends.len(),
            self.bytes.len()
        )
    }
}

/// Text `id` of the buffer `bytes` whose texts end at `ends`.
fn slice<'t>(bytes: &'t str, ends: &[u32], id: TextId) -> &'t str {
    let i = id.index();
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before).copied().unwrap_or(0),
        None => 0,
    };
    let end = ends.get(i).copied().unwrap_or(start);
    bytes.get(start as usize..end as usize).unwrap_or("")
}

impl Texts {
    /// The text named `id`; empty for an id of another ledger that is out of range.
    pub fn get(&self, id: TextId) -> &str {
        slice(&self.bytes, &self.ends, id)
    }

    /// The id of `text`, added if new. `None` when the buffer would pass 4 GiB, the reach of
    /// the 4-byte offsets.
    pub fn intern(&mut self, text: &str) -> Option<TextId> {
        if text.is_empty() {
            return Some(TextId::EMPTY);
        }
        let Texts {
            bytes,
            ends,
            index,
            hasher,
        } = self;
        if index.is_empty() && ends.len() > 1 {
            // Sealed, and added to again: the index comes back.
            for i in 1..ends.len() {
                let id = TextId::at_index(i)?;
                let hash = hasher.hash_one(slice(bytes, ends, id));
                index.insert_unique(hash, id, |id| hasher.hash_one(slice(bytes, ends, *id)));
            }
        }
        let hash = hasher.hash_one(text);
        if let Some(id) = index.find(hash, |id| slice(bytes, ends, *id) == text) {
            return Some(*id);
        }
        let end = u32::try_from(bytes.len() + text.len()).ok()?;
        let id = TextId::at_index(ends.len())?;
        bytes.push_str(text);
        ends.push(end);
        index.insert_unique(hash, id, |id| hasher.hash_one(slice(bytes, ends, *id)));
        Some(id)
    }

    /// Ends adding for now: the index is dropped (and built again if a text is added after), and
    /// the buffers shrink to what they hold.
    pub fn seal(&mut self) {
        self.index = HashTable::new();
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// How many distinct texts, the empty one included.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.len() <= 1
    }
}

impl std::ops::Index<TextId> for Texts {
    type Output = str;

    fn index(&self, id: TextId) -> &str {
        self.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_an_id_and_read_back() {
        let mut t = Texts::default();
        let a = t.intern("工会经费").unwrap();
        let b = t.intern("张伟").unwrap();
        let c = t.intern("工会经费").unwrap();
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(&t[a], "工会经费");
        assert_eq!(&t[b], "张伟");
        assert_eq!(t.intern("").unwrap(), TextId::EMPTY);
        assert_eq!(&t[TextId::EMPTY], "");
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn texts_read_back_after_seal_and_many_adds() {
        let mut t = Texts::default();
        let ids: Vec<TextId> = (0..10_000)
            .map(|i| t.intern(&format!("发放补助-张伟({i})")).unwrap())
            .collect();
        t.seal();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(&t[*id], format!("发放补助-张伟({i})"));
        }
    }

    #[test]
    fn adding_after_seal_still_finds_the_texts_held() {
        let mut t = Texts::default();
        let a = t.intern("记-1").unwrap();
        t.seal();
        assert_eq!(t.intern("记-1").unwrap(), a);
        let b = t.intern("记-2").unwrap();
        assert_ne!(a, b);
        assert_eq!(&t[b], "记-2");
    }

    proptest::proptest! {
        /// Whatever texts are added, and wherever adding is sealed and taken up again: equal
        /// texts have equal ids, unequal texts unequal ids, and every id reads back its text.
        #[test]
        fn ids_name_texts_one_for_one(
            adds in proptest::collection::vec(("[a-c张伟]{0,3}", proptest::bool::weighted(0.1)), 0..200)
        ) {
            let mut t = Texts::default();
            let mut seen: Vec<(String, TextId)> = Vec::new();
            for (text, seal) in adds {
                let id = t.intern(&text).unwrap();
                proptest::prop_assert_eq!(&t[id], text.as_str());
                for (other, other_id) in &seen {
                    proptest::prop_assert_eq!(*other == text, *other_id == id);
                }
                seen.push((text, id));
                if seal {
                    t.seal();
                }
            }
        }
    }

    #[test]
    fn an_id_from_elsewhere_reads_as_empty() {
        let t = Texts::default();
        assert_eq!(t.get(TextId::at_index(7).unwrap()), "");
    }
}
