//! Browser tests (headless Chrome): what only a browser has — localStorage round trips,
//! corrupt and unavailable storage, the JS error boundary.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Function, Reflect};
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Runs a snippet of page JavaScript and returns its value.
fn js(code: &str) -> JsValue {
    Function::new_no_args(code)
        .call0(&JsValue::NULL)
        .unwrap_or_else(|e| {
            panic!(
                "{code}: {}",
                js_sys::JSON::stringify(&e)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default()
                    + &format!("{e:?}")
            )
        })
}

fn obj(code: &str) -> JsValue {
    js(&format!("return {code};"))
}

fn storage_get(key: &str) -> Option<String> {
    js(&format!("return localStorage.getItem({key:?});")).as_string()
}

async fn next_tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// Counts console.warn calls made while `f` runs.
fn count_warnings(f: impl FnOnce()) -> u32 {
    js("window.__warns = 0; window.__warn = console.warn; console.warn = function() { window.__warns++; window.__warn.apply(console, arguments); };");
    f();
    js("console.warn = window.__warn;");
    js("return window.__warns;").as_f64().unwrap() as u32
}

fn view(id: &str, category: &str) -> JsValue {
    obj(&format!("{{ type: 'view_item', item: {{ id: {id:?}, category: [{category:?}], brand: 'acme', price: 20 }} }}"))
}

fn recently_viewed(e: &Engine) -> Vec<String> {
    let snap = e.profile().unwrap();
    let list: Array = Reflect::get(&snap, &"recentlyViewed".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    list.iter().map(|v| v.as_string().unwrap()).collect()
}

fn error_message(r: Result<impl Sized, wasm_bindgen::JsError>) -> String {
    let Err(e) = r else {
        panic!("expected an error")
    };
    let v: JsValue = e.into();
    assert!(v.is_instance_of::<js_sys::Error>(), "a real Error object");
    Reflect::get(&v, &"message".into())
        .unwrap()
        .as_string()
        .unwrap()
}

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

const PROFILE_V1: &str = include_str!("fixtures/profile-v1.json");

fn number_of(v: &JsValue, key: &str) -> f64 {
    Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
}

fn set_item(key: &str, value: &str) {
    let f = Function::new_with_args("k, v", "localStorage.setItem(k, v);");
    f.call2(&JsValue::NULL, &key.into(), &value.into()).unwrap();
}

#[wasm_bindgen_test]
fn hostile_stored_blobs_are_recovered_and_kept_in_the_backup() {
    let random_bytes: String = (0u32..600)
        .map(|i| char::from_u32((i * 7919 + 13) % 0xD7FF).unwrap_or('?'))
        .collect();
    let many: Vec<String> = (0..5000).map(|i| format!("\"{i}\"")).collect();
    let too_many = format!("{{\"v\":2,\"rv\":[{}]}}", many.join(","));
    let now_min = (js_sys::Date::now() / 60_000.0) as u64;
    let blobs: Vec<(&str, String, bool)> = vec![
        // (name, blob, is the repaired profile expected to keep some data)
        ("bytes", random_bytes, false),
        ("empty", String::new(), false),
        ("array", "[]".into(), false),
        ("string", "\"profile\"".into(), false),
        ("number", "42".into(), false),
        ("null", "null".into(), false),
        ("nan", "{\"v\":NaN}".into(), false),
        ("v-type", "{\"v\":\"2\"}".into(), false),
        ("a-type", "{\"v\":2,\"a\":[[\"c:x\",\"1\",1,1]]}".into(), false),
        ("time-huge", "{\"v\":2,\"c\":1e20}".into(), false),
        ("future", "{\"v\":3,\"a\":[]}".into(), false),
        ("no-schema", "{\"a\":[[\"c:x\",1,1,1]]}".into(), false),
        ("too-many", too_many, false),
        // Recent times (retention would rightly drop a profile idle for months).
        ("infinite", format!("{{\"v\":2,\"u\":{now_min},\"a\":[[\"c:inf\",1e400,1,{now_min}],[\"c:ok\",2,0,{now_min}]],\"rv\":[\"kept\"]}}"), true),
        ("writers", format!("{{\"v\":2,\"u\":{now_min},\"rv\":[\"kept\"],\"w\":[[0,1],[5,6],[5,7]]}}"), true),
    ];
    let warnings = count_warnings(|| {
        for (name, blob, keeps) in blobs {
            let ns = format!("hostile-{name}");
            let key = format!("{ns}:v1:profile");
            js(&format!("localStorage.removeItem('{key}:backup');"));
            set_item(&key, &blob);
            let e = Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).expect("no exception");
            assert_eq!(
                storage_get(&format!("{key}:backup")).as_deref(),
                Some(blob.as_str()),
                "{name}: the original is kept for inspection"
            );
            assert_eq!(recently_viewed(&e) == vec!["kept"], keeps, "{name}");
            e.track(view("fresh", "hats")).unwrap();
            e.flush().unwrap();
            let stored = storage_get(&key).unwrap();
            assert!(
                stored.starts_with("{\"v\":2"),
                "{name}: replaced by a good profile"
            );
            assert!(stored.contains("fresh"));
            e.reset().unwrap();
        }
    });
    assert!(warnings <= 1, "{warnings} warnings for 15 bad blobs");
}

