//! Many tabs: this engine's writer id and journal, and the merge with what other tabs stored
//! (the rule itself is [`crate::core::sync`]).

use super::*;
use crate::core::profile::lineage::{join_lineage, Kinship, Lineage};

impl Engine {
    /// Sets this engine's writer id (random per page, never 0), which tells its events apart
    /// from other tabs' in a shared stored profile. Call it before tracking: it starts a new
    /// journal.
    pub fn set_writer(&mut self, writer: u32) {
        self.journal = Journal::new(writer);
        // A profile started here (nothing stored yet) gets its own lineage.
        let id = self.next_lineage();
        self.profile.first_lineage(id);
    }

    /// This engine's writer id.
    pub fn writer(&self) -> u32 {
        self.journal.writer()
    }

    /// True when enough events are unwritten that the caller should merge and write now
    /// (see [`crate::core::sync`]).
    pub fn wants_sync(&self) -> bool {
        self.journal.wants_sync()
    }

    /// Merges what is stored (`None` when nothing is) with this tab's events, before writing
    /// or when another tab wrote. Afterwards the engine holds the merged profile, and
    /// [`Engine::is_dirty`] says whether it has to be written. On error (stored data of a
    /// newer schema or without one) the engine is unchanged; the caller may back the data up
    /// and merge with `None`.
    pub fn merge_stored(
        &mut self,
        stored: Option<Profile>,
        now_ms: f64,
    ) -> Result<Merged, CoreError> {
        let now = minutes_from_ms(now_ms);
        let stored = match stored {
            Some(mut replaced) if self.edits.whole() => {
                if self.edits.imported() {
                    // The import replaces what is stored, events other tabs wrote into it
                    // included: their writer marks go on, so they replay only later events.
                    // It goes on from the stored profile's start, unless that one is stale.
                    // It holds that profile's other starts too (a reset replaces them).
                    // Swapped, not taken and assigned: this tab's old lists go into
                    // `replaced`, which is then dropped whole (no drop call for each).
                    let p = &mut self.profile;
                    if p.kinship(&replaced) != Kinship::Stale {
                        std::mem::swap(&mut p.lineage, &mut replaced.lineage);
                        join_lineage(&mut p.lineage.ids, &replaced.lineage.ids, false);
                    }
                    std::mem::swap(&mut p.writers, &mut replaced.writers);
                    self.profile.clean_writers();
                } else {
                    // A reset written over another start replaces that one too, and the
                    // starts whose data it held.
                    (self.profile).replace_start(&replaced.lineage);
                }
                None
            }
            other => other,
        };
        let Some(mut stored) = stored else {
            if !self.edits.is_empty() {
                self.dirty = true;
            }
            self.mark_own_events();
            return Ok(Merged {
                replayed: 0,
                kept_local: true,
                lost: 0,
            });
        };
        stored.repair(&self.config, now)?;
        match self.profile.kinship(&stored) {
            Kinship::Merge => {}
            Kinship::Stale => {
                // Written from data older than a reset this tab made or adopted: this tab
                // writes its own profile again (erase means erase), marked as holding this
                // tab's events, or it would replay them into it later.
                self.mark_own_events();
                self.dirty = true;
                return Ok(Merged {
                    replayed: 0,
                    kept_local: true,
                    lost: 0,
                });
            }
            Kinship::Replaced => {
                // A reset elsewhere: what this tab learned before it knew goes (erase wins).
                self.journal.clear();
                self.edits.clear();
                // What this tab learns from now on, it learns knowing of its removals.
                self.journal.learn_removals(&stored);
                self.profile = stored;
                self.rankings.clear();
                self.dirty = false;
                return Ok(Merged {
                    replayed: 0,
                    kept_local: false,
                    lost: 0,
                });
            }
        }
        self.journal.learn_removals(&stored);
        let theirs = std::mem::take(&mut stored.lineage);
        let mut local = std::mem::take(&mut self.profile);
        let mine = std::mem::take(&mut local.lineage);
        let moments = self.edits.moments().then(|| local.moments.clone());
        let pause = (local.pause_turn, local.paused);
        // Removals this tab knows of that the stored profile lost (a tab wrote over them from
        // older data) apply to it again, before this tab's changes are replayed: what this tab
        // learned after it knew of them (the item viewed again) stays.
        self.journal.carry_search_terms(&mut stored, local.visits);
        let carried = stored.carry_marks(&local.removed, local.visits, &self.config);
        // And the later choices it holds, each in its turn.
        let carried = stored.carry_turns(&local) | carried;
        let (mut profile, merged) = sync::merge(stored, local, &self.journal, &self.config);
        let mut paused_here = false;
        if !merged.kept_local {
            // The stored profile plus this tab's events: this tab's edits go on top, and its
            // pause or resume when it is the later one.
            self.edits.apply(&mut profile, moments, &self.config, now);
            paused_here = profile.keep_later_pause(pause.0, pause.1);
        }
        // The kept profile's start goes on; what either start replaced stays replaced, and
        // the other start is one it holds data of.
        let (kept, other) = match merged.kept_local {
            true => (mine, theirs),
            false => (theirs, mine),
        };
        profile.lineage = kept;
        profile.join_start(&other);
        self.profile = profile;
        self.dirty = merged.replayed > 0
            || merged.kept_local
            || !self.edits.is_empty()
            || paused_here
            || carried;
        Ok(merged)
    }

