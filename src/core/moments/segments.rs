//! Local segments: plain rules over the profile, tunable through [`SegmentRules`]. They are
//! computed on the device, exposed to the page, and never sent anywhere.
//!
//! | segment | rule |
//! | --- | --- |
//! | `new` / `returning` | `visits` below / at least `returningVisits` |
//! | `hesitant` | `hesitantViews` product views in one top-level category with no add-to-cart from it since |
//! | `cart-abandoner` | items were left in the cart when this visit began, and the cart is not empty |
//! | `bargain-hunter` | at least `bargainMinViews` priced views compared with the shop's category median, and a `bargainShare` of them in a lower price band than that median |
//! | `loyal` | purchases in at least `loyalPurchaseVisits` different visits |
//! | `enthusiast` | the strongest top-level category has decayed strength ≥ `enthusiastStrength` and ≥ `enthusiastShare` of all top-level category signal |

use serde::Serialize;

use super::config::SegmentRules;
use crate::core::config::Config;
use crate::core::profile::{strength, Profile};
use crate::core::time::Minutes;

/// The shopper's segments and the categories behind the category-based ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segments {
    /// Segment names in a fixed order, as written to `data-shelfwise-segments`.
    pub names: Vec<&'static str>,
    /// The category the shopper hesitates over, when `hesitant`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hesitant_category: Option<String>,
    /// The strongest top-level category, when `enthusiast`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favourite_category: Option<String>,
}

impl Segments {
    /// The names joined by spaces, for the `data-` attribute.
    pub fn joined(&self) -> String {
        // A loop, not `join`: `join`'s generic copy is about 1 KB of wasm.
        let mut joined = String::new();
        for name in &self.names {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(name);
        }
        joined
    }
}

/// The category with the most views since an add-to-cart, if it reached `rules.hesitant_views`.
pub fn hesitant_category(profile: &Profile, rules: &SegmentRules) -> Option<String> {
    profile
        .moments
        .hesitation
        .iter()
        .filter(|(_, n)| *n >= rules.hesitant_views)
        .max_by_key(|(_, n)| *n)
        .map(|(c, _)| c.clone())
}

fn favourite_category(profile: &Profile, config: &Config, now: Minutes) -> Option<String> {
    let rules = &config.moments.segments;
    let mut total = 0.0;
    let mut best: Option<(&str, f64)> = None;
    for a in &profile.affinities {
        let key = a.key();
        let Some(value) = key.strip_prefix("c:") else {
            continue;
        };
        // A byte loop, not `contains('>')`: see `crate::core::text::split_once_byte`.
        if value.bytes().any(|b| b == b'>') {
            continue;
        }
        let s = strength(a, config, now);
        total += s;
        if best.map_or(true, |(_, b)| s > b) {
            best = Some((value, s));
        }
    }
    let (value, s) = best?;
    (s >= rules.enthusiast_strength && s >= rules.enthusiast_share * total)
        .then(|| value.to_owned())
}

/// Evaluates every segment rule for `profile` as of `now`.
pub fn segments(profile: &Profile, config: &Config, now: Minutes) -> Segments {
    let rules = &config.moments.segments;
    let m = &profile.moments;
    let mut names = Vec::new();
    names.push(if profile.visits >= rules.returning_visits {
        "returning"
    } else {
        "new"
    });
    let hesitant = hesitant_category(profile, rules);
    if hesitant.is_some() {
        names.push("hesitant");
    }
    if m.carried > 0 && !profile.cart.is_empty() {
        names.push("cart-abandoner");
    }
    let [below, compared] = m.price_views;
    if compared >= rules.bargain_min_views
        && f64::from(below) >= rules.bargain_share * f64::from(compared)
    {
        names.push("bargain-hunter");
    }
    if m.purchase_visits >= rules.loyal_purchase_visits {
        names.push("loyal");
    }
    let favourite = favourite_category(profile, config, now);
    if favourite.is_some() {
        names.push("enthusiast");
    }
    Segments {
        names,
        hesitant_category: hesitant,
        favourite_category: favourite,
    }
}
