//! Helpers shared by the browser test suites (`tests/web*.rs`): running page JavaScript,
//! reading fields, waiting a tick, counting console warnings and reading thrown errors.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use js_sys::{Array, Function, Reflect, JSON};
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Runs a snippet of page JavaScript and returns its value; a thrown exception fails the test
/// with the snippet and the exception.
pub fn js(code: &str) -> JsValue {
    Function::new_no_args(code)
        .call0(&JsValue::NULL)
        .unwrap_or_else(|e| panic!("{code}: {e:?}"))
}

/// The value of a JavaScript expression, such as an object literal.
pub fn obj(code: &str) -> JsValue {
    js(&format!("return {code};"))
}

/// `v[key]`.
pub fn field(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// `localStorage.getItem(key)`.
pub fn storage_get(key: &str) -> Option<String> {
    js(&format!("return localStorage.getItem({key:?});")).as_string()
}

/// Waits for the page's timers to run (the engine writes on a `setTimeout(0)`).
pub async fn next_tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// Counts `console.warn` calls made while `f` runs.
pub fn count_warnings(f: impl FnOnce()) -> u32 {
    js("window.__warns = 0; window.__warn = console.warn; console.warn = function() { window.__warns++; window.__warn.apply(console, arguments); };");
    f();
    js("console.warn = window.__warn;");
    js("return window.__warns;").as_f64().unwrap() as u32
}

/// The message of the JS `Error` a call threw; fails unless it is a real `Error` object.
pub fn error_message(r: Result<impl Sized, wasm_bindgen::JsError>) -> String {
    let Err(e) = r else {
        panic!("expected an error")
    };
    let v: JsValue = e.into();
    assert!(v.is_instance_of::<js_sys::Error>(), "a real Error object");
    field(&v, "message").as_string().unwrap()
}

/// A `view_item` event for `id` in `category` (brand acme, price 20).
pub fn view(id: &str, category: &str) -> JsValue {
    obj(&format!("{{ type: 'view_item', item: {{ id: {id:?}, category: [{category:?}], brand: 'acme', price: 20 }} }}"))
}

/// The profile's recently viewed ids.
pub fn recently_viewed(e: &Engine) -> Vec<String> {
    let snap = e.profile().unwrap();
    let list: Array = Reflect::get(&snap, &"recentlyViewed".into())
        .unwrap()
        .dyn_into()
        .unwrap();
    list.iter().map(|v| v.as_string().unwrap()).collect()
}

/// The ranked ids and each item's explanation (JSON, contribution points left out: see
/// [`without_points`]).
pub fn ranked_and_explained(e: &Engine, items: JsValue) -> (Vec<String>, Vec<String>) {
    let ids = e.rank(items, JsValue::UNDEFINED).unwrap();
    let why = ids
        .iter()
        .map(|id| {
            let e = e.explain(id).unwrap();
            without_points(&JSON::stringify(&e).unwrap().as_string().unwrap())
        })
        .collect();
    (ids, why)
}

/// `json` with every `"points"` value replaced by `_`: interests decay by the minute, so two
/// calls compared across a minute boundary (a slow test on a loaded machine) would differ in
/// them alone.
fn without_points(json: &str) -> String {
    let mut out = String::new();
    let mut rest = json;
    while let Some(at) = rest.find("\"points\":") {
        let (head, tail) = rest.split_at(at + "\"points\":".len());
        out.push_str(head);
        out.push('_');
        rest = &tail[tail.find([',', '}']).unwrap_or(tail.len())..];
    }
    out.push_str(rest);
    out
}
