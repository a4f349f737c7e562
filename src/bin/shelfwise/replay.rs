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

/// Replays every row into a fresh profile, then hands the engine, the row and the id the
/// engine knows its target by to `score`.
pub fn replay_rows(
    pack: &Pack,
    rows: &[Row],
    mut score: impl FnMut(&Engine, &Row, &str),
) -> Result<(), String> {
    let lookup: HashMap<&str, &ItemData> =
        pack.items.iter().map(|(id, d)| (id.as_str(), d)).collect();
    let names = EngineIds::of(pack, rows);
    let mut engine = Engine::new(&Config::default(), T0_MS);
    let pop = &pack.popularity;
    engine
        .set_popularity(PopularityInput {
            overall: Some(pairs(&pop.overall, &names)),
            categories: Some(
                pop.categories
                    .iter()
                    .map(|(c, l)| (names.get(c).to_owned(), pairs(l, &names)))
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
    for row in rows {
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
        score(&engine, row, names.get(&row.target));
    }
    Ok(())
}
