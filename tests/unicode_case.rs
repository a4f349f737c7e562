//! Case-insensitive matching in the shops' own languages: Latin with diacritics, Greek and
//! Cyrillic letters fold like ASCII ones (README "Limitations" says which scripts), and a
//! profile stored by a version that folded ASCII only keeps everything it learned.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::{Config, Engine, ItemInput, Profile};

/// A profile written by the version before Unicode folding (native, `serde_json`): two
/// spellings of one category and one brand (`Кроссовки`/`кроссовки`, `ЗАРА`/`Зара`), a search
/// `Кроссовки Nike`, "more like this" on `b:ЗАРА`, hesitation counts under both spellings.
const OLD_CASE: &str = include_str!("fixtures/profile-v2-old-case.json");

fn tagged(id: &str, category: &str, tag: &str) -> ItemInput {
    ItemInput {
        tags: Some(vec![tag.to_owned()]),
        ..item(id, category, "x")
    }
}

/// The ids of `items` as ranked.
fn rank(e: &mut Engine, items: Vec<ItemInput>) -> Vec<String> {
    e.rank(items, Default::default(), T0).unwrap()
}

#[test]
fn an_interest_in_one_case_ranks_items_written_in_another() {
    for (learned, grid_name) in [
        ("Кроссовки", "кроссовки"),
        ("КРОССОВКИ", "Кроссовки"),
        ("Öko", "öko"),
        ("ÉLÉGANCE", "élégance"),
        ("ŻÓŁW", "żółw"),
        ("ΠΑΠΟΎΤΣΙΑ", "παπούτσια"),
        ("Їжак", "їжак"),
    ] {
        let mut e = Engine::new(&Config::default(), T0);
        e.track(event("view_item", item("v", learned, "v")), T0)
            .unwrap();
        let order = rank(
            &mut e,
            vec![item("a", "bags", "x"), item("b", grid_name, "x")],
        );
        assert_eq!(order, vec!["b", "a"], "{learned} → {grid_name}");
    }
}

#[test]
fn a_search_in_lower_case_matches_capitalised_texts() {
    for (query, category, tag) in [
        ("кроссовки", "Кроссовки", "бег"),
        ("öko", "Taschen", "Öko"),
        ("σανδάλια", "ΣΑΝΔΆΛΙΑ", "x"),
        ("αθηνας", "Τσάντες", "ΑΘΗΝΑΣ"),
    ] {
        let mut e = Engine::new(&Config::default(), T0);
        search(&mut e, query);
        let order = rank(
            &mut e,
            vec![tagged("a", "bags", "plain"), tagged("b", category, tag)],
        );
        assert_eq!(order, vec!["b", "a"], "{query} → {category}/{tag}");
    }
}

#[test]
fn one_brand_in_two_cases_is_one_interest() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("1", "Обувь", "ЗАРА")), T0)
        .unwrap();
    e.track(event("view_item", item("2", "обувь", "Зара")), T0)
        .unwrap();
    let keys: Vec<&str> = e.profile().affinities.iter().map(|a| a.key()).collect();
    assert_eq!(keys, vec!["c:обувь", "b:зара"]);
}

#[test]
fn a_repeated_search_in_another_case_counts_once() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "Кроссовки");
    search(&mut e, "кроссовки");
    assert_eq!(e.profile().searches, vec!["кроссовки"]);
}

#[test]
fn a_profile_stored_with_ascii_folding_keeps_everything_folded_and_merged() {
    let old: Profile = serde_json::from_str(OLD_CASE).unwrap();
    let now = f64::from(old.updated) * 60_000.0 + 60_000.0;
    let mut e = Engine::new(&Config::default(), now);
    let repaired = e.restore(old.clone(), now).unwrap();
    assert!(!repaired, "folding old keys is an upgrade, not a repair");
    let p = e.profile();
    let keys: Vec<(&str, u32)> = p.affinities.iter().map(|a| (a.key(), a.4)).collect();
    assert_eq!(
        keys,
        vec![
            ("c:кроссовки", 3),
            ("b:зара", 3),
            ("c:öko", 1),
            ("b:élan", 1),
            ("q:кроссовки", 1),
            ("q:nike", 1),
        ]
    );
    // The two spellings' values add up (the older decayed to the later one's minute first).
    let sum = |k: &str| {
        old.affinities
            .iter()
            .filter(|a| a.key().to_lowercase() == k)
            .map(|a| a.1)
            .sum::<f64>()
    };
    for a in &p.affinities {
        assert!((a.1 - sum(a.key())).abs() < 0.01, "{}: {}", a.key(), a.1);
    }
    assert_eq!(p.affinities[0].3, 29_891_522, "the later minute");
    assert_eq!(p.searches, vec!["кроссовки nike"]);
    assert_eq!(p.choices.len(), 1);
    assert_eq!(p.choices[0].0, "b:зара");
    assert_eq!(
        p.moments.hesitation,
        vec![("öko".to_owned(), 1), ("кроссовки".to_owned(), 3)]
    );
    // It ranks and removes in any case.
    let order = rank(
        &mut e,
        vec![item("a", "bags", "x"), item("b", "КРОССОВКИ", "x")],
    );
    assert_eq!(order, vec!["b", "a"]);
    assert!(e.remove_search("КРОССОВКИ NIKE"));
    assert!(e.profile().searches.is_empty());
    // Restoring again changes nothing: folding is idempotent.
    let again = e.profile().clone();
    let mut f = Engine::new(&Config::default(), now);
    assert!(!f.restore(again.clone(), now).unwrap());
    assert_eq!(f.profile().affinities, again.affinities);
}

#[test]
fn a_tab_of_the_old_version_writing_old_keys_loses_nothing() {
    // This tab learned `кроссовки`; an old-version tab wrote the same interest as
    // `c:Кроссовки` (the fixture) into storage. The merge folds what is stored and keeps one
    // interest holding both tabs' views.
    let old: Profile = serde_json::from_str(OLD_CASE).unwrap();
    let now = f64::from(old.updated) * 60_000.0 + 60_000.0;
    let mut e = Engine::new(&Config::default(), now);
    e.set_writer(9);
    e.track(event("view_item", item("n1", "Кроссовки", "ЗАРА")), now)
        .unwrap();
    e.merge_stored(Some(old), now).unwrap();
    let p = e.profile();
    let c: Vec<(&str, u32)> = p
        .affinities
        .iter()
        .filter(|a| a.key().starts_with("c:") || a.key().starts_with("b:"))
        .map(|a| (a.key(), a.4))
        .collect();
    assert_eq!(
        c,
        vec![
            ("c:кроссовки", 4),
            ("b:зара", 4),
            ("c:öko", 1),
            ("b:élan", 1)
        ]
    );
}
