//! Decoding a stored profile from the value `JSON.parse` returns. Wrong types make the whole
//! blob unreadable (it is then backed up); odd values inside well-typed fields are repaired by
//! `Profile::restore` in the core.

use js_sys::Array;
use wasm_bindgen::JsValue;

use super::decode::get;
use super::stored_list::StoredList;
use crate::core::profile::taught::Taught;
use crate::core::profile::{Affinity, Choice, WriterMark};
use crate::core::Profile;

/// A whole number in `u32`'s range, or `None` (the stored profile's counters).
pub(super) fn whole(v: &JsValue) -> Option<u32> {
    whole_number(v.as_f64()?)
}

/// `n` when it is a whole number in `u32`'s range (a fraction is cut off), else `None`: every
/// stored counter, time and weight is checked by this one test.
pub(super) fn whole_number(n: f64) -> Option<u32> {
    (n.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&n)).then_some(n as u32)
}

/// The whole number at `key`; 0 when absent, `None` when not a whole number in range.
pub(super) fn field_u32(obj: &JsValue, key: &str) -> Option<u32> {
    let v = get(obj, key);
    if v.is_undefined() {
        Some(0)
    } else {
        whole(&v)
    }
}

/// The texts at `key` pushed onto `out` (empty when absent); `None` when not a stored list.
fn list(obj: &JsValue, key: &str, max: u32, out: &mut Vec<String>) -> Option<()> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Some(());
    }
    StoredList::read(&v, max)?.all_into(StoredList::text, out)
}

/// A whole number read from a stored list (see [`whole`]).
fn whole_in(t: &mut StoredList) -> Option<u32> {
    whole_number(t.number()?)
}

fn affinity(t: &mut StoredList) -> Option<Affinity> {
    let len = t.tuple()?;
    let key = t.text()?;
    let (long, session, at) = (t.number()?, t.number()?, whole_in(t)?);
    // Four entries before per-interest counts were added; the count then starts at 0.
    let count = match len {
        4 => 0,
        5 => whole_in(t)?,
        _ => return None,
    };
    Some(Affinity::from_parts(key, long, session, at, count))
}

/// An item's kept part ([`crate::core::profile::taught`]): `[[id, long, session, at, count],
/// [keys…]]`.
fn taught(t: &mut StoredList) -> Option<Taught> {
    if t.tuple()? != 2 {
        return None;
    }
    let part = affinity(t)?;
    Some(Taught::new(part, t.texts()?))
}

fn writer_mark(t: &mut StoredList) -> Option<WriterMark> {
    if t.tuple()? != 2 {
        return None;
    }
    Some(WriterMark(whole_in(t)?, whole_in(t)?))
}

fn choice(t: &mut StoredList) -> Option<Choice> {
    if t.tuple()? != 3 {
        return None;
    }
    let key = t.text()?;
    // Anything but 1 or -1 becomes 0, which `Profile::restore` drops as invalid.
    let sign = match t.number_or_skip()? {
        Some(1.0) => 1,
        Some(-1.0) => -1,
        _ => 0,
    };
    Some(Choice(key, sign, whole_in(t)?))
}

/// The entries at `key`, each read with `read`, pushed onto `out` (empty when absent); `None`
/// when one does not have its shape. `depth`: the levels of lists inside each entry (see
/// [`StoredList::read_nested`]).
fn tuples<T>(
    obj: &JsValue,
    key: &str,
    depth: u32,
    read: fn(&mut StoredList) -> Option<T>,
    out: &mut Vec<T>,
) -> Option<()> {
    let v = get(obj, key);
    if v.is_undefined() {
        return Some(());
    }
    StoredList::read_nested(&v, MAX_STORED_ENTRIES, depth)?.all_into(read, out)
}

/// Most list entries read from storage before the blob counts as corrupt; far above what the
/// engine writes, it only stops a tampered blob from allocating without bound.
const MAX_STORED_ENTRIES: u32 = 4096;

/// Reads a profile, or `None` when the value does not have the stored shape.
// Assigned after `default()` on purpose: `Profile { affinities: …?, ..Profile::default() }`
// measured 120 / 154 B gzip larger (full / core build) than these assignments.
#[allow(clippy::field_reassign_with_default)]
pub fn read_profile(v: &JsValue) -> Option<Profile> {
    if !v.is_object() || Array::is_array(v) {
        return None;
    }
    // Filled field by field into one profile, in the order the fields were read before: a
    // refused field then drops that one value, not a ladder of the fields read so far (one
    // drop ladder per `?` made this function 6.7 KB raw). The lists are pushed onto the empty
    // ones of `default()`, not assigned: an assignment dropped the empty list first (one drop
    // call per list).
    let mut p = Profile::default();
    tuples(v, "a", 0, affinity, &mut p.affinities)?;
    let paused = get(v, "z");
    p.schema = field_u32(v, "v")?;
    p.created = field_u32(v, "c")?;
    p.updated = field_u32(v, "u")?;
    p.session_start = field_u32(v, "s")?;
    p.visits = field_u32(v, "k")?;
    p.events = field_u32(v, "n")?;
    p.viewed.edit(|l| list(v, "rv", MAX_STORED_ENTRIES, l))?;
    p.cart.edit(|l| list(v, "rc", MAX_STORED_ENTRIES, l))?;
    p.purchased.edit(|l| list(v, "rp", MAX_STORED_ENTRIES, l))?;
    list(v, "rs", MAX_STORED_ENTRIES, &mut p.searches)?;
    super::moments_codec::read_moments(&get(v, "m"), &mut p.moments)?;
    tuples(v, "x", 0, choice, &mut p.choices)?;
    p.paused = paused.as_bool().unwrap_or(false);
    p.pause_turn = field_u32(v, "zt")?;
    p.neighbours = super::recommend_codec::read_cache(&get(v, "nb"), MAX_STORED_ENTRIES)?;
    tuples(v, "w", 0, writer_mark, &mut p.writers)?;
    list(v, "o", MAX_STORED_ENTRIES, &mut p.orders)?;
    list(v, "r", MAX_STORED_ENTRIES, &mut p.lineage.ids)?;
    list(v, "ra", MAX_STORED_ENTRIES, &mut p.lineage.starts)?;
    list(v, "rm", MAX_STORED_ENTRIES, &mut p.removed)?;
    list(v, "ct", MAX_STORED_ENTRIES, &mut p.choice_turns)?;
    // Each entry holds two lists: one level of lists inside each entry.
    tuples(v, "it", 1, taught, &mut p.taught)?;
    Some(p)
}
