//! Reading lists of items (`rank`'s items, and the items of `track`'s events) in a constant
//! number of calls into JS instead of about thirty per item. `js/pack.js` walks the items once
//! in JS, checks every value's type and hands over the UTF-8 bytes of every distinct text with
//! where each ends, the items' numbers and their texts by number (typed arrays, copied in one
//! call each); `rank`'s order goes back as positions that JS maps to the caller's own id
//! strings. A value of the wrong type comes back as a description that becomes
//! the JS `Error` naming the field (`items[3].price: must be a number`).

use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsError};

use super::decode::{field_error, too_many_error};
use super::js_list::thrown_error;
use super::utf8_texts::utf8_texts;
use crate::core::batch::{ItemBatch, Shape};
use crate::core::item::At;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_FACETS, MAX_TAGS};
use crate::core::ItemInput;
use crate::web::dom_calls::nth;

#[wasm_bindgen(module = "/src/web/js/pack.js")]
extern "C" {
    /// `[bytes, numbers, ids, items, refs_end]`: the texts' UTF-8 bytes; each item's numbers,
    /// then (up to `refs_end`) every item's texts by number when `shared`, then where each
    /// text ends in `bytes`; the ids; how many items. Or `[kind, index, path, length, limit,
    /// thrown]` for a value of the wrong type, or a list or item whose reading threw (see
    /// `js/pack.js`).
    #[wasm_bindgen(js_name = shelfwisePackItems)]
    fn pack_items(
        items: &JsValue,
        max_items: u32,
        depth: u32,
        tags: u32,
        facets: u32,
        shared: bool,
    ) -> Array;

    /// The same walk for `track`'s event items: a copy of its own in the built glues, so V8
    /// optimises `rank`'s walk for `rank`'s lists alone (see `js/pack.js`).
    #[wasm_bindgen(js_name = shelfwisePackEventItems)]
    fn pack_event_items(
        items: &JsValue,
        max_items: u32,
        depth: u32,
        tags: u32,
        facets: u32,
        shared: bool,
    ) -> Array;

    /// `ids` taken at each position of `order` (whole numbers; `f64` shares the glue's
    /// number-array code with the packed numbers).
    #[wasm_bindgen(js_name = shelfwisePick)]
    fn pick(ids: &JsValue, order: &[f64]) -> JsValue;
}

/// Numbers per item in the packed array: the flags and counts (flags + 64 × (category depth +
/// 64 × (tags + 64 × facets))), price, quantity, score.
const STRIDE: usize = 4;
/// Flag bits of the first number: which optional fields are present.
const NAME: u32 = 1;
const BRAND: u32 = 2;
const PRICE: u32 = 4;
const QUANTITY: u32 = 8;
const SCORE: u32 = 16;
const ID: u32 = 32;

/// Items read from JS.
pub(super) struct Packed {
    /// The items, ready for the core to validate.
    pub(super) items: Vec<ItemInput>,
}

/// The caller's `ids` (from [`read_batch`]) at each position of `order`.
pub(super) fn ids_in(ids: &JsValue, order: &[usize]) -> JsValue {
    let mut positions = Vec::with_capacity(order.len());
    for &i in order {
        positions.push(i as f64);
    }
    pick(ids, &positions)
}

/// The message for an error `kind` from `js/pack.js` (3, a list over its limit, is worded
/// by [`too_many_error`]; 7, an item whose reading threw, by [`thrown_error`]).
fn message(kind: u32) -> &'static str {
    match kind {
        0 => "must be a string",
        1 => "must be a number",
        2 => "must be an array",
        4 => "must be an object",
        5 => "must be a string or a whole number",
        8 => super::decode::UNSAFE_ID,
        _ => "must be an array of items such as [{ id: \"sku-1\" }]",
    }
}

/// A list as `js/pack.js` packed it: the texts (each distinct one once), each text's byte
/// range, each item's numbers and texts by number, and the JS array of the ids.
struct Unpacked {
    text: String,
    spans: Vec<(usize, usize)>,
    nums: Vec<f64>,
    refs: Vec<u32>,
    ids: JsValue,
}

