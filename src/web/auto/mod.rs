//! Script-tag auto mode: the page's declarative markup drives the engine. The loader
//! (`www/shelfwise.js`) calls [`start_auto`] once the DOM is ready; from then on Shelfwise
//! reorders managed lists, fills recommendation slots and learns from what the shopper does.
//! Every failure is soft: the server order stays and the console says why, once.

#[cfg(not(feature = "extras"))]
mod core_build;
mod datalayer;
mod dom;
mod engine_arg;
mod impressions;
mod items;
#[cfg(feature = "extras")]
mod moments;
#[cfg(feature = "extras")]
mod page_data;
mod product;
#[cfg(feature = "extras")]
pub(crate) mod rec_slots;
mod reorder;
pub(super) mod route;
#[cfg(feature = "extras")]
mod slots;
mod stopped;
mod track;
mod watch;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, MutationObserver};

use self::dom::{document, find_all};
use self::reorder::{Managed, ITEM_CHILDREN};
use self::route::When;
#[cfg(feature = "extras")]
use self::slots::Catalog;
use self::watch::{added, elements};
use super::api::{Engine, EngineHandle};
use super::decode;
use super::dom_calls::{call0, prop};
use crate::core::item::At;
pub use engine_arg::start_auto_js;

#[wasm_bindgen(typescript_custom_section)]
const AUTO_TYPES: &'static str = r#"
/** Options of `startAuto` (the script tag passes them from its data attributes). */
export interface AutoOptions {
  /** URL and form parameter holding the search query. Default "q"; letters, digits, '-', '_'. */
  searchParam?: string;
  /** Learn impressions (half an item visible for a second). Default true. */
  impressions?: boolean;
}
"#;

thread_local! {
    /// The engine and page the document's click, submit and `dataLayer` listeners feed: the
    /// latest `startAuto`'s. The listeners are installed once per document, so a page that
    /// starts auto mode again (a single-page app on a route change) learns each action once.
    static CURRENT: Cell<Option<Rc<Current>>> = const { Cell::new(None) };
}

/// The engine and page auto mode feeds, and what it manages there.
type Current = (EngineHandle, Page, Rc<RefCell<State>>);

/// The engine and page of the latest `startAuto` (none before the first). A handle, so what
/// the listener then runs may start auto mode again.
fn current() -> Option<Rc<Current>> {
    CURRENT.with(|c| {
        let current = c.take();
        c.set(current.clone());
        current
    })
}

/// How auto mode reads the page it runs on (the page's product is the document's:
/// [`route`]).
pub struct Page {
    /// URL and form parameter holding the search query (default `q`).
    pub search_param: String,
}

struct State {
    lists: Vec<Managed>,
    #[cfg(feature = "extras")]
    catalog: Catalog,
    impressions: Option<impressions::Impressions>,
    /// Re-applies the ranking when the page changes a managed list's items.
    observer: Option<MutationObserver>,
    /// Set by `stop()` (see [`Auto::stopped`]).
    stopped: bool,
}

/// A running auto mode, returned by `startAuto`.
#[wasm_bindgen]
pub struct Auto {
    /// The engine it feeds, the page it runs on and what it manages.
    current: Rc<Current>,
}

fn search_param(options: &JsValue) -> Result<String, JsError> {
    let p = decode::string(options, "searchParam", At::object("options"))?;
    match p {
        None => Ok("q".into()),
        Some(p)
            if !p.is_empty()
                && p.len() <= 40
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
        {
            Ok(p)
        }
        Some(_) => Err(decode::field_error(
            "options.searchParam",
            "must be 1 to 40 letters, digits, '-' or '_'",
        )),
    }
}

/// [`start_auto_js`] (JS `startAuto`) for Rust callers, who hold the [`Engine`] itself.
pub fn start_auto(engine: &Engine, options: JsValue) -> Result<Auto, JsError> {
    start(engine.handle(), &options)
}

