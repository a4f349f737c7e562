//! What the shopper erased or removed stays erased across tabs: a reset, a removed item or
//! interest and a choice must not come back when another tab replays events it learned before
//! them, or writes over them from data it read before them (the read-write race). An item the
//! shopper views again after removing it is back, as new history.
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

/// Two tabs that both hold the stored profile with `x` (brand `acme`) and `y` (brand `zeta`).
fn two_tabs() -> (Engine, Engine, Profile) {
    let (a, b, stored) = tabs::two_tabs(|a| view(a, "x", "acme"), |b| view(b, "y", "zeta"));
    assert_eq!(viewed(a.profile()), vec!["y", "x"]);
    (a, b, stored)
}

/// (a) The shopper resets in A (the web layer removes the key); B, inside a long task, still
/// sees its own last write and writes over the reset from it. When B's write reaches A, A must
/// not take the erased history back: it writes the reset again, and B adopts it.
#[test]
fn a_reset_is_not_undone_by_a_tab_writing_from_stale_data() {
    let (mut a, mut b, _) = two_tabs();
    a.reset(T0);
    a.mark_saved();
    view(&mut b, "during", "nova");
    let stale = write(&mut b, None);
    assert!(viewed(&stale).contains(&"x"));
    a.merge_stored(Some(stale), T0).unwrap();
    assert!(
        viewed(a.profile()).is_empty() && a.profile().events == 0,
        "the reset tab took the erased history back: {:?}",
        a.profile().viewed
    );
    assert!(a.is_dirty(), "A writes the reset again");
    let again = write(&mut a, None);
    b.merge_stored(Some(again), T0).unwrap();
    assert!(
        viewed(b.profile()).is_empty(),
        "B kept what A erased: {:?}",
        b.profile().viewed
    );
    assert!(!holds_interest(b.profile(), "b:acme"));
}

/// (b) B learned more views of X before the shopper removed X in A. B replays them onto what
/// A stored: X must not come back. The same for an interest removed in A.
#[test]
fn views_learned_before_a_removal_elsewhere_do_not_bring_it_back() {
    let (mut a, mut b, _) = two_tabs();
    view(&mut b, "x", "acme");
    view(&mut b, "z", "acme");
    // The interest first: removing x, the only acme item, takes `b:acme` back with it.
    assert!(a.remove_interest("b:acme"));
    assert!(a.remove_item("x"));
    let removed = write(&mut a, None);
    b.merge_stored(Some(removed), T0).unwrap();
    let p = b.profile();
    assert!(
        !viewed(p).contains(&"x"),
        "B's older views brought x back: {:?}",
        p.viewed
    );
    assert!(
        !holds_interest(p, "b:acme"),
        "B's older views brought b:acme back"
    );
    assert!(
        p.neighbours.get("x").is_none(),
        "x is not in the view cache"
    );
    assert!(viewed(p).contains(&"z"), "B's other views are kept");
    assert_eq!(p.events, 4, "every event still counts once");
    let merged = write(&mut b, None);
    a.merge_stored(Some(merged), T0).unwrap();
    assert!(!viewed(a.profile()).contains(&"x"));
}

/// (c) B read storage just before A wrote a removal and a choice, and writes its merged
/// result just after: A's write is overwritten. A, whose edits were written, must repair it
/// when B's write reaches it.
#[test]
fn a_removal_and_a_choice_overwritten_by_a_stale_write_are_written_again() {
    let (mut a, mut b, stored) = two_tabs();
    assert!(a.remove_item("x"));
    let not_shoes = ChoiceTarget::Category(vec!["bags".into()]);
    a.choose(&not_shoes, -1, "target", T0).unwrap();
    let stale = tabs::b_writes_over_a(&mut a, &mut b, stored);
    assert!(viewed(&stale).contains(&"x"));
    a.merge_stored(Some(stale), T0).unwrap();
    let p = a.profile();
    assert!(
        !viewed(p).contains(&"x"),
        "the stale write brought x back: {:?}",
        p.viewed
    );
    assert!(
        p.choices.iter().any(|c| c.0 == "c:bags" && c.1 == -1),
        "the stale write undid the choice"
    );
    assert!(
        p.neighbours.get("x").is_none(),
        "x is not in the view cache"
    );
    assert!(viewed(p).contains(&"w"), "B's new view is kept");
    assert!(a.is_dirty(), "A writes the removal and the choice again");
    let fixed = write(&mut a, None);
    b.merge_stored(Some(fixed), T0).unwrap();
    assert!(!viewed(b.profile()).contains(&"x"));
    assert_eq!(b.profile().choices.len(), 1);
}

