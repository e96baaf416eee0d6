//! A line's payments grouped by payee, once, for the checks that look at each person's
//! payments (above the standard, paid twice, duplicates).

use std::collections::HashMap;

use super::Hasher;
use crate::read::ledger::LedgerRow;
use crate::read::text::{TextId, Texts};

/// A line's payments by payee: for each payee, the indices of its payments into the line's rows,
/// in ledger order. Payments without a payee are in no group. All groups share one vector, and
/// indices are 4 bytes: a line of a million payments to four hundred thousand people must not
/// allocate per person, and its grouping was the largest thing a check held (55 MB with 8-byte
/// indices and a name per payee).
pub struct ByPayee<'a> {
    texts: &'a Texts,
    /// Each payee and where its payments start in `order`; they end where the next payee's start.
    groups: Vec<(TextId, u32)>,
    order: Vec<u32>,
}

impl<'a> ByPayee<'a> {
    /// The payee group of a payment without a payee.
    const NONE: u32 = u32::MAX;

    // A line of 2^32 payments is not held in memory (72 bytes each): its indices fit in 4 bytes.
    pub fn new(rows: &[&LedgerRow], texts: &'a Texts) -> Self {
        let mut ids: HashMap<TextId, u32, Hasher> = HashMap::default();
        let mut of_row: Vec<u32> = Vec::with_capacity(rows.len());
        let mut payees: Vec<TextId> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        for r in rows {
            let group = if r.payee.is_empty() {
                Self::NONE
            } else {
                let next = u32::try_from(payees.len()).unwrap_or(Self::NONE);
                *ids.entry(r.payee).or_insert_with(|| {
                    payees.push(r.payee);
                    counts.push(0);
                    next
                })
            };
            if let Some(n) = counts.get_mut(group as usize) {
                *n += 1;
            }
            of_row.push(group);
        }
        drop(ids);
        // Each group's place in `order`, then the rows dealt into their places in order.
        let mut groups = Vec::with_capacity(payees.len());
        let mut next = Vec::with_capacity(payees.len());
        let mut start: u32 = 0;
        for (payee, n) in payees.into_iter().zip(&counts) {
            groups.push((payee, start));
            next.push(start);
            start = start.saturating_add(*n);
        }
        let mut order = vec![0; start as usize];
        for (i, group) in of_row.into_iter().enumerate() {
            let (Some(slot), Ok(i)) = (next.get_mut(group as usize), u32::try_from(i)) else {
                continue;
            };
            if let Some(place) = order.get_mut(*slot as usize) {
                *place = i;
            }
            *slot += 1;
        }
        ByPayee {
            texts,
            groups,
            order,
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &[u32])> + '_ {
        let texts = self.texts;
        self.groups
            .iter()
            .enumerate()
            .map(move |(g, (payee, start))| {
                let end = self
                    .groups
                    .get(g + 1)
                    .map_or(self.order.len(), |(_, next)| *next as usize);
                let indices = self.order.get(*start as usize..end).unwrap_or_default();
                (&texts[*payee], indices)
            })
    }
}