    /// Takes in `written`, a profile another tab wrote that a later write overwrote before
    /// this tab merged it (its `storage` event arrives when what is stored is newer: this
    /// tab's own write from older data, say). Returns whether the profile changed; the caller
    /// then merges what is stored now and writes, as after any `storage` event.
    ///
    /// When `written` holds changes this profile lacks (a writer mark ahead) and this profile
    /// holds nothing `written` lacks but this tab's own changes, which the journal still
    /// holds (the usual race: this tab read the profile before that write landed and wrote
    /// after it), this tab's changes are replayed onto `written`, as onto a stored profile:
    /// nothing of either is lost, and the removals, choices and events of a tab that closed
    /// since come back. Otherwise (a third tab's changes on both sides) only its removal marks
    /// and later choice turns are applied ([`Profile::carry_marks`], [`Profile::carry_turns`]).
    /// Its pause or resume holds in either case when it is the later one
    /// ([`Profile::keep_later_pause`]). Resets are left to the lineage rules; a write of
    /// another start (its tab had read nothing yet) is taken in only when it lists as replaced
    /// the start this profile's latest reset replaced ([`Profile::knows_resets_of`]), and then
    /// this tab's start stays.
    pub fn merge_overwritten(&mut self, mut written: Profile, now_ms: f64) -> bool {
        if written
            .repair(&self.config, minutes_from_ms(now_ms))
            .is_err()
        {
            return false;
        }
        // Of another start (its tab had read nothing yet, and this tab may have taken its
        // start since), it may be older than a reset this tab knows of, which replaced the
        // start this tab had then, not that one: taken in only when it knows the latest.
        let other = written.lineage() != self.profile.lineage();
        let older = other && !written.knows_resets_of(&self.profile);
        if self.edits.whole() || self.profile.kinship(&written) != Kinship::Merge || older {
            return false;
        }
        // A later pause or resume (not journaled: no writer mark says so) holds in any case.
        let paused = (self.profile).keep_later_pause(written.pause_turn, written.paused);
        self.dirty |= paused;
        let (me, mine) = (self.journal.writer(), &self.profile);
        let ahead = |a: &Profile, b: &Profile, skip: u32| {
            a.writers
                .iter()
                .any(|m| m.0 != skip && m.1 > b.writer_seq(m.0))
        };
        if !ahead(&written, mine, 0) {
            return paused;
        }
        if !ahead(mine, &written, me) && self.journal.gap(&written) == 0 {
            // This tab's moments state (trigger caps, answers) stays, as it was written.
            // Restored twice: this path is rare, one merge is less code.
            self.edit(super::edits::Edit::Moments);
            // An older write than this tab holds: this tab's start goes on (one a later reset
            // elsewhere replaces; `written`'s may be one this tab's replaced long ago).
            let start = self.profile.lineage.ids.clone();
            let merged = self.merge_stored(Some(written), now_ms).is_ok();
            let ids = std::mem::replace(&mut self.profile.lineage.ids, start);
            (self.profile).join_start(&Lineage {
                ids,
                starts: Vec::new(),
            });
            return merged;
        }
        self.journal.learn_removals(&written);
        let carried = self
            .profile
            .carry_marks(&written.removed, written.visits, &self.config)
            | self.profile.carry_turns(&written);
        if carried {
            // Its choices are data of its start (and of those it holds): a reset replaces them.
            (self.profile).join_start(&written.lineage);
        }
        self.dirty |= carried;
        carried || paused
    }

    /// A reset made in another tab, reported by its `storage` event (the key removed; `old`:
    /// the profile its `oldValue` held, if it reads as one). Returns false, changing nothing,
    /// when this tab already went on from that reset ([`Lineage::went_past_reset_of`]: it read
    /// a write made after it): the event is only a read. Otherwise adopts it: this tab's
    /// profile and unwritten changes go (erase wins). `over_own`: what is stored now is this
    /// tab's own write, made after that reset from the profile as it was (it would bring the
    /// erased data back); the new profile is then left to be written over it
    /// ([`Engine::is_dirty`]) instead of the key being removed. It replaces the erased start,
    /// so no tab takes it for another reset: a tab that made or adopted the reset, whose write
    /// that stale one overwrote, merges it and replays its own changes onto it (finding the
    /// key gone, it would adopt that as a reset and lose them).
    pub fn reset_event(&mut self, old: Option<&Profile>, over_own: bool, now_ms: f64) -> bool {
        if old.is_some_and(|p| self.profile.lineage.went_past_reset_of(&p.lineage)) {
            return false;
        }
        self.reset(now_ms);
        if !over_own {
            self.mark_saved();
        }
        true
    }

    /// Marks this tab's profile as holding every event this tab learned.
    fn mark_own_events(&mut self) {
        if self.journal.seq() > 0 {
            self.profile
                .mark_writer(self.journal.writer(), self.journal.seq());
        }
    }

    /// Prunes the profile's weakest signals until it serializes to at most `max_bytes` (used
    /// when storage is full: a smaller profile that is stored beats a larger one that is not).
    pub fn shrink_to(&mut self, max_bytes: usize, now_ms: f64) {
        let now = minutes_from_ms(now_ms);
        let config = &self.config;
        budget::prune_to(&mut self.profile, max_bytes, |a| strength(a, config, now));
        self.dirty = true;
    }
}