/// Auto mode on this page with `engine` (see [`start_auto_js`]).
fn start(engine: EngineHandle, options: &JsValue) -> Result<Auto, JsError> {
    if !decode::absent(options) {
        decode::object(options, "options")?;
    }
    let impressions = decode::boolean(options, "impressions", At::object("options"))?;
    // Every check before the page is read: an exit drops no half-read page.
    let search_param = search_param(options)?;
    let doc = document().ok_or_else(|| JsError::new("shelfwise: no document"))?;
    let page = Page { search_param };
    // Counted once if the document's observer already read this route (a single-page app
    // calling `startAuto` again after rendering it).
    let view = route::read();
    let mut lists = Vec::new();
    for el in find_all(&doc, reorder::LISTS) {
        if let Some(list) = Managed::take(el) {
            lists.push(list);
        }
    }
    let state = Rc::new(RefCell::new(State {
        lists,
        #[cfg(feature = "extras")]
        catalog: Catalog::read(),
        impressions: if impressions != Some(false) {
            impressions::watch(&engine)
        } else {
            None
        },
        observer: None,
        stopped: false,
    }));
    let auto = Auto {
        current: Rc::new((engine, page, state)),
    };
    // Lists are ordered from what the shopper did before this page; then the page's aggregate
    // data and its own events are learned, and the slots are filled from all of it.
    auto.rank_lists();
    #[cfg(feature = "extras")]
    page_data::hand_over(&auto.current.0, page_item().as_deref());
    track::page_events(&auto.current.0, &auto.current.1, view, When::Now);
    #[cfg(feature = "extras")]
    auto.fill_slots();
    #[cfg(feature = "extras")]
    moments::on_arrival(&auto.current.0);
    #[cfg(not(feature = "extras"))]
    core_build::note_unserved_markup(&doc);
    CURRENT.with(|c| c.set(Some(Rc::clone(&auto.current))));
    // The document's observer comes first, so it sees the page's changes before a managed
    // list's observer moves anything.
    if watch::start(&doc) {
        datalayer::listen(&auto.current.0, &auto.current.1);
        listen(&doc);
    }
    auto.observe();
    Ok(auto)
}

#[wasm_bindgen]
impl Auto {
    /// Ranks every managed list again from its server order and refills every recommendation
    /// slot (after `engine.reset()`, for instance). After `stop()`: nothing.
    pub fn refresh(&self) {
        if !self.stopped() {
            self.rank_lists();
            #[cfg(feature = "extras")]
            self.fill_slots();
        }
    }

    #[cfg(feature = "extras")]
    /// Shows `ids` in every slot `data-sw-slot="<kind>"`, cloning the slot's template (this is
    /// how the engine's recommendations, or the shop's own, reach a slot; a kind of the shop's
    /// own starts with `shop-`, which the engine never fills nor warns about). After `stop()`:
    /// nothing.
    #[wasm_bindgen(js_name = fillSlot)]
    pub fn fill_slot(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
        #[wasm_bindgen(unchecked_param_type = "(string | number)[]")] ids: JsValue,
    ) -> Result<(), JsError> {
        let (kind, ids) = slots::fill_args(&kind, ids)?;
        if let (false, Ok(s)) = (self.stopped(), self.current.2.try_borrow()) {
            rec_slots::fill_kind(&s.catalog, &kind, &ids);
        }
        Ok(())
    }

    /// Stops this auto mode: its lists keep their current order and are released (a later
    /// `startAuto` may take them), page changes and impressions are no longer watched. Stopping
    /// the latest auto mode also stops taking on lists and slots the page adds, and learning
    /// from clicks, forms and `dataLayer` pushes, until `startAuto` is called again. Then
    /// `refresh()` and `fillSlot()` do nothing (the first such call warns in the console).
    pub fn stop(&self) {
        if let Ok(mut s) = self.current.2.try_borrow_mut() {
            s.stopped = true;
            if let Some(o) = &s.observer {
                crate::web::dom_calls::disconnect(o);
            }
            if let Some(io) = &s.impressions {
                io.stop();
            }
            // Released and forgotten: a later `refresh()` orders nothing another auto mode
            // may have taken since.
            for list in &s.lists {
                list.release();
            }
            s.lists.clear();
        }
        if current().is_some_and(|latest| Rc::ptr_eq(&latest, &self.current)) {
            CURRENT.with(|c| c.set(None));
            watch::stop();
        }
    }
}

impl Auto {
    /// Ranks every managed list from its server order, in one batch each.
    fn rank_lists(&self) {
        let Ok(mut s) = self.current.2.try_borrow_mut() else {
            return;
        };
        for list in &mut s.lists {
            list.apply(&self.current.0);
        }
        if let Some(o) = &s.observer {
            let _ = call0(o, "takeRecords");
        }
    }

    #[cfg(feature = "extras")]
    /// Fills every recommendation slot from the engine.
    fn fill_slots(&self) {
        // Never stopped here: on arrival, and `refresh()` checks first.
        rec_slots::fill_running(&self.current);
    }

