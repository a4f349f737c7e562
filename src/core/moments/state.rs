//! What shopping moments keep in the profile: a few counters, bounded and repaired on load.
//! Field names are short because they are stored on every write.

use serde::{Deserialize, Serialize};

use crate::core::event::Event;
use crate::core::facet::{lower, price_band};
use crate::core::item::Item;
use crate::core::limits::MAX_STRING_BYTES;
use crate::core::profile::budget::json_str_len;
use crate::core::time::Minutes;

/// Most categories tracked for hesitation.
pub const MAX_HESITATION: usize = 6;
/// Priced views compared with a median before both counters are halved (older views fade).
pub const MAX_PRICE_VIEWS: u32 = 200;
/// Trigger kinds with a showing record.
pub const TRIGGER_KINDS: u32 = 4;

/// Moment counters stored in the profile under `m`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MomentState {
    /// Top-level category (lower-cased) → product views since the last add-to-cart or purchase
    /// from it; newest first, at most [`MAX_HESITATION`].
    #[serde(rename = "hv")]
    pub hesitation: Vec<(String, u32)>,
    /// Cart items left over from a previous visit when the current visit began.
    #[serde(rename = "cl")]
    pub carried: u32,
    /// Visits with at least one purchase.
    #[serde(rename = "pv")]
    pub purchase_visits: u32,
    /// The visit number of the latest purchase.
    #[serde(rename = "lp")]
    pub last_purchase_visit: u32,
    /// Priced views compared with their category median: `[below the median's band, compared]`.
    #[serde(rename = "pb")]
    pub price_views: [u32; 2],
    /// Trigger showings: `[kind, showings in that visit, visit number, minute of the last]`.
    #[serde(rename = "tg")]
    pub shown: Vec<[u32; 4]>,
    /// Holdout draw: a bucket in 1..=10000, 0 when not drawn yet.
    #[serde(rename = "hd")]
    pub draw: u32,
    /// Memoized randomized responses (see [`crate::core::moments::ldp`]).
    #[serde(rename = "ld")]
    pub ldp: u32,
}

/// The lower-cased top-level category of `item`, if it has one.
pub fn top_category(item: &Item) -> Option<String> {
    item.category.first().map(|c| lower(c.trim()))
}

/// The item's category path, lower-cased, levels joined by `>`.
fn category_path(item: &Item) -> String {
    let mut path = String::new();
    for (i, level) in item.category.iter().enumerate() {
        if i > 0 {
            path.push('>');
        }
        path.push_str(&lower(level.trim()));
    }
    path
}

/// The median of the longest path in `medians` that is `path` or one of its ancestors.
pub fn median_for<'a>(medians: &'a [(String, f64)], path: &str) -> Option<&'a f64> {
    medians
        .iter()
        .filter(|(k, _)| {
            path == k
                || (path.starts_with(k.as_str()) && path.get(k.len()..k.len() + 1) == Some(">"))
        })
        .max_by_key(|(k, _)| k.len())
        .map(|(_, m)| m)
}

impl MomentState {
    /// Updates the counters for one event learned during visit number `visit`.
    pub fn learn(&mut self, event: &Event, medians: &[(String, f64)], visit: u32) {
        match event {
            Event::ViewItem(item) => {
                if let Some(cat) = top_category(item) {
                    let n = self
                        .hesitation
                        .iter()
                        .position(|(c, _)| *c == cat)
                        .map_or(0, |i| self.hesitation.remove(i).1);
                    self.hesitation.insert(0, (cat, n.saturating_add(1)));
                    self.hesitation.truncate(MAX_HESITATION);
                }
                self.compare_price(item, medians);
            }
            Event::AddToCart(items) | Event::Purchase(items, _) => {
                for item in items {
                    if let Some(cat) = top_category(item) {
                        self.hesitation.retain(|(c, _)| *c != cat);
                    }
                }
                if matches!(event, Event::Purchase(..)) && self.last_purchase_visit != visit {
                    self.purchase_visits = self.purchase_visits.saturating_add(1);
                    self.last_purchase_visit = visit;
                }
            }
            _ => {}
        }
    }

    fn compare_price(&mut self, item: &Item, medians: &[(String, f64)]) {
        let (Some(price), Some(median)) = (item.price, median_for(medians, &category_path(item)))
        else {
            return;
        };
        let [below, compared] = &mut self.price_views;
        if *compared >= MAX_PRICE_VIEWS {
            *below /= 2;
            *compared /= 2;
        }
        *compared += 1;
        if price_band(price) < price_band(*median) {
            *below += 1;
        }
    }

    /// Upper bound of this state's JSON length, `,"m":{…}` included.
    pub fn estimate(&self) -> usize {
        const NUMBER: usize = 12;
        // Keys, braces, commas and seven numbers outside the lists.
        80 + 7 * NUMBER
            + self
                .hesitation
                .iter()
                .map(|(c, _)| json_str_len(c) + NUMBER + 4)
                .sum::<usize>()
            + self.shown.len() * (4 * NUMBER + 6)
    }

