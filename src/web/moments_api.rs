//! The JS API for shopping moments: `segments()`, `arm`, `trigger()`, `showTrigger()`,
//! `ldpReport()` and the shop-side `estimateLift()`.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::api::{busy, Engine};
use super::convert::js_error;
use super::decode::{
    array, entry_error, field_error, get, id, id_list, id_value, number, object, string, strings,
};
use super::encode;
use super::js_list::entries;
use super::moments_dom::{self, Labels};
use super::storage::now_ms;
use crate::core::item::At;
use crate::core::limits::{MAX_RANK_ITEMS, MAX_TAGS};
use crate::core::moments::ldp::{self, ArmCounts, DEFAULT_Z};
use crate::core::moments::triggers::TriggerKind;
use crate::core::moments::triggers::ALL_KINDS;
use crate::core::moments::Occasion;
use crate::web::dom_calls::nth;

/// Most offers or content entries read from one occasion.
const MAX_CANDIDATES: usize = 200;

/// Reads `{ added, crossSell, offers, content }`; labels (names, titles, links) go to `labels`;
/// `allowed` is the trigger kinds the page can show.
pub(crate) fn occasion(
    v: &JsValue,
    labels: &mut Labels,
    allowed: Vec<TriggerKind>,
) -> Result<Occasion, JsError> {
    // Written out with `allowed`: assigning it onto a default dropped the empty list first.
    let mut o = Occasion {
        allowed,
        added: Vec::new(),
        cross_sell: Vec::new(),
        offers: Vec::new(),
        content: Vec::new(),
    };
    if v.is_undefined() || v.is_null() {
        return Ok(o);
    }
    object(v, "occasion")?;
    let at = At::object("occasion");
    // Ids as everywhere in the API: strings or whole numbers (README "Items").
    if let Some(list) = array(v, "added", at, MAX_RANK_ITEMS)? {
        o.added = id_list(&list, "occasion.added")?;
    }
    if let Some(list) = array(v, "crossSell", at, MAX_CANDIDATES)? {
        for (i, c) in list.iter().enumerate() {
            let at = At {
                list: "occasion.crossSell",
                index: Some(i),
            };
            // An id, or `{ id, name?, url? }`: an entry that is neither is named at its place,
            // not by an `id` field it does not have.
            let id = if c.is_object() {
                id(&c, ["id", "id"], at)?
                    .ok_or_else(|| field_error(&at.field("id"), "is required"))?
            } else {
                id_value(&c, &at.path())?
            };
            labels.add(&id.0, string(&c, "name", at)?, string(&c, "url", at)?);
            o.cross_sell.push(id.0);
        }
    }
    let offers = get(v, "offers");
    if !offers.is_null_or_undefined() {
        object(&offers, "occasion.offers")?;
        for entry in entries(&offers, MAX_CANDIDATES, "occasion.offers")?.iter() {
            let pair: Array = entry.unchecked_into();
            let key = nth(&pair, 0).as_string().unwrap_or_default();
            let Some(text) = nth(&pair, 1).as_string() else {
                return Err(entry_error(
                    "occasion.offers",
                    &key,
                    "must be an offer text",
                ));
            };
            o.offers.push((key, text));
        }
    }
    if let Some(list) = array(v, "content", at, MAX_CANDIDATES)? {
        for (i, c) in list.iter().enumerate() {
            let at = At {
                list: "occasion.content",
                index: Some(i),
            };
            let id =
                string(&c, "id", at)?.ok_or_else(|| field_error(&at.field("id"), "is required"))?;
            let tags = strings(&c, "tags", at, MAX_TAGS)?.unwrap_or_default();
            labels.add(&id, string(&c, "title", at)?, string(&c, "url", at)?);
            o.content.push((id, tags));
        }
    }
    Ok(o)
}

