//! Browser tests (headless Chrome) for the hand-written encoders of the shopping-moment outputs
//! (`trigger`/`showTrigger`, `ldpReport`, `estimateLift`): each must give exactly what
//! serde-wasm-bindgen's `json_compatible` serializer gives for the same value
//! (see `web_encode.rs` for the core outputs and `encode_support` for the comparison).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod browser;
mod common;
mod encode_support;

use browser::obj;
use common::*;
use encode_support::*;
use shelfwise::core::moments::ldp::{estimate_lift, ArmCounts, RateEstimate};
use shelfwise::core::moments::{Arm, LdpReport, LiftEstimate, Occasion, Trigger};
use shelfwise::core::moments::{TriggerKind, TriggerKind::*};
use shelfwise::web::encode;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn triggers_match_serde() {
    let mut e = session();
    e.begin_page_view(T0 + 2.0 * DAY, 0.5);
    let occasion = Occasion {
        allowed: vec![CartReminder, HesitationOffer, CrossSell, ContentSuggestion],
        offers: vec![("shoes".into(), "10% off shoes".into())],
        ..Occasion::default()
    };
    let t = e
        .trigger(&occasion, T0 + 2.0 * DAY)
        .expect("a trigger shows");
    check(&t, encode::trigger(&t));
    let kinds: [TriggerKind; 4] = [CartReminder, HesitationOffer, CrossSell, ContentSuggestion];
    for kind in kinds {
        for (category, offer) in [
            (None, None),
            (Some("c"), None),
            (None, Some(ODD_TEXT)),
            (Some(""), Some("o")),
        ] {
            let t = Trigger {
                kind,
                items: vec!["a".into(), ODD_TEXT.into()],
                category: category.map(str::to_owned),
                offer: offer.map(str::to_owned),
            };
            check(&t, encode::trigger(&t));
        }
    }
}

#[wasm_bindgen_test]
fn ldp_reports_and_lift_estimates_match_serde() {
    let mut e = session();
    let r = e.ldp_report(0.3);
    check(&r, encode::ldp_report(&r));
    for arm in [Arm::Treatment, Arm::Holdout] {
        for (bit, epsilon) in [(0, 1.0986), (1, f64::NAN), (1, -0.0)] {
            let r = LdpReport { arm, bit, epsilon };
            check(&r, encode::ldp_report(&r));
        }
    }
    let counts = |reports, ones| ArmCounts { reports, ones };
    let est = estimate_lift(counts(1000.0, 600.0), counts(800.0, 400.0), 1.0986, 3.0).unwrap();
    check(&est, encode::lift(&est));
    for n in ODD_NUMBERS {
        let rate = RateEstimate { rate: n, bound: -n };
        let est = LiftEstimate {
            lift: n,
            bound: 0.25,
            treatment: rate,
            holdout: RateEstimate {
                rate: 0.5,
                bound: n,
            },
        };
        check(&est, encode::lift(&est));
    }
}

/// The API itself answers with the encoders: `estimateLift` against serde's encoding of the
/// core's estimate for the same input.
#[wasm_bindgen_test]
fn estimate_lift_api_matches_serde() {
    let input = obj("{ treatment: { reports: 500, ones: 320 }, holdout: { reports: 450, ones: 200 }, epsilon: 2, z: 2 }");
    let expected = estimate_lift(
        ArmCounts {
            reports: 500.0,
            ones: 320.0,
        },
        ArmCounts {
            reports: 450.0,
            ones: 200.0,
        },
        2.0,
        2.0,
    )
    .unwrap();
    check(&expected, shelfwise::web::estimate_lift(input).unwrap());
}
