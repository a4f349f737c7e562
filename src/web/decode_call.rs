//! Reading the two structured arguments of a call: a shopper event (`track`) and ranking
//! options (`rank`). Same rules as [`super::decode`]: types and lengths checked before reading,
//! the failing field named exactly.

use js_sys::Array;
use wasm_bindgen::{JsError, JsValue};

use super::decode::*;
use super::js_list::record;
use super::packed;
use crate::core::item::At;
use crate::core::limits::MAX_EVENT_ITEMS;
use crate::core::rank::{DiversityInput, RankOptionsInput};
use crate::core::text::{concat, count};
use crate::core::EventInput;

/// Why `track` refuses an event that holds its fields in `ecommerce`, as a GA4 dataLayer push.
const NESTED_PUSH: &str = "pass its fields directly, as in track({ event, ...ecommerce }); \
     auto mode reads dataLayer pushes itself";

/// Reads a shopper event whose `items` may hold at most `max_items` (the JS API's `track`:
/// [`MAX_EVENT_ITEMS`]; a GA4 `purchase` push read in auto mode: an order's
/// [`crate::core::limits::MAX_ORDER_ITEMS`], learned in parts by the engine).
pub fn event(v: &JsValue, max_items: usize) -> Result<EventInput, JsError> {
    if !record(v, "event")? {
        return Err(field_error(
            "event",
            "must be an object such as { type: \"view_item\", item: { id: \"sku-1\" } }",
        ));
    }
    let mut e = EventInput::default();
    fill_event(v, &mut e, max_items)?;
    Ok(e)
}

/// [`event`]'s reads, in its order (a page's getters see the same sequence), written into
/// `e`: a refused field drops only what this function made, where a returned `EventInput`
/// literal dropped the fields read so far at each exit.
fn fill_event(v: &JsValue, e: &mut EventInput, max_items: usize) -> Result<(), JsError> {
    let top = At::object("");
    // `v` is an object: fields are read without asking JS again.
    let string = |k: Hot| string_of(read_hot(v, k), k.name(), top);
    let number = |k: Hot| number_of(read_hot(v, k), k.name(), top);
    e.kind = match string(Hot::Type)? {
        Some(k) => Some(k),
        None => string(Hot::Event)?,
    };
    let list = read_hot(v, Hot::Items);
    let one = read_hot(v, Hot::Item);
    // A whole GA4 dataLayer push (`{ event, ecommerce: { items } }`): say where its fields go,
    // not "item: is required". Not learned as it is: auto mode reads the dataLayer itself, so a
    // push passed here too would be learned twice.
    if absent(&list) && absent(&one) && !absent(&get(v, "ecommerce")) {
        return Err(field_error("ecommerce", NESTED_PUSH));
    }
    if let Some(arr) = array_of(read_hot(v, Hot::Results), "results", top, MAX_EVENT_ITEMS)? {
        let out = e.results.insert(Vec::new());
        for (i, r) in arr.iter().enumerate() {
            out.push(id_value(&r, &concat(&["results[", &count(i), "]"]))?);
        }
    }
    // The items cross in a few calls (`packed`).
    if !absent(&list) {
        let at = |i| At {
            list: "items",
            index: Some(i),
        };
        e.items = Some(packed::read(&list, max_items, "items", &at)?.items);
    }
    if !absent(&one) {
        let at = |_| At::object("item");
        let one = Array::of1(&one);
        e.item = packed::read(&one, 1, "item", &at)?.items.pop();
    }
    e.query = match string(Hot::Query)? {
        Some(q) => Some(q),
        None => string(Hot::SearchTerm)?,
    };
    e.seconds = number(Hot::Seconds)?;
    e.ts = number(Hot::Ts)?;
    // Only a purchase has an order id: other events read no more fields than before.
    if e.kind.as_deref() == Some("purchase") {
        e.transaction_id = order_id(v)?;
    }
    Ok(())
}

/// A purchase's order id: `transactionId`, else GA4's `transaction_id`.
fn order_id(v: &JsValue) -> Result<Option<String>, JsError> {
    let mut key = Hot::TransactionId;
    let mut t = read_hot(v, key);
    if absent(&t) {
        key = Hot::TransactionIdGa4;
        t = read_hot(v, key);
    }
    if absent(&t) {
        return Ok(None);
    }
    Ok(Some(id_value(&t, key.name())?.0))
}

/// Reads `rank` options; `undefined` means defaults.
pub fn rank_options(v: &JsValue) -> Result<RankOptionsInput, JsError> {
    if absent(v) {
        return Ok(RankOptionsInput::default());
    }
    object(v, "options")?;
    let p = At::object("options");
    // `v` is an object: its fields are read by their kept JS names, without asking JS again.
    let field = |k: Hot| read_hot(v, k);
    let d = field(Hot::Diversity);
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
        context: string_of(field(Hot::Context), Hot::Context.name(), p)?,
        impact: number_of(field(Hot::Impact), Hot::Impact.name(), p)?,
        demote_purchased: boolean_of(field(Hot::DemotePurchased), Hot::DemotePurchased.name(), p)?,
        diversity,
    })
}
