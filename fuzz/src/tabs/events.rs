//! `storage` events that carry the value written, handled as `src/web/tabs.rs`
//! `on_storage_event` does, and tabs that close; and what each profile holds.
//!
//! `holds` (one bit per operation, like `know`) follows the documented merge rules for the
//! changes a merge can drop, views and choices: a merge keeps what the stored profile holds,
//! the tab's own changes (its journal replays them) and the rest (removal marks and choices
//! are carried, each choice in its turn, the later pause kept, neighbour lists are a cache);
//! another tab's view the stored profile lacks goes. A taken-in overwritten write
//! (`Engine::merge_overwritten`) brings back everything it holds when it holds changes the
//! tab lacks (a writer mark ahead) and the tab holds nothing it lacks but its own changes;
//! otherwise only its removal marks and choices.
//!
//! A reset's event is adopted unless the tab went on from that reset (the web layer's
//! `Lineage::went_past_reset_of` on the event's `oldValue`, here the write before the
//! removal); a tab that adopts it writes its new profile over its own write when that is what
//! is stored (made after the reset from older data), a write the other tabs meet as any other
//! (session 14: removing it made a tab that then found the key gone take it for a reset, a
//! window, now checked).

use super::{Kind, Sim};
use shelfwise::core::profile::lineage::Kinship;
use shelfwise::core::Profile;

/// Whether `a` holds changes of a writer other than `skip` that `b` lacks.
fn ahead(a: &Profile, b: &Profile, skip: u32) -> bool {
    (a.writers.iter()).any(|m| m.0 != skip && m.1 > b.writer_seq(m.0))
}

impl Sim {
    /// Whether tab `t` is still open.
    pub fn is_open(&self, t: usize) -> bool {
        self.tabs[t].open
    }

    /// Queues the latest write's `storage` event in every other open tab.
    pub(super) fn notify(&mut self, t: usize) {
        let i = self.writes.len() - 1;
        for (u, tab) in self.tabs.iter_mut().enumerate() {
            if u != t && tab.open {
                tab.events.push(i);
            }
        }
    }

    /// Tab `t` handles its oldest `storage` event: its view shows at least that write. A
    /// value that is no longer what it shows (written over since; not when the key is gone
    /// now) is taken in; then it merges what it shows and writes. A reset's event (no value)
    /// is adopted as the web layer does (`adopt_reset`, whatever is stored now) unless the tab
    /// is in that reset's lineage or a later one already, or its profile went on from that
    /// reset (read a write made after it, the event still queued: `went_past`); then it is a
    /// read. Returns whether
    /// it wrote.
    pub fn deliver(&mut self, t: usize) -> bool {
        if !self.tabs[t].open || self.tabs[t].events.is_empty() {
            return false;
        }
        let i = self.tabs[t].events.remove(0);
        let slot = &self.writes[i];
        if slot.profile.is_none() && slot.epoch > self.tabs[t].epoch && !self.went_past(t, i) {
            // Behind a later reset too, it goes on in a lineage that one erased (`resets.rs`,
            // a window).
            self.window |= slot.epoch < self.epoch;
            let tab = &self.tabs[t];
            let own = tab.written > 0 && tab.written == self.writes.len() - 1;
            self.adopt(t, &slot.clone(), own);
            self.write_over_own(t, own);
        }
        let tab = &mut self.tabs[t];
        tab.view = tab.view.max(i);
        // The web layer compares the stored texts: equal texts are equal profiles.
        let (value, stored) = (&self.writes[i].profile, &self.writes[tab.view].profile);
        // And takes in a value no longer stored only when what is stored does not hold it
        // (`Profile::holds_write`: a later write of it, the event late).
        if let (Some(value), Some(stored)) = (value, stored) {
            if value != stored && !stored.holds_write(value) {
                self.take_in(t, i);
            }
        }
        self.flush(t, false)
    }

    /// Whether the reset of write `i` (the key removed) is one tab `t` already went on from,
    /// as the web layer tells from the event's `oldValue`, the write before it
    /// (`Lineage::went_past_reset_of`): then its event is only a read.
    fn went_past(&self, t: usize, i: usize) -> bool {
        let old = i
            .checked_sub(1)
            .and_then(|j| self.writes[j].profile.as_ref());
        let mine = &self.tabs[t].engine.profile().lineage;
        old.is_some_and(|p| mine.went_past_reset_of(&p.lineage))
    }

