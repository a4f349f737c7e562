//! Script-tag auto mode: the page's declarative markup drives the engine. The loader
//! (`www/shelfwise.js`) calls [`start_auto`] once the DOM is ready; from then on Shelfwise
//! reorders managed lists, fills recommendation slots and learns from what the shopper does.
//! Every failure is soft: the server order stays and the console says why, once.

#[cfg(not(feature = "extras"))]
mod core_build;
mod datalayer;
mod dom;
mod impressions;
mod items;
#[cfg(feature = "extras")]
mod moments;
#[cfg(feature = "extras")]
mod page_data;
#[cfg(feature = "extras")]
mod rec_slots;
mod reorder;
#[cfg(feature = "extras")]
mod slots;
mod track;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, IntersectionObserver, MutationObserver, MutationObserverInit};

use self::dom::{attr, document, find_all};
use self::reorder::{Managed, ITEM_CHILDREN};
#[cfg(feature = "extras")]
use self::slots::Catalog;
use super::api::{Engine, EngineHandle};
use super::decode;
use crate::core::item::At;
use crate::core::ItemInput;

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

/// The engine and page auto mode feeds.
type Current = (EngineHandle, Page);

/// The engine and page of the latest `startAuto` (none before the first). A handle, so what
/// the listener then runs may start auto mode again.
fn current() -> Option<Rc<Current>> {
    CURRENT.with(|c| {
        let current = c.take();
        c.set(current.clone());
        current
    })
}

/// What auto mode knows about the page it runs on.
pub struct Page {
    /// The product a product page is about.
    pub product: Option<ItemInput>,
    /// URL and form parameter holding the search query (default `q`).
    pub search_param: String,
}

struct State {
    lists: Vec<Managed>,
    #[cfg(feature = "extras")]
    catalog: Catalog,
    impressions: Option<IntersectionObserver>,
}

/// A running auto mode, returned by `startAuto`.
#[wasm_bindgen]
pub struct Auto {
    /// The engine it feeds and the page it runs on.
    current: Rc<Current>,
    state: Rc<RefCell<State>>,
    observer: Option<MutationObserver>,
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

/// Starts auto mode on this page with `engine`: ranks every `data-sw-list` container, hands
/// over the page's `data-sw-popularity` and `data-sw-item-data`, learns the page's own events,
/// fills every recommendation slot, then listens for clicks, forms,
/// impressions, `dataLayer` pushes and list changes. Options: `searchParam` (default `"q"`),
/// `impressions` (default `true`). Throws only for malformed options. Calling it again (after
/// a single-page app renders a new route) manages the lists now on the page; the document's
/// listeners stay the first call's, feeding the latest engine, and no `dataLayer` entry is
/// learned twice.
#[wasm_bindgen(js_name = startAuto)]
pub fn start_auto(
    engine: &Engine,
    #[wasm_bindgen(unchecked_optional_param_type = "AutoOptions | null")] options: JsValue,
) -> Result<Auto, JsError> {
    if !decode::absent(&options) {
        decode::object(&options, "options")?;
    }
    let impressions = decode::get(&options, "impressions").as_bool() != Some(false);
    let page = Page {
        product: track::page_product(),
        search_param: search_param(&options)?,
    };
    let engine = engine.handle();
    let doc = document().ok_or_else(|| JsError::new("shelfwise: no document"))?;
    let lists = find_all(&doc, reorder::UNMANAGED_LISTS)
        .into_iter()
        .map(Managed::new)
        .collect();
    let state = Rc::new(RefCell::new(State {
        lists,
        #[cfg(feature = "extras")]
        catalog: Catalog::read(),
        impressions: if impressions {
            impressions::watch(&engine)
        } else {
            None
        },
    }));
    let mut auto = Auto {
        current: Rc::new((engine, page)),
        state,
        observer: None,
    };
    // Lists are ordered from what the shopper did before this page; then the page's aggregate
    // data and its own events are learned, and the slots are filled from all of it.
    auto.rank_lists();
    #[cfg(feature = "extras")]
    page_data::hand_over(&auto.current.0, auto.page_item());
    track::page_events(&auto.current.0, &auto.current.1);
    #[cfg(feature = "extras")]
    auto.fill_slots();
    #[cfg(feature = "extras")]
    moments::on_arrival(&auto.current.0);
    #[cfg(not(feature = "extras"))]
    core_build::note_unserved_markup(&doc);
    let current = Some(Rc::clone(&auto.current));
    if CURRENT.with(|c| c.replace(current)).is_none() {
        datalayer::listen(&auto.current.0, &auto.current.1);
        listen(&doc);
    }
    auto.observe();
    Ok(auto)
}

#[wasm_bindgen]
impl Auto {
    /// Ranks every managed list again from its server order and refills every recommendation
    /// slot (after `engine.reset()`, for instance).
    pub fn refresh(&self) {
        self.rank_lists();
        #[cfg(feature = "extras")]
        self.fill_slots();
    }

