//! A removal, a choice or an event written by a tab that then closed is not lost when another
//! tab's write from older data overwrote it (the read-write race: that tab read the profile
//! before the write landed, inside a long task say). Nobody is left to replay it from a
//! journal, so the tabs still open repair it from what reaches them: the overwritten write's
//! `storage` event (`Engine::merge_overwritten`, what the web layer calls when an event's
//! `newValue` is no longer what is stored), or the removal marks a tab read before the
//! overwrite (kept by the merge). And a write a tab made after a reset is not lost when a
//! stale write from before it overwrote it and the stale write's tab then adopts the reset.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::tabs::{self, holds_interest, tab, view, viewed, write};
use common::*;
use shelfwise::core::profile::ChoiceTarget;
use shelfwise::core::{Engine, Profile};

fn bags() -> ChoiceTarget {
    ChoiceTarget::Category(vec!["bags".into()])
}

/// Tabs 11, 22 (and 33) that all hold the stored profile with `x` (brand `acme`), `y` and `z`.
fn tabs(n: u32) -> (Vec<Engine>, Profile) {
    let mut all: Vec<Engine> = (1..=n).map(|i| tab(11 * i)).collect();
    let mut stored = None;
    for (e, id) in all.iter_mut().zip(["x", "y", "z"]) {
        view(e, id, if id == "x" { "acme" } else { "zeta" });
        stored = Some(write(e, stored));
    }
    let stored = stored.unwrap();
    for e in &mut all {
        e.merge_stored(Some(stored.clone()), T0).unwrap();
        e.mark_saved();
    }
    (all, stored)
}

/// Three tabs holding the stored profile (returned) with x, y and z; A removes x and the
/// `b:acme` interest, writes over the stored profile (returned: `s1`) and closes.
fn a_removes_and_closes() -> (Engine, Engine, Profile, Profile) {
    let (mut t, stored) = tabs(3);
    let c = t.pop().unwrap();
    let b = t.pop().unwrap();
    let mut a = t.pop().unwrap();
    // The interest first: removing x, the only acme item, takes `b:acme` back with it.
    assert!(a.remove_interest("b:acme"));
    assert!(a.remove_item("x"));
    let s1 = write(&mut a, Some(stored.clone()));
    (b, c, stored, s1)
}

/// A removes x and the `b:acme` interest, chooses "not interested" in bags, views one more
/// item and writes (`s1`), then closes. B read the profile before A's write and writes from
/// it. A's write's `storage` event reaches B after B's own write: B repairs what it overwrote.
#[test]
fn what_a_closed_tab_removed_chose_and_learned_survives_an_older_write() {
    let (mut t, stored) = tabs(2);
    let mut b = t.pop().unwrap();
    let mut a = t.pop().unwrap();
    // The interest first: removing x, the only acme item, takes `b:acme` back with it.
    assert!(a.remove_interest("b:acme"));
    assert!(a.remove_item("x"));
    a.choose(&bags(), -1, "target", T0).unwrap();
    view(&mut a, "late-a", "nova");
    let s1 = write(&mut a, Some(stored.clone()));
    drop(a);
    view(&mut b, "w", "nova");
    let overwrote = write(&mut b, Some(stored));
    assert!(viewed(&overwrote).contains(&"x"));
    // The `storage` event of A's write: its value is no longer what is stored.
    assert!(b.merge_overwritten(s1, T0), "B saw nothing to repair");
    assert!(b.is_dirty());
    // Then B merges what is stored now: its own write, kept as it is.
    let p = write(&mut b, None);
    assert!(!viewed(&p).contains(&"x"), "x came back: {:?}", p.viewed);
    assert!(!holds_interest(&p, "b:acme"), "b:acme came back");
    assert!(p.neighbours.get("x").is_none(), "x is in the view cache");
    assert!(
        p.choices.iter().any(|c| c.0 == "c:bags" && c.1 == -1),
        "the choice was lost: {:?}",
        p.choices
    );
    assert_eq!(viewed(&p), vec!["w", "late-a", "y"], "both tabs' views");
    assert_eq!(p.events, 4, "every event counted once");
    // Met again (a late event, another copy): nothing more to do.
    let again = p.clone();
    assert!(!b.merge_overwritten(again, T0));
}

/// B's own change after its read (forgetting a choice the profile held) wins over the older
/// value in A's overwritten write: B's changes are replayed onto it in their place.
#[test]
fn the_overwriting_tabs_own_changes_stay_in_the_repair() {
    let (mut t, _) = tabs(2);
    let mut b = t.pop().unwrap();
    let mut a = t.pop().unwrap();
    a.choose(&bags(), -1, "target", T0).unwrap();
    let stored = write(&mut a, None);
    b.merge_stored(Some(stored.clone()), T0).unwrap();
    b.mark_saved();
    // A learns more and writes; B, reading before that, forgets the choice and writes.
    view(&mut a, "late-a", "nova");
    let s1 = write(&mut a, Some(stored.clone()));
    drop(a);
    b.choose(&bags(), 0, "target", T0).unwrap();
    write(&mut b, Some(stored));
    assert!(b.merge_overwritten(s1, T0));
    let p = write(&mut b, None);
    assert!(
        p.choices.is_empty(),
        "B's forget was undone: {:?}",
        p.choices
    );
    assert_eq!(viewed(&p)[0], "late-a", "A's view is back");
}

