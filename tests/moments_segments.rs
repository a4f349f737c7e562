//! Shopping moments: every segment rule, as a shop meets them.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::moments::*;
use common::*;
use shelfwise::core::Config;

#[test]
fn new_then_returning_after_the_configured_visits() {
    let mut config = Config::default();
    config.moments.segments.returning_visits = 3;
    let mut e = engine(config);
    assert_eq!(names(&e, T0), vec!["new"]);
    e.begin_page_view(T0 + HOUR, 0.5);
    assert_eq!(
        names(&e, T0 + HOUR),
        vec!["new"],
        "second visit, threshold 3"
    );
    e.begin_page_view(T0 + 2.0 * HOUR, 0.5);
    assert_eq!(names(&e, T0 + 2.0 * HOUR), vec!["returning"]);
    // A page view within the session gap is the same visit.
    e.begin_page_view(T0 + 2.0 * HOUR + 5.0 * MIN, 0.5);
    assert_eq!(e.profile().visits, 3);
}

#[test]
fn hesitant_after_n_views_in_a_category_without_add_to_cart() {
    let mut e = engine(Config::default());
    for (i, id) in ["s1", "s2"].iter().enumerate() {
        e.track(
            event("view_item", item(id, "Shoes", "acme")),
            T0 + i as f64 * MIN,
        )
        .unwrap();
    }
    assert!(
        !names(&e, T0).contains(&"hesitant"),
        "two views are not enough"
    );
    e.track(
        event("view_item", item("s3", "Shoes", "acme")),
        T0 + 3.0 * MIN,
    )
    .unwrap();
    let s = e.segments(T0 + 3.0 * MIN);
    assert!(s.names.contains(&"hesitant"));
    assert_eq!(s.hesitant_category.as_deref(), Some("shoes"));
    e.track(
        items_event("add_to_cart", vec![item("s3", "Shoes", "acme")]),
        T0 + 4.0 * MIN,
    )
    .unwrap();
    assert!(
        !names(&e, T0 + 4.0 * MIN).contains(&"hesitant"),
        "adding to cart ends it"
    );
}

#[test]
fn cart_abandoner_only_with_items_left_from_a_previous_visit() {
    let mut e = engine(Config::default());
    e.track(
        items_event("add_to_cart", vec![item("a", "Bags", "zeta")]),
        T0,
    )
    .unwrap();
    assert!(!names(&e, T0).contains(&"cart-abandoner"), "same visit");
    e.begin_page_view(T0 + 2.0 * HOUR, 0.5);
    assert!(names(&e, T0 + 2.0 * HOUR).contains(&"cart-abandoner"));
    e.track(
        items_event("purchase", vec![item("a", "Bags", "zeta")]),
        T0 + 2.0 * HOUR,
    )
    .unwrap();
    assert!(
        !names(&e, T0 + 2.0 * HOUR).contains(&"cart-abandoner"),
        "cart emptied"
    );
}

#[test]
fn bargain_hunter_compares_price_bands_with_the_shops_medians() {
    let mut config = Config::default();
    config.moments.price_medians = vec![("shoes".into(), 100.0)];
    let mut e = engine(config.clone());
    for (i, price) in [30.0, 40.0, 50.0].iter().enumerate() {
        e.track(
            event("view_item", priced(&format!("c{i}"), "Shoes", *price)),
            T0,
        )
        .unwrap();
    }
    assert!(
        !names(&e, T0).contains(&"bargain-hunter"),
        "fewer than 4 compared"
    );
    e.track(event("view_item", priced("c4", "Shoes", 120.0)), T0)
        .unwrap();
    assert!(
        names(&e, T0).contains(&"bargain-hunter"),
        "3 of 4 below: 0.75 ≥ 0.6"
    );
    // Without medians nothing is compared.
    let mut plain = engine(Config::default());
    for i in 0..6 {
        plain
            .track(
                event("view_item", priced(&format!("c{i}"), "Shoes", 5.0)),
                T0,
            )
            .unwrap();
    }
    assert!(!names(&plain, T0).contains(&"bargain-hunter"));
    // A shopper at the median is not a bargain hunter.
    let mut full = engine(config);
    for i in 0..6 {
        full.track(
            event("view_item", priced(&format!("c{i}"), "Shoes", 100.0)),
            T0,
        )
        .unwrap();
    }
    assert!(!names(&full, T0).contains(&"bargain-hunter"));
}

#[test]
fn loyal_after_purchases_in_two_visits() {
    let mut e = engine(Config::default());
    let buy = || items_event("purchase", vec![item("x", "Tea", "nova")]);
    e.track(buy(), T0).unwrap();
    e.track(buy(), T0 + MIN).unwrap();
    assert!(!names(&e, T0).contains(&"loyal"), "two orders in one visit");
    e.begin_page_view(T0 + DAY, 0.5);
    e.track(buy(), T0 + DAY).unwrap();
    assert!(names(&e, T0 + DAY).contains(&"loyal"));
}

#[test]
fn enthusiast_needs_a_strong_dominant_category() {
    let mut e = engine(Config::default());
    // Within a visit a view adds 1 long-term and 1 session signal: 3 views are strength 6.
    for i in 0..3 {
        e.track(
            event("view_item", item(&format!("h{i}"), "Hats", "nova")),
            T0,
        )
        .unwrap();
    }
    assert!(!names(&e, T0).contains(&"enthusiast"), "strength 6 < 8");
    for i in 0..2 {
        e.track(
            event("view_item", item(&format!("h{i}"), "Hats", "nova")),
            T0,
        )
        .unwrap();
    }
    let s = e.segments(T0);
    assert!(s.names.contains(&"enthusiast"));
    assert_eq!(s.favourite_category.as_deref(), Some("hats"));
    // Two equally strong other categories take the dominance away (a third of the signal each).
    for i in 0..5 {
        e.track(
            event("view_item", item(&format!("b{i}"), "Bags", "nova")),
            T0,
        )
        .unwrap();
        e.track(
            event("view_item", item(&format!("k{i}"), "Socks", "nova")),
            T0,
        )
        .unwrap();
    }
    assert!(!names(&e, T0).contains(&"enthusiast"));
}
