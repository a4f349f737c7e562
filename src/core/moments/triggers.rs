//! Behavioural triggers, decided on the device: which one (if any) may show now, under the
//! frequency caps stored in the profile, at most one per page view and never in the holdout.
//!
//! Priority when several are eligible: cross-sell (only right after an add-to-cart), cart
//! reminder, hesitation offer, content suggestion.

use serde::Serialize;

use super::config::{TriggerCap, TriggerCaps};
use super::segments::hesitant_category;
use crate::core::config::Config;
use crate::core::facet::{self, lower};
use crate::core::profile::{strength, Profile};
use crate::core::time::{elapsed, Minutes};

/// Most items a cross-sell panel lists.
pub const MAX_CROSS_SELL: usize = 4;

/// The kinds of trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerKind {
    /// "2 items are still in your cart", on the first page views of a return visit.
    CartReminder = 0,
    /// The shop's offer for a category the shopper keeps viewing without adding to the cart.
    HesitationOffer = 1,
    /// Items bought together with what was just added to the cart.
    CrossSell = 2,
    /// A guide or post whose tags match the shopper's interests.
    ContentSuggestion = 3,
}

/// Every kind, in priority order.
pub const ALL_KINDS: [TriggerKind; 4] = [
    TriggerKind::CrossSell,
    TriggerKind::CartReminder,
    TriggerKind::HesitationOffer,
    TriggerKind::ContentSuggestion,
];

impl TriggerKind {
    /// The name used in templates (`data-shelfwise-trigger`) and results.
    pub fn name(self) -> &'static str {
        match self {
            TriggerKind::CartReminder => "cart_reminder",
            TriggerKind::HesitationOffer => "hesitation_offer",
            TriggerKind::CrossSell => "cross_sell",
            TriggerKind::ContentSuggestion => "content_suggestion",
        }
    }

    fn cap(self, caps: &TriggerCaps) -> TriggerCap {
        match self {
            TriggerKind::CartReminder => caps.cart_reminder,
            TriggerKind::HesitationOffer => caps.hesitation_offer,
            TriggerKind::CrossSell => caps.cross_sell,
            TriggerKind::ContentSuggestion => caps.content_suggestion,
        }
    }
}

/// What the page offers at this moment: the candidates each trigger may use.
#[derive(Debug, Clone, Default)]
pub struct Occasion {
    /// Trigger kinds the page can show (it has a template for them).
    pub allowed: Vec<TriggerKind>,
    /// Ids just added to the cart: makes the cross-sell eligible.
    pub added: Vec<String>,
    /// Cross-sell candidates (frequently bought together with `added`), best first.
    pub cross_sell: Vec<String>,
    /// The shop's offers: `(top-level category, offer text)`.
    pub offers: Vec<(String, String)>,
    /// Content the shop can suggest: `(id, tags)`.
    pub content: Vec<(String, Vec<String>)>,
}

/// A trigger to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trigger {
    /// Which trigger.
    pub kind: TriggerKind,
    /// Cart reminder: the cart's ids; cross-sell: the suggested ids.
    pub items: Vec<String>,
    /// Hesitation offer: the category; content suggestion: the matching tag.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Hesitation offer: the offer text; content suggestion: the content id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
}

/// Whether the cap of `kind` lets it show in visit `visit` at `now`.
pub fn cap_allows(
    shown: &[[u32; 4]],
    kind: TriggerKind,
    cap: TriggerCap,
    visit: u32,
    now: Minutes,
) -> bool {
    match shown.iter().find(|e| e[0] == kind as u32) {
        None => cap.max_per_visit > 0,
        Some(&[_, count, in_visit, at]) => {
            let count = if in_visit == visit { count } else { 0 };
            count < cap.max_per_visit && elapsed(at, now) >= f64::from(cap.min_gap_minutes)
        }
    }
}

/// Records one showing of `kind` in visit `visit` at `now`.
pub fn record_shown(shown: &mut Vec<[u32; 4]>, kind: TriggerKind, visit: u32, now: Minutes) {
    match shown.iter_mut().find(|e| e[0] == kind as u32) {
        Some(e) => {
            let count = if e[2] == visit { e[1] } else { 0 };
            *e = [kind as u32, count.saturating_add(1), visit, now];
        }
        None => shown.push([kind as u32, 1, visit, now]),
    }
}

fn candidate(
    kind: TriggerKind,
    p: &Profile,
    c: &Config,
    o: &Occasion,
    cross_sell: &[String],
    now: Minutes,
) -> Option<Trigger> {
    // Every field written out: `..empty` (a `Trigger` with no items, category or offer) built
    // the fields each literal sets, only to drop them.
    match kind {
        TriggerKind::CrossSell => {
            if o.added.is_empty() {
                return None;
            }
            let mut items: Vec<String> = Vec::new();
            for id in cross_sell {
                if items.len() == MAX_CROSS_SELL {
                    break;
                }
                if !o.added.contains(id) && !p.cart.contains(id) && !p.purchased.contains(id) {
                    items.push(id.clone());
                }
            }
            (!items.is_empty()).then_some(Trigger {
                kind,
                items,
                category: None,
                offer: None,
            })
        }
        TriggerKind::CartReminder => {
            (p.moments.carried > 0 && !p.cart.is_empty()).then(|| Trigger {
                kind,
                items: p.cart.to_vec(),
                category: None,
                offer: None,
            })
        }
        TriggerKind::HesitationOffer => {
            let category = hesitant_category(p, &c.moments.segments)?;
            let offer = o
                .offers
                .iter()
                .find(|(cat, _)| lower(cat.trim()) == category)?;
            Some(Trigger {
                kind,
                items: Vec::new(),
                category: Some(category),
                offer: Some(offer.1.clone()),
            })
        }
        TriggerKind::ContentSuggestion => {
            let mut key = String::new();
            let mut best: Option<(f64, &str, &str)> = None;
            for (id, tags) in &o.content {
                for tag in tags {
                    facet::write_key(&mut key, facet::TAG, tag.trim());
                    let s = p
                        .affinities
                        .iter()
                        .find(|a| a.key() == key)
                        .map_or(0.0, |a| strength(a, c, now));
                    if s >= MIN_CONTENT_STRENGTH && best.map_or(true, |(b, _, _)| s > b) {
                        best = Some((s, id, tag));
                    }
                }
            }
            best.map(|(_, id, tag)| Trigger {
                kind,
                items: Vec::new(),
                category: Some(lower(tag.trim())),
                offer: Some(id.to_owned()),
            })
        }
    }
}

/// Least decayed strength of a tag interest (about one product view) for content to match it.
pub const MIN_CONTENT_STRENGTH: f64 = 0.5;

/// The trigger to show now, if any. `shown_this_page` enforces one per page view; `holdout`
/// browsers get none. Caps are checked against `profile.moments.shown`. `cross_sell` stands for
/// `occasion.cross_sell` (the caller may have found candidates the page did not give).
pub fn next_trigger(
    profile: &Profile,
    config: &Config,
    occasion: &Occasion,
    cross_sell: &[String],
    now: Minutes,
    shown_this_page: bool,
    holdout: bool,
) -> Option<Trigger> {
    if shown_this_page || holdout {
        return None;
    }
    let caps = &config.moments.triggers;
    ALL_KINDS
        .iter()
        .filter(|k| occasion.allowed.contains(k))
        .filter(|k| {
            cap_allows(
                &profile.moments.shown,
                **k,
                k.cap(caps),
                profile.visits,
                now,
            )
        })
        .find_map(|k| candidate(*k, profile, config, occasion, cross_sell, now))
}
