//! Reading `config.moments` (segment thresholds, trigger caps, holdout share, ε and the shop's
//! category medians). Values are clamped later by the core; wrong types throw naming the field.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsError, JsValue};

use super::decode::{field_error, get, number, object};
use super::js_list::entries;
use crate::core::item::At;
use crate::core::moments::config::MAX_MEDIANS;
use crate::core::moments::{MomentsConfig, TriggerCap};
use crate::web::dom_calls::nth;

fn whole(obj: &JsValue, key: &str, at: At, target: &mut u32) -> Result<(), JsError> {
    if let Some(n) = number(obj, key, at)? {
        // NaN and ±Infinity keep the default, as the core does for the decimal settings; `as`
        // drops the fraction and saturates (below 0: 0), and the core clamps into range.
        if n.is_finite() {
            *target = n as u32;
        }
    }
    Ok(())
}

fn real(obj: &JsValue, key: &str, at: At, target: &mut f64) -> Result<(), JsError> {
    if let Some(n) = number(obj, key, at)? {
        *target = n;
    }
    Ok(())
}

fn section(parent: &JsValue, key: &str, field: &'static str) -> Result<Option<JsValue>, JsError> {
    let v = get(parent, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    object(&v, field)?;
    Ok(Some(v))
}

fn cap(
    v: &JsValue,
    key: &str,
    field: &'static str,
    target: &mut TriggerCap,
) -> Result<(), JsError> {
    if let Some(c) = section(v, key, field)? {
        let at = At::object(field);
        whole(&c, "maxPerVisit", at, &mut target.max_per_visit)?;
        whole(&c, "minGapMinutes", at, &mut target.min_gap_minutes)?;
    }
    Ok(())
}

/// Reads `config.moments` into `target` (absent leaves the defaults).
pub fn read(config: &JsValue, target: &mut MomentsConfig) -> Result<(), JsError> {
    let Some(m) = section(config, "moments", "config.moments")? else {
        return Ok(());
    };
    let at = At::object("config.moments");
    real(&m, "holdoutShare", at, &mut target.holdout_share)?;
    real(&m, "ldpEpsilon", at, &mut target.ldp_epsilon)?;
    if let Some(s) = section(&m, "segments", "config.moments.segments")? {
        let at = At::object("config.moments.segments");
        let r = &mut target.segments;
        for (key, t) in [
            ("returningVisits", &mut r.returning_visits),
            ("hesitantViews", &mut r.hesitant_views),
            ("bargainMinViews", &mut r.bargain_min_views),
            ("loyalPurchaseVisits", &mut r.loyal_purchase_visits),
        ] {
            whole(&s, key, at, t)?;
        }
        for (key, t) in [
            ("bargainShare", &mut r.bargain_share),
            ("enthusiastStrength", &mut r.enthusiast_strength),
            ("enthusiastShare", &mut r.enthusiast_share),
        ] {
            real(&s, key, at, t)?;
        }
    }
    if let Some(t) = section(&m, "triggers", "config.moments.triggers")? {
        let caps = &mut target.triggers;
        for (key, field, c) in [
            (
                "cartReminder",
                "config.moments.triggers.cartReminder",
                &mut caps.cart_reminder,
            ),
            (
                "hesitationOffer",
                "config.moments.triggers.hesitationOffer",
                &mut caps.hesitation_offer,
            ),
            (
                "crossSell",
                "config.moments.triggers.crossSell",
                &mut caps.cross_sell,
            ),
            (
                "contentSuggestion",
                "config.moments.triggers.contentSuggestion",
                &mut caps.content_suggestion,
            ),
        ] {
            cap(&t, key, field, c)?;
        }
    }
    if let Some(medians) = section(&m, "priceMedians", "config.moments.priceMedians")? {
        for entry in entries(&medians, MAX_MEDIANS, "config.moments.priceMedians")?.iter() {
            let pair: Array = entry.unchecked_into();
            let (path, value) = (nth(&pair, 0).as_string().unwrap_or_default(), nth(&pair, 1));
            let Some(median) = value.as_f64() else {
                return Err(field_error(
                    "config.moments.priceMedians",
                    "values must be numbers (median prices)",
                ));
            };
            target.price_medians.push((path, median));
        }
    }
    Ok(())
}
