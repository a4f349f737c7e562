//! Automatic tracking from the page itself: the product on a product page (schema.org JSON-LD
//! or `data-sw-product`), searches (the `data-sw-search` form or the results page's URL),
//! purchases (`data-sw-purchase`), clicks on managed items and add-to-cart buttons or forms
//! (`data-sw-add-to-cart`). Everything is learned locally; nothing is sent. A click, add to
//! cart or purchase that several sources report (a button and its form, the markup and a GA4
//! push) is learned once ([`crate::core::reports`]).

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsError, JsValue};
use web_sys::{Element, Event};

use super::dom::{attr, closest, document, event_element, find_all};
use super::items::{from_element, number_attr, Measure};
use super::{route, Page};
use crate::core::markup::{query_param, repeats_last_search};
use crate::core::reports::{AGAIN, CLICK, FORM, PAGE};
use crate::core::text::concat;
use crate::core::{EventInput, ItemInput};
use crate::web::api::EngineHandle;
use crate::web::console::{relayed, warn_once};
use crate::web::decode::get;
use crate::web::dom_calls::{prop, prop_some, prop_text};

/// Managed containers whose items count as clicked when the shopper selects one.
pub const MANAGED: &str = "[data-sw-list], [data-sw-slot]";

/// An event of `kind` about `items`.
pub fn event(kind: &str, items: Vec<ItemInput>) -> EventInput {
    // Every field written out: `..EventInput::default()` built the fields set here as `None`
    // first and dropped them (a drop call each in the wasm).
    EventInput {
        kind: Some(kind.into()),
        items: Some(items),
        item: None,
        query: None,
        results: None,
        seconds: None,
        ts: None,
        transaction_id: None,
        order_page: None,
    }
}

/// Where an automatic event comes from: named in the warning when the event is refused, and
/// the kind that warning is given under (once per page). Passed as a `&'static` reference to
/// a constant: one number per call, not four.
pub struct Source {
    label: &'static str,
    kind: &'static str,
}

impl Source {
    /// A source warned about under a kind of its own.
    pub const fn own(label: &'static str) -> Source {
        Source { label, kind: label }
    }

    /// A source whose items are read from a managed list's markup (a click, an impression),
    /// which the list's ranking has read and warned about already: one mistake, one warning.
    pub const fn list(label: &'static str) -> Source {
        Source {
            label,
            kind: super::reorder::LIST_WARNING,
        }
    }
}

/// The sources of this module's events.
const PRODUCT_PAGE: Source = Source::own("the product page");
const ORDER_PAGE: Source = Source::own("the order confirmation");
const SEARCH: Source = Source::own("the search");
const CART_BUTTON: Source = Source::own("an add-to-cart button");
const CART_FORM: Source = Source::own("an add-to-cart form");
const LIST_CLICK: Source = Source::list("a click");

/// Learns `input`; a refused event is reported once per kind of source and otherwise ignored.
pub fn learn(engine: &EngineHandle, input: EventInput, source: &'static Source) {
    if let Err(e) = engine.track(input, None) {
        ignored(source, e);
    }
}

/// Learns `input` unless another source already reported the same action (see
/// [`crate::core::reports`]); true when it was a new action, learned. `reporter` is who
/// reported it there, `source` names it in a warning.
pub fn learn_once(
    engine: &EngineHandle,
    input: EventInput,
    reporter: u8,
    source: &'static Source,
) -> bool {
    engine.track(input, Some(reporter)).unwrap_or_else(|e| {
        ignored(source, e);
        false
    })
}

/// Says once per kind of source that an event from `source` was refused, and why.
pub fn ignored(source: &'static Source, e: JsError) {
    let Source { label, kind } = *source;
    warn_once(
        kind,
        &concat(&["an event from ", label, " was ignored: ", &relayed(e)]),
    );
}

