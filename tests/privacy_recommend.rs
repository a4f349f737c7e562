//! Recommendation slots follow the shopper's controls: while personalization is paused (and in
//! the holdout arm) no slot draws on the shopper's history, as the panel promises ("you see the
//! shop's own order"); the product page's own neighbours still fill "related".
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::id::IdText;
use shelfwise::core::pack::ItemDataInput;
use shelfwise::core::recommend::{RecommendOptionsInput, Recommendation};
use shelfwise::core::{Config, Engine};

fn recommend(e: &Engine, slot: &str, item: Option<&str>) -> Vec<String> {
    let options = RecommendOptionsInput {
        count: Some(5.0),
        item: item.map(IdText::from),
        ..Default::default()
    }
    .validate(slot)
    .unwrap();
    e.recommend(&options)
        .into_iter()
        .map(|r: Recommendation| r.id)
        .collect()
}

/// A shopper who viewed `a`, whose page handed over its neighbours `b` and `c`.
fn shopper(config: &Config) -> Engine {
    let mut e = Engine::new(config, T0);
    let near = vec![(IdText::from("b"), 900.0), (IdText::from("c"), 500.0)];
    e.add_item_data(
        "a",
        ItemDataInput {
            related: Some(near),
            bought_together: None,
        },
    )
    .unwrap();
    e.track(event("view_item", item("a", "Shoes", "acme")), T0)
        .unwrap();
    e
}

#[test]
fn paused_slots_use_no_history() {
    let mut e = shopper(&Config::default());
    assert!(recommend(&e, "pickedForYou", None).contains(&"b".to_owned()));
    assert_eq!(recommend(&e, "recentlyViewed", None), ["a"]);
    e.set_paused(true);
    assert_eq!(recommend(&e, "pickedForYou", None), Vec::<String>::new());
    assert_eq!(recommend(&e, "recentlyViewed", None), Vec::<String>::new());
    // Not personal: the neighbours of the item on screen.
    assert_eq!(recommend(&e, "related", Some("a")), ["b", "c"]);
    e.set_paused(false);
    assert!(recommend(&e, "pickedForYou", None).contains(&"b".to_owned()));
}

#[test]
fn holdout_slots_use_no_history() {
    let mut config = Config::default();
    config.moments.holdout_share = 0.5;
    let mut e = shopper(&config);
    e.begin_page_view(T0, 0.1); // a draw inside the holdout share
    assert_eq!(e.arm().name(), "holdout");
    assert_eq!(recommend(&e, "recentlyViewed", None), Vec::<String>::new());
    assert!(!recommend(&e, "pickedForYou", None).contains(&"b".to_owned()));
}
