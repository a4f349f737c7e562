//! Ranking arbitrary items with arbitrary options after arbitrary events: either a field error,
//! or a permutation of the input ids; `explain` answers for every ranked id. The items ranked
//! one by one (`rank_with`, each word's held search term looked up) and as a batch
//! (`rank_batch`, the quick path over each distinct text) give the same ranking to the bit:
//! with the Chinese and Japanese pieces of the fuzzer's texts, searches hold bigrams and names
//! hold them too, so both paths reach the held-bigram table (`src/core/rank/held.rs`).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::engine::validate_batch;
use shelfwise::core::rank::{self, Ranked, ScoreTable};
use shelfwise::core::time::minutes_from_ms;
use shelfwise::core::{Config, Engine};
use shelfwise_fuzz::{event, items, now, rank_options};

/// Events learned before ranking: enough for a search among views.
const EVENTS: usize = 4;

/// `RANK_STATS=1` prints whether an input's ranking met a held bigram (to see the fuzzer
/// reach the table).
fn stats() -> bool {
    static STATS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STATS.get_or_init(|| std::env::var_os("RANK_STATS").is_some())
}

/// The ranking's numbers as bits, so two rankings compare equal to the bit (NaN included).
fn bits(r: &Ranked) -> Vec<u64> {
    let mut out: Vec<u64> = r.order.iter().map(|&i| i as u64).collect();
    for list in [&r.server, &r.personal, &r.choice] {
        out.extend(list.iter().map(|x| x.to_bits()));
    }
    out.extend(r.demoted.iter().map(|&d| u64::from(d)));
    out.extend([
        r.penalty.to_bits(),
        r.impact.to_bits(),
        u64::from(r.personalized),
    ]);
    out
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(t) = now(&mut u) else { return };
    let mut engine = Engine::new(&Config::default(), t);
    for _ in 0..EVENTS {
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
    // One by one and as a batch, as the engine ranks it (its checks first).
    let alike = match (validate_batch(list.clone()), options.clone().validate()) {
        (Ok(batch), Ok(options)) => {
            let (profile, config) = (engine.profile(), engine.config());
            let table = ScoreTable::new(profile, config, minutes_from_ms(t));
            let one = rank::rank_with(&table, profile, config, &batch.items(), &options);
            let batched = rank::rank_batch(&table, profile, config, &batch, &options);
            assert_eq!(bits(&one), bits(&batched), "one by one and batched agree");
            if stats() {
                let cjk =
                    |k: &str| k.starts_with("q:") && k.chars().skip(2).all(|c| c > '\u{2e7f}');
                let held = table.held_queries().iter().filter(|(k, _)| cjk(k)).count();
                let mut met = 0;
                for item in batch.items() {
                    table.for_each_contribution(&item, config, &mut String::new(), |k, _| {
                        met += usize::from(cjk(k));
                    });
                }
                eprintln!("stats: held bigrams {held}, met {met}");
            }
            true
        }
        _ => false,
    };
    let Ok(order) = engine.rank(list, options, t) else {
        assert!(!alike, "the engine ranks what validates");
        return;
    };
    assert!(alike, "the engine refuses what does not validate");
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
