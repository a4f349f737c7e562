//! Decoding a stored profile from the value `JSON.parse` returns. Wrong types make the whole
//! blob unreadable (it is then backed up); odd values inside well-typed fields are repaired by
//! `Profile::restore` in the core.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

use super::decode::get;
use crate::core::profile::{Affinity, Choice, WriterMark};
use crate::core::Profile;

fn whole(v: &JsValue) -> Option<u32> {
    match v.as_f64() {
        Some(n) if n.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&n) => Some(n as u32),
        _ => None,
    }
}

fn field_u32(obj: &JsValue, key: &str) -> Option<u32> {
    let v = get(obj, key);
    if v.is_undefined() {
        Some(0)
    } else {
        whole(&v)
    }
}

fn list(obj: &JsValue, key: &str, max: u32) -> Option<Vec<String>> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Some(Vec::new());
    }
    let arr: Array = v.dyn_into().ok()?;
    if arr.length() > max {
        return None;
    }
    arr.iter().map(|s| s.as_string()).collect()
}

fn affinity(v: JsValue) -> Option<Affinity> {
    let t: Array = v.dyn_into().ok()?;
    // Four entries before per-interest counts were added; the count then starts at 0.
    let count = match t.length() {
        4 => 0,
        5 => whole(&t.get(4))?,
        _ => return None,
    };
    Some(Affinity(
        t.get(0).as_string()?,
        t.get(1).as_f64()?,
        t.get(2).as_f64()?,
        whole(&t.get(3))?,
        count,
    ))
}

fn writer_mark(v: JsValue) -> Option<WriterMark> {
    let t: Array = v.dyn_into().ok()?;
    if t.length() != 2 {
        return None;
    }
    Some(WriterMark(whole(&t.get(0))?, whole(&t.get(1))?))
}

fn choice(v: JsValue) -> Option<Choice> {
    let t: Array = v.dyn_into().ok()?;
    if t.length() != 3 {
        return None;
    }
    // Anything but 1 or -1 becomes 0, which `Profile::restore` drops as invalid.
    let sign = match t.get(1).as_f64() {
        Some(1.0) => 1,
        Some(-1.0) => -1,
        _ => 0,
    };
    Some(Choice(t.get(0).as_string()?, sign, whole(&t.get(2))?))
}

fn tuples<T>(obj: &JsValue, key: &str, read: fn(JsValue) -> Option<T>) -> Option<Vec<T>> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Some(Vec::new());
    }
    let arr: Array = v.dyn_into().ok()?;
    if arr.length() > MAX_STORED_ENTRIES {
        return None;
    }
    arr.iter().map(read).collect()
}

/// Most list entries read from storage before the blob counts as corrupt; far above what the
/// engine writes, it only stops a tampered blob from allocating without bound.
const MAX_STORED_ENTRIES: u32 = 4096;

/// Reads a profile, or `None` when the value does not have the stored shape.
pub fn read_profile(v: &JsValue) -> Option<Profile> {
    if !v.is_object() || Array::is_array(v) {
        return None;
    }
    let affinities = tuples(v, "a", affinity)?;
    let paused = get(v, "z");
    Some(Profile {
        schema: field_u32(v, "v")?,
        created: field_u32(v, "c")?,
        updated: field_u32(v, "u")?,
        session_start: field_u32(v, "s")?,
        visits: field_u32(v, "k")?,
        events: field_u32(v, "n")?,
        affinities,
        viewed: list(v, "rv", MAX_STORED_ENTRIES)?,
        cart: list(v, "rc", MAX_STORED_ENTRIES)?,
        purchased: list(v, "rp", MAX_STORED_ENTRIES)?,
        searches: list(v, "rs", MAX_STORED_ENTRIES)?,
        moments: super::moments_codec::read_moments(&get(v, "m"))?,
        choices: tuples(v, "x", choice)?,
        paused: paused.as_bool().unwrap_or(false),
        neighbours: super::recommend_codec::read_cache(&get(v, "nb"), MAX_STORED_ENTRIES)?,
        writers: tuples(v, "w", writer_mark)?,
    })
}
