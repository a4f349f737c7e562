//! Reading page values into core inputs. Each reader checks types and list lengths *before*
//! allocating, and names the failing field exactly (`items[3].price`). Reading with `Reflect`
//! keeps serde's deserializer, and the float formatting its error messages pull in, out of the
//! shipped wasm.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsError, JsValue};

use super::js_list::{copy, record, thrown_error};

use crate::core::id::IdText;
use crate::core::item::At;
use crate::core::text::{concat, count, whole};

/// The JS `Error` for a list of `len` entries, over `max`.
pub(super) fn too_many_error(field: &str, len: u32, max: usize) -> JsError {
    let (len, max) = (count(len as usize), count(max));
    field_error(
        field,
        &concat(&["has ", &len, " entries; the limit is ", &max]),
    )
}

/// A JS `Error` about `field`.
pub fn field_error(field: &str, message: &str) -> JsError {
    JsError::new(&concat(&["shelfwise: ", field, ": ", message]))
}

/// A JS `Error` about the entry `key` of the record `field`, named as the page wrote it:
/// `config.moments.priceMedians["shoes>running"]`.
#[inline(never)]
pub fn entry_error(field: &str, key: &str, message: &str) -> JsError {
    field_error(&concat(&[field, "[\"", key, "\"]"]), message)
}

/// Property names read for every event or `rank` call, in [`Hot`] order. Turning Rust text
/// into a JS string costs more than the property read itself (about 1 µs), so these are made
/// once per page and reused.
const HOT_KEYS: [&str; 17] = [
    "id",
    "item_id",
    "type",
    "event",
    "item",
    "items",
    "query",
    "search_term",
    "results",
    "seconds",
    "ts",
    "transactionId",
    "transaction_id",
    "diversity",
    "context",
    "impact",
    "demotePurchased",
];

/// A property of [`HOT_KEYS`], by position: the event reader names its fields this way, so
/// finding a field's JS string costs no string comparison at all.
#[derive(Clone, Copy)]
#[allow(dead_code)] // `Id` and `ItemId` name their place; `id` reads them by name.
pub(super) enum Hot {
    Id,
    ItemId,
    Type,
    Event,
    Item,
    Items,
    Query,
    SearchTerm,
    Results,
    Seconds,
    Ts,
    TransactionId,
    TransactionIdGa4,
    Diversity,
    Context,
    Impact,
    DemotePurchased,
}

impl Hot {
    /// The property name.
    pub(super) fn name(self) -> &'static str {
        HOT_KEYS.get(self as usize).copied().unwrap_or("")
    }
}

thread_local! {
    /// Each of [`HOT_KEYS`] as a JS string.
    static HOT: Vec<JsValue> = {
        let mut hot = Vec::with_capacity(HOT_KEYS.len());
        for k in HOT_KEYS {
            hot.push(JsValue::from_str(k));
        }
        hot
    };
}

/// `obj[key]`, `undefined` for absent keys or non-objects.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    read(obj, key)
}

/// `obj[key]` for an `obj` already known to be an object.
fn read(obj: &JsValue, key: &str) -> JsValue {
    match HOT_KEYS.iter().position(|k| *k == key) {
        Some(i) => read_at(obj, i),
        None => Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED),
    }
}

/// `obj[key]` for an `obj` already known to be an object: [`get`] without its type check or
/// name search, one call into JS fewer per field (reading an item reads about fifteen).
pub(super) fn read_hot(obj: &JsValue, key: Hot) -> JsValue {
    read_at(obj, key as usize)
}

/// `obj[HOT_KEYS[i]]`.
fn read_at(obj: &JsValue, i: usize) -> JsValue {
    HOT.with(|hot| {
        hot.get(i).map_or(JsValue::UNDEFINED, |k| {
            Reflect::get(obj, k).unwrap_or(JsValue::UNDEFINED)
        })
    })
}

/// `undefined` or `null`, asked of JS in one call.
pub(super) fn absent(v: &JsValue) -> bool {
    v.is_null_or_undefined()
}

/// Requires `v` to be a plain object (not an array) whose fields can be read.
pub fn object(v: &JsValue, field: &str) -> Result<(), JsError> {
    if record(v, field)? {
        Ok(())
    } else {
        Err(field_error(field, "must be an object"))
    }
}

/// An optional string field.
pub fn string(obj: &JsValue, key: &str, at: At) -> Result<Option<String>, JsError> {
    string_of(get(obj, key), key, at)
}

/// The value `v` of the string field `key`.
pub(super) fn string_of(v: JsValue, key: &str, at: At) -> Result<Option<String>, JsError> {
    optional(v, key, at, JsValue::as_string, "must be a string")
}

/// The value `v` of the optional field `key` as `read` reads it (absent: `None`), or the
/// error naming the field with `wanted` when it reads as nothing.
fn optional<T>(
    v: JsValue,
    key: &str,
    at: At,
    read: fn(&JsValue) -> Option<T>,
    wanted: &str,
) -> Result<Option<T>, JsError> {
    if absent(&v) {
        return Ok(None);
    }
    read(&v)
        .map(Some)
        .ok_or_else(|| field_error(&at.field(key), wanted))
}

/// An optional number field (NaN and infinities pass through for the core to reject).
pub fn number(obj: &JsValue, key: &str, at: At) -> Result<Option<f64>, JsError> {
    number_of(get(obj, key), key, at)
}

