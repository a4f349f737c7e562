//! Browser tests (headless Chrome): recommendation slots whose display data comes from the
//! page's own product cards (`data-sw-id` + `data-sw-name`, no `data-sw-catalog` block). The
//! copies a slot shows carry `data-sw-id` too; they must never stand in for the cards.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::Array;
use shelfwise::web::{start_auto, Engine};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

fn slot_names(kind: &str) -> Vec<String> {
    let list: Array = js(&format!(
        "return [...document.querySelectorAll('[data-sw-slot=\"{kind}\"] [data-sw-filled]')]\
         .map((e) => e.dataset.swId + ':' + e.textContent);"
    ))
    .dyn_into()
    .unwrap();
    list.iter().map(|v| v.as_string().unwrap()).collect()
}

const SLOT: &str = r#"data-sw-limit="3" hidden><template><li><span data-sw-field="name"></span></li></template></section>"#;

#[wasm_bindgen_test]
fn every_slot_finds_the_cards_display_data_not_another_slots_copies() {
    js(&format!(
        "document.querySelectorAll('[data-sw-list], [data-sw-slot], script[type=\"application/json\"]').forEach((e) => e.remove());\
         const d = document.createElement('div'); d.innerHTML = {:?}; document.body.append(d);",
        format!(
            r#"<script type="application/json" data-sw-popularity>{{"overall":[["p1",9],["p2",8],["p3",7]]}}</script>
<section data-sw-slot="top-sellers" {SLOT}
<section data-sw-slot="picked-for-you" {SLOT}
<div class="cards">
  <a data-sw-id="p1" data-sw-name="One">One</a>
  <a data-sw-id="p2" data-sw-name="Two">Two</a>
  <a data-sw-id="p3" data-sw-name="Three">Three</a>
</div>"#
        )
    ));
    let engine = Engine::new(js("return { storage: 'memory' };")).unwrap();
    let auto = start_auto(&engine, JsValue::UNDEFINED).unwrap();
    let all = ["p1:One", "p2:Two", "p3:Three"];
    assert_eq!(slot_names("top-sellers"), all);
    assert_eq!(
        slot_names("picked-for-you"),
        all,
        "the first slot's copies come first in the page"
    );
    auto.refresh();
    assert_eq!(slot_names("top-sellers"), all, "after refresh");
    assert_eq!(slot_names("picked-for-you"), all, "after refresh");
}
