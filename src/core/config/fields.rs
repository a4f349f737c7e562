//! The numeric settings as one list (`numeric_settings!` below): each setting's place in the
//! [`Config`] and its range on one line, from which the macro makes both [`Config::slots`] and
//! [`RANGES`], so a slot cannot be clamped into another setting's range. The clamping
//! ([`Config::sanitized`]) walks them with one loop, and so does the JS reader (`web::config`,
//! with its table of the settings' names in the config object), instead of one code path per
//! setting (about 8 KB of start-up code in the wasm when each had its own).

use super::{clamp_or, Config};

/// The range `[lo, hi]` of one numeric setting.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    /// Lowest value kept.
    pub lo: f64,
    /// Highest value kept.
    pub hi: f64,
}

/// Number of numeric settings.
pub const FIELD_COUNT: usize = 38;

/// Makes [`RANGES`] and [`Config::slots`] from one list of `Kind(place) in lo..=hi`, one line
/// per setting: `Kind` is the [`Slot`] variant, `place` the field's path in [`Config`]. Both
/// arrays are `[_; FIELD_COUNT]`, so a line too many or too few does not compile either.
macro_rules! numeric_settings {
    ($($kind:ident($($field:ident).+) in $lo:literal..=$hi:literal,)*) => {
        /// The range of every numeric setting, in [`Config::slots`] order (the order the JS
        /// reader reads them in); the ranges documented on the fields.
        pub const RANGES: [Range; FIELD_COUNT] = [$(Range { lo: $lo, hi: $hi }),*];

        impl Config {
            /// The numeric settings, in the order the JS reader reads them (groups in turn: the
            /// config object's own, `weights`, `impact`, `moments`, its `segments` and
            /// `triggers`).
            // Not inlined: LLVM put a copy at each of its three call sites (the reader, the
            // clamping and its defaults), 0.8 KB gzip more (BENCHMARKS "Size work (session 13)").
            #[inline(never)]
            pub fn slots(&mut self) -> [Slot<'_>; FIELD_COUNT] {
                [$(Slot::$kind(&mut self.$($field).+)),*]
            }
        }
    };
}

numeric_settings! {
    Real(half_life_days) in 0.1..=365.0,
    Real(session_half_life_minutes) in 1.0..=1440.0,
    Real(session_weight) in 0.0..=10.0,
    Real(session_gap_minutes) in 1.0..=1440.0,
    Real(category_ancestor_share) in 0.0..=1.0,
    Real(purchased_penalty) in 0.0..=2.0,
    Real(signal_max_age_days) in 1.0..=3650.0,
    Real(profile_max_idle_days) in 1.0..=3650.0,
    Size(max_profile_bytes) in 2048.0..=16_384.0,
    Real(weights.impression) in 0.0..=100.0,
    Real(weights.view) in 0.0..=100.0,
    Real(weights.click) in 0.0..=100.0,
    Real(weights.dwell_per_second) in 0.0..=10.0,
    Real(weights.dwell_cap_seconds) in 1.0..=3600.0,
    Real(weights.add_to_cart) in 0.0..=100.0,
    Real(weights.remove_from_cart) in 0.0..=100.0,
    Real(weights.purchase) in 0.0..=100.0,
    Real(weights.search) in 0.0..=100.0,
    Real(impact.grid) in 0.0..=1.0,
    Real(impact.search) in 0.0..=1.0,
    Real(impact.banner) in 0.0..=1.0,
    Real(moments.holdout_share) in 0.0..=0.5,
    Real(moments.ldp_epsilon) in 0.1..=5.0,
    Whole(moments.segments.returning_visits) in 2.0..=1000.0,
    Whole(moments.segments.hesitant_views) in 2.0..=50.0,
    Whole(moments.segments.bargain_min_views) in 1.0..=100.0,
    Whole(moments.segments.loyal_purchase_visits) in 2.0..=100.0,
    Real(moments.segments.bargain_share) in 0.5..=1.0,
    Real(moments.segments.enthusiast_strength) in 1.0..=1000.0,
    Real(moments.segments.enthusiast_share) in 0.0..=1.0,
    Whole(moments.triggers.cart_reminder.max_per_visit) in 0.0..=20.0,
    Whole(moments.triggers.cart_reminder.min_gap_minutes) in 0.0..=43_200.0,
    Whole(moments.triggers.hesitation_offer.max_per_visit) in 0.0..=20.0,
    Whole(moments.triggers.hesitation_offer.min_gap_minutes) in 0.0..=43_200.0,
    Whole(moments.triggers.cross_sell.max_per_visit) in 0.0..=20.0,
    Whole(moments.triggers.cross_sell.min_gap_minutes) in 0.0..=43_200.0,
    Whole(moments.triggers.content_suggestion.max_per_visit) in 0.0..=20.0,
    Whole(moments.triggers.content_suggestion.min_gap_minutes) in 0.0..=43_200.0,
}

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
    /// size's clamp through `f64` is exact: the bounds are whole numbers, its value is finite
    /// (so `clamp_or` never gives it `default`) and [`Slot::put`] keeps the clamped whole
    /// number as it is.
    fn clamp(&mut self, lo: f64, hi: f64, default: f64) {
        let v = clamp_or(self.value(), lo, hi, default);
        self.put(v);
    }
}

impl Config {
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
