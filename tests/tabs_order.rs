//! Changes two tabs made, both dropped by a third tab's write from older data: each tab
//! repairs its own, replayed after the other's, so the replay must not undo a later change
//! made by a tab that knew of the earlier one (found by the `tabs_erase` fuzz target; README
//! Limitations listed them before).
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::tabs::{tab, view, viewed, write};
use common::*;
use shelfwise::core::profile::ChoiceTarget;
use shelfwise::core::{Engine, Profile};

/// Tabs A, B and C holding the stored profile (returned: the older data C writes from) with
/// `x` (brand `acme`) and `y`.
fn three_tabs() -> (Engine, Engine, Engine, Profile) {
    let (mut a, mut b, mut c) = (tab(11), tab(22), tab(33));
    view(&mut a, "x", "acme");
    let s = write(&mut a, None);
    view(&mut b, "y", "zeta");
    let stored = write(&mut b, Some(s));
    for e in [&mut a, &mut b, &mut c] {
        e.merge_stored(Some(stored.clone()), T0).unwrap();
        e.mark_saved();
    }
    (a, b, c, stored)
}

/// C, from the older data, views `z` and writes over everything A and B wrote since.
fn c_overwrites(c: &mut Engine, older: Profile) -> Profile {
    view(c, "z", "nova");
    write(c, Some(older))
}

/// The three tabs: A removed x, B read that and the shopper viewed x again in B, which
/// wrote (returned, and the older data).
fn a_removes_b_views_again() -> (Engine, Engine, Engine, Profile, Profile) {
    let (mut a, mut b, c, older) = three_tabs();
    a.remove_item("x");
    let s1 = write(&mut a, None);
    b.merge_stored(Some(s1), T0).unwrap();
    view(&mut b, "x", "acme");
    let s2 = write(&mut b, None);
    (a, b, c, s2, older)
}

/// A removes x; B reads that, the shopper views x again in B; A reads that and removes x
/// again (one hashed mark for both removals before). C's older write drops all of it; A
/// repairs first, then B: B's view, made before the second removal, brought x back.
#[test]
fn an_item_removed_again_after_a_view_stays_removed() {
    let (mut a, mut b, mut c, s2, older) = a_removes_b_views_again();
    a.merge_stored(Some(s2), T0).unwrap();
    assert_eq!(viewed(a.profile())[0], "x", "A shows the view");
    a.remove_item("x");
    write(&mut a, None);
    let s3 = c_overwrites(&mut c, older);
    assert!(viewed(&s3).contains(&"x"));
    let s4 = write(&mut a, Some(s3));
    let s5 = write(&mut b, Some(s4));
    assert!(!viewed(&s5).contains(&"x"), "x came back: {:?}", s5.viewed);
    let s6 = write(&mut c, Some(s5.clone()));
    a.merge_stored(Some(s6.clone()), T0).unwrap();
    for (name, p) in [("A", a.profile()), ("C", &s6)] {
        assert_eq!(viewed(p), viewed(&s5), "{name} differs");
    }
}

/// A removes x; B reads that, the shopper views x again in B. C's older write drops both; B
/// repairs first (x back, with the removal's mark), then A replays its removal after B's
/// view: x went again, though the view came after the removal.
#[test]
fn an_item_viewed_again_in_another_tab_stays_back() {
    let (mut a, mut b, mut c, _, older) = a_removes_b_views_again();
    let s3 = c_overwrites(&mut c, older);
    let s4 = write(&mut b, Some(s3));
    assert_eq!(viewed(&s4)[0], "x");
    let s5 = write(&mut a, Some(s4));
    assert_eq!(viewed(&s5), vec!["x", "z", "y"], "B's later view of x went");
    assert_eq!(s5.events, 4, "every view counted once");
}

fn bags() -> ChoiceTarget {
    ChoiceTarget::Category(vec!["bags".into()])
}

fn bags_choice(p: &Profile) -> i8 {
    p.choices
        .iter()
        .find(|c| c.0 == "c:bags")
        .map_or(0, |c| c.1)
}

/// A chooses "more like this" for bags; B reads that and changes it to "not interested"
/// (then, in the second run, forgets it). C's older write drops both; B repairs first, then
/// A: A's earlier choice ended on top.
#[test]
fn a_choice_changed_in_another_tab_keeps_the_later_change() {
    for later in [-1, 0] {
        let (mut a, mut b, mut c, older) = three_tabs();
        a.choose(&bags(), 1, "target", T0).unwrap();
        let s1 = write(&mut a, None);
        b.merge_stored(Some(s1), T0).unwrap();
        b.choose(&bags(), later, "target", T0).unwrap();
        write(&mut b, None);
        let s3 = c_overwrites(&mut c, older);
        let s4 = write(&mut b, Some(s3));
        let s5 = write(&mut a, Some(s4));
        assert_eq!(bags_choice(&s5), later, "A's earlier choice won");
        let s6 = write(&mut b, Some(s5));
        assert_eq!(bags_choice(&s6), later);
    }
}

