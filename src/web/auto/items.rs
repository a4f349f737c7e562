//! Items as the page describes them: `data-sw-*` attributes on an element, or the schema.org
//! `Product` in a JSON-LD block. Both become the same [`ItemInput`] the JS API takes.

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::Element;

use super::dom::{attr, text_of};
use crate::core::id::IdText;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_TAGS};
use crate::core::markup::{category_path, comma_list, is_plain_decimal, is_product_type};
use crate::core::text::concat;
use crate::core::ItemInput;
use crate::web::console::warn_once;
use crate::web::decode::get;
use crate::web::dom_calls::nth;

/// What a number in markup counts, for the warning about one that is no plain number: each kind
/// is warned about once per page, with an example that fits it.
#[derive(Clone, Copy)]
pub enum Measure {
    /// A count (a slot's `data-sw-limit`, a `data-sw-quantity`): a whole-number example.
    Count,
    /// A price or a score: a decimal example.
    Amount,
}

/// `text` (trimmed) as a number when it is a plain decimal ([`is_plain_decimal`]); `None` when
/// absent or blank, and also for other text, of which the console then says once per
/// [`Measure`] that `name="text"` is not used (`"1,299.00"` is no price of 1).
#[inline(never)]
fn plain_number(text: Option<String>, name: &str, measure: Measure) -> Option<f64> {
    let text = text?;
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if !is_plain_decimal(t) {
        let (kind, example) = match measure {
            Measure::Count => ("count", "4"),
            Measure::Amount => ("number", "1299.90"),
        };
        let message = [
            name,
            "=\"",
            t,
            "\" is not a plain number (such as ",
            example,
            "): not used",
        ];
        warn_once(kind, &concat(&message));
        return None;
    }
    Some(js_sys::Number::parse_float(t)).filter(|p| p.is_finite())
}

/// `list` read from markup field `name` with `max + 1` entries at most: cut to `max`, and the
/// console then says once per page and field that the rest is not used (the JS API refuses
/// such an item; markup fails soft). `cut` ends the warning ([`TAGS_CUT`], [`LEVELS_CUT`]).
#[inline(never)]
fn capped(mut list: Vec<String>, max: usize, name: &'static str, cut: &str) -> Vec<String> {
    if list.len() > max {
        list.truncate(max);
        warn_once(name, &concat(&[name, cut]));
    }
    list
}

/// The end of the warning for more than [`MAX_TAGS`] tags (literal text: no number formatting
/// in the wasm; the assertion below keeps it true).
const TAGS_CUT: &str = ": more than 32 tags, the first 32 are used";
/// The end of the warning for more than [`MAX_CATEGORY_DEPTH`] category levels.
const LEVELS_CUT: &str = ": more than 8 levels, the first 8 are used";
const _: () = assert!(
    MAX_TAGS == 32 && MAX_CATEGORY_DEPTH == 8,
    "update TAGS_CUT, LEVELS_CUT"
);

/// Tags from markup field `name` (comma-separated), at most [`MAX_TAGS`] ([`capped`]).
fn tags(text: &str, name: &'static str) -> Vec<String> {
    capped(comma_list(text, MAX_TAGS + 1), MAX_TAGS, name, TAGS_CUT)
}

/// A category path from markup field `name` (`"A > B"`), at most [`MAX_CATEGORY_DEPTH`]
/// levels ([`capped`]).
fn levels(list: Vec<String>, name: &'static str) -> Vec<String> {
    capped(list, MAX_CATEGORY_DEPTH, name, LEVELS_CUT)
}

/// A number attribute (`data-sw-price="12.5"`, `data-sw-limit="4"`) holding a `measure`;
/// `None` when absent, blank or not a plain decimal number (which the console reports once,
/// naming the attribute).
pub fn number_attr(el: &Element, name: &str, measure: Measure) -> Option<f64> {
    plain_number(attr(el, name), name, measure)
}

