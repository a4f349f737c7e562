//! `shelfwise build-pack`: logs in, public pack out (JSON), with its size reported.

use serde_json::{json, Map, Value};

use shelfwise::core::pack::build::{Pack, PackSettings};
use shelfwise::core::pack::{Popularity, Weighted};

use super::args::{log, read, Args, Failure};
use super::settings::{self, PACK_OPTIONS, TUNE_OPTIONS};
use super::tune;

fn list(l: &[Weighted]) -> Value {
    Value::Array(l.iter().map(|w| json!([w.0, w.1])).collect())
}

/// The popularity part every page loads: `{"overall":[[id,n]…],"categories":{…}}`, and with
/// `blend` (the pack was tuned) its `pickedForYou` blend as
/// `"blend":{"repeat":…,"decay":…,"bought":…}`.
pub fn popularity_json(p: &Popularity, blend: bool) -> Value {
    let mut categories = Map::new();
    for (c, l) in &p.categories {
        categories.insert(c.clone(), list(l));
    }
    let mut out = json!({ "overall": list(&p.overall), "categories": categories });
    if let (true, Some(map)) = (blend, out.as_object_mut()) {
        let b = p.blend;
        let blend = json!({ "repeat": b.repeat, "decay": b.decay, "bought": b.bought });
        map.insert("blend".into(), blend);
    }
    out
}

/// The pack as JSON: `items` maps an id to what its page embeds
/// (`{"related":[[id,w]…],"boughtTogether":[…]}`); `popularity` is what every page loads
/// (with its blend if `tuned`).
pub fn to_json(pack: &Pack, set: &PackSettings, tuned: bool) -> Value {
    let mut items = Map::new();
    for (id, d) in &pack.items {
        let mut entry = Map::new();
        entry.insert("related".into(), list(&d.related));
        if !d.bought_together.is_empty() {
            entry.insert("boughtTogether".into(), list(&d.bought_together));
        }
        items.insert(id.clone(), Value::Object(entry));
    }
    json!({
        "version": 1,
        "settings": { "neighbours": set.neighbours, "k": set.min_sessions, "window": set.window,
                      "backward": set.backward, "recency": set.recency, "smoothing": set.smoothing,
                      "two_step": set.two_step },
        "popularity": popularity_json(&pack.popularity, tuned),
        "items": items,
    })
}

/// Runs `shelfwise build-pack`.
pub fn run(args: &Args) -> Result<(), Failure> {
    let mut known = vec!["--input", "--categories", "--out", "--popularity-out"];
    known.extend(PACK_OPTIONS);
    known.extend(TUNE_OPTIONS);
    args.check(&known)?;
    let mut log = log(args.required("--input")?)?;
    if let Some(path) = args.value("--categories") {
        (log.add_categories(&read(path)?)).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    let set = settings::pack(args)?;
    let (pack, tuned) = tune::pack(&log, &set, settings::tuning(args)?)?;
    let text = to_json(&pack, &set, tuned.is_some()).to_string();
    let pairs: usize = pack
        .items
        .iter()
        .map(|(_, d)| d.related.len() + d.bought_together.len())
        .sum();
    let popularity = popularity_json(&pack.popularity, tuned.is_some()).to_string();
    match args.value("--out") {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {path}: {e}"))?
        }
        None => println!("{text}"),
    }
    // The popularity part alone: the file the script tag's `data-popularity` names.
    if let Some(path) = args.value("--popularity-out") {
        std::fs::write(path, &popularity).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let per_item = if pack.items.is_empty() {
        0
    } else {
        (text.len() - popularity.len()) / pack.items.len()
    };
    eprintln!(
        "pack: {} sessions, {} items with neighbours, {} neighbour entries, {} bytes \
         (popularity part {} bytes, about {} bytes per item page), k = {}, N = {}",
        log.sessions.len(),
        pack.items.len(),
        pairs,
        text.len(),
        popularity.len(),
        per_item,
        set.min_sessions,
        set.neighbours
    );
    eprintln!("{}", tune::describe(&pack.popularity.blend, tuned.as_ref()));
    Ok(())
}
