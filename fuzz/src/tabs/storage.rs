//! The tabs' reads and writes of the simulated storage, as the web layer does them
//! (`src/web/tabs.rs`): merge what is stored (nothing when it is this tab's own last write),
//! write when the merge leaves the engine dirty. A fresh read is also what a tab in a long
//! task sees afterwards; `storage` events with their values are in `events.rs`.

use super::{Sim, Slot, NOW};
use crate::check_size;
use shelfwise::core::profile::lineage::Kinship;

impl Sim {
    /// Tab `t` reads storage through its view (`fresh`: as it is now: a storage event or a
    /// read), merges, and writes if it must. Returns whether it wrote.
    pub fn flush(&mut self, t: usize, fresh: bool) -> bool {
        if !self.tabs[t].open {
            return false;
        }
        self.tabs[t].whole = false;
        let latest = self.writes.len() - 1;
        let tab = &mut self.tabs[t];
        if fresh {
            tab.view = latest;
        }
        let slot = self.writes[tab.view].clone();
        if tab.view == tab.written && tab.written > 0 {
            // Its own last write (no other tab wrote since): kept as it is, not read back.
            assert!(tab.engine.merge_stored(None, NOW).is_ok());
            return self.write(t);
        }
        let Some(stored) = slot.profile else {
            if tab.seen {
                // The web layer: a profile read or written here is gone, a reset elsewhere.
                self.adopt(t, &slot, false);
                return false;
            }
            assert!(tab.engine.merge_stored(None, NOW).is_ok());
            return self.write(t);
        };
        let kinship = tab.engine.profile().kinship(&stored);
        self.stats[1] += u32::from(slot.epoch > tab.epoch + 1);
        self.stats[2] += u32::from(slot.epoch < tab.epoch);
        self.window |= tab.skipped && slot.epoch < tab.epoch && kinship == Kinship::Merge;
        if tab.engine.merge_stored(Some(stored), NOW).is_err() {
            panic!("a stored profile was refused");
        }
        tab.seen = true;
        match kinship {
            Kinship::Stale => {}
            Kinship::Replaced => {
                tab.skipped = false;
                (tab.epoch, tab.know) = (slot.epoch, tab.know | slot.know);
                tab.starts = slot.starts;
            }
            Kinship::Merge => {
                tab.know |= slot.know;
                for id in slot.starts {
                    if !tab.starts.contains(&id) {
                        tab.starts.push(id);
                    }
                }
            }
        }
        self.tabs[t].holds = self.holds_after(t, kinship, slot.holds);
        self.write(t)
    }

    /// Tab `t` adopts the reset that removed the key (`slot`), as the web layer does: it
    /// starts afresh, knowing only that its own start (and those in its `ra`) was replaced;
    /// `over_own`: from its `storage` event, over its own write (`Engine::reset_event`).
    pub(super) fn adopt(&mut self, t: usize, slot: &Slot, over_own: bool) {
        let tab = &mut self.tabs[t];
        self.stats[1] += u32::from(slot.epoch > tab.epoch + 1);
        tab.skipped = slot.epoch > tab.epoch + 1;
        assert!(tab.engine.reset_event(None, over_own, NOW));
        tab.starts = vec![tab.engine.profile().lineage().to_owned()];
        (tab.seen, tab.epoch, tab.know) = (false, slot.epoch, tab.know | slot.know);
        (tab.holds, tab.whole) = (slot.holds, true);
    }

    /// Tab `t` writes its profile if it changed (its kept size figures checked first).
    pub(super) fn write(&mut self, t: usize) -> bool {
        let tab = &mut self.tabs[t];
        if !tab.engine.is_dirty() {
            return false;
        }
        check_size(tab.engine.profile());
        let profile = Some(tab.engine.profile().clone());
        self.writes.push(Slot {
            profile,
            epoch: tab.epoch,
            know: tab.know,
            holds: tab.holds,
            starts: tab.starts.clone(),
        });
        tab.view = self.writes.len() - 1;
        tab.written = tab.view;
        tab.seen = true;
        tab.engine.mark_saved();
        self.published |= tab.holds;
        self.notify(t);
        true
    }

    /// Every tab writes what it holds, then storage events until no tab writes any more.
    pub fn settle(&mut self) {
        for t in 0..self.tabs.len() {
            self.flush(t, false);
        }
        for _ in 0..12 {
            let mut wrote = self.deliver_all();
            for t in 0..self.tabs.len() {
                wrote |= self.flush(t, true);
            }
            if !wrote {
                return;
            }
        }
        panic!("tabs did not settle");
    }
}
