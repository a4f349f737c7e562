//! Browser test (headless Chrome) of a product page's product in script-tag auto mode: it is
//! the product as the page described it when auto mode started. An add-to-cart button that
//! names no item of its own adds that product, also after the page changed the element that
//! marked it (auto mode reads each event's item from a copy taken at start).
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

fn texts(v: JsValue) -> Vec<String> {
    let list: Array = v.dyn_into().unwrap();
    list.iter().map(|v| v.as_string().unwrap()).collect()
}

#[wasm_bindgen_test]
fn the_page_product_is_the_one_marked_at_start() {
    js("const d = document.createElement('div'); d.innerHTML = \
        '<div id=\"pp\" data-sw-product=\" p-1 \" data-sw-category=\"Hats > Sun\" \
         data-sw-price=\"20\">sun hat</div><button id=\"add\" data-sw-add-to-cart=\"\">add</button>'; \
        document.body.append(d);");
    let e = Engine::new(js("return { storage: 'memory' };")).unwrap();
    let _auto = start_auto(&e, JsValue::UNDEFINED).unwrap();
    assert_eq!(recently_viewed(&e), ["p-1"]);

    // The page changes the marked element after start: the product stays the one it marked.
    js(
        "const p = document.getElementById('pp'); p.dataset.swProduct = 'p-2'; \
        p.dataset.swCategory = 'Bags'; p.dataset.swPrice = '900';",
    );
    js("document.getElementById('add').click();");
    js("document.getElementById('add').click();");
    let profile = e.profile().unwrap();
    assert_eq!(texts(field(&profile, "cart")), ["p-1"]);
    let interests: Array = field(&profile, "interests").dyn_into().unwrap();
    let values: Vec<String> = interests
        .iter()
        .map(|i| field(&i, "value").as_string().unwrap())
        .collect();
    assert!(values.iter().any(|v| v == "hats>sun"), "{values:?}");
    assert!(!values.iter().any(|v| v == "bags"), "{values:?}");
    assert_eq!(recently_viewed(&e), ["p-1"]);
}
