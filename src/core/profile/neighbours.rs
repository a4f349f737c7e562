//! The neighbour cache: for the items in the shopper's own history, the neighbour lists their
//! product pages handed over, plus a recency-weighted view count per item.
//!
//! Lists arrive with the page of the item they belong to (never fetched for past items), so the
//! cache is what lets recommendations use the whole history without any request revealing it.
//! Entries are kept newest first; the budget prunes the lists of the oldest entries first.

use serde::{Deserialize, Serialize};

use super::affinity::quantize;
use super::budget;
use crate::core::limits::MAX_STRING_BYTES;
use crate::core::pack::validate::MAX_NEIGHBOURS;
use crate::core::pack::{Weighted, WEIGHT_SCALE};

/// Most items kept in the cache (the same as the recently viewed list).
pub const MAX_CACHED_ITEMS: usize = 30;

/// Share of an item's repeat weight left after each later item view (range (0, 1)); close to 1, so the
/// weight is a view count in which recent views break ties.
pub const REPEAT_DECAY: f64 = 0.98;

/// One cached item, stored as `[id, views, at, related, bought]`. The upper bound of its JSON
/// is kept with it, measured when it is built and whenever its lists change (never stored): the
/// size budget is checked after every event. The id and lists are private
/// ([`CachedItem::new`], [`CachedItem::related`], [`CachedItem::bought`]) so no change can
/// miss it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct CachedItem(
    /// Item id.
    String,
    /// Recency-weighted number of views, as of tick `at` (0 when only its data was handed over).
    pub f64,
    /// Tick of the last view (or of the data hand-over).
    pub u32,
    /// Items viewed together with this one, strongest first (weights 1..=1000).
    Vec<Weighted>,
    /// Items bought together with this one, strongest first (weights 1..=1000).
    Vec<Weighted>,
    /// The upper bound of the item's JSON ([`budget::cached_len`]).
    #[serde(skip)]
    usize,
);

/// A cached item as stored: read, then measured ([`CachedItem::new`]).
#[derive(Deserialize)]
struct Stored(String, f64, u32, Vec<Weighted>, Vec<Weighted>);

impl From<Stored> for CachedItem {
    fn from(Stored(id, views, at, related, bought): Stored) -> CachedItem {
        CachedItem::new(id, views, at, related, bought)
    }
}

impl CachedItem {
    /// Item `id` viewed `views` times (weighted by recency) as of tick `at`, with its lists of
    /// items viewed (`related`) and bought together with it.
    pub fn new(
        id: String,
        views: f64,
        at: u32,
        related: Vec<Weighted>,
        bought: Vec<Weighted>,
    ) -> CachedItem {
        let mut e = CachedItem(id, views, at, related, bought, 0);
        e.measure();
        e
    }

    /// Measures the item again after its lists changed.
    fn measure(&mut self) {
        self.5 = budget::cached_len(&self.0, &self.3, &self.4);
    }

    /// Replaces both lists and measures the item again.
    pub(super) fn set_lists(&mut self, related: Vec<Weighted>, bought: Vec<Weighted>) {
        self.3 = related;
        self.4 = bought;
        self.measure();
    }

    /// The item id.
    pub fn id(&self) -> &str {
        &self.0
    }

    /// Items viewed together with this one, strongest first.
    pub fn related(&self) -> &[Weighted] {
        &self.3
    }

    /// Items bought together with this one, strongest first.
    pub fn bought(&self) -> &[Weighted] {
        &self.4
    }

    /// The upper bound of the item's JSON, `["id",views,at,[…],[…]],` ([`budget::cached_len`]),
    /// kept up to date as its lists change.
    pub fn json_len(&self) -> usize {
        self.5
    }

    /// Views weighted by recency as of `tick`.
    pub fn views_at(&self, tick: u32) -> f64 {
        self.1 * REPEAT_DECAY.powi(age(self.2, tick))
    }
}

/// Whole views between `at` and `tick` (0 when `at` is not older).
pub fn age(at: u32, tick: u32) -> i32 {
    i32::try_from(tick.saturating_sub(at)).unwrap_or(i32::MAX)
}

/// The cache: a view clock and its entries, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeighbourCache {
    /// Item views so far (the clock entries are aged by).
    #[serde(rename = "t")]
    pub tick: u32,
    /// Cached items, newest first.
    #[serde(rename = "i")]
    pub items: Vec<CachedItem>,
}

impl NeighbourCache {
    /// Records a view of `id`: the clock advances and the item moves to the front.
    pub fn viewed(&mut self, id: &str) {
        self.tick = self.tick.saturating_add(1);
        let tick = self.tick;
        let mut entry = self.take(id);
        entry.1 = quantize(entry.views_at(tick) + 1.0);
        entry.2 = tick;
        self.items.insert(0, entry);
        self.items.truncate(MAX_CACHED_ITEMS);
    }

