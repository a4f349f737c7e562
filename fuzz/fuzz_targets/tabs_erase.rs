//! Erase across tabs: three tabs interleave views, searches, removals (`removeItem`,
//! `removeInterest`, `removeSearch`), choices (`prefer`, `avoid`, `clearChoice`), pause and resume, resets and
//! neighbour lists with stale reads, overwriting writes, late storage events carrying their
//! values (an overwritten one taken in as the web layer does) and tabs that close. Once they
//! settle, nothing erased or removed is held anywhere, every view not erased is counted exactly
//! once, a removed search is not back from anything learned before its removal, and the
//! latest choices and pause hold (`shelfwise_fuzz::tabs`, which also keeps the
//! documented windows out of the scenarios as `tests/tabs_erase.rs` does). After every step
//! (all in one minute), and for every tab once they settle, items that meet the interests the
//! tab held before and after it, the items chosen or removed among them, rank with the tab's
//! kept score table as with one built afresh (`shelfwise_fuzz::table`).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Engine, ItemInput, Profile};
use shelfwise_fuzz::table::{items_for, same_as_afresh};
use shelfwise_fuzz::tabs::{Sim, ITEMS, NOW};

/// Ranks the items `x0`, `x1`, … (categories `c0` to `c3`, which choices name) and items
/// meeting the interests of `before` and of the engine's profile, and compares the ranking
/// with one over a table built afresh.
fn ranks_afresh(engine: &mut Engine, before: &Profile) {
    let mut list: Vec<ItemInput> = (0..ITEMS)
        .map(|i| {
            let mut item = ItemInput::with_id(format!("x{i}"));
            item.category = Some(vec![format!("c{}", i % 4)]);
            item
        })
        .collect();
    list.extend(items_for(before, 0, 24));
    list.extend(items_for(engine.profile(), 24, 24));
    same_as_afresh(engine, &list, &Default::default(), NOW);
}

/// `TABS_TRACE=1` prints each step (to read a failing input).
fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("TABS_TRACE").is_some())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut sim = Sim::new(3);
    while !u.is_empty() && !sim.full() {
        let (Ok(op), Ok(t), Ok(arg)) = (
            u.int_in_range(0u8..=16),
            u.int_in_range(0usize..=2),
            u.arbitrary::<u8>(),
        ) else {
            break;
        };
        let item = arg % ITEMS;
        if trace() {
            eprintln!("step: op {op}, tab {t}, arg {arg}");
        }
        if !sim.is_open(t) {
            continue;
        }
        let before = sim.tabs[t].engine.profile().clone();
        match op {
            0..=2 => sim.view(t, item),
            3 => {
                sim.flush(t, false);
            }
            4 => {
                sim.flush(t, true);
            }
            5 => sim.item_data(t, item),
            6 => sim.remove_item(t, item),
            7 => {
                if let Some(brand) = sim.some_brand(usize::from(arg)) {
                    sim.remove_interest(t, brand);
                }
            }
            8 => {
                let on_item = (arg & 0x80 != 0).then_some(item);
                let sign = [1, -1, 0][usize::from(arg >> 3) % 3];
                sim.choose(t, on_item, arg % 4, sign);
            }
            9 => sim.pause(t, arg & 1 == 1),
            10 => sim.reset(t),
            12 => {
                sim.deliver(t);
            }
            13 => sim.close(t),
            14 | 15 => sim.search(t, arg),
            16 => sim.remove_search(t, arg),
            _ => {
                sim.flush(t, true);
                sim.flush((t + 1) % 3, true);
            }
        }
        if sim.is_open(t) {
            ranks_afresh(&mut sim.tabs[t].engine, &before);
        }
    }
    sim.settle();
    for t in 0..3 {
        if sim.is_open(t) {
            let before = sim.tabs[t].engine.profile().clone();
            ranks_afresh(&mut sim.tabs[t].engine, &before);
        }
    }
    if std::env::var_os("TABS_STATS").is_some() {
        eprintln!("stats: {:?}, window: {}", sim.stats, sim.window);
    }
    // `TABS_CHECK_WINDOW=1` checks the window's scenarios too (they may fail).
    if !sim.window || std::env::var_os("TABS_CHECK_WINDOW").is_some() {
        sim.check();
    }
});
