//! The page's route: its address and the product it shows, read when auto mode starts and
//! again when a single-page app (Turbo, swup, an AJAX theme, a Next or Nuxt storefront) shows
//! another route in the same document: the address changed since the page was last read, or
//! the document's observer saw product, search or order markup arrive. Kept for the document,
//! not per `startAuto`, so a route is counted once whether the observer or `startAuto` reads it
//! first ([`crate::core::page_views`]). No `history` function is wrapped: the observer sees
//! every route a framework renders. A route rendered with no new address has its search and
//! order, which the address gives or keys, read once the address changes, or at a deadline
//! ([`read_later`]), or when the page is left first ([`leaving`]): some apps render
//! first and change the address after. The search and order markup it showed meanwhile is
//! kept, and what the page dropped of it (the shopper moved on to the next route before the
//! address changed) is read with the page's when the wait ends ([`read_now`]).

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::document;
use super::product::PageProduct;
use crate::core::orders::{is_new_order, shown_order};
use crate::core::page_views::{settled, PageViews, SETTLE_MS};
use crate::core::ItemInput;
use crate::web::decode::get;
use crate::web::dom_calls::call;
use crate::web::js_out::set;

/// The markup that makes the observer read the page again.
pub const PAGE_MARKUP: &str = "script[type=\"application/ld+json\"], [data-sw-product], \
[data-sw-purchase], [data-sw-purchase] [data-sw-id], [data-sw-list=\"search\"]";

/// The address the page was last read at, its product and the views counted for it.
struct Route {
    href: JsValue,
    product: Option<PageProduct>,
    views: PageViews,
    /// The JSON-LD block that named the product (see [`PageProduct::read`]).
    named: JsValue,
    /// The `dataLayer` entry of the latest GA4 `purchase` pushed with no order id
    /// (`undefined`: none), and the address it was keyed by ([`pushed_order`]).
    pushed: (JsValue, JsValue),
}

thread_local! {
    static ROUTE: RefCell<Route> = const {
        RefCell::new(Route {
            href: JsValue::UNDEFINED,
            product: None,
            views: PageViews::new(),
            named: JsValue::UNDEFINED,
            pushed: (JsValue::UNDEFINED, JsValue::UNDEFINED),
        })
    };
    /// A read of the route's search and order waits for its address ([`read_later`]).
    static LATER: Cell<bool> = const { Cell::new(false) };
    /// Which wait the deadline's timer belongs to (a later wait has its own).
    static WAIT: Cell<u32> = const { Cell::new(0) };
    /// The route's search and order elements the wait saw, each once ([`read_now`]).
    static KEPT: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// The order elements read at the last deadline with no new address ([`read_now`]).
    static PLACED: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// The key of the order last read on the page ([`new_order`]).
    static LAST: Cell<u32> = const { Cell::new(0) };
}

/// When a route's search and order are read ([`read_now`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Once the address changes, or at the deadline ([`read_later`]): the batch that found
    /// them came with no new address.
    Later,
    /// Now: the page's address is the route's.
    Now,
    /// Now, at the deadline with no new address ([`settle`]): the order elements read are
    /// read again at the next read.
    Deadline,
}

/// A route's search and order markup, read from and keyed by its address.
pub const ROUTE_DATA: &str = "[data-sw-list=\"search\"], [data-sw-purchase]";

/// The property of an order element holding the key of the order last read there
/// ([`new_order`]).
const ORDER_READ: &str = "shelfwiseRead";

/// The page's address (`document.URL`), kept as the JS string it is: compared with `===`, no
/// copy into the wasm.
pub fn href() -> JsValue {
    document().map_or(JsValue::UNDEFINED, |d| get(&d, "URL"))
}

/// Whether the page's address changed since it was last read.
pub fn moved() -> bool {
    let href = href();
    ROUTE.with_borrow(|r| r.href != href)
}

