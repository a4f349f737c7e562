//! The size estimate counted from every string of a profile: the reference for the figures
//! that interests, kept parts, cached items and history lists keep of their JSON (the full
//! sums `budget::estimate` did before they kept them). Shared by `tests/taught_len_props.rs`
//! and the fuzz targets (`fuzz/src/lib.rs` includes this file), which check after their
//! operations that the kept figures equal these counts.

use shelfwise::core::pack::Weighted;
use shelfwise::core::profile::budget::{affinity_len, json_str_len};
use shelfwise::core::Profile;

/// The kept parts' bound counted from their strings: what `budget::estimate` summed before.
pub fn full_sum(p: &Profile) -> usize {
    p.taught
        .iter()
        .map(|t| {
            affinity_len(&t.0) + 6 + t.keys().iter().map(|k| json_str_len(k) + 1).sum::<usize>()
        })
        .sum()
}

/// `budget::estimate` counted from every string of the profile, as it was before interests
/// kept their keys' bound: the fixed parts (`FIXED`, `"x"`/`"z"`/`"zt"`, the fields of the
/// writer marks, order keys, lineage and removals, and of the kept parts) and each entry.
pub fn full_estimate(p: &Profile) -> usize {
    const NUMBER: usize = 12;
    let list = |l: &[String]| l.iter().map(|s| json_str_len(s) + 1).sum::<usize>();
    let neighbours = |l: &[Weighted]| l.iter().map(|n| json_str_len(&n.0) + 4 + 4).sum::<usize>();
    128 + p
        .affinities
        .iter()
        .map(|a| json_str_len(a.key()) + 4 * NUMBER + 7)
        .sum::<usize>()
        + list(&p.viewed)
        + list(&p.cart)
        + list(&p.purchased)
        + list(&p.searches)
        + p.moments.estimate()
        + p.choices
            .iter()
            .map(|c| json_str_len(&c.0) + 2 * NUMBER + 5)
            .sum::<usize>()
        + 28
        + 20
        + NUMBER
        + p.neighbours
            .items
            .iter()
            .map(|e| {
                json_str_len(e.id())
                    + 2 * NUMBER
                    + 12
                    + neighbours(e.related())
                    + neighbours(e.bought())
            })
            .sum::<usize>()
        + 8
        + p.writers.len() * (2 * NUMBER + 4)
        + 8
        + list(&p.orders)
        + 32
        + list(&p.lineage.ids)
        + list(&p.lineage.starts)
        + list(&p.removed)
        + list(&p.choice_turns)
        + 8
        + full_sum(p)
}
