//! Erase means erase, across tabs: which profiles a reset replaced (the *lineage*).
//!
//! - **Starts.** Every profile descends from a start: a first page load with nothing stored,
//!   or a reset (or erase). Each start draws an id; a reset keeps the ids it replaced
//!   (`r: [id, replaced…]`, at most [`MAX_LINEAGE`]). Ids are random numbers: they say
//!   nothing about what was erased.
//! - **Stale and replaced.** A stored profile of a start this tab's profile lists as
//!   replaced was written from data older than a reset this tab knows of: it is stale and
//!   dropped, and this tab writes its own again. A stored profile that lists this tab's start
//!   as replaced is a reset made elsewhere: this tab adopts it and drops what it learned
//!   before (erase wins the race).
//! - **Starts a merge left.** Two unrelated starts (two tabs opened with nothing stored) merge
//!   as usual; the merged profile goes on from one of them and keeps the other's id, and the
//!   ids that one had kept, in `ra` (at most [`MAX_STARTS`]): it holds their data too. A reset
//!   replaces its start and every start in `ra`, so a write of any of them from before the
//!   reset is stale, and a profile that holds data of a start a reset replaced (its own or
//!   one in its `ra`) adopts that reset. A profile stored without `ra` (before session 12, or
//!   by a build without it) reads as holding no other start: the rules above as they were.
//! - **One value.** A profile's start, the starts it replaced and the other starts it holds
//!   travel together as one [`Lineage`] (stored as `r` and `ra`, as before it held them).
//! - **Same start.** Profiles that go on from the same start are checked for replaced starts
//!   too: a tab that missed a reset can take in a late write of the erased lineage (it cannot
//!   tell it from a write made after the reset it adopted), and a tab that merged its earlier
//!   write shares its start yet knows that reset.

use super::Profile;
use crate::core::hash::decimal;
use serde::{Deserialize, Serialize};

/// Most lineage ids kept: this profile's own and the four latest it replaced.
pub const MAX_LINEAGE: usize = 5;
/// Most ids of other starts a profile holds data of (`ra`), newest first: four tabs opened
/// at once with nothing stored. A reset lists them first among the ids it replaced.
pub const MAX_STARTS: usize = 3;

/// Where a profile comes from: its start, the starts resets replaced and the other starts
/// merges joined into it. Stored in the profile's own object as `r` (`ids`) and `ra`
/// (`starts`), each left out when empty, exactly as the two lists were stored before this
/// type held them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Lineage {
    /// This profile's start id, then the ids of the starts resets replaced, newest first (at
    /// most [`MAX_LINEAGE`]; empty: a profile stored before lineages, id `0`). Random
    /// numbers: nothing about what was erased.
    #[serde(rename = "r", skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
    /// The ids of other starts whose data merges joined into this profile, newest first (at
    /// most [`MAX_STARTS`]; two tabs opened with nothing stored): a reset replaces them too.
    #[serde(rename = "ra", skip_serializing_if = "Vec::is_empty")]
    pub starts: Vec<String>,
}

/// How a stored profile relates to this tab's ([`Profile::kinship`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kinship {
    /// The same start, or unrelated starts: merge as usual.
    Merge,
    /// The stored profile holds data of a start a reset this tab knows of replaced.
    Stale,
    /// A reset elsewhere replaced a start this tab's profile holds data of.
    Replaced,
}

/// Adds to `lineage` the ids `other` replaced, and `other`'s own id too when `replaces_it`
/// (a profile of lineage `lineage` written over one of lineage `other`; `other` empty: a
/// profile stored before lineages, id `0`).
pub fn join_lineage(lineage: &mut Vec<String>, other: &[String], replaces_it: bool) {
    let legacy = [decimal(0)];
    let ids = match other.get(usize::from(!replaces_it)..) {
        Some([]) | None if replaces_it => &legacy[..],
        Some(ids) => ids,
        None => &[],
    };
    if lineage.is_empty() && !ids.is_empty() {
        // A profile stored before lineages: its id, 0, stays first.
        lineage.push(decimal(0));
    }
    add_ids(lineage, ids);
}

/// Appends the `ids` that `lineage` lacks, keeping at most [`MAX_LINEAGE`].
fn add_ids(lineage: &mut Vec<String>, ids: &[String]) {
    for id in ids {
        if !lineage.contains(id) {
            lineage.push(id.clone());
        }
    }
    lineage.truncate(MAX_LINEAGE);
}

impl Lineage {
    /// The start id (`0` for profiles stored before lineages existed).
    fn start(&self) -> &str {
        self.ids.first().map_or("0", String::as_str)
    }

    fn replaced(&self) -> &[String] {
        self.ids.get(1..).unwrap_or(&[])
    }

