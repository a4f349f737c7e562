//! The opt-in aggregate report with local differential privacy, and its estimator.
//!
//! **On the device.** The report carries the browser's arm and one bit, "converted" (this
//! profile has tracked at least one purchase), passed through randomized response: the true
//! bit is kept with probability `p = e^ε / (1 + e^ε)` and flipped otherwise, which is
//! ε-differentially private for that bit. The noisy answer is memoized per true value, with
//! the ε of the first answer, so asking again returns the same answer and averaging repeated
//! reports learns nothing more, also when the shop changes ε between pages (the report then
//! names the ε its answer was drawn with); over a profile's life at most two answers exist
//! (one per true value), a total budget of 2ε. The arm is a random draw independent of the shopper and carries no personal data.
//!
//! **At the shop.** With `n` reports of which `k` are 1 in one arm, the observed share
//! `λ = k/n` has expectation `(1 − p) + (2p − 1)·π`, so the unbiased estimate of the
//! conversion rate is `π̂ = (λ − (1 − p)) / (2p − 1)`. Its standard deviation is at most
//! `1 / (2·√n·(2p − 1))` whatever the true rate (since `λ(1 − λ) ≤ 1/4`). The lift is
//! `π̂_treatment − π̂_holdout`, and its error bound at `z` standard deviations is
//! `z · √(1/(4·n_t) + 1/(4·n_h)) / (2p − 1)`; with `z = 3` the true lift lies within it with
//! probability above 99.7 %.

use serde::Serialize;

use super::holdout::Arm;
use crate::core::error::{CoreError, ErrorKind};

/// Default number of standard deviations in the error bound.
pub const DEFAULT_Z: f64 = 3.0;

/// Probability that randomized response keeps the true bit: `e^ε / (1 + e^ε)`.
pub fn keep_probability(epsilon: f64) -> f64 {
    let e = crate::core::math::exp(epsilon);
    e / (1.0 + e)
}

/// Randomized response: `truth` when `draw < p`, its opposite otherwise (`draw` uniform in [0, 1)).
pub fn randomize(truth: bool, epsilon: f64, draw: f64) -> bool {
    if draw < keep_probability(epsilon) {
        truth
    } else {
        !truth
    }
}

const HAS_FALSE: u32 = 1;
const NOISY_FALSE: u32 = 2;
const HAS_TRUE: u32 = 4;
const NOISY_TRUE: u32 = 8;

/// The noisy answer for `truth` and the ε it was drawn with, reusing the memo in `memo`
/// (bits 0–3: answers per true value; bits 4 and up: the ε of the answers, in thousandths).
/// `epsilon` is used only when the memo holds no answer yet: a changed ε does not draw afresh
/// (fresh draws, averaged, would reveal the true bit). Updates `memo`.
pub fn memoized_response(memo: &mut u32, truth: bool, epsilon: f64, draw: f64) -> (bool, f64) {
    let key = (epsilon * 1000.0).round() as u32;
    if *memo >> 4 == 0 {
        *memo = key << 4;
    }
    let drawn = *memo >> 4;
    let epsilon = if drawn == key {
        epsilon
    } else {
        f64::from(drawn) / 1000.0
    };
    let (has, noisy) = if truth {
        (HAS_TRUE, NOISY_TRUE)
    } else {
        (HAS_FALSE, NOISY_FALSE)
    };
    if *memo & has == 0 {
        *memo |= has;
        if randomize(truth, epsilon, draw) {
            *memo |= noisy;
        }
    }
    (*memo & noisy != 0, epsilon)
}

/// What a browser may send, only if the shop asks and chooses to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LdpReport {
    /// The browser's arm.
    pub arm: Arm,
    /// The randomized "converted" bit: 1 or 0.
    pub bit: u8,
    /// The ε used.
    pub epsilon: f64,
}

/// Reports from one arm: how many, and how many carried bit 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct ArmCounts {
    /// Number of reports.
    pub reports: f64,
    /// Reports with bit 1.
    pub ones: f64,
}

/// A conversion rate estimate for one arm.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RateEstimate {
    /// Unbiased estimate of the true conversion rate (may fall outside [0, 1] by noise).
    pub rate: f64,
    /// Error bound at `z` standard deviations.
    pub bound: f64,
}

/// The estimated conversion lift, treatment minus holdout.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LiftEstimate {
    /// `rate_treatment − rate_holdout`.
    pub lift: f64,
    /// The true lift lies within `lift ± bound` with the confidence `z` gives.
    pub bound: f64,
    /// Treatment arm estimate.
    pub treatment: RateEstimate,
    /// Holdout arm estimate.
    pub holdout: RateEstimate,
}

