//! The numeric settings as one list of places ([`Config::slots`]) and one table of ranges: the
//! clamping ([`Config::sanitized`]) walks them with one loop, and so does the JS reader
//! (`web::config`, with its table of the settings' names in the config object), instead of one
//! code path per setting (about 8 KB of start-up code in the wasm when each had its own).

use super::{clamp_or, Config};

/// The range `[lo, hi]` of one numeric setting.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    /// Lowest value kept.
    pub lo: f64,
    /// Highest value kept.
    pub hi: f64,
}

const fn range(lo: f64, hi: f64) -> Range {
    Range { lo, hi }
}

/// Number of numeric settings.
pub const FIELD_COUNT: usize = 38;

/// The range of every numeric setting, in [`Config::slots`] order (the order the JS reader
/// reads them in); the ranges documented on the fields.
pub const RANGES: [Range; FIELD_COUNT] = [
    range(0.1, 365.0),       // half_life_days
    range(1.0, 1440.0),      // session_half_life_minutes
    range(0.0, 10.0),        // session_weight
    range(1.0, 1440.0),      // session_gap_minutes
    range(0.0, 1.0),         // category_ancestor_share
    range(0.0, 2.0),         // purchased_penalty
    range(1.0, 3650.0),      // signal_max_age_days
    range(1.0, 3650.0),      // profile_max_idle_days
    range(2048.0, 16_384.0), // max_profile_bytes
    range(0.0, 100.0),       // weights.impression
    range(0.0, 100.0),       // weights.view
    range(0.0, 100.0),       // weights.click
    range(0.0, 10.0),        // weights.dwell_per_second
    range(1.0, 3600.0),      // weights.dwell_cap_seconds
    range(0.0, 100.0),       // weights.add_to_cart
    range(0.0, 100.0),       // weights.remove_from_cart
    range(0.0, 100.0),       // weights.purchase
    range(0.0, 100.0),       // weights.search
    range(0.0, 1.0),         // impact.grid
    range(0.0, 1.0),         // impact.search
    range(0.0, 1.0),         // impact.banner
    range(0.0, 0.5),         // moments.holdout_share
    range(0.1, 5.0),         // moments.ldp_epsilon
    range(2.0, 1000.0),      // segments.returning_visits
    range(2.0, 50.0),        // segments.hesitant_views
    range(1.0, 100.0),       // segments.bargain_min_views
    range(2.0, 100.0),       // segments.loyal_purchase_visits
    range(0.5, 1.0),         // segments.bargain_share
    range(1.0, 1000.0),      // segments.enthusiast_strength
    range(0.0, 1.0),         // segments.enthusiast_share
    range(0.0, 20.0),        // triggers.cart_reminder.max_per_visit
    range(0.0, 43_200.0),    // triggers.cart_reminder.min_gap_minutes
    range(0.0, 20.0),        // triggers.hesitation_offer.max_per_visit
    range(0.0, 43_200.0),    // triggers.hesitation_offer.min_gap_minutes
    range(0.0, 20.0),        // triggers.cross_sell.max_per_visit
    range(0.0, 43_200.0),    // triggers.cross_sell.min_gap_minutes
    range(0.0, 20.0),        // triggers.content_suggestion.max_per_visit
    range(0.0, 43_200.0),    // triggers.content_suggestion.min_gap_minutes
];