    /// Whether a profile of this lineage holds data of a start among `ids`: its own or one a
    /// merge left.
    fn holds_start_of(&self, ids: &[String]) -> bool {
        ids.iter()
            .any(|id| id == self.start() || self.starts.contains(id))
    }

    /// Whether a reset that removed a stored profile of lineage `removed` (a `storage`
    /// event's `oldValue`) is one a profile of this lineage already went on from: it lists
    /// as replaced a start `removed` holds data of (it made, adopted or took in a reset of
    /// it). Its event is then stale: adopting it again would erase what was learned after it.
    pub fn went_past_reset_of(&self, removed: &Lineage) -> bool {
        removed.holds_start_of(self.replaced())
    }
}

impl Profile {
    /// This profile's lineage id (`0` for profiles stored before lineages existed).
    pub fn lineage(&self) -> &str {
        self.lineage.start()
    }

    /// Gives a profile that has no lineage yet (a first start, nothing stored) lineage `id`.
    pub fn first_lineage(&mut self, id: String) {
        if self.lineage.ids.is_empty() {
            self.lineage.ids.push(id);
        }
    }

    /// Starts lineage `id`, recording that it replaces this profile's start and every start
    /// a merge left in it (a reset).
    pub fn start_lineage(&mut self, id: String) {
        let old = std::mem::take(&mut self.lineage);
        self.lineage.ids.push(id);
        self.replace_start(&old);
    }

    /// Records that this profile replaces one of lineage `other`: its start, the other starts
    /// it held data of, then the ones it replaced (newest first, as the cap keeps).
    pub fn replace_start(&mut self, other: &Lineage) {
        let (ids, lineage) = (&mut self.lineage.ids, &other.ids);
        join_lineage(ids, lineage.get(..1).unwrap_or(&[]), true);
        add_ids(ids, &other.starts);
        join_lineage(ids, lineage, false);
    }

    /// Records that this profile now holds the data of one of lineage `other` (a merge): what
    /// that one replaced stays replaced, and its start and the other starts it held data of,
    /// other than this profile's own, are kept in `ra`. (An id already there
    /// stays: a profile that took its own start back, [`crate::core::Engine::merge_overwritten`],
    /// may list it in `ra` too, which changes nothing, since either names its start; not
    /// removed, as that costs wasm bytes for no rule.)
    pub fn join_start(&mut self, other: &Lineage) {
        join_lineage(&mut self.lineage.ids, &other.ids, false);
        // Newest first, once each, not its own.
        for id in other.ids.first().into_iter().chain(&other.starts) {
            if id != self.lineage() && !self.lineage.starts.contains(id) {
                self.lineage.starts.insert(0, id.clone());
            }
        }
        self.lineage.starts.truncate(MAX_STARTS);
    }

    /// How `stored` relates to this profile. Also when both go on from the same start: a
    /// profile can hold data of a start a reset replaced without knowing it (a tab that missed
    /// that reset took in a write of it, and another tab merged a write of that tab's start
    /// first, so the two now share it).
    pub fn kinship(&self, stored: &Profile) -> Kinship {
        let (mine, theirs) = (&self.lineage, &stored.lineage);
        if theirs.holds_start_of(mine.replaced()) {
            Kinship::Stale
        } else if mine.holds_start_of(theirs.replaced()) {
            Kinship::Replaced
        } else {
            Kinship::Merge
        }
    }

