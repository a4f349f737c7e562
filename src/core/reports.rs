//! One action, several reporters. In auto mode a shopper's click on an item, add to cart or
//! purchase can be reported by the page's markup (the click on a managed item, the marked
//! add-to-cart button, its marked form, the order confirmation), by the shop's own GA4
//! `dataLayer` push and by the shop's own `engine.track` call from its handler. The rule that
//! makes each action count once:
//!
//! - a report joins the oldest *open* action of the same kind about the same item ids that no
//!   report from its own source has joined yet, and is then not learned;
//! - a report that joins none is a new action: it is learned, and stays open for the other
//!   sources for [`WINDOW_MS`] (a purchase: as long as the page).
//!
//! So a button click, its form's submit, a GA4 `add_to_cart` push and a `track` call count
//! once, while two real adds of the same item count twice (each source reports each of them).
//! Product views and searches are made to count once elsewhere (the page's product,
//! [`super::page_views`]; the latest search). Without auto mode the JS API is the only source, so every `track` call counts.

use super::event::Event;
use super::hash::{hash_bytes, HASH_START};

/// A click on a managed item or a marked add-to-cart control.
pub const CLICK: u8 = 1;
/// The submit of a marked add-to-cart form.
pub const FORM: u8 = 2;
/// What the page shows on arrival (the order confirmation).
pub const PAGE: u8 = 4;
/// A GA4 `dataLayer` push.
pub const DATA_LAYER: u8 = 8;
/// The shop's own call of the JS API's `track` (always: without auto mode no other source
/// reports, so every call is a new action).
pub const API: u8 = 16;
/// An order the page's markup showed before, read again (its element read again, or the
/// order last read shown in another element: [`super::orders::is_new_order`]), maybe at
/// another address: never an action of its own, its key is kept (so a reload of an address
/// a single-page app gave the order late counts nothing).
pub const AGAIN: u8 = 32;

/// How long (ms) a click or an add to cart stays open for the other sources' reports.
pub const WINDOW_MS: f64 = 5_000.0;
/// Most open actions kept (the oldest is closed first).
pub const MAX_OPEN: usize = 16;

/// One action: its key (kind and items), the sources that reported it and when it began (a
/// purchase: never, so it stays open).
type Action = (u32, u8, f64);

/// The actions reported lately on this page: the latest [`MAX_OPEN`], in a ring.
#[derive(Debug, Clone)]
pub struct Reports {
    open: [Action; MAX_OPEN],
    next: usize,
}

impl Default for Reports {
    fn default() -> Self {
        Reports::new()
    }
}

impl Reports {
    /// No action reported yet.
    pub const fn new() -> Reports {
        Reports {
            open: [(0, 0, f64::NEG_INFINITY); MAX_OPEN],
            next: 0,
        }
    }

    /// [`Reports::is_new`] for a validated event: its kind and its items' ids.
    pub fn is_new_event(&mut self, event: &Event, source: u8, now_ms: f64) -> bool {
        let (kind, items) = match event {
            Event::SelectItem(item) => ("select_item", std::slice::from_ref(item)),
            Event::AddToCart(items) => ("add_to_cart", items.as_slice()),
            Event::Purchase(items, _) => ("purchase", items.as_slice()),
            _ => return true,
        };
        self.is_new(kind, items.iter().map(|i| i.id.as_str()), source, now_ms)
    }

