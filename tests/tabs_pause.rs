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

use common::*;
use shelfwise::core::{Config, Engine, Profile};

fn tab(writer: u32) -> Engine {
    let mut e = Engine::new(&Config::default(), T0);
    e.set_writer(writer);
    e
}

/// The web layer's write: merge with what is stored (`None`: this tab's own last write, so
/// nothing to read), keep the result as written.
fn write(e: &mut Engine, stored: Option<Profile>) -> Profile {
    e.merge_stored(stored, T0).unwrap();
    e.mark_saved();
    e.profile().clone()
}

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