    /// Stores the neighbour lists handed over for `id` (replacing older ones) and moves it to the
    /// front.
    pub fn set_data(&mut self, id: &str, related: Vec<Weighted>, bought: Vec<Weighted>) {
        let mut entry = self.take(id);
        entry.set_lists(related, bought);
        self.items.insert(0, entry);
        self.items.truncate(MAX_CACHED_ITEMS);
    }

    /// The entry for `id`, if cached.
    pub fn get(&self, id: &str) -> Option<&CachedItem> {
        self.items.iter().find(|e| e.0 == id)
    }

    /// Removes and returns the entry for `id`, or a fresh one.
    pub(super) fn take(&mut self, id: &str) -> CachedItem {
        match self.items.iter().position(|e| e.0 == id) {
            Some(i) => self.items.remove(i),
            None => CachedItem::new(id.to_owned(), 0.0, self.tick, Vec::new(), Vec::new()),
        }
    }
}

fn clean_list(list: &mut Vec<Weighted>) -> bool {
    let before = list.len();
    let mut seen: Vec<String> = Vec::new();
    list.retain(|n| {
        let ok = !n.0.trim().is_empty()
            && n.0.len() <= MAX_STRING_BYTES
            && (1..=WEIGHT_SCALE).contains(&n.1)
            && !seen.contains(&n.0);
        if ok {
            seen.push(n.0.clone());
        }
        ok
    });
    list.truncate(MAX_NEIGHBOURS);
    list.len() != before
}

impl NeighbourCache {
    /// Drops entries and neighbours that could not have been written by this engine (bad ids,
    /// weights out of range, repeats, ticks from the future). Returns whether anything changed.
    pub fn repair(&mut self) -> bool {
        let before = self.items.len();
        let tick = self.tick;
        let mut seen: Vec<String> = Vec::new();
        self.items.retain(|e| {
            let ok = !e.0.trim().is_empty()
                && e.0.len() <= MAX_STRING_BYTES
                && e.1.is_finite()
                && e.1 >= 0.0
                && e.2 <= tick
                && !seen.contains(&e.0);
            if ok {
                seen.push(e.0.clone());
            }
            ok
        });
        let mut repaired = self.items.len() != before || self.items.len() > MAX_CACHED_ITEMS;
        self.items.truncate(MAX_CACHED_ITEMS);
        for e in &mut self.items {
            e.1 = quantize(e.1);
            let cut = clean_list(&mut e.3) | clean_list(&mut e.4);
            if cut {
                e.measure();
            }
            repaired |= cut;
        }
        repaired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(id: &str) -> Weighted {
        Weighted(id.into(), 500)
    }

    #[test]
    fn views_move_to_front_and_repeat_views_add_up() {
        let mut c = NeighbourCache::default();
        c.viewed("a");
        c.viewed("b");
        c.viewed("a");
        let ids: Vec<&str> = c.items.iter().map(CachedItem::id).collect();
        assert_eq!(ids, vec!["a", "b"]);
        let a = c.get("a").unwrap();
        assert!((a.views_at(c.tick) - (1.0 + REPEAT_DECAY * REPEAT_DECAY)).abs() < 1e-3);
        assert_eq!(c.get("b").unwrap().views_at(c.tick), REPEAT_DECAY);
    }

    #[test]
    fn data_is_kept_across_views_and_the_cache_is_bounded() {
        let mut c = NeighbourCache::default();
        c.set_data("a", vec![w("x")], vec![w("y")]);
        c.viewed("a");
        assert_eq!(c.get("a").unwrap().3, vec![w("x")]);
        assert_eq!(c.get("a").unwrap().1, 1.0);
        for i in 0..MAX_CACHED_ITEMS + 5 {
            c.viewed(&i.to_string());
        }
        assert_eq!(c.items.len(), MAX_CACHED_ITEMS);
        assert!(c.get("a").is_none());
    }

    #[test]
    fn repair_drops_what_this_engine_never_writes() {
        let mut c = NeighbourCache::default();
        c.viewed("a");
        c.set_data(
            "a",
            vec![w("x"), w("x"), Weighted("y".into(), 5000)],
            vec![],
        );
        c.items
            .push(CachedItem::new("a".into(), 1.0, 0, vec![], vec![]));
        c.items
            .push(CachedItem::new("z".into(), f64::NAN, 0, vec![], vec![]));
        c.items
            .push(CachedItem::new("f".into(), 1.0, 99, vec![], vec![]));
        assert!(c.repair());
        assert_eq!(c.items.len(), 1);
        assert_eq!(c.items[0].3, vec![w("x")]);
        assert!(!c.repair());
    }
}
