//! The shopper-control half of the JS API: consent, pause, explicit choices, removal,
//! export, import and erase. Each method decodes, calls the core and
//! asks storage to follow (write soon, or erase).

use wasm_bindgen::prelude::*;

use super::api::{busy, schedule, Engine, Shared};
use super::consent_tabs;
use super::convert::js_error;
use super::decode::{absent, field_error, get, id, object, string, strings};
use super::profile_codec::read_profile;
use super::storage::{now_ms, Store};
use crate::core::item::At;
use crate::core::limits::MAX_CATEGORY_DEPTH;
use crate::core::profile::{ChoiceTarget, SCHEMA_VERSION};
use crate::core::Consent;

/// Reads `{ id }`, `{ category: [...] }` or `{ key }`: exactly one of them (a field that is
/// `undefined` or `null` is absent; `item_id` is `id`'s GA4 alias).
fn choice_target(v: &JsValue) -> Result<ChoiceTarget, JsError> {
    object(v, "target")?;
    // Two of them were taken as the first present, in silence.
    if has(v, "id").max(has(v, "item_id")) + has(v, "category") + has(v, "key") > 1 {
        return Err(field_error(
            "target",
            "must have only one of an id, a category or a key",
        ));
    }
    let at = At::object("target");
    if let Some(id) = id(v, ["id", "item_id"], at)? {
        return Ok(ChoiceTarget::Item(id.0));
    }
    if let Some(path) = strings(v, "category", at, MAX_CATEGORY_DEPTH)? {
        return Ok(ChoiceTarget::Category(path));
    }
    match string(v, "key", at)? {
        Some(key) => Ok(ChoiceTarget::Key(key)),
        None => Err(field_error(
            "target",
            "must have an id, a category or a key",
        )),
    }
}

/// 1 when `v` has the field `key` (neither `undefined` nor `null`), else 0.
#[inline(never)]
fn has(v: &JsValue, key: &str) -> u8 {
    u8::from(!absent(&get(v, key)))
}

impl Engine {
    /// Borrows the shared state, runs `f`, then queues a write if anything changed.
    #[inline(never)]
    fn change<T>(&self, f: impl FnOnce(&mut Shared) -> Result<T, JsError>) -> Result<T, JsError> {
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let out = f(&mut s)?;
        schedule(&self.shared, &mut s);
        Ok(out)
    }

    fn choose(&self, target: &JsValue, sign: i8) -> Result<(), JsError> {
        let target = choice_target(target)?;
        self.change(|s| {
            s.engine
                .choose(&target, sign, "target", now_ms())
                .map_err(js_error)
        })
    }
}

#[wasm_bindgen]
impl Engine {
    /// The consent mode in effect: `"granted"`, `"pending"` or `"denied"`.
    #[wasm_bindgen(getter, unchecked_return_type = "Consent")]
    pub fn consent(&self) -> String {
        self.shared
            .try_borrow()
            .map_or("denied", |s| s.engine.consent().as_str())
            .to_owned()
    }

    /// Changes consent. Granting keeps what this page learned and writes it (merged with any
    /// stored profile); withdrawing (`"pending"`) or refusing (`"denied"`) erases everything
    /// stored, and `"denied"` also forgets what was learned in memory. The decision holds in
    /// every open tab of the shop and in later pages: it is recorded under
    /// `<namespace>:v1:consent` (the mode's name only; a `"pending"` that withdraws nothing is
    /// not recorded), other tabs switch to it as this call would, and no tab writes a profile
    /// while a refusal is recorded; a page configured less strictly starts in the recorded
    /// mode, so only `setConsent("granted")` lifts a refusal.
    #[wasm_bindgen(js_name = setConsent)]
    pub fn set_consent(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Consent")] mode: JsValue,
    ) -> Result<(), JsError> {
        // Not a string (null, a number): refused as any value not listed.
        let mode = mode.as_string().unwrap_or_default();
        let to = Consent::parse(&mode, "consent").map_err(js_error)?;
        self.change(|s| {
            // Recorded for every open tab and later page, first: a grant before the write it
            // allows (which checks the record), a withdrawal before the erase, so other tabs
            // follow it as a withdrawal (keeping their page's own events under `pending`)
            // before the erase's event reaches them, which they would adopt as a reset.
            let record = Consent::record_change(s.engine.consent(), to, s.store.recorded());
            if let Some(r) = record {
                s.store.record(r);
            }
            s.save_failed = !consent_tabs::switch(&mut s.engine, &s.store, to);
            // A refusal a full storage could not take fits once the profile is erased (the
            // same text again is no change: no second `storage` event).
            if let Some(r) = record.filter(|r| !r.may_store()) {
                s.store.record(r);
            }
            Ok(())
        })
    }

