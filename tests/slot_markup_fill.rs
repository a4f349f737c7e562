//! Script-tag slots show only items the page has display data for: a slot must still come
//! back full while the shop's popularity data holds enough items the page can show.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use shelfwise::core::id::IdText;
use shelfwise::core::pack::PopularityInput;
use shelfwise::core::recommend::Slot;
use shelfwise::core::slot_markup::{recommend_for, SlotMarkup};
use shelfwise::core::{Config, Engine};

#[test]
fn a_slot_is_filled_with_items_the_page_can_show_deep_in_popularity() {
    let mut e = Engine::new(&Config::default(), 1.7e12);
    let overall: Vec<(IdText, f64)> = (0..200)
        .map(|i| (IdText(format!("p{i}")), f64::from(1000 - i)))
        .collect();
    e.set_popularity(PopularityInput {
        overall: Some(overall),
        categories: None,
        blend: None,
    })
    .unwrap();
    // The page carries display data for eight of the shop's popular items, ranked 100 to 107.
    let shown: Vec<String> = (100..108).map(|i| format!("p{i}")).collect();
    let can_show = |id: &str| shown.iter().any(|s| s == id);
    let markup = SlotMarkup {
        limit: 8,
        page_item: None,
        item: None,
    };
    for slot in [Slot::PickedForYou, Slot::TopSellers, Slot::Related] {
        let out = recommend_for(&e, slot, &markup, can_show).unwrap();
        let ids: Vec<&str> = out
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| can_show(id))
            .collect();
        assert_eq!(ids, shown, "{slot:?}");
    }
}