#[wasm_bindgen]
impl Engine {
    /// The shopper's local segments: `{ names, hesitantCategory?, favouriteCategory? }`. Also
    /// written to `<html data-shelfwise-segments>`. Empty in the holdout arm. Never sent.
    #[wasm_bindgen(unchecked_return_type = "Segments")]
    pub fn segments(&self) -> Result<JsValue, JsError> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(encode::segments(&s.engine.segments(now_ms())))
    }

    /// `"treatment"` or `"holdout"`: this browser's measurement arm (a local random draw).
    #[wasm_bindgen(getter, unchecked_return_type = "\"treatment\" | \"holdout\"")]
    pub fn arm(&self) -> String {
        self.shared
            .try_borrow()
            .map_or("treatment", |s| s.engine.arm().name())
            .to_owned()
    }

    /// Where a returning shopper left off: up to `limit` (default 4, at most 30) recently viewed
    /// ids not yet bought, newest first, for a "welcome back" slot. Empty for new shoppers and
    /// in the holdout arm. Throws unless `limit` is a whole number, 0 or more (a number, not
    /// its text: `"3"` is refused); `null` means the default.
    #[wasm_bindgen(js_name = welcomeBack, unchecked_return_type = "string[]")]
    pub fn welcome_back(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "number | null")] limit: JsValue,
    ) -> Result<JsValue, JsError> {
        // A `JsValue`, not `f64` or `u32`: the glue would read -1 as 4294967295, NaN as 0 and
        // turn the text "3" into 3 unasked.
        let limit = match limit.as_f64() {
            None if limit.is_null_or_undefined() => 4.0,
            Some(n) if n >= 0.0 && n.fract() == 0.0 => n.min(30.0),
            _ => {
                return Err(field_error(
                    "limit",
                    "must be a whole number, 0 or more (at most 30 ids are returned)",
                ))
            }
        };
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(encode::ids(&s.engine.welcome_back(limit as usize)))
    }

    /// Decides which trigger (if any) to show now for `occasion`, and records it against the
    /// frequency caps. At most one per page view; none in the holdout arm.
    #[wasm_bindgen(unchecked_return_type = "Trigger | undefined")]
    pub fn trigger(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Occasion | null")] occasion: JsValue,
    ) -> Result<JsValue, JsError> {
        let o = self::occasion(&occasion, &mut Labels::default(), ALL_KINDS.to_vec())?;
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let t = s.engine.trigger(&o, now_ms());
        s.flush();
        Ok(t.map_or(JsValue::UNDEFINED, |t| encode::trigger(&t)))
    }

    /// Like `trigger`, for kinds the page has a `<template data-shelfwise-trigger>` for, and
    /// renders it: a dismissible panel in the polite live region, without moving focus.
    #[wasm_bindgen(js_name = showTrigger, unchecked_return_type = "Trigger | undefined")]
    pub fn show_trigger(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "Occasion | null")] occasion: JsValue,
    ) -> Result<JsValue, JsError> {
        let mut labels = Labels::default();
        let o = self::occasion(&occasion, &mut labels, moments_dom::available_kinds())?;
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let Some(t) = s.engine.trigger(&o, now_ms()) else {
            return Ok(JsValue::UNDEFINED);
        };
        s.flush();
        drop(s);
        moments_dom::show(&t, &labels);
        Ok(encode::trigger(&t))
    }

    /// The opt-in aggregate report `{ arm, bit, epsilon }`: `bit` is the randomized-response
    /// answer to "has this profile tracked a purchase?" (the same answer on every call). Only
    /// the page decides whether to send it.
    #[wasm_bindgen(js_name = ldpReport, unchecked_return_type = "LdpReport")]
    pub fn ldp_report(&self) -> Result<JsValue, JsError> {
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let r = s.engine.ldp_report(js_sys::Math::random());
        s.flush();
        Ok(encode::ldp_report(&r))
    }
}

fn counts(v: &JsValue, field: &'static str) -> Result<ArmCounts, JsError> {
    let c = get(v, field);
    object(&c, field)?;
    let at = At::object(field);
    Ok(ArmCounts {
        reports: number(&c, "reports", at)?.unwrap_or(0.0),
        ones: number(&c, "ones", at)?.unwrap_or(0.0),
    })
}

