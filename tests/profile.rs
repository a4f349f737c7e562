//! Profile scenarios: learning, decay, the size bound, validation and stored-data round trips.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use proptest::prelude::*;
use shelfwise::core::event::EVENT_TYPES;
use shelfwise::core::profile::budget;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, Profile};

fn random_event(rng: &mut u64) -> EventInput {
    let mut next = |m: u64| {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        *rng % m
    };
    // Every accepted event type, as the core lists them.
    let kind = EVENT_TYPES[next(EVENT_TYPES.len() as u64) as usize];
    // Long, varied strings so the budget, not the history caps, is what bounds the size.
    let id = format!("product-{:0>40}", next(1_000_000));
    let mut it = ItemInput::with_id(id);
    it.category = Some(vec![
        format!("category-{}", next(500)),
        format!("sub \"quoted\" \\ {}", next(500)),
    ]);
    it.brand = Some(format!("brand-{}", next(2000)));
    it.price = Some(next(100_000) as f64 / 7.0);
    it.tags = Some(
        (0..3)
            .map(|_| format!("tag-{}\u{e9}", next(5000)))
            .collect(),
    );
    it.facets = Some(vec![("color".to_owned(), format!("c{}", next(300)))]);
    EventInput {
        kind: Some(kind.into()),
        items: Some(vec![it]),
        query: Some(format!("query {} words {}", next(10_000), next(10_000))),
        seconds: Some(next(300) as f64),
        transaction_id: Some(format!("order-{}", next(1_000_000))),
        ..EventInput::default()
    }
}

#[test]
fn profile_stays_under_16_kib_after_100_000_random_events() {
    let mut e = Engine::new(&Config::default(), T0);
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut max_len = 0;
    for n in 0..100_000u32 {
        e.track(random_event(&mut rng), T0 + f64::from(n) * 1_000.0)
            .unwrap();
        if n % 5_000 == 0 || n == 99_999 {
            let json = serde_json::to_string(e.profile()).unwrap();
            assert!(
                json.len() <= budget::estimate(e.profile()),
                "estimate is an upper bound"
            );
            max_len = max_len.max(json.len());
        }
    }
    assert!(
        max_len <= 16 * 1024,
        "serialized profile reached {max_len} bytes"
    );
    assert!(
        max_len > 12 * 1024,
        "the test should actually fill the budget ({max_len})"
    );
    assert!(!e.profile().affinities.is_empty());
}

#[test]
fn decay_through_the_engine_matches_hand_computed_values() {
    let c = Config {
        half_life_days: 7.0,
        session_weight: 0.0,
        ..Config::default()
    };
    let mut e = Engine::new(&c, T0);
    e.track(event("view_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    // 7 days later the view (weight 1) counts 0.5; 14 days later, 0.25.
    let s = e.snapshot(T0 + 7.0 * DAY);
    let shoes = s.interests.iter().find(|i| i.key == "c:shoes").unwrap();
    assert!((shoes.score - 0.5).abs() < 1e-9, "{}", shoes.score);
    let s = e.snapshot(T0 + 14.0 * DAY);
    let shoes = s.interests.iter().find(|i| i.key == "c:shoes").unwrap();
    assert!((shoes.score - 0.25).abs() < 1e-9);
    // A purchase (8) after 7 days: 1 * 0.5 + 8 = 8.5.
    let mut p = EventInput {
        kind: Some("purchase".into()),
        ..Default::default()
    };
    p.items = Some(vec![item("a", "shoes", "acme")]);
    e.track(p, T0 + 7.0 * DAY).unwrap();
    let s = e.snapshot(T0 + 7.0 * DAY);
    assert_eq!(s.interests[0].score, 8.5);
    assert_eq!(s.purchased, vec!["a"]);
}

#[test]
fn session_and_visits_are_counted() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "x", "y")), T0)
        .unwrap();
    e.track(
        event("view_item", item("b", "x", "y")),
        T0 + 10.0 * 60_000.0,
    )
    .unwrap();
    assert_eq!(e.profile().visits, 1);
    e.track(event("view_item", item("c", "x", "y")), T0 + DAY)
        .unwrap();
    assert_eq!(e.profile().visits, 2);
    assert_eq!(e.snapshot(T0 + DAY).recently_viewed, vec!["c", "b", "a"]);
}

#[test]
fn cart_follows_add_remove_and_purchase() {
    let mut e = Engine::new(&Config::default(), T0);
    let items = |ids: &[&str]| EventInput {
        items: Some(ids.iter().map(|i| item(i, "x", "y")).collect()),
        ..Default::default()
    };
    e.track(
        EventInput {
            kind: Some("add_to_cart".into()),
            ..items(&["a", "b", "c"])
        },
        T0,
    )
    .unwrap();
    e.track(
        EventInput {
            kind: Some("remove_from_cart".into()),
            ..items(&["b"])
        },
        T0,
    )
    .unwrap();
    e.track(
        EventInput {
            kind: Some("purchase".into()),
            ..items(&["a"])
        },
        T0,
    )
    .unwrap();
    let s = e.snapshot(T0);
    assert_eq!(s.cart, vec!["c"]);
    assert_eq!(s.purchased, vec!["a"]);
}

#[test]
fn invalid_events_leave_the_profile_unchanged() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    let before = e.profile().clone();
    let mut bad = event("view_item", item("b", "hats", "zeta"));
    bad.item.as_mut().unwrap().price = Some(f64::NAN);
    assert_eq!(e.track(bad, T0).unwrap_err().field, "item.price");
    let unknown = EventInput {
        kind: Some("teleport".into()),
        ..Default::default()
    };
    assert_eq!(e.track(unknown, T0).unwrap_err().field, "type");
    assert_eq!(e.profile(), &before);
}

