//! Holdout assignment: a local random draw, kept on the device, splits browsers into a
//! treatment arm (personalized) and a holdout arm (server order, no triggers, no segments).
//! Only the draw is stored, as a bucket in 1..=10000, so the shop can change the holdout share
//! and every browser stays on the same side of the new line.

use serde::Serialize;

/// Number of draw buckets.
pub const BUCKETS: u32 = 10_000;

/// The measurement arm of this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Arm {
    /// Sees personalization.
    Treatment,
    /// Sees the shop's server order and no triggers.
    Holdout,
}

impl Arm {
    /// `"treatment"` or `"holdout"`.
    pub fn name(self) -> &'static str {
        match self {
            Arm::Treatment => "treatment",
            Arm::Holdout => "holdout",
        }
    }
}

/// Turns a uniform draw in [0, 1) into a bucket in 1..=[`BUCKETS`] (out-of-range and NaN draws
/// are clamped).
pub fn bucket(draw: f64) -> u32 {
    let d = if draw.is_finite() {
        draw.clamp(0.0, 1.0)
    } else {
        0.0
    };
    ((d * f64::from(BUCKETS)).floor() as u32).min(BUCKETS - 1) + 1
}

/// The arm of a browser with `bucket` when `share` of browsers are held out. A browser without
/// a draw (bucket 0) is in the treatment arm.
pub fn arm(bucket: u32, share: f64) -> Arm {
    if bucket > 0 && f64::from(bucket) <= share * f64::from(BUCKETS) {
        Arm::Holdout
    } else {
        Arm::Treatment
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_the_range_and_share_splits_them() {
        assert_eq!(bucket(0.0), 1);
        assert_eq!(bucket(0.99999), BUCKETS);
        assert_eq!(bucket(1.0), BUCKETS);
        assert_eq!(bucket(f64::NAN), 1);
        assert_eq!(arm(bucket(0.05), 0.1), Arm::Holdout);
        assert_eq!(arm(bucket(0.0999), 0.1), Arm::Holdout);
        assert_eq!(arm(bucket(0.1), 0.1), Arm::Treatment);
        assert_eq!(arm(bucket(0.05), 0.0), Arm::Treatment);
        assert_eq!(arm(0, 0.5), Arm::Treatment);
        let held = (0..1000).filter(|i| arm(bucket(f64::from(*i) / 1000.0), 0.1) == Arm::Holdout);
        assert_eq!(held.count(), 100);
    }
}
