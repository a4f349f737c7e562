//! The JS boundary under Node (`wasm-pack test --node`): no `window`, so the engine runs in
//! memory mode; inputs are validated the same way as in the browser.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Function, Reflect};
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn obj(code: &str) -> JsValue {
    Function::new_no_args(&format!("return {code};"))
        .call0(&JsValue::NULL)
        .unwrap()
}

#[wasm_bindgen_test]
fn without_a_window_the_engine_runs_in_memory() {
    let e = Engine::new(JsValue::UNDEFINED).unwrap();
    assert_eq!(e.storage_mode(), "memory");
    e.track(obj(
        "{ type: 'view_item', item: { id: 'a', category: ['bags'] } }",
    ))
    .unwrap();
    e.flush().unwrap();
    let order = e
        .rank(
            obj("[{ id: 'x', category: ['hats'] }, { id: 'y', category: ['bags'] }]"),
            obj("{ context: 'grid' }"),
        )
        .unwrap();
    assert_eq!(order, vec!["y", "x"]);
    let snap = e.profile().unwrap();
    assert_eq!(
        Reflect::get(&snap, &"events".into()).unwrap().as_f64(),
        Some(1.0)
    );
}

#[wasm_bindgen_test]
fn errors_are_real_errors_naming_the_field() {
    let e = Engine::new(JsValue::UNDEFINED).unwrap();
    let Err(err) = e.track(obj(
        "{ type: 'select_item', item: { id: 'a', tags: Array(33).fill('t') } }",
    )) else {
        panic!("expected an error");
    };
    let v: JsValue = err.into();
    assert!(v.is_instance_of::<js_sys::Error>());
    let msg = Reflect::get(&v, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    assert!(msg.contains("item.tags"), "{msg}");
}
