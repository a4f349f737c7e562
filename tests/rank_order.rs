//! `Engine::rank_order` (positions, used by auto mode) gives the same answer as `rank` (ids).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use shelfwise::core::id::IdText;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, RankOptionsInput};

const NOW: f64 = 1_793_491_200_000.0;

fn item(i: usize) -> ItemInput {
    ItemInput {
        id: Some(IdText(format!(" sku-{i} "))),
        category: Some(vec![["Shoes", "Bags", "Hats"][i % 3].to_owned()]),
        brand: Some(format!("Brand {}", i % 4)),
        price: Some(5.0 + i as f64),
        ..ItemInput::default()
    }
}

#[test]
fn positions_name_the_same_order_as_ids() {
    let mut engine = Engine::new(&Config::default(), NOW);
    for i in [1, 4, 7, 2] {
        let e = EventInput {
            kind: Some("view_item".into()),
            item: Some(item(i)),
            ..EventInput::default()
        };
        engine.track(e, NOW).unwrap();
    }
    let items: Vec<ItemInput> = (0..30).map(item).collect();
    let ids = engine
        .rank(items.clone(), RankOptionsInput::default(), NOW)
        .unwrap();
    let order = engine
        .rank_order(items.clone(), RankOptionsInput::default(), NOW)
        .unwrap();
    assert_ne!(order, (0..30).collect::<Vec<_>>(), "the profile reorders");
    let by_position: Vec<String> = order.iter().map(|&i| format!("sku-{i}")).collect();
    assert_eq!(ids, by_position);
    let mut twice = items;
    twice.push(item(3));
    assert!(engine
        .rank_order(twice, RankOptionsInput::default(), NOW)
        .is_err());
}
