//! Browser tests (headless Chrome) of script-tag auto mode on a live DOM: reordering moves the
//! same nodes, a cold profile changes nothing, bad markup keeps the server order, bad options
//! throw an `Error` naming the field; every recommendation slot kind is filled from the page's
//! `data-sw-popularity` and `data-sw-item-data` blocks, and a bad block warns once; a product
//! page's product stays the one marked at start when the page changes the element afterwards.
//! (The demo-shop e2e suite covers whole pages.)
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Reflect};
use shelfwise::web::{start_auto, Engine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

/// Replaces the test area with `html` (a fresh set of managed lists for each test).
fn page(html: &str) {
    js(&format!(
        "document.querySelectorAll('[data-sw-list], [data-sw-slot], script[type=\"application/json\"]').forEach((e) => e.remove());\
         const d = document.createElement('div'); d.innerHTML = {html:?}; document.body.append(d);"
    ));
}

fn ids(selector: &str) -> Vec<String> {
    let list: Array = js(&format!(
        "return [...document.querySelectorAll('{selector} > [data-sw-id]')].map((e) => e.dataset.swId);"
    ))
    .dyn_into()
    .unwrap();
    list.iter().map(|v| v.as_string().unwrap()).collect()
}

fn memory_engine() -> Engine {
    Engine::new(js("return { storage: 'memory' };")).unwrap()
}

const GRID: &str = r#"<ul id="g" data-sw-list="grid">
  <li data-sw-id="1" data-sw-category="Bags">bag</li>
  <li data-sw-id="2" data-sw-category="Shoes > Running">shoe</li>
  <li data-sw-id="3" data-sw-category="Hats">hat</li>
  <li class="more">more…</li>
</ul>"#;

#[wasm_bindgen_test]
fn a_cold_profile_leaves_every_node_where_it_is() {
    page(GRID);
    js("window.__mo = new MutationObserver(() => {}); window.__mo.observe(document.getElementById('g'), { childList: true });");
    let _auto = start_auto(&memory_engine(), JsValue::UNDEFINED).unwrap();
    assert_eq!(ids("#g"), ["1", "2", "3"]);
    // Records are delivered as a microtask: take the pending ones; there must be none.
    assert_eq!(
        js("return window.__mo.takeRecords().length;").as_f64(),
        Some(0.0)
    );
}

#[wasm_bindgen_test]
fn interests_reorder_by_moving_the_same_nodes() {
    page(GRID);
    js("window.__nodes = [...document.querySelectorAll('#g > li')];");
    let engine = memory_engine();
    engine
        .track(js(
            "return { type: 'view_item', item: { id: 'x', category: ['Hats'] } };",
        ))
        .unwrap();
    js("window.__mo = new MutationObserver(() => {}); window.__mo.observe(document.getElementById('g'), { childList: true });");
    let _auto = start_auto(&engine, JsValue::UNDEFINED).unwrap();
    assert_eq!(ids("#g"), ["3", "1", "2"]);
    // One batch: the items leave into one fragment and come back in one insertion.
    let inserted =
        js("return window.__mo.takeRecords().filter((r) => r.addedNodes.length > 0).length;");
    assert_eq!(
        inserted.as_f64(),
        Some(1.0),
        "one insertion for the whole list"
    );
    let same = js("return [...document.querySelectorAll('#g > [data-sw-id]')].every((e) => window.__nodes.includes(e));");
    assert_eq!(same.as_bool(), Some(true), "the same nodes, moved");
    let last = js("return document.querySelector('#g').lastElementChild.className;");
    assert_eq!(
        last.as_string().as_deref(),
        Some("more"),
        "non-item children keep their place"
    );
}

#[wasm_bindgen_test]
fn repeated_ids_keep_the_server_order() {
    page(
        r#"<ul id="d" data-sw-list="grid"><li data-sw-id="a" data-sw-category="Hats"></li><li data-sw-id="b"></li><li data-sw-id="a"></li></ul>"#,
    );
    let engine = memory_engine();
    engine
        .track(js(
            "return { type: 'view_item', item: { id: 'x', category: ['Hats'] } };",
        ))
        .unwrap();
    let _auto = start_auto(&engine, JsValue::UNDEFINED).unwrap();
    assert_eq!(ids("#d"), ["a", "b", "a"]);
}

#[wasm_bindgen_test]
fn bad_options_throw_an_error_naming_the_field() {
    page("");
    let Err(e) = start_auto(&memory_engine(), js("return { searchParam: 'q\"]' };")) else {
        panic!("expected an error")
    };
    let v: JsValue = e.into();
    let message = Reflect::get(&v, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(message.contains("options.searchParam"), "{message}");
}

// Recommendation slots filled from the page's data blocks.

fn strings(code: &str) -> Vec<String> {
    texts(js(code))
}

fn slot(kind: &str) -> Vec<String> {
    strings(&format!(
        "return [...document.querySelectorAll('[data-sw-slot=\"{kind}\"] [data-sw-filled]')].map((e) => e.dataset.swId);"
    ))
}

const TEMPLATE: &str = r#"<template><li><span data-sw-field="name"></span></li></template>"#;

fn slots_html(popularity: &str) -> String {
    let catalog: String = ["p1", "p2", "p3", "p4", "n1", "n2", "x", "y"]
        .iter()
        .map(|id| format!(r#""{id}":{{"name":"Name {id}"}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let s = |kind: &str, extra: &str| {
        format!(
            r#"<section data-sw-slot="{kind}" data-sw-limit="3" {extra} hidden><h2>Because you viewed <b data-sw-anchor-field="name"></b></h2>{TEMPLATE}</section>"#
        )
    };
    format!(
        r#"<script type="application/json" data-sw-catalog>{{{catalog}}}</script>
<script type="application/json" data-sw-popularity>{popularity}</script>
<script type="application/json" data-sw-item-data data-sw-item="x">{{"related":[["n1",900],["unknown",800],["n2",700]]}}</script>
{}{}{}{}{}{}"#,
        s("picked-for-you", ""),
        s("top-sellers", ""),
        s("related", r#"data-sw-item="x""#),
        s("bought-together", r#"data-sw-item="x""#),
        s("because-you-viewed", ""),
        s("recently-viewed", ""),
    )
}

const POPULARITY: &str = r#"{"overall":[["p1",9],["p2",8],["p3",7],["p4",6]]}"#;

#[wasm_bindgen_test]
fn every_slot_kind_is_filled_from_the_page_data() {
    page(&slots_html(POPULARITY));
    let engine = memory_engine();
    let auto = start_auto(&engine, JsValue::UNDEFINED).unwrap();
    // The neighbours the page handed over count for "picked for you"; popularity fills in.
    assert_eq!(slot("picked-for-you"), ["n1", "n2", "p1"]);
    assert_eq!(
        slot("top-sellers"),
        ["p1", "p2", "p3"],
        "no categories yet: popularity"
    );
    // x's neighbours (an id without display data is skipped), then popularity.
    assert_eq!(slot("related"), ["n1", "n2", "p1"]);
    assert_eq!(slot("bought-together"), ["n1", "n2", "p1"]);
    assert!(slot("because-you-viewed").is_empty(), "nothing viewed yet");
    assert!(slot("recently-viewed").is_empty());
    assert_eq!(
        js("return document.querySelector('[data-sw-slot=\"because-you-viewed\"]').hidden;"),
        JsValue::TRUE
    );

    // View x (its data was cached by the page), then another item: X is x, and it is named.
    for id in ["x", "y"] {
        engine
            .track(js(&format!(
                "return {{ type: 'view_item', item: {{ id: '{id}' }} }};"
            )))
            .unwrap();
    }
    auto.refresh();
    assert_eq!(slot("because-you-viewed"), ["n1", "n2", "p1"]);
    assert_eq!(
        js("return document.querySelector('[data-sw-slot=\"because-you-viewed\"] [data-sw-anchor-field]').textContent;"),
        JsValue::from("Name x")
    );
    assert_eq!(slot("recently-viewed"), ["y", "x"]);
}

#[wasm_bindgen_test]
fn a_bad_block_is_skipped_with_one_warning() {
    js("window.__warnings = []; window.__warn = console.warn; console.warn = (m) => window.__warnings.push(String(m));");
    page(&slots_html("{ not json"));
    let _auto = start_auto(&memory_engine(), JsValue::UNDEFINED).unwrap();
    let _again = start_auto(&memory_engine(), JsValue::UNDEFINED).unwrap();
    js("console.warn = window.__warn;");
    let warnings = strings("return window.__warnings;");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("data-sw-popularity"), "{warnings:?}");
    // The item data still arrived: related shows x's neighbours, with no popularity to fill in.
    assert_eq!(slot("related"), ["n1", "n2"]);
    assert!(slot("top-sellers").is_empty());
}

fn texts(v: JsValue) -> Vec<String> {
    let list: Array = v.dyn_into().unwrap();
    list.iter().map(|v| v.as_string().unwrap()).collect()
}

#[wasm_bindgen_test]
fn the_page_product_is_the_one_marked_at_start() {
    js("const d = document.createElement('div'); d.id = 'product-page'; d.innerHTML = \
        '<div id=\"pp\" data-sw-product=\" p-1 \" data-sw-category=\"Hats > Sun\" \
         data-sw-price=\"20\">sun hat</div><button id=\"add\" data-sw-add-to-cart=\"\">add</button>'; \
        document.body.append(d);");
    let e = memory_engine();
    let _auto = start_auto(&e, JsValue::UNDEFINED).unwrap();
    assert_eq!(recently_viewed(&e), ["p-1"]);

    // The page changes the marked element after start: the product stays the one it marked.
    js(
        "const p = document.getElementById('pp'); p.dataset.swProduct = 'p-2'; \
        p.dataset.swCategory = 'Bags'; p.dataset.swPrice = '900';",
    );
    js("document.getElementById('add').click(); document.getElementById('product-page').remove();");
    let profile = e.profile().unwrap();
    assert_eq!(texts(field(&profile, "cart")), ["p-1"]);
    let interests: Array = field(&profile, "interests").dyn_into().unwrap();
    let values: Vec<String> = interests
        .iter()
        .map(|i| field(&i, "value").as_string().unwrap())
        .collect();
    assert!(values.iter().any(|v| v == "hats>sun"), "{values:?}");
    assert!(!values.iter().any(|v| v == "bags"), "{values:?}");
}
