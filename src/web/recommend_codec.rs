//! Reading the recommendation inputs a page passes: neighbour data handed over by a product
//! page, the shop's popularity data, slot options, and the neighbour cache of a stored profile.
//! Every list length is checked before anything is allocated.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsError, JsValue};

use super::decode::{
    array, boolean, field_error, get, id_text, id_value, not_an_id, number, object,
};
use super::js_list::{copy, entries, list, thrown_error};
use super::profile_codec::whole_number;
use super::stored_list::StoredList;
use crate::core::item::At;
use crate::core::pack::validate::{
    PairsInput, BLEND_FIELDS, MAX_NEIGHBOURS, MAX_POPULAR, MAX_POPULAR_CATEGORIES,
};
use crate::core::pack::{BlendInput, ItemDataInput, PopularityInput, Weighted};
use crate::core::profile::neighbours::{CachedItem, NeighbourCache};
use crate::core::recommend::options::MAX_EXCLUDE;
use crate::core::recommend::RecommendOptionsInput;
use crate::core::text::{concat, count};
use crate::web::dom_calls::nth;

fn absent(v: &JsValue) -> bool {
    v.is_undefined() || v.is_null()
}

/// The error for entry `i` of the list at `field` (`part`: `""`, `"[0]"` or `"[1]"`).
#[inline(never)]
fn entry_error(field: &str, i: usize, part: &str, message: &str) -> JsError {
    field_error(&concat(&[field, "[", &count(i), "]", part]), message)
}

/// `[[id, weight], …]` at `field`, refused before reading when longer than `max`.
fn pairs(v: &JsValue, field: &str, max: usize) -> Result<Option<PairsInput>, JsError> {
    if absent(v) {
        return Ok(None);
    }
    // Copied in JS, where the page's getters and Proxy traps may throw (see `js_list`).
    let arr = list(v, max, field)?
        .ok_or_else(|| field_error(field, "must be an array of [id, weight] pairs"))?;
    let mut out = Vec::with_capacity(arr.length() as usize);
    for (i, pair) in arr.iter().enumerate() {
        // Field names are formatted only for a refused entry.
        let bad = |part, message| entry_error(field, i, part, message);
        // Copied too (a pair may be a Proxy).
        let pair = match copy(&pair, 2) {
            Ok(Ok(pair)) if pair.length() == 2 => pair,
            Err(text) => return Err(thrown_error(&concat(&[field, "[", &count(i), "]"]), &text)),
            _ => return Err(bad("", "must be an [id, weight] pair")),
        };
        let id = nth(&pair, 0);
        let id = id_text(&id).ok_or_else(|| bad("[0]", not_an_id(&id)))?;
        let w = nth(&pair, 1)
            .as_f64()
            .ok_or_else(|| bad("[1]", "must be a number"))?;
        out.push((id, w));
    }
    Ok(Some(out))
}

/// What a product page hands over: `{ related?: [[id, w]…], boughtTogether?: [[id, w]…] }`;
/// `undefined` or `null` (an item the pack has no entry for) means no neighbours.
pub fn item_data(v: &JsValue) -> Result<ItemDataInput, JsError> {
    if absent(v) {
        return Ok(ItemDataInput::default());
    }
    object(v, "data")?;
    Ok(ItemDataInput {
        related: pairs(&get(v, "related"), "related", MAX_NEIGHBOURS)?,
        bought_together: pairs(&get(v, "boughtTogether"), "boughtTogether", MAX_NEIGHBOURS)?,
    })
}

/// The `pickedForYou` blend the pack carries: `{ repeat?, decay?, bought? }` numbers.
fn blend(v: &JsValue) -> Result<Option<BlendInput>, JsError> {
    if absent(v) {
        return Ok(None);
    }
    object(v, "blend")?;
    // Present but not a number reads as NaN, which the core refuses naming the field.
    let mut n = [None; 3];
    for (slot, key) in n.iter_mut().zip(BLEND_FIELDS) {
        let x = get(v, key);
        *slot = (!absent(&x)).then(|| x.as_f64().unwrap_or(f64::NAN));
    }
    let [repeat, decay, bought] = n;
    Ok(Some(BlendInput {
        repeat,
        decay,
        bought,
    }))
}

