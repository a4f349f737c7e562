//! Restoring a stored profile: version checks, migrations and repair of damaged entries.
//!
//! Stored data can be corrupt, tampered with or written by another version. Restoring never
//! panics: entries that cannot be trusted are dropped and reported through `repaired`, so the
//! caller can keep the original blob for inspection.

use super::affinity::quantize;
use super::choice::clean_choices;
use super::erased::{MAX_MARK_BYTES, MAX_REMOVALS};
use super::history::{MAX_CART, MAX_PURCHASED, MAX_SEARCHES, MAX_VIEWED};
use super::lineage::{MAX_LINEAGE, MAX_STARTS};
use super::{Profile, MAX_AFFINITIES, SCHEMA_VERSION};
use crate::core::config::Config;
use crate::core::error::{CoreError, ErrorKind};
use crate::core::limits::{MAX_QUERY_BYTES, MAX_STRING_BYTES};
use crate::core::orders::{MAX_ORDERS, ORDER_KEY_BYTES};
use crate::core::time::{Minutes, MAX_MINUTES, MIN_MINUTES};

/// A restored profile and whether anything in it had to be dropped or fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The usable profile.
    pub profile: Profile,
    /// True when entries were invalid and were dropped or fixed.
    pub repaired: bool,
}

// Out of line: `clamp_times` calls it five times.
#[inline(never)]
fn clamp_time(t: Minutes, now: Minutes) -> Minutes {
    t.clamp(MIN_MINUTES, MAX_MINUTES).min(now.max(MIN_MINUTES))
}

fn clean_list(list: &mut Vec<String>, cap: usize, max_len: usize) -> bool {
    let before = list.len();
    let mut seen: Vec<String> = Vec::with_capacity(list.len());
    list.retain(|s| {
        let ok = !s.trim().is_empty() && s.len() <= max_len && !seen.contains(s);
        if ok {
            seen.push(s.clone());
        }
        ok
    });
    list.truncate(cap);
    list.len() != before
}

impl Profile {
    /// Checks and repairs a profile read from storage or an import, as of `now`.
    ///
    /// Errors when the data is from a newer schema (`UnsupportedVersion`) or has no schema
    /// version at all (`Corrupt`); otherwise returns a usable profile.
    pub fn restore(mut self, config: &Config, now: Minutes) -> Result<Restored, CoreError> {
        let repaired = self.repair(config, now)?;
        Ok(Restored {
            profile: self,
            repaired,
        })
    }

    /// [`Profile::restore`] in place, for callers that keep the profile where it is (no
    /// [`Restored`] moved out through a `Result`): returns whether anything was repaired. On
    /// error the profile is left half checked and must be dropped.
    pub(crate) fn repair(&mut self, config: &Config, now: Minutes) -> Result<bool, CoreError> {
        if self.schema > SCHEMA_VERSION {
            return Err(CoreError::new(
                ErrorKind::UnsupportedVersion,
                "v",
                crate::core::text::concat(&[
                    "profile schema ",
                    &crate::core::hash::decimal(self.schema),
                    " is newer than this version of Shelfwise understands (",
                    &crate::core::hash::decimal(SCHEMA_VERSION),
                    ")",
                ]),
            ));
        }
        if self.schema == 0 {
            return Err(CoreError::new(ErrorKind::Corrupt, "v", "no schema version"));
        }
        self.migrate();
        let mut repaired = self.clean_writers();
        let before = self.affinities.len();
        let mut seen: Vec<String> = Vec::new();
        self.affinities.retain(|a| {
            let key = a.key();
            let ok = key.len() >= 3
                && key.len() <= MAX_STRING_BYTES * 2 + 3
                && key.get(1..2) == Some(":")
                && a.1.is_finite()
                && a.2.is_finite()
                && a.1 >= 0.0
                && a.2 >= 0.0
                && !seen.iter().any(|k| k == key);
            if ok {
                seen.push(key.to_owned());
            }
            ok
        });
        repaired |= self.affinities.len() != before;
        // Texts stored before non-ASCII letters were folded: an upgrade, not a repair.
        self.fold_case(config);
        self.affinities.truncate(MAX_AFFINITIES);
        for a in &mut self.affinities {
            a.1 = quantize(a.1);
            a.2 = quantize(a.2);
        }
        repaired |= self
            .viewed
            .edit(|l| clean_list(l, MAX_VIEWED, MAX_STRING_BYTES));
        repaired |= self
            .cart
            .edit(|l| clean_list(l, MAX_CART, MAX_STRING_BYTES));
        repaired |= self
            .purchased
            .edit(|l| clean_list(l, MAX_PURCHASED, MAX_STRING_BYTES));
        repaired |= clean_list(&mut self.searches, MAX_SEARCHES, MAX_QUERY_BYTES);
        repaired |= clean_list(&mut self.orders, MAX_ORDERS, ORDER_KEY_BYTES);
        repaired |= clean_choices(&mut self.choices, now);
        repaired |= clean_list(&mut self.lineage.ids, MAX_LINEAGE, ORDER_KEY_BYTES);
        repaired |= clean_list(&mut self.lineage.starts, MAX_STARTS, ORDER_KEY_BYTES);
        repaired |= clean_list(&mut self.removed, MAX_REMOVALS, MAX_MARK_BYTES);
        repaired |= clean_list(&mut self.choice_turns, MAX_REMOVALS, MAX_MARK_BYTES);
        repaired |= self.neighbours.repair();
        repaired |= self.clean_taught();
        self.clamp_times(now);
        repaired |= self.moments.repair(now);
        self.compact(config, now);
        Ok(repaired)
    }

