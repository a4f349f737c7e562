//! Browser tests (headless Chrome): a profile stored by a version that folded ASCII letters
//! only (`c:Кроссовки` next to `c:кроссовки`) is read from localStorage with its keys folded
//! and merged, quietly (an upgrade, not a repair: no warning, no backup), and an older tab's
//! write of such keys merges into the same interests. A search in Chinese finds the item whose
//! name holds its words through the public API.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::Function;
use shelfwise::web::Engine;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

/// The profile the previous version wrote (tests/unicode_case.rs tells what it holds).
const OLD_CASE: &str = include_str!("fixtures/profile-v2-old-case.json");

/// `localStorage.setItem(key, text)`, then (`event`) the `storage` event another tab's write
/// sends.
fn set(key: &str, text: &str, event: bool) {
    let f = Function::new_with_args(
        "k, v, e",
        "localStorage.setItem(k, v); if (e) window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v, storageArea: localStorage }));",
    );
    f.call3(&JsValue::NULL, &key.into(), &text.into(), &event.into())
        .unwrap();
}

/// The stored profile's interests whose key starts with `kind`: `[key, count]` as JSON.
fn stored_keys(key: &str, kind: &str) -> String {
    js(&format!(
        "return JSON.stringify(JSON.parse(localStorage.getItem({key:?})).a.filter(a => a[0].startsWith({kind:?})).map(a => [a[0], a[4]]));"
    ))
    .as_string()
    .unwrap()
}

#[wasm_bindgen_test]
fn a_profile_stored_with_ascii_folding_is_read_folded_without_a_warning() {
    let key = "case1:v1:profile";
    js(&format!("localStorage.removeItem('{key}:backup');"));
    set(key, OLD_CASE, false);
    let mut engine = None;
    let warnings = count_warnings(|| {
        engine = Some(Engine::new(obj("{ namespace: 'case1' }")).unwrap());
    });
    let e = engine.unwrap();
    assert_eq!(warnings, 0, "an upgrade is no repair");
    assert_eq!(storage_get(&format!("{key}:backup")), None);
    let items = obj("[{ id: 'h', category: ['Сумки'] }, { id: 'k', category: ['КРОССОВКИ'] }]");
    assert_eq!(e.rank(items, JsValue::UNDEFINED).unwrap(), vec!["k", "h"]);
    // Written back folded with the next write: one interest for both spellings.
    e.track(view("n1", "Кроссовки")).unwrap();
    e.flush().unwrap();
    assert_eq!(stored_keys(key, "c:"), r#"[["c:кроссовки",4],["c:öko",1]]"#);
    assert_eq!(
        stored_keys(key, "b:"),
        r#"[["b:зара",3],["b:élan",1],["b:acme",1]]"#
    );
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn an_older_tabs_write_of_unfolded_keys_merges_into_the_same_interest() {
    let key = "case2:v1:profile";
    js(&format!("localStorage.removeItem('{key}');"));
    let e = Engine::new(obj("{ namespace: 'case2' }")).unwrap();
    e.track(view("n1", "Кроссовки")).unwrap();
    e.flush().unwrap();
    assert_eq!(stored_keys(key, "c:"), r#"[["c:кроссовки",1]]"#);
    // The older version's tab read that profile, learned a view of `Кроссовки` under its own
    // key, and wrote both back (its writer mark added, as it would).
    let older = js(&format!(
        "const p = JSON.parse(localStorage.getItem({key:?})); p.a.push(['c:Кроссовки', 1, 1, p.u, 1]); p.w.unshift([77, 1]); p.n += 1; return JSON.stringify(p);"
    ))
    .as_string()
    .unwrap();
    set(key, &older, true);
    // Taken in folded; written back folded with this tab's next write.
    let snap = e.profile().unwrap();
    let interests = js_sys::JSON::stringify(&field(&snap, "interests")).unwrap();
    let interests = String::from(interests);
    assert!(interests.contains(r#""key":"c:кроссовки""#), "{interests}");
    assert!(!interests.contains("c:Кроссовки"), "{interests}");
    e.track(view("n2", "Сумки")).unwrap();
    e.flush().unwrap();
    assert_eq!(
        stored_keys(key, "c:"),
        r#"[["c:кроссовки",2],["c:сумки",1]]"#
    );
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn a_chinese_search_ranks_the_item_whose_name_holds_it_first() {
    js("localStorage.removeItem('cjk1:v1:profile');");
    let e = Engine::new(obj("{ namespace: 'cjk1' }")).unwrap();
    e.track(obj("{ type: 'search', query: '跑鞋' }")).unwrap();
    let items = obj("[{ id: 'bag', name: '皮包' }, { id: 'shoe', name: '新款跑鞋' }]");
    assert_eq!(
        e.rank(items, JsValue::UNDEFINED).unwrap(),
        vec!["shoe", "bag"]
    );
    // `新款跑鞋` is the words `新款 款跑 跑鞋`: removing the search takes them all.
    e.track(obj("{ type: 'search', query: '新款跑鞋' }"))
        .unwrap();
    assert!(e.remove_search("新款跑鞋".into()).unwrap());
    let snap = e.profile().unwrap();
    let interests = String::from(js_sys::JSON::stringify(&field(&snap, "interests")).unwrap());
    assert!(!interests.contains("q:"), "{interests}");
    e.reset().unwrap();
}
