//! A fast hash for the pack builder's integer keys (item numbers and pairs of them).
//!
//! The standard library's SipHash guards tables against keys chosen by an attacker, which
//! does not apply to a shop's own logs read offline, and it took about a third of a large
//! build's time (BENCHMARKS "Speed and memory"). This one mixes each key with the finaliser of
//! MurmurHash3, so every input bit moves every output bit: the table's bucket bits and its
//! control bits both stay spread for sequential item numbers.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed by integers, hashed with [`IntHasher`].
pub type IntMap<K, V> = HashMap<K, V, BuildHasherDefault<IntHasher>>;

/// Hasher for integer keys: the written integers folded together, mixed on [`Hasher::finish`].
#[derive(Debug, Default, Clone, Copy)]
pub struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^ (x >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        // One key is one write: then the state is the key itself.
        self.0 = self.0.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ n;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn neighbouring_keys_spread_over_buckets_and_control_bits() {
        let build = BuildHasherDefault::<IntHasher>::default();
        let mut low = std::collections::HashSet::new();
        let mut high = std::collections::HashSet::new();
        for key in 0_u64..4096 {
            let h = build.hash_one(key);
            low.insert(h & 0xfff);
            high.insert(h >> 57);
        }
        // 4,096 keys into 4,096 buckets: a good mix fills about 63 % of them.
        assert!(low.len() > 2400, "{}", low.len());
        assert_eq!(high.len(), 128);
    }

    #[test]
    fn a_map_keyed_by_pairs_finds_what_it_stored() {
        let mut map: IntMap<u64, u32> = IntMap::default();
        for a in 0_u64..300 {
            for b in 0_u64..30 {
                map.insert((a << 32) | b, (a * 31 + b) as u32);
            }
        }
        assert_eq!(map.len(), 9000);
        assert_eq!(map.get(&((7 << 32) | 5)), Some(&(7 * 31 + 5)));
        assert_eq!(map.get(&((300 << 32) | 5)), None);
    }
}
