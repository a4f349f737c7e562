//! Baselines for comparison (they do not use the engine): global popularity, the session's own
//! items by count (session popularity), and item-KNN (cosine similarity of session
//! co-occurrence, neighbours of the last item), each padded with global popularity.

use std::collections::{HashMap, HashSet};

use shelfwise::core::pack::input::Log;

use super::eval::{Protocols, Row, CUTOFF};

fn score_lists(rows: &[Row], mut list: impl FnMut(&Row) -> Vec<String>) -> Protocols {
    let mut out = Protocols::default();
    for row in rows {
        let ranked = list(row);
        let seen: HashSet<&str> = row.prefix.iter().map(String::as_str).collect();
        let pos = |ids: &mut dyn Iterator<Item = &String>| {
            ids.take(CUTOFF).position(|id| *id == row.target)
        };
        let allowed = pos(&mut ranked.iter());
        let excluded = pos(&mut ranked.iter().filter(|id| !seen.contains(id.as_str())));
        out.add(row, allowed, excluded);
    }
    out
}

/// Appends popular ids not already in `list` until it is long enough for both protocols.
fn pad(list: &mut Vec<String>, popular: &[String], need: usize) {
    for p in popular {
        if list.len() >= need {
            break;
        }
        if !list.contains(p) {
            list.push(p.clone());
        }
    }
}

/// Runs every baseline over `rows`, with statistics from `log` (training sessions only).
pub fn all(log: &Log, rows: &[Row]) -> Vec<(&'static str, Protocols)> {
    let mut counts = vec![0u32; log.ids.len()];
    for s in &log.sessions {
        for &i in &s.views {
            if let Some(c) = counts.get_mut(i as usize) {
                *c += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_unstable_by(|&a, &b| counts.get(b).cmp(&counts.get(a)).then(a.cmp(&b)));
    // Long enough to pad after removing a long prefix's own items.
    let need = CUTOFF + 60;
    let popular: Vec<String> = order
        .iter()
        .take(need)
        .filter_map(|&i| log.ids.get(i).cloned())
        .collect();
    let pop = score_lists(rows, |_| popular.clone());
    let session_pop = score_lists(rows, |row| {
        let mut own: Vec<(&String, usize, usize)> = Vec::new();
        for (pos, id) in row.prefix.iter().enumerate() {
            match own.iter_mut().find(|o| o.0 == id) {
                Some(o) => {
                    o.1 += 1;
                    o.2 = pos;
                }
                None => own.push((id, 1, pos)),
            }
        }
        own.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
        let mut list: Vec<String> = own.into_iter().map(|o| o.0.clone()).collect();
        pad(&mut list, &popular, need);
        list
    });
    // Item-KNN: sessions as sets; cosine = co(a, b) / sqrt(n(a) n(b)).
    let mut sessions_of: HashMap<u32, Vec<u32>> = HashMap::new();
    let sets: Vec<Vec<u32>> = log
        .sessions
        .iter()
        .map(|s| {
            let mut v = s.views.clone();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    for (si, set) in sets.iter().enumerate() {
        for &i in set {
            sessions_of.entry(i).or_default().push(si as u32);
        }
    }
    let mut cache: HashMap<u32, Vec<String>> = HashMap::new();
    let knn = score_lists(rows, |row| {
        let last = row.prefix.last().and_then(|id| log.lookup(id));
        let mut list = last
            .map(|a| {
                cache
                    .entry(a)
                    .or_insert_with(|| neighbours(a, &sessions_of, &sets, log))
                    .clone()
            })
            .unwrap_or_default();
        pad(&mut list, &popular, need);
        list
    });
    vec![
        ("popularity", pop),
        ("session popularity", session_pop),
        ("item-KNN (last item)", knn),
    ]
}

fn neighbours(
    a: u32,
    sessions_of: &HashMap<u32, Vec<u32>>,
    sets: &[Vec<u32>],
    log: &Log,
) -> Vec<String> {
    let n = |i: u32| sessions_of.get(&i).map_or(0, Vec::len) as f64;
    let mut co: HashMap<u32, f64> = HashMap::new();
    for &s in sessions_of.get(&a).map_or(&[][..], Vec::as_slice) {
        for &b in sets.get(s as usize).map_or(&[][..], Vec::as_slice) {
            if b != a {
                *co.entry(b).or_default() += 1.0;
            }
        }
    }
    let mut scored: Vec<(u32, f64)> = co
        .into_iter()
        .map(|(b, c)| (b, c / (n(a) * n(b)).sqrt()))
        .collect();
    scored.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    scored
        .into_iter()
        .take(CUTOFF + 40)
        .map(|(b, _)| log.id(b).to_owned())
        .collect()
}
