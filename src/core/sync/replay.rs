//! What the journal replays: learned events, and the shopper's removals and choices, so a
//! write another tab made from data older than them (the read-write race) is repaired like a
//! lost event. A removal this tab did not know of when it learned an event keeps that event
//! from bringing the removed item or interest back ([`crate::core::profile::erased`]).

use super::{Entry, Journal};
use crate::core::config::Config;
use crate::core::event::Event;
use crate::core::profile::erased::removal_hash;
use crate::core::profile::{Affinity, Profile};
use crate::core::time::Minutes;

/// Most removals the journal remembers knowing of (twice what a profile keeps).
const MAX_KNOWN: usize = 32;

/// One journaled change.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A learned event.
    Learn(Event),
    /// The shopper removed an item (`true`, by id) or an interest (`false`, by key).
    Remove(bool, String),
    /// The shopper's choice about a key: sign 1, -1, or 0 to forget it.
    Choose(String, i8),
}

impl Journal {
    /// Records the removal of an item (`item`, by id) or an interest (by key) at `at`: events
    /// recorded before it no longer learn about it.
    pub fn record_removal(&mut self, item: bool, key: &str, at: Minutes) {
        self.know(removal_hash(item, key), at, true);
        self.record_op(Op::Remove(item, key.to_owned()), 1, at);
    }

    /// Records a choice about `key` (sign 1, -1 or 0) made at `at`.
    pub fn record_choice(&mut self, key: &str, sign: i8, at: Minutes) {
        self.record_op(Op::Choose(key.to_owned(), sign), 1, at);
    }

    /// Learns the removals `stored` holds: every change recorded so far was made before this
    /// tab knew of the new ones (a newer removal of the same thing counts as new).
    pub fn learn_removals(&mut self, stored: &Profile) {
        for r in &stored.removed {
            self.know(r.0, r.1, false);
        }
    }

    /// Records that changes up to now were made before this tab knew that `hash` was removed
    /// at minute `at`. `again` (this tab's own removal) always moves the mark to now.
    fn know(&mut self, hash: u32, at: Minutes, again: bool) {
        let seq = self.seq;
        match self.known.iter_mut().find(|k| k.0 == hash) {
            Some(k) if again || at > k.1 => (k.1, k.2) = (at, seq),
            Some(_) => {}
            None => {
                if self.known.len() >= MAX_KNOWN {
                    self.known.remove(0);
                }
                self.known.push((hash, at, seq));
            }
        }
    }

    /// Applies one journaled change to `p` (another tab's stored profile).
    pub(super) fn replay(&self, p: &mut Profile, e: &Entry, config: &Config) {
        // Removals this change was made before knowing of (none almost always).
        let mut unknown: Vec<u32> = Vec::new();
        for k in &self.known {
            if e.seq <= k.2 {
                unknown.push(k.0);
            }
        }
        match &e.op {
            Op::Learn(event) if unknown.is_empty() => p.learn(event, config, e.at),
            Op::Learn(event) => learn_without(p, event, config, e.at, &unknown),
            Op::Remove(item, key) => {
                if *item {
                    p.remove_item(key);
                } else {
                    p.remove_interest(key);
                }
                p.mark_removed(removal_hash(*item, key), e.at);
            }
            Op::Choose(key, sign) => {
                if !unknown.contains(&removal_hash(false, key)) {
                    p.choose(key, *sign, e.at);
                }
            }
        }
    }
}

/// Learns `event` except what it would add about the removed items and interests whose
/// hashes are in `unknown`: those keep the values and places they had before it.
fn learn_without(p: &mut Profile, event: &Event, config: &Config, at: Minutes, unknown: &[u32]) {
    let interest = |a: &Affinity| unknown.contains(&removal_hash(false, a.key()));
    let mut before: Vec<Affinity> = Vec::new();
    for a in &p.affinities {
        if interest(a) {
            before.push(a.clone());
        }
    }
    let lists = [p.viewed.clone(), p.cart.clone(), p.purchased.clone()];
    p.learn(event, config, at);
    p.affinities
        .retain(|a| !interest(a) || before.iter().any(|b| b.0 == a.0));
    for a in &mut p.affinities {
        if let Some(b) = before.iter().find(|b| b.0 == a.0) {
            *a = b.clone();
        }
    }
    let item = |id: &String| unknown.contains(&removal_hash(true, id));
    for (list, old) in [&mut p.viewed, &mut p.cart, &mut p.purchased]
        .into_iter()
        .zip(lists)
    {
        list.retain(|id| !item(id));
        for (i, id) in old.iter().enumerate() {
            if item(id) {
                list.insert(i.min(list.len()), id.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::merge;
    use super::*;
    use crate::core::item::Item;

    fn view(id: &str, brand: &str) -> Event {
        let mut item = Item::with_id(id);
        item.brand = Some(brand.into());
        Event::ViewItem(item)
    }

    #[test]
    fn events_learned_before_a_removal_was_known_do_not_bring_it_back() {
        let config = Config::default();
        let mut stored = Profile::new(5);
        stored.learn(&view("old", "acme"), &config, 5);
        // This tab views x (acme) twice, then meets a profile where x and acme were removed.
        let mut j = Journal::new(3);
        for _ in 0..2 {
            j.record(view("x", "acme"), 5);
        }
        j.record_choice("i:x", 1, 5);
        stored.learn(&view("x", "acme"), &config, 5);
        stored.remove_item("x");
        stored.remove_interest("b:acme");
        stored.mark_removed(removal_hash(true, "x"), 6);
        stored.mark_removed(removal_hash(false, "b:acme"), 6);
        j.learn_removals(&stored);
        // Learned after it knew: the view counts.
        j.record(view("y", "acme"), 7);
        let (merged, m) = merge(stored, Profile::new(5), &j, &config);
        assert_eq!(m.replayed, 4);
        assert_eq!(merged.viewed, vec!["y", "old"]);
        assert!(merged.choices.is_empty(), "a choice about x made before");
        let acme = merged.affinities.iter().find(|a| a.0 == "b:acme");
        assert_eq!(acme.map(|a| a.1), Some(1.0), "only y's view");
    }

    #[test]
    fn a_removal_is_replayed_in_its_place() {
        let config = Config::default();
        let mut j = Journal::new(3);
        j.record(view("x", "acme"), 5);
        j.record_removal(true, "x", 5);
        j.record_removal(false, "b:acme", 5);
        let mut stored = Profile::new(5);
        stored.learn(&view("x", "acme"), &config, 5);
        let (merged, _) = merge(stored.clone(), Profile::new(5), &j, &config);
        assert!(merged.viewed.is_empty() && merged.affinities.iter().all(|a| a.0 != "b:acme"));
        assert_eq!(merged.removed.len(), 2);
        // Viewed again after the removal, in this tab: back.
        j.record(view("x", "acme"), 6);
        let (merged, _) = merge(stored, Profile::new(5), &j, &config);
        assert_eq!(merged.viewed, vec!["x"]);
        assert!(merged.affinities.iter().any(|a| a.0 == "b:acme"));
    }
}
