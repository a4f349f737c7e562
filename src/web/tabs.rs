//! Many tabs and a full storage: the read-merge-write around every profile write, the
//! `storage` event that brings other tabs' writes in, and compaction when storage is full.
//! The merge rule itself is pure and lives in [`crate::core::sync`].

use wasm_bindgen::JsValue;

use super::console::warn_once;
use super::decode::get;
use super::storage::{now_ms, Loaded, Store};
use crate::core::profile::budget::SHRINK_STEPS;
use crate::core::Engine;

/// A random writer id for this engine instance (never 0).
pub fn random_writer() -> u32 {
    let r = js_sys::Math::random() * f64::from(u32::MAX);
    if r.is_finite() && r >= 1.0 {
        r as u32
    } else {
        1
    }
}

/// Reads what is stored, merges this tab's unwritten events into it, and writes the result if
/// it differs from what is stored. Returns false when the write failed (storage full or gone);
/// the profile then stays in memory.
pub fn sync(engine: &mut Engine, store: &Store) -> bool {
    if !store.is_local() {
        engine.mark_saved();
        return true;
    }
    let now = now_ms();
    // What is stored is this tab's own last write (no other tab wrote since): this tab's
    // profile already holds all of it, so it is kept as it is, without reading it back.
    let own = store.holds_own_write();
    let merged = match if own { Loaded::Empty } else { store.load() } {
        Loaded::Empty => engine.merge_stored(None, now),
        Loaded::Profile(p, text) => engine.merge_stored(Some(p), now).or_else(|e| {
            store.backup(&text);
            warn_once("corrupt", &format!("another tab stored a profile this version cannot use ({e}); it was kept under the backup key."));
            engine.merge_stored(None, now)
        }),
        Loaded::Corrupt(text) => {
            store.backup(&text);
            warn_once("corrupt", "the stored profile was unreadable; it was kept under the backup key and replaced.");
            engine.merge_stored(None, now)
        }
    };
    if merged.is_ok_and(|m| m.lost > 0) {
        warn_once(
            "merge",
            "another tab overwrote events of this tab that could no longer be merged.",
        );
    }
    if !engine.is_dirty() {
        return true;
    }
    save(engine, store, now)
}

/// Writes the profile. When storage is full, frees Shelfwise's own backup first, then shrinks
/// the profile step by step until it fits: the newest state, compacted, wins.
fn save(engine: &mut Engine, store: &Store, now: f64) -> bool {
    if store.save(engine.profile()) {
        engine.mark_saved();
        return true;
    }
    store.remove_backup();
    let mut written = store.save(engine.profile());
    for budget in SHRINK_STEPS {
        if written {
            break;
        }
        engine.shrink_to(budget, now);
        written = store.save(engine.profile());
        if written {
            warn_once(
                "quota",
                "localStorage is full; the profile was compacted to fit.",
            );
        }
    }
    if written {
        engine.mark_saved();
    } else {
        warn_once(
            "save",
            "could not write the profile to localStorage; keeping it in memory.",
        );
    }
    written
}

/// Handles a `storage` event (another tab wrote localStorage): adopts a reset done elsewhere,
/// otherwise merges what that tab stored with this tab's events.
pub fn on_storage_event(engine: &mut Engine, store: &Store, event: &JsValue) -> bool {
    let key = get(event, "key");
    // `key` is null when the page called localStorage.clear().
    let ours = key.is_null() || key.as_string().is_some_and(|k| k == store.key());
    if !ours || !store.is_local() {
        return true;
    }
    if get(event, "newValue").is_null() {
        engine.reset(now_ms());
        engine.mark_saved();
        return true;
    }
    sync(engine, store)
}
