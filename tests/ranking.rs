//! Ranking scenarios and invariants, as a shop would call them.
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
use shelfwise::core::rank::{DiversityInput, RankOptionsInput};
use shelfwise::core::{Config, Consent, Engine, EventInput, ItemInput};

fn ids(items: &[ItemInput]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.id.clone().unwrap_or_default().0)
        .collect()
}

fn opts(impact: Option<f64>) -> RankOptionsInput {
    RankOptionsInput {
        impact,
        ..RankOptionsInput::default()
    }
}

#[test]
fn cold_profile_returns_server_order() {
    let mut e = Engine::new(&Config::default(), T0);
    let g = grid(40);
    assert_eq!(e.rank(g.clone(), opts(None), T0).unwrap(), ids(&g));
    assert_eq!(
        e.rank(
            g.clone(),
            RankOptionsInput {
                context: Some("banner".into()),
                ..Default::default()
            },
            T0
        )
        .unwrap(),
        ids(&g)
    );
}

#[test]
fn viewing_a_category_moves_it_first() {
    let mut e = Engine::new(&Config::default(), T0);
    for i in [3, 7, 11] {
        e.track(event("view_item", item(&format!("p{i}"), "socks", "x")), T0)
            .unwrap();
    }
    let order = e.rank(grid(20), opts(None), T0).unwrap();
    let first: Vec<&str> = order.iter().take(5).map(String::as_str).collect();
    assert_eq!(
        first,
        vec!["p3", "p7", "p11", "p15", "p19"],
        "all socks first, in server order"
    );
    // impact 0 is the server order exactly.
    assert_eq!(
        e.rank(grid(20), opts(Some(0.0)), T0).unwrap(),
        ids(&grid(20))
    );
}

#[test]
fn explain_names_the_contributions() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "socks", "acme")), T0)
        .unwrap();
    e.track(event("add_to_cart", item("a", "socks", "acme")), T0)
        .unwrap();
    e.rank(grid(8), opts(None), T0).unwrap();
    let x = e.explain("p3").unwrap(); // socks, acme
    assert_eq!(x.position, 1);
    assert_eq!(x.server_position, 4);
    assert_eq!(x.contributions.len(), 2);
    assert!(x
        .contributions
        .iter()
        .any(|c| c.kind == "category" && c.value == "socks"));
    assert!(x
        .contributions
        .iter()
        .any(|c| c.kind == "brand" && c.value == "acme"));
    assert!(e.explain("not-ranked").is_none());
}

/// A page with two managed lists ranks each: the first list's "why" button must still explain
/// its items once the second is ranked, and an item in both is explained from the latest.
#[test]
fn explain_answers_from_the_newest_ranking_that_holds_the_item() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "socks", "acme")), T0)
        .unwrap();
    e.rank(grid(8), opts(None), T0).unwrap(); // p3 (socks, acme) leads
    let first = e.explain("p7").unwrap();
    let second = vec![item("q0", "shoes", "zeta"), item("q1", "bags", "nova")];
    let second = [second, vec![grid(8).swap_remove(3)]].concat(); // p3 third
    e.rank(second, opts(None), T0).unwrap();
    let x = e
        .explain("p7")
        .expect("p7 was personalized in the first list");
    assert_eq!(x, first, "its place in the first list");
    assert_eq!(x.server_position, 8);
    assert!(x.contributions.iter().any(|c| c.value == "socks"));
    let x = e.explain("p3").unwrap();
    assert_eq!(
        (x.position, x.server_position),
        (1, 3),
        "the latest list's place"
    );
    assert_eq!(e.explain("q0").unwrap().server_position, 1);
    assert!(e.explain("not-ranked").is_none());
    // Forgetting the profile forgets every kept ranking.
    e.reset(T0);
    assert!(e.explain("p7").is_none() && e.explain("p3").is_none());
    e.rank(grid(8), opts(None), T0).unwrap();
    e.rank(vec![item("q0", "shoes", "zeta")], opts(None), T0)
        .unwrap();
    e.set_consent(Consent::Denied, T0);
    assert!(e.explain("p7").is_none() && e.explain("q0").is_none());
}

#[test]
fn banners_are_ranked_by_targeting_match() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("x", "outdoor", "peak")), T0)
        .unwrap();
    let banners = vec![
        ItemInput {
            tags: Some(vec!["sale".into()]),
            ..ItemInput::with_id("sale")
        },
        ItemInput {
            category: Some(vec!["kitchen".into()]),
            ..ItemInput::with_id("kitchen")
        },
        ItemInput {
            category: Some(vec!["outdoor".into()]),
            ..ItemInput::with_id("outdoor")
        },
    ];
    let o = RankOptionsInput {
        context: Some("banner".into()),
        ..Default::default()
    };
    assert_eq!(
        e.rank(banners, o, T0).unwrap(),
        vec!["outdoor", "sale", "kitchen"]
    );
}

#[test]
fn purchased_items_can_be_demoted() {
    let mut e = Engine::new(&Config::default(), T0);
    let mut p = EventInput {
        kind: Some("purchase".into()),
        ..Default::default()
    };
    p.items = Some(vec![item("p0", "shoes", "acme")]);
    e.track(p, T0).unwrap();
    let o = RankOptionsInput {
        demote_purchased: Some(true),
        ..Default::default()
    };
    let order = e.rank(grid(8), o, T0).unwrap();
    assert_eq!(order.last().map(String::as_str), Some("p0"));
    assert!(e.explain("p0").unwrap().demoted);
    let order = e.rank(grid(8), opts(None), T0).unwrap();
    assert_eq!(order.first().map(String::as_str), Some("p0"));
}

