//! String hashing for the engine's look-up tables: FNV-1a (keys and ids are short, so this is
//! a few multiplications), fed in parts so a key can be hashed without being built.

/// The FNV-1a hash of nothing; feed bytes with [`hash_bytes`].
pub const HASH_START: u32 = 0x811c_9dc5;

/// Feeds `bytes` into the FNV-1a hash `h`.
pub fn hash_bytes(h: u32, bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// `h` in decimal digits (what `h.to_string()` gives, without the formatting machinery):
/// how order keys, lineage ids and removal marks are stored.
pub fn decimal(h: u32) -> String {
    let mut text = String::new();
    crate::core::facet::push_decimal(&mut text, h);
    text
}

/// The FNV-1a hash of `key`.
pub fn key_hash(key: &str) -> usize {
    hash_bytes(HASH_START, key.as_bytes()) as usize
}

/// The first of `n` keys (key `i` is `key(i)`) that equals an earlier one, found with a hash
/// table in one pass (sorting the keys would compare each about log2(n) times). The keys are
/// read in place: no list of them is built first.
pub fn first_repeat<'a>(n: usize, key: impl Fn(usize) -> &'a [u8]) -> Option<usize> {
    if n < 2 {
        return None;
    }
    let mask = (n * 2).next_power_of_two() - 1;
    // A key's hash and `1 +` its position, or 0 for an empty slot; at most half the slots
    // fill up. Keys are compared only when their hashes are equal.
    let mut slots = vec![(0_u32, 0_usize); mask + 1];
    for i in 0..n {
        let k = key(i);
        let h = hash_bytes(HASH_START, k);
        let mut j = h as usize & mask;
        while let Some(slot) = slots.get_mut(j) {
            match *slot {
                (_, 0) => {
                    *slot = (h, i + 1);
                    break;
                }
                (held, s) if held == h && key(s - 1) == k => return Some(i),
                _ => j = (j + 1) & mask,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_is_to_string() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295, 2_166_136_261] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn finds_the_first_repeat() {
        let first_repeat = |keys: &[&str]| {
            super::first_repeat(keys.len(), |i| {
                keys.get(i).map_or(&[][..], |k| k.as_bytes())
            })
        };
        assert_eq!(first_repeat(&["a", "b", "c"]), None);
        assert_eq!(first_repeat(&["a", "b", "a", "b"]), Some(2));
        assert_eq!(first_repeat(&["x", "b", "c", "b", "x"]), Some(3));
        assert_eq!(first_repeat(&[]), None);
        let many: Vec<String> = (0..1000).map(|i| format!("sku-{i}")).collect();
        let mut keys: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(first_repeat(&keys), None);
        keys.push("sku-999");
        keys.push("sku-3");
        assert_eq!(first_repeat(&keys), Some(1000));
    }

    #[test]
    fn hashing_in_parts_is_hashing_the_whole() {
        let h = hash_bytes(hash_bytes(HASH_START, b"c:"), b"shoes");
        assert_eq!(h as usize, key_hash("c:shoes"));
    }
}