#[wasm_bindgen_test]
fn the_v1_fixture_migrates_in_the_browser() {
    js("localStorage.removeItem('mig:v1:profile:backup');");
    set_item("mig:v1:profile", PROFILE_V1.trim());
    let e = Engine::new(obj("{ namespace: 'mig' }")).unwrap();
    assert_eq!(recently_viewed(&e), vec!["4711", "sku-102", "sku-101"]);
    let snap = e.profile().unwrap();
    assert_eq!(number_of(&snap, "events"), 9.0);
    assert_eq!(number_of(&snap, "schema"), 2.0);
    assert_eq!(
        storage_get("mig:v1:profile:backup"),
        None,
        "a migration is not a corruption"
    );
    e.track(view("n1", "hats")).unwrap();
    e.flush().unwrap();
    let stored = storage_get("mig:v1:profile").unwrap();
    assert!(stored.starts_with("{\"v\":2") && stored.contains("\"w\":[["));
    assert!(stored.contains("sku-101") && stored.contains("b:Élan"));
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn engines_sharing_storage_merge_and_follow_storage_events() {
    js("localStorage.removeItem('share:v1:profile');");
    let a = Engine::new(obj("{ namespace: 'share' }")).unwrap();
    let b = Engine::new(obj("{ namespace: 'share' }")).unwrap();
    for i in 0..20 {
        a.track(view(&format!("a{i}"), "shoes")).unwrap();
        b.track(view(&format!("b{i}"), "bags")).unwrap();
        a.flush().unwrap();
        b.flush().unwrap();
    }
    let stored = storage_get("share:v1:profile").unwrap();
    assert!(
        stored.contains("\"n\":40,"),
        "read-merge-write keeps both: {stored}"
    );
    // The same page gets no storage event for its own writes: send the one another tab
    // would receive, and both engines adopt the merged profile.
    let dispatch = Function::new_with_args(
        "v",
        "window.dispatchEvent(new StorageEvent('storage', { key: 'share:v1:profile', newValue: v }));",
    );
    dispatch
        .call1(&JsValue::NULL, &stored.clone().into())
        .unwrap();
    for e in [&a, &b] {
        assert_eq!(number_of(&e.profile().unwrap(), "events"), 40.0);
    }
    // A reset in another tab (key removed) is adopted, not undone.
    js("localStorage.removeItem('share:v1:profile'); window.dispatchEvent(new StorageEvent('storage', { key: 'share:v1:profile', newValue: null }));");
    for e in [&a, &b] {
        assert_eq!(number_of(&e.profile().unwrap(), "events"), 0.0);
        e.flush().unwrap();
    }
    assert_eq!(storage_get("share:v1:profile"), None);
    // Other keys' events are ignored.
    js("window.dispatchEvent(new StorageEvent('storage', { key: 'unrelated', newValue: 'x' }));");
    a.reset().unwrap();
}
