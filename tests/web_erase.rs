//! Browser tests (headless Chrome): what the shopper erased or removed in one tab is not
//! brought back by another tab's write made from data read before it (the read-write race),
//! when that write's `storage` event reaches the tab that erased. Two engines on one page
//! stand for the two tabs; the other tab's write is a `setItem` of the text it held and the
//! `storage` event the browser would send.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::Function;
use shelfwise::web::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

/// Another tab writes `text` under `key`: the write, then its `storage` event here.
fn other_tab_writes(key: &str, text: &str) {
    let f = Function::new_with_args(
        "k, v",
        "localStorage.setItem(k, v); window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v, storageArea: localStorage }));",
    );
    f.call2(&JsValue::NULL, &key.into(), &text.into()).unwrap();
}

/// The `storage` event of another tab's write of `text` under `key`, arriving after a later
/// write (what is stored stays as it is).
fn late_storage_event(key: &str, text: &str) {
    let f = Function::new_with_args(
        "k, v",
        "window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v, storageArea: localStorage }));",
    );
    f.call2(&JsValue::NULL, &key.into(), &text.into()).unwrap();
}

/// Two engines on `ns` opened with nothing stored (two starts), in that order, and the key.
fn fresh_tabs(ns: &str) -> (Engine, Engine, String) {
    let key = format!("{ns}:v1:profile");
    js(&format!("localStorage.removeItem('{key}');"));
    let open = || Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).unwrap();
    let first = open();
    (first, open(), key)
}

/// Two engines on `ns` that both wrote one view; returns them and the stored text.
fn two_tabs(ns: &str) -> (Engine, Engine, String) {
    let (a, b, key) = fresh_tabs(ns);
    a.track(view("before-a", "shoes")).unwrap();
    a.flush().unwrap();
    b.track(view("before-b", "bags")).unwrap();
    b.flush().unwrap();
    let written = storage_get(&key).unwrap();
    assert!(written.contains("before-a") && written.contains("before-b"));
    // B's write reaches A as a `storage` event would.
    other_tab_writes(&key, &written);
    assert_eq!(recently_viewed(&a), vec!["before-b", "before-a"]);
    (a, b, written)
}

/// Two engines on `ns` that both viewed an item, the first writing last (the stored text,
/// returned with the key, holds both); then another tab resets (the key removed, its `storage`
/// event still queued). The second engine's next write finds the profile gone: it adopts the
/// reset (what it learned before it knew goes), views `after` and writes.
fn reset_elsewhere(ns: &str) -> (Engine, Engine, String, String) {
    let (first, second, key) = fresh_tabs(ns);
    second.track(view("before-2", "shoes")).unwrap();
    second.flush().unwrap();
    first.track(view("before-1", "bags")).unwrap();
    first.flush().unwrap();
    let removed = storage_get(&key).unwrap();
    assert!(removed.contains("before-2"), "{removed}");
    js(&format!("localStorage.removeItem('{key}');"));
    second.track(view("mid", "bags")).unwrap();
    second.flush().unwrap();
    assert!(recently_viewed(&second).is_empty());
    second.track(view("after", "hats")).unwrap();
    second.flush().unwrap();
    (first, second, key, removed)
}

/// The `storage` event of a reset that removed `old` under `key`.
fn removal_event(key: &str, old: &str) {
    let f = Function::new_with_args(
        "k, v",
        "window.dispatchEvent(new StorageEvent('storage', { key: k, oldValue: v, newValue: null, storageArea: localStorage }));",
    );
    f.call2(&JsValue::NULL, &key.into(), &old.into()).unwrap();
}

/// A resets; the other tab's write, made from what it read before the reset, lands after it.
/// A, whose reset was already done, must not take that write in: it writes the reset again,
/// and the other engine adopts it.
#[wasm_bindgen_test]
fn a_reset_is_not_undone_by_a_write_from_before_it() {
    let (a, b, written) = two_tabs("reset-rw");
    a.reset().unwrap();
    other_tab_writes("reset-rw:v1:profile", &written);
    let stored = storage_get("reset-rw:v1:profile").unwrap_or_default();
    assert!(
        !stored.contains("before-a") && !stored.contains("before-b"),
        "the erased history came back: {stored}"
    );
    for e in [&a, &b] {
        assert!(recently_viewed(e).is_empty(), "{:?}", recently_viewed(e));
    }
    // What is learned afterwards is kept, in both.
    b.track(view("after", "hats")).unwrap();
    b.flush().unwrap();
    other_tab_writes(
        "reset-rw:v1:profile",
        &storage_get("reset-rw:v1:profile").unwrap(),
    );
    assert_eq!(recently_viewed(&a), vec!["after"]);
    a.reset().unwrap();
}

