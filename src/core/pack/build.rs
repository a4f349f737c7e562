//! Building a pack from sessions: sequential and co-occurrence neighbours with recency
//! weighting, bought-together neighbours, popularity, and the privacy threshold `k`.

use std::collections::HashMap;

use crate::core::config::clamp_or;

use super::input::{Log, Session};
use super::int_hash::IntMap;
use super::pairs::Pairs;
use super::{ItemData, Popularity, Weighted, WEIGHT_SCALE};

/// Build settings. Every field is clamped into its documented range by [`PackSettings::sanitized`].
#[derive(Debug, Clone, PartialEq)]
pub struct PackSettings {
    /// Neighbours kept per item and list. Default 50, range 1..=100.
    pub neighbours: usize,
    /// Privacy threshold: a pair (or a popular item) enters the pack only if at least this many
    /// distinct sessions support it. Default 2, range 1..=1000 (1 turns the protection off).
    pub min_sessions: u32,
    /// Items after (and before) an item that count as its neighbours. Default 100 (in effect
    /// the whole session), range 1..=1000.
    pub window: usize,
    /// Weight of an item seen *before* relative to one seen after (co-occurrence vs. sequence).
    /// Default 1 (order does not matter; nearness does), range 0..=1.
    pub backward: f64,
    /// How much older sessions count less: the oldest counts `1 - recency`, the newest 1.
    /// Default 0.9, range 0..=1.
    pub recency: f64,
    /// Smoothing added to an item's own count when normalising its neighbour weights, so
    /// pairs from rarely seen items weigh less. Default 2, range 0..=100.
    pub smoothing: f64,
    /// Weight of two-step neighbours (neighbours of neighbours, each step itself above the
    /// privacy threshold) that fill a list left short by the threshold. 0 turns them off.
    /// Default 0.5, range 0..=1.
    pub two_step: f64,
    /// Items kept in the overall popularity list. Default 100, range 1..=200.
    pub popular: usize,
    /// Items kept per category. Default 20, range 1..=200.
    pub category_popular: usize,
}

impl Default for PackSettings {
    fn default() -> Self {
        PackSettings {
            neighbours: 50,
            min_sessions: 2,
            window: 100,
            backward: 1.0,
            recency: 0.9,
            smoothing: 2.0,
            two_step: 0.5,
            popular: 100,
            category_popular: 20,
        }
    }
}

impl PackSettings {
    /// These settings clamped into their documented ranges.
    pub fn sanitized(&self) -> PackSettings {
        let d = PackSettings::default();
        PackSettings {
            neighbours: self.neighbours.clamp(1, 100),
            min_sessions: self.min_sessions.clamp(1, 1000),
            window: self.window.clamp(1, 1000),
            backward: clamp_or(self.backward, 0.0, 1.0, d.backward),
            recency: clamp_or(self.recency, 0.0, 1.0, d.recency),
            smoothing: clamp_or(self.smoothing, 0.0, 100.0, d.smoothing),
            two_step: clamp_or(self.two_step, 0.0, 1.0, d.two_step),
            popular: self.popular.clamp(1, 200),
            category_popular: self.category_popular.clamp(1, 200),
        }
    }
}

/// A built pack: per item its neighbour lists, and popularity.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    /// Items with at least one neighbour, in first-seen order.
    pub items: Vec<(String, ItemData)>,
    /// Popular items overall and per category.
    pub popularity: Popularity,
}

