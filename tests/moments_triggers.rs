//! Shopping moments: trigger eligibility, frequency caps, one trigger per page view, and the
//! holdout arm.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::moments::*;
use common::*;
use shelfwise::core::moments::{Arm, Occasion, TriggerKind};
use shelfwise::core::{Config, Engine};

#[test]
fn cart_reminder_on_return_capped_per_visit_and_by_gap() {
    let mut config = Config::default();
    config.moments.triggers.cart_reminder.min_gap_minutes = 180;
    let mut e = engine(config);
    let page = Occasion {
        allowed: all_kinds(),
        ..Occasion::default()
    };
    e.track(
        items_event(
            "add_to_cart",
            vec![item("a", "Bags", "zeta"), item("b", "Bags", "zeta")],
        ),
        T0,
    )
    .unwrap();
    assert_eq!(
        e.trigger(&page, T0),
        None,
        "nothing left from a previous visit"
    );
    let t1 = T0 + HOUR;
    e.begin_page_view(t1, 0.5);
    let t = e.trigger(&page, t1).unwrap();
    assert_eq!(t.kind, TriggerKind::CartReminder);
    assert_eq!(t.items, vec!["b", "a"]);
    assert_eq!(e.trigger(&page, t1), None, "one per page view");
    e.begin_page_view(t1 + MIN, 0.5);
    assert_eq!(e.trigger(&page, t1 + MIN), None, "one per visit");
    // A new visit 61 minutes later is within the 180-minute gap; 4 hours later it is not.
    e.begin_page_view(t1 + 61.0 * MIN, 0.5);
    assert_eq!(e.trigger(&page, t1 + 61.0 * MIN), None, "gap cap");
    e.begin_page_view(t1 + 4.0 * HOUR, 0.5);
    assert_eq!(
        e.trigger(&page, t1 + 4.0 * HOUR).unwrap().kind,
        TriggerKind::CartReminder
    );
}

#[test]
fn hesitation_offer_after_n_views_when_the_shop_has_an_offer() {
    let mut e = engine(Config::default());
    let mut occasion = Occasion {
        allowed: all_kinds(),
        offers: vec![("Hats".into(), "10% off hats: HAT10".into())],
        ..Occasion::default()
    };
    for i in 0..3 {
        e.track(
            event("view_item", item(&format!("s{i}"), "Shoes", "acme")),
            T0,
        )
        .unwrap();
    }
    assert_eq!(e.trigger(&occasion, T0), None, "no offer for shoes");
    occasion
        .offers
        .push(("shoes".into(), "Free running socks".into()));
    let t = e.trigger(&occasion, T0).unwrap();
    assert_eq!(t.kind, TriggerKind::HesitationOffer);
    assert_eq!(t.category.as_deref(), Some("shoes"));
    assert_eq!(t.offer.as_deref(), Some("Free running socks"));
}

#[test]
fn cross_sell_only_after_add_to_cart_and_without_what_is_owned() {
    let mut e = engine(Config::default());
    e.track(
        items_event("purchase", vec![item("owned", "Tea", "nova")]),
        T0,
    )
    .unwrap();
    e.track(
        items_event("add_to_cart", vec![item("pot", "Tea", "nova")]),
        T0,
    )
    .unwrap();
    let mut occasion = Occasion {
        allowed: all_kinds(),
        cross_sell: vec!["owned".into(), "pot".into(), "cup".into(), "filter".into()],
        ..Occasion::default()
    };
    assert_eq!(
        e.trigger(&occasion, T0),
        None,
        "no add-to-cart at this moment"
    );
    occasion.added = vec!["pot".into()];
    let t = e.trigger(&occasion, T0).unwrap();
    assert_eq!(t.kind, TriggerKind::CrossSell);
    assert_eq!(t.items, vec!["cup", "filter"]);
    // Cap: 3 per visit, one per page view.
    for k in 1..=3 {
        e.begin_page_view(T0 + k as f64 * MIN, 0.5);
        let shown = e.trigger(&occasion, T0 + k as f64 * MIN).is_some();
        assert_eq!(shown, k < 3, "page {k}");
    }
}

#[test]
fn content_suggestion_matches_tags_to_interests() {
    let mut e = engine(Config::default());
    let occasion = Occasion {
        allowed: vec![TriggerKind::ContentSuggestion],
        content: vec![
            ("guide-knit".into(), vec!["wool".into()]),
            ("guide-run".into(), vec!["trail".into(), "Running".into()]),
        ],
        ..Occasion::default()
    };
    assert_eq!(e.trigger(&occasion, T0), None, "no interests yet");
    let mut shoe = item("s1", "Shoes", "acme");
    shoe.tags = Some(vec!["running".into()]);
    e.track(event("view_item", shoe), T0).unwrap();
    let t = e.trigger(&occasion, T0).unwrap();
    assert_eq!(t.kind, TriggerKind::ContentSuggestion);
    assert_eq!(t.offer.as_deref(), Some("guide-run"));
    assert_eq!(t.category.as_deref(), Some("running"));
}

/// An engine with `config` whose shopper added a bag to the cart at [`T0`] and began a new
/// visit an hour later (a cart reminder is due), and a page with a template for every kind.
fn back_an_hour_after_adding_to_cart(config: Config) -> (Engine, Occasion) {
    let mut e = engine(config);
    e.track(
        items_event("add_to_cart", vec![item("a", "Bags", "zeta")]),
        T0,
    )
    .unwrap();
    e.begin_page_view(T0 + HOUR, 0.5);
    let page = Occasion {
        allowed: all_kinds(),
        ..Occasion::default()
    };
    (e, page)
}