/// A removes an item and chooses "not interested" in a category, and writes; the other
/// tab's write from before lands over it. A writes the removal and the choice again.
#[wasm_bindgen_test]
fn a_removal_and_a_choice_are_not_undone_by_a_write_from_before_them() {
    let (a, b, written) = two_tabs("remove-rw");
    assert!(a.remove_item("before-b").unwrap());
    a.avoid(obj("{ category: ['hats'] }")).unwrap();
    a.flush().unwrap();
    other_tab_writes("remove-rw:v1:profile", &written);
    let stored = storage_get("remove-rw:v1:profile").unwrap();
    assert!(!stored.contains("before-b"), "the item came back: {stored}");
    assert!(stored.contains("c:hats"), "the choice was undone: {stored}");
    assert!(stored.contains("before-a"), "the rest stays: {stored}");
    assert_eq!(recently_viewed(&a), vec!["before-a"]);
    // B meets A's write (its own was overwritten): the removal holds there too.
    other_tab_writes("remove-rw:v1:profile", &stored);
    assert_eq!(recently_viewed(&b), vec!["before-a"]);
    a.reset().unwrap();
}

/// A removes an item, chooses "not interested" in a category and writes, then closes. B was
/// inside a long task when A's write landed: it still saw its own last write and wrote over
/// A's from it. When A's write's `storage` event reaches B, what is stored is B's write: B
/// takes in what it wrote over and writes it, with its own view.
#[wasm_bindgen_test]
fn a_closed_tabs_removal_and_choice_are_not_undone_by_a_write_from_before_them() {
    let (a, b, written) = two_tabs("closed-rw");
    let key = "closed-rw:v1:profile";
    assert!(a.remove_item("before-b").unwrap());
    a.avoid(obj("{ category: ['hats'] }")).unwrap();
    a.flush().unwrap();
    let removed = storage_get(key).unwrap();
    drop(a);
    // B's long task: its storage still shows its own last write, and it writes from that.
    let f = Function::new_with_args("k, v", "localStorage.setItem(k, v);");
    f.call2(&JsValue::NULL, &key.into(), &written.as_str().into())
        .unwrap();
    b.track(view("during", "bags")).unwrap();
    b.flush().unwrap();
    assert!(storage_get(key).unwrap().contains("before-b"));
    late_storage_event(key, &removed);
    let stored = storage_get(key).unwrap();
    assert!(!stored.contains("before-b"), "the item came back: {stored}");
    assert!(stored.contains("c:hats"), "the choice was undone: {stored}");
    assert_eq!(recently_viewed(&b), vec!["during", "before-a"]);
    b.reset().unwrap();
}

/// A write whose `storage` event arrives after the key was removed (a reset or erase came
/// after it, in a tab that then closed) is not taken in by a tab that never read it: erase
/// wins, nothing comes back.
#[wasm_bindgen_test]
fn a_write_followed_by_a_reset_is_not_taken_in_from_its_late_event() {
    let (b, a, key) = fresh_tabs("late-reset");
    let key = key.as_str();
    a.track(view("erased", "shoes")).unwrap();
    a.flush().unwrap();
    let written = storage_get(key).unwrap();
    drop(a);
    js(&format!("localStorage.removeItem('{key}');"));
    late_storage_event(key, &written);
    assert_eq!(storage_get(key), None, "the erased write came back");
    assert!(recently_viewed(&b).is_empty(), "{:?}", recently_viewed(&b));
}

