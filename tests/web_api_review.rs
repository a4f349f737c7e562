//! Browser tests (headless Chrome) of the typed JS API as page code calls it: values whose
//! reading runs the page's own code (getters, Proxy traps) that throws, and ids given as the
//! numbers `rank` accepts. Every call goes through the engine's JS object, as a page makes it.
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
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

/// A fresh engine (memory only) as page JavaScript sees it.
fn engine() -> JsValue {
    Engine::new(obj("{ storage: 'memory' }")).unwrap().into()
}

/// `engine[method](...args)` as page code calls it: its value, or the thrown `Error`'s message.
fn call(engine: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let f: Function = field(engine, method).dyn_into().unwrap();
    let list = Array::new();
    for a in args {
        list.push(a);
    }
    Reflect::apply(&f, engine, &list).map_err(|e| {
        assert!(
            e.is_instance_of::<js_sys::Error>(),
            "{method}: a real Error"
        );
        field(&e, "message").as_string().unwrap()
    })
}

/// Runs `f` on `engine` 2,000 times, each call refused with a message holding every one of
/// `parts`; then the engine still ranks and `free()` still works. (A throw unwinding through
/// wasm's frames left the engine borrowed, so `free()` failed, and after about 1,400 calls the
/// module trapped: "unreachable", "memory access out of bounds".)
fn refused_and_alive(
    engine: JsValue,
    what: &str,
    parts: &[&str],
    f: impl Fn(&JsValue) -> Result<JsValue, String>,
) {
    for _ in 0..2000 {
        let message = f(&engine).expect_err(what);
        for part in parts {
            assert!(message.contains(part), "{what}: {message:?} lacks {part:?}");
        }
    }
    let items = obj("[{ id: 'a' }, { id: 'b' }]");
    let order = call(&engine, "rank", &[items]).unwrap();
    assert_eq!(
        Array::from(&order).length(),
        2,
        "{what}: the engine still ranks"
    );
    call(&engine, "free", &[]).unwrap_or_else(|m| panic!("{what}: free() failed: {m}"));
}

#[wasm_bindgen_test]
fn a_throwing_getter_in_an_item_to_rank_is_an_error_naming_the_item() {
    let items = obj("[{ id: 'a' }, { id: 'b', get price() { throw new Error('boom'); } }]");
    refused_and_alive(engine(), "rank", &["shelfwise: items[1]", "boom"], |e| {
        call(e, "rank", std::slice::from_ref(&items))
    });
    // A Proxy whose traps throw, as the list itself.
    let items = obj("new Proxy([{ id: 'a' }], { get() { throw new Error('trap'); } })");
    refused_and_alive(engine(), "rank proxy", &["shelfwise: items", "trap"], |e| {
        call(e, "rank", std::slice::from_ref(&items))
    });
    let items = obj("(() => { const p = Proxy.revocable([], {}); p.revoke(); return p.proxy; })()");
    refused_and_alive(engine(), "rank revoked", &["shelfwise: items"], |e| {
        call(e, "rank", std::slice::from_ref(&items))
    });
}

#[wasm_bindgen_test]
fn a_throwing_getter_in_an_event_is_an_error_naming_the_field() {
    let event = obj("{ type: 'view_item', item: { get id() { throw new Error('lazy'); } } }");
    refused_and_alive(engine(), "track item", &["shelfwise: item", "lazy"], |e| {
        call(e, "track", std::slice::from_ref(&event))
    });
    let event = obj("{ type: 'search', query: 'red', results: ['a', 'b'] }");
    Reflect::set(
        &event,
        &"results".into(),
        &obj("new Proxy(['a'], { get(t, k) { if (k === '0') throw new Error('gone'); return t[k]; } })"),
    )
    .unwrap();
    refused_and_alive(
        engine(),
        "track results",
        &["shelfwise: results", "gone"],
        |e| call(e, "track", std::slice::from_ref(&event)),
    );
}

#[wasm_bindgen_test]
fn throwing_getters_in_other_arguments_are_errors_naming_the_field() {
    let throwing = "new Proxy([], { get() { throw new Error('nope'); } })";
    let cases = [
        (
            "prefer",
            format!("{{ category: {throwing} }}"),
            "target.category",
        ),
        ("recommend", format!("{{ exclude: {throwing} }}"), "exclude"),
        (
            "setPopularity",
            format!("{{ overall: {throwing} }}"),
            "overall",
        ),
        (
            "setPopularity",
            format!("{{ overall: [{throwing}] }}"),
            "overall[0]",
        ),
        (
            "setPopularity",
            "{ categories: { get shoes() { throw new Error('nope'); } } }".into(),
            "categories",
        ),
        (
            "trigger",
            format!("{{ added: {throwing} }}"),
            "occasion.added",
        ),
        (
            "trigger",
            "{ offers: { get shoes() { throw new Error('nope'); } } }".into(),
            "occasion.offers",
        ),
    ];
    for (method, arg, field_name) in cases {
        let arg = obj(&arg);
        let args = |arg: &JsValue| match method {
            "recommend" => vec![JsValue::from_str("pickedForYou"), arg.clone()],
            _ => vec![arg.clone()],
        };
        let what = format!("{method}({field_name})");
        refused_and_alive(
            engine(),
            &what,
            &[&format!("shelfwise: {field_name}"), "nope"],
            |e| call(e, method, &args(&arg)),
        );
    }
}

