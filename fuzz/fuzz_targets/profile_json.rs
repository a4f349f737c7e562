//! Restoring a stored profile from arbitrary JSON text, then using it. After each change
//! (restore, an event, a merge, an import, a removal, a reset), items that meet the interests
//! held rank with the engine's kept score table, in the same minute, as with one built afresh
//! (`shelfwise_fuzz::table`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, Profile};
use shelfwise_fuzz::check_profile;
use shelfwise_fuzz::table::{items_for, same_as_afresh};

/// Ranks items meeting the interests of `stored` and of the engine's profile (the kept table
/// is used again: every call is in one minute) and compares with a table built afresh.
fn ranks_afresh(engine: &mut Engine, stored: &Profile) {
    let mut list = items_for(stored, 0, 16);
    list.extend(items_for(engine.profile(), 16, 16));
    same_as_afresh(engine, &list, &Default::default(), NOW);
}

const NOW: f64 = 1_793_491_200_000.0;

fuzz_target!(|data: &[u8]| {
    let Ok(stored) = serde_json::from_slice::<Profile>(data) else {
        return;
    };
    let mut engine = Engine::new(&Config::default(), NOW);
    ranks_afresh(&mut engine, &stored);
    if engine.restore(stored.clone(), NOW).is_err() {
        return;
    }
    check_profile(engine.profile());
    ranks_afresh(&mut engine, &stored);
    let view = EventInput {
        kind: Some("view_item".into()),
        item: Some(ItemInput::with_id("x")),
        ..Default::default()
    };
    let _ = engine.track(view, NOW);
    ranks_afresh(&mut engine, &stored);
    let _ = engine.merge_stored(Some(stored.clone()), NOW);
    check_profile(engine.profile());
    ranks_afresh(&mut engine, &stored);
    // The first interest removed, the profile imported again, then reset.
    let first = engine
        .profile()
        .affinities
        .first()
        .map(|a| a.key().to_owned());
    engine.remove_interest(first.as_deref().unwrap_or("b:x"));
    ranks_afresh(&mut engine, &stored);
    let _ = engine.import(stored.clone(), NOW);
    ranks_afresh(&mut engine, &stored);
    engine.reset(NOW);
    ranks_afresh(&mut engine, &stored);
    let grid = vec![ItemInput::with_id("a"), ItemInput::with_id("b")];
    let order = engine.rank(grid, Default::default(), NOW);
    assert_eq!(order.map(|o| o.len()).unwrap_or(2), 2);
    let _ = engine.snapshot(NOW);
});
