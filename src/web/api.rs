//! The JS API: `new Engine(config)`, `track`, `rank`, `explain`, `profile`, `reset`, `flush`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::storage::{now_ms, Loaded, Store};
use super::{config, console::warn_once, convert::js_error, decode, encode, packed, tabs};
use crate::core::item::At;
use crate::core::text::concat;
use crate::core::{self, limits::MAX_RANK_ITEMS};

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

/// A Shelfwise engine bound to this page's storage.
#[wasm_bindgen]
pub struct Engine {
    pub(super) shared: Rc<RefCell<Shared>>,
    pagehide_callback: Closure<dyn FnMut(JsValue)>,
    storage_callback: Closure<dyn FnMut(JsValue)>,
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
    super::moments_dom::mark_document(&s.engine, now_ms());
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

#[wasm_bindgen]
impl Engine {
    /// Creates an engine, loading the stored profile. Bad stored data is kept under a backup
    /// key and a fresh profile starts (one console warning). Throws if `config` is malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ShelfwiseConfig | null")] config: JsValue,
    ) -> Result<Engine, JsError> {
        #[cfg(feature = "debug")]
        console_error_panic_hook::set_once();
        let mut settings = core::Config::default();
        let browser = config::read(&config, &mut settings)?;
        let store = Store::open(
            browser.namespace.as_deref().unwrap_or("shelfwise"),
            browser.memory_only,
        );
        let now = now_ms();
        let mut engine = core::Engine::with_config(settings, now);
        // The shop's mode (after GPC), or a stricter one another tab recorded.
        let after_gpc = core::Consent::at_start(browser.consent, browser.respect_gpc, gpc());
        let consent = super::consent_tabs::at_start(&store, browser.consent, after_gpc);
        engine.set_consent(consent, now);
        engine.set_writer(tabs::random_writer());
        let loaded = if consent.may_store() {
            store.load()
        } else {
            Loaded::Empty
        };
        match loaded {
            Loaded::Empty => {}
            Loaded::Profile(p, text) => match engine.restore(p, now) {
                Ok(false) => {}
                Ok(true) => {
                    store.backup(&text);
                    warn_once("corrupt", "the stored profile had invalid entries; they were dropped and the original kept under the backup key.");
                }
                Err(e) => {
                    store.backup(&text);
                    warn_once(
                        "corrupt",
                        &concat(&[
                            "the stored profile could not be used (",
                            &e.text(),
                            "); starting a fresh one, original kept under the backup key.",
                        ]),
                    );
                }
            },
            Loaded::Corrupt(text) => {
                store.backup(&text);
                warn_once("corrupt", "the stored profile was unreadable; starting a fresh one, original kept under the backup key.");
            }
        }
        engine.begin_page_view(now, js_sys::Math::random());
        super::moments_dom::mark_document(&engine, now);
        #[cfg(feature = "extras")]
        super::moments_dom::prepare_region();
        let shared = Rc::new(RefCell::new(Shared {
            engine,
            store,
            scheduled: false,
            save_failed: false,
        }));
        let weak = Rc::downgrade(&shared);
        // A route still waiting for its address is read before the last write.
        let pagehide_callback = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            super::auto::route::leaving();
            flush_weak(&weak)
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback(
                "pagehide",
                pagehide_callback.as_ref().unchecked_ref(),
            );
        }
        // Other tabs' writes arrive as `storage` events: merge them in at once.
        let weak = Rc::downgrade(&shared);
        let storage_callback = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(shared) = weak.upgrade() {
                if let Ok(mut s) = shared.try_borrow_mut() {
                    let s = &mut *s;
                    s.save_failed = !tabs::on_storage_event(&mut s.engine, &s.store, &event);
                    // Another tab's erase or events change the segments `<html>` shows.
                    super::moments_dom::mark_document(&s.engine, now_ms());
                }
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback(
                "storage",
                storage_callback.as_ref().unchecked_ref(),
            );
        }
        Ok(Engine {
            shared,
            pagehide_callback,
            storage_callback,
        })
    }

    /// Learns from one shopper event. Throws an `Error` naming the bad field; on error the
    /// profile is unchanged. While auto mode runs on this engine, a click, add to cart or
    /// purchase its markup or a GA4 push reported too is learned once (so is one this call
    /// reported before `startAuto` and auto mode reads when it starts). The profile is written
    /// to storage shortly after, off this call.
    pub fn track(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ShopperEvent | ShopperEventGa4")] event: JsValue,
    ) -> Result<(), JsError> {
        let input = decode::event(&event, crate::core::limits::MAX_EVENT_ITEMS)?;
        // The page's markup and GA4 pushes that auto mode reads (when it starts, even after
        // this call) may report the same action: the call is one more source of it
        // (`core::reports`). Without auto mode nothing else reports, so every call counts.
        self.handle()
            .track(input, Some(crate::core::reports::API))
            .map(drop)
    }
}