    /// Records that `source` reported an event of `kind` about the items `ids` at `now_ms`.
    /// True when it is a new action, to be learned; false when it joins one another source
    /// reported. Kinds other than `select_item`, `add_to_cart` and `purchase` are always new.
    pub fn is_new<'a>(
        &mut self,
        kind: &str,
        ids: impl Iterator<Item = &'a str>,
        source: u8,
        now_ms: f64,
    ) -> bool {
        if !matches!(kind, "select_item" | "add_to_cart" | "purchase") {
            return true;
        }
        let mut key = hash_bytes(HASH_START, kind.as_bytes());
        for id in ids {
            // A sum: the same key whatever order each source lists the items in.
            key = key.wrapping_add(hash_bytes(HASH_START, id.trim().as_bytes()));
        }
        // Oldest first: the ring from `next` on.
        for i in 0..MAX_OPEN {
            if let Some(a) = self.open.get_mut((self.next + i) % MAX_OPEN) {
                if a.0 == key && a.1 & source == 0 && now_ms - a.2 <= WINDOW_MS {
                    a.1 |= source;
                    return false;
                }
            }
        }
        let at = if kind == "purchase" {
            f64::INFINITY
        } else {
            now_ms
        };
        if let Some(slot) = self.open.get_mut(self.next) {
            *slot = (key, source, at);
        }
        self.next = (self.next + 1) % MAX_OPEN;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(r: &mut Reports, kind: &str, ids: &[&str], source: u8, at: f64) -> bool {
        r.is_new(kind, ids.iter().copied(), source, at)
    }

    #[test]
    fn one_action_reported_by_two_sources_counts_once() {
        let mut r = Reports::default();
        assert!(report(&mut r, "select_item", &["a"], CLICK, 0.0));
        assert!(!report(&mut r, "select_item", &[" a "], DATA_LAYER, 10.0));
        // The GA4 push may come first, and a third source may join too.
        assert!(report(&mut r, "add_to_cart", &["a"], DATA_LAYER, 20.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], CLICK, 25.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], FORM, 30.0));
    }

    #[test]
    fn two_real_actions_count_twice_even_when_a_source_reports_late() {
        let mut r = Reports::default();
        assert!(report(&mut r, "add_to_cart", &["a"], CLICK, 0.0));
        assert!(report(&mut r, "add_to_cart", &["a"], CLICK, 1_000.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], DATA_LAYER, 1_500.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], DATA_LAYER, 2_000.0));
        assert!(report(&mut r, "add_to_cart", &["a"], DATA_LAYER, 2_500.0));
    }

    #[test]
    fn other_items_kinds_and_late_reports_are_new_actions() {
        let mut r = Reports::default();
        assert!(report(&mut r, "add_to_cart", &["a"], CLICK, 0.0));
        assert!(report(&mut r, "add_to_cart", &["b"], DATA_LAYER, 1.0));
        assert!(report(&mut r, "select_item", &["a"], DATA_LAYER, 2.0));
        assert!(report(
            &mut r,
            "add_to_cart",
            &["a"],
            DATA_LAYER,
            WINDOW_MS + 1.0
        ));
        for _ in 0..3 {
            assert!(report(&mut r, "view_item", &["a"], DATA_LAYER, 3.0));
            assert!(report(&mut r, "view_item", &["a"], PAGE, 3.0));
        }
    }

    #[test]
    fn the_js_api_is_one_more_source() {
        let mut r = Reports::default();
        // The shop's handler runs before the document's listener: the API reports first.
        assert!(report(&mut r, "add_to_cart", &["a"], API, 0.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], CLICK, 1.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], DATA_LAYER, 300.0));
        // Two calls are two actions; the markup's second report joins the second.
        assert!(report(&mut r, "add_to_cart", &["a"], API, 1_000.0));
        assert!(report(&mut r, "add_to_cart", &["a"], API, 1_001.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], CLICK, 1_002.0));
        assert!(!report(&mut r, "add_to_cart", &["a"], CLICK, 1_003.0));
        assert!(report(&mut r, "add_to_cart", &["a"], CLICK, 1_004.0));
    }

    #[test]
    fn a_purchase_stays_open_for_the_page_and_its_items_in_any_order() {
        let mut r = Reports::default();
        assert!(report(&mut r, "purchase", &["a", "b"], PAGE, 0.0));
        assert!(!report(
            &mut r,
            "purchase",
            &["b", "a"],
            DATA_LAYER,
            60_000.0
        ));
        assert!(report(&mut r, "purchase", &["a"], DATA_LAYER, 60_000.0));
    }

    #[test]
    fn the_oldest_open_action_is_closed_first() {
        let mut r = Reports::default();
        for i in 0..=MAX_OPEN {
            assert!(report(&mut r, "select_item", &[&i.to_string()], CLICK, 0.0));
        }
        assert!(!report(&mut r, "select_item", &["1"], DATA_LAYER, 1.0));
        assert!(report(&mut r, "select_item", &["0"], DATA_LAYER, 1.0));
    }
}
