//! The aggregate report, end to end: 10,000 simulated shoppers, each with their own engine,
//! draw their arm, shop (treatment converts more often), and send only the randomized bit. The
//! shop's estimator must recover the true conversion lift within its stated error bound.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use shelfwise::core::moments::config::DEFAULT_EPSILON;
use shelfwise::core::moments::ldp::{estimate_lift, keep_probability, ArmCounts, DEFAULT_Z};
use shelfwise::core::moments::{Arm, LiftEstimate};
use shelfwise::core::{Config, Engine, EventInput};

/// SplitMix64: a small deterministic generator, so the simulation is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

const SHOPPERS: usize = 10_000;

/// Runs the simulation; returns the estimate and the true (generating) lift.
fn simulate(seed: u64, holdout_share: f64, rates: (f64, f64), epsilon: f64) -> LiftEstimate {
    let mut config = Config::default();
    config.moments.holdout_share = holdout_share;
    config.moments.ldp_epsilon = epsilon;
    let mut rng = Rng(seed);
    let (mut t, mut h) = (ArmCounts::default(), ArmCounts::default());
    for i in 0..SHOPPERS {
        let mut e = Engine::new(&config, T0);
        e.begin_page_view(T0, rng.next());
        e.track(
            event("view_item", item(&format!("p{i}"), "Shoes", "acme")),
            T0,
        )
        .unwrap();
        let rate = if e.arm() == Arm::Treatment {
            rates.0
        } else {
            rates.1
        };
        if rng.next() < rate {
            let buy = EventInput {
                kind: Some("purchase".into()),
                items: Some(vec![item(&format!("p{i}"), "Shoes", "acme")]),
                ..EventInput::default()
            };
            e.track(buy, T0 + 60_000.0).unwrap();
        }
        let report = e.ldp_report(rng.next());
        // Asking again must not give a fresh draw (that would leak the true bit on average).
        assert_eq!(e.ldp_report(rng.next()), report);
        let counts = if report.arm == Arm::Treatment {
            &mut t
        } else {
            &mut h
        };
        counts.reports += 1.0;
        counts.ones += f64::from(report.bit);
    }
    estimate_lift(t, h, epsilon, DEFAULT_Z).unwrap()
}

/// ln 3, the default: the true bit is kept with probability 3/4.
const EPSILON: f64 = DEFAULT_EPSILON;

#[test]
fn ten_thousand_shoppers_ab_test_lift_is_within_its_bound() {
    let (treated, held) = (0.20, 0.12);
    let est = simulate(7, 0.5, (treated, held), EPSILON);
    let truth = treated - held;
    assert!((keep_probability(EPSILON) - 0.75).abs() < 1e-12);
    // z = 3, n ≈ 5000 per arm, 2p − 1 = 0.5: bound = 3·√(2/20000)/0.5 ≈ 0.060.
    assert!((est.bound - 0.06).abs() < 0.003, "bound {}", est.bound);
    assert!(
        (est.lift - truth).abs() <= est.bound,
        "estimated lift {} vs true {truth} ± {}",
        est.lift,
        est.bound
    );
    assert!(est.lift - est.bound > 0.0, "a lift of 8 points is detected");
    assert!((est.treatment.rate - treated).abs() <= est.treatment.bound);
    assert!((est.holdout.rate - held).abs() <= est.holdout.bound);
}

#[test]
fn ten_percent_holdout_states_a_wider_bound_that_still_holds() {
    let (treated, held) = (0.15, 0.10);
    let est = simulate(11, 0.1, (treated, held), EPSILON);
    // n ≈ 1000 held out: bound ≈ 3·√(1/36000 + 1/4000)/0.5 ≈ 0.100.
    assert!((est.bound - 0.1).abs() < 0.005, "bound {}", est.bound);
    assert!((est.lift - (treated - held)).abs() <= est.bound, "{est:?}");
}

#[test]
fn the_bound_covers_the_truth_across_seeds_and_rejects_an_estimator_that_skips_debiasing() {
    let (treated, held) = (0.60, 0.20);
    let scale = 2.0 * keep_probability(2.0) - 1.0;
    let seeds = 12;
    for seed in 0..seeds {
        let est = simulate(100 + seed, 0.5, (treated, held), 2.0);
        assert!((est.lift - 0.4).abs() <= est.bound, "seed {seed}: {est:?}");
        // The raw difference of noisy shares is the lift shrunk by (2p − 1) ≈ 0.76: the same
        // check must reject it, so this test can tell a wrong estimator.
        let raw = est.lift * scale;
        assert!(
            (raw - 0.4).abs() > est.bound,
            "seed {seed}: raw {raw} ± {}",
            est.bound
        );
    }
}

/// A shop that changes `ldpEpsilon` between pages (two page templates, a configuration
/// roll-out) must not get a fresh draw per change: averaged over many pages, fresh draws reveal
/// the true bit. The first answer stays, reported with the ε it was drawn with, so the shop's
/// estimator still groups reports correctly and the privacy cost stays 2ε of that first ε.
#[test]
fn changing_epsilon_between_pages_keeps_the_first_answer_and_its_epsilon() {
    let mut rng = Rng(5);
    let mut profile = None;
    let mut first = None;
    for page in 0..200 {
        let mut config = Config::default();
        config.moments.ldp_epsilon = if page % 2 == 0 { 0.5 } else { 5.0 };
        let mut e = Engine::new(&config, T0);
        if let Some(p) = profile.take() {
            e.restore(p, T0).unwrap();
        }
        e.begin_page_view(T0, rng.next());
        let report = e.ldp_report(rng.next());
        let first = *first.get_or_insert(report);
        assert_eq!(report.bit, first.bit, "page {page}: a fresh draw");
        assert_eq!(report.epsilon, 0.5, "page {page}: the ε of the answer");
        profile = Some(e.profile().clone());
    }
}
