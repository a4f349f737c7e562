//! Ranking: one entry point for product grids, search results and banners.
//!
//! Input is the server's list in its order (optionally with server relevance scores); output
//! is a permutation of the same items. Each item's final score blends the server's order with
//! the shopper's personal score:
//!
//! `final = (1 − impact) · server + impact · personal`
//!
//! where `server` is the server score divided by the best one (min–max normalised when some
//! are negative), or `1 − i/(n−1)` from its position when not every item has a score, and `personal` is the sum of the item's matching interests,
//! normalised by the largest such sum in the list, so both lie in [0, 1]. Ties keep the server
//! order. `impact = 0` and a profile that matches nothing return the server order unchanged.

mod diversity;
mod explain;
mod held;
mod memo;
mod options;
mod quick;
mod score;

pub use diversity::Diversity;
pub use explain::{explain, Contribution, Explanation};
pub use options::{Context, DiversityInput, GroupBy, RankOptions, RankOptionsInput};
pub use score::ScoreTable;

use crate::core::batch::ItemBatch;
use crate::core::config::Config;
use crate::core::item::Item;
use crate::core::order::by_score_desc;
use crate::core::profile::Profile;
use crate::core::time::Minutes;

/// An item to rank; the same shape as an event's item, with an optional server `score`.
pub type RankItem = Item;

/// The outcome of one ranking: the new order and what is needed to explain it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// Indices into the input, in their new order.
    pub order: Vec<usize>,
    /// Server component per input item, in [0, 1].
    pub server: Vec<f64>,
    /// Personal component per input item, in [0, 1].
    pub personal: Vec<f64>,
    /// Whether each input item was demoted as already purchased.
    pub demoted: Vec<bool>,
    /// Penalty subtracted from the blended score of demoted items.
    pub penalty: f64,
    /// Impact used.
    pub impact: f64,
    /// Whether the list was personalised at all (false: server order was returned).
    pub personalized: bool,
    /// Points added (or, negative, subtracted) per input item by the shopper's explicit
    /// choices; see [`crate::core::profile::choice::CHOICE_WEIGHT`].
    pub choice: Vec<f64>,
}

/// Server component of each item: normalised scores when every item has one, else position.
fn server_component(scores: &[Option<f64>]) -> Vec<f64> {
    let n = scores.len();
    match scores.iter().all(Option::is_some) {
        true if n > 0 => {
            let s: Vec<f64> = scores.iter().map(|x| x.unwrap_or(0.0)).collect();
            let lo = s.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if lo >= 0.0 && hi > 0.0 && hi.is_finite() {
                // Non-negative relevance (BM25 and the like): relative to the best, so close
                // scores stay close.
                s.iter().map(|x| x / hi).collect()
            } else {
                // Halves: `hi - lo` of two finite scores can overflow (1e308 and -1e308).
                let span = hi / 2.0 - lo / 2.0;
                s.iter()
                    .map(|x| {
                        if span > 0.0 && span.is_finite() {
                            (x / 2.0 - lo / 2.0) / span
                        } else {
                            1.0
                        }
                    })
                    .collect()
            }
        }
        _ if n > 1 => (0..n).map(|i| 1.0 - i as f64 / (n - 1) as f64).collect(),
        _ => vec![1.0; n],
    }
}

/// Ranks `items` for this profile as of `now`.
pub fn rank(
    profile: &Profile,
    config: &Config,
    items: &[Item],
    options: &RankOptions,
    now: Minutes,
) -> Ranked {
    let table = ScoreTable::new(profile, config, now);
    rank_with(&table, profile, config, items, options)
}

/// [`rank`] with the profile's interests already decayed into `table` (built for this
/// `profile` and `config`), so repeated rankings in the same minute skip that step.
pub fn rank_with(
    table: &ScoreTable,
    profile: &Profile,
    config: &Config,
    items: &[Item],
    options: &RankOptions,
) -> Ranked {
    let scores: Vec<Option<f64>> = items.iter().map(|it| it.score).collect();
    let mut buf = String::new();
    let raw = items
        .iter()
        .map(|it| table.personal(it, config, &mut buf))
        .collect();
    let demoted = demoted(profile, options, items.len(), &|i| {
        items.get(i).map_or("", |it| it.id.as_str())
    });
    let choice = items.iter().map(|it| profile.choice_score(it)).collect();
    let diversify = |order: &[usize], d: &Diversity| d.apply(order, items);
    finish(config, options, &scores, raw, demoted, choice, &diversify)
}

