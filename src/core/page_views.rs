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
//!   is, and the page then showing that product before the address changes is not learned again.

use super::hash::{hash_bytes, HASH_START};

/// The product the page shows and a view another source reported ahead of it, each as the
/// hash of its trimmed id (0: none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageViews {
    shown: u32,
    reported: u32,
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
            reported: 0,
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
        let reported = std::mem::take(&mut self.reported);
        id != 0 && reported != id
    }

    /// Another source (a GA4 `view_item` push) reports a view of `id`. True when it is to be
    /// learned: it is not the product the page shows.
    pub fn reported(&mut self, id: &str) -> bool {
        let id = key(Some(id));
        if self.shown == id {
            return false;
        }
        self.reported = id;
        true
    }

    /// The page's address changed: a view reported for the page before is forgotten.
    pub fn new_address(&mut self) {
        self.reported = 0;
    }
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
