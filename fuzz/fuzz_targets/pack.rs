//! Catalog-pack data as pages hand it over (neighbour lists, popularity), then every slot with
//! arbitrary options: bad data is refused with a field error and leaves the engine unchanged;
//! a slot never exceeds its count, never repeats or returns an excluded id, and comes back
//! full whenever the popularity data alone has enough other items.
#![no_main]

use std::collections::HashSet;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::id::IdText;
use shelfwise::core::pack::validate::{MAX_NEIGHBOURS, MAX_POPULAR};
use shelfwise::core::pack::{BlendInput, ItemDataInput, PopularityInput};
use shelfwise::core::recommend::options::SLOT_NAMES;
use shelfwise::core::recommend::RecommendOptionsInput;
use shelfwise::core::{Config, Engine, EventInput, ItemInput};
use shelfwise_fuzz::{check_profile, number, opt, pack_id, pairs, text};

const NOW: f64 = 1_793_491_200_000.0;

fn popularity(u: &mut Unstructured) -> arbitrary::Result<PopularityInput> {
    Ok(PopularityInput {
        overall: opt(u, |u| pairs(u, MAX_POPULAR))?,
        categories: opt(u, |u| {
            let n = u.int_in_range(0..=4)?;
            (0..n)
                .map(|_| Ok((text(u)?, pairs(u, MAX_POPULAR)?)))
                .collect()
        })?,
        blend: opt(u, |u| {
            Ok(BlendInput {
                repeat: opt(u, number)?,
                decay: opt(u, number)?,
                bought: opt(u, number)?,
            })
        })?,
    })
}

fn item_data(u: &mut Unstructured) -> arbitrary::Result<ItemDataInput> {
    Ok(ItemDataInput {
        related: opt(u, |u| pairs(u, MAX_NEIGHBOURS))?,
        bought_together: opt(u, |u| pairs(u, MAX_NEIGHBOURS))?,
    })
}

fn view(id: String, category: String) -> EventInput {
    let mut item = ItemInput::with_id(id);
    item.item_category = Some(category);
    EventInput {
        kind: Some("view_item".into()),
        item: Some(item),
        ..Default::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut engine = Engine::new(&Config::default(), NOW);
    let mut popular: Vec<String> = Vec::new();
    for step in 0..12u32 {
        let Ok(op) = u.int_in_range(0u8..=2) else {
            break;
        };
        let t = NOW + f64::from(step) * 1000.0;
        match op {
            0 => {
                let (Ok(id), Ok(d)) = (pack_id(&mut u), item_data(&mut u)) else {
                    break;
                };
                let before = engine.profile().clone();
                if engine.add_item_data(&id, d).is_err() {
                    assert_eq!(engine.profile(), &before, "refused data changes nothing");
                }
            }
            1 => {
                let Ok(p) = popularity(&mut u) else { break };
                let overall: Vec<String> = p
                    .overall
                    .iter()
                    .flatten()
                    .filter(|(_, w)| *w >= 0.5)
                    .map(|(id, _)| id.0.clone())
                    .collect();
                if engine.set_popularity(p).is_ok() {
                    popular = overall;
                }
            }
            _ => {
                let (Ok(id), Ok(cat)) = (pack_id(&mut u), text(&mut u)) else {
                    break;
                };
                let _ = engine.track(view(id, cat), t);
            }
        }
    }
    check_profile(engine.profile());
    let p = engine.profile();
    // Everything a slot may block: excluded ids are added below, per slot.
    let mut seen: HashSet<&str> = p.viewed.iter().map(String::as_str).collect();
    seen.extend(p.neighbours.items.iter().map(|e| e.id()));
    for name in SLOT_NAMES {
        let Ok(input) = (|| -> arbitrary::Result<RecommendOptionsInput> {
            Ok(RecommendOptionsInput {
                count: opt(&mut u, number)?,
                item: opt(&mut u, |u| Ok(IdText(pack_id(u)?)))?,
                exclude: opt(&mut u, |u| {
                    let n = u.int_in_range(0..=4)?;
                    (0..n).map(|_| Ok(IdText(pack_id(u)?))).collect()
                })?,
                exclude_seen: opt(&mut u, |u| u.arbitrary())?,
            })
        })() else {
            break;
        };
        let Ok(options) = input.validate(name) else {
            continue;
        };
        let out = engine.recommend(&options);
        assert!(out.len() <= options.count, "{name}: at most count");
        let ids: HashSet<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), out.len(), "{name}: no repeats");
        for id in &options.exclude {
            assert!(!ids.contains(id.as_str()), "{name}: excluded {id} returned");
        }
        // Popular items that no rule of any slot could block: if there are enough, the slot is full.
        let free: HashSet<&str> = popular
            .iter()
            .map(|s| s.trim())
            .filter(|id| {
                !seen.contains(id)
                    && !options.exclude.iter().any(|e| e == id)
                    && options.item.as_deref() != Some(*id)
            })
            .collect();
        if free.len() >= options.count {
            assert_eq!(
                out.len(),
                options.count,
                "{name}: full while popularity has enough"
            );
        }
    }
});
