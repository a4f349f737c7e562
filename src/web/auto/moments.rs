//! Shopping moments in auto mode. The page describes what it can offer in
//! `<script type="application/json" data-sw-moments>`: `offers` (text per top-level category),
//! `content` (guides with tags) and `crossSell` (candidates per product id, from the shop's
//! aggregate data). Auto mode shows the eligible trigger on arrival and after an add-to-cart,
//! through the same templates and rules as `engine.showTrigger`. Failures stay soft.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use super::page_data::read_block;
use crate::web::api::EngineHandle;
use crate::web::console::{relayed, warn_once};
use crate::web::decode::get;
use crate::web::moments_api::occasion;
use crate::web::moments_dom::{self, Labels};
use crate::web::storage::now_ms;

/// The page's moments data, or `undefined` (a block that is not JSON is reported once).
fn markup() -> JsValue {
    read_block("script[data-sw-moments]", "data-sw-moments")
}

/// Names and links for `ids` the page did not label, from its `data-sw-catalog` (the items the
/// engine found bought together, for instance).
fn label_from_catalog(labels: &mut Labels, ids: &[String]) {
    let catalog = read_block("script[data-sw-catalog]", "data-sw-catalog");
    for id in ids {
        let entry = get(&catalog, id);
        if entry.is_object() && !labels.has(id) {
            labels.add(
                id,
                get(&entry, "name").as_string(),
                get(&entry, "url").as_string(),
            );
        }
    }
}

fn show(engine: &EngineHandle, data: &JsValue) {
    let mut labels = Labels::default();
    let o = match occasion(data, &mut labels, moments_dom::available_kinds()) {
        Ok(o) => o,
        Err(e) => {
            let mut text = String::from("the data-sw-moments data was ignored: ");
            text.push_str(&relayed(e));
            warn_once("moments", &text);
            return;
        }
    };
    if o.allowed.is_empty() {
        return;
    }
    if let Ok(Some(t)) = engine.with(|e| e.trigger(&o, now_ms())) {
        label_from_catalog(&mut labels, &t.items);
        moments_dom::show(&t, &labels);
    }
}

/// On arrival (after the page's own events are learned): a cart reminder, hesitation offer or
/// content suggestion, whichever is eligible first.
pub fn on_arrival(engine: &EngineHandle) {
    let data = markup();
    let arrival = Object::new();
    for key in ["offers", "content"] {
        let _ = Reflect::set(&arrival, &key.into(), &get(&data, key));
    }
    show(engine, &arrival);
}

/// After an add-to-cart of `id`: the cross-sell panel with the page's candidates for it, or
/// else the items the engine knows are frequently bought together with it.
pub fn on_added(engine: &EngineHandle, id: &str) {
    let candidates = get(&get(&markup(), "crossSell"), id);
    let added = Object::new();
    let _ = Reflect::set(&added, &"added".into(), &Array::of1(&id.into()));
    let _ = Reflect::set(&added, &"crossSell".into(), &candidates);
    show(engine, &added);
}
