//! Browser tests for how `js/pack.js` hands texts and numbers over (src/web/packed.rs): texts
//! that are not ASCII (encoded one by one, each text's end counted in bytes), lone surrogates
//! on either side of two texts that follow each other, the typed arrays kept from one call to
//! the next (nothing of an earlier list may show through), texts long enough to grow the byte
//! buffer, a page getter that calls `rank` while a list is being read, and facet names taken
//! from the previous item when they match.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, JSON};
use shelfwise::web::Engine;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

/// The keys of a list of interests or contributions.
fn keys(list: &JsValue) -> Vec<String> {
    Array::from(list)
        .iter()
        .map(|v| field(&v, "key").as_string().unwrap())
        .collect()
}

/// An item whose texts are not ASCII: two tags hold a lone surrogate, the first at its end
/// and the second at its start, so joined they would make one character.
const HIKING: &str = "{ id: 'ü1', name: 'Grüne Wanderschuhe', category: ['Schuhe', 'Wandern 👟'], brand: 'Ächt', price: 80, tags: ['t\\uD83D', '\\uDC5Fu', 'rot'], facets: { Farbe: 'grün' } }";

#[wasm_bindgen_test]
fn texts_that_are_not_ascii_cross_intact() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    e.track(obj(&format!("{{ type: 'view_item', item: {HIKING} }}")))
        .unwrap();
    let learned = keys(&field(&e.profile().unwrap(), "interests"));
    // Keys are case folded (Latin, Greek, Cyrillic, Armenian: `Ächt` → `ächt`, src/core/fold.rs);
    // a lone surrogate becomes U+FFFD (as TextEncoder and wasm-bindgen's strings make it), each
    // on its own side.
    for key in [
        "c:schuhe",
        "c:schuhe>wandern 👟",
        "b:ächt",
        "t:t\u{FFFD}",
        "t:\u{FFFD}u",
        "t:rot",
        "f:farbe=grün",
    ] {
        assert!(learned.iter().any(|k| k == key), "{key} in {learned:?}");
    }
    let items = obj(&format!(
        "[{{ id: 'plain', category: ['Hats'] }}, {HIKING}, {{ id: 'ü2', brand: 'Ächt' }}]"
    ));
    let order = e.rank(items, JsValue::UNDEFINED).unwrap();
    assert_eq!(order.len(), 3);
    assert_eq!(order[0], "ü1");
    let why = keys(&field(&e.explain("ü2").unwrap(), "contributions"));
    assert_eq!(why, vec!["b:ächt"]);
    let why = keys(&field(&e.explain("ü1").unwrap(), "contributions"));
    for key in [
        "c:schuhe>wandern 👟",
        "b:ächt",
        "t:t\u{FFFD}",
        "t:\u{FFFD}u",
    ] {
        assert!(why.iter().any(|k| k == key), "{key} in {why:?}");
    }
}

#[wasm_bindgen_test]
fn nothing_of_an_earlier_list_shows_through() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    e.track(obj(
        "{ type: 'view_item', item: { id: 'v', category: ['Shoes'], price: 80, tags: ['red'] } }",
    ))
    .unwrap();
    // A list with no prices, scores, tags or facets, ranked before and after longer lists
    // that have them at every position.
    let bare = "Array.from({ length: 12 }, (_, i) => ({ id: 'b' + i, category: [i % 2 ? 'Shoes' : 'Hats'] }))";
    let full = |n: usize| {
        format!("Array.from({{ length: {n} }}, (_, i) => ({{ id: 'f' + i, name: 'Ünïcode ' + i, category: ['Shoes', 'Trail'], price: 80, quantity: 2, score: i, tags: ['red', 'x'], facets: {{ color: 'red' }} }}))")
    };
    let before = ranked_and_explained(&e, obj(bare));
    assert!(!before
        .1
        .iter()
        .any(|w| w.contains("p:") || w.contains("t:red")));
    for n in [30, 3_000] {
        ranked_and_explained(&e, obj(&full(n)));
        assert_eq!(
            ranked_and_explained(&e, obj(bare)),
            before,
            "after {n} items"
        );
    }
}

#[wasm_bindgen_test]
fn a_getter_that_ranks_while_a_list_is_read() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    e.track(obj(
        "{ type: 'view_item', item: { id: 'v', category: ['Shoes'], brand: 'acme' } }",
    ))
    .unwrap();
    let engine: JsValue = e.into();
    js("window.__inner = [];");
    let outer = obj(
        "engine => Array.from({ length: 40 }, (_, i) => ({
           id: 'o' + i,
           category: [i % 3 ? 'Hats' : 'Shoes'],
           get brand() {
             if (i === 7) window.__inner = engine.rank([{ id: 'in1', category: ['Hats'] }, { id: 'in2', brand: 'acme' }]);
             return i % 4 ? 'other' : 'acme';
           },
         }))",
    );
    let outer = js_sys::Function::from(outer)
        .call1(&JsValue::NULL, &engine)
        .unwrap();
    let rank: js_sys::Function = field(&engine, "rank").into();
    let order = rank.call1(&engine, &outer).unwrap();
    let inner = JSON::stringify(&js("return window.__inner;")).unwrap();
    assert_eq!(inner, "[\"in2\",\"in1\"]");
    // The same list without the inner call ranks alike.
    let plain = obj(
        "Array.from({ length: 40 }, (_, i) => ({ id: 'o' + i, category: [i % 3 ? 'Hats' : 'Shoes'], brand: i % 4 ? 'other' : 'acme' }))",
    );
    let again = rank.call1(&engine, &plain).unwrap();
    assert_eq!(
        JSON::stringify(&order).unwrap(),
        JSON::stringify(&again).unwrap()
    );
    assert_eq!(Array::from(&order).get(0).as_string().unwrap(), "o0");
}

