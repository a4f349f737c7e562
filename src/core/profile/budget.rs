//! The size budget: an upper bound on the serialized (JSON) profile, and pruning by decayed
//! weight until the profile fits.

use super::affinity::Affinity;
use super::choice::Choice;
use super::neighbours::{CachedItem, NeighbourCache};
use super::taught::Taught;
use super::Profile;
use crate::core::order::by_score_desc;
use crate::core::pack::Weighted;

/// Upper bound of the JSON text of a string, quotes included: escapes counted at their longest.
/// Eight bytes are checked at once: the profile's size is estimated after every event, and
/// almost no stored byte needs escaping.
pub fn json_str_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 2;
    for chunk in &mut chunks {
        len += match <[u8; 8]>::try_from(chunk) {
            Ok(word) if !needs_escape(u64::from_le_bytes(word)) => 8,
            _ => escaped_len(chunk),
        };
    }
    len + escaped_len(chunks.remainder())
}

/// JSON length of `bytes` with every escape counted at its longest.
fn escaped_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|b| match b {
            b'"' | b'\\' => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum()
}

/// Whether any byte of `word` is below 0x20, `"` or `\`. Each test is the classic "has a
/// zero byte" bit trick; it may report a byte that needs no escape (the caller then counts
/// byte by byte), but never misses one.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGH != 0;
    below_space
        || zero_byte(word ^ (ONES * u64::from(b'"')))
        || zero_byte(word ^ (ONES * u64::from(b'\\')))
}

/// Upper bound of one stored number: quantized scores print in at most 11 characters and
/// minutes or counts in at most 10; 12 covers both with room.
const NUMBER: usize = 12;
/// `{"v":…,"c":…,"u":…,"s":…,"n":…,"k":…,"a":[],"rv":[],"rc":[],"rp":[],"rs":[]}` plus slack
/// for fields later schema versions add.
const FIXED: usize = 128;

/// Upper bound of one affinity's JSON: `["key",long,session,at,count],`.
pub fn affinity_len(a: &Affinity) -> usize {
    a.key_json_len() + 4 * NUMBER + 7
}

/// Upper bound of one choice's JSON: `["key",sign,at],`.
fn choice_len(c: &Choice) -> usize {
    json_str_len(&c.0) + 2 * NUMBER + 5
}

/// `,"w":[]`, the writer marks field (schema 2).
const WRITERS_FIELD: usize = 8;
/// Upper bound of one writer mark's JSON: `[writer,seq],`.
const WRITER_MARK: usize = 2 * NUMBER + 4;

/// `,"o":[]`, the order keys field.
const ORDERS_FIELD: usize = 8;

/// `,"r":[]`, `,"ra":[]`, `,"rm":[]` and `,"ct":[]`, the lineage, other starts, removal and
/// choice turn fields ([`super::lineage`], [`super::erased`], [`super::turns`]).
const ERASED_FIELDS: usize = 32;

fn list_len(list: &[String]) -> usize {
    list.iter().map(|s| json_str_len(s) + 1).sum()
}

/// Byte budgets tried, largest first, when storage is full: a smaller profile that is stored
/// beats a larger one that is not. The smallest equals the least `max_profile_bytes`.
pub const SHRINK_STEPS: [usize; 4] = [12_288, 8_192, 4_096, 2_048];

/// Upper bound of the profile's JSON length in bytes. A field added to [`Profile`] must be
/// counted here too (the `budget_bounds_real_json` test checks the bound).
pub fn estimate(p: &Profile) -> usize {
    FIXED
        + p.affinities.iter().map(affinity_len).sum::<usize>()
        + p.viewed.json_len()
        + p.cart.json_len()
        + p.purchased.json_len()
        + list_len(&p.searches)
        + p.moments.estimate()
        + p.choices.iter().map(choice_len).sum::<usize>()
        + 28 // `"x":[],"z":true,"zt":4294967295`, beyond the fixed part
        + cache_len(&p.neighbours)
        + WRITERS_FIELD
        + p.writers.len() * WRITER_MARK
        + ORDERS_FIELD
        + list_len(&p.orders)
        + ERASED_FIELDS
        + list_len(&p.lineage.ids)
        + list_len(&p.lineage.starts)
        + list_len(&p.removed)
        + list_len(&p.choice_turns)
        + TAUGHT_FIELD
        + p.taught.iter().map(Taught::json_len).sum::<usize>()
}

/// `,"it":[]`, the items' parts field ([`super::taught`]).
const TAUGHT_FIELD: usize = 8;

/// Upper bound of one item's part: `[["id",long,session,at,count],["key",…]],`. Each part
/// keeps its own ([`Taught::json_len`]), measured when its keys change: [`estimate`] runs after
/// every event and adds 30 numbers instead of counting about 200 keys.
pub fn taught_len(part: &Affinity, keys: &[String]) -> usize {
    affinity_len(part) + 6 + list_len(keys)
}

/// Characters of a neighbour weight: at most 1000, so 4 (restore enforces the range).
const WEIGHT_DIGITS: usize = 4;

/// Upper bound of one neighbour list's entries: `["id",w],` each.
pub fn neighbours_len(list: &[Weighted]) -> usize {
    list.iter()
        .map(|n| json_str_len(&n.0) + WEIGHT_DIGITS + 4)
        .sum()
}

/// Upper bound of one cached item: `["id",views,at,[…],[…]],`. Each item keeps its own
/// ([`CachedItem::json_len`]), measured when it is built and when its lists change.
pub fn cached_len(id: &str, related: &[Weighted], bought: &[Weighted]) -> usize {
    json_str_len(id) + 2 * NUMBER + 12 + neighbours_len(related) + neighbours_len(bought)
}

