//! The fast path for lists of items (`rank`, and the items of `track`'s events): the items
//! cross the JS boundary in a constant number of calls instead of about thirty per item.
//! `js/pack.js` walks the items once in JS and hands over one string holding every text
//! (separated by `\0`) and one `Float64Array`; `rank`'s order goes back as positions that JS
//! maps to the caller's own id strings.
//!
//! When the items are not as a valid call has them (a wrong type, a list over its limit, a
//! `\0` inside a text) or an id has surrounding whitespace (the answer holds the trimmed id,
//! not the caller's string), the fast path answers `None` and the caller reads the items field by
//! field ([`super::decode::items`]), which throws the `Error` naming the field. Both paths
//! build the same [`ItemInput`]s, so the core validates and ranks them the same way.

use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::id::IdText;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_FACETS, MAX_RANK_ITEMS, MAX_TAGS};
use crate::core::ItemInput;

#[wasm_bindgen(module = "/src/web/js/pack.js")]
extern "C" {
    /// `[texts, numbers, ids, count]`, or `undefined` (see `js/pack.js`).
    #[wasm_bindgen(js_name = shelfwisePackItems)]
    fn pack_items(items: &JsValue, max_items: u32, depth: u32, tags: u32, facets: u32) -> JsValue;

    /// `ids` taken at each position of `order`.
    #[wasm_bindgen(js_name = shelfwisePick)]
    fn pick(ids: &JsValue, order: &[u32]) -> JsValue;
}

/// Numbers per item in the packed array: flags, category depth, tag count, facet count,
/// price, quantity, score.
const STRIDE: usize = 7;
/// Flag bits of the first number: which optional fields are present.
const NAME: u32 = 1;
const BRAND: u32 = 2;
const PRICE: u32 = 4;
const QUANTITY: u32 = 8;
const SCORE: u32 = 16;

/// Items read by the fast path, with the JS array of their id strings.
pub(super) struct Packed {
    /// The items, as [`super::decode::items`] would read them.
    pub(super) items: Vec<ItemInput>,
    /// The id of each item as a JS string (what the caller passed, or a whole number's text).
    pub(super) ids: JsValue,
}

/// The caller's `ids` (from [`Packed::ids`]) at each position of `order`.
pub(super) fn ids_in(ids: &JsValue, order: &[usize]) -> JsValue {
    let order: Vec<u32> = order.iter().map(|&i| i as u32).collect();
    pick(ids, &order)
}

/// True when validation keeps `id` as it is (no surrounding whitespace to trim), so the
/// caller's own string is the ranked id.
fn kept(id: &str) -> bool {
    id.trim().len() == id.len()
}

/// Reads the items of a `rank` call through `js/pack.js`; `None` when the slow path must read
/// them.
pub(super) fn rank_items(items: &JsValue) -> Option<Packed> {
    read(items, MAX_RANK_ITEMS, true)
}

/// Reads a list of at most `max` items through `js/pack.js`; `None` when the slow path must
/// read them. With `exact_ids`, an id that validation would trim also means `None`.
pub(super) fn read(items: &JsValue, max: usize, exact_ids: bool) -> Option<Packed> {
    let packed: Array = pack_items(
        items,
        max as u32,
        MAX_CATEGORY_DEPTH as u32,
        MAX_TAGS as u32,
        MAX_FACETS as u32,
    )
    .dyn_into()
    .ok()?;
    let text = packed.get(0).as_string()?;
    let nums = packed.get(1).dyn_into::<Float64Array>().ok()?.to_vec();
    let count = packed.get(3).as_f64()? as usize;
    let mut texts = text.split('\0');
    if count == 0 {
        texts.next();
    }
    let mut next = || texts.next().map(str::to_owned);
    let mut out = Vec::with_capacity(nums.len() / STRIDE);
    for n in nums.chunks_exact(STRIDE) {
        let &[flags, depth, tags, facets, price, quantity, score] = n else {
            return None;
        };
        let flags = flags as u32;
        let has = |bit: u32| flags & bit != 0;
        let number = |bit: u32, v: f64| has(bit).then_some(v);
        let id = next()?;
        if exact_ids && !kept(&id) {
            return None;
        }
        let mut it = ItemInput {
            id: Some(IdText(id)),
            ..ItemInput::default()
        };
        it.name = if has(NAME) { Some(next()?) } else { None };
        it.category = Some((0..depth as usize).map(|_| next()).collect::<Option<_>>()?);
        it.brand = if has(BRAND) { Some(next()?) } else { None };
        it.price = number(PRICE, price);
        it.quantity = number(QUANTITY, quantity);
        it.tags = Some((0..tags as usize).map(|_| next()).collect::<Option<_>>()?);
        it.facets = Some(
            (0..facets as usize)
                .map(|_| Some((next()?, next()?)))
                .collect::<Option<_>>()?,
        );
        it.score = number(SCORE, score);
        out.push(it);
    }
    // Every text used, and no more: a `\0` inside a text would split it.
    if texts.next().is_some() {
        return None;
    }
    Some(Packed {
        items: out,
        ids: packed.get(2),
    })
}
