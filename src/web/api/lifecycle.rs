//! An engine's life: `new Engine(config)` reads the settings, settles consent at start (the
//! shop's mode, Global Privacy Control, a stricter mode another tab recorded), loads the stored
//! profile (bad data kept under a backup key) and listens for `pagehide` and other tabs'
//! `storage` events; `free()` writes what is pending and removes the listeners.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{flush_weak, gpc, Engine, Shared};
use crate::core;
use crate::core::text::concat;
use crate::web::storage::{now_ms, Loaded, Store};
use crate::web::{config, console::warn_once, tabs};

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
        let consent = crate::web::consent_tabs::at_start(&store, browser.consent, after_gpc);
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
        crate::web::moments_dom::mark_document(&engine, now);
        #[cfg(feature = "extras")]
        crate::web::moments_dom::prepare_region();
        let shared = Rc::new(RefCell::new(Shared {
            engine,
            store,
            scheduled: false,
            save_failed: false,
        }));
        let weak = Rc::downgrade(&shared);
        // A route still waiting for its address is read before the last write.
        let pagehide_callback = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            crate::web::auto::route::leaving();
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
                    crate::web::moments_dom::mark_document(&s.engine, now_ms());
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
