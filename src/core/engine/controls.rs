//! The shopper's controls: consent, explicit choices, removal of single interests or items,
//! pause, and import of an exported profile.

use super::*;

impl Engine {
    /// The consent mode in effect.
    pub fn consent(&self) -> Consent {
        self.consent
    }

    /// True when rankings may depart from the server's order: consent allows it and the
    /// shopper has not paused personalization.
    pub fn personalizing(&self) -> bool {
        self.consent.may_personalize() && !self.profile.paused
    }

    /// Changes the consent mode and says what storage must do. `denied` also forgets what was
    /// learned in memory (the profile, and the journal and edits a merge would replay);
    /// granting marks the profile for writing (after the caller folds in any
    /// stored profile with [`Engine::absorb_stored`]).
    pub fn set_consent(&mut self, to: Consent, now_ms: f64) -> StorageAction {
        let action = self.consent.change_to(to);
        self.consent = to;
        if action == StorageAction::Erase {
            // What was stored is erased: whatever a tab writes from it later is stale (of its
            // start or of one a merge left in it, which the new start replaces before the
            // profile is cleared).
            let id = self.next_lineage();
            self.profile.start_lineage(id);
        }
        match to {
            Consent::Denied => {
                let ids = std::mem::take(&mut self.profile.lineage.ids);
                self.profile = Profile::new(minutes_from_ms(now_ms));
                self.profile.lineage.ids = ids;
                self.rankings.clear();
                // Nor may a merge after consent is given again replay or re-apply them.
                self.journal.clear();
                self.edits.clear();
                self.dirty = false;
            }
            Consent::Granted => self.dirty |= action == StorageAction::Persist,
            Consent::Pending => {
                if action == StorageAction::Erase {
                    self.keep_only_this_page(minutes_from_ms(now_ms));
                }
                self.dirty = false;
            }
        }
        action
    }

    /// On withdrawal: what was read from storage is erased there, so memory keeps only what
    /// this page learned (its journal replayed onto a new profile), as when the page starts in
    /// `pending`. Otherwise consent given again would write the erased history back. The
    /// profile's starts stay (a tab writing from the erased data is stale), and so does the
    /// holdout draw, which is not about the shopper (as on reset).
    fn keep_only_this_page(&mut self, now: Minutes) {
        let mut fresh = Profile::new(now);
        fresh.lineage.ids = std::mem::take(&mut self.profile.lineage.ids);
        fresh.moments.draw = self.profile.moments.draw;
        let local = std::mem::take(&mut self.profile);
        self.profile = crate::core::sync::merge(fresh, local, &self.journal, &self.config).0;
        self.rankings.clear();
    }

    /// Folds what this page learned into a profile read from storage (on consent given
    /// mid-visit). A stored profile that fails [`Profile::restore`] is ignored.
    pub fn absorb_stored(&mut self, mut merged: Profile, now_ms: f64) {
        let now = minutes_from_ms(now_ms);
        if merged.repair(&self.config, now).is_ok() {
            merged.absorb(&self.profile, &self.config, now);
            self.profile = merged;
            self.dirty = true;
        }
    }

    /// Replaces the profile with an exported one (checked and repaired like stored data) and
    /// marks it for writing. Returns whether anything had to be repaired. Refused while consent
    /// is `denied`, when the engine holds no profile at all.
    pub fn import(&mut self, exported: Profile, now_ms: f64) -> Result<bool, CoreError> {
        if !self.consent.may_learn() {
            return Err(CoreError::new(
                ErrorKind::Invalid,
                "consent",
                "is denied: a profile cannot be imported",
            ));
        }
        let turn = self.profile.pause_turn;
        let lineage = self.profile.lineage.clone();
        let repaired = self.restore(exported, now_ms)?;
        // Not a reset: the profile goes on from the same start (an export may come from one a
        // reset replaced since, which other tabs would take for stale data).
        let p = &mut self.profile;
        p.lineage = lineage;
        // The imported pause setting is the shopper's latest choice: it must win every merge.
        p.pause_turn = p.pause_turn.max(turn).saturating_add(1);
        self.replace_whole();
        self.edits.import();
        Ok(repaired)
    }

