//! What each item taught: so removing an item takes back the interests it fed.
//!
//! An interest is one decayed number per key, the sum of what every item of that key added.
//! To take one item's part out again, the profile keeps, for the [`MAX_TAUGHT`] items it
//! learned from most recently (stored as `it`), the weights that item's events added — decayed
//! like an interest, so its part in each key is known at any later time — and the keys it fed.
//! Decay is linear, so an item's part in a key is its own decayed sum times the key's share
//! (1, or [`Config::category_ancestor_share`] per level for a parent category). Removing the
//! item subtracts that part from each key (clamped at zero), takes its view off the key's
//! count, and forgets a key left below [`MIN_SIGNAL`]. Interests other items fed stay.
//!
//! Listing impressions add to the part of an item already kept (one the shopper viewed,
//! clicked, carted or bought), never start one: a listing of 40 items would push out the
//! items the shopper can see in the panel and remove.

use serde::{Deserialize, Serialize};

use super::affinity::quantize;
use super::budget::{self, json_str_len};
use super::retention::MINUTES_PER_DAY;
use super::{strength, Affinity, Profile, MIN_SIGNAL};
use crate::core::config::Config;
use crate::core::facet::CATEGORY;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_FACETS, MAX_TAGS};
use crate::core::time::{elapsed, Minutes};

/// Most items whose part is kept, the most recently learned from first (as many as the
/// recently viewed list holds). An older item's removal keeps the (faded) part it taught.
pub const MAX_TAUGHT: usize = 30;

/// Most keys one item feeds: its category levels, a brand, a price band, its tags and its
/// free facets.
pub const MAX_TAUGHT_KEYS: usize = MAX_CATEGORY_DEPTH + 2 + MAX_TAGS + MAX_FACETS;

/// What one item taught, stored as `[[id, long, session, at, counted], [keys…]]`: the item's
/// own accumulators (the weights its events added, before each key's share; `counted`: how
/// many times its view was counted in its keys) and the keys its latest event fed, in the
/// order [`crate::core::facet::for_each_key`] gives them (category levels first, general to
/// specific). The upper bound of its JSON is kept with it, measured whenever its keys change
/// (never stored): the size budget is checked after every event, and counting the kept parts'
/// keys each time was most of that check. The keys are private so no change can miss it; the
/// id (the interest's key) must not change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "(Affinity, Vec<String>)")]
pub struct Taught(
    /// The item id with its accumulators, as an interest stores its key's.
    pub Affinity,
    /// The keys the item fed.
    Vec<String>,
    /// The upper bound of the part's JSON ([`budget::taught_len`]).
    #[serde(skip)]
    usize,
);

impl From<(Affinity, Vec<String>)> for Taught {
    fn from((part, keys): (Affinity, Vec<String>)) -> Taught {
        Taught::new(part, keys)
    }
}

impl Taught {
    /// The part of item `part.key()` with its accumulators `part` and the keys it fed.
    pub fn new(part: Affinity, keys: Vec<String>) -> Taught {
        let len = budget::taught_len(&part, &keys);
        Taught(part, keys, len)
    }

    /// The keys the item fed.
    pub fn keys(&self) -> &[String] {
        &self.1
    }

    /// The upper bound of the part's JSON, `[["id",…],["key",…]],` ([`budget::taught_len`]),
    /// kept up to date as the keys change.
    pub fn json_len(&self) -> usize {
        self.2
    }

    /// Measures the part again after its keys changed.
    fn measure(&mut self) {
        self.2 = budget::taught_len(&self.0, &self.1);
    }

    /// Makes `key` key `n` of the keys, in place: an item's keys rarely change, so a key equal
    /// to the one kept costs a comparison, not an allocation (nor a measurement).
    pub(super) fn write_key(&mut self, n: usize, key: &str) {
        match self.1.get_mut(n) {
            Some(kept) if kept == key => {}
            Some(kept) => {
                self.2 = (self.2 + json_str_len(key)).saturating_sub(json_str_len(kept));
                kept.clear();
                kept.push_str(key);
            }
            None => {
                self.2 += json_str_len(key) + 1;
                self.1.push(key.to_owned());
            }
        }
    }

