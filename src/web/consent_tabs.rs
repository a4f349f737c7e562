//! Consent in every open tab: the consent record (`<namespace>:v1:consent`, the mode's name
//! only) that a page starts from, that every open tab follows on its `storage` event, and that
//! every write of the profile checks first, so a tab that missed the event (frozen in the
//! background, a write already scheduled) writes nothing after another tab's refusal. The
//! rules are pure and live in [`crate::core::Consent`] (`at_load`, `record_at_load`,
//! `record_change`, `follow`).

use super::moments_dom::mark_document;
use super::storage::{now_ms, Loaded, Store};
use super::tabs;
use crate::core::{Consent, Engine, StorageAction};

/// The mode a page starts in: its configured mode after GPC (`after_gpc`), unless the record
/// holds a stricter one. Erases what is stored when it starts `denied` or under a recorded
/// refusal, and records a configured refusal (`configured`, before GPC) so that tabs still
/// open stop too.
pub fn at_start(store: &Store, configured: Consent, after_gpc: Consent) -> Consent {
    let record = store.recorded();
    let mode = after_gpc.at_load(record);
    if mode.at_load_action(record) == StorageAction::Erase {
        store.erase_all();
    }
    if let Some(r) = Consent::record_at_load(configured, record) {
        store.record(r);
    }
    mode
}

/// Switches this tab to `to` and makes storage follow, as `setConsent` does in one tab:
/// granting reads what is stored into this tab's profile and writes it; withdrawing erases
/// what is stored (the record stays). False when a write failed.
pub fn switch(engine: &mut Engine, store: &Store, to: Consent) -> bool {
    let now = now_ms();
    match engine.set_consent(to, now) {
        StorageAction::Persist => {
            if let Loaded::Profile(stored, _) = store.load() {
                engine.absorb_stored(stored, now);
            }
            tabs::sync(engine, store)
        }
        StorageAction::Erase => {
            store.erase_all();
            true
        }
        StorageAction::Keep => true,
    }
}

/// Follows the recorded decision when it differs from this tab's mode (the latest decision
/// made in any tab). `Some` (whether storage followed) when the tab switched, `None` when it
/// stays. The record is read as it is now, not from an event's value: a later decision may
/// already be stored when the event is dispatched. The segments `<html>` shows follow the new
/// mode, as after `setConsent` in this tab (also when a write, not the event, found it).
pub fn follow(engine: &mut Engine, store: &Store) -> Option<bool> {
    let to = engine.consent().follow(store.recorded())?;
    let stored = switch(engine, store, to);
    mark_document(engine, now_ms());
    Some(stored)
}
