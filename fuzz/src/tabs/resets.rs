//! Resets, one after another from different tabs, while other tabs lag behind.
//!
//! Each reset is made by a tab in the latest lineage (it shows the latest profile, as a shopper
//! erasing from the panel), so the lineages form a chain: every operation of an earlier epoch
//! is erased, whichever tab made it and whenever its write arrives. The other tabs need not
//! have caught up: a tab in a long task may miss one reset or several (it is *behind*), go on
//! viewing and searching in its old lineage, write from it, and meet later only the latest
//! reset (a fresh read) or each of them in turn (its queued `storage` events). What a tab
//! behind holds is of starts the resets replaced as the model counts them (`Sim::dead`,
//! uncapped), so whatever it writes late must be recognised as erased, however many resets
//! came since.
//!
//! A window too (README Limitations), run and counted but not checked (`Sim::window`): a tab
//! behind two or more resets that adopts the earlier from its late `storage` event goes on
//! from a start no profile lists as replaced, whose writes tabs past the later reset take in
//! (and adopt its profile once it adopts the later reset); and one that adopts the latest by
//! finding the profile gone starts afresh
//! (the web layer's rule), knowing only that its own start was replaced; a write of the
//! lineage erased in between (a late `storage` event, or a read) looks to it like the write
//! of a tab that adopted the same reset, and it takes it in. Where an open tab knows the later
//! reset, that tab finds its profile stale and it adopts that tab's (`Profile::kinship`); where
//! none does (the resetting tab closed before writing), the erased data stays. And once it
//! closes, its write (a late `storage` event elsewhere) is refused by a tab that knows the
//! later reset, as possibly older than it (`Engine::merge_overwritten`): what it learned
//! after it adopted the reset and only that write held is lost: no rule on what tabs store
//! tells that write from one made before the later reset (RELIABILITY.md, "A closed tab's
//! write after a missed reset").
//!
//! Kept out as well: more starts replaced in all than one profile lists (`MAX_LINEAGE`, its
//! own id and the four latest it replaced; README Limitations). Three tabs opened with nothing
//! stored are three starts, so such scenarios make two resets, and more when tabs share one.
//! Beyond the cap a merged profile may drop the id of the newest replaced start, and a late
//! write of it is merged (found with three first starts and three resets).
//!
//! Kept out, as before, is the documented window (README Limitations, last bullet): a reset
//! is made only when every open tab read or wrote the profile, and each one either shares the
//! resetting tab's start or holds data only of starts earlier resets replaced, and every write
//! a tab may still read holds data of a start the resetting tab holds or of one replaced.

use super::{Kind, Sim, Slot, Tab, MAX_OPS, NOW};
use shelfwise::core::profile::lineage::{Kinship, MAX_LINEAGE};

/// Most resets a scenario makes (the lineage cap below binds first when tabs start apart).
const MAX_RESETS: u32 = 4;

impl Sim {
    /// A reset in tab `t`, when it is in the latest lineage and the other tabs are caught up
    /// with it or behind (module docs).
    pub fn reset(&mut self, t: usize) {
        if self.epoch >= MAX_RESETS || !self.may_reset(t) {
            return;
        }
        let behind = self.tabs.iter().any(|u| u.open && u.epoch < self.epoch);
        self.stats[0] += u32::from(behind);
        for id in &self.tabs[t].starts {
            if !self.dead.contains(id) {
                self.dead.push(id.clone());
            }
        }
        self.epoch += 1;
        let tab = &mut self.tabs[t];
        tab.engine.reset(NOW);
        tab.engine.mark_saved();
        tab.whole = true;
        tab.epoch = self.epoch;
        tab.seen = false;
        tab.starts = vec![tab.engine.profile().lineage().to_owned()];
        self.record(t, Kind::Reset);
        // Erased operations count as known: nothing before the reset matters any more.
        let all = u128::MAX >> (MAX_OPS - self.ops.len());
        self.tabs[t].know = all;
        self.tabs[t].holds = all;
        self.writes.push(Slot {
            profile: None,
            epoch: self.epoch,
            know: all,
            holds: all,
            starts: Vec::new(),
        });
        self.notify(t);
        self.tabs[t].view = self.writes.len() - 1;
        self.tabs[t].written = 0;
    }

    /// Whether tab `t` may reset now (module docs).
    fn may_reset(&self, t: usize) -> bool {
        let start = self.tabs[t].engine.profile().lineage();
        let caught_up = |u: &Tab| u.epoch == self.epoch && u.engine.profile().lineage() == start;
        let behind = |u: &Tab| u.epoch < self.epoch && self.only_dead(&u.starts);
        // Every start replaced so far, and the new one, fit in one profile's lineage ids.
        let mut replaced = self.dead.clone();
        replaced.extend(
            self.tabs[t]
                .starts
                .iter()
                .filter(|id| !self.dead.contains(id))
                .cloned(),
        );
        self.tabs[t].epoch == self.epoch
            && replaced.len() < MAX_LINEAGE
            && (self.tabs.iter().filter(|u| u.open)).all(|u| u.seen && (caught_up(u) || behind(u)))
            && self.writes_share_start(t)
    }

    /// Whether `starts` names only starts earlier resets replaced (and at least one).
    fn only_dead(&self, starts: &[String]) -> bool {
        !starts.is_empty() && starts.iter().all(|id| self.dead.contains(id))
    }

    /// Whether every write an open tab may still read (the one its view shows, those of its
    /// pending `storage` events) holds data of a start tab `t`'s profile holds data of (its
    /// own, or one a merge left in it: the model's, not the engine's `ra`), or of one it
    /// replaced, or only of starts earlier resets replaced. Otherwise the reset would meet the
    /// documented window (README Limitations): a write of a start the resetting tab never held
    /// (a tab that started with nothing stored and wrote before reading) is merged by it; the
    /// web layer's rule for a reset's `storage` event, which then writes the writing tab's new
    /// profile over that write, is not driven here.
    fn writes_share_start(&self, t: usize) -> bool {
        let (mine, starts) = (self.tabs[t].engine.profile(), &self.tabs[t].starts);
        let shares = |i: &usize| {
            let slot = &self.writes[*i];
            slot.profile.as_ref().is_none_or(|theirs| {
                theirs.lineage() == mine.lineage()
                    || mine.kinship(theirs) == Kinship::Stale
                    || slot.starts.iter().any(|id| starts.contains(id))
                    || self.only_dead(&slot.starts)
            })
        };
        (self.tabs.iter().filter(|u| u.open))
            .all(|u| shares(&u.view) && u.events.iter().all(shares))
    }
}