/// Shop side: estimates the conversion lift from aggregated reports,
/// `{ treatment: { reports, ones }, holdout: { reports, ones }, epsilon, z? }`.
#[wasm_bindgen(js_name = estimateLift, unchecked_return_type = "LiftEstimate")]
pub fn estimate_lift(
    #[wasm_bindgen(unchecked_param_type = "LiftInput")] input: JsValue,
) -> Result<JsValue, JsError> {
    object(&input, "input")?;
    let at = At::object("");
    let epsilon = number(&input, "epsilon", at)?
        .ok_or_else(|| field_error("epsilon", "is required (the ε the reports were made with)"))?;
    let z = number(&input, "z", at)?.unwrap_or(DEFAULT_Z);
    let est = ldp::estimate_lift(
        counts(&input, "treatment")?,
        counts(&input, "holdout")?,
        epsilon,
        z,
    )
    .map_err(js_error)?;
    Ok(encode::lift(&est))
}

#[wasm_bindgen(typescript_custom_section)]
const MOMENT_TYPES: &'static str = r#"
/** Shopping-moment settings; every field is optional and clamped into its range. */
export interface MomentsConfig {
  segments?: Partial<{
    /** Visits from which a shopper is "returning". Default 2, range [2, 1000]. */
    returningVisits: number;
    /** Views in one category without add-to-cart for "hesitant" and the hesitation offer. Default 3, range [2, 50]. */
    hesitantViews: number;
    /** Share of priced views below the category median's price band. Default 0.6, range [0.5, 1]. */
    bargainShare: number;
    /** Fewest priced views compared before "bargain-hunter". Default 4, range [1, 100]. */
    bargainMinViews: number;
    /** Visits with a purchase for "loyal". Default 2, range [2, 100]. */
    loyalPurchaseVisits: number;
    /** Decayed strength of the top category for "enthusiast". Default 8, range [1, 1000]. */
    enthusiastStrength: number;
    /** Share of all category signal held by the top category. Default 0.5, range [0, 1]. */
    enthusiastShare: number;
  }>;
  /** Frequency caps: maxPerVisit in [0, 20] (0 = off), minGapMinutes in [0, 43200]. */
  triggers?: Partial<Record<"cartReminder" | "hesitationOffer" | "crossSell" | "contentSuggestion",
    Partial<{ maxPerVisit: number; minGapMinutes: number }>>>;
  /** Share of browsers held out (server order, no triggers, no segments). Default 0, range [0, 0.5]. */
  holdoutShare?: number;
  /** ε of the randomized-response report. Default ln 3 ≈ 1.0986, range [0.1, 5]. */
  ldpEpsilon?: number;
  /** Median price per lower-cased category path ("shoes", "shoes>running") from the shop's aggregate data. */
  priceMedians?: Record<string, number>;
}
export interface ShelfwiseConfig { moments?: MomentsConfig }

/** Local segments; never sent anywhere. */
export interface Segments {
  names: Array<"new" | "returning" | "hesitant" | "cart-abandoner" | "bargain-hunter" | "loyal" | "enthusiast">;
  hesitantCategory?: string;
  favouriteCategory?: string;
}

/** What the page can offer at this moment. */
export interface Occasion {
  /** Ids just added to the cart (makes the cross-sell eligible). */
  added?: (string | number)[];
  /** Cross-sell candidates, best first. */
  crossSell?: Array<string | number | { id: string | number; name?: string; url?: string }>;
  /** Offer text per top-level category. */
  offers?: Record<string, string>;
  /** Content to suggest by tags. */
  content?: Array<{ id: string; tags: string[]; title?: string; url?: string }>;
}

export interface Trigger {
  kind: "cart_reminder" | "hesitation_offer" | "cross_sell" | "content_suggestion";
  /** Cart reminder: the cart's ids; cross-sell: the suggested ids. */
  items: string[];
  /** Hesitation offer: the category; content suggestion: the matching tag. */
  category?: string;
  /** Hesitation offer: the offer text; content suggestion: the content id. */
  offer?: string;
}

export interface LdpReport { arm: "treatment" | "holdout"; bit: 0 | 1; epsilon: number }
export interface LiftInput {
  treatment: { reports: number; ones: number };
  holdout: { reports: number; ones: number };
  epsilon: number;
  /** Standard deviations in the bound. Default 3. */
  z?: number;
}
export interface LiftEstimate {
  lift: number;
  bound: number;
  treatment: { rate: number; bound: number };
  holdout: { rate: number; bound: number };
}
"#;
