//! The profile as a whole: a snapshot of what it holds (`profile`), forgetting it (`reset`),
//! writing it now (`flush`), and where it is stored (`storageMode`, `storageKey`).

use wasm_bindgen::prelude::*;

use super::{busy, Engine};
use crate::web::storage::{now_ms, Store};
use crate::web::{encode, tabs};

#[wasm_bindgen]
impl Engine {
    #[cfg(feature = "extras")]
    /// A read-only snapshot of what the profile holds, decayed to now.
    #[wasm_bindgen(unchecked_return_type = "ProfileSnapshot")]
    pub fn profile(&self) -> Result<JsValue, JsError> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(encode::snapshot(&s.engine.snapshot(now_ms())))
    }

    /// Forgets everything: removes the stored profile (and its backup) and starts afresh.
    pub fn reset(&self) -> Result<(), JsError> {
        // The profile key and its backup only; `erase` removes every key of the namespace.
        self.start_afresh(Store::clear)
    }

    /// Writes any pending profile change to storage now.
    pub fn flush(&self) -> Result<(), JsError> {
        self.shared.try_borrow_mut().map_err(|_| busy())?.flush();
        Ok(())
    }

    /// `"local"` when the profile is kept in localStorage, `"memory"` when it lives only as
    /// long as the page.
    #[wasm_bindgen(getter, js_name = storageMode, unchecked_return_type = "\"local\" | \"memory\"")]
    pub fn storage_mode(&self) -> String {
        self.shared
            .try_borrow()
            .map_or("memory", |s| s.store.mode())
            .to_owned()
    }

    /// The localStorage key the profile is stored under.
    #[wasm_bindgen(getter, js_name = storageKey)]
    pub fn storage_key(&self) -> String {
        self.shared
            .try_borrow()
            .map(|s| s.store.key().to_owned())
            .unwrap_or_default()
    }
}

impl Engine {
    /// What `reset` and `erase` share with a reset adopted from another tab
    /// ([`tabs::start_afresh`]); `remove` is what storage loses (the profile key and its
    /// backup for `reset`, every key of the namespace but the consent record for `erase`).
    pub(crate) fn start_afresh(&self, remove: fn(&Store)) -> Result<(), JsError> {
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let s = &mut *s;
        // Nothing left to write or to schedule: only the segments `<html>` shows change.
        tabs::start_afresh(&mut s.engine, &s.store, remove);
        Ok(())
    }
}
