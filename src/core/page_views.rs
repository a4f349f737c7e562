//! A product page's view, counted once however often the page shows it. A page load reads its
//! product when auto mode starts; a single-page app (Turbo, swup, an AJAX theme, a Next or Nuxt
//! storefront) renders the next route's markup into the same document, and a framework renders
//! the same route again whenever it likes, while the shop's GA4 tag may report the view before
//! or after the markup is there. The rule:
//!
//! - the page's view is learned when the product the page shows changes: another product, or a
//!   product after a route that showed none (so going back to a product page is a new view, as
//!   a page load would be); the same product shown again (a re-render, a variant's address) is
//!   not;
//! - another source's view of a product the page shows is not learned; one of another product
//!   is (each item of a view listing several, the latest [`REPORTED`] kept), and the page then
//!   showing that product before the address changes is not learned again;
//! - on a route, the page's product is named by a JSON-LD block the route added or changed, or
//!   by the one that named it before: a block an earlier route left in `<head>` names nothing
//!   ([`naming`]);
//! - a route rendered with no new address (an app that renders first and changes the address
//!   after a request) has its search and order, which the address gives or keys, read once the
//!   address changes, or [`SETTLE_MS`] after it was rendered at the latest ([`settled`]), or
//!   when a route with an address of its own comes first or the page is left; the search and
//!   order markup the page dropped meanwhile (the shopper moved on, the next route's markup
//!   replaced it) is read then too, if it still carries its mark, each order element once
//!   (the key it showed is kept on it: [`super::orders::shown_order`]), so an order two
//!   elements showed at the address it ends up with counts once (one
//!   [`super::orders::order_key`]).

use super::hash::{hash_bytes, HASH_START};

/// How many views another source reported ahead of the page are kept (the latest; a GA4
/// `view_item` usually lists one item, a few for a product's variants).
pub const REPORTED: usize = 8;

/// The product the page shows and the views another source reported ahead of it, each as the
/// hash of its trimmed id (0: none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageViews {
    shown: u32,
    reported: [u32; REPORTED],
    /// Where the next reported view goes in `reported` (a ring).
    next: usize,
}

/// The key of product `id` (never 0).
fn key(id: Option<&str>) -> u32 {
    id.map_or(0, |id| hash_bytes(HASH_START, id.trim().as_bytes()) | 1)
}

impl PageViews {
    /// No product shown, no view reported.
    pub const fn new() -> PageViews {
        PageViews {
            shown: 0,
            reported: [0; REPORTED],
            next: 0,
        }
    }

    /// The page now shows product `id` (`None`: no product). True when its view is to be
    /// learned.
    pub fn shows(&mut self, id: Option<&str>) -> bool {
        let id = key(id);
        if self.shown == id {
            return false;
        }
        self.shown = id;
        let reported = self.reported.contains(&id);
        self.new_address();
        id != 0 && !reported
    }

    /// Another source (a GA4 `view_item` push) reports a view of `id`. True when it is to be
    /// learned: it is not the product the page shows.
    pub fn reported(&mut self, id: &str) -> bool {
        let id = key(Some(id));
        if self.shown == id {
            return false;
        }
        let next = self.next % REPORTED;
        if let Some(slot) = self.reported.get_mut(next) {
            *slot = id;
        }
        self.next = next + 1;
        true
    }

    /// The page's address changed: the views reported for the page before are forgotten.
    pub fn new_address(&mut self) {
        self.reported = [0; REPORTED];
    }
}

/// What a JSON-LD block may do when a route is read ([`naming`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// Name the page's product: the first such block with a `Product` does.
    First,
    /// Name it when no [`Naming::First`] block has a `Product`.
    Again,
    /// Name nothing.
    Never,
}

/// What a JSON-LD block may do when a route is read. A block the reads had not seen with its
/// text (`seen` false: added since the previous read, or its text changed) may name the
/// page's product, the first one with a `Product` in document order; else the block that
/// named it at the previous read (`named`), unchanged, names it again (the same route shown
/// again); a block seen before that named nothing (a `Product` an earlier route left in
/// `<head>`) names nothing. On a page load no block was seen: the first `Product` names the
/// product, as ever.
pub fn naming(seen: bool, named: bool) -> Naming {
    match (seen, named) {
        (false, _) => Naming::First,
        (true, true) => Naming::Again,
        (true, false) => Naming::Never,
    }
}

/// Which markup names the page's product when a route is read ([`names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// A JSON-LD block's `Product`.
    Block,
    /// The `data-sw-product` element.
    Element,
}

