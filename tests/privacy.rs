//! Privacy and control scenarios: consent rules, explicit choices outweighing learned signals,
//! retention, export/import, removal, pause and what "why am I seeing this?" is built from.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::profile::ChoiceTarget;
use shelfwise::core::rank::RankOptionsInput;
use shelfwise::core::{Config, Consent, Engine, ItemInput, Profile, StorageAction};

fn ids(items: &[ItemInput]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.id.as_ref().unwrap().0.clone())
        .collect()
}

fn shelf() -> Vec<ItemInput> {
    vec![
        item("hat-1", "Hats", "Acme"),
        item("sock-1", "Socks", "Bolt"),
        item("shoe-1", "Shoes", "Acme"),
        item("shoe-2", "Shoes", "Bolt"),
    ]
}

fn rank(e: &mut Engine, now: f64) -> Vec<String> {
    e.rank(shelf(), RankOptionsInput::default(), now).unwrap()
}

fn view(e: &mut Engine, id: &str, category: &str, now: f64) {
    e.track(event("view_item", item(id, category, "Zed")), now)
        .unwrap();
}

#[test]
fn granted_learns_personalizes_and_may_store() {
    let mut e = Engine::new(&Config::default(), T0);
    assert_eq!(e.consent(), Consent::Granted);
    view(&mut e, "s9", "Shoes", T0);
    assert!(e.is_dirty() && e.consent().may_store());
    assert_eq!(rank(&mut e, T0)[0], "shoe-1");
}

#[test]
fn pending_learns_in_memory_and_personalizes_but_may_not_store() {
    let mut e = Engine::new(&Config::default(), T0);
    assert_eq!(e.set_consent(Consent::Pending, T0), StorageAction::Erase);
    view(&mut e, "s9", "Shoes", T0);
    assert!(!e.consent().may_store());
    assert_eq!(rank(&mut e, T0)[0], "shoe-1");
    // Consent given mid-visit keeps what was learned and asks for it to be written.
    assert_eq!(e.set_consent(Consent::Granted, T0), StorageAction::Persist);
    assert!(e.is_dirty());
    assert_eq!(e.profile().viewed, vec!["s9"]);
}

#[test]
fn denied_learns_nothing_and_keeps_server_order() {
    let mut e = Engine::new(&Config::default(), T0);
    view(&mut e, "s9", "Shoes", T0);
    assert_eq!(e.set_consent(Consent::Denied, T0), StorageAction::Erase);
    assert!(
        e.profile().is_cold(),
        "denial forgets the page's signals too"
    );
    view(&mut e, "s9", "Shoes", T0);
    e.choose(&ChoiceTarget::Category(vec!["Socks".into()]), 1, "t", T0)
        .unwrap();
    assert!(e.profile().is_cold() && e.profile().choices.is_empty());
    assert!(!e.is_dirty());
    assert_eq!(rank(&mut e, T0), ids(&shelf()));
    assert_eq!(Consent::Denied.at_start_action(), StorageAction::Erase);
    assert_eq!(Consent::Pending.at_start_action(), StorageAction::Keep);
}

#[test]
fn denial_forgets_the_pages_events_so_consent_given_again_replays_none() {
    // Another tab follows a refusal with `set_consent(Denied)`, then the grant that lifts it;
    // its first write merges what the granting tab stored since.
    let mut e = Engine::new(&Config::default(), T0);
    e.set_writer(1);
    view(&mut e, "s1", "Shoes", T0);
    e.set_consent(Consent::Denied, T0);
    e.set_consent(Consent::Granted, T0 + 60_000.0);
    let mut other = Engine::new(&Config::default(), T0 + 60_000.0);
    other.set_writer(2);
    view(&mut other, "h1", "Hats", T0 + 60_000.0);
    e.merge_stored(Some(other.profile().clone()), T0 + 60_000.0)
        .unwrap();
    assert_eq!(
        e.profile().viewed,
        vec!["h1"],
        "a view learned before the denial came back"
    );
}

#[test]
fn granting_folds_the_page_into_the_stored_profile() {
    let mut before = Engine::new(&Config::default(), T0);
    view(&mut before, "h1", "Hats", T0);
    let stored = before.profile().clone();
    let mut e = Engine::new(&Config::default(), T0 + 60_000.0);
    e.set_consent(Consent::Pending, T0);
    view(&mut e, "s1", "Shoes", T0 + 60_000.0);
    e.set_consent(Consent::Granted, T0 + 60_000.0);
    e.absorb_stored(stored, T0 + 60_000.0);
    assert_eq!(e.profile().viewed, vec!["s1", "h1"]);
    let keys: Vec<&str> = e.profile().affinities.iter().map(|a| a.key()).collect();
    assert!(keys.contains(&"c:hats") && keys.contains(&"c:shoes"));
}

