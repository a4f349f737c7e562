//! Browser tests for reading items in one pass (src/web/packed.rs, src/web/js/pack.js): `rank`
//! and `track` read a list of items in a few calls into JS. Texts cross as UTF-8 bytes with
//! where each ends (a text holding `"\0"` was once cut apart by a second reading with every
//! text's length; the tests comparing inputs with and without one stay); texts that are not
//! ASCII are encoded one by one.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Function, JSON};
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

/// A shopper who likes trail shoes from Acme and searched for "red".
fn trained() -> Engine {
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    for event in [
        "{ type: 'view_item', item: { id: 'v1', category: ['Shoes', 'Trail'], brand: 'Acme', price: 80, tags: ['Waterproof'] } }",
        "{ type: 'add_to_cart', items: [{ item_id: 'v2', item_category: 'Shoes', item_category2: 'Trail', item_brand: 'ACME', facets: { color: 'Red' } }] }",
        "{ type: 'search', query: 'red' }",
        "{ type: 'purchase', items: [{ id: 'v3', category: ['Hats'], price: 20 }] }",
    ] {
        e.track(obj(event)).unwrap();
    }
    e
}

/// Twenty items of every shape the API accepts; `zero` puts a `"\0"` into the last item's
/// name (which no ranking reads here), so the texts are cut apart by their lengths.
fn catalog(zero: bool) -> JsValue {
    obj(&format!(
        "Array.from({{ length: 20 }}, (_, i) => {{
           const it = i % 3 === 0
             ? {{ id: 'p' + i, category: i % 2 ? ['Shoes', 'Trail'] : ['Hats'], brand: i % 4 ? 'acme' : 'Other',
                 price: 10 + i * 7, tags: i % 5 ? ['waterproof', 'x'] : [], facets: {{ color: i % 2 ? 'red' : 'blue', size: 42 }} }}
             : i % 3 === 1
               ? {{ item_id: 100 + i, item_name: 'Red thing ' + i, item_category: 'Shoes', item_category2: i % 2 ? 'Trail' : 'Road',
                   item_brand: 'ACME', quantity: 2, score: undefined, tags: null }}
               : {{ id: 'p' + i, name: 'Trail runner ' + i, category: ['Bags'], score: null, price: 0 }};
           if (i === 19) it.name = {zero} ? 'plain\\u0000name' : 'plain name';
           return it;
         }})"
    ))
}

#[wasm_bindgen_test]
fn both_ways_of_cutting_texts_apart_rank_alike() {
    let e = trained();
    let fast = e.rank(catalog(false), JsValue::UNDEFINED).unwrap();
    let by_lengths = e.rank(catalog(true), JsValue::UNDEFINED).unwrap();
    assert_eq!(fast, by_lengths);
    let server: Vec<String> = (0..20)
        .map(|i| match i % 3 {
            1 => (100 + i).to_string(),
            _ => format!("p{i}"),
        })
        .collect();
    assert_ne!(fast, server, "the profile reorders the list");
    let mut sorted = fast.clone();
    sorted.sort();
    let mut expected = server.clone();
    expected.sort();
    assert_eq!(sorted, expected, "a permutation of the input ids");
    for options in [
        "{ context: 'search', demotePurchased: true }",
        "{ diversity: { by: 'brand', maxPerGroup: 1, topK: 4 } }",
    ] {
        assert_eq!(
            e.rank(catalog(false), obj(options)).unwrap(),
            e.rank(catalog(true), obj(options)).unwrap(),
            "{options}"
        );
    }
}

/// Calls the `rank` method as page JavaScript does, on the engine's JS object.
fn rank_from_js(engine: &JsValue, items: &JsValue) -> Result<JsValue, String> {
    let rank: Function = field(engine, "rank").dyn_into().unwrap();
    rank.call2(engine, items, &JsValue::UNDEFINED)
        .map_err(|e| field(&e, "message").as_string().unwrap())
}

