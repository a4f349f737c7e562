//! What the encoder suites (`web_encode.rs`, `web_encode_moments.rs`) share: the structural
//! comparison of two JS values, the check against serde-wasm-bindgen's encoding, odd values,
//! and a core engine session to take real outputs from.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use js_sys::Function;
use serde::Serialize;
use shelfwise::core::id::IdText;
use shelfwise::core::pack::{ItemDataInput, PopularityInput};
use shelfwise::core::profile::ChoiceTarget;
use shelfwise::core::{Config, Engine, EventInput};
use wasm_bindgen::JsValue;

use crate::common::moments::{items_event, priced, MIN};
use crate::common::*;

/// The first difference between two JS values as `path: what`, or "" when they are the same:
/// the same types, `Object.is` numbers, arrays of the same length, objects with the same
/// prototype and the same keys in the same order.
pub fn difference(a: &JsValue, b: &JsValue) -> String {
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
pub fn check<T: Serialize>(value: &T, encoded: JsValue) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let expected = value.serialize(&serializer).unwrap();
    let d = difference(&encoded, &expected);
    assert!(d.is_empty(), "{d}");
}

pub const ODD_NUMBERS: [f64; 7] = [
    f64::NAN,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::MAX,
    5e-324,
    -1.5,
];
pub const ODD_TEXT: &str = "é \u{0} 😀 \"quoted\" \\";

/// A session: popularity data, views, a cart, a purchase, a search, neighbour data and
/// explicit choices, over two days.
pub fn session() -> Engine {
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
        blend: None,
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

pub const HOUR_MS: f64 = 60.0 * MIN;
