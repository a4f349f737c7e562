//! Recommendation slots in script-tag mode: every `data-sw-slot` element whose kind names an
//! engine slot (`picked-for-you`, `related`, `bought-together`, `top-sellers`,
//! `because-you-viewed`, `recently-viewed`) is filled from `engine.recommend`, with the display
//! data the page carries. Which ids and why is decided in `core::slot_markup`.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::Element;

use super::dom::{attr, document, find_all};
use super::slots::{self, Catalog};
use crate::core::recommend::Slot;
use crate::core::slot_markup::{recommend_for, slot_of_kind, SlotMarkup, OWN_KIND_PREFIX};
use crate::core::text::concat;
use crate::web::api::{EngineHandle, Shared};
use crate::web::console::warn_once;

/// Inside a `because-you-viewed` slot (outside its template): an element showing a field of X,
/// the item the slot is about (`<span data-sw-anchor-field="name">`).
const ANCHOR_FIELD: &str = "data-sw-anchor-field";
/// Selector of [`ANCHOR_FIELD`] elements.
const ANCHOR_FIELDS: &str = "[data-sw-anchor-field]";

/// Fills every recommendation slot on the page. `page_item` is the product this page shows.
pub fn fill_all(engine: &EngineHandle, catalog: &Catalog, page_item: Option<&str>) {
    let Some(doc) = document() else { return };
    for el in find_all(&doc, "[data-sw-slot]") {
        fill(engine, catalog, page_item, &el);
    }
}

/// Fills every slot of the latest auto mode again if it runs on the engine whose state is
/// `engine` (its popularity data changed: `setPopularity`, the script tag's `data-popularity`
/// file arriving after start). A stopped auto mode's slots are left as they are.
pub fn refill(engine: &Rc<RefCell<Shared>>) {
    let Some(current) = super::current() else {
        return;
    };
    if Rc::ptr_eq(&current.0 .0, engine) {
        fill_running(&current);
    }
}

/// Fills every slot of auto mode `current` unless it is stopped: on arrival, `refresh()` and
/// [`refill`] (one copy of the borrow and the page's product read for the three).
pub(super) fn fill_running(current: &super::Current) {
    if let Ok(s) = current.2.try_borrow() {
        if !s.stopped {
            fill_all(&current.0, &s.catalog, super::page_item().as_deref());
        }
    }
}

/// Fills the recommendation slot `el` (nothing when its kind names no engine slot: then the
/// first such slot of the page says so, once, unless its kind is the shop's own, `shop-…`).
pub fn fill(engine: &EngineHandle, catalog: &Catalog, page_item: Option<&str>, el: &Element) {
    let kind = attr(el, "data-sw-slot").unwrap_or_default();
    let Some(slot) = slot_of_kind(&kind) else {
        // The shop's own kind is the shop's to fill (`auto.fillSlot`), whenever it does.
        if !kind.starts_with(OWN_KIND_PREFIX) {
            warn_once(
                "slot-kind",
                &concat(&[
                    "data-sw-slot=\"",
                    &kind,
                    "\" is not a slot kind (picked-for-you, related, bought-together, top-sellers, \
                     because-you-viewed, recently-viewed, or their engine names such as \
                     pickedForYou): the slot stays hidden unless auto.fillSlot fills it (name \
                     the shop's own kinds shop-…)",
                ]),
            );
        }
        return;
    };
    let item = attr(el, "data-sw-item");
    let markup = SlotMarkup {
        limit: slots::limit(el),
        page_item,
        item: item.as_deref(),
    };
    let recs = engine
        .with(|e| recommend_for(e, slot, &markup, |id| catalog.knows(id)))
        .ok()
        .flatten()
        .unwrap_or_default();
    if slot == Slot::BecauseYouViewed {
        let anchor = recs.first().and_then(|r| r.reason.item.as_deref());
        for target in find_all(el, ANCHOR_FIELDS) {
            let field = attr(&target, ANCHOR_FIELD).unwrap_or_default();
            if let Some(v) = anchor.and_then(|x| catalog.field(x, &field)) {
                slots::set_field(&target, &field, &v);
            }
        }
    }
    let ids = crate::core::recommend::ids(recs);
    slots::fill(el, &ids, catalog);
}

/// Fills every slot of `kind` with `ids` (`auto.fillSlot`): the slots of that kind as written,
/// and those of the same engine slot under its other name (`picked-for-you`, `pickedForYou`).
pub fn fill_kind(catalog: &Catalog, kind: &str, ids: &[String]) {
    let Some(doc) = document() else { return };
    let engine_slot = slot_of_kind(kind);
    for el in find_all(&doc, "[data-sw-slot]") {
        let other = attr(&el, "data-sw-slot").unwrap_or_default();
        if other == kind || engine_slot.is_some() && slot_of_kind(&other) == engine_slot {
            slots::fill(&el, ids, catalog);
        }
    }
}