fn check_counts(c: ArmCounts, field: &str) -> Result<(), CoreError> {
    let ok = c.reports.is_finite()
        && c.ones.is_finite()
        && c.reports >= 1.0
        && c.ones >= 0.0
        && c.ones <= c.reports;
    if ok {
        Ok(())
    } else {
        Err(CoreError::new(
            ErrorKind::Invalid,
            field,
            "needs reports ≥ 1 and 0 ≤ ones ≤ reports",
        ))
    }
}

/// Unbiased rate estimate and its bound from one arm's counts.
pub fn estimate_rate(c: ArmCounts, epsilon: f64, z: f64) -> RateEstimate {
    let p = keep_probability(epsilon);
    let scale = 2.0 * p - 1.0;
    RateEstimate {
        rate: (c.ones / c.reports - (1.0 - p)) / scale,
        bound: z / (2.0 * c.reports.sqrt() * scale),
    }
}

/// Estimates the conversion lift from aggregated reports. Errors name the bad field when counts
/// are impossible, ε is outside [0.1, 5] or `z` outside (0, 10].
pub fn estimate_lift(
    treatment: ArmCounts,
    holdout: ArmCounts,
    epsilon: f64,
    z: f64,
) -> Result<LiftEstimate, CoreError> {
    check_counts(treatment, "treatment")?;
    check_counts(holdout, "holdout")?;
    if !(0.1..=5.0).contains(&epsilon) {
        return Err(CoreError::new(
            ErrorKind::Invalid,
            "epsilon",
            "must be from 0.1 to 5",
        ));
    }
    if !(z > 0.0 && z <= 10.0) {
        return Err(CoreError::new(
            ErrorKind::Invalid,
            "z",
            "must be above 0 and at most 10",
        ));
    }
    let t = estimate_rate(treatment, epsilon, z);
    let h = estimate_rate(holdout, epsilon, z);
    Ok(LiftEstimate {
        lift: t.rate - h.rate,
        // √(a² + b²) written out: `f64::hypot` links libm's `hypot` and a software `fma`
        // (1.2 KB raw) for an overflow guard these bounds (at most about 100) never need.
        bound: (t.bound * t.bound + h.bound * h.bound).sqrt(),
        treatment: t,
        holdout: h,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::moments::config::DEFAULT_EPSILON;

    #[test]
    fn keep_probability_of_ln3_is_three_quarters() {
        assert!((keep_probability(DEFAULT_EPSILON) - 0.75).abs() < 1e-12);
    }

    #[test]
    fn memo_repeats_the_same_answer_and_keeps_its_epsilon() {
        let mut memo = 0;
        let eps = DEFAULT_EPSILON;
        // A draw above p flips the bit; later draws do not change the memoized answer.
        assert_eq!(
            memoized_response(&mut memo, false, DEFAULT_EPSILON, 0.9),
            (true, eps)
        );
        assert_eq!(
            memoized_response(&mut memo, false, DEFAULT_EPSILON, 0.1),
            (true, eps)
        );
        assert_eq!(
            memoized_response(&mut memo, true, DEFAULT_EPSILON, 0.1),
            (true, eps)
        );
        // Another ε later: the same answer, with the ε it was drawn with (in thousandths).
        assert_eq!(memoized_response(&mut memo, false, 2.0, 0.1), (true, 1.099));
    }

    #[test]
    fn estimator_inverts_the_noise_exactly_in_expectation() {
        let p = keep_probability(DEFAULT_EPSILON);
        // True rate 0.2: expected share of ones (1-p) + (2p-1)·0.2 = 0.35.
        let n = 1000.0;
        let c = ArmCounts {
            reports: n,
            ones: n * ((1.0 - p) + (2.0 * p - 1.0) * 0.2),
        };
        let r = estimate_rate(c, DEFAULT_EPSILON, 3.0);
        assert!((r.rate - 0.2).abs() < 1e-9);
        assert!((r.bound - 3.0 / (2.0 * n.sqrt() * 0.5)).abs() < 1e-12);
        let bad = ArmCounts {
            reports: 2.0,
            ones: 3.0,
        };
        let e = estimate_lift(bad, c, DEFAULT_EPSILON, 3.0).unwrap_err();
        assert_eq!(e.field, "treatment");
    }
}