/// Reads the page's product again. True when its view is to be learned: the page shows
/// another product than when it was last read.
pub fn read() -> bool {
    let href = href();
    ROUTE.with_borrow_mut(|r| {
        let product = PageProduct::read(&mut r.named);
        if r.href != href {
            r.views.new_address();
            r.href = href;
        }
        let id = product.as_ref().and_then(|p| p.item.id.as_ref());
        let view = r.views.shows(id.map(|i| i.0.as_str()));
        r.product = product;
        view
    })
}

/// `f` of the product the page shows, as last read (`None`: not a product page). Lent, not
/// shared through an `Rc`: its drop glue and the count's updates cost more (BENCHMARKS "Size
/// work (session 14, branch `size20`, issue 7)"). `f` must not read the route again.
pub fn with_product<T>(f: impl FnOnce(Option<&PageProduct>) -> T) -> T {
    ROUTE.with_borrow(|r| f(r.product.as_ref()))
}

/// Another source (a GA4 `view_item` push) reports a view of `id`: true when it is to be
/// learned ([`PageViews::reported`]).
pub fn reported(id: &str) -> bool {
    ROUTE.with_borrow_mut(|r| r.views.reported(id))
}

/// Reads the route again once its address changes (checked at each animation frame), or
/// [`SETTLE_MS`] after the first ask at the latest (a timer, which runs in a background tab
/// too), then learns its search and order (see [`super::track::page_events`]), once however
/// many batches ask: a batch that added a route's markup with no new address may come from an
/// app that renders a route first and changes the address after (in a microtask, in the next
/// frame, after a request), and the search is read from the address, an order without an id
/// keyed by it. Each frame of the wait costs one `document.URL` read.
pub fn read_later() {
    if !LATER.with(|l| l.replace(true)) {
        let wait = WAIT.with(|w| w.get().wrapping_add(1));
        WAIT.with(|w| w.set(wait));
        super::watch::at_next_frame();
        super::watch::after(SETTLE_MS, deadline(wait));
    }
}

/// The route's search and order elements to read now (`when` is not [`When::Later`]), each
/// once: the order elements read at the last deadline with no new address (see below) the
/// page no longer shows, then `found` (the page's, [`ROUTE_DATA`]), then those the wait kept
/// that the page dropped since (the shopper moved on to the next route before the address
/// changed), each that still carries its mark; a read now ends the wait. Each order element is
/// read once as an order (its key is kept on it: [`new_order`]; read again, it is an order
/// shown again, whose key is kept at the page's address) and the first search list only, so
/// one the page still shows is read as the page's. Else `None`: `found` is kept (each element
/// once, however many batches find it) and read later ([`read_later`]).
///
/// A read at the deadline with no new address ([`When::Deadline`]) keeps its order elements
/// for the next read, which reads them again: at another address, an app that gave the order
/// its address as it replaced the order's markup has its key kept at that address too (a
/// reload there counts nothing); at the same address nothing changes (they are kept again if
/// that read is one at the deadline too). Read first, they leave the page's own order as the
/// order last read ([`new_order`]).
pub fn read_now(when: When, found: Vec<Element>) -> Option<Vec<Element>> {
    if when == When::Later {
        KEPT.with_borrow_mut(|k| {
            for el in found {
                if !k.contains(&el) {
                    k.push(el);
                }
            }
        });
        read_later();
        return None;
    }
    LATER.with(|l| l.set(false));
    // Each element once: one the page still shows in its place among the page's.
    let mut read = PLACED.take();
    read.retain(|el| is_route_data(el) && !found.contains(el));
    read.extend(found);
    for el in KEPT.take() {
        if is_route_data(&el) && !read.contains(&el) {
            read.push(el);
        }
    }
    if when == When::Deadline {
        PLACED.with_borrow_mut(|p| {
            for el in &read {
                if el.has_attribute("data-sw-purchase") {
                    p.push(el.clone());
                }
            }
        });
    }
    Some(read)
}

/// Whether `el` still carries the mark of a route's search or order ([`ROUTE_DATA`]).
fn is_route_data(el: &Element) -> bool {
    call(el, "matches", &ROUTE_DATA.into()).is_truthy()
}

/// The mark of wait `wait`'s deadline: negative, as no frame's time is.
fn deadline(wait: u32) -> f64 {
    -1.0 - f64::from(wait)
}

