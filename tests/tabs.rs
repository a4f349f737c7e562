//! Many tabs, one stored profile: the merge protocol of `core::sync`, simulated with tabs whose
//! view of storage can be stale (as each Chromium renderer's localStorage cache can be), writes
//! that overwrite each other, and storage events delivered late or not at all until the end.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use proptest::prelude::*;
use shelfwise::core::sync::JOURNAL_EVENTS;
use shelfwise::core::{Config, Engine, Profile};

/// Everything ever written, newest last (`None` = removed).
struct Storage {
    writes: Vec<Option<String>>,
}

struct Tab {
    engine: Engine,
    /// Index of the write this tab's storage cache shows.
    view: usize,
    tracked: u32,
}

impl Storage {
    fn read(&self, view: usize) -> Option<Profile> {
        self.writes[view]
            .as_deref()
            .map(|t| serde_json::from_str(t).unwrap())
    }
    fn latest(&self) -> usize {
        self.writes.len() - 1
    }
}

/// The web layer's flush: read (through this tab's possibly stale view), merge, write if needed.
fn flush(tab: &mut Tab, storage: &mut Storage) -> bool {
    let stored = storage.read(tab.view);
    tab.engine.merge_stored(stored, T0).unwrap();
    if !tab.engine.is_dirty() {
        return false;
    }
    let text = serde_json::to_string(tab.engine.profile()).unwrap();
    assert!(text.len() <= 16 * 1024);
    storage.writes.push(Some(text));
    tab.view = storage.latest();
    tab.engine.mark_saved();
    true
}

/// A storage event: the tab's cache catches up, then it merges (and writes if it had events
/// the stored profile lacked).
fn deliver(tab: &mut Tab, storage: &mut Storage) -> bool {
    tab.view = storage.latest();
    flush(tab, storage)
}

fn view_event(tab: usize, n: u32) -> shelfwise::core::EventInput {
    event(
        "view_item",
        item(&format!("t{tab}-{n}"), "shoes", &format!("t{tab}e{n}")),
    )
}

fn track(tabs: &mut [Tab], storage: &mut Storage, t: usize) {
    let tab = &mut tabs[t];
    tab.tracked += 1;
    tab.engine.track(view_event(t, tab.tracked), T0).unwrap();
    if tab.engine.wants_sync() {
        flush(tab, storage);
    }
}

fn new_tabs(n: usize) -> Vec<Tab> {
    (0..n)
        .map(|i| {
            let mut engine = Engine::new(&Config::default(), T0);
            engine.set_writer(1000 + i as u32);
            Tab {
                engine,
                view: 0,
                tracked: 0,
            }
        })
        .collect()
}

/// Delivers storage events round-robin until no tab writes any more.
fn settle(tabs: &mut [Tab], storage: &mut Storage) {
    for tab in tabs.iter_mut() {
        flush(tab, storage);
    }
    for _round in 0..10 {
        let mut wrote = false;
        for tab in tabs.iter_mut() {
            wrote |= deliver(tab, storage);
        }
        if !wrote {
            return;
        }
    }
    panic!("tabs did not settle");
}

/// Every tab's profile holds every tab's every view exactly once.
fn assert_all_counted(tabs: &[Tab]) {
    let total: u32 = tabs.iter().map(|t| t.tracked).sum();
    for (i, tab) in tabs.iter().enumerate() {
        let p = tab.engine.profile();
        assert_eq!(p.events, total, "tab {i} counts every event once");
        let shoes = p.affinities.iter().find(|a| a.key() == "c:shoes");
        assert_eq!(shoes.map_or(0.0, |a| a.1), f64::from(total), "tab {i}");
        for (j, other) in tabs.iter().enumerate() {
            for n in 1..=other.tracked {
                let key = format!("b:t{j}e{n}");
                let a = p.affinities.iter().find(|a| a.key() == key);
                assert_eq!(a.map(|a| a.1), Some(1.0), "tab {i} holds {key} once");
            }
        }
    }
}

#[test]
fn two_tabs_interleaved_count_every_view() {
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(2);
    for round in 0..100 {
        for t in 0..2 {
            track(&mut tabs, &mut storage, t);
            // Each tab flushes after its own event through a stale view: it sees the other
            // tab's writes only every fifth round, so most writes overwrite the other's.
            flush(&mut tabs[t], &mut storage);
            if round % 5 == 4 {
                tabs[1 - t].view = storage.latest();
            }
        }
    }
    settle(&mut tabs, &mut storage);
    assert_all_counted(&tabs);
    assert_eq!(tabs[0].engine.profile(), tabs[1].engine.profile());
}

