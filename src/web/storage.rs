//! Where the profile lives: `localStorage` under a namespaced, versioned key, or memory when
//! storage is unavailable (blocked site data, private modes that throw, no `window`).
//!
//! gloo-storage's `LocalStorage::raw()` throws a JS exception when storage is blocked, which
//! Rust cannot catch, so availability is probed through web-sys first. The profile is encoded
//! with the browser's own `JSON.stringify` on a plain JS value (`profile_writer`), which keeps
//! serde_json out of the shipped wasm.

use std::cell::{Cell, RefCell};

use gloo_storage::{LocalStorage, Storage as _};
use js_sys::JSON;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::console::warn_once;
use super::profile_codec::read_profile;
use super::profile_writer::profile_to_js;
use crate::core::text::concat;
use crate::core::{Consent, Profile};

/// Version part of the storage keys; bump when the key layout (not the schema) changes.
const KEY_VERSION: &str = "v1";

/// What reading the stored profile found.
// One value per read, moved once into the engine: boxing the profile would only add an
// allocation.
#[allow(clippy::large_enum_variant)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    /// A profile that decoded, and the stored text (a JS string); it still has to pass
    /// `Profile::restore`.
    Profile(Profile, JsValue),
    /// Stored text that could not be decoded (a JS string, kept as is for the backup).
    Corrupt(JsValue),
}

/// What the profile key holds, compared with what this store knows of it ([`Store::held`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Exactly the text this store last wrote: no other tab (and nothing else) wrote since, so
    /// there is nothing to merge.
    Own,
    /// Nothing, although a profile was read or written here since the last reset this store
    /// knows of: another tab reset or erased it, or the page cleared storage. Reported until
    /// the reset is adopted ([`Store::adopted_early`] or [`Store::forget_seen`]).
    Erased,
    /// Anything else: another tab's write, nothing yet, or storage that did not answer.
    Other,
}

/// The profile's storage.
pub struct Store {
    storage: Option<web_sys::Storage>,
    key: String,
    backup_key: String,
    /// The consent record's key, `<namespace>:v1:consent` ([`Store::recorded`]).
    consent_key: String,
    /// The JS string this store last wrote under `key` (`undefined` before the first write).
    written: RefCell<JsValue>,
    /// A profile was read or written under `key` since the last reset this page knows of: if
    /// the key is missing now, another tab (or the page) removed it.
    seen: Cell<bool>,
    /// Resets adopted before their `storage` events arrived (see [`Store::take_adopted`]).
    adopted: Cell<u32>,
    /// Stored text (a JS string) [`Store::overwritten`] decoded, and its profile: the next
    /// [`Store::load`] takes it instead of decoding that text again while it is still stored.
    decoded: RefCell<Option<(JsValue, Profile)>>,
}

#[wasm_bindgen]
extern "C" {
    /// A `Storage`, for the two methods below.
    type Items;

    /// `storage.getItem(key)` as the JS value itself (a string or null), not copied into Rust.
    #[wasm_bindgen(method, catch, js_name = getItem)]
    fn get_value(this: &Items, key: &str) -> Result<JsValue, JsValue>;

    /// `storage.setItem(key, value)` with a JS string, not copied through Rust.
    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_value(this: &Items, key: &str, value: &JsValue) -> Result<(), JsValue>;

    /// `JSON.parse(text)` of a JS string, not copied through Rust (also how auto mode reads
    /// the page's JSON blocks: one `JSON.parse` import for the crate).
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    pub(crate) fn parse_value(text: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(module = "/src/web/js/erase.js")]
extern "C" {
    /// Removes every key starting with `prefix` but `keep` from localStorage and
    /// sessionStorage (see `js/erase.js`).
    #[wasm_bindgen(js_name = shelfwiseRemovePrefixed)]
    fn remove_prefixed(prefix: &str, keep: &str);
}

fn items(storage: &web_sys::Storage) -> &Items {
    storage.unchecked_ref()
}

/// Keeps `namespace` to letters, digits, `-` and `_` so keys stay predictable.
fn clean_namespace(ns: &str) -> String {
    let mut s = String::new();
    for c in ns.chars() {
        if s.len() == 40 {
            break;
        }
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            s.push(c);
        }
    }
    if s.is_empty() {
        "shelfwise".to_owned()
    } else {
        s
    }
}