#[test]
fn withdrawal_keeps_only_this_pages_signals_so_granting_again_writes_no_erased_history() {
    let mut before = Engine::new(&Config::default(), T0);
    view(&mut before, "h1", "Hats", T0);
    let mut e = Engine::new(&Config::default(), T0 + 60_000.0);
    e.restore(before.profile().clone(), T0 + 60_000.0).unwrap();
    view(&mut e, "s1", "Shoes", T0 + 60_000.0);
    assert_eq!(e.profile().viewed, vec!["s1", "h1"]);
    assert_eq!(
        e.set_consent(Consent::Pending, T0 + 60_000.0),
        StorageAction::Erase
    );
    assert_eq!(
        e.profile().viewed,
        vec!["s1"],
        "what storage held is erased in memory too"
    );
    let keys: Vec<&str> = e.profile().affinities.iter().map(|a| a.key()).collect();
    assert!(
        keys.contains(&"c:shoes") && !keys.contains(&"c:hats"),
        "{keys:?}"
    );
    assert_eq!(
        rank(&mut e, T0 + 60_000.0)[0],
        "shoe-1",
        "this page still personalizes"
    );
    e.set_consent(Consent::Granted, T0 + 60_000.0);
    assert_eq!(e.profile().viewed, vec!["s1"]);
}

#[test]
fn an_explicit_choice_outweighs_any_learned_signal() {
    let mut e = Engine::new(&Config::default(), T0);
    // Much learned about shoes, nothing about socks.
    for i in 0..20 {
        e.track(
            event("purchase", item(&format!("s{i}"), "Shoes", "Zed")),
            T0,
        )
        .unwrap();
    }
    assert_eq!(&rank(&mut e, T0)[..2], ["shoe-1", "shoe-2"]);
    // "More like this" on socks wins over twenty purchases of shoes …
    e.choose(&ChoiceTarget::Category(vec!["Socks".into()]), 1, "t", T0)
        .unwrap();
    assert_eq!(rank(&mut e, T0)[0], "sock-1");
    // … and "not interested" in one shoe sends it after everything else.
    e.choose(&ChoiceTarget::Item("shoe-1".into()), -1, "t", T0)
        .unwrap();
    let order = rank(&mut e, T0);
    assert_eq!(order[0], "sock-1");
    assert_eq!(order[3], "shoe-1");
    let avoided = e.explain("shoe-1").unwrap();
    assert!(avoided.choice_points < 0.0);
    assert_eq!(avoided.choices[0].kind, "item");
    let preferred = e.explain("sock-1").unwrap();
    assert!(preferred.choice_points > 0.0);
    assert_eq!(preferred.choices[0].key, "c:socks");
    assert!(preferred.choices[0].more);
    // Choices show in the snapshot; clearing one restores the learned order.
    let snap = e.snapshot(T0);
    assert_eq!(snap.choices.len(), 2);
    assert_eq!(
        (snap.choices[0].kind, snap.choices[0].more),
        ("item", false)
    );
    e.choose(&ChoiceTarget::Key(snap.choices[1].key.clone()), 0, "t", T0)
        .unwrap();
    e.choose(&ChoiceTarget::Item("shoe-1".into()), 0, "t", T0)
        .unwrap();
    assert_eq!(&rank(&mut e, T0)[..2], ["shoe-1", "shoe-2"]);
}

#[test]
fn choice_targets_are_validated_with_the_field_named() {
    let mut e = Engine::new(&Config::default(), T0);
    for (bad, field) in [
        (ChoiceTarget::Item(" ".into()), "target.id"),
        (ChoiceTarget::Category(Vec::new()), "target.category"),
        (
            ChoiceTarget::Key("q:searches-are-not-choices".into()),
            "target.key",
        ),
        (ChoiceTarget::Key("x".repeat(300)), "target.key"),
    ] {
        let err = e.choose(&bad, 1, "target", T0).unwrap_err();
        assert_eq!(err.field, field);
    }
    assert!(e.profile().choices.is_empty());
}

