//! One purchase per order (native): an order id or an order page's address learned once, kept
//! as a hash through storage, tabs, consent, pruning, repair and retention.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::orders::{order_key, MAX_ORDERS};
use shelfwise::core::reports::{API, CLICK, DATA_LAYER, PAGE};

fn key(id: &str) -> String {
    order_key(Some(id), None, &[]).unwrap()
}
use shelfwise::core::profile::budget;
use shelfwise::core::{Config, Consent, Engine, EventInput, ItemInput, Profile};

fn purchase(id: Option<&str>, page: Option<&str>, items: &[&str]) -> EventInput {
    EventInput {
        kind: Some("purchase".into()),
        items: Some(items.iter().map(|i| ItemInput::with_id(*i)).collect()),
        transaction_id: id.map(str::to_owned),
        order_page: page.map(str::to_owned),
        ..EventInput::default()
    }
}

#[test]
fn a_purchase_of_a_known_order_is_ignored() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(purchase(Some("T-1"), None, &["a"]), T0).unwrap();
    e.track(purchase(Some(" T-1 "), None, &["a"]), T0 + 1e3)
        .unwrap();
    assert_eq!(e.profile().events, 1);
    assert_eq!(e.profile().orders, vec![key("T-1")]);
    e.track(purchase(Some("T-2"), None, &["a"]), T0).unwrap();
    e.track(purchase(None, None, &["a"]), T0).unwrap();
    e.track(purchase(None, None, &["a"]), T0).unwrap();
    assert_eq!(
        e.profile().events,
        4,
        "another order, and purchases without an id"
    );
}

#[test]
fn an_order_page_is_keyed_by_its_address_and_items() {
    let mut e = Engine::new(&Config::default(), T0);
    for (page, items) in [
        ("/order?items=a,b", &["a", "b"][..]),
        ("/order?items=a,b", &["a", "b"]),
        ("/order?items=a", &["a"]),
        ("/thanks", &["a", "b"]),
        ("/thanks", &["a", "b"]),
    ] {
        e.track(purchase(None, Some(page), items), T0).unwrap();
    }
    assert_eq!(e.profile().events, 3);
}

#[test]
fn a_blank_order_id_counts_as_none() {
    let mut e = Engine::new(&Config::default(), T0);
    for id in ["", "  \n", ""] {
        e.track(purchase(Some(id), None, &["a"]), T0).unwrap();
    }
    assert_eq!(e.profile().events, 3);
    assert!(e.profile().orders.is_empty());
}

#[test]
fn orders_merge_across_tabs_and_survive_storage() {
    let config = Config::default();
    let mut a = Engine::new(&config, T0);
    a.set_writer(1);
    a.track(purchase(Some("T-1"), None, &["a"]), T0).unwrap();
    a.merge_stored(None, T0).unwrap();
    let stored: Profile =
        serde_json::from_str(&serde_json::to_string(a.profile()).unwrap()).unwrap();
    let mut b = Engine::new(&config, T0);
    b.set_writer(2);
    b.track(purchase(Some("T-2"), None, &["b"]), T0).unwrap();
    b.merge_stored(Some(stored), T0).unwrap();
    assert_eq!(b.profile().orders, vec![key("T-2"), key("T-1")]);
    b.track(purchase(Some("T-1"), None, &["a"]), T0).unwrap();
    assert_eq!(b.profile().events, 2, "the other tab's order is known");
}

#[test]
fn orders_learned_before_consent_are_kept_when_it_is_granted() {
    let config = Config::default();
    let mut stored = Engine::new(&config, T0);
    stored
        .track(purchase(Some("T-1"), None, &["a"]), T0)
        .unwrap();
    let mut e = Engine::new(&config, T0);
    e.set_consent(Consent::Pending, T0);
    e.track(purchase(Some("T-2"), None, &["b"]), T0).unwrap();
    e.set_consent(Consent::Granted, T0);
    e.absorb_stored(stored.profile().clone(), T0);
    assert_eq!(e.profile().orders, vec![key("T-2"), key("T-1")]);
}

#[test]
fn stored_orders_are_repaired_bounded_pruned_and_expire() {
    let config = Config::default();
    let now = (T0 / 60_000.0) as u32;
    let mut p = Profile::new(now);
    let keys: Vec<String> = (0..30).map(|i| key(&i.to_string())).collect();
    p.orders = keys.clone();
    p.orders.push(keys[3].clone());
    let r = p.restore(&config, now).unwrap();
    assert!(r.repaired);
    assert_eq!(r.profile.orders, keys[..MAX_ORDERS]);
    // The size budget drops the oldest keys once everything else is gone.
    let mut p = r.profile.clone();
    let small = budget::estimate(&p) - 40;
    budget::prune_to(&mut p, small, |_| 0.0);
    assert!(p.orders.len() < MAX_ORDERS && p.orders.starts_with(&keys[..3]));
    assert!(budget::estimate(&p) <= small);
    // After the signals' maximum age without activity, the orders go with the history.
    let mut p = r.profile;
    let later = now + (config.signal_max_age_days * 1440.0) as u32 + 1;
    p.expire(&config, later);
    assert!(p.orders.is_empty());
}

