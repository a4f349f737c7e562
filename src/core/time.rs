//! Time as the core sees it: whole minutes since the Unix epoch (finer is not needed for decay,
//! and coarser timestamps reveal less), and exponential decay.

/// Minutes since 1970-01-01 UTC.
pub type Minutes = u32;

/// Latest accepted time: about year 2100. Later clocks are clamped to it.
pub const MAX_MINUTES: Minutes = 68_000_000;
/// Earliest accepted time: 2001-09-09. Earlier clocks are clamped to it.
pub const MIN_MINUTES: Minutes = 16_666_666;

/// Converts a JavaScript-style millisecond timestamp to minutes, clamping absurd or
/// non-finite values into [`MIN_MINUTES`, `MAX_MINUTES`].
pub fn minutes_from_ms(ms: f64) -> Minutes {
    if !ms.is_finite() {
        return MIN_MINUTES;
    }
    let m = (ms / 60_000.0).floor();
    if m <= f64::from(MIN_MINUTES) {
        MIN_MINUTES
    } else if m >= f64::from(MAX_MINUTES) {
        MAX_MINUTES
    } else {
        m as Minutes
    }
}

/// The factor by which a signal shrinks after `elapsed` minutes with the given half-life:
/// `0.5^(elapsed / half_life)`. A clock that went backwards (elapsed < 0) does not grow a
/// signal; the result is always in (0, 1] for a positive half-life.
pub fn decay_factor(elapsed: f64, half_life: f64) -> f64 {
    // Written so NaN also lands here.
    if elapsed.is_nan() || half_life.is_nan() || elapsed <= 0.0 || half_life <= 0.0 {
        return 1.0;
    }
    let f = crate::core::math::exp2(-(elapsed / half_life));
    if f.is_finite() {
        f
    } else {
        0.0
    }
}

/// Most half-lives a long-term interest decays by in one step, however long the gap: a clock
/// set years ahead (or a very long absence) weakens interests to 1/64 at most instead of wiping
/// the profile; they then give way to new interests as the size budget fills.
pub const MAX_DECAY_HALF_LIVES: f64 = 6.0;

/// [`decay_factor`] for long-term interests: never below `0.5^MAX_DECAY_HALF_LIVES`.
pub fn long_term_decay_factor(elapsed: f64, half_life: f64) -> f64 {
    decay_factor(elapsed.min(MAX_DECAY_HALF_LIVES * half_life), half_life)
}

/// Elapsed minutes from `from` to `to`, zero when the clock went backwards.
pub fn elapsed(from: Minutes, to: Minutes) -> f64 {
    f64::from(to.saturating_sub(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_matches_hand_computed_values() {
        // One half-life halves, two quarter, zero keeps.
        assert_eq!(decay_factor(0.0, 60.0), 1.0);
        assert!((decay_factor(60.0, 60.0) - 0.5).abs() < 1e-12);
        assert!((decay_factor(120.0, 60.0) - 0.25).abs() < 1e-12);
        // 14-day half-life after 7 days: 2^-0.5 = 0.7071067811865476
        let d = decay_factor(7.0 * 1440.0, 14.0 * 1440.0);
        assert!((d - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-12);
        // 30 days at 14-day half-life: 2^(-30/14) = 0.22643... (by hand: exp(-30/14 · ln 2))
        let d = decay_factor(30.0 * 1440.0, 14.0 * 1440.0);
        assert!((d - 0.226_430_916_065_976_7).abs() < 1e-12, "{d}");
    }

    #[test]
    fn backwards_clock_and_bad_input_do_not_grow() {
        assert_eq!(decay_factor(-500.0, 60.0), 1.0);
        assert_eq!(decay_factor(f64::NAN, 60.0), 1.0);
        assert_eq!(decay_factor(10.0, 0.0), 1.0);
        assert_eq!(decay_factor(f64::INFINITY, 60.0), 0.0);
        assert_eq!(elapsed(100, 50), 0.0);
    }

    #[test]
    fn long_term_decay_is_bounded_per_step() {
        assert_eq!(long_term_decay_factor(1e9, 60.0), 1.0 / 64.0);
        assert_eq!(long_term_decay_factor(f64::INFINITY, 60.0), 1.0 / 64.0);
        assert!((long_term_decay_factor(60.0, 60.0) - 0.5).abs() < 1e-12);
        assert_eq!(long_term_decay_factor(-5.0, 60.0), 1.0);
    }

    #[test]
    fn minutes_are_clamped() {
        assert_eq!(minutes_from_ms(f64::NAN), MIN_MINUTES);
        assert_eq!(minutes_from_ms(-1.0), MIN_MINUTES);
        assert_eq!(minutes_from_ms(1e300), MAX_MINUTES);
        assert_eq!(minutes_from_ms(1_700_000_000_000.0), 28_333_333);
    }
}
