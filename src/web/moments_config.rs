//! Reading `config.moments.priceMedians` (the shop's category medians): a value that is no
//! number throws naming its path (`config.moments.priceMedians["shoes>running"]`); a negative
//! or non-finite one is left out by [`MomentsConfig::sanitized`]. The other moments settings
//! (segment thresholds, trigger caps, holdout share, ε) are numbers, read with the rest by
//! `config::read`'s table.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsError, JsValue};

use super::decode::{absent, entry_error, get, object};
use super::js_list::entries;
use crate::core::moments::config::MAX_MEDIANS;
use crate::core::moments::MomentsConfig;
use crate::web::dom_calls::nth;

/// Reads `priceMedians` of `moments` (the `config.moments` object) into `target`.
pub fn read(moments: &JsValue, target: &mut MomentsConfig) -> Result<(), JsError> {
    let medians = get(moments, "priceMedians");
    if absent(&medians) {
        return Ok(());
    }
    object(&medians, "config.moments.priceMedians")?;
    for entry in entries(&medians, MAX_MEDIANS, "config.moments.priceMedians")?.iter() {
        let pair: Array = entry.unchecked_into();
        let (path, value) = (nth(&pair, 0).as_string().unwrap_or_default(), nth(&pair, 1));
        let Some(median) = value.as_f64() else {
            let field = "config.moments.priceMedians";
            return Err(entry_error(field, &path, "must be a number"));
        };
        target.price_medians.push((path, median));
    }
    Ok(())
}