#[test]
fn stored_json_round_trips() {
    let mut e = Engine::new(&Config::default(), T0);
    let mut rng = 7u64;
    for n in 0..500 {
        e.track(random_event(&mut rng), T0 + f64::from(n) * 60_000.0)
            .unwrap();
    }
    let json = serde_json::to_string(e.profile()).unwrap();
    let back: Profile = serde_json::from_str(&json).unwrap();
    let mut fresh = Engine::new(&Config::default(), T0);
    assert!(
        !fresh.restore(back, T0 + 500.0 * 60_000.0).unwrap(),
        "a clean profile needs no repair"
    );
    assert_eq!(fresh.profile(), e.profile());
}

#[test]
fn reset_forgets_everything() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    e.reset(T0);
    assert!(e.profile().is_cold());
    assert!(e.snapshot(T0).interests.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever JSON is in storage, decoding and restoring never panics.
    #[test]
    fn restoring_arbitrary_json_never_panics(text in ".{0,400}") {
        if let Ok(p) = serde_json::from_str::<Profile>(&text) {
            let mut e = Engine::new(&Config::default(), T0);
            let _ = e.restore(p, T0);
        }
    }

    /// Structured but hostile profiles: huge or negative numbers, odd keys, any timestamps.
    #[test]
    fn restoring_hostile_profiles_never_panics(
        schema in 0u32..4,
        entries in prop::collection::vec((".{0,12}", any::<f64>(), any::<f64>(), any::<u32>()), 0..50),
        lists in prop::collection::vec(".{0,300}", 0..80),
        now in any::<f64>(),
    ) {
        let mut p = Profile::new(0);
        p.schema = schema;
        p.affinities = entries.into_iter().map(|(k, a, b, t)| shelfwise::core::profile::Affinity::from_parts(k, a, b, t, 0)).collect();
        p.viewed = lists.clone().into();
        p.searches = lists;
        let mut e = Engine::new(&Config::default(), now);
        if e.restore(p, now).is_ok() {
            let json = serde_json::to_string(e.profile()).unwrap();
            prop_assert!(json.len() <= 16 * 1024);
            let _ = e.rank(grid(10), Default::default(), now);
        }
    }

    /// Any event, valid or not, never panics and never breaks the size bound.
    #[test]
    fn tracking_arbitrary_events_never_panics(
        kind in "[a-z_]{0,20}",
        id in ".{0,220}",
        price in any::<f64>(),
        quantity in any::<f64>(),
        seconds in any::<f64>(),
        ts in any::<f64>(),
        now in any::<f64>(),
        tags in prop::collection::vec(".{0,30}", 0..40),
    ) {
        let mut e = Engine::new(&Config::default(), now);
        let it = ItemInput { price: Some(price), quantity: Some(quantity), tags: Some(tags), ..ItemInput::with_id(id) };
        let ev = EventInput { kind: Some(kind), item: Some(it), seconds: Some(seconds), ts: Some(ts), query: Some("q".into()), ..Default::default() };
        let _ = e.track(ev, now);
        let json = serde_json::to_string(e.profile()).unwrap();
        prop_assert!(json.len() <= 16 * 1024);
    }
}

/// The quantity message says exactly what is accepted: 0 to 10000, rounded, and anything
/// below 1 counts as 1 (GA4 pushes with quantity 0 exist in the wild, so 0 is not refused).
#[test]
fn the_quantity_message_says_what_is_accepted() {
    let mut e = Engine::new(&Config::default(), 0.0);
    let add = |quantity: f64| EventInput {
        kind: Some("add_to_cart".into()),
        items: Some(vec![ItemInput {
            quantity: Some(quantity),
            ..ItemInput::with_id("a")
        }]),
        ..EventInput::default()
    };
    for q in [0.0, 0.4, 1.0, 10_000.0] {
        e.track(add(q), 1.0).unwrap();
    }
    for q in [-0.5, 10_000.5, f64::NAN] {
        assert_eq!(
            e.track(add(q), 1.0).unwrap_err().to_string(),
            "items[0].quantity: must be a number from 0 to 10000 (rounded; below 1 counts as 1)"
        );
    }
}

/// A view counts once on each interest of the item (one more distinct item viewed) as it
/// learns them; with the view weight at 0 it still counts, learning nothing (not even decay).
#[test]
fn a_view_counts_each_interest_once_per_distinct_item_even_at_weight_zero() {
    let count = |e: &Engine, key: &str| {
        let a = e.profile().affinities.iter().find(|a| a.key() == key);
        a.map(|a| (a.count(), a.1, a.3))
    };
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    e.track(event("view_item", item("b", "shoes", "zeta")), T0)
        .unwrap();
    e.track(event("view_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    // Item `a` viewed twice counts once; each view learns.
    let w = Config::default().weights.view;
    let learned = |key| count(&e, key).map(|(n, long, _)| (n, long));
    assert_eq!(learned("c:shoes"), Some((2, 3.0 * w)));
    assert_eq!(learned("b:acme"), Some((1, 2.0 * w)));
    assert_eq!(learned("b:zeta"), Some((1, w)));

    let mut c = Config::default();
    c.weights.view = 0.0;
    let mut e = Engine::new(&c, T0);
    e.track(event("select_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    let before = count(&e, "c:shoes").unwrap();
    e.track(event("view_item", item("b", "shoes", "zeta")), T0 + DAY)
        .unwrap();
    assert_eq!(
        count(&e, "c:shoes"),
        Some((before.0 + 1, before.1, before.2))
    );
    assert_eq!(
        count(&e, "b:zeta"),
        None,
        "a view of weight 0 learns no new interest"
    );
}
