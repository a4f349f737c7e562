//! Replaying rows through the core engine as product pages would: the pack's popularity part
//! (with the blend it carries) loaded once, then per row a fresh profile, `add_item_data` (what
//! the product page hands over) and `track` per viewed item.

use std::collections::HashMap;

use shelfwise::core::id::IdText;
use shelfwise::core::item::ItemInput;
use shelfwise::core::pack::build::Pack;
use shelfwise::core::pack::{BlendInput, ItemData, ItemDataInput, PopularityInput, Weighted};
use shelfwise::core::recommend::options::RecommendOptions;
use shelfwise::core::{Config, Engine, EventInput};

use super::engine_ids::EngineIds;
use super::eval::Row;

/// The clock of every replay: a fixed instant, one second per event.
const T0_MS: f64 = 1.7e12;

fn pairs(list: &[Weighted], names: &EngineIds) -> Vec<(IdText, f64)> {
    list.iter()
        .map(|w| (IdText(names.get(&w.0).to_owned()), f64::from(w.1)))
        .collect()
}

fn item_input(d: &ItemData, names: &EngineIds) -> ItemDataInput {
    ItemDataInput {
        related: Some(pairs(&d.related, names)),
        bought_together: Some(pairs(&d.bought_together, names)),
    }
}

fn view(id: &str) -> EventInput {
    EventInput {
        kind: Some("view_item".into()),
        item: Some(ItemInput {
            id: Some(IdText(id.to_owned())),
            ..ItemInput::default()
        }),
        ..EventInput::default()
    }
}

/// Where `target` landed in `engine`'s answer to `options` (`None`: not in the list).
pub fn rank_in(engine: &Engine, options: &RecommendOptions, target: &str) -> Option<usize> {
    engine
        .recommend(options)
        .iter()
        .position(|r| r.id == target)
}

/// Threads a replay uses: one per core the system reports, at most [`MAX_THREADS`].
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS))
}

/// Most threads a replay starts (each holds one engine; rows are independent).
const MAX_THREADS: usize = 16;

/// The engine every replay starts from: the pack's popularity part loaded, as a page does.
fn engine_for(pack: &Pack, names: &EngineIds) -> Result<Engine, String> {
    let mut engine = Engine::new(&Config::default(), T0_MS);
    let pop = &pack.popularity;
    engine
        .set_popularity(PopularityInput {
            overall: Some(pairs(&pop.overall, names)),
            categories: Some(
                pop.categories
                    .iter()
                    .map(|(c, l)| (names.get(c).to_owned(), pairs(l, names)))
                    .collect(),
            ),
            // As the page hands it over: the pack's blend, read back as untrusted data.
            blend: Some(BlendInput {
                repeat: Some(pop.blend.repeat),
                decay: Some(pop.blend.decay),
                bought: Some(pop.blend.bought),
            }),
        })
        .map_err(|e| e.to_string())?;
    Ok(engine)
}

/// Replays every row into a fresh profile and hands the engine and the id it knows the row's
/// target by to `score`; its answers come back in row order. The rows are split
/// into `threads` runs of consecutive rows, each replayed by an engine of its own on a thread
/// of its own: every row starts from a fresh profile, so the answers do not depend on
/// `threads`.
pub fn replay_rows<T: Send>(
    pack: &Pack,
    rows: &[Row],
    threads: usize,
    score: impl Fn(&Engine, &str) -> T + Sync,
) -> Result<Vec<T>, String> {
    let lookup: HashMap<&str, &ItemData> =
        pack.items.iter().map(|(id, d)| (id.as_str(), d)).collect();
    let names = EngineIds::of(pack, rows);
    let run = |part: &[Row]| -> Result<Vec<T>, String> {
        let mut engine = engine_for(pack, &names)?;
        let mut out = Vec::with_capacity(part.len());
        for row in part {
            engine.reset(T0_MS);
            for (i, id) in row.prefix.iter().enumerate() {
                let now = T0_MS + 1000.0 * i as f64;
                let name = names.get(id);
                if let Some(d) = lookup.get(id.as_str()) {
                    engine
                        .add_item_data(name, item_input(d, &names))
                        .map_err(|e| e.to_string())?;
                }
                engine.track(view(name), now).map_err(|e| e.to_string())?;
            }
            out.push(score(&engine, names.get(&row.target)));
        }
        Ok(out)
    };
    let size = rows.len().div_ceil(threads.max(1)).max(1);
    let parts: Vec<Result<Vec<T>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = rows.chunks(size).map(|p| s.spawn(|| run(p))).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err("a replay thread failed".into()))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(rows.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use shelfwise::core::pack::build::{build, PackSettings};
    use shelfwise::core::pack::input::Log;
    use shelfwise::core::recommend::options::Slot;

    #[test]
    fn answers_come_back_in_row_order_whatever_the_threads() {
        let mut text = String::new();
        for s in 0..60 {
            text.push_str(&format!("i{} i{} i{}\n", s % 7, (s + 1) % 7, (s * 3) % 11));
        }
        let pack = build(&Log::from_sessions_text(&text), &PackSettings::default());
        let rows: Vec<Row> = (0..25)
            .map(|r| {
                let a = format!("i{}", r % 7);
                let b = format!("i{}", (r * 5) % 11);
                Row::of(&[&a, &b], &format!("i{}", (r + 1) % 7))
            })
            .collect();
        let options = RecommendOptions::new(Slot::PickedForYou, 20);
        let answer = |engine: &Engine, target: &str| {
            let ids: Vec<String> = engine
                .recommend(&options)
                .into_iter()
                .map(|r| r.id)
                .collect();
            (target.to_owned(), ids)
        };
        let one = replay_rows(&pack, &rows, 1, answer).unwrap();
        let targets: Vec<&str> = one.iter().map(|(t, _)| t.as_str()).collect();
        let expected: Vec<&str> = rows.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(targets, expected);
        assert!(one.iter().any(|(_, ids)| !ids.is_empty()));
        for threads in [2, 3, 40] {
            assert_eq!(
                replay_rows(&pack, &rows, threads, answer).unwrap(),
                one,
                "{threads}"
            );
        }
    }
}
