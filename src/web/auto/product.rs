//! The product a product page is about, read when auto mode starts and again on a single-page
//! app's new route ([`super::route`]): the first schema.org `Product` in a JSON-LD block, else
//! the element marked `data-sw-product="<id>"`.
//!
//! Each event about it (the page's `view_item`, an add to cart that names no other item) needs
//! an item of its own. It is read again from where the product was found, kept so that the
//! page cannot change it, instead of cloned: the readers are in the wasm anyway, and
//! `ItemInput::clone` is not (0.1–0.2 KB gzip, BENCHMARKS "Size work (session 9, branch
//! `size10`, issue 7)").

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use super::dom::{document, find_all};
use super::items::{find_product, from_element, from_product, product_id};
use crate::core::page_views::{names, naming, Names, Naming};
use crate::core::ItemInput;
use crate::web::console::warn_once;
use crate::web::decode::get;
use crate::web::dom_calls::call;
use crate::web::js_out::set;
use crate::web::storage::parse_value;

/// The page's product as auto mode last read it.
pub struct PageProduct {
    /// The item, as read then.
    pub item: ItemInput,
    source: Source,
}

/// Where the product was read from, kept unchanged.
enum Source {
    /// The schema.org `Product` object parsed from the JSON-LD block: nothing else holds it.
    Json(JsValue),
    /// A detached copy of the `data-sw-product` element, attributes only.
    Element(Element),
}

/// The property of a JSON-LD `<script>` element holding its text as the last read saw it, and
/// of a `data-sw-product` element holding its value.
const SEEN: &str = "shelfwiseSeen";

impl PageProduct {
    /// Reads this page's product, if it has one: the first JSON-LD `Product` in a block that
    /// may name it ([`naming`]; `named`, the block that named the product at the previous
    /// read, `undefined` for none, is updated), else `data-sw-product`; a `data-sw-product`
    /// element new or changed since the previous read wins over the block that named the
    /// product then ([`names`]). Each block keeps the text this read saw in its
    /// `shelfwiseSeen` property, the element its value.
    pub fn read(named: &mut JsValue) -> Option<PageProduct> {
        let doc = document()?;
        let (mut found, mut again) = (None, None);
        let was = std::mem::take(named);
        for s in find_all(&doc, "script[type=\"application/ld+json\"]") {
            // The text as the JS string it is (a script element's `textContent` is never null).
            let text = get(&s, "textContent");
            let seen = get(&s, SEEN) == text;
            set(&s, SEEN, &text);
            let role = naming(seen, AsRef::<JsValue>::as_ref(&s) == &was);
            if role != Naming::Never && found.is_none() {
                let product = product_in(&text);
                if role == Naming::Again {
                    again = product;
                } else if product.is_some() {
                    found = product;
                    *named = s.into();
                }
            }
        }
        let el = find_all(&doc, "[data-sw-product]").into_iter().next();
        // Seen when it holds the value the last read saw (a property, as a block's text).
        let seen = el.as_ref().map(|el| {
            let value = call(el, "getAttribute", &JsValue::from_str("data-sw-product"));
            let seen = get(el, SEEN) == value;
            set(el, SEEN, &value);
            seen
        });
        let block = match names(found.is_some(), again.is_some(), seen) {
            Some(Names::Block) => found.or_else(|| {
                *named = was;
                again
            }),
            // `named` stays `undefined`: the block left in `<head>` names nothing from now on.
            _ => None,
        };
        if let Some(p) = block {
            // An id, checked above: the item is there.
            let item = from_product(&p)?;
            let source = Source::Json(p);
            return Some(PageProduct { item, source });
        }
        let el = el?;
        let item = from_element(&el, "data-sw-product")?;
        // A copy, so that later changes to the page's element do not change the product.
        let copy = call(&el, "cloneNode", &JsValue::FALSE);
        let copy = if copy.is_undefined() {
            el
        } else {
            copy.unchecked_into()
        };
        let source = Source::Element(copy);
        Some(PageProduct { item, source })
    }

    /// The same item as [`Self::item`], read again from the same unchanged source.
    pub fn to_item(&self) -> Option<ItemInput> {
        match &self.source {
            Source::Json(p) => from_product(p),
            Source::Element(el) => from_element(el, "data-sw-product"),
        }
    }
}

/// The schema.org `Product` with an id that JSON-LD text `text` holds, if any.
fn product_in(text: &JsValue) -> Option<JsValue> {
    let Ok(parsed) = parse_value(text) else {
        // A trailing comma from the shop's template: say why no view is learned.
        warn_once(
            "JSON-LD",
            "the page's JSON-LD block was ignored: not valid JSON",
        );
        return None;
    };
    find_product(&parsed).filter(|p| product_id(p).is_some())
}
