//! The few DOM calls auto mode makes, wrapped once so every module shares the same glue.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Node};

use crate::web::dom_calls::{call, node_count, nth, prop_some, select_all, target_of};

/// The page's document, if there is one (auto mode does nothing without it).
pub fn document() -> Option<Document> {
    let window = web_sys::window()?;
    prop_some(&window, "document").map(JsCast::unchecked_into)
}

/// Every element under `root` matching `selector`, in document order. A bad selector finds none.
pub fn find_all(root: &Node, selector: &str) -> Vec<Element> {
    if root.dyn_ref::<Element>().is_none() && root.dyn_ref::<Document>().is_none() {
        return Vec::new();
    }
    let Ok(list) = select_all(root, selector) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..node_count(&list) {
        if let Ok(e) = nth(&list, i).dyn_into::<Element>() {
            out.push(e);
        }
    }
    out
}

/// The value of attribute `name`, trimmed; `None` when absent or blank.
pub fn attr(el: &Element, name: &str) -> Option<String> {
    el.get_attribute(name)
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The nearest ancestor-or-self of `el` matching `selector`.
pub fn closest(el: &Element, selector: &str) -> Option<Element> {
    let found = call(el, "closest", &JsValue::from_str(selector));
    (!found.is_null_or_undefined()).then(|| found.unchecked_into())
}

/// The element an event was aimed at (or `None` for text nodes and non-DOM targets).
pub fn event_element(event: &web_sys::Event) -> Option<Element> {
    target_of(event).dyn_into::<Element>().ok()
}

/// Gives focus back to `el` without scrolling (after a move made the browser drop it).
pub fn refocus(el: &Element) {
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"preventScroll".into(), &JsValue::TRUE);
    // `Reflect.apply`, the call auto mode's `dataLayer` trap makes: one import for both.
    let _ = call(el, "focus", &options);
}

/// Text for a JS value: strings as they are, finite numbers as JS's own `String(n)` writes them.
/// `JSON.stringify` of a finite number is that text (the same number-to-string step, -0 as `0`),
/// through the import the stored profile's writer has already (not `Number.prototype.toString`'s
/// own import and glue).
pub fn text_of(v: &JsValue) -> Option<String> {
    if let Some(s) = v.as_string() {
        return Some(s);
    }
    v.as_f64().filter(|n| n.is_finite())?;
    js_sys::JSON::stringify(v).ok().map(String::from)
}

/// Runs `f` once after `ms` milliseconds.
pub fn after(ms: i32, f: impl FnOnce() + 'static) {
    // One argument (never given), as the other one-argument callbacks: one closure type.
    let cb = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| f());
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}
