//! Browser tests (headless Chrome) for storage faults found in review: what a write does when
//! storage keeps failing, another tab's reset racing this tab's write, `storage` events that are
//! not about the profile, a tab without consent, deeply nested stored JSON. (A corrupt profile
//! in a full storage is in `web_backup_full.rs`: it needs a page of its own.)
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

fn number_of(v: &JsValue, key: &str) -> f64 {
    Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
}

fn interests(e: &Engine) -> u32 {
    let snap = e.profile().unwrap();
    Reflect::get(&snap, &"interests".into())
        .unwrap()
        .unchecked_into::<Array>()
        .length()
}

/// Sends `window` the `storage` event another tab's write of `key` would bring.
fn storage_event(key: &str, new_value: Option<&str>) {
    let f = Function::new_with_args(
        "k, v",
        "window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v, storageArea: localStorage }));",
    );
    let v = new_value.map_or(JsValue::NULL, JsValue::from_str);
    f.call2(&JsValue::NULL, &key.into(), &v).unwrap();
}

/// Storage that stays broken (full, or gone) must not cost the tab what it learned: the
/// compaction tried to make the profile fit is only kept when a compacted profile was written.
#[wasm_bindgen_test]
fn a_write_that_keeps_failing_keeps_the_whole_profile_in_memory() {
    js("localStorage.removeItem('broken:v1:profile');");
    let e = Engine::new(obj("{ namespace: 'broken' }")).unwrap();
    for i in 0..60 {
        e.track(view(&format!("item-{i}"), &format!("category-{i}")))
            .unwrap();
    }
    let (viewed, held) = (recently_viewed(&e), interests(&e));
    assert!(viewed.len() == 30 && held >= 60, "{} {held}", viewed.len());
    js("window.__setItem = Storage.prototype.setItem; Storage.prototype.setItem = function() { throw new DOMException('full', 'QuotaExceededError'); };");
    let flushed = e.flush();
    js("Storage.prototype.setItem = window.__setItem;");
    assert!(flushed.is_ok(), "no exception reaches the page");
    assert_eq!(
        recently_viewed(&e),
        viewed,
        "nothing was written: nothing is dropped"
    );
    assert_eq!(interests(&e), held);
    e.flush().unwrap();
    let stored = storage_get("broken:v1:profile").unwrap();
    assert!(
        stored.contains("item-59") && stored.contains("c:category-0"),
        "{stored}"
    );
    e.reset().unwrap();
}

/// Tab A resets (the key is removed) and tab B writes before the `storage` event reaches it:
/// B must adopt the reset, as the event would have made it do, not store again what A erased.
#[wasm_bindgen_test]
fn a_reset_elsewhere_is_not_undone_by_a_write_before_its_storage_event() {
    js("localStorage.removeItem('race:v1:profile');");
    let a = Engine::new(obj("{ namespace: 'race' }")).unwrap();
    a.track(view("before-a", "shoes")).unwrap();
    a.flush().unwrap();
    let b = Engine::new(obj("{ namespace: 'race' }")).unwrap();
    b.track(view("before-b", "bags")).unwrap();
    b.flush().unwrap();
    assert!(storage_get("race:v1:profile").unwrap().contains("before-a"));
    a.reset().unwrap();
    // B's write comes before the `storage` event of the reset.
    b.track(view("during", "hats")).unwrap();
    b.flush().unwrap();
    let stored = storage_get("race:v1:profile").unwrap_or_default();
    assert!(
        !stored.contains("before-a") && !stored.contains("before-b"),
        "the erased profile came back: {stored}"
    );
    assert!(!recently_viewed(&b)
        .iter()
        .any(|id| id.starts_with("before")));
    // The event itself arrives later and changes nothing more.
    storage_event("race:v1:profile", None);
    b.flush().unwrap();
    let stored = storage_get("race:v1:profile").unwrap_or_default();
    assert!(!stored.contains("before-a") && !stored.contains("before-b"));
    a.reset().unwrap();
    b.reset().unwrap();
}

