//! Property: whatever the shopper does and whenever pages load, no trigger shows more often
//! than its cap allows in a visit, never twice on one page view, and nothing panics.
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
use shelfwise::core::moments::{Occasion, TriggerKind};
use shelfwise::core::{Config, Engine, EventInput};

#[derive(Debug, Clone)]
enum Step {
    View(u8),
    Add(u8),
    Buy(u8),
    /// A new page after this many minutes.
    Page(u16),
    Trigger,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u8..6).prop_map(Step::View),
        (0u8..6).prop_map(Step::Add),
        (0u8..6).prop_map(Step::Buy),
        (0u16..600).prop_map(Step::Page),
        Just(Step::Trigger),
    ]
}

fn product(i: u8) -> shelfwise::core::ItemInput {
    let mut it = item(
        &format!("p{i}"),
        ["Shoes", "Hats", "Bags"][usize::from(i % 3)],
        "acme",
    );
    it.tags = Some(vec![["trail", "wool"][usize::from(i % 2)].into()]);
    it
}

fn items(kind: &str, i: u8) -> EventInput {
    EventInput {
        kind: Some(kind.into()),
        items: Some(vec![product(i)]),
        ..EventInput::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn caps_and_one_per_page_hold(steps in prop::collection::vec(step(), 1..80), per_visit in 0u32..3) {
        let mut config = Config::default();
        config.moments.triggers.cart_reminder.max_per_visit = per_visit;
        config.moments.triggers.cart_reminder.min_gap_minutes = 0;
        config.moments.triggers.hesitation_offer.max_per_visit = per_visit;
        config.moments.triggers.hesitation_offer.min_gap_minutes = 0;
        config.moments.triggers.cross_sell.max_per_visit = per_visit;
        config.moments.triggers.content_suggestion.max_per_visit = per_visit;
        config.moments.triggers.content_suggestion.min_gap_minutes = 0;
        let mut now = T0;
        let mut e = Engine::new(&config, now);
        e.begin_page_view(now, 0.5);
        let occasion = |added: Vec<String>| Occasion {
            allowed: vec![TriggerKind::CartReminder, TriggerKind::HesitationOffer, TriggerKind::CrossSell, TriggerKind::ContentSuggestion],
            added,
            cross_sell: (0..6).map(|i| format!("p{i}")).collect(),
            offers: vec![("shoes".into(), "o".into()), ("hats".into(), "o".into()), ("bags".into(), "o".into())],
            content: vec![("g1".into(), vec!["trail".into()]), ("g2".into(), vec!["wool".into()])],
        };
        let mut on_page = 0;
        let mut per_kind_in_visit = [0u32; 4];
        let mut visit = e.profile().visits;
        for s in steps {
            let mut added = Vec::new();
            match s {
                Step::View(i) => e.track(event("view_item", product(i)), now).unwrap(),
                Step::Add(i) => {
                    e.track(items("add_to_cart", i), now).unwrap();
                    added.push(format!("p{i}"));
                }
                Step::Buy(i) => e.track(items("purchase", i), now).unwrap(),
                Step::Page(m) => {
                    now += f64::from(m) * 60_000.0;
                    e.begin_page_view(now, 0.5);
                    on_page = 0;
                }
                Step::Trigger => {}
            }
            if e.profile().visits != visit {
                visit = e.profile().visits;
                per_kind_in_visit = [0; 4];
            }
            if let Some(t) = e.trigger(&occasion(added), now) {
                on_page += 1;
                per_kind_in_visit[t.kind as usize] += 1;
                prop_assert!(on_page <= 1, "two triggers on one page view");
                prop_assert!(per_kind_in_visit[t.kind as usize] <= per_visit, "{:?} over its cap", t.kind);
                prop_assert!(!t.items.is_empty() || t.offer.is_some());
            }
            let _ = e.segments(now);
        }
    }
}