#[test]
fn signals_expire_after_the_max_age_and_idle_profiles_vanish() {
    let config = Config {
        signal_max_age_days: 30.0,
        profile_max_idle_days: 60.0,
        ..Config::default()
    };
    let mut e = Engine::new(&config, T0);
    view(&mut e, "h1", "Hats", T0);
    view(&mut e, "s1", "Shoes", T0 + 20.0 * DAY);
    // Day 35: the hats interest is 35 days old and goes; shoes (15 days) stays.
    view(&mut e, "s2", "Shoes", T0 + 35.0 * DAY);
    let keys: Vec<&str> = e.profile().affinities.iter().map(|a| a.key()).collect();
    assert!(!keys.contains(&"c:hats") && keys.contains(&"c:shoes"));
    // Stored and read back 61 idle days later: the whole profile has expired.
    let stored = e.profile().clone();
    let mut later = Engine::new(&config, T0 + 96.0 * DAY);
    later.restore(stored, T0 + 96.0 * DAY).unwrap();
    assert!(later.profile().is_cold());
    assert_eq!(rank(&mut later, T0 + 96.0 * DAY), ids(&shelf()));
}

#[test]
fn export_then_import_restores_the_same_ranking() {
    let mut e = Engine::new(&Config::default(), T0);
    view(&mut e, "s1", "Shoes", T0);
    e.track(event("add_to_cart", item("b1", "Socks", "Bolt")), T0)
        .unwrap();
    e.choose(&ChoiceTarget::Key("b:acme".into()), -1, "t", T0)
        .unwrap();
    let before = rank(&mut e, T0);
    let exported = serde_json::to_string(e.profile()).unwrap();
    e.reset(T0);
    assert_eq!(rank(&mut e, T0), ids(&shelf()));
    let imported: Profile = serde_json::from_str(&exported).unwrap();
    assert!(!e.import(imported.clone(), T0).unwrap());
    assert!(e.is_dirty());
    assert_eq!(rank(&mut e, T0), before);
    // Refused under `denied`, where the engine holds nothing.
    e.set_consent(Consent::Denied, T0);
    assert_eq!(e.import(imported, T0).unwrap_err().field, "consent");
    assert!(e.profile().is_cold());
}

#[test]
fn removing_an_interest_or_an_item_forgets_just_that() {
    let mut e = Engine::new(&Config::default(), T0);
    view(&mut e, "s1", "Shoes", T0);
    view(&mut e, "h1", "Hats", T0);
    e.mark_saved();
    assert!(e.remove_interest("c:shoes"));
    assert!(e.is_dirty());
    assert!(!e.remove_interest("c:shoes"));
    let keys: Vec<&str> = e.profile().affinities.iter().map(|a| a.key()).collect();
    assert!(keys.contains(&"c:hats") && !keys.contains(&"c:shoes"));
    assert!(e.remove_item("h1"));
    assert_eq!(e.profile().viewed, vec!["s1"]);
}

#[test]
fn pause_keeps_server_order_and_learns_nothing_until_resumed() {
    let mut e = Engine::new(&Config::default(), T0);
    view(&mut e, "s1", "Shoes", T0);
    e.set_paused(true);
    assert!(e.profile().paused && !e.personalizing());
    assert_eq!(rank(&mut e, T0), ids(&shelf()));
    view(&mut e, "h1", "Hats", T0);
    assert_eq!(e.profile().viewed, vec!["s1"]);
    e.set_paused(false);
    assert_eq!(rank(&mut e, T0)[0], "shoe-1");
}

#[test]
fn explanations_count_what_the_profile_holds() {
    let mut e = Engine::new(&Config::default(), T0);
    let run = |id: &str| {
        let mut it = item(id, "Shoes", "Zed");
        it.category = Some(vec!["Shoes".into(), "Running".into()]);
        event("view_item", it)
    };
    for id in ["r1", "r2", "r3", "r2"] {
        e.track(run(id), T0).unwrap();
    }
    let mut shelf = shelf();
    shelf[3].category = Some(vec!["Shoes".into(), "Running".into()]);
    e.rank(shelf, RankOptionsInput::default(), T0).unwrap();
    let x = e.explain("shoe-2").unwrap();
    assert_eq!(x.contributions[0].key, "c:shoes>running");
    assert_eq!(x.contributions[0].count, 3, "r2 viewed twice counts once");
    assert_eq!(x.contributions[0].kind, "category");
    let hat = e.explain("hat-1").unwrap();
    assert!(hat.contributions.is_empty() && hat.personal_score == 0.0);
    assert!(e.explain("nope").is_none());
}
