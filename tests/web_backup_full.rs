//! Browser test (headless Chrome): a corrupt stored profile in a storage too full for its backup
//! copy. On a page of its own: console warnings are once per kind per page, and the test reads
//! the first one.
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

/// A corrupt stored profile in a storage too full for a backup copy: the console must not say
/// the original was kept under the backup key when it was not (it is replaced at the next
/// write); it says that storage was too full to keep it.
#[wasm_bindgen_test]
fn a_corrupt_profile_that_storage_is_too_full_to_back_up_is_not_said_to_be_kept() {
    js("localStorage.removeItem('fullc:v1:profile'); localStorage.removeItem('fullc:v1:profile:backup');");
    let blob = format!("{{\"v\":2,\"rv\":[\"{}\"", "x".repeat(3000));
    let f = Function::new_with_args("k, v", "localStorage.setItem(k, v);");
    f.call2(
        &JsValue::NULL,
        &"fullc:v1:profile".into(),
        &blob.as_str().into(),
    )
    .unwrap();
    // A quota: whatever localStorage holds now plus 600 characters.
    js("const used = () => Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0); window.__quota = used() + 600; window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function(k, v) { const old = this.getItem(k); const grow = String(v).length + String(k).length - (old === null ? 0 : old.length + String(k).length); if (used() + grow > window.__quota) throw new DOMException('full', 'QuotaExceededError'); return window.__setItem.call(this, k, v); };");
    js("window.__said = []; window.__warn = console.warn; console.warn = function(m) { window.__said.push(String(m)); };");
    let e = Engine::new(obj("{ namespace: 'fullc' }"));
    js("console.warn = window.__warn;");
    let tracked = e.as_ref().map(|e| {
        e.track(view("fresh", "hats")).unwrap();
        e.flush().unwrap();
    });
    let stored = storage_get("fullc:v1:profile");
    js("Storage.prototype.setItem = window.__setItem;");
    assert!(tracked.is_ok(), "no exception reaches the page");
    assert!(stored.unwrap_or_default().contains("fresh"));
    assert_eq!(storage_get("fullc:v1:profile:backup"), None);
    let said = js("return window.__said.join('\\n');").as_string().unwrap();
    assert!(!said.contains("kept under the backup key"), "{said}");
    assert!(said.contains("too full"), "{said}");
    e.unwrap().reset().unwrap();
}
