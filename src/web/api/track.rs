//! Learning from events: `engine.track`, and the methods of `EngineHandle`, the second handle
//! on an engine's state that auto mode's listeners (which outlive any one call) learn and rank
//! through. Each change queues the profile's write.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::{busy, schedule, Engine, EngineHandle};
use crate::core;
use crate::web::storage::now_ms;
use crate::web::{convert::js_error, decode};

#[wasm_bindgen]
impl Engine {
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
        // Both `item` and `items`: learned as its type reads it, the other named once.
        if let Some(names) = input.item_and_items() {
            warn_both(input.kind.as_deref().unwrap_or_default(), names);
        }
        // The page's markup and GA4 pushes that auto mode reads (when it starts, even after
        // this call) may report the same action: the call is one more source of it
        // (`core::reports`). Without auto mode nothing else reports, so every call counts.
        self.handle()
            .track(input, Some(crate::core::reports::API))
            .map(drop)
    }
}

/// Says once per page for each ignored field (`item`, `items`) that a `kind` event given both
/// learns the other ([`core::EventInput::item_and_items`]).
#[inline(never)]
fn warn_both(kind: &str, (learned, ignored): (&str, &'static str)) {
    let text = [
        "track: both item and items given; ",
        kind,
        " learns ",
        learned,
        ", ",
        ignored,
        " is ignored",
    ];
    let once = if ignored == "item" {
        "both:item"
    } else {
        "both:items"
    };
    crate::web::console::warn_once(once, &crate::core::text::concat(&text));
}

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