    #[cfg(feature = "extras")]
    /// Shows `ids` in every slot `data-sw-slot="<kind>"`, cloning the slot's template (this is
    /// how the engine's recommendations, or the shop's own, reach a slot).
    #[wasm_bindgen(js_name = fillSlot)]
    pub fn fill_slot(&self, kind: &str, ids: Vec<String>) {
        if let Ok(s) = self.state.try_borrow() {
            fill_kind(&s.catalog, kind, &ids);
        }
    }
}

impl Auto {
    #[cfg(feature = "extras")]
    /// The id of the product this page shows, if it is a product page.
    fn page_item(&self) -> Option<&str> {
        self.current
            .1
            .product
            .as_ref()
            .and_then(|p| p.id.as_ref())
            .map(|i| i.0.as_str())
    }

    /// Ranks every managed list from its server order, in one batch each.
    fn rank_lists(&self) {
        let Ok(mut s) = self.state.try_borrow_mut() else {
            return;
        };
        for list in &mut s.lists {
            list.apply(&self.current.0);
        }
        if let Some(o) = &self.observer {
            o.take_records();
        }
    }

    #[cfg(feature = "extras")]
    /// Fills every recommendation slot from the engine.
    fn fill_slots(&self) {
        if let Ok(s) = self.state.try_borrow() {
            rec_slots::fill_all(&self.current.0, &s.catalog, self.page_item());
        }
    }

    /// Impressions for every managed item, and a MutationObserver that re-applies the ranking
    /// when the page changes a managed list's items (its own moves are taken out, so no loop).
    fn observe(&mut self) {
        let (state, engine) = (Rc::clone(&self.state), self.current.0.clone());
        let watch_items = |s: &State| {
            if let Some(io) = &s.impressions {
                for list in &s.lists {
                    for item in find_all(&list.el, ITEM_CHILDREN) {
                        io.observe(&item);
                    }
                }
            }
        };
        if let Ok(s) = self.state.try_borrow() {
            watch_items(&s);
        }
        let cb = Closure::<dyn FnMut(Array, MutationObserver)>::new(
            move |_records: Array, observer: MutationObserver| {
                let Ok(mut s) = state.try_borrow_mut() else {
                    return;
                };
                for list in &mut s.lists {
                    if list.changed_by_page() {
                        list.adopt_page_changes();
                        list.apply(&engine);
                    }
                }
                observer.take_records();
                watch_items(&s);
            },
        );
        let Ok(observer) = MutationObserver::new(cb.as_ref().unchecked_ref()) else {
            return;
        };
        cb.forget();
        let init = MutationObserverInit::new();
        init.set_child_list(true);
        if let Ok(s) = self.state.try_borrow() {
            for list in &s.lists {
                let _ = observer.observe_with_options(&list.el, &init);
            }
        }
        self.observer = Some(observer);
    }
}

/// Click and submit listeners on the document (one each, delegated), feeding the latest
/// `startAuto`'s engine.
fn listen(doc: &web_sys::Document) {
    for (kind, on) in [
        ("click", track::on_click as fn(&EngineHandle, &Page, &Event)),
        ("submit", track::on_submit),
    ] {
        let cb = Closure::<dyn FnMut(Event)>::new(move |ev: Event| {
            if let Some(c) = current() {
                on(&c.0, &c.1, &ev);
            }
        });
        let _ = doc.add_event_listener_with_callback(kind, cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

#[cfg(feature = "extras")]
/// Fills every slot of `kind` with `ids`.
fn fill_kind(catalog: &Catalog, kind: &str, ids: &[String]) {
    let Some(doc) = document() else { return };
    for slot in find_all(&doc, "[data-sw-slot]") {
        if attr(&slot, "data-sw-slot").as_deref() == Some(kind) {
            slots::fill(&slot, ids, catalog);
        }
    }
}