/// Found by `tabs_erase` once (b) was asserted: C removes x before it learned anything and
/// writes; A reads that and views x again. B, opened with nothing stored and never reading,
/// writes its own profile (no visit started yet) over them. A merges it first (its removal
/// mark was not carried into a profile of visit 0), then C replays its removal after A's view.
#[test]
fn a_removal_mark_is_carried_into_a_profile_that_started_no_visit() {
    let (mut a, mut b, mut c) = (tab(7), tab(8), tab(9));
    c.remove_item("x");
    let s1 = write(&mut c, None);
    a.merge_stored(Some(s1), T0).unwrap();
    a.mark_saved();
    view(&mut a, "x", "acme");
    b.remove_item("w");
    let s2 = write(&mut b, None);
    let s3 = write(&mut a, Some(s2));
    let s4 = write(&mut c, Some(s3));
    assert_eq!(viewed(&s4), vec!["x"], "A's view after the removal went");
    let s5 = write(&mut b, Some(s4));
    assert_eq!(viewed(&s5), vec!["x"]);
}

/// Found by `tabs_erase` once (b) was asserted: C resets and removes x; A adopts the reset
/// (the removal with it) and views x again. A's next merge met the removal mark as new (the
/// journal had not learned the marks of the profile it adopted) and kept its view of x out.
#[test]
fn a_view_after_adopting_a_reset_with_a_removal_counts() {
    let (mut a, _, mut c, _) = three_tabs();
    c.reset(T0);
    c.mark_saved();
    c.remove_item("x");
    let s2 = write(&mut c, None);
    a.merge_stored(Some(s2.clone()), T0).unwrap();
    view(&mut a, "x", "acme");
    let s3 = write(&mut a, Some(s2));
    assert_eq!(viewed(&s3), vec!["x"], "A's view after the removal went");
}

/// As above for a tab that loads a stored profile holding a removal mark at start.
#[test]
fn a_view_after_loading_a_removal_counts() {
    let mut c = tab(9);
    c.remove_item("x");
    let s1 = write(&mut c, None);
    let mut a = tab(7);
    a.restore(s1.clone(), T0).unwrap();
    view(&mut a, "x", "acme");
    let s2 = write(&mut a, Some(s1));
    assert_eq!(viewed(&s2), vec!["x"], "A's view after the removal went");
}

/// Removal generations and choice turns are stored (hashes only), read back from the stored
/// text, and a profile stored before them (plain marks, no `ct`) loads as before.
#[test]
fn generations_and_turns_are_stored_as_hashes_and_read_back() {
    let (mut a, _, _, _) = three_tabs();
    a.remove_item("x");
    view(&mut a, "x", "acme");
    a.remove_item("x");
    a.choose(&bags(), 1, "target", T0).unwrap();
    a.choose(&bags(), -1, "target", T0).unwrap();
    let p = write(&mut a, None);
    let text = serde_json::to_string(&p).unwrap();
    let x = shelfwise::core::profile::erased::removal_key(true, "x");
    assert!(text.contains(&format!("\"rm\":[\"{x}.2\"]")), "{text}");
    assert!(
        text.contains("\"ct\":[\"") && !text.contains("\"i:x\""),
        "{text}"
    );
    let back: Profile = serde_json::from_str(&text).unwrap();
    let mut b = tab(22);
    assert!(!b.restore(back, T0).unwrap(), "nothing to repair");
    assert_eq!(b.profile().removed, p.removed);
    assert_eq!(b.profile().choice_turns, p.choice_turns);
    let old = text.replace(&format!("{x}.2"), &x);
    let old = old.replace(
        &format!(
            ",\"ct\":{}",
            serde_json::to_string(&p.choice_turns).unwrap()
        ),
        "",
    );
    assert!(!old.contains("\"ct\""), "{old}");
    let mut c = tab(33);
    assert!(!c.restore(serde_json::from_str(&old).unwrap(), T0).unwrap());
    assert_eq!(c.profile().removed, vec![x]);
    assert!(c.profile().choice_turns.is_empty());
}

/// Found by `tabs_erase` once (a) was asserted: C chooses "more like this" for bags; B reads
/// it; A, opened with nothing stored, writes over it. B merges A's write (C's choice is C's
/// to repair) and A reads B's: A never showed C's choice, so its "not interested" was the
/// same turn, and C's repair put its earlier choice back. B carries the turn it read.
#[test]
fn a_choice_read_by_a_third_tab_reaches_the_tab_that_changes_it() {
    let (mut a, mut b, mut c) = (tab(7), tab(8), tab(9));
    c.choose(&bags(), 1, "target", T0).unwrap();
    let s1 = write(&mut c, None);
    view(&mut b, "y", "zeta");
    let s2 = write(&mut b, Some(s1));
    view(&mut a, "x", "acme");
    let s3 = write(&mut a, None);
    let s4 = write(&mut b, Some(s3));
    assert_eq!(bags_choice(&s4), 1, "B dropped the choice it read");
    a.merge_stored(Some(s4), T0).unwrap();
    a.choose(&bags(), -1, "target", T0).unwrap();
    let s5 = write(&mut a, None);
    let s6 = write(&mut c, Some(s5));
    assert_eq!(bags_choice(&s6), -1, "C's earlier choice won");
    assert_eq!(bags_choice(&write(&mut b, Some(s6))), -1);
    let _ = s2;
}
