//! Browser tests (headless Chrome): what only a browser has — localStorage round trips,
//! corrupt and unavailable storage, the JS error boundary.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Reflect};
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

#[wasm_bindgen_test]
async fn profile_survives_dropping_the_engine() {
    js("localStorage.removeItem('rt:v1:profile');");
    let e = Engine::new(obj("{ namespace: 'rt' }")).unwrap();
    assert_eq!(e.storage_mode(), "local");
    assert_eq!(e.storage_key(), "rt:v1:profile");
    e.track(view("sku-1", "shoes")).unwrap();
    e.track(view("sku-2", "shoes")).unwrap();
    drop(e); // engine.free() in JS: pending writes are flushed
    let stored = storage_get("rt:v1:profile").expect("profile written");
    assert!(stored.contains("sku-2") && stored.len() <= 16 * 1024);
    let again = Engine::new(obj("{ namespace: 'rt' }")).unwrap();
    assert_eq!(recently_viewed(&again), vec!["sku-2", "sku-1"]);
    // The restored profile ranks shoes first.
    let items = obj("[{ id: 'h', category: ['hats'] }, { id: 's', category: ['shoes'] }]");
    assert_eq!(
        again.rank(items, JsValue::UNDEFINED).unwrap(),
        vec!["s", "h"]
    );
    again.reset().unwrap();
    assert_eq!(storage_get("rt:v1:profile"), None);
}

