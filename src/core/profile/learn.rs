//! Learning: how each event changes the profile.

use super::case::old_spelling;
use super::choice::search_key;
use super::erased::removal_key;
use super::history::{self, MAX_CART, MAX_PURCHASED, MAX_SEARCHES, MAX_VIEWED};
use super::{budget, strength, Affinity, Profile, MAX_AFFINITIES, MIN_SIGNAL};
use crate::core::config::Config;
use crate::core::event::Event;
use crate::core::facet::{self, query_terms};
use crate::core::hash::key_hash;
use crate::core::item::Item;
use crate::core::orders::MAX_ORDERS;
use crate::core::time::{elapsed, Minutes};

impl Profile {
    /// Learns from one validated event at time `now`, then compacts to the size budget.
    pub fn learn(&mut self, event: &Event, config: &Config, now: Minutes) {
        if self.paused {
            return;
        }
        // Signals only fade as minutes pass: within the same minute the sweeps for faded and
        // expired signals find nothing new, so they (one decay per interest) run once per minute.
        let time_passed = now > self.updated;
        if time_passed {
            self.expire(config, now);
        }
        self.touch_session(config, now);
        let w = &config.weights;
        match event {
            Event::ViewItem(item) => {
                // Counted once per distinct recently viewed item, so "you viewed 3 items" is true.
                let new = !self.viewed.contains(&item.id);
                self.add_item_counted(item, w.view, config, now, new, true);
                if !self.is_masked(true, &item.id) {
                    self.viewed.push_front(&item.id, MAX_VIEWED);
                    self.neighbours.viewed(&item.id);
                }
            }
            Event::ViewItemList(items) => {
                for item in items {
                    // An impression never starts an item's kept part ([`super::taught`]).
                    self.add_item_counted(item, w.impression, config, now, false, false);
                }
            }
            Event::SelectItem(item) => self.add_item(item, w.click, config, now),
            Event::AddToCart(items) => {
                for item in items {
                    self.add_item(item, w.add_to_cart * item.quantity.sqrt(), config, now);
                    if !self.is_masked(true, &item.id) {
                        self.cart.push_front(&item.id, MAX_CART);
                    }
                }
            }
            Event::RemoveFromCart(items) => {
                for item in items {
                    self.add_item(item, -w.remove_from_cart, config, now);
                    self.cart.remove(&item.id);
                }
            }
            Event::Purchase(items, order) => {
                if let Some(key) = order {
                    history::push_front(&mut self.orders, key, MAX_ORDERS);
                }
                for item in items {
                    self.add_item(item, w.purchase * item.quantity.sqrt(), config, now);
                    if !self.is_masked(true, &item.id) {
                        self.purchased.push_front(&item.id, MAX_PURCHASED);
                    }
                    self.cart.remove(&item.id);
                }
            }
            // Made before this tab knew the shopper removed this search: its terms and text
            // stay out (the mark hashes the search's key, [`search_key`]).
            // Or, spelled as a version folding ASCII letters only wrote it, removed there.
            Event::Search { query, .. }
                if !self.masked.is_empty()
                    && (self.is_masked(false, &search_key(query))
                        || self.is_masked(false, &old_spelling("s:", query))) => {}
            Event::Search { query, .. } => {
                let mut buf = String::new();
                for term in query_terms(query) {
                    facet::write_key(&mut buf, facet::QUERY, &term);
                    let at = self.add_key(&buf, w.search, config, now);
                    self.count_at(at);
                }
                history::push_front(&mut self.searches, &facet::lower(query), MAX_SEARCHES);
            }
            Event::Dwell { item, seconds } => {
                let counted = seconds.min(w.dwell_cap_seconds);
                self.add_item(item, counted * w.dwell_per_second, config, now);
            }
        }
        let visit = self.visits;
        self.moments
            .learn(event, &config.moments.price_medians, visit);
        self.events = self.events.saturating_add(1);
        self.updated = self.updated.max(now);
        if time_passed || self.affinities.len() > MAX_AFFINITIES {
            self.compact(config, now);
        } else {
            budget::prune_to(self, config.max_profile_bytes, |a| strength(a, config, now));
        }
    }

