//! What the journal replays: learned events, and the shopper's removals and choices, so a
//! write another tab made from data older than them (the read-write race) is repaired like a
//! lost event. A removal this tab did not know of when it learned an event keeps that event
//! from bringing the removed item or interest back ([`crate::core::profile::erased`]): the
//! event is learned with them masked ([`Profile::masked`]), so it neither adds to the removed
//! interest nor puts the removed item back in the history, and everything else it learns
//! counts.

use super::{Entry, Journal};
use crate::core::config::Config;
use crate::core::event::Event;
use crate::core::facet::{query_terms, write_key, QUERY};
use crate::core::profile::erased::{generation_in, mark_parts, put_mark, removal_key};
use crate::core::profile::Profile;
use crate::core::time::Minutes;

/// Most removals the journal remembers knowing of (twice what a profile keeps).
const MAX_KNOWN: usize = 32;

/// One journaled change.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A learned event.
    Learn(Event),
    /// The shopper removed an item (`true`, by id) or an interest (`false`, by key), marked
    /// as the third ([`crate::core::profile::erased::mark_of`]).
    Remove(bool, String, String),
    /// The shopper's choice about a key: sign 1, -1, or 0 to forget it, as the key's turn
    /// (the third, [`crate::core::profile::turns`]).
    Choose(String, i8, String),
}

impl Journal {
    /// Records the removal of an item (`item`, by id) or an interest (by key), kept as `mark`
    /// ([`removal_key`]), at `at`: events recorded before it no longer learn about it.
    pub fn record_removal(&mut self, item: bool, key: &str, mark: String, at: Minutes) {
        // Its own removal: what this tab recorded until now came before it (a newer entry
        // for a mark it knew already: the newest counts).
        self.know(mark.clone());
        self.record_op(Op::Remove(item, key.to_owned(), mark), 1, at);
    }

    /// Records a choice about `key` (sign 1, -1 or 0) made at `at` as its turn `turn`
    /// ([`crate::core::profile::turns::turn_of`]).
    pub fn record_choice(&mut self, key: &str, sign: i8, turn: String, at: Minutes) {
        self.know_turn(&turn);
        self.record_op(Op::Choose(key.to_owned(), sign, turn), 1, at);
    }

    /// The latest turn of the choice `hash` stands for that this tab has seen (0: none), so
    /// its next change is the turn after, even when the profile it holds lost that one (a
    /// write from older data).
    pub fn known_turn(&self, hash: &str) -> u32 {
        generation_in(&self.turns, hash)
    }

    fn know_turn(&mut self, mark: &str) {
        let (hash, n) = mark_parts(mark);
        if self.known_turn(hash) < n {
            put_mark(&mut self.turns, mark, MAX_KNOWN);
        }
    }

    /// Learns the removals `stored` holds: what this tab recorded until now came before it
    /// knew of the new ones (a later generation of one it knew is new). And the choices'
    /// turns it holds.
    pub fn learn_removals(&mut self, stored: &Profile) {
        for turn in &stored.choice_turns {
            self.know_turn(turn);
        }
        for mark in &stored.removed {
            let (hash, n) = mark_parts(mark);
            if self.known_generation(hash) < n {
                self.know(mark.clone());
            }
        }
    }

    /// The latest generation of the removal `hash` stands for that this tab knows of (0:
    /// none), so a new removal of it is marked as the next.
    pub fn known_generation(&self, hash: &str) -> u32 {
        let held = self.known.iter().find(|k| mark_parts(&k.0).0 == hash);
        held.map_or(0, |k| mark_parts(&k.0).1)
    }

    fn know(&mut self, mark: String) {
        // One entry per removed item or interest: its latest generation.
        let hash = mark_parts(&mark).0;
        if let Some(i) = self.known.iter().position(|k| mark_parts(&k.0).0 == hash) {
            self.known.remove(i);
        }
        if self.known.len() >= MAX_KNOWN {
            self.known.remove(0);
        }
        self.known.push((mark, self.seq));
    }