#[test]
fn last_writer_wins_would_lose_what_the_merge_keeps() {
    // Two tabs start from the same stored state and both write without seeing each other.
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(2);
    track(&mut tabs, &mut storage, 0);
    track(&mut tabs, &mut storage, 1);
    flush(&mut tabs[0], &mut storage);
    flush(&mut tabs[1], &mut storage); // stale view: overwrites tab 0's write
    let latest = storage.read(storage.latest()).unwrap();
    assert_eq!(latest.events, 1, "plain overwrite lost tab 0's event");
    settle(&mut tabs, &mut storage);
    assert_all_counted(&tabs);
}

fn track_unsynced(tab: &mut Tab, t: usize, n: usize) {
    for _ in 0..n {
        tab.tracked += 1;
        let k = tab.tracked;
        tab.engine.track(view_event(t, k), T0).unwrap();
    }
}

#[test]
fn a_tab_whose_writes_failed_keeps_everything_it_learned() {
    // Tab 0 wrote once, then storage refused its writes (quota) while it learned more than
    // its journal holds. Its own stored profile is older than what it has: it keeps its own.
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(1);
    track(&mut tabs, &mut storage, 0);
    flush(&mut tabs[0], &mut storage);
    track_unsynced(&mut tabs[0], 0, JOURNAL_EVENTS + 10);
    let merged = tabs[0]
        .engine
        .merge_stored(storage.read(storage.latest()), T0)
        .unwrap();
    assert!(merged.kept_local && merged.lost == 0);
    assert_eq!(tabs[0].engine.profile().events, tabs[0].tracked);
    flush(&mut tabs[0], &mut storage);
    assert_all_counted(&tabs);
}

#[test]
fn tabs_far_out_of_touch_lose_a_bounded_amount_and_settle() {
    // Two tabs never see each other's writes while each learns more than its journal keeps:
    // the merge replays what the journals hold, reports the rest as lost, and the tabs settle
    // instead of overwriting each other forever.
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(2);
    let extra = 10;
    for (t, tab) in tabs.iter_mut().enumerate() {
        track_unsynced(tab, t, JOURNAL_EVENTS + extra);
        flush(tab, &mut storage); // stale view: tab 1 overwrites tab 0
    }
    tabs[0].view = storage.latest();
    let merged = tabs[0]
        .engine
        .merge_stored(storage.read(storage.latest()), T0)
        .unwrap();
    assert_eq!(merged.lost as usize, extra);
    assert_eq!(merged.replayed, JOURNAL_EVENTS);
    settle(&mut tabs, &mut storage);
    let p = tabs[1].engine.profile();
    assert_eq!(p.events as usize, 2 * JOURNAL_EVENTS + extra);
    assert_eq!(tabs[0].engine.profile(), p);
}

