//! The held search terms that are one bigram of Chinese or Japanese, found by a number: a
//! Chinese title of 24 characters gives 23 bigrams to look up per item, and a binary search
//! over the held terms' strings for each was most of a Chinese `rank` (58 % of 1,000 items).
//! A bigram is at most 8 bytes of UTF-8 (two characters of at most 4), so its bytes are one
//! `u64`, looked up in a small open-addressing table without building or comparing strings.

use crate::core::facet::is_query_key;
use crate::core::word::unspaced_len;

/// What [`crate::core::facet::held_term`] gives (the position in `held` of the first search
/// term that `word`, a word [`crate::core::word::words`] gives, is), a bigram of Chinese or
/// Japanese found in `bigrams`, the table of `held`'s.
pub(super) fn held_term(
    held: &[(String, f64)],
    bigrams: &HeldBigrams,
    word: &str,
) -> Option<usize> {
    match unspaced_len(word, 0) {
        0 => held.iter().position(|(k, _)| is_query_key(k, word)),
        _ => bigrams.find(word.as_bytes()),
    }
}

/// A bigram's bytes as one number, zero-padded (little-endian); 0, which no table holds,
/// for more than 8 bytes. Two strings of 1 to 8 bytes without a zero byte (no character of
/// a run is U+0000) give the same number only when they are the same.
fn pack(bigram: &[u8]) -> u64 {
    if bigram.len() > 8 {
        return 0;
    }
    let mut bytes = [0; 8];
    for (to, from) in bytes.iter_mut().zip(bigram) {
        *to = *from;
    }
    u64::from_le_bytes(bytes)
}

/// The slot of `key` in a table of `mask + 1` slots (Fibonacci hashing: the high bits of the
/// product mix every byte of the bigram, whose low bytes are mostly the same lead bytes).
fn home(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & mask
}

/// The positions (in the held search terms, sorted by key) of the terms that are two
/// Chinese or Japanese characters, by their [`pack`]ed bytes.
#[derive(Debug, Clone, Default)]
pub(super) struct HeldBigrams {
    /// Open addressing: a packed bigram (0 for an empty slot) and its position. The length is
    /// a power of two at least twice the number of bigrams held, or 0 when none is.
    slots: Vec<(u64, usize)>,
}

impl HeldBigrams {
    /// The table of the bigrams among `held` (`q:` keys, sorted by key, as
    /// [`super::ScoreTable::held_queries`] gives them).
    pub(super) fn new(held: &[(String, f64)]) -> HeldBigrams {
        let bigram = |k: &str| {
            let term = k.get(2..).unwrap_or("");
            let first = unspaced_len(term, 0);
            let second = match first {
                0 => 0,
                _ => unspaced_len(term, first),
            };
            (second > 0 && first + second == term.len()).then(|| pack(term.as_bytes()))
        };
        let count = held.iter().filter(|(k, _)| bigram(k).is_some()).count();
        if count == 0 {
            return HeldBigrams::default();
        }
        let mask = (count * 2).next_power_of_two() - 1;
        let mut slots = vec![(0, 0); mask + 1];
        for (i, (k, _)) in held.iter().enumerate() {
            let Some(key) = bigram(k) else {
                continue;
            };
            let mut j = home(key, mask);
            // Keys are distinct; at most half the slots are used, so an empty one comes.
            while let Some(slot) = slots.get_mut(j) {
                if slot.0 == 0 {
                    *slot = (key, i);
                    break;
                }
                j = (j + 1) & mask;
            }
        }
        HeldBigrams { slots }
    }

