//! `shelfwise eval` and `build-pack` on input files as shops really have them: a byte order
//! mark, CRLF line endings, ids the browser API would refuse (huge, empty, padded), bytes that
//! are not UTF-8.
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

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    files::temp_file("cli-inputs", name, bytes)
}

fn run(args: &[&str], files: &[(&str, PathBuf)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shelfwise"));
    cmd.args(args);
    for (flag, path) in files {
        cmd.arg(flag).arg(path);
    }
    cmd.output().unwrap()
}

fn eval_json(train: PathBuf, test: PathBuf) -> serde_json::Value {
    let out = run(&["eval", "--json"], &[("--train", train), ("--test", test)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

const BOM: &str = "\u{feff}";

/// Sessions (CRLF, like a file saved on Windows) where `first` is always followed by `y`.
fn sessions(first: &str) -> String {
    let mut text = String::new();
    for i in 0..10 {
        text.push_str(&format!("{first} y\r\nz{i} {first} y\r\n"));
    }
    text
}

#[test]
fn eval_reads_files_that_start_with_a_byte_order_mark() {
    let train = temp(
        "bom-train.txt",
        format!("{BOM}{}", sessions("a")).as_bytes(),
    );
    let test = temp(
        "bom-test.jsonl",
        format!("{BOM}{{\"prefix\":[\"a\"],\"target\":\"y\"}}\r\n\r\n").as_bytes(),
    );
    let v = eval_json(train, test);
    assert_eq!(v["rows"], 1);
    assert_eq!(v["reach_neighbours"], 100.0, "`a` is the id, not BOM + `a`");
    assert_eq!(v["hr20_excluded"], 100.0);
}

#[test]
fn build_pack_reads_an_events_csv_that_starts_with_a_byte_order_mark() {
    let mut csv = format!("{BOM}session_id,item_id,event_type\r\n");
    for s in 0..3 {
        csv.push_str(&format!("{s},a,view\r\n{s},b,view\r\n"));
    }
    let out = run(
        &["build-pack"],
        &[("--input", temp("bom.csv", csv.as_bytes()))],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pack: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(pack["items"]["a"]["related"][0][0], "b");
}

#[test]
fn eval_takes_ids_the_browser_api_would_refuse() {
    // Ids longer than the API's 200-byte limit, and test ids that are empty or padded: the
    // data set is what it is, so eval scores it instead of stopping.
    let huge = "h".repeat(300);
    let test = format!(
        "{{\"prefix\":[\"{huge}\"],\"target\":\"y\"}}\n\
         {{\"prefix\":[\"a\"],\"target\":\"{huge}\"}}\n\
         {{\"prefix\":[\"\"],\"target\":\"y\"}}\n\
         {{\"prefix\":[\" y \"],\"target\":\"q\"}}\n"
    );
    let mut train = sessions(&huge);
    train.push_str(&"a b\n".repeat(3));
    let v = eval_json(
        temp("huge-train.txt", train.as_bytes()),
        temp("huge-test.jsonl", test.as_bytes()),
    );
    assert_eq!(v["rows"], 4);
    assert_eq!(
        v["reach_neighbours"], 25.0,
        "only the first row's target is a neighbour of its prefix"
    );
    let hr = v["hr20_excluded"].as_f64().unwrap();
    assert!(hr >= 25.0, "the huge id's neighbour is found: {hr}");
    assert!(
        hr < 100.0,
        "`q` appears nowhere in training: not every row can hit ({hr})"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_refused_with_their_line() {
    let mut bytes = b"a b\r\nc d\r\n".to_vec();
    bytes.extend_from_slice(b"e \xff f\n");
    let out = run(&["build-pack"], &[("--input", temp("latin1.txt", &bytes))]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("UTF-8"), "{err}");
}

#[test]
fn numeric_test_ids_match_their_text_or_are_refused_with_their_line() {
    let train = temp(
        "num-train.txt",
        "7 y\n123456789012345678901 y\n".repeat(3).as_bytes(),
    );
    // A whole number written `7.0` is the id `7`, as in the browser API.
    let test = temp("num-test.jsonl", b"{\"prefix\":[7.0],\"target\":\"y\"}\n");
    assert_eq!(eval_json(train.clone(), test)["reach_neighbours"], 100.0);
    // Past 64 bits a JSON number is rounded: the row would silently name another item.
    let test = temp(
        "num-huge.jsonl",
        b"{\"prefix\":[7],\"target\":\"y\"}\n\n{\"prefix\":[123456789012345678901],\"target\":\"y\"}\n",
    );
    let out = run(&["eval"], &[("--train", train), ("--test", test)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("num-huge.jsonl: line 3") && err.contains("string"),
        "{err}"
    );
}

#[test]
fn the_pack_records_every_setting_it_was_built_with() {
    let input = temp("settings.txt", "a b\na b\nb c\nb c\n".as_bytes());
    let pack = |two_step: &str| -> serde_json::Value {
        let out = run(
            &["build-pack", "--two-step", two_step],
            &[("--input", input.clone())],
        );
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (on, off) = (pack("0.5"), pack("0"));
    assert!(on["items"]["a"]["related"].as_array().unwrap().len() > 1);
    assert_eq!(off["items"]["a"]["related"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            on["settings"]["two_step"].as_f64(),
            off["settings"]["two_step"].as_f64()
        ),
        (Some(0.5), Some(0.0)),
        "two packs built differently must not record the same settings"
    );
}

#[test]
fn rows_with_an_empty_prefix_are_skipped_as_documented() {
    let train = temp("empty-prefix-train.txt", sessions("a").as_bytes());
    let test = temp(
        "empty-prefix.jsonl",
        b"{\"prefix\":[],\"target\":\"y\"}\n\n{\"prefix\":[\"a\"],\"target\":\"never-in-training\"}\n",
    );
    let v = eval_json(train, test);
    assert_eq!(v["rows"], 1, "nothing to replay for an empty prefix");
    assert_eq!(v["hr20"], 0.0, "a target training never saw cannot be hit");
}

#[test]
fn a_categories_file_that_is_not_one_is_refused_naming_the_file_and_line() {
    // README "Native tools": `--categories` takes `itemId;categoryId` lines (or comma-separated).
    let input = temp("cat-input.txt", "a b\na b\nb c\nb c\n".as_bytes());
    let build = |name: &str, text: &str| {
        let categories = temp(name, text.as_bytes());
        run(
            &["build-pack", "--tune", "0"],
            &[("--input", input.clone()), ("--categories", categories)],
        )
    };
    let cases = [
        // Sessions text, an events CSV (other columns), nothing, columns swapped.
        ("cat-sessions.txt", "a b c\nb c\n", "line 1"),
        (
            "cat-events.csv",
            "session_id,item_id,event_type\n1,a,view\n",
            "line 1",
        ),
        ("cat-empty.csv", "\r\n", "empty"),
        (
            "cat-swapped.csv",
            "categoryId;itemId\nShoes;a\n",
            "no line names an item",
        ),
    ];
    for (name, text, needle) in cases {
        let out = build(name, text);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(
            err.contains(name) && err.contains(needle) && err.contains("itemId;categoryId"),
            "{name}: {err}"
        );
    }
    // The documented form, with its header line (an item the input does not have): read.
    let out = build("cat-good.csv", "itemId;categoryId\na;Shoes\nb;Bags\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pack: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        pack["popularity"]["categories"]["shoes"].is_array(),
        "{pack}"
    );
}
