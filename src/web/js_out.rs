//! Builders of plain JS values shared by the hand-written encoders (`profile_writer` for the
//! stored profile, `encode` for the API's outputs): objects with their keys in the order given,
//! numbers as JS numbers, lists as JS arrays. They replace serde-wasm-bindgen's generic
//! serializer in the shipped wasm; the browser tests compare their output with it.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

/// `obj[key] = value`.
pub(crate) fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// `obj[key] = value` when there is a value; nothing otherwise (serde's
/// `skip_serializing_if = "Option::is_none"`).
pub(crate) fn set_some(obj: &Object, key: &str, value: Option<&String>) {
    if let Some(v) = value {
        set(obj, key, &JsValue::from_str(v));
    }
}

/// A plain object with `fields` set in their order.
pub(crate) fn object(fields: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (key, value) in fields {
        set(&o, key, value);
    }
    o
}

/// A JS number.
pub(crate) fn num(n: impl Into<f64>) -> JsValue {
    JsValue::from_f64(n.into())
}

/// A JS array of `items`, each encoded by `one`.
pub(crate) fn array<T>(items: &[T], one: impl Fn(&T) -> JsValue) -> JsValue {
    items.iter().map(one).collect::<Array>().into()
}

/// A JS array of the given values (a tuple).
pub(crate) fn tuple<const N: usize>(values: [JsValue; N]) -> JsValue {
    values.iter().collect::<Array>().into()
}

/// A JS array of strings.
pub(crate) fn strings(items: &[String]) -> JsValue {
    array(items, |s| JsValue::from_str(s))
}
