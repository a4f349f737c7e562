//! Long-session timing of `Engine::track` (release build): 100,000 varied events, timed in
//! batches of 100, median and 95th percentile per call. Run: `cargo bench --bench track`.
//! A timing binary, not a test: numbers go to BENCHMARKS.md, nothing here asserts speed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

use std::time::Instant;

use shelfwise::core::{Config, Engine, EventInput, ItemInput};

const T0: f64 = 1_793_491_200_000.0;

struct Rng(u64);

impl Rng {
    fn next(&mut self, m: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % m
    }
}

fn item(r: &mut Rng) -> ItemInput {
    let mut it = ItemInput::with_id(format!("product-{}", r.next(1_000_000)));
    it.category = Some(vec![
        format!("category-{}", r.next(500)),
        format!("sub-{}", r.next(500)),
    ]);
    it.brand = Some(format!("brand-{}", r.next(2000)));
    it.price = Some(r.next(100_000) as f64 / 7.0);
    it.tags = Some(vec![format!("tag-{}", r.next(5000))]);
    it.facets = Some(vec![("color".into(), format!("c{}", r.next(300)))]);
    it
}

/// The same mix as the browser measurement in www/e2e/reliability.test.mjs.
fn event(r: &mut Rng) -> EventInput {
    let kinds = [
        "view_item",
        "view_item",
        "view_item",
        "select_item",
        "add_to_cart",
        "purchase",
        "search",
        "dwell",
        "view_item_list",
    ];
    let kind = kinds[r.next(kinds.len() as u64) as usize];
    let mut e = EventInput {
        kind: Some(kind.into()),
        ..Default::default()
    };
    match kind {
        "search" => e.query = Some(format!("query {} words", r.next(10_000))),
        "dwell" => {
            e.item = Some(item(r));
            e.seconds = Some(r.next(300) as f64);
        }
        "view_item_list" => e.items = Some((0..4).map(|_| item(r)).collect()),
        "add_to_cart" | "purchase" => e.items = Some(vec![item(r)]),
        _ => e.item = Some(item(r)),
    }
    e
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let mut engine = Engine::new(&Config::default(), T0);
    let mut r = Rng(0x2545_f491_4f6c_dd1d);
    let batch = 100;
    let mut per_call = Vec::new();
    let start = Instant::now();
    for b in 0..1000 {
        let events: Vec<EventInput> = (0..batch).map(|_| event(&mut r)).collect();
        let t = Instant::now();
        for (i, e) in events.into_iter().enumerate() {
            let now = T0 + ((b * batch + i) as f64) * 1000.0;
            engine.track(e, now).unwrap();
        }
        per_call.push(t.elapsed().as_secs_f64() / batch as f64);
    }
    let total = start.elapsed();
    per_call.sort_by(f64::total_cmp);
    let q = |p: f64| per_call[((per_call.len() - 1) as f64 * p) as usize] * 1e6;
    let json = serde_json::to_string(engine.profile()).unwrap();
    println!(
        "track, 100,000 events: p50 {:.2} µs, p95 {:.2} µs per call; total {:.2} s; profile {} bytes, {} interests",
        q(0.5),
        q(0.95),
        total.as_secs_f64(),
        json.len(),
        engine.profile().affinities.len()
    );
}
