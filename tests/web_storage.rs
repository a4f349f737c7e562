//! Browser tests (headless Chrome) for stored data: hostile and foreign blobs, the first
//! released schema, and several engines (tabs) sharing one localStorage.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Function, Reflect};
use shelfwise::web::Engine;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

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
    // `b:Élan`, stored before non-ASCII capitals folded, is written back folded.
    assert!(stored.contains("sku-101") && stored.contains("b:élan"));
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

/// The stored text, decoded and encoded again by serde from the core types, is byte for byte
/// what the engine wrote: the hand-written encoder (`src/web/profile_writer.rs`) keeps the
/// layout serde gives those types, field order included. `exportProfile` gives the same value.
#[wasm_bindgen_test]
fn the_stored_layout_is_the_one_serde_gives_the_core_types() {
    use serde::Serialize;
    js("localStorage.clear();");
    let engine = Engine::new(obj("{ namespace: 'layout' }")).unwrap();
    for event in [
        "{ type: 'view_item', item: { id: 'a', category: ['Shoes', 'Running'], brand: 'Acme', price: 80, tags: ['trail'], facets: { color: 'red' } } }",
        "{ type: 'view_item', item: { id: 'e', category: ['Shoes'], price: 12.5 } }",
        "{ type: 'add_to_cart', items: [{ id: 'a', category: ['Shoes'] }] }",
        "{ type: 'purchase', items: [{ id: 'b', category: ['Bags'] }] }",
        "{ type: 'search', query: 'rain jacket' }",
        "{ type: 'dwell', item: { id: 'c', category: ['Hats'] }, seconds: 30 }",
        "{ type: 'view_item', item: { id: 'f', category: ['Socks'], price: 9 } }",
    ] {
        engine.track(obj(event)).unwrap();
    }
    let data = obj("{ related: [['b', 800], ['c', 300]], boughtTogether: [['d', 500]] }");
    engine.add_item_data(JsValue::from_str("a"), data).unwrap();
    engine.prefer(obj("{ id: 'c' }")).unwrap();
    engine.avoid(obj("{ category: ['Bags'] }")).unwrap();
    for paused in [false, true] {
        if paused {
            engine.pause().unwrap();
        }
        engine.flush().unwrap();
        let stored = storage_get(&engine.storage_key()).unwrap();
        for key in [
            "\"a\":[[",
            "\"rv\":[\"f\",\"e\",\"a\"]",
            "\"hv\":[[",
            "\"x\":[[",
            "\"nb\":{\"t\":",
            "\"w\":[[",
            // What items taught (`it`): `[[id, long, session, at, counted], [keys…]]`.
            "\"it\":[[[\"f\",",
        ] {
            assert!(stored.contains(key), "{key} in {stored}");
        }
        assert_eq!(stored.contains(",\"z\":true,"), paused, "{stored}");
        let decoded: shelfwise::Profile =
            serde_wasm_bindgen::from_value(js_sys::JSON::parse(&stored).unwrap()).unwrap();
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let again = decoded.serialize(&serializer).unwrap();
        let text = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
        assert_eq!(text(&again), stored);
        assert_eq!(text(&engine.export_profile().unwrap()), stored);
    }
}

