//! Browser tests for shopping moments at the JS boundary: stored moment counters round-trip
//! through localStorage, the `<html>` attributes follow the profile, trigger panels are built
//! from templates with text only, and bad input throws errors naming the field.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use shelfwise::web::{estimate_lift, Engine};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod browser;
use browser::*;

fn engine(ns: &str, extra: &str) -> Engine {
    js(&format!("localStorage.removeItem('{ns}:v1:profile');"));
    Engine::new(js(&format!("return {{ namespace: '{ns}', {extra} }};"))).unwrap()
}

fn view(id: &str, category: &str, tags: &str) -> JsValue {
    js(&format!(
        "return {{ type: 'view_item', item: {{ id: '{id}', category: ['{category}'], tags: [{tags}] }} }};"
    ))
}

#[wasm_bindgen_test]
fn segments_reach_the_html_attribute_and_survive_storage() {
    let e = engine("wm-seg", "");
    assert_eq!(
        js("return document.documentElement.getAttribute('data-shelfwise-segments');"),
        "new"
    );
    for id in ["a", "b", "c"] {
        e.track(view(id, "Shoes", "")).unwrap();
    }
    assert_eq!(
        js("return document.documentElement.getAttribute('data-shelfwise-segments');"),
        "new hesitant"
    );
    assert_eq!(field(&e.segments().unwrap(), "hesitantCategory"), "shoes");
    e.flush().unwrap();
    drop(e);
    let again = Engine::new(js("return { namespace: 'wm-seg' };")).unwrap();
    assert_eq!(
        field(&again.segments().unwrap(), "hesitantCategory"),
        "shoes"
    );
    assert_eq!(again.arm(), "treatment");
}

#[wasm_bindgen_test]
fn show_trigger_fills_templates_with_text_only_and_one_per_page() {
    js("document.body.insertAdjacentHTML('beforeend', '<template data-shelfwise-trigger=\"hesitation_offer\"><p data-shelfwise-slot=\"offer\"></p></template>');");
    let e = engine("wm-show", "");
    for id in ["a", "b", "c"] {
        e.track(view(id, "Hats", "")).unwrap();
    }
    let occasion = js("return { offers: { hats: '<img src=x onerror=alert(1)>' } };");
    let t = e.show_trigger(occasion.clone()).unwrap();
    assert_eq!(field(&t, "kind"), "hesitation_offer");
    let panel = js("return document.querySelector('[data-shelfwise-moment]');");
    assert_eq!(
        js("return document.querySelector('[data-shelfwise-moment] p').textContent;"),
        "<img src=x onerror=alert(1)>"
    );
    assert_eq!(
        js("return document.querySelectorAll('[data-shelfwise-moment] img').length;"),
        0.0,
        "offer text is never parsed as HTML"
    );
    assert!(!panel.is_null());
    assert!(
        e.show_trigger(occasion).unwrap().is_undefined(),
        "one per page view"
    );
    js("document.querySelector('[data-shelfwise-dismiss]').click();");
    assert!(js("return document.querySelector('[data-shelfwise-moment]');").is_null());
}

#[wasm_bindgen_test]
fn ldp_report_is_stable_and_estimator_checks_its_input() {
    let e = engine("wm-ldp", "moments: { ldpEpsilon: 2 }");
    let r = e.ldp_report().unwrap();
    assert_eq!(field(&r, "epsilon"), 2.0);
    let bit = field(&r, "bit");
    for _ in 0..20 {
        assert_eq!(
            field(&e.ldp_report().unwrap(), "bit"),
            bit,
            "memoized answer"
        );
    }
    let est = estimate_lift(js(
        "return { treatment: { reports: 1000, ones: 350 }, holdout: { reports: 1000, ones: 300 }, epsilon: Math.log(3) };",
    ))
    .unwrap();
    // (0.35 − 0.25)/0.5 − (0.30 − 0.25)/0.5 = 0.1.
    assert!((field(&est, "lift").as_f64().unwrap() - 0.1).abs() < 1e-9);
    let bad = js("return { treatment: { reports: 10, ones: 11 }, holdout: { reports: 1, ones: 0 }, epsilon: 1 };");
    assert!(error_message(estimate_lift(bad)).contains("treatment"));
    assert!(error_message(Engine::new(js(
        "return { moments: { holdoutShare: 'x' } };"
    )))
    .contains("config.moments.holdoutShare"));
    let e = engine("wm-occ", "");
    assert!(
        error_message(e.trigger(js("return { content: [{ tags: [] }] };")))
            .contains("occasion.content[0].id")
    );
}