    /// Drops what cannot be trusted in stored state; returns whether anything was dropped or
    /// fixed. Times later than `now` (a clock that ran ahead) are clamped to it, not counted.
    pub fn repair(&mut self, now: Minutes) -> bool {
        // Repair only drops entries and lowers numbers: lengths and numbers tell what changed
        // (no copy of the state to compare with).
        let before = (
            self.hesitation.len(),
            self.shown.len(),
            self.price_views,
            self.draw,
        );
        let mut seen: Vec<String> = Vec::new();
        self.hesitation.retain(|(c, n)| {
            let ok = !c.is_empty() && c.len() <= MAX_STRING_BYTES && *n > 0 && !seen.contains(c);
            if ok {
                seen.push(c.clone());
            }
            ok
        });
        self.hesitation.truncate(MAX_HESITATION);
        let [below, compared] = &mut self.price_views;
        *compared = (*compared).min(MAX_PRICE_VIEWS);
        *below = (*below).min(*compared);
        let mut kinds: Vec<u32> = Vec::new();
        self.shown.retain(|[kind, _, _, _]| {
            let ok = *kind < TRIGGER_KINDS && !kinds.contains(kind);
            kinds.push(*kind);
            ok
        });
        if self.draw > 10_000 {
            self.draw = 0;
        }
        let damaged = before
            != (
                self.hesitation.len(),
                self.shown.len(),
                self.price_views,
                self.draw,
            );
        // A time from a clock that ran ahead is pulled back to now, not reported as damage
        // (as `Profile::clamp_times` does for the rest of the profile).
        for entry in &mut self.shown {
            if let Some(at) = entry.get_mut(3) {
                *at = (*at).min(now);
            }
        }
        damaged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shoe(price: f64) -> Item {
        Item {
            category: vec!["Shoes".into(), "Running".into()],
            price: Some(price),
            ..Item::with_id("s")
        }
    }

    #[test]
    fn views_count_per_category_until_add_to_cart() {
        let mut m = MomentState::default();
        for _ in 0..3 {
            m.learn(&Event::ViewItem(shoe(50.0)), &[], 1);
        }
        assert_eq!(m.hesitation, vec![("shoes".to_owned(), 3)]);
        m.learn(&Event::AddToCart(vec![shoe(50.0)]), &[], 1);
        assert!(m.hesitation.is_empty());
    }

    #[test]
    fn longest_median_prefix_wins_and_bands_compare() {
        let medians = vec![
            ("shoes".to_owned(), 200.0),
            ("shoes>running".to_owned(), 40.0),
        ];
        assert_eq!(median_for(&medians, "shoes>running"), Some(&40.0));
        assert_eq!(median_for(&medians, "shoes>trail"), Some(&200.0));
        assert_eq!(median_for(&medians, "shoesies"), None);
        let mut m = MomentState::default();
        m.learn(&Event::ViewItem(shoe(20.0)), &medians, 1);
        m.learn(&Event::ViewItem(shoe(41.0)), &medians, 1);
        assert_eq!(m.price_views, [1, 2]);
    }

    #[test]
    fn purchases_count_once_per_visit() {
        let mut m = MomentState::default();
        m.learn(&Event::Purchase(vec![shoe(1.0)], None), &[], 1);
        m.learn(&Event::Purchase(vec![shoe(1.0)], None), &[], 1);
        m.learn(&Event::Purchase(vec![shoe(1.0)], None), &[], 2);
        assert_eq!(m.purchase_visits, 2);
    }

    #[test]
    fn repair_drops_bad_entries() {
        let mut m = MomentState {
            hesitation: vec![("a".into(), 0), ("b".into(), 2), ("b".into(), 3)],
            price_views: [9, 3],
            shown: vec![[7, 1, 1, 1], [0, 1, 1, u32::MAX], [0, 1, 1, 1]],
            draw: 20_000,
            ..MomentState::default()
        };
        assert!(m.repair(100));
        assert_eq!(m.hesitation, vec![("b".to_owned(), 2)]);
        assert_eq!(m.price_views, [3, 3]);
        assert_eq!(m.shown, vec![[0, 1, 1, 100]]);
        assert_eq!(m.draw, 0);
        assert!(!m.repair(100));
    }

    #[test]
    fn repair_reports_each_kind_of_damage_on_its_own() {
        let clean = || MomentState {
            hesitation: vec![("a".into(), 1), ("b".into(), 2)],
            carried: 1,
            purchase_visits: 2,
            last_purchase_visit: 3,
            price_views: [1, 2],
            shown: vec![[0, 1, 1, 1], [1, 1, 1, 1]],
            draw: 10_000,
            ldp: 5,
        };
        let ahead = MomentState {
            shown: vec![[0, 1, 1, 500]],
            ..clean()
        };
        let mut m = ahead;
        assert!(
            !m.repair(100),
            "a time ahead of the clock is clamped, not damage"
        );
        assert_eq!(m.shown, vec![[0, 1, 1, 100]]);
        let damaged: [fn(&mut MomentState); 7] = [
            |m| m.hesitation.push(("a".into(), 4)),
            |m| m.hesitation.insert(0, ("".into(), 1)),
            |m| m.hesitation = vec![("x".into(), 1); MAX_HESITATION + 1],
            |m| m.price_views = [3, 2],
            |m| m.price_views = [0, MAX_PRICE_VIEWS + 1],
            |m| m.shown.push([1, 2, 2, 2]),
            |m| m.draw = 10_001,
        ];
        for (i, damage) in damaged.iter().enumerate() {
            let mut m = clean();
            assert!(!m.clone().repair(100));
            damage(&mut m);
            assert!(m.repair(100), "damage {i} not reported");
        }
    }
}
