//! Restoring a stored profile from arbitrary JSON text, then using it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, Profile};
use shelfwise_fuzz::check_profile;

const NOW: f64 = 1_793_491_200_000.0;

fuzz_target!(|data: &[u8]| {
    let Ok(stored) = serde_json::from_slice::<Profile>(data) else {
        return;
    };
    let mut engine = Engine::new(&Config::default(), NOW);
    if engine.restore(stored.clone(), NOW).is_err() {
        return;
    }
    check_profile(engine.profile());
    let view = EventInput {
        kind: Some("view_item".into()),
        item: Some(ItemInput::with_id("x")),
        ..Default::default()
    };
    let _ = engine.track(view, NOW);
    let _ = engine.merge_stored(Some(stored), NOW);
    check_profile(engine.profile());
    let grid = vec![ItemInput::with_id("a"), ItemInput::with_id("b")];
    let order = engine.rank(grid, Default::default(), NOW);
    assert_eq!(order.map(|o| o.len()).unwrap_or(2), 2);
    let _ = engine.snapshot(NOW);
});
