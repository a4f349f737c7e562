//! Reordering a managed container (`data-sw-list="grid" | "search" | "banner"`) by moving its
//! existing item elements: node identity, listeners and form state stay; reading order and tab
//! order follow the new visual order because the DOM order *is* the new order.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::dom::{attr, document, find_all, refocus};
use super::items::from_element;
use crate::core::markup::is_plain_decimal;
use crate::core::rank::RankOptionsInput;
use crate::core::text::concat;
use crate::web::api::EngineHandle;
use crate::web::console::warn_once;
use crate::web::decode;
use crate::web::dom_calls::{append, call, call0, prop, prop_some};
use crate::web::storage::now_ms;

/// Items of a container: its children that carry `data-sw-id`.
pub const ITEM_CHILDREN: &str = ":scope > [data-sw-id]";

/// The kind a managed list's markup mistakes are warned under, once per page: its ranking's
/// and the events read from its items (a click, an impression: [`super::track::Source::list`]).
pub const LIST_WARNING: &str = "rank";

/// Items inside a container's children that are neither items nor lists: markup that meant
/// them as the container's items.
const WRAPPED_ITEMS: &str = ":scope > :not([data-sw-id]):not([data-sw-list]) [data-sw-id]";

/// Lists, managed or not: [`Managed::take`] skips those an auto mode manages already.
pub const LISTS: &str = "[data-sw-list]";

/// A property auto mode sets on each list element it manages, while it does. A list stays
/// with the first `startAuto` that took it, so a page that starts auto mode again never orders
/// it, or counts its impressions, twice. Unlike the `data-sw-managed` attribute, a copy does
/// not carry it (`cloneNode` and HTML saved from the live page copy attributes only): a copy
/// is another element, ranked as a new list.
const TAKEN: &str = "__shelfwiseManaged";

/// One managed container and the order the server sent its items in.
pub struct Managed {
    /// The container element.
    pub el: Element,
    /// Its item elements in the server's order (the reference for every ranking).
    server: Vec<Element>,
    /// Its item elements in the order Shelfwise last left them.
    applied: Vec<Element>,
    /// The page reordered the items itself (its own sort control): their order is the page's
    /// from then on.
    page_ordered: bool,
}

impl Managed {
    /// Starts managing `el` (marking it `data-sw-managed`, for the shop's CSS and debugging),
    /// taking its current children as the server order; `None` when an auto mode manages it
    /// already.
    pub fn take(el: Element) -> Option<Managed> {
        if decode::get(&el, TAKEN).as_bool() == Some(true) {
            return None;
        }
        mark(&el, JsValue::TRUE);
        let _ = el.set_attribute("data-sw-managed", "");
        let server = find_all(&el, ITEM_CHILDREN);
        Some(Managed {
            el,
            applied: server.clone(),
            server,
            page_ordered: false,
        })
    }

    /// Stops managing the container: a later `startAuto`, or the page putting it back, may
    /// take it again. Returns `false` (the list is no longer kept).
    pub fn release(&self) -> bool {
        let _ = call(
            &self.el,
            "removeAttribute",
            &JsValue::from_str("data-sw-managed"),
        );
        mark(&self.el, JsValue::FALSE);
        false
    }

    /// Whether the page changed the container's items since Shelfwise last ordered them.
    pub fn changed_by_page(&self) -> bool {
        find_all(&self.el, ITEM_CHILDREN) != self.applied
    }

    /// Takes in the page's changes: items still present keep their server position, new ones
    /// follow in the order the page put them. When the page only moved the items (nothing
    /// added or removed: its own sort), the list keeps the page's order from then on.
    pub fn adopt_page_changes(&mut self) {
        let now = find_all(&self.el, ITEM_CHILDREN);
        let mut server: Vec<Element> = Vec::with_capacity(now.len());
        for e in &self.server {
            if now.contains(e) {
                server.push(e.clone());
            }
        }
        self.page_ordered |= server.len() == self.server.len() && server.len() == now.len();
        for e in &now {
            if !server.contains(e) {
                server.push(e.clone());
            }
        }
        self.server = server;
        self.applied = now;
    }

