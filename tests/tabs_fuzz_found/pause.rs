//! Pause and resume across tabs: journaled views replayed onto a stored profile that was
//! paused were lost, and a closed tab's pause was lost under a write from older data.

use crate::common::tabs::{tab, view, viewed, write};
use crate::common::*;

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

/// Found by `tabs_erase` once its storage events carry their values and tabs close: A pauses,
/// writes and closes; B, which read nothing before, views x and writes over A's write. When
/// A's write's `storage` event reaches B (its value no longer stored), the pause must hold:
/// it was lost (A's write held no event B lacked, so nothing was taken in).
#[test]
fn a_closed_tabs_pause_survives_an_older_write() {
    let (mut a, mut b) = (tab(7), tab(8));
    a.set_paused(true);
    let paused = write(&mut a, None);
    drop(a);
    view(&mut b, "x", "acme");
    write(&mut b, None);
    assert!(b.merge_overwritten(paused, T0), "B took nothing in");
    let p = write(&mut b, None);
    assert!(p.paused, "the pause was lost");
    assert_eq!(
        viewed(&p),
        vec!["x"],
        "B's view, learned before the pause, stays"
    );
}
