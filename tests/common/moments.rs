//! Helpers for the shopping-moments scenario tests.
#![allow(dead_code)]

use super::*;
use shelfwise::core::moments::TriggerKind;
use shelfwise::core::{Config, Engine, EventInput, ItemInput};

/// One minute in milliseconds.
pub const MIN: f64 = 60_000.0;
/// One hour in milliseconds.
pub const HOUR: f64 = 60.0 * MIN;

/// An engine that has begun a page view at `T0`.
pub fn engine(config: Config) -> Engine {
    let mut e = Engine::new(&config, T0);
    e.begin_page_view(T0, 0.99);
    e
}

/// An event of `kind` about `items`.
pub fn items_event(kind: &str, items: Vec<ItemInput>) -> EventInput {
    EventInput {
        kind: Some(kind.into()),
        items: Some(items),
        ..EventInput::default()
    }
}

/// An item with a price.
pub fn priced(id: &str, category: &str, price: f64) -> ItemInput {
    ItemInput {
        price: Some(price),
        ..item(id, category, "acme")
    }
}

/// The segment names now.
pub fn names(e: &Engine, now: f64) -> Vec<&'static str> {
    e.segments(now).names
}

/// Every trigger kind.
pub fn all_kinds() -> Vec<TriggerKind> {
    vec![
        TriggerKind::CartReminder,
        TriggerKind::HesitationOffer,
        TriggerKind::CrossSell,
        TriggerKind::ContentSuggestion,
    ]
}