/// Stored lists cross from JS in one call each (`src/web/stored_list.rs`, `js/stored.js`): texts
/// holding "\0" or characters outside the BMP keep every character, four-entry interests (from
/// before per-interest counts) start at count 0, an odd choice sign is repaired, and a wrongly
/// typed entry still makes the whole blob unreadable.
#[wasm_bindgen_test]
fn stored_lists_keep_every_text_and_the_type_rules() {
    let now = (js_sys::Date::now() / 60_000.0) as u64;
    let load = |name: &str, blob: &str| {
        let key = format!("sl-{name}:v1:profile");
        js(&format!("localStorage.removeItem('{key}:backup');"));
        set_item(&key, blob);
        let e = Engine::new(obj(&format!("{{ namespace: 'sl-{name}' }}"))).unwrap();
        let stored = js_sys::JSON::stringify(&e.export_profile().unwrap()).unwrap();
        let p: shelfwise::Profile = serde_wasm_bindgen::from_value(
            js_sys::JSON::parse(&stored.as_string().unwrap()).unwrap(),
        )
        .unwrap();
        (p, storage_get(&format!("{key}:backup")).is_some())
    };
    let head = format!("\"v\":2,\"c\":{now},\"u\":{now},\"s\":{now},\"k\":1,\"n\":3");
    let good = format!(
        r#"{{{head},"a":[["c:nul\u0000key",2,0,{now}],["b:😀 Élan",1.5,0.5,{now},4]],"rv":["a\u0000b","😀x","plain"],"x":[["c:kept",1,{now}],["b:gone",-1,{now}]],"w":[[7,3]]}}"#
    );
    let (p, backup) = load("good", &good);
    assert!(!backup, "nothing to repair");
    // An empty text between others: read in place, then dropped by the repair.
    let blob = format!(r#"{{{head},"rv":["a\u0000","","b"]}}"#);
    let (empty, backup) = load("empty", &blob);
    assert!(backup);
    assert_eq!(empty.viewed, vec!["a\0", "b"]);
    let mut keys: Vec<(&str, u32)> = p.affinities.iter().map(|a| (a.key(), a.4)).collect();
    keys.sort_unstable();
    // Every text read intact, then case folded as this version folds keys (`Élan` → `élan`).
    assert_eq!(keys, vec![("b:😀 élan", 4), ("c:nul\0key", 0)]);
    assert_eq!(p.viewed, vec!["a\0b", "😀x", "plain"]);
    let choices: Vec<(&str, i8)> = p.choices.iter().map(|c| (c.0.as_str(), c.1)).collect();
    assert_eq!(choices, vec![("c:kept", 1), ("b:gone", -1)]);
    assert_eq!((p.writers[0].0, p.writers[0].1), (7, 3));
    // Written back: the same texts, byte for byte what serde gives the core types.
    {
        use serde::Serialize;
        let e = Engine::new(obj("{ namespace: 'sl-good' }")).unwrap();
        e.track(view("n😀w", "Hüte")).unwrap();
        e.flush().unwrap();
        let stored = storage_get("sl-good:v1:profile").unwrap();
        let written: shelfwise::Profile =
            serde_wasm_bindgen::from_value(js_sys::JSON::parse(&stored).unwrap()).unwrap();
        assert!(written.affinities.iter().any(|a| a.key() == "c:nul\0key"));
        assert!(written.affinities.iter().any(|a| a.key() == "c:hüte"));
        assert_eq!(written.viewed, vec!["n😀w", "a\0b", "😀x", "plain"]);
        assert_eq!(written.choices.len(), 2);
        let again = written
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .unwrap();
        let text = js_sys::JSON::stringify(&again)
            .unwrap()
            .as_string()
            .unwrap();
        assert_eq!(text, stored);
    }
    // A sign that is not ±1 (a text, a list, null) drops that choice only.
    for sign in ["\"x\"", "[1]", "null"] {
        let blob = format!(
            r#"{{{head},"a":[["c:x",1,0,{now}]],"x":[["c:odd",{sign},{now}],["c:kept",1,{now}]]}}"#
        );
        let (p, backup) = load("sign", &blob);
        assert!(backup, "{sign}: repaired, the original kept");
        assert_eq!(p.choices.len(), 1, "{sign}");
        assert_eq!(p.choices[0].0, "c:kept", "{sign}");
        assert_eq!(p.affinities.len(), 1, "{sign}");
    }
    // Wrong types anywhere in a list: the whole blob is unreadable, a fresh profile starts.
    for (name, field) in [
        ("rv-number", r#""rv":["a",1]"#.to_owned()),
        ("a-short", format!(r#""a":[["c:x",1,{now}]]"#)),
        ("a-long", format!(r#""a":[["c:x",1,0,{now},1,1]]"#)),
        ("a-object", r#""a":[{"k":"c:x"}]"#.to_owned()),
        ("w-text", r#""w":[[1,"2"]]"#.to_owned()),
        ("x-not-list", r#""x":{"c:x":1}"#.to_owned()),
    ] {
        let blob = format!(r#"{{{head},"rv":["kept"],{field}}}"#);
        let (p, backup) = load(name, &blob);
        assert!(backup, "{name}: the original is kept");
        assert!(p.viewed.is_empty(), "{name}: a fresh profile");
    }
}

/// Lone surrogates in stored texts (a blob written by other code: `JSON.parse` makes them from
/// `\uD83D` escapes) read as U+FFFD, as TextEncoder and wasm-bindgen's strings make them, each
/// on its own side: two texts that would make one character if joined stay two texts. The
/// profile is kept (nothing to repair) and written back with the U+FFFD.
#[wasm_bindgen_test]
fn stored_lone_surrogates_read_as_u_fffd_each_on_its_own_side() {
    let now = (js_sys::Date::now() / 60_000.0) as u64;
    let key = "sl-lone:v1:profile";
    js(&format!("localStorage.removeItem('{key}:backup');"));
    set_item(
        key,
        &format!(
            r#"{{"v":2,"c":{now},"u":{now},"s":{now},"k":1,"n":3,"a":[["t:t\uD83D",1,0,{now},1],["t:\uDC5Fu",1,0,{now},2]],"rv":["ü\uD83D","\uDC5F😀","\uDC5F\uD83D","x"],"rs":["grün\uDBFF"],"x":[["t:\uD800",1,{now}]],"nb":{{"t":1,"i":[["n\uD83D",1,1,[["\uDC5Fr",5]],[]]]}}}}"#
        ),
    );
    let e = Engine::new(obj("{ namespace: 'sl-lone' }")).unwrap();
    assert_eq!(
        storage_get(&format!("{key}:backup")),
        None,
        "nothing to repair"
    );
    let want_viewed = ["ü\u{FFFD}", "\u{FFFD}😀", "\u{FFFD}\u{FFFD}", "x"];
    assert_eq!(recently_viewed(&e), want_viewed);
    e.flush().unwrap();
    let p: shelfwise::Profile =
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(&storage_get(key).unwrap()).unwrap())
            .unwrap();
    assert_eq!(p.viewed, want_viewed);
    let mut keys: Vec<(&str, u32)> = p.affinities.iter().map(|a| (a.key(), a.4)).collect();
    keys.sort_unstable();
    assert_eq!(keys, vec![("t:t\u{FFFD}", 1), ("t:\u{FFFD}u", 2)]);
    assert_eq!(p.searches, vec!["grün\u{FFFD}"]);
    assert_eq!(p.choices[0].0, "t:\u{FFFD}");
    let cached = &p.neighbours.items[0];
    assert_eq!(
        (cached.id(), cached.related()[0].0.as_str()),
        ("n\u{FFFD}", "\u{FFFD}r")
    );
    e.reset().unwrap();
}
