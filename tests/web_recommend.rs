//! Browser tests of the recommendation API: neighbour data handed over by the page, the
//! popularity data, `recommend` results and errors across the JS boundary, and the neighbour
//! cache surviving in localStorage.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Function};
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

fn view(id: &str) -> JsValue {
    obj(&format!(
        "{{ type: 'view_item', item: {{ id: {id:?}, category: ['shoes'] }} }}"
    ))
}

/// `[(id, reason.kind, reason.item)]` of a `recommend` result.
fn results(v: JsValue) -> Vec<(String, String, Option<String>)> {
    let arr: Array = v.dyn_into().unwrap();
    arr.iter()
        .map(|r| {
            let reason = field(&r, "reason");
            (
                field(&r, "id").as_string().unwrap(),
                field(&reason, "kind").as_string().unwrap(),
                field(&reason, "item").as_string(),
            )
        })
        .collect()
}

const POPULAR: &str =
    "{ overall: [['p1', 90], ['p2', 80], [3, 70]], categories: { Shoes: [['s9', 5]] } }";

fn engine(ns: &str) -> Engine {
    Function::new_no_args(&format!(
        "localStorage.removeItem('{ns}:v1:profile'); localStorage.removeItem('{ns}:v1:profile:backup');"
    ))
    .call0(&JsValue::NULL)
    .unwrap();
    let e = Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).unwrap();
    e.set_popularity(obj(POPULAR)).unwrap();
    e
}

#[wasm_bindgen_test]
fn a_product_page_hands_over_its_neighbours_and_slots_fill() {
    let e = engine("rec1");
    e.add_item_data(
        "a".into(),
        obj("{ related: [['b', 900], ['c', 400]], boughtTogether: [[7, 300]] }"),
    )
    .unwrap();
    e.track(view("a")).unwrap();
    let related = results(e.recommend("related".into(), obj("{ count: 5 }")).unwrap());
    let ids: Vec<&str> = related.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, vec!["b", "c", "7", "s9", "p1"]);
    assert_eq!(related[0].1, "viewedTogether");
    assert_eq!(related[0].2.as_deref(), Some("a"));
    assert_eq!(related[3].1, "topSeller");
    let bought = results(
        e.recommend("boughtTogether".into(), JsValue::UNDEFINED)
            .unwrap(),
    );
    assert_eq!(
        (bought[0].0.as_str(), bought[0].1.as_str()),
        ("7", "boughtTogether")
    );
    assert_eq!(
        bought.len(),
        7,
        "default count is 10; the catalog known here has 7 others"
    );
    let because = results(
        e.recommend("becauseYouViewed".into(), obj("{ count: 3 }"))
            .unwrap(),
    );
    assert!(because.iter().all(|r| r.2.as_deref() == Some("a")));
    let picked = results(
        e.recommend("pickedForYou".into(), obj("{ count: 4, exclude: ['c'] }"))
            .unwrap(),
    );
    assert_eq!(picked[0].0, "a");
    assert!(picked.iter().all(|r| r.0 != "c"));
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_naming_the_field() {
    let e = engine("rec2");
    let m = error_message(e.add_item_data("a".into(), obj("{ related: [['b', 5000]] }")));
    assert!(m.contains("related[0][1]"), "{m}");
    let m = error_message(e.add_item_data("a".into(), obj("{ related: [['b']] }")));
    assert!(m.contains("related[0]"), "{m}");
    let m = error_message(e.add_item_data(
        "a".into(),
        obj("{ related: new Array(101).fill(['x', 1]) }"),
    ));
    assert!(m.contains("related") && m.contains("limit is 100"), "{m}");
    // A page whose item has no pack entry hands over `undefined`: accepted, nothing to cache.
    e.add_item_data("new-item".into(), JsValue::UNDEFINED)
        .unwrap();
    let m = error_message(e.add_item_data("a".into(), obj("'oops'")));
    assert!(m.contains("data"), "{m}");
    let m = error_message(e.add_item_data(JsValue::NULL, obj("{}")));
    assert!(m.contains("id"), "{m}");
    let m = error_message(e.recommend("nope".into(), JsValue::UNDEFINED));
    assert!(m.contains("slot"), "{m}");
    let m = error_message(e.recommend("related".into(), obj("{ count: 0 }")));
    assert!(m.contains("count"), "{m}");
    let m = error_message(e.set_popularity(obj("{ overall: 'x' }")));
    assert!(m.contains("overall"), "{m}");
    let m = error_message(e.set_popularity(obj("{ categories: { hats: [['h', -1]] } }")));
    assert!(m.contains("categories.hats[0][1]"), "{m}");
    // Nothing bad was kept.
    assert!(
        results(
            e.recommend("related".into(), obj("{ item: 'a', count: 1 }"))
                .unwrap()
        )[0]
        .1 != "viewedTogether"
    );
}

