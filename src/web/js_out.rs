//! Builders of plain JS values shared by the hand-written encoders (`profile_writer` for the
//! stored profile, `encode` for the API's outputs): objects with their keys in the order given,
//! numbers as JS numbers, lists as JS arrays. They replace serde-wasm-bindgen's generic
//! serializer in the shipped wasm; the browser tests compare their output with it.

use std::cell::RefCell;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set(o, k, v)`, bound without the glue's generic error wrapper (which took a
    /// tenth of a `recommend` call). `Reflect.set` itself does not throw on a key the page made
    /// read-only (it returns false and the field is left out); only a setter the page put on
    /// Object.prototype could throw.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set_field(o: &Object, k: &JsValue, v: &JsValue) -> bool;
}

thread_local! {
    /// The JS string of every key written so far, by the address and length of its text: a
    /// key crosses into JS once per page instead of once per object (decoding a string in JS
    /// cost as much as the rest of a `recommend` call).
    static KEYS: RefCell<Vec<((usize, usize), JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// The JS string of `key` (an object key or another fixed text such as an enum's name),
/// from [`KEYS`].
pub(crate) fn key(key: &'static str) -> JsValue {
    let at = (key.as_ptr() as usize, key.len());
    KEYS.with(|keys| {
        let Ok(mut keys) = keys.try_borrow_mut() else {
            return JsValue::from_str(key);
        };
        if let Some((_, js)) = keys.iter().find(|(k, _)| *k == at) {
            return js.clone();
        }
        let js = JsValue::from_str(key);
        keys.push((at, js.clone()));
        js
    })
}

/// `obj[key] = value` (the stored profile's writer: one object per write, its keys crossing
/// each time, which keeps the key cache out of the core build).
pub(crate) fn set(obj: &Object, name: &str, value: &JsValue) {
    let _ = set_field(obj, &JsValue::from_str(name), value);
}

/// `obj[key] = value` with the key from the cache (the API's outputs, many objects per call).
fn set_cached(obj: &Object, name: &'static str, value: &JsValue) {
    let _ = set_field(obj, &key(name), value);
}

/// `obj[key] = value` when there is a value; nothing otherwise (serde's
/// `skip_serializing_if = "Option::is_none"`).
pub(crate) fn set_some(obj: &Object, key: &'static str, value: Option<&String>) {
    if let Some(v) = value {
        set_cached(obj, key, &JsValue::from_str(v));
    }
}

/// A plain object with `fields` set in their order.
pub(crate) fn object(fields: &[(&'static str, JsValue)]) -> Object {
    let o = Object::new();
    for (key, value) in fields {
        set_cached(&o, key, value);
    }
    o
}

/// A JS number.
pub(crate) fn num(n: impl Into<f64>) -> JsValue {
    JsValue::from_f64(n.into())
}

/// A JS array of `items`, each encoded by `one`.
pub(crate) fn array<T>(items: &[T], one: impl Fn(&T) -> JsValue) -> JsValue {
    let out = Array::new();
    for it in items {
        out.push(&one(it));
    }
    out.into()
}

/// A JS array of the given values (a tuple).
pub(crate) fn tuple<const N: usize>(values: [JsValue; N]) -> JsValue {
    let out = Array::new();
    for v in &values {
        out.push(v);
    }
    out.into()
}

/// A JS array of strings.
pub(crate) fn strings(items: &[String]) -> JsValue {
    array(items, |s| JsValue::from_str(s))
}