    /// Brings a profile of an older schema up to [`SCHEMA_VERSION`], one version at a time.
    /// Data of every released schema stays usable; nothing learned is dropped.
    fn migrate(&mut self) {
        if self.schema == 1 {
            // v1 → v2: v1 had no writer marks (`w`), so no tab's numbered events are in it yet.
            self.writers.clear();
            self.schema = 2;
        }
    }

    /// Clamps every stored time into the accepted range and to at most `now`. A clock that was
    /// set ahead and then back leaves no timestamp in the future, so decay resumes at once
    /// instead of standing still until the real time catches up; values are kept as they are.
    pub fn clamp_times(&mut self, now: Minutes) {
        for a in &mut self.affinities {
            a.3 = clamp_time(a.3, now);
        }
        for t in &mut self.taught {
            t.0 .3 = clamp_time(t.0 .3, now);
        }
        self.created = clamp_time(self.created, now);
        self.updated = clamp_time(self.updated, now).max(self.created);
        self.session_start = clamp_time(self.session_start, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::Affinity;

    const NOW: Minutes = 29_000_000;

    #[test]
    fn newer_schema_is_refused_and_missing_schema_is_corrupt() {
        let mut p = Profile::new(NOW);
        p.schema = SCHEMA_VERSION + 1;
        let e = p.restore(&Config::default(), NOW).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnsupportedVersion);
        let mut p = Profile::new(NOW);
        p.schema = 0;
        assert_eq!(
            p.restore(&Config::default(), NOW).unwrap_err().kind,
            ErrorKind::Corrupt
        );
    }

    #[test]
    fn damaged_entries_are_dropped_and_reported() {
        let mut p = Profile::new(NOW);
        p.affinities = vec![
            Affinity::from_parts("c:ok".into(), 2.0, 1.0, NOW, 0),
            Affinity::from_parts("c:ok".into(), 9.0, 1.0, NOW, 0),
            Affinity::from_parts("c:nan".into(), f64::NAN, 1.0, NOW, 0),
            Affinity::from_parts("bad".into(), 1.0, 1.0, NOW, 0),
            Affinity::from_parts("c:neg".into(), -1.0, 0.0, NOW, 0),
            Affinity::from_parts("c:future".into(), 1.0, 1.0, u32::MAX, 0),
        ]
        .into();
        p.viewed = vec![
            "a".into(),
            "".into(),
            "a".into(),
            "x".repeat(MAX_STRING_BYTES + 1),
        ]
        .into();
        let r = p.restore(&Config::default(), NOW).unwrap();
        assert!(r.repaired);
        let keys: Vec<&str> = r.profile.affinities.iter().map(|a| a.key()).collect();
        assert_eq!(keys, vec!["c:ok", "c:future"]);
        assert_eq!(
            r.profile.affinities[1].3, NOW,
            "future timestamps are clamped to now"
        );
        assert_eq!(r.profile.viewed, vec!["a"]);
    }

    #[test]
    fn schema_1_migrates_to_the_current_schema() {
        let mut p = Profile::new(NOW);
        p.schema = 1;
        p.affinities = vec![Affinity::from_parts("c:hats".into(), 2.0, 0.5, NOW, 0)].into();
        let r = p.clone().restore(&Config::default(), NOW).unwrap();
        assert!(!r.repaired, "a migration is not a repair");
        assert_eq!(r.profile.schema, SCHEMA_VERSION);
        assert_eq!(r.profile.affinities, p.affinities);
        assert!(r.profile.writers.is_empty());
    }

    #[test]
    fn a_clean_profile_is_not_reported_as_repaired() {
        let mut p = Profile::new(NOW);
        p.affinities = vec![Affinity::from_parts("b:acme".into(), 3.0, 0.0, NOW, 0)].into();
        p.viewed = vec!["1".into()].into();
        let r = p.clone().restore(&Config::default(), NOW).unwrap();
        assert!(!r.repaired);
        assert_eq!(r.profile, p);
    }
}
