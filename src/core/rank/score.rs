//! Personal scores: an item's matching interests, summed.

use std::ops::Range;

use crate::core::config::Config;
use crate::core::facet::{for_each_key, for_each_query_word, is_query_key};
use crate::core::item::Item;
use crate::core::order::by_key_asc;
use crate::core::profile::{DecayMemo, Profile};
use crate::core::time::Minutes;

/// Interests decayed to one instant, sorted by key for binary-search look-ups (a few hundred
/// entries at most; a sorted vector is as fast here as a hash map and much smaller in wasm).
#[derive(Debug, Clone, Default)]
pub struct ScoreTable {
    strengths: Vec<(String, f64)>,
    /// Where the `q:` (search term) keys sit in `strengths`: sorting keeps them together.
    queries: Range<usize>,
}

impl ScoreTable {
    /// Decays every interest of `profile` to `now` once.
    pub fn new(profile: &Profile, config: &Config, now: Minutes) -> ScoreTable {
        let mut memo = DecayMemo::new(config, now);
        let live: Vec<(&str, f64)> = profile
            .affinities
            .iter()
            .map(|a| (a.key(), memo.strength(a)))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        let keys: Vec<&str> = live.iter().map(|(k, _)| *k).collect();
        let strengths: Vec<(String, f64)> = by_key_asc(&keys)
            .into_iter()
            .filter_map(|i| live.get(i).map(|(k, s)| ((*k).to_owned(), *s)))
            .collect();
        // `;` follows `:`, so the `q:` keys are exactly those in ["q:", "q;").
        let queries = strengths.partition_point(|(k, _)| k.as_str() < "q:")
            ..strengths.partition_point(|(k, _)| k.as_str() < "q;");
        ScoreTable { strengths, queries }
    }

    /// The decayed strength of one key, 0 if absent.
    pub fn get(&self, key: &str) -> f64 {
        self.strengths
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .and_then(|i| self.strengths.get(i))
            .map_or(0.0, |(_, s)| *s)
    }

    /// True when no interest is held.
    pub fn is_empty(&self) -> bool {
        self.strengths.is_empty()
    }

    /// Calls `f(key, points)` for every interest that adds to `item`'s personal score.
    pub fn for_each_contribution(
        &self,
        item: &Item,
        config: &Config,
        mut f: impl FnMut(&str, f64),
    ) {
        if self.is_empty() {
            return;
        }
        let mut buf = String::new();
        for_each_key(
            item,
            config.category_ancestor_share,
            &mut buf,
            &mut |k, share| {
                let s = self.get(k);
                if s > 0.0 {
                    f(k, s * share);
                }
            },
        );
        let held = self.strengths.get(self.queries.clone()).unwrap_or(&[]);
        if !held.is_empty() {
            for_each_query_word(item, &mut |word| {
                if let Some((k, s)) = held.iter().find(|(k, _)| is_query_key(k, word)) {
                    f(k, *s);
                }
            });
        }
    }

    /// The item's raw personal score: the sum of its contributions.
    pub fn personal(&self, item: &Item, config: &Config) -> f64 {
        let mut total = 0.0;
        self.for_each_contribution(item, config, |_, p| total += p);
        total
    }
}
