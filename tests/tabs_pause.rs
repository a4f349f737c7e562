//! Pause and resume in one tab while another tab writes from stale data (a long task, a page
//! whose `storage` events came late): the latest pause or resume holds in every tab, and an
//! event a tab tracked while paused is never learned afterwards.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::tabs::{tab, write};
use common::*;
use shelfwise::core::Engine;

fn view(e: &mut Engine, id: &str) {
    e.track(event("view_item", item(id, "shoes", "acme")), T0)
        .unwrap();
}

#[test]
fn a_pause_is_not_undone_by_a_tab_writing_from_stale_data() {
    let (mut a, mut b) = (tab(11), tab(22));
    view(&mut a, "a1");
    let stored = write(&mut a, None);
    let stored = write(&mut b, Some(stored));
    a.merge_stored(Some(stored), T0).unwrap();
    // The shopper pauses in A; A writes.
    a.set_paused(true);
    let paused = write(&mut a, None);
    assert!(paused.paused);
    // B, inside a long task, still sees its own last write: it tracks and writes over A's.
    view(&mut b, "b1");
    let stale = write(&mut b, None);
    // A's storage event about B's write: the pause holds, and A writes it back.
    a.merge_stored(Some(stale), T0).unwrap();
    assert!(a.profile().paused, "learning resumed in A");
    assert!(a.is_dirty(), "A writes the pause back");
    let fixed = write(&mut a, None);
    // B's storage event: B is paused too and learns nothing more.
    b.merge_stored(Some(fixed), T0).unwrap();
    assert!(b.profile().paused, "learning resumed in B");
    view(&mut b, "b2");
    assert!(!b.profile().viewed.contains(&"b2".to_owned()));
    // Resuming later, in B, holds the same way against A's stale write; what A tracked while
    // paused is not learned when A meets the resume.
    b.set_paused(false);
    let resumed = write(&mut b, None);
    view(&mut a, "a2");
    let stale = write(&mut a, None);
    assert!(stale.paused);
    b.merge_stored(Some(stale), T0).unwrap();
    assert!(!b.profile().paused, "the resume was undone in B");
    let fixed = write(&mut b, None);
    view(&mut a, "a3");
    a.merge_stored(Some(fixed), T0).unwrap();
    assert!(!a.profile().paused, "the resume was undone in A");
    assert!(!a.profile().viewed.iter().any(|id| id == "a2" || id == "a3"));
    let _ = resumed;
}

/// An import replaces the whole profile, its pause setting included: another tab that paused
/// earlier does not pause the imported profile again when it merges it.
#[test]
fn an_import_brings_its_own_pause_setting_to_every_tab() {
    let (mut a, mut b) = (tab(11), tab(22));
    b.set_paused(true);
    let stored = write(&mut b, None);
    a.merge_stored(Some(stored.clone()), T0).unwrap();
    assert!(a.profile().paused);
    // A imports a profile exported before any pause.
    let mut exported = tab(33);
    view(&mut exported, "imported");
    a.import(exported.profile().clone(), T0).unwrap();
    assert!(!a.profile().paused);
    let imported = write(&mut a, Some(stored));
    b.merge_stored(Some(imported), T0).unwrap();
    assert!(!b.profile().paused, "B paused the imported profile again");
    assert_eq!(b.profile().viewed, vec!["imported"]);
}
