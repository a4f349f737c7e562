//! Property test of the kept parts' size figure ([`shelfwise::core::profile::taught`]): each
//! part keeps the upper bound of its JSON, computed when its keys change, so the size budget
//! is checked after every event without walking every kept key. After any sequence of
//! learning, removing items and interests, pruning, restoring and merging, every part's figure
//! equals the bound counted from its strings (the full sum the estimate did before). Each
//! interest keeps its key's bound the same way, so the whole estimate is checked against a
//! count made from every string of the profile (`full_estimate`, in
//! `tests/common/estimate.rs`, which the fuzz targets check too); the viewed, cart and
//! purchased lists keep their total too ([`shelfwise::core::profile::text_list`]), so purchases
//! and damaged stored lists are among the operations.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

#[path = "common/estimate.rs"]
mod estimate;

use estimate::{full_estimate, full_sum};
use proptest::prelude::*;
use shelfwise::core::pack::Weighted;
use shelfwise::core::profile::budget::{self, affinity_len, json_str_len};
use shelfwise::core::profile::taught::MAX_TAUGHT_KEYS;
use shelfwise::core::{Config, Event, Item, Profile};

const T0: u32 = 29_000_000;

/// Pieces of ids and keys, some needing JSON escapes or several bytes.
const PIECES: [&str; 8] = ["a", "7", "\"", "\\", "\n", "é", "日本", "x-y"];

fn text(seed: u32, n: usize) -> String {
    (0..n)
        .map(|i| PIECES[(seed as usize + i * 3) % PIECES.len()])
        .collect()
}

/// Item `id` in `variant`: the variant changes its keys (category depth, brand, tags), so a
/// kept part's keys are replaced, shortened and lengthened.
fn item(id: u32, variant: u32) -> Item {
    let mut it = Item::with_id(format!("p{id}{}", text(id, (id % 3) as usize)));
    let depth = (variant % 4) as usize;
    it.category = (0..depth)
        .map(|d| text(variant + d as u32, d + 1))
        .collect();
    if variant % 2 == 0 {
        it.brand = Some(text(variant * 7, 1 + (variant % 5) as usize));
    }
    it.tags = (0..(variant % 3)).map(|t| text(t + variant, 2)).collect();
    if variant % 5 == 1 {
        it.price = Some(f64::from(variant) * 3.5);
    }
    it
}

#[derive(Debug, Clone)]
enum Op {
    View(u32, u32),
    Impressions(Vec<(u32, u32)>),
    Click(u32, u32),
    Cart(u32, u32),
    Uncart(u32, u32),
    Purchase(u32, u32),
    /// Stored history lists with repeated, empty and over-long ids, then a restore (which
    /// cuts them).
    DamagedLists(u32, usize),
    RemoveItem(u32),
    /// Removes the interest at this index of the profile's interests, if any.
    RemoveInterest(usize),
    Prune(usize),
    /// A stored part with up to twice too many keys, then a restore (which cuts them).
    Damaged(u32, usize),
    Restore,
    Merge(Vec<(u32, u32)>),
    Wait(u32),
    Search(u32),
    /// An interest as an older version stored it (unfolded letters, an unsplit search
    /// term), then a restore through the stored form (which folds and splits it).
    OldSpelling(u32),
    /// Neighbour lists handed over for an item (some entries repeated or out of range, as a
    /// damaged stored cache holds them: the next restore cuts them).
    NeighbourData(u32, usize),
}