    /// Ranks the server order with the shopper's profile and moves the nodes into the result
    /// (unless the page has ordered the list itself).
    /// On any problem (bad attributes, repeated ids) the container is left as it is and the
    /// console says why once.
    pub fn apply(&mut self, engine: &EngineHandle) {
        if self.page_ordered {
            return;
        }
        if self.server.is_empty() {
            warn_if_wrapped(&self.el);
            return;
        }
        // The items first, then the options: an exit drops only what was read so far.
        let mut items = Vec::with_capacity(self.server.len());
        for e in &self.server {
            let Some(item) = from_element(e, "data-sw-id") else {
                warn_once(
                    "id",
                    "a managed list keeps its server order: blank data-sw-id",
                );
                return;
            };
            items.push(item);
        }
        let options = RankOptionsInput {
            context: Some(attr(&self.el, "data-sw-list").unwrap_or_else(|| "grid".into())),
            impact: attr(&self.el, "data-sw-impact").map(|t| plain_number(&t)),
            // Written out: `..RankOptionsInput::default()` built and dropped a `None` context.
            demote_purchased: None,
            diversity: None,
        };
        let ranked = engine.with(|e| e.rank_order(items, options, now_ms()));
        let order = match ranked {
            Ok(Ok(order)) => order,
            Ok(Err(e)) => {
                // Named as the page wrote them, not as the JS API's options and items.
                let (prefix, field) = match e.field.as_str() {
                    "options.context" => ("", "data-sw-list"),
                    "options.impact" => ("", "data-sw-impact"),
                    // An item's field, `items[1].id`, is that item's attribute, `data-sw-id`
                    // (the item attributes are the API's names after `data-sw-`).
                    f => match f.bytes().rposition(|b| b == b'.') {
                        Some(i) if f.starts_with("items[") => {
                            ("data-sw-", f.get(i + 1..).unwrap_or_default())
                        }
                        _ => ("", f),
                    },
                };
                warn_once(
                    LIST_WARNING,
                    &concat(&[
                        "a managed list keeps its server order: ",
                        prefix,
                        field,
                        ": ",
                        &e.message,
                    ]),
                );
                return;
            }
            Err(_) => return,
        };
        // Positions in the server order: no DOM reads to find each ranked item again.
        let mut wanted: Vec<Element> = Vec::with_capacity(order.len());
        for &i in &order {
            if let Some(e) = self.server.get(i) {
                wanted.push(e.clone());
            }
        }
        if wanted.len() != self.server.len() {
            return;
        }
        if find_all(&self.el, ITEM_CHILDREN) != wanted {
            move_into(&self.el, &wanted);
        }
        self.applied = wanted;
    }
}

/// `text` as a number when it is a plain decimal (`"0.8"`, `".5"`), else NaN, which ranking
/// refuses: `"0,8"` or `"high"` must not pass as 0 (`parseFloat`), or as no value, in silence.
fn plain_number(text: &str) -> f64 {
    if is_plain_decimal(text) {
        js_sys::Number::parse_float(text)
    } else {
        f64::NAN
    }
}

/// Says once why `list`, which has no items of its own, stays as it is when items sit deeper
/// inside it (a theme's row element between the list and its cards): only a list's children
/// are reordered. An empty list (filled later) and one whose children are lists say nothing.
fn warn_if_wrapped(list: &Element) {
    if !find_all(list, WRAPPED_ITEMS).is_empty() {
        warn_once(
            "wrapped",
            "a managed list keeps its server order: data-sw-list: its data-sw-id items must be its children",
        );
    }
}

/// Sets or clears the [`TAKEN`] property of `el`.
fn mark(el: &Element, taken: JsValue) {
    let _ = js_sys::Reflect::set(el, &TAKEN.into(), &taken);
}

/// Puts `items` (children of `container`) into the given order in one batch: each run of
/// adjacent items is refilled, through a fragment, with as many items of the new order, so
/// children that are not items (a heading, a promo tile, a "more" link) keep their place.
/// Focus inside a moved item is given back.
#[inline(never)]
fn move_into(container: &Element, items: &[Element]) {
    let Some(doc) = document() else { return };
    let focused = prop_some(&doc, "activeElement")
        .map(JsCast::unchecked_into::<Element>)
        .filter(|a| call(container, "contains", a).is_truthy());
    // Children that are not items stay put; each run of items before one of them (or at the
    // end) gets as many items of the new order.
    let fragment: web_sys::Node = call0(&doc, "createDocumentFragment").unchecked_into();
    let (mut next, mut run) = (0, false);
    for child in find_all(container, ":scope > *") {
        if child.has_attribute("data-sw-id") {
            if let Some(e) = items.get(next) {
                let _ = append(&fragment, e);
            }
            next += 1;
            run = true;
        } else if run {
            let _ = container.insert_before(&fragment, Some(&child));
            run = false;
        }
    }
    for e in items.get(next..).unwrap_or_default() {
        let _ = append(&fragment, e);
    }
    let _ = append(container, &fragment);
    if let Some(f) = focused {
        if prop(&doc, "activeElement") != *f.unchecked_ref::<JsValue>() {
            refocus(&f);
        }
    }
}
