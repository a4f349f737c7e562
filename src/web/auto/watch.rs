//! Markup the page adds after auto mode started (a theme's filter replacing the grid, "load
//! more", a section rendered by AJAX, a quick view, a single-page app's next route): one
//! MutationObserver on the document (`childList`, `subtree`) looks only at the added element
//! subtrees, in one batch per microtask, so a new list is ranked before the browser paints it.
//! It feeds the latest `startAuto`, like the click and `dataLayer` listeners.

use std::cell::RefCell;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MutationObserver};

use crate::web::dom_calls::{call, call0};

/// The data blocks a later slot may need: its product's neighbours, popularity.
#[cfg(feature = "extras")]
pub const DATA_BLOCKS: &str = "script[data-sw-item-data], script[data-sw-popularity]";

/// Everything [`super::take_on`] looks for: lists, slots, data blocks (the core build only warns
/// about slots and blocks) and a route's [`super::route::PAGE_MARKUP`]. Most batches hold none
/// of it and come with no new address, and end after this one look.
#[cfg(feature = "extras")]
const NEW_MARKUP: &str = "[data-sw-list], [data-sw-slot], \
script[data-sw-catalog], script[data-sw-item-data], script[data-sw-popularity], \
script[type=\"application/ld+json\"], [data-sw-product], [data-sw-purchase], \
[data-sw-purchase] [data-sw-id]";
#[cfg(not(feature = "extras"))]
const NEW_MARKUP: &str = "[data-sw-list], [data-sw-slot], \
script[data-sw-item-data], script[data-sw-popularity], template[data-shelfwise-trigger], \
script[type=\"application/ld+json\"], [data-sw-product], [data-sw-purchase], \
[data-sw-purchase] [data-sw-id]";

/// The closure type of every callback JavaScript calls with two or three arguments (the
/// MutationObservers', the `dataLayer` trap's): each closure type the crate hands to JavaScript
/// costs an `invoke` shim in the wasm and an adapter in the glue (BENCHMARKS "Size work
/// (session 9, branch `size10`, issue 7)").
pub type Callback3 = dyn FnMut(JsValue, JsValue, JsValue) -> JsValue;

/// A MutationObserver callback `f(records, observer)` as a [`Callback3`].
pub fn observer_callback(
    mut f: impl FnMut(Array, MutationObserver) + 'static,
) -> Closure<Callback3> {
    Closure::new(move |records: JsValue, observer: JsValue, _: JsValue| {
        f(records.unchecked_into(), observer.unchecked_into());
        JsValue::UNDEFINED
    })
}

thread_local! {
    /// The document's observer, created by the first `startAuto` (none before).
    static WATCHER: RefCell<Option<MutationObserver>> = const { RefCell::new(None) };
    /// The document observer's callback, which an animation frame calls too
    /// ([`at_next_frame`]).
    static CALLBACK: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

/// Has the document observer's callback called at the next animation frame, after the page's
/// own callbacks for that frame, to read the route ([`super::route::settle`]): the same
/// closure, told apart by its arguments (a frame passes no observer), as a closure of its own
/// costs its glue (BENCHMARKS "Size work (session 9, branch `size10`, issue 7)").
pub fn at_next_frame() {
    if let Some(w) = web_sys::window() {
        let _ = call(
            &w,
            "requestAnimationFrame",
            &CALLBACK.with_borrow(JsValue::clone),
        );
    }
}

/// Has the document observer's callback called after `ms` milliseconds with `mark` (a
/// negative number, which no frame passes: [`super::route::settle`]), by a timer, which runs
/// in a background tab too. The same closure as [`at_next_frame`], for the same reason.
pub fn after(ms: i32, mark: f64) {
    if let Some(w) = web_sys::window() {
        let args = Array::new();
        args.push(&CALLBACK.with_borrow(JsValue::clone));
        args.push(&ms.into());
        args.push(&mark.into());
        let f = crate::web::dom_calls::prop(&w, "setTimeout");
        let _ = js_sys::Reflect::apply(f.unchecked_ref::<js_sys::Function>(), &w, &args);
    }
}

/// Watches `doc` for added markup (again, after `stop()`). Returns `true` the first time, when
/// the document's other listeners are to be installed too.
pub fn start(doc: &Document) -> bool {
    WATCHER.with(|w| {
        let mut w = w.borrow_mut();
        let first = w.is_none();
        if first {
            let cb = observer_callback(on_mutations).into_js_value();
            *w = MutationObserver::new(cb.unchecked_ref()).ok();
            CALLBACK.with(|c| c.replace(cb));
        }
        if let Some(o) = &*w {
            // The options as a plain object through `js_out`'s `Reflect.set` import: web-sys's
            // `MutationObserverInit` (and `IntersectionObserverInit`) setters are one import each.
            let init = js_sys::Object::new();
            crate::web::js_out::set(&init, "childList", &JsValue::TRUE);
            crate::web::js_out::set(&init, "subtree", &JsValue::TRUE);
            // Records queued before this start stay: what it already took on (its lists,
            // filled slots) is known and left alone.
            crate::web::dom_calls::observe(o, doc, &init);
        }
        first
    })
}

/// Stops watching the document (the latest auto mode stopped).
pub fn stop() {
    WATCHER.with(|w| {
        w.borrow()
            .as_ref()
            .map(|o| crate::web::dom_calls::disconnect(o))
    });
}

/// Drops what the document's observer has queued: auto mode's own moves, made while handling
/// a batch the observer had already delivered.
pub fn forget_own_changes() {
    WATCHER.with(|w| {
        if let Some(o) = w.borrow().as_ref() {
            let _ = call0(o, "takeRecords");
        }
    });
}

#[wasm_bindgen(module = "/src/web/js/added.js")]
extern "C" {
    /// The elements matching `selector` in the element subtrees a batch (`records`) added,
    /// each once, if still on the page.
    #[wasm_bindgen(js_name = shelfwiseAdded)]
    pub fn added(records: &Array, selector: &str) -> Array;
}

/// The elements of `found` (from [`added`]).
pub fn elements(found: &Array) -> impl Iterator<Item = Element> + '_ {
    found.iter().map(JsCast::unchecked_into)
}

/// One batch, handed to the latest auto mode (with whether the page's address changed since
/// it was last read: a single-page app's new route); auto mode's own changes are then dropped.
/// Called by an animation frame or a timer instead ([`at_next_frame`], [`after`]), it reads
/// the route.
fn on_mutations(records: Array, observer: MutationObserver) {
    if observer.is_undefined() {
        return super::route::settle(records.unchecked_ref::<JsValue>().as_f64());
    }
    let moved = super::route::moved();
    if !moved && added(&records, NEW_MARKUP).length() == 0 {
        return;
    }
    if let Some(current) = super::current() {
        super::take_on(&current, &records, moved);
    }
    let _ = call0(&observer, "takeRecords");
}
