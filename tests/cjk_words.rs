//! Searches in Chinese and Japanese, written without spaces: runs of Han ideographs, Hiragana
//! and Katakana are split into overlapping character bigrams (`新款跑鞋` is `新款 款跑 跑鞋`),
//! in searches, item names, tags and categories alike, so a search for `跑鞋` finds the item
//! named `新款跑鞋`; repeated searches, `removeSearch` and a removal another tab replays see
//! the same words, and a profile that stored whole runs is split on restore.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::tabs::{self, holds_interest, write};
use common::*;
use shelfwise::core::{Config, Engine, ItemInput, Profile};

/// The ids of `items` as ranked.
fn rank(e: &mut Engine, items: Vec<ItemInput>) -> Vec<String> {
    e.rank(items, Default::default(), T0).unwrap()
}

#[test]
fn a_search_finds_the_names_that_hold_its_words_without_spaces() {
    for (query, name) in [
        ("跑鞋", "新款跑鞋"),
        ("新款跑鞋", "跑鞋"),
        // A long title: the bigram is the sixteenth word of the name.
        ("跑鞋", "2024新款男士透气轻便减震防滑运动跑鞋"),
        ("跑鞋", "Nike跑鞋"),
        ("nike", "Nike跑鞋"),
        ("Nike跑鞋", "耐克跑鞋"),
        ("手机壳", "iPhone 15 手机壳 透明"),
        ("iphone", "iPhone手机壳"),
        ("スニーカー", "ランニングスニーカー（黒）"),
        ("すにーかー", "子供用すにーかー"),
        ("東京", "東京スカイツリー限定"),
        // Halfwidth Katakana are Katakana.
        ("ｽﾆｰｶｰ", "新作ｽﾆｰｶｰ"),
    ] {
        search_ranks_first(query, name, "皮包");
    }
}

#[test]
fn tags_and_categories_are_split_as_names_are() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "跑鞋");
    let tagged = ItemInput {
        tags: Some(vec!["男士运动跑鞋".into()]),
        ..item("t", "x", "x")
    };
    assert_eq!(
        rank(&mut e, vec![named("bag", "皮包"), tagged]),
        ["t", "bag"]
    );
    let order = rank(
        &mut e,
        vec![named("bag", "皮包"), item("c", "男鞋跑鞋专区", "x")],
    );
    assert_eq!(order, ["c", "bag"]);
}

#[test]
fn a_search_learns_the_bigrams_of_its_runs_and_the_words_around_them() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "Nike跑鞋");
    search(&mut e, "iPhone 15 手机壳");
    search(&mut e, "鞋");
    search(&mut e, "新款跑鞋");
    assert_eq!(
        keys(&e),
        vec![
            "q:nike", "q:跑鞋", "q:iphone", "q:15", "q:手机", "q:机壳", "q:新款", "q:款跑"
        ],
        "one character is no search word, as in any script"
    );
    let shoe = e
        .profile()
        .affinities
        .iter()
        .find(|a| a.key() == "q:跑鞋")
        .unwrap();
    assert_eq!(shoe.4, 2, "two searches stand behind 跑鞋");
}

#[test]
fn a_long_search_keeps_its_first_eight_words() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "男士透气轻便减震防滑运动跑鞋");
    assert_eq!(
        keys(&e),
        vec![
            "q:男士", "q:士透", "q:透气", "q:气轻", "q:轻便", "q:便减", "q:减震", "q:震防"
        ]
    );
}

#[test]
fn a_repeated_search_is_one_in_the_history_and_its_removal_takes_its_bigrams() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "新款跑鞋");
    search(&mut e, "新款跑鞋");
    search(&mut e, "皮包");
    assert_eq!(e.profile().searches, vec!["皮包", "新款跑鞋"]);
    assert_eq!(keys(&e), vec!["q:新款", "q:款跑", "q:跑鞋", "q:皮包"]);
    assert!(e.remove_search("新款跑鞋"));
    assert_eq!(keys(&e), vec!["q:皮包"]);
    assert_eq!(e.profile().searches, vec!["皮包"]);
}

/// B searched `新款跑鞋` again before it knew A removed it: replayed onto what A wrote, the
/// search's bigrams stay out (the removal's mark hashes the same words).
#[test]
fn a_removed_search_replayed_by_another_tab_stays_removed() {
    let (mut a, mut b, _) = tabs::two_tabs(|a| search(a, "新款跑鞋"), |b| search(b, "皮包"));
    search(&mut b, "新款跑鞋");
    assert!(a.remove_search("新款跑鞋"));
    let removed = write(&mut a, None);
    b.merge_stored(Some(removed), T0).unwrap();
    let p = b.profile();
    assert_eq!(p.searches, vec!["皮包"]);
    for gone in ["q:新款", "q:款跑", "q:跑鞋"] {
        assert!(!holds_interest(p, gone), "{gone} came back");
    }
    assert!(holds_interest(p, "q:皮包"));
}

/// The profile of `e` with these interests in place of its own (a profile stored by the
/// version that kept runs whole).
fn stored_with(e: &Engine, interests: &str) -> Profile {
    let mut v = serde_json::to_value(e.profile()).unwrap();
    v["a"] = serde_json::from_str(interests).unwrap();
    serde_json::from_value(v).unwrap()
}

#[test]
fn search_terms_stored_as_whole_runs_are_split_on_restore() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "x");
    let m = e.profile().updated;
    let old = stored_with(
        &e,
        &format!(
            r#"[["q:新款跑鞋",2.0,2.0,{m},2],["q:跑鞋",1.0,1.0,{m},1],["q:nike跑鞋",1.0,1.0,{m},1],
                ["q:鞋子",1.0,1.0,{m},1],["b:acme",1.0,1.0,{m},1]]"#
        ),
    );
    let mut e = Engine::new(&Config::default(), T0);
    assert!(!e.restore(old, T0).unwrap(), "an upgrade, not a repair");
    assert_eq!(
        keys(&e),
        vec!["q:新款", "q:款跑", "q:跑鞋", "q:nike", "q:鞋子", "b:acme"]
    );
    let shoe = &e.profile().affinities[2];
    assert!((shoe.1 - 4.0).abs() < 0.01, "{}", shoe.1);
    assert_eq!(shoe.4, 4, "the counts add");
    let order = rank(&mut e, vec![named("bag", "皮包"), named("shoe", "跑鞋")]);
    assert_eq!(order, vec!["shoe", "bag"]);
    // Restoring again changes nothing: splitting is idempotent.
    let again = e.profile().clone();
    let mut f = Engine::new(&Config::default(), T0);
    assert!(!f.restore(again.clone(), T0).unwrap());
    assert_eq!(f.profile().affinities, again.affinities);
}

#[test]
fn korean_and_latin_words_stay_whole() {
    let mut e = Engine::new(&Config::default(), T0);
    search(&mut e, "운동화 Trail-Runner");
    assert_eq!(keys(&e), vec!["q:운동화", "q:trail", "q:runner"]);
}