/// Packs a list of at most `max` items in JS, each text that may repeat sent once when
/// `shared`. `list` names the list in errors about the list itself, `at` says where item `i`
/// sits.
fn unpack(
    items: &JsValue,
    max: usize,
    list: &str,
    at: &dyn Fn(usize) -> At<'static>,
    shared: bool,
) -> Result<Unpacked, JsError> {
    let walk = if shared { pack_items } else { pack_event_items };
    let packed = walk(
        items,
        max as u32,
        MAX_CATEGORY_DEPTH as u32,
        MAX_TAGS as u32,
        MAX_FACETS as u32,
        shared,
    );
    let number = |i: u32| nth(&packed, i).as_f64().unwrap_or(0.0);
    if nth(&packed, 0).as_f64().is_some() {
        let field = match number(1) {
            i if i < 0.0 => list.to_owned(),
            i => at(i as usize).path() + &nth(&packed, 2).as_string().unwrap_or_default(),
        };
        return Err(match number(0) as u32 {
            3 => too_many_error(&field, number(3) as u32, number(4) as usize),
            7 => thrown_error(&field, &nth(&packed, 5).as_string().unwrap_or_default()),
            kind => field_error(&field, message(kind)),
        });
    }
    let mut nums = nth(&packed, 1).unchecked_into::<Float64Array>().to_vec();
    let rows = number(3) as usize * STRIDE;
    let refs_end = (number(4) as usize).max(rows).min(nums.len());
    // Filled in place, not pushed: no call in the loops (see BENCHMARKS, session 5).
    let numbers = nums.get(rows..refs_end).unwrap_or(&[]);
    let mut refs = vec![0; numbers.len()];
    for (r, &t) in refs.iter_mut().zip(numbers) {
        *r = t as u32;
    }
    let (text, spans) = utf8_texts(&nth(&packed, 0), nums.get(refs_end..).unwrap_or(&[]));
    if !shared {
        refs = (0..spans.len() as u32).collect();
    }
    nums.truncate(rows);
    Ok(Unpacked {
        text,
        spans,
        refs,
        nums,
        ids: nth(&packed, 2),
    })
}

/// Each item's shape, from its numbers in the packed array.
fn shapes(nums: &[f64]) -> impl Iterator<Item = Shape> + '_ {
    nums.chunks_exact(STRIDE).map(|n| {
        let packed = n.first().copied().unwrap_or(0.0) as u32;
        let has = |bit: u32| packed & bit != 0;
        let count = |k: u32| (packed >> (6 * k) & 63) as usize;
        let number = |bit: u32, k: usize| has(bit).then(|| n.get(k).copied()).flatten();
        Shape {
            id: has(ID),
            name: has(NAME),
            depth: count(1),
            brand: has(BRAND),
            tags: count(2),
            facets: count(3),
            price: number(PRICE, 1),
            quantity: number(QUANTITY, 2),
            score: number(SCORE, 3),
        }
    })
}

/// The items [`unpack`] read, as a batch, with the JS array of their ids.
fn batch(
    items: &JsValue,
    max: usize,
    list: &str,
    at: &dyn Fn(usize) -> At<'static>,
    shared: bool,
) -> Result<(ItemBatch, JsValue), JsError> {
    let u = unpack(items, max, list, at, shared)?;
    let mut batch = ItemBatch::new(u.text, u.spans, u.refs);
    batch.reserve(u.nums.len() / STRIDE);
    shapes(&u.nums).for_each(|shape| batch.push(shape));
    Ok((batch, u.ids))
}

/// Reads `rank`'s list of at most `max` items (`items[i]` in errors), each text that may
/// repeat sent once, with the JS array of their ids.
pub(super) fn read_batch(
    items: &JsValue,
    max: usize,
    at: &dyn Fn(usize) -> At<'static>,
) -> Result<(ItemBatch, JsValue), JsError> {
    batch(items, max, "items", at, true)
}

/// Reads a list of at most `max` items for the core to validate (an event's few items: no
/// text is looked for among the earlier ones). `list` names the list in errors about the list
/// itself, `at` says where item `i` sits.
pub(super) fn read(
    items: &JsValue,
    max: usize,
    list: &str,
    at: &dyn Fn(usize) -> At<'static>,
) -> Result<Packed, JsError> {
    let items = batch(items, max, list, at, false)?.0.to_inputs();
    Ok(Packed { items })
}
