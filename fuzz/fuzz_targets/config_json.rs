//! Engine settings from arbitrary JSON: clamped into range, then used for learning and ranking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Config, Engine, EventInput, ItemInput};
use shelfwise_fuzz::check_profile;

const NOW: f64 = 1_793_491_200_000.0;

fuzz_target!(|data: &[u8]| {
    let Ok(config) = serde_json::from_slice::<Config>(data) else {
        return;
    };
    let clean = config.sanitized();
    assert_eq!(clean.sanitized(), clean, "sanitizing is idempotent");
    assert!((2048..=16_384).contains(&clean.max_profile_bytes));
    let mut engine = Engine::new(&config, NOW);
    let mut it = ItemInput::with_id("a");
    it.category = Some(vec!["shoes".into(), "running".into()]);
    it.brand = Some("acme".into());
    it.quantity = Some(3.0);
    for (i, kind) in [
        "view_item",
        "add_to_cart",
        "purchase",
        "dwell",
        "remove_from_cart",
    ]
    .into_iter()
    .enumerate()
    {
        let ev = EventInput {
            kind: Some(kind.into()),
            item: Some(it.clone()),
            seconds: Some(1e9),
            ..Default::default()
        };
        engine.track(ev, NOW + i as f64 * 1e9).unwrap_or_default();
    }
    check_profile(engine.profile());
    let grid = vec![it, ItemInput::with_id("b")];
    let order = engine
        .rank(grid, Default::default(), NOW)
        .unwrap_or_default();
    assert_eq!(order.len(), 2);
});
