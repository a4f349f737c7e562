//! Browser tests (headless Chrome) for the hand-written encoders of the API's outputs
//! (`shelfwise::web::encode`, used by `explain`, `profile`, `recommend`, `segments`,
//! `trigger`/`showTrigger`, `ldpReport` and `estimateLift`): each must give exactly what
//! serde-wasm-bindgen's `json_compatible` serializer gives for the same value — the same keys
//! in the same order, the same numbers (NaN, −0 and infinities included), the same left-out
//! fields, plain objects and arrays. The values come from a real engine session and from
//! hand-made edge cases.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod browser;
mod common;

use browser::obj;
use common::moments::{items_event, priced, MIN};
use common::*;
use js_sys::Function;
use serde::Serialize;
use shelfwise::core::id::IdText;
use shelfwise::core::moments::ldp::{estimate_lift, ArmCounts, RateEstimate};
use shelfwise::core::moments::{Arm, LdpReport, LiftEstimate, Occasion, Segments, Trigger};
use shelfwise::core::moments::{TriggerKind, TriggerKind::*};
use shelfwise::core::pack::{ItemDataInput, PopularityInput};
use shelfwise::core::profile::{ChoiceTarget, ChoiceView, Interest, ProfileSnapshot};
use shelfwise::core::rank::Contribution;
use shelfwise::core::recommend::options::SLOT_NAMES;
use shelfwise::core::recommend::{Reason, ReasonKind};
use shelfwise::core::{
    Config, Engine, EventInput, Explanation, RankOptionsInput, RecommendOptionsInput,
    Recommendation,
};
use shelfwise::web::encode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The first difference between two JS values as `path: what`, or "" when they are the same:
/// the same types, `Object.is` numbers, arrays of the same length, objects with the same
/// prototype and the same keys in the same order.
fn difference(a: &JsValue, b: &JsValue) -> String {
    let f = Function::new_with_args(
        "a, b",
        "function same(a, b, path) {
           if (typeof a !== typeof b) return path + ': ' + typeof a + ' vs ' + typeof b;
           if (a === null || b === null || typeof a !== 'object')
             return Object.is(a, b) ? '' : path + ': ' + String(a) + ' vs ' + String(b);
           if (Array.isArray(a) !== Array.isArray(b)) return path + ': array vs not';
           if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return path + ': prototype';
           const ka = Object.keys(a), kb = Object.keys(b);
           if (ka.join('\\u0001') !== kb.join('\\u0001')) return path + ': keys ' + ka + ' vs ' + kb;
           for (const k of ka) { const d = same(a[k], b[k], path + '.' + k); if (d) return d; }
           return '';
         }
         return same(a, b, '$');",
    );
    f.call2(&JsValue::NULL, a, b).unwrap().as_string().unwrap()
}

/// Fails unless `encoded` is exactly serde-wasm-bindgen's encoding of `value`.
fn check<T: Serialize>(value: &T, encoded: JsValue) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let expected = value.serialize(&serializer).unwrap();
    let d = difference(&encoded, &expected);
    assert!(d.is_empty(), "{d}");
}

const ODD_NUMBERS: [f64; 7] = [
    f64::NAN,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
    5e-324,
    -1.5,
];
const ODD_TEXT: &str = "é \u{0} 😀 \"quoted\" \\";

#[wasm_bindgen_test]
fn the_comparison_sees_every_kind_of_difference() {
    for (a, b) in [
        ("{ a: 1, b: 2 }", "{ b: 2, a: 1 }"),
        ("{ a: 1 }", "{ a: 1, b: undefined }"),
        ("{ a: 0 }", "{ a: -0 }"),
        ("{ a: null }", "{ a: undefined }"),
        ("[1, 2]", "{ 0: 1, 1: 2 }"),
        ("{ a: [1] }", "{ a: [1, 2] }"),
        ("{ a: '1' }", "{ a: 1 }"),
        ("{}", "new Map()"),
    ] {
        assert!(!difference(&obj(a), &obj(b)).is_empty(), "{a} vs {b}");
    }
    assert_eq!(
        difference(
            &obj("{ a: [NaN, { b: 'x' }] }"),
            &obj("{ a: [NaN, { b: 'x' }] }")
        ),
        ""
    );
}

