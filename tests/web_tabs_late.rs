//! Browser tests (headless Chrome): a tab with nothing of its own to write that receives
//! another tab's writes late writes nothing. Chromium shows another tab's write in a tab's
//! localStorage before it dispatches the write's `storage` event, so during the other tab's
//! burst (writes inside one task) the events carry values that what is stored has gone past.
//! Taking them in as overwritten writes made this tab write what it read, and such a write
//! landed over the bursting tab's newer writes, which lost the events its journal no longer
//! held (e2e `bursts of tracks in one task, …`, session 16, branch `tabs18`; native
//! `tests/tabs_late_events.rs`). Two engines on one page stand for the two tabs; the other tab
//! is dropped before its events are dispatched, so only this one handles them. Also: what is
//! stored, decoded to meet a late event, is not decoded again by the merge after it while it is
//! still stored (and is when a write landed in between).
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

/// The `storage` event of another tab's write of `value`, handled while this tab's storage
/// shows `shown` (a later write of that tab). Returns the texts this page wrote meanwhile.
fn late_event(key: &str, shown: &str, value: &str) -> Vec<String> {
    let f = Function::new_with_args(
        "k, shown, v",
        "const set = Storage.prototype.setItem; set.call(localStorage, k, shown); const writes = [];
         Storage.prototype.setItem = function (key, text) { if (key === k) writes.push(text); return set.call(this, key, text); };
         try { window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v, storageArea: localStorage })); }
         finally { Storage.prototype.setItem = set; }
         return writes;",
    );
    let writes = f
        .call3(&JsValue::NULL, &key.into(), &shown.into(), &value.into())
        .unwrap();
    js_sys::Array::from(&writes)
        .iter()
        .map(|t| t.as_string().unwrap())
        .collect()
}

/// The events the profile stored as `text` holds (its `n`).
fn events_in(text: &str) -> u32 {
    let n = field(&js_sys::JSON::parse(text).unwrap(), "n");
    n.as_f64().unwrap() as u32
}

#[wasm_bindgen_test]
fn late_storage_events_of_a_burst_in_another_tab_make_no_write() {
    let key = "late-burst:v1:profile";
    js(&format!("localStorage.removeItem('{key}');"));
    let open = || Engine::new(obj("{ namespace: 'late-burst' }")).unwrap();
    let a = open();
    a.track(view("a-0", "shoes")).unwrap();
    a.flush().unwrap();
    // B reads that, then tracks a burst in one task: a write inline every 96 events, and the
    // rest written after the task.
    let b = open();
    let mut written = Vec::new();
    for (w, n) in [96, 96, 96, 40].into_iter().enumerate() {
        for i in 0..n {
            b.track(view(&format!("b{w}-{i}"), "bags")).unwrap();
        }
        b.flush().unwrap();
        written.push(storage_get(key).unwrap());
    }
    drop(b);
    let events = 1 + 96 * 3 + 40;
    assert_eq!(events_in(written.last().unwrap()), events);
    // A handles B's writes one by one, each while its storage already shows the next.
    for (i, value) in written.iter().enumerate() {
        let shown = written.get(i + 1).unwrap_or(value);
        let writes = late_event(key, shown, value);
        let held: Vec<u32> = writes.iter().map(|t| events_in(t)).collect();
        assert!(
            writes.is_empty(),
            "A, with nothing to write, wrote (events held: {held:?}) on B's write {i}'s late event"
        );
    }
    assert_eq!(a.profile().map(|p| field(&p, "events")).unwrap(), events);
    a.reset().unwrap();
}

/// Runs `dispatch` (a `storage` event's dispatch) with `JSON.parse` counting its calls on the
/// text the profile key held when each call came. Returns that count.
fn parses_of_stored(key: &str, dispatch: impl FnOnce()) -> u32 {
    js(&format!(
        "window.__parse = JSON.parse; window.__parses = 0;
         JSON.parse = function (t) {{ if (t === localStorage.getItem('{key}')) window.__parses++; return window.__parse.apply(JSON, arguments); }};"
    ));
    dispatch();
    let n = js("JSON.parse = window.__parse; return window.__parses;")
        .as_f64()
        .unwrap();
    n as u32
}

/// Tab A (one event written) and the writes tab B (which read it) makes of `n` more events,
/// one write each; B is dropped before its events are dispatched.
fn writes_of_another_tab(ns: &str, n: usize) -> (Engine, Vec<String>) {
    let key = format!("{ns}:v1:profile");
    js(&format!("localStorage.removeItem('{key}');"));
    let open = || Engine::new(obj(&format!("{{ namespace: '{ns}' }}"))).unwrap();
    let a = open();
    a.track(view("a-0", "shoes")).unwrap();
    a.flush().unwrap();
    let b = open();
    let writes = (0..n)
        .map(|i| {
            b.track(view(&format!("b-{i}"), "bags")).unwrap();
            b.flush().unwrap();
            storage_get(&key).unwrap()
        })
        .collect();
    (a, writes)
}

#[wasm_bindgen_test]
fn a_late_event_decodes_what_is_stored_once() {
    let key = "late-once:v1:profile";
    let (a, writes) = writes_of_another_tab("late-once", 2);
    // A gets B's first write while its storage already shows B's second: the handler decodes
    // what is stored to see that it holds the late write, and the merge after it then takes
    // that decoded profile instead of decoding the same text again.
    let parses = parses_of_stored(key, || {
        late_event(key, &writes[1], &writes[0]);
    });
    assert_eq!(
        parses, 1,
        "what is stored was decoded {parses} times for one late event"
    );
    assert_eq!(a.profile().map(|p| field(&p, "events")).unwrap(), 3);
    a.reset().unwrap();
}

#[wasm_bindgen_test]
fn a_write_landing_after_the_late_events_decode_is_still_merged() {
    let key = "late-change:v1:profile";
    let (a, writes) = writes_of_another_tab("late-change", 3);
    let (first, shown, newest) = (&writes[0], &writes[1], &writes[2]);
    Function::new_with_args("k, v", "localStorage.setItem(k, v)")
        .call2(&JsValue::NULL, &key.into(), &shown.as_str().into())
        .unwrap();
    // B's newest write lands in A's storage after A's handler read and decoded B's second
    // (the first read of the key), before the merge reads the key again: the merge must take
    // the newest write, not the profile decoded from the text stored before it.
    let f = Function::new_with_args(
        "k, newest, v",
        "const get = Storage.prototype.getItem; let reads = 0;
         Storage.prototype.getItem = function (key) { if (key === k && ++reads === 2) localStorage.setItem(k, newest); return get.call(this, key); };
         try { window.dispatchEvent(new StorageEvent('storage', { key: k, newValue: v, storageArea: localStorage })); }
         finally { Storage.prototype.getItem = get; }
         return reads;",
    );
    let reads = f
        .call3(
            &JsValue::NULL,
            &key.into(),
            &newest.as_str().into(),
            &first.as_str().into(),
        )
        .unwrap();
    assert!(
        reads.as_f64().unwrap() >= 2.0,
        "the key was read once: no change landed in between"
    );
    assert_eq!(
        a.profile().map(|p| field(&p, "events")).unwrap(),
        4,
        "B's newest write (4 events with A's) landing mid-handler was not merged"
    );
    a.reset().unwrap();
}
