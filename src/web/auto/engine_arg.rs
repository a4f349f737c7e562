//! `startAuto(engine, options)` as page code calls it: its `engine` read as every argument is,
//! refused with an `Error` naming it (not wasm-bindgen's "expected instance of Engine" or
//! "null pointer passed to rust") when it is no live [`Engine`].

use std::cell::RefCell;

use js_sys::Function;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Auto;
use crate::web::api::{Engine, EngineHandle};
use crate::web::decode::{field_error, get};

thread_local! {
    /// The engine an [`Engine::pick`] call handed over, for [`engine_arg`] to take.
    static PICKED: RefCell<Option<EngineHandle>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
impl Engine {
    /// Hands this engine to the call that reads it as an argument (`startAuto`). Not for page
    /// code: it does nothing else.
    #[wasm_bindgen(js_name = __shelfwisePick, skip_typescript)]
    pub fn pick(&self) {
        PICKED.with(|p| *p.borrow_mut() = Some(self.handle()));
    }
}

/// The engine `v` is, or an `Error` naming `field` when it is none, or one `free()`d.
fn engine_arg(v: &JsValue, field: &str) -> Result<EngineHandle, JsError> {
    PICKED.with(|p| p.borrow_mut().take());
    // A freed engine's pointer (wasm-bindgen's `__wbg_ptr`) is 0: its methods throw through
    // wasm's frames, which this never lets happen (see `js_list`).
    let live = get(v, "__wbg_ptr").as_f64().is_some_and(|p| p != 0.0);
    let pick = get(v, "__shelfwisePick");
    if live {
        // `pick.call(v)` through `Reflect.apply` (an import auto mode has anyway); it throws,
        // caught, when `pick` is not a function.
        let _ = js_sys::Reflect::apply(pick.unchecked_ref::<Function>(), v, &js_sys::Array::new());
    }
    PICKED.with(|p| p.borrow_mut().take()).ok_or_else(|| {
        field_error(
            field,
            "must be an Engine (new Engine(config)) that was not freed",
        )
    })
}

/// Starts auto mode on this page with `engine`: ranks every `data-sw-list` container, hands
/// over the page's `data-sw-popularity` and `data-sw-item-data`, learns the page's own events,
/// fills every recommendation slot, then listens for clicks, forms, impressions, `dataLayer`
/// pushes, list changes, and lists and slots the page adds later. Options: `searchParam`
/// (default `"q"`), `impressions` (default `true`). Throws only for malformed arguments (an
/// `engine` that is no live `Engine`, bad options), naming them. Calling it again (after a
/// single-page app renders a new route) manages the lists now on the page; the document's
/// listeners stay the first call's, feeding the latest engine, and no `dataLayer` entry is
/// learned twice.
#[wasm_bindgen(js_name = startAuto)]
pub fn start_auto_js(
    #[wasm_bindgen(unchecked_param_type = "Engine")] engine: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AutoOptions | null")] options: JsValue,
) -> Result<Auto, JsError> {
    super::start(engine_arg(&engine, "engine")?, &options)
}