/// Learns what the page shows on arrival or on a new route: its product (when `view`: see
/// [`super::route::read`]), its search query (unless it repeats the latest search), its order
/// (unless already learned, or its markup was read before: [`route::new_order`]). The
/// search and the order are read from and keyed by the page's address: `when` it is the
/// route's, else once it changes ([`route::read_later`]), with what the page dropped of them
/// meanwhile ([`route::read_now`]).
pub fn page_events(engine: &EngineHandle, page: &Page, view: bool, when: route::When) {
    // Not read again unless learned: `route::read` read it and said what it warns.
    if view {
        if let Some(item) = route::with_product(|p| p?.to_item()) {
            learn(engine, event("view_item", vec![item]), &PRODUCT_PAGE);
        }
    }
    let Some(doc) = document() else { return };
    let Some(found) = route::read_now(when, find_all(&doc, route::ROUTE_DATA)) else {
        return;
    };
    // A GA4 purchase with no order id pushed at another address: its key is kept here too.
    if let Some(entry) = route::pushed_elsewhere(when) {
        super::datalayer::consume(engine, page, &entry, AGAIN);
    }
    let mut searched = false;
    for order in found {
        if !order.has_attribute("data-sw-purchase") {
            // A search results list: the first one is read.
            if std::mem::replace(&mut searched, true) {
                continue;
            }
            let search = prop_some(&doc, "location").and_then(|l| prop(&l, "search").as_string());
            if let Some(query) = search.and_then(|s| query_param(&s, &page.search_param)) {
                let mut ids = Vec::new();
                for e in find_all(&order, super::reorder::ITEM_CHILDREN) {
                    if let Some(id) = attr(&e, "data-sw-id") {
                        ids.push(id);
                    }
                }
                ids.truncate(crate::core::limits::MAX_EVENT_ITEMS);
                search_event(engine, &query, ids);
            }
            continue;
        }
        let mut items: Vec<ItemInput> = Vec::new();
        for e in find_all(&order, "[data-sw-id]") {
            if let Some(item) = from_element(&e, "data-sw-id") {
                items.push(item);
            }
        }
        let id = attr(&order, "data-sw-purchase");
        // An order shown again is no purchase: its key is kept at this address.
        let source = if route::new_order(&order, id.as_deref(), &items) {
            PAGE
        } else {
            AGAIN
        };
        if !items.is_empty() {
            let mut input = event("purchase", items);
            // The order's id, else the page's address stands for it (a reload counts nothing).
            input.transaction_id = id;
            input.order_page = order_page();
            learn_once(engine, input, source, &ORDER_PAGE);
        }
    }
}

/// The page's address, which with a purchase's items stands for its order when it names no
/// order id ([`crate::core::orders`]): the order page's markup and a GA4 `purchase` push.
pub fn order_page() -> Option<String> {
    route::href().as_string()
}

/// Learns a search unless it repeats the shopper's latest one (form, results page and GA4's
/// `search` event all report the same search; a reload must not count it again).
pub fn search_event(engine: &EngineHandle, query: &str, results: Vec<String>) {
    if query.trim().is_empty() {
        return;
    }
    let repeated = engine
        .with(|e| repeats_last_search(query, &e.profile().searches))
        .unwrap_or(true);
    if !repeated {
        // Every field written out, as in `event`.
        let input = EventInput {
            kind: Some("search".into()),
            items: None,
            item: None,
            query: Some(query.to_owned()),
            results: Some(results.into_iter().map(crate::core::id::IdText).collect()),
            seconds: None,
            ts: None,
            transaction_id: None,
            order_page: None,
        };
        learn(engine, input, &SEARCH);
    }
}

/// The item an add-to-cart control means: the item its own `data-sw-*` attributes describe,
/// or the page's product when the control names no other item (its id is empty or the page's
/// and it carries no category). The control's `data-sw-quantity` applies either way.
fn cart_item(control: &Element) -> Option<ItemInput> {
    let own = from_element(control, "data-sw-add-to-cart");
    let item = route::with_product(|product| {
        let page_id = product.and_then(|p| p.item.id.as_ref());
        Some(match own {
            Some(own) if own.category.is_some() || own.id.as_ref() != page_id => own,
            _ => product?.to_item()?,
        })
    })?;
    Some(ItemInput {
        quantity: number_attr(control, "data-sw-quantity", Measure::Count),
        ..item
    })
}