/// Which markup names the page's product: a JSON-LD block with a `Product` the reads had not
/// seen (`new_block`: [`Naming::First`]); else a `data-sw-product` element the reads had not
/// seen with its value (`element`: `Some(false)`; the route's own markup wins over a block an
/// earlier route left); else the block that named it at the previous read (`old_block`:
/// [`Naming::Again`]); else a `data-sw-product` element seen before. On a page load nothing was
/// seen: JSON-LD first, as ever.
pub fn names(new_block: bool, old_block: bool, element: Option<bool>) -> Option<Names> {
    match (new_block, element, old_block) {
        (true, _, _) => Some(Names::Block),
        (false, Some(false), _) => Some(Names::Element),
        (false, _, true) => Some(Names::Block),
        (false, Some(true), false) => Some(Names::Element),
        (false, None, false) => None,
    }
}

/// How long, at most, a route rendered with no new address waits for the app to change the
/// address before its search and order are read at the address it has (milliseconds; a
/// constant, not a setting: 2,000 covers an app that awaits a request before `pushState` on a
/// slow connection, and is short enough that a shopper rarely leaves before it).
pub const SETTLE_MS: i32 = 2000;

/// Whether the search and order of a route rendered with no new address are read now: once the
/// address changed (`moved`, the address it ends up with), else once [`SETTLE_MS`] passed
/// (`due`: the app changes no address). Checked at each animation frame and at the deadline,
/// whose timer runs in a background tab too, where no frame does; read once either way.
pub fn settled(moved: bool, due: bool) -> bool {
    moved || due
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_shown_again_is_not_a_new_view_until_another_page_came_between() {
        let mut v = PageViews::new();
        assert!(v.shows(Some("a")), "the first product page");
        assert!(!v.shows(Some("a")), "a re-render of the same route");
        assert!(v.shows(Some("b")), "another product");
        assert!(!v.shows(None), "a route without a product learns nothing");
        assert!(v.shows(Some("b")), "back to a product page: a new view");
    }

    #[test]
    fn another_source_counts_once_with_the_page_in_either_order() {
        let mut v = PageViews::new();
        assert!(v.shows(Some("a")));
        assert!(!v.reported(" a "), "GA4 after the markup");
        assert!(v.reported("b"), "GA4 first: a view of another product");
        assert!(!v.shows(Some("b")), "then the markup of the same product");
        assert!(!v.reported("b"));
        assert!(v.shows(Some("c")), "the reported view is used once");
    }

    #[test]
    fn every_item_of_a_reported_view_joins_the_page_showing_it() {
        let mut v = PageViews::new();
        assert!(v.shows(Some("a")));
        for id in ["b", "c", "d"] {
            assert!(
                v.reported(id),
                "a GA4 view_item listing several items: {id}"
            );
        }
        assert!(
            !v.shows(Some("b")),
            "the page then shows the push's first item"
        );
        assert!(v.shows(Some("c")), "the reported views are used once");
    }

    #[test]
    fn a_block_left_from_an_earlier_route_names_nothing() {
        assert_eq!(
            naming(false, false),
            Naming::First,
            "new, or its text changed"
        );
        assert_eq!(naming(false, true), Naming::First, "the named one, changed");
        assert_eq!(naming(true, true), Naming::Again, "the same route again");
        assert_eq!(naming(true, false), Naming::Never, "left in <head>");
    }

    #[test]
    fn the_routes_own_data_sw_product_wins_over_a_block_left_from_before() {
        assert_eq!(
            names(true, false, Some(false)),
            Some(Names::Block),
            "page load"
        );
        assert_eq!(
            names(false, true, Some(false)),
            Some(Names::Element),
            "a route named by data-sw-product only, an old Product in <head>"
        );
        assert_eq!(
            names(false, true, Some(true)),
            Some(Names::Block),
            "the same route again: the block that named it"
        );
        assert_eq!(names(false, false, Some(true)), Some(Names::Element));
        assert_eq!(names(false, false, None), None, "no product");
    }

    #[test]
    fn a_route_waits_for_its_address_until_the_deadline() {
        assert!(!settled(false, false), "no new address yet: wait");
        assert!(
            settled(true, false),
            "the address changed (the route's, or the next route's): read at it"
        );
        assert!(
            settled(false, true),
            "the deadline: read at the address it has"
        );
    }

    #[test]
    fn a_reported_view_does_not_outlive_the_address() {
        let mut v = PageViews::new();
        assert!(v.shows(Some("a")));
        assert!(v.reported("q"), "a quick view's GA4 push");
        v.new_address();
        assert!(
            v.shows(Some("q")),
            "the product page of the same item, later: its own view"
        );
    }
}
