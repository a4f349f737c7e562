//! Reading page values into core inputs. Each reader checks types and list lengths *before*
//! allocating, and names the failing field exactly (`items[3].price`). Reading with `Reflect`
//! keeps serde's deserializer, and the float formatting its error messages pull in, out of the
//! shipped wasm.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsError, JsValue};

use crate::core::id::IdText;
use crate::core::item::At;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_EVENT_ITEMS, MAX_FACETS, MAX_TAGS};
use crate::core::rank::{DiversityInput, RankOptionsInput};
use crate::core::{EventInput, ItemInput};

/// A JS `Error` about `field`.
pub fn field_error(field: &str, message: &str) -> JsError {
    JsError::new(&format!("shelfwise: {field}: {message}"))
}

/// Property names read for every item and event, space-separated. Turning Rust text into a
/// JS string costs more than the property read itself (about 1 µs), so these are made once
/// per page and reused: reading 1,000 items reads each name up to 1,000 times.
const HOT_KEYS: &str = "id item_id name item_name category item_category item_category2 \
    item_category3 item_category4 item_category5 brand item_brand price quantity tags facets \
    score type event item items query search_term results seconds";

thread_local! {
    /// Each of [`HOT_KEYS`] with its JS string.
    static HOT: Vec<(&'static str, JsValue)> = HOT_KEYS
        .split_ascii_whitespace()
        .map(|k| (k, JsValue::from_str(k)))
        .collect();
}

/// `obj[key]`, `undefined` for absent keys or non-objects.
pub fn get(obj: &JsValue, key: &str) -> JsValue {
    if !obj.is_object() {
        return JsValue::UNDEFINED;
    }
    let read = |k: &JsValue| Reflect::get(obj, k).unwrap_or(JsValue::UNDEFINED);
    HOT.with(|hot| match hot.iter().find(|(k, _)| *k == key) {
        Some((_, js)) => read(js),
        None => read(&JsValue::from_str(key)),
    })
}

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
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
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| field_error(&at.field(key), "must be a string"))
}

/// An optional number field (NaN and infinities pass through for the core to reject).
pub fn number(obj: &JsValue, key: &str, at: At) -> Result<Option<f64>, JsError> {
    let v = get(obj, key);
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
    for key in keys {
        let v = get(obj, key);
        if !absent(&v) {
            return id_value(&v, &at.field(key)).map(Some);
        }
    }
    Ok(None)
}

/// An optional array field, refused before reading when longer than `max`.
pub fn array(obj: &JsValue, key: &str, at: At, max: usize) -> Result<Option<Array>, JsError> {
    let v = get(obj, key);
    if absent(&v) {
        return Ok(None);
    }
    let field = at.field(key);
    let arr: Array = v
        .dyn_into()
        .map_err(|_| field_error(&field, "must be an array"))?;
    if arr.length() as usize > max {
        return Err(field_error(
            &field,
            &format!("has {} entries; the limit is {max}", arr.length()),
        ));
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
    let Some(arr) = array(obj, key, at, max)? else {
        return Ok(None);
    };
    let field = at.field(key);
    arr.iter()
        .enumerate()
        .map(|(i, v)| {
            v.as_string()
                .ok_or_else(|| field_error(&format!("{field}[{i}]"), "must be a string"))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn facets(obj: &JsValue, at: At) -> Result<Option<Vec<(String, String)>>, JsError> {
    let v = get(obj, "facets");
    if absent(&v) {
        return Ok(None);
    }
    let field = at.field("facets");
    object(&v, &field)?;
    let entries = Object::entries(v.unchecked_ref());
    if entries.length() as usize > MAX_FACETS {
        return Err(field_error(
            &field,
            &format!(
                "has {} entries; the limit is {MAX_FACETS}",
                entries.length()
            ),
        ));
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
    let category = |k: &str| string(v, k, at);
    Ok(ItemInput {
        id: id(v, ["id", "item_id"], at)?,
        name: match string(v, "name", at)? {
            Some(n) => Some(n),
            None => string(v, "item_name", at)?,
        },
        category: strings(v, "category", at, MAX_CATEGORY_DEPTH)?,
        item_category: category("item_category")?,
        item_category2: category("item_category2")?,
        item_category3: category("item_category3")?,
        item_category4: category("item_category4")?,
        item_category5: category("item_category5")?,
        brand: match string(v, "brand", at)? {
            Some(b) => Some(b),
            None => string(v, "item_brand", at)?,
        },
        price: number(v, "price", at)?,
        quantity: number(v, "quantity", at)?,
        tags: strings(v, "tags", at, MAX_TAGS)?,
        facets: facets(v, at)?,
        score: number(v, "score", at)?,
    })
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
        return Err(field_error(
            field,
            &format!("has {} entries; the limit is {max}", arr.length()),
        ));
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

/// Reads a shopper event.
pub fn event(v: &JsValue) -> Result<EventInput, JsError> {
    if !v.is_object() || Array::is_array(v) {
        return Err(field_error(
            "event",
            "must be an object such as { type: \"view_item\", item: { id: \"sku-1\" } }",
        ));
    }
    let top = At::object("");
    let kind = match string(v, "type", top)? {
        Some(k) => Some(k),
        None => string(v, "event", top)?,
    };
    let list = get(v, "items");
    let one = get(v, "item");
    let results = match array(v, "results", top, MAX_EVENT_ITEMS)? {
        None => None,
        Some(arr) => Some(
            arr.iter()
                .enumerate()
                .map(|(i, r)| id_value(&r, &format!("results[{i}]")))
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    Ok(EventInput {
        kind,
        items: if absent(&list) {
            None
        } else {
            Some(items(&list, "items", MAX_EVENT_ITEMS)?)
        },
        item: if absent(&one) {
            None
        } else {
            Some(item(&one, At::object("item"))?)
        },
        query: match string(v, "query", top)? {
            Some(q) => Some(q),
            None => string(v, "search_term", top)?,
        },
        results,
        seconds: number(v, "seconds", top)?,
        ts: number(v, "ts", top)?,
    })
}

/// Reads `rank` options; `undefined` means defaults.
pub fn rank_options(v: &JsValue) -> Result<RankOptionsInput, JsError> {
    if absent(v) {
        return Ok(RankOptionsInput::default());
    }
    object(v, "options")?;
    let p = At::object("options");
    let d = get(v, "diversity");
    let diversity = if absent(&d) {
        None
    } else {
        let dp = At::object("options.diversity");
        object(&d, "options.diversity")?;
        Some(DiversityInput {
            by: string(&d, "by", dp)?,
            max_per_group: number(&d, "maxPerGroup", dp)?,
            top_k: number(&d, "topK", dp)?,
        })
    };
    Ok(RankOptionsInput {
        context: string(v, "context", p)?,
        impact: number(v, "impact", p)?,
        demote_purchased: boolean(v, "demotePurchased", p)?,
        diversity,
    })
}