fn pair() -> impl Strategy<Value = (u32, u32)> {
    (0u32..45, 0u32..12)
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => pair().prop_map(|(i, v)| Op::View(i, v)),
        2 => prop::collection::vec(pair(), 0..8).prop_map(Op::Impressions),
        2 => pair().prop_map(|(i, v)| Op::Click(i, v)),
        1 => pair().prop_map(|(i, v)| Op::Cart(i, v)),
        1 => pair().prop_map(|(i, v)| Op::Uncart(i, v)),
        1 => pair().prop_map(|(i, v)| Op::Purchase(i, v)),
        1 => (0u32..45, 0usize..70).prop_map(|(i, n)| Op::DamagedLists(i, n)),
        2 => (0u32..45).prop_map(Op::RemoveItem),
        2 => (0usize..40).prop_map(Op::RemoveInterest),
        1 => (200usize..6_000).prop_map(Op::Prune),
        1 => (0u32..45, 0usize..90).prop_map(|(i, n)| Op::Damaged(i, n)),
        1 => Just(Op::Restore),
        1 => prop::collection::vec(pair(), 0..6).prop_map(Op::Merge),
        1 => prop_oneof![0u32..5, 0u32..200_000].prop_map(Op::Wait),
        1 => (0u32..40).prop_map(Op::Search),
        1 => (0u32..6).prop_map(Op::OldSpelling),
        2 => (0u32..45, 0usize..12).prop_map(|(i, n)| Op::NeighbourData(i, n)),
    ]
}

fn check(p: &Profile) -> Result<(), TestCaseError> {
    for a in &p.affinities {
        prop_assert_eq!(
            a.key_json_len(),
            json_str_len(a.key()),
            "interest {:?}",
            a.key()
        );
    }
    prop_assert_eq!(budget::estimate(p), full_estimate(p));
    for t in &p.taught {
        let full =
            affinity_len(&t.0) + 6 + t.keys().iter().map(|k| json_str_len(k) + 1).sum::<usize>();
        prop_assert_eq!(t.json_len(), full, "part {:?} {:?}", t.id(), t.keys());
    }
    let fast: usize = p.taught.iter().map(|t| t.json_len()).sum();
    prop_assert_eq!(fast, full_sum(p));
    Ok(())
}

fn apply(p: &mut Profile, op: &Op, config: &Config, now: &mut u32) {
    match op {
        Op::View(i, v) => p.learn(&Event::ViewItem(item(*i, *v)), config, *now),
        Op::Impressions(list) => {
            let items = list.iter().map(|(i, v)| item(*i, *v)).collect();
            p.learn(&Event::ViewItemList(items), config, *now);
        }
        Op::Click(i, v) => p.learn(&Event::SelectItem(item(*i, *v)), config, *now),
        Op::Cart(i, v) => p.learn(&Event::AddToCart(vec![item(*i, *v)]), config, *now),
        Op::Uncart(i, v) => p.learn(&Event::RemoveFromCart(vec![item(*i, *v)]), config, *now),
        Op::Purchase(i, v) => p.learn(&Event::Purchase(vec![item(*i, *v)], None), config, *now),
        Op::DamagedLists(i, n) => {
            let ids: Vec<String> = (0..*n)
                .map(|k| match k % 7 {
                    0 => String::new(),
                    1 => "x".repeat(300 + k),
                    _ => item(i + (k % 5) as u32, 0).id,
                })
                .collect();
            let json = serde_json::json!(ids);
            let mut stored = serde_json::to_value(&*p).unwrap();
            for field in ["rv", "rc", "rp"] {
                stored[field] = json.clone();
            }
            let read: Profile = serde_json::from_value(stored).unwrap();
            *p = read.restore(config, *now).unwrap().profile;
        }
        Op::RemoveItem(i) => {
            let id = item(*i, 0).id;
            p.remove_item(&id, config);
        }
        Op::RemoveInterest(n) => {
            if let Some(key) = p.affinities.get(*n).map(|a| a.key().to_owned()) {
                p.remove_interest(&key);
            }
        }
        Op::Prune(bytes) => budget::prune_to(p, *bytes, |a| a.1),
        Op::Damaged(i, n) => {
            let keys = (0..*n).map(|k| text(k as u32 + i, 1 + k % 4)).collect();
            let mut part = shelfwise::core::profile::taught::Taught::new(
                shelfwise::core::profile::Affinity::new(item(*i, 0).id, *now),
                keys,
            );
            part.0 .4 = 1;
            p.taught.insert(0, part);
            // As the browser's reader does: parts built from the stored text, then restored.
            *p = p.clone().restore(config, *now).unwrap().profile;
        }
        Op::Restore => restore(p, config, *now),
        Op::Merge(list) => {
            let mut page = Profile::new(*now);
            for (i, v) in list {
                page.learn(&Event::ViewItem(item(*i, *v)), config, *now);
            }
            p.absorb(&page, config, *now);
        }
        Op::Wait(minutes) => *now += minutes,
        Op::Search(seed) => {
            let query = format!("{} Shoes {}", text(*seed, 2), text(seed + 3, 3));
            let search = Event::Search {
                query,
                results: Vec::new(),
            };
            p.learn(&search, config, *now);
        }
        Op::OldSpelling(seed) => {
            let key = [
                "c:Кроссовки",
                "b:Élan",
                "q:新款跑鞋",
                "q:nike跑鞋",
                "q:a\"b c",
            ][*seed as usize % 5];
            let old = shelfwise::core::profile::Affinity::from_parts(key.into(), 2.0, 1.0, *now, 1);
            p.affinities.push(old);
            restore(p, config, *now);
        }
        Op::NeighbourData(i, n) => {
            let list = |k: usize| {
                (0..*n)
                    .map(|j| {
                        Weighted(
                            text((j % (k + 2)) as u32 + i, 1 + j % 3),
                            (j * 97 % 1200) as u32,
                        )
                    })
                    .collect()
            };
            p.neighbours.set_data(&item(*i, 0).id, list(*n), list(1));
        }
    }
}

