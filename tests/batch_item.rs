//! `ItemBatch::item` builds an item straight from the batch's texts and numbers, without
//! validating again. For every batch that reaches ranking (clean as it stands, or made by a
//! `BatchBuilder` from validated items) it must give exactly what validation gave before: the
//! old path, `to_inputs()[i].validate(..)`, is kept here as the reference.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use shelfwise::core::batch::{BatchBuilder, ItemBatch};
use shelfwise::core::id::IdText;
use shelfwise::core::item::At;
use shelfwise::core::limits::MAX_CATEGORY_DEPTH;
use shelfwise::core::{Item, ItemInput};

use common::batch::batch_of;

fn at(i: usize) -> At<'static> {
    At {
        list: "items",
        index: Some(i),
    }
}

/// The old `ItemBatch::item`: item `i` rebuilt as page input and validated again.
fn validated_again(batch: &ItemBatch, i: usize) -> Item {
    let input = batch.to_inputs().swap_remove(i);
    input.validate(at(i)).unwrap_or_default()
}

/// Equal, numbers to the bit (so -0.0 and 0.0 differ).
fn assert_same(a: &Item, b: &Item) {
    assert_eq!(a, b);
    let bits = |it: &Item| {
        (
            it.price.map(f64::to_bits),
            it.quantity.to_bits(),
            it.score.map(f64::to_bits),
        )
    };
    assert_eq!(bits(a), bits(b));
}

/// Texts validation keeps as they are: ASCII and not, inner spaces, one at the length limit.
const CLEAN: &[&str] = &[
    "Shoes",
    "Acme",
    "red",
    "color",
    "size",
    "42",
    "Trail",
    "日本",
    "Ünïcödé",
    "größe",
    "a b",
    "🙂x",
    "x\u{3000}y",
    "Ω",
];
/// Texts validation trims or drops, or that are too long.
const MESSY: &[&str] = &[
    "",
    " ",
    " Shoes",
    "red ",
    "\u{3000}日本",
    "\u{a0}x",
    "x\t",
    "\n",
    "日本 ",
];

fn clean_text() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => prop::sample::select(CLEAN).prop_map(str::to_owned),
        1 => Just("é".repeat(100)),
    ]
}

fn messy_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => clean_text(),
        3 => prop::sample::select(MESSY).prop_map(str::to_owned),
        1 => Just("x".repeat(201)),
    ]
}

/// Prices, quantities and scores in range (a quantity of 0 or 2.5 is, and validation rounds
/// it); with `messy`, out of range too.
fn numbers(messy: bool) -> impl Strategy<Value = (Option<f64>, Option<f64>, Option<f64>)> {
    let mut price = vec![0.0, -0.0, 0.01, 59.5, 1e12];
    let mut quantity = vec![0.0, 0.4, 0.5, 1.0, 2.5, 7.0, 10_000.0];
    let mut score = vec![-1e300, -3.5, 0.0, 42.0, f64::MAX];
    if messy {
        price.extend([-1.0, 1e13, f64::NAN]);
        quantity.extend([-1.0, 10_001.0, f64::INFINITY]);
        score.extend([f64::NAN, f64::NEG_INFINITY]);
    }
    let pick = |l: Vec<f64>| prop::option::of(prop::sample::select(l));
    (pick(price), pick(quantity), pick(score))
}

