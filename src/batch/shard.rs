//! `--shard K/N`: the K-th of N shares of a batch's funds, for running one batch on many
//! machines under a scheduler that gives each job its index (a Kubernetes Indexed Job, a Slurm
//! job array, GNU parallel).
//!
//! A fund's share is drawn from its folder's name alone (FNV-1a, fixed here so that it never
//! changes with a dependency), not from its place in the list: the shares never overlap, every
//! fund is in exactly one, and a fund added to the folder leaves every other where it was.

use std::fmt;

use super::Error;

/// The K-th (1-based) of N shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: u32,
    pub n: u32,
}

impl Shard {
    /// `K/N`, with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Result<Shard, Error> {
        let bad = || Error::BadShard(text.to_string());
        let (k, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let (k, n): (u32, u32) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if k == 0 || n == 0 || k > n {
            return Err(bad());
        }
        Ok(Shard { k, n })
    }

    /// The share (1-based) of N that a fund folder's name falls in.
    pub fn of(folder: &str, n: u32) -> u32 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in folder.as_bytes() {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // `n` is at least 1 wherever a share is asked for; 0 would put everything in share 1.
        (hash % u64::from(n.max(1))) as u32 + 1
    }

    pub fn contains(&self, folder: &str) -> bool {
        Shard::of(folder, self.n) == self.k
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!(Shard::parse("2/5").unwrap(), Shard { k: 2, n: 5 });
        assert_eq!(Shard::parse(" 1 / 1 ").unwrap(), Shard { k: 1, n: 1 });
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "-1/3", "1/3/4", ""] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_folder_is_in_exactly_one_share() {
        let folders: Vec<String> = (0..500).map(|i| format!("专项资金-{i:03}")).collect();
        for n in [1, 2, 3, 7, 16] {
            let mut sizes = vec![0; n as usize];
            for f in &folders {
                let owners: Vec<u32> = (1..=n).filter(|&k| Shard { k, n }.contains(f)).collect();
                assert_eq!(owners.len(), 1, "{f} in {owners:?} of {n}");
                sizes[owners[0] as usize - 1] += 1;
            }
            // Shares of a few hundred funds are roughly even.
            let even = folders.len() / n as usize;
            assert!(
                sizes.iter().all(|&s| s * 2 > even && s < even * 2),
                "{n}: {sizes:?}"
            );
        }
    }

    /// The share is fixed by the name: these values are what shards run by earlier versions put
    /// each fund in, and must not change.
    #[test]
    fn a_folders_share_never_changes() {
        assert_eq!(
            Shard::of("a", 3),
            1 + (0xaf63_dc4c_8601_ec8c_u64 % 3) as u32
        );
        assert_eq!(Shard::of("", 2), 1 + (0xcbf2_9ce4_8422_2325_u64 % 2) as u32);
    }
}