    /// Keeps the first `n` keys.
    fn truncate_keys(&mut self, n: usize) {
        if self.1.len() > n {
            self.1.truncate(n);
            self.measure();
        }
    }

    /// The item id.
    pub fn id(&self) -> &str {
        self.0.key()
    }

    /// The share of the item's weight that key `i` of its keys took: 1, or the ancestor share
    /// once per level for a parent category (`depth`: how many category keys it has).
    fn share(&self, i: usize, depth: usize, config: &Config) -> f64 {
        if i + 1 >= depth {
            return 1.0;
        }
        config
            .category_ancestor_share
            .powi(i32::try_from(depth - i - 1).unwrap_or(i32::MAX))
    }
}

impl Profile {
    /// Where the part of item `id` is kept, if it is.
    pub(super) fn taught_at(&self, id: &str) -> Option<usize> {
        self.taught.iter().position(|t| t.id() == id)
    }

    /// Keeps that item `id` added `weight` at `now` to `keys` (its view counted when
    /// `counted`), first in the list; a new entry only when `start` (not for impressions).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn keep_taught(
        &mut self,
        id: &str,
        keys: Vec<String>,
        weight: f64,
        counted: bool,
        start: bool,
        config: &Config,
        now: Minutes,
    ) {
        if !self.taught_front(id, start && (weight > 0.0 || counted), now) {
            return;
        }
        let n = keys.len();
        if let (Some(t), true) = (self.taught.first_mut(), n > 0) {
            t.1 = keys;
            t.measure();
        }
        self.learn_taught(n, weight, counted, config, now);
    }

    /// Moves item `id`'s part first (the others keep their order), or starts one there when
    /// `start` (the last one goes when the list is full). False when it has none to keep.
    pub(super) fn taught_front(&mut self, id: &str, start: bool, now: Minutes) -> bool {
        // `remove` and `insert`, not `rotate_right`: as fast for 30 entries, and the wasm
        // has them already (a rotation added 220 bytes gzip).
        let t = match self.taught_at(id) {
            Some(i) => self.taught.remove(i),
            None if start => Taught::new(Affinity::new(id.to_owned(), now), Vec::new()),
            None => return false,
        };
        self.taught.insert(0, t);
        self.taught.truncate(MAX_TAUGHT);
        true
    }

    /// Adds to the first part (see [`Profile::taught_front`]) `weight` at `now`, its view
    /// counted when `counted`, and keeps its first `n` keys (all when `n` is 0: an item with
    /// no keys keeps those it fed before).
    pub(super) fn learn_taught(
        &mut self,
        n: usize,
        weight: f64,
        counted: bool,
        config: &Config,
        now: Minutes,
    ) {
        let Some(t) = self.taught.first_mut() else {
            return;
        };
        let (hl, shl) = (config.half_life_minutes(), config.session_half_life_minutes);
        t.0.add(weight, now, hl, shl);
        if counted {
            t.0 .4 = t.0 .4.saturating_add(1);
        }
        if n > 0 {
            t.truncate_keys(n);
        }
    }

    /// Takes back what item `id` taught (see the module docs): returns whether its part was
    /// kept.
    pub(super) fn take_back(&mut self, id: &str, config: &Config) -> bool {
        let Some(i) = self.taught_at(id) else {
            return false;
        };
        let t = self.taught.remove(i);
        let (hl, shl) = (config.half_life_minutes(), config.session_half_life_minutes);
        let depth = t.1.iter().filter(|k| k.starts_with(CATEGORY)).count();
        for (n, key) in t.1.iter().enumerate() {
            let Some(j) = self.find_key(key) else {
                continue;
            };
            let share = t.share(n, depth, config);
            let Some(a) = self.affinities.get_mut(j) else {
                continue;
            };
            // Both decayed to the later of their times: what the item's part is worth there.
            let at = a.3.max(t.0 .3);
            let (long, session) = t.0.decayed(at, hl, shl);
            a.take(long * share, session * share, at, hl, shl);
            a.4 = a.4.saturating_sub(t.0 .4);
            if strength(a, config, at) < MIN_SIGNAL {
                self.affinities.remove(j);
            }
        }
        true
    }

    /// Forgets the parts older than the interests' maximum age, and those that faded below
    /// [`MIN_SIGNAL`] and whose view counts nowhere.
    pub(super) fn compact_taught(&mut self, config: &Config, now: Minutes) {
        let max_age = config.signal_max_age_days * MINUTES_PER_DAY;
        self.taught.retain(|t| {
            elapsed(t.0 .3, now) <= max_age
                && (t.0 .4 > 0 || strength(&t.0, config, now) >= MIN_SIGNAL)
        });
    }

    /// Takes the removed interest `key` out of every item's kept keys: its name is not kept.
    /// Its place stays, as its kind alone (`c:`), so the category levels after it keep their
    /// share; no interest has that key.
    pub(super) fn forget_taught_key(&mut self, key: &str) {
        for t in &mut self.taught {
            let mut cut = false;
            for k in &mut t.1 {
                if k == key {
                    k.truncate(2);
                    cut = true;
                }
            }
            if cut {
                t.measure();
            }
        }
    }

    /// Rounds the kept parts' numbers (a non-finite one is 0) and keeps at most [`MAX_TAUGHT`]
    /// parts of at most [`MAX_TAUGHT_KEYS`] keys each: what a damaged or hostile `it` could
    /// make large. Their keys need no check: a key no interest has takes nothing back. Returns
    /// whether any was cut.
    pub(super) fn clean_taught(&mut self) -> bool {
        let mut cut = self.taught.len() > MAX_TAUGHT;
        self.taught.truncate(MAX_TAUGHT);
        for t in &mut self.taught {
            t.0 .1 = quantize(t.0 .1);
            t.0 .2 = quantize(t.0 .2);
            cut |= t.1.len() > MAX_TAUGHT_KEYS;
            t.1.truncate(MAX_TAUGHT_KEYS);
            t.measure();
        }
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_follow_the_category_levels_and_are_one_for_other_keys() {
        let t = Taught::new(
            Affinity::new("x".into(), 0),
            vec!["c:a".into(), "c:a>b".into(), "c:a>b>c".into(), "b:z".into()],
        );
        let c = Config::default();
        let s = c.category_ancestor_share;
        let shares: Vec<f64> = (0..4).map(|i| t.share(i, 3, &c)).collect();
        assert_eq!(shares, vec![s * s, s, 1.0, 1.0]);
    }

    #[test]
    fn impressions_add_to_a_kept_part_but_never_start_one() {
        let c = Config::default();
        let mut p = Profile::new(10);
        p.keep_taught("x", vec!["b:z".into()], 0.1, false, false, &c, 10);
        assert!(p.taught.is_empty());
        p.keep_taught("x", vec!["b:z".into()], 1.0, true, true, &c, 10);
        p.keep_taught("x", vec![], 0.1, false, false, &c, 10);
        assert_eq!(p.taught.len(), 1);
        assert_eq!((p.taught[0].0 .1, p.taught[0].0 .4), (1.1, 1));
        assert_eq!(p.taught[0].1, vec!["b:z".to_owned()]);
        for i in 0..40 {
            p.keep_taught(&i.to_string(), vec![], 1.0, false, true, &c, 10);
        }
        assert_eq!(p.taught.len(), MAX_TAUGHT);
        assert_eq!(p.taught[0].id(), "39");
    }
}