#[wasm_bindgen_test]
fn the_blend_in_the_popularity_data_is_decoded_and_used_by_picked_for_you() {
    let e = engine("rec-blend");
    let first = |e: &Engine| {
        results(
            e.recommend("pickedForYou".into(), obj("{ count: 2 }"))
                .unwrap(),
        )[0]
        .0
        .clone()
    };
    e.add_item_data("a".into(), obj("{ related: [['b', 900]] }"))
        .unwrap();
    e.track(view("a")).unwrap();
    assert_eq!(
        first(&e),
        "a",
        "no blend: the defaults, the viewed item first"
    );
    // What `build-pack --tune` writes for a shop whose shoppers rarely come back.
    e.set_popularity(obj(
        "{ overall: [['p1', 90]], blend: { repeat: 0, decay: 1, bought: 1 } }",
    ))
    .unwrap();
    assert_eq!(first(&e), "b");
    // Out of range is clamped (repeat 500 -> 100): the viewed item first again.
    e.set_popularity(obj("{ blend: { repeat: 500 } }")).unwrap();
    assert_eq!(first(&e), "a");
    for (bad, field) in [
        ("{ blend: 'x' }", "blend"),
        ("{ blend: { repeat: '1' } }", "blend.repeat"),
        ("{ blend: { decay: NaN } }", "blend.decay"),
        ("{ blend: { bought: Infinity } }", "blend.bought"),
    ] {
        let m = error_message(e.set_popularity(obj(bad)));
        assert!(m.contains(field), "{bad}: {m}");
    }
    assert_eq!(first(&e), "a", "a refused blend leaves the loaded one");
    e.reset().unwrap();
}

#[wasm_bindgen_test]
fn neighbours_of_past_items_come_back_from_storage_without_a_request() {
    let e = engine("rec3");
    e.add_item_data("a".into(), obj("{ related: [['b', 900]] }"))
        .unwrap();
    e.track(view("a")).unwrap();
    e.track(view("z")).unwrap();
    drop(e);
    let stored = Function::new_no_args("return localStorage.getItem('rec3:v1:profile');")
        .call0(&JsValue::NULL)
        .unwrap()
        .as_string()
        .unwrap();
    assert!(
        stored.contains("\"nb\"") && stored.contains("\"b\""),
        "{stored}"
    );
    // A later page view: the page of "z" has no data for "a", yet "a"'s neighbours still count.
    let again = Engine::new(obj("{ namespace: 'rec3' }")).unwrap();
    let r = results(
        again
            .recommend("related".into(), obj("{ item: 'a', count: 1 }"))
            .unwrap(),
    );
    assert_eq!(r[0].0, "b");
    again.reset().unwrap();
}

#[wasm_bindgen_test]
fn refused_list_entries_are_named_exactly() {
    let e = engine("rec4");
    for (data, expected) in [
        (
            "{ related: [['b', 1], [{}, 2]] }",
            "related[1][0]: must be a string or a whole number",
        ),
        (
            "{ boughtTogether: [[7, 'x']] }",
            "boughtTogether[0][1]: must be a number",
        ),
        (
            "{ related: [['b', 1], 'c'] }",
            "related[1]: must be an [id, weight] pair",
        ),
    ] {
        let m = error_message(e.add_item_data("a".into(), obj(data)));
        assert!(m.ends_with(expected), "{m}");
    }
    let m = error_message(e.set_popularity(obj("{ categories: { hats: [['h', 1], [1.5, 1]] } }")));
    assert!(
        m.ends_with("categories.hats[1][0]: must be a string or a whole number"),
        "{m}"
    );
    let m = error_message(e.recommend("pickedForYou".into(), obj("{ exclude: ['a', 2, null] }")));
    assert!(
        m.ends_with("exclude[2]: must be a string or a whole number"),
        "{m}"
    );
    // Numbers are ids: accepted.
    e.recommend("pickedForYou".into(), obj("{ exclude: ['a', 2] }"))
        .unwrap();
}