/// (d) Viewing X again after removing it, in the tab that removed it or in another tab that
/// knows of the removal, brings X back as new history in every tab.
#[test]
fn an_item_viewed_again_after_its_removal_is_back_everywhere() {
    let (mut a, mut b, stored) = two_tabs();
    assert!(a.remove_item("x"));
    // In the same tab, before the removal was written (merged with what B stored).
    view(&mut a, "x", "acme");
    let stored = write(&mut a, Some(stored));
    assert_eq!(viewed(&stored)[0], "x", "the view after the removal holds");
    b.merge_stored(Some(stored), T0).unwrap();
    assert_eq!(viewed(b.profile())[0], "x");
    // Removed again in A and written; B meets the removal, then the shopper views x in B.
    assert!(a.remove_item("x"));
    let removed = write(&mut a, None);
    b.merge_stored(Some(removed), T0).unwrap();
    assert!(!viewed(b.profile()).contains(&"x"));
    view(&mut b, "x", "acme");
    let back = write(&mut b, None);
    assert_eq!(viewed(&back)[0], "x", "the new view in B holds");
    a.merge_stored(Some(back), T0).unwrap();
    assert_eq!(viewed(a.profile())[0], "x", "and reaches A");
}

/// Profiles stored before this version (no erase count, no removal marks) still load.
#[test]
fn a_profile_stored_before_removal_marks_loads() {
    let old = r#"{"v":2,"c":29891000,"u":29891000,"s":29891000,"k":1,"n":1,
        "a":[["b:acme",1,1,29891000,1]],"rv":["x"],"rc":[],"rp":[],"rs":[],"x":[],
        "w":[[11,1]],"o":[]}"#;
    let p: Profile = serde_json::from_str(old).unwrap();
    let mut e = tab(33);
    assert!(!e.restore(p, T0).unwrap(), "nothing to repair");
    assert_eq!(viewed(e.profile()), vec!["x"]);
    let text = serde_json::to_string(&write(&mut e, None)).unwrap();
    assert!(
        !text.contains("\"r\"") && !text.contains("\"rm\""),
        "{text}"
    );
}

/// The starts a merge left (`ra`) are stored as the lineage ids they are and read back; a
/// reset lists them as replaced; a profile stored without them loads as before.
#[test]
fn starts_a_merge_left_are_stored_read_back_and_replaced() {
    let (mut a, mut b) = (tab(11), tab(22));
    let own = b.profile().lineage().to_owned();
    view(&mut a, "x", "acme");
    let first = write(&mut a, None);
    view(&mut b, "y", "nova");
    let p = write(&mut b, Some(first.clone()));
    assert_eq!(
        (p.lineage(), p.lineage.starts.clone()),
        (first.lineage(), vec![own.clone()])
    );
    let text = serde_json::to_string(&p).unwrap();
    assert!(text.contains(&format!("\"ra\":[\"{own}\"]")), "{text}");
    let mut c = tab(33);
    assert!(!c.restore(serde_json::from_str(&text).unwrap(), T0).unwrap());
    assert_eq!(c.profile().lineage.starts, vec![own.clone()]);
    c.reset(T0);
    let replaced = &c.profile().lineage.ids[1..];
    assert_eq!(replaced, [first.lineage().to_owned(), own].as_slice());
    let old = text.replace(&format!(",\"ra\":[\"{}\"]", p.lineage.starts[0]), "");
    assert!(!old.contains("\"ra\""), "{old}");
    let mut d = tab(44);
    assert!(!d.restore(serde_json::from_str(&old).unwrap(), T0).unwrap());
    assert!(d.profile().lineage.starts.is_empty());
    assert_eq!(viewed(d.profile()), vec!["y", "x"]);
}

