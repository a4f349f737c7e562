//! Case-insensitive matching in the shops' own languages: Latin with diacritics, Greek and
//! Cyrillic letters fold like ASCII ones (README "Limitations" says which scripts), and a
//! profile stored by a version that folded ASCII only keeps everything it learned. Words are
//! split where the shops' writing splits them: at non-ASCII spaces and punctuation too, so a
//! search meets item texts that quote or glue its words; a profile stored by a version that
//! split at ASCII only, or that removed an interest under its old spelling, upgrades without
//! dead keys.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::profile::erased::removal_key;
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

/// Restoring what `e` holds into a new engine changes nothing.
fn restores_unchanged(e: &Engine, now: f64) {
    let again = e.profile().clone();
    let mut f = Engine::new(&Config::default(), now);
    assert!(!f.restore(again.clone(), now).unwrap());
    assert_eq!(f.profile().affinities, again.affinities);
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
    restores_unchanged(&e, now);
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

#[test]
fn a_search_meets_titles_that_quote_or_glue_its_words() {
    for (query, title) in [
        ("кроссовки", "Кроссовки «Бег»"),
        ("бег", "Кроссовки «Бег»"),
        ("кроссовки", "«Кроссовки» для бега"),
        ("running", "Chaussures\u{a0}«\u{a0}running\u{a0}»"),
        ("öko", "„Öko“-Shirt"),
        ("zapatillas", "¿Zapatillas?"),
        ("winter", "Jacke—Winter"),
        ("新作", "「新作」スニーカー（黒）"),
    ] {
        search_ranks_first(query, title, "Plain bag");
    }
}

#[test]
fn a_search_with_quotes_and_no_break_spaces_learns_its_words() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "chaussures\u{a0}«\u{a0}running\u{a0}»\u{202f}?");
    search(&mut e, "¿Zapatillas?");
    search(&mut e, "スニーカー、セール");
    assert_eq!(
        keys(&e),
        vec![
            "q:chaussures",
            "q:running",
            "q:zapatillas",
            // Katakana, written without spaces, in bigrams (tests/cjk_words.rs).
            "q:スニ",
            "q:ニー",
            "q:ーカ",
            "q:カー",
            "q:セー",
            "q:ール"
        ]
    );
}

/// The old-case fixture with these interests and removal marks in place of its own, and no
/// recent searches.
fn stored_with(interests: &str, removed: &str) -> (Profile, f64) {
    let mut v: serde_json::Value = serde_json::from_str(OLD_CASE).unwrap();
    v["a"] = serde_json::from_str(interests).unwrap();
    v["rm"] = serde_json::from_str(removed).unwrap();
    v["rs"] = serde_json::json!([]);
    let p: Profile = serde_json::from_value(v).unwrap();
    let now = f64::from(p.updated) * 60_000.0 + 60_000.0;
    (p, now)
}

#[test]
fn search_terms_stored_glued_to_punctuation_are_split_on_restore() {
    // Written by the version that split at ASCII only: `«кроссовки»` and a term with a
    // no-break space inside were stored whole, next to the plain `кроссовки`.
    let (old, now) = stored_with(
        r#"[["q:«кроссовки»",2.0,2.0,29891523,2],["q:chaussures running",1.0,1.0,29891524,1],
            ["q:кроссовки",1.0,1.0,29891524,1],["q:«x»",1.0,1.0,29891524,1],["b:acme",1.0,1.0,29891524,1]]"#,
        "[]",
    );
    let mut e = Engine::new(&Config::default(), now);
    assert!(!e.restore(old, now).unwrap(), "an upgrade, not a repair");
    assert_eq!(
        keys(&e),
        vec!["q:кроссовки", "q:chaussures", "q:running", "b:acme"]
    );
    let p = e.profile();
    assert!(
        (p.affinities[0].1 - 3.0).abs() < 0.01,
        "{}",
        p.affinities[0].1
    );
    assert_eq!(p.affinities[0].4, 3, "the counts add");
    let order = rank(
        &mut e,
        vec![named("a", "Plain bag"), named("b", "Кроссовки «Бег»")],
    );
    assert_eq!(order, vec!["b", "a"]);
    // Restoring again changes nothing: splitting is idempotent.
    restores_unchanged(&e, now);
}

#[test]
fn removing_an_interest_by_its_old_spelling_removes_the_folded_one() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("1", "Кроссовки", "ЗАРА")), T0)
        .unwrap();
    assert!(e.remove_interest("c:Кроссовки"), "held as c:кроссовки");
    assert!(e.remove_interest("b:ЗАРА"));
    assert_eq!(keys(&e), Vec::<&str>::new());
    // Marked under the key as held, so a replay of the view does not bring it back.
    let marks = &e.profile().removed;
    assert!(
        marks.contains(&removal_key(false, "c:кроссовки")),
        "{marks:?}"
    );
}

#[test]
fn a_stored_removal_of_an_old_spelling_keeps_the_folded_interest_removed() {
    // An old-version tab removed `c:Кроссовки` and stored its mark; this tab viewed such an
    // item before it knew of the removal, and merges the stored profile.
    // And its search `Кроссовки Nike` (the mark hashes `s:Кроссовки nike`).
    let (stored, now) = stored_with(
        r#"[["b:acme",1.0,1.0,29891524,1]]"#,
        &format!(
            r#"["{}","{}"]"#,
            removal_key(false, "c:Кроссовки"),
            removal_key(false, "s:Кроссовки nike")
        ),
    );
    let mut e = Engine::new(&Config::default(), now);
    e.set_writer(9);
    e.track(event("view_item", item("n1", "Кроссовки", "acme")), now)
        .unwrap();
    search(&mut e, "Кроссовки Nike");
    e.merge_stored(Some(stored), now).unwrap();
    assert!(
        e.profile().searches.is_empty(),
        "{:?}",
        e.profile().searches
    );
    assert_eq!(
        keys(&e),
        vec!["b:acme"],
        "the view counts, but not for the removed interest"
    );
}
