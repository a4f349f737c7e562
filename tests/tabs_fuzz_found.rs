//! Cases the `tabs_erase` fuzz target found (each failed before its fix in `src/core`).
//!
//! A removal made in a profile that has not started a visit yet (a tab opened with nothing
//! stored, or just reset) lost its removal mark as soon as that profile learned its first
//! event (starting the first visit dropped the marks as a new visit after a gap does), so
//! another tab's views learned before the removal brought the item back. And journaled views
//! replayed onto a stored profile that was paused were lost. And a tab that found a write
//! from data older than its reset wrote its own profile again without its writer mark, so it
//! replayed its own events into it later: counted twice.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::tabs::{tab, view, viewed, write};
use common::*;

/// Three tabs opened with nothing stored (the fuzzer's minimal case): C removes x before it
/// learned anything; A and B viewed x before they knew of the removal. Once all three have
/// written and read each other's writes, x is nowhere.
#[test]
fn a_removal_before_the_first_visit_keeps_its_mark() {
    let (mut a, mut b, mut c) = (tab(7), tab(8), tab(9));
    c.remove_item("x");
    view(&mut b, "x", "b1");
    view(&mut a, "x", "a1");
    write(&mut a, None);
    write(&mut b, None);
    let mut latest = write(&mut c, None);
    for _ in 0..4 {
        for e in [&mut a, &mut b, &mut c] {
            e.merge_stored(Some(latest.clone()), T0).unwrap();
            if e.is_dirty() {
                latest = write(e, None);
            }
        }
    }
    for (name, e) in [("A", &a), ("B", &b), ("C", &c)] {
        assert!(
            !viewed(e.profile()).contains(&"x"),
            "x came back in {name}: {:?}",
            viewed(e.profile())
        );
        assert_eq!(e.profile().events, 2, "both views still count in {name}");
    }
}

/// The same race through the removing tab's own first event: A (nothing stored) removes x,
/// then views y (its first visit starts); B's view of x, learned before it knew of the
/// removal, must not bring x back when B merges A's write.
#[test]
fn the_first_event_after_a_removal_does_not_drop_its_mark() {
    let (mut a, mut b) = (tab(7), tab(8));
    view(&mut b, "x", "b1");
    a.remove_item("x");
    view(&mut a, "y", "a1");
    let stored = write(&mut a, None);
    b.merge_stored(Some(stored), T0).unwrap();
    assert!(
        !viewed(b.profile()).contains(&"x"),
        "x came back: {:?}",
        viewed(b.profile())
    );
    assert_eq!(viewed(b.profile()), vec!["y"]);
}

/// Found by the `tabs_erase` fuzz target: a tab pauses and writes, resumes, and views an item
/// before its resume is written. Its next write merges the stored (paused) profile: the view
/// was replayed onto the paused profile, which learned nothing, and was lost.
#[test]
fn a_view_after_a_resume_counts_when_the_pause_is_still_stored() {
    let mut a = tab(7);
    a.set_paused(true);
    let paused = write(&mut a, None);
    a.set_paused(false);
    view(&mut a, "x", "acme");
    let stored = write(&mut a, Some(paused));
    assert!(!stored.paused, "the resume holds");
    assert_eq!(stored.events, 1, "the view after the resume was lost");
    assert_eq!(stored.viewed, vec!["x".to_owned()]);
}

/// Another tab tracked a view (not paused, not yet knowing of the pause) before it merged the
/// pause: the view counts once, as every event a tab learned while not paused.
#[test]
fn a_view_learned_before_a_pause_elsewhere_arrived_counts_once() {
    let (mut a, mut b) = (tab(7), tab(8));
    a.set_paused(true);
    let paused = write(&mut a, None);
    view(&mut b, "x", "acme");
    let merged = write(&mut b, Some(paused));
    assert!(merged.paused, "the pause holds");
    assert_eq!(merged.events, 1);
    a.merge_stored(Some(merged), T0).unwrap();
    assert_eq!(a.profile().events, 1);
}

/// A resets and views x; B, from data older than the reset, writes over it. A finds B's write
/// stale and writes its own profile again at once (the web layer writes what the merge left):
/// that write must carry A's writer mark, or A replays its view into it later.
#[test]
fn a_profile_written_again_over_a_stale_write_counts_its_events_once() {
    let (mut a, mut b) = (tab(7), tab(8));
    view(&mut a, "old", "acme");
    let stored = write(&mut a, None);
    b.merge_stored(Some(stored), T0).unwrap();
    a.reset(T0);
    a.mark_saved();
    view(&mut a, "x", "nova");
    view(&mut b, "y", "zeta");
    let stale = write(&mut b, None);
    a.merge_stored(Some(stale), T0).unwrap();
    assert!(a.is_dirty(), "A writes its profile again");
    let again = a.profile().clone();
    a.mark_saved();
    assert_eq!(again.events, 1);
    b.merge_stored(Some(again.clone()), T0).unwrap();
    assert_eq!(b.profile().events, 1, "B adopts the reset");
    a.merge_stored(Some(again), T0).unwrap();
    assert_eq!(a.profile().events, 1, "A counted its view twice");
}
