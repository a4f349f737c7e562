//! Folding what one page learned in memory into a stored profile, used when consent is given
//! mid-visit: nothing learned before the consent is lost.

use super::history::{self, MAX_CART, MAX_PURCHASED, MAX_SEARCHES, MAX_VIEWED};
use super::Profile;
use crate::core::config::Config;
use crate::core::orders::MAX_ORDERS;
use crate::core::time::Minutes;

impl Profile {
    /// Adds `page` (learned in memory) to `self` (restored from storage), as of `now`: interest
    /// values are added as of now, lists take the page's entries first, the page's
    /// choices win, counters add up. Then compacts to the size budget.
    pub fn absorb(&mut self, page: &Profile, config: &Config, now: Minutes) {
        // What one page learned is recent: its decayed long-term value is added like a new
        // event's weight (to both the long-term and the session signal).
        let (hl, shl) = (config.half_life_minutes(), config.session_half_life_minutes);
        for a in &page.affinities {
            self.add_key(a.key(), a.decayed(now, hl, shl).0, config, now);
            if let Some(b) = self.affinities.iter_mut().find(|b| b.key() == a.key()) {
                b.4 = b.4.saturating_add(a.4);
            }
        }
        for (to, from, cap) in [
            (&mut self.viewed, &page.viewed, MAX_VIEWED),
            (&mut self.cart, &page.cart, MAX_CART),
            (&mut self.purchased, &page.purchased, MAX_PURCHASED),
        ] {
            for id in from.iter().rev() {
                to.push_front(id, cap);
            }
        }
        for (to, from, cap) in [
            (&mut self.searches, &page.searches, MAX_SEARCHES),
            (&mut self.orders, &page.orders, MAX_ORDERS),
        ] {
            for id in from.iter().rev() {
                history::push_front(to, id, cap);
            }
        }
        for t in page.taught.iter().rev() {
            let counted = t.0 .4 > 0;
            let (long, _) = t.0.decayed(now, hl, shl);
            self.keep_taught(t.id(), t.keys().to_vec(), long, counted, true, config, now);
        }
        for c in page.choices.iter().rev() {
            self.choose(&c.0, c.1, c.2);
        }
        for key in page.removed.iter().rev() {
            self.mark_removed(key);
        }
        for turn in page.choice_turns.iter().rev() {
            self.mark_turn(turn);
        }
        self.paused |= page.paused;
        self.pause_turn = self.pause_turn.max(page.pause_turn);
        self.visits = self
            .visits
            .max(1)
            .saturating_add(page.visits.saturating_sub(1));
        self.events = self.events.saturating_add(page.events);
        self.updated = self.updated.max(page.updated);
        self.session_start = self.session_start.max(page.session_start);
        self.compact(config, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::Affinity;

    const NOW: Minutes = 29_000_000;

    #[test]
    fn page_signals_add_to_stored_ones() {
        let mut stored = Profile::new(NOW - 60);
        stored.affinities = vec![Affinity::from_parts("c:a".into(), 2.0, 0.0, NOW, 1)].into();
        stored.viewed = vec!["old".into()].into();
        stored.visits = 3;
        let mut page = Profile::new(NOW);
        page.affinities = vec![
            Affinity::from_parts("c:a".into(), 1.0, 1.0, NOW, 2),
            Affinity::from_parts("b:x".into(), 1.0, 1.0, NOW, 1),
        ]
        .into();
        page.viewed = vec!["new".into(), "old".into()].into();
        page.visits = 1;
        page.choose("b:x", 1, NOW);
        stored.absorb(&page, &Config::default(), NOW);
        assert_eq!(
            stored.affinities[0],
            Affinity::from_parts("c:a".into(), 3.0, 1.0, NOW, 3)
        );
        assert_eq!(stored.affinities[1].key(), "b:x");
        assert_eq!(stored.viewed, vec!["new", "old"]);
        assert_eq!(stored.choices.len(), 1);
        assert_eq!(
            stored.visits, 3,
            "the page's visit continues the stored one"
        );
    }
}