#[wasm_bindgen_test]
fn rank_answers_with_the_callers_own_ids() {
    let engine: JsValue = trained().into();
    let ranked = |name: &str| -> Vec<String> {
        let items = obj(&format!("[{{ id: 'h', category: ['Hats'], name: {name:?} }}, {{ id: 7, category: ['Shoes', 'Trail'] }}, {{ item_id: 'b', category: ['Bags'] }}, {{ item_id: ' t ', category: ['Shoes'] }}]"));
        let order: Array = rank_from_js(&engine, &items).unwrap().dyn_into().unwrap();
        order.iter().map(|v| v.as_string().unwrap()).collect()
    };
    // Whole numbers come back as their text, and surrounding whitespace is trimmed, however
    // the texts are cut apart.
    let order = ranked("hat");
    assert_eq!(order, ranked("h\0at"));
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(sorted, vec!["7", "b", "h", "t"]);
    assert_ne!(
        order,
        vec!["h", "7", "b", "t"],
        "the profile reorders the list"
    );
    let items = obj("[{ id: 'a', category: ['Shoes'] }, { id: 'b', category: ['Hats'] }]");
    let order = rank_from_js(&engine, &items).unwrap();
    assert!(Array::is_array(&order));
    assert_eq!(JSON::stringify(&order).unwrap(), "[\"b\",\"a\"]");
}

#[wasm_bindgen_test]
fn invalid_items_still_name_the_field() {
    let engine: JsValue = trained().into();
    let cases = [
        ("[{ id: 'a' }, { id: 'b', price: NaN }]", "items[1].price"),
        (
            "[{ id: 'a' }, { id: 'b' }, { id: 'c', tags: 'x' }]",
            "items[2].tags",
        ),
        ("[{ id: 'a' }, { id: 'a' }]", "items[1].id"),
        ("[{ id: 'a' }, { name: 'no id' }]", "items[1].id"),
        (
            "[{ id: 'a', facets: { color: 1.5 } }]",
            "items[0].facets.color",
        ),
        ("[{ id: 'a', category: ['x', 3] }]", "items[0].category[1]"),
        ("[{ id: 'a' }, 'b']", "items[1]"),
        ("[{ id: 'a', tags: Array(33).fill('t') }]", "items[0].tags"),
        ("[{ id: 'a', brand: 'b'.repeat(201) }]", "items[0].brand"),
        (
            "[{ id: 'a', name: 'x\\u0000y', price: -1 }]",
            "items[0].price",
        ),
    ];
    for (items, field) in cases {
        let msg = rank_from_js(&engine, &obj(items)).unwrap_err();
        assert!(msg.contains(field), "{items}: {msg:?} should name {field}");
    }
    // The whole message, word for word, for each kind of wrong type.
    let exact = [
        (
            "'a,b'",
            "items: must be an array of items such as [{ id: \"sku-1\" }]",
        ),
        (
            "[{ id: 'a', facets: { color: true } }]",
            "items[0].facets.color: must be a string",
        ),
        (
            "[{ id: 'a', facets: { n: 2.5 } }]",
            "items[0].facets.n: must be a string or a whole number",
        ),
        (
            "[{ id: 'a' }, { item_id: {} }]",
            "items[1].item_id: must be a string or a whole number",
        ),
        (
            "[{ id: 'a', facets: [] }]",
            "items[0].facets: must be an object",
        ),
        (
            "[{ id: 'a', category: 'Shoes' }]",
            "items[0].category: must be an array",
        ),
        (
            "[{ id: 'a', item_category3: 7 }]",
            "items[0].item_category3: must be a string",
        ),
        (
            "[{ id: 'a', quantity: '2' }]",
            "items[0].quantity: must be a number",
        ),
        (
            "[{ id: 'a', category: Array(9).fill('c') }]",
            "items[0].category: has 9 entries; the limit is 8",
        ),
        (
            "Array.from({ length: 10001 }, (_, i) => ({ id: 'i' + i }))",
            "items: has 10001 entries; the limit is 10000",
        ),
        ("[null]", "items[0]: must be an object"),
    ];
    for (items, message) in exact {
        let msg = rank_from_js(&engine, &obj(items)).unwrap_err();
        assert_eq!(msg, format!("shelfwise: {message}"), "{items}");
    }
}

