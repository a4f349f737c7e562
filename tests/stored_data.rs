//! Stored data from other versions: the first released schema (v1) is migrated, never dropped.
//! (Corrupt and foreign blobs in real localStorage are covered by tests/web.rs.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::profile::{Affinity, SCHEMA_VERSION};
use shelfwise::core::{Config, Engine, ErrorKind, Profile};

/// A profile written by the v1 release in Chromium (`JSON.stringify` output, verbatim).
const V1: &str = include_str!("fixtures/profile-v1.json");

#[test]
fn a_v1_profile_migrates_with_everything_it_learned() {
    let v1: Profile = serde_json::from_str(V1).unwrap();
    assert_eq!(v1.schema, 1);
    let now = f64::from(v1.updated) * 60_000.0 + DAY;
    let mut e = Engine::new(&Config::default(), now);
    let repaired = e.restore(v1.clone(), now).unwrap();
    assert!(!repaired, "migration is not repair");
    let p = e.profile();
    assert_eq!(p.schema, SCHEMA_VERSION);
    assert_eq!(p.events, 9);
    // Everything learned stays; `b:Élan`, stored before non-ASCII letters folded, folds.
    let mut folded = v1.affinities.clone();
    let a = &folded[17];
    folded[17] = Affinity::from_parts("b:élan".into(), a.1, a.2, a.3, a.4);
    assert_eq!(v1.affinities[17].key(), "b:Élan");
    assert_eq!(p.affinities, folded);
    assert_eq!(p.viewed, vec!["4711", "sku-102", "sku-101"]);
    assert_eq!(p.cart, vec!["sku-101"]);
    assert_eq!(p.purchased, vec!["sku-301"]);
    assert!(p.writers.is_empty());
    // The migrated profile learns, ranks and round-trips as schema 2.
    e.track(event("view_item", item("n1", "hats", "zeta")), now)
        .unwrap();
    let ranked = e
        .rank(
            vec![item("x", "bags", "q"), item("y", "hats", "q")],
            Default::default(),
            now,
        )
        .unwrap();
    assert_eq!(ranked, vec!["y", "x"]);
    let json = serde_json::to_string(e.profile()).unwrap();
    assert!(json.starts_with(&format!("{{\"v\":{SCHEMA_VERSION},")));
    let back: Profile = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, e.profile());
}

#[test]
fn future_and_missing_schemas_are_refused_and_leave_the_engine_unchanged() {
    let mut e = Engine::new(&Config::default(), T0);
    e.track(event("view_item", item("a", "hats", "zeta")), T0)
        .unwrap();
    let before = e.profile().clone();
    for (text, kind) in [
        (
            r#"{"v":3,"a":[["c:x",1,1,1]]}"#,
            ErrorKind::UnsupportedVersion,
        ),
        (r#"{"v":4294967295}"#, ErrorKind::UnsupportedVersion),
        (r#"{"v":0,"a":[]}"#, ErrorKind::Corrupt),
    ] {
        let p: Profile = serde_json::from_str(text).unwrap();
        assert_eq!(e.restore(p.clone(), T0).unwrap_err().kind, kind, "{text}");
        assert_eq!(e.merge_stored(Some(p), T0).unwrap_err().kind, kind);
        assert_eq!(e.profile(), &before);
    }
}

#[test]
fn huge_and_odd_numbers_are_repaired() {
    let text = r#"{"v":2,"c":4294967295,"u":0,"s":7,"k":4294967295,"n":4294967295,
        "a":[["c:big",1e308,1e308,4294967295],["c:neg",-5,-5,0],["c:ok",1.23456789,0,29891000]],
        "rv":["a","a",""],"w":[[0,5],[9,4294967295],[9,1]]}"#;
    let p: Profile = serde_json::from_str(text).unwrap();
    let mut e = Engine::new(&Config::default(), T0);
    assert!(e.restore(p, T0).unwrap(), "reported as repaired");
    let p = e.profile();
    assert_eq!(p.affinities.len(), 2);
    assert!(p.affinities.iter().all(|a| a.1 <= 1e6 && a.3 <= 30_000_000));
    assert_eq!(p.viewed, vec!["a"]);
    assert_eq!(p.writers.len(), 1);
    e.track(event("view_item", item("b", "hats", "zeta")), T0)
        .unwrap();
    assert_eq!(e.profile().events, u32::MAX, "counters saturate");
    assert!(serde_json::to_string(e.profile()).unwrap().len() <= 16 * 1024);
}
