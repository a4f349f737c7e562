//! Shopping moments in the page: the `data-` attributes on `<html>`, and trigger panels built
//! from the shop's `<template data-shelfwise-trigger="…">` elements.
//!
//! Panels go into a polite live region (`[data-shelfwise-moments]`, created when missing), are
//! filled with `textContent` only, never take focus, close on their dismiss button or Escape,
//! and carry `data-shelfwise-motion="reduce"` when the shopper prefers reduced motion.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTemplateElement};

use super::dom_calls::{
    append, call, call0, node_count, nth, prop, prop_some, prop_text, select, select_all, set_text,
};
use crate::core::moments::triggers::ALL_KINDS;
use crate::core::moments::{Trigger, TriggerKind};
use crate::core::Engine;

/// Display names and links the page gave for ids, used only to fill panels.
#[derive(Default)]
pub struct Labels(Vec<(String, Option<String>, Option<String>)>);

impl Labels {
    /// Remembers the text and link for `id`.
    pub fn add(&mut self, id: &str, text: Option<String>, url: Option<String>) {
        self.0.push((id.to_owned(), text, url));
    }

    /// Whether `id` already has a label.
    pub fn has(&self, id: &str) -> bool {
        self.0.iter().any(|(k, _, _)| k == id)
    }

    fn text<'a>(&'a self, id: &'a str) -> &'a str {
        self.0
            .iter()
            .find(|(k, _, _)| k == id)
            .and_then(|(_, t, _)| t.as_deref())
            .unwrap_or(id)
    }

    fn url(&self, id: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _, _)| k == id)
            .and_then(|(_, _, u)| u.as_deref())
            // Only relative and http(s) links are set as `href`; anything else (`javascript:`)
            // is dropped, as in recommendation slots.
            .filter(|u| crate::core::markup::is_safe_url(u))
    }
}

fn document() -> Option<Document> {
    let window = web_sys::window()?;
    prop_some(&window, "document").map(JsCast::unchecked_into)
}

