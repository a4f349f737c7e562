//! A quicker form of a per-item step of ranking a batch, giving what the general one gives for
//! every input (the tests compare them): the held search terms among its name's words found
//! in one pass over the bytes, most words passed over by their length and first letter alone,
//! and the bigrams of a run of Chinese or Japanese read from the run as it stands.

use super::held::{held_term, HeldBigrams};
use crate::core::facet::{for_each_word_of, MAX_QUERY_TERMS};
use crate::core::word::separator_len;
use crate::core::word::unspaced_len;

/// A word's bit in a [`term_filter`]: from its length and its first byte, an ASCII letter
/// lower-cased and any non-ASCII byte taken as 0x80 (a `q:` key holds its term lower-cased;
/// folding keeps a text's length and which of its characters are ASCII). So no word is decoded:
/// words starting with a non-ASCII letter share a bit per length and are told apart by
/// [`crate::core::facet::is_query_key`].
#[inline(always)]
fn filter_bit(word: &[u8]) -> u64 {
    let first = word.first().map_or(0, |b| b.to_ascii_lowercase().min(0x80));
    1 << ((word.len().wrapping_mul(7) ^ usize::from(first)) & 63)
}

/// The bits of the held search terms (`q:` keys): a word whose bit is not set is none of them.
pub(super) fn term_filter(held: &[(String, f64)]) -> u64 {
    held.iter().fold(0, |m, (k, _)| {
        m | filter_bit(k.as_bytes().get(2..).unwrap_or(&[]))
    })
}

/// Pushes onto `out` the position in `held` of each held search term that a word
/// [`for_each_word_of`] gives for `text` is, in turn.
#[inline(never)]
fn general(text: &str, held: &[(String, f64)], bigrams: &HeldBigrams, out: &mut Vec<usize>) {
    for_each_word_of(text, &mut |w| out.extend(held_term(held, bigrams, w)));
}

/// Whether each byte is an ASCII letter or digit, by byte: one load in the loop that passes
/// over a name's words, where `u8::is_ascii_alphanumeric` compares two or three ranges.
// Indexing in a constant: out of bounds would fail the build, never a run (`get` is not const).
#[allow(clippy::indexing_slicing)]
const ASCII_ALPHANUMERIC: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Where the run of Chinese or Japanese characters from byte `i` of `text` ends.
fn run_end(text: &str, mut i: usize) -> usize {
    loop {
        match unspaced_len(text, i) {
            0 => return i,
            len => i += len,
        }
    }
}

/// The UTF-8 length of the character whose lead byte is at `i` of `bytes` (0 past the end).
fn char_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        None => 0,
        Some(&b) if b < 0x80 => 1,
        Some(&b) if b >= 0xF0 => 4,
        Some(&b) if b >= 0xE0 => 3,
        Some(_) => 2,
    }
}

/// Pushes onto `out`, for each word [`for_each_word_of`] gives for `text` in turn, the
/// position in `held` of the first search term that word is (nothing for a word that is
/// none); `bigrams` is [`HeldBigrams`] of `held` and `filter` its [`term_filter`].
pub(super) fn push_held_terms(
    text: &str,
    held: &[(String, f64)],
    bigrams: &HeldBigrams,
    filter: u64,
    out: &mut Vec<usize>,
) {
    // Words end at separators, as `for_each_word_of` cuts them, and where a run of Chinese
    // or Japanese starts, the run being one word (of its bigrams); a word counts from two
    // characters on (more bytes than its first character's length).
    let bytes = text.as_bytes();
    // Each word is looked up as soon as it is read (a run's first character is not decoded
    // again); a text of more words than counted starts again on the general path.
    let pushed = out.len();
    let (mut start, mut count, mut end) = (0, 0, 0);
    while end <= bytes.len() {
        // ASCII letters and digits go on a word (no separator, no run starts there): most of
        // a name's bytes, passed over in one tight loop.
        let rest = bytes.get(end..).unwrap_or(&[]);
        end += rest
            .iter()
            .position(|&b| !ASCII_ALPHANUMERIC.get(usize::from(b)).is_some_and(|&a| a))
            .unwrap_or(rest.len());
        // The word read ends at `stop` and the next starts at `next`. Any other ASCII byte is
        // a separator of one byte ([`separator_len`]); the end of the text ends the last word
        // (one byte past it, so the loop stops).
        let (stop, next, run) = match bytes.get(end) {
            Some(&b) if b >= 0x80 => match separator_len(text, end) {
                0 => match unspaced_len(text, end) {
                    0 => {
                        end += 1;
                        continue;
                    }
                    // A run is a word of its own: it ends the word before it, if any.
                    _ if start < end => (end, end, false),
                    // The run goes on from its second character: each is decoded once.
                    first => {
                        let stop = run_end(text, end + first);
                        (stop, stop, true)
                    }
                },
                len => (end, end + len, false),
            },
            _ => (end, end + 1, false),
        };
        if stop > start + char_len(bytes, start) {
            if count == MAX_QUERY_TERMS {
                // A long text: which words count then depends on their repeats.
                out.truncate(pushed);
                return general(text, held, bigrams, out);
            }
            count += 1;
            push_term(text, (start, stop), run, held, bigrams, filter, out);
        }
        (start, end) = (next, next);
    }
}