/// A numeric setting of a [`Config`], to read or clamp without naming it.
#[derive(Debug)]
pub enum Slot<'a> {
    /// A decimal setting.
    Real(&'a mut f64),
    /// A count.
    Whole(&'a mut u32),
    /// A size in bytes.
    Size(&'a mut usize),
}

impl Slot<'_> {
    /// The value as a number (a count exactly; a size above 2^53 rounded, which clamps the same).
    fn value(&self) -> f64 {
        match self {
            Slot::Real(v) => **v,
            Slot::Whole(v) => **v as f64,
            Slot::Size(v) => **v as f64,
        }
    }

    /// Takes a number given in the config object: a decimal as it is (NaN and ±Infinity too:
    /// clamping puts the default back); a count or size only when finite, its fraction dropped
    /// and saturating (below 0: 0), clamped later.
    pub fn put(&mut self, n: f64) {
        match self {
            Slot::Real(v) => **v = n,
            Slot::Whole(v) if n.is_finite() => **v = n as u32,
            Slot::Size(v) if n.is_finite() => **v = n as usize,
            _ => {}
        }
    }

    /// Clamps into `[lo, hi]`; a decimal that is not finite becomes `default`. A count's or
    /// size's clamp through `f64` is exact: the bounds are whole numbers.
    fn clamp(&mut self, lo: f64, hi: f64, default: f64) {
        let v = self.value();
        match self {
            Slot::Real(r) => **r = clamp_or(v, lo, hi, default),
            Slot::Whole(w) => **w = v.max(lo).min(hi) as u32,
            Slot::Size(s) => **s = v.max(lo).min(hi) as usize,
        }
    }
}

impl Config {
    /// The numeric settings, in the order the JS reader reads them (groups in turn: the
    /// config object's own, `weights`, `impact`, `moments`, its `segments` and `triggers`).
    // Not inlined: LLVM put a copy at each of its three call sites (the reader, the clamping
    // and its defaults), 0.8 KB gzip more (BENCHMARKS "Size work (session 13)").
    #[inline(never)]
    pub fn slots(&mut self) -> [Slot<'_>; FIELD_COUNT] {
        let (w, i, m) = (&mut self.weights, &mut self.impact, &mut self.moments);
        let (s, t) = (&mut m.segments, &mut m.triggers);
        [
            Slot::Real(&mut self.half_life_days),
            Slot::Real(&mut self.session_half_life_minutes),
            Slot::Real(&mut self.session_weight),
            Slot::Real(&mut self.session_gap_minutes),
            Slot::Real(&mut self.category_ancestor_share),
            Slot::Real(&mut self.purchased_penalty),
            Slot::Real(&mut self.signal_max_age_days),
            Slot::Real(&mut self.profile_max_idle_days),
            Slot::Size(&mut self.max_profile_bytes),
            Slot::Real(&mut w.impression),
            Slot::Real(&mut w.view),
            Slot::Real(&mut w.click),
            Slot::Real(&mut w.dwell_per_second),
            Slot::Real(&mut w.dwell_cap_seconds),
            Slot::Real(&mut w.add_to_cart),
            Slot::Real(&mut w.remove_from_cart),
            Slot::Real(&mut w.purchase),
            Slot::Real(&mut w.search),
            Slot::Real(&mut i.grid),
            Slot::Real(&mut i.search),
            Slot::Real(&mut i.banner),
            Slot::Real(&mut m.holdout_share),
            Slot::Real(&mut m.ldp_epsilon),
            Slot::Whole(&mut s.returning_visits),
            Slot::Whole(&mut s.hesitant_views),
            Slot::Whole(&mut s.bargain_min_views),
            Slot::Whole(&mut s.loyal_purchase_visits),
            Slot::Real(&mut s.bargain_share),
            Slot::Real(&mut s.enthusiast_strength),
            Slot::Real(&mut s.enthusiast_share),
            Slot::Whole(&mut t.cart_reminder.max_per_visit),
            Slot::Whole(&mut t.cart_reminder.min_gap_minutes),
            Slot::Whole(&mut t.hesitation_offer.max_per_visit),
            Slot::Whole(&mut t.hesitation_offer.min_gap_minutes),
            Slot::Whole(&mut t.cross_sell.max_per_visit),
            Slot::Whole(&mut t.cross_sell.min_gap_minutes),
            Slot::Whole(&mut t.content_suggestion.max_per_visit),
            Slot::Whole(&mut t.content_suggestion.min_gap_minutes),
        ]
    }

    /// Clamps every numeric setting into its range in [`RANGES`] (a decimal that is not finite
    /// takes its default) and drops the unusable price medians.
    pub(crate) fn sanitize(&mut self) {
        let mut d = Config::default();
        let (mut slots, defaults) = (self.slots(), d.slots());
        for ((slot, def), r) in slots.iter_mut().zip(defaults.iter()).zip(RANGES.iter()) {
            slot.clamp(r.lo, r.hi, def.value());
        }
        self.moments.price_medians = self.moments.sanitized_medians();
    }
}
