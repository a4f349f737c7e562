//! Settings for shopping moments: segment thresholds, trigger frequency caps, the holdout share
//! and the privacy budget of the aggregate report. Every tunable documents its range and is
//! clamped by [`MomentsConfig::sanitized`] (the table of ranges: `core::config::fields`).

use serde::{Deserialize, Serialize};

use crate::core::config::Config;
use crate::core::facet::lower;
use crate::core::limits::MAX_STRING_BYTES;

/// Thresholds of the local segment rules (see [`crate::core::moments::segments`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SegmentRules {
    /// From this many visits on, a shopper is `returning` (before it, `new`).
    /// Default 2, range [2, 1000].
    pub returning_visits: u32,
    /// Views of products in one top-level category, with no add-to-cart from it since, that make
    /// a shopper `hesitant` (and make the hesitation offer eligible). Default 3, range [2, 50].
    pub hesitant_views: u32,
    /// Share of priced product views whose price band lies below the category median that makes
    /// a shopper a `bargain-hunter`. Default 0.6, range [0.5, 1].
    pub bargain_share: f64,
    /// Fewest priced views compared with a median before `bargain-hunter` can apply.
    /// Default 4, range [1, 100].
    pub bargain_min_views: u32,
    /// Visits with at least one purchase that make a shopper `loyal`. Default 2, range [2, 100].
    pub loyal_purchase_visits: u32,
    /// Decayed strength the strongest top-level category needs for `enthusiast` (a product view
    /// adds 1 long-term plus 1 session signal, so about 2 within a visit). Default 8,
    /// range [1, 1000].
    pub enthusiast_strength: f64,
    /// Share of all top-level category signal the strongest category needs for `enthusiast`.
    /// Default 0.5, range [0, 1].
    pub enthusiast_share: f64,
}

impl Default for SegmentRules {
    fn default() -> Self {
        SegmentRules {
            returning_visits: 2,
            hesitant_views: 3,
            bargain_share: 0.6,
            bargain_min_views: 4,
            loyal_purchase_visits: 2,
            enthusiast_strength: 8.0,
            enthusiast_share: 0.5,
        }
    }
}

/// How often one trigger may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TriggerCap {
    /// Most showings per visit; 0 turns the trigger off. Range [0, 20].
    pub max_per_visit: u32,
    /// Fewest minutes between two showings, across visits. Range [0, 43200] (30 days).
    pub min_gap_minutes: u32,
}

impl Default for TriggerCap {
    fn default() -> Self {
        TriggerCap {
            max_per_visit: 1,
            min_gap_minutes: 720,
        }
    }
}

/// Frequency caps per trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TriggerCaps {
    /// Cart reminder on return. Default 1 per visit, 720 minutes apart.
    pub cart_reminder: TriggerCap,
    /// Hesitation offer. Default 1 per visit, 1440 minutes apart.
    pub hesitation_offer: TriggerCap,
    /// Cross-sell panel on add-to-cart. Default 3 per visit, no gap.
    pub cross_sell: TriggerCap,
    /// Content suggestion. Default 1 per visit, 1440 minutes apart.
    pub content_suggestion: TriggerCap,
}

impl Default for TriggerCaps {
    fn default() -> Self {
        TriggerCaps {
            cart_reminder: TriggerCap::default(),
            hesitation_offer: TriggerCap {
                max_per_visit: 1,
                min_gap_minutes: 1440,
            },
            cross_sell: TriggerCap {
                max_per_visit: 3,
                min_gap_minutes: 0,
            },
            content_suggestion: TriggerCap {
                max_per_visit: 1,
                min_gap_minutes: 1440,
            },
        }
    }
}

/// Default privacy budget of one randomized response: ln 3, so the true answer is reported
/// with probability 3/4.
pub const DEFAULT_EPSILON: f64 = 1.098_612_288_668_109_8;

/// Most category medians kept.
pub const MAX_MEDIANS: usize = 500;

/// All settings for shopping moments (`config.moments` in the JS API).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MomentsConfig {
    /// Segment thresholds.
    pub segments: SegmentRules,
    /// Trigger frequency caps.
    pub triggers: TriggerCaps,
    /// Share of browsers kept as a holdout that sees server order and no triggers.
    /// Default 0 (no holdout), range [0, 0.5].
    pub holdout_share: f64,
    /// Privacy budget ε of each randomized-response bit in the aggregate report.
    /// Default ln 3 ≈ 1.0986, range [0.1, 5].
    pub ldp_epsilon: f64,
    /// Median price per category path (lower-cased, levels joined by `>`), from the shop's
    /// aggregate catalog data; in JSON an object, as the JS API takes it:
    /// `{ "shoes": 80, "shoes>running": 95 }`. A product is compared with the median of its
    /// longest matching path prefix. Default empty (no bargain segment).
    #[serde(with = "medians_object")]
    pub price_medians: Vec<(String, f64)>,
}

