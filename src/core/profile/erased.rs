//! Erase means erase, across tabs: marks of the items, interests and searches the shopper
//! removed. (Which profile a reset replaced, the *lineage*, is [`super::lineage`].)
//!
//! - **Removals.** Removing an item, an interest or a search leaves a mark (`rm`, at most
//!   [`MAX_REMOVALS`], kept until the visit ends): the 32-bit FNV-1a hash of the item's choice
//!   key (`i:<id>`), of the interest key or of the search's key (`s:<text>`), never the id,
//!   key or text itself. Another tab replaying
//!   events it learned before it knew of the removal does not bring the item or interest back
//!   ([`crate::core::sync`]); what it learns afterwards does.
//! - **Generations.** An item removed, viewed again and removed again in one visit is marked
//!   `<hash>.<n>` the `n`-th time (the first mark has no suffix, as before): a tab that knew
//!   of an earlier removal learns that the events it made since came before this one, and a
//!   replayed removal that a profile already holds (that generation or a later one) is not
//!   applied again over what came after it.

use super::Profile;
use crate::core::hash::decimal;
use crate::core::hash::{hash_bytes, HASH_START};

/// Most removal marks kept, newest first. They are dropped when a new visit starts (a tab
/// holds unwritten events for a moment, not for a whole session gap).
pub const MAX_REMOVALS: usize = 16;

/// Most bytes a stored removal mark takes: a 32-bit hash and a generation, in decimal.
pub const MAX_MARK_BYTES: usize = 21;

/// Separates a removal mark's hash from its generation.
const GENERATION: u8 = b'.';

/// A removal mark's hash and its generation (1 when it has none).
pub fn mark_parts(mark: &str) -> (&str, u32) {
    let Some((hash, digits)) = crate::core::text::split_once_byte(mark, GENERATION) else {
        return (mark, 1);
    };
    // Read by hand: `str::parse` costs wasm bytes.
    let mut n: u32 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return (hash, 1);
        }
        n = n.saturating_mul(10).saturating_add(u32::from(b - b'0'));
    }
    (hash, n.max(1))
}

/// The mark of the `generation`-th removal of what `hash` ([`removal_key`]) stands for.
pub fn mark_of(hash: &str, generation: u32) -> String {
    let mut mark = hash.to_owned();
    if generation > 1 {
        mark.push(char::from(GENERATION));
        crate::core::facet::push_decimal(&mut mark, generation);
    }
    mark
}

/// The latest generation of `hash` among `marks` (0: none).
pub fn generation_in(marks: &[String], hash: &str) -> u32 {
    let mut latest = 0;
    for mark in marks {
        let (h, n) = mark_parts(mark);
        if h == hash {
            latest = latest.max(n);
        }
    }
    latest
}

/// Puts `mark` first in `marks`, in place of any generation of the same hash, keeping at
/// most `cap`.
pub fn put_mark(marks: &mut Vec<String>, mark: &str, cap: usize) {
    let hash = mark_parts(mark).0;
    let mut i = 0;
    while let Some(m) = marks.get(i) {
        if mark_parts(m).0 == hash {
            marks.remove(i);
        } else {
            i += 1;
        }
    }
    marks.insert(0, mark.to_owned());
    marks.truncate(cap);
}

/// The mark a removal is kept as: the decimal 32-bit FNV-1a hash of `i:<id>` for an item
/// (`item` true), of the key for an interest (the same as the hash of a choice key about the
/// item) or of `s:<text>` for a search ([`super::choice::search_key`]).
pub fn removal_key(item: bool, key: &str) -> String {
    let start = if item {
        hash_bytes(HASH_START, b"i:")
    } else {
        HASH_START
    };
    decimal(hash_bytes(start, key.as_bytes()))
}

impl Profile {
    /// Marks `mark` ([`mark_of`]) removed, newest first, in place of an earlier generation;
    /// a later generation held already stays.
    pub fn mark_removed(&mut self, mark: &str) {
        let (hash, n) = mark_parts(mark);
        if self.removal_generation(hash) > n {
            return;
        }
        put_mark(&mut self.removed, mark, MAX_REMOVALS);
    }

    /// The latest generation of the removal `hash` ([`removal_key`]) stands for that this
    /// profile holds (0: none).
    pub fn removal_generation(&self, hash: &str) -> u32 {
        generation_in(&self.removed, hash)
    }

    /// Whether this profile holds the removal `mark`, or a later one of the same item or
    /// interest: what it holds about that came after it.
    pub fn holds_removal(&self, mark: &str) -> bool {
        let (hash, n) = mark_parts(mark);
        self.removal_generation(hash) >= n
    }

    /// Whether marks made in visit `visits` belong to this profile's visit: the same one, or
    /// either side at visit 0 (a profile that has learned nothing yet, whose first event
    /// starts the visit under way). Marks end with their visit.
    pub fn same_visit(&self, visits: u32) -> bool {
        visits == self.visits || visits.min(self.visits) == 0
    }

