//! Many tabs and a full storage: the read-merge-write around every profile write, the
//! `storage` event that brings other tabs' writes in, and compaction when storage is full.
//! The merge rule itself is pure and lives in [`crate::core::sync`].

use wasm_bindgen::JsValue;

use super::consent_tabs;
use super::console::warn_once;
use super::decode::get;
use super::moments_dom::mark_document;
use super::profile_codec::read_profile;
use super::profile_writer::profile_to_js;
use super::storage::{now_ms, profile_of, Held, Loaded, Store};
use crate::core::profile::budget::SHRINK_STEPS;
use crate::core::sync::Merged;
use crate::core::{CoreError, Engine};

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
    // Another tab refused or withdrew consent, and this tab missed its `storage` event (or it
    // has not arrived yet): this tab follows, and writes nothing.
    if let Some(followed) = consent_tabs::follow(engine, store) {
        return followed;
    }
    let now = now_ms();
    let held = store.held();
    if held == Held::Erased {
        // Another tab reset or erased the profile and its `storage` event has not arrived yet
        // (or never will: another engine of this page, a page back from the back/forward
        // cache): adopt the reset now, as the event would (writing would bring the erased data
        // back), and once: its event, when it comes, finds it adopted
        // ([`Store::take_adopted`]).
        start_afresh(engine, store, Store::adopted_early);
        return true;
    }
    // What is stored is this tab's own last write (no other tab wrote since): this tab's
    // profile already holds all of it, so it is kept as it is, without reading it back.
    let loaded = if held == Held::Own {
        Loaded::Empty
    } else {
        store.load()
    };
    let merged = match loaded {
        Loaded::Empty => engine.merge_stored(None, now),
        Loaded::Profile(p, text) => engine
            .merge_stored(Some(p), now)
            .or_else(|_| replace_unusable(engine, store, &text, now)),
        Loaded::Corrupt(text) => replace_unusable(engine, store, &text, now),
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

/// Keeps stored text this version cannot use (unreadable, or of a newer schema) under the
/// backup key, and takes this tab's profile in its place.
fn replace_unusable(
    engine: &mut Engine,
    store: &Store,
    text: &JsValue,
    now: f64,
) -> Result<Merged, CoreError> {
    store.backup(text);
    warn_once(
        "corrupt",
        // The constructor's words for unreadable data: one text in the build.
        "the stored profile was unreadable; starting a fresh one, original kept under the backup key.",
    );
    engine.merge_stored(None, now)
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
    if !written {
        // Compacted in place, put back whole unless a compacted profile was written: storage
        // that fails for good (or is not full but broken) must not cost what the tab learned.
        // Kept as the plain object storage is written from (the profile's encoder and reader
        // are in the build anyway; a clone is not).
        let whole = profile_to_js(engine.profile());
        for budget in SHRINK_STEPS {
            engine.shrink_to(budget, now);
            written = store.save(engine.profile());
            if written {
                warn_once(
                    "quota",
                    "localStorage is full; the profile was compacted to fit.",
                );
                break;
            }
        }
        if let Some(whole) = read_profile(&whole).filter(|_| !written) {
            *engine.profile_quiet() = whole;
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

/// Handles a `storage` event (another tab wrote localStorage): follows a consent decision
/// recorded elsewhere, adopts a reset done elsewhere, otherwise merges what that tab stored
/// with this tab's events. Ignored without consent to store and for other storage areas.
pub fn on_storage_event(engine: &mut Engine, store: &Store, event: &JsValue) -> bool {
    let key = get(event, "key");
    // Another tab recorded a consent decision: this tab follows it at once.
    if key.as_string().is_some_and(|k| k == store.consent_key()) {
        return consent_tabs::follow(engine, store).unwrap_or(true);
    }
    // `key` is null when the page called localStorage.clear().
    let ours = key.is_null() || key.as_string().is_some_and(|k| k == store.key());
    // sessionStorage events (a same-origin frame of this tab clearing it, say) are not about
    // the profile; a tab without consent to store neither reads nor writes it.
    if !ours
        || !store.is_local()
        || !store.is_area(&get(event, "storageArea"))
        || !engine.consent().may_store()
    {
        return true;
    }
    let value = get(event, "newValue");
    if value.is_null() {
        if store.take_adopted() {
            // `sync` found this reset and adopted it: what this tab learned and wrote since is
            // newer than the reset and stays. It only meets what is stored now, as for any
            // other tab's change (a later reset included).
            return sync(engine, store);
        }
        // What is stored now may be this tab's own write, made after the reset from the
        // profile as it was (this event could only arrive after that task): the new profile
        // is written over it (`Engine::reset_event`).
        let own = store.held() == Held::Own;
        let old = profile_of(&get(event, "oldValue"));
        if !engine.reset_event(old.as_ref(), own, now_ms()) {
            // A reset this tab already went on from (it took in a write made after it, before
            // this event was dispatched): what is stored now is met as usual.
            return sync(engine, store);
        }
        store.forget_seen();
        return !own || sync(engine, store);
    }
    // A write that was written over before this tab read it (by this tab's own write from
    // older data, say): what it held that is stored no more is taken in, then written.
    if let Some(written) = store.overwritten(&value) {
        engine.merge_overwritten(written, now_ms());
    }
    // What is stored, decoded above, is not decoded again while it is still stored.
    sync(engine, store)
}

/// What a reset does in this tab, made here (`reset` and `erase`, through
/// `Engine::start_afresh`) or done in another tab and found by [`sync`] before its `storage`
/// event arrived, in one place so neither forgets a step: a fresh profile in memory
/// (`core::Engine::reset`: this page's journal and the kept rankings go, the holdout draw and
/// the profile's starts stay), nothing pending to write (a write now would bring back what was
/// forgotten), `forget` of what the store holds or knows (the only step that differs: a reset
/// made here removes the stored keys, which other open tabs adopt from their `storage` event;
/// one adopted notes that, [`Store::adopted_early`]), and the segments `<html>` shows, which
/// were the erased profile's.
pub fn start_afresh(engine: &mut Engine, store: &Store, forget: fn(&Store)) {
    let now = now_ms();
    engine.reset(now);
    engine.mark_saved();
    forget(store);
    mark_document(engine, now);
}
