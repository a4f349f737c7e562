//! The `shelfwise` command-line tool, run the way a shop would run it.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common/files.rs"]
mod files;

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shelfwise"))
}

/// Runs `cmd`, which must succeed (else its error output is the failure's message).
fn succeeded(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn temp(name: &str, text: &str) -> PathBuf {
    files::temp_file("cli", name, text)
}

/// Sessions where `x` is always followed by `y`, and string ids of any form.
fn train() -> PathBuf {
    let mut text = String::new();
    for i in 0..20 {
        text.push_str(&format!("x sku/{i} y\nz-{} y x\n", i % 3));
    }
    temp("train.txt", &text)
}

#[test]
fn eval_prints_one_json_object_with_the_documented_keys() {
    let test = temp(
        "test.jsonl",
        "{\"prefix\":[\"x\"],\"target\":\"y\"}\n{\"prefix\":[\"z-1\",\"y\"],\"target\":\"x\"}\n",
    );
    let out = succeeded(
        bin()
            .args(["eval", "--train"])
            .arg(train())
            .arg("--test")
            .arg(test)
            .arg("--json"),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 2);
    assert_eq!(
        v["hr20"], 100.0,
        "both targets are neighbours of the prefix"
    );
    assert_eq!(
        (v["reach_seen"].as_f64(), v["reach_neighbours"].as_f64()),
        (Some(0.0), Some(100.0)),
        "no target is in its prefix; both are pack neighbours of it"
    );
    for key in [
        "mrr20",
        "rows_per_s",
        "hr20_excluded",
        "mrr20_excluded",
        "peak_mib",
        "reach_seen",
        "reach_neighbours",
    ] {
        assert!(v[key].is_number(), "{key}");
    }
    // One row with one distinct prefix item, one with two: both in the shortest bucket.
    let lengths = &v["by_distinct_prefix_items"];
    assert_eq!(
        (
            lengths["1-3"]["rows"].as_u64(),
            lengths["1-3"]["hr20"].as_f64()
        ),
        (Some(2), Some(100.0))
    );
    assert_eq!(
        (
            lengths["4-9"]["rows"].as_u64(),
            lengths["10+"]["rows"].as_u64()
        ),
        (Some(0), Some(0))
    );
}

#[test]
fn build_pack_writes_a_pack_and_reports_its_size() {
    let out_path = std::env::temp_dir().join(format!("shelfwise-pack-{}.json", std::process::id()));
    let popularity_path =
        std::env::temp_dir().join(format!("shelfwise-popularity-{}.json", std::process::id()));
    let out = succeeded(
        bin()
            .args(["build-pack", "--input"])
            .arg(train())
            .args(["--neighbours", "2", "--out"])
            .arg(&out_path)
            .arg("--popularity-out")
            .arg(&popularity_path),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("bytes"));
    let pack: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    let related = pack["items"]["x"]["related"].as_array().unwrap();
    assert_eq!(related.len(), 2);
    assert_eq!(related[0][0], "y");
    assert!(
        pack["items"].get("sku/3").is_none(),
        "single-session pairs stay out (k = 2)"
    );
    // x and y are in every session (y is interned second and ties keep first-seen order).
    let top: Vec<&str> = (0..2)
        .map(|i| pack["popularity"]["overall"][i][0].as_str().unwrap())
        .collect();
    assert_eq!(top, vec!["x", "y"]);
    // `--popularity-out`: the popularity part alone, the file `data-popularity` names.
    let alone: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&popularity_path).unwrap()).unwrap();
    assert_eq!(alone, pack["popularity"]);
}

#[test]
fn usage_errors_name_the_problem() {
    for (args, needle) in [
        (vec!["eval"], "--train is required"),
        (
            vec!["eval", "--train", "a", "--bogus", "1"],
            "unknown option --bogus",
        ),
        (vec!["frobnicate"], "unknown command"),
        (vec!["build-pack", "--input"], "--input needs a value"),
    ] {
        let out = bin().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(needle) && err.contains("usage:"),
            "{args:?}: {err}"
        );
    }
}