    /// Applies the removal `marks` of a profile in visit `visits` that this profile lacks:
    /// removes every item and interest whose mark one is, as the tab that removed them did,
    /// and keeps the mark (in place of an earlier generation, or after the ones held: a full
    /// list takes no new one, so two tabs never trade marks back and forth). A profile of
    /// another visit carries none (marks end with the visit); one that has not started a
    /// visit yet is of the visit under way (its marks stay in it). Returns whether any was
    /// applied.
    pub fn carry_marks(
        &mut self,
        marks: &[String],
        visits: u32,
        config: &crate::core::config::Config,
    ) -> bool {
        let mut carried = false;
        if !self.same_visit(visits) {
            return false;
        }
        for mark in marks {
            let (hash, _) = mark_parts(mark);
            let earlier = self.removal_generation(hash) > 0;
            if self.holds_removal(mark) || (!earlier && self.removed.len() >= MAX_REMOVALS) {
                continue;
            }
            // What it marks, found first, then removed as its tab removed it (loops, not
            // `retain` per list: less wasm).
            let hit = |item: bool, key: &str| removal_key(item, key) == hash;
            let (mut items, mut keys) = (Vec::new(), Vec::new());
            for list in [&self.viewed, &self.cart, &self.purchased] {
                for id in list {
                    if hit(true, id) {
                        items.push(id.clone());
                    }
                }
            }
            for e in &self.neighbours.items {
                if hit(true, e.id()) {
                    items.push(e.id().to_owned());
                }
            }
            // An id found twice is removed twice, as one held in two lists: the second
            // removal finds nothing left.
            for t in &self.taught {
                if hit(true, t.id()) {
                    items.push(t.id().to_owned());
                }
            }
            for c in &self.choices {
                match c.0.strip_prefix("i:") {
                    Some(id) if hit(true, id) => items.push(id.to_owned()),
                    _ => {}
                }
            }
            for a in &self.affinities {
                if hit(false, a.key()) {
                    keys.push(a.key().to_owned());
                }
            }
            for s in &self.searches {
                let key = super::choice::search_key(s);
                if hit(false, &key) {
                    keys.push(key);
                }
            }
            for id in &items {
                self.remove_item(id, config);
            }
            for key in &keys {
                self.remove_interest(key);
            }
            match self.removed.iter_mut().find(|m| mark_parts(m).0 == hash) {
                Some(held) => held.clone_from(mark),
                None => self.removed.push(mark.clone()),
            }
            carried = true;
        }
        carried
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carried_marks_remove_what_they_mark_once_within_the_visit_and_the_cap() {
        use crate::core::profile::{Affinity, Choice};
        let c = crate::core::config::Config::default();
        let mut p = Profile::new(5);
        p.visits = 1;
        p.viewed = vec!["x".into(), "y".into()].into();
        p.cart = vec!["x".into()].into();
        p.neighbours.viewed("x");
        p.choices = vec![Choice("i:x".into(), 1, 5), Choice("b:acme".into(), 1, 5)];
        p.affinities = vec![Affinity::from_parts("b:acme".into(), 1.0, 1.0, 5, 1)].into();
        let marks = [removal_key(true, "x"), removal_key(false, "b:acme")];
        assert!(!p.carry_marks(&marks, 2, &c), "another visit's marks");
        assert!(p.carry_marks(&marks, 1, &c));
        assert_eq!((p.viewed.to_vec(), p.cart.len()), (vec!["y".to_owned()], 0));
        assert!(p.neighbours.get("x").is_none() && p.affinities.is_empty());
        assert_eq!(
            p.choices.len(),
            1,
            "a choice about the interest stays, as in its tab"
        );
        assert_eq!(p.removed, marks);
        assert!(!p.carry_marks(&marks, 1, &c), "held already");
        p.removed = vec![decimal(1); MAX_REMOVALS];
        p.viewed.edit(|l| l.push("z".into()));
        assert!(
            !p.carry_marks(&[removal_key(true, "z")], 1, &c),
            "a full list"
        );
        assert_eq!(p.viewed.len(), 2);
    }

    #[test]
    fn removal_marks_are_hashes_newest_first_and_bounded() {
        assert_eq!(removal_key(true, "x"), removal_key(false, "i:x"));
        assert_ne!(removal_key(true, "x"), removal_key(false, "x"));
        assert!(removal_key(true, "sku-1")
            .bytes()
            .all(|b| b.is_ascii_digit()));
        let mut p = Profile::new(100);
        for i in 0..40 {
            p.mark_removed(&removal_key(true, &i.to_string()));
        }
        let first = removal_key(true, "30");
        p.mark_removed(&first);
        assert_eq!(p.removed.len(), MAX_REMOVALS);
        assert_eq!(p.removed[0], first);
        assert_eq!(p.removed.iter().filter(|&h| *h == first).count(), 1);
    }
}