#[test]
fn diversity_caps_a_brand_in_the_top_k() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("z", "none", "acme")), T0)
        .unwrap();
    let o = RankOptionsInput {
        diversity: Some(DiversityInput {
            by: Some("brand".into()),
            max_per_group: Some(2.0),
            top_k: Some(5.0),
        }),
        ..Default::default()
    };
    let order = e.rank(grid(12), o, T0).unwrap();
    let acme_in_top5 = order
        .iter()
        .take(5)
        .filter(|id| ["p0", "p3", "p6", "p9"].contains(&id.as_str()))
        .count();
    assert_eq!(acme_in_top5, 2);
}

#[test]
fn search_terms_lift_matching_results() {
    let mut e = Engine::new(&Config::default(), T0);
    let s = EventInput {
        kind: Some("search".into()),
        query: Some("Trail runner".into()),
        ..Default::default()
    };
    e.track(s, T0).unwrap();
    let results = vec![
        ItemInput {
            name: Some("City sneaker".into()),
            score: Some(3.0),
            ..ItemInput::with_id("a")
        },
        ItemInput {
            name: Some("Trail shoe".into()),
            score: Some(2.9),
            ..ItemInput::with_id("b")
        },
    ];
    let o = RankOptionsInput {
        context: Some("search".into()),
        ..Default::default()
    };
    assert_eq!(e.rank(results, o, T0).unwrap(), vec!["b", "a"]);
}

#[test]
fn session_signal_favours_what_was_just_seen() {
    let mut e = Engine::new(&Config::default(), T0);
    // A month ago: lots of hats. Just now: a few bags.
    for i in 0..6 {
        e.track(
            event("view_item", item(&format!("h{i}"), "hats", "x")),
            T0 - 30.0 * DAY,
        )
        .unwrap();
    }
    for i in 0..2 {
        e.track(event("view_item", item(&format!("b{i}"), "bags", "x")), T0)
            .unwrap();
    }
    let order = e.rank(grid(8), opts(None), T0).unwrap();
    assert_eq!(
        order.first().map(String::as_str),
        Some("p1"),
        "bags (p1) first: {order:?}"
    );
}

#[test]
fn invalid_rank_input_names_the_field() {
    let mut e = Engine::new(&Config::default(), T0);
    let mut g = grid(3);
    g[2].price = Some(f64::NAN);
    assert_eq!(
        e.rank(g, opts(None), T0).unwrap_err().field,
        "items[2].price"
    );
    let mut g = grid(3);
    g[1] = ItemInput::with_id("p0");
    assert_eq!(e.rank(g, opts(None), T0).unwrap_err().field, "items[1].id");
    let err = e.rank(grid(10_001), opts(None), T0).unwrap_err();
    assert_eq!(err.field, "items");
}

fn arb_profile_events() -> impl Strategy<Value = Vec<(u8, u8, u8)>> {
    prop::collection::vec((0u8..8, 0u8..30, 0u8..6), 0..40)
}

fn train(events: &[(u8, u8, u8)]) -> Engine {
    let mut e = Engine::new(&Config::default(), T0);
    let kinds = [
        "view_item",
        "select_item",
        "add_to_cart",
        "purchase",
        "view_item_list",
        "remove_from_cart",
        "dwell",
        "search",
    ];
    for (n, &(k, id, cat)) in events.iter().enumerate() {
        let kind = kinds[k as usize % kinds.len()];
        let mut ev = event(
            kind,
            item(
                &format!("p{id}"),
                ["shoes", "bags", "hats", "socks", "belts", "ties"][cat as usize],
                "acme",
            ),
        );
        ev.seconds = Some(10.0);
        ev.query = Some(format!("shoes {cat}"));
        e.track(ev, T0 + n as f64 * 60_000.0).unwrap();
    }
    e
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rank_is_a_deterministic_permutation(events in arb_profile_events(), n in 0usize..60, impact in 0.0f64..=1.0, scored in any::<bool>()) {
        let mut e = train(&events);
        let mut g = grid(n);
        if scored {
            for (i, it) in g.iter_mut().enumerate() { it.score = Some(((i * 7) % 5) as f64); }
        }
        let a = e.rank(g.clone(), opts(Some(impact)), T0 + 1e7).unwrap();
        let b = e.rank(g.clone(), opts(Some(impact)), T0 + 1e7).unwrap();
        prop_assert_eq!(&a, &b);
        let mut sorted = a.clone();
        sorted.sort();
        let mut expected = ids(&g);
        expected.sort();
        prop_assert_eq!(sorted, expected);
    }

    #[test]
    fn impact_zero_is_identity(events in arb_profile_events(), n in 0usize..60) {
        let mut e = train(&events);
        let g = grid(n);
        prop_assert_eq!(e.rank(g.clone(), opts(Some(0.0)), T0).unwrap(), ids(&g));
    }

    #[test]
    fn diversity_keeps_a_permutation(events in arb_profile_events(), n in 0usize..40, cap in 1u8..4, k in 1u8..20) {
        let mut e = train(&events);
        let g = grid(n);
        let o = RankOptionsInput {
            diversity: Some(DiversityInput { by: Some("category".into()), max_per_group: Some(f64::from(cap)), top_k: Some(f64::from(k)) }),
            demote_purchased: Some(true),
            ..Default::default()
        };
        let mut a = e.rank(g.clone(), o, T0).unwrap();
        a.sort();
        let mut expected = ids(&g);
        expected.sort();
        prop_assert_eq!(a, expected);
    }
}