/// A removes an item; B reads that and the shopper views it again in B; A reads that, removes
/// it again and changes a choice twice. The other tab's write from before all of it lands: A
/// repairs first, then B, whose view came before the second removal. Through the stored
/// text (the removal's second generation, the choice's turn): the item stays removed and the
/// later choice holds.
#[wasm_bindgen_test]
fn an_item_removed_again_and_a_changed_choice_keep_their_order() {
    let (a, b, written) = two_tabs("order-rw");
    let key = "order-rw:v1:profile";
    assert!(a.remove_item("before-b").unwrap());
    a.flush().unwrap();
    other_tab_writes(key, &storage_get(key).unwrap());
    b.track(view("before-b", "bags")).unwrap();
    b.flush().unwrap();
    other_tab_writes(key, &storage_get(key).unwrap());
    assert_eq!(recently_viewed(&a)[0], "before-b", "A shows the view");
    assert!(a.remove_item("before-b").unwrap());
    a.prefer(obj("{ category: ['hats'] }")).unwrap();
    a.avoid(obj("{ category: ['hats'] }")).unwrap();
    a.flush().unwrap();
    let stored = storage_get(key).unwrap();
    assert!(
        stored.contains(".2\"]") && stored.contains("\"ct\":["),
        "{stored}"
    );
    other_tab_writes(key, &written);
    let stored = storage_get(key).unwrap();
    assert!(!stored.contains("before-b"), "the item came back: {stored}");
    for e in [&a, &b] {
        assert_eq!(recently_viewed(e), vec!["before-a"]);
    }
    let hats = |s: &str| s.contains("[\"c:hats\",-1");
    assert!(hats(&stored), "the later choice was undone: {stored}");
    a.reset().unwrap();
}

/// A removes a search through the JS API (`removeSearch`); the other tab's write from before
/// lands over it. A writes the removal again: nothing stored holds the text or its terms, and
/// B, meeting that write, drops the search too. A wrong argument is an `Error` naming it.
#[wasm_bindgen_test]
fn a_removed_search_is_not_brought_back_by_a_write_from_before_it() {
    let (a, b, _) = two_tabs("search-rw");
    let key = "search-rw:v1:profile";
    b.track(obj("{ type: 'search', query: 'Red Boots' }"))
        .unwrap();
    b.flush().unwrap();
    let written = storage_get(key).unwrap();
    assert!(written.contains("red boots") && written.contains("q:boots"));
    other_tab_writes(key, &written);
    let a: JsValue = a.into();
    let run = |body: &str| Function::new_with_args("o", body).call1(&JsValue::NULL, &a);
    let removed = run("return o.removeSearch('RED BOOTS');").unwrap();
    assert_eq!(removed, JsValue::TRUE);
    assert_eq!(
        run("return o.removeSearch('red boots');"),
        Ok(JsValue::FALSE)
    );
    run("o.flush();").unwrap();
    other_tab_writes(key, &written);
    let stored = storage_get(key).unwrap();
    for text in ["red boots", "q:red", "q:boots"] {
        assert!(!stored.contains(text), "{text} came back: {stored}");
    }
    assert!(stored.contains("before-b"), "the rest stays: {stored}");
    other_tab_writes(key, &stored);
    let searches = field(&b.profile().unwrap(), "searches");
    assert_eq!(js_sys::Array::from(&searches).length(), 0, "B dropped it");
    for arg in ["5", "", "{ text: 'red boots' }"] {
        let thrown = run(&format!("return o.removeSearch({arg});")).unwrap_err();
        assert!(thrown.is_instance_of::<js_sys::Error>());
        let message = field(&thrown, "message").as_string().unwrap();
        assert_eq!(message, "shelfwise: text: must be a string", "{arg}");
    }
    run("o.reset();").unwrap();
}

/// The id in `text` after `"<field>":["` (the first of a stored list).
fn first_id<'a>(text: &'a str, field: &str) -> &'a str {
    let start = text.find(&format!("\"{field}\":[\"")).unwrap() + field.len() + 5;
    let len = text[start..].find('"').unwrap();
    &text[start..start + len]
}

