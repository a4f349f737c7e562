//! The command-line options as `shelfwise help` and README's "Native tools" state them, checked
//! against each other and against what the tool applies: every option with a range is in the
//! README with the same range and default, and the pack and blend options are clamped into
//! exactly that range (the pack records its settings, `eval --json` its blend).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod docs_support;
#[path = "common/files.rs"]
mod files;

use std::path::PathBuf;
use std::process::Command;

use docs_support::{flat, num, written};

const README: &str = include_str!("../README.md");

fn run(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shelfwise"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Each option of `shelfwise help` with its text (continuation lines joined).
fn options() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in run(&["help"]).lines() {
        if let Some(rest) = line.strip_prefix("  --") {
            let (name, text) = rest.split_once(' ').unwrap_or((rest, ""));
            out.push((format!("--{name}"), text.to_owned()));
        } else if let (true, Some(last)) = (line.starts_with("     "), out.last_mut()) {
            last.1 = format!("{} {}", last.1, line.trim());
        }
    }
    assert!(out.len() > 15, "{out:?}");
    out
}

/// The range `lo..=hi` or `(lo..hi)` and the default `[d]` an option's help text states.
fn stated(text: &str) -> (Option<(f64, f64)>, Option<f64>) {
    let range = text.split_whitespace().find_map(|w| {
        let w = w.trim_matches(|c| c == '(' || c == ')' || c == ',');
        let (lo, hi) = w.split_once("..")?;
        Some((num(lo), num(hi.trim_start_matches('='))))
    });
    let default = text
        .rsplit_once('[')
        .map(|(_, d)| num(d.trim_end_matches(']')));
    (range, default)
}

/// README's text about `option`: from "`--option " to the next option it names.
fn readme_about(option: &str) -> String {
    let text = flat(README);
    let start = [" ", "`"]
        .iter()
        .find_map(|end| text.find(&format!("`{option}{end}")))
        .unwrap_or_else(|| panic!("README describes `{option} …`"));
    let rest = &text[start + 1..];
    rest[..rest.find("`--").unwrap_or(rest.len())].to_owned()
}

#[test]
fn every_option_with_a_range_is_in_the_readme_with_that_range_and_default() {
    let mut ranged = 0;
    for (option, text) in options() {
        assert!(README.contains(&option), "README names {option}");
        let (range, default) = stated(&text);
        let Some((lo, hi)) = range else { continue };
        ranged += 1;
        let about = readme_about(&option);
        let r = format!("{}–{}", written(lo), written(hi));
        assert!(
            about.contains(&r),
            "README gives {option} the range {r} of `shelfwise help`: {about}"
        );
        if let Some(d) = default {
            let d = format!("default {}", written(d));
            assert!(
                about.contains(&d),
                "README gives {option} the {d} of `shelfwise help`: {about}"
            );
        }
    }
    assert!(ranged >= 12, "options with a range: {ranged}");
}

fn temp(name: &str, text: &str) -> PathBuf {
    files::temp_file("docs-cli", name, text)
}

/// What the tool applies for `option` set to `value`: a pack setting from `build-pack`, a blend
/// weight from `eval --json`.
fn applied(option: &str, value: &str) -> f64 {
    let sessions = temp("sessions.txt", &"a b c\nb c d\n".repeat(10));
    let sessions = sessions.to_str().unwrap();
    let key = option.trim_start_matches("--").replace('-', "_");
    if ["--repeat", "--decay", "--bought"].contains(&option) {
        let args = [
            "eval",
            "--train",
            sessions,
            "--validate",
            "0.5",
            "--tune",
            "0",
            "--json",
        ];
        let v: serde_json::Value =
            serde_json::from_str(&run(&[&args[..], &[option, value]].concat())).unwrap();
        return v["blend"][&key].as_f64().unwrap();
    }
    let args = [
        "build-pack",
        "--input",
        sessions,
        "--tune",
        "0",
        option,
        value,
    ];
    let pack: serde_json::Value = serde_json::from_str(run(&args).lines().next().unwrap()).unwrap();
    pack["settings"][&key]
        .as_f64()
        .unwrap_or_else(|| panic!("the pack records {key}: {}", pack["settings"]))
}

#[test]
fn pack_and_blend_options_are_clamped_into_the_range_help_states() {
    // Every option with a range and a default but the tuning ones, whose effect no output shows.
    let mut checked = 0;
    for (option, text) in options() {
        let ((lo, hi), default) = match stated(&text) {
            (Some(r), Some(d)) if !option.starts_with("--tune") => (r, d),
            _ => continue,
        };
        checked += 1;
        let whole = text.contains(&format!("{lo}..=")) && lo.fract() == 0.0 && lo >= 1.0;
        let below = if whole { lo - 1.0 } else { lo - 1.0 - hi };
        for (value, want) in [
            (below, lo),
            (hi * 10.0 + 1.0, hi),
            (lo, lo),
            (hi, hi),
            (default, default),
        ] {
            assert_eq!(
                applied(&option, &value.to_string()),
                want,
                "{option} {value}: help says {text}"
            );
        }
    }
    assert_eq!(checked, 10, "the 7 pack options and the 3 blend options");
}
