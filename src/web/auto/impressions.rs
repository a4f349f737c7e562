//! Impressions: an item of a managed list counts as seen once at least half of it has been
//! visible for at least a second (IntersectionObserver). Each item counts once per page; the
//! items that reach their second together are learned in `view_item_list` events of at most
//! 200 items (one by one when the engine refuses one of them).

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

use super::dom::after;
use super::items::from_element;
use super::track::{event, learn, Source};
use crate::core::limits::MAX_EVENT_ITEMS;
use crate::web::api::EngineHandle;
use crate::web::dom_calls::prop;

/// Items seen in a managed list, as named in a warning about one refused.
const IMPRESSIONS: Source = Source::list("impressions");

/// Share of an item that must be visible.
const VISIBLE_SHARE: f64 = 0.5;
/// How long it must stay visible, in milliseconds.
const VISIBLE_MS: i32 = 1000;

#[derive(Default)]
struct Seen {
    /// Items visible now, each waiting for its second (the timer learns those still here).
    visible: Vec<Element>,
    counted: Vec<Element>,
    /// `auto.stop()` was called: nothing more is learned, not even an item whose second is
    /// running, nor entries the observer queued before it was disconnected.
    stopped: bool,
}

/// The impressions of one auto mode: an IntersectionObserver and what it has seen.
pub struct Impressions {
    /// Observes the items of the managed lists (auto mode adds items the page adds later).
    pub observer: IntersectionObserver,
    seen: Rc<RefCell<Seen>>,
}

impl Impressions {
    /// Stops learning impressions, including those in their second of visibility.
    pub fn stop(&self) {
        crate::web::dom_calls::disconnect(&self.observer);
        if let Ok(mut s) = self.seen.try_borrow_mut() {
            s.stopped = true;
            s.visible.clear();
        }
    }
}

/// An IntersectionObserver that learns impressions of the items it is given to observe (auto
/// mode observes every item of its managed lists, and items the page adds later).
pub fn watch(engine: &EngineHandle) -> Option<Impressions> {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let shared = Rc::clone(&seen);
    let engine = engine.clone();
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |entries: JsValue| {
        let entries: Array = entries.unchecked_into();
        let mut fresh = Vec::new();
        {
            let mut s = seen.borrow_mut();
            if s.stopped {
                return;
            }
            for entry in entries.iter() {
                let entry: IntersectionObserverEntry = entry.unchecked_into();
                let el: Element = crate::web::dom_calls::target_of(&entry).unchecked_into();
                let shown = prop(&entry, "isIntersecting").is_truthy()
                    && prop(&entry, "intersectionRatio").as_f64().unwrap_or(0.0) >= VISIBLE_SHARE;
                s.visible.retain(|e| e != &el);
                if shown && !s.counted.contains(&el) {
                    s.visible.push(el.clone());
                    fresh.push(el);
                }
            }
        }
        if fresh.is_empty() {
            return;
        }
        let (seen, engine) = (Rc::clone(&seen), engine.clone());
        after(VISIBLE_MS, move || {
            let s = seen.borrow_mut();
            let mut still = Vec::new();
            for e in fresh {
                if s.visible.contains(&e) && !s.counted.contains(&e) {
                    still.push(e);
                }
            }
            drop(s);
            // At most MAX_EVENT_ITEMS per event, the limit `track` holds every event to: a grid
            // showing more at once is learned in several events rather than refused whole.
            for batch in still.chunks(MAX_EVENT_ITEMS) {
                let mut items = Vec::new();
                for e in batch {
                    if let Some(item) = from_element(e, "data-sw-id") {
                        items.push(item);
                    }
                }
                // One item the engine refuses (its list has said why) refused the whole
                // batch: the others are then learned one by one.
                if !items.is_empty() && engine.track(event("view_item_list", items), None).is_err()
                {
                    for e in batch {
                        if let Some(item) = from_element(e, "data-sw-id") {
                            learn(&engine, event("view_item_list", vec![item]), &IMPRESSIONS);
                        }
                    }
                }
            }
            // Moved in, not cloned, once learned: nothing learning runs can call this timer or the
            // observer's callback, so no one reads `counted` in between.
            seen.borrow_mut().counted.append(&mut still);
        });
    });
    // A plain object, as in `watch::start`.
    let init = js_sys::Object::new();
    crate::web::js_out::set(&init, "threshold", &JsValue::from(VISIBLE_SHARE));
    let observer = IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        init.unchecked_ref(),
    )
    .ok();
    callback.forget();
    Some(Impressions {
        observer: observer?,
        seen: shared,
    })
}
