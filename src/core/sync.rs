//! Many tabs, one profile: merging this tab's events into what other tabs stored.
//!
//! localStorage is shared by every tab of the shop, and tabs write it without locks. A tab that
//! simply wrote its own profile would erase what another tab learned meanwhile. Instead, each
//! engine instance is a *writer* (a random id) that numbers its events and keeps the most recent
//! ones in a small [`Journal`]. Before writing, a tab reads what is stored and *replays* onto
//! it its own events that the stored profile does not hold yet (the stored
//! [writer marks](crate::core::profile::writers) say which). So:
//!
//! - every event counts once: a stored profile holds a writer's events 1..=seq and replay adds
//!   only those after `seq`;
//! - a write that another tab overwrote from a stale read is repaired: the next merge sees the
//!   writer's mark fall behind and replays the missing events from the journal;
//! - everything a profile learns through [`Profile::learn`] merges this way with no extra code.
//!   A field a later schema adds that is *not* updated by `learn` (a cache, say) takes the
//!   stored value; decide its rule in [`merge`].
//!
//! Limits (documented in RELIABILITY.md): the journal holds the last [`JOURNAL_EVENTS`] events
//! (and [`JOURNAL_ITEMS`] items); a tab asks to be synced once half of that is unwritten, so a
//! lost write can be repaired as long as it is among those.

mod replay;

use crate::core::config::Config;
use crate::core::event::Event;
use crate::core::profile::Profile;
use crate::core::time::Minutes;

pub use replay::Op;

/// Most events the journal keeps for replay.
pub const JOURNAL_EVENTS: usize = 192;
/// Most items (summed over events) the journal keeps, so hostile 200-item events cannot make it
/// large.
pub const JOURNAL_ITEMS: usize = 512;

/// One journaled change: its number, the minute it was made at and the change.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    seq: u32,
    at: Minutes,
    items: usize,
    /// Boxed: forgetting the oldest entry moves the ones after it, a few bytes each.
    op: Box<Op>,
}

/// This writer's recent events, numbered, for replay onto stored profiles.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    writer: u32,
    seq: u32,
    entries: Vec<Entry>,
    items: usize,
    unsynced_events: usize,
    unsynced_items: usize,
    /// Removals this tab knows of (marks, [`crate::core::profile::erased`]) and the number
    /// of its latest change made before it knew: replay keeps what those changes would learn
    /// about the removed item or interest out ([`replay`]).
    known: Vec<(String, u32)>,
    /// The latest turn of each choice this tab has seen ([`crate::core::profile::turns`]).
    turns: Vec<String>,
    /// The number of the last change a reset erased: none up to it is missing anywhere.
    cleared: u32,
}

fn item_count(event: &Event) -> usize {
    match event {
        Event::ViewItemList(items)
        | Event::AddToCart(items)
        | Event::RemoveFromCart(items)
        | Event::Purchase(items, _) => items.len().max(1),
        Event::Search { results, .. } => 1 + results.len() / 8,
        Event::ViewItem(_) | Event::SelectItem(_) | Event::Dwell { .. } => 1,
    }
}

impl Journal {
    /// An empty journal for `writer` (0 is replaced by 1: 0 means "no writer").
    pub fn new(writer: u32) -> Journal {
        Journal {
            writer: writer.max(1),
            seq: 0,
            entries: Vec::new(),
            items: 0,
            unsynced_events: 0,
            unsynced_items: 0,
            known: Vec::new(),
            turns: Vec::new(),
            cleared: 0,
        }
    }

    /// This writer's id.
    pub fn writer(&self) -> u32 {
        self.writer
    }

    /// Number of the latest recorded event (0 before the first).
    pub fn seq(&self) -> u32 {
        self.seq
    }

    /// Events currently kept for replay.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no event is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Numbers and keeps `event` (learned at minute `at`), forgetting the oldest beyond the caps.
    /// Takes the event by value: the journal is the last owner, so nothing is copied.
    pub fn record(&mut self, event: Event, at: Minutes) {
        let items = item_count(&event);
        self.record_op(Op::Learn(event), items, at);
    }

    /// [`Journal::record`] for any change: `items` counts toward [`JOURNAL_ITEMS`].
    fn record_op(&mut self, op: Op, items: usize, at: Minutes) {
        self.seq = self.seq.saturating_add(1);
        self.entries.push(Entry {
            seq: self.seq,
            at,
            items,
            op: Box::new(op),
        });
        self.items += items;
        self.unsynced_events += 1;
        self.unsynced_items += items;
        let mut drop = 0;
        let (mut count, mut total) = (self.entries.len(), self.items);
        for old in &self.entries {
            if count <= JOURNAL_EVENTS && total <= JOURNAL_ITEMS {
                break;
            }
            count -= 1;
            total = total.saturating_sub(old.items);
            drop += 1;
        }
        self.entries.drain(..drop);
        self.items = total;
    }

    /// True once half the journal has not been written: the caller should merge and write now,
    /// so replay can still repair a lost write.
    pub fn wants_sync(&self) -> bool {
        self.unsynced_events >= JOURNAL_EVENTS / 2 || self.unsynced_items >= JOURNAL_ITEMS / 2
    }