/// Adds neighbours of neighbours: `c` gains `share · Σ_b w(a, b) · w(b, c)` (each step above the
/// privacy threshold on its own), direct and two-step weights add up, and the strongest `n` stay.
/// `allowed(a, c)` keeps out pairs seen together in some, but fewer than `k`, sessions: a pair
/// in the pack is either supported by `k` sessions or was never seen together at all (then it
/// describes no one's session). A direct neighbour that `allowed` refuses (seen the other way
/// round in fewer than `k` sessions) keeps its direct weight only.
fn two_step(
    direct: &IntMap<u32, Vec<(u32, u32)>>,
    n: usize,
    share: f64,
    allowed: impl Fn(u32, u32) -> bool,
) -> IntMap<u32, Vec<(u32, u32)>> {
    let scale = f64::from(WEIGHT_SCALE);
    let mut out = IntMap::with_capacity_and_hasher(direct.len(), Default::default());
    for (&a, list) in direct {
        // Direct neighbours are asked about up front (about `n` of them); the many two-step
        // candidates only as they reach the top of the list, since being allowed or not does
        // not change a candidate's own sum.
        let direct_open: IntMap<u32, bool> =
            list.iter().map(|&(b, _)| (b, allowed(a, b))).collect();
        let mut sum: IntMap<u32, f64> = list.iter().map(|&(b, w)| (b, f64::from(w))).collect();
        for &(b, wab) in list {
            for &(c, wbc) in direct.get(&b).map_or(&[][..], Vec::as_slice) {
                if c != a && direct_open.get(&c) != Some(&false) {
                    *sum.entry(c).or_insert(0.0) += share * f64::from(wab) * f64::from(wbc) / scale;
                }
            }
        }
        let mut all: Vec<(u32, f64)> = sum.into_iter().collect();
        all.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        let full = all
            .into_iter()
            .filter(|&(c, _)| direct_open.contains_key(&c) || allowed(a, c))
            .take(n)
            .map(|(c, w)| (c, w.round().clamp(1.0, scale) as u32))
            .collect();
        out.insert(a, full);
    }
    out
}

/// Weight of session `index` of `count` under `recency`: the newest counts 1.
fn session_weight(index: usize, count: usize, recency: f64) -> f64 {
    if count <= 1 {
        return 1.0;
    }
    1.0 - recency * (1.0 - index as f64 / (count - 1) as f64)
}

fn add_view_pairs(pairs: &mut Pairs, s: &Session, w: f64, set: &PackSettings) {
    pairs.start(&s.views);
    for (i, &a) in s.views.iter().enumerate() {
        for (d, &b) in s.views.iter().skip(i + 1).take(set.window).enumerate() {
            let near = w / (d + 1) as f64;
            pairs.add(a, b, near);
            pairs.add(b, a, near * set.backward);
        }
    }
}

/// Builds a pack from `log` with `settings` (clamped first).
pub fn build(log: &Log, settings: &PackSettings) -> Pack {
    build_first(log, log.sessions.len(), settings)
}

/// Builds the pack of `log`'s first `sessions` sessions (all of them if it has fewer): the
/// pack of `log` cut there, without a copy of it (tuning builds one from all but the latest
/// sessions).
pub fn build_first(log: &Log, sessions: usize, settings: &PackSettings) -> Pack {
    let set = settings.sanitized();
    let n_items = log.ids.len();
    let sessions = log.sessions.get(..sessions).unwrap_or(&log.sessions);
    let (mut views, mut bought) = (Pairs::default(), Pairs::default());
    let mut own_views = vec![0.0; n_items];
    let mut own_bought = vec![0.0; n_items];
    let mut popularity = vec![0.0; n_items];
    let mut support: Vec<(u32, u32)> = vec![(0, u32::MAX); n_items];
    let count = sessions.len();
    for (index, s) in sessions.iter().enumerate() {
        let w = session_weight(index, count, set.recency);
        let session = u32::try_from(index).unwrap_or(u32::MAX);
        add_view_pairs(&mut views, s, w, &set);
        bought.start(&s.purchases);
        for (i, &a) in s.purchases.iter().enumerate() {
            for &b in s.purchases.iter().skip(i + 1) {
                bought.add(a, b, w);
                bought.add(b, a, w);
            }
        }
        let mut count_item = |item: u32, weight: f64, own: &mut Vec<f64>| {
            let i = item as usize;
            if let Some(o) = own.get_mut(i) {
                *o += w;
            }
            if let Some(p) = popularity.get_mut(i) {
                *p += w * weight;
            }
            if let Some(sup) = support.get_mut(i) {
                if sup.1 != session {
                    *sup = (sup.0 + 1, session);
                }
            }
        };
        for &item in &s.views {
            count_item(item, 1.0, &mut own_views);
        }
        for &item in &s.purchases {
            count_item(item, PURCHASE_POPULARITY, &mut own_bought);
        }
    }
    let k = set.min_sessions;
    let mut related = views.top(&own_views, k, set.neighbours, set.smoothing);
    if set.two_step > 0.0 {
        // Support is directional when `backward` < 1 ("c then a" is no support for a -> c),
        // but a session holding both items in either order must still count.
        related = two_step(&related, set.neighbours, set.two_step, |a, c| {
            let open = |s: u32| s == 0 || s >= k;
            open(views.support(a, c)) && open(views.support(c, a))
        });
    }
    let together = bought.top(&own_bought, k, set.neighbours, set.smoothing);
    let named = |list: Option<&Vec<(u32, u32)>>| -> Vec<Weighted> {
        list.map(|l| {
            l.iter()
                .map(|&(b, w)| Weighted(log.id(b).to_owned(), w))
                .collect()
        })
        .unwrap_or_default()
    };
    let mut items = Vec::new();
    for i in 0..n_items {
        let key = u32::try_from(i).unwrap_or(u32::MAX);
        let data = ItemData {
            related: named(related.get(&key)),
            bought_together: named(together.get(&key)),
        };
        if !data.related.is_empty() || !data.bought_together.is_empty() {
            items.push((log.id(key).to_owned(), data));
        }
    }
    Pack {
        items,
        popularity: popular(log, &popularity, &support, &set),
    }
}