#[wasm_bindgen_test]
fn a_whole_number_setting_that_is_no_finite_number_keeps_its_default() {
    // README "Settings": NaN and ±Infinity leave a setting at its default, as for the decimal
    // settings; `hesitantViews` (default 3, range 2–50) read NaN and -Infinity as 0, raised
    // to 2, and Infinity as 50.
    for value in ["NaN", "-Infinity", "Infinity"] {
        let extra = format!("moments: {{ segments: {{ hesitantViews: {value} }} }}");
        let e = engine("wm-finite", &extra);
        for id in ["a", "b"] {
            e.track(view(id, "Shoes", "")).unwrap();
        }
        let after_two = field(&e.segments().unwrap(), "hesitantCategory");
        assert!(
            after_two.is_undefined(),
            "hesitantViews: {value}: hesitant after 2 views"
        );
        e.track(view("c", "Shoes", "")).unwrap();
        let after_three = field(&e.segments().unwrap(), "hesitantCategory");
        assert_eq!(
            after_three, "shoes",
            "hesitantViews: {value}: 3 views make it hesitant"
        );
    }
}

#[wasm_bindgen_test]
fn a_bad_median_or_offer_is_named_by_the_key_the_shop_wrote() {
    // README "Shopping moments": the error names the category path or offer key, not only the
    // field that holds a hundred of them.
    let bad_median = Engine::new(js(
        "return { storage: 'memory', moments: { priceMedians: { shoes: 80, 'shoes>running': '95' } } };",
    ));
    assert_eq!(
        error_message(bad_median),
        r#"shelfwise: config.moments.priceMedians["shoes>running"]: must be a number"#
    );
    let e = engine("wm-offer", "");
    let bad_offer = e.trigger(js("return { offers: { shoes: 'RUN10', bags: 10 } };"));
    assert_eq!(
        error_message(bad_offer),
        r#"shelfwise: occasion.offers["bags"]: must be an offer text"#
    );
}

/// Another tab resets (the key removed, its `storage` event not here yet, or never: another
/// engine of this page, a page back from the back/forward cache). This tab's next write finds
/// the profile gone and adopts the reset, as `reset()` here would: `<html>` must stop showing
/// the segments of the erased profile too (README "Homepage and banners": CSS targets them).
#[wasm_bindgen_test]
fn a_reset_adopted_from_another_tab_clears_the_segments_html_shows() {
    let e = engine("wm-adopt", "");
    for id in ["a", "b", "c"] {
        e.track(view(id, "Shoes", "")).unwrap();
    }
    e.flush().unwrap();
    let marks = || js("return document.documentElement.getAttribute('data-shelfwise-segments');");
    assert_eq!(marks(), "new hesitant");
    js("localStorage.removeItem('wm-adopt:v1:profile');");
    e.track(view("d", "Shoes", "")).unwrap();
    e.flush().unwrap();
    assert!(
        field(&e.segments().unwrap(), "hesitantCategory").is_undefined(),
        "the reset was adopted"
    );
    assert_eq!(
        marks(),
        "new",
        "<html> still shows the erased profile's segments"
    );
}

#[wasm_bindgen_test]
fn occasion_ids_may_be_whole_numbers_and_a_bad_cross_sell_entry_is_named_as_written() {
    // README "Items": an id given as a number is its decimal digits, for every id the API
    // takes. `trigger` refused them in `added` ("occasion.added[0]: must be a string") and in
    // `crossSell`, where an entry that is neither an id nor `{ id }` was refused naming a field
    // it does not have ("occasion.crossSell[0].id: is required").
    let e = engine("wm-ids", "");
    let t = e
        .trigger(js(
            "return { added: [42], crossSell: [7, { id: 8 }, '9'] };",
        ))
        .unwrap();
    assert_eq!(field(&t, "kind"), "cross_sell");
    assert_eq!(
        js_sys::JSON::stringify(&field(&t, "items")).unwrap(),
        r#"["7","8","9"]"#
    );
    let e = engine("wm-ids-bad", "");
    for (occasion, message) in [
        (
            "{ crossSell: [true] }",
            "shelfwise: occasion.crossSell[0]: must be a string or a whole number",
        ),
        (
            "{ crossSell: ['a', 1.5] }",
            "shelfwise: occasion.crossSell[1]: must be a string or a whole number",
        ),
        (
            "{ crossSell: [{ name: 'Lid' }] }",
            "shelfwise: occasion.crossSell[0].id: is required",
        ),
        (
            "{ added: ['a', 1.5] }",
            "shelfwise: occasion.added[1]: must be a string or a whole number",
        ),
    ] {
        let got = error_message(e.trigger(js(&format!("return {occasion};"))));
        assert_eq!(got, message, "{occasion}");
    }
}
