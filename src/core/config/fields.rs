//! The numeric settings as one list (`numeric_settings!` below): each setting's place in the
//! [`Config`], its name in the config object and its range on one line, from which the macro
//! makes [`Config::slots`], [`KEYS`] and [`RANGES`], so a setting cannot be read under another
//! setting's name or clamped into another's range. The clamping ([`Config::sanitize`]) walks
//! them with one loop, and so does the JS reader (`web::config`), instead of one code path per
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

/// The config object (0) and its nested groups of settings, in the order the JS reader opens
/// them: (parent group, key in the parent, path in errors).
pub const GROUPS: [(usize, &str, &str); 10] = [
    (0, "", "config"),
    (0, "weights", "config.weights"),
    (0, "impact", "config.impact"),
    (0, "moments", "config.moments"),
    (3, "segments", "config.moments.segments"),
    (3, "triggers", "config.moments.triggers"),
    (5, "cartReminder", "config.moments.triggers.cartReminder"),
    (
        5,
        "hesitationOffer",
        "config.moments.triggers.hesitationOffer",
    ),
    (5, "crossSell", "config.moments.triggers.crossSell"),
    (
        5,
        "contentSuggestion",
        "config.moments.triggers.contentSuggestion",
    ),
];

/// Makes [`Config::slots`], [`KEYS`] and [`RANGES`] from one list of
/// `Kind(place) as (group, "name") in lo..=hi`, one line per setting: `Kind` is the [`Slot`]
/// variant, `place` the field's path in [`Config`], `group` its object in [`GROUPS`] and
/// `name` its key there. The arrays are `[_; FIELD_COUNT]`, so a line too many or too few does
/// not compile either; a test checks each name against its field's (`snake_case` → `camelCase`).
macro_rules! numeric_settings {
    ($($kind:ident($($field:ident).+) as ($group:literal, $key:literal) in $lo:literal..=$hi:literal,)*) => {
        /// The range of every numeric setting, in [`Config::slots`] order (the order the JS
        /// reader reads them in); the ranges documented on the fields.
        pub const RANGES: [Range; FIELD_COUNT] = [$(Range { lo: $lo, hi: $hi }),*];

        /// Where the JS reader finds each numeric setting, in [`Config::slots`] order: (its
        /// group in [`GROUPS`], its key there).
        pub const KEYS: [(usize, &str); FIELD_COUNT] = [$(($group, $key)),*];

        /// Each numeric setting's place in [`Config`], in [`Config::slots`] order (for the
        /// test that its key names it).
        #[cfg(test)]
        const PLACES: [&str; FIELD_COUNT] = [$(stringify!($($field).+)),*];

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
    Real(half_life_days) as (0, "halfLifeDays") in 0.1..=365.0,
    Real(session_half_life_minutes) as (0, "sessionHalfLifeMinutes") in 1.0..=1440.0,
    Real(session_weight) as (0, "sessionWeight") in 0.0..=10.0,
    Real(session_gap_minutes) as (0, "sessionGapMinutes") in 1.0..=1440.0,
    Real(category_ancestor_share) as (0, "categoryAncestorShare") in 0.0..=1.0,
    Real(purchased_penalty) as (0, "purchasedPenalty") in 0.0..=2.0,
    Real(signal_max_age_days) as (0, "signalMaxAgeDays") in 1.0..=3650.0,
    Real(profile_max_idle_days) as (0, "profileMaxIdleDays") in 1.0..=3650.0,
    Size(max_profile_bytes) as (0, "maxProfileBytes") in 2048.0..=16_384.0,
    Real(weights.impression) as (1, "impression") in 0.0..=100.0,
    Real(weights.view) as (1, "view") in 0.0..=100.0,
    Real(weights.click) as (1, "click") in 0.0..=100.0,
    Real(weights.dwell_per_second) as (1, "dwellPerSecond") in 0.0..=10.0,
    Real(weights.dwell_cap_seconds) as (1, "dwellCapSeconds") in 1.0..=3600.0,
    Real(weights.add_to_cart) as (1, "addToCart") in 0.0..=100.0,
    Real(weights.remove_from_cart) as (1, "removeFromCart") in 0.0..=100.0,
    Real(weights.purchase) as (1, "purchase") in 0.0..=100.0,
    Real(weights.search) as (1, "search") in 0.0..=100.0,
    Real(impact.grid) as (2, "grid") in 0.0..=1.0,
    Real(impact.search) as (2, "search") in 0.0..=1.0,
    Real(impact.banner) as (2, "banner") in 0.0..=1.0,
    Real(moments.holdout_share) as (3, "holdoutShare") in 0.0..=0.5,
    Real(moments.ldp_epsilon) as (3, "ldpEpsilon") in 0.1..=5.0,
    Whole(moments.segments.returning_visits) as (4, "returningVisits") in 2.0..=1000.0,
    Whole(moments.segments.hesitant_views) as (4, "hesitantViews") in 2.0..=50.0,
    Whole(moments.segments.bargain_min_views) as (4, "bargainMinViews") in 1.0..=100.0,
    Whole(moments.segments.loyal_purchase_visits) as (4, "loyalPurchaseVisits") in 2.0..=100.0,
    Real(moments.segments.bargain_share) as (4, "bargainShare") in 0.5..=1.0,
    Real(moments.segments.enthusiast_strength) as (4, "enthusiastStrength") in 1.0..=1000.0,
    Real(moments.segments.enthusiast_share) as (4, "enthusiastShare") in 0.0..=1.0,
    Whole(moments.triggers.cart_reminder.max_per_visit) as (6, "maxPerVisit") in 0.0..=20.0,
    Whole(moments.triggers.cart_reminder.min_gap_minutes) as (6, "minGapMinutes") in 0.0..=43_200.0,
    Whole(moments.triggers.hesitation_offer.max_per_visit) as (7, "maxPerVisit") in 0.0..=20.0,
    Whole(moments.triggers.hesitation_offer.min_gap_minutes) as (7, "minGapMinutes") in 0.0..=43_200.0,
    Whole(moments.triggers.cross_sell.max_per_visit) as (8, "maxPerVisit") in 0.0..=20.0,
    Whole(moments.triggers.cross_sell.min_gap_minutes) as (8, "minGapMinutes") in 0.0..=43_200.0,
    Whole(moments.triggers.content_suggestion.max_per_visit) as (9, "maxPerVisit") in 0.0..=20.0,
    Whole(moments.triggers.content_suggestion.min_gap_minutes) as (9, "minGapMinutes") in 0.0..=43_200.0,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `place` (`weights.dwell_per_second`) as the config object's dotted path
    /// (`config.weights.dwellPerSecond`).
    fn camel_path(place: &str) -> String {
        let mut path = String::from("config.");
        let mut upper = false;
        for c in place.chars() {
            match c {
                '_' => upper = true,
                c if upper => {
                    path.push(c.to_ascii_uppercase());
                    upper = false;
                }
                c => path.push(c),
            }
        }
        path
    }

    #[test]
    fn every_setting_is_read_under_its_own_fields_name() {
        for (place, &(group, key)) in PLACES.iter().zip(KEYS.iter()) {
            let Some(&(_, _, group_path)) = GROUPS.get(group) else {
                unreachable!("group {group} of {place}");
            };
            assert_eq!(
                [group_path, ".", key].concat(),
                camel_path(&place.replace(' ', "")),
                "the key of Config.{place}"
            );
        }
    }

    #[test]
    fn every_group_opens_after_its_parent() {
        for (i, &(parent, _, path)) in GROUPS.iter().enumerate().skip(1) {
            assert!(parent < i, "{path}");
            let Some(&(_, _, parent_path)) = GROUPS.get(parent) else {
                unreachable!("{path}");
            };
            assert!(path.starts_with(parent_path), "{path}");
        }
    }
}
