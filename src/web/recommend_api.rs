//! The JS API for recommendation slots: `recommend`, `addItemData` and `setPopularity`
//! (full build only).

use wasm_bindgen::prelude::*;

use super::api::{busy, Engine};
use super::convert::js_error;
use super::{decode, encode, recommend_codec};

#[wasm_bindgen]
impl Engine {
    /// Fills a recommendation slot: `recentlyViewed`, `related`, `boughtTogether`,
    /// `pickedForYou`, `topSellers` or `becauseYouViewed`. Returns `[{ id, reason }]`, distinct
    /// ids, each with why it is there. Throws an `Error` naming a bad slot or option.
    #[wasm_bindgen(unchecked_return_type = "Recommendation[]")]
    pub fn recommend(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RecommendSlot")] slot: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RecommendOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        // Not a string (null, a number): refused as any slot not listed.
        let slot = slot.as_string().unwrap_or_default();
        let options = recommend_codec::recommend_options(&options)?
            .validate(&slot)
            .map_err(js_error)?;
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(encode::recommendations(&s.engine.recommend(&options)))
    }

    /// Hands over the neighbour data of the item this page shows (`{ related, boughtTogether }`
    /// from the shop's pack). It is cached in the profile for the items the shopper viewed, so
    /// no request ever asks for data about past items. Throws an `Error` naming a bad field.
    #[wasm_bindgen(js_name = addItemData)]
    pub fn add_item_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ItemData | null")] data: JsValue,
    ) -> Result<(), JsError> {
        let id = decode::id_value(&id, "id")?;
        let data = recommend_codec::item_data(&data)?;
        self.handle().add_item_data(&id.0, data)
    }

    /// Loads the shop's public popularity data (the same for every shopper; never stored).
    /// While auto mode runs on this engine, its recommendation slots are filled again with it.
    /// Throws an `Error` naming a bad field.
    #[wasm_bindgen(js_name = setPopularity)]
    pub fn set_popularity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PopularityData")] data: JsValue,
    ) -> Result<(), JsError> {
        let data = recommend_codec::popularity(&data)?;
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        s.engine.set_popularity(data).map_err(js_error)?;
        drop(s);
        crate::web::auto::rec_slots::refill(&self.shared);
        Ok(())
    }
}
