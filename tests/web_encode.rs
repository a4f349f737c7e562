//! Browser tests (headless Chrome) for the hand-written encoders of the API's outputs
//! (`shelfwise::web::encode`, used by `explain`, `profile`, `recommend`, `segments`,
//! `trigger`/`showTrigger`, `ldpReport` and `estimateLift`): each must give exactly what
//! serde-wasm-bindgen's `json_compatible` serializer gives for the same value — the same keys
//! in the same order, the same numbers (NaN, −0 and infinities included), the same left-out
//! fields, plain objects and arrays. The values come from a real engine session and from
//! hand-made edge cases. The shopping-moment outputs are in `web_encode_moments.rs`; the
//! comparison itself is in `encode_support`.
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
use shelfwise::core::id::IdText;
use shelfwise::core::moments::Segments;
use shelfwise::core::pack::PopularityInput;
use shelfwise::core::profile::{ChoiceView, Interest, ProfileSnapshot};
use shelfwise::core::rank::Contribution;
use shelfwise::core::recommend::options::SLOT_NAMES;
use shelfwise::core::recommend::{Reason, ReasonKind};
use shelfwise::core::{
    Config, Engine, Explanation, RankOptionsInput, RecommendOptionsInput, Recommendation,
};
use shelfwise::web::encode;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    check(&empty, web.welcome_back(JsValue::UNDEFINED).unwrap());
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
        blend: None,
    })
    .unwrap();
    let options = RecommendOptionsInput::default()
        .validate("topSellers")
        .unwrap();
    let list = core.recommend(&options);
    assert_eq!(list.len(), 2);
    check(
        &list,
        web.recommend("topSellers".into(), JsValue::UNDEFINED)
            .unwrap(),
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