/// A session: popularity data, views, a cart, a purchase, a search, neighbour data and
/// explicit choices, over two days.
fn session() -> Engine {
    let mut e = Engine::new(&Config::default(), T0);
    e.begin_page_view(T0, 0.99);
    let ids = |range: std::ops::Range<usize>| {
        range
            .map(|i| (IdText(format!("p{i}")), (30 - i) as f64))
            .collect::<Vec<_>>()
    };
    e.set_popularity(PopularityInput {
        overall: Some(ids(0..30)),
        categories: Some(vec![
            ("shoes".into(), ids(0..8)),
            ("bags".into(), ids(8..16)),
        ]),
    })
    .unwrap();
    let items = grid(24);
    for (n, it) in items.iter().take(9).enumerate() {
        let at = T0 + n as f64 * 10.0 * MIN;
        e.track(event("view_item", it.clone()), at).unwrap();
    }
    e.track(event("add_to_cart", items[2].clone()), T0 + 2.0 * HOUR_MS)
        .unwrap();
    e.track(event("purchase", items[5].clone()), T0 + 3.0 * HOUR_MS)
        .unwrap();
    let search = EventInput {
        kind: Some("search".into()),
        query: Some("Red Shoes".into()),
        ..EventInput::default()
    };
    e.track(search, T0 + 3.0 * HOUR_MS).unwrap();
    e.track(
        items_event("view_item", vec![priced("cheap", "shoes", 2.0)]),
        T0 + DAY,
    )
    .unwrap();
    e.add_item_data(
        "p0",
        ItemDataInput {
            related: Some(vec![
                (IdText("p7".into()), 5.0),
                (IdText("p11".into()), 2.0),
            ]),
            bought_together: Some(vec![(IdText("p9".into()), 3.0)]),
        },
    )
    .unwrap();
    e.choose(&ChoiceTarget::Item("p3".into()), 1, "target", T0 + DAY)
        .unwrap();
    e.choose(
        &ChoiceTarget::Category(vec!["bags".into()]),
        -1,
        "target",
        T0 + DAY,
    )
    .unwrap();
    e.choose(&ChoiceTarget::Key("b:zeta".into()), 1, "target", T0 + DAY)
        .unwrap();
    e
}

const HOUR_MS: f64 = 60.0 * MIN;

#[wasm_bindgen_test]
fn explanations_match_serde() {
    let mut e = session();
    let items = grid(24);
    let ids: Vec<String> = e
        .rank(items, RankOptionsInput::default(), T0 + DAY)
        .unwrap();
    for id in &ids {
        let x = e.explain(id).unwrap();
        check(&x, encode::explanation(&x));
    }
    assert!(
        ids.iter()
            .any(|id| !e.explain(id).unwrap().contributions.is_empty()),
        "some item has contributions"
    );
    assert!(
        ids.iter()
            .any(|id| !e.explain(id).unwrap().choices.is_empty()),
        "some item has choices"
    );
    for (n, odd) in ODD_NUMBERS.into_iter().enumerate() {
        let choice = ChoiceView {
            key: format!("i:{ODD_TEXT}"),
            kind: "item",
            value: ODD_TEXT.into(),
            more: n % 2 == 0,
        };
        let x = Explanation {
            id: ODD_TEXT.into(),
            server_position: u32::MAX as usize,
            position: n,
            server_score: odd,
            personal_score: -odd,
            impact: odd,
            score: odd,
            demoted: n % 2 == 1,
            contributions: vec![Contribution {
                key: String::new(),
                kind: "search",
                value: ODD_TEXT.into(),
                points: odd,
                count: u32::MAX,
            }],
            choice_points: odd,
            choices: vec![choice.clone(), choice],
        };
        check(&x, encode::explanation(&x));
    }
}

#[wasm_bindgen_test]
fn snapshots_match_serde() {
    let fresh = Engine::new(&Config::default(), T0);
    let s = fresh.snapshot(T0);
    check(&s, encode::snapshot(&s));
    let mut e = session();
    for paused in [false, true] {
        e.set_paused(paused);
        let s = e.snapshot(T0 + 2.0 * DAY);
        assert!(s.interests.len() > 3 && !s.choices.is_empty() && !s.searches.is_empty());
        check(&s, encode::snapshot(&s));
    }
    let odd = ProfileSnapshot {
        schema: u32::MAX,
        created_at: f64::NAN,
        updated_at: -0.0,
        visits: 0,
        events: 1,
        interests: ODD_NUMBERS
            .iter()
            .map(|&n| Interest {
                key: ODD_TEXT.into(),
                kind: "facet",
                value: String::new(),
                score: n,
                strength: -n,
                count: 7,
            })
            .collect(),
        recently_viewed: vec![ODD_TEXT.into(), String::new()],
        cart: vec![],
        purchased: vec!["x".into()],
        searches: vec![],
        choices: vec![],
        paused: true,
    };
    check(&odd, encode::snapshot(&odd));
}