    /// Applies one journaled change to `p` (another tab's stored profile).
    pub(super) fn replay(&self, p: &mut Profile, e: &Entry, config: &Config) {
        // Removals this change was made before knowing of (none almost always).
        for k in &self.known {
            if e.seq <= k.1 {
                p.masked.push(mark_parts(&k.0).0.to_owned());
            }
        }
        if let Op::Learn(Event::Search { .. }) = &*e.op {
            self.mask_removed_terms(p, e.seq);
        }
        match &*e.op {
            Op::Learn(event) => p.learn(event, config, e.at),
            // Held already (carried, or replayed by a tab that knew of it): what `p` holds
            // about it came after, and stays.
            Op::Remove(_, _, mark) if p.holds_removal(mark) => {}
            Op::Remove(item, key, mark) => {
                if *item {
                    p.remove_item(key, config);
                } else {
                    p.remove_interest(key);
                }
                p.mark_removed(mark);
            }
            // Not when a removal of the item came later, or a later change to the choice.
            Op::Choose(key, _, turn)
                if p.masked.contains(&removal_key(false, key)) || p.holds_turn(turn) => {}
            Op::Choose(key, sign, turn) => {
                p.choose(key, *sign, e.at);
                p.mark_turn(turn);
            }
        }
        p.masked.clear();
    }

    /// Takes from `stored` (of the visit under way) the terms of each search this tab removed
    /// that `stored` lacks (a journaled removal the merge replays), as the removal took them
    /// here, a kept search's too. Called before the marks are carried: a carried mark finds
    /// the search by its hash alone ([`Profile::carry_marks`]: its own terms go, a kept
    /// search's stay), and then keeps the journaled removal from being applied again.
    pub fn carry_search_terms(&self, stored: &mut Profile, visits: u32) {
        if !stored.same_visit(visits) {
            return;
        }
        let held = stored.writer_seq(self.writer);
        for e in self.entries.iter().filter(|e| e.seq > held) {
            if let Op::Remove(false, key, mark) = &*e.op {
                if key.starts_with("s:") && !stored.holds_removal(mark) {
                    stored.remove_interest(key);
                }
            }
        }
    }

    /// Masks the terms (`q:<term>`) of the searches this tab removed after its change `seq`:
    /// a search replayed from before such a removal does not bring back a term it took, also
    /// when the profile holds the removal already (carried before the replay) and so does not
    /// take the terms again. Only this tab's own removals name their search; another tab's are
    /// known by their hash alone (README Limitations).
    fn mask_removed_terms(&self, p: &mut Profile, seq: u32) {
        let mut key = String::new();
        for later in self.entries.iter().filter(|l| l.seq > seq) {
            let Op::Remove(false, removed, _) = &*later.op else {
                continue;
            };
            let Some(text) = removed.strip_prefix("s:") else {
                continue;
            };
            for term in query_terms(text) {
                write_key(&mut key, QUERY, &term);
                p.masked.push(removal_key(false, &key));
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
        j.record_choice("i:x", 1, crate::core::profile::turns::turn_of("1", 1), 5);
        stored.learn(&view("x", "acme"), &config, 5);
        stored.remove_item("x", &Config::default());
        stored.remove_interest("b:acme");
        stored.mark_removed(&removal_key(true, "x"));
        stored.mark_removed(&removal_key(false, "b:acme"));
        j.learn_removals(&stored);
        // Learned after it knew: the view counts.
        j.record(view("y", "acme"), 7);
        let (merged, m) = merge(stored, Profile::new(5), &j, &config);
        assert_eq!(m.replayed, 4);
        assert_eq!(merged.viewed, vec!["y", "old"]);
        assert!(merged.choices.is_empty(), "a choice about x made before");
        let acme = merged.affinities.iter().find(|a| a.key() == "b:acme");
        assert_eq!(acme.map(|a| a.1), Some(1.0), "only y's view");
    }

    #[test]
    fn a_removal_is_replayed_in_its_place() {
        let config = Config::default();
        let mut j = Journal::new(3);
        j.record(view("x", "acme"), 5);
        j.record_removal(true, "x", removal_key(true, "x"), 5);
        j.record_removal(false, "b:acme", removal_key(false, "b:acme"), 5);
        let mut stored = Profile::new(5);
        stored.learn(&view("x", "acme"), &config, 5);
        let (merged, _) = merge(stored.clone(), Profile::new(5), &j, &config);
        assert!(merged.viewed.is_empty() && merged.affinities.iter().all(|a| a.key() != "b:acme"));
        assert_eq!(merged.removed.len(), 2);
        // Viewed again after the removal, in this tab: back.
        j.record(view("x", "acme"), 6);
        let (merged, _) = merge(stored, Profile::new(5), &j, &config);
        assert_eq!(merged.viewed, vec!["x"]);
        assert!(merged.affinities.iter().any(|a| a.key() == "b:acme"));
    }
}
