//! How `shelfwise` fails: a mistake in how it was called prints the message and the usage
//! (exit 2); a file it cannot read or parse prints one line naming the file, without the
//! usage (exit 1).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common/files.rs"]
mod files;

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shelfwise"))
        .args(args)
        .output()
        .unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let path = files::temp_file("cli-errors", name, bytes);
    path.to_string_lossy().into_owned()
}

#[test]
fn usage_errors_print_the_message_and_the_usage() {
    let train = temp("usage-train.txt", b"a b\na b\n");
    for (args, needle) in [
        (vec!["eval"], "--train is required"),
        (
            vec!["eval", "--train", &train, "--bogus", "1"],
            "unknown option --bogus",
        ),
        (vec!["frobnicate"], "unknown command"),
        (vec![], "missing command"),
        (vec!["build-pack", "--input"], "--input needs a value"),
        (
            vec!["build-pack", "--input", &train, "--k", "two"],
            "--k must be a number",
        ),
        (
            vec!["eval", "--train", &train],
            "give exactly one of --test PATH and --validate SHARE",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("shelfwise: "), "{args:?}: {err}");
        assert!(
            err.contains(needle) && err.contains("usage:"),
            "{args:?}: {err}"
        );
    }
}

/// One line on stderr, exit 1, no usage: what a run error must look like.
fn one_line(out: &Output, args: &[&str]) -> String {
    assert_eq!(out.status.code(), Some(1), "{args:?}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !err.contains("usage:"),
        "{args:?}: the usage is no help here: {err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("shelfwise: "), "{args:?}: {err}");
    err
}

#[test]
fn file_errors_print_one_line_naming_the_file_without_the_usage() {
    let train = temp("run-train.txt", b"a b\na b\n");
    let latin1 = temp("run-latin1.txt", b"a b\ne \xff f\n");
    let bad_test = temp(
        "run-test.jsonl",
        b"{\"prefix\":[\"a\"],\"target\":\"b\"}\nnot json\n",
    );
    let bad_csv = temp(
        "run-events.csv",
        b"session_id,item_id,event_type\n1,,view\n",
    );
    let missing = "/nonexistent/shelfwise-train.txt";
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["eval", "--train", missing, "--validate", "0.1"],
            missing,
            "cannot read",
        ),
        (
            vec!["build-pack", "--input", missing],
            missing,
            "cannot read",
        ),
        (vec!["build-pack", "--input", &latin1], &latin1, "line 2"),
        (
            vec!["eval", "--train", &train, "--test", missing],
            missing,
            "cannot read",
        ),
        (
            vec!["eval", "--train", &train, "--test", &bad_test],
            &bad_test,
            "line 2",
        ),
        (vec!["build-pack", "--input", &bad_csv], &bad_csv, "line 2"),
        (
            vec![
                "build-pack",
                "--input",
                &train,
                "--out",
                "/nonexistent/dir/pack.json",
            ],
            "/nonexistent/dir/pack.json",
            "cannot write",
        ),
    ];
    for (args, file, needle) in cases {
        let out = run(&args);
        let err = one_line(&out, &args);
        assert!(
            err.contains(file) && err.contains(needle),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_csv_input_without_the_session_id_column_is_refused_naming_it_not_read_as_sessions_text() {
    // A shop's export with its own column names: before, a header without `session_id` made
    // the file "sessions text", each line one session of one id ("1,a,view"), and build-pack
    // wrote a useless pack and exited 0.
    let csv = temp(
        "own-columns.csv",
        b"sessionId,itemId,eventType\n1,a,view\n1,b,view\n2,a,view\n2,b,view\n",
    );
    for args in [
        vec!["build-pack", "--input", &csv, "--out", "/dev/null"],
        vec!["eval", "--train", &csv, "--validate", "0.5"],
    ] {
        let out = run(&args);
        let err = one_line(&out, &args);
        assert!(
            err.contains(&csv) && err.contains("session_id"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn help_after_a_command_prints_the_usage_as_help_does() {
    // `shelfwise build-pack --help` is how a new user asks; it said "--help needs a value".
    let train = temp("help-train.txt", b"a b\na b\n");
    for args in [
        vec!["build-pack", "--help"],
        vec!["eval", "-h"],
        vec!["build-pack", "--input", &train, "--help"],
    ] {
        let out = run(&args);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stdout.starts_with("usage:"), "{args:?}: {stdout}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
