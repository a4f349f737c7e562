//! Two engines standing for two tabs of one shop, and the web layer's write between them.

use super::{event, item, T0};
use shelfwise::core::{Config, Engine, Profile};

/// An engine with the default settings and writer id `writer`.
pub fn tab(writer: u32) -> Engine {
    let mut e = Engine::new(&Config::default(), T0);
    e.set_writer(writer);
    e
}

/// The web layer's write: merge with what is stored (`None`: this tab's own last write, so
/// nothing to read), keep the result as written.
pub fn write(e: &mut Engine, stored: Option<Profile>) -> Profile {
    e.merge_stored(stored, T0).unwrap();
    e.mark_saved();
    e.profile().clone()
}

/// Tabs A and B that both hold the stored profile (returned): what `in_a` did in A, written
/// first, then what `in_b` did in B.
pub fn two_tabs(
    in_a: impl FnOnce(&mut Engine),
    in_b: impl FnOnce(&mut Engine),
) -> (Engine, Engine, Profile) {
    let (mut a, mut b) = (tab(11), tab(22));
    in_a(&mut a);
    let stored = write(&mut a, None);
    in_b(&mut b);
    let stored = write(&mut b, Some(stored));
    a.merge_stored(Some(stored.clone()), T0).unwrap();
    (a, b, stored)
}

/// The read-write race: A writes its changes over `stored`; B, which read `stored` before that
/// write, views `w` and writes over it. Returns B's write, from the older data.
pub fn b_writes_over_a(a: &mut Engine, b: &mut Engine, stored: Profile) -> Profile {
    let _written = write(a, Some(stored.clone()));
    view(b, "w", "nova");
    write(b, Some(stored))
}

/// Tab `e` views item `id` (category `shoes`, brand `brand`).
pub fn view(e: &mut Engine, id: &str, brand: &str) {
    e.track(event("view_item", item(id, "shoes", brand)), T0)
        .unwrap();
}

/// The recently viewed ids of `p`.
pub fn viewed(p: &Profile) -> Vec<&str> {
    p.viewed.iter().map(String::as_str).collect()
}

/// True when `p` holds the interest `key`.
pub fn holds_interest(p: &Profile, key: &str) -> bool {
    p.affinities.iter().any(|a| a.key() == key)
}

/// The web layer's rule for a reset's `storage` event (the key removed; `old`: the profile its
/// `oldValue` holds) in a tab that had not found the reset itself: adopted, unless this tab
/// already went on from a reset of that profile (`Engine::reset_event`).
pub fn removal_event(e: &mut Engine, old: Option<&Profile>) {
    e.reset_event(old, false, T0);
}

/// The same rule in a tab whose own write, `own`, is what is stored now (made after that reset
/// from the profile as it was): returns what is stored afterwards (`None`: the key removed),
/// as the web layer writes it.
pub fn removal_event_over_own(
    e: &mut Engine,
    old: Option<&Profile>,
    own: Profile,
) -> Option<Profile> {
    if !e.reset_event(old, true, T0) {
        return Some(own);
    }
    e.is_dirty().then(|| write(e, None))
}

/// Tab `e` starts afresh, as the web layer's reset does both in the tab where the shopper
/// reset (the key removed) and in a tab that adopts a reset made elsewhere (the key found
/// gone): a fresh profile, its next start, and nothing left to write.
pub fn reset(e: &mut Engine) {
    e.reset(T0);
    e.mark_saved();
}

/// The web layer's read of what is stored (`None`: the key gone) by a tab that read or wrote
/// a profile since its last reset: the key gone is another tab's reset, adopted; otherwise
/// merged and written.
pub fn read(e: &mut Engine, stored: Option<Profile>) -> Option<Profile> {
    let Some(stored) = stored else {
        reset(e);
        return None;
    };
    Some(write(e, Some(stored)))
}
