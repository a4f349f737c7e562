//! How the engine learns a validated event: only with consent and not paused, never an order
//! it learned already, at a time no later than its clock, and a big order's purchase in parts.

use super::Engine;
use crate::core::event::Event;
use crate::core::limits::MAX_EVENT_ITEMS;
use crate::core::time::{minutes_from_ms, Minutes};

impl Engine {
    /// Learns a validated event (at `ts`, else now), unless learning is off or its order was
    /// learned already.
    pub(super) fn learn(&mut self, mut event: Event, ts: Option<f64>, now_ms: f64) {
        if !self.consent.may_learn() || self.profile.paused {
            // Paused: not even journaled, so no merge learns it once another tab resumes.
            return;
        }
        if self.profile.knows_order(&event) {
            // This order was learned already (a reload of its confirmation page, say).
            return;
        }
        let now = minutes_from_ms(now_ms);
        // An event may carry its own time, but never one later than the engine's clock.
        let at = ts.map_or(now, |t| minutes_from_ms(t).min(now));
        if now < self.profile.updated {
            // The clock went back (the shopper changed it): pull stored times back to now so
            // decay resumes at once, and keep every value.
            self.profile.clamp_times(now);
        }
        // A purchase of more items than an event holds (a big order's confirmation page) is
        // learned in events of at most MAX_EVENT_ITEMS; the last carries the order, so the
        // order is kept as learned only with all its items.
        while let Event::Purchase(items, _) = &mut event {
            if items.len() <= MAX_EVENT_ITEMS {
                break;
            }
            let rest = items.split_off(MAX_EVENT_ITEMS);
            self.learn_at(Event::Purchase(std::mem::replace(items, rest), None), at);
        }
        self.learn_at(event, at);
    }

    /// Learns a validated event at minute `at` and journals it.
    fn learn_at(&mut self, event: Event, at: Minutes) {
        self.profile.learn(&event, &self.config, at);
        self.journal.record(event, at);
        self.dirty = true;
    }
}