    /// Starts a new session when the gap since the last event exceeds the configured gap.
    pub(crate) fn touch_session(&mut self, config: &Config, now: Minutes) {
        let gap = elapsed(self.updated, now) > config.session_gap_minutes;
        if self.visits == 0 || gap {
            self.visits = self.visits.saturating_add(1);
            self.session_start = now;
            self.moments.carried = self.cart.len() as u32;
            // No tab still holds events from before a removal of the last visit. A removal
            // made before the first visit started belongs to this one: its mark stays.
            if gap {
                self.removed.clear();
                self.choice_turns.clear();
            }
        }
    }

    fn add_item(&mut self, item: &Item, weight: f64, config: &Config, now: Minutes) {
        self.add_item_counted(item, weight, config, now, false, true);
    }

    /// [`Profile::add_item`], and with `count` one more count on each of the item's interests,
    /// in the same pass over its keys (one search per key, not two). The item's part is kept
    /// ([`super::taught`]; a new entry only when `start`).
    fn add_item_counted(
        &mut self,
        item: &Item,
        weight: f64,
        config: &Config,
        now: Minutes,
        count: bool,
        start: bool,
    ) {
        if weight == 0.0 && !count {
            return;
        }
        // Replayed from before this tab knew the shopper removed the item: it teaches
        // nothing, as the removal took back what it taught.
        if self.is_masked(true, &item.id) {
            return;
        }
        if !self.masked.is_empty() {
            self.mask_old_keys(item);
        }
        // The item's kept part, first in the list; its keys are compared in place with the
        // item's (usually the same: nothing is allocated).
        let kept = self.taught_front(&item.id, start && (weight > 0.0 || count), now);
        let mut n = 0;
        // Each key is learned as it is built (no list of keys).
        let mut buf = String::new();
        facet::for_each_key(
            item,
            config.category_ancestor_share,
            &mut buf,
            &mut |key, share| {
                // A weight of 0 learns nothing (not even the decay): the key is only counted.
                let at = match weight == 0.0 {
                    true => self.find_key(key),
                    false => self.add_key(key, weight * share, config, now),
                };
                if count {
                    self.count_at(at);
                }
                if let (Some(t), true) = (self.taught.first_mut(), kept) {
                    t.write_key(n, key);
                    n += 1;
                }
            },
        );
        if kept {
            self.learn_taught(n, weight, count, config, now);
        }
    }

    /// Where the interest in `key` is, if there is one: where [`Profile::key_cache`] last saw
    /// it, else found by a scan (and noted there).
    pub(super) fn find_key(&mut self, key: &str) -> Option<usize> {
        let hash = key_hash(key) as u32;
        let list = &self.affinities;
        if let Some(i) = self.key_cache.get(hash) {
            if list.get(i).is_some_and(|a| a.has_key(hash, key)) {
                return Some(i);
            }
        }
        let found = list.iter().position(|a| a.has_key(hash, key));
        if let Some(i) = found {
            self.key_cache.set(hash, i);
        }
        found
    }

    /// One more count on the interest at `at`, if any.
    fn count_at(&mut self, at: Option<usize>) {
        if let Some(a) = at.and_then(|i| self.affinities.get_mut(i)) {
            a.4 = a.4.saturating_add(1);
        }
    }

    /// True while replaying an event learned before this tab knew that the item (`item`) or
    /// interest `key` was removed ([`Profile::masked`]).
    pub(super) fn is_masked(&self, item: bool, key: &str) -> bool {
        !self.masked.is_empty() && self.masked.contains(&removal_key(item, key))
    }

    /// Learns `weight` on the interest in `key` (a new one when the weight is positive).
    /// Returns where the interest in `key` is afterwards, if there is one.
    pub(super) fn add_key(
        &mut self,
        key: &str,
        weight: f64,
        config: &Config,
        now: Minutes,
    ) -> Option<usize> {
        let found = self.find_key(key);
        if self.is_masked(false, key) {
            return found;
        }
        let (hl, shl) = (config.half_life_minutes(), config.session_half_life_minutes);
        match found {
            Some(i) => {
                let a = self.affinities.get_mut(i)?;
                a.add(weight, now, hl, shl);
                // A removal can take a signal to nothing: forget it now, not at the next
                // minute's sweep.
                if weight < 0.0 && strength(a, config, now) < MIN_SIGNAL {
                    self.affinities.remove(i);
                    return None;
                }
                Some(i)
            }
            None if weight > 0.0 => {
                let mut a = Affinity::new(key.to_owned(), now);
                a.add(weight, now, hl, shl);
                let i = self.affinities.len();
                self.affinities.push(a);
                Some(i)
            }
            None => None,
        }
    }
}
