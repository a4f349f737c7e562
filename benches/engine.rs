//! Native benchmarks of the engine core (`make bench`, or `cargo bench --bench engine`).
//!
//! The catalog and the shopper's event stream come from the same seeded generator as the
//! browser benchmark (`www/bench/catalog.js`), so native and in-browser figures describe the
//! same work: 12 × 6 categories, 40 brands, prices 5–200, up to 3 of 30 tags, one of 10 colours;
//! a session of 300 events mostly about three categories; for recommendations, each viewed
//! product page hands over its pack entry (50 + 20 neighbours) and the popularity part is loaded.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

/// `batch_of`: items packed as the page packs them (shared with the tests).
#[cfg(not(target_arch = "wasm32"))]
#[path = "../tests/common/batch.rs"]
mod batch;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::batch::batch_of;
    use std::time::Duration;

    use criterion::{black_box, BatchSize, BenchmarkId, Criterion};

    use shelfwise::core::id::IdText;
    use shelfwise::core::pack::{ItemDataInput, PopularityInput};
    use shelfwise::core::profile::ChoiceTarget;
    use shelfwise::core::rank::DiversityInput;
    use shelfwise::core::recommend::{RecommendOptions, Slot};
    use shelfwise::core::{Config, Engine, EventInput, ItemInput, RankOptionsInput};

    /// 2026-11-01 in milliseconds: the benchmark's clock.
    const NOW: f64 = 1_793_491_200_000.0;

    const TOPS: [&str; 12] = [
        "Shoes", "Bags", "Hats", "Socks", "Jackets", "Shirts", "Pants", "Watches", "Toys", "Books",
        "Kitchen", "Garden",
    ];
    const COLORS: [&str; 10] = [
        "red", "blue", "green", "black", "white", "grey", "brown", "pink", "yellow", "orange",
    ];

    /// The 32-bit linear congruential generator `www/bench/catalog.js` uses too.
    struct Lcg(u32);

    impl Lcg {
        fn next(&mut self) -> u32 {
            self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            self.0 >> 8
        }
        fn below(&mut self, n: u32) -> u32 {
            self.next() % n
        }
    }

    /// Item `i` of the benchmark catalog (the same for every caller).
    fn catalog_item(i: u32) -> ItemInput {
        let mut r = Lcg(i.wrapping_mul(2_654_435_761).wrapping_add(1));
        let top = TOPS[r.below(12) as usize];
        let sub = r.below(6);
        let brand = r.below(40);
        let price = 5.0 + f64::from(r.below(19_500)) / 100.0;
        let tags = (0..r.below(4))
            .map(|_| format!("tag{}", r.below(30)))
            .collect();
        let color = COLORS[r.below(10) as usize];
        ItemInput {
            id: Some(IdText(format!("sku-{i}"))),
            name: Some(format!("{top} item {i}")),
            category: Some(vec![top.to_owned(), format!("{top} {sub}")]),
            brand: Some(format!("Brand {brand}")),
            price: Some(price),
            tags: Some(tags),
            facets: Some(vec![("color".to_owned(), color.to_owned())]),
            ..ItemInput::default()
        }
    }

    /// The first `n` catalog items.
    fn catalog(n: u32) -> Vec<ItemInput> {
        (0..n).map(catalog_item).collect()
    }

    /// A catalog item the shopper is interested in: 80 % from three favourite categories.
    fn pick(r: &mut Lcg) -> ItemInput {
        loop {
            let item = catalog_item(r.below(10_000));
            let top = item.category.as_ref().unwrap()[0].clone();
            let favourite = matches!(top.as_str(), "Shoes" | "Bags" | "Jackets");
            if favourite || r.below(5) == 0 {
                return item;
            }
        }
    }

    fn one(kind: &str, item: ItemInput) -> EventInput {
        EventInput {
            kind: Some(kind.to_owned()),
            item: Some(item),
            ..EventInput::default()
        }
    }

    fn many(kind: &str, items: Vec<ItemInput>) -> EventInput {
        EventInput {
            kind: Some(kind.to_owned()),
            items: Some(items),
            ..EventInput::default()
        }
    }

    /// The shopper's session: 300 events of every kind, in the browser benchmark's mix.
    fn session() -> Vec<EventInput> {
        let mut r = Lcg(7);
        (0..300)
            .map(|_| match r.below(100) {
                0..=49 => one("view_item", pick(&mut r)),
                50..=64 => one("select_item", pick(&mut r)),
                65..=74 => many("view_item_list", (0..20).map(|_| pick(&mut r)).collect()),
                75..=82 => many("add_to_cart", vec![pick(&mut r)]),
                83..=92 => EventInput {
                    seconds: Some(f64::from(r.below(120))),
                    ..one("dwell", pick(&mut r))
                },
                93..=97 => EventInput {
                    kind: Some("search".to_owned()),
                    query: Some("red running shoes".to_owned()),
                    ..EventInput::default()
                },
                _ => many("purchase", vec![pick(&mut r)]),
            })
            .collect()
    }

    /// An engine that has learned the whole session once.
    fn trained() -> Engine {
        let mut engine = Engine::new(&Config::default(), NOW);
        for e in session() {
            engine.track(e, NOW).unwrap();
        }
        engine
    }

    fn grid() -> RankOptionsInput {
        RankOptionsInput {
            context: Some("grid".to_owned()),
            ..RankOptionsInput::default()
        }
    }

    fn track(c: &mut Criterion) {
        let events = session();
        let view = one("view_item", catalog_item(3));
        let mut engine = trained();
        let mut g = c.benchmark_group("track");
        g.bench_function("view_item", |b| {
            b.iter_batched(
                || view.clone(),
                |e| engine.track(e, NOW).unwrap(),
                BatchSize::SmallInput,
            );
        });
        let mut i = 0;
        g.bench_function("session mix", |b| {
            b.iter_batched(
                || {
                    i = (i + 1) % events.len();
                    events[i].clone()
                },
                |e| engine.track(e, NOW).unwrap(),
                BatchSize::SmallInput,
            );
        });
        g.finish();
    }

    fn rank(c: &mut Criterion) {
        let mut engine = trained();
        let mut g = c.benchmark_group("rank");
        for n in [50, 1_000, 10_000] {
            let items = catalog(n);
            g.bench_with_input(BenchmarkId::from_parameter(n), &items, |b, items| {
                b.iter_batched(
                    || items.clone(),
                    |items| black_box(engine.rank(items, grid(), NOW).unwrap()),
                    BatchSize::LargeInput,
                );
            });
        }
        g.finish();
    }

    /// `rank` as the browser calls it: the items held as a batch, each distinct text once.
    fn rank_batch(c: &mut Criterion) {
        let mut engine = trained();
        let mut g = c.benchmark_group("rank batch");
        for n in [50, 1_000, 10_000] {
            let batch = batch_of(&catalog(n));
            g.bench_with_input(BenchmarkId::from_parameter(n), &batch, |b, batch| {
                b.iter_batched(
                    || batch.clone(),
                    |batch| black_box(engine.rank_batch(batch, grid(), NOW).unwrap()),
                    BatchSize::LargeInput,
                );
            });
        }
        // The two paths that build whole items from the batch: a shopper's choice ("more
        // like Shoes") and a diversity cap.
        let batch = batch_of(&catalog(1_000));
        let mut chosen = trained();
        let shoes = ChoiceTarget::Category(vec!["Shoes".to_owned()]);
        chosen.choose(&shoes, 1, "target", NOW).unwrap();
        assert!(!chosen.profile().choices.is_empty());
        let by = Some("brand".to_owned());
        let (max_per_group, top_k) = (Some(2.0), Some(20.0));
        let diversity = Some(DiversityInput {
            by,
            max_per_group,
            top_k,
        });
        let diverse = RankOptionsInput {
            diversity,
            ..grid()
        };
        let cases = [
            ("a choice", &mut chosen, grid()),
            ("diversity", &mut engine, diverse),
        ];
        for (name, e, opts) in cases {
            g.bench_function(format!("1000 with {name}"), |b| {
                let rank = |batch| black_box(e.rank_batch(batch, opts.clone(), NOW).unwrap());
                b.iter_batched(|| batch.clone(), rank, BatchSize::LargeInput);
            });
        }
        g.finish();
    }

    /// Catalog item `i`'s pack entry, as `www/bench/catalog.js` `itemData(i)` makes it: 50
    /// "viewed together" and 20 "bought together" neighbours, mostly from its own category.
    fn item_data(i: u32) -> ItemDataInput {
        let mut r = Lcg(i.wrapping_mul(40_503).wrapping_add(17));
        let mut near = |n: usize| {
            let mut out: Vec<(IdText, f64)> = Vec::new();
            let mut seen = vec![i];
            while out.len() < n {
                let step = r.below(600) * if r.below(4) == 0 { 17 } else { 72 };
                let j = (i + 1 + step) % 10_000;
                if !seen.contains(&j) {
                    seen.push(j);
                    out.push((IdText(format!("sku-{j}")), 1000.0 - out.len() as f64 * 15.0));
                }
            }
            out
        };
        let related = near(50);
        ItemDataInput {
            related: Some(related),
            bought_together: Some(near(20)),
        }
    }

    /// The pack's popularity part: 200 items overall and 50 per category path.
    fn popularity() -> PopularityInput {
        let items = catalog(10_000);
        let mut categories: Vec<(String, Vec<(IdText, f64)>)> = Vec::new();
        for it in &items {
            let key = it.category.as_ref().unwrap().join(">").to_lowercase();
            let id = it.id.clone().unwrap();
            match categories.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) if list.len() < 50 => list.push((id, 1000.0 - list.len() as f64)),
                Some(_) => {}
                None => categories.push((key, vec![(id, 1000.0)])),
            }
        }
        let overall = items
            .iter()
            .take(200)
            .enumerate()
            .map(|(k, it)| (it.id.clone().unwrap(), 5000.0 - k as f64))
            .collect();
        PopularityInput {
            overall: Some(overall),
            categories: Some(categories),
            blend: None,
        }
    }

    fn recommend(c: &mut Criterion) {
        let mut engine = Engine::new(&Config::default(), NOW);
        engine.set_popularity(popularity()).unwrap();
        let mut last = String::new();
        for e in session() {
            if e.kind.as_deref() == Some("view_item") {
                last = e.item.as_ref().unwrap().id.clone().unwrap().0;
                let i: u32 = last[4..].parse().unwrap();
                engine.add_item_data(&last, item_data(i)).unwrap();
            }
            engine.track(e, NOW).unwrap();
        }
        let mut g = c.benchmark_group("recommend");
        let picked = RecommendOptions::new(Slot::PickedForYou, 20);
        g.bench_function("pickedForYou 20", |b| {
            b.iter(|| black_box(engine.recommend(&picked)));
        });
        let mut related = RecommendOptions::new(Slot::Related, 20);
        related.item = Some(last.clone());
        g.bench_function("related 20", |b| {
            b.iter(|| black_box(engine.recommend(&related)));
        });
        let page = item_data(3);
        g.bench_function("addItemData", |b| {
            b.iter_batched(
                || page.clone(),
                |d| engine.add_item_data("sku-3", d).unwrap(),
                BatchSize::SmallInput,
            );
        });
        g.finish();
    }

    /// Two-character words of Chinese product titles.
    const ZH: [&str; 16] = [
        "新款", "男士", "女士", "透气", "轻便", "减震", "防滑", "运动", "跑鞋", "皮包", "夹克",
        "防水", "休闲", "时尚", "秋冬", "加厚",
    ];

    /// `rank` of 1,000 items named as Chinese shops name them (a title of 12 two-character
    /// words, 24 characters and 23 bigrams, glued to a model number) for a shopper who made
    /// 8 searches in Chinese as well as the session's (README "Limitations": bigrams).
    fn rank_chinese(c: &mut Criterion) {
        let mut engine = trained();
        for q in [
            "新款跑鞋",
            "男士运动鞋",
            "轻便透气",
            "女士皮包",
            "防水夹克",
            "秋冬加厚",
            "休闲",
            "减震防滑",
        ] {
            let query = Some(q.to_owned());
            let kind = Some("search".to_owned());
            engine
                .track(
                    EventInput {
                        kind,
                        query,
                        ..EventInput::default()
                    },
                    NOW,
                )
                .unwrap();
        }
        let items: Vec<ItemInput> = (0..1_000)
            .map(|i| {
                let mut r = Lcg(i + 1);
                let title: String = (0..12).map(|_| ZH[r.below(16) as usize]).collect();
                ItemInput {
                    name: Some(format!("{title}X{i}")),
                    ..catalog_item(i)
                }
            })
            .collect();
        let batch = batch_of(&items);
        c.bench_function("rank batch/1000 in Chinese", |b| {
            let rank = |batch| black_box(engine.rank_batch(batch, grid(), NOW).unwrap());
            b.iter_batched(|| batch.clone(), rank, BatchSize::LargeInput);
        });
    }

    /// Runs every benchmark group (what `criterion_main!` would do).
    pub fn run() {
        let mut c = Criterion::default()
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(30)
            .configure_from_args();
        track(&mut c);
        rank(&mut c);
        rank_batch(&mut c);
        rank_chinese(&mut c);
        recommend(&mut c);
        c.final_summary();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::run();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