/// The shop's popularity data: `{ overall?: [[id, n]…], categories?: { path: [[id, n]…] },
/// blend?: { repeat?, decay?, bought? } }`.
pub fn popularity(v: &JsValue) -> Result<PopularityInput, JsError> {
    object(v, "popularity")?;
    let overall = pairs(&get(v, "overall"), "overall", MAX_POPULAR)?;
    let cats = get(v, "categories");
    let categories = if absent(&cats) {
        None
    } else {
        object(&cats, "categories")?;
        let entries = entries(&cats, MAX_POPULAR_CATEGORIES, "categories")?;
        let mut out = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let entry: Array = entry.unchecked_into();
            let name = nth(&entry, 0).as_string().unwrap_or_default();
            let field = concat(&["categories.", &name]);
            let list = pairs(&nth(&entry, 1), &field, MAX_POPULAR)?.unwrap_or_default();
            out.push((name, list));
        }
        Some(out)
    };
    Ok(PopularityInput {
        overall,
        categories,
        blend: blend(&get(v, "blend"))?,
    })
}

/// Slot options: `{ count?, item?, exclude?, excludeSeen? }`.
pub fn recommend_options(v: &JsValue) -> Result<RecommendOptionsInput, JsError> {
    if absent(v) {
        return Ok(RecommendOptionsInput::default());
    }
    object(v, "options")?;
    let at = At::object("");
    let item = get(v, "item");
    let exclude = match array(v, "exclude", at, MAX_EXCLUDE)? {
        None => None,
        Some(arr) => {
            let mut out = Vec::new();
            for (i, id) in arr.iter().enumerate() {
                out.push(id_text(&id).ok_or_else(|| {
                    field_error(&concat(&["exclude[", &count(i), "]"]), not_an_id(&id))
                })?);
            }
            Some(out)
        }
    };
    Ok(RecommendOptionsInput {
        count: number(v, "count", at)?,
        item: if absent(&item) {
            None
        } else {
            Some(id_value(&item, "item")?)
        },
        exclude,
        exclude_seen: boolean(v, "excludeSeen", at)?,
    })
}

/// Reads a stored `[[id, weight], …]` list (each pair may carry ignored extra values).
fn stored_pairs(l: &mut StoredList) -> Option<Vec<Weighted>> {
    let len = l.tuple()?;
    let mut out = Vec::new();
    for _ in 0..len {
        let values = l.tuple()?;
        if values < 2 {
            return None;
        }
        let id = l.text()?;
        let w = whole_number(l.number()?)?;
        skip(l, values - 2)?;
        out.push(Weighted(id, w));
    }
    Some(out)
}

/// Skips `n` values of any type (the extra values of a stored tuple).
fn skip(l: &mut StoredList, n: usize) -> Option<()> {
    for _ in 0..n {
        l.number_or_skip()?;
    }
    Some(())
}

/// Reads one cached item, `[id, views, at, related, bought]` (extra values are ignored).
fn cached_item(l: &mut StoredList) -> Option<CachedItem> {
    let values = l.tuple()?;
    if values < 5 {
        return None;
    }
    let id = l.text()?;
    let views = l.number()?;
    let at = whole_number(l.number()?)?;
    let related = stored_pairs(l)?;
    let bought = stored_pairs(l)?;
    skip(l, values - 5)?;
    Some(CachedItem::new(id, views, at, related, bought))
}

/// Reads a stored neighbour cache (`nb`); `None` when it does not have the stored shape.
/// Odd values inside are repaired by the core on restore. The entries cross from JS in one
/// call (`StoredList`): a page's stored profile is read on every page load.
pub fn read_cache(v: &JsValue, max: u32) -> Option<NeighbourCache> {
    if absent(v) {
        return Some(NeighbourCache::default());
    }
    let tick = whole_number(get(v, "t").as_f64()?)?;
    // Entries hold lists of pairs: two levels of lists inside each entry.
    let items = StoredList::read_nested(&get(v, "i"), max, 2)?.all(cached_item)?;
    Some(NeighbourCache { tick, items })
}
