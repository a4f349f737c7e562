//! Conversions across the JS boundary: core outputs to plain JS objects, core errors to JS
//! `Error`s. (Inputs are read by `decode`.)

use serde::Serialize;
use wasm_bindgen::{JsError, JsValue};

use crate::core::CoreError;

/// Turns a core error into a JS `Error` whose message names the field.
pub fn js_error(e: CoreError) -> JsError {
    JsError::new(&format!("shelfwise: {e}"))
}

/// Encodes `value` as plain JS objects and arrays (JSON-compatible: no `Map`, no `BigInt`).
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&ser).unwrap_or(JsValue::UNDEFINED)
}
