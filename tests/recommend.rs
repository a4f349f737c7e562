//! Recommendation slots and the aggregate pack, used the way a shop would: build a pack from
//! logs, hand each viewed item's neighbour data over with its page, then fill slots.
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
use shelfwise::core::pack::build::{build, Pack, PackSettings};
use shelfwise::core::pack::input::Log;
use shelfwise::core::pack::{ItemData, ItemDataInput, PopularityInput, Weighted};
use shelfwise::core::recommend::{ReasonKind, RecommendOptionsInput, Recommendation};
use shelfwise::core::{Config, Engine};

fn pairs(l: &[Weighted]) -> Vec<(IdText, f64)> {
    l.iter()
        .map(|w| (IdText(w.0.clone()), f64::from(w.1)))
        .collect()
}

fn data_of<'a>(pack: &'a Pack, id: &str) -> Option<&'a ItemData> {
    pack.items.iter().find(|(i, _)| i == id).map(|(_, d)| d)
}

/// An engine with the pack's popularity loaded, as every page of the shop would.
fn engine_for(pack: &Pack) -> Engine {
    let mut e = Engine::new(&Config::default(), T0);
    let p = &pack.popularity;
    e.set_popularity(PopularityInput {
        overall: Some(pairs(&p.overall)),
        categories: Some(
            p.categories
                .iter()
                .map(|(c, l)| (c.clone(), pairs(l)))
                .collect(),
        ),
        blend: None,
    })
    .unwrap();
    e
}

/// The shopper opens the page of `id`: the page hands over its item's data, then tracks the view.
fn visit(e: &mut Engine, pack: &Pack, id: &str, category: &str, at: f64) {
    if let Some(d) = data_of(pack, id) {
        e.add_item_data(
            id,
            ItemDataInput {
                related: Some(pairs(&d.related)),
                bought_together: Some(pairs(&d.bought_together)),
            },
        )
        .unwrap();
    }
    e.track(event("view_item", item(id, category, "acme")), at)
        .unwrap();
}

fn slot(e: &Engine, name: &str, count: usize, item: Option<&str>) -> Vec<Recommendation> {
    let options = RecommendOptionsInput {
        count: Some(count as f64),
        item: item.map(IdText::from),
        ..Default::default()
    }
    .validate(name)
    .unwrap();
    e.recommend(&options)
}

fn ids(r: &[Recommendation]) -> Vec<&str> {
    r.iter().map(|r| r.id.as_str()).collect()
}

fn distinct(r: &[Recommendation]) -> bool {
    r.iter().map(|r| &r.id).collect::<HashSet<_>>().len() == r.len()
}

/// A small shop: shoes viewed together, socks bought with shoes, 30 other products.
fn shop() -> Pack {
    let mut csv = String::from("session_id,user_id,ts_ms,date,item_id,category_id,event_type\n");
    for s in 0..6 {
        for (item, cat, kind) in [
            ("shoe-a", "shoes", "view"),
            ("shoe-b", "shoes", "view"),
            ("shoe-c", "shoes", "view"),
            ("shoe-a", "shoes", "purchase"),
            ("socks", "socks", "purchase"),
        ] {
            csv.push_str(&format!("{s},,0,d,{item},{cat},{kind}\n"));
        }
    }
    for s in 10..40 {
        for other in [s, s + 1] {
            csv.push_str(&format!("{s},,0,d,p{other},misc,view\n"));
        }
    }
    build(
        &Log::from_events_csv(&csv).unwrap(),
        &PackSettings::default(),
    )
}

#[test]
fn related_returns_items_viewed_together_naming_the_anchor() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "shoe-a", "shoes", T0);
    let r = slot(&e, "related", 5, None);
    assert_eq!(r.len(), 5);
    assert!(distinct(&r));
    assert_eq!(&ids(&r)[..2], &["shoe-b", "shoe-c"]);
    assert!(
        !ids(&r).contains(&"shoe-a"),
        "the anchor is never recommended"
    );
    assert_eq!(r[0].reason.kind, ReasonKind::ViewedTogether);
    assert_eq!(r[0].reason.item.as_deref(), Some("shoe-a"));
}

#[test]
fn bought_together_comes_from_purchases() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "shoe-a", "shoes", T0);
    let r = slot(&e, "boughtTogether", 3, Some("shoe-a"));
    assert_eq!(r[0].id, "socks");
    assert_eq!(r[0].reason.kind, ReasonKind::BoughtTogether);
    assert_eq!(r.len(), 3);
    assert!(distinct(&r));
}