    /// Records "more like this" (`sign` 1), "not interested" (-1) or no choice (0) about
    /// `target`; `field` names the argument in errors.
    pub fn choose(
        &mut self,
        target: &ChoiceTarget,
        sign: i8,
        field: &str,
        now_ms: f64,
    ) -> Result<(), CoreError> {
        let key = target.key(field)?;
        if !self.consent.may_learn() {
            return Ok(());
        }
        let now = minutes_from_ms(now_ms);
        self.profile.choose(&key, sign, now);
        // Journaled, as the key's next turn, even when this profile held that sign already
        // (it may show it from a write older than another tab's change): replayed in its
        // place if another tab writes over it from older data, and never over a later turn.
        let hash = crate::core::profile::turns::choice_hash(&key);
        let turn = next_mark(
            &hash,
            self.profile.choice_turn(&hash),
            self.journal.known_turn(&hash),
        );
        self.profile.mark_turn(&turn);
        self.journal.record_choice(&key, sign, turn, now);
        self.dirty = true;
        Ok(())
    }

    /// Removes one interest by key (in any case); returns whether it was held. Marked removed
    /// either way (see [`crate::core::profile::erased`]), so another tab's older events cannot
    /// bring it back.
    /// A search's key (`s:<text>`, in any case) removes that search, as
    /// [`Engine::remove_search`] does, under the same mark.
    pub fn remove_interest(&mut self, key: &str) -> bool {
        match key.strip_prefix("s:") {
            Some(text) => self.remove_search(text),
            None => self.remove_key(key),
        }
    }

    /// Removes the interest (or search) `key`, in any case, as the profile holds it (case
    /// folded: `c:Кроссовки` removes `c:кроссовки`), and marks that key removed.
    fn remove_key(&mut self, key: &str) -> bool {
        let key = crate::core::facet::lower(key);
        let removed = self.profile.remove_interest(&key);
        self.mark_removed(false, &key);
        removed
    }

    /// Removes one item from the history lists and any choice about it; returns whether it was
    /// held. Marked removed either way, as [`Engine::remove_interest`].
    pub fn remove_item(&mut self, id: &str) -> bool {
        let removed = self.profile.remove_item(id, &self.config);
        self.mark_removed(true, id);
        removed
    }

    /// Removes one search (`text` in any case) and the search-term interests of its terms
    /// ([`Profile::remove_search`]); returns whether anything was held. Marked removed
    /// either way, by the hash of its key, as [`Engine::remove_interest`].
    pub fn remove_search(&mut self, text: &str) -> bool {
        self.remove_key(&crate::core::profile::choice::search_key(text))
    }

    /// Marks an item (`item`) or an interest removed, and journals the removal.
    fn mark_removed(&mut self, item: bool, key: &str) {
        use crate::core::profile::erased::removal_key;
        let now = self.profile.updated;
        // Removed again after it came back: the next generation, so the tabs that knew of the
        // earlier removal tell their later events from this one.
        let hash = removal_key(item, key);
        let mark = next_mark(
            &hash,
            self.profile.removal_generation(&hash),
            self.journal.known_generation(&hash),
        );
        self.profile.mark_removed(&mark);
        self.journal.record_removal(item, key, mark, now);
        self.dirty = true;
    }

    /// Pauses (true) or resumes (false) personalization: while paused nothing is learned and
    /// rankings keep the server's order. The setting is part of the stored profile.
    pub fn set_paused(&mut self, paused: bool) {
        if self.profile.paused != paused {
            // Not an edit: the merge keeps the later choice (`Profile::keep_later_pause`).
            self.profile.set_paused(paused);
            self.dirty = true;
        }
    }
}

/// The mark of the next removal generation or choice turn of `hash`
/// ([`crate::core::profile::erased::mark_of`]): after the latest this profile holds and the
/// latest this tab has seen (which a write from older data may have dropped from the profile).
fn next_mark(hash: &str, held: u32, seen: u32) -> String {
    crate::core::profile::erased::mark_of(hash, held.max(seen).saturating_add(1))
}