/// Learns the add to cart `control` (a button or a form) means, once per action.
fn add_to_cart(engine: &EngineHandle, control: &Element, reporter: u8, source: &'static Source) {
    let Some(item) = cart_item(control) else {
        return;
    };
    #[cfg(feature = "extras")]
    let id = item.id.clone();
    let new = learn_once(engine, event("add_to_cart", vec![item]), reporter, source);
    #[cfg(feature = "extras")]
    if let (true, Some(id)) = (new, id) {
        super::moments::on_added(engine, &id.0);
    }
    #[cfg(not(feature = "extras"))]
    let _ = new;
}

/// Clicks inside these are never `select_item`: Shelfwise's own controls and elements the shop
/// marks `data-sw-ignore`.
const IGNORED_CLICKS: &str = "shelfwise-why, shelfwise-panel, [data-sw-ignore]";

/// A click anywhere: add-to-cart buttons, then items inside managed containers.
pub fn on_click(engine: &EngineHandle, _page: &Page, ev: &Event) {
    let Some(target) = event_element(ev) else {
        return;
    };
    if let Some(control) = closest(&target, "[data-sw-add-to-cart]") {
        if prop_text(&control, "tagName") != "FORM" {
            add_to_cart(engine, &control, CLICK, &CART_BUTTON);
        }
        return;
    }
    // Shelfwise's own controls inside a card ("why am I seeing this?", its "more like this")
    // and anything the shop marks `data-sw-ignore` are not a choice of the product.
    if closest(&target, IGNORED_CLICKS).is_some() {
        return;
    }
    let Some(el) = closest(&target, "[data-sw-id]") else {
        return;
    };
    if closest(&el, MANAGED).is_some() {
        if let Some(item) = from_element(&el, "data-sw-id") {
            learn_once(engine, event("select_item", vec![item]), CLICK, &LIST_CLICK);
        }
    }
}

/// A form submitted: `data-sw-add-to-cart` forms, `data-sw-search` forms and forms holding a
/// `data-sw-search` field (the attribute put on the input instead of its form).
pub fn on_submit(engine: &EngineHandle, page: &Page, ev: &Event) {
    let Some(form) = event_element(ev) else {
        return;
    };
    if form.has_attribute("data-sw-add-to-cart") {
        // A marked button inside reported this add already when it was clicked.
        add_to_cart(engine, &form, FORM, &CART_FORM);
    } else {
        let field = if form.has_attribute("data-sw-search") {
            concat(&["[name=\"", &page.search_param, "\"], input[type=search]"])
        } else {
            "[data-sw-search]".into()
        };
        if let Some(input) = find_all(&form, &field).first() {
            search_in(engine, input);
        }
    }
}

/// Enter in a `data-sw-search` field that has no form (in a form, its submit reports it). The
/// listener calls it for Enter only, not while composing ([`listener`]).
pub fn on_key(engine: &EngineHandle, _page: &Page, ev: &Event) {
    let Some(input) = event_element(ev) else {
        return;
    };
    if input.has_attribute("data-sw-search") && get(&input, "form").is_null() {
        search_in(engine, &input);
    }
}

#[wasm_bindgen(module = "/src/web/js/keys.js")]
extern "C" {
    /// The listener to register for `f`: `f` itself, or when `enter` (the keydown listener,
    /// [`on_key`]'s) one that calls `f` for Enter only, not while composing. (A `bool`, not
    /// only the function: wasm-bindgen then calls it through the glue, where it is pasted.)
    #[wasm_bindgen(js_name = shelfwiseListener)]
    pub fn listener(f: &JsValue, enter: bool) -> JsValue;
}

/// Learns the search typed into `input`.
fn search_in(engine: &EngineHandle, input: &Element) {
    if let Some(q) = get(input, "value").as_string() {
        search_event(engine, &q, Vec::new());
    }
}