#[wasm_bindgen_test]
fn a_throwing_getter_in_the_config_is_an_error_naming_the_field() {
    let config = obj(
        "{ storage: 'memory', moments: { priceMedians: { get shoes() { throw new Error('cfg'); } } } }",
    );
    let message = error_message(Engine::new(config));
    assert!(
        message.starts_with("shelfwise: config.moments.priceMedians") && message.contains("cfg"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn explain_and_remove_item_take_the_numeric_ids_rank_and_track_accept() {
    let e = engine();
    let view = obj("{ type: 'view_item', item: { id: 7, category: ['Shoes'] } }");
    call(&e, "track", &[view]).unwrap();
    let order = call(
        &e,
        "rank",
        &[obj("[{ id: 8 }, { id: 7, category: ['Shoes'] }]")],
    )
    .unwrap();
    assert_eq!(Array::from(&order).get(0).as_string().as_deref(), Some("7"));
    let why = call(&e, "explain", &[JsValue::from(7)]).unwrap();
    assert_eq!(field(&why, "id").as_string().as_deref(), Some("7"));
    assert_eq!(
        field(&why, "position").as_f64(),
        Some(1.0),
        "positions count from 1"
    );
    // Not an id: refused with the field's name, not read as "".
    let message = call(&e, "explain", &[JsValue::from(7.5)]).unwrap_err();
    assert_eq!(message, "shelfwise: id: must be a string or a whole number");
    assert_eq!(
        call(&e, "removeItem", &[JsValue::from(7)]),
        Ok(JsValue::TRUE)
    );
    assert_eq!(
        call(&e, "removeItem", &[JsValue::from(7)]),
        Ok(JsValue::FALSE)
    );
}

#[wasm_bindgen_test]
fn null_config_sections_mean_defaults_like_every_other_null_setting() {
    // A config from JSON (a server template, a data attribute) writes absent settings as null.
    let config = obj(
        "{ storage: 'memory', halfLifeDays: null, weights: null, impact: null, moments: null }",
    );
    let e: JsValue = Engine::new(config).unwrap().into();
    let items = obj("[{ id: 'a' }, { id: 'b' }]");
    assert_eq!(
        Array::from(&call(&e, "rank", &[items]).unwrap()).length(),
        2
    );
}

#[wasm_bindgen_test]
fn diversity_counts_with_fractions_are_refused_as_the_message_says() {
    let e = engine();
    let items = obj("[{ id: 'a', brand: 'x' }, { id: 'b', brand: 'x' }, { id: 'c', brand: 'y' }]");
    let options = obj("{ diversity: { by: 'brand', maxPerGroup: 1.5 } }");
    let message = call(&e, "rank", &[items, options]).unwrap_err();
    assert_eq!(
        message,
        "shelfwise: options.diversity.maxPerGroup: must be a whole number from 1 to 10000"
    );
}

#[wasm_bindgen_test]
fn welcome_back_refuses_a_limit_that_is_not_a_count() {
    let e = engine();
    // -1 was read as 4294967295 (so 30), NaN as 0 and 2.5 as 2, and the text "3" as 3 (the
    // glue's `Number` conversion), answering silently.
    for bad in [
        JsValue::from(-1),
        JsValue::from(f64::NAN),
        JsValue::from(2.5),
        JsValue::from("3"),
        JsValue::from(true),
    ] {
        let message = call(&e, "welcomeBack", &[bad]).unwrap_err();
        assert_eq!(
            message,
            "shelfwise: limit: must be a whole number, 0 or more (at most 30 ids are returned)"
        );
    }
    for fine in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        0.into(),
        4.into(),
        1000.into(),
    ] {
        assert!(Array::is_array(&call(&e, "welcomeBack", &[fine]).unwrap()));
    }
}

#[wasm_bindgen_test]
fn a_null_occasion_offers_means_no_offers_like_every_other_null_option() {
    let e = engine();
    let occasion = obj("{ added: ['a'], offers: null, content: null, crossSell: null }");
    assert!(call(&e, "trigger", &[occasion]).is_ok());
}

/// A revoked Proxy, and a Proxy whose every trap throws, as the event or an options object:
/// each call is refused with an `Error` naming the argument (the revoked one threw a TypeError
/// through wasm's frames, from `Array.isArray`; reads through throwing traps were taken for
/// absent fields), 2,000 times over, and the engine still works afterwards.
#[wasm_bindgen_test]
fn revoked_and_throwing_proxies_as_arguments_are_errors_naming_the_argument() {
    let revoked = "(() => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; })()";
    let throwing = "new Proxy({ type: 'view_item' }, Object.fromEntries(['get', 'has', 'ownKeys', \
        'getOwnPropertyDescriptor', 'getPrototypeOf'].map((t) => [t, () => { throw new Error('trap'); }])))";
    for (kind, proxy) in [("revoked", revoked), ("throwing", throwing)] {
        let p = obj(proxy);
        let items = obj("[{ id: 'a' }]");
        refused_and_alive(engine(), kind, &["shelfwise: event"], |e| {
            call(e, "track", std::slice::from_ref(&p))
        });
        refused_and_alive(engine(), kind, &["shelfwise: options"], |e| {
            call(e, "rank", &[items.clone(), p.clone()])
        });
        refused_and_alive(engine(), kind, &["shelfwise: options"], |e| {
            call(e, "recommend", &["pickedForYou".into(), p.clone()])
        });
        let class = field(&engine(), "constructor").unchecked_into::<Function>();
        let config = Array::of1(&p);
        for _ in 0..2000 {
            let e = Reflect::construct(&class, &config).expect_err(kind);
            let message = field(&e, "message").as_string().unwrap();
            assert!(
                message.starts_with("shelfwise: config"),
                "{kind}: {message}"
            );
        }
        let e = Engine::new(obj("{ storage: 'memory' }")).unwrap();
        for _ in 0..2000 {
            let message = error_message(shelfwise::web::start_auto(&e, p.clone()));
            assert!(
                message.starts_with("shelfwise: options"),
                "{kind}: {message}"
            );
        }
        e.track(view("still", "works")).unwrap();
        assert_eq!(recently_viewed(&e), vec!["still"]);
        let e: JsValue = e.into();
        call(&e, "free", &[]).unwrap();
    }
}

#[wasm_bindgen_test]
fn numeric_ids_beyond_safe_integers_are_refused_saying_so_and_naming_the_field() {
    let e = engine();
    const UNSAFE: &str = "must be a string or a safe integer";
    // 1e16 and 2 ** 60 are whole numbers, but no longer the digits the page meant.
    for (method, args, field) in [
        (
            "rank",
            vec![obj("[{ id: 'a' }, { id: 1e16 }]")],
            "items[1].id",
        ),
        (
            "track",
            vec![obj("{ type: 'view_item', item: { item_id: 2 ** 60 } }")],
            "item.item_id",
        ),
        (
            "track",
            vec![obj(
                "{ type: 'purchase', transactionId: -1e16, items: [{ id: 'a' }] }",
            )],
            "transactionId",
        ),
        (
            "rank",
            vec![obj("[{ id: 'a', facets: { n: 1e17 } }]")],
            "items[0].facets.n",
        ),
        ("explain", vec![JsValue::from(1e16)], "id"),
        ("removeItem", vec![JsValue::from(1e16)], "id"),
        ("prefer", vec![obj("{ id: 1e16 }")], "target.id"),
    ] {
        let message = call(&e, method, &args).unwrap_err();
        let want = format!("shelfwise: {field}: {UNSAFE}");
        assert!(
            message.starts_with(&want),
            "{method}: {message:?}, not {want:?}"
        );
    }
    // A fraction is still "a whole number" that it is not.
    let message = call(&e, "explain", &[JsValue::from(7.5)]).unwrap_err();
    assert_eq!(message, "shelfwise: id: must be a string or a whole number");
    // Up to Number.MAX_SAFE_INTEGER a number is exact: it is the id its digits spell.
    let items =
        obj("[{ id: 9007199254740991 }, { id: -9007199254740991 }, { id: 9000000000000001 }]");
    let order = call(&e, "rank", &[items]).unwrap();
    let mut ids: Vec<String> = Array::from(&order)
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        ["-9007199254740991", "9000000000000001", "9007199254740991"]
    );
}

#[wasm_bindgen_test]
fn a_choice_target_error_names_the_targets_field() {
    let e = engine();
    for (target, want) in [
        ("{ category: [] }", "shelfwise: target.category: must have 1 to 8 levels"),
        ("{ category: ['Shoes', ' '] }", "shelfwise: target.category[1]: must not be empty"),
        ("{ id: ' ' }", "shelfwise: target.id: must not be empty"),
        ("{ key: 'nonsense' }", "shelfwise: target.key: must name an item or a category, brand, price, tag or facet key of at most 202 bytes"),
        ("{ category: 'Shoes' }", "shelfwise: target.category: must be an array"),
        ("{}", "shelfwise: target: must have an id, a category or a key"),
        // Two of them were taken as the first found (id, then category), in silence.
        ("{ id: 'sku-1', key: 'b:acme' }", ONE_TARGET),
        ("{ id: 'sku-1', category: ['Shoes'] }", ONE_TARGET),
        ("{ category: ['Shoes'], key: 'b:acme' }", ONE_TARGET),
    ] {
        for method in ["prefer", "avoid", "clearChoice"] {
            assert_eq!(call(&e, method, &[obj(target)]).unwrap_err(), want, "{method}({target})");
        }
    }
    // A field given as undefined or null is absent, as everywhere in the API.
    for target in [
        "{ id: 'sku-1', key: undefined }",
        "{ category: ['Shoes'], id: null }",
    ] {
        assert!(call(&e, "prefer", &[obj(target)]).is_ok(), "{target}");
    }
}

const ONE_TARGET: &str = "shelfwise: target: must have only one of an id, a category or a key";