    /// Records that everything so far has been written.
    pub fn mark_written(&mut self) {
        self.unsynced_events = 0;
        self.unsynced_items = 0;
    }

    /// Forgets every kept event (after a reset: nothing from before may come back).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.items = 0;
        self.known.clear();
        self.turns.clear();
        self.cleared = self.seq;
        self.mark_written();
    }

    /// How many of this writer's events `stored` lacks that the journal no longer has (more
    /// were learned than it keeps since `stored` took this writer's events).
    pub fn gap(&self, stored: &Profile) -> u32 {
        let held = stored.writer_seq(self.writer).max(self.cleared);
        let oldest = self
            .entries
            .first()
            .map_or(self.seq.saturating_add(1), |e| e.seq);
        if held >= self.seq {
            0
        } else {
            oldest.saturating_sub(held.saturating_add(1))
        }
    }
}

/// What a merge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    /// This tab's events replayed onto the stored profile.
    pub replayed: usize,
    /// True when this tab's own profile was kept: it wrote the stored profile last and has since
    /// learned more than the journal holds (storage was full, say), so it holds all of it.
    pub kept_local: bool,
    /// This tab's events the stored profile lacked and the journal no longer had: another tab
    /// overwrote them and this tab learned more than the journal keeps before it could repair
    /// that. Zero unless writes are lost for a long time.
    pub lost: u32,
}

/// Merges this tab's events into `stored` (a profile read from storage and restored), given
/// `local`, this tab's profile (taken, not copied). Returns the profile to keep and write.
///
/// Pure: the same inputs give the same output. Each of the writer's events ends up counted
/// exactly once as long as the journal still holds the ones `stored` lacks. When it does not
/// and this tab wrote `stored` itself, `local` holds everything and is kept (newest state wins);
/// when another tab wrote it, the journal's events are replayed and the older ones reported in
/// [`Merged::lost`] (so tabs never overwrite each other back and forth).
pub fn merge(
    stored: Profile,
    local: Profile,
    journal: &Journal,
    config: &Config,
) -> (Profile, Merged) {
    let gap = journal.gap(&stored);
    if gap > 0 && stored.last_writer() == Some(journal.writer) {
        let mut kept = local;
        kept.mark_writer(journal.writer, journal.seq);
        let merged = Merged {
            replayed: 0,
            kept_local: true,
            lost: 0,
        };
        return (kept, merged);
    }
    let held = stored.writer_seq(journal.writer);
    let mut merged = stored;
    let mut replayed = 0;
    // A paused tab journals nothing: every journaled event was learned here while not
    // paused, so it counts even where the stored profile is paused (this tab's own resume
    // not yet written, or another tab's pause that reached this tab only later).
    let paused = std::mem::replace(&mut merged.paused, false);
    for e in journal.entries.iter().filter(|e| e.seq > held) {
        journal.replay(&mut merged, e, config);
        replayed += 1;
    }
    merged.paused = paused;
    if replayed > 0 {
        merged.mark_writer(journal.writer, journal.seq);
    }
    (
        merged,
        Merged {
            replayed,
            kept_local: false,
            lost: gap,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::item::Item;

    fn view(id: &str) -> Event {
        Event::ViewItem(Item::with_id(id))
    }

    #[test]
    fn the_journal_is_bounded_by_events_and_items() {
        let mut j = Journal::new(0);
        assert_eq!(j.writer(), 1, "0 is not a writer id");
        let recorded = JOURNAL_EVENTS + 36;
        for i in 0..recorded {
            j.record(view(&i.to_string()), 5);
        }
        assert_eq!((j.len(), j.seq() as usize), (JOURNAL_EVENTS, recorded));
        let big = Event::ViewItemList((0..200).map(|i| Item::with_id(i.to_string())).collect());
        for _ in 0..3 {
            j.record(big.clone(), 5);
        }
        assert!(j.items <= JOURNAL_ITEMS, "{}", j.items);
        assert_eq!(j.len(), 2, "two 200-item events fit in 512 items");
        assert!(j.wants_sync());
        j.mark_written();
        assert!(!j.wants_sync());
        j.clear();
        assert!(j.is_empty());
    }

    #[test]
    fn replay_adds_only_what_the_stored_profile_lacks() {
        let config = Config::default();
        let mut j = Journal::new(9);
        let mut local = Profile::new(5);
        for id in ["a", "b", "c"] {
            local.learn(&view(id), &config, 5);
            j.record(view(id), 5);
        }
        // Stored holds this writer's first event only (and another writer's).
        let mut stored = Profile::new(5);
        stored.learn(&view("a"), &config, 5);
        stored.learn(&view("x"), &config, 5);
        stored.mark_writer(9, 1);
        stored.mark_writer(4, 1);
        let (merged, m) = merge(stored, local, &j, &config);
        assert_eq!((m.replayed, m.kept_local, m.lost), (2, false, 0));
        assert_eq!(merged.events, 4);
        assert_eq!(merged.viewed, vec!["c", "b", "x", "a"]);
        assert_eq!(merged.writer_seq(9), 3);
        assert_eq!(merged.last_writer(), Some(9));
        // Merging the result again adds nothing.
        let (again, m) = merge(merged.clone(), Profile::new(5), &j, &config);
        assert_eq!(m.replayed, 0);
        assert_eq!(again, merged);
    }
}
