//! Ranking items held as an `ItemBatch` (each distinct text once, as `rank` reads them from the
//! page) gives exactly what ranking the same items one by one gives: the same order, the same
//! personal scores to the last bit, the same explanations and the same errors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use shelfwise::core::engine::validate_items;
use shelfwise::core::id::IdText;
use shelfwise::core::rank::{self, RankOptions, ScoreTable};
use shelfwise::core::time::minutes_from_ms;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, RankOptionsInput};

use common::batch::batch_of;
use common::T0 as NOW;

fn item(i: usize) -> ItemInput {
    let tops = ["Shoes", "Bags", "Hats", "Red"];
    let top = tops[i % tops.len()];
    let mut category = vec![top.to_owned(), format!("{top} {}", i % 3)];
    if i % 4 == 1 {
        // The same text as a top level, as a second level under another parent, and as a
        // third level: the memo keeps one context per text, the others are looked up.
        category = vec!["Sale".into(), top.to_owned(), "Trail".into()];
    }
    if i % 7 == 0 {
        category.truncate(1);
    }
    ItemInput {
        id: Some(IdText(format!("sku-{i}"))),
        name: (i % 5 != 0).then(|| format!("{top} trail runner {i} RED red shoes")),
        category: Some(category),
        // A brand that is also a tag, and tags that are also category names.
        brand: Some(["Acme", "trail", "Shoes"][i % 3].to_owned()),
        price: (i % 6 != 0).then_some(5.0 + i as f64 * 3.7),
        tags: Some(
            ["waterproof", "Trail", "Acme", "red"]
                .iter()
                .take(i % 5)
                .map(|s| s.to_string())
                .collect(),
        ),
        // The same value under two facet names.
        facets: Some(vec![
            ("color".into(), ["red", "blue"][i % 2].into()),
            ("trim".into(), "red".into()),
        ]),
        score: None,
        ..ItemInput::default()
    }
}

/// A shopper who viewed a bit of everything and searched.
fn trained() -> Engine {
    let mut e = Engine::new(&Config::default(), NOW);
    for i in 0..24 {
        let kind = if i % 3 == 0 {
            "add_to_cart"
        } else {
            "view_item"
        };
        let event = EventInput {
            kind: Some(kind.into()),
            item: (kind == "view_item").then(|| item(i * 5)),
            items: (kind != "view_item").then(|| vec![item(i * 5 + 1)]),
            ..EventInput::default()
        };
        e.track(event, NOW).unwrap();
    }
    let search = EventInput {
        kind: Some("search".into()),
        query: Some("red trail shoes".into()),
        ..EventInput::default()
    };
    e.track(search, NOW).unwrap();
    e
}

#[test]
fn batch_scores_equal_item_scores_to_the_bit() {
    let e = trained();
    let items: Vec<ItemInput> = (0..60).map(item).collect();
    let batch = batch_of(&items);
    assert!(batch.is_clean());
    assert!(
        batch.text_count() < 60 * 8,
        "repeated texts are held once: {}",
        batch.text_count()
    );
    let validated = validate_items(items).unwrap();
    let config = Config::default();
    let table = ScoreTable::new(e.profile(), &config, minutes_from_ms(NOW));
    let demote = RankOptions {
        demote_purchased: true,
        ..RankOptions::default()
    };
    for options in [RankOptions::default(), demote] {
        let one_by_one = rank::rank_with(&table, e.profile(), &config, &validated, &options);
        let batched = rank::rank_batch(&table, e.profile(), &config, &batch, &options);
        assert!(one_by_one.personalized);
        assert_eq!(one_by_one, batched);
    }
    for (i, it) in validated.iter().enumerate() {
        assert_eq!(&batch.item(i), it);
    }
}

#[test]
fn engine_answers_alike_for_a_batch_and_for_items() {
    let options = || RankOptionsInput {
        diversity: Some(shelfwise::core::rank::DiversityInput {
            by: Some("brand".into()),
            max_per_group: Some(1.0),
            top_k: Some(5.0),
        }),
        ..RankOptionsInput::default()
    };
    let items: Vec<ItemInput> = (0..40).map(item).collect();
    for opts in [RankOptionsInput::default(), options()] {
        let mut a = trained();
        let mut b = trained();
        let ids = a.rank(items.clone(), opts.clone(), NOW).unwrap();
        let order = b.rank_batch(batch_of(&items), opts, NOW).unwrap();
        assert_eq!(b.ranked_ids(&order), ids);
        for id in &ids {
            assert_eq!(a.explain(id), b.explain(id), "{id}");
        }
    }
}