#[test]
fn stored_profile_stays_bounded_with_many_writers() {
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(40);
    for t in 0..40 {
        track(&mut tabs, &mut storage, t);
        deliver(&mut tabs[t], &mut storage);
    }
    let latest = storage.read(storage.latest()).unwrap();
    assert_eq!(latest.events, 40);
    assert_eq!(
        latest.writers.len(),
        shelfwise::core::profile::writers::MAX_WRITERS
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any interleaving of tracking, neighbour-list edits, flushing through stale views and late
    /// storage events: once storage events arrive, every tab holds every event exactly once.
    #[test]
    fn any_interleaving_counts_every_event_once(
        tab_count in 2usize..4,
        ops in prop::collection::vec((0u8..5, 0usize..3), 1..200),
    ) {
        let mut storage = Storage { writes: vec![None] };
        let mut tabs = new_tabs(tab_count);
        for (op, t) in ops {
            let t = t % tab_count;
            match op {
                0 | 1 if tabs[t].tracked < 60 => track(&mut tabs, &mut storage, t),
                2 => { flush(&mut tabs[t], &mut storage); }
                3 => { deliver(&mut tabs[t], &mut storage); }
                // A product page hands over its neighbour lists: an edit, not an event.
                4 => {
                    let id = format!("t{t}-{}", tabs[t].tracked);
                    tabs[t].engine.add_item_data(&id, neighbours(&["n"])).unwrap();
                }
                _ => {}
            }
        }
        settle(&mut tabs, &mut storage);
        assert_all_counted(&tabs);
    }
}

/// A removal is not an event the journal can replay: the tab that made it applies it again on
/// top of what is stored, so the removed interest must not come back.
#[test]
fn a_removal_in_one_tab_is_not_undone_by_the_next_merge() {
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(2);
    for n in 0..3 {
        track(&mut tabs, &mut storage, 0);
        track(&mut tabs, &mut storage, 1);
        let _ = n;
    }
    settle(&mut tabs, &mut storage);
    let key = tabs[0].engine.snapshot(T0).interests[0].key.clone();
    assert!(tabs[0].engine.remove_interest(&key));
    assert!(flush(&mut tabs[0], &mut storage), "the removal is written");
    let stored = storage.read(storage.latest()).unwrap();
    assert!(
        stored.affinities.iter().all(|a| a.key() != key),
        "{key} stays removed"
    );
    // The other tab learns of it through the storage event, and later events still merge.
    deliver(&mut tabs[1], &mut storage);
    assert!(tabs[1]
        .engine
        .profile()
        .affinities
        .iter()
        .all(|a| a.key() != key));
    track(&mut tabs, &mut storage, 1);
    settle(&mut tabs, &mut storage);
    assert_eq!(
        tabs[0].engine.profile().events,
        tabs[1].engine.profile().events
    );
}

/// Neighbour lists as a product page hands them over.
fn neighbours(ids: &[&str]) -> shelfwise::core::pack::ItemDataInput {
    shelfwise::core::pack::ItemDataInput {
        related: Some(ids.iter().map(|id| ((*id).into(), 500.0)).collect()),
        bought_together: None,
    }
}

#[test]
fn edits_in_one_tab_keep_the_events_another_tab_stored_meanwhile() {
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(2);
    for _ in 0..3 {
        track(&mut tabs, &mut storage, 0);
        track(&mut tabs, &mut storage, 1);
    }
    settle(&mut tabs, &mut storage);
    let removed = "b:t0e1";
    // Tab 1 tracks, writes and is closed (its journal is gone) before tab 0 hears of it. Tab 0
    // meanwhile shows a product page (its neighbour lists are cached: an edit), and the
    // shopper removes an interest, makes a choice and pauses in the panel.
    track(&mut tabs, &mut storage, 1);
    track(&mut tabs, &mut storage, 1);
    assert!(flush(&mut tabs[1], &mut storage));
    tabs.truncate(1);
    let t0 = &mut tabs[0];
    t0.engine
        .add_item_data("t0-1", neighbours(&["n1", "n2"]))
        .unwrap();
    assert!(t0.engine.remove_interest(removed));
    let more = shelfwise::core::profile::ChoiceTarget::Key("c:shoes".into());
    t0.engine.choose(&more, 1, "key", T0).unwrap();
    t0.engine.set_paused(true);
    // The write reads storage as it is now (the storage event is still on its way).
    t0.view = storage.latest();
    assert!(flush(t0, &mut storage), "the edits are written");
    let stored = storage.read(storage.latest()).unwrap();
    assert_eq!(
        stored.events, 8,
        "the closed tab's two newest views survive the edits"
    );
    assert!(stored.affinities.iter().any(|a| a.key() == "b:t1e5"));
    assert!(
        stored.affinities.iter().all(|a| a.key() != removed),
        "the removal holds"
    );
    assert!(stored.paused, "the pause holds");
    assert_eq!(stored.choices.len(), 1, "the choice holds");
    let cached = stored
        .neighbours
        .get("t0-1")
        .expect("the neighbour lists hold");
    assert_eq!(cached.related().len(), 2);
    assert!(!tabs[0].engine.is_dirty());
    assert_eq!(tabs[0].engine.profile(), &stored);
}

#[test]
fn a_reset_in_one_tab_wins_over_what_the_other_tab_stored() {
    let mut storage = Storage { writes: vec![None] };
    let mut tabs = new_tabs(2);
    track(&mut tabs, &mut storage, 0);
    track(&mut tabs, &mut storage, 1);
    settle(&mut tabs, &mut storage);
    track(&mut tabs, &mut storage, 1);
    assert!(flush(&mut tabs[1], &mut storage));
    tabs[0].engine.reset(T0);
    assert!(flush(&mut tabs[0], &mut storage));
    let stored = storage.read(storage.latest()).unwrap();
    assert_eq!(
        stored.events, 0,
        "erase means erase, even of a concurrent view"
    );
}
