//! Console messages. Shelfwise warns at most once per kind of problem per page, so a broken
//! storage or a corrupt profile never floods the shop's console.

use std::cell::RefCell;

use crate::core::text::concat;

thread_local! {
    static WARNED: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

/// Logs `message` as a console warning unless a warning of this `kind` was already logged.
pub fn warn_once(kind: &'static str, message: &str) {
    let first = WARNED.with(|w| {
        let mut w = w.borrow_mut();
        if w.contains(&kind) {
            false
        } else {
            w.push(kind);
            true
        }
    });
    if first {
        web_sys::console::warn_1(&concat(&["[shelfwise] ", message]).into());
    }
}

/// The message of `e` as a warning relays it: without the `shelfwise: ` its `Error` starts
/// with for page code, since the warning's own `[shelfwise]` already says whose it is (one
/// prefix, not `[shelfwise] … shelfwise: …`).
pub fn relayed(e: wasm_bindgen::JsError) -> String {
    let text = crate::web::dom_calls::prop_text(&wasm_bindgen::JsValue::from(e), "message");
    match text.strip_prefix("shelfwise: ") {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}
