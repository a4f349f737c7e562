//! Reading the page's own lists and records where the page's code may run (getters, Proxy
//! traps): in `js/list.js`, which hands back the text of anything thrown, for a JS `Error`
//! naming the field. A throw unwinding through wasm's frames instead skips their clean-up: the
//! engine stays borrowed (`free()` then fails) and the stack pointer stays lowered, until after
//! about a thousand such calls the module traps for good.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::decode::{field_error, too_many_error};

use crate::core::text::concat;

#[wasm_bindgen(module = "/src/web/js/list.js")]
extern "C" {
    /// A plain copy of an array, -1 for a non-array, its length when over `max`, or the text
    /// of what reading it threw.
    #[wasm_bindgen(js_name = shelfwiseCopyList)]
    fn copy_list(v: &JsValue, max: u32) -> JsValue;

    /// `Object.entries(v)`, how many there are when over `max`, or the text of what reading
    /// them threw.
    #[wasm_bindgen(js_name = shelfwiseEntries)]
    fn copy_entries(v: &JsValue, max: u32) -> JsValue;

    /// 1 for an object (not an array) whose first `max` fields read without throwing, 0 for
    /// anything else, or the text of what reading it threw.
    #[wasm_bindgen(js_name = shelfwiseRecord)]
    fn check_record(v: &JsValue, max: u32) -> JsValue;
}

/// The JS `Error` for `field`, whose reading (a page's getter or Proxy trap) threw `text`.
#[inline(never)]
pub(super) fn thrown_error(field: &str, text: &str) -> JsError {
    field_error(field, &concat(&["could not be read (", text, ")"]))
}

/// What `copy` (from `js/list.js`) holds: the copy, or a number (-1: not an array; else the
/// length over the limit); `Err` with the text of a throw.
fn copied(copy: JsValue) -> Result<Result<Array, f64>, String> {
    if let Some(n) = copy.as_f64() {
        return Ok(Err(n));
    }
    copy.as_string()
        .map_or_else(|| Ok(Ok(copy.unchecked_into())), Err)
}

/// The array `v` copied, or a number (-1: not an array; else its length, over `max`); `Err`
/// with the text of what reading it threw.
pub(super) fn copy(v: &JsValue, max: usize) -> Result<Result<Array, f64>, String> {
    copied(copy_list(v, max as u32))
}

/// The array `v`, copied (each entry read once, in JS), or `None` when `v` is not an array;
/// refused, naming `field`, when it has more than `max` entries or reading it threw.
#[inline(never)]
pub(super) fn list(v: &JsValue, max: usize, field: &str) -> Result<Option<Array>, JsError> {
    match copy(v, max).map_err(|text| thrown_error(field, &text))? {
        Ok(copy) => Ok(Some(copy)),
        Err(len) if len >= 0.0 => Err(too_many_error(field, len as u32, max)),
        Err(_) => Ok(None),
    }
}

/// `[name, value]` for each own enumerable property of the object `v`, refused, naming
/// `field`, when there are more than `max` or reading them threw.
pub(super) fn entries(v: &JsValue, max: usize, field: &str) -> Result<Array, JsError> {
    copied(copy_entries(v, max as u32))
        .map_err(|text| thrown_error(field, &text))?
        .map_err(|len| too_many_error(field, len as u32, max))
}

/// Fields of an argument object read in JS to see whether reading throws: far more than any
/// event or options object has, few enough that a huge object (`window`) costs little.
const RECORD_FIELDS: u32 = 256;

/// True when `v` is an object (not an array) whose fields read without throwing (checked in
/// JS), false for anything else; refused, naming `field`, when reading it threw (a revoked
/// Proxy, traps that throw).
#[inline(never)]
pub(super) fn record(v: &JsValue, field: &str) -> Result<bool, JsError> {
    let checked = check_record(v, RECORD_FIELDS);
    match checked.as_string() {
        Some(text) => Err(thrown_error(field, &text)),
        None => Ok(checked.as_f64() == Some(1.0)),
    }
}
