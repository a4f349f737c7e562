//! Browser tests (headless Chrome) of a purchase's order id through the JS API:
//! `transactionId` (or GA4's `transaction_id`) makes a purchase count once per order, also
//! after a reload; an id of the wrong type is refused naming the field; the stored profile
//! keeps a hash, not the id, which export and import carry and erase forgets.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use shelfwise::web::Engine;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

fn engine(ns: &str) -> Engine {
    js(&format!("localStorage.removeItem('{ns}:v1:profile');"));
    Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).unwrap()
}

fn events(e: &Engine) -> f64 {
    field(&e.profile().unwrap(), "events").as_f64().unwrap()
}

const ORDER: &str =
    "{ type: 'purchase', transactionId: 'T-1001', items: [{ id: 'hat-1', quantity: 2 }] }";

#[wasm_bindgen_test]
fn a_purchase_with_an_order_id_counts_once_also_after_a_reload() {
    let e = engine("orders-once");
    e.track(obj(ORDER)).unwrap();
    e.track(obj(ORDER)).unwrap();
    // GA4's name for the same field, and spaces around the id: the same order.
    e.track(obj(
        "{ event: 'purchase', transaction_id: ' T-1001 ', items: [{ item_id: 'hat-1' }] }",
    ))
    .unwrap();
    assert_eq!(events(&e), 1.0);
    e.flush().unwrap();
    drop(e);
    let reloaded = Engine::new(obj("{ namespace: 'orders-once' }")).unwrap();
    reloaded.track(obj(ORDER)).unwrap();
    assert_eq!(
        events(&reloaded),
        1.0,
        "the reloaded page's purchase is ignored"
    );
    reloaded
        .track(obj(
            "{ type: 'purchase', transactionId: 1002, items: [{ id: 'hat-1' }] }",
        ))
        .unwrap();
    reloaded
        .track(obj("{ type: 'purchase', items: [{ id: 'hat-1' }] }"))
        .unwrap();
    assert_eq!(
        events(&reloaded),
        3.0,
        "another order, and one without an id, count"
    );
    let stored = storage_get("orders-once:v1:profile").unwrap();
    assert!(
        !stored.contains("T-1001"),
        "the id itself is not stored: {stored}"
    );
}

#[wasm_bindgen_test]
fn a_bad_order_id_is_refused_naming_the_field() {
    let e = engine("orders-bad");
    for (event, part) in [
        (
            "{ type: 'purchase', transactionId: {}, items: [{ id: 'a' }] }",
            "transactionId: must be a string or a whole number",
        ),
        (
            "{ type: 'purchase', transaction_id: true, items: [{ id: 'a' }] }",
            "transaction_id: must be a string or a whole number",
        ),
    ] {
        let result = e.track(obj(event));
        assert!(result.is_err(), "{event} was accepted");
        let message = error_message(result);
        assert!(message.contains(part), "{message:?} lacks {part:?}");
    }
    assert_eq!(events(&e), 0.0, "nothing was learned");
    // Other events ignore the field.
    e.track(obj(
        "{ type: 'view_item', transactionId: {}, item: { id: 'a' } }",
    ))
    .unwrap();
    // A blank id (GA4 tags push one when they have none) counts as none.
    for _ in 0..2 {
        e.track(obj(
            "{ type: 'purchase', transactionId: ' ', items: [{ id: 'a' }] }",
        ))
        .unwrap();
    }
    assert_eq!(events(&e), 3.0);
}

#[wasm_bindgen_test]
fn export_and_import_carry_the_orders_and_erase_forgets_them() {
    let e = engine("orders-export");
    e.track(obj(ORDER)).unwrap();
    let exported = e.export_profile().unwrap();
    let orders = field(&exported, "o");
    assert_eq!(js_sys::Array::from(&orders).length(), 1);
    let key = field(&orders, "0").as_string().unwrap();
    assert!(key.bytes().all(|b| b.is_ascii_digit()), "a hash: {key}");
    e.erase().unwrap();
    e.track(obj(ORDER)).unwrap();
    assert_eq!(events(&e), 1.0, "after erase the order is new again");
    let other = engine("orders-import");
    other.import_profile(exported).unwrap();
    other.track(obj(ORDER)).unwrap();
    assert_eq!(events(&other), 1.0, "the imported profile knows the order");
}