#[test]
fn items_to_trim_or_drop_are_validated_first() {
    let mut odd = vec![item(0), item(1), item(2)];
    odd[0].id = Some(IdText(" sku-0 ".into()));
    odd[1].name = Some(String::new());
    odd[1].tags = Some(vec!["".into(), " Trail".into()]);
    odd[2].facets = Some(vec![
        ("color".into(), "red".into()),
        ("color ".into(), "x".into()),
    ]);
    odd[2].quantity = Some(2.4);
    let batch = batch_of(&odd);
    assert!(!batch.is_clean());
    let mut a = trained();
    let mut b = trained();
    let ids = a
        .rank(odd.clone(), RankOptionsInput::default(), NOW)
        .unwrap();
    let order = b
        .rank_batch(batch, RankOptionsInput::default(), NOW)
        .unwrap();
    assert_eq!(b.ranked_ids(&order), ids);
    assert!(ids.contains(&"sku-0".to_owned()), "the id is trimmed");
    for id in &ids {
        assert_eq!(a.explain(id), b.explain(id), "{id}");
    }
}

#[test]
fn invalid_batches_fail_with_the_same_error() {
    type Spoil = Box<dyn Fn(&mut Vec<ItemInput>)>;
    let cases: Vec<Spoil> = vec![
        Box::new(|l| l[1].price = Some(f64::NAN)),
        Box::new(|l| l[2].id = None),
        Box::new(|l| l[2].id = Some(IdText("  ".into()))),
        Box::new(|l| l[1].id = l[0].id.clone()),
        Box::new(|l| l[0].brand = Some("b".repeat(201))),
        Box::new(|l| l[1].tags = Some(vec!["ok".into(), "t".repeat(201)])),
        Box::new(|l| l[1].facets = Some(vec![("n".repeat(201), "v".into())])),
        Box::new(|l| l[0].quantity = Some(1e9)),
        Box::new(|l| l[2].score = Some(f64::INFINITY)),
        Box::new(|l| l[0].category = Some(vec!["c".into(); 9])),
    ];
    for (k, spoil) in cases.iter().enumerate() {
        let mut items: Vec<ItemInput> = (0..3).map(item).collect();
        spoil(&mut items);
        let batch = batch_of(&items);
        assert!(!batch.is_clean(), "case {k}");
        let a = trained()
            .rank_order(items, RankOptionsInput::default(), NOW)
            .unwrap_err();
        let b = trained()
            .rank_batch(batch, RankOptionsInput::default(), NOW)
            .unwrap_err();
        assert_eq!(
            (a.kind, a.field, a.message),
            (b.kind, b.field, b.message),
            "case {k}"
        );
    }
}

#[test]
fn explanations_list_what_the_score_table_adds_up() {
    let e = trained();
    let config = Config::default();
    let table = ScoreTable::new(e.profile(), &config, minutes_from_ms(NOW));
    let items = validate_items((0..40).map(item).collect()).unwrap();
    let ranked = rank::rank_with(
        &table,
        e.profile(),
        &config,
        &items,
        &RankOptions::default(),
    );
    let mut with_search_terms = 0;
    for (i, it) in items.iter().enumerate() {
        let mut added: Vec<(String, f64)> = Vec::new();
        table.for_each_contribution(it, &config, &mut String::new(), |k, p| {
            added.push((k.to_owned(), (p * 1000.0).round() / 1000.0))
        });
        // Largest first; equal points keep their order.
        added.sort_by(|a, b| b.1.total_cmp(&a.1));
        let why = rank::explain(&ranked, it, i, &table, &config).unwrap();
        let shown: Vec<(String, f64)> = why
            .contributions
            .iter()
            .map(|c| (c.key.clone(), c.points))
            .collect();
        assert_eq!(shown, added, "{}", it.id);
        with_search_terms += usize::from(added.iter().any(|(k, _)| k.starts_with("q:")));
    }
    assert!(with_search_terms > 10, "{with_search_terms}");
}