/// The item an element describes with `data-sw-id` (or `id_attr`), `data-sw-name`,
/// `data-sw-category` (`"Shoes > Running"`), `data-sw-brand`, `data-sw-price`, `data-sw-tags`
/// (comma-separated), `data-sw-quantity` and `data-sw-score` (server relevance).
pub fn from_element(el: &Element, id_attr: &str) -> Option<ItemInput> {
    let id = attr(el, id_attr).or_else(|| attr(el, "data-sw-id"))?;
    // Every field written out: `..ItemInput::default()` built the fields set here as `None`
    // first and dropped them (a drop call each in the wasm).
    Some(ItemInput {
        id: Some(IdText(id)),
        name: attr(el, "data-sw-name"),
        category: attr(el, "data-sw-category").map(|c| {
            levels(
                category_path(&c, MAX_CATEGORY_DEPTH + 1),
                "data-sw-category",
            )
        }),
        item_category: None,
        item_category2: None,
        item_category3: None,
        item_category4: None,
        item_category5: None,
        brand: attr(el, "data-sw-brand"),
        price: number_attr(el, "data-sw-price", Measure::Amount),
        quantity: number_attr(el, "data-sw-quantity", Measure::Count),
        tags: attr(el, "data-sw-tags").map(|t| tags(&t, "data-sw-tags")),
        facets: None,
        score: number_attr(el, "data-sw-score", Measure::Amount),
    })
}

/// Whether `v`'s `@type` (text, or a list of texts) names a Product ([`is_product_type`]).
fn is_product(v: &JsValue) -> bool {
    let t = get(v, "@type");
    let types = if Array::is_array(&t) {
        Array::from(&t)
    } else {
        Array::of1(&t)
    };
    types
        .iter()
        .any(|t| t.as_string().is_some_and(|t| is_product_type(&t)))
}

/// The first schema.org `Product` in a parsed JSON-LD value (plain, an array, or `@graph`).
pub fn find_product(v: &JsValue) -> Option<JsValue> {
    if is_product(v) {
        return Some(v.clone());
    }
    let list = if Array::is_array(v) {
        Array::from(v)
    } else {
        let graph = get(v, "@graph");
        if !Array::is_array(&graph) {
            return None;
        }
        Array::from(&graph)
    };
    list.iter().find(is_product)
}

/// schema.org `keywords` as tags: comma-separated text or a list of texts.
fn keywords(v: &JsValue) -> Option<Vec<String>> {
    if Array::is_array(v) {
        let mut list = Vec::new();
        for k in Array::from(v).iter() {
            if let Some(k) = k.as_string() {
                list.extend(comma_list(&k, MAX_TAGS + 1));
            }
            if list.len() > MAX_TAGS {
                break;
            }
        }
        return Some(capped(list, MAX_TAGS, "keywords", TAGS_CUT));
    }
    v.as_string().map(|k| tags(&k, "keywords"))
}

/// An id given as text or a number; `None` when blank.
fn id_text(v: &JsValue) -> Option<String> {
    text_of(v).filter(|t| !t.trim().is_empty())
}

/// The id of a schema.org `Product`: `sku`, else `productID` (blank is absent).
pub fn product_id(p: &JsValue) -> Option<String> {
    id_text(&get(p, "sku")).or_else(|| id_text(&get(p, "productID")))
}

/// The item a schema.org `Product` describes: `sku` (else `productID`; blank is absent),
/// `name`, `category`
/// (`"A > B"` or a list), `brand` (text or `{ name }`), `offers.price`, `keywords` (tags).
pub fn from_product(p: &JsValue) -> Option<ItemInput> {
    let id = product_id(p)?;
    let category = get(p, "category");
    let category = if Array::is_array(&category) {
        let mut list = Vec::new();
        for c in Array::from(&category).iter() {
            if let Some(c) = c.as_string() {
                list.push(c);
            }
        }
        Some(levels(list, "category"))
    } else {
        category
            .as_string()
            .map(|c| levels(category_path(&c, MAX_CATEGORY_DEPTH + 1), "category"))
    };
    let brand = get(p, "brand");
    let offers = get(p, "offers");
    let offer = if Array::is_array(&offers) {
        nth(&Array::from(&offers), 0)
    } else {
        offers
    };
    // Every field written out, as in `from_element`.
    Some(ItemInput {
        id: Some(IdText(id)),
        name: get(p, "name").as_string(),
        category,
        item_category: None,
        item_category2: None,
        item_category3: None,
        item_category4: None,
        item_category5: None,
        brand: brand
            .as_string()
            .or_else(|| get(&brand, "name").as_string()),
        price: plain_number(
            text_of(&get(&offer, "price")),
            "offers.price",
            Measure::Amount,
        ),
        quantity: None,
        tags: keywords(&get(p, "keywords")),
        facets: None,
        score: None,
    })
}