use common::sim;
/// Chromium updates a tab's copy of localStorage when another tab's change arrives, but
/// queues its `storage` event: C reads B's write made after A's reset (B adopted it) before
/// A's removal event is dispatched. That event must change nothing in C (C went on from that
/// reset), or C's next write erases what B learned after the reset. A removal C does not know
/// of (its `oldValue` C's own profile's start, or no `oldValue`) is still adopted.
#[test]
fn a_resets_event_after_a_later_write_was_read_changes_nothing() {
    let (mut a, mut b, stored) = two_tabs();
    let mut c = tab(33);
    c.merge_stored(Some(stored.clone()), T0).unwrap();
    a.reset(T0);
    a.mark_saved();
    tabs::removal_event(&mut b, Some(&stored));
    view(&mut b, "after", "nova");
    let after = write(&mut b, None);
    let mut unknown = c.clone();
    c.merge_stored(Some(after.clone()), T0).unwrap();
    assert_eq!(viewed(c.profile()), vec!["after"]);
    tabs::removal_event(&mut c, Some(&stored));
    view(&mut c, "c-after", "zeta");
    let written = write(&mut c, Some(after));
    assert_eq!(
        viewed(&written),
        vec!["c-after", "after"],
        "B's view after the reset survives C's write"
    );
    assert_eq!(
        written.lineage,
        b.profile().lineage,
        "C goes on from B's start"
    );
    // Not read yet, or no readable `oldValue` (`localStorage.clear()`): adopted as before.
    for old in [Some(&stored), None] {
        let mut u = unknown.clone();
        tabs::removal_event(&mut u, old);
        assert!(viewed(u.profile()).is_empty(), "{:?}", viewed(u.profile()));
    }
    tabs::removal_event(&mut unknown, Some(&written));
    assert!(viewed(unknown.profile()).is_empty());
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any interleaving of views, writes through stale views and storage events, with one
    /// erase in the middle (a reset, or the removal of item x, after which the tab that removed
    /// it may close): once the tabs settle, nothing learned before the erase is held anywhere
    /// (for a removal: x), every open tab holds the same, and what was viewed after the tab
    /// knew of the erase is kept.
    #[test]
    fn nothing_erased_comes_back_in_any_interleaving(
        tab_count in 2usize..4,
        reset in any::<bool>(),
        before in prop::collection::vec((0u8..4, 0usize..3), 0..40),
        after in prop::collection::vec((0u8..4, 0usize..3), 0..40),
        eraser in 0usize..3,
        closes in any::<bool>(),
    ) {
        let mut s = sim::Sim::new(tab_count as u32);
        for t in 0..tab_count {
            view(&mut s.tabs[t].engine, "x", "acme");
            view(&mut s.tabs[t].engine, &format!("old-{t}"), "zeta");
        }
        s.settle();
        let mut n = 0;
        let mut kept = Vec::new();
        let eraser = eraser % tab_count;
        for (phase, ops) in [before, after].into_iter().enumerate() {
            if phase == 1 {
                if reset {
                    s.reset(eraser);
                } else {
                    s.tabs[eraser].engine.remove_item("x");
                    s.flush(eraser, false);
                    if closes {
                        // Gone before any other tab's write reaches it: no journal repairs.
                        s.close(eraser);
                    }
                }
            }
            for (op, t) in ops {
                let t = t % tab_count;
                n += 1;
                match op {
                    _ if !s.tabs[t].open => {}
                    // Before the erase, x and other items; after it, new items only.
                    0 if phase == 0 => view(&mut s.tabs[t].engine, if n % 2 == 0 { "x" } else { "old" }, "acme"),
                    0 => {
                        let id = format!("new-{n}");
                        view(&mut s.tabs[t].engine, &id, "nova");
                        if t == eraser {
                            kept.push(id);
                        }
                    }
                    1 => { s.flush(t, false); }
                    2 => { s.flush(t, true); }
                    _ => { s.deliver(t); }
                }
            }
        }
        s.settle();
        let open: Vec<&Profile> = s.tabs.iter().filter(|t| t.open).map(|t| t.engine.profile()).collect();
        let first = open[0];
        for p in &open {
            prop_assert!(!p.viewed.iter().any(|id| id == "x"), "x came back: {:?}", p.viewed);
            if reset {
                prop_assert!(
                    !p.viewed.iter().any(|id| id.starts_with("old")),
                    "erased history came back: {:?}", p.viewed
                );
            }
            prop_assert_eq!(&p.viewed, &first.viewed, "the tabs disagree");
            for id in &kept {
                prop_assert!(p.viewed.contains(id), "{} was lost: {:?}", id, p.viewed);
            }
        }
        if let Some(stored) = s.stored() {
            prop_assert_eq!(&stored.viewed, &first.viewed);
        }
    }
}

/// The size bound counts lineage ids and removal marks at their longest.
#[test]
fn lineage_and_removal_marks_stay_within_the_size_bound() {
    use shelfwise::core::profile::budget::estimate;
    use shelfwise::core::profile::erased::MAX_REMOVALS;
    use shelfwise::core::profile::lineage::{MAX_LINEAGE, MAX_STARTS};
    let mut p = Profile::new(u32::MAX);
    let bare = serde_json::to_string(&p).unwrap().len();
    assert!(bare <= estimate(&p));
    p.lineage.ids = vec![u32::MAX.to_string(); MAX_LINEAGE];
    p.lineage.starts = vec![u32::MAX.to_string(); MAX_STARTS];
    p.removed = vec![u32::MAX.to_string(); MAX_REMOVALS];
    let text = serde_json::to_string(&p).unwrap();
    assert!(
        text.len() <= estimate(&p),
        "{} > {}",
        text.len(),
        estimate(&p)
    );
    assert!(text.len() - bare < 500, "at most a few hundred bytes");
}

/// "Forget this item" on the item's own page: the neighbour lists the page handed over (an
/// edit not yet written) do not put its id back into the stored profile.
#[test]
fn a_removed_item_leaves_no_cached_neighbour_lists() {
    let (mut a, _, stored) = two_tabs();
    let lists = shelfwise::core::pack::ItemDataInput {
        related: Some(vec![("n1".into(), 500.0)]),
        bought_together: None,
    };
    a.add_item_data("x", lists).unwrap();
    assert!(a.remove_item("x"));
    let written = write(&mut a, Some(stored));
    assert!(
        written.neighbours.get("x").is_none(),
        "x's lists are still stored"
    );
    assert!(!viewed(&written).contains(&"x"));
}