/// Upper bound of the neighbour cache: `"nb":{"t":…,"i":[…]},` plus its entries.
pub fn cache_len(c: &NeighbourCache) -> usize {
    20 + NUMBER + c.items.iter().map(CachedItem::json_len).sum::<usize>()
}

/// Share of the budget freed beyond the overshoot when pruning: a full profile is pruned to
/// `budget - budget / PRUNE_SLACK_DIVISOR`, so the next events fit without another sort (pruning
/// on every event of a long session cost more than the rest of `track` together).
pub const PRUNE_SLACK_DIVISOR: usize = 16;

/// When [`estimate`] exceeds `budget`, drops the weakest signals until it is at most
/// `budget - budget / PRUNE_SLACK_DIVISOR`. `strength` gives each affinity's decayed weight
/// now. If affinities alone cannot make room, the oldest history entries go next (searches,
/// viewed, purchased, then cart: the cart is what the shopper least expects to lose), then the
/// oldest order keys (a reload of that order's page would count again); explicit choices go
/// last, oldest first. Lineage ids and removal marks (at most 21 short numbers) stay. Cached
/// neighbour lists of the oldest items go first of all, then the oldest items' kept parts
/// ([`super::taught`]).
pub fn prune_to(p: &mut Profile, budget: usize, strength: impl Fn(&Affinity) -> f64) {
    let mut size = estimate(p);
    if size <= budget {
        return;
    }
    let budget = budget - budget / PRUNE_SLACK_DIVISOR;
    // Neighbour lists of the oldest cached items go first: a page hands its list over again
    // whenever the shopper comes back to it.
    for e in p.neighbours.items.iter_mut().rev() {
        if size <= budget {
            return;
        }
        size = size.saturating_sub(neighbours_len(e.related()) + neighbours_len(e.bought()));
        e.set_lists(Vec::new(), Vec::new());
    }
    // Then the oldest items' parts: removing such an item keeps what it taught (faded).
    while size > budget {
        match p.taught.pop() {
            Some(t) => size = size.saturating_sub(t.json_len()),
            None => break,
        }
    }
    // Usually enough: the kept parts are what grows between two prunings. Then no interest
    // is ranked (the sort was most of a pruning's cost).
    if size <= budget {
        return;
    }
    let mut strengths = Vec::with_capacity(p.affinities.len());
    for a in &p.affinities {
        strengths.push(strength(a));
    }
    let mut drop = vec![false; p.affinities.len()];
    // Weakest first.
    for i in by_score_desc(&strengths).into_iter().rev() {
        if size <= budget {
            break;
        }
        if let (Some(a), Some(flag)) = (p.affinities.get(i), drop.get_mut(i)) {
            size = size.saturating_sub(affinity_len(a));
            *flag = true;
        }
    }
    let mut idx = 0;
    p.affinities.retain(|_| {
        let keep = !drop.get(idx).copied().unwrap_or(false);
        idx += 1;
        keep
    });
    size = drop_history(p, size, budget);
    while size > budget {
        match p.moments.hesitation.pop() {
            Some((c, _)) => size = size.saturating_sub(json_str_len(&c) + NUMBER + 4),
            None => break,
        }
    }
    while size > budget {
        match p.neighbours.items.pop() {
            Some(e) => size = size.saturating_sub(e.json_len()),
            None => break,
        }
    }
    while size > budget {
        match p.choices.pop() {
            Some(c) => size = size.saturating_sub(choice_len(&c)),
            None => break,
        }
    }
}

/// Drops the oldest history entries (searches, viewed, purchased, cart, then order keys)
/// while `size` exceeds `budget`; returns the size left. Not generic, so the copies of
/// [`prune_to`] stay identical (the linker keeps one).
#[inline(never)]
fn drop_history(p: &mut Profile, mut size: usize, budget: usize) -> usize {
    let mut drop = |pop: &mut dyn FnMut() -> Option<String>| {
        while size > budget {
            match pop() {
                Some(s) => size = size.saturating_sub(json_str_len(&s) + 1),
                None => break,
            }
        }
    };
    drop(&mut || p.searches.pop());
    drop(&mut || p.viewed.pop());
    drop(&mut || p.purchased.pop());
    drop(&mut || p.cart.pop());
    drop(&mut || p.orders.pop());
    size
}

#[cfg(test)]
mod speed_tests {
    use super::*;

    fn naive(s: &str) -> usize {
        2 + s
            .bytes()
            .map(|b| match b {
                b'"' | b'\\' => 2,
                0..=0x1f => 6,
                _ => 1,
            })
            .sum::<usize>()
    }

    #[test]
    fn word_at_a_time_length_equals_byte_by_byte() {
        let pieces = [
            "a", "\"", "\\", "\n", "\u{1f}", " ", "é", "日本", "\u{7f}", "!", "~",
        ];
        let mut s = String::new();
        for i in 0..400 {
            assert_eq!(json_str_len(&s), naive(&s), "{s:?}");
            s.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
        }
        for n in 0..20 {
            let clean = "x".repeat(n);
            assert_eq!(json_str_len(&clean), n + 2);
        }
    }

    #[test]
    fn escapes_in_every_place_of_short_texts_are_counted() {
        for n in 1..20 {
            for at in 0..n {
                for e in ["\"", "\\", "\n", "\u{1f}"] {
                    let mut s = "x".repeat(n);
                    s.replace_range(at..=at, e);
                    assert_eq!(json_str_len(&s), naive(&s), "{s:?}");
                }
            }
        }
    }
}
