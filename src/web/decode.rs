//! Reading page values into core inputs. Each reader checks types and list lengths *before*
//! allocating, and names the failing field exactly (`items[3].price`). Reading with `Reflect`
//! keeps serde's deserializer, and the float formatting its error messages pull in, out of the
//! shipped wasm.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsError, JsValue};

use crate::core::id::IdText;
use crate::core::item::At;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_FACETS, MAX_TAGS};
use crate::core::ItemInput;

/// The JS `Error` for a list of `len` entries, over `max`.
fn too_many_error(field: &str, len: u32, max: usize) -> JsError {
    field_error(field, &format!("has {len} entries; the limit is {max}"))
}

/// A JS `Error` about `field`.
pub fn field_error(field: &str, message: &str) -> JsError {
    JsError::new(&format!("shelfwise: {field}: {message}"))
}

/// Property names read for every item and event, in [`Hot`] order. Turning Rust text
/// into a JS string costs more than the property read itself (about 1 µs), so these are made
/// once per page and reused: reading 1,000 items reads each name up to 1,000 times.
const HOT_KEYS: [&str; 26] = [
    "id",
    "item_id",
    "name",
    "item_name",
    "category",
    "item_category",
    "item_category2",
    "item_category3",
    "item_category4",
    "item_category5",
    "brand",
    "item_brand",
    "price",
    "quantity",
    "tags",
    "facets",
    "score",
    "type",
    "event",
    "item",
    "items",
    "query",
    "search_term",
    "results",
    "seconds",
    "ts",
];

/// A property of [`HOT_KEYS`], by position: the item and event readers name their fields
/// this way, so finding a field's JS string costs no string comparison at all.
#[derive(Clone, Copy)]
#[allow(dead_code)] // `Id` and `ItemId` name their place; `id` reads them by name.
pub(super) enum Hot {
    Id,
    ItemId,
    Name,
    ItemName,
    Category,
    ItemCategory,
    ItemCategory2,
    ItemCategory3,
    ItemCategory4,
    ItemCategory5,
    Brand,
    ItemBrand,
    Price,
    Quantity,
    Tags,
    Facets,
    Score,
    Type,
    Event,
    Item,
    Items,
    Query,
    SearchTerm,
    Results,
    Seconds,
    Ts,
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

/// Requires `v` to be a plain object (not an array).
pub fn object(v: &JsValue, field: &str) -> Result<(), JsError> {
    if v.is_object() && !Array::is_array(v) {
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
    if absent(&v) {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| field_error(&at.field(key), "must be a string"))
}

/// An optional number field (NaN and infinities pass through for the core to reject).
pub fn number(obj: &JsValue, key: &str, at: At) -> Result<Option<f64>, JsError> {
    number_of(get(obj, key), key, at)
}

/// The value `v` of the number field `key`.
pub(super) fn number_of(v: JsValue, key: &str, at: At) -> Result<Option<f64>, JsError> {
    if absent(&v) {
        return Ok(None);
    }
    v.as_f64()
        .map(Some)
        .ok_or_else(|| field_error(&at.field(key), "must be a number"))
}

/// An optional boolean field.
pub fn boolean(obj: &JsValue, key: &str, at: At) -> Result<Option<bool>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_bool()
        .map(Some)
        .ok_or_else(|| field_error(&at.field(key), "must be true or false"))
}

/// An id: a string, or a whole number written as its decimal text.
pub fn id_value(v: &JsValue, field: &str) -> Result<IdText, JsError> {
    if let Some(s) = v.as_string() {
        return Ok(IdText(s));
    }
    match v.as_f64() {
        Some(n) if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 => {
            Ok(IdText((n as i64).to_string()))
        }
        _ => Err(field_error(field, "must be a string or a whole number")),
    }
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
    // The field's path is only formatted for an error: valid input builds no strings.
    let arr: Array = v
        .dyn_into()
        .map_err(|_| field_error(&at.field(key), "must be an array"))?;
    let len = arr.length();
    if len as usize > max {
        return Err(too_many_error(&at.field(key), len, max));
    }
    Ok(Some(arr))
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
    arr.iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_string()
                .ok_or_else(|| field_error(&format!("{}[{i}]", at.field(key)), "must be a string"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn facets(obj: &JsValue, at: At) -> Result<Option<Vec<(String, String)>>, JsError> {
    let v = read_hot(obj, Hot::Facets);
    if absent(&v) {
        return Ok(None);
    }
    let field = at.field("facets");
    object(&v, &field)?;
    let entries = Object::entries(v.unchecked_ref());
    if entries.length() as usize > MAX_FACETS {
        return Err(too_many_error(&field, entries.length(), MAX_FACETS));
    }
    let mut out = Vec::with_capacity(entries.length() as usize);
    for pair in entries.iter() {
        let pair: Array = pair.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        let value = pair.get(1);
        let value = match (value.as_string(), value.as_f64()) {
            (Some(s), _) => s,
            (None, Some(_)) => id_value(&value, &format!("{field}.{name}"))?.0,
            _ => return Err(field_error(&format!("{field}.{name}"), "must be a string")),
        };
        out.push((name, value));
    }
    Ok(Some(out))
}

/// Reads one item; `at` says where it sits (such as `items[3]`).
pub fn item(v: &JsValue, at: At) -> Result<ItemInput, JsError> {
    if !v.is_object() || Array::is_array(v) {
        return Err(field_error(&at.path(), "must be an object"));
    }
    // `v` is an object: fields are read without asking JS again. Fields are filled in one
    // by one, so an error drops one half-built item (less code than a drop per field).
    let string = |k: Hot| string_of(read_hot(v, k), k.name(), at);
    let number = |k: Hot| number_of(read_hot(v, k), k.name(), at);
    let strings = |k: Hot, max| strings_of(read_hot(v, k), k.name(), at, max);
    let mut it = ItemInput {
        id: id_in(v, ["id", "item_id"], at)?,
        ..ItemInput::default()
    };
    it.name = match string(Hot::Name)? {
        None => string(Hot::ItemName)?,
        n => n,
    };
    it.category = strings(Hot::Category, MAX_CATEGORY_DEPTH)?;
    it.item_category = string(Hot::ItemCategory)?;
    it.item_category2 = string(Hot::ItemCategory2)?;
    it.item_category3 = string(Hot::ItemCategory3)?;
    it.item_category4 = string(Hot::ItemCategory4)?;
    it.item_category5 = string(Hot::ItemCategory5)?;
    it.brand = match string(Hot::Brand)? {
        None => string(Hot::ItemBrand)?,
        b => b,
    };
    it.price = number(Hot::Price)?;
    it.quantity = number(Hot::Quantity)?;
    it.tags = strings(Hot::Tags, MAX_TAGS)?;
    it.facets = facets(v, at)?;
    it.score = number(Hot::Score)?;
    Ok(it)
}

/// Reads a list of items, refused before reading when longer than `max`.
pub fn items(v: &JsValue, field: &str, max: usize) -> Result<Vec<ItemInput>, JsError> {
    let arr: Array = v.clone().dyn_into().map_err(|_| {
        field_error(
            field,
            "must be an array of items such as [{ id: \"sku-1\" }]",
        )
    })?;
    if arr.length() as usize > max {
        return Err(too_many_error(field, arr.length(), max));
    }
    arr.iter()
        .enumerate()
        .map(|(i, it)| {
            item(
                &it,
                At {
                    list: field,
                    index: Some(i),
                },
            )
        })
        .collect()
}

pub use super::decode_call::{event, rank_options};
