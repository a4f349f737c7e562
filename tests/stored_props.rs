//! Property tests over stored profiles shaped like the real thing but hostile in every value:
//! texts with emoji, combining marks and right-to-left marks, cut at any length; numbers at every
//! edge; lists of any length; clocks anywhere (NaN, infinite, negative, years apart). Restoring
//! never panics, stays within the size budget and is idempotent: what a restore wrote is read
//! back unchanged and not reported as damaged (else every page load would warn and overwrite the
//! backup). Merging with another tab's events and folding in a page's profile never panic either.
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
use serde_json::{json, Value};
use shelfwise::core::profile::budget;
use shelfwise::core::recommend::{RecommendOptions, Slot};
use shelfwise::core::{Config, Engine, Profile};

/// Texts that are hard on byte-based code: multi-byte characters, marks that combine with the
/// previous character, direction marks, JSON escapes, facet separators.
const PIECES: [&str; 16] = [
    "a",
    "Z",
    " ",
    ":",
    ">",
    "\"",
    "\\",
    "\u{0}",
    "é",
    "e\u{301}",
    "👍🏽",
    "👩‍👩‍👧",
    "שלום",
    "\u{200f}",
    "\u{fe0f}",
    "日本",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(&PIECES[..]), 0..8).prop_map(|p| p.concat()),
        1 => ".{0,40}",
        1 => (1usize..700).prop_map(|n| "é".repeat(n / 2) + &"x".repeat(n % 2)),
    ]
}

fn facet_key() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["c:", "b:", "p:", "t:", "f:", "q:", "", "x"][..]),
        text(),
    )
        .prop_map(|(p, t)| format!("{p}{t}"))
}

/// A stored whole number: realistic minutes and counts, and the `u32` edges. (Numbers no `u32`
/// field accepts make the browser reader refuse the whole blob, which then never gets here.)
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => (16_666_666u32..68_000_001).prop_map(|m| json!(m)),
        3 => (0u32..2000).prop_map(|n| json!(n)),
        2 => prop::sample::select(&[0u32, 1, 2, 3, 10_000, 10_001, u32::MAX - 1, u32::MAX][..]).prop_map(|n| json!(n)),
    ]
}

/// A score: any finite number, edges included (JSON has no NaN or infinity).
fn score() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => (0.0f64..50.0).prop_map(|x| json!(x)),
        1 => any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(|x| json!(x)),
        1 => prop::sample::select(&[0.0, -0.0, -1.0, 1_000_000.0, 1_000_001.0, 1e308, 5e-324][..]).prop_map(|x| json!(x)),
    ]
}

fn list(item: impl Strategy<Value = Value>, max: usize) -> impl Strategy<Value = Value> {
    prop::collection::vec(item, 0..max).prop_map(Value::Array)
}

fn affinity() -> impl Strategy<Value = Value> {
    (facet_key(), score(), score(), number(), number(), 0usize..3).prop_map(
        |(k, l, s, at, n, shape)| match shape {
            0 => json!([k, l, s, at]),
            _ => json!([k, l, s, at, n]),
        },
    )
}

fn neighbours() -> impl Strategy<Value = Value> {
    list((text(), 0u32..1200).prop_map(|(id, w)| json!([id, w])), 6)
}

fn cached_item() -> impl Strategy<Value = Value> {
    (text(), score(), number(), neighbours(), neighbours())
        .prop_map(|(id, v, at, r, b)| json!([id, v, at, r, b]))
}

fn moments() -> impl Strategy<Value = Value> {
    (
        list((text(), number()).prop_map(|(c, n)| json!([c, n])), 8),
        prop::collection::vec(number(), 6),
        list(prop::collection::vec(number(), 4).prop_map(Value::Array), 5),
    )
        .prop_map(|(hv, n, tg)| {
            json!({ "hv": hv, "cl": n[0], "pv": n[1], "lp": n[2], "pb": [n[3], n[4]], "tg": tg, "hd": n[5], "ld": 0 })
        })
}

/// A stored profile: every field present, each value possibly hostile.
fn stored() -> impl Strategy<Value = Value> {
    (
        (
            prop::sample::select(&[2u32, 2, 2, 2, 1, 1, 0, 3][..]),
            prop::collection::vec(number(), 6),
        ),
        list(affinity(), 60),
        prop::collection::vec(list(text().prop_map(Value::from), 40), 4),
        moments(),
        list(
            (facet_key(), -2i32..3, number()).prop_map(|(k, s, at)| json!([k, s, at])),
            12,
        ),
        (any::<bool>(), number(), list(cached_item(), 12)),
        (
            list((number(), number()).prop_map(|(w, s)| json!([w, s])), 20),
            // Lineage ids, other starts and removal marks (decimal hashes, or anything).
            list(
                prop_oneof![
                    number().prop_map(|n| json!(n.to_string())),
                    text().prop_map(Value::from)
                ],
                8,
            ),
            list(
                prop_oneof![
                    number().prop_map(|n| json!(n.to_string())),
                    text().prop_map(Value::from)
                ],
                6,
            ),
            list(
                prop_oneof![
                    number().prop_map(|n| json!(n.to_string())),
                    text().prop_map(Value::from)
                ],
                24,
            ),
        ),
        // What items taught (`it`): ids, accumulators and keys, or anything.
        list(
            (
                text(),
                score(),
                score(),
                number(),
                number(),
                list(facet_key().prop_map(Value::from), 6),
            )
                .prop_map(|(id, l, s, at, n, keys)| json!([[id, l, s, at, n], keys])),
            40,
        ),
    )
        .prop_map(|((v, n), a, lists, m, x, (z, t, nb), (w, r, ra, rm), it)| {
            json!({
                "v": v, "c": n[0], "u": n[1], "s": n[2], "k": n[3], "n": n[4],
                "a": a, "rv": lists[0], "rc": lists[1], "rp": lists[2], "rs": lists[3],
                "m": m, "x": x, "z": z, "nb": { "t": t, "i": nb }, "w": w, "r": r, "ra": ra,
                "rm": rm, "it": it,
            })
        })
}