#[test]
fn reset_forgets_the_orders() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(purchase(Some("T-1"), None, &["a"]), T0).unwrap();
    e.reset(T0);
    e.track(purchase(Some("T-1"), None, &["a"]), T0).unwrap();
    assert_eq!(e.profile().events, 1);
}

fn add(id: &str) -> EventInput {
    EventInput {
        kind: Some("add_to_cart".into()),
        items: Some(vec![ItemInput::with_id(id)]),
        ..EventInput::default()
    }
}

/// `engine.track` is always the JS API's report ([`API`]): what auto mode reads when it starts
/// on the page afterwards joins it, and a joined purchase still records its order.
#[test]
fn a_track_call_before_auto_mode_starts_is_joined_by_what_it_then_reads() {
    let mut e = Engine::new(&Config::default(), 0.0);
    // The shop's code reports the purchase, with no order id, before `startAuto`: the JS
    // API is a source whether auto mode runs or not.
    let api = e.track_reported(purchase(None, None, &["a", "b"]), API, 0.0);
    assert_eq!(api, Ok(true));
    assert_eq!(e.track_reported(add("c"), API, 100.0), Ok(true));
    // Auto mode starts and reads the order page's markup and an earlier GA4 push.
    let markup = purchase(None, Some("/thanks"), &["b", "a"]);
    assert_eq!(e.track_reported(markup, PAGE, 2_000.0), Ok(false));
    assert_eq!(e.track_reported(add("c"), DATA_LAYER, 2_100.0), Ok(false));
    assert_eq!(e.profile().events, 2);
    // A report more than 5 s after the add is another action.
    assert_eq!(e.track_reported(add("c"), CLICK, 5_101.0), Ok(true));
    assert_eq!(e.profile().events, 3);
}

#[test]
fn a_joined_purchase_still_names_its_order() {
    let mut e = Engine::new(&Config::default(), 0.0);
    let api = e.track_reported(purchase(None, None, &["a"]), API, 0.0);
    assert_eq!(api, Ok(true));
    let markup = || purchase(Some("T-1"), None, &["a"]);
    assert_eq!(e.track_reported(markup(), PAGE, 1.0), Ok(false));
    assert_eq!(e.profile().events, 1);
    // The order page again (a reload: a new page, a new ring): order T-1 is known.
    let mut reloaded = Engine::new(&Config::default(), 0.0);
    reloaded.restore(e.profile().clone(), 2.0).unwrap();
    assert_eq!(reloaded.track_reported(markup(), PAGE, 3.0), Ok(true));
    assert_eq!(
        reloaded.profile().events,
        1,
        "the order was not learned again"
    );
}

#[test]
fn a_big_order_is_learned_in_parts_as_one_action_and_one_order() {
    // More items than an event holds (an order page of 250 lines): learned in events of at
    // most 200, the order kept once all its items are learned; a reload counts nothing.
    let ids: Vec<String> = (0..250).map(|i| format!("i{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut e = Engine::new(&Config::default(), T0);
    assert_eq!(
        e.track_reported(purchase(None, Some("/thanks"), &ids), PAGE, T0),
        Ok(true)
    );
    assert_eq!(e.profile().events, 2, "200 items, then 50 with the order");
    assert_eq!(
        e.profile().purchased.first().map(String::as_str),
        Some("i249")
    );
    assert_eq!(e.profile().orders.len(), 1);
    // A reload of the page, and the same order from GA4 (joins the page's report).
    e.track_reported(purchase(None, Some("/thanks"), &ids), PAGE, T0 + 1e3)
        .unwrap();
    assert_eq!(
        e.track_reported(purchase(None, Some("/thanks"), &ids), DATA_LAYER, T0 + 2e3),
        Ok(false)
    );
    e.track(purchase(Some("B-1"), None, &ids), T0).unwrap();
    e.track(purchase(Some("B-1"), None, &ids), T0).unwrap();
    assert_eq!(e.profile().events, 4);
    let too_many: Vec<String> = (0..1001).map(|i| format!("i{i}")).collect();
    let too_many: Vec<&str> = too_many.iter().map(String::as_str).collect();
    let err = e.track(purchase(None, None, &too_many), T0).unwrap_err();
    assert_eq!(err.field, "items");
    assert_eq!(e.profile().events, 4);
}