impl Default for MomentsConfig {
    fn default() -> Self {
        MomentsConfig {
            segments: SegmentRules::default(),
            triggers: TriggerCaps::default(),
            holdout_share: 0.0,
            ldp_epsilon: DEFAULT_EPSILON,
            price_medians: Vec::new(),
        }
    }
}

impl MomentsConfig {
    /// A copy with every field clamped into its documented range; medians that are not finite
    /// and non-negative, or whose path is empty or too long, are dropped.
    pub fn sanitized(&self) -> MomentsConfig {
        // The ranges are in one table for the whole config (`core::config::fields`).
        let mut c = Config {
            moments: self.clone(),
            ..Config::default()
        };
        c.sanitize();
        c.moments
    }

    /// The usable medians, trimmed and lower-cased: at most [`MAX_MEDIANS`], each finite and
    /// non-negative, with a path that is not empty nor over twice the string limit.
    pub(crate) fn sanitized_medians(&self) -> Vec<(String, f64)> {
        let mut out = Vec::new();
        for (path, m) in &self.price_medians {
            if out.len() == MAX_MEDIANS {
                break;
            }
            let trimmed = path.trim();
            let usable = !trimmed.is_empty() && path.len() <= MAX_STRING_BYTES * 2;
            if usable && m.is_finite() && *m >= 0.0 {
                out.push((lower(trimmed), *m));
            }
        }
        out
    }
}

/// `price_medians` as a JSON object (path -> median), the form `config.moments.priceMedians`
/// has in the JS API and in `pkg-config/defaults.json`.
mod medians_object {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(medians: &[(String, f64)], s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(medians.iter().map(|(path, median)| (path, median)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, f64)>, D::Error> {
        Ok(BTreeMap::<String, f64>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_clamps_and_drops_bad_medians() {
        let mut c = MomentsConfig {
            holdout_share: 0.9,
            ldp_epsilon: f64::NAN,
            price_medians: vec![
                ("Shoes".into(), 80.0),
                ("".into(), 5.0),
                ("hats".into(), f64::INFINITY),
                ("bags".into(), -1.0),
            ],
            ..MomentsConfig::default()
        };
        c.segments.hesitant_views = 0;
        c.triggers.cross_sell.max_per_visit = 99;
        let s = c.sanitized();
        assert_eq!(s.holdout_share, 0.5);
        assert_eq!(s.ldp_epsilon, DEFAULT_EPSILON);
        assert_eq!(s.segments.hesitant_views, 2);
        assert_eq!(s.triggers.cross_sell.max_per_visit, 20);
        assert_eq!(s.price_medians, vec![("shoes".to_owned(), 80.0)]);
        assert_eq!(
            MomentsConfig::default().sanitized(),
            MomentsConfig::default()
        );
    }

    #[test]
    fn medians_keep_the_first_usable_ones_trimmed_with_the_length_limit_on_the_given_text() {
        let limit = MAX_STRING_BYTES * 2;
        let mut medians = vec![
            ("  Shoes > Running ".to_owned(), 90.0),
            (" ".repeat(limit) + "x", 1.0),
            (" ".repeat(limit - 1) + "y", 2.0),
        ];
        for i in 0..MAX_MEDIANS + 5 {
            medians.push((crate::core::hash::decimal(i as u32), i as f64));
        }
        let c = MomentsConfig {
            price_medians: medians,
            ..MomentsConfig::default()
        };
        let s = c.sanitized().price_medians;
        assert_eq!(s.len(), MAX_MEDIANS);
        assert_eq!(s[0], ("shoes > running".to_owned(), 90.0));
        assert_eq!(s[1], ("y".to_owned(), 2.0));
        assert_eq!(s[2], ("0".to_owned(), 0.0));
        assert_eq!(s[MAX_MEDIANS - 1].1, (MAX_MEDIANS - 3) as f64);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn price_medians_are_a_json_object_as_in_the_js_api() {
        let c: MomentsConfig =
            serde_json::from_str(r#"{ "priceMedians": { "shoes": 80, "shoes>running": 95 } }"#)
                .unwrap();
        let medians = vec![
            ("shoes".to_owned(), 80.0),
            ("shoes>running".to_owned(), 95.0),
        ];
        assert_eq!(c.price_medians, medians);
        let json = serde_json::to_string(&c).unwrap();
        assert!(
            json.contains(r#""priceMedians":{"shoes":80.0,"shoes>running":95.0}"#),
            "{json}"
        );
        assert!(serde_json::from_str::<MomentsConfig>(r#"{ "priceMedians": [] }"#).is_err());
    }
}