/// Pushes onto `out` the position in `held` of the search term that the word at bytes
/// `a..b` of `text` is, if any, or of each held bigram of it when it is a `run` of Chinese or
/// Japanese ([`push_held_terms`]).
#[inline(always)]
fn push_term(
    text: &str,
    (a, b): (usize, usize),
    run: bool,
    held: &[(String, f64)],
    bigrams: &HeldBigrams,
    filter: u64,
    out: &mut Vec<usize>,
) {
    let bytes = text.as_bytes();
    if run {
        // Its bigrams, as written (they have no case): each character with the next,
        // looked up by its bytes.
        let mut i = a;
        let mut second = i + char_len(bytes, i);
        while second < b {
            let stop = second + char_len(bytes, second);
            out.extend(bigrams.find(bytes.get(i..stop).unwrap_or(&[])));
            (i, second) = (second, stop);
        }
        return;
    }
    // The word is cut (at separators, so at character boundaries) only for the few words
    // that pass the filter.
    if filter & filter_bit(bytes.get(a..b).unwrap_or(&[])) != 0 {
        if let Some(i) = held_term(held, bigrams, text.get(a..b).unwrap_or("")) {
            out.push(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // The definition ranking's look-ups are compared with (by binary search over strings).
    use crate::core::facet::{held_term, is_query_key};

    /// What ranking did before: every word through the general path.
    fn general_path(text: &str, held: &[(String, f64)]) -> Vec<usize> {
        let mut out = Vec::new();
        for_each_word_of(text, &mut |w| out.extend(held_term(held, w)));
        out
    }

    #[test]
    fn push_held_terms_equals_the_general_path() {
        let held: Vec<(String, f64)> = [
            "q:a1",
            "q:red",
            "q:shoes",
            "q:trail",
            "q:ü",
            "q:日本",
            "q:кроссовки",
            "q:öko",
            "q:рюкзак",
            "q:跑鞋",
            "q:新款",
            "q:ーカ",
            "q:𠀁𠀂",
        ]
        .iter()
        .map(|k| ((*k).to_owned(), 1.0))
        .collect();
        let mut held = held;
        held.sort_by(|a, b| a.0.cmp(&b.0));
        let filter = term_filter(&held);
        let bigrams = HeldBigrams::new(&held);
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
            "Кроссовки ÖKO öko",
            "КРОССОВКИ-кроссовки Кроссовка",
            // `Р` and `р` start with different bytes (D0 A0, D1 80).
            "Рюкзак РЮКЗАК",
            // Spaces and punctuation beyond ASCII end words too.
            "«Кроссовки»\u{a0}red—trail „Öko“",
            "「日本」、shoes。（ü）\u{3000}red",
            "red\u{202f}?\u{a0}a1·b2 Кроссовки…",
            // Runs of Chinese and Japanese give their bigrams.
            "日本製 red",
            "red 日本",
            "Red日本語 shoes",
            // Held bigrams anywhere in a run, runs of one character, runs after the cap.
            "新款跑鞋 日本",
            "跑 鞋 跑鞋跑",
            "a跑b 鞋",
            "2024新款男士运动跑鞋透气网面日本",
            "スニーカー・ｽﾆｰｶｰ、𠀀𠀁𠀂",
            "red 跑鞋 a1 b2 c3 d4 e5 f6 日本",
            "red 跑鞋 a1 b2 c3 d4 e5 f6 g7 日本",
            "red 跑鞋 a1 b2 c3 d4 e5 f6 日 新款",
        ] {
            let mut out = vec![99];
            push_held_terms(text, &held, &bigrams, filter, &mut out);
            let mut expected = vec![99];
            expected.extend(general_path(text, &held));
            assert_eq!(out, expected, "{text:?}");
        }
        let at = |key: &str| held.iter().position(|(k, _)| k == key);
        let mut out = Vec::new();
        push_held_terms("Кроссовки ÖKO", &held, &bigrams, filter, &mut out);
        let expected: Vec<usize> = ["q:кроссовки", "q:öko"]
            .iter()
            .filter_map(|k| at(k))
            .collect();
        assert_eq!(out, expected, "any case of a held term");
        let mut out = Vec::new();
        push_held_terms("新款跑鞋 鞋跑鞋", &held, &bigrams, filter, &mut out);
        let expected: Vec<usize> = ["q:新款", "q:跑鞋", "q:跑鞋"]
            .iter()
            .filter_map(|k| at(k))
            .collect();
        assert_eq!(out, expected, "every bigram of a run, each run once");
        let long = format!("q:{}", "x".repeat(70));
        let held = vec![(long.clone(), 1.0)];
        let mut out = Vec::new();
        push_held_terms(
            &format!("a {} b", &long[2..]),
            &held,
            &HeldBigrams::default(),
            term_filter(&held),
            &mut out,
        );
        assert_eq!(out, vec![0]);
    }

    #[test]
    fn held_terms_of_chinese_and_japanese_are_found_by_binary_search_as_by_folding() {
        let mut held: Vec<(String, f64)> =
            ["q:跑鞋", "q:新款", "q:スニ", "q:ab", "q:日本", "q:𠀀𠀁"]
                .iter()
                .map(|k| ((*k).to_owned(), 1.0))
                .collect();
        held.sort_by(|a, b| a.0.cmp(&b.0));
        for word in [
            "跑鞋", "新款", "スニ", "日本", "𠀀𠀁", "款跑", "跑", "AB", "日", "本日",
        ] {
            let folding = held.iter().position(|(k, _)| is_query_key(k, word));
            assert_eq!(held_term(&held, word), folding, "{word}");
        }
        assert!(held_term(&held, "跑鞋").is_some());
    }

    // Native only: proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any text of held words, ASCII and other separators: the quick path gives what
            /// the general one gives.
            #[test]
            fn push_held_terms_equals_the_general_path_on_any_text(
                text in "(red|RED|Кроссовки|日本|跑|鞋|ü| |\u{a0}|«|»|—|、|・|·|x|\\PC){0,30}"
            ) {
                check_on(&text)?;
            }

            /// Texts of Chinese and Japanese runs, mixed with Latin words: runs of one
            /// character, of more than nine, and more words than the eight counted.
            #[test]
            fn push_held_terms_equals_the_general_path_on_runs(
                text in "(跑|鞋|新款|日本|ス|ー|カ|ｽﾆ|𠀁|𠀂|々|の|2024|Nike|red|a| |。|・|\\PC){0,40}"
            ) {
                check_on(&text)?;
            }
        }

        /// The quick path gives what the general one gives for `text`, with held terms of
        /// Latin, Cyrillic, Chinese and Japanese words (sorted by key, as ranking holds them).
        fn check_on(text: &str) -> Result<(), TestCaseError> {
            let mut held: Vec<(String, f64)> = [
                "q:red",
                "q:кроссовки",
                "q:日本",
                "q:x·x",
                "q:跑鞋",
                "q:新款",
                "q:鞋跑",
                "q:ース",
                "q:ｽﾆ",
                "q:𠀁𠀂",
                "q:2024",
                "q:nike",
            ]
            .iter()
            .map(|k| ((*k).to_owned(), 1.0))
            .collect();
            held.sort_by(|a, b| a.0.cmp(&b.0));
            let mut out = Vec::new();
            let bigrams = HeldBigrams::new(&held);
            push_held_terms(text, &held, &bigrams, term_filter(&held), &mut out);
            prop_assert_eq!(out, general_path(text, &held));
            Ok(())
        }
    }
}
