//! Clock skew through the engine: the shopper sets the clock years ahead or back, or the page
//! passes absurd times. Decay never blows up, decay alone wipes nothing in one jump, and decay
//! resumes once the clock is right again.
//!
//! A clock set far ahead cannot be told from a real long absence, so the retention rules
//! (`signalMaxAgeDays`, `profileMaxIdleDays`) apply to it exactly as to an absence: that is the
//! privacy-preserving reading, tested last. The decay tests use the longest retention settings so
//! they test decay alone.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::time::{minutes_from_ms, MAX_MINUTES};
use shelfwise::core::{Config, Engine, EventInput, Profile};

const YEAR: f64 = 365.0 * DAY;

fn score(e: &Engine, key: &str, now: f64) -> f64 {
    e.snapshot(now)
        .interests
        .iter()
        .find(|i| i.key == key)
        .map_or(0.0, |i| i.score)
}

/// Default settings with retention at its longest, so only decay is under test.
fn long_retention() -> Config {
    Config {
        signal_max_age_days: 3650.0,
        profile_max_idle_days: 3650.0,
        ..Config::default()
    }
}

fn view(id: &str, category: &str) -> EventInput {
    event("view_item", item(id, category, "acme"))
}

fn assert_sane(p: &Profile, now_ms: f64) {
    let now = minutes_from_ms(now_ms);
    for a in &p.affinities {
        assert!(
            a.1.is_finite() && a.2.is_finite() && a.1 >= 0.0 && a.2 >= 0.0,
            "{a:?}"
        );
        assert!(a.3 <= now, "no stored time after now: {a:?}");
    }
    assert!(p.updated <= now && p.created <= now && p.session_start <= now);
    assert!(serde_json::to_string(p).unwrap().len() <= 16 * 1024);
}

#[test]
fn a_clock_a_year_ahead_then_back_wipes_nothing_and_decay_resumes() {
    let mut e = Engine::new(&long_retention(), T0);
    for i in 0..10 {
        e.track(view(&format!("s{i}"), "shoes"), T0).unwrap();
    }
    let before = score(&e, "c:shoes", T0);
    assert!((before - 20.0).abs() < 1e-9, "long + session: {before}");

    // The clock jumps a year ahead: shoes fade but are not evicted.
    e.track(view("h1", "hats"), T0 + YEAR).unwrap();
    let ahead = score(&e, "c:shoes", T0 + YEAR);
    // Six half-lives at most in one step: 10 / 64 = 0.156 (the session part is gone).
    assert!((ahead - 0.156).abs() < 1e-9, "{ahead}");
    assert_eq!(e.snapshot(T0 + YEAR).recently_viewed.len(), 11);

    // Back to the real time: no timestamp stays in the future, values are kept.
    let back = T0 + DAY;
    e.track(view("h2", "hats"), back).unwrap();
    assert_sane(e.profile(), back);
    let now_score = score(&e, "c:hats", back);
    assert!(now_score > 0.0);
    // Decay resumes at once: two weeks later the long-term hats interest has halved.
    let c = Config {
        session_weight: 0.0,
        ..long_retention()
    };
    let mut long_only = Engine::new(&c, T0);
    long_only.restore(e.profile().clone(), back).unwrap();
    let a = score(&long_only, "c:hats", back);
    let b = score(&long_only, "c:hats", back + 14.0 * DAY);
    assert!((b / a - 0.5).abs() < 0.01, "{a} → {b}");
}

#[test]
fn a_long_absence_keeps_old_interests_weak_and_new_ones_first() {
    let mut e = Engine::new(&long_retention(), T0);
    for i in 0..5 {
        e.track(view(&format!("s{i}"), "shoes"), T0).unwrap();
    }
    let later = T0 + 5.0 * YEAR;
    e.track(view("h", "hats"), later).unwrap();
    assert!(score(&e, "c:hats", later) > score(&e, "c:shoes", later));
    assert!(score(&e, "c:shoes", later) > 0.0, "faded, not wiped");
    let items = vec![item("x", "shoes", "zeta"), item("y", "hats", "zeta")];
    assert_eq!(
        e.rank(items, Default::default(), later).unwrap(),
        vec!["y", "x"]
    );
}

#[test]
fn absurd_times_are_clamped_and_never_poison_the_profile() {
    let mut e = Engine::new(&long_retention(), f64::NAN);
    let times = [
        T0,
        1e300,
        -1e300,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        T0 + 100.0 * YEAR,
        T0,
    ];
    for (i, now) in times.into_iter().enumerate() {
        e.track(view(&format!("p{i}"), "socks"), now).unwrap();
        let mut with_ts = view(&format!("q{i}"), "socks");
        with_ts.ts = Some(T0 + 1e6 * YEAR);
        e.track(with_ts, now).unwrap();
        assert_sane(
            e.profile(),
            now.clamp(-1e300, 1e300)
                .max(0.0)
                .min(f64::from(MAX_MINUTES) * 60_000.0),
        );
    }
    // The jump to the clamp limit (year 2100) is longer than any retention setting, so the
    // profile is renewed there, as after a real absence; every event since is counted.
    let p = e.profile();
    assert!(p.events >= 4 && p.events <= 18, "{}", p.events);
    assert_eq!(p.viewed.first().map(String::as_str), Some("q8"));
    assert!(score(&e, "c:socks", T0) > 0.0);
}

#[test]
fn a_stored_profile_from_the_future_is_clamped_on_load() {
    let mut ahead = Engine::new(&Config::default(), T0 + 10.0 * YEAR);
    ahead.track(view("a", "bags"), T0 + 10.0 * YEAR).unwrap();
    let stored = ahead.profile().clone();
    let mut e = Engine::new(&Config::default(), T0);
    e.restore(stored, T0).unwrap();
    assert_sane(e.profile(), T0);
    assert!(score(&e, "c:bags", T0) > 0.0, "kept, not evicted");
    e.track(view("b", "bags"), T0 + DAY).unwrap();
    assert_sane(e.profile(), T0 + DAY);
}

#[test]
fn with_default_retention_a_clock_far_ahead_reads_as_an_absence() {
    let mut e = Engine::new(&Config::default(), T0);
    for i in 0..5 {
        e.track(view(&format!("s{i}"), "shoes"), T0).unwrap();
    }
    // A year ahead is past the 180-day idle limit: the old profile is gone, the new event
    // is learned, and nothing panics or becomes non-finite.
    let ahead = T0 + YEAR;
    e.track(view("h", "hats"), ahead).unwrap();
    assert_sane(e.profile(), ahead);
    assert_eq!(
        score(&e, "c:shoes", ahead),
        0.0,
        "expired by retention, as after an absence"
    );
    assert!(score(&e, "c:hats", ahead) > 0.0);
    assert_eq!(e.snapshot(ahead).recently_viewed, vec!["h"]);
    // Back to the real time: the profile stays consistent and keeps learning.
    e.track(view("h2", "hats"), T0 + DAY).unwrap();
    assert_sane(e.profile(), T0 + DAY);
    assert!(score(&e, "c:hats", T0 + DAY) > 0.0);
}