/// Restores `p` as a page load does, through its stored (serde) form: parts read back get
/// their figure from their strings.
fn restore(p: &mut Profile, config: &Config, now: u32) {
    let json = serde_json::to_string(&*p).unwrap();
    let read: Profile = serde_json::from_str(&json).unwrap();
    *p = read.restore(config, now).unwrap().profile;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The kept parts' and interests' figures, and the estimate, equal the full counts after
    /// any sequence of operations.
    #[test]
    fn kept_parts_figure_equals_the_full_sum(ops in prop::collection::vec(op(), 1..80)) {
        let config = Config::default();
        let mut now = T0;
        let mut p = Profile::new(now);
        for op in &ops {
            apply(&mut p, op, &config, &mut now);
            check(&p)?;
        }
        prop_assert!(p.taught.len() <= shelfwise::core::profile::taught::MAX_TAUGHT);
        prop_assert!(p.taught.iter().all(|t| t.keys().len() <= MAX_TAUGHT_KEYS));
    }
}

/// The history lists are stored as plain arrays of ids (their figure is not stored).
#[test]
fn history_lists_are_stored_as_plain_arrays() {
    let config = Config::default();
    let mut p = Profile::new(T0);
    p.learn(&Event::ViewItem(item(1, 0)), &config, T0);
    p.learn(&Event::AddToCart(vec![item(2, 0)]), &config, T0);
    p.learn(&Event::Purchase(vec![item(3, 0)], None), &config, T0);
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["rv"], serde_json::json!([item(1, 0).id]));
    assert_eq!(json["rc"], serde_json::json!([item(2, 0).id]));
    assert_eq!(json["rp"], serde_json::json!([item(3, 0).id]));
    let back: Profile = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
}

/// The stored form is unchanged: a part is written as `[[id, long, session, at, count],
/// [keys…]]`, the figure is not stored.
#[test]
fn a_part_is_stored_as_its_id_numbers_and_keys_only() {
    let config = Config::default();
    let mut p = Profile::new(T0);
    p.learn(&Event::ViewItem(item(1, 2)), &config, T0);
    let json = serde_json::to_value(&p).unwrap();
    let it = &json["it"][0];
    assert_eq!(it.as_array().unwrap().len(), 2, "{it}");
    assert_eq!(it[0][0], serde_json::json!(p.taught[0].id()));
    assert_eq!(it[1], serde_json::json!(p.taught[0].keys()));
}
