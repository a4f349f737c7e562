//! Rules for reading a shop's declarative markup: how attribute text becomes item fields, which
//! URLs may be written into a page, and how a search query is read from a URL. Pure functions,
//! used by the script-tag auto mode in `src/web/auto`.

use super::text::{split_byte, split_once_byte};

/// Splits `text` at `separator`, trims each part, drops empty ones and keeps at most `max`.
fn split_trimmed(text: &str, separator: u8, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    for s in split_byte(text, separator).map(str::trim) {
        if out.len() == max {
            break;
        }
        if !s.is_empty() {
            out.push(s.to_owned());
        }
    }
    out
}

/// Splits a category attribute such as `"Shoes > Running"` into its path, general to specific.
/// Empty levels are dropped; at most `max_levels` levels are kept (the rest is refused by the
/// item validation anyway, so the page's extra levels never cause an error here).
pub fn category_path(text: &str, max_levels: usize) -> Vec<String> {
    split_trimmed(text, b'>', max_levels)
}

/// Splits a comma-separated attribute such as `"waterproof, vegan"`; empty entries are dropped.
pub fn comma_list(text: &str, max: usize) -> Vec<String> {
    split_trimmed(text, b',', max)
}

/// Whether `text` is a plain decimal number, as a number attribute should be written: an
/// optional `-`, then digits with at most one `.` (`"80"`, `"49.90"`, `".5"`). Anything else
/// (`"1,299.00"`, `"€80"`, `"80 EUR"`, `"1e3"`) is refused instead of read the way JS
/// `parseFloat` reads it (1, NaN, 80, 1000): a thousands separator must not turn a price of
/// 1,299 into 1 in silence.
pub fn is_plain_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (mut any, mut dots) = (false, 0);
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => any = true,
            b'.' => dots += 1,
            _ => return false,
        }
    }
    any && dots <= 1
}

/// Whether `url` may be written into an `href` or `src`: only `http:`/`https:` URLs and
/// relative ones (`/p/1`, `p/1`, `?q`, `#top`). Anything with another scheme (`javascript:`,
/// `data:`, `vbscript:` …) is refused, as are control characters that browsers strip before
/// reading the scheme.
pub fn is_safe_url(url: &str) -> bool {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control()) {
        return false;
    }
    // The scheme, if any, is what precedes the first ':' when no '/', '?' or '#' comes first.
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url.get(i..i + 1) == Some(":") => {
            let scheme = url.get(..i).unwrap_or("");
            scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
        }
        _ => true,
    }
}

/// The value of parameter `name` in a URL query string (`?q=red+shoes&page=2`), decoded
/// (`+` is a space, `%xx` escapes are UTF-8 bytes). `None` when absent; malformed escapes, and
/// escapes that do not decode to UTF-8, are kept as written.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    split_byte(query, b'&').find_map(|pair| {
        let (key, value) = split_once_byte(pair, b'=').unwrap_or((pair, ""));
        (percent_decode(key) == name).then(|| percent_decode(value))
    })
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) => hex(h).zip(hex(l)).map(|(h, l)| h * 16 + l),
            _ => None,
        };
        match (b, escaped) {
            (_, Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (b, None) => {
                out.push(b);
                i += 1;
            }
        }
    }
    // Escapes that do not form UTF-8 leave the text as written (cheaper than lossy decoding).
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Whether a JSON-LD `@type` value names schema.org's `Product`: `"Product"` (the page's
/// `@context` is schema.org) or the full name, `"http://schema.org/Product"` or
/// `"https://schema.org/Product"`.
pub fn is_product_type(t: &str) -> bool {
    matches!(
        t,
        "Product" | "http://schema.org/Product" | "https://schema.org/Product"
    )
}

/// Whether `query` repeats the shopper's most recent search (same words, ignoring case
/// and surrounding space). Auto mode reads searches both from the search form and from the
/// results page's URL; this keeps one search from counting twice, and a reload of a results
/// page from counting again.
pub fn repeats_last_search(query: &str, recent: &[String]) -> bool {
    recent
        .first()
        .is_some_and(|last| crate::core::fold::eq_folded(last.trim(), query.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_paths_and_lists() {
        assert_eq!(category_path(" Shoes > Running >", 8), ["Shoes", "Running"]);
        assert_eq!(category_path("a>b>c", 2), ["a", "b"]);
        assert!(category_path(" > ", 8).is_empty());
        assert_eq!(
            comma_list("vegan, ,waterproof", 32),
            ["vegan", "waterproof"]
        );
    }

    #[test]
    fn only_plain_decimals_are_numbers() {
        for ok in ["80", "49.90", ".5", "5.", "-1", "0"] {
            assert!(is_plain_decimal(ok), "{ok}");
        }
        for bad in [
            "1,299.00", "0,8", "€80", "80 EUR", "1e3", "", ".", "-", "1.2.3", "+5", "high",
        ] {
            assert!(!is_plain_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn only_http_and_relative_urls_are_safe() {
        for ok in [
            "https://shop.example/p/1",
            "HTTP://x",
            "/p/1",
            "p/1.html",
            "../p?x=a:b",
            "#top",
            "?q=1",
            "//cdn/x.png",
        ] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "",
            "mailto:a@b",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn query_params_are_decoded() {
        assert_eq!(
            query_param("?q=red+shoes&p=2", "q").as_deref(),
            Some("red shoes")
        );
        assert_eq!(query_param("a=1&q=caf%C3%A9", "q").as_deref(), Some("café"));
        assert_eq!(query_param("?q=100%", "q").as_deref(), Some("100%"));
        assert_eq!(query_param("?q", "q").as_deref(), Some(""));
        assert_eq!(query_param("?q=%FF", "q").as_deref(), Some("%FF"));
        assert_eq!(query_param("?x=1", "q"), None);
        assert_eq!(query_param("", "q"), None);
    }

    #[test]
    fn product_types_short_and_full() {
        for ok in [
            "Product",
            "http://schema.org/Product",
            "https://schema.org/Product",
        ] {
            assert!(is_product_type(ok), "{ok}");
        }
        for bad in [
            "product",
            "ProductGroup",
            "https://schema.org/ProductModel",
            "https://example.org/Product",
            "https://schema.org/Offer",
            "",
        ] {
            assert!(!is_product_type(bad), "{bad}");
        }
    }

    #[test]
    fn a_repeated_search_is_recognised() {
        let recent = vec!["red shoes".to_owned(), "hats".to_owned()];
        assert!(repeats_last_search(" Red Shoes ", &recent));
        assert!(!repeats_last_search("hats", &recent));
        assert!(!repeats_last_search("hats", &[]));
    }
}
