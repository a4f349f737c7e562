//! The `pickedForYou` blend a shop's popularity data carries (`shelfwise build-pack --tune`):
//! validated and clamped on the way in, and used by the engine's `pickedForYou`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use shelfwise::core::id::IdText;
use shelfwise::core::pack::{BlendInput, ItemDataInput, PopularityInput};
use shelfwise::core::recommend::slots::Blend;
use shelfwise::core::recommend::RecommendOptionsInput;
use shelfwise::core::{Config, Engine};

/// A shopper who viewed `a` (whose page says `b` is viewed with it), with `blend` in the
/// popularity data; `pickedForYou`'s ids.
fn picked(blend: Option<BlendInput>) -> Result<Vec<String>, String> {
    let mut e = Engine::new(&Config::default(), T0);
    e.set_popularity(PopularityInput {
        overall: Some(vec![(IdText::from("p"), 5.0)]),
        categories: None,
        blend,
    })
    .map_err(|err| err.field)?;
    let data = ItemDataInput {
        related: Some(vec![(IdText::from("b"), 900.0)]),
        bought_together: None,
    };
    e.add_item_data("a", data).unwrap();
    e.track(event("view_item", item("a", "shoes", "acme")), T0)
        .unwrap();
    let options = RecommendOptionsInput {
        count: Some(3.0),
        ..Default::default()
    }
    .validate("pickedForYou")
    .unwrap();
    Ok(e.recommend(&options).into_iter().map(|r| r.id).collect())
}

fn blend(repeat: f64) -> Option<BlendInput> {
    Some(BlendInput {
        repeat: Some(repeat),
        ..BlendInput::default()
    })
}

#[test]
fn without_a_blend_the_defaults_put_the_viewed_item_first() {
    assert_eq!(picked(None).unwrap(), ["a", "b", "p"]);
    assert_eq!(
        picked(Some(BlendInput::default())).unwrap(),
        ["a", "b", "p"]
    );
}

#[test]
fn a_shop_blend_without_repeats_puts_new_items_first() {
    // Repeat weight 0: the viewed item scores nothing of its own (and is no neighbour of
    // another viewed item), so only its neighbour and the popularity fill remain.
    assert_eq!(picked(blend(0.0)).unwrap(), ["b", "p"]);
    // Repeat weight 2: the viewed item (2) first again, before its neighbour (0.9).
    assert_eq!(picked(blend(2.0)).unwrap(), ["a", "b", "p"]);
}

#[test]
fn blend_values_are_clamped_and_bad_ones_named() {
    // -5 is clamped to 0, the bottom of the documented range.
    assert_eq!(picked(blend(-5.0)).unwrap(), picked(blend(0.0)).unwrap());
    for (bad, field) in [
        (blend(f64::NAN), "blend.repeat"),
        (
            Some(BlendInput {
                bought: Some(f64::INFINITY),
                ..BlendInput::default()
            }),
            "blend.bought",
        ),
    ] {
        assert_eq!(picked(bad).unwrap_err(), field);
    }
    let clamped = BlendInput {
        repeat: Some(1e9),
        decay: Some(2.0),
        bought: Some(-1.0),
    }
    .validate()
    .unwrap()
    .sanitized();
    assert_eq!(
        clamped,
        Blend {
            repeat: 100.0,
            decay: 1.0,
            bought: 0.0
        }
    );
}
