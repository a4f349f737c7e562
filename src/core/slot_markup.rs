//! Recommendation slots as a shop's markup declares them (`data-sw-slot="picked-for-you"`):
//! which engine slot a kind names, which item a slot is about, and what to ask the engine for.
//! Pure rules, used by the script-tag auto mode in `src/web/auto`.

use super::engine::Engine;
use super::recommend::options::{MAX_COUNT, SLOT_NAMES};
use super::recommend::{ReasonKind, RecommendOptions, Recommendation, Slot};

/// Slot kinds as markup writes them, with the engine slot each fills, in [`SLOT_NAMES`] order.
pub const SLOT_KINDS: [(&str, Slot); 6] = [
    ("recently-viewed", Slot::RecentlyViewed),
    ("related", Slot::Related),
    ("bought-together", Slot::BoughtTogether),
    ("picked-for-you", Slot::PickedForYou),
    ("top-sellers", Slot::TopSellers),
    ("because-you-viewed", Slot::BecauseYouViewed),
];

/// A kind the shop fills itself with `auto.fillSlot` starts with this (`shop-new-arrivals`):
/// no engine slot's kind or name does, nor ever will, so auto mode leaves such a slot to the
/// shop without the "not a slot kind" warning a typo (`related-items`) gets.
pub const OWN_KIND_PREFIX: &str = "shop-";

/// How many more ids than a slot shows are asked for, so that ids the page cannot show (no
/// display data) are skipped without leaving the slot short.
pub const SPARE_FACTOR: usize = 3;

/// Most extra rounds a slot asks the engine past ids the page cannot show (each round leaves
/// out at least `MAX_COUNT - limit` more: hundreds of ids deep in all).
pub const MAX_ROUNDS: usize = 8;

/// The engine slot for a markup kind (`"bought-together"` → [`Slot::BoughtTogether`]), or for
/// the engine's own name of it (`"boughtTogether"`), which a developer reading the `recommend`
/// API writes as readily.
pub fn slot_of_kind(kind: &str) -> Option<Slot> {
    SLOT_KINDS
        .iter()
        .zip(SLOT_NAMES)
        .find(|((k, _), name)| *k == kind || *name == kind)
        .map(|((_, s), _)| *s)
}

/// What one slot element asks for.
#[derive(Debug, Clone, Default)]
pub struct SlotMarkup<'a> {
    /// Items the slot shows (already clamped by the caller).
    pub limit: usize,
    /// The product this page is about, if any: never recommended on its own page, and the item
    /// `related` and `bought-together` are about unless the slot names one.
    pub page_item: Option<&'a str>,
    /// The item the slot names with `data-sw-item` (the cart's latest item, say).
    pub item: Option<&'a str>,
}

/// The item "because you viewed X" is about: the most recently viewed item other than the
/// page's own that has cached neighbour lists and that the page can name (`can_name`).
pub fn because_anchor<'e>(
    engine: &'e Engine,
    page_item: Option<&str>,
    can_name: impl Fn(&str) -> bool,
) -> Option<&'e str> {
    engine
        .profile()
        .viewed
        .iter()
        .map(String::as_str)
        .filter(|id| Some(*id) != page_item)
        .find(|id| {
            engine
                .profile()
                .neighbours
                .get(id)
                .is_some_and(|e| !e.related().is_empty() || !e.bought().is_empty())
                && can_name(id)
        })
}

