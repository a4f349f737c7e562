//! Removing an item takes back what the profile learned from it: the interests it fed
//! (categories, brand, price band, tags, facets) lose its decayed part and its count, and
//! those only it fed are gone; interests other kept items fed stay. Across tabs too: a tab
//! replaying events it learned before the removal does not bring them back.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::tabs::{tab, write};
use common::*;
use shelfwise::core::item::ItemInput;
use shelfwise::core::{Config, Engine, Profile};

const HOUR: f64 = 3_600_000.0;

/// A product with a two-level category, a brand, a price and a tag.
fn product(id: &str, category: [&str; 2], brand: &str, price: f64) -> ItemInput {
    ItemInput {
        category: Some(category.iter().map(|s| s.to_string()).collect()),
        brand: Some(brand.into()),
        price: Some(price),
        tags: Some(vec!["gift".into()]),
        ..ItemInput::with_id(id)
    }
}

fn lamp(id: &str) -> ItemInput {
    product(id, ["Living", "Lamps"], "Glow", 40.0)
}

fn chair() -> ItemInput {
    product("chair", ["Living", "Chairs"], "Sit", 150.0)
}

fn track(e: &mut Engine, kind: &str, it: ItemInput, at: f64) {
    e.track(event(kind, it), at).unwrap();
}

/// The interests of `p` as `(key, long, session, count)`, sorted by key.
fn interests(p: &Profile) -> Vec<(String, f64, f64, u32)> {
    let mut v: Vec<_> = p
        .affinities
        .iter()
        .map(|a| (a.key().to_owned(), a.1, a.2, a.4))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// Asserts the interests of `got` are those of `want`, strengths within rounding.
fn same_interests(got: &Profile, want: &Profile, what: &str) {
    let (g, w) = (interests(got), interests(want));
    let keys = |v: &[(String, f64, f64, u32)]| v.iter().map(|a| a.0.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&g), keys(&w), "{what}: interests");
    for (a, b) in g.iter().zip(&w) {
        assert!(
            (a.1 - b.1).abs() < 0.01 && (a.2 - b.2).abs() < 0.01 && a.3 == b.3,
            "{what}: {a:?} should be {b:?}"
        );
    }
}

#[test]
fn removing_the_only_lamp_takes_back_every_interest_it_taught() {
    let mut e = Engine::new(&Config::default(), T0);
    track(&mut e, "view_item", chair(), T0);
    track(&mut e, "view_item", lamp("lamp"), T0 + HOUR);
    track(&mut e, "add_to_cart", lamp("lamp"), T0 + 2.0 * HOUR);
    track(&mut e, "view_item", lamp("lamp"), T0 + 3.0 * HOUR);
    let mut only_chair = Engine::new(&Config::default(), T0);
    track(&mut only_chair, "view_item", chair(), T0);
    track(&mut only_chair, "view_item", chair(), T0 + 3.0 * HOUR);
    assert!(e.remove_item("lamp"));
    let held: Vec<String> = interests(e.profile()).into_iter().map(|a| a.0).collect();
    for gone in ["c:living>lamps", "b:glow", "p:11"] {
        assert!(
            !held.iter().any(|k| k == gone),
            "removing the only lamp keeps {gone}: {held:?}"
        );
    }
    // What the chair taught stays, as if the lamp had never been viewed (its second view
    // stands for the decay to the removal's time).
    let c = |p: &Profile, k: &str| p.affinities.iter().find(|a| a.key() == k).cloned();
    let living = c(e.profile(), "c:living").expect("the chair's category stays");
    assert_eq!(living.4, 1, "c:living counts the chair only");
    assert!(c(e.profile(), "c:living>chairs").is_some() && c(e.profile(), "b:sit").is_some());
    let tag = c(e.profile(), "t:gift").expect("the chair's tag stays");
    let want = c(only_chair.profile(), "t:gift").unwrap();
    assert!(
        tag.1 <= want.1 + 0.01 && tag.1 > 0.0,
        "the tag keeps the chair's part only: {tag:?} vs {want:?}"
    );
}

