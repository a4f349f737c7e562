//! The JS API: `new Engine(config)`, `track`, `rank`, `explain`, `profile`, `reset`, `flush`
//! (the privacy, recommendation and moments calls have files of their own in `web`).
//!
//! This file holds the types the calls share: the `Engine`, the `EngineHandle` auto mode's
//! listeners hold, their shared state (`Shared`) and its coalesced writes to storage
//! (`schedule`, `flush`), and the few helpers every call uses. The calls, one module per concern:
//! - `lifecycle`: creating an engine (settings, consent at start, the stored profile, the
//!   `pagehide` and `storage` listeners) and freeing it;
//! - `track`: learning from events, for JS and for auto mode's handle;
//! - `ranking`: `rank` and `explain`;
//! - `stored`: the profile as a whole: `profile`, `reset`, `flush`, where it is stored.
//!
//! The types and helpers stay here, not in the modules that use them: moving them changes
//! their paths, and with them where the compiler lays out their code and data in the wasm
//! (measured: moving them too made the gzip build a few bytes larger still).

mod lifecycle;
mod ranking;
mod stored;
mod track;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core;
use crate::web::storage::{now_ms, Store};
use crate::web::{decode, tabs};

/// A Shelfwise engine bound to this page's storage.
#[wasm_bindgen]
pub struct Engine {
    pub(super) shared: Rc<RefCell<Shared>>,
    pagehide_callback: Closure<dyn FnMut(JsValue)>,
    storage_callback: Closure<dyn FnMut(JsValue)>,
}

/// A second handle on an engine's state, for auto mode's listeners (which outlive any one call).
#[derive(Clone)]
pub(crate) struct EngineHandle(pub(super) Rc<RefCell<Shared>>);

pub(super) struct Shared {
    pub(super) engine: core::Engine,
    pub(super) store: Store,
    scheduled: bool,
    /// The last write failed (storage full or gone): don't retry inside `track`.
    pub(super) save_failed: bool,
}

impl Shared {
    /// Writes the profile if it changed, merged with what other tabs stored. Quota or storage
    /// errors compact it or keep it in memory, and warn once (see `tabs::sync`).
    pub(super) fn flush(&mut self) {
        self.scheduled = false;
        self.write();
    }

    /// The write itself, leaving a queued flush queued (so a burst of events inside one task
    /// queues one callback, not one per inline write). Nothing is written without consent.
    fn write(&mut self) {
        if !self.engine.is_dirty() || !self.engine.consent().may_store() {
            return;
        }
        self.save_failed = !tabs::sync(&mut self.engine, &self.store);
    }
}

pub(super) fn busy() -> JsError {
    JsError::new("shelfwise: the engine is busy (called from inside its own callback)")
}

fn flush_weak(weak: &Weak<RefCell<Shared>>) {
    if let Some(shared) = weak.upgrade() {
        if let Ok(mut s) = shared.try_borrow_mut() {
            s.flush();
        }
    }
}

/// Queues a write of the profile shortly after this call (coalesced), or writes now when no
/// timer is available, and updates the segments `<html>` shows. Not inlined: every
/// profile-changing method calls it.
#[inline(never)]
pub(super) fn schedule(shared: &Rc<RefCell<Shared>>, s: &mut Shared) {
    crate::web::moments_dom::mark_document(&s.engine, now_ms());
    if s.scheduled || !s.engine.is_dirty() {
        return;
    }
    s.scheduled = true;
    // A one-shot callback holding only a weak reference: if the engine is freed first,
    // it finds nothing to do (and `free()` has already written).
    let weak = Rc::downgrade(shared);
    // Takes a (never given) argument: the one closure type of the other one-argument callbacks.
    let cb = Closure::once_into_js(move |_: JsValue| flush_weak(&weak));
    let queued = web_sys::window()
        .map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), 0)
                .is_ok()
        })
        .unwrap_or(false);
    if !queued {
        s.flush();
    }
}

/// The browser's Global Privacy Control signal (`navigator.globalPrivacyControl === true`).
fn gpc() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let navigator =
        js_sys::Reflect::get(&w, &JsValue::from_str("navigator")).unwrap_or(JsValue::UNDEFINED);
    decode::get(&navigator, "globalPrivacyControl").as_bool() == Some(true)
}
