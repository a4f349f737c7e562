//! One purchase per order: the profile keeps a short hash of the last [`MAX_ORDERS`] order ids
//! it learned (never the ids themselves), and a purchase of an order it already holds is not
//! learned again, so reloading an order-confirmation page counts nothing.
//!
//! An order is named by its id (the JS API's `transactionId`, GA4's
//! `ecommerce.transaction_id`, or the value of `data-sw-purchase="<order id>"`). An
//! order-confirmation page that names no id, in its markup or in a GA4 `purchase` push, is
//! keyed by its address and the ids of the items listed: a reload gives the same key, another
//! order another one. A JS API `track` call gives no address: without an id every call counts.

use super::hash::{hash_bytes, HASH_START};
use super::item::Item;

/// Most order keys the profile keeps, newest first (at most 13 bytes each when stored).
pub const MAX_ORDERS: usize = 20;
/// Longest order key: the decimal digits of a 32-bit hash.
pub const ORDER_KEY_BYTES: usize = 10;

/// The key a purchase's order is kept as, if the order is known: the decimal 32-bit FNV-1a
/// hash of its trimmed `id`, else of the `page` address it was read from followed by the ids
/// of `items` (a zero byte before each keeps the two kinds of key apart). A blank `id` counts
/// as none. Short, and not the id itself; a guessable id (a small order number) could still be
/// found again by trying every candidate, which is why it, like the whole profile, stays in
/// the browser.
pub fn order_key(id: Option<&str>, page: Option<&str>, items: &[Item]) -> Option<String> {
    let h = match (id.map(str::trim).filter(|id| !id.is_empty()), page) {
        (Some(id), _) => hash_bytes(HASH_START, id.as_bytes()),
        (None, Some(page)) => {
            let mut h = hash_bytes(hash_bytes(HASH_START, b"\0"), page.as_bytes());
            for item in items {
                h = hash_bytes(hash_bytes(h, b"\0"), item.id.as_bytes());
            }
            h
        }
        (None, None) => return None,
    };
    Some(crate::core::hash::decimal(h))
}

/// What an order element (`data-sw-purchase`) shows, as the key auto mode keeps on it: the
/// FNV-1a hash of its trimmed order `id`, else of the ids of its `items` (a zero byte before
/// each). The element is read again only when it changes (a shop writing its next order into
/// the same element); the same order shown again (its markup left on the next route, a
/// re-render) keeps its key and is not read again.
pub fn shown_order<'a>(id: Option<&str>, items: impl IntoIterator<Item = &'a str>) -> u32 {
    match id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => hash_bytes(HASH_START, id.as_bytes()),
        None => items.into_iter().fold(HASH_START, |h, item| {
            hash_bytes(hash_bytes(h, b"\0"), item.as_bytes())
        }),
    }
}

/// Whether an order element showing order `shown` ([`shown_order`]) shows a new order, to be
/// learned: not when it showed the same order at its last read (`element_showed`: its markup
/// left on the next route, a re-render), nor when `shown` is the order last read on the page
/// (`last`: an app rendering the order again in new elements, as it gives the route its
/// address late). An order shown again is read again at the page's address, its key kept there
/// ([`crate::core::reports::AGAIN`]): a reload of that address counts nothing. So two orders in
/// a row with the same items and no id are one order.
pub fn is_new_order(shown: u32, element_showed: bool, last: u32) -> bool {
    !element_showed && shown != last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: Option<&str>, page: Option<&str>, ids: &[&str]) -> String {
        let items: Vec<Item> = ids.iter().map(|i| Item::with_id(*i)).collect();
        order_key(id, page, &items).unwrap()
    }

    #[test]
    fn an_order_id_keys_the_same_with_or_without_spaces() {
        assert_eq!(
            key(Some(" T-1001 "), None, &[]),
            key(Some("T-1001"), None, &["x"])
        );
        assert_ne!(
            key(Some("T-1001"), None, &[]),
            key(Some("T-1002"), None, &[])
        );
        assert!(key(Some("T-1001"), None, &[]).len() <= ORDER_KEY_BYTES);
        assert_eq!(order_key(None, None, &[]), None);
        assert_eq!(order_key(Some(" "), None, &[]), None, "a blank id is none");
        assert_eq!(
            key(Some(""), Some("/order"), &[]),
            key(None, Some("/order"), &[])
        );
    }

    #[test]
    fn a_page_key_depends_on_the_address_and_the_items() {
        let page = |p, ids: &[&str]| key(None, Some(p), ids);
        let k = page("/order?items=a,b", &["a", "b"]);
        assert_eq!(k, page("/order?items=a,b", &["a", "b"]));
        assert_ne!(k, page("/order?items=a,c", &["a", "b"]));
        assert_ne!(k, page("/order?items=a,b", &["a", "c"]));
        assert_ne!(k, page("/order?items=a,b", &["ab"]));
        assert_ne!(page("x", &[]), key(Some("x"), None, &[]));
        assert!(k.bytes().all(|b| b.is_ascii_digit()));
    }

    #[test]
    fn an_order_element_changes_its_key_with_the_next_order_only() {
        let first = shown_order(Some("SPA-1"), ["hat-1", "hat-2"]);
        assert_eq!(
            first,
            shown_order(Some(" SPA-1 "), ["hat-1"]),
            "the same order"
        );
        assert_ne!(
            first,
            shown_order(Some("SPA-2"), ["scarf-2"]),
            "the next order"
        );
        let no_id = shown_order(None, ["scarf-1"]);
        assert_eq!(
            no_id,
            shown_order(Some(" "), ["scarf-1"]),
            "a blank id is none"
        );
        assert_ne!(no_id, shown_order(None, ["scarf-2"]), "other items");
        assert_ne!(no_id, shown_order(None, ["scarf-1", "scarf-2"]));
        assert_ne!(no_id, shown_order(None, []), "items written into it later");
    }

    #[test]
    fn an_order_shown_again_in_another_element_is_the_same_order() {
        let first = shown_order(None, ["scarf-1"]);
        assert!(is_new_order(first, false, 0), "the first order read");
        assert!(
            !is_new_order(first, true, first),
            "its element read again at a new address"
        );
        assert!(
            !is_new_order(first, false, first),
            "rendered again in new elements as the app gives it its address"
        );
        assert!(
            !is_new_order(first, true, shown_order(Some("SPA-2"), ["x"])),
            "its markup left after another order was read"
        );
        let next = shown_order(None, ["scarf-2"]);
        assert!(is_new_order(next, false, first), "the next order");
    }
}
