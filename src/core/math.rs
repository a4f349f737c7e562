//! `2^x` and `e^x` without lookup tables.
//!
//! On wasm32 the standard library takes `exp2`, `exp` and `log2` from `compiler_builtins`'
//! port of musl's libm, whose lookup tables (about 4 KB of `f64`s that gzip cannot shrink)
//! are most of what the decay of interests cost in the download. These functions reduce the
//! argument to `r` with `|r| ≤ ln 2 / 2`, sum `e^r`'s Taylor series to `r^13` (its remainder
//! is below 10^−17 there) and scale by a power of two. They stay within one unit in the last
//! place of the correctly rounded result (the tests compare them with the platform's libm
//! over the ranges the engine uses), so a decayed strength may differ from the old one in its
//! last bit, no more.

/// `1/k!` for `k` = 13 down to 2: the Taylor coefficients of `e^r` after `1 + r`.
const INVERSE_FACTORIALS: [f64; 12] = [
    1.0 / 6_227_020_800.0,
    1.0 / 479_001_600.0,
    1.0 / 39_916_800.0,
    1.0 / 3_628_800.0,
    1.0 / 362_880.0,
    1.0 / 40_320.0,
    1.0 / 5_040.0,
    1.0 / 720.0,
    1.0 / 120.0,
    1.0 / 24.0,
    1.0 / 6.0,
    1.0 / 2.0,
];

/// The high part of `ln 2`: its low 32 bits are zero, so `n · LN2_HI` is exact for `|n| < 2^20`.
const LN2_HI: f64 = 6.931_471_803_691_238e-1;
/// `ln 2 − LN2_HI`.
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;

/// `e^r` for `|r| ≤` about 0.35.
fn exp_reduced(r: f64) -> f64 {
    let mut p = 0.0;
    for c in INVERSE_FACTORIALS {
        p = p * r + c;
    }
    1.0 + r * (1.0 + r * p)
}

/// `2^k` for a whole `k` in [−1022, 1023].
fn power_of_two(k: i32) -> f64 {
    f64::from_bits(((k + 1023) as u64) << 52)
}

/// `p · 2^n` for `p` in [0.7, 1.5] and a whole `n` in [−1100, 1100], rounded once.
fn scale(p: f64, n: f64) -> f64 {
    let n = n as i32;
    // The first product is exact (its result stays a normal number), the second rounds.
    let (a, b) = if n < -1000 {
        (n + 1000, -1000)
    } else if n > 1000 {
        (n - 1000, 1000)
    } else {
        (n, 0)
    };
    p * power_of_two(a) * power_of_two(b)
}

/// `2^x`: exact for whole `x`; 0 below −1080 and infinite above 1025; NaN stays NaN.
pub fn exp2(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x < -1080.0 {
        return 0.0;
    }
    if x > 1025.0 {
        return f64::INFINITY;
    }
    let n = x.round_ties_even();
    // `x − n` is exact: both lie within a factor of two of each other or `n` is 0.
    scale(exp_reduced((x - n) * core::f64::consts::LN_2), n)
}

/// `e^x`: 0 below −750 and infinite above 710; NaN stays NaN.
pub fn exp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x < -750.0 {
        return 0.0;
    }
    if x > 710.0 {
        return f64::INFINITY;
    }
    let n = (x * core::f64::consts::LOG2_E).round_ties_even();
    scale(exp_reduced(x - n * LN2_HI - n * LN2_LO), n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many doubles lie between `a` and `b` (both finite and of one sign).
    fn ulps(a: f64, b: f64) -> u64 {
        a.to_bits().abs_diff(b.to_bits())
    }

    /// A deterministic stream of numbers in [0, 1) (xorshift).
    fn uniform(seed: &mut u64) -> f64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        (*seed >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Largest difference in units in the last place against `reference` over `xs`, and how
    /// many of the results were equal to it.
    fn compare(f: fn(f64) -> f64, reference: fn(f64) -> f64, xs: &[f64]) -> (u64, usize) {
        let mut worst = 0;
        let mut equal = 0;
        for &x in xs {
            let (a, b) = (f(x), reference(x));
            let d = ulps(a, b);
            assert!(d <= 1, "{x:e}: {a:e} against {b:e}");
            worst = worst.max(d);
            equal += usize::from(d == 0);
        }
        (worst, equal)
    }

    #[test]
    fn exp2_of_whole_numbers_is_exact() {
        for k in -1074..=1023 {
            let want = if k >= -1022 {
                power_of_two(k)
            } else {
                f64::from_bits(1 << (k + 1074))
            };
            assert_eq!(exp2(f64::from(k)), want, "{k}");
        }
        assert_eq!(exp2(-1.0), 0.5);
        assert_eq!(exp2(0.0), 1.0);
        assert_eq!(exp2(-0.0), 1.0);
    }

    #[test]
    fn exp2_within_one_unit_of_libm() {
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        // Decay arguments: −elapsed / half-life, mostly within 60 half-lives.
        let mut xs: Vec<f64> = (0..200_000).map(|i| -f64::from(i) / 3_000.0).collect();
        xs.extend((0..200_000).map(|_| -60.0 * uniform(&mut seed)));
        xs.extend((0..100_000).map(|_| 2_000.0 * uniform(&mut seed) - 1_060.0));
        xs.extend((0..100_000).map(|_| 1e-9 * (uniform(&mut seed) - 0.5)));
        xs.extend([
            -1022.5, -1050.25, -1074.0, -1074.5, 1023.99, 0.5, -0.5, 1e-300,
        ]);
        let (worst, equal) = compare(exp2, f64::exp2, &xs);
        println!("exp2: worst {worst} ulp, {equal} of {} equal", xs.len());
        assert_eq!(exp2(-1081.0), 0.0);
        assert_eq!(exp2(1030.0), f64::INFINITY);
        assert!(exp2(f64::NAN).is_nan());
        assert_eq!(exp2(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn exp_within_one_unit_of_libm() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        // Privacy budgets ε (0.1 to 10) and the whole range.
        let mut xs: Vec<f64> = (0..200_000).map(|i| f64::from(i) / 20_000.0).collect();
        xs.extend((0..200_000).map(|_| 20.0 * uniform(&mut seed) - 10.0));
        xs.extend((0..100_000).map(|_| 1_400.0 * uniform(&mut seed) - 720.0));
        xs.extend([std::f64::consts::LN_2, 3f64.ln(), -708.5, 709.7, 1e-300]);
        let (worst, equal) = compare(exp, f64::exp, &xs);
        println!("exp: worst {worst} ulp, {equal} of {} equal", xs.len());
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-800.0), 0.0);
        assert_eq!(exp(720.0), f64::INFINITY);
        assert!(exp(f64::NAN).is_nan());
    }
}
