//! The engine settings as the documentation states them, checked against the code that applies
//! them: README's "Settings" table and the moments tunables (segments table, trigger caps,
//! holdout, ε), pkg-config/README.md's table and pkg-config/defaults.json must name every
//! setting of `Config`, with the default `Config::default()` has and the range
//! `Config::sanitized` clamps into; and the JS config reader must read every one of them.
//! A setting added, renamed or re-ranged in the code without its documentation (or the other
//! way round) fails here.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod docs_support;

use docs_support::{flat, num, range, table, words};
use serde_json::Value;
use shelfwise::core::Config;

const README: &str = include_str!("../README.md");
const PKG_README: &str = include_str!("../pkg-config/README.md");
const DEFAULTS: &str = include_str!("../pkg-config/defaults.json");

/// Every leaf of a JSON object as (dotted path, value).
fn leaves(v: &Value, prefix: &str, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(v, &path, out);
            }
        }
        _ => out.push((prefix.to_owned(), v.clone())),
    }
}

fn shipped() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    leaves(&serde_json::from_str(DEFAULTS).unwrap(), "", &mut out);
    out
}

fn at<'a>(v: &'a mut Value, path: &str) -> &'a mut Value {
    path.split('.').fold(v, |v, k| &mut v[k])
}

/// What `Config::sanitized` makes of `path` set to `x` (an integer setting takes `x` rounded
/// down and at least 0, as the JS reader passes it).
fn applied(path: &str, x: f64) -> f64 {
    let mut v = serde_json::to_value(Config::default()).unwrap();
    let slot = at(&mut v, path);
    *slot = if slot.is_u64() {
        Value::from(x.max(0.0) as u64)
    } else {
        Value::from(x)
    };
    let c: Config = serde_json::from_value(v).unwrap();
    let mut out = serde_json::to_value(c.sanitized()).unwrap();
    at(&mut out, path).as_f64().unwrap()
}

/// The code's default of `path`.
fn default_of(path: &str) -> f64 {
    let mut code = serde_json::to_value(Config::default()).unwrap();
    at(&mut code, path).as_f64().unwrap()
}

/// `path` defaults to `default` in the code and in defaults.json, and is clamped into exactly
/// `[lo, hi]`.
fn check(path: &str, default: f64, (lo, hi): (f64, f64)) {
    assert_eq!(default_of(path), default, "{path}: the code's default");
    let shipped = shipped().into_iter().find(|(p, _)| p == path);
    assert_eq!(
        shipped.and_then(|(_, v)| v.as_f64()),
        Some(default),
        "{path} in defaults.json"
    );
    let span = (hi - lo).max(1.0);
    for (x, want) in [
        (lo, lo),
        (hi, hi),
        (lo - span, lo),
        (hi + span * 1000.0, hi),
    ] {
        assert_eq!(
            applied(path, x),
            want,
            "{path} = {x} is applied as {want} (documented range {lo}–{hi})"
        );
    }
}

#[test]
fn defaults_json_holds_every_setting_with_the_codes_default_and_nothing_else() {
    let mut code = Vec::new();
    leaves(
        &serde_json::to_value(Config::default()).unwrap(),
        "",
        &mut code,
    );
    let shipped = shipped();
    let names = |l: &[(String, Value)]| l.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&shipped),
        names(&code),
        "the settings defaults.json ships"
    );
    for ((path, s), (_, c)) in shipped.iter().zip(&code) {
        assert_eq!(s.as_f64(), c.as_f64(), "{path}");
    }
}

#[test]
fn pkg_config_readme_lists_every_setting_with_its_default_and_range() {
    let rows = table(PKG_README, "| setting | default | range |");
    let mut named = Vec::new();
    for row in &rows {
        let name = row[0].trim_matches('`');
        check(name, num(&row[1]), range(&row[2]));
        named.push(name.to_owned());
    }
    let expected: Vec<String> = shipped()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !p.starts_with("moments."))
        .collect();
    named.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(named, expected, "pkg-config/README.md rows");
    for (key, r) in [("holdoutShare", "0–0.5"), ("ldpEpsilon", "0.1–5")] {
        assert!(
            PKG_README.contains(&format!("`{key}` {r}")),
            "{key} {r} in pkg-config/README.md"
        );
        let path = format!("moments.{key}");
        check(&path, default_of(&path), range(r));
    }
}

/// The README Settings table's `weights` / `impact` rows: "`view` 1, `click` 2, …" defaults and
/// "0–100; `dwellPerSecond` 0–10" ranges (the first range applies to the keys not named).
fn group(name: &str, row: &[String]) -> Vec<String> {
    let defaults = words(&row[1]);
    let mut ranges = row[2].split(';');
    let common = range(ranges.next().unwrap());
    let special = ranges.next().map(words).unwrap_or_default();
    let mut keys = Vec::new();
    for (key, default) in &defaults {
        let r = special
            .iter()
            .find(|(k, _)| k == key)
            .map_or(common, |(_, r)| range(r));
        check(&format!("{name}.{key}"), num(default), r);
        keys.push(format!("{name}.{key}"));
    }
    keys
}

