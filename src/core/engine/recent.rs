//! The recent rankings, kept so `explain` can answer for the items of every managed list on a
//! page (auto mode ranks each list in turn), not only the last one ranked.

use crate::core::batch::ItemBatch;
use crate::core::limits::{MAX_KEPT_ITEMS, MAX_KEPT_RANKINGS};
use crate::core::rank::Ranked;
use crate::core::time::Minutes;

/// One ranking: its validated items, their scores and when it ran.
#[derive(Debug, Clone)]
pub(super) struct Ranking {
    pub(super) items: ItemBatch,
    pub(super) ranked: Ranked,
    pub(super) at: Minutes,
}

/// At most [`MAX_KEPT_RANKINGS`] rankings holding at most [`MAX_KEPT_ITEMS`] items together,
/// newest first (the newest is always kept, whatever its size).
#[derive(Debug, Clone, Default)]
pub(super) struct Recent(Vec<Ranking>);

impl Recent {
    /// Keeps `ranking` as the latest and drops the oldest ones beyond the limits, in one
    /// truncation (once they are reached, one ranking per push, as replacing a single latest
    /// ranking did).
    pub(super) fn push(&mut self, ranking: Ranking) {
        self.0.insert(0, ranking);
        let (mut keep, mut items) = (0, 0);
        for kept in &self.0 {
            items += kept.items.len();
            if keep > 0 && (keep == MAX_KEPT_RANKINGS || items > MAX_KEPT_ITEMS) {
                break;
            }
            keep += 1;
        }
        self.0.truncate(keep);
    }

    /// The latest ranking.
    pub(super) fn latest(&self) -> Option<&Ranking> {
        self.0.first()
    }

    /// The newest kept ranking that holds `id`, with the item's index in it.
    pub(super) fn newest_with(&self, id: &str) -> Option<(&Ranking, usize)> {
        for ranking in &self.0 {
            if let Some(index) = ranking.items.position(id) {
                return Some((ranking, index));
            }
        }
        None
    }

    /// Forgets every kept ranking (the profile they were explained from is gone).
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }
}

impl super::Engine {
    /// The scores and order of the latest ranking (`None` before the first, or after the
    /// profile it ranked with was replaced): for checks that the score table kept between
    /// rankings ranks as one built afresh (the fuzz targets).
    pub fn latest_ranked(&self) -> Option<&Ranked> {
        self.rankings.latest().map(|r| &r.ranked)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::core::engine::validate_batch;
    use crate::core::item::ItemInput;

    /// A ranking of `n` items `<prefix>0`, `<prefix>1`, …
    fn ranking(prefix: &str, n: usize) -> Ranking {
        let items = (0..n)
            .map(|i| ItemInput::with_id(format!("{prefix}{i}")))
            .collect();
        Ranking {
            items: validate_batch(items).unwrap(),
            ranked: Ranked {
                order: Vec::new(),
                server: Vec::new(),
                personal: Vec::new(),
                demoted: Vec::new(),
                penalty: 0.0,
                impact: 0.0,
                personalized: false,
                choice: Vec::new(),
            },
            at: 0,
        }
    }

    #[test]
    fn keeps_the_last_rankings_up_to_the_item_limit_and_always_the_newest() {
        let mut recent = Recent::default();
        for i in 0..=MAX_KEPT_RANKINGS {
            recent.push(ranking(&format!("r{i}-"), 2));
        }
        assert!(
            recent.newest_with("r0-0").is_none(),
            "the oldest beyond the count"
        );
        assert_eq!(recent.newest_with("r1-1").unwrap().1, 1);
        assert_eq!(recent.0.len(), MAX_KEPT_RANKINGS);
        // Up to the item limit together.
        recent.push(ranking("big", MAX_KEPT_ITEMS - 2));
        assert_eq!(recent.0.len(), 2, "the newest small one still fits");
        // A ranking as large as the limit leaves room for no other, but is kept.
        recent.push(ranking("max", MAX_KEPT_ITEMS));
        assert_eq!(recent.0.len(), 1);
        recent.push(ranking("small", 1));
        assert_eq!(recent.0.len(), 1, "the large one drops");
        assert!(recent.latest().unwrap().items.position("small0").is_some());
        recent.clear();
        assert!(recent.latest().is_none());
    }
}