#[test]
fn a_zero_cap_turns_a_trigger_off_and_missing_templates_skip_it() {
    let mut config = Config::default();
    config.moments.triggers.cart_reminder.max_per_visit = 0;
    let (mut e, page) = back_an_hour_after_adding_to_cart(config);
    assert_eq!(e.trigger(&page, T0 + HOUR), None);
    let (mut e, _) = back_an_hour_after_adding_to_cart(Config::default());
    let no_template = Occasion {
        allowed: vec![TriggerKind::HesitationOffer],
        ..Occasion::default()
    };
    assert_eq!(e.trigger(&no_template, T0 + HOUR), None);
}

#[test]
fn caps_survive_a_stored_round_trip() {
    let (mut e, page) = back_an_hour_after_adding_to_cart(Config::default());
    assert!(e.trigger(&page, T0 + HOUR).is_some());
    let stored: shelfwise::core::Profile =
        serde_json::from_str(&serde_json::to_string(e.profile()).unwrap()).unwrap();
    let mut next = Engine::new(&Config::default(), T0 + HOUR + MIN);
    assert!(!next.restore(stored, T0 + HOUR + MIN).unwrap());
    next.begin_page_view(T0 + HOUR + MIN, 0.5);
    assert_eq!(
        next.trigger(&page, T0 + HOUR + MIN),
        None,
        "cap read back from storage"
    );
}

#[test]
fn holdout_sees_server_order_no_triggers_no_segments_and_keeps_its_draw() {
    let mut config = Config::default();
    config.moments.holdout_share = 0.1;
    let mut held = Engine::new(&config, T0);
    held.begin_page_view(T0, 0.05);
    let mut treated = Engine::new(&config, T0);
    treated.begin_page_view(T0, 0.5);
    assert_eq!(held.arm(), Arm::Holdout);
    assert_eq!(treated.arm(), Arm::Treatment);
    for e in [&mut held, &mut treated] {
        for i in 0..5 {
            e.track(
                event("view_item", item(&format!("h{i}"), "Hats", "nova")),
                T0,
            )
            .unwrap();
        }
    }
    let server: Vec<String> = grid(8).iter().map(|i| i.id.clone().unwrap().0).collect();
    let opts = shelfwise::core::RankOptionsInput::default();
    assert_eq!(held.rank(grid(8), opts.clone(), T0).unwrap(), server);
    assert_ne!(treated.rank(grid(8), opts, T0).unwrap(), server);
    assert!(held.segments(T0).names.is_empty());
    let occasion = Occasion {
        allowed: all_kinds(),
        offers: vec![("hats".into(), "offer".into())],
        ..Occasion::default()
    };
    assert!(held.trigger(&occasion, T0).is_none());
    assert!(treated.trigger(&occasion, T0).is_some());
    // The draw is kept: another draw later does not move the browser, nor does reset().
    held.begin_page_view(T0 + DAY, 0.9);
    held.reset(T0 + DAY);
    held.begin_page_view(T0 + DAY, 0.9);
    assert_eq!(held.arm(), Arm::Holdout);
}

#[test]
fn welcome_back_lists_where_a_returning_shopper_left_off() {
    let mut e = engine(Config::default());
    for id in ["a", "b", "c"] {
        e.track(event("view_item", item(id, "Hats", "nova")), T0)
            .unwrap();
    }
    e.track(items_event("purchase", vec![item("b", "Hats", "nova")]), T0)
        .unwrap();
    assert!(e.welcome_back(4).is_empty(), "first visit");
    e.begin_page_view(T0 + DAY, 0.5);
    assert_eq!(
        e.welcome_back(4),
        vec!["c", "a"],
        "newest first, bought ones left out"
    );
    assert_eq!(e.welcome_back(1), vec!["c"]);
}

#[test]
fn a_page_view_alone_writes_nothing_unless_a_holdout_needs_the_draw() {
    let mut e = Engine::new(&Config::default(), T0);
    e.begin_page_view(T0, 0.3);
    assert!(!e.is_dirty(), "a visitor who did nothing is not stored");
    let mut config = Config::default();
    config.moments.holdout_share = 0.1;
    let mut e = Engine::new(&config, T0);
    e.begin_page_view(T0, 0.3);
    assert!(e.is_dirty(), "the arm must stay stable across page loads");
    let mut e = engine(Config::default());
    e.track(event("view_item", item("a", "Hats", "nova")), T0)
        .unwrap();
    e.mark_saved();
    e.begin_page_view(T0 + DAY, 0.3);
    assert!(e.is_dirty(), "a new visit of a known shopper is counted");
}

#[test]
fn cross_sell_falls_back_to_frequently_bought_together_from_the_pack() {
    use shelfwise::core::id::IdText;
    use shelfwise::core::pack::ItemDataInput;
    let mut e = engine(Config::default());
    e.track(event("view_item", item("pot", "Tea", "nova")), T0)
        .unwrap();
    e.add_item_data(
        "pot",
        ItemDataInput {
            related: None,
            bought_together: Some(vec![
                (IdText("cup".into()), 9.0),
                (IdText("filter".into()), 4.0),
            ]),
        },
    )
    .unwrap();
    e.track(
        items_event("add_to_cart", vec![item("pot", "Tea", "nova")]),
        T0,
    )
    .unwrap();
    let occasion = Occasion {
        allowed: all_kinds(),
        added: vec!["pot".into()],
        ..Occasion::default()
    };
    let t = e.trigger(&occasion, T0).unwrap();
    assert_eq!(t.kind, TriggerKind::CrossSell);
    assert_eq!(t.items, vec!["cup", "filter"]);
}
