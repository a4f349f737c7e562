//! Helpers shared by the native scenario tests.
#![allow(dead_code)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod batch;
pub mod files;
pub mod moments;
#[cfg(not(target_arch = "wasm32"))]
pub mod sim;
pub mod tabs;

use shelfwise::core::{Engine, EventInput, ItemInput};

/// 2026-11-01 in milliseconds.
pub const T0: f64 = 1_793_491_200_000.0;
/// One day in milliseconds.
pub const DAY: f64 = 86_400_000.0;

/// An item with a one-level category and a brand.
pub fn item(id: &str, category: &str, brand: &str) -> ItemInput {
    ItemInput {
        category: Some(vec![category.to_owned()]),
        brand: Some(brand.to_owned()),
        ..ItemInput::with_id(id)
    }
}

/// An event of `kind` about one item.
pub fn event(kind: &str, it: ItemInput) -> EventInput {
    EventInput {
        kind: Some(kind.to_owned()),
        item: Some(it),
        ..EventInput::default()
    }
}

/// Tab `e` searches for `query` (at [`T0`]).
pub fn search(e: &mut Engine, query: &str) {
    let ev = EventInput {
        kind: Some("search".into()),
        query: Some(query.into()),
        ..EventInput::default()
    };
    e.track(ev, T0).unwrap();
}

/// A grid of `n` items spread over four categories and three brands.
pub fn grid(n: usize) -> Vec<ItemInput> {
    (0..n)
        .map(|i| {
            let mut it = item(
                &format!("p{i}"),
                ["shoes", "bags", "hats", "socks"][i % 4],
                ["acme", "zeta", "nova"][i % 3],
            );
            it.price = Some(5.0 + (i % 50) as f64 * 3.0);
            it
        })
        .collect()
}

/// An item named `name` (category and brand `x`).
pub fn named(id: &str, name: &str) -> ItemInput {
    ItemInput {
        name: Some(name.to_owned()),
        ..item(id, "x", "x")
    }
}

/// The keys of the interests `e` holds, in order.
pub fn keys(e: &Engine) -> Vec<&str> {
    e.profile().affinities.iter().map(|a| a.key()).collect()
}

/// After a search for `query` in a new engine, the item named `title` ranks above the one
/// named `other`.
pub fn search_ranks_first(query: &str, title: &str, other: &str) {
    let mut e = Engine::new(&shelfwise::core::Config::default(), T0);
    search(&mut e, query);
    let items = vec![named("other", other), named("hit", title)];
    let order = e.rank(items, Default::default(), T0).unwrap();
    assert_eq!(order, vec!["hit", "other"], "{query} → {title}");
}
