//! Personal scores: an item's matching interests, summed.

use std::ops::Range;

use super::held::{held_term, HeldBigrams};
use crate::core::config::Config;
use crate::core::facet::{for_each_key, for_each_text_word};
use crate::core::hash::key_hash;
use crate::core::item::Item;
use crate::core::order::by_key_asc;
use crate::core::profile::{Affinity, DecayMemo, Profile};
use crate::core::time::Minutes;

/// Interests decayed to one instant, sorted by key, with a small open-addressing index for
/// look-ups: ranking looks up about eight keys per item, and a binary search over a few
/// hundred keys compared about eight strings per look-up where the index compares one.
#[derive(Debug, Clone, Default)]
pub struct ScoreTable {
    strengths: Vec<(String, f64)>,
    /// Where the `q:` (search term) keys sit in `strengths`: sorting keeps them together.
    queries: Range<usize>,
    /// Open-addressing hash index: `1 +` a position in `strengths`, or 0 for an empty slot.
    /// Its length is a power of two at least twice the number of keys (or 0 when empty).
    slots: Vec<usize>,
    /// The held search terms that are one bigram of Chinese or Japanese, by number.
    bigrams: HeldBigrams,
}

/// An empty hash index for `n` keys (see [`ScoreTable::slots`]), which [`place`] fills.
fn index_for(n: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    vec![0; (n * 2).next_power_of_two()]
}

/// Places position `i` in the hash index, in the first empty slot from its key's hash `h`
/// ([`key_hash`], as each interest keeps it: a `u32`, whose low bits the mask takes as it takes
/// them of `key_hash`'s `usize`).
fn place(slots: &mut [usize], h: u32, i: usize) {
    let mask = slots.len().wrapping_sub(1);
    let mut j = h as usize & mask;
    while let Some(slot) = slots.get_mut(j) {
        if *slot == 0 {
            *slot = i + 1;
            break;
        }
        j = (j + 1) & mask;
    }
}

impl ScoreTable {
    /// Decays every interest of `profile` to `now` once.
    pub fn new(profile: &Profile, config: &Config, now: Minutes) -> ScoreTable {
        let mut memo = DecayMemo::new(config, now);
        let mut live: Vec<(&Affinity, f64)> = Vec::with_capacity(profile.affinities.len());
        for a in &profile.affinities {
            let s = memo.strength(a);
            if s > 0.0 {
                live.push((a, s));
            }
        }
        let keys: Vec<&str> = live.iter().map(|(a, _)| a.key()).collect();
        let mut strengths: Vec<(String, f64)> = Vec::with_capacity(live.len());
        // Indexed as they are placed in key order (no list of their hashes to index after).
        let mut slots = index_for(live.len());
        for i in by_key_asc(&keys) {
            if let Some((a, s)) = live.get(i) {
                place(&mut slots, a.key_hash(), strengths.len());
                strengths.push((a.key().to_owned(), *s));
            }
        }
        // `;` follows `:`, so the `q:` keys are exactly those in ["q:", "q;").
        let queries = strengths.partition_point(|(k, _)| k.as_str() < "q:")
            ..strengths.partition_point(|(k, _)| k.as_str() < "q;");
        let bigrams = HeldBigrams::new(strengths.get(queries.clone()).unwrap_or(&[]));
        ScoreTable {
            strengths,
            queries,
            slots,
            bigrams,
        }
    }

    /// The decayed strength of one key, 0 if absent.
    pub fn get(&self, key: &str) -> f64 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut j = key_hash(key) & mask;
        // At most half the slots are used, so the probe meets an empty slot.
        while let Some(&slot) = self.slots.get(j) {
            match self.strengths.get(slot.wrapping_sub(1)) {
                None => return 0.0,
                Some((k, s)) if k == key => return *s,
                Some(_) => j = (j + 1) & mask,
            }
        }
        0.0
    }

    /// The search-term (`q:`) interests, sorted by key.
    pub fn held_queries(&self) -> &[(String, f64)] {
        self.strengths.get(self.queries.clone()).unwrap_or(&[])
    }

    /// The held bigrams of [`Self::held_queries`].
    pub(super) fn held_bigrams(&self) -> &HeldBigrams {
        &self.bigrams
    }

    /// The position in [`Self::held_queries`] of the first that `word`, a word
    /// [`crate::core::word::words`] gives, is ([`held_term`]).
    pub(super) fn held_term(&self, word: &str) -> Option<usize> {
        held_term(self.held_queries(), &self.bigrams, word)
    }

    /// True when no interest is held.
    pub fn is_empty(&self) -> bool {
        self.strengths.is_empty()
    }

    /// Calls `f(key, points)` for every interest that adds to `item`'s personal score; `buf`
    /// holds the keys as they are built (reused from item to item).
    pub fn for_each_contribution(
        &self,
        item: &Item,
        config: &Config,
        buf: &mut String,
        mut f: impl FnMut(&str, f64),
    ) {
        if self.is_empty() {
            return;
        }
        for_each_key(
            item,
            config.category_ancestor_share,
            buf,
            &mut |k, share| {
                let s = self.get(k);
                if s > 0.0 {
                    f(k, s * share);
                }
            },
        );
        let held = self.held_queries();
        if !held.is_empty() {
            // Each held term counts once, however many of the item's texts hold it.
            let mut matched: Vec<usize> = Vec::new();
            for_each_text_word(item, &mut |word| {
                let Some(i) = self.held_term(word) else {
                    return;
                };
                if let (false, Some((k, s))) = (matched.contains(&i), held.get(i)) {
                    matched.push(i);
                    f(k, *s);
                }
            });
        }
    }

    /// The item's raw personal score: the sum of its contributions.
    pub fn personal(&self, item: &Item, config: &Config, buf: &mut String) -> f64 {
        let mut total = 0.0;
        self.for_each_contribution(item, config, buf, |_, p| total += p);
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_every_held_key_and_nothing_else() {
        let now: Minutes = 29_000_000;
        let mut p = Profile::new(now);
        p.affinities = (0..300)
            .map(|i| Affinity::from_parts(format!("c:k{i}"), 1.0 + f64::from(i), 0.0, now, 1))
            .collect();
        let t = ScoreTable::new(&p, &Config::default(), now);
        for i in 0..300 {
            let key = format!("c:k{i}");
            let held = t.strengths.iter().find(|(k, _)| *k == key).map(|(_, s)| *s);
            assert_eq!(Some(t.get(&key)), held);
            assert!(t.get(&key) > 0.0);
        }
        for miss in ["c:k300", "c:", "", "b:k1", "c:k1 "] {
            assert_eq!(t.get(miss), 0.0);
        }
        assert_eq!(ScoreTable::default().get("c:k1"), 0.0);
    }

    #[test]
    fn each_held_search_term_counts_once_in_first_appearance_order() {
        let now: Minutes = 29_000_000;
        let mut p = Profile::new(now);
        p.affinities = ["q:red", "q:shoes", "q:trail", "q:zzz"]
            .iter()
            .map(|k| Affinity::from_parts((*k).into(), 1.0, 0.0, now, 1))
            .collect();
        let t = ScoreTable::new(&p, &Config::default(), now);
        let mut item = Item::with_id("1");
        item.name = Some("Trail shoes trail RED a b c d e f g red".into());
        item.tags = vec!["Shoes".into(), "red".into()];
        item.category = vec!["TRAIL".into()];
        let mut got = Vec::new();
        t.for_each_contribution(&item, &Config::default(), &mut String::new(), |k, _| {
            got.push(k.to_owned())
        });
        assert_eq!(got, vec!["q:trail", "q:shoes", "q:red"]);
    }
}
