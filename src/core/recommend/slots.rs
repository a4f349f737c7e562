//! Filling each slot from the profile's history and neighbour cache, then popularity.

use super::candidates::{Candidates, Why};
use super::fill::Filler;
use super::options::{RecommendOptions, Slot};
use super::{Reason, ReasonKind, Recommendation};
use crate::core::config::clamp_or;
use crate::core::pack::{Popularity, Weighted, WEIGHT_SCALE};
use crate::core::profile::neighbours::{age, NeighbourCache};
use crate::core::profile::Profile;

/// How `pickedForYou` blends its signals. Every field is clamped by [`Blend::sanitized`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Blend {
    /// Weight of an item's own recency-weighted views (shoppers come back to what they
    /// viewed). Default 1, range 0..=100.
    pub repeat: f64,
    /// Share of a history item's neighbour weight kept per later item view: the latest item
    /// counts most. Default 0.95, range 0..=1.
    pub decay: f64,
    /// Weight of bought-together neighbours relative to viewed-together ones. Default 1,
    /// range 0..=10.
    pub bought: f64,
}

impl Default for Blend {
    fn default() -> Self {
        Blend {
            repeat: 1.0,
            decay: 0.95,
            bought: 1.0,
        }
    }
}

impl Blend {
    /// This blend clamped into its documented ranges.
    pub fn sanitized(&self) -> Blend {
        let d = Blend::default();
        Blend {
            repeat: clamp_or(self.repeat, 0.0, 100.0, d.repeat),
            decay: clamp_or(self.decay, 0.0, 1.0, d.decay),
            bought: clamp_or(self.bought, 0.0, 10.0, d.bought),
        }
    }
}

fn weight(n: &Weighted) -> f64 {
    f64::from(n.1) / f64::from(WEIGHT_SCALE)
}

/// `pickedForYou` candidates: each cached item's own recency-weighted views, plus its
/// neighbours weighted by how recently it was viewed.
pub fn picked<'a>(cache: &'a NeighbourCache, blend: &Blend) -> Candidates<'a> {
    let b = blend.sanitized();
    let mut c = Candidates::default();
    for e in &cache.items {
        c.add(
            e.id(),
            b.repeat * e.views_at(cache.tick),
            Why {
                kind: ReasonKind::RecentlyViewed,
                item: None,
            },
        );
        let recency = b.decay.powi(age(e.2, cache.tick));
        // Data handed over for an item the shopper never viewed (a cart item's, say) still
        // counts, but its neighbours are "viewed together with X", not "because you viewed X".
        let viewed = if e.1 > 0.0 {
            ReasonKind::BecauseYouViewed
        } else {
            ReasonKind::ViewedTogether
        };
        for (list, kind, w) in [
            (e.related(), viewed, 1.0),
            (e.bought(), ReasonKind::BoughtTogether, b.bought),
        ] {
            for n in list {
                let why = Why {
                    kind,
                    item: Some(e.id()),
                };
                c.add(&n.0, recency * w * weight(n), why);
            }
        }
    }
    c
}

fn push_list(f: &mut Filler, list: &[Weighted], kind: ReasonKind, item: &str) {
    for n in list {
        f.push(&n.0, || Reason {
            kind,
            item: Some(item.to_owned()),
            category: None,
        });
    }
}

/// Fills the slot described by `options`.
pub fn fill_slot(
    profile: &Profile,
    popularity: &Popularity,
    options: &RecommendOptions,
) -> Vec<Recommendation> {
    let cache = &profile.neighbours;
    let anchored = matches!(
        options.slot,
        Slot::Related | Slot::BoughtTogether | Slot::BecauseYouViewed
    );
    // The anchor: the item asked about, else the latest viewed (for `becauseYouViewed`, the
    // latest with neighbours).
    let anchor: Option<&str> = match (&options.item, options.slot) {
        (Some(id), _) => Some(id.as_str()),
        (None, Slot::BecauseYouViewed) => cache
            .items
            .iter()
            .find(|e| e.1 > 0.0 && (!e.related().is_empty() || !e.bought().is_empty()))
            .map(|e| e.id()),
        (None, _) => profile.viewed.first().map(String::as_str),
    };
    // Loops, not map/filter chains: less wasm, the same list.
    let mut blocked: Vec<&str> = Vec::new();
    for id in &options.exclude {
        blocked.push(id);
    }
    if options.exclude_seen {
        for id in &profile.viewed {
            blocked.push(id);
        }
        for e in &cache.items {
            if e.1 > 0.0 {
                blocked.push(e.id());
            }
        }
    }
    if let Some(a) = anchor.filter(|_| anchored || options.item.is_some()) {
        blocked.push(a);
    }
    let mut f = Filler::new(options.count, blocked);
    let entry = anchor.and_then(|a| cache.get(a));
    match options.slot {
        Slot::RecentlyViewed => {
            for id in &profile.viewed {
                f.push(id, || Reason {
                    kind: ReasonKind::RecentlyViewed,
                    item: None,
                    category: None,
                });
            }
        }
        Slot::Related | Slot::BoughtTogether | Slot::BecauseYouViewed => {
            if let (Some(e), Some(a)) = (entry, anchor) {
                let lists = match options.slot {
                    Slot::Related => [
                        (e.related(), ReasonKind::ViewedTogether),
                        (e.bought(), ReasonKind::BoughtTogether),
                    ],
                    Slot::BoughtTogether => [
                        (e.bought(), ReasonKind::BoughtTogether),
                        (e.related(), ReasonKind::ViewedTogether),
                    ],
                    _ => [
                        (e.related(), ReasonKind::BecauseYouViewed),
                        (e.bought(), ReasonKind::BecauseYouViewed),
                    ],
                };
                // The slot's own list first; the other list of the same item before popularity.
                for (list, kind) in lists {
                    push_list(&mut f, list, kind, a);
                }
            }
        }
        Slot::PickedForYou => {
            let blend = options.blend.unwrap_or(popularity.blend);
            for (id, why) in picked(cache, &blend).ranked() {
                if f.full() {
                    break;
                }
                f.push(id, || why.reason());
            }
        }
        Slot::TopSellers => f.top_sellers(profile, popularity),
    }
    f.fall_back(profile, popularity);
    let mut out = f.finish();
    if options.slot == Slot::BecauseYouViewed {
        // Every reason names X, popularity fill-ins included, so the page can title the slot.
        if let Some(a) = anchor {
            for r in &mut out {
                r.reason.item.get_or_insert_with(|| a.to_owned());
            }
        }
    }
    out
}