/// Fills one markup slot: asks the engine for [`SPARE_FACTOR`] times the slot's limit, with
/// the page's own product and the items in the shopper's cart excluded, and asks again past
/// the ids the page cannot show (`can_name`) while fewer than the limit remain. `recently-viewed` keeps only the shopper's own views (no
/// popularity fill-ins under that title). `None` for `because-you-viewed` when no viewed item
/// qualifies as X (see [`because_anchor`]).
pub fn recommend_for(
    engine: &Engine,
    slot: Slot,
    markup: &SlotMarkup<'_>,
    can_name: impl Fn(&str) -> bool,
) -> Option<Vec<Recommendation>> {
    let mut options = RecommendOptions::new(
        slot,
        markup.limit.saturating_mul(SPARE_FACTOR).min(MAX_COUNT),
    );
    if let Some(page_item) = markup.page_item {
        options.exclude.push(page_item.to_owned());
    }
    if slot != Slot::RecentlyViewed {
        // What is already in the cart is not suggested again.
        for id in &engine.profile().cart {
            options.exclude.push(id.clone());
        }
    }
    options.item = match slot {
        Slot::Related | Slot::BoughtTogether => markup.item.or(markup.page_item),
        Slot::BecauseYouViewed => Some(
            markup
                .item
                .or_else(|| because_anchor(engine, markup.page_item, &can_name))?,
        ),
        _ => None,
    }
    .map(str::to_owned);
    // Ids the page cannot show are left out and asked past, until the slot has enough it can
    // show, the engine runs out, or [`MAX_ROUNDS`] more rounds (each asks for the most ids).
    let mut rounds = 0;
    let mut out = loop {
        let out = engine.recommend(&options);
        let before = options.exclude.len();
        for r in &out {
            if !can_name(&r.id) {
                options.exclude.push(r.id.clone());
            }
        }
        let hidden = options.exclude.len() - before;
        if hidden == 0
            || out.len() - hidden >= markup.limit
            || out.len() < options.count
            || rounds == MAX_ROUNDS
        {
            break out;
        }
        rounds += 1;
        options.count = MAX_COUNT;
    };
    if slot == Slot::RecentlyViewed {
        out.retain(|r| r.reason.kind == ReasonKind::RecentlyViewed);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pack::{ItemDataInput, PopularityInput};
    use crate::core::{Config, EventInput, ItemInput};

    #[test]
    fn no_engine_kind_or_name_is_one_of_the_shops_own() {
        for (kind, _) in SLOT_KINDS {
            assert!(!kind.starts_with(OWN_KIND_PREFIX), "{kind}");
        }
        for name in SLOT_NAMES {
            assert!(!name.starts_with(OWN_KIND_PREFIX), "{name}");
            assert_eq!(slot_of_kind(&[OWN_KIND_PREFIX, name].concat()), None);
        }
    }

    fn view(e: &mut Engine, id: &str, at: f64) {
        let input = EventInput {
            kind: Some("view_item".into()),
            items: Some(vec![ItemInput {
                id: Some(id.into()),
                ..ItemInput::default()
            }]),
            ..EventInput::default()
        };
        e.track(input, at).unwrap();
    }

    fn markup(limit: usize, page_item: &str) -> SlotMarkup<'_> {
        SlotMarkup {
            limit,
            page_item: Some(page_item),
            item: None,
        }
    }

    fn engine() -> Engine {
        let mut e = Engine::new(&Config::default(), 1e12);
        let pop = |ids: &[&str]| Some(ids.iter().map(|i| ((*i).into(), 10.0)).collect::<Vec<_>>());
        e.set_popularity(PopularityInput {
            overall: pop(&["p1", "p2", "p3", "p4", "p5", "p6"]),
            categories: None,
            blend: None,
        })
        .unwrap();
        for (id, n) in [("a", "na"), ("b", "nb")] {
            e.add_item_data(
                id,
                ItemDataInput {
                    related: Some(vec![(n.into(), 500.0)]),
                    bought_together: None,
                },
            )
            .unwrap();
        }
        view(&mut e, "a", 1e12);
        view(&mut e, "b", 1e12 + 1000.0);
        view(&mut e, "c", 1e12 + 2000.0);
        e
    }

    #[test]
    fn kinds_map_to_slots() {
        assert_eq!(
            slot_of_kind("because-you-viewed"),
            Some(Slot::BecauseYouViewed)
        );
        assert_eq!(slot_of_kind("recently-viewed"), Some(Slot::RecentlyViewed));
        assert_eq!(slot_of_kind("recentlyViewed"), Some(Slot::RecentlyViewed));
        assert_eq!(slot_of_kind("pickedForYou"), Some(Slot::PickedForYou));
        assert_eq!(slot_of_kind("related-items"), None);
        assert_eq!(slot_of_kind("recently_viewed"), None);
    }

    #[test]
    fn page_item_is_the_anchor_and_never_shown() {
        let e = engine();
        let m = markup(2, "b");
        let related = recommend_for(&e, Slot::Related, &m, |_| true).unwrap();
        assert_eq!(related.first().map(|r| r.id.as_str()), Some("nb"));
        assert_eq!(
            related.len(),
            6,
            "asked for spare ids, filled from popularity"
        );
        let picked = recommend_for(&e, Slot::PickedForYou, &m, |_| true).unwrap();
        assert!(picked.iter().all(|r| r.id != "b"));
        let mut ids: Vec<&str> = picked.iter().map(|r| r.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), picked.len());
    }

    #[test]
    fn because_you_viewed_names_a_nameable_past_item_other_than_the_page() {
        let e = engine();
        let m = markup(2, "b");
        let out = recommend_for(&e, Slot::BecauseYouViewed, &m, |_| true).unwrap();
        assert!(out.iter().all(|r| r.reason.item.as_deref() == Some("a")));
        assert_eq!(out.first().map(|r| r.id.as_str()), Some("na"));
        assert!(recommend_for(&e, Slot::BecauseYouViewed, &m, |id| id != "a").is_none());
        assert_eq!(because_anchor(&e, None, |_| true), Some("b"));
    }

    #[test]
    fn cart_items_are_not_suggested() {
        let mut e = engine();
        let add = EventInput {
            kind: Some("add_to_cart".into()),
            items: Some(vec![ItemInput {
                id: Some("nb".into()),
                ..ItemInput::default()
            }]),
            ..EventInput::default()
        };
        e.track(add, 1e12 + 3000.0).unwrap();
        let m = SlotMarkup {
            limit: 2,
            page_item: None,
            item: Some("b"),
        };
        for slot in [Slot::Related, Slot::BoughtTogether, Slot::PickedForYou] {
            let out = recommend_for(&e, slot, &m, |_| true).unwrap();
            assert!(out.iter().all(|r| r.id != "nb"), "{slot:?}");
            assert_eq!(out.len(), 6, "{slot:?}");
        }
    }

    #[test]
    fn recently_viewed_has_no_popularity_fill_ins() {
        let e = engine();
        let m = markup(8, "c");
        let out = recommend_for(&e, Slot::RecentlyViewed, &m, |_| true).unwrap();
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
    }
}