/// How much more a purchase adds to an item's popularity than a view.
pub const PURCHASE_POPULARITY: f64 = 5.0;

/// Popularity lists: items supported by at least `k` sessions, by recency-weighted count
/// (views plus [`PURCHASE_POPULARITY`] per purchase), scaled by 100 and rounded.
fn popular(log: &Log, score: &[f64], support: &[(u32, u32)], set: &PackSettings) -> Popularity {
    let mut order: Vec<usize> = (0..score.len())
        .filter(|&i| support.get(i).is_some_and(|s| s.0 >= set.min_sessions))
        .collect();
    let s = |i: usize| score.get(i).copied().unwrap_or(0.0);
    order.sort_unstable_by(|&a, &b| s(b).total_cmp(&s(a)).then(a.cmp(&b)));
    let entry = |i: usize| {
        Weighted(
            log.ids.get(i).cloned().unwrap_or_default(),
            (s(i) * 100.0).round().max(1.0) as u32,
        )
    };
    let overall = order.iter().take(set.popular).map(|&i| entry(i)).collect();
    let mut categories: Vec<(String, Vec<Weighted>)> = Vec::new();
    let mut slot: HashMap<&str, usize> = HashMap::new();
    for &i in &order {
        let Some(Some(cat)) = log.categories.get(i) else {
            continue;
        };
        let at = *slot.entry(cat.as_str()).or_insert_with(|| {
            categories.push((cat.clone(), Vec::new()));
            categories.len() - 1
        });
        if let Some((_, list)) = categories.get_mut(at) {
            if list.len() < set.category_popular {
                list.push(entry(i));
            }
        }
    }
    Popularity {
        overall,
        categories,
        blend: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight_of(pack: &Pack, item: &str, neighbour: &str) -> Option<u32> {
        let (_, data) = pack.items.iter().find(|(id, _)| id == item)?;
        data.related.iter().find(|n| n.0 == neighbour).map(|n| n.1)
    }

    #[test]
    fn a_pack_of_the_first_sessions_is_the_pack_of_the_log_cut_there() {
        let text = "a b c\nb c d\nc d\na b\nd e f\ne f\na b c\nf g\n";
        let log = Log::from_sessions_text(text);
        let mut cut = log.clone();
        cut.sessions.truncate(5);
        let set = PackSettings::default();
        let (whole, first) = (build(&cut, &set), build_first(&log, 5, &set));
        assert_eq!(first.items, whole.items);
        assert_eq!(first.popularity, whole.popularity);
        // The later sessions would change it.
        assert_ne!(build(&log, &set).items, first.items);
    }

    #[test]
    fn a_direct_neighbour_seen_the_other_way_round_below_k_gains_no_two_step_weight() {
        // Sequence only: a -> c in two sessions (a direct neighbour), c -> a in one (below k),
        // and a -> b -> c twice each, which would add a two-step share to c.
        let text = "a c\na c\nc a\na b\na b\nb c\nb c\n";
        let log = Log::from_sessions_text(text);
        let with = |two_step| PackSettings {
            backward: 0.0,
            two_step,
            ..PackSettings::default()
        };
        let direct = build(&log, &with(0.0));
        let both = build(&log, &with(0.5));
        assert!(weight_of(&direct, "a", "c").is_some());
        assert_eq!(weight_of(&both, "a", "c"), weight_of(&direct, "a", "c"));
        // b has no path of two steps from a (c -> b was never seen): its weight is unchanged.
        assert_eq!(weight_of(&both, "a", "b"), weight_of(&direct, "a", "b"));
    }
}
