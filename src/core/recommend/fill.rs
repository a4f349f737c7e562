//! Filling a slot: distinct ids, nothing excluded, and popularity as the fallback so a slot
//! never comes back short while the shop's popularity data has items left.

use super::{Reason, ReasonKind, Recommendation};
use crate::core::facet::CATEGORY;
use crate::core::order::by_score_desc;
use crate::core::pack::Popularity;
use crate::core::profile::Profile;

/// Categories of the shopper's history used by `topSellers` and the fallback.
pub const TOP_CATEGORIES: usize = 3;

/// A slot being filled.
#[derive(Debug)]
pub struct Filler<'a> {
    out: Vec<Recommendation>,
    count: usize,
    blocked: Vec<&'a str>,
}

impl<'a> Filler<'a> {
    /// An empty slot of `count` items that never takes an id in `blocked`.
    pub fn new(count: usize, blocked: Vec<&'a str>) -> Filler<'a> {
        Filler {
            out: Vec::with_capacity(count),
            count,
            blocked,
        }
    }

    /// True once the slot holds `count` items.
    pub fn full(&self) -> bool {
        self.out.len() >= self.count
    }

    /// Adds `id` unless the slot is full, it is blocked or already in the slot.
    pub fn push(&mut self, id: &str, reason: impl FnOnce() -> Reason) {
        if !self.takes(id) {
            return;
        }
        self.out.push(Recommendation {
            id: id.to_owned(),
            reason: reason(),
        });
    }

    /// Whether `push` would add `id`: the slot is not full, `id` not blocked nor in it yet.
    /// Not generic, not inlined: one copy for `push`'s callers (each with its own reason
    /// closure), not the two searches inlined at every call site.
    #[inline(never)]
    fn takes(&self, id: &str) -> bool {
        !(self.full() || self.blocked.contains(&id) || self.out.iter().any(|r| r.id == id))
    }

    /// Top sellers of the shopper's strongest categories, in turn, then overall popularity.
    pub fn fall_back(&mut self, profile: &Profile, popularity: &Popularity) {
        self.top_sellers(profile, popularity);
        for p in &popularity.overall {
            if self.full() {
                return;
            }
            self.push(&p.0, || Reason {
                kind: ReasonKind::Popular,
                item: None,
                category: None,
            });
        }
    }

    /// Top sellers of the shopper's strongest categories, taken in turn (round robin).
    pub fn top_sellers(&mut self, profile: &Profile, popularity: &Popularity) {
        // Loops rather than adapter chains here and below: smaller wasm, the same lists.
        let mut lists: Vec<(&str, &[crate::core::pack::Weighted])> = Vec::new();
        for c in top_categories(profile) {
            if let Some(l) = popularity.category(c) {
                lists.push((c, l));
            }
        }
        let longest = lists.iter().map(|(_, l)| l.len()).max().unwrap_or(0);
        for rank in 0..longest {
            for (cat, list) in &lists {
                if self.full() {
                    return;
                }
                if let Some(p) = list.get(rank) {
                    self.push(&p.0, || Reason {
                        kind: ReasonKind::TopSeller,
                        item: None,
                        category: Some((*cat).to_owned()),
                    });
                }
            }
        }
    }

    /// The filled slot.
    pub fn finish(self) -> Vec<Recommendation> {
        self.out
    }
}

/// The shopper's strongest category paths (the `c:` interests by stored long-term plus session
/// weight), strongest first, at most [`TOP_CATEGORIES`].
pub fn top_categories(profile: &Profile) -> Vec<&str> {
    let mut cats: Vec<&str> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    for a in &profile.affinities {
        let path = a
            .key()
            .strip_prefix(CATEGORY)
            .and_then(|r| r.strip_prefix(':'));
        if let Some(path) = path {
            cats.push(path);
            weights.push(a.1 + a.2);
        }
    }
    let mut top = Vec::new();
    for i in by_score_desc(&weights) {
        if top.len() == TOP_CATEGORIES {
            break;
        }
        if let Some(c) = cats.get(i) {
            top.push(*c);
        }
    }
    top
}