#[wasm_bindgen_test]
async fn writes_happen_off_the_tracking_call() {
    js("localStorage.removeItem('async:v1:profile');");
    let e = Engine::new(obj("{ namespace: 'async' }")).unwrap();
    e.track(view("a", "bags")).unwrap();
    assert_eq!(
        storage_get("async:v1:profile"),
        None,
        "not written inside track()"
    );
    next_tick().await;
    assert!(storage_get("async:v1:profile").unwrap().contains("\"a\""));
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn corrupt_storage_is_backed_up_and_replaced_with_one_warning() {
    let warnings = count_warnings(|| {
        for (ns, blob) in [
            ("c1", "{not json"),
            ("c2", "{\"v\":99,\"a\":[]}"),
            ("c3", "{\"v\":1,\"a\":\"oops\"}"),
        ] {
            js(&format!("localStorage.setItem('{ns}:v1:profile', {blob:?}); localStorage.removeItem('{ns}:v1:profile:backup');"));
            let e = Engine::new(obj(&format!("{{ namespace: '{ns}' }}")))
                .expect("no exception to the page");
            assert!(recently_viewed(&e).is_empty(), "fresh profile for {ns}");
            assert_eq!(
                storage_get(&format!("{ns}:v1:profile:backup")).as_deref(),
                Some(blob),
                "blob kept for {ns}"
            );
            e.track(view("x", "hats")).unwrap();
            e.flush().unwrap();
            assert!(storage_get(&format!("{ns}:v1:profile"))
                .unwrap()
                .starts_with("{\"v\":2"));
            e.reset().unwrap();
        }
    });
    // Warnings are once per kind per page, and other tests in this page may have warned first.
    assert!(warnings <= 1, "one console warning, not one per problem");
}

#[wasm_bindgen_test]
fn storage_that_throws_means_memory_mode() {
    js("window.__ls = Object.getOwnPropertyDescriptor(window, 'localStorage'); Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } });");
    let warnings = count_warnings(|| {
        let e = Engine::new(JsValue::UNDEFINED).expect("no exception to the page");
        assert_eq!(e.storage_mode(), "memory");
        e.track(view("m1", "socks")).unwrap();
        e.flush().unwrap();
        assert_eq!(recently_viewed(&e), vec!["m1"]);
        let items = obj("[{ id: 'h', category: ['hats'] }, { id: 's', category: ['socks'] }]");
        assert_eq!(e.rank(items, JsValue::UNDEFINED).unwrap(), vec!["s", "h"]);
        let _second = Engine::new(JsValue::UNDEFINED).unwrap();
    });
    js("if (window.__ls) { Object.defineProperty(window, 'localStorage', window.__ls); } else { delete window.localStorage; }");
    assert!(warnings <= 1, "at most one warning ({warnings})");
    assert_eq!(
        js("return typeof localStorage.getItem;")
            .as_string()
            .unwrap(),
        "function"
    );
}

#[wasm_bindgen_test]
fn setitem_failures_keep_the_profile_in_memory() {
    js("window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function() { throw new DOMException('full', 'QuotaExceededError'); };");
    let e = Engine::new(obj("{ namespace: 'quota' }")).unwrap();
    e.track(view("q1", "socks")).unwrap();
    let flushed = e.flush();
    js("Storage.prototype.setItem = window.__setItem;");
    assert!(flushed.is_ok(), "no exception reaches the page");
    assert_eq!(recently_viewed(&e), vec!["q1"]);
    e.flush().unwrap();
    assert!(
        storage_get("quota:v1:profile").unwrap().contains("q1"),
        "written once storage works again"
    );
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn invalid_input_throws_errors_naming_the_field() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    let cases = [
        ("{ type: 'teleport' }", "type"),
        ("{ item: { id: 'a' } }", "type"),
        ("{ type: 'view_item', item: { price: 3 } }", "item.id"),
        (
            "{ type: 'view_item', item: { id: 'a', price: NaN } }",
            "item.price",
        ),
        (
            "{ type: 'view_item', item: { id: 'a', price: Infinity } }",
            "item.price",
        ),
        (
            "{ type: 'view_item', item: { id: 'a', price: 'cheap' } }",
            "item.price",
        ),
        (
            "{ type: 'view_item', item: { id: 'x'.repeat(201) } }",
            "item.id",
        ),
        (
            "{ type: 'purchase', items: Array.from({ length: 201 }, (_, i) => ({ id: 'i' + i })) }",
            "items",
        ),
        (
            "{ type: 'purchase', items: [{ id: 'a' }, { id: 'b', quantity: -1 }] }",
            "items[1].quantity",
        ),
        ("{ type: 'search', query: 'q'.repeat(201) }", "query"),
        (
            "{ type: 'dwell', item: { id: 'a' }, seconds: NaN }",
            "seconds",
        ),
        ("'view_item'", "event"),
    ];
    for (event, field) in cases {
        let msg = error_message(e.track(obj(event)));
        assert!(msg.contains(field), "{event}: {msg:?} should name {field}");
    }
    assert!(recently_viewed(&e).is_empty(), "the profile is unchanged");
    let msg = error_message(e.rank(
        obj("[{ id: 'a' }, { id: 'b', score: 'high' }]"),
        JsValue::UNDEFINED,
    ));
    assert!(msg.contains("items[1].score"), "{msg}");
    let msg = error_message(e.rank(
        obj("Array.from({ length: 10001 }, (_, i) => ({ id: 'i' + i }))"),
        JsValue::UNDEFINED,
    ));
    assert!(msg.contains("items"), "{msg}");
    let msg = error_message(e.rank(obj("[{ id: 'a' }]"), obj("{ impact: 2 }")));
    assert!(msg.contains("options.impact"), "{msg}");
    let msg = error_message(e.rank(obj("'a,b'"), JsValue::UNDEFINED));
    assert!(msg.contains("items"), "{msg}");
    let msg = error_message(Engine::new(obj("{ halfLifeDays: 'long' }")));
    assert!(msg.contains("config.halfLifeDays"), "{msg}");
    let msg = error_message(Engine::new(obj("{ storage: 'cloud' }")));
    assert!(msg.contains("config.storage"), "{msg}");
}

#[wasm_bindgen_test]
fn ga4_items_and_numeric_ids_are_accepted() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    e.track(obj("{ event: 'add_to_cart', items: [{ item_id: 42, item_name: 'Trail shoe', item_brand: 'Acme', item_category: 'Shoes', item_category2: 'Trail', price: 80, quantity: 2 }] }")).unwrap();
    let snap = e.profile().unwrap();
    let cart: Array = Reflect::get(&snap, &"cart".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(cart.get(0).as_string().unwrap(), "42");
    let items = obj("[{ id: 1, category: ['Hats'] }, { id: 2, category: ['Shoes', 'Trail'] }]");
    assert_eq!(e.rank(items, JsValue::UNDEFINED).unwrap(), vec!["2", "1"]);
    let why = e.explain("2").unwrap();
    let contributions: Array = Reflect::get(&why, &"contributions".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    let top = contributions.get(0);
    assert_eq!(
        Reflect::get(&top, &"kind".into())
            .unwrap()
            .as_string()
            .unwrap(),
        "category"
    );
    assert_eq!(
        Reflect::get(&top, &"value".into())
            .unwrap()
            .as_string()
            .unwrap(),
        "shoes>trail"
    );
    assert!(e.explain("nope").unwrap().is_undefined());
}

#[wasm_bindgen_test]
fn max_profile_bytes_that_is_no_finite_number_keeps_its_default() {
    // README "Settings": NaN and ±Infinity leave a setting at its default (16384); Infinity
    // was read as 0, which the core raised to the 2048-byte minimum.
    let key = "w-max-bytes:v1:profile";
    js(&format!("localStorage.removeItem('{key}');"));
    let e = Engine::new(obj(
        "{ namespace: 'w-max-bytes', maxProfileBytes: Infinity }",
    ))
    .unwrap();
    for i in 0..30 {
        let long = "x".repeat(90);
        e.track(obj(&format!(
            "{{ type: 'view_item', item: {{ id: 'item-{i}-{long}', category: ['c{i}-{long}'] }} }}"
        )))
        .unwrap();
    }
    e.flush().unwrap();
    let stored = js(&format!("return localStorage.getItem('{key}').length;"));
    let bytes = stored.as_f64().unwrap();
    assert!(
        bytes > 4096.0,
        "maxProfileBytes: Infinity kept {bytes} bytes"
    );
}
