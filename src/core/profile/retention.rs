//! Retention: old signals are deleted, not just decayed, and an idle profile expires as a whole.

use super::Profile;
use crate::core::config::Config;
use crate::core::time::{elapsed, Minutes};

/// Minutes in a day.
pub(super) const MINUTES_PER_DAY: f64 = 1440.0;

impl Profile {
    /// True when the profile saw no activity for longer than `config.profile_max_idle_days`.
    pub fn is_expired(&self, config: &Config, now: Minutes) -> bool {
        elapsed(self.updated, now) > config.profile_max_idle_days * MINUTES_PER_DAY
    }

    /// Applies the retention rules as of `now`: an idle profile is replaced by an empty one
    /// (returns true); otherwise interests older than `config.signal_max_age_days` are deleted,
    /// and the history lists are cleared when the last activity is older than that.
    pub fn expire(&mut self, config: &Config, now: Minutes) -> bool {
        if self.is_expired(config, now) {
            *self = Profile::new(now);
            return true;
        }
        let max_age = config.signal_max_age_days * MINUTES_PER_DAY;
        self.affinities.retain(|a| elapsed(a.3, now) <= max_age);
        if elapsed(self.updated, now) > max_age {
            self.viewed.clear();
            self.cart.clear();
            self.purchased.clear();
            self.searches.clear();
            self.orders.clear();
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::choice::Choice;
    use crate::core::profile::Affinity;

    const NOW: Minutes = 29_000_000;
    const DAY: Minutes = 1440;

    fn profile() -> Profile {
        let mut p = Profile::new(NOW - 100 * DAY);
        p.updated = NOW - 10 * DAY;
        p.affinities = vec![
            Affinity::from_parts("c:old".into(), 500.0, 0.0, NOW - 91 * DAY, 3),
            Affinity::from_parts("c:recent".into(), 1.0, 0.0, NOW - 10 * DAY, 1),
        ]
        .into();
        p.viewed = vec!["a".into()].into();
        p.choices = vec![Choice("b:acme".into(), 1, NOW - 95 * DAY)];
        p
    }

    #[test]
    fn signals_older_than_the_max_age_are_deleted_however_strong() {
        let mut p = profile();
        assert!(!p.expire(&Config::default(), NOW));
        let keys: Vec<&str> = p.affinities.iter().map(|a| a.key()).collect();
        assert_eq!(keys, vec!["c:recent"]);
        assert_eq!(p.viewed, vec!["a"], "last activity is recent: lists stay");
        assert_eq!(
            p.choices.len(),
            1,
            "explicit choices stay until the profile expires"
        );
    }

    #[test]
    fn history_lists_go_once_the_last_activity_is_too_old() {
        let mut p = profile();
        p.updated = NOW - 91 * DAY;
        let config = Config {
            profile_max_idle_days: 365.0,
            ..Config::default()
        };
        assert!(!p.expire(&config, NOW));
        assert!(p.viewed.is_empty());
        assert_eq!(p.affinities.len(), 1, "only c:old was older than 90 days");
    }

    #[test]
    fn an_idle_profile_expires_as_a_whole() {
        let mut p = profile();
        let config = Config {
            profile_max_idle_days: 7.0,
            ..Config::default()
        };
        assert!(p.expire(&config, NOW));
        assert!(p.is_cold() && p.choices.is_empty());
        assert_eq!(p.created, NOW);
    }

    #[test]
    fn the_max_age_is_configurable() {
        let mut p = profile();
        let config = Config {
            signal_max_age_days: 5.0,
            ..Config::default()
        };
        p.expire(&config, NOW);
        assert!(p.affinities.is_empty());
        assert!(p.viewed.is_empty());
    }
}