/// The stored neighbour cache crosses from JS in one call (`read_cache` over `StoredList`):
/// texts holding "\0" or characters outside the BMP keep every character, extra values in an
/// entry or a pair are ignored as before, a wrongly typed entry still makes the whole blob
/// unreadable, and the cache is written back intact, survives a reload and merges across tabs.
#[wasm_bindgen_test]
fn stored_neighbour_caches_keep_their_lists_and_the_type_rules() {
    use shelfwise::core::pack::Weighted;
    use shelfwise::core::profile::neighbours::CachedItem;
    let now = (js_sys::Date::now() / 60_000.0) as u64;
    let head = format!("\"v\":2,\"c\":{now},\"u\":{now},\"s\":{now},\"k\":1,\"n\":3");
    let put = |ns: &str, nb: &str| {
        let f = Function::new_with_args(
            "k, v",
            "localStorage.removeItem(k + ':backup'); localStorage.setItem(k, v);",
        );
        let blob = format!(r#"{{{head},"rv":["kept"],"nb":{nb}}}"#);
        f.call2(
            &JsValue::NULL,
            &format!("{ns}:v1:profile").into(),
            &blob.into(),
        )
        .unwrap();
    };
    let stored = |ns: &str| -> shelfwise::Profile {
        let text = storage_get(&format!("{ns}:v1:profile")).unwrap();
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(&text).unwrap()).unwrap()
    };
    let w = |id: &str, n: u32| Weighted(id.into(), n);
    let expected = vec![
        CachedItem::new(
            "n\0ul 😀".into(),
            2.5,
            9,
            vec![w("b", 800), w("c\0d", 300)],
            vec![w("e", 5)],
        ),
        CachedItem::new("x".into(), 1.0, 3, vec![], vec![]),
    ];
    put(
        "nbc-good",
        r#"{"t":9,"i":[["n\u0000ul 😀",2.5,9,[["b",800],["c\u0000d",300,"extra"]],[["e",5]],{"later":1}],["x",1,3,[],[]]]}"#,
    );
    let a = Engine::new(obj("{ namespace: 'nbc-good' }")).unwrap();
    assert_eq!(
        storage_get("nbc-good:v1:profile:backup"),
        None,
        "nothing to repair"
    );
    a.flush().unwrap();
    assert_eq!(
        stored("nbc-good").neighbours.items,
        expected,
        "written back intact"
    );
    assert_eq!(stored("nbc-good").neighbours.tick, 9);
    // A reload reads the same cache; two tabs' views merge into it, the lists kept.
    let b = Engine::new(obj("{ namespace: 'nbc-good' }")).unwrap();
    b.track(view("y")).unwrap();
    b.flush().unwrap();
    a.track(view("z")).unwrap();
    a.flush().unwrap();
    let merged = stored("nbc-good").neighbours;
    let ids: Vec<&str> = merged.items.iter().map(|e| e.id()).collect();
    for id in ["z", "y", "n\0ul 😀", "x"] {
        assert!(ids.contains(&id), "{id} in {ids:?}");
    }
    let kept = merged.items.iter().find(|e| e.id() == "n\0ul 😀").unwrap();
    assert_eq!(
        (kept.related(), kept.bought()),
        (expected[0].related(), expected[0].bought())
    );
    assert_eq!(stored("nbc-good").viewed, vec!["z", "y", "kept"]);
    a.reset().unwrap();
    // Wrong types anywhere: the whole blob is unreadable, kept in the backup, a fresh profile.
    for (name, nb) in [
        ("t-text", r#"{"t":"1","i":[]}"#),
        ("i-missing", r#"{"t":1}"#),
        ("i-object", r#"{"t":1,"i":{}}"#),
        ("entry-object", r#"{"t":1,"i":[{"a":1}]}"#),
        ("entry-short", r#"{"t":1,"i":[["a",1,1,[]]]}"#),
        ("id-number", r#"{"t":1,"i":[[5,1,1,[],[]]]}"#),
        ("views-text", r#"{"t":1,"i":[["a","1",1,[],[]]]}"#),
        ("at-negative", r#"{"t":1,"i":[["a",1,-1,[],[]]]}"#),
        ("related-null", r#"{"t":1,"i":[["a",1,1,null,[]]]}"#),
        ("pair-not-list", r#"{"t":1,"i":[["a",1,1,["b"],[]]]}"#),
        ("pair-short", r#"{"t":1,"i":[["a",1,1,[["b"]],[]]]}"#),
        (
            "pair-weight-text",
            r#"{"t":1,"i":[["a",1,1,[],[["b","5"]]]]}"#,
        ),
        (
            "pair-weight-negative",
            r#"{"t":1,"i":[["a",1,1,[["b",-5]],[]]]}"#,
        ),
        ("pair-id-list", r#"{"t":1,"i":[["a",1,1,[[["b"],5]],[]]]}"#),
    ] {
        let ns = format!("nbc-{name}");
        put(&ns, nb);
        let e = Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).unwrap();
        assert!(
            storage_get(&format!("{ns}:v1:profile:backup")).is_some(),
            "{name}: the original is kept"
        );
        assert!(recently_viewed(&e).is_empty(), "{name}: a fresh profile");
        e.reset().unwrap();
    }
}