/// [`rank_with`] for items held as an [`ItemBatch`] (valid as they stand): each distinct
/// facet is scored once. The same answer as `rank_with` on the batch's items.
pub fn rank_batch(
    table: &ScoreTable,
    profile: &Profile,
    config: &Config,
    batch: &ItemBatch,
    options: &RankOptions,
) -> Ranked {
    let n = batch.len();
    let scores: Vec<Option<f64>> = (0..n).map(|i| batch.shape(i).score).collect();
    let raw = memo::personal_scores(table, batch, config);
    // Explicit choices and diversity need whole items; most profiles hold no choice.
    let choice = match profile.choices.is_empty() {
        true => vec![0.0; n],
        // Loops, not map/collect chains (less wasm); neither runs without choices or
        // diversity.
        false => {
            let mut choice = Vec::with_capacity(n);
            for i in 0..n {
                choice.push(profile.choice_score(&batch.item(i)));
            }
            choice
        }
    };
    let diversify = |order: &[usize], d: &Diversity| d.apply(order, &batch.items());
    let demoted = demoted(profile, options, n, &|i| batch.id(i));
    finish(config, options, &scores, raw, demoted, choice, &diversify)
}

/// Whether each of `n` items (item `i` has id `id(i)`) is demoted as already purchased.
fn demoted<'a>(
    profile: &Profile,
    options: &RankOptions,
    n: usize,
    id: &dyn Fn(usize) -> &'a str,
) -> Vec<bool> {
    let mut demoted = vec![false; n];
    if options.demote_purchased && !profile.purchased.is_empty() {
        for (i, d) in demoted.iter_mut().enumerate() {
            *d = profile.purchased.iter().any(|p| p == id(i));
        }
    }
    demoted
}

/// The ranking from each item's server score, raw personal score, demotion and choice points.
fn finish(
    config: &Config,
    options: &RankOptions,
    scores: &[Option<f64>],
    raw: Vec<f64>,
    demoted: Vec<bool>,
    choice: Vec<f64>,
    diversify: &dyn Fn(&[usize], &Diversity) -> Vec<usize>,
) -> Ranked {
    let n = scores.len();
    let impact = options
        .impact
        .unwrap_or_else(|| options.context.default_impact(config));
    let identity: Vec<usize> = (0..n).collect();
    let server = server_component(scores);
    let max = raw.iter().copied().fold(0.0, f64::max);
    let personal: Vec<f64> = raw
        .iter()
        .map(|r| if max > 0.0 { r / max } else { 0.0 })
        .collect();
    let penalty = config.purchased_penalty;
    let chosen = choice.iter().any(|c| *c != 0.0);
    let personalized =
        impact > 0.0 && (max > 0.0 || chosen || (penalty > 0.0 && demoted.contains(&true)));
    if !personalized {
        return Ranked {
            order: identity,
            server,
            personal,
            demoted,
            penalty,
            impact,
            personalized,
            choice,
        };
    }
    let finals: Vec<f64> = (0..n)
        .map(|i| {
            let s = server.get(i).copied().unwrap_or(0.0);
            let p = personal.get(i).copied().unwrap_or(0.0);
            let d = demoted.get(i).copied().unwrap_or(false);
            let c = choice.get(i).copied().unwrap_or(0.0);
            blend(s, p, impact) - if d { penalty } else { 0.0 } + c
        })
        .collect();
    let mut order = by_score_desc(&finals);
    if let Some(d) = &options.diversity {
        order = diversify(&order, d);
    }
    Ranked {
        order,
        server,
        personal,
        demoted,
        penalty,
        impact,
        personalized,
        choice,
    }
}

/// `(1 − impact) · server + impact · personal`.
pub fn blend(server: f64, personal: f64, impact: f64) -> f64 {
    (1.0 - impact) * server + impact * personal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_scores_spanning_more_than_f64_holds_still_order_the_items() {
        // `hi - lo` overflowed to infinity and every item got 1.0, as if the server had no
        // opinion.
        let s = server_component(&[Some(1e308), Some(-1e308), Some(0.0)]);
        assert_eq!(s, vec![1.0, 0.0, 0.5]);
        let s = server_component(&[Some(-5.0), Some(1.0), Some(0.0)]);
        assert_eq!(s, vec![0.0, 1.0, 5.0 / 6.0]);
    }
}
