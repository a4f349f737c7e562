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
    p.affinities.iter().any(|a| a.0 == key)
}
