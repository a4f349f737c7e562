//! Reading the documentation's tables and figures for the tests that compare them with the code
//! (`docs_settings.rs`, `docs_cli.rs`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// The cells of one Markdown table row, trimmed (`|` inside backticks is not a separator).
pub fn cells(line: &str) -> Vec<String> {
    let (mut out, mut cell, mut code) = (Vec::new(), String::new(), false);
    for c in line
        .trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .chars()
    {
        match c {
            '`' => {
                code = !code;
                cell.push(c);
            }
            '|' if !code => out.push(std::mem::take(&mut cell).trim().to_owned()),
            _ => cell.push(c),
        }
    }
    out.push(cell.trim().to_owned());
    out
}

/// The rows of the table whose header line starts with `header` (which must be in `doc` once).
pub fn table(doc: &str, header: &str) -> Vec<Vec<String>> {
    assert_eq!(doc.matches(header).count(), 1, "one table headed {header}");
    let rest = &doc[doc.find(header).unwrap()..];
    let rows: Vec<Vec<String>> = rest
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(cells)
        .collect();
    assert!(!rows.is_empty(), "rows under {header}");
    rows
}

/// A documented number: `16384`, `10,000,000`, `1e12`, `0.5`.
pub fn num(text: &str) -> f64 {
    let t = text.trim().trim_matches('`').replace(',', "");
    t.parse()
        .unwrap_or_else(|_| panic!("`{text}` is not a documented number"))
}

/// A documented range `lo–hi` (en dash).
pub fn range(text: &str) -> (f64, f64) {
    let (lo, hi) = text
        .trim()
        .split_once('–')
        .unwrap_or_else(|| panic!("`{text}` is not a documented range lo–hi"));
    (num(lo), num(hi))
}

/// "`view` 1, `click` 2 (…), `x` 0–10" as (name, what follows the name up to its comma).
pub fn words(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let pieces: Vec<&str> = text.split('`').collect();
    for pair in pieces[1..].chunks(2) {
        if let [name, after] = pair {
            let value = after.trim().split([',', ' ']).next().unwrap_or("");
            out.push(((*name).to_owned(), value.to_owned()));
        }
    }
    out
}

/// A number as the README writes it: thousands separated by commas from 10,000 on.
pub fn written(x: f64) -> String {
    let plain = format!("{x}");
    if x < 10_000.0 || x.fract() != 0.0 {
        return plain;
    }
    let digits = plain.as_bytes();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(*d as char);
    }
    out
}

/// The text with every run of whitespace as one space (prose wraps anywhere).
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
