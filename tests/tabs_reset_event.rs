//! A reset's `storage` event reaching a tab whose own write, made after that reset from the
//! profile as it was (a long task), is what is stored now: that write would bring the erased
//! data back, and it went over the write of a tab that made or adopted the reset. What that
//! tab learned after the reset must survive, and nothing erased may come back.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::tabs::{self, tab, view, viewed, write};
use common::*;

/// A and C hold the stored profile (x, then y); a third tab resets it. A finds the key gone
/// (adopts), views `after` and writes. C, in a long task, still shows its own last write:
/// it views `stale` and writes from it, over A's write. Then the reset's `storage` event
/// reaches C: C adopts it, and its own write, stored now, must not stay. A, before C's change
/// reaches it as an event, reads what is stored: it must not take it for another reset
/// (before: the key removed, so A adopted it and `after` was lost). B, which read the profile
/// before the reset and has not met it yet, adopts what C writes. A and B run only code that
/// is as it was before this fix (`Engine::merge_stored`, `Engine::reset`): a tab of the older
/// version meets C's write alike.
#[test]
fn a_tab_removing_its_own_stale_write_keeps_what_another_tab_learned_after_the_reset() {
    let (mut a, mut c) = (tab(11), tab(33));
    view(&mut a, "x", "acme");
    let first = write(&mut a, None);
    view(&mut c, "y", "zeta");
    let removed = write(&mut c, Some(first));
    // B read that too, and has not met the reset yet.
    let mut b = tab(22);
    b.merge_stored(Some(removed.clone()), T0).unwrap();
    // The third tab's reset: the key is removed; A finds it gone and adopts it.
    assert_eq!(tabs::read(&mut a, None), None);
    view(&mut a, "after", "nova");
    let after = write(&mut a, None);
    // C's long task: it writes from its own last write, over A's.
    view(&mut c, "stale", "orbit");
    let stale = write(&mut c, None);
    assert_ne!(stale, after);
    let stored = tabs::removal_event_over_own(&mut c, Some(&removed), stale.clone());
    // B, behind the reset, reads that first: it adopts it, nothing erased comes back.
    let stored = tabs::read(&mut b, stored);
    assert!(viewed(b.profile()).is_empty(), "{:?}", viewed(b.profile()));
    let stored = tabs::read(&mut a, stored);
    assert_eq!(
        viewed(a.profile()),
        vec!["after"],
        "A's view after the reset was lost"
    );
    assert_eq!(a.profile().events, 1);
    // The late events: C's stale write reaches A, A's writes reach C.
    assert!(
        !a.merge_overwritten(stale, T0),
        "the stale write was taken in"
    );
    let stored = write(&mut a, stored);
    c.merge_overwritten(after, T0);
    let stored = write(&mut c, Some(stored));
    let stored = write(&mut a, Some(stored));
    let stored = write(&mut b, Some(stored));
    let views = [("A", a.profile()), ("B", b.profile()), ("C", c.profile())];
    for (name, p) in views.into_iter().chain([("stored", &stored)]) {
        assert_eq!(viewed(p), vec!["after"], "{name}");
        assert_eq!(p.events, 1, "{name}");
    }
}
