//! A removal made in a profile that has not started a visit yet (a tab opened with nothing
//! stored, or just reset) lost its removal mark as soon as that profile learned its first
//! event (starting the first visit dropped the marks as a new visit after a gap does), so
//! another tab's views learned before the removal brought the item back; and such a mark was
//! not carried into a write over it from a tab that had read nothing.

use crate::common::tabs::{holds_interest, tab, view, viewed, write};
use crate::common::*;

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

/// Found the same way: A removes the `b:acme` interest before its profile's first visit,
/// writes and closes; B viewed x (brand acme) before and writes over A's write from nothing
/// read, then closes. C read A's write, then merges B's: the removal must hold. A's mark
/// (visit 0) was not carried into B's profile (visit 1: its first visit, which keeps marks).
#[test]
fn a_removal_before_the_first_visit_is_carried_over_an_older_write() {
    let (mut a, mut b, mut c) = (tab(7), tab(8), tab(9));
    view(&mut b, "x", "acme");
    a.remove_interest("b:acme");
    let removed = write(&mut a, None);
    drop(a);
    let overwrote = write(&mut b, None);
    drop(b);
    c.merge_stored(Some(removed), T0).unwrap();
    c.mark_saved();
    let p = write(&mut c, Some(overwrote));
    assert!(!holds_interest(&p, "b:acme"), "b:acme came back");
    assert_eq!(viewed(&p), vec!["x"]);
}