/// Two engines opened with nothing stored (two starts). B writes; A, which read nothing,
/// writes over it; B merges A's write and goes on from A's start, keeping its own in `ra`.
/// B resets, then a write of B's first start from before the reset (another tab's view still
/// showed it) lands: B must take it for stale, as a write of the start its reset replaced.
#[wasm_bindgen_test]
fn a_reset_replaces_the_start_a_merge_left_through_the_stored_text() {
    let (a, b, key) = fresh_tabs("starts-rw");
    let key = key.as_str();
    b.track(view("before-b", "bags")).unwrap();
    b.flush().unwrap();
    let b_first = storage_get(key).unwrap();
    js(&format!("localStorage.removeItem('{key}');"));
    a.track(view("before-a", "shoes")).unwrap();
    a.flush().unwrap();
    b.track(view("b-again", "hats")).unwrap();
    b.flush().unwrap();
    let merged = storage_get(key).unwrap();
    assert!(
        merged.contains("before-a") && merged.contains("b-again"),
        "{merged}"
    );
    let b_start = first_id(&b_first, "r");
    if merged.contains("\"ra\"") {
        assert_eq!(first_id(&merged, "ra"), b_start, "{merged}");
    }
    b.reset().unwrap();
    b.track(view("after", "nova")).unwrap();
    b.flush().unwrap();
    other_tab_writes(key, &b_first);
    let stored = storage_get(key).unwrap_or_default();
    assert!(
        !stored.contains("before-b"),
        "the erased view came back: {stored}"
    );
    assert_eq!(recently_viewed(&b), vec!["after"]);
    assert!(
        stored.contains(b_start),
        "B's start is listed as replaced: {stored}"
    );
    a.reset().unwrap();
}

/// Chromium updates a tab's copy of localStorage when another tab's change arrives but queues
/// its `storage` event: C reads B's write made after A's reset (the key removed) before A's
/// removal event is dispatched. The event (its `oldValue` the profile A's reset removed) must
/// not make C adopt the reset again: C's next write keeps what B learned after it.
#[wasm_bindgen_test]
fn a_resets_late_event_after_a_later_write_was_read_keeps_that_write() {
    // B's next write finds the profile gone (A, another tab, reset it): B adopts the reset,
    // learns and writes. C's next write reads B's and adopts it likewise.
    let (c, _b, key, removed) = reset_elsewhere("late-reset-read");
    let key = key.as_str();
    c.track(view("c-mid", "shoes")).unwrap();
    c.flush().unwrap();
    assert_eq!(recently_viewed(&c), vec!["after"]);
    removal_event(key, &removed);
    c.track(view("c-after", "nova")).unwrap();
    c.flush().unwrap();
    let stored = storage_get(key).unwrap_or_default();
    assert!(
        stored.contains("\"after\"") && stored.contains("c-after"),
        "B's view after the reset was erased by C's write: {stored}"
    );
    assert!(
        !stored.contains("before") && !stored.contains("mid"),
        "{stored}"
    );
    assert_eq!(recently_viewed(&c), vec!["c-after", "after"]);
    c.reset().unwrap();
}

/// A third tab resets (the key removed, its event still queued); A finds the key gone, adopts
/// it, views `after` and writes. C, in a long task, still shows its own last write and writes
/// from it, over A's. Then the reset's `storage` event reaches C (its listener first), and A:
/// C adopts it and must not leave its stale write stored, nor remove the key (A, which wrote
/// since, took that for another reset and lost `after`): it writes its new profile, which A
/// merges.
#[wasm_bindgen_test]
fn a_tab_replacing_its_own_stale_write_keeps_what_another_tab_learned_after_the_reset() {
    let (c, a, key, removed) = reset_elsewhere("own-stale");
    let key = key.as_str();
    assert!(storage_get(key).unwrap().contains("\"after\""));
    // C's long task: its storage still shows its own last write, and it writes from that.
    let f = Function::new_with_args("k, v", "localStorage.setItem(k, v);");
    f.call2(&JsValue::NULL, &key.into(), &removed.as_str().into())
        .unwrap();
    c.track(view("stale", "nova")).unwrap();
    c.flush().unwrap();
    removal_event(key, &removed);
    let stored = storage_get(key).unwrap_or_default();
    assert!(
        stored.contains("\"after\""),
        "A's view after the reset was lost: {stored}"
    );
    assert!(
        !stored.contains("before") && !stored.contains("stale"),
        "{stored}"
    );
    assert_eq!(recently_viewed(&a), vec!["after"]);
    // A's write reaches C: C holds `after` too.
    late_storage_event(key, &stored);
    assert_eq!(recently_viewed(&c), vec!["after"]);
    a.reset().unwrap();
}