/// A clock reading: near the stored times, or absurd.
fn clock() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 1.0e12f64..4.0e12,
        1 => prop::sample::select(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.0, 1e300, -1e300][..]),
    ]
}

fn view(id: &str) -> shelfwise::core::EventInput {
    event("view_item", item(id, "hats", "acme"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Restoring any stored profile, then writing it and reading it back: the second restore
    /// finds nothing to repair and changes nothing, and the text stays within the budget.
    #[test]
    fn restore_is_bounded_and_idempotent(blob in stored(), now in clock(), later_days in 0.0f64..400.0) {
        let Ok(stored) = serde_json::from_value::<Profile>(blob) else { return Ok(()) };
        let mut e = Engine::new(&Config::default(), now);
        if e.restore(stored, now).is_err() {
            return Ok(());
        }
        let text = serde_json::to_string(e.profile()).unwrap();
        prop_assert!(text.len() <= budget::estimate(e.profile()), "estimate below the real size");
        prop_assert!(text.len() <= 16 * 1024);
        let first = e.profile().clone();
        let back: Profile = serde_json::from_str(&text).unwrap();
        let repaired = e.restore(back, now).unwrap();
        prop_assert!(!repaired, "a restored profile reads back as damaged: {}", text);
        prop_assert_eq!(e.profile(), &first);
        // Read back on a later page load: time passing is no damage either.
        let back: Profile = serde_json::from_str(&text).unwrap();
        let later = now + later_days * DAY;
        prop_assert!(!e.restore(back, later).unwrap(), "damaged {} days later: {}", later_days, text);
    }

    /// Another tab's stored profile, whatever it holds, merges with this tab's events; the
    /// merged profile keeps them, stays bounded and merges again without change.
    #[test]
    fn merging_any_stored_profile_keeps_this_tabs_events(
        blob in stored(), now in clock(), writer in 1u32.., views in 1usize..5,
        names in prop::collection::vec(prop::collection::vec(prop::sample::select(&PIECES[..]), 0..6), 5),
    ) {
        let Ok(stored) = serde_json::from_value::<Profile>(blob) else { return Ok(()) };
        let mut e = Engine::new(&Config::default(), now);
        e.set_writer(writer);
        let id = |i: usize| format!("mine-{i}{}", names[i].concat().trim_end());
        for i in 0..views {
            e.track(view(&id(i)), now).unwrap();
        }
        let Ok(merged) = e.merge_stored(Some(stored.clone()), now) else { return Ok(()) };
        let p = e.profile();
        prop_assert!(serde_json::to_string(p).unwrap().len() <= 16 * 1024);
        // A profile paused in another tab learns nothing, this tab's events included.
        if !merged.kept_local && stored.writer_seq(writer) == 0 && !stored.paused {
            prop_assert_eq!(merged.replayed, views);
            let newest = id(views - 1);
            prop_assert_eq!(p.viewed.first(), Some(&newest));
        }
        prop_assert_eq!(p.writer_seq(writer), views as u32);
        e.mark_saved();
        let again = e.profile().clone();
        e.merge_stored(Some(again.clone()), now).unwrap();
        prop_assert_eq!(e.profile().events, again.events, "merging its own write adds nothing");
        let _ = e.rank(grid(12), Default::default(), now);
        let _ = e.snapshot(now);
        for slot in [Slot::PickedForYou, Slot::RecentlyViewed, Slot::BecauseYouViewed, Slot::Related] {
            let _ = e.recommend(&RecommendOptions::new(slot, 4));
        }
    }

    /// Consent given mid-visit folds the page's profile into any stored one.
    #[test]
    fn folding_a_page_into_any_stored_profile_never_panics(blob in stored(), now in clock()) {
        let Ok(stored) = serde_json::from_value::<Profile>(blob) else { return Ok(()) };
        let mut e = Engine::new(&Config::default(), now);
        e.track(view("page"), now).unwrap();
        e.absorb_stored(stored, now);
        prop_assert!(serde_json::to_string(e.profile()).unwrap().len() <= 16 * 1024);
    }
}

/// A profile written while the shopper's clock ran ahead (interests, choices and a trigger cap
/// stamped in the future) is clamped to now on load, and is not reported as damaged: a clock
/// set back is no corruption, so no backup and no console warning (the backup would replace a
/// real damaged blob kept there).
#[test]
fn a_profile_from_a_clock_ahead_is_clamped_not_reported_as_damaged() {
    let ahead = T0 + 30.0 * DAY;
    let mut e = Engine::new(&Config::default(), ahead);
    e.track(view("a"), ahead).unwrap();
    let mut stored = e.profile().clone();
    stored.choices = vec![shelfwise::core::profile::Choice(
        "c:hats".into(),
        1,
        30_000_000,
    )];
    stored.moments.shown = vec![[0, 1, 1, 30_000_000]];
    let mut back = Engine::new(&Config::default(), T0);
    let repaired = back.restore(stored, T0).unwrap();
    let now = (T0 / 60_000.0) as u32;
    let p = back.profile();
    assert!(!repaired, "clock skew is not damage");
    assert!(p.affinities.iter().all(|a| a.3 <= now));
    assert_eq!(p.choices[0].2, now);
    assert_eq!(p.moments.shown, vec![[0, 1, 1, now]]);
}