#[wasm_bindgen_test]
fn recommendations_match_serde() {
    let e = session();
    let mut seen = 0;
    for slot in SLOT_NAMES {
        for item in [None, Some("p0")] {
            let options = RecommendOptionsInput {
                item: item.map(|i| IdText(i.into())),
                ..RecommendOptionsInput::default()
            }
            .validate(slot)
            .unwrap();
            let list = e.recommend(&options);
            seen += list.len();
            check(&list, encode::recommendations(&list));
        }
    }
    assert!(seen > 20, "the session recommends something");
    let empty: Vec<Recommendation> = vec![];
    check(&empty, encode::recommendations(&empty));
    let mut odd = vec![];
    for (n, kind) in ReasonKind::ALL.into_iter().enumerate() {
        for (item, category) in [
            (None, None),
            (Some("a"), None),
            (None, Some("c")),
            (Some(ODD_TEXT), Some("")),
        ] {
            odd.push(Recommendation {
                id: format!("{n}"),
                reason: Reason {
                    kind,
                    item: item.map(str::to_owned),
                    category: category.map(str::to_owned),
                },
            });
        }
    }
    check(&odd, encode::recommendations(&odd));
}

#[wasm_bindgen_test]
fn segments_match_serde() {
    let e = session();
    for at in [T0, T0 + DAY, T0 + 30.0 * DAY] {
        let s = e.segments(at);
        check(&s, encode::segments(&s));
    }
    for (hesitant, favourite) in [
        (None, None),
        (Some("shoes"), None),
        (None, Some("")),
        (Some(ODD_TEXT), Some("bags")),
    ] {
        let s = Segments {
            names: vec!["returning", "hesitant", "enthusiast"],
            hesitant_category: hesitant.map(str::to_owned),
            favourite_category: favourite.map(str::to_owned),
        };
        check(&s, encode::segments(&s));
    }
    let none = Segments::default();
    check(&none, encode::segments(&none));
}

#[wasm_bindgen_test]
fn welcome_back_ids_match_serde() {
    for ids in [
        vec![],
        vec!["a".to_owned(), ODD_TEXT.to_owned(), String::new()],
    ] {
        check(&ids, encode::ids(&ids));
    }
    let web = shelfwise::web::Engine::new(obj("{ storage: 'memory' }")).unwrap();
    let empty: Vec<String> = vec![];
    check(&empty, web.welcome_back(None).unwrap());
}

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

/// `recommend` and `explain` of a fresh engine against serde's encoding of a fresh core
/// engine's answers to the same calls.
#[wasm_bindgen_test]
fn recommend_and_explain_api_match_serde() {
    let web = shelfwise::web::Engine::new(obj("{ storage: 'memory' }")).unwrap();
    web.set_popularity(obj(
        "{ overall: [['p1', 90], ['p2', 80]], categories: { Shoes: [['s9', 5]] } }",
    ))
    .unwrap();
    let mut core = Engine::new(&Config::default(), T0);
    core.set_popularity(PopularityInput {
        overall: Some(vec![
            (IdText("p1".into()), 90.0),
            (IdText("p2".into()), 80.0),
        ]),
        categories: Some(vec![("Shoes".into(), vec![(IdText("s9".into()), 5.0)])]),
    })
    .unwrap();
    let options = RecommendOptionsInput::default()
        .validate("topSellers")
        .unwrap();
    let list = core.recommend(&options);
    assert_eq!(list.len(), 2);
    check(
        &list,
        web.recommend("topSellers", JsValue::UNDEFINED).unwrap(),
    );

    let items = obj("[{ id: 'a', category: ['Hats'] }, { id: 'b', brand: 'Acme' }]");
    web.rank(items, JsValue::UNDEFINED).unwrap();
    let mut hat = item("a", "Hats", "x");
    hat.brand = None;
    let mut other = shelfwise::core::ItemInput::with_id("b");
    other.brand = Some("Acme".into());
    core.rank(vec![hat, other], RankOptionsInput::default(), T0)
        .unwrap();
    for id in ["a", "b"] {
        check(&core.explain(id).unwrap(), web.explain(id).unwrap());
    }
}