    /// Whether this profile comes after the latest reset `other` knows of: it lists as
    /// replaced the start `other` lists first (the one that reset replaced). Not every one: a
    /// reset also replaces the starts a merge left in its profile, which another tab adopting
    /// the same reset (the key gone) does not list. (Any shared replaced start is not enough:
    /// `tabs_erase` then lost a view with no tab behind a reset, session 13.)
    pub fn knows_resets_of(&self, other: &Profile) -> bool {
        let mine = self.lineage.replaced();
        (other.lineage.replaced().first()).map_or(true, |id| mine.contains(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(p: &Profile) -> Vec<&str> {
        p.lineage.ids.iter().map(String::as_str).collect()
    }

    fn started(id: &str) -> Profile {
        let mut p = Profile::new(5);
        p.first_lineage(id.into());
        p
    }

    #[test]
    fn a_reset_makes_the_replaced_start_stale_and_unrelated_starts_merge() {
        let mut old = started("7");
        old.first_lineage("6".into());
        assert_eq!(ids(&old), vec!["7"], "a first start replaces nothing");
        let mut reset = old.clone();
        reset.start_lineage("9".into());
        assert_eq!(ids(&reset), vec!["9", "7"]);
        assert_eq!(reset.kinship(&old), Kinship::Stale);
        assert_eq!(old.kinship(&reset), Kinship::Replaced);
        let mut fresh = started("11");
        assert_eq!(fresh.kinship(&reset), Kinship::Merge);
        assert_eq!(reset.kinship(&fresh), Kinship::Merge);
        let legacy = Profile::new(5);
        let mut from_legacy = legacy.clone();
        from_legacy.start_lineage("8".into());
        assert_eq!(ids(&from_legacy), vec!["8", "0"]);
        assert_eq!(
            from_legacy.kinship(&legacy),
            Kinship::Stale,
            "data stored before lineages"
        );
        let mut joined = fresh.lineage.ids.clone();
        join_lineage(&mut joined, &reset.lineage.ids, false);
        assert_eq!(joined, vec!["11", "7"]);
        join_lineage(&mut fresh.lineage.ids, &reset.lineage.ids, true);
        assert_eq!(ids(&fresh), vec!["11", "9", "7"]);
        let mut legacy_ids = Vec::new();
        join_lineage(&mut legacy_ids, &reset.lineage.ids, false);
        assert_eq!(
            legacy_ids,
            vec!["0", "7"],
            "a legacy profile keeps its id first"
        );
        for id in 20..30 {
            reset.start_lineage(id.to_string());
        }
        assert_eq!(reset.lineage.ids.len(), MAX_LINEAGE);
    }

    #[test]
    fn a_removal_is_stale_only_where_a_reset_of_it_is_known() {
        // A, B and C on start 7 (C's write also holds start 8's data); A resets (removes it).
        let mut removed = started("7");
        removed.join_start(&started("8").lineage);
        let mut after = removed.clone();
        after.start_lineage("9".into());
        // C read a write made after it (or went on from another reset of it): stale.
        assert!(after.lineage.went_past_reset_of(&removed.lineage));
        assert!(after.lineage.went_past_reset_of(&started("8").lineage));
        // C still on that start (its own earlier write was removed): adopted.
        assert!(!removed.lineage.went_past_reset_of(&removed.lineage));
        // A reset of what C goes on from, or of a start C never knew: adopted.
        assert!(!after.lineage.went_past_reset_of(&after.lineage));
        assert!(!after.lineage.went_past_reset_of(&started("11").lineage));
        // A profile stored before lineages (id 0), removed: stale once a reset replaced it.
        let legacy = Profile::new(5);
        let mut from_legacy = legacy.clone();
        assert!(!from_legacy.lineage.went_past_reset_of(&legacy.lineage));
        from_legacy.start_lineage("12".into());
        assert!(from_legacy.lineage.went_past_reset_of(&legacy.lineage));
    }

    #[test]
    fn a_reset_replaces_every_start_a_merge_left() {
        // B (start 8) merged A's profile (start 7) and goes on from it.
        let (a, b_before) = (started("7"), started("8"));
        let mut b = a.clone();
        b.join_start(&b_before.lineage);
        assert_eq!(
            (ids(&b), b.lineage.starts.clone()),
            (vec!["7"], vec!["8".into()])
        );
        b.join_start(&Lineage {
            ids: a.lineage.ids.clone(),
            starts: vec!["8".into(), "7".into()],
        });
        assert_eq!(b.lineage.starts, vec!["8"], "its own start is not another");
        // C (start 6), which merged B's write, holds 7's and 8's data.
        let mut c = started("6");
        c.join_start(&b.lineage);
        assert_eq!(c.lineage.starts, vec!["8", "7"]);
        let mut reset = b.clone();
        reset.start_lineage("9".into());
        assert_eq!(ids(&reset), vec!["9", "7", "8"]);
        assert!(reset.lineage.starts.is_empty());
        // A write of 8 from before the reset (B's own, or A's once it merged B's) is stale,
        // and so is one of another start that holds 8's data; their tabs adopt the reset.
        assert_eq!(reset.kinship(&b_before), Kinship::Stale);
        assert_eq!(reset.kinship(&c), Kinship::Stale);
        assert_eq!(b_before.kinship(&reset), Kinship::Replaced);
        assert_eq!(c.kinship(&reset), Kinship::Replaced);
        // Other starts come first among the replaced, and the cap keeps the newest.
        let mut many = started("1");
        for id in 2..9 {
            many.join_start(&Lineage {
                ids: vec![id.to_string()],
                starts: Vec::new(),
            });
        }
        assert_eq!(many.lineage.starts, vec!["8", "7", "6"]);
        many.start_lineage("10".into());
        assert_eq!(ids(&many), vec!["10", "1", "8", "7", "6"]);
        // A reset written over a profile of another start replaces its starts too.
        let mut over = started("12");
        over.replace_start(&c.lineage);
        assert_eq!(ids(&over), vec!["12", "6", "8", "7"]);
    }
}