#[wasm_bindgen_test]
fn facet_names_in_any_order_rank_as_validated_one_by_one() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    e.track(obj(
        "{ type: 'view_item', item: { id: 'v', facets: { color: 'red', size: 42, red: 'color' } } }",
    ))
    .unwrap();
    // Facet names in the previous item's order, in another order, fewer, more, and a name that
    // is another item's value; `first` is the first item's id (" f0" is trimmed by validation,
    // which then rebuilds the list's texts in Rust).
    let list = |first: &str| {
        format!(
            "[{{ id: {first:?}, facets: {{ color: 'red', size: 42 }} }}, {{ id: 'f1', facets: {{ color: 'blue', size: 42 }} }},
              {{ id: 'f2', facets: {{ size: 42, color: 'red' }} }}, {{ id: 'f3', facets: {{ size: 41 }} }},
              {{ id: 'f4', facets: {{ red: 'color', color: 'red', size: '42' }} }}, {{ id: 'f5', facets: {{}} }}, {{ id: 'f6' }}]"
        )
    };
    let fast = ranked_and_explained(&e, obj(&list("f0")));
    let validated = ranked_and_explained(&e, obj(&list(" f0")));
    assert_eq!(fast, validated);
    let f4 = fast.1.iter().find(|w| w.contains("\"id\":\"f4\"")).unwrap();
    for key in ["f:red=color", "f:color=red", "f:size=42"] {
        assert!(f4.contains(&format!("\"{key}\"")), "{key} in {f4}");
    }
}

#[wasm_bindgen_test]
fn long_texts_grow_the_byte_buffer_and_cross_intact() {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    // Three bytes per character, near the 200-byte limit: the buffer pack.js starts with
    // (64 bytes per item, and 256) must grow while the texts are written.
    let tag = "漢".repeat(60);
    let item = |id: &str| {
        let name = "字".repeat(66);
        format!("{{ id: '{id}', name: '{name}', tags: ['{tag}', 'ü{id}'] }}")
    };
    e.track(obj(&format!(
        "{{ type: 'view_item', item: {} }}",
        item("a")
    )))
    .unwrap();
    let learned = keys(&field(&e.profile().unwrap(), "interests"));
    assert!(learned.contains(&format!("t:{tag}")), "{learned:?}");
    // 200 items of about 400 bytes each: more than any buffer an earlier call left.
    let list: Vec<String> = (0..200).map(|i| item(&format!("i{i}"))).collect();
    let list = obj(&format!("[{}]", list.join(", ")));
    assert_eq!(e.rank(list, JsValue::UNDEFINED).unwrap().len(), 200);
    let why = keys(&field(&e.explain("i199").unwrap(), "contributions"));
    assert!(why.contains(&format!("t:{tag}")), "{why:?}");
}

/// Runs `code` with `e` (the engine, as page code sees it) and returns its JSON text.
fn run_json(e: &JsValue, code: &str) -> String {
    let f = js_sys::Function::new_with_args("e", code);
    let v = f.call1(&JsValue::NULL, e).unwrap();
    JSON::stringify(&v).unwrap().as_string().unwrap()
}

/// One rule for ids with a lone UTF-16 surrogate (which no UTF-8 text holds), whichever
/// method reads them: it is U+FFFD, so `track`, `rank`, `explain`, `prefer` and `removeItem`
/// all mean the same item by `'p\uD800'` and by `'p\uFFFD'`; `rank` hands back the caller's
/// own strings.
#[wasm_bindgen_test]
fn an_id_with_a_lone_surrogate_is_one_item_in_every_method() {
    let e: JsValue = Engine::new(obj("{ storage: 'memory' }")).unwrap().into();
    let out = run_json(
        &e,
        r"const p = 'p\uD800', q = 'q\uDC00x';
        e.track({ type: 'purchase', items: [{ id: p }] });
        e.track({ type: 'view_item', item: { item_id: q, category: ['Hats'] } });
        e.prefer({ id: 'q\uFFFDx' });
        const items = [{ id: p }, { id: 'a' }, { id: q }, { id: 'b' }];
        return {
          profile: [e.profile().purchased, e.profile().recentlyViewed],
          ranked: e.rank(items, { demotePurchased: true }),
          explained: [e.explain('p\uFFFD').demoted, e.explain(q).choicePoints],
          removed: [e.removeItem('p\uFFFD'), e.removeItem(p)],
        };",
    );
    // JSON.stringify writes U+FFFD as itself and a lone surrogate as its escape.
    assert_eq!(
        out,
        concat!(
            "{\"profile\":[[\"p\u{FFFD}\"],[\"q\u{FFFD}x\"]],",
            r#""ranked":["q\udc00x","a","b","p\ud800"],"#,
            r#""explained":[true,2],"removed":[true,false]}"#
        )
    );
}