    /// The position in the held terms of `bigram` (the bytes of two Chinese or Japanese
    /// characters, as a run of them gives), if it is held.
    #[inline]
    pub(super) fn find(&self, bigram: &[u8]) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let key = pack(bigram);
        let mut j = home(key, mask);
        while let Some(&(k, i)) = self.slots.get(j) {
            match k {
                0 => return None,
                _ if k == key => return Some(i),
                _ => j = (j + 1) & mask,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::facet::held_bigram;

    #[test]
    fn finds_each_held_bigram_where_binary_search_does_and_nothing_else() {
        let mut held: Vec<(String, f64)> = [
            "q:跑鞋",
            "q:新款",
            "q:スニ",
            "q:ab",
            "q:日本",
            "q:𠀀𠀁",
            "q:日本製",
            "q:日",
            "q:ｽﾆ",
            "q:日𠀀",
            "q:red",
        ]
        .iter()
        .map(|k| ((*k).to_owned(), 1.0))
        .collect();
        held.sort_by(|a, b| a.0.cmp(&b.0));
        let table = HeldBigrams::new(&held);
        for word in [
            "跑鞋", "新款", "スニ", "日本", "𠀀𠀁", "款跑", "ｽﾆ", "日𠀀", "𠀀日", "本日", "𠀁𠀀",
        ] {
            assert_eq!(
                table.find(word.as_bytes()),
                held_bigram(&held, word),
                "{word}"
            );
        }
        assert!(table.find("跑鞋".as_bytes()).is_some());
        // More than 8 bytes is no bigram, even when the first 8 are one held.
        assert_eq!(table.find("𠀀𠀁x".as_bytes()), None);
        assert_eq!(HeldBigrams::default().find("跑鞋".as_bytes()), None);
        assert_eq!(HeldBigrams::new(&held[..1]).find("日本".as_bytes()), None);
    }

    // Native only: proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::super::super::quick::{push_held_terms, term_filter};
        use super::*;
        use crate::core::facet::{for_each_word_of, held_term as by_binary_search};
        use proptest::prelude::*;

        /// Characters of runs: 3-byte Han, Hiragana and Katakana, halfwidth Katakana, 4-byte
        /// Han of Extension B.
        const CHARS: [&str; 16] = [
            "跑", "鞋", "新", "款", "日", "本", "ス", "ー", "ｽ", "ﾆ", "𠀁", "𠀂", "々", "の", "男",
            "士",
        ];

        proptest! {
            /// Up to 120 of the 256 bigrams of 16 characters held (slots shared and probed
            /// past), with Latin terms and terms of one and three characters: each word of
            /// any text of those characters, Latin words and separators is found where
            /// binary search finds it, by ranking's quick path and by its general one.
            #[test]
            fn many_held_bigrams_are_found_where_binary_search_finds_them(
                pairs in prop::collection::vec((0..16_usize, 0..16_usize), 0..120),
                text in "(跑|鞋|新|款|日|本|ス|ー|ｽ|ﾆ|𠀁|𠀂|々|の|男|士|red|a| |。|・|\\PC){0,40}"
            ) {
                let mut held: Vec<(String, f64)> = ["q:red", "q:日", "q:日本製", "q:ab"]
                    .iter()
                    .map(|k| ((*k).to_owned(), 1.0))
                    .collect();
                for (a, b) in pairs {
                    let (a, b) = (CHARS.get(a).unwrap_or(&""), CHARS.get(b).unwrap_or(&""));
                    held.push((format!("q:{a}{b}"), 1.0));
                }
                held.sort_by(|a, b| a.0.cmp(&b.0));
                held.dedup_by(|a, b| a.0 == b.0);
                let bigrams = HeldBigrams::new(&held);
                let (mut general, mut expected) = (Vec::new(), Vec::new());
                for_each_word_of(&text, &mut |w| {
                    general.extend(held_term(&held, &bigrams, w));
                    expected.extend(by_binary_search(&held, w));
                });
                prop_assert_eq!(&general, &expected);
                let mut quick = Vec::new();
                push_held_terms(&text, &held, &bigrams, term_filter(&held), &mut quick);
                prop_assert_eq!(quick, expected);
            }
        }
    }
}
