//! The slot contracts over random shoppers, neighbour data, popularity and options: distinct
//! ids, never an excluded id, the anchor or (with `excludeSeen`) a viewed one, never fewer
//! than asked while popularity has items left, and `becauseYouViewed` naming one X.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::HashSet;

use common::*;
use proptest::prelude::*;
use shelfwise::core::id::IdText;
use shelfwise::core::pack::{ItemDataInput, PopularityInput};
use shelfwise::core::recommend::options::SLOT_NAMES;
use shelfwise::core::recommend::{ReasonKind, RecommendOptionsInput};
use shelfwise::core::{Config, Engine};

fn id(i: u8) -> String {
    format!("i{i}")
}

fn list(ids: &[u8]) -> Vec<(IdText, f64)> {
    let mut seen = HashSet::new();
    ids.iter()
        .filter(|i| seen.insert(**i))
        .enumerate()
        .map(|(n, i)| (IdText(id(*i)), 1000.0 - n as f64))
        .collect()
}

/// Shopper steps: `(item, data?)` — a view, handing over the item's neighbours first if given.
type Steps = Vec<(u8, Option<(Vec<u8>, Vec<u8>)>)>;

fn steps() -> impl Strategy<Value = Steps> {
    let ids = || prop::collection::vec(0u8..30, 0..8);
    prop::collection::vec((0u8..30, prop::option::of((ids(), ids()))), 0..25)
}

proptest! {
    #[test]
    fn every_slot_keeps_its_contract(
        history in steps(),
        popular in prop::collection::vec(0u8..30, 0..30),
        category in prop::collection::vec(0u8..30, 0..10),
        exclude in prop::collection::vec(0u8..30, 0..6),
        anchor in prop::option::of(0u8..30),
        exclude_seen in prop::option::of(any::<bool>()),
        count in 1usize..40,
        which in 0usize..6,
    ) {
        let mut e = Engine::new(&Config::default(), T0);
        e.set_popularity(PopularityInput {
            overall: Some(list(&popular)),
            categories: Some(vec![("shoes".into(), list(&category))]),
            blend: None,
        })
        .unwrap();
        for (t, (item, data)) in history.iter().enumerate() {
            if let Some((related, bought)) = data {
                let data = ItemDataInput {
                    related: Some(list(related)),
                    bought_together: Some(list(bought)),
                };
                e.add_item_data(&id(*item), data).unwrap();
            }
            let view = event("view_item", common::item(&id(*item), "shoes", "acme"));
            e.track(view, T0 + 1000.0 * t as f64).unwrap();
        }
        let name = SLOT_NAMES[which];
        let options = RecommendOptionsInput {
            count: Some(count as f64),
            item: anchor.map(|a| IdText(id(a))),
            exclude: Some(exclude.iter().map(|i| IdText(id(*i))).collect()),
            exclude_seen,
        }
        .validate(name)
        .unwrap();
        let out = e.recommend(&options);
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        let distinct: HashSet<&str> = ids.iter().copied().collect();
        prop_assert_eq!(distinct.len(), ids.len(), "{} repeats: {:?}", name, ids);
        prop_assert!(ids.len() <= count);
        let mut blocked: HashSet<String> = exclude.iter().map(|i| id(*i)).collect();
        blocked.extend(options.item.clone());
        // Without `item`, `related` and `boughtTogether` are about the latest viewed item and
        // `becauseYouViewed` about the X it names: never returned either.
        if options.item.is_none() && matches!(name, "related" | "boughtTogether") {
            blocked.extend(e.profile().viewed.first().cloned());
        }
        if name == "becauseYouViewed" {
            blocked.extend(out.iter().filter_map(|r| r.reason.item.clone()));
        }
        if options.exclude_seen {
            blocked.extend(e.profile().viewed.iter().cloned());
        }
        for i in &ids {
            prop_assert!(!blocked.contains(*i), "{}: {} is excluded/seen/the anchor", name, i);
        }
        let left = list(&popular)
            .iter()
            .filter(|(p, _)| !blocked.contains(&p.0))
            .count();
        prop_assert!(
            ids.len() >= count.min(left),
            "{}: {} items, asked {}, {} popular left", name, ids.len(), count, left
        );
        if name == "becauseYouViewed" {
            let xs: HashSet<Option<&str>> =
                out.iter().map(|r| r.reason.item.as_deref()).collect();
            prop_assert!(xs.len() <= 1, "several X: {:?}", xs);
            if let Some(a) = &options.item {
                prop_assert!(out.iter().all(|r| r.reason.item.as_deref() == Some(a.as_str())));
            }
        }
        for r in &out {
            let about_item = matches!(
                r.reason.kind,
                ReasonKind::ViewedTogether | ReasonKind::BoughtTogether | ReasonKind::BecauseYouViewed
            );
            prop_assert!(!about_item || r.reason.item.is_some(), "{:?}", r);
            prop_assert!(r.reason.item.as_deref() != Some(r.id.as_str()), "{:?}", r);
        }
    }
}

#[test]
fn picked_for_you_says_because_you_viewed_only_for_viewed_items() {
    let mut e = Engine::new(&Config::default(), T0);
    // The cart page hands over its cart item's neighbours (`data-sw-item`): never viewed.
    let data = |ids: &[u8]| ItemDataInput {
        related: Some(list(ids)),
        bought_together: None,
    };
    e.add_item_data("i1", data(&[2])).unwrap();
    e.add_item_data("i5", data(&[6])).unwrap();
    e.track(event("view_item", common::item("i5", "shoes", "acme")), T0)
        .unwrap();
    let options = RecommendOptionsInput::default()
        .validate("pickedForYou")
        .unwrap();
    let out = e.recommend(&options);
    let reason = |id: &str| &out.iter().find(|r| r.id == id).unwrap().reason;
    assert_eq!(reason("i6").kind, ReasonKind::BecauseYouViewed);
    assert_eq!(reason("i6").item.as_deref(), Some("i5"));
    let unviewed = reason("i2");
    assert_eq!(unviewed.item.as_deref(), Some("i1"));
    assert_ne!(
        unviewed.kind,
        ReasonKind::BecauseYouViewed,
        "the shopper never viewed i1"
    );
}

#[test]
fn popularity_category_paths_match_however_their_levels_are_spaced() {
    // README "Markup": a category path is written `Shoes > Running`; a popularity file keyed
    // the same way (by hand rather than by `build-pack`) was taken without a word and never
    // matched the shopper's `shoes>running`, so `topSellers` fell back to overall popularity.
    for key in [
        "Shoes > Running",
        " shoes>running ",
        "Shoes >> Running",
        "SHOES>RUNNING",
    ] {
        let mut e = Engine::new(&Config::default(), T0);
        e.set_popularity(PopularityInput {
            overall: Some(list(&[9])),
            categories: Some(vec![(key.into(), list(&[1]))]),
            blend: None,
        })
        .unwrap();
        let mut shoe = common::item("i2", "Shoes", "acme");
        shoe.category = Some(vec!["Shoes".into(), "Running".into()]);
        e.track(event("view_item", shoe), T0).unwrap();
        let options = RecommendOptionsInput {
            count: Some(2.0),
            ..RecommendOptionsInput::default()
        }
        .validate("topSellers")
        .unwrap();
        let out = e.recommend(&options);
        assert_eq!(out[0].id, "i1", "{key:?}: {out:?}");
        assert_eq!(
            out[0].reason.category.as_deref(),
            Some("shoes>running"),
            "{key:?}"
        );
    }
}
