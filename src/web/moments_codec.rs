//! Decoding the moment counters (`m`) of a stored profile. Absent means empty; a wrong shape
//! makes the whole blob unreadable, like the rest of `profile_codec`.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

use super::decode::get;
use super::profile_codec::{field_u32 as number, whole};
use crate::core::moments::MomentState;
use crate::web::dom_calls::nth;

/// Reads an array of exactly `N` whole numbers.
fn numbers<const N: usize>(t: JsValue) -> Option<[u32; N]> {
    let t: Array = t.dyn_into().ok()?;
    if t.length() != N as u32 {
        return None;
    }
    let mut out = [0; N];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = whole(&nth(&t, i as u32))?;
    }
    Some(out)
}

/// Reads the `m` object of a stored profile, or `None` when its shape is wrong.
#[allow(clippy::field_reassign_with_default)]
pub fn read_moments(v: &JsValue) -> Option<MomentState> {
    if v.is_undefined() {
        return Some(MomentState::default());
    }
    if !v.is_object() || Array::is_array(v) {
        return None;
    }
    let hv = get(v, "hv");
    let hesitation = if hv.is_undefined() {
        Vec::new()
    } else {
        let arr: Array = hv.dyn_into().ok()?;
        if arr.length() > 64 {
            return None;
        }
        let mut out = Vec::new();
        for t in arr.iter() {
            let t: Array = t.dyn_into().ok()?;
            out.push((nth(&t, 0).as_string()?, whole(&nth(&t, 1))?));
        }
        out
    };
    let pb = get(v, "pb");
    let price_views = if pb.is_undefined() {
        [0, 0]
    } else {
        numbers::<2>(pb)?
    };
    let tg = get(v, "tg");
    let shown = if tg.is_undefined() {
        Vec::new()
    } else {
        let arr: Array = tg.dyn_into().ok()?;
        if arr.length() > 64 {
            return None;
        }
        let mut out = Vec::new();
        for t in arr.iter() {
            out.push(numbers::<4>(t)?);
        }
        out
    };
    // Filled field by field, as in `read_profile`: a refused counter drops one value.
    let mut m = MomentState::default();
    m.hesitation = hesitation;
    m.carried = number(v, "cl")?;
    m.purchase_visits = number(v, "pv")?;
    m.last_purchase_visit = number(v, "lp")?;
    m.price_views = price_views;
    m.shown = shown;
    m.draw = number(v, "hd")?;
    m.ldp = number(v, "ld")?;
    Some(m)
}
