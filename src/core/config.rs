//! Engine settings. Every tunable documents its effect and range, and is clamped into that range
//! by [`Config::sanitized`], so a config from the page can never put the engine in a bad state.
//! The same defaults ship as `pkg-config/defaults.json` (a test keeps the two equal).

use serde::{Deserialize, Serialize};

use crate::core::moments::MomentsConfig;

pub mod fields;

/// How much each kind of event adds to the affinities of the item's facets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EventWeights {
    /// `view_item_list`: item seen in a list. Default 0.1, range [0, 100].
    pub impression: f64,
    /// `view_item`: product page viewed. Default 1, range [0, 100].
    pub view: f64,
    /// `select_item`: item clicked in a list. Default 2, range [0, 100].
    pub click: f64,
    /// `dwell`: per second spent on a product page. Default 0.02, range [0, 10].
    pub dwell_per_second: f64,
    /// Dwell longer than this many seconds counts as this many. Default 120, range [1, 3600].
    pub dwell_cap_seconds: f64,
    /// `add_to_cart`, per unit of quantity (square-root damped). Default 4, range [0, 100].
    pub add_to_cart: f64,
    /// `remove_from_cart`: subtracted (affinities never go below zero). Default 1, range [0, 100].
    pub remove_from_cart: f64,
    /// `purchase`, per unit of quantity (square-root damped). Default 8, range [0, 100].
    pub purchase: f64,
    /// `search`: per query term. Default 1.5, range [0, 100].
    pub search: f64,
}

impl Default for EventWeights {
    fn default() -> Self {
        EventWeights {
            impression: 0.1,
            view: 1.0,
            click: 2.0,
            dwell_per_second: 0.02,
            dwell_cap_seconds: 120.0,
            add_to_cart: 4.0,
            remove_from_cart: 1.0,
            purchase: 8.0,
            search: 1.5,
        }
    }
}

/// How strongly personal scores move each kind of list, from 0 (server order exactly) to 1
/// (fully personal). A `rank` call may override it with `impact`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContextImpact {
    /// Product grids and recommendation rails. Default 0.6, range [0, 1].
    pub grid: f64,
    /// Search results, where server relevance matters more. Default 0.35, range [0, 1].
    pub search: f64,
    /// Banners, ranked by how well their targeting matches. Default 1, range [0, 1].
    pub banner: f64,
}

impl Default for ContextImpact {
    fn default() -> Self {
        ContextImpact {
            grid: 0.6,
            search: 0.35,
            banner: 1.0,
        }
    }
}

/// All engine settings. Unknown or missing fields take their defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Config {
    /// Half-life of long-term interests, in days: after this long a signal counts half.
    /// Default 14, range [0.1, 365].
    pub half_life_days: f64,
    /// Half-life of the current-session signal, in minutes. Default 30, range [1, 1440].
    pub session_half_life_minutes: f64,
    /// Weight of the session signal added to the long-term one when ranking.
    /// Default 1, range [0, 10].
    pub session_weight: f64,
    /// A gap without events longer than this, in minutes, starts a new session.
    /// Default 30, range [1, 1440].
    pub session_gap_minutes: f64,
    /// Per-event weights.
    pub weights: EventWeights,
    /// Per-context default impact.
    pub impact: ContextImpact,
    /// Share of a leaf category's weight given to each ancestor level. Default 0.5, range [0, 1].
    pub category_ancestor_share: f64,
    /// Subtracted from the blended score (which lies in [0, 1]) of items already purchased when
    /// `demotePurchased` is set. Above 1 sends them after every other item (kept in their
    /// relative order); smaller values move them down less. Default 1.5, range [0, 2].
    pub purchased_penalty: f64,
    /// Largest serialized profile, in bytes; the engine prunes weakest signals to stay under it.
    /// Default 16384, range [2048, 16384].
    pub max_profile_bytes: usize,
    /// Segments, triggers, holdout and the aggregate report.
    pub moments: MomentsConfig,
    /// Retention: an interest not reinforced for this many days is deleted, whatever its
    /// strength, and the history lists (viewed, cart, purchased, searches) are cleared once the
    /// last activity is this old. Default 90, range [1, 3650].
    pub signal_max_age_days: f64,
    /// Retention: a profile with no activity for this many days is deleted as a whole (explicit
    /// choices included). Default 180, range [1, 3650].
    pub profile_max_idle_days: f64,
}

impl Default for Config {
    // One copy for the engine's constructor and the clamping's defaults (LLVM inlined it into
    // both: about 0.4 KB of stores each).
    #[inline(never)]
    fn default() -> Self {
        Config {
            half_life_days: 14.0,
            session_half_life_minutes: 30.0,
            session_weight: 1.0,
            session_gap_minutes: 30.0,
            weights: EventWeights::default(),
            impact: ContextImpact::default(),
            category_ancestor_share: 0.5,
            purchased_penalty: 1.5,
            max_profile_bytes: 16_384,
            moments: MomentsConfig::default(),
            signal_max_age_days: 90.0,
            profile_max_idle_days: 180.0,
        }
    }
}

/// Clamps `v` into `[lo, hi]`; a non-finite value becomes `default`.
pub fn clamp_or(v: f64, lo: f64, hi: f64, default: f64) -> f64 {
    if v.is_finite() {
        // Not `f64::clamp`: its `min <= max` assertion formats floats with `Debug`, which
        // pulls about 17 KB of float formatting into the wasm whenever it is not inlined away.
        v.max(lo).min(hi)
    } else {
        default
    }
}

impl Config {
    /// Returns a copy with every field clamped into its documented range (the table in
    /// [`fields::RANGES`]); unusable price medians are dropped.
    pub fn sanitized(&self) -> Config {
        let mut c = self.clone();
        c.sanitize();
        c
    }

    /// Long-term half-life in minutes.
    pub fn half_life_minutes(&self) -> f64 {
        self.half_life_days * 1440.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_clamps_every_field() {
        let mut c = Config {
            half_life_days: -3.0,
            session_half_life_minutes: f64::NAN,
            max_profile_bytes: 10_000_000,
            ..Config::default()
        };
        c.weights.view = f64::INFINITY;
        c.weights.purchase = 1e9;
        c.impact.grid = 7.0;
        let s = c.sanitized();
        assert_eq!(s.half_life_days, 0.1);
        assert_eq!(s.session_half_life_minutes, 30.0);
        assert_eq!(s.max_profile_bytes, 16_384);
        assert_eq!(s.weights.view, 1.0);
        assert_eq!(s.weights.purchase, 100.0);
        assert_eq!(s.impact.grid, 1.0);
    }

    #[test]
    fn defaults_are_already_sane() {
        assert_eq!(Config::default().sanitized(), Config::default());
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn shipped_defaults_file_matches_code() {
        let text = include_str!("../../pkg-config/defaults.json");
        let shipped: Config = serde_json::from_str(text).expect("pkg-config/defaults.json parses");
        assert_eq!(shipped, Config::default());
    }
}
