//! `shelfwise build-pack --tune` and `eval --tune`, run the way a shop would: the blend chosen
//! on the end of the input travels in the pack's popularity part, and `eval` scores with the
//! blend the pack carries.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::*;
use shelfwise::core::id::IdText;
use shelfwise::core::pack::{BlendInput, ItemDataInput, PopularityInput};
use shelfwise::core::recommend::RecommendOptionsInput;
use shelfwise::core::{Config, Engine};

/// `text` in a file of this test run's own.
fn temp(name: &str, text: &str) -> PathBuf {
    files::temp_file("tune", name, text)
}

/// Sessions over groups of four items, three of a group per session, each item viewed once:
/// shoppers never come back to an item.
fn no_repeats(name: &str) -> PathBuf {
    let mut text = String::new();
    for s in 0..300u32 {
        let group = (s % 10) * 4;
        let ids: Vec<String> = (0..3)
            .map(|i| format!("i{}", group + (i + s / 10) % 4))
            .collect();
        text.push_str(&ids.join(" "));
        text.push('\n');
    }
    temp(name, &text)
}

fn run(args: &[&str]) -> (serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shelfwise"))
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (v, err)
}

fn pack(name: &str, extra: &[&str]) -> (serde_json::Value, String) {
    let input = no_repeats(&format!("{name}.txt"));
    let out = temp(name, "");
    let mut args = vec!["build-pack", "--input", input.to_str().unwrap()];
    args.extend(extra);
    args.extend(["--out", out.to_str().unwrap()]);
    let (_, err) = run(&args);
    let text = std::fs::read_to_string(&out).unwrap();
    (serde_json::from_str(&text).unwrap(), err)
}

/// `[[id, weight]…]` from the pack.
fn list(l: &serde_json::Value) -> Vec<(IdText, f64)> {
    l.as_array()
        .unwrap()
        .iter()
        .map(|e| (IdText::from(e[0].as_str().unwrap()), e[1].as_f64().unwrap()))
        .collect()
}

/// The pack's popularity part as a page hands it to the engine.
fn popularity(p: &serde_json::Value) -> PopularityInput {
    let b = &p["blend"];
    PopularityInput {
        overall: Some(list(&p["overall"])),
        categories: None,
        blend: b.is_object().then(|| BlendInput {
            repeat: b["repeat"].as_f64(),
            decay: b["decay"].as_f64(),
            bought: b["bought"].as_f64(),
        }),
    }
}

#[test]
fn a_shop_without_repeats_ships_a_low_repeat_weight_that_the_engine_uses() {
    let (p, err) = pack("tuned.json", &[]);
    let blend = &p["popularity"]["blend"];
    assert!(blend["repeat"].as_f64().unwrap() < 0.1, "{blend}");
    assert!(err.contains("tuned on"), "{err}");
    // A page loads the popularity part and the item data of `i0`, then the shopper views it.
    let mut e = Engine::new(&Config::default(), T0);
    e.set_popularity(popularity(&p["popularity"])).unwrap();
    let d = &p["items"]["i0"]["related"];
    let data = ItemDataInput {
        related: Some(list(d)),
        bought_together: None,
    };
    e.add_item_data("i0", data).unwrap();
    e.track(event("view_item", item("i0", "c", "b")), T0)
        .unwrap();
    let options = RecommendOptionsInput::default()
        .validate("pickedForYou")
        .unwrap();
    let first = e.recommend(&options)[0].id.clone();
    assert_eq!(first, d[0][0].as_str().unwrap(), "the neighbour, not i0");
    // Without tuning the pack carries no blend, and the viewed item comes first.
    let (p, err) = pack("untuned.json", &["--tune", "0"]);
    assert!(
        p["popularity"].get("blend").is_none(),
        "{}",
        p["popularity"]
    );
    assert!(err.contains("not tuned"), "{err}");
    let mut e = Engine::new(&Config::default(), T0);
    e.set_popularity(popularity(&p["popularity"])).unwrap();
    e.track(event("view_item", item("i0", "c", "b")), T0)
        .unwrap();
    assert_eq!(e.recommend(&options)[0].id, "i0");
}

#[test]
fn eval_scores_with_the_blend_build_pack_ships() {
    let (p, _) = pack("eval.json", &[]);
    let train = no_repeats("eval-train.txt");
    let test = temp("test.jsonl", "{\"prefix\":[\"i0\"],\"target\":\"i1\"}\n");
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", "--train", train.to_str().unwrap()];
        args.extend(["--test", test.to_str().unwrap(), "--json"]);
        args.extend(extra);
        run(&args).0
    };
    let v = eval(&[]);
    for key in ["repeat", "decay", "bought"] {
        assert_eq!(v["blend"][key], p["popularity"]["blend"][key], "{key}");
    }
    // Blend options replace the pack's blend (and skip tuning).
    let v = eval(&["--repeat", "3"]);
    assert_eq!(
        (
            v["blend"]["repeat"].as_f64(),
            v["blend"]["tuned_on_rows"].as_u64()
        ),
        (Some(3.0), None)
    );
}

#[test]
fn tune_rows_caps_the_rows_tuning_replays_to_the_latest() {
    let train = no_repeats("cap-train.txt");
    let test = temp(
        "cap-test.jsonl",
        "{\"prefix\":[\"i0\"],\"target\":\"i1\"}\n",
    );
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", "--train", train.to_str().unwrap()];
        args.extend(["--test", test.to_str().unwrap(), "--json", "--tune", "0.5"]);
        args.extend(extra);
        run(&args).0
    };
    // Half of 300 sessions of three items held out: 300 rows.
    let rows = |v: &serde_json::Value| {
        let b = &v["blend"];
        (b["tuned_on_rows"].as_u64(), b["held_out_rows"].as_u64())
    };
    assert_eq!(rows(&eval(&[])), (Some(300), Some(300)));
    assert_eq!(rows(&eval(&["--tune-rows", "120"])), (Some(120), Some(300)));
    // Below its range the cap is clamped to 100 rows.
    assert_eq!(rows(&eval(&["--tune-rows", "1"])), (Some(100), Some(300)));
    let (_, err) = pack("capped.json", &["--tune", "0.5", "--tune-rows", "120"]);
    assert!(err.contains("the latest 120 of 300 held-out rows"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_shelfwise"))
        .args(["build-pack", "--input", train.to_str().unwrap()])
        .args(["--tune-rows", "many"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("--tune-rows must be a number"),
        "{err}"
    );
}