/// C read A's removal before B's older write overwrote it; A and B then closed (B wrote on
/// leaving). When B's write reaches C, C keeps the removal and B's new view.
#[test]
fn a_tab_that_read_a_removal_keeps_it_over_an_older_write() {
    let (mut b, mut c, stored, s1) = a_removes_and_closes();
    c.merge_stored(Some(s1), T0).unwrap();
    c.mark_saved();
    view(&mut b, "w", "nova");
    let overwrote = write(&mut b, Some(stored));
    drop(b);
    c.merge_stored(Some(overwrote), T0).unwrap();
    let p = c.profile();
    assert!(!viewed(p).contains(&"x"), "x came back: {:?}", p.viewed);
    assert!(viewed(p).contains(&"w"), "B's view is kept");
    assert!(c.is_dirty(), "C writes the removal again");
    assert!(!viewed(&write(&mut c, None)).contains(&"x"));
}

/// B read A's removal, then the shopper viewed x again in B (back, as new history). C's write
/// from older data (without the removal) reaches B: B keeps the removal for what C's write
/// holds, and its own later view of x.
#[test]
fn a_view_after_the_removal_stays_when_an_older_write_is_met() {
    let (mut b, mut c, stored, s1) = a_removes_and_closes();
    b.merge_stored(Some(s1), T0).unwrap();
    b.mark_saved();
    view(&mut c, "w", "nova");
    let overwrote = write(&mut c, Some(stored));
    view(&mut b, "x", "acme");
    let p = write(&mut b, Some(overwrote));
    assert_eq!(
        viewed(&p),
        vec!["x", "w", "z", "y"],
        "B's new view of x went"
    );
    let mark = shelfwise::core::profile::erased::removal_key(true, "x");
    assert!(p.removed.contains(&mark), "the removal mark was lost");
}

/// C never read A's removal: A's write was overwritten by B's (from older data), and A and B
/// closed. C gets A's write's `storage` event when what is stored is B's write: C takes A's
/// write in, then merges B's, keeping the removal (the marks it now holds) and both views.
#[test]
fn an_overwritten_removal_reaches_a_third_tab_through_its_event() {
    let (mut b, mut c, stored, s1) = a_removes_and_closes();
    view(&mut b, "w", "nova");
    let overwrote = write(&mut b, Some(stored));
    drop(b);
    view(&mut c, "v", "nova");
    assert!(c.merge_overwritten(s1, T0));
    let p = write(&mut c, Some(overwrote));
    assert!(!viewed(&p).contains(&"x"), "x came back: {:?}", p.viewed);
    assert_eq!(viewed(&p), vec!["v", "w", "z", "y"]);
    assert_eq!(p.events, 5);
}

/// As above, but C read B's write first (its own write came between), so neither write holds
/// all the other's: C cannot take A's write in whole (B's view would go), and applies its
/// removal marks only.
#[test]
fn a_late_event_of_an_overwritten_removal_keeps_it() {
    let (mut b, mut c, stored, s1) = a_removes_and_closes();
    view(&mut b, "w", "nova");
    let overwrote = write(&mut b, Some(stored));
    drop(b);
    view(&mut c, "v", "nova");
    c.merge_stored(Some(overwrote), T0).unwrap();
    c.mark_saved();
    assert!(c.merge_overwritten(s1, T0));
    let p = write(&mut c, None);
    assert!(!viewed(&p).contains(&"x"), "x came back: {:?}", p.viewed);
    assert!(!holds_interest(&p, "b:acme"));
    assert_eq!(viewed(&p), vec!["v", "w", "z", "y"]);
    assert_eq!(p.events, 5);
}

use common::sim::Sim;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Taking in overwritten writes counts nothing twice and loses nothing: any interleaving
    /// of views, writes through stale views and storage events (each event's value taken in
    /// when it was written over and what is stored does not hold it), events handled after
    /// the tab's storage already shows later writes (`Sim::see`, as Chromium does), with
    /// every tab open, settles with every view counted once in every tab.
    #[test]
    fn overwritten_writes_taken_in_count_every_event_once(
        tab_count in 2usize..4,
        ops in prop::collection::vec((0u8..5, 0usize..3), 0..80),
    ) {
        let mut s = Sim::new(tab_count as u32);
        let mut views = 0;
        for (n, (op, t)) in ops.into_iter().enumerate() {
            let t = t % tab_count;
            match op {
                0 => {
                    view(&mut s.tabs[t].engine, &format!("i{n}"), "acme");
                    views += 1;
                }
                1 => { s.flush(t, false); }
                2 => { s.flush(t, true); }
                3 => { s.deliver(t); }
                _ => { let latest = s.writes.len() - 1; s.see(t, latest); }
            }
        }
        s.settle();
        for tab in &s.tabs {
            prop_assert_eq!(tab.engine.profile().events, views);
        }
        prop_assert_eq!(s.stored().map_or(0, |p| p.events), views);
    }
}

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
