//! The multi-tab merge: arbitrary interleavings of tracking, product pages handing over
//! neighbour lists (edits that are not events), stale reads, overwriting writes and late storage
//! events across three tabs. Once every tab has caught up, every event is counted exactly once
//! in every tab (each tab stays within its journal, as the web layer ensures), and after every
//! merge the profile's kept size figures equal a full count (`check_size`). After every step
//! (all in one minute), items that meet the interests the tab held before and after it rank
//! with its kept score table as with one built afresh (`shelfwise_fuzz::table`).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::pack::ItemDataInput;
use shelfwise::core::sync::JOURNAL_EVENTS;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, Profile};
use shelfwise_fuzz::table::{items_for, same_as_afresh};
use shelfwise_fuzz::{check_profile, check_size};

const NOW: f64 = 1_793_491_200_000.0;

struct Tab {
    engine: Engine,
    view: usize,
    tracked: u32,
}

fn flush(tab: &mut Tab, writes: &mut Vec<Option<Profile>>) -> bool {
    let stored = writes.get(tab.view).cloned().flatten();
    if tab.engine.merge_stored(stored, NOW).is_err() {
        return false;
    }
    check_size(tab.engine.profile());
    if !tab.engine.is_dirty() {
        return false;
    }
    writes.push(Some(tab.engine.profile().clone()));
    tab.view = writes.len() - 1;
    tab.engine.mark_saved();
    true
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut writes: Vec<Option<Profile>> = vec![None];
    let mut tabs: Vec<Tab> = (0..3)
        .map(|i| {
            let mut engine = Engine::new(&Config::default(), NOW);
            engine.set_writer(7 + i);
            Tab {
                engine,
                view: 0,
                tracked: 0,
            }
        })
        .collect();
    while !u.is_empty() {
        let (Ok(op), Ok(t)) = (u.int_in_range(0u8..=4), u.int_in_range(0usize..=2)) else {
            break;
        };
        let latest = writes.len() - 1;
        let Some(tab) = tabs.get_mut(t) else { break };
        let mut list = items_for(tab.engine.profile(), 0, 24);
        match op {
            0 | 1 if (tab.tracked as usize) < JOURNAL_EVENTS / 4 => {
                tab.tracked += 1;
                let mut it = ItemInput::with_id(format!("{t}-{}", tab.tracked));
                it.brand = Some(format!("{t}-{}", tab.tracked));
                let ev = EventInput {
                    kind: Some("view_item".into()),
                    item: Some(it),
                    ..Default::default()
                };
                tab.engine.track(ev, NOW).unwrap_or_default();
                if tab.engine.wants_sync() {
                    flush(tab, &mut writes);
                }
            }
            2 => {
                flush(tab, &mut writes);
            }
            3 => {
                tab.view = latest;
                flush(tab, &mut writes);
            }
            4 => {
                let data = ItemDataInput {
                    related: Some(vec![("n".into(), 500.0)]),
                    bought_together: None,
                };
                tab.engine
                    .add_item_data(&format!("{t}-{}", tab.tracked), data)
                    .unwrap_or_default();
            }
            _ => {}
        }
        list.extend(items_for(tab.engine.profile(), 24, 24));
        same_as_afresh(&mut tab.engine, &list, &Default::default(), NOW);
    }
    for tab in tabs.iter_mut() {
        flush(tab, &mut writes);
    }
    let mut settled = false;
    for _ in 0..10 {
        let mut wrote = false;
        for tab in tabs.iter_mut() {
            tab.view = writes.len() - 1;
            wrote |= flush(tab, &mut writes);
        }
        if !wrote {
            settled = true;
            break;
        }
    }
    assert!(settled, "tabs settle");
    let total: u32 = tabs.iter().map(|t| t.tracked).sum();
    for tab in &tabs {
        let p = tab.engine.profile();
        check_profile(p);
        assert_eq!(p.events, total);
        for (j, other) in tabs.iter().enumerate() {
            for n in 1..=other.tracked {
                let key = format!("b:{j}-{n}");
                let v = p.affinities.iter().find(|a| a.key() == key).map(|a| a.1);
                assert_eq!(v, Some(1.0), "{key} counted once");
            }
        }
    }
});
