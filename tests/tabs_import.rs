//! An import in one tab while another tab is open: the imported profile replaces the stored one
//! as a whole, so the other tab must not replay onto it the events it had already written into
//! the profile the import replaced; the events it learns afterwards still reach it.
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
use shelfwise::core::{Config, Engine};

#[test]
fn an_import_elsewhere_gets_only_this_tabs_later_events() {
    let (mut a, mut b) = (tab(11), tab(22));
    for i in 0..5 {
        b.track(
            event("view_item", item(&format!("b{i}"), "bags", "zeta")),
            T0,
        )
        .unwrap();
    }
    let stored = write(&mut b, None);
    a.merge_stored(Some(stored.clone()), T0).unwrap();
    // A imports a profile exported earlier: one interest, one viewed item.
    let mut exported = Engine::new(&Config::default(), T0);
    exported
        .track(event("view_item", item("imported", "hats", "acme")), T0)
        .unwrap();
    a.import(exported.profile().clone(), T0).unwrap();
    let imported = write(&mut a, Some(stored));
    assert_eq!(imported.viewed, vec!["imported"]);
    // B learns one more event, then A's write reaches it.
    b.track(event("view_item", item("b-after", "socks", "nova")), T0)
        .unwrap();
    let merged = b.merge_stored(Some(imported), T0).unwrap();
    assert_eq!(
        merged.replayed, 1,
        "only the event the import did not replace"
    );
    assert_eq!(b.profile().viewed, vec!["b-after", "imported"]);
    assert_eq!(b.profile().events, 2);
}
