//! The shop's public aggregate data a page carries, handed to the engine before the page's
//! own events are learned: `<script type="application/json" data-sw-item-data>` (the neighbour
//! lists of this page's product, from the shop's pack) and `<script type="application/json"
//! data-sw-popularity>` (the pack's popularity part, the same on every page). Both are read
//! from the page itself: nothing is fetched. Bad data is skipped with one console warning.

use wasm_bindgen::{JsError, JsValue};
use web_sys::Element;

use super::dom::{attr, document, find_all};
use crate::core::text::concat;
use crate::web::api::EngineHandle;
use crate::web::console::{relayed, warn_once};
use crate::web::convert::js_error;
use crate::web::recommend_codec::{item_data, popularity};
use crate::web::storage::parse_value;

fn parse(el: &Element) -> Result<JsValue, JsError> {
    // The text as the JS string it is (a script element's `textContent` is never null).
    parse_value(&crate::web::decode::get(el, "textContent"))
        .map_err(|_| JsError::new("shelfwise: not valid JSON"))
}

fn report(block: &'static str, result: Result<(), JsError>) {
    if let Err(e) = result {
        warn_once(
            block,
            &concat(&["the page's ", block, " block was ignored: ", &relayed(e)]),
        );
    }
}

/// The parsed JSON of the page's first block matching `selector` (a `<script>` marked with
/// attribute `name`), or `undefined` when there is none; a block that is not valid JSON reads
/// as `undefined` and is reported once.
pub fn read_block(selector: &str, name: &'static str) -> JsValue {
    match document().and_then(|d| find_all(&d, selector).into_iter().next()) {
        Some(el) => read(&el, name),
        None => JsValue::UNDEFINED,
    }
}

/// The parsed JSON of block `el` (a `<script>` marked with attribute `name`); not valid JSON
/// reads as `undefined` and is reported once.
pub fn read(el: &Element, name: &'static str) -> JsValue {
    let parsed = parse(el);
    let value = parsed.as_ref().map_or(JsValue::UNDEFINED, JsValue::clone);
    report(name, parsed.map(drop));
    value
}

/// Hands the page's popularity and item data to the engine. Item data belongs to the
/// script's `data-sw-item` id, else to `page_item` (the product of a product page).
pub fn hand_over(engine: &EngineHandle, page_item: Option<&str>) {
    let Some(doc) = document() else { return };
    let popularity = find_all(&doc, "script[data-sw-popularity]")
        .into_iter()
        .next();
    for el in popularity
        .into_iter()
        .chain(find_all(&doc, "script[data-sw-item-data]"))
    {
        hand_over_block(engine, &el, page_item);
    }
}

/// Hands one block to the engine: `data-sw-popularity` to `setPopularity`, else
/// `data-sw-item-data` to `addItemData` (for its `data-sw-item`, else `page_item`).
pub fn hand_over_block(engine: &EngineHandle, el: &Element, page_item: Option<&str>) {
    if el.has_attribute("data-sw-popularity") {
        return report(
            "data-sw-popularity",
            parse(el).and_then(|v| popularity(&v)).and_then(|p| {
                engine
                    .with(|e| e.set_popularity(p))
                    .and_then(|r| r.map_err(js_error))
            }),
        );
    }
    let id = attr(el, "data-sw-item").or_else(|| page_item.map(str::to_owned));
    report(
        "data-sw-item-data",
        match id {
            None => Err(JsError::new(
                "shelfwise: no data-sw-item and no page product",
            )),
            Some(id) => parse(el)
                .and_then(|v| item_data(&v))
                .and_then(|d| engine.add_item_data(&id, d)),
        },
    );
}
