//! `shelfwise eval`: builds a pack from the training sessions only, then for every test row
//! replays the prefix into a fresh profile through the core engine — `add_item_data` (what the
//! product page hands over) and `track` per viewed item, then `recommend` 20 from
//! `pickedForYou` — and scores where the target landed (HR@20, MRR@20, in percent).

use std::time::Instant;

use shelfwise::core::pack::build::Pack;
use shelfwise::core::recommend::options::{RecommendOptions, Slot};

use super::args::{log, read, usage, Args, Failure};
use super::baselines;
use super::by_length::{ByLength, LABELS};
use super::holdout::carve_validation;
use super::reach::reach;
use super::replay::{rank_in, replay_rows, threads};
use super::settings::{self, BLEND_OPTIONS, PACK_OPTIONS, TUNE_OPTIONS};
use super::tune;

/// Recommendations scored per row.
pub const CUTOFF: usize = 20;

/// One test row: the session so far and the item that came next.
#[derive(Debug, PartialEq)]
pub struct Row {
    /// Item ids viewed so far, in order.
    pub prefix: Vec<String>,
    /// The next item.
    pub target: String,
}

#[cfg(test)]
impl Row {
    /// A row from ids given as text (tests).
    pub fn of(prefix: &[&str], target: &str) -> Row {
        Row {
            prefix: prefix.iter().map(|s| (*s).to_owned()).collect(),
            target: target.to_owned(),
        }
    }
}

/// HR@20 and MRR@20 accumulated over rows.
#[derive(Default, Clone, Copy)]
pub struct Score {
    hits: f64,
    reciprocal: f64,
    rows: usize,
}

impl Score {
    /// Records where the target landed (`None`: not in the list).
    pub fn add(&mut self, rank: Option<usize>) {
        self.rows += 1;
        if let Some(r) = rank.filter(|&r| r < CUTOFF) {
            self.hits += 1.0;
            self.reciprocal += 1.0 / (r + 1) as f64;
        }
    }
    /// HR@20 in percent.
    pub fn hr(&self) -> f64 {
        100.0 * self.hits / self.rows.max(1) as f64
    }
    /// MRR@20 in percent.
    pub fn mrr(&self) -> f64 {
        100.0 * self.reciprocal / self.rows.max(1) as f64
    }
}

/// Largest whole number a JSON reader keeps exactly as a double (2^53).
const EXACT: f64 = 9_007_199_254_740_992.0;

/// An id: a string, or a whole number as its decimal text (`7.0` is `7`, as in the browser
/// API). `Err` for a number that is not a whole one or was rounded (past 64 bits).
fn id_text(v: &serde_json::Value) -> Result<String, &'static str> {
    match v {
        serde_json::Value::String(s) => Ok(s.clone()),
        serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Ok(u.to_string()),
            (_, Some(i), _) => Ok(i.to_string()),
            (_, _, Some(f)) if f.fract() == 0.0 && f.abs() <= EXACT => Ok((f as i64).to_string()),
            _ => {
                Err("a numeric id that is not a whole number within 64 bits: write it as a string")
            }
        },
        _ => Err("expected {\"prefix\":[ids],\"target\":id}"),
    }
}

/// Reads `{"prefix":[…],"target":…}` lines (the file `path` holds `text`); ids may be strings
/// or numbers. Errors name the file and the line.
pub fn read_rows(path: &str, text: &str) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = |why: &str| format!("cannot read {path}: line {}: {why}", n + 1);
        let bad = || at("expected {\"prefix\":[ids],\"target\":id}");
        let v: serde_json::Value = serde_json::from_str(line).map_err(|_| bad())?;
        let prefix = v
            .get("prefix")
            .and_then(|p| p.as_array())
            .ok_or_else(bad)?
            .iter()
            .map(id_text)
            .collect::<Result<Vec<_>, _>>()
            .map_err(at)?;
        let target = id_text(v.get("target").ok_or_else(bad)?).map_err(at)?;
        if !prefix.is_empty() {
            rows.push(Row { prefix, target });
        }
    }
    Ok(rows)
}

/// Scores of both protocols: already-seen items allowed (the literature's) and excluded.
#[derive(Default)]
pub struct Protocols {
    /// Seen items may be recommended.
    pub allowed: Score,
    /// Seen items are left out.
    pub excluded: Score,
    /// Both, by the number of distinct items in the prefix.
    pub by_length: ByLength,
}

impl Protocols {
    /// Records where `row`'s target landed with seen items allowed and excluded.
    pub fn add(&mut self, row: &Row, allowed: Option<usize>, excluded: Option<usize>) {
        self.allowed.add(allowed);
        self.excluded.add(excluded);
        self.by_length.add(row, allowed, excluded);
    }
}

/// Replays every row through the engine and scores both protocols, with the blend the pack
/// carries. `ranks`: each row's rank in both protocols is written to it (`-1`: not in the top
/// 20), for paired comparisons between runs.
pub fn replay(
    pack: &Pack,
    rows: &[Row],
    mut ranks: Option<&mut String>,
) -> Result<Protocols, String> {
    let allowed = RecommendOptions::new(Slot::PickedForYou, CUTOFF);
    let excluded = RecommendOptions {
        exclude_seen: true,
        ..allowed.clone()
    };
    let found = replay_rows(pack, rows, threads(), |engine, target| {
        (
            rank_in(engine, &allowed, target),
            rank_in(engine, &excluded, target),
        )
    })?;
    let mut out = Protocols::default();
    for (row, (a, e)) in rows.iter().zip(found) {
        if let Some(text) = ranks.as_deref_mut() {
            let at = |r: Option<usize>| r.map_or(-1, |r| r as i64);
            text.push_str(&format!("{} {}\n", at(a), at(e)));
        }
        out.add(row, a, e);
    }
    Ok(out)
}

