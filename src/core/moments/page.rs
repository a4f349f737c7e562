//! The engine's moment calls: a page view begins, segments, triggers, the arm and the report.

use super::holdout::{self, Arm};
use super::ldp::{memoized_response, LdpReport};
use super::segments::{segments, Segments};
use super::triggers::{next_trigger, record_shown, Occasion, Trigger, MAX_CROSS_SELL};
use crate::core::engine::Engine;
use crate::core::recommend::{RecommendOptions, Slot};
use crate::core::time::minutes_from_ms;

/// Per-page state, kept in memory only: a new page view starts afresh.
#[derive(Debug, Clone, Default)]
pub struct PageState {
    /// A trigger was already shown on this page view.
    pub trigger_shown: bool,
}

impl Engine {
    /// Starts a page view at `now_ms`: a long enough gap begins a new visit (remembering how
    /// many cart items were left from the previous one), and a browser without a holdout draw
    /// takes `draw` (uniform in [0, 1), from the caller's random source) as its own.
    ///
    /// A visitor who has done nothing yet gets nothing written: the page view marks the profile
    /// for a write only when it holds something, or when a holdout is configured and the draw
    /// must be kept.
    pub fn begin_page_view(&mut self, now_ms: f64, draw: f64) {
        let now = minutes_from_ms(now_ms);
        let config = self.config().clone();
        let keep_draw = config.moments.holdout_share > 0.0 && self.profile().moments.draw == 0;
        let worth_writing = keep_draw || !self.profile().is_cold();
        let p = if worth_writing {
            self.profile_mut()
        } else {
            self.profile_quiet()
        };
        p.touch_session(&config, now);
        p.updated = p.updated.max(now);
        if p.moments.draw == 0 {
            p.moments.draw = holdout::bucket(draw);
        }
        self.page = PageState::default();
    }

    /// This browser's measurement arm.
    pub fn arm(&self) -> Arm {
        holdout::arm(
            self.profile().moments.draw,
            self.config().moments.holdout_share,
        )
    }

    /// True in the holdout arm.
    pub fn is_holdout(&self) -> bool {
        self.arm() == Arm::Holdout
    }

    /// True when moments stay quiet: in the holdout arm, or when personalization is off
    /// (consent, or paused by the shopper).
    fn moments_off(&self) -> bool {
        self.is_holdout() || !self.personalizing()
    }

    /// The shopper's segments as of `now_ms`; none in the holdout arm or while personalization
    /// is off.
    pub fn segments(&self, now_ms: f64) -> Segments {
        if self.moments_off() {
            return Segments::default();
        }
        segments(self.profile(), self.config(), minutes_from_ms(now_ms))
    }

    /// Where a returning shopper left off: up to `limit` recently viewed ids they have not
    /// bought, newest first. Empty for new shoppers and in the holdout arm.
    pub fn welcome_back(&self, limit: usize) -> Vec<String> {
        let p = self.profile();
        if self.moments_off() || p.visits < self.config().moments.segments.returning_visits {
            return Vec::new();
        }
        let mut ids = Vec::new();
        for id in &p.viewed {
            if ids.len() == limit {
                break;
            }
            if !p.purchased.contains(id) {
                ids.push(id.clone());
            }
        }
        ids
    }

    /// The trigger to show now for `occasion`, if any, recording its showing against the caps
    /// and the one-per-page-view rule.
    ///
    /// After an add-to-cart without cross-sell candidates from the page, the candidates are the
    /// items frequently bought together with the first added one (from the shop's aggregate pack
    /// data the product page handed over with `add_item_data`).
    pub fn trigger(&mut self, occasion: &Occasion, now_ms: f64) -> Option<Trigger> {
        let now = minutes_from_ms(now_ms);
        let off = self.moments_off();
        // The bought-together candidates are passed on their own: no copy of the occasion's
        // other lists (`Occasion { cross_sell, ..occasion.clone() }` cloned four lists).
        let bought_together;
        let cross_sell = match occasion.added.first() {
            Some(id) if occasion.cross_sell.is_empty() => {
                // Written out (as `RecommendOptions::new` would fill it, with the item): an
                // assignment of `item` dropped the `None` first.
                let options = RecommendOptions {
                    slot: Slot::BoughtTogether,
                    count: MAX_CROSS_SELL,
                    item: Some(id.clone()),
                    exclude: Vec::new(),
                    exclude_seen: true,
                    blend: None,
                };
                bought_together = crate::core::recommend::ids(self.recommend(&options));
                &bought_together
            }
            _ => &occasion.cross_sell,
        };
        let t = next_trigger(
            self.profile(),
            self.config(),
            occasion,
            cross_sell,
            now,
            self.page.trigger_shown,
            off,
        )?;
        self.page.trigger_shown = true;
        let p = self.profile_mut();
        let visit = p.visits;
        record_shown(&mut p.moments.shown, t.kind, visit, now);
        Some(t)
    }

    /// The randomized-response report: the arm and the noisy "converted" bit. `draw` (uniform
    /// in [0, 1)) is used only the first time an answer is needed for the current true value.
    pub fn ldp_report(&mut self, draw: f64) -> LdpReport {
        let epsilon = self.config().moments.ldp_epsilon;
        let arm = self.arm();
        let p = self.profile_mut();
        let truth = p.moments.purchase_visits > 0;
        let (bit, epsilon) = memoized_response(&mut p.moments.ldp, truth, epsilon, draw);
        LdpReport {
            arm,
            bit: u8::from(bit),
            epsilon,
        }
    }
}
