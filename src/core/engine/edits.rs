//! Changes to the profile that are not learned events: caching an item's neighbour lists,
//! the moments state (trigger caps, holdout, the randomized-response answer), and whole
//! replacements (reset, import). (Pause and resume are not edits: they carry their turn in the
//! profile, and the merge keeps the later one. Removals and choices are journaled like events,
//! in their place among them: see [`crate::core::sync::Op`].)
//!
//! Events reach other tabs' profiles through the journal replay of [`crate::core::sync`]. These
//! changes are recorded here instead, so the next merge with what another tab stored applies
//! them again *on top of* the merged profile: the other tab's concurrent events are kept and
//! this tab's edits still hold. Only a reset or an import replaces the profile as a whole (the
//! shopper asked for exactly that profile), and so does an edit log that overflowed
//! [`MAX_EDITS`] while writes kept failing.

use super::*;
use crate::core::moments::MomentState;
use crate::core::pack::ItemData;
use crate::core::profile::erased::removal_key;

/// Most edits kept between two writes; more make this tab's profile win as a whole.
pub const MAX_EDITS: usize = 64;

/// One recorded change, applied again after a merge. Each is idempotent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Edit {
    /// The neighbour lists an item's page handed over.
    ItemData(String, ItemData),
    /// This tab's moments state wins (caps of the triggers it showed, holdout, answers).
    Moments,
}

/// The edits since the last write.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Edits {
    /// This tab's profile replaces the stored one as a whole at the next write.
    whole: bool,
    /// The whole profile is an import (see [`Edits::import`]).
    imported: bool,
    ops: Vec<Edit>,
}

impl Edits {
    /// Records `edit`; past [`MAX_EDITS`], the profile is written as a whole instead.
    pub fn push(&mut self, edit: Edit) {
        if self.whole || self.ops.last() == Some(&edit) {
            return;
        }
        if self.ops.len() >= MAX_EDITS {
            self.replace_all();
        } else {
            self.ops.push(edit);
        }
    }

    /// Records a change that replaces the whole profile (reset, import).
    pub fn replace_all(&mut self) {
        self.whole = true;
        self.ops.clear();
    }

    /// Records an import: it replaces the whole profile, and the tabs whose events the
    /// replaced profile held must not add them again (see `Engine::merge_stored`).
    pub fn import(&mut self) {
        self.replace_all();
        self.imported = true;
    }

    /// True when the profile that replaces the stored one is an import.
    pub fn imported(&self) -> bool {
        self.imported
    }

    /// True when this tab's profile must replace the stored one.
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// True when nothing was edited since the last write.
    pub fn is_empty(&self) -> bool {
        !self.whole && self.ops.is_empty()
    }

    /// True when the moments state was edited.
    pub fn moments(&self) -> bool {
        self.ops.contains(&Edit::Moments)
    }

    /// Forgets the edits (they are written).
    pub fn clear(&mut self) {
        *self = Edits::default();
    }

    /// Applies the edits, in order, to `profile` (the stored profile with this tab's events
    /// merged in); `moments` is this tab's moments state, used when it was edited.
    pub fn apply(
        &self,
        profile: &mut Profile,
        moments: Option<MomentState>,
        config: &Config,
        now: Minutes,
    ) {
        let mut cached = false;
        for edit in &self.ops {
            match edit {
                // Not for an item the shopper removed since (in this visit).
                Edit::ItemData(id, _) if profile.removal_generation(&removal_key(true, id)) > 0 => {
                }
                Edit::ItemData(id, data) => {
                    profile.neighbours.set_data(
                        id,
                        data.related.clone(),
                        data.bought_together.clone(),
                    );
                    cached = true;
                }
                Edit::Moments => {}
            }
        }
        if let Some(m) = moments {
            profile.moments = m;
        }
        if cached {
            // Once for all lists: the cache stays within the profile's size budget.
            profile.compact(config, now);
        }
    }
}