/// Tab B adopts tab A's reset early (its write finds the key gone), then learns and writes
/// more; the `storage` event of that reset arrives late. The reset was adopted once already:
/// what B learned after adopting it stays, in memory and in storage (the event used to reset B
/// again, and B's next write dropped those events). Twice in a row, both events late.
#[wasm_bindgen_test]
fn a_late_storage_event_of_an_adopted_reset_keeps_what_was_learned_since() {
    js("localStorage.removeItem('adopt:v1:profile');");
    let a = Engine::new(obj("{ namespace: 'adopt' }")).unwrap();
    let b = Engine::new(obj("{ namespace: 'adopt' }")).unwrap();
    a.track(view("before-a", "shoes")).unwrap();
    a.flush().unwrap();
    b.track(view("before-b", "bags")).unwrap();
    b.flush().unwrap();
    for round in ["one", "two"] {
        a.reset().unwrap();
        // Learned before the reset reached B: dropped ("erase wins a race").
        b.track(view(&format!("during-{round}"), "hats")).unwrap();
        b.flush().unwrap();
        // Learned after B adopted it: kept.
        b.track(view(&format!("after-{round}"), "coats")).unwrap();
        b.flush().unwrap();
    }
    b.track(view("unwritten", "socks")).unwrap();
    storage_event("adopt:v1:profile", None);
    storage_event("adopt:v1:profile", None);
    assert_eq!(recently_viewed(&b), vec!["unwritten", "after-two"]);
    b.track(view("later", "gloves")).unwrap();
    b.flush().unwrap();
    let stored = storage_get("adopt:v1:profile").unwrap_or_default();
    for kept in ["after-two", "unwritten", "later"] {
        assert!(stored.contains(kept), "{kept} was dropped: {stored}");
    }
    for gone in ["before", "during", "after-one"] {
        assert!(!stored.contains(gone), "{gone} came back: {stored}");
    }
    // A reset after all that is adopted when its event arrives, as always.
    a.reset().unwrap();
    storage_event("adopt:v1:profile", None);
    assert!(recently_viewed(&b).is_empty());
    b.flush().unwrap();
    assert_eq!(storage_get("adopt:v1:profile"), None);
}

/// `sessionStorage.clear()` in a same-origin frame of this tab fires a `storage` event with a
/// null key here: it is not the profile's storage and must not reset the profile.
#[wasm_bindgen_test]
async fn session_storage_events_leave_the_profile_alone() {
    js("localStorage.removeItem('session:v1:profile');");
    let e = Engine::new(obj("{ namespace: 'session' }")).unwrap();
    e.track(view("kept", "shoes")).unwrap();
    e.flush().unwrap();
    js("window.__frameDone = false; const f = document.createElement('iframe'); f.id = 'session-frame'; f.srcdoc = '<script>sessionStorage.setItem(\"x\", \"1\"); sessionStorage.clear(); parent.__frameDone = true;</scr' + 'ipt>'; document.body.appendChild(f);");
    for _ in 0..40 {
        next_tick().await;
        if js("return window.__frameDone;").as_bool() == Some(true) {
            break;
        }
    }
    next_tick().await;
    next_tick().await;
    js("document.getElementById('session-frame').remove();");
    assert_eq!(js("return window.__frameDone;").as_bool(), Some(true));
    assert_eq!(recently_viewed(&e), vec!["kept"]);
    // The same event claimed for sessionStorage, sent directly.
    js("window.dispatchEvent(new StorageEvent('storage', { key: null, newValue: null, storageArea: sessionStorage }));");
    assert_eq!(recently_viewed(&e), vec!["kept"]);
    assert!(storage_get("session:v1:profile").unwrap().contains("kept"));
    e.reset().unwrap();
}

/// A tab whose consent is still pending stores nothing, also when another tab's write reaches
/// it as a `storage` event; and it does not read the stored profile either.
#[wasm_bindgen_test]
fn a_tab_without_consent_writes_nothing_when_another_tab_writes() {
    js("localStorage.removeItem('pend:v1:profile');");
    let granted = Engine::new(obj("{ namespace: 'pend' }")).unwrap();
    let pending = Engine::new(obj("{ namespace: 'pend', consent: 'pending' }")).unwrap();
    pending.track(view("unconsented", "hats")).unwrap();
    granted.track(view("consented", "shoes")).unwrap();
    granted.flush().unwrap();
    let stored = storage_get("pend:v1:profile").unwrap();
    storage_event("pend:v1:profile", Some(&stored));
    pending.flush().unwrap();
    let after = storage_get("pend:v1:profile").unwrap();
    assert!(!after.contains("unconsented"), "{after}");
    assert_eq!(recently_viewed(&pending), vec!["unconsented"]);
    assert_eq!(number_of(&pending.profile().unwrap(), "events"), 1.0);
    granted.reset().unwrap();
}

