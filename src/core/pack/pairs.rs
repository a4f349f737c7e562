//! Pair tables for the pack builder: per source item, the weight of every item seen near it
//! and the number of distinct sessions supporting each pair.
//!
//! One small open-addressing table per source item, 16 bytes a pair (target, sessions,
//! weight): a shop with few items and long sessions (YOOCHOOSE-like: 30,000 items, tens of
//! millions of distinct pairs) holds every pair at once, and one table for all of them needed
//! 24 bytes a pair plus, while it grew, its old and new copies together, then a list of every
//! pair above the threshold to sort (BENCHMARKS "Speed and memory"). Weights are added in the
//! same order as before (session by session, in click order), so every sum is the same number.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use super::int_hash::{IntHasher, IntMap};
use super::WEIGHT_SCALE;

/// One pair: its target, the distinct sessions supporting it (0: a free slot) and its weight.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    to: u32,
    sessions: u32,
    weight: f64,
}

/// One source item's targets, in a table of `2^n` slots at most 7/8 full (linear probing).
#[derive(Debug, Default)]
struct Targets {
    slots: Vec<Slot>,
    len: usize,
}

/// Where `to` is in `slots`, or the free slot it would take. `None` only for an empty table.
fn position(slots: &[Slot], to: u32) -> Option<usize> {
    let mask = slots.len().checked_sub(1)?;
    let mixed = u64::from(to).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let mut i = (mixed >> 32) as usize & mask;
    // Never full (grown at 7/8), so the probe ends at `to` or a free slot.
    for _ in 0..slots.len() {
        let s = slots.get(i)?;
        if s.sessions == 0 || s.to == to {
            return Some(i);
        }
        i = (i + 1) & mask;
    }
    None
}

impl Targets {
    fn get(&self, to: u32) -> Option<&Slot> {
        let s = self.slots.get(position(&self.slots, to)?)?;
        (s.sessions > 0).then_some(s)
    }

    /// Adds `w` to the pair's weight, and one supporting session if `first` in this session.
    fn add(&mut self, to: u32, w: f64, first: bool) {
        let mut at = position(&self.slots, to);
        let free = at
            .and_then(|i| self.slots.get(i))
            .map_or(true, |s| s.sessions == 0);
        if free && (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
            at = position(&self.slots, to);
        }
        if let Some(s) = at.and_then(|i| self.slots.get_mut(i)) {
            if s.sessions == 0 {
                *s = Slot {
                    to,
                    sessions: 0,
                    weight: 0.0,
                };
                self.len += 1;
            }
            s.weight += w;
            if first {
                s.sessions = s.sessions.saturating_add(1);
            }
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(8);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for s in old.into_iter().filter(|s| s.sessions > 0) {
            if let Some(free) = position(&self.slots, s.to).and_then(|i| self.slots.get_mut(i)) {
                *free = s;
            }
        }
    }
}

/// Pair weights and the number of distinct sessions supporting each pair.
#[derive(Debug, Default)]
pub(super) struct Pairs {
    from: Vec<Targets>,
    /// Items the current session holds more than once, in order: only a pair with one of
    /// them can come twice in it.
    repeated: Vec<u32>,
    /// Pairs with a repeated item counted in the current session.
    counted: HashSet<u64, BuildHasherDefault<IntHasher>>,
    scratch: Vec<u32>,
}

impl Pairs {
    /// Starts a session of `items`: each pair added until the next start counts it once.
    pub(super) fn start(&mut self, items: &[u32]) {
        self.scratch.clear();
        self.scratch.extend_from_slice(items);
        self.scratch.sort_unstable();
        self.repeated.clear();
        for w in self.scratch.windows(2) {
            if let [x, y] = *w {
                if x == y && self.repeated.last() != Some(&x) {
                    self.repeated.push(x);
                }
            }
        }
        self.counted.clear();
    }

    /// Distinct sessions in which `b` was seen near `a` (0 if never).
    pub(super) fn support(&self, a: u32, b: u32) -> u32 {
        self.from
            .get(a as usize)
            .and_then(|t| t.get(b))
            .map_or(0, |s| s.sessions)
    }

    /// Adds `w` to the pair `a -> b` in the current session (nothing for `a == b` or `w <= 0`).
    pub(super) fn add(&mut self, a: u32, b: u32, w: f64) {
        if a == b || w <= 0.0 {
            return;
        }
        let repeats = |i: u32| self.repeated.binary_search(&i).is_ok();
        let first = self.repeated.is_empty()
            || !(repeats(a) || repeats(b))
            || self.counted.insert((u64::from(a) << 32) | u64::from(b));
        let i = a as usize;
        if i >= self.from.len() {
            self.from.resize_with(i + 1, Targets::default);
        }
        if let Some(t) = self.from.get_mut(i) {
            t.add(b, w, first);
        }
    }