#[wasm_bindgen_test]
fn events_learn_alike_both_ways() {
    let events = |zero: bool| {
        let name = if zero { "'a\\u0000b'" } else { "'a b'" };
        [
            format!("{{ type: 'view_item_list', items: [{{ id: 's1', name: {name}, category: ['Shoes', 'Trail'], brand: 'Acme', tags: ['Red'] }}, {{ item_id: 2, item_category: 'Bags', price: 30, facets: {{ color: 'red' }} }}] }}"),
            format!("{{ type: 'view_item', item: {{ id: ' s3 ', name: {name}, category: ['Hats'], price: 12.5, quantity: 1 }} }}"),
            format!("{{ type: 'purchase', items: [{{ id: 's1', name: {name}, category: ['Shoes', 'Trail'], quantity: 2, price: 90 }}] }}"),
        ]
    };
    let learned = |zero: bool| {
        let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
        for event in events(zero) {
            e.track(obj(&event)).unwrap();
        }
        let snap = e.profile().unwrap();
        let learned = Array::of4(
            &field(&snap, "interests"),
            &field(&snap, "recentlyViewed"),
            &field(&snap, "cart"),
            &field(&snap, "purchased"),
        );
        JSON::stringify(&learned).unwrap().as_string().unwrap()
    };
    let fast = learned(false);
    assert!(fast.contains("s3") && fast.contains("b:acme"), "{fast}");
    assert_eq!(fast, learned(true));
    let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
    let msg = error_message(e.track(obj(
        "{ type: 'view_item', item: { id: 'x', price: 'cheap' } }",
    )));
    assert_eq!(msg, "shelfwise: item.price: must be a number");
    let msg = error_message(e.track(obj("{ type: 'view_item', item: 5 }")));
    assert_eq!(msg, "shelfwise: item: must be an object");
    let msg = error_message(e.track(obj("{ type: 'purchase', items: { id: 'x' } }")));
    assert!(
        msg.starts_with("shelfwise: items: must be an array of items"),
        "{msg}"
    );
    let msg = error_message(e.track(obj(
        "{ type: 'purchase', items: [{ id: 'x' }, { id: 'y', quantity: 0.5e9 }] }",
    )));
    assert!(msg.contains("items[1].quantity"), "{msg}");
}

/// How many times ranking read the `brand` of an item (through a getter).
fn brand_reads(e: &Engine, name: &str) -> f64 {
    let items = obj(&format!(
        "[{{ id: 'a', name: {name:?}, get brand() {{ window.__brandReads++; return 'acme'; }} }}, {{ id: 'b' }}]"
    ));
    js("window.__brandReads = 0;");
    e.rank(items, JsValue::UNDEFINED).unwrap();
    js("return window.__brandReads;").as_f64().unwrap()
}

#[wasm_bindgen_test]
fn usual_items_are_read_once_in_one_pass() {
    let e = trained();
    assert_eq!(brand_reads(&e, "plain"), 1.0, "read once, by js/pack.js");
    assert_eq!(
        brand_reads(&e, "with\0zero"),
        1.0,
        "read once too: texts are cut by where they end, not at \"\\0\""
    );
}

/// Thirty items whose categories, brands, tags and facet values repeat (a brand that is also
/// a tag, one value under two facet names, whole-number facet values); `tag` is the tag most
/// of them carry, and `first_id` the first item's id.
fn repeating(tag: &str, first_id: &str) -> JsValue {
    obj(&format!(
        "Array.from({{ length: 30 }}, (_, i) => ({{
           id: i === 0 ? {first_id:?} : 'p' + i,
           name: i % 4 ? 'Red trail shoe ' + i : undefined,
           category: [['Shoes', 'Bags', 'Hats'][i % 3], ['Trail', 'Road'][i % 2]],
           brand: i % 2 ? 'Acme' : 'Waterproof',
           tags: i % 3 ? [{tag:?}, 'Waterproof'] : [],
           facets: {{ color: i % 2 ? 'red' : 'blue', trim: 'red', size: 40 + (i % 3) }},
           price: 10 + i * 5,
         }}))"
    ))
}

#[wasm_bindgen_test]
fn repeated_texts_sent_once_rank_like_items_validated_one_by_one() {
    let e = trained();
    // A clean list ranks as it stands; an id to trim sends the whole list through validation
    // item by item; a repeated text holding "\0" is cut apart by the texts' lengths.
    let (fast, why) = ranked_and_explained(&e, repeating("x", "p0"));
    assert_ne!(fast[0], "p0", "the profile reorders the list");
    assert_eq!(
        ranked_and_explained(&e, repeating("x", " p0 ")),
        (fast.clone(), why.clone()),
        "an id to trim"
    );
    let zero = ranked_and_explained(&e, repeating("x\0y", "p0"));
    assert_eq!(zero.0.len(), 30);
    assert_eq!(
        ranked_and_explained(&e, repeating("x\0y", " p0")),
        zero,
        "a repeated text holding \\0, with an id to trim"
    );
    assert!(why.iter().any(|w| w.contains("\"f:color=red\"")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("\"b:acme\"")), "{why:?}");
    // The ids come back as the caller wrote them, or trimmed.
    let engine: JsValue = e.into();
    let order = rank_from_js(&engine, &repeating("x", " p0 ")).unwrap();
    let order: Vec<String> = Array::from(&order)
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert_eq!(order, fast);
}
