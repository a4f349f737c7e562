//! `build-pack` on arbitrary logs: the reader never panics on any text, and the built pack
//! keeps the privacy threshold. A pair that some, but fewer than `k`, sessions hold together
//! never appears in it (as a viewed-together or bought-together neighbour), every popular
//! item is held by at least `k` sessions, and lists respect the neighbour limit.
#![no_main]

use std::collections::HashMap;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shelfwise::core::pack::build::{build, PackSettings};
use shelfwise::core::pack::input::Log;

/// Sessions as the fuzzer writes them: `(session id, item, purchased)` rows.
type Rows = Vec<(u8, u8, bool)>;

fn rows(u: &mut Unstructured) -> arbitrary::Result<Rows> {
    // At most 100 rows, so no session is longer than the default window (100): every pair
    // in a session is near enough to count.
    let n = u.int_in_range(0..=100)?;
    (0..n)
        .map(|_| {
            Ok((
                u.int_in_range(0..=11)?,
                u.int_in_range(0..=9)?,
                u.ratio(1, 5)?,
            ))
        })
        .collect()
}

/// Distinct sessions holding both `a` and `b` (as views, or as purchases).
fn together(sessions: &HashMap<u8, (Vec<u8>, Vec<u8>)>, a: u8, b: u8, bought: bool) -> usize {
    sessions
        .values()
        .filter(|(views, buys)| {
            let list = if bought { buys } else { views };
            list.contains(&a) && list.contains(&b)
        })
        .count()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    if u.ratio(1, 4).unwrap_or(false) {
        // Any text at all: either format, or neither.
        let text = String::from_utf8_lossy(u.take_rest());
        if let Ok(log) = Log::from_text(&text) {
            let _ = build(&log, &PackSettings::default());
        }
        return;
    }
    let (Ok(rows), Ok(k), Ok(n), Ok(two_step), Ok(backward)) = (
        rows(&mut u),
        u.int_in_range(1u32..=4),
        u.int_in_range(1usize..=6),
        u.choose(&[0.0, 0.5, 1.0]),
        u.choose(&[0.0, 0.5, 1.0]),
    ) else {
        return;
    };
    let mut csv = String::from("session_id,item_id,event_type\n");
    let mut sessions: HashMap<u8, (Vec<u8>, Vec<u8>)> = HashMap::new();
    for &(s, item, bought) in &rows {
        let kind = if bought { "purchase" } else { "view" };
        csv.push_str(&format!("s{s},i{item},{kind}\n"));
        let entry = sessions.entry(s).or_default();
        if bought {
            entry.1.push(item);
        } else {
            entry.0.push(item);
        }
    }
    let Ok(log) = Log::from_text(&csv) else {
        panic!("a well-formed events CSV is read");
    };
    let settings = PackSettings {
        min_sessions: k,
        neighbours: n,
        two_step: *two_step,
        backward: *backward,
        ..PackSettings::default()
    };
    let pack = build(&log, &settings);
    let num = |id: &str| -> u8 { id.trim_start_matches('i').parse().unwrap_or(u8::MAX) };
    for (id, data) in &pack.items {
        let a = num(id);
        for (list, bought) in [(&data.related, false), (&data.bought_together, true)] {
            assert!(list.len() <= n, "at most {n} neighbours");
            for w in list {
                let b = num(&w.0);
                assert!(w.1 >= 1 && w.1 <= 1000, "weight in 1..=1000");
                let s = together(&sessions, a, b, bought);
                assert!(
                    s == 0 || s >= k as usize,
                    "{id} -> {} is held together by {s} < k = {k} sessions",
                    w.0
                );
                if bought {
                    assert!(s >= k as usize, "bought together needs k sessions");
                }
            }
        }
    }
    for p in &pack.popularity.overall {
        let item = num(&p.0);
        let held = sessions
            .values()
            .filter(|(v, b)| v.contains(&item) || b.contains(&item))
            .count();
        assert!(
            held >= k as usize,
            "popular {} held by {held} < k sessions",
            p.0
        );
    }
});
