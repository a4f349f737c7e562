//! Recommendation slots: recently viewed, related (viewed together), frequently bought together,
//! picked for you, top sellers in your categories, and "because you viewed X".
//!
//! Every slot returns distinct ids, each with a [`Reason`], and never fewer than asked while the
//! shop's popularity data has enough items left (see [`fill`]).

pub mod candidates;
pub mod fill;
pub mod options;
pub mod slots;

use serde::Serialize;

pub use options::{RecommendOptions, RecommendOptionsInput, Slot};

use crate::core::pack::Popularity;
use crate::core::profile::Profile;

/// Why an item was recommended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReasonKind {
    /// The shopper viewed it recently.
    RecentlyViewed,
    /// Shoppers who viewed `item` also viewed it.
    ViewedTogether,
    /// Shoppers who bought `item` also bought it.
    BoughtTogether,
    /// Picked because the shopper viewed `item`.
    BecauseYouViewed,
    /// A top seller in `category`, a category the shopper likes.
    TopSeller,
    /// Popular with all shoppers (the fallback).
    Popular,
}

impl ReasonKind {
    /// Every kind.
    pub const ALL: [ReasonKind; 6] = [
        ReasonKind::RecentlyViewed,
        ReasonKind::ViewedTogether,
        ReasonKind::BoughtTogether,
        ReasonKind::BecauseYouViewed,
        ReasonKind::TopSeller,
        ReasonKind::Popular,
    ];

    /// The name in results (`recentlyViewed`, `viewedTogether`, …), as serde writes it.
    pub fn name(self) -> &'static str {
        match self {
            ReasonKind::RecentlyViewed => "recentlyViewed",
            ReasonKind::ViewedTogether => "viewedTogether",
            ReasonKind::BoughtTogether => "boughtTogether",
            ReasonKind::BecauseYouViewed => "becauseYouViewed",
            ReasonKind::TopSeller => "topSeller",
            ReasonKind::Popular => "popular",
        }
    }
}

/// A reason, naming the item or category it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// What kind of reason.
    pub kind: ReasonKind,
    /// The item the reason is about (the X of "because you viewed X").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The category the reason is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// One recommended item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// Item id.
    pub id: String,
    /// Why it is recommended.
    pub reason: Reason,
}

/// The ids of `recs`, in order (a loop: `into_iter().map().collect()` would add an in-place
/// collect instance to the wasm).
pub fn ids(recs: Vec<Recommendation>) -> Vec<String> {
    let mut ids = Vec::with_capacity(recs.len());
    for r in recs {
        ids.push(r.id);
    }
    ids
}

/// Fills the slot `options.slot` from the profile (history and neighbour cache) and the shop's
/// public popularity data.
pub fn recommend(
    profile: &Profile,
    popularity: &Popularity,
    options: &RecommendOptions,
) -> Vec<Recommendation> {
    slots::fill_slot(profile, popularity, options)
}
