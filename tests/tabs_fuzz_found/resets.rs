//! Writes from data older than a reset: a tab that found one wrote its own profile again
//! without its writer mark, so it replayed its own events into it later (counted twice); and
//! late `storage` events of such writes, taken in, brought erased data back.

use crate::common::tabs::{reset, tab, view, viewed, write};
use crate::common::*;
use shelfwise::core::profile::ChoiceTarget;
use shelfwise::core::{Engine, Profile};

/// A resets and views x; B, from data older than the reset, writes over it. A finds B's write
/// stale and writes its own profile again at once (the web layer writes what the merge left):
/// that write must carry A's writer mark, or A replays its view into it later.
#[test]
fn a_profile_written_again_over_a_stale_write_counts_its_events_once() {
    let (mut a, mut b) = (tab(7), tab(8));
    view(&mut a, "old", "acme");
    let stored = write(&mut a, None);
    b.merge_stored(Some(stored), T0).unwrap();
    reset(&mut a);
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

/// A and B opened with nothing stored (two starts): A views x and writes (returned first); B,
/// from nothing read, chooses "not interested" in bags and writes over it (returned second).
fn two_starts() -> (Engine, Engine, Profile, Profile) {
    let (mut a, mut b) = (tab(7), tab(8));
    view(&mut a, "x", "acme");
    let first = write(&mut a, None);
    let bags = ChoiceTarget::Category(vec!["bags".into()]);
    b.choose(&bags, -1, "target", T0).unwrap();
    let overwrote = write(&mut b, None);
    (a, b, first, overwrote)
}

/// Found the same way: A and B opened with nothing stored (two starts). A views x and writes;
/// B, from nothing read, chooses and writes over it; A merges B's write (B's start goes on)
/// and resets. A's first write's `storage` event reaches B late, while B still shows its own
/// write: B takes it in and writes. That write must read as older than the reset (A writes
/// its own profile again); it took A's first start, which the reset did not replace (A had
/// taken B's), and A merged it: x was back.
#[test]
fn an_overwritten_write_taken_in_after_a_reset_elsewhere_is_stale() {
    let (mut a, mut b, first, overwrote) = two_starts();
    write(&mut a, Some(overwrote));
    reset(&mut a);
    assert!(b.merge_overwritten(first, T0));
    let late = write(&mut b, None);
    a.merge_stored(Some(late), T0).unwrap();
    assert!(a.is_dirty(), "A writes its reset profile again");
    assert_eq!(a.profile().events, 0, "the erased view is back");
    assert!(viewed(a.profile()).is_empty());
}

/// Found the same way: B chose, wrote and adopted A's reset (the key gone); A chose and
/// closed; B, showing nothing stored, viewed y and wrote over A's write. A's write's `storage`
/// event must bring A's choice back: B's journal counted its choice from before the reset
/// (erased, not lost) as a gap, so only removal marks were taken in.
#[test]
fn a_journal_cleared_by_a_reset_has_no_gap() {
    let (mut a, mut b) = (tab(7), tab(8));
    let shoes = ChoiceTarget::Category(vec!["shoes".into()]);
    b.choose(&shoes, -1, "target", T0).unwrap();
    let first = write(&mut b, None);
    a.merge_stored(Some(first), T0).unwrap();
    reset(&mut a);
    reset(&mut b);
    a.choose(&shoes, 1, "target", T0).unwrap();
    let chosen = write(&mut a, None);
    drop(a);
    view(&mut b, "y", "acme");
    write(&mut b, None);
    assert!(b.merge_overwritten(chosen, T0));
    let p = write(&mut b, None);
    assert_eq!(p.choices.len(), 1, "A's choice was lost");
    assert_eq!((p.choices[0].0.as_str(), p.choices[0].1), ("c:shoes", 1));
    assert_eq!(viewed(&p), vec!["y"]);
}

/// Found the same way: A removes x before it read anything (its own start), writes, and then
/// takes B's start (B wrote from nothing read). B resets and views x. A's first write's
/// `storage` event reaches B late: its removal mark, from before the reset, removed x again.
#[test]
fn a_removal_erased_by_a_reset_is_not_taken_in_from_a_late_event() {
    let (mut a, mut b) = (tab(7), tab(8));
    a.remove_item("x");
    let removed = write(&mut a, None);
    let other = write(&mut b, None);
    write(&mut a, Some(other));
    reset(&mut b);
    view(&mut b, "x", "acme");
    write(&mut b, None);
    b.merge_overwritten(removed, T0);
    let p = write(&mut b, None);
    assert_eq!(
        viewed(&p),
        vec!["x"],
        "a removal from before the reset came back"
    );
}

/// Found the same way, left as documented (README Limitations: a write from before a reset of
/// a start the reset did not replace): A and B opened with nothing stored (two starts). A
/// views x and writes; B, from nothing read, chooses and writes over it, then reads A's
/// write (A's start goes on) and resets, which replaces A's start only. A, whose storage
/// still shows B's first write, merges it (B's first start goes on) and writes: B merges
/// that as a profile of another start, x and all. Fixing it means remembering every start a
/// merge left (a design change); the web layer replaces A's write with A's new profile when
/// the reset's `storage` event reaches A (its own write is stored), which replaces A's start:
/// B, holding it, adopts that profile (as it adopted the key removed, before session 14).
#[test]
fn a_start_left_by_a_merge_is_not_replaced_by_a_later_reset() {
    let (mut a, mut b, first, overwrote) = two_starts();
    write(&mut b, Some(first));
    reset(&mut b);
    view(&mut b, "after", "nova");
    write(&mut b, None);
    let stale = write(&mut a, Some(overwrote));
    b.merge_stored(Some(stale), T0).unwrap();
    assert_eq!(viewed(b.profile()), vec!["after"], "erased data is back");
}
