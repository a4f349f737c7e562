//! One decayed interest: a long-term and a session accumulator for one facet key.

use serde::{Deserialize, Serialize};

use super::budget::json_str_len;
use crate::core::hash::key_hash;
use crate::core::time::{decay_factor, elapsed, long_term_decay_factor, Minutes};

/// Largest value an accumulator can hold; keeps stored numbers short and finite.
pub const MAX_SCORE: f64 = 1_000_000.0;

/// Rounds to three decimals and clamps into [0, [`MAX_SCORE`]], so stored numbers stay short
/// (at most 11 characters) and non-finite values cannot enter.
// Out of line: inlined, its body was repeated at each of its eight call sites (five in
// `Profile::repair`).
#[inline(never)]
pub fn quantize(x: f64) -> f64 {
    if !x.is_finite() || x <= 0.0 {
        return 0.0;
    }
    (x.min(MAX_SCORE) * 1000.0).round() / 1000.0
}

/// An interest in one facet value, stored as `[key, long, session, at, count]`. The upper bound
/// of the key's JSON text is kept with it, measured when the key is set (never stored): the size
/// budget is checked after every event, and counting every interest's key each time was most of
/// that check. The key is private ([`Affinity::key`], [`Affinity::from_parts`]) so no change
/// can miss it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Affinity(
    /// Facet key such as `c:shoes`.
    String,
    /// Long-term accumulator, as of `at`.
    pub f64,
    /// Session accumulator, as of `at`.
    pub f64,
    /// Minute of the last update.
    pub Minutes,
    /// How many distinct recently viewed items (or searches, for search terms) added to this
    /// interest, saturating; it lets "why am I seeing this?" say "you viewed 3 items in …".
    /// Absent (0) in interests stored before it existed (`[key, long, session, at]`).
    #[serde(default)]
    pub u32,
    /// The upper bound of the key's JSON text ([`json_str_len`]).
    #[serde(skip)]
    usize,
    /// The key's hash ([`key_hash`]): finding an interest by its key compares hashes, and the
    /// strings only where the hashes match.
    #[serde(skip)]
    u32,
);

/// An interest as stored: read, then measured ([`Affinity::from_parts`]).
#[derive(Deserialize)]
struct Stored(String, f64, f64, Minutes, #[serde(default)] u32);

impl From<Stored> for Affinity {
    fn from(Stored(key, long, session, at, count): Stored) -> Affinity {
        Affinity::from_parts(key, long, session, at, count)
    }
}

impl Affinity {
    /// A new, empty interest in `key` at time `now`.
    pub fn new(key: String, now: Minutes) -> Affinity {
        Affinity::from_parts(key, 0.0, 0.0, now, 0)
    }

    /// The interest in `key` with its accumulators `long` and `session` as of minute `at`, and
    /// its count.
    pub fn from_parts(key: String, long: f64, session: f64, at: Minutes, count: u32) -> Affinity {
        let (len, hash) = (json_str_len(&key), key_hash(&key) as u32);
        Affinity(key, long, session, at, count, len, hash)
    }

    /// The facet key.
    pub fn key(&self) -> &str {
        &self.0
    }

    /// True when the key is `key`, whose [`key_hash`] is `hash`.
    pub fn has_key(&self, hash: u32, key: &str) -> bool {
        self.6 == hash && self.0 == key
    }

    /// The key's [`key_hash`], kept with it.
    pub fn key_hash(&self) -> u32 {
        self.6
    }

    /// Replaces the key (case folding, splitting search terms on restore) and measures it.
    pub(super) fn set_key(&mut self, key: String) {
        self.5 = json_str_len(&key);
        self.6 = key_hash(&key) as u32;
        self.0 = key;
    }

    /// The upper bound of the key's JSON text, quotes included ([`json_str_len`]).
    pub fn key_json_len(&self) -> usize {
        self.5
    }

    /// How many distinct items viewed (or searches made) added to this interest.
    pub fn count(&self) -> u32 {
        self.4
    }

    /// Long-term and session values decayed to `now` (half-lives in minutes). The long-term
    /// value loses at most [`MAX_DECAY_HALF_LIVES`](crate::core::time::MAX_DECAY_HALF_LIVES)
    /// half-lives in one step.
    pub fn decayed(&self, now: Minutes, half_life: f64, session_half_life: f64) -> (f64, f64) {
        let dt = elapsed(self.3, now);
        (
            self.1 * long_term_decay_factor(dt, half_life),
            self.2 * decay_factor(dt, session_half_life),
        )
    }

    /// Decays to `now`, then adds `weight` (may be negative; the result never goes below 0).
    /// A clock that went backwards leaves `at` where it was, so no signal grows or vanishes.
    pub fn add(&mut self, weight: f64, now: Minutes, half_life: f64, session_half_life: f64) {
        // `x - -w` is `x + w` exactly (IEEE 754): one body for both (smaller wasm).
        self.take(-weight, -weight, now, half_life, session_half_life);
    }

    /// Decays to `now`, then subtracts `long` and `session` (one item's part, decayed to
    /// `now`) from the two accumulators; neither goes below 0. A clock that went backwards
    /// leaves `at` where it was.
    pub fn take(&mut self, long: f64, session: f64, now: Minutes, hl: f64, shl: f64) {
        let (l, s) = self.decayed(now, hl, shl);
        self.1 = quantize(l - long);
        self.2 = quantize(s - session);
        self.3 = self.3.max(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_decays_then_accumulates() {
        let mut a = Affinity::new("c:x".into(), 1000);
        a.add(4.0, 1000, 60.0, 30.0);
        assert_eq!((a.1, a.2), (4.0, 4.0));
        // One long half-life later: 4 * 0.5 + 1 = 3; session: two half-lives, 4 * 0.25 + 1 = 2.
        a.add(1.0, 1060, 60.0, 30.0);
        assert_eq!((a.1, a.2, a.3), (3.0, 2.0, 1060));
        // Removal never goes negative.
        a.add(-10.0, 1060, 60.0, 30.0);
        assert_eq!((a.1, a.2), (0.0, 0.0));
    }

    #[test]
    fn backwards_clock_keeps_values() {
        let mut a = Affinity::new("c:x".into(), 5000);
        a.add(2.0, 5000, 60.0, 30.0);
        a.add(1.0, 10, 60.0, 30.0);
        assert_eq!((a.1, a.3), (3.0, 5000));
    }

    #[test]
    fn found_by_its_key_after_the_key_changes() {
        let found = |a: &Affinity, key: &str| a.has_key(key_hash(key) as u32, key);
        let mut a = Affinity::new("c:Shoes".into(), 0);
        assert!(found(&a, "c:Shoes") && !found(&a, "c:shoes"));
        a.set_key("c:shoes".into());
        assert!(found(&a, "c:shoes") && !found(&a, "c:Shoes"));
    }

    #[test]
    fn quantize_is_short_and_finite() {
        assert_eq!(quantize(f64::NAN), 0.0);
        assert_eq!(quantize(1e300), MAX_SCORE);
        assert_eq!(quantize(0.123_456), 0.123);
        assert_eq!(quantize(-3.0), 0.0);
    }
}
