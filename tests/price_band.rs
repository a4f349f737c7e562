//! Price bands are computed from a price's binary form, without `log2` (whose wasm build
//! carried lookup tables): ⌊2 · log2 price⌋ exactly. Checked against an integer reference at
//! every band edge, and against the old `log2` formula for every price a shop writes with
//! cents, where the two must agree.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use shelfwise::core::facet::price_band;

/// The band by integers: `price = M · 2^(e − 52)` with `M` < 2^53, and ⌊2 · log2 price⌋ is
/// `2e` plus one when `M² ≥ 2 · 2^104`.
fn reference(price: f64) -> u32 {
    if !(1.0..f64::INFINITY).contains(&price) {
        return 0;
    }
    let bits = price.to_bits();
    let e = (bits >> 52) as u32 - 1023;
    let m = u128::from(bits & ((1 << 52) - 1) | (1 << 52));
    2 * e + u32::from(m * m >= 2 << 104) + 1
}

/// The formula used before (musl's `log2` on wasm, the platform's here).
fn by_log2(price: f64) -> u32 {
    if price.is_nan() || price < 1.0 {
        return 0;
    }
    let b = (price.log2() * 2.0).floor();
    if b.is_finite() && b >= 0.0 {
        (b as u32).saturating_add(1)
    } else {
        0
    }
}

#[test]
fn exact_at_every_band_edge() {
    // The doubles around each edge 2^(k/2) up to 1e12 (the largest price accepted) and far beyond.
    for k in 0..2046 {
        let edge = 2f64.powf(f64::from(k) / 2.0);
        let mut p = f64::from_bits(edge.to_bits() - 300);
        for _ in 0..600 {
            assert_eq!(price_band(p), reference(p), "{p:e}");
            p = f64::from_bits(p.to_bits() + 1);
        }
    }
    for p in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        0.999,
        1e-300,
        f64::MAX,
    ] {
        assert_eq!(price_band(p), reference(p), "{p:e}");
    }
    assert_eq!(price_band(f64::MAX), 2048);
}

#[test]
fn same_bands_as_log2_for_prices_in_cents() {
    // Every price from 0 to 200,000.00 in cents, then sparser up to 1e12.
    for c in 0..20_000_000u32 {
        let p = f64::from(c) / 100.0;
        assert_eq!(price_band(p), by_log2(p), "{p}");
    }
    let mut p = 200_000.0f64;
    while p <= 1e12 {
        assert_eq!(price_band(p), by_log2(p), "{p}");
        p = (p * 1.000_37 * 100.0).round() / 100.0;
    }
}
