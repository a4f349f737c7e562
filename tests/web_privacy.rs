//! Browser tests (headless Chrome) for consent, erase, export/import and the shopper-control
//! methods: what storage holds after each step, and the JS boundary of each method.
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

/// Every key of `namespace` in localStorage and sessionStorage, sorted.
fn keys(namespace: &str) -> Vec<String> {
    let list = js(&format!(
        "const p = {namespace:?} + ':'; return [localStorage, sessionStorage].flatMap(s => Object.keys(s)).filter(k => k.startsWith(p)).sort().join(' ');"
    ));
    list.as_string()
        .unwrap()
        .split(' ')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn clear(namespace: &str) {
    js(&format!("const p = {namespace:?} + ':'; for (const s of [localStorage, sessionStorage]) for (const k of Object.keys(s)) if (k.startsWith(p)) s.removeItem(k);"));
}

fn engine(config: &str) -> Engine {
    Engine::new(obj(config)).unwrap()
}

fn view(e: &Engine, id: &str, category: &str) {
    e.track(obj(&format!(
        "{{ type: 'view_item', item: {{ id: {id:?}, category: [{category:?}] }} }}"
    )))
    .unwrap();
}

fn shelf(e: &Engine) -> Vec<String> {
    e.rank(
        obj("[{ id: 'h', category: ['hats'] }, { id: 'k', category: ['socks'] }, { id: 's', category: ['shoes'] }]"),
        JsValue::UNDEFINED,
    )
    .unwrap()
}

/// Runs `body` with the value bound to `o` and returns its string result.
fn run_on(v: &JsValue, body: &str) -> String {
    Function::new_with_args("o", body)
        .call1(&JsValue::NULL, v)
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn pending_stores_nothing_and_granting_keeps_what_the_page_learned() {
    clear("pc");
    let e = engine("{ namespace: 'pc', consent: 'pending' }");
    assert_eq!(e.consent(), "pending");
    view(&e, "sku-1", "shoes");
    e.flush().unwrap();
    next_tick().await;
    assert!(keys("pc").is_empty(), "pending writes nothing");
    assert_eq!(shelf(&e)[0], "s", "but personalizes from this page");
    e.set_consent("granted".into()).unwrap();
    // The grant is recorded, so tabs still waiting follow it (`web_consent_tabs.rs`).
    assert_eq!(keys("pc"), vec!["pc:v1:consent", "pc:v1:profile"]);
    assert_eq!(storage_get("pc:v1:consent").as_deref(), Some("granted"));
    let stored = obj("localStorage.getItem('pc:v1:profile')")
        .as_string()
        .unwrap();
    assert!(stored.contains("sku-1") && stored.contains("c:shoes"));
    drop(e);
    // A later page with consent granted reads it back.
    let again = engine("{ namespace: 'pc' }");
    assert_eq!(shelf(&again)[0], "s");
    again.erase().unwrap();
    assert_eq!(
        keys("pc"),
        vec!["pc:v1:consent"],
        "erase keeps the consent record"
    );
}

#[wasm_bindgen_test]
async fn withdrawing_erases_every_key_of_the_namespace() {
    clear("wd");
    js("localStorage.setItem('unrelated', '1');");
    let e = engine("{ namespace: 'wd' }");
    view(&e, "sku-1", "shoes");
    e.flush().unwrap();
    js("localStorage.setItem('wd:v1:profile:backup', 'x'); sessionStorage.setItem('wd:v1:tab', 'y');");
    assert_eq!(keys("wd").len(), 3);
    e.set_consent("pending".into()).unwrap();
    assert_eq!(
        keys("wd"),
        vec!["wd:v1:consent"],
        "withdrawal erases everything stored but the record of the withdrawal"
    );
    assert_eq!(storage_get("wd:v1:consent").as_deref(), Some("pending"));
    assert_eq!(shelf(&e)[0], "s", "pending still personalizes in memory");
    view(&e, "sku-2", "hats");
    next_tick().await;
    assert_eq!(keys("wd"), vec!["wd:v1:consent"]);
    e.set_consent("denied".into()).unwrap();
    assert_eq!(storage_get("wd:v1:consent").as_deref(), Some("denied"));
    assert_eq!(shelf(&e), vec!["h", "k", "s"], "denied: server order");
    view(&e, "sku-3", "socks");
    assert_eq!(shelf(&e), vec!["h", "k", "s"], "denied: nothing learned");
    assert_eq!(
        obj("localStorage.getItem('unrelated')").as_string(),
        Some("1".into())
    );
    js("localStorage.removeItem('unrelated');");
}

#[wasm_bindgen_test]
fn denied_at_start_erases_what_an_earlier_consent_left() {
    clear("dn");
    let before = engine("{ namespace: 'dn' }");
    view(&before, "sku-1", "shoes");
    drop(before);
    assert_eq!(keys("dn"), vec!["dn:v1:profile"]);
    let e = engine("{ namespace: 'dn', consent: 'denied' }");
    assert_eq!(
        keys("dn"),
        vec!["dn:v1:consent"],
        "only the refusal is stored"
    );
    assert_eq!(storage_get("dn:v1:consent").as_deref(), Some("denied"));
    assert_eq!(shelf(&e), vec!["h", "k", "s"]);
    let bad = Engine::new(obj("{ consent: 'maybe' }"));
    assert!(error_message(bad).contains("config.consent"));
    assert!(error_message(e.set_consent("yes".into())).contains("consent"));
}

#[wasm_bindgen_test]
fn global_privacy_control_means_denied_unless_the_site_overrides() {
    clear("gpc");
    js("Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });");
    let e = engine("{ namespace: 'gpc' }");
    assert_eq!(e.consent(), "denied");
    view(&e, "sku-1", "shoes");
    e.flush().unwrap();
    assert!(keys("gpc").is_empty());
    let overridden = engine("{ namespace: 'gpc', respectGpc: false }");
    assert_eq!(overridden.consent(), "granted");
    // An explicit choice made later in the page (a consent banner) is the shopper's own.
    e.set_consent("granted".into()).unwrap();
    assert_eq!(e.consent(), "granted");
    js("delete navigator.globalPrivacyControl;");
    overridden.erase().unwrap();
    e.erase().unwrap();
}

#[wasm_bindgen_test]
fn export_erase_import_restores_the_same_ranking() {
    clear("ex");
    let e = engine("{ namespace: 'ex' }");
    view(&e, "sku-1", "socks");
    e.avoid(obj("{ category: ['hats'] }")).unwrap();
    let before = shelf(&e);
    let file = js_sys::JSON::stringify(&e.export_profile().unwrap()).unwrap();
    e.erase().unwrap();
    assert!(keys("ex").is_empty());
    assert_eq!(shelf(&e), vec!["h", "k", "s"]);
    let parsed = js_sys::JSON::parse(&String::from(file)).unwrap();
    assert!(!e.import_profile(parsed).unwrap());
    assert_eq!(shelf(&e), before);
    assert!(error_message(e.import_profile(obj("{ hello: 1 }"))).contains("profile"));
    assert!(error_message(e.import_profile(obj("{ v: 99 }"))).contains("v"));
    e.erase().unwrap();
}

#[wasm_bindgen_test]
fn choices_removal_pause_and_explanations_through_the_js_api() {
    clear("ct");
    let e = engine("{ namespace: 'ct' }");
    for id in ["a", "b", "c"] {
        view(&e, id, "shoes");
    }
    assert_eq!(shelf(&e)[0], "s");
    let x = e.explain("s").unwrap();
    let top = "return o.contributions[0].key + ' ' + o.contributions[0].count;";
    assert_eq!(run_on(&x, top), "c:shoes 3");
    e.prefer(obj("{ id: 'k' }")).unwrap();
    assert_eq!(
        shelf(&e)[0],
        "k",
        "an explicit choice outweighs learned signals"
    );
    let x = e.explain("k").unwrap();
    let choice = "return o.choicePoints + ' ' + o.choices[0].key;";
    assert_eq!(run_on(&x, choice), "2 i:k");
    e.clear_choice(obj("{ id: 'k' }")).unwrap();
    assert!(e.remove_interest("c:shoes".into()).unwrap());
    assert_eq!(shelf(&e), vec!["h", "k", "s"]);
    assert!(e.remove_item("b").unwrap());
    assert!(!e.remove_item("b").unwrap());
    view(&e, "d", "hats");
    e.pause().unwrap();
    assert_eq!(shelf(&e), vec!["h", "k", "s"]);
    view(&e, "e", "socks");
    e.resume().unwrap();
    assert_eq!(shelf(&e)[0], "h", "nothing was learned while paused");
    assert!(error_message(e.prefer(obj("{}"))).contains("target"));
    assert!(error_message(e.avoid(obj("{ key: 'nonsense' }"))).contains("target"));
    e.erase().unwrap();
}

#[wasm_bindgen_test]
fn profiles_stored_before_counts_and_choices_still_load() {
    clear("old");
    // Written by the first 0.1 engine: four-entry interests, no choices, no pause flag.
    let minute = (js_sys::Date::now() / 60_000.0).floor();
    js(&format!(
        "localStorage.setItem('old:v1:profile', JSON.stringify({{ v: 1, c: {minute}, u: {minute}, s: {minute}, k: 1, n: 1, a: [['c:shoes', 3, 0, {minute}]], rv: ['x'] }}));"
    ));
    let e = engine("{ namespace: 'old' }");
    assert_eq!(shelf(&e)[0], "s");
    assert_eq!(
        run_on(
            &e.profile().unwrap(),
            "return o.interests[0].count + ' ' + o.choices.length + ' ' + o.paused;"
        ),
        "0 0 false"
    );
    assert!(
        keys("old").iter().all(|k| !k.ends_with("backup")),
        "nothing needed repair"
    );
    e.erase().unwrap();
}