    /// Impressions for every managed item, and a MutationObserver that re-applies the ranking
    /// when the page changes a managed list's items (its own moves are taken out, so no loop).
    fn observe(&self) {
        let (state, engine) = (Rc::clone(&self.current.2), self.current.0.clone());
        let cb = watch::observer_callback(move |_records: Array, observer: MutationObserver| {
            let Ok(mut s) = state.try_borrow_mut() else {
                return;
            };
            for list in &mut s.lists {
                if list.changed_by_page() {
                    list.adopt_page_changes();
                    list.apply(&engine);
                }
            }
            let _ = call0(&observer, "takeRecords");
            watch::forget_own_changes();
            for list in &s.lists {
                s.watch_items(list);
            }
        });
        let Ok(mut s) = self.current.2.try_borrow_mut() else {
            return;
        };
        s.observer = MutationObserver::new(cb.as_ref().unchecked_ref()).ok();
        cb.forget();
        for list in &s.lists {
            s.watch(list);
        }
    }
}

impl State {
    /// Watches `list`: the page's changes to its items, and their impressions.
    fn watch(&self, list: &Managed) {
        if let Some(o) = &self.observer {
            // A plain object, as in `watch::start`.
            let init = js_sys::Object::new();
            crate::web::js_out::set(&init, "childList", &JsValue::TRUE);
            crate::web::dom_calls::observe(o, &list.el, &init);
        }
        self.watch_items(list);
    }

    /// Impressions of every item of `list` (observing an item again changes nothing).
    fn watch_items(&self, list: &Managed) {
        if let Some(io) = &self.impressions {
            for item in find_all(&list.el, ITEM_CHILDREN) {
                crate::web::dom_calls::observe(&io.observer, &item, &JsValue::UNDEFINED);
            }
        }
    }
}

/// The id of the product the page shows, if it is a product page.
#[cfg(feature = "extras")]
fn page_item() -> Option<String> {
    route::with_product(|p| Some(p?.item.id.as_ref()?.0.clone()))
}

/// Takes on the markup a batch of the page's changes (`records`) added, found by [`watch`]:
/// a new route first (`moved`: the address changed; or product, search or order markup
/// arrived: its product is read again), then its data blocks, then the route's events as on
/// arrival (its product's view when the page shows another product; without a new address,
/// its search and order once the address changes: [`route::read_later`]), then new lists
/// (ranked at once, before the browser paints them), then slots that show nothing yet. Lists
/// no longer on the page are released.
fn take_on(current: &Current, records: &Array, moved: bool) {
    let Ok(mut state) = current.2.try_borrow_mut() else {
        return;
    };
    let s = &mut *state;
    let new_route = moved || added(records, route::PAGE_MARKUP).length() > 0;
    let view = new_route && route::read();
    #[cfg(feature = "extras")]
    {
        for el in elements(&added(records, "script[data-sw-catalog]")) {
            s.catalog.add(&el);
        }
        for el in elements(&added(records, watch::DATA_BLOCKS)) {
            page_data::hand_over_block(&current.0, &el, page_item().as_deref());
        }
    }
    if new_route {
        let when = if moved { When::Now } else { When::Later };
        track::page_events(&current.0, &current.1, view, when);
    }
    let mut first = true;
    for el in elements(&added(records, reorder::LISTS)) {
        let Some(mut list) = Managed::take(el) else {
            continue;
        };
        if std::mem::take(&mut first) {
            s.lists
                .retain(|list| prop(&list.el, "isConnected").is_truthy() || list.release());
        }
        list.apply(&current.0);
        s.watch(&list);
        s.lists.push(list);
    }
    #[cfg(feature = "extras")]
    for el in elements(&added(records, "[data-sw-slot]")) {
        if find_all(&el, "[data-sw-filled]").is_empty() {
            rec_slots::fill(&current.0, &s.catalog, page_item().as_deref(), &el);
        }
    }
    #[cfg(not(feature = "extras"))]
    if added(records, core_build::EXTRAS_MARKUP).length() > 0 {
        core_build::warn();
    }
}

/// Click, submit and keydown listeners on the document (one each, delegated), feeding the latest
/// `startAuto`'s engine.
fn listen(doc: &web_sys::Document) {
    // Only Enter reaches `on_key`: the filter is JS, so other key presses stay out of wasm.
    for (kind, on, enter) in [
        (
            "click",
            track::on_click as fn(&EngineHandle, &Page, &Event),
            false,
        ),
        ("submit", track::on_submit, false),
        ("keydown", track::on_key, true),
    ] {
        let cb = Closure::<dyn FnMut(JsValue)>::new(move |ev: JsValue| {
            if let Some(c) = current() {
                on(&c.0, &c.1, ev.unchecked_ref());
            }
        });
        let f = track::listener(cb.as_ref(), enter);
        let _ = doc.add_event_listener_with_callback(kind, f.unchecked_ref());
        cb.forget();
    }
}
