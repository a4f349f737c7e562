//! Which slot to fill and how: validated from what the page passes.

use super::slots::Blend;
use crate::core::error::{CoreError, ErrorKind};
use crate::core::id::IdText;
use crate::core::item::{check_str, too_many};
use crate::core::limits::MAX_STRING_BYTES;

/// Largest number of items one slot returns.
pub const MAX_COUNT: usize = 100;
/// Items returned when `count` is absent.
pub const DEFAULT_COUNT: usize = 10;
/// Most ids in `exclude`.
pub const MAX_EXCLUDE: usize = 200;

/// A recommendation slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// `recentlyViewed`: the shopper's own recent views, newest first.
    RecentlyViewed,
    /// `related`: items viewed together with `item` (default: the latest viewed).
    Related,
    /// `boughtTogether`: items bought together with `item` (default: the latest viewed).
    BoughtTogether,
    /// `pickedForYou`: the current session and the long-term history combined.
    PickedForYou,
    /// `topSellers`: best sellers in the shopper's strongest categories.
    TopSellers,
    /// `becauseYouViewed`: neighbours of one viewed item X, named in every reason.
    BecauseYouViewed,
}

/// Slot names as the page writes them, in [`Slot`] order.
pub const SLOT_NAMES: [&str; 6] = [
    "recentlyViewed",
    "related",
    "boughtTogether",
    "pickedForYou",
    "topSellers",
    "becauseYouViewed",
];

const SLOTS: [Slot; 6] = [
    Slot::RecentlyViewed,
    Slot::Related,
    Slot::BoughtTogether,
    Slot::PickedForYou,
    Slot::TopSellers,
    Slot::BecauseYouViewed,
];

/// Options as received from the page.
#[derive(Debug, Clone, Default)]
pub struct RecommendOptionsInput {
    /// How many items, a whole number in 1..=100; default 10.
    pub count: Option<f64>,
    /// The anchor item for `related`, `boughtTogether` and `becauseYouViewed`.
    pub item: Option<IdText>,
    /// Ids never to return (the items already on the page, the cart…).
    pub exclude: Option<Vec<IdText>>,
    /// Leave out items the shopper already viewed. Default false, except for `related`,
    /// `boughtTogether` and `becauseYouViewed`, where it defaults to true.
    pub exclude_seen: Option<bool>,
}

/// Validated options.
#[derive(Debug, Clone, PartialEq)]
pub struct RecommendOptions {
    /// The slot.
    pub slot: Slot,
    /// How many items to return.
    pub count: usize,
    /// The anchor item, if given.
    pub item: Option<String>,
    /// Ids never to return.
    pub exclude: Vec<String>,
    /// Whether viewed items are left out.
    pub exclude_seen: bool,
    /// How `pickedForYou` blends its signals, overriding the blend the shop's popularity data
    /// carries (not exposed to pages; the offline tools try blends with it). `None`: the
    /// popularity data's blend (the defaults when it has none).
    pub blend: Option<Blend>,
}

impl RecommendOptions {
    /// Options for `slot` with defaults otherwise.
    pub fn new(slot: Slot, count: usize) -> RecommendOptions {
        RecommendOptions {
            slot,
            count: count.clamp(1, MAX_COUNT),
            item: None,
            exclude: Vec::new(),
            exclude_seen: matches!(
                slot,
                Slot::Related | Slot::BoughtTogether | Slot::BecauseYouViewed
            ),
            blend: None,
        }
    }
}

/// The slot named `name`.
pub fn slot_named(name: &str) -> Result<Slot, CoreError> {
    SLOT_NAMES
        .iter()
        .zip(SLOTS)
        .find(|(n, _)| **n == name)
        .map(|(_, s)| s)
        .ok_or_else(|| {
            CoreError::new(
                ErrorKind::Invalid,
                "slot",
                "must be one of recentlyViewed, related, boughtTogether, pickedForYou, \
                 topSellers, becauseYouViewed",
            )
        })
}

impl RecommendOptionsInput {
    /// Validates these options for the slot named `slot`.
    pub fn validate(self, slot: &str) -> Result<RecommendOptions, CoreError> {
        let mut out = RecommendOptions::new(slot_named(slot)?, DEFAULT_COUNT);
        if let Some(c) = self.count {
            if !c.is_finite() || c.fract() != 0.0 || !(1.0..=MAX_COUNT as f64).contains(&c) {
                return Err(CoreError::new(
                    ErrorKind::Invalid,
                    "count",
                    "must be a whole number from 1 to 100",
                ));
            }
            out.count = c as usize;
        }
        if let Some(id) = self.item {
            let id = check_str(&id.0, MAX_STRING_BYTES, &|| "item".into())?;
            out.item = (!id.is_empty()).then_some(id);
        }
        let exclude = self.exclude.unwrap_or_default();
        if exclude.len() > MAX_EXCLUDE {
            return Err(too_many("exclude".into(), exclude.len(), MAX_EXCLUDE));
        }
        for (i, id) in exclude.into_iter().enumerate() {
            out.exclude.push(check_str(&id.0, MAX_STRING_BYTES, &|| {
                crate::core::text::concat(&["exclude[", &crate::core::text::count(i), "]"])
            })?);
        }
        if let Some(e) = self.exclude_seen {
            out.exclude_seen = e;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_limits_are_checked() {
        let e = slot_named("x").unwrap_err();
        assert!(SLOT_NAMES.iter().all(|n| e.message.contains(n)));
        assert_eq!(slot_named("pickedForYou").unwrap(), Slot::PickedForYou);
        assert_eq!(slot_named("nope").unwrap_err().field, "slot");
        let bad = RecommendOptionsInput {
            count: Some(0.0),
            ..Default::default()
        };
        assert_eq!(bad.validate("related").unwrap_err().field, "count");
        let ok = RecommendOptionsInput {
            count: Some(3.0),
            item: Some("x".into()),
            ..Default::default()
        }
        .validate("related")
        .unwrap();
        assert_eq!(
            (ok.count, ok.item.as_deref(), ok.exclude_seen),
            (3, Some("x"), true)
        );
        let long = RecommendOptionsInput {
            exclude: Some(vec!["a".into(); MAX_EXCLUDE + 1]),
            ..Default::default()
        };
        assert_eq!(
            long.validate("topSellers").unwrap_err().kind,
            ErrorKind::TooMany
        );
    }
}
