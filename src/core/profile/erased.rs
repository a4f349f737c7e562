//! Erase means erase, across tabs: which profile a reset replaced (the *lineage*), and marks
//! of the items and interests the shopper removed.
//!
//! - **Lineage.** Every profile descends from a start: a first page load with nothing stored,
//!   or a reset (or erase). Each start draws an id; a reset keeps the ids it replaced
//!   (`r: [id, replaced…]`, at most [`MAX_LINEAGE`]). A stored profile whose id this tab's
//!   profile lists as replaced was written from data older than a reset this tab knows of:
//!   it is stale and dropped, and this tab writes its own again. A stored profile that lists
//!   this tab's id as replaced is a reset made elsewhere: this tab adopts it and drops what it
//!   learned before (erase wins the race). Two unrelated starts (two tabs opened with nothing
//!   stored) merge as usual. Ids are random numbers: they say nothing about what was erased.
//! - **Removals.** Removing an item or an interest leaves `[hash, minute]` (`rm`, at most
//!   [`MAX_REMOVALS`], for [`REMOVAL_MINUTES`]): the 32-bit FNV-1a hash of the item's choice
//!   key (`i:<id>`) or of the interest key, never the id or key itself. Another tab replaying
//!   events it learned before it knew of the removal does not bring the item or interest back
//!   ([`crate::core::sync`]); what it learns afterwards does.

use serde::{Deserialize, Serialize};

use super::Profile;
use crate::core::hash::{hash_bytes, HASH_START};
use crate::core::time::{elapsed, Minutes};

/// Most lineage ids kept: this profile's own and the four latest it replaced.
pub const MAX_LINEAGE: usize = 5;
/// Most removal marks kept, newest first.
pub const MAX_REMOVALS: usize = 16;
/// How long a removal mark is kept: a week, far longer than any tab holds unwritten events
/// except a page frozen in the background.
pub const REMOVAL_MINUTES: Minutes = 7 * 1440;

/// `[hash, minute]`: an item or interest removed at that minute (see [`removal_hash`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal(
    /// [`removal_hash`] of what was removed.
    pub u32,
    /// Minute of the removal.
    pub Minutes,
);

/// The hash a removal is kept as: of `i:<id>` for an item (`item` true), of the key for an
/// interest. The same as the hash of a choice key about the item.
pub fn removal_hash(item: bool, key: &str) -> u32 {
    let start = if item {
        hash_bytes(HASH_START, b"i:")
    } else {
        HASH_START
    };
    hash_bytes(start, key.as_bytes())
}

/// How a stored profile relates to this tab's ([`Profile::kinship`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    /// The same start, or unrelated starts: merge as usual.
    Merge,
    /// The stored profile descends from a start a reset this tab knows of replaced.
    Stale,
    /// A reset elsewhere replaced this tab's start.
    Replaced,
}

impl Profile {
    /// This profile's lineage id (0 for profiles stored before lineages existed).
    pub fn lineage(&self) -> u32 {
        self.lineage.first().copied().unwrap_or(0)
    }

    fn replaced(&self) -> &[u32] {
        self.lineage.get(1..).unwrap_or(&[])
    }

    /// Gives a profile that has no lineage yet (a first start, nothing stored) lineage `id`.
    pub fn first_lineage(&mut self, id: u32) {
        if self.lineage.is_empty() {
            self.lineage.push(id);
        }
    }

    /// Starts lineage `id`, recording that it replaces this profile's (a reset).
    pub fn start_lineage(&mut self, id: u32) {
        let old = self.lineage();
        self.lineage.retain(|&l| l != old);
        self.lineage.insert(0, old);
        self.lineage.insert(0, id);
        self.lineage.truncate(MAX_LINEAGE);
    }

    /// Records what the profile of lineage `other` replaced as replaced here too (`other`
    /// merged into this profile), and `other`'s own id when `replaces_it` (this profile
    /// written over that one).
    pub fn join_lineage(&mut self, other: &[u32], replaces_it: bool) {
        let own = if replaces_it {
            other
        } else {
            other.get(1..).unwrap_or(&[])
        };
        let own = if own.is_empty() && replaces_it {
            &[0][..]
        } else {
            own
        };
        for &id in own {
            if !self.lineage.contains(&id) {
                self.lineage.push(id);
            }
        }
        self.lineage.truncate(MAX_LINEAGE);
    }