#[test]
fn readme_settings_table_has_every_setting_with_its_default_and_range() {
    let rows = table(README, "| setting | default | range | effect |");
    let mut named = Vec::new();
    for row in &rows {
        let name = row[0].trim_matches('`');
        match name {
            "weights" | "impact" => named.extend(group(name, row)),
            // Browser options (read by src/web/config.rs, checked below) and moments (below).
            "namespace" | "storage" | "consent" | "respectGpc" | "moments" => {}
            _ => {
                check(name, num(&row[1]), range(&row[2]));
                named.push(name.to_owned());
            }
        }
    }
    for (path, _) in shipped() {
        assert!(
            path.starts_with("moments.") || named.contains(&path),
            "README's Settings table documents {path} (with its default and range)"
        );
    }
    for name in ["namespace", "storage", "consent", "respectGpc", "moments"] {
        assert!(
            rows.iter().any(|r| r[0] == format!("`{name}`")),
            "{name} row"
        );
    }
}

#[test]
fn readme_moment_tunables_have_the_codes_defaults_and_ranges() {
    // Segments: "`returningVisits` (2, 2–1000)" in the table's last column.
    let mut named = Vec::new();
    for row in table(README, "| segment | rule | tunable (default, range) |") {
        for part in row[2].split("), ").filter(|p| p.starts_with('`')) {
            let (key, rest) = part[1..].split_once("` (").unwrap();
            let (default, r) = rest.trim_end_matches(')').split_once(", ").unwrap();
            check(&format!("moments.segments.{key}"), num(default), range(r));
            named.push(format!("moments.segments.{key}"));
        }
    }
    // Trigger caps: the table's "default cap" column and the ranges in the text after it.
    let text = flat(README);
    let max = text
        .split("`moments.triggers.<kind>.maxPerVisit` ")
        .nth(1)
        .unwrap();
    let gap = max.split("`minGapMinutes` ").nth(1).unwrap();
    let (max, gap) = (
        range(max.split(',').next().unwrap()),
        range(gap.split(',').next().unwrap()),
    );
    for row in table(README, "| trigger | when | occasion data | default cap |") {
        let kind = row[0].trim_matches('`');
        let mut camel = String::new();
        for (i, w) in kind.split('_').enumerate() {
            camel.push_str(&if i == 0 {
                w.to_owned()
            } else {
                w[..1].to_uppercase() + &w[1..]
            });
        }
        let cap = &row[3];
        let per_visit = num(cap.split(" per visit").next().unwrap());
        let min_gap = cap
            .split(", ")
            .nth(1)
            .map_or(0.0, |g| num(g.split(" min").next().unwrap()));
        check(
            &format!("moments.triggers.{camel}.maxPerVisit"),
            per_visit,
            max,
        );
        check(
            &format!("moments.triggers.{camel}.minGapMinutes"),
            min_gap,
            gap,
        );
        named.push(format!("moments.triggers.{camel}.maxPerVisit"));
        named.push(format!("moments.triggers.{camel}.minGapMinutes"));
    }
    assert!(text.contains("`moments.holdoutShare` (default 0, range 0–0.5)"));
    check("moments.holdoutShare", 0.0, (0.0, 0.5));
    assert!(text.contains("Default `ε = ln 3` (`moments.ldpEpsilon`, range 0.1–5)"));
    check("moments.ldpEpsilon", 3f64.ln(), (0.1, 5.0));
    named.extend(["moments.holdoutShare".into(), "moments.ldpEpsilon".into()]);
    named.push("moments.priceMedians".into());
    for (path, _) in shipped()
        .into_iter()
        .filter(|(p, _)| p.starts_with("moments."))
    {
        assert!(
            named.contains(&path),
            "README documents {path} with its default and range"
        );
    }
}

#[test]
fn the_js_config_reader_reads_every_setting_by_its_documented_name() {
    let reader = [
        include_str!("../src/web/config.rs"),
        include_str!("../src/core/config/fields.rs"),
        include_str!("../src/web/moments_config.rs"),
    ]
    .concat();
    let mut names: Vec<String> = shipped()
        .into_iter()
        .flat_map(|(p, _)| p.split('.').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    names.extend(["namespace", "storage", "consent", "respectGpc"].map(String::from));
    for name in names {
        assert!(
            reader.contains(&format!("\"{name}\"")),
            "the JS config reader (src/web/config.rs, its keys in src/core/config/fields.rs) reads `{name}`"
        );
    }
    // The README's table row names the same spelling the reader reads.
    for row in table(README, "| setting | default | range | effect |") {
        let name = row[0].trim_matches('`');
        assert!(
            reader.contains(&format!("\"{name}\"")),
            "README setting {name} is read"
        );
    }
}
