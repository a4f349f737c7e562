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
    let related = results(e.recommend("related", obj("{ count: 5 }")).unwrap());
    let ids: Vec<&str> = related.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(ids, vec!["b", "c", "7", "s9", "p1"]);
    assert_eq!(related[0].1, "viewedTogether");
    assert_eq!(related[0].2.as_deref(), Some("a"));
    assert_eq!(related[3].1, "topSeller");
    let bought = results(e.recommend("boughtTogether", JsValue::UNDEFINED).unwrap());
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
        e.recommend("becauseYouViewed", obj("{ count: 3 }"))
            .unwrap(),
    );
    assert!(because.iter().all(|r| r.2.as_deref() == Some("a")));
    let picked = results(
        e.recommend("pickedForYou", obj("{ count: 4, exclude: ['c'] }"))
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
    let m = error_message(e.recommend("nope", JsValue::UNDEFINED));
    assert!(m.contains("slot"), "{m}");
    let m = error_message(e.recommend("related", obj("{ count: 0 }")));
    assert!(m.contains("count"), "{m}");
    let m = error_message(e.set_popularity(obj("{ overall: 'x' }")));
    assert!(m.contains("overall"), "{m}");
    let m = error_message(e.set_popularity(obj("{ categories: { hats: [['h', -1]] } }")));
    assert!(m.contains("categories.hats[0][1]"), "{m}");
    // Nothing bad was kept.
    assert!(
        results(
            e.recommend("related", obj("{ item: 'a', count: 1 }"))
                .unwrap()
        )[0]
        .1 != "viewedTogether"
    );
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
            .recommend("related", obj("{ item: 'a', count: 1 }"))
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
    let m = error_message(e.recommend("pickedForYou", obj("{ exclude: ['a', 2, null] }")));
    assert!(
        m.ends_with("exclude[2]: must be a string or a whole number"),
        "{m}"
    );
    // Numbers are ids: accepted.
    e.recommend("pickedForYou", obj("{ exclude: ['a', 2] }"))
        .unwrap();
}
