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

/// Reads the `m` object of a stored profile into `m` (which holds the defaults), or `None`
/// when its shape is wrong. Filled in place, as in `read_profile`: the lists are pushed onto
/// the empty ones and each counter is one refused value at most, so nothing read is dropped
/// at an exit and no empty default is dropped by an assignment.
pub fn read_moments(v: &JsValue, m: &mut MomentState) -> Option<()> {
    if v.is_undefined() {
        return Some(());
    }
    if !v.is_object() || Array::is_array(v) {
        return None;
    }
    let hv = get(v, "hv");
    if !hv.is_undefined() {
        let arr: Array = hv.dyn_into().ok()?;
        if arr.length() > 64 {
            return None;
        }
        for t in arr.iter() {
            let t: Array = t.dyn_into().ok()?;
            m.hesitation
                .push((nth(&t, 0).as_string()?, whole(&nth(&t, 1))?));
        }
    }
    let pb = get(v, "pb");
    if !pb.is_undefined() {
        m.price_views = numbers::<2>(pb)?;
    }
    let tg = get(v, "tg");
    if !tg.is_undefined() {
        let arr: Array = tg.dyn_into().ok()?;
        if arr.length() > 64 {
            return None;
        }
        for t in arr.iter() {
            m.shown.push(numbers::<4>(t)?);
        }
    }
    m.carried = number(v, "cl")?;
    m.purchase_visits = number(v, "pv")?;
    m.last_purchase_visit = number(v, "lp")?;
    m.draw = number(v, "hd")?;
    m.ldp = number(v, "ld")?;
    Some(())
}
