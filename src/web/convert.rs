//! Core errors to JS `Error`s. (Inputs are read by `decode`; outputs are written by `encode`
//! and `profile_writer`.)

use wasm_bindgen::JsError;

use crate::core::text::concat;
use crate::core::CoreError;

/// Turns a core error into a JS `Error` whose message names the field.
pub fn js_error(e: CoreError) -> JsError {
    JsError::new(&concat(&["shelfwise: ", &e.text()]))
}
