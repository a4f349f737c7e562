//! Recommendation slots: `data-sw-slot="<kind>"` containers filled by cloning the shop's own
//! `<template>` and setting text and attributes, never HTML. Display data comes from the page:
//! a `<script type="application/json" data-sw-catalog>` object keyed by item id, else the
//! `data-sw-*` attributes of an element on the page with that `data-sw-id`.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlTemplateElement};

use super::dom::{attr, document, find_all, text_of};
use super::items::{number_attr, Measure};
use crate::core::markup::is_safe_url;
use crate::core::text::concat;
#[cfg(feature = "extras")]
use crate::core::{item::At, limits::MAX_RANK_ITEMS};
#[cfg(feature = "extras")]
use crate::web::decode::{array_of, field_error, id_list};
use crate::web::dom_calls::{append, call, call0, prop, prop_some, set_text};
#[cfg(feature = "extras")]
use wasm_bindgen::JsError;

/// Items a slot shows unless it says otherwise with `data-sw-limit` (clamped to 1–24).
pub const DEFAULT_LIMIT: usize = 8;
/// The most items a slot shows.
pub const MAX_LIMIT: usize = 24;

/// Display data for items, read once from the page.
pub struct Catalog(JsValue);

impl Catalog {
    /// Reads the page's `data-sw-catalog` block (absent or unreadable: an empty catalog; not
    /// JSON: also one console warning).
    pub fn read() -> Catalog {
        Catalog(super::page_data::read_block(
            "script[data-sw-catalog]",
            "data-sw-catalog",
        ))
    }

    /// Adds the entries of a catalog block the page added later (`el`) to those read so far.
    pub fn add(&mut self, el: &Element) {
        let more = super::page_data::read(el, "data-sw-catalog");
        if !self.0.is_object() {
            self.0 = more;
        } else if more.is_object() {
            js_sys::Object::assign(
                self.0.unchecked_ref::<js_sys::Object>(),
                more.unchecked_ref(),
            );
        }
    }

    /// Field `field` of item `id`: from the catalog block, else from the page's element with
    /// that `data-sw-id` (never a copy a slot shows).
    pub fn field(&self, id: &str, field: &str) -> Option<String> {
        let entry = if self.0.is_object() {
            Reflect::get(&self.0, &id.into()).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        };
        if entry.is_object() {
            return Reflect::get(&entry, &field.into())
                .ok()
                .and_then(|v| text_of(&v));
        }
        // The page's own elements, not the copies slots show (they carry `data-sw-id` but no
        // data: taking one would hide the item from every later slot).
        let doc = document()?;
        find_all(&doc, "[data-sw-id]:not([data-sw-filled])")
            .into_iter()
            .find(|e| attr(e, "data-sw-id").as_deref() == Some(id))
            .and_then(|e| attr(&e, &concat(&["data-sw-", field])))
    }

    /// Whether anything is known about `id` (a slot skips items it cannot show).
    pub fn knows(&self, id: &str) -> bool {
        self.field(id, "name").is_some()
    }
}

/// Fills one clone of the template for `id`. `data-sw-field="url"` sets `href`, `"image"`
/// sets `src` (both only for http(s) or relative URLs), any other field sets the text.
fn fill_clone(root: &Element, id: &str, catalog: &Catalog) {
    let _ = root.set_attribute("data-sw-id", id);
    let _ = root.set_attribute("data-sw-filled", "");
    let mut targets = find_all(root, "[data-sw-field]");
    if root.has_attribute("data-sw-field") {
        targets.push(root.clone());
    }
    for el in targets {
        let Some(field) = attr(&el, "data-sw-field") else {
            continue;
        };
        let value = if field == "id" {
            Some(id.to_owned())
        } else {
            catalog.field(id, &field)
        };
        if let Some(value) = value {
            set_field(&el, &field, &value);
        }
    }
}

/// Writes `value` into `el` for `field`: `url` sets `href`, `image` sets `src` (both only for
/// http(s) or relative URLs), any other field sets the text.
pub fn set_field(el: &Element, field: &str, value: &str) {
    match field {
        "url" | "image" if !is_safe_url(value) => {}
        "url" => {
            let _ = el.set_attribute("href", value);
        }
        "image" => {
            let _ = el.set_attribute("src", value);
        }
        _ => set_text(el, Some(value)),
    }
}

/// `auto.fillSlot`'s arguments, a bad one refused by name: `kind` a string, `ids` an array of
/// ids (strings or whole numbers, as every method takes them).
#[cfg(feature = "extras")]
pub fn fill_args(kind: &JsValue, ids: JsValue) -> Result<(String, Vec<String>), JsError> {
    let kind = kind
        .as_string()
        .ok_or_else(|| field_error("kind", "must be a string"))?;
    let list = array_of(ids, "ids", At::object(""), MAX_RANK_ITEMS)?
        .ok_or_else(|| field_error("ids", "must be an array"))?;
    Ok((kind, id_list(&list, "ids")?))
}

/// The number of items `slot` shows: `data-sw-limit`, clamped to 1–24, default 8.
pub fn limit(slot: &Element) -> usize {
    number_attr(slot, "data-sw-limit", Measure::Count)
        .map_or(DEFAULT_LIMIT, |n| n.clamp(1.0, MAX_LIMIT as f64) as usize)
}

/// Shows `ids` (in that order, unknown ones skipped, at most the slot's limit) in `slot`,
/// replacing what it showed before. The slot is `hidden` while it has nothing to show.
pub fn fill(slot: &Element, ids: &[String], catalog: &Catalog) {
    let Some(doc) = document() else { return };
    let Some(template) = find_all(slot, "template")
        .into_iter()
        .next()
        .and_then(|t| t.dyn_into::<HtmlTemplateElement>().ok())
    else {
        return;
    };
    let list = find_all(slot, "[data-sw-slot-items]")
        .into_iter()
        .next()
        .unwrap_or_else(|| slot.clone());
    for old in find_all(&list, ":scope > [data-sw-filled]") {
        let _ = call0(&old, "remove");
    }
    let limit = limit(slot);
    let fragment: web_sys::Node = call0(&doc, "createDocumentFragment").unchecked_into();
    let mut shown = 0;
    for id in ids.iter().filter(|id| catalog.knows(id)).take(limit) {
        let copy = call(&prop(&template, "content"), "cloneNode", &JsValue::TRUE);
        let Some(root) = copy
            .dyn_ref::<web_sys::DocumentFragment>()
            .and_then(|f| prop_some(f, "firstElementChild"))
            .map(JsCast::unchecked_into::<Element>)
        else {
            continue;
        };
        fill_clone(&root, id, catalog);
        let _ = append(&fragment, &root);
        shown += 1;
    }
    let _ = append(&list, &fragment);
    if shown > 0 {
        let _ = call(slot, "removeAttribute", &JsValue::from_str("hidden"));
    } else {
        let _ = slot.set_attribute("hidden", "");
    }
}
