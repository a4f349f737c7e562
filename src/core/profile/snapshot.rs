//! A read-only, plain-language view of the profile for the page and the shopper.

use serde::Serialize;

use super::{strength, Choice, Profile};
use crate::core::config::Config;
use crate::core::facet::split_key;
use crate::core::order::by_score_desc;
use crate::core::time::Minutes;

/// One interest as shown to the shopper.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interest {
    /// The stored key, such as `c:shoes>running`; pass it back to remove the interest.
    pub key: String,
    /// What kind of facet: `category`, `brand`, `price`, `tag`, `facet` or `search`.
    pub kind: &'static str,
    /// The facet value, such as `shoes>running`.
    pub value: String,
    /// Decayed strength now (long-term plus weighted session signal).
    pub score: f64,
    /// Strength relative to the strongest interest, in [0, 1].
    pub strength: f64,
    /// Distinct recently viewed items (or searches, for search terms) behind this interest.
    pub count: u32,
}

/// One explicit choice as shown to the shopper.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChoiceView {
    /// The stored key (`i:sku-1`, `c:shoes>running`); pass it back to change the choice.
    pub key: String,
    /// `item` for a choice about one item, else the facet kind (`category`, `brand`, …).
    pub kind: &'static str,
    /// The item id or facet value.
    pub value: String,
    /// True for "more like this", false for "not interested".
    pub more: bool,
}

impl ChoiceView {
    /// The view of a stored choice.
    pub fn of(c: &Choice) -> ChoiceView {
        let (kind, value) = match c.0.strip_prefix("i:") {
            Some(id) => ("item", id),
            None => split_key(&c.0),
        };
        ChoiceView {
            key: c.0.clone(),
            kind,
            value: value.to_owned(),
            more: c.1 > 0,
        }
    }
}

/// What the profile holds, decayed to now, strongest interests first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSnapshot {
    /// Schema version of the stored profile.
    pub schema: u32,
    /// When the profile was created, in ms since the epoch (minute precision).
    pub created_at: f64,
    /// When the profile last learned something, in ms since the epoch (minute precision).
    pub updated_at: f64,
    /// Number of visits (sessions).
    pub visits: u32,
    /// Number of events learned.
    pub events: u32,
    /// Interests, strongest first.
    pub interests: Vec<Interest>,
    /// Recently viewed item ids, newest first.
    pub recently_viewed: Vec<String>,
    /// Item ids in the cart, newest first.
    pub cart: Vec<String>,
    /// Purchased item ids, newest first.
    pub purchased: Vec<String>,
    /// Recent searches, newest first.
    pub searches: Vec<String>,
    /// Explicit choices, newest first.
    pub choices: Vec<ChoiceView>,
    /// True while the shopper has paused personalization.
    pub paused: bool,
}

fn ms(m: Minutes) -> f64 {
    f64::from(m) * 60_000.0
}

impl Profile {
    /// The profile as the shopper and the page may see it, decayed to `now`.
    pub fn snapshot(&self, config: &Config, now: Minutes) -> ProfileSnapshot {
        // Loops, not map/collect chains: less wasm.
        let mut scores = Vec::with_capacity(self.affinities.len());
        let mut slots = Vec::with_capacity(self.affinities.len());
        for a in &self.affinities {
            let (kind, value) = split_key(a.key());
            let score = (strength(a, config, now) * 1000.0).round() / 1000.0;
            scores.push(score);
            slots.push(Some(Interest {
                key: a.key().to_owned(),
                kind,
                value: value.to_owned(),
                score,
                strength: 0.0,
                count: a.count(),
            }));
        }
        let mut choices = Vec::with_capacity(self.choices.len());
        for c in &self.choices {
            choices.push(ChoiceView::of(c));
        }
        let mut interests: Vec<Interest> = Vec::with_capacity(slots.len());
        for i in by_score_desc(&scores) {
            if let Some(it) = slots.get_mut(i).and_then(Option::take) {
                interests.push(it);
            }
        }
        let top = interests.first().map_or(0.0, |i| i.score);
        for i in &mut interests {
            i.strength = if top > 0.0 {
                ((i.score / top) * 1000.0).round() / 1000.0
            } else {
                0.0
            };
        }
        ProfileSnapshot {
            schema: self.schema,
            created_at: ms(self.created),
            updated_at: ms(self.updated),
            visits: self.visits,
            events: self.events,
            interests,
            recently_viewed: self.viewed.to_vec(),
            cart: self.cart.to_vec(),
            purchased: self.purchased.to_vec(),
            searches: self.searches.clone(),
            choices,
            paused: self.paused,
        }
    }
}