#[test]
fn recently_viewed_is_newest_first_then_popular() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "p12", "misc", T0);
    visit(&mut e, &pack, "shoe-b", "shoes", T0 + 1000.0);
    let r = slot(&e, "recentlyViewed", 6, None);
    assert_eq!(&ids(&r)[..2], &["shoe-b", "p12"]);
    assert_eq!(r.len(), 6);
    assert!(distinct(&r));
    assert_eq!(r[5].reason.kind, ReasonKind::TopSeller);
}

#[test]
fn picked_for_you_blends_history_and_neighbours() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "shoe-a", "shoes", T0);
    visit(&mut e, &pack, "shoe-a", "shoes", T0 + 1000.0);
    let r = slot(&e, "pickedForYou", 10, None);
    assert_eq!(r.len(), 10);
    assert!(distinct(&r));
    assert_eq!(r[0].id, "shoe-a", "the item viewed twice comes first");
    assert_eq!(r[0].reason.kind, ReasonKind::RecentlyViewed);
    let next: HashSet<&str> = ids(&r)[1..4].iter().copied().collect();
    assert_eq!(next, HashSet::from(["shoe-b", "shoe-c", "socks"]));
    let excluded = RecommendOptionsInput {
        count: Some(10.0),
        exclude_seen: Some(true),
        exclude: Some(vec!["socks".into()]),
        ..Default::default()
    }
    .validate("pickedForYou")
    .unwrap();
    let r = e.recommend(&excluded);
    assert!(!ids(&r).contains(&"shoe-a") && !ids(&r).contains(&"socks"));
    assert_eq!(r.len(), 10);
}

#[test]
fn top_sellers_follow_the_shoppers_categories() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "shoe-c", "shoes", T0);
    let r = slot(&e, "topSellers", 4, None);
    assert_eq!(
        r[0].id, "shoe-a",
        "the best seller of the shopper's category"
    );
    assert_eq!(r[0].reason.kind, ReasonKind::TopSeller);
    assert_eq!(r[0].reason.category.as_deref(), Some("shoes"));
    assert_eq!(r.len(), 4);
    assert!(distinct(&r));
}

#[test]
fn because_you_viewed_names_x_in_every_reason() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "shoe-b", "shoes", T0);
    visit(&mut e, &pack, "unknown-item", "misc", T0 + 1000.0);
    let r = slot(&e, "becauseYouViewed", 8, None);
    assert_eq!(r.len(), 8);
    assert!(distinct(&r));
    assert!(r.iter().all(|x| x.reason.item.as_deref() == Some("shoe-b")));
    assert!(!ids(&r).contains(&"shoe-b") && !ids(&r).contains(&"unknown-item"));
    assert_eq!(r[0].reason.kind, ReasonKind::BecauseYouViewed);
}

#[test]
fn a_cold_shopper_gets_popular_items_and_an_empty_shop_gets_none() {
    let pack = shop();
    let e = engine_for(&pack);
    for name in shelfwise::core::recommend::options::SLOT_NAMES {
        let r = slot(&e, name, 7, None);
        assert_eq!(r.len(), 7, "{name}");
        assert!(
            r.iter().all(|x| x.reason.kind == ReasonKind::Popular),
            "{name}"
        );
    }
    let bare = Engine::new(&Config::default(), T0);
    assert!(slot(&bare, "pickedForYou", 5, None).is_empty());
}

#[test]
fn neighbour_lists_survive_a_stored_round_trip() {
    let pack = shop();
    let mut e = engine_for(&pack);
    visit(&mut e, &pack, "shoe-a", "shoes", T0);
    let stored: shelfwise::core::Profile =
        serde_json::from_str(&serde_json::to_string(e.profile()).unwrap()).unwrap();
    let mut fresh = engine_for(&pack);
    assert!(!fresh.restore(stored, T0 + 1000.0).unwrap());
    assert_eq!(
        slot(&fresh, "related", 5, None),
        slot(&e, "related", 5, None)
    );
}

/// Sessions of a random shop: up to 12 sessions over 8 items.
fn sessions() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(prop::collection::vec(0u8..8, 1..7), 1..12)
}

