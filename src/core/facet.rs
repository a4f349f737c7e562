//! Facet keys: how an item's attributes become the profile's affinity keys.
//!
//! A key is a one-letter kind, a colon and a lower-cased value: `c:shoes>running` (category path
//! prefix), `b:acme` (brand), `p:11` (price band), `t:waterproof` (tag), `f:color=red` (free
//! facet), `q:trail` (search term).

use super::fold::{eq_folded, is_folded_form, push_folded};
use super::item::Item;
use super::word::{two_chars, unspaced_len, words};

/// Category path prefix, such as `c:shoes>running`.
pub const CATEGORY: char = 'c';
/// Brand.
pub const BRAND: char = 'b';
/// Price band, see [`price_band`].
pub const PRICE: char = 'p';
/// Tag.
pub const TAG: char = 't';
/// Free-form facet `name=value`.
pub const FACET: char = 'f';
/// Search term.
pub const QUERY: char = 'q';
/// A whole search, `s:<text>`: no interest's kind, only a removed search's mark hashes it.
pub const SEARCH: char = 's';

/// Most search terms taken from one query.
pub const MAX_QUERY_TERMS: usize = 8;

/// A price band: half-octave buckets, so 8–11.3 is one band and 11.3–16 the next.
/// Band `n` ≥ 1 covers prices in [2^((n−1)/2), 2^(n/2)); prices below 1 are band 0.
/// Computed exactly from the binary form `m · 2^e` (`m` in [1, 2)): ⌊2 · log2 price⌋ is `2e`,
/// plus one when `m ≥ √2`; infinite prices are band 0 (as not a number is).
pub fn price_band(price: f64) -> u32 {
    if !(1.0..f64::INFINITY).contains(&price) {
        return 0;
    }
    let bits = price.to_bits();
    // Below √2 exactly when below the nearest double to √2 (which lies above √2).
    let mantissa = f64::from_bits(bits & ((1 << 52) - 1) | (1023 << 52));
    let octave = ((bits >> 52) - 1023) as u32;
    2 * octave + u32::from(mantissa >= std::f64::consts::SQRT_2) + 1
}

/// The plain-language name of a facet kind letter.
pub fn kind_name(kind: char) -> &'static str {
    match kind {
        CATEGORY => "category",
        BRAND => "brand",
        PRICE => "price",
        TAG => "tag",
        FACET => "facet",
        QUERY => "search",
        _ => "other",
    }
}

/// Splits a key into its kind name and value: `c:shoes` → `("category", "shoes")`.
pub fn split_key(key: &str) -> (&'static str, &str) {
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(k), Some(':')) => (kind_name(k), key.get(2..).unwrap_or("")),
        _ => ("other", key),
    }
}

/// Appends `s` lower-cased: its case folded by [`crate::core::fold`] (Latin, Greek, Cyrillic
/// and Armenian capitals; other characters stay as they are).
pub fn push_lower(buf: &mut String, s: &str) {
    push_folded(buf, s);
}

/// `s` lower-cased as by [`push_lower`].
pub fn lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_lower(&mut out, s);
    out
}

/// Builds `kind:value` into `buf` (cleared first), lower-casing the value.
pub fn write_key(buf: &mut String, kind: char, value: &str) {
    buf.clear();
    buf.push(kind);
    buf.push(':');
    push_lower(buf, value);
}