#[wasm_bindgen]
impl Engine {
    /// Returns the ids of `items` in their personalized order (a permutation of the input).
    #[wasm_bindgen(js_name = rank, unchecked_return_type = "string[]")]
    pub fn rank_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RankItem[]")] items: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RankOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        // Items cross in a few calls (`packed`), each distinct text once. The engine is not
        // borrowed while JS runs (reading items may call the page's getters).
        let at = |i| At {
            list: "items",
            index: Some(i),
        };
        let (batch, ids) = packed::read_batch(&items, MAX_RANK_ITEMS, &at)?;
        let options = decode::rank_options(&options)?;
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        let exact_ids = batch.ids_untrimmed();
        let order = s.engine.rank_batch(batch, options, now_ms());
        let order = order.map_err(js_error)?;
        if exact_ids {
            return Ok(packed::ids_in(&ids, &order));
        }
        // Validation trimmed an id: answer with the trimmed ids.
        let ids = js_sys::Array::new();
        for id in s.engine.ranked_ids(&order) {
            ids.push(&JsValue::from_str(id));
        }
        Ok(ids.into())
    }

    #[cfg(feature = "extras")]
    /// Why `id` landed where it did in the newest of the last 8 rankings (`rank` calls and
    /// auto mode's lists; 2,000 items at most together, the latest always kept) that
    /// contained it, or `undefined` if none did. `id` may be a whole number, as in `rank`.
    #[wasm_bindgen(js_name = explain, unchecked_return_type = "Explanation | undefined")]
    pub fn explain_js(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | number")] id: JsValue,
    ) -> Result<JsValue, JsError> {
        self.explain(&decode::id_value(&id, "id")?.0)
    }

    #[cfg(feature = "extras")]
    /// A read-only snapshot of what the profile holds, decayed to now.
    #[wasm_bindgen(unchecked_return_type = "ProfileSnapshot")]
    pub fn profile(&self) -> Result<JsValue, JsError> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(encode::snapshot(&s.engine.snapshot(now_ms())))
    }

    /// Forgets everything: removes the stored profile (and its backup) and starts afresh.
    pub fn reset(&self) -> Result<(), JsError> {
        let mut s = self.shared.try_borrow_mut().map_err(|_| busy())?;
        s.engine.reset(now_ms());
        s.store.clear();
        s.engine.mark_saved();
        // Nothing to write: this only updates the segments `<html>` shows.
        schedule(&self.shared, &mut s);
        Ok(())
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
    #[cfg(feature = "extras")]
    /// `explain` for Rust callers (the browser tests), with the id as text.
    pub fn explain(&self, id: &str) -> Result<JsValue, JsError> {
        let s = self.shared.try_borrow().map_err(|_| busy())?;
        Ok(s.engine
            .explain(id)
            .map_or(JsValue::UNDEFINED, |e| encode::explanation(&e)))
    }

    /// `rank` for Rust callers (the browser tests): the same call, answering with `String`s.
    pub fn rank(&self, items: JsValue, options: JsValue) -> Result<Vec<String>, JsError> {
        let ids = self.rank_js(items, options)?;
        Ok(js_sys::Array::from(&ids)
            .iter()
            .filter_map(|id| id.as_string())
            .collect())
    }
}

impl Drop for Engine {
    /// `engine.free()` writes pending changes first, so nothing learned is lost.
    fn drop(&mut self) {
        if let Ok(mut s) = self.shared.try_borrow_mut() {
            s.flush();
        }
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback(
                "pagehide",
                self.pagehide_callback.as_ref().unchecked_ref(),
            );
            let _ = w.remove_event_listener_with_callback(
                "storage",
                self.storage_callback.as_ref().unchecked_ref(),
            );
        }
    }
}

/// A second handle on an engine's state, for auto mode's listeners (which outlive any one call).
#[derive(Clone)]
pub(crate) struct EngineHandle(pub(super) Rc<RefCell<Shared>>);

impl Engine {
    /// A handle sharing this engine's profile and storage.
    pub(crate) fn handle(&self) -> EngineHandle {
        EngineHandle(Rc::clone(&self.shared))
    }
}

impl EngineHandle {
    /// Learns a decoded event and schedules the write, as `Engine.track` does; with a
    /// `source` (`core::reports`), only if no other source reported the same action. True
    /// when it was a new action.
    pub(crate) fn track(
        &self,
        input: core::EventInput,
        source: Option<u8>,
    ) -> Result<bool, JsError> {
        let mut s = self.0.try_borrow_mut().map_err(|_| busy())?;
        let now = now_ms();
        let new = match source {
            None => s.engine.track(input, now).map(|()| true),
            Some(source) => s.engine.track_reported(input, source, now),
        };
        let new = new.map_err(js_error)?;
        if s.engine.wants_sync() && !s.save_failed {
            // Many events without a pause: merge and write now, while this tab's journal
            // still holds every event a concurrent write could have overwritten.
            s.write();
        }
        schedule(&self.0, &mut s);
        Ok(new)
    }

    #[cfg(feature = "extras")]
    /// Caches an item's neighbour data and schedules the write, as `Engine.addItemData` does.
    pub(crate) fn add_item_data(
        &self,
        id: &str,
        data: crate::core::pack::ItemDataInput,
    ) -> Result<(), JsError> {
        let mut s = self.0.try_borrow_mut().map_err(|_| busy())?;
        s.engine.add_item_data(id, data).map_err(js_error)?;
        schedule(&self.0, &mut s);
        Ok(())
    }

    /// Runs `f` on the core engine (ranking, reading the profile).
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut core::Engine) -> R) -> Result<R, JsError> {
        let mut s = self.0.try_borrow_mut().map_err(|_| busy())?;
        Ok(f(&mut s.engine))
    }
}
