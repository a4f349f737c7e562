//! Browser tests (headless Chrome): a consent withdrawal holds in every open tab of the shop.
//! Two engines on one page share localStorage and stand for two tabs; a tab's `storage` events
//! are dispatched by hand, as the browser would deliver them to the other tab (or left out, for
//! a tab that missed them: frozen in the background, or a write already scheduled).
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

fn clear(ns: &str) {
    js(&format!("const p = {ns:?} + ':'; for (const k of Object.keys(localStorage)) if (k.startsWith(p)) localStorage.removeItem(k);"));
}

fn open(ns: &str, consent: &str) -> Engine {
    Engine::new(obj(&format!(
        "{{ namespace: {ns:?}, consent: {consent:?} }}"
    )))
    .unwrap()
}

/// Dispatches the `storage` events another tab's change from `before` (the profile's text then,
/// or null) sends: the consent record's (written first) and the profile key's, with what each
/// holds now.
fn events_since(ns: &str, before: Option<&str>) {
    Function::new_with_args(
        "ns, before",
        "for (const [key, old] of [[ns + ':v1:consent', null], [ns + ':v1:profile', before]]) {
           const now = localStorage.getItem(key);
           if (now === old) continue;
           window.dispatchEvent(new StorageEvent('storage', { key, oldValue: old, newValue: now, storageArea: localStorage }));
         }",
    )
    .call2(&JsValue::NULL, &ns.into(), &before.map_or(JsValue::NULL, JsValue::from))
    .unwrap();
}

fn stored(ns: &str) -> Option<String> {
    storage_get(&format!("{ns}:v1:profile"))
}

fn shelf(e: &Engine) -> Vec<String> {
    e.rank(
        obj("[{ id: 'h', category: ['hats'] }, { id: 's', category: ['shoes'] }]"),
        JsValue::UNDEFINED,
    )
    .unwrap()
}

/// Two tabs that both stored; A then withdraws to `mode`. Returns (A, B, the stored text
/// before the withdrawal).
fn withdrawn(ns: &str, mode: &str) -> (Engine, Engine, String) {
    clear(ns);
    let a = open(ns, "granted");
    let b = open(ns, "granted");
    b.track(view("b-1", "shoes")).unwrap();
    b.flush().unwrap();
    let before = stored(ns).unwrap();
    a.set_consent(mode.into()).unwrap();
    assert_eq!(stored(ns), None, "A's withdrawal erased the profile");
    (a, b, before)
}

#[wasm_bindgen_test]
fn a_tab_stores_nothing_after_another_tabs_withdrawal() {
    for mode in ["pending", "denied"] {
        let ns = format!("ct-{mode}");
        let (_a, b, before) = withdrawn(&ns, mode);
        events_since(&ns, Some(&before));
        b.track(view("b-2", "hats")).unwrap();
        b.flush().unwrap();
        assert_eq!(stored(&ns), None, "B stored after A withdrew to {mode}");
        assert_eq!(b.consent(), mode, "B follows A's withdrawal");
        if mode == "denied" {
            assert_eq!(
                shelf(&b),
                vec!["h", "s"],
                "denied in B: server order, memory forgotten"
            );
        } else {
            // Pending in B: it goes on learning in memory, this page's own events only.
            assert_eq!(recently_viewed(&b), vec!["b-2", "b-1"]);
        }
        clear(&ns);
    }
}

#[wasm_bindgen_test]
fn a_tab_that_missed_the_withdrawal_stores_nothing() {
    let ns = "ct-missed";
    let (_a, b, _) = withdrawn(ns, "pending");
    // No `storage` event reaches B: its writes (the first adopts the erase as a reset) find the
    // refusal before writing.
    for id in ["b-2", "b-3"] {
        b.track(view(id, "hats")).unwrap();
        b.flush().unwrap();
        assert_eq!(
            stored(ns),
            None,
            "B stored {id} after A withdrew (no event)"
        );
    }
    assert_eq!(b.consent(), "pending");
    clear(ns);
}

#[wasm_bindgen_test]
fn consent_given_again_in_one_tab_lets_the_other_store_again() {
    let ns = "ct-again";
    let (a, b, before) = withdrawn(ns, "denied");
    events_since(ns, Some(&before));
    assert_eq!(b.consent(), "denied");
    a.set_consent("granted".into()).unwrap();
    a.track(view("a-1", "socks")).unwrap();
    a.flush().unwrap();
    let granted = stored(ns);
    events_since(ns, None);
    assert_eq!(b.consent(), "granted", "B follows the latest decision");
    b.track(view("b-2", "hats")).unwrap();
    b.flush().unwrap();
    let text = stored(ns).unwrap_or_default();
    assert!(
        text.contains("b-2"),
        "B stores again after consent was given again: {text}"
    );
    assert!(text.contains("a-1"), "with what A stored: {granted:?}");
    assert!(
        !text.contains("b-1"),
        "nothing the withdrawal erased: {text}"
    );
    clear(ns);
}

#[wasm_bindgen_test]
fn a_page_load_keeps_a_recorded_refusal_until_consent_is_given() {
    let ns = "ct-load";
    let (_a, _b, _) = withdrawn(ns, "denied");
    let starts = |configured: &str| open(ns, configured).consent();
    let refused = "a configured grant does not lift a recorded refusal";
    assert_eq!(starts("granted"), "denied", "{refused}");
    assert_eq!(starts("pending"), "denied");
    open(ns, "granted").set_consent("granted".into()).unwrap();
    let again = "after consent given again, pages store again";
    assert_eq!(starts("granted"), "granted", "{again}");
    assert_eq!(
        starts("pending"),
        "pending",
        "a page still asking stays pending"
    );
    // A record this version cannot read is a refusal (fail safe).
    js(&format!("localStorage.setItem('{ns}:v1:consent', 'yes?');"));
    assert_eq!(starts("granted"), "denied");
    clear(ns);
}

#[wasm_bindgen_test]
fn a_page_starting_under_a_recorded_refusal_erases_a_profile_written_since() {
    let ns = "ct-old";
    let (_a, _b, before) = withdrawn(ns, "pending");
    // A tab of an earlier version, which ignores the record, writes its profile back.
    js(&format!(
        "localStorage.setItem('{ns}:v1:profile', {before:?});"
    ));
    let c = open(ns, "granted");
    assert_eq!(c.consent(), "pending");
    assert_eq!(
        stored(ns),
        None,
        "a page starting under the refusal left a profile written after it"
    );
    clear(ns);
}

/// B misses A's refusal (no `storage` event) and follows it at its next write: `<html>` must
/// stop showing B's segments then, as after `setConsent('denied')` in B (README "Segments").
#[wasm_bindgen_test]
fn a_refusal_followed_at_a_write_clears_the_segments_html_shows() {
    let ns = "ct-marks";
    let (_a, b, _) = withdrawn(ns, "denied");
    let marks = || js("return document.documentElement.getAttribute('data-shelfwise-segments');");
    for id in ["b-2", "b-3", "b-4"] {
        b.track(view(id, "shoes")).unwrap();
    }
    assert_eq!(marks(), "new hesitant enthusiast", "B's own segments");
    b.flush().unwrap();
    assert_eq!(b.consent(), "denied", "B follows A's refusal");
    assert_eq!(
        marks(),
        "",
        "<html> still shows B's segments after the refusal"
    );
    clear(ns);
}