fn probe_local_storage() -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match window.local_storage() {
        Ok(Some(_)) => Some(LocalStorage::raw()),
        Ok(None) | Err(_) => None,
    }
}

impl Store {
    /// Opens storage for `namespace`; `memory_only` forces in-memory mode.
    pub fn open(namespace: &str, memory_only: bool) -> Store {
        let ns = clean_namespace(namespace);
        let storage = if memory_only {
            None
        } else {
            probe_local_storage()
        };
        if storage.is_none() && !memory_only {
            warn_once(
                "storage",
                "localStorage is unavailable; personalization works for this page only (in-memory mode).",
            );
        }
        let key = concat(&[&ns, ":", KEY_VERSION, ":profile"]);
        Store {
            storage,
            backup_key: key.clone() + ":backup",
            consent_key: concat(&[&ns, ":", KEY_VERSION, ":consent"]),
            key,
            written: RefCell::new(JsValue::UNDEFINED),
            seen: Cell::new(false),
            adopted: Cell::new(0),
            decoded: RefCell::new(None),
        }
    }

    /// `"local"` when backed by localStorage, `"memory"` otherwise.
    pub fn mode(&self) -> &'static str {
        if self.storage.is_some() {
            "local"
        } else {
            "memory"
        }
    }

    /// The key the profile is stored under.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Reads the stored profile (taking the one [`Store::overwritten`] decoded, when storage
    /// still holds its text).
    pub fn load(&self) -> Loaded {
        let Some(storage) = &self.storage else {
            return Loaded::Empty;
        };
        // The stored text stays a JS string: read, parsed and backed up without a copy
        // through Rust (start-up reads it on every page).
        let text = match items(storage).get_value(&self.key) {
            Ok(t) if t.is_string() => t,
            _ => return Loaded::Empty,
        };
        self.seen.set(true);
        if let Some((known, p)) = self.decoded.take() {
            if known == text {
                return Loaded::Profile(p, text);
            }
        }
        let Ok(value) = parse_value(&text) else {
            return Loaded::Corrupt(text);
        };
        match read_profile(&value) {
            Some(p) => Loaded::Profile(p, text),
            None => Loaded::Corrupt(text),
        }
    }

    /// The profile in `value` (a `storage` event's new value) when it is no longer what is
    /// stored and what is stored does not hold it: a write from older data came after it.
    /// None when nothing is stored now (a reset or erase came after it, and erase wins), and
    /// when what is stored holds it ([`Profile::holds_write`]): a later write of the same
    /// data, its event only late (Chromium shows other tabs' writes in a tab's storage before
    /// it dispatches their events). What is stored, decoded for that, is kept for the next
    /// [`Store::load`].
    pub fn overwritten(&self, value: &JsValue) -> Option<Profile> {
        let storage = self.storage.as_ref()?;
        let stored = items(storage).get_value(&self.key).ok()?;
        if !value.is_string() || !stored.is_string() || *value == stored {
            return None;
        }
        let written = profile_of(value)?;
        let Some(now) = profile_of(&stored) else {
            return Some(written);
        };
        let held = now.holds_write(&written);
        self.decoded.replace(Some((stored, now)));
        Some(written).filter(|_| !held)
    }

    /// Keeps unreadable stored text (a JS string) under the backup key for inspection. When
    /// storage is too full for that copy, the console says so under the caller's warning kind,
    /// so its own words ("kept under the backup key") are not said: the text is replaced at the
    /// next write. (Moving it to the backup key instead would remove the profile key, which
    /// other tabs take for a reset.)
    pub fn backup(&self, text: &JsValue) {
        if let Some(storage) = &self.storage {
            if items(storage).set_value(&self.backup_key, text).is_err() {
                warn_once(
                    "corrupt",
                    "storage is too full to keep the damaged stored profile under the backup key; it is replaced.",
                );
            }
        }
    }

    /// Writes the profile; false if it could not be written (quota, storage gone).
    pub fn save(&self, profile: &Profile) -> bool {
        let Some(storage) = &self.storage else {
            return true;
        };
        let Ok(text) = JSON::stringify(&profile_to_js(profile)) else {
            return false;
        };
        let text = JsValue::from(text);
        let written = items(storage).set_value(&self.key, &text).is_ok();
        if written {
            self.seen.set(true);
        }
        self.written
            .replace(if written { text } else { JsValue::UNDEFINED });
        written
    }

    /// What the profile key holds now, compared with what this store knows of it (compared
    /// in JS, without copying the text into Rust). Only asks: adopting a reset is the caller's
    /// decision (`tabs`).
    pub fn held(&self) -> Held {
        let Some(storage) = &self.storage else {
            return Held::Other;
        };
        let Ok(stored) = items(storage).get_value(&self.key) else {
            return Held::Other;
        };
        if stored.is_null() && self.seen.get() {
            return Held::Erased;
        }
        let written = self.written.borrow();
        if written.is_string() && stored == *written {
            Held::Own
        } else {
            Held::Other
        }
    }

    /// Removes every key of this namespace (`<namespace>:…`) from localStorage and
    /// sessionStorage: the profile, its backup and anything else Shelfwise wrote, but the
    /// consent record (no shopping data: the decision every tab must honour).
    pub fn erase_all(&self) {
        self.seen.set(false);
        // A byte loop, not `find(':')`: see `core::text::split_once_byte`.
        let prefix = match self.key.bytes().position(|b| b == b':') {
            Some(i) => self.key.get(..=i).unwrap_or(&self.key),
            None => &self.key,
        };
        remove_prefixed(prefix, &self.consent_key);
    }

    /// The consent record's key.
    pub fn consent_key(&self) -> &str {
        &self.consent_key
    }

    /// The consent decision recorded in localStorage (`core::Consent::from_record`): `None`
    /// when nothing is recorded or storage is not local.
    pub fn recorded(&self) -> Option<Consent> {
        // Through the same `getItem` import as the profile (no other binding in the build).
        let text = items(self.storage.as_ref()?)
            .get_value(&self.consent_key)
            .ok()?;
        Consent::from_record(text.as_string().as_deref())
    }

    /// Records a consent decision for every tab and later page (no shopping data: the mode's
    /// name). A record that cannot be written (storage full) leaves the one stored.
    pub fn record(&self, mode: Consent) {
        if let Some(storage) = &self.storage {
            let _ = items(storage).set_value(&self.consent_key, &mode.as_str().into());
        }
    }

    /// Records that a reset found through [`Held::Erased`] was adopted before its `storage`
    /// event arrived (and forgets that a profile was stored).
    pub fn adopted_early(&self) {
        self.forget_seen();
        self.adopted.set(self.adopted.get().saturating_add(1));
    }

    /// True, once per [`Store::adopted_early`], when a `storage` event reports a reset: that
    /// reset was adopted already, and what this tab learned since is newer than it. (A reset
    /// by another engine of this page sends no event and leaves its count: the next event is
    /// then met by `tabs::sync` alone, which still adopts the removal of anything this tab
    /// read or wrote.)
    pub fn take_adopted(&self) -> bool {
        let n = self.adopted.get();
        self.adopted.set(n.saturating_sub(1));
        n > 0
    }

    /// Forgets that a profile was stored (a reset elsewhere was adopted).
    pub fn forget_seen(&self) {
        self.seen.set(false);
    }

    /// True when `area` (a `storage` event's `storageArea`) is this store's storage, or is not
    /// given (events a page builds itself may leave it out).
    pub fn is_area(&self, area: &JsValue) -> bool {
        area.is_falsy()
            || self
                .storage
                .as_ref()
                .is_some_and(|s| AsRef::<JsValue>::as_ref(s) == area)
    }

    /// True when backed by localStorage.
    pub fn is_local(&self) -> bool {
        self.storage.is_some()
    }

    /// Removes the backup copy (frees room when storage is full).
    pub fn remove_backup(&self) {
        if let Some(storage) = &self.storage {
            let _ = storage.remove_item(&self.backup_key);
        }
    }

    /// Removes the profile and its backup.
    pub fn clear(&self) {
        self.seen.set(false);
        if let Some(storage) = &self.storage {
            let _ = storage.remove_item(&self.key);
            let _ = storage.remove_item(&self.backup_key);
        }
    }
}

/// The profile stored as `text` (a `storage` event's value), if it reads as one (null, not a
/// string or unreadable: None).
pub fn profile_of(text: &JsValue) -> Option<Profile> {
    read_profile(&parse_value(text).ok()?)
}

/// The current time in milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