#[test]
fn removing_one_of_two_lamps_keeps_lamps_weaker_as_if_it_was_never_viewed() {
    let mut e = Engine::new(&Config::default(), T0);
    track(&mut e, "view_item", lamp("lamp-1"), T0);
    track(&mut e, "view_item", lamp("lamp-2"), T0 + 5.0 * HOUR);
    let mut only_second = Engine::new(&Config::default(), T0);
    track(
        &mut only_second,
        "view_item",
        lamp("lamp-2"),
        T0 + 5.0 * HOUR,
    );
    assert!(e.remove_item("lamp-1"));
    same_interests(
        e.profile(),
        only_second.profile(),
        "one of two lamps removed",
    );
    let lamps = e
        .profile()
        .affinities
        .iter()
        .find(|a| a.key() == "c:living>lamps");
    assert_eq!(
        lamps.map(|a| a.4),
        Some(1),
        "lamps stays, counting one item"
    );
}

#[test]
fn an_item_removed_in_one_tab_teaches_nothing_when_another_tab_replays_its_view() {
    // A and B hold the stored profile with the chair. B views the lamp (not written yet);
    // the shopper removes the lamp in A (which saw B's write) — then B's older view is
    // replayed onto what A stored.
    let (mut a, mut b) = (tab(11), tab(22));
    track(&mut a, "view_item", chair(), T0);
    let stored = write(&mut a, None);
    b.merge_stored(Some(stored), T0).unwrap();
    track(&mut b, "view_item", lamp("lamp"), T0);
    let with_lamp = write(&mut b, None);
    a.merge_stored(Some(with_lamp), T0).unwrap();
    track(&mut b, "view_item", lamp("lamp"), T0);
    assert!(a.remove_item("lamp"));
    let removed = write(&mut a, None);
    let replayed = write(&mut b, Some(removed));
    let keys: Vec<String> = interests(&replayed).into_iter().map(|x| x.0).collect();
    assert!(
        !keys.iter().any(|k| k == "c:living>lamps" || k == "b:glow"),
        "B's view from before the removal brought the lamp's interests back: {keys:?}"
    );
    assert!(keys.iter().any(|k| k == "b:sit"), "the chair's stay");
    // And A, merging B's write, holds the same.
    a.merge_stored(Some(replayed), T0).unwrap();
    assert!(!a.profile().affinities.iter().any(|x| x.key() == "b:glow"));
}

#[test]
fn a_removal_replayed_over_a_write_from_older_data_takes_back_the_lamps_interests() {
    // B writes over A's removal from data it read before it (the read-write race): A's
    // journaled removal is applied again to B's write, interests included.
    let (mut a, mut b) = (tab(11), tab(22));
    track(&mut a, "view_item", chair(), T0);
    track(&mut a, "view_item", lamp("lamp"), T0);
    let stored = write(&mut a, None);
    b.merge_stored(Some(stored.clone()), T0).unwrap();
    assert!(a.remove_item("lamp"));
    let _ = write(&mut a, Some(stored.clone()));
    track(&mut b, "view_item", chair(), T0);
    let stale = write(&mut b, Some(stored));
    assert!(stale.affinities.iter().any(|x| x.key() == "b:glow"));
    a.merge_stored(Some(stale), T0).unwrap();
    let keys: Vec<String> = interests(a.profile()).into_iter().map(|x| x.0).collect();
    assert!(
        !keys.iter().any(|k| k == "c:living>lamps" || k == "b:glow"),
        "the older write brought the lamp's interests back: {keys:?}"
    );
}

#[test]
fn a_removed_interests_name_is_not_kept_in_what_items_taught() {
    // What an item taught keeps the keys it fed: removing an interest must not leave its name
    // stored there, and the item's removal afterwards still takes back the rest, in its share.
    let mut e = Engine::new(&Config::default(), T0);
    track(
        &mut e,
        "view_item",
        product("a", ["Living", "Lamps"], "Glow", 40.0),
        T0,
    );
    track(
        &mut e,
        "view_item",
        product("b", ["Living", "Chairs"], "Glow", 150.0),
        T0,
    );
    assert!(e.remove_interest("c:living>lamps"));
    let text = serde_json::to_string(e.profile()).unwrap();
    assert!(
        !text.contains("living>lamps"),
        "the removed interest is still stored: {text}"
    );
    let mut only_b = Engine::new(&Config::default(), T0);
    track(
        &mut only_b,
        "view_item",
        product("b", ["Living", "Chairs"], "Glow", 150.0),
        T0,
    );
    assert!(e.remove_item("a"));
    same_interests(
        e.profile(),
        only_b.profile(),
        "the lamp removed after its category",
    );
}