    /// Per source item, its top `n` targets as weights in `1..=1000`: the pair weight over the
    /// source's own count plus `smoothing`, capped at 1. Pairs below `k` sessions are dropped.
    pub(super) fn top(
        &self,
        own: &[f64],
        k: u32,
        n: usize,
        smoothing: f64,
    ) -> IntMap<u32, Vec<(u32, u32)>> {
        let mut out: IntMap<u32, Vec<(u32, u32)>> = IntMap::default();
        let mut row: Vec<(u32, f64)> = Vec::new();
        for (a, targets) in self.from.iter().enumerate() {
            let count = own.get(a).copied().unwrap_or(0.0);
            row.clear();
            row.extend(
                targets
                    .slots
                    .iter()
                    .filter(|s| s.sessions >= k.max(1))
                    .map(|s| (s.to, s.weight / (count + smoothing))),
            );
            if row.is_empty() {
                continue;
            }
            row.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let list = row
                .iter()
                .take(n)
                .map(|&(b, w)| {
                    let q = (w.min(1.0) * f64::from(WEIGHT_SCALE)).round().max(1.0) as u32;
                    (b, q)
                })
                .collect();
            out.insert(u32::try_from(a).unwrap_or(u32::MAX), list);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: usize = 20;
    const SMOOTHING: f64 = 2.0;

    /// The one-table layout these tables replaced, kept as the reference they must match.
    #[derive(Default)]
    struct Reference {
        acc: IntMap<u64, (f64, u32, u32)>,
    }

    impl Reference {
        fn add(&mut self, a: u32, b: u32, w: f64, session: u32) {
            if a == b || w <= 0.0 {
                return;
            }
            let e = self
                .acc
                .entry((u64::from(a) << 32) | u64::from(b))
                .or_insert((0.0, 0, u32::MAX));
            e.0 += w;
            if e.2 != session {
                e.1 += 1;
                e.2 = session;
            }
        }

        /// `Pairs::top` with `N` targets kept and smoothing `SMOOTHING`.
        fn top(&self, own: &[f64], k: u32) -> IntMap<u32, Vec<(u32, u32)>> {
            let mut rows: Vec<(u32, u32, f64)> = self
                .acc
                .iter()
                .filter(|(_, (_, sessions, _))| *sessions >= k)
                .map(|(&key, &(w, _, _))| {
                    let (a, b) = ((key >> 32) as u32, key as u32);
                    (a, b, w / (own[a as usize] + SMOOTHING))
                })
                .collect();
            rows.sort_unstable_by(|x, y| {
                x.0.cmp(&y.0).then(y.2.total_cmp(&x.2)).then(x.1.cmp(&y.1))
            });
            let mut out: IntMap<u32, Vec<(u32, u32)>> = IntMap::default();
            for (a, b, w) in rows {
                let list = out.entry(a).or_default();
                if list.len() < N {
                    let q = (w.min(1.0) * f64::from(WEIGHT_SCALE)).round().max(1.0) as u32;
                    list.push((b, q));
                }
            }
            out
        }
    }

    #[test]
    fn every_weight_support_and_top_list_matches_the_one_table_layout() {
        // Sessions with repeats, over a few hot items and a long tail, weights that do not add
        // up exactly in binary: any change in the order of the sums would show.
        let mut seed = 7_u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % m
        };
        let (mut pairs, mut reference) = (Pairs::default(), Reference::default());
        let mut own = vec![0.0; 300];
        for session in 0..3000_u32 {
            let len = 1 + next(12) as usize;
            let items: Vec<u32> = (0..len)
                .map(|_| if next(3) == 0 { next(8) } else { next(300) } as u32)
                .collect();
            let w = 0.1 + f64::from(session) / 3000.0;
            pairs.start(&items);
            for (i, &a) in items.iter().enumerate() {
                own[a as usize] += w;
                for (d, &b) in items.iter().skip(i + 1).take(5).enumerate() {
                    let near = w / (d + 1) as f64;
                    pairs.add(a, b, near);
                    reference.add(a, b, near, session);
                    pairs.add(b, a, near * 0.3);
                    reference.add(b, a, near * 0.3, session);
                }
            }
        }
        assert!(reference.acc.len() > 20_000, "{}", reference.acc.len());
        for (&key, &(w, sessions, _)) in &reference.acc {
            let (a, b) = ((key >> 32) as u32, key as u32);
            let slot = pairs.from[a as usize].get(b).unwrap();
            assert_eq!(
                (slot.weight.to_bits(), slot.sessions),
                (w.to_bits(), sessions),
                "{a} {b}"
            );
        }
        let stored: usize = pairs.from.iter().map(|t| t.len).sum();
        assert_eq!(stored, reference.acc.len());
        assert_eq!(
            pairs.support(3, 299),
            reference.acc.get(&((3 << 32) | 299)).map_or(0, |e| e.1)
        );
        for k in [1, 2, 5] {
            assert_eq!(
                pairs.top(&own, k, N, SMOOTHING),
                reference.top(&own, k),
                "k = {k}"
            );
        }
    }
}