/// The value `v` of the number field `key`.
pub(super) fn number_of(v: JsValue, key: &str, at: At) -> Result<Option<f64>, JsError> {
    optional(v, key, at, JsValue::as_f64, "must be a number")
}

/// An optional boolean field.
pub fn boolean(obj: &JsValue, key: &str, at: At) -> Result<Option<bool>, JsError> {
    boolean_of(get(obj, key), key, at)
}

/// The value `v` of the boolean field `key`.
pub(super) fn boolean_of(v: JsValue, key: &str, at: At) -> Result<Option<bool>, JsError> {
    optional(v, key, at, JsValue::as_bool, "must be true or false")
}

/// An id: a string, or a safe integer written as its decimal text.
pub fn id_value(v: &JsValue, field: &str) -> Result<IdText, JsError> {
    id_text(v).ok_or_else(|| field_error(field, not_an_id(v)))
}

/// Why a value is not an id.
pub const NOT_AN_ID: &str = "must be a string or a whole number";

/// Why a whole number beyond `Number.MAX_SAFE_INTEGER` is not an id: it has lost digits
/// before Shelfwise sees it (`10000000000000001` arrives as `10000000000000000`).
pub const UNSAFE_ID: &str = "must be a string or a safe integer (a whole number of at most \
     9007199254740991 in size); give a larger id as a string";

/// Why `v`, which [`id_text`] refused, is not an id: [`UNSAFE_ID`] for a whole number too
/// large to be exact, else [`NOT_AN_ID`].
pub fn not_an_id(v: &JsValue) -> &'static str {
    match v.as_f64() {
        Some(n) if n.is_finite() && n.fract() == 0.0 => UNSAFE_ID,
        _ => NOT_AN_ID,
    }
}

/// Largest whole number a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// An id (a string, or a safe integer as its decimal text); `None` for anything else. For
/// lists, where the field name is only worth formatting when an entry is refused (then worded
/// by [`not_an_id`]).
pub fn id_text(v: &JsValue) -> Option<IdText> {
    if let Some(s) = v.as_string() {
        return Some(IdText(s));
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => Some(IdText(whole(n as i64))),
        _ => None,
    }
}

/// The ids of `list` (strings or whole numbers), a bad one refused at its place:
/// `field[i]`. One loop for `fillSlot`'s `ids` and a trigger's `added`.
#[inline(never)]
pub fn id_list(list: &Array, field: &str) -> Result<Vec<String>, JsError> {
    let mut out = Vec::new();
    for (i, id) in list.iter().enumerate() {
        let id = id_text(&id)
            .ok_or_else(|| field_error(&concat(&[field, "[", &count(i), "]"]), not_an_id(&id)))?;
        out.push(id.0);
    }
    Ok(out)
}

/// An optional id under the first present of `keys` (a string or a whole number).
pub fn id(obj: &JsValue, keys: [&str; 2], at: At) -> Result<Option<IdText>, JsError> {
    if !obj.is_object() {
        return Ok(None);
    }
    id_in(obj, keys, at)
}

/// [`id`] read from an object, without asking JS again whether it is one.
fn id_in(obj: &JsValue, keys: [&str; 2], at: At) -> Result<Option<IdText>, JsError> {
    for key in keys {
        let v = read(obj, key);
        if !absent(&v) {
            return id_value(&v, &at.field(key)).map(Some);
        }
    }
    Ok(None)
}

/// An optional array field, refused before reading when longer than `max`.
pub fn array(obj: &JsValue, key: &str, at: At, max: usize) -> Result<Option<Array>, JsError> {
    array_of(get(obj, key), key, at, max)
}

/// The value `v` of the array field `key`.
pub(super) fn array_of(
    v: JsValue,
    key: &str,
    at: At,
    max: usize,
) -> Result<Option<Array>, JsError> {
    if absent(&v) {
        return Ok(None);
    }
    // The page's array is copied in JS, where its getters and Proxy traps may throw. The
    // field's path is only formatted for an error: valid input builds no strings.
    match copy(&v, max) {
        Ok(Ok(arr)) => Ok(Some(arr)),
        Ok(Err(len)) if len >= 0.0 => Err(too_many_error(&at.field(key), len as u32, max)),
        Ok(Err(_)) => Err(field_error(&at.field(key), "must be an array")),
        Err(text) => Err(thrown_error(&at.field(key), &text)),
    }
}

/// An optional array of strings, refused when longer than `max`.
pub fn strings(
    obj: &JsValue,
    key: &str,
    at: At,
    max: usize,
) -> Result<Option<Vec<String>>, JsError> {
    strings_of(get(obj, key), key, at, max)
}

/// The value `v` of the string-array field `key`.
fn strings_of(v: JsValue, key: &str, at: At, max: usize) -> Result<Option<Vec<String>>, JsError> {
    let Some(arr) = array_of(v, key, at, max)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for (i, v) in arr.iter().enumerate() {
        let s = v.as_string();
        out.push(s.ok_or_else(|| {
            field_error(
                &concat(&[&at.field(key), "[", &count(i), "]"]),
                "must be a string",
            )
        })?);
    }
    Ok(Some(out))
}

pub use super::decode_call::{event, rank_options};