/// Search terms of a query: lower-cased words of at least two characters, at most
/// [`MAX_QUERY_TERMS`], without repeats. Words are split at spaces and punctuation, ASCII or
/// not, and runs of Chinese and Japanese into bigrams, each a term ([`crate::core::word`]):
/// `新款跑鞋` is `新款 款跑 跑鞋`, and a run of more than 9 characters keeps its first 8
/// bigrams (each search adds at most 8 interests, in any script).
pub fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in words(query) {
        if !two_chars(word) || out.len() >= MAX_QUERY_TERMS {
            continue;
        }
        let mut w = String::new();
        push_lower(&mut w, word);
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Calls `f(key, share)` for each facet key of `item`: every category path prefix (the leaf
/// with share 1, each ancestor with `ancestor_share` per level up), brand, price band, tags and
/// free facets with share 1. `buf` is reused so ranking allocates nothing per item. `f` is a
/// `dyn` callback so the wasm carries one copy of this function, not one per caller.
pub fn for_each_key(
    item: &Item,
    ancestor_share: f64,
    buf: &mut String,
    f: &mut dyn FnMut(&str, f64),
) {
    for_each_key_spelled(item, ancestor_share, buf, push_lower, f);
}

/// [`for_each_key`] with each text appended to its key by `push` ([`push_lower`] there; the
/// old spellings of [`crate::core::profile`]'s case upgrade pass their own): one copy of the
/// walk over an item's keys for both.
#[inline(never)]
pub(crate) fn for_each_key_spelled(
    item: &Item,
    ancestor_share: f64,
    buf: &mut String,
    push: fn(&mut String, &str),
    f: &mut dyn FnMut(&str, f64),
) {
    let depth = item.category.len();
    // `buf` grows level by level: `c:shoes`, then `c:shoes>running`.
    buf.clear();
    buf.push(CATEGORY);
    buf.push(':');
    for (level, name) in item.category.iter().enumerate() {
        if level > 0 {
            buf.push('>');
        }
        push(buf, name);
        let up = (depth - level - 1) as i32;
        let share = if up == 0 {
            1.0
        } else {
            ancestor_share.powi(up)
        };
        f(buf, share);
    }
    let key = |buf: &mut String, kind: char, text: &str| {
        buf.clear();
        buf.push(kind);
        buf.push(':');
        push(buf, text);
    };
    if let Some(brand) = &item.brand {
        key(buf, BRAND, brand);
        f(buf, 1.0);
    }
    if let Some(price) = item.price {
        if price > 0.0 {
            write_band_key(buf, price_band(price));
            f(buf, 1.0);
        }
    }
    for tag in &item.tags {
        key(buf, TAG, tag);
        f(buf, 1.0);
    }
    for (name, value) in &item.facets {
        key(buf, FACET, name);
        buf.push('=');
        push(buf, value);
        f(buf, 1.0);
    }
}

/// Builds the key of price band `band` (`p:7`) into `buf` (cleared first).
pub fn write_band_key(buf: &mut String, band: u32) {
    buf.clear();
    buf.push(PRICE);
    buf.push(':');
    push_decimal(buf, band);
}

/// Appends `n` in decimal (what `n.to_string()` gives, without formatting machinery).
pub(crate) fn push_decimal(buf: &mut String, n: u32) {
    if n >= 10 {
        push_decimal(buf, n / 10);
    }
    buf.push(char::from(b'0' + (n % 10) as u8));
}

/// The facet keys of `item` with their shares, as [`for_each_key`] gives them. One collecting
/// instantiation shared by learning and explicit choices keeps the wasm smaller than a closure
/// per call site.
pub fn item_keys(item: &Item, ancestor_share: f64) -> Vec<(String, f64)> {
    let mut keys = Vec::new();
    for_each_key(item, ancestor_share, &mut String::new(), &mut |k, share| {
        keys.push((k.to_owned(), share));
    });
    keys
}

/// Calls `f(word)` for each distinct search term an item can match, as written in the item
/// (compare with case folded, [`eq_folded`]): the words of its name, tags and category names, each text
/// giving its first [`MAX_QUERY_TERMS`] distinct terms as [`query_terms`] would (a Chinese or
/// Japanese run counting as one, [`for_each_word_of`]), and a term already given skipped.
pub fn for_each_query_word<'a>(item: &'a Item, f: &mut dyn FnMut(&'a str)) {
    let mut seen: Vec<&str> = Vec::new();
    for_each_text_word(item, &mut |word| {
        if !seen.iter().any(|w| eq_folded(w, word)) {
            seen.push(word);
            f(word);
        }
    });
}

/// [`for_each_query_word`] without skipping a term an earlier text gave (and perhaps giving a
/// term of a short text twice): ranking counts each matched search interest once instead,
/// which needs no list of the words seen. Allocates
/// nothing, so ranking stays cheap when the profile holds search terms.
///
/// `f` is a `dyn` callback so the wasm carries one copy of this loop, not one per caller.
pub fn for_each_text_word<'a>(item: &'a Item, f: &mut dyn FnMut(&'a str)) {
    let texts = item
        .name
        .iter()
        .chain(item.tags.iter())
        .chain(item.category.iter());
    for text in texts {
        for_each_word_of(text, f);
    }
}

/// The words [`for_each_text_word`] gives for one of an item's texts: its first
/// [`MAX_QUERY_TERMS`] distinct words of at least two characters, in order, where a run of
/// Chinese or Japanese ([`crate::core::word::bigram`]) counts as one word and gives all its bigrams
/// (perhaps one twice): a product title of such a run, `2024新款男士…运动跑鞋`, meets a search
/// for its last bigram `跑鞋`, and a text of 200 bytes gives at most 65 of them.
pub fn for_each_word_of<'a>(text: &'a str, f: &mut dyn FnMut(&'a str)) {
    let mut local = [""; MAX_QUERY_TERMS];
    let mut n = 0;
    // The first MAX_QUERY_TERMS words are within the first MAX_QUERY_TERMS distinct ones
    // whatever their repeats, so short texts (the usual case) are not compared word by
    // word; `local` is made distinct only when a text has more words.
    let mut distinct = false;
    // Where the last word ends (a word starting before it is the next bigram of its run),
    // and whether the run of that word counts.
    let (mut end, mut counts) = (text.as_ptr(), false);
    for word in words(text) {
        if !two_chars(word) {
            continue;
        }
        let (start, next_end) = (word.as_ptr(), word.as_ptr().wrapping_add(word.len()));
        let continues = start < end;
        end = next_end;
        if continues {
            if counts {
                f(word);
            }
            continue;
        }
        if n == MAX_QUERY_TERMS && !distinct {
            n = dedupe(&mut local);
            distinct = true;
        }
        let known = local.get(..n).unwrap_or(&[]);
        counts = n < MAX_QUERY_TERMS;
        if !counts || (distinct && known.iter().any(|w| eq_folded(w, word))) {
            continue;
        }
        if let Some(slot) = local.get_mut(n) {
            *slot = word;
        }
        n += 1;
        f(word);
    }
}

/// Moves the distinct words of `words` (case folded) to its front, in order; returns
/// how many there are.
fn dedupe(words: &mut [&str]) -> usize {
    let mut n = 0;
    for i in 0..words.len() {
        let Some(&word) = words.get(i) else {
            break;
        };
        let known = words.get(..n).unwrap_or(&[]);
        if !known.iter().any(|w| eq_folded(w, word)) {
            if let Some(slot) = words.get_mut(n) {
                *slot = word;
            }
            n += 1;
        }
    }
    n
}

/// The position in `held` (search-term interests, sorted by key) of the first that `word`, a
/// word [`crate::core::word::words`] gives, is ([`is_query_key`]). A bigram of Chinese or
/// Japanese has no case, so its key is `q:` and the word as written, found by binary search:
/// a title gives many bigrams and a shopper searching in these scripts holds many terms of
/// their one length, which comparing one by one with folding made 50 times slower.
pub fn held_term(held: &[(String, f64)], word: &str) -> Option<usize> {
    if unspaced_len(word, 0) > 0 {
        return held_bigram(held, word);
    }
    held.iter().position(|(k, _)| is_query_key(k, word))
}

/// [`held_term`] for a bigram of Chinese or Japanese (checked by the caller): by binary search.
pub fn held_bigram(held: &[(String, f64)], bigram: &str) -> Option<usize> {
    let term = |k: &String| k.as_bytes().get(2..).unwrap_or(&[]).cmp(bigram.as_bytes());
    held.binary_search_by(|(k, _)| term(k)).ok()
}

/// True when `key` is the `q:` key of `word`: `q:` followed by `word` lower-cased (case
/// folded: folding keeps a text's length).
pub fn is_query_key(key: &str, word: &str) -> bool {
    // The length first: most words of an item are not one of the few search terms held.
    if key.len() != word.len() + 2 {
        return false;
    }
    match key.strip_prefix("q:") {
        Some(term) => is_folded_form(term, word),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_bands_are_half_octaves() {
        assert_eq!(price_band(0.5), 0);
        assert_eq!(price_band(f64::NAN), 0);
        assert_eq!(price_band(1.0), 1);
        assert_eq!(price_band(10.0), 7); // log2(10)*2 = 6.64
        assert_eq!(price_band(14.0), 8); // 7.61
        assert_eq!(price_band(1e12), 80);
        for n in [0, 7, 10, 80, 4_294_967_295] {
            let mut buf = String::from("p:");
            push_decimal(&mut buf, n);
            assert_eq!(buf, format!("p:{n}"));
        }
    }

    #[test]
    fn item_keys_cover_every_attribute() {
        let mut item = Item::with_id("1");
        item.category = vec!["Shoes".into(), "Running".into()];
        item.brand = Some("ACME".into());
        item.price = Some(10.0);
        item.tags = vec!["Trail".into()];
        item.facets.push(("Color".into(), "Red".into()));
        let mut got = Vec::new();
        for_each_key(&item, 0.5, &mut String::new(), &mut |k, s| {
            got.push((k.to_owned(), s))
        });
        assert_eq!(
            got,
            vec![
                ("c:shoes".into(), 0.5),
                ("c:shoes>running".into(), 1.0),
                ("b:acme".into(), 1.0),
                ("p:7".into(), 1.0),
                ("t:trail".into(), 1.0),
                ("f:color=red".into(), 1.0),
            ]
        );
        assert_eq!(split_key("c:shoes>running"), ("category", "shoes>running"));
    }

    #[test]
    fn query_terms_are_words() {
        assert_eq!(
            query_terms("Red  running-SHOES a red"),
            vec!["red", "running", "shoes"]
        );
        assert_eq!(query_terms(&"ab ".repeat(20)).len(), 1);
        // Spaces and punctuation beyond ASCII split too (`crate::core::word`).
        assert_eq!(
            query_terms("Chaussures\u{a0}«\u{a0}RUNNING\u{a0}»\u{202f}?"),
            vec!["chaussures", "running"]
        );
        assert_eq!(query_terms("¿Zapatillas?"), vec!["zapatillas"]);
        let mut item = Item::with_id("1");
        item.name = Some("Кроссовки «Бег»".into());
        item.tags = vec!["„Öko“-Shirt".into(), "「新作」（黒）".into()];
        let mut got = Vec::new();
        for_each_query_word(&item, &mut |w| got.push(w));
        assert_eq!(got, vec!["Кроссовки", "Бег", "Öko", "Shirt", "新作"]);
    }
}
