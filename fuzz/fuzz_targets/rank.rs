//! Ranking arbitrary items with arbitrary options after arbitrary events: either a field error,
//! or a permutation of the input ids; `explain` answers for every ranked id. The items ranked
//! one by one (`rank_with`, each word's held search term looked up) and as a batch
//! (`rank_batch`, the quick path over each distinct text) give the same ranking to the bit:
//! with the Chinese and Japanese pieces of the fuzzer's texts, searches hold bigrams and names
//! hold them too, so both paths reach the held-bigram table (`src/core/rank/held.rs`).
//! Then arbitrary changes of the engine (events, removals, choices and their undo, pause,
//! reset, erase, consent changes, another tab's writes merged, imports and restores, pruning),
//! mostly within one minute (the kept score table is by minute), each followed by a ranking
//! of the same items, which must equal, to the bit, one over a table built afresh
//! (`shelfwise_fuzz::table`).
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::engine::validate_batch;
use shelfwise::core::profile::ChoiceTarget;
use shelfwise::core::rank::{self, ScoreTable};
use shelfwise::core::time::minutes_from_ms;
use shelfwise::core::{Config, Consent, Engine, ItemInput, Profile, RankOptionsInput};
use shelfwise_fuzz::table::{bits, items_for, same_as_afresh};
use shelfwise_fuzz::{event, items, now, rank_options, text};

/// Events learned before ranking: enough for a search among views.
const EVENTS: usize = 4;
/// Changes after the first ranking, each followed by a ranking.
const MAX_CHANGES: usize = 48;

/// `RANK_STATS=1` prints whether an input's ranking met a held bigram (to see the fuzzer
/// reach the table).
fn stats() -> bool {
    static STATS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STATS.get_or_init(|| std::env::var_os("RANK_STATS").is_some())
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
    let Ok(order) = engine.rank(list.clone(), options.clone(), t) else {
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
    changes(&mut u, engine, &list, &options, t);
});

/// Steps of the clock between changes: mostly none or within the minute (the kept table is
/// used again), sometimes to the next minute, a day on, or back.
const STEPS: [f64; 6] = [0.0, 0.0, 1.0, 20_000.0, 60_000.0, 86_400_000.0];

/// Arbitrary changes of `engine`, each followed by a ranking of `list` and of items meeting
/// the interests held before and after the change, which must equal one over a table built
/// afresh. A second tab (`other`, from the same start) learns too, and
/// profiles seen along the way are kept to merge, import or restore later.
fn changes(
    u: &mut Unstructured,
    mut engine: Engine,
    list: &[ItemInput],
    options: &RankOptionsInput,
    mut t: f64,
) {
    let mut other = engine.clone();
    other.set_writer(2);
    let mut kept: Vec<Profile> = vec![engine.profile().clone()];
    // Ids and keys to remove or choose: the items' ids, the interests held, a search.
    let ids: Vec<String> = list
        .iter()
        .filter_map(|i| i.id.as_ref())
        .map(|d| d.0.clone())
        .collect();
    for _ in 0..MAX_CHANGES {
        let Ok(op) = u.int_in_range(0u8..=19) else {
            return;
        };
        let Ok(step) = u.choose(&STEPS) else { return };
        t = if u.ratio(1, 16).unwrap_or(false) {
            t - step
        } else {
            t + step
        };
        let pick = u.arbitrary::<u8>().unwrap_or(0);
        let id = ids
            .get(usize::from(pick) % ids.len().max(1))
            .cloned()
            .unwrap_or_default();
        let key = {
            let held = &engine.profile().affinities;
            held.get(usize::from(pick) % held.len().max(1))
                .map(|a| a.key().to_owned())
                .unwrap_or_default()
        };
        let before = engine.profile().clone();
        match op {
            0..=3 => {
                if let Ok(ev) = event(u) {
                    let _ = engine.track(ev, t);
                }
            }
            4 => {
                engine.remove_item(&id);
            }
            5 => {
                engine.remove_interest(&key);
            }
            6 => {
                let text = key.split_once(':').map_or("", |(_, k)| k).to_owned();
                engine.remove_search(&text);
            }
            7 | 8 => {
                let target = match pick % 3 {
                    0 => ChoiceTarget::Item(id),
                    1 => ChoiceTarget::Key(key),
                    _ => ChoiceTarget::Category(vec![text(u).unwrap_or_default()]),
                };
                let sign = [1, -1, 0][usize::from(pick >> 2) % 3];
                let _ = engine.choose(&target, sign, "target", t);
            }
            9 => engine.set_paused(pick & 1 == 1),
            10 => engine.reset(t),
            11 => {
                let to =
                    [Consent::Granted, Consent::Pending, Consent::Denied][usize::from(pick) % 3];
                engine.set_consent(to, t);
            }
            12 => {
                if let Ok(ev) = event(u) {
                    let _ = other.track(ev, t);
                }
                let _ = other.merge_stored(kept.last().cloned(), t);
                kept.push(other.profile().clone());
            }
            13 => {
                let stored = kept.get(usize::from(pick) % kept.len()).cloned();
                if engine.merge_stored(stored, t).is_ok() {
                    engine.mark_saved();
                    kept.push(engine.profile().clone());
                }
            }
            14 => {
                if let Some(p) = kept.get(usize::from(pick) % kept.len()) {
                    let _ = engine.import(p.clone(), t);
                }
            }
            15 => {
                if let Some(p) = kept.get(usize::from(pick) % kept.len()) {
                    let _ = engine.restore(p.clone(), t);
                }
            }
            16 => {
                if let Some(p) = kept.get(usize::from(pick) % kept.len()) {
                    engine.absorb_stored(p.clone(), t);
                }
            }
            17 => {
                if let Some(p) = kept.get(usize::from(pick) % kept.len()) {
                    engine.merge_overwritten(p.clone(), t);
                }
            }
            18 => {
                let old = kept.get(usize::from(pick) % kept.len());
                engine.reset_event(old, pick & 1 == 1, t);
            }
            _ => engine.shrink_to(usize::from(pick) * 16, t),
        }
        // The page's items and items meeting the interests held before and after the change.
        let mut ranked = list.to_vec();
        ranked.extend(items_for(&before, 0, 12));
        ranked.extend(items_for(engine.profile(), 12, 12));
        same_as_afresh(&mut engine, &ranked, options, t);
    }
}
