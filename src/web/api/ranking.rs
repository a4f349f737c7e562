//! Ranking calls: `rank` (a list in its personalized order) and `explain` (why an item landed
//! where it did), for JS and for Rust callers (the browser tests).

use wasm_bindgen::prelude::*;

use super::{busy, Engine};
use crate::core::item::At;
use crate::core::limits::MAX_RANK_ITEMS;
use crate::web::storage::now_ms;
use crate::web::{convert::js_error, decode, encode, packed};

#[wasm_bindgen]
impl Engine {
    /// Returns the ids of `items` in their personalized order (a permutation of the input).
    #[wasm_bindgen(js_name = rank, unchecked_return_type = "string[]")]
    pub fn rank_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RankItem[]")] items: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RankOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        // Items cross in a few calls (`packed`), each distinct text once. The engine is not
        // borrowed while JS runs (reading items may call the page's getters).
        let at = |i| At {
            list: "items",
            index: Some(i),
        };
        let (batch, ids) = packed::read_batch(&items, MAX_RANK_ITEMS, &at)?;
        let options = decode::rank_options(&options)?;
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        // A clean batch keeps every id as it is; another may have ids that validation trims.
        let clean = batch.is_clean();
        let exact_ids = clean || batch.ids_untrimmed();
        let order = s.engine.rank_batch_known(batch, clean, options, now_ms());
        let order = order.map_err(js_error)?;
        if exact_ids {
            return Ok(packed::ids_in(&ids, &order));
        }
        // Validation trimmed an id: answer with the trimmed ids.
        let ids = js_sys::Array::new();
        for id in s.engine.ranked_ids(&order) {
            ids.push(&JsValue::from_str(id));
        }
        Ok(ids.into())
    }

    #[cfg(feature = "extras")]
    /// Why `id` landed where it did in the newest of the last 8 rankings (`rank` calls and
    /// auto mode's lists; 2,000 items at most together, the latest always kept) that
    /// contained it, or `undefined` if none did. `id` may be a whole number, as in `rank`.
    #[wasm_bindgen(js_name = explain, unchecked_return_type = "Explanation | undefined")]
    pub fn explain_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] id: JsValue,
    ) -> Result<JsValue, JsError> {
        self.explain(&decode::id_value(&id, "id")?.0)
    }
}

impl Engine {
    #[cfg(feature = "extras")]
    /// `explain` for Rust callers (the browser tests), with the id as text.
    pub fn explain(&self, id: &str) -> Result<JsValue, JsError> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(s.engine
            .explain(id)
            .map_or(JsValue::UNDEFINED, |e| encode::explanation(&e)))
    }

    /// `rank` for Rust callers (the browser tests): the same call, answering with `String`s.
    pub fn rank(&self, items: JsValue, options: JsValue) -> Result<Vec<String>, JsError> {
        let ids = self.rank_js(items, options)?;
        Ok(js_sys::Array::from(&ids)
            .iter()
            .filter_map(|id| id.as_string())
            .collect())
    }
}
