//! Quicker forms of two per-item steps of ranking a batch, each giving what the general one
//! gives for every input (the tests compare them): an item's price band without `log2` away
//! from a band's edge, and the held search terms among its name's words found in one pass over
//! the bytes, most words passed over by their length and first letter alone.

use crate::core::facet::{for_each_word_of, is_query_key, price_band, MAX_QUERY_TERMS};

/// How close (in units in the last place) `price²` may come to a power of two before
/// [`band_of`] leaves the answer to [`price_band`]: `log2`'s rounding moves ⌊2 · log2 price⌋
/// only within a few units of an edge.
const EDGE: u64 = 1 << 12;

/// [`price_band`] of `price`. ⌊2 · log2 price⌋ is ⌊log2 price²⌋, the binary exponent of
/// `price²`, unless `price²` lies within [`EDGE`] units in the last place of a power of two
/// (or `price` is below 1, not a number or too large to square), where `price_band` answers.
pub(super) fn band_of(price: f64) -> u32 {
    let bits = (price * price).to_bits();
    let fraction = bits & ((1 << 52) - 1);
    let exponent = bits >> 52;
    let clear = (EDGE..(1 << 52) - EDGE).contains(&fraction);
    match price >= 1.0 && (1023..0x7ff).contains(&exponent) && clear {
        true => (exponent - 1023) as u32 + 1,
        false => price_band(price),
    }
}

/// A word's bit in a [`term_filter`]: from its length and its first byte, ASCII letters
/// lower-cased (a `q:` key holds its term lower-cased).
fn filter_bit(word: &[u8]) -> u64 {
    let first = word.first().map_or(0, u8::to_ascii_lowercase);
    1 << ((word.len().wrapping_mul(7) ^ usize::from(first)) & 63)
}

/// The bits of the held search terms (`q:` keys): a word whose bit is not set is none of them.
pub(super) fn term_filter(held: &[(String, f64)]) -> u64 {
    held.iter().fold(0, |m, (k, _)| {
        m | filter_bit(k.as_bytes().get(2..).unwrap_or(&[]))
    })
}

/// The position in `held` of the first search term that is `word`.
fn held_term(held: &[(String, f64)], word: &str) -> Option<usize> {
    held.iter().position(|(k, _)| is_query_key(k, word))
}

/// Pushes onto `out`, for each word [`for_each_word_of`] gives for `text` in turn, the
/// position in `held` of the first search term that word is (nothing for a word that is
/// none); `filter` is [`term_filter`] of `held`.
pub(super) fn push_held_terms(
    text: &str,
    held: &[(String, f64)],
    filter: u64,
    out: &mut Vec<usize>,
) {
    // Words end at ASCII spaces and punctuation, as `for_each_word_of` cuts them; a word
    // counts from two characters on (more bytes than its first character's UTF-8 length).
    let bytes = text.as_bytes();
    let mut words = [(0, 0); MAX_QUERY_TERMS];
    let (mut start, mut count) = (0, 0);
    for end in 0..=bytes.len() {
        if let Some(&b) = bytes.get(end) {
            if b >= 0x80 || b.is_ascii_alphanumeric() {
                continue;
            }
        }
        let first = match bytes.get(start) {
            Some(&b) if b < 0x80 => 1,
            Some(&b) if b >= 0xF0 => 4,
            Some(&b) if b >= 0xE0 => 3,
            _ => 2,
        };
        if end > start + first {
            let Some(slot) = words.get_mut(count) else {
                // A long text: which words count then depends on their repeats.
                for_each_word_of(text, &mut |w| {
                    if let Some(i) = held_term(held, w) {
                        out.push(i);
                    }
                });
                return;
            };
            *slot = (start, end);
            count += 1;
        }
        start = end + 1;
    }
    for &(a, b) in words.get(..count).unwrap_or(&[]) {
        let word = bytes.get(a..b).unwrap_or(&[]);
        if filter & filter_bit(word) != 0 {
            if let Some(i) = held_term(held, text.get(a..b).unwrap_or("")) {
                out.push(i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_of_equals_price_band() {
        let mut prices: Vec<f64> = (0..2_000_000).map(|c| f64::from(c) / 100.0).collect();
        // Band edges 2^(k/2) and the numbers either side of them.
        for k in 0..90 {
            let edge = 2f64.powf(f64::from(k) / 2.0);
            let mut p = edge;
            for _ in 0..8 {
                p = f64::from_bits(p.to_bits() - 1);
            }
            for _ in 0..16 {
                prices.push(p);
                p = f64::from_bits(p.to_bits() + 1);
            }
        }
        prices.extend([
            f64::NAN,
            f64::INFINITY,
            -1.0,
            0.0,
            0.5,
            1e12,
            1e200,
            f64::MAX,
        ]);
        for p in prices {
            assert_eq!(band_of(p), price_band(p), "{p:e}");
        }
    }

    /// What ranking did before: every word through the general path.
    fn general(text: &str, held: &[(String, f64)]) -> Vec<usize> {
        let mut out = Vec::new();
        for_each_word_of(text, &mut |w| out.extend(held_term(held, w)));
        out
    }

    #[test]
    fn push_held_terms_equals_the_general_path() {
        let held: Vec<(String, f64)> = ["q:a1", "q:red", "q:shoes", "q:trail", "q:ü", "q:日本"]
            .iter()
            .map(|k| ((*k).to_owned(), 1.0))
            .collect();
        let filter = term_filter(&held);
        for text in [
            "",
            "Red trail SHOES",
            "red,red;RED shoes",
            "a red",
            "Shoes item 123",
            "x-red/trail_shoes",
            "ü 日本 red",
            "日本製 shoes",
            " red  shoes ",
            "one two three four five six seven eight red",
            "red red red red red red red red trail shoes",
            "a1 b2 c3 d4 e5 f6 g7 h8 red a1 shoes",
        ] {
            let mut out = vec![99];
            push_held_terms(text, &held, filter, &mut out);
            let mut expected = vec![99];
            expected.extend(general(text, &held));
            assert_eq!(out, expected, "{text:?}");
        }
        let long = format!("q:{}", "x".repeat(70));
        let held = vec![(long.clone(), 1.0)];
        let mut out = Vec::new();
        push_held_terms(
            &format!("a {} b", &long[2..]),
            &held,
            term_filter(&held),
            &mut out,
        );
        assert_eq!(out, vec![0]);
    }
}