    /// How `stored` relates to this profile.
    pub fn kinship(&self, stored: &Profile) -> Kinship {
        let (mine, theirs) = (self.lineage(), stored.lineage());
        if mine == theirs {
            Kinship::Merge
        } else if self.replaced().contains(&theirs) {
            Kinship::Stale
        } else if stored.replaced().contains(&mine) {
            Kinship::Replaced
        } else {
            Kinship::Merge
        }
    }

    /// Marks `hash` ([`removal_hash`]) removed at `now`, newest first.
    pub fn mark_removed(&mut self, hash: u32, now: Minutes) {
        self.removed.retain(|r| r.0 != hash);
        self.removed.insert(0, Removal(hash, now));
        self.removed.truncate(MAX_REMOVALS);
    }

    /// Drops removal marks older than [`REMOVAL_MINUTES`].
    pub(super) fn expire_removals(&mut self, now: Minutes) {
        self.removed
            .retain(|r| elapsed(r.1, now) <= f64::from(REMOVAL_MINUTES));
    }

    /// Repairs stored lineage ids and removal marks (repeats, too many, times ahead of `now`);
    /// returns whether anything was dropped.
    pub(super) fn clean_erasure(&mut self, now: Minutes) -> bool {
        let before = (self.lineage.len(), self.removed.len());
        let mut seen: Vec<u32> = Vec::new();
        self.lineage.retain(|l| {
            let new = !seen.contains(l);
            seen.push(*l);
            new
        });
        self.lineage.truncate(MAX_LINEAGE);
        seen.clear();
        self.removed.retain(|r| {
            let new = !seen.contains(&r.0);
            seen.push(r.0);
            new
        });
        self.removed.truncate(MAX_REMOVALS);
        for r in &mut self.removed {
            r.1 = r.1.min(now);
        }
        before != (self.lineage.len(), self.removed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_makes_the_replaced_start_stale_and_unrelated_starts_merge() {
        let mut old = Profile::new(5);
        old.first_lineage(7);
        old.first_lineage(6);
        assert_eq!(old.lineage, vec![7], "a first start replaces nothing");
        let mut reset = old.clone();
        reset.start_lineage(9);
        assert_eq!(reset.lineage, vec![9, 7]);
        assert_eq!(reset.kinship(&old), Kinship::Stale);
        assert_eq!(old.kinship(&reset), Kinship::Replaced);
        let mut fresh = Profile::new(5);
        fresh.first_lineage(11);
        assert_eq!(fresh.kinship(&reset), Kinship::Merge);
        assert_eq!(reset.kinship(&fresh), Kinship::Merge);
        let legacy = Profile::new(5);
        let mut from_legacy = legacy.clone();
        from_legacy.start_lineage(8);
        assert_eq!(from_legacy.lineage, vec![8, 0]);
        assert_eq!(
            from_legacy.kinship(&legacy),
            Kinship::Stale,
            "data stored before lineages"
        );
        let mut joined = fresh.clone();
        joined.join_lineage(&reset.lineage, false);
        assert_eq!(joined.lineage, vec![11, 7]);
        fresh.join_lineage(&reset.lineage, true);
        assert_eq!(fresh.lineage, vec![11, 9, 7]);
        for id in 20..30 {
            reset.start_lineage(id);
        }
        assert_eq!(reset.lineage.len(), MAX_LINEAGE);
    }

    #[test]
    fn removal_marks_are_hashes_bounded_and_expire() {
        let mut p = Profile::new(100);
        assert_eq!(removal_hash(true, "x"), removal_hash(false, "i:x"));
        assert_ne!(removal_hash(true, "x"), removal_hash(false, "x"));
        for i in 0..40 {
            p.mark_removed(removal_hash(true, &i.to_string()), 100);
        }
        p.mark_removed(removal_hash(true, "39"), 200);
        assert_eq!(p.removed.len(), MAX_REMOVALS);
        assert_eq!(p.removed[0], Removal(removal_hash(true, "39"), 200));
        p.expire_removals(200 + REMOVAL_MINUTES);
        assert_eq!(p.removed.len(), 1);
        p.removed.push(p.removed[0]);
        p.lineage = vec![3, 3, 4];
        assert!(p.clean_erasure(150));
        assert_eq!((p.removed.len(), p.removed[0].1), (1, 150));
        assert_eq!(p.lineage, vec![3, 4]);
        assert!(!p.clean_erasure(150));
    }
}
