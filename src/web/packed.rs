//! Reading lists of items (`rank`'s items, and the items of `track`'s events) in a constant
//! number of calls into JS instead of about thirty per item. `js/pack.js` walks the items once
//! in JS, checks every value's type and hands over one string holding every text (separated by
//! `\0`) and one `Float64Array`; `rank`'s order goes back as positions that JS maps to the
//! caller's own id strings. A value of the wrong type comes back as a description that becomes
//! the JS `Error` naming the field (`items[3].price: must be a number`).

use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsError};

use super::decode::{field_error, too_many_error};
use crate::core::id::IdText;
use crate::core::item::At;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_FACETS, MAX_TAGS};
use crate::core::spare::Spare;
use crate::core::ItemInput;

#[wasm_bindgen(module = "/src/web/js/pack.js")]
extern "C" {
    /// `[texts, numbers, ids, count, lengths]`, or `[kind, index, path, length, limit]` for a
    /// value of the wrong type (see `js/pack.js`).
    #[wasm_bindgen(js_name = shelfwisePackItems)]
    fn pack_items(
        items: &JsValue,
        max_items: u32,
        depth: u32,
        tags: u32,
        facets: u32,
        lengths: bool,
    ) -> Array;

    /// `ids` taken at each position of `order` (whole numbers; `f64` shares the glue's
    /// number-array code with the packed numbers).
    #[wasm_bindgen(js_name = shelfwisePick)]
    fn pick(ids: &JsValue, order: &[f64]) -> JsValue;
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
const ID: u32 = 32;

/// Items read from JS, with the JS array of their id strings.
pub(super) struct Packed {
    /// The items, ready for the core to validate.
    pub(super) items: Vec<ItemInput>,
    /// The id of each item as a JS string (what the caller passed, or a whole number's text).
    pub(super) ids: JsValue,
    /// True when validation keeps every id as it is (no surrounding whitespace to trim), so
    /// the caller's own strings are the ranked ids.
    pub(super) exact_ids: bool,
}

/// The caller's `ids` (from [`Packed::ids`]) at each position of `order`.
pub(super) fn ids_in(ids: &JsValue, order: &[usize]) -> JsValue {
    let order: Vec<f64> = order.iter().map(|&i| i as f64).collect();
    pick(ids, &order)
}

/// The message for an error `kind` from `js/pack.js` (3, a list over its limit, is worded
/// by [`too_many_error`]).
fn message(kind: u32) -> &'static str {
    match kind {
        0 => "must be a string",
        1 => "must be a number",
        2 => "must be an array",
        4 => "must be an object",
        5 => "must be a string or a whole number",
        _ => "must be an array of items such as [{ id: \"sku-1\" }]",
    }
}

/// Reads a list of at most `max` items. `list` names the list in errors about the list
/// itself, `at` says where item `i` sits. Texts go into `spare`'s buffers where it has some.
pub(super) fn read(
    items: &JsValue,
    max: usize,
    list: &str,
    at: &dyn Fn(usize) -> At<'static>,
    spare: &mut Spare,
) -> Result<Packed, JsError> {
    let limits = (max as u32, MAX_CATEGORY_DEPTH as u32, MAX_TAGS as u32);
    let pack = |lengths| {
        pack_items(
            items,
            limits.0,
            limits.1,
            limits.2,
            MAX_FACETS as u32,
            lengths,
        )
    };
    let packed = pack(false);
    let number = |i: u32| packed.get(i).as_f64().unwrap_or(0.0);
    if packed.get(0).as_f64().is_some() {
        let field = match number(1) {
            i if i < 0.0 => list.to_owned(),
            i => at(i as usize).path() + &packed.get(2).as_string().unwrap_or_default(),
        };
        return Err(match number(0) as u32 {
            3 => too_many_error(&field, number(3) as u32, number(4) as usize),
            kind => field_error(&field, message(kind)),
        });
    }
    let text = packed.get(0).as_string().unwrap_or_default();
    let count = number(3) as usize;
    let texts: Vec<&str> = match count {
        0 => Vec::new(),
        _ => text.split('\0').take(count).collect(),
    };
    // A text holding "\0" was split in two: read again, with every text's length.
    let joined: usize = texts.iter().map(|t| t.len() + 1).sum();
    if count > 0 && joined != text.len() + 1 {
        let again = pack(true);
        let text = again.get(0).as_string().unwrap_or_default();
        let lengths = again.get(4).unchecked_into::<Float64Array>().to_vec();
        return Ok(items_of(&again, by_lengths(&text, &lengths), spare));
    }
    Ok(items_of(&packed, texts, spare))
}

/// `text` cut into texts of the given UTF-16 `lengths`, each followed by one `\0`.
pub(super) fn by_lengths<'a>(text: &'a str, lengths: &[f64]) -> Vec<&'a str> {
    let mut out = Vec::with_capacity(lengths.len());
    let mut chars = text.char_indices();
    let mut start = 0;
    for &len in lengths {
        let (mut units, mut end) = (0, start);
        while units < len as usize {
            let Some((i, c)) = chars.next() else { break };
            units += c.len_utf16();
            end = i + c.len_utf8();
        }
        out.push(text.get(start..end).unwrap_or(""));
        chars.next(); // the separator
        start = end + 1;
    }
    out
}

/// The items `packed` describes, their texts being `texts` in order.
fn items_of(packed: &Array, texts: Vec<&str>, spare: &mut Spare) -> Packed {
    let nums = packed.get(1).unchecked_into::<Float64Array>().to_vec();
    let mut texts = texts.into_iter();
    let mut out = Vec::with_capacity(nums.len() / STRIDE);
    let mut exact_ids = true;
    for n in nums.chunks_exact(STRIDE) {
        let &[flags, depth, tags, facets, price, quantity, score] = n else {
            break;
        };
        let flags = flags as u32;
        let has = |bit: u32| flags & bit != 0;
        let number = |bit: u32, v: f64| has(bit).then_some(v);
        let (mut category, mut tag_list, mut pairs) = (spare.list(), spare.list(), spare.pairs());
        let mut next = || spare.text(texts.next().unwrap_or(""));
        let mut it = ItemInput::default();
        if has(ID) {
            let id = next();
            exact_ids &= id.trim().len() == id.len();
            it.id = Some(IdText(id));
        }
        it.name = has(NAME).then(&mut next);
        for _ in 0..depth as usize {
            category.push(next());
        }
        it.brand = has(BRAND).then(&mut next);
        for _ in 0..tags as usize {
            tag_list.push(next());
        }
        for _ in 0..facets as usize {
            pairs.push((next(), next()));
        }
        it.price = number(PRICE, price);
        it.quantity = number(QUANTITY, quantity);
        it.score = number(SCORE, score);
        it.category = Some(category);
        it.tags = Some(tag_list);
        it.facets = Some(pairs);
        out.push(it);
    }
    Packed {
        items: out,
        ids: packed.get(2),
        exact_ids,
    }
}