thread_local! {
    /// The arm and segments last written on `<html>`: `track` calls [`mark_document`] after
    /// every event, and the values rarely change, so unchanged values touch no DOM.
    static MARKED: RefCell<Option<(&'static str, String)>> = const { RefCell::new(None) };
}

/// Writes `data-shelfwise-arm` and `data-shelfwise-segments` on `<html>` (CSS can use them;
/// nothing is sent) when they differ from what this page last wrote. Does nothing without a
/// document.
pub fn mark_document(engine: &Engine, now_ms: f64) {
    let marks = (engine.arm().name(), engine.segments(now_ms).joined());
    if MARKED.with_borrow(|last| last.as_ref() == Some(&marks)) {
        return;
    }
    let Some(html) = document()
        .and_then(|d| prop_some(&d, "documentElement"))
        .map(JsCast::unchecked_into::<Element>)
    else {
        return;
    };
    let _ = html.set_attribute("data-shelfwise-arm", marks.0);
    let _ = html.set_attribute("data-shelfwise-segments", &marks.1);
    MARKED.set(Some(marks));
}

fn template(doc: &Document, kind: TriggerKind) -> Option<HtmlTemplateElement> {
    // Built with `push_str`, not `concat`: no generic join code in the wasm.
    let mut selector = String::from("template[data-shelfwise-trigger=\"");
    selector.push_str(kind.name());
    selector.push_str("\"]");
    select(doc, &selector).ok()??.dyn_into().ok()
}

/// Trigger kinds the page has a template for.
pub fn available_kinds() -> Vec<TriggerKind> {
    let Some(doc) = document() else {
        return Vec::new();
    };
    let mut kinds = Vec::new();
    for k in ALL_KINDS {
        if template(&doc, k).is_some() {
            kinds.push(k);
        }
    }
    kinds
}

fn slots(root: &Element, name: &str) -> Vec<Element> {
    let mut selector = String::from("[data-shelfwise-slot=\"");
    selector.push_str(name);
    selector.push_str("\"]");
    let Ok(list) = select_all(root, &selector) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for i in 0..node_count(&list) {
        if let Ok(e) = nth(&list, i).dyn_into() {
            out.push(e);
        }
    }
    out
}

fn fill(doc: &Document, panel: &Element, t: &Trigger, labels: &Labels) {
    let count = crate::core::hash::decimal(t.items.len() as u32);
    let category = t.category.as_deref();
    let offer = t.offer.as_deref().map(|o| {
        if t.kind == TriggerKind::ContentSuggestion {
            labels.text(o)
        } else {
            o
        }
    });
    for (name, value) in [
        ("count", Some(count.as_str())),
        ("category", category),
        ("offer", offer),
    ] {
        for el in slots(panel, name) {
            set_text(&el, value);
        }
    }
    let link = t.offer.as_deref().or(t.items.first().map(String::as_str));
    for el in slots(panel, "link") {
        if let Some(url) = link.and_then(|id| labels.url(id)) {
            let _ = el.set_attribute("href", url);
        }
    }
    for list in slots(panel, "items") {
        let tag = if matches!(prop_text(&list, "tagName").as_str(), "UL" | "OL") {
            "li"
        } else {
            "span"
        };
        for id in &t.items {
            if let Some(entry) = element(doc, tag) {
                set_text(&entry, Some(labels.text(id)));
                let _ = entry.set_attribute("data-id", id);
                let _ = append(&list, &entry);
            }
        }
    }
}

/// `doc.createElement(tag)` through [`call`] (panels only: web-sys's import served these calls
/// alone); `None` if it throws, as web-sys's `Err`.
fn element(doc: &Document, tag: &str) -> Option<Element> {
    let el = call(doc, "createElement", &tag.into());
    (!el.is_undefined()).then(|| el.unchecked_into())
}

fn region(doc: &Document) -> Option<Element> {
    let region = match select(doc, "[data-shelfwise-moments]").ok()? {
        Some(r) => r,
        None => {
            let r = element(doc, "div")?;
            r.set_attribute("data-shelfwise-moments", "").ok()?;
            append(&prop_some(doc, "body")?.unchecked_into(), &r).ok()?;
            r
        }
    };
    if region.get_attribute("aria-live").is_none() {
        region.set_attribute("aria-live", "polite").ok()?;
    }
    Some(region)
}

/// Creates the polite live region ahead of time when the page has trigger templates, so the
/// first panel inserted into it is announced.
pub fn prepare_region() {
    if let Some(doc) = document() {
        if ALL_KINDS.iter().any(|k| template(&doc, *k).is_some()) {
            let _ = region(&doc);
        }
    }
}

fn dismiss_all() {
    if let Some(doc) = document() {
        if let Ok(list) = select_all(&doc, "[data-shelfwise-moment]") {
            for i in 0..node_count(&list) {
                if let Ok(panel) = nth(&list, i).dyn_into::<Element>() {
                    let _ = call0(&panel, "remove");
                }
            }
        }
    }
}

fn reduced_motion() -> bool {
    web_sys::window()
        .map(|w| {
            let query = JsValue::from_str("(prefers-reduced-motion: reduce)");
            call(&w, "matchMedia", &query)
        })
        .is_some_and(|m| prop(&m, "matches").is_truthy())
}

fn on(target: &web_sys::EventTarget, event: &str, mut f: impl FnMut(web_sys::Event) + 'static) {
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| f(e.unchecked_into()));
    let cb = cb.into_js_value();
    let _ = target.add_event_listener_with_callback(event, cb.unchecked_ref());
}

/// Renders `t` from its template. Fails soft: without a template or a body nothing happens.
pub fn show(t: &Trigger, labels: &Labels) -> Option<()> {
    let doc = document()?;
    let template = template(&doc, t.kind)?;
    let content = call(&prop(&template, "content"), "cloneNode", &JsValue::TRUE);
    if content.is_undefined() {
        return None;
    }
    let content: web_sys::Node = content.unchecked_into();
    let panel = element(&doc, "div")?;
    panel
        .set_attribute("data-shelfwise-moment", t.kind.name())
        .ok()?;
    let motion = if reduced_motion() { "reduce" } else { "full" };
    panel.set_attribute("data-shelfwise-motion", motion).ok()?;
    append(&panel, &content).ok()?;
    fill(&doc, &panel, t, labels);
    let button = match select(&panel, "[data-shelfwise-dismiss]").ok()? {
        Some(b) => b,
        None => {
            let b = element(&doc, "button")?;
            b.set_attribute("type", "button").ok()?;
            b.set_attribute("data-shelfwise-dismiss", "").ok()?;
            b.set_attribute("aria-label", "Dismiss").ok()?;
            set_text(&b, Some("×"));
            append(&panel, &b).ok()?;
            b
        }
    };
    on(&button, "click", |_| dismiss_all());
    on(&doc, "keydown", |e| {
        if e.dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|k| prop_text(k, "key") == "Escape")
        {
            dismiss_all();
        }
    });
    let region = region(&doc)?;
    append(&region, &panel).ok()?;
    Some(())
}