/// The same race as tabs see it: the busy tab's write landed after the reset (its storage was
/// not updated until its task ended), then the `storage` event of the reset arrives. That write
/// was made from the profile as it was before the reset, so it goes as well: the busy tab
/// writes its new, empty profile over it (session 14; before, it removed the key).
#[wasm_bindgen_test]
fn a_write_that_landed_after_a_reset_elsewhere_goes_when_its_event_arrives() {
    js("localStorage.removeItem('late:v1:profile');");
    let a = Engine::new(obj("{ namespace: 'late' }")).unwrap();
    let b = Engine::new(obj("{ namespace: 'late' }")).unwrap();
    a.track(view("before-a", "shoes")).unwrap();
    a.flush().unwrap();
    b.track(view("before-b", "bags")).unwrap();
    b.flush().unwrap();
    let written = storage_get("late:v1:profile").unwrap();
    assert!(written.contains("before-a") && written.contains("before-b"));
    // A resets; B's stale write of the same text lands after it.
    a.reset().unwrap();
    let f = Function::new_with_args("v", "localStorage.setItem('late:v1:profile', v);");
    f.call1(&JsValue::NULL, &written.as_str().into()).unwrap();
    storage_event("late:v1:profile", None);
    let stored = storage_get("late:v1:profile").unwrap_or_default();
    assert!(
        !stored.contains("before"),
        "the erased data is back: {stored}"
    );
    assert_ne!(stored, written);
    assert!(recently_viewed(&b).is_empty());
    // A's own view of it: nothing erased to merge back.
    storage_event("late:v1:profile", None);
    a.flush().unwrap();
    let stored = storage_get("late:v1:profile").unwrap_or_default();
    assert!(
        !stored.contains("before"),
        "the erased data is back: {stored}"
    );
    assert!(recently_viewed(&a).is_empty());
}

/// Stored JSON nested 100,000 levels deep, in a field the engine reads and in one it does not:
/// no stack overflow in the browser's parser or the engine's reader; the first is unreadable
/// (backed up, fresh profile), the second is ignored and the profile kept.
#[wasm_bindgen_test]
fn deeply_nested_stored_json_is_no_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let now_min = (js_sys::Date::now() / 60_000.0) as u64;
    let set = Function::new_with_args("k, v", "localStorage.setItem(k, v);");
    for (ns, blob, kept) in [
        ("deep-a", format!("{{\"v\":2,\"a\":{deep}}}"), false),
        (
            "deep-m",
            format!("{{\"v\":2,\"m\":{{\"hv\":{deep}}}}}"),
            false,
        ),
        (
            "deep-x",
            format!("{{\"v\":2,\"u\":{now_min},\"rv\":[\"kept\"],\"extra\":{deep}}}"),
            true,
        ),
    ] {
        let key = format!("{ns}:v1:profile");
        js(&format!("localStorage.removeItem('{key}:backup');"));
        set.call2(&JsValue::NULL, &key.as_str().into(), &blob.as_str().into())
            .unwrap();
        let e = Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).expect("no exception");
        assert_eq!(recently_viewed(&e) == vec!["kept"], kept, "{ns}");
        assert_eq!(
            storage_get(&format!("{key}:backup")).is_some(),
            !kept,
            "{ns}: an unreadable blob is kept for inspection"
        );
        e.track(view("fresh", "hats")).unwrap();
        e.flush().unwrap();
        assert!(storage_get(&key).unwrap().contains("fresh"), "{ns}");
        e.reset().unwrap();
    }
}

/// `erase()` removes every key of the namespace from localStorage and sessionStorage and leaves
/// other keys alone, also when one storage is blocked (its getter throws).
#[wasm_bindgen_test]
fn erase_removes_every_namespaced_key_even_with_a_blocked_session_storage() {
    js("localStorage.setItem('er:v1:profile', '{}'); localStorage.setItem('er:v1:profile:backup', 'x'); localStorage.setItem('er:other', '1'); localStorage.setItem('era:v1:profile', 'kept'); sessionStorage.setItem('er:s', '1'); sessionStorage.setItem('keep', '1');");
    let e = Engine::new(obj("{ namespace: 'er' }")).unwrap();
    e.erase().unwrap();
    let left = js("return [localStorage, sessionStorage].flatMap(s => Object.keys(s)).filter(k => k.startsWith('er')).sort().join(' ');");
    assert_eq!(left.as_string().unwrap(), "era:v1:profile");
    assert_eq!(storage_get("er:v1:profile"), None);
    js("sessionStorage.removeItem('keep'); localStorage.removeItem('era:v1:profile'); localStorage.setItem('er:v1:profile', '{}');");
    js("window.__ss = Object.getOwnPropertyDescriptor(window, 'sessionStorage'); Object.defineProperty(window, 'sessionStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } });");
    let erased = e.erase();
    js("if (window.__ss) { Object.defineProperty(window, 'sessionStorage', window.__ss); } else { delete window.sessionStorage; }");
    assert!(erased.is_ok(), "no exception reaches the page");
    assert_eq!(
        storage_get("er:v1:profile"),
        None,
        "localStorage is erased all the same"
    );
}
