//! Where each interest's key was last found: a direct-mapped cache from a key's hash to its
//! place in [`super::Profile::affinities`], never stored. Learning looks up every key of every
//! event's items, and scanning the interests for each was most of an event's work.
//!
//! A slot can be stale (the list was sorted, cut or merged since): a hit is used only when the
//! interest there has the key, else the list is scanned and the slot set again. Keys are unique
//! in the list, so a hit is the place a scan would find.

use std::fmt;

/// Slots in the cache (a power of two above [`super::MAX_AFFINITIES`]).
const SLOTS: usize = 512;

/// The cache: per slot, `1 +` a place, or 0 for none. Empty until the first key is noted.
#[derive(Default)]
pub struct KeyCache(Vec<u16>);

impl KeyCache {
    /// The place last noted for a key of hash `hash`, if any (check the key there).
    pub fn get(&self, hash: u32) -> Option<usize> {
        let at = self.0.get(hash as usize % SLOTS).copied().unwrap_or(0);
        usize::from(at).checked_sub(1)
    }

    /// Notes that the key of hash `hash` is at place `at`.
    pub fn set(&mut self, hash: u32, at: usize) {
        if self.0.is_empty() {
            self.0 = vec![0; SLOTS];
        }
        if let (Some(slot), Ok(at)) = (self.0.get_mut(hash as usize % SLOTS), u16::try_from(at + 1))
        {
            *slot = at;
        }
    }
}

/// A copy starts empty: a cache is never needed for the answer.
impl Clone for KeyCache {
    fn clone(&self) -> Self {
        KeyCache::default()
    }
}

/// Never part of what a profile is: two profiles with the same contents are equal.
impl PartialEq for KeyCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("KeyCache")
    }
}

#[cfg(test)]
mod tests {
    use crate::core::config::Config;
    use crate::core::event::Event;
    use crate::core::item::Item;
    use crate::core::profile::Profile;

    #[test]
    fn a_stale_slot_never_finds_another_interest() {
        let c = Config::default();
        let mut p = Profile::new(10);
        let item = |id: &str, brand: &str| Item {
            id: id.into(),
            category: vec!["shoes".into()],
            brand: Some(brand.into()),
            ..Item::default()
        };
        p.learn(&Event::ViewItem(item("a", "acme")), &c, 10);
        p.learn(&Event::ViewItem(item("b", "zeta")), &c, 10);
        // The places the cache noted are stale now.
        p.affinities.reverse();
        p.learn(&Event::ViewItem(item("c", "acme")), &c, 10);
        let counts: Vec<(&str, u32)> = p.affinities.iter().map(|a| (a.key(), a.4)).collect();
        assert_eq!(counts, vec![("b:zeta", 1), ("b:acme", 2), ("c:shoes", 3)]);
    }
}
