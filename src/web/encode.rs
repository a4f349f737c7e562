//! The JS API's outputs as plain JS values: `explain()`, `profile()`, `recommend()`,
//! `segments()`, `trigger()`/`showTrigger()`, `ldpReport()` and `estimateLift()`. Each gives
//! exactly the object serde-wasm-bindgen's `json_compatible` serializer makes of the core type
//! (camelCase keys in declaration order, `None` fields left out, enums as their names), which
//! the TypeScript types in `types.rs` describe. Written by hand because the generic serializer
//! cost about 12 KB of wasm (5 KB gzip) in the full build; `tests/web_encode.rs` checks every
//! encoder against serde-wasm-bindgen on the same values. Public only so those tests reach it.

use wasm_bindgen::JsValue;

use super::js_out::{array, key, num, object, set_some, strings};
use crate::core::moments::ldp::RateEstimate;
use crate::core::moments::{LdpReport, LiftEstimate, Segments, Trigger};
use crate::core::profile::{ChoiceView, Interest, ProfileSnapshot};
use crate::core::rank::Contribution;
use crate::core::{Explanation, Recommendation};

fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

fn choice(c: &ChoiceView) -> JsValue {
    object(&[
        ("key", text(&c.key)),
        ("kind", key(c.kind)),
        ("value", text(&c.value)),
        ("more", JsValue::from_bool(c.more)),
    ])
    .into()
}

fn contribution(c: &Contribution) -> JsValue {
    object(&[
        ("key", text(&c.key)),
        ("kind", key(c.kind)),
        ("value", text(&c.value)),
        ("points", num(c.points)),
        ("count", num(c.count)),
    ])
    .into()
}

/// `explain(id)`: an `Explanation`.
pub fn explanation(e: &Explanation) -> JsValue {
    object(&[
        ("id", text(&e.id)),
        ("serverPosition", num(e.server_position as f64)),
        ("position", num(e.position as f64)),
        ("serverScore", num(e.server_score)),
        ("personalScore", num(e.personal_score)),
        ("impact", num(e.impact)),
        ("score", num(e.score)),
        ("demoted", JsValue::from_bool(e.demoted)),
        ("contributions", array(&e.contributions, contribution)),
        ("choicePoints", num(e.choice_points)),
        ("choices", array(&e.choices, choice)),
    ])
    .into()
}

fn interest(i: &Interest) -> JsValue {
    object(&[
        ("key", text(&i.key)),
        ("kind", key(i.kind)),
        ("value", text(&i.value)),
        ("score", num(i.score)),
        ("strength", num(i.strength)),
        ("count", num(i.count)),
    ])
    .into()
}

/// `profile()`: a `ProfileSnapshot`.
pub fn snapshot(s: &ProfileSnapshot) -> JsValue {
    object(&[
        ("schema", num(s.schema)),
        ("createdAt", num(s.created_at)),
        ("updatedAt", num(s.updated_at)),
        ("visits", num(s.visits)),
        ("events", num(s.events)),
        ("interests", array(&s.interests, interest)),
        ("recentlyViewed", strings(&s.recently_viewed)),
        ("cart", strings(&s.cart)),
        ("purchased", strings(&s.purchased)),
        ("searches", strings(&s.searches)),
        ("choices", array(&s.choices, choice)),
        ("paused", JsValue::from_bool(s.paused)),
    ])
    .into()
}

/// `recommend(slot, options)`: a `Recommendation[]`.
pub fn recommendations(list: &[Recommendation]) -> JsValue {
    array(list, |r| {
        let reason = object(&[("kind", key(r.reason.kind.name()))]);
        set_some(&reason, "item", r.reason.item.as_ref());
        set_some(&reason, "category", r.reason.category.as_ref());
        object(&[("id", text(&r.id)), ("reason", reason.into())]).into()
    })
}

/// `welcomeBack(limit)`: a `string[]` of item ids.
pub fn ids(list: &[String]) -> JsValue {
    strings(list)
}

/// `segments()`: `Segments`.
pub fn segments(s: &Segments) -> JsValue {
    let o = object(&[("names", array(&s.names, |n| text(n)))]);
    set_some(&o, "hesitantCategory", s.hesitant_category.as_ref());
    set_some(&o, "favouriteCategory", s.favourite_category.as_ref());
    o.into()
}

/// `trigger()` and `showTrigger()`: a `Trigger`.
pub fn trigger(t: &Trigger) -> JsValue {
    let o = object(&[("kind", key(t.kind.name())), ("items", strings(&t.items))]);
    set_some(&o, "category", t.category.as_ref());
    set_some(&o, "offer", t.offer.as_ref());
    o.into()
}

/// `ldpReport()`: an `LdpReport`.
pub fn ldp_report(r: &LdpReport) -> JsValue {
    object(&[
        ("arm", key(r.arm.name())),
        ("bit", num(r.bit)),
        ("epsilon", num(r.epsilon)),
    ])
    .into()
}

fn rate(r: &RateEstimate) -> JsValue {
    object(&[("rate", num(r.rate)), ("bound", num(r.bound))]).into()
}

/// `estimateLift(input)`: a `LiftEstimate`.
pub fn lift(e: &LiftEstimate) -> JsValue {
    object(&[
        ("lift", num(e.lift)),
        ("bound", num(e.bound)),
        ("treatment", rate(&e.treatment)),
        ("holdout", rate(&e.holdout)),
    ])
    .into()
}