/// One item as a page may describe it; with `messy` false, one that is valid as it stands
/// (its id is made unique by the batch).
fn item_input(messy: bool) -> impl Strategy<Value = ItemInput> {
    let text = move || {
        if messy {
            messy_text().boxed()
        } else {
            clean_text().boxed()
        }
    };
    let list = move |max: usize| prop::option::of(prop::collection::vec(text(), 0..=max));
    let facets = prop::collection::vec((text(), text()), 0..=6);
    (
        (prop::sample::select(CLEAN), prop::option::of(text())),
        (list(MAX_CATEGORY_DEPTH), prop::option::of(text())),
        (list(6), prop::option::of(facets), numbers(messy)),
    )
        .prop_map(
            move |((id, name), (category, brand), (tags, facets, (price, quantity, score)))| {
                let mut facets: Option<Vec<(String, String)>> = facets;
                if let (false, Some(f)) = (messy, facets.as_mut()) {
                    // One value per name, as a clean batch holds them.
                    let mut seen = Vec::new();
                    f.retain(|(k, _)| {
                        !seen.contains(k) && {
                            seen.push(k.clone());
                            true
                        }
                    });
                }
                ItemInput {
                    id: Some(IdText(id.to_owned())),
                    name,
                    category,
                    brand,
                    price,
                    quantity,
                    tags,
                    facets,
                    score,
                    ..ItemInput::default()
                }
            },
        )
}

/// Items with unique ids: the position is put before each id; when `messy`, one in five has
/// none and one in five has spaces around it.
fn unique(mut items: Vec<ItemInput>, messy: bool) -> Vec<ItemInput> {
    for (k, it) in items.iter_mut().enumerate() {
        let id = it.id.take().unwrap().0;
        let id = match (messy, k % 5) {
            (true, 4) => None,
            (true, 3) => Some(format!(" {k}-{id}\u{3000}")),
            _ => Some(format!("{k}-{id}")),
        };
        it.id = id.map(IdText);
    }
    items
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Batches that are valid as they stand, packed as the page packs them.
    #[test]
    fn clean_batches_give_what_validation_gave(
        items in prop::collection::vec(item_input(false), 0..12),
    ) {
        let items = unique(items, false);
        let batch = batch_of(&items);
        prop_assert!(batch.is_clean());
        for (i, input) in items.iter().enumerate() {
            let direct = batch.item(i);
            let again = batch.to_inputs().swap_remove(i).validate(at(i));
            assert_same(&direct, &again.unwrap());
            assert_same(&direct, &input.clone().validate(at(i)).unwrap());
        }
    }

    /// Any page input, validated item by item into a `BatchBuilder` (what `rank` does with a
    /// batch that is not clean).
    #[test]
    fn built_batches_give_what_validation_gave(
        items in prop::collection::vec(item_input(true), 0..12),
    ) {
        let items = unique(items, true);
        // Page input that happens to be clean is ranked as it stands.
        let raw = batch_of(&items);
        if raw.is_clean() {
            for (i, input) in items.iter().enumerate() {
                assert_same(&raw.item(i), &input.clone().validate(at(i)).unwrap());
            }
        }
        let mut kept = Vec::new();
        for (i, input) in items.into_iter().enumerate() {
            if let Ok(it) = input.validate(at(i)) {
                kept.push(it);
            }
        }
        let mut builder = BatchBuilder::default();
        kept.iter().for_each(|it| builder.add(it));
        let batch = builder.finish();
        prop_assert_eq!(batch.len(), kept.len());
        for (i, it) in kept.iter().enumerate() {
            assert_same(&batch.item(i), it);
            assert_same(&batch.item(i), &validated_again(&batch, i));
        }
    }
}

/// The generators reach what the properties are about: every limit, every text kind, rounded
/// quantities and items that validation drops.
#[test]
fn the_generators_cover_the_cases() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut rounded, mut limits, mut non_ascii, mut dropped) = (false, false, false, false);
    for _ in 0..2_000 {
        let tree = item_input(true).new_tree(&mut runner).unwrap();
        let input = tree.current();
        let q = input.quantity.unwrap_or(1.0);
        rounded |= q.fract() != 0.0 && (0.0..=1e4).contains(&q);
        limits |= input
            .category
            .as_ref()
            .is_some_and(|c| c.len() == MAX_CATEGORY_DEPTH);
        non_ascii |= input.brand.as_ref().is_some_and(|b| !b.is_ascii());
        dropped |= input.clone().validate(at(0)).is_err();
    }
    assert!(rounded && limits && non_ascii && dropped);
}