    /// Pauses personalization: rankings keep the server's order and nothing is learned until
    /// `resume()`. Remembered in the profile.
    pub fn pause(&self) -> Result<(), JsError> {
        self.change(|s| {
            s.engine.set_paused(true);
            Ok(())
        })
    }

    /// Resumes personalization after `pause()`.
    pub fn resume(&self) -> Result<(), JsError> {
        self.change(|s| {
            s.engine.set_paused(false);
            Ok(())
        })
    }

    /// "More like this": `{ id }`, `{ category: [...] }` or `{ key }` (an interest key).
    /// Explicit choices outweigh everything learned.
    pub fn prefer(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChoiceTarget")] target: JsValue,
    ) -> Result<(), JsError> {
        self.choose(&target, 1)
    }

    /// "Not interested": the same targets as `prefer`.
    pub fn avoid(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChoiceTarget")] target: JsValue,
    ) -> Result<(), JsError> {
        self.choose(&target, -1)
    }

    /// Forgets an explicit choice about the target.
    #[wasm_bindgen(js_name = clearChoice)]
    pub fn clear_choice(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ChoiceTarget")] target: JsValue,
    ) -> Result<(), JsError> {
        self.choose(&target, 0)
    }

    /// Removes one interest by its key (as `profile().interests[i].key`); returns whether it
    /// was held.
    #[wasm_bindgen(js_name = removeInterest)]
    pub fn remove_interest(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    ) -> Result<bool, JsError> {
        let key = key
            .as_string()
            .ok_or_else(|| field_error("key", "must be a string"))?;
        self.change(|s| Ok(s.engine.remove_interest(&key)))
    }

    /// Removes one item from recently viewed, cart and purchased, and any choice about it;
    /// returns whether it was held. `id` may be a whole number, as in `track`.
    #[wasm_bindgen(js_name = removeItem)]
    pub fn remove_item_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] id: JsValue,
    ) -> Result<bool, JsError> {
        self.remove_item(&super::decode::id_value(&id, "id")?.0)
    }

    /// Removes one search (as `profile().searches[i]`, in any case) from the recent searches,
    /// with the search-term interests of all its terms (also those a kept search has); returns
    /// whether anything was held. Other tabs' older copies do not bring it back.
    #[wasm_bindgen(js_name = removeSearch)]
    pub fn remove_search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<bool, JsError> {
        let text = (text.as_string()).ok_or_else(|| field_error("text", "must be a string"))?;
        self.change(|s| Ok(s.engine.remove_search(&text)))
    }

    #[cfg(feature = "extras")]
    /// Everything the profile holds, in its stored form, for the shopper to save as a file.
    #[wasm_bindgen(js_name = exportProfile, unchecked_return_type = "ShelfwiseExport")]
    pub fn export_profile(&self) -> Result<JsValue, JsError> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(super::profile_writer::profile_to_js(s.engine.profile()))
    }

    #[cfg(feature = "extras")]
    /// Replaces the profile with an exported one (from `exportProfile`, possibly parsed from a
    /// file). It is checked and repaired like stored data; returns whether anything had to be
    /// repaired. Throws, changing nothing, if it is not a Shelfwise profile.
    #[wasm_bindgen(js_name = importProfile)]
    pub fn import_profile(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ShelfwiseExport")] data: JsValue,
    ) -> Result<bool, JsError> {
        let profile = read_profile(&data)
            // Every export carries its creation minute: an object without one is another file,
            // not an empty profile to replace the shopper's with. A newer schema is left to
            // `import`, which says so.
            .filter(|p| p.created > 0 || p.schema > SCHEMA_VERSION)
            .ok_or_else(|| field_error("profile", "is not a Shelfwise profile export"))?;
        self.change(|s| s.engine.import(profile, now_ms()).map_err(js_error))
    }

    /// Erases everything: the profile in memory and every `<namespace>:` key in localStorage
    /// and sessionStorage but the consent record (no shopping data: see `setConsent`). The
    /// consent mode stays as it is; a pause, which lives in the profile, is erased with it.
    pub fn erase(&self) -> Result<(), JsError> {
        // Every key of the namespace but the consent record, in localStorage and
        // sessionStorage; `reset` removes the profile key and its backup only.
        self.start_afresh(Store::erase_all)
    }
}

impl Engine {
    /// `removeItem` for Rust callers (the browser tests), with the id as text.
    pub fn remove_item(&self, id: &str) -> Result<bool, JsError> {
        self.change(|s| Ok(s.engine.remove_item(id)))
    }
}