    /// After tab `t` adopted a reset from its `storage` event: when what is stored now is its
    /// own write (`own`, made after that reset from the profile as it was), the web layer
    /// writes its new profile over it (`Engine::reset_event`), a write the other tabs meet as
    /// any other. Its write is no longer its own to keep without reading: its profile is new.
    fn write_over_own(&mut self, t: usize, own: bool) {
        self.tabs[t].written = 0;
        if own {
            assert!(self.write(t), "the new profile was not written");
            self.tabs[t].whole = false;
        }
    }

    /// Every open tab handles all its `storage` events. Returns whether any wrote.
    pub fn deliver_all(&mut self) -> bool {
        let mut wrote = false;
        for t in 0..self.tabs.len() {
            while !self.tabs[t].events.is_empty() {
                wrote |= self.deliver(t);
            }
        }
        wrote
    }

    /// Tab `t` writes on leaving (through its view, which may be stale), and is gone with its
    /// journal and its `storage` events. The last open tab stays; a tab closes only when
    /// every open tab adopted the last reset (a reset's `storage` event is delivered as a
    /// read here, not by the web layer's rules for it).
    pub fn close(&mut self, t: usize) {
        let open = self.tabs.iter().filter(|u| u.open).count();
        let adopted = (self.tabs.iter()).all(|u| !u.open || u.epoch == self.epoch);
        if !self.tabs[t].open || open < 2 || !adopted {
            return;
        }
        self.flush(t, false);
        // Its write may be refused where the latest reset is known (`resets.rs`, a window).
        self.window |= self.tabs[t].skipped;
        let tab = &mut self.tabs[t];
        tab.open = false;
        tab.events.clear();
    }

    /// Whether tab `t` shows `sign` as the choice about `key` already: choosing it again is
    /// no change (nothing journaled), and a closed tab's choice it repeats stays that tab's.
    pub(super) fn repeats(&self, t: usize, key: &str, sign: i8) -> bool {
        let choices = &self.tabs[t].engine.profile().choices;
        choices.iter().find(|c| c.0 == key).map_or(0, |c| c.1) == sign
    }

    /// `Engine::merge_overwritten` with write `i`, and what the tab then knows and holds.
    fn take_in(&mut self, t: usize, i: usize) {
        let slot = self.writes[i].clone();
        let Some(written) = slot.profile else {
            return;
        };
        let tab = &self.tabs[t];
        self.stats[2] += u32::from(slot.epoch < tab.epoch);
        self.window |= tab.skipped && slot.epoch < tab.epoch;
        let after = self.holds_after(t, Kinship::Merge, slot.holds);
        let choices = self.choices_mask();
        let tab = &mut self.tabs[t];
        let (mine, me) = (tab.engine.profile(), tab.engine.writer());
        let merge = slot.epoch == tab.epoch && !tab.whole;
        let whole = merge && ahead(&written, mine, 0) && !ahead(mine, &written, me);
        tab.engine.merge_overwritten(written, super::NOW);
        if merge {
            tab.know |= slot.know;
        }
        if whole {
            tab.holds = after;
        } else if merge {
            tab.holds |= slot.holds & choices;
        }
    }

    /// The choices among the operations.
    fn choices_mask(&self) -> u128 {
        let mut mask = 0;
        for (i, o) in self.ops.iter().enumerate() {
            if matches!(o.kind, Kind::Choose { .. }) {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// What tab `t`'s profile holds after merging a stored profile that holds `stored`.
    pub(super) fn holds_after(&self, t: usize, kinship: Kinship, stored: u128) -> u128 {
        let tab = &self.tabs[t];
        match kinship {
            Kinship::Stale => tab.holds,
            Kinship::Replaced => stored,
            Kinship::Merge => {
                let mut lost = 0;
                for (i, o) in self.ops.iter().enumerate() {
                    // Choices are carried, each in its turn (`Profile::carry_turns`).
                    let event = matches!(o.kind, Kind::View { .. } | Kind::Search { .. });
                    if event && o.tab != t {
                        lost |= 1 << i;
                    }
                }
                stored | (tab.holds & !lost)
            }
        }
    }
}