/// [`read_later`]'s frame (`mark`: its time) or deadline (`mark`: [`deadline`], an earlier
/// wait's does nothing): the route is read if it still waits and its address changed or the
/// deadline came ([`settled`]), else at the next frame.
pub fn settle(mark: Option<f64>) {
    let mark = mark.unwrap_or(0.0);
    let due = mark == deadline(WAIT.with(Cell::get));
    if !LATER.with(Cell::get) || (mark < 0.0 && !due) {
        return;
    }
    if !settled(moved(), due) {
        return super::watch::at_next_frame();
    }
    LATER.with(|l| l.set(false));
    if let Some(c) = super::current() {
        let moved = moved();
        let view = moved && read();
        let when = if moved { When::Now } else { When::Deadline };
        super::track::page_events(&c.0, &c.1, view, when);
    }
}

/// The page is being left (every engine's `pagehide` calls this): a route still waiting for
/// its address ([`read_later`]), or whose address changed since it was read, is read now, at
/// the address the page has, and auto mode's engine writes at once (its own `pagehide` write
/// may have come first), so a shopper who leaves within [`SETTLE_MS`] keeps the route's search
/// and order, and an order the page still shows keeps its key at the address the app gave it
/// late ([`new_order`]).
pub fn leaving() {
    // An address the app changed with no change to the document since (the route read at the
    // deadline before it) is read too: an order shown again keeps its key there.
    if moved() {
        LATER.with(|l| l.set(true));
    }
    if LATER.with(Cell::get) {
        settle(Some(deadline(WAIT.with(Cell::get))));
        if let Some(c) = super::current() {
            if let Ok(mut s) = c.0 .0.try_borrow_mut() {
                s.flush();
            }
        }
    }
}

/// A GA4 `purchase` with no order id (`entry`: its `dataLayer` entry; `undefined`: none to
/// keep) was pushed, keyed by the page's address: an app may push it before it gives the route
/// its address. The page's next read at another address keeps its key there too
/// ([`pushed_elsewhere`]), as an order element read at the deadline has ([`read_now`]), so a
/// reload there, which pushes it again, counts nothing.
pub fn pushed_order(entry: &JsValue) {
    let href = href();
    ROUTE.with_borrow_mut(|r| r.pushed = (entry.clone(), href));
}

/// At a read of the route (`when`, not [`When::Later`]): the GA4 `purchase` with no order id
/// [`pushed_order`] noted, when the page's address is another than the one it was pushed at,
/// to keep its key at this address too. Once: a read at the address it was pushed at forgets
/// it as well, unless at the deadline with no new address (the app may still give the route
/// its address).
pub fn pushed_elsewhere(when: When) -> Option<JsValue> {
    let href = href();
    ROUTE.with_borrow_mut(|r| {
        let here = r.pushed.1 == href;
        if here && when == When::Deadline {
            return None;
        }
        let entry = std::mem::replace(&mut r.pushed.0, JsValue::UNDEFINED);
        Some(entry).filter(|e| !here && !e.is_undefined())
    })
}

/// Whether order element `order` (`data-sw-purchase`) shows a new order, order id `id` and
/// `items` ([`shown_order`]; the key is kept on it): not the order it showed when last read,
/// nor the order last read on the page ([`is_new_order`]). An order page's markup still there
/// after the address changed (an app that changes the address before it renders the next
/// route, or after the deadline) is not an order at the new address, nor is the same order
/// rendered again in new elements, while the next order an app writes into the same element
/// is. An order shown again has its key kept at the page's address instead.
pub fn new_order(order: &Element, id: Option<&str>, items: &[ItemInput]) -> bool {
    let ids = items
        .iter()
        .filter_map(|i| i.id.as_ref().map(|i| i.0.as_str()));
    let shown = shown_order(id, ids);
    let key = JsValue::from(shown);
    let new = is_new_order(shown, get(order, ORDER_READ) == key, LAST.replace(shown));
    set(order, ORDER_READ, &key);
    new
}
