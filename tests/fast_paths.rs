//! The speed and size shortcuts change no result: the per-minute interest table the engine
//! reuses between rankings, search-term matching without building keys, and the event type
//! list written out for error messages.
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
use shelfwise::core::facet::{for_each_query_word, is_query_key, query_terms};
use shelfwise::core::rank::{self, RankOptions, RankOptionsInput};
use shelfwise::core::{Config, Engine, EventInput, Item, ItemInput};

fn ranked_ids(engine: &mut Engine, items: &[ItemInput], now: f64) -> Vec<String> {
    engine
        .rank(items.to_vec(), RankOptionsInput::default(), now)
        .unwrap()
}

/// What a fresh engine state would rank: the table rebuilt from the current profile.
fn fresh_ids(engine: &Engine, items: &[ItemInput], now: f64) -> Vec<String> {
    let items: Vec<Item> = shelfwise::core::engine::validate_items(items.to_vec()).unwrap();
    let now = shelfwise::core::time::minutes_from_ms(now);
    let ranked = rank::rank(
        engine.profile(),
        engine.config(),
        &items,
        &RankOptions::default(),
        now,
    );
    ranked.order.iter().map(|&i| items[i].id.clone()).collect()
}

#[test]
fn a_ranking_in_the_same_minute_sees_the_latest_event() {
    let items = grid(8);
    let mut engine = Engine::new(&Config::default(), T0);
    assert_eq!(ranked_ids(&mut engine, &items, T0), ids_of(&items));
    engine
        .track(event("view_item", item("x", "hats", "other")), T0)
        .unwrap();
    assert_eq!(ranked_ids(&mut engine, &items, T0)[0], "p2", "hats first");
    // Any way of changing the interests is seen, not only `track`.
    assert!(engine.remove_interest("c:hats"));
    assert_eq!(
        ranked_ids(&mut engine, &items, T0),
        ids_of(&items),
        "forgotten"
    );
    engine
        .track(event("purchase", item("y", "socks", "other")), T0)
        .unwrap();
    assert_eq!(ranked_ids(&mut engine, &items, T0)[0], "p3", "socks first");
    let stored = engine.profile().clone();
    engine.reset(T0);
    assert_eq!(ranked_ids(&mut engine, &items, T0), ids_of(&items));
    engine.restore(stored, T0).unwrap();
    assert_eq!(ranked_ids(&mut engine, &items, T0)[0], "p3", "restored");
}

#[test]
fn the_written_out_event_list_is_the_event_types() {
    use shelfwise::core::event::{EVENT_TYPES, EVENT_TYPE_LIST};
    assert_eq!(EVENT_TYPE_LIST, EVENT_TYPES.join(", "));
}

fn ids_of(items: &[ItemInput]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.id.clone().unwrap_or_default().0)
        .collect()
}

/// A reference for search-term matching: `query_terms` of each text, each term once.
fn reference_terms(item: &Item) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let texts = item.name.iter().chain(&item.tags).chain(&item.category);
    for term in texts.flat_map(|t| query_terms(t)) {
        if !seen.contains(&term) {
            seen.push(term);
        }
    }
    seen
}

#[test]
fn query_words_match_query_terms() {
    let mut item = Item::with_id("1");
    item.name = Some("Red RED running-Shoes, trail a b c d e f g h i j kk ll mm nn oo pp".into());
    item.tags = vec!["Trail".into(), "rot".into(), "Äpfel äpfel ÄPFEL".into()];
    item.category = vec!["Shoes".into(), "Running shoes".into()];
    let mut words = Vec::new();
    for_each_query_word(&item, &mut |w| words.push(w));
    let expected = reference_terms(&item);
    assert_eq!(words.len(), expected.len(), "{words:?} vs {expected:?}");
    for (w, t) in words.iter().zip(&expected) {
        assert!(is_query_key(&format!("q:{t}"), w), "{w} vs {t}");
        assert!(!is_query_key(&format!("c:{t}"), w));
    }
    // Non-ASCII letters fold too: `Äpfel`, `äpfel` and `ÄPFEL` are one term.
    assert_eq!(expected.iter().filter(|t| t.ends_with("pfel")).count(), 1);
    assert!(expected.contains(&"äpfel".to_owned()));
    assert!(!is_query_key("q:Red", "red"));
}

proptest! {
    #[test]
    fn reused_tables_rank_like_fresh_ones(
        steps in proptest::collection::vec((0u8..4, 0u8..12, 0u8..3), 1..40),
    ) {
        let items = grid(12);
        let mut engine = Engine::new(&Config::default(), T0);
        for (i, (kind, which, minutes)) in steps.iter().enumerate() {
            let now = T0 + f64::from(*minutes) * 60_000.0 + i as f64 * 1_000.0;
            let it = items[*which as usize].clone();
            let e: EventInput = match kind {
                0 => event("view_item", it),
                1 => event("select_item", it),
                2 => EventInput { kind: Some("search".into()), query: Some("Shoes acme".into()), ..EventInput::default() },
                _ => { prop_assert_eq!(ranked_ids(&mut engine, &items, now), fresh_ids(&engine, &items, now)); continue; }
            };
            engine.track(e, now).unwrap();
            prop_assert_eq!(ranked_ids(&mut engine, &items, now), fresh_ids(&engine, &items, now));
        }
    }

    #[test]
    fn query_words_are_the_query_terms(
        name in "[a-zA-Z0-9 ,.Ää-]{0,60}",
        tags in proptest::collection::vec("[a-zA-Z ]{0,12}", 0..4),
        category in proptest::collection::vec("[a-zA-Z >]{0,12}", 0..3),
    ) {
        let mut item = Item::with_id("1");
        item.name = Some(name);
        item.tags = tags;
        item.category = category;
        let mut words = Vec::new();
        for_each_query_word(&item, &mut |w| words.push(w.to_owned()));
        let expected = reference_terms(&item);
        prop_assert_eq!(words.len(), expected.len());
        for (w, t) in words.iter().zip(&expected) {
            prop_assert!(is_query_key(&format!("q:{t}"), w), "{} vs {}", w, t);
        }
    }
}
