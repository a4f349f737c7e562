//! GA4 `window.dataLayer` pushes, consumed locally: entries already there when Shelfwise starts
//! and every later push. Both the GTM form (`{ event: "add_to_cart", ecommerce: { items } }`)
//! and the gtag form (`gtag("event", "add_to_cart", { items })`) are read, with a purchase's
//! `transaction_id` (without one, the page's address and the items stand for the order, as for
//! the order page's markup, so a reload counts nothing); a purchase may list up to
//! [`MAX_ORDER_ITEMS`], as the order page's markup may (learned in parts, as one action and one
//! order). A click, add or purchase the markup reported too counts once
//! ([`crate::core::reports`]). A `view_item` listing several items is a view of each, in
//! their order ([`crate::core::EventInput::validate_reported`]). Nothing is sent.
use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::{wasm_bindgen, JsError};
use wasm_bindgen::{JsCast, JsValue};

use super::track::Source;
use super::Page;
use crate::core::event::EVENT_TYPES;
use crate::core::limits::MAX_ORDER_ITEMS;
use crate::core::reports::DATA_LAYER;
use crate::web::api::EngineHandle;
use crate::web::decode::{self, get};

/// GA4 pushes, as named in a warning about one refused.
const GA4: Source = Source::own("dataLayer");

/// The event name and its parameters in either form, or `None` for other entries.
fn unpack(entry: &JsValue) -> Option<(String, JsValue)> {
    let name = get(entry, "event").as_string();
    if let Some(name) = name {
        let ecommerce = get(entry, "ecommerce");
        let params = if ecommerce.is_object() {
            ecommerce
        } else {
            entry.clone()
        };
        return Some((name, params));
    }
    // gtag pushes its `arguments` object: ["event", name, params].
    if get(entry, "0").as_string().as_deref() == Some("event") {
        return Some((get(entry, "1").as_string()?, get(entry, "2")));
    }
    None
}

/// Learns one dataLayer entry if it is a GA4 event Shelfwise uses, reported by `source`:
/// [`DATA_LAYER`] (a push), or [`AGAIN`](crate::core::reports::AGAIN) for a `purchase` with no
/// order id pushed at another address than the page's, whose order is kept at this address
/// too, not learned again ([`super::route::pushed_elsewhere`]).
pub fn consume(engine: &EngineHandle, page: &Page, entry: &JsValue, source: u8) {
    let Some((name, params)) = unpack(entry) else {
        return;
    };
    // Every GA4 event the engine knows; `dwell` is Shelfwise's own, not a GA4 event.
    if name == "dwell" || !EVENT_TYPES.contains(&name.as_str()) {
        return;
    }
    // Read up to the most any event may list (a purchase: a whole order); the engine then
    // applies each event type's own limit (`EventInput::validate`), as for the order page's
    // markup, so the rule of which type may list how many lives in the core only.
    let max = MAX_ORDER_ITEMS;
    let event = Object::new();
    let _ = Reflect::set(&event, &"type".into(), &name.as_str().into());
    for key in ["items", "search_term", "transaction_id"] {
        let mut v = get(&params, key);
        if key == "items" && Array::is_array(&v) {
            let read = ga4_items(&v, max as u32);
            // A price or quantity that is text but no number: named with its value.
            if let Some(message) = get(&read, "error").as_string() {
                return super::track::ignored(&GA4, JsError::new(&message));
            }
            v = get(&read, "items");
        }
        let _ = Reflect::set(&event, &key.into(), &v);
    }
    let mut input = match decode::event(&event, max) {
        Ok(input) => input,
        Err(e) => return super::track::ignored(&GA4, e),
    };
    // A purchase without an order id is keyed by the page's address and its items, as the
    // order page's markup is: the confirmation page pushes again on every load. (Other events
    // have no use for the address: not read for them.)
    if name == "purchase" {
        input.order_page = super::track::order_page();
        let id = input.transaction_id.as_deref().map_or("", str::trim);
        if source == DATA_LAYER && id.is_empty() {
            super::route::pushed_order(entry);
        }
    }
    // The results page's search is learned from its URL too: counted once.
    if let (true, Some(query)) = (name == "search", &input.query) {
        return super::track::search_event(engine, query, Vec::new());
    }
    // The product page view is learned from the page; GA4 reports it too (alone, or among the
    // items of a view_item listing several, each a view: `validate_reported`), before or after
    // a single-page app's route shows it: the route is read first if the address changed.
    if let (true, Some(items)) = (name == "view_item", &mut input.items) {
        if super::route::moved() {
            let view = super::route::read();
            super::track::page_events(engine, page, view, super::route::When::Now);
        }
        let had = items.len();
        items.retain(|i| {
            i.id.as_ref()
                .map_or(true, |id| super::route::reported(&id.0))
        });
        if had > 0 && items.is_empty() {
            return;
        }
    }
    super::track::learn_once(engine, input, source, &GA4);
}

#[wasm_bindgen(module = "/src/web/js/ga4.js")]
extern "C" {
    /// `{ items }`: copies of GA4 `items` (at most `max`) with numeric-string `price` and
    /// `quantity` as numbers; or `{ error }`: the message naming a `price` or `quantity` that
    /// is text but no number.
    #[wasm_bindgen(js_name = shelfwiseGa4Items)]
    fn ga4_items(items: &JsValue, max: u32) -> JsValue;
}

/// Reads what `window.dataLayer` holds and wraps its `push` so later entries are learned too
/// (once per page: auto mode started again reads nothing twice). The wrapper is a `Proxy` of
/// the original `push` whose `apply` trap sees every argument, so the page's own analytics
/// receive exactly what was pushed (no `eval`, so it works under a strict CSP). Pushes feed
/// the latest `startAuto`'s engine.
pub fn listen(engine: &EngineHandle, page: &Page) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut layer = get(&window, "dataLayer");
    if !Array::is_array(&layer) {
        layer = Array::new().into();
        let _ = Reflect::set(&window, &"dataLayer".into(), &layer);
    }
    for entry in Array::from(&layer).iter() {
        consume(engine, page, &entry, DATA_LAYER);
    }
    // Pushed before auto mode started: keyed by the address the page was read at only.
    super::route::pushed_order(&JsValue::UNDEFINED);
    let Ok(original) = get(&layer, "push").dyn_into::<Function>() else {
        return;
    };
    let trap = Closure::<super::watch::Callback3>::new(
        move |target: JsValue, this: JsValue, args: JsValue| {
            let (push, args): (Function, Array) = (target.unchecked_into(), args.unchecked_into());
            let result = Reflect::apply(&push, &this, &args).unwrap_or(JsValue::UNDEFINED);
            if let Some(c) = super::current() {
                for entry in args.iter() {
                    consume(&c.0, &c.1, &entry, DATA_LAYER);
                }
            }
            result
        },
    );
    let handler = js_sys::Object::new();
    let _ = Reflect::set(&handler, &"apply".into(), trap.as_ref());
    let wrapper = js_sys::Proxy::new(&original, &handler);
    let _ = Reflect::set(&layer, &"push".into(), &wrapper);
    trap.forget();
}