/// Peak resident memory of this process in MiB (`VmHWM`), if the system reports it.
pub fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs `shelfwise eval`.
pub fn run(args: &Args) -> Result<(), Failure> {
    let mut known = vec![
        "--train",
        "--test",
        "--validate",
        "--json",
        "--baselines",
        "--ranks",
    ];
    known.extend(TUNE_OPTIONS);
    known.extend(PACK_OPTIONS);
    known.extend(BLEND_OPTIONS);
    args.check(&known)?;
    let started = Instant::now();
    let mut log = log(args.required("--train")?)?;
    let rows = match (args.value("--test"), args.value("--validate")) {
        (Some(path), None) => read_rows(path, &read(path)?)?,
        (None, Some(_)) => carve_validation(&mut log, args.number("--validate", 0.1)?),
        _ => {
            return Err(usage(
                "give exactly one of --test PATH and --validate SHARE",
            ))
        }
    };
    let set = settings::pack(args)?;
    // The pack `build-pack` would ship for these sessions; blend options replace its blend.
    let explicit = settings::blend(args)?;
    let mut tuning = settings::tuning(args)?;
    if explicit.is_some() {
        tuning.share = 0.0;
    }
    let (mut pack, tuned) = tune::pack(&log, &set, tuning)?;
    if let Some(b) = explicit {
        pack.popularity.blend = b;
    }
    let blend = pack.popularity.blend;
    let built = started.elapsed().as_secs_f64();
    let replay_start = Instant::now();
    let mut ranks = args.value("--ranks").map(|_| String::new());
    let scores = replay(&pack, &rows, ranks.as_mut())?;
    if let (Some(path), Some(text)) = (args.value("--ranks"), ranks) {
        std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    let seconds = replay_start.elapsed().as_secs_f64();
    let rows_per_s = rows.len() as f64 / seconds.max(1e-9);
    let base = if args.flag("--baselines") {
        baselines::all(&log, &rows)
    } else {
        Vec::new()
    };
    let reach = reach(&pack, &rows);
    let peak = peak_mib().unwrap_or(0.0);
    if args.flag("--json") {
        let mut obj = serde_json::json!({
            "hr20": scores.allowed.hr(),
            "mrr20": scores.allowed.mrr(),
            "rows": rows.len(),
            "rows_per_s": rows_per_s,
            "hr20_excluded": scores.excluded.hr(),
            "mrr20_excluded": scores.excluded.mrr(),
            "peak_mib": peak,
            "pack_items": pack.items.len(),
            "build_s": built,
            "reach_seen": reach.seen,
            "reach_neighbours": reach.neighbours,
            "blend": { "repeat": blend.repeat, "decay": blend.decay, "bought": blend.bought,
                       "tuned_on_rows": tuned.map(|t| t.rows), "held_out_rows": tuned.map(|t| t.held),
                       "gain": tuned.map(|t| t.gain),
                       "se": tuned.map(|t| t.se) },
        });
        if let Some(map) = obj.as_object_mut() {
            let mut lengths = serde_json::Map::new();
            for (label, (n, a, e)) in LABELS.iter().zip(&scores.by_length.buckets) {
                lengths.insert(
                    (*label).to_owned(),
                    serde_json::json!({
                        "rows": n, "hr20": a.hr(), "mrr20": a.mrr(),
                        "hr20_excluded": e.hr(), "mrr20_excluded": e.mrr(),
                    }),
                );
            }
            map.insert("by_distinct_prefix_items".into(), lengths.into());
            for (name, s) in &base {
                let key = name.replace([' ', '(', ')'], "_").replace("__", "_");
                let key = key.trim_end_matches('_').to_lowercase();
                map.insert(format!("{key}_hr20"), s.allowed.hr().into());
                map.insert(format!("{key}_mrr20"), s.allowed.mrr().into());
                map.insert(format!("{key}_hr20_excluded"), s.excluded.hr().into());
                map.insert(format!("{key}_mrr20_excluded"), s.excluded.mrr().into());
            }
        }
        println!("{obj}");
    } else {
        println!(
            "rows {}  pack items {}  (loaded and built in {built:.1} s)",
            rows.len(),
            pack.items.len()
        );
        println!("{}", tune::describe(&blend, tuned.as_ref()));
        println!(
            "{:<28} {:>8} {:>8} {:>12} {:>12}",
            "model", "HR@20", "MRR@20", "HR@20 excl.", "MRR@20 excl."
        );
        let line = |name: &str, p: &Protocols| {
            println!(
                "{name:<28} {:>8.2} {:>8.2} {:>12.2} {:>12.2}",
                p.allowed.hr(),
                p.allowed.mrr(),
                p.excluded.hr(),
                p.excluded.mrr()
            );
            for l in p.by_length.lines() {
                println!("{l}");
            }
        };
        line("shelfwise pickedForYou", &scores);
        for (name, s) in &base {
            line(name, s);
        }
        println!(
            "reach: target in the prefix {:.2} %, else a pack neighbour of a prefix item {:.2} % \
             (HR@20 bound without the popularity fill: {:.2} %)",
            reach.seen,
            reach.neighbours,
            reach.seen + reach.neighbours
        );
        println!("replay: {rows_per_s:.0} rows/s over {seconds:.1} s; peak memory {peak:.0} MiB");
    }
    Ok(())
}