proptest! {
    #[test]
    fn pairs_below_the_privacy_threshold_never_enter_the_pack(
        sessions in sessions(),
        k in 1u32..4,
    ) {
        let text: String = sessions
            .iter()
            .map(|s| s.iter().map(|i| format!("i{i}")).collect::<Vec<_>>().join(" ") + "\n")
            .collect();
        let settings = PackSettings { min_sessions: k, ..PackSettings::default() };
        let pack = build(&Log::from_sessions_text(&text), &settings);
        let together = |a: &str, b: &str| {
            sessions
                .iter()
                .filter(|s| {
                    let ids: Vec<String> = s.iter().map(|i| format!("i{i}")).collect();
                    ids.iter().any(|x| x == a) && ids.iter().any(|x| x == b)
                })
                .count() as u32
        };
        for (a, data) in &pack.items {
            for n in &data.related {
                let t = together(a, &n.0);
                prop_assert!(t == 0 || t >= k, "{a}->{} seen together in {t} < {k} sessions", n.0);
            }
        }
        for p in &pack.popularity.overall {
            let s = sessions.iter().filter(|s| s.iter().any(|i| format!("i{i}") == p.0)).count();
            prop_assert!(s as u32 >= k);
        }
    }

    #[test]
    fn slots_are_full_and_never_repeat(
        history in prop::collection::vec(0usize..50, 0..40),
        count in 1usize..30,
        which in 0usize..6,
    ) {
        let pack = shop();
        let mut e = engine_for(&pack);
        let names = ["shoe-a", "shoe-b", "shoe-c", "socks"];
        for (t, h) in history.iter().enumerate() {
            let id = names.get(*h).map_or(format!("p{h}"), |n| (*n).to_owned());
            visit(&mut e, &pack, &id, "misc", T0 + 1000.0 * t as f64);
        }
        let name = shelfwise::core::recommend::options::SLOT_NAMES[which];
        let r = slot(&e, name, count, None);
        // The slot must be full unless the popular items left after blocking (the shopper's
        // viewed items, for the slots that exclude them by default) run out.
        let seen: HashSet<&str> = e.profile().viewed.iter().map(String::as_str).collect();
        let blocked = if matches!(name, "related" | "boughtTogether" | "becauseYouViewed") {
            seen.len()
        } else {
            0
        };
        let available = pack.popularity.overall.len().saturating_sub(blocked);
        prop_assert!(r.len() >= count.min(available), "{name}: {} < {count}", r.len());
        prop_assert!(r.len() <= count);
        prop_assert!(distinct(&r));
    }
}

#[test]
fn privacy_threshold_drops_a_pair_from_a_single_session() {
    let text = "a b\nc d\nc d\n";
    let pack = build(&Log::from_sessions_text(text), &PackSettings::default());
    assert!(
        data_of(&pack, "a").is_none(),
        "a-b was seen in one session only"
    );
    assert_eq!(data_of(&pack, "c").unwrap().related[0].0, "d");
    let open = PackSettings {
        min_sessions: 1,
        ..PackSettings::default()
    };
    let pack = build(&Log::from_sessions_text(text), &open);
    assert_eq!(data_of(&pack, "a").unwrap().related[0].0, "b");
}

#[test]
fn the_neighbour_cache_stays_within_the_profile_budget() {
    let mut e = Engine::new(&Config::default(), T0);
    for i in 0..60 {
        let id = format!("item-with-a-long-id-{i}");
        let related = (0..100)
            .map(|n| (IdText(format!("neighbour-\"{i}\"-{n}")), 999.0))
            .collect();
        e.add_item_data(
            &id,
            ItemDataInput {
                related: Some(related),
                bought_together: None,
            },
        )
        .unwrap();
        e.track(
            event("view_item", item(&id, "cat", "acme")),
            T0 + 1000.0 * i as f64,
        )
        .unwrap();
        let json = serde_json::to_string(e.profile()).unwrap();
        let bound = shelfwise::core::profile::budget::estimate(e.profile());
        assert!(
            json.len() <= bound,
            "estimate {bound} < real {}",
            json.len()
        );
        assert!(json.len() <= 16_384);
    }
    let cache = &e.profile().neighbours;
    assert!(
        !cache.items[0].related().is_empty(),
        "the current item keeps its list"
    );
    assert!(
        cache.items.last().unwrap().related().is_empty(),
        "the oldest lists went first"
    );
}

#[test]
fn a_pair_held_by_one_session_stays_out_even_when_only_order_separates_it() {
    // With sequence-only neighbours (`backward: 0`), "c then a" is no support for a -> c, but
    // the one session holding both items must still keep a -> c out of the pack (it would
    // otherwise enter as a two-step neighbour via a -> b -> c).
    let text = "a b\na b\nb c\nb c\nc a\n";
    let settings = PackSettings {
        backward: 0.0,
        ..PackSettings::default()
    };
    let pack = build(&Log::from_sessions_text(text), &settings);
    let a = data_of(&pack, "a").unwrap();
    assert!(a.related.iter().any(|n| n.0 == "b"));
    assert!(
        a.related.iter().all(|n| n.0 != "c"),
        "a and c were together in one session: {:?}",
        a.related
    );
}

#[test]
fn reason_names_are_what_serde_writes() {
    for kind in shelfwise::core::recommend::ReasonKind::ALL {
        let serde = serde_json::to_value(kind).unwrap();
        assert_eq!(serde.as_str(), Some(kind.name()));
    }
}
