//! The aggregate catalog pack: per item, its strongest neighbours (viewed together, bought
//! together), and popularity overall and per category.
//!
//! A pack is built offline from the shop's own logs ([`build`]) and is public: every pair in it
//! was seen together in at least `k` distinct sessions, or is a two-step pair (a with c through
//! b) whose two steps each were, and a and c were never seen near each other. The browser never downloads it whole: each
//! product page hands over its own item's [`ItemData`], and the small [`Popularity`] part is the
//! same for every shopper. Data coming from a page is untrusted and checked by [`validate`].

pub mod build;
pub mod input;
pub mod int_hash;
mod pairs;
pub mod validate;

use serde::{Deserialize, Serialize};

pub use validate::{BlendInput, ItemDataInput, PopularityInput};

/// Largest neighbour weight; weights are stored as whole numbers in `1..=WEIGHT_SCALE`.
pub const WEIGHT_SCALE: u32 = 1000;

/// An id with a whole-number weight, stored as `[id, weight]`: a neighbour (weight in
/// `1..=1000`) or a popular item (weight = its popularity count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weighted(
    /// Item id.
    pub String,
    /// Weight.
    pub u32,
);

/// What one item's page hands over: its neighbour lists, strongest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemData {
    /// Items viewed in the same sessions (sequential and co-occurrence signal).
    pub related: Vec<Weighted>,
    /// Items bought in the same sessions.
    pub bought_together: Vec<Weighted>,
}

/// Public popularity: the most popular items overall and per category, most popular first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Popularity {
    /// Most popular items overall.
    pub overall: Vec<Weighted>,
    /// Per category path (lower-case, levels joined by `>`, as in `c:` facet keys), its most
    /// popular items.
    pub categories: Vec<(String, Vec<Weighted>)>,
    /// The `pickedForYou` blend tuned for this shop (`shelfwise build-pack --tune`); the
    /// defaults when the data has none.
    #[serde(skip)]
    pub blend: crate::core::recommend::slots::Blend,
}

impl Popularity {
    /// The list for `category` (a facet value such as `shoes>running`), if the pack has one.
    pub fn category(&self, category: &str) -> Option<&[Weighted]> {
        self.categories
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, l)| l.as_slice())
    }
}
