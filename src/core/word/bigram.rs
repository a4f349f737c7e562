//! Texts written without spaces between words: Chinese (Han ideographs) and Japanese (Han,
//! Hiragana, Katakana). With no dictionary, a run of such characters is split into
//! overlapping character bigrams, as search engines do for these scripts (Lucene's
//! `CJKBigramFilter`): `新款跑鞋` is `新款 款跑 跑鞋`, so a search for `跑鞋` meets it. A run of
//! one character stays one word. [`crate::core::word::words`] does the splitting; this module
//! tells which characters such runs are made of.
//!
//! Not here: Hangul (Korean is written with spaces between words) and Thai, Lao, Khmer and
//! Myanmar (written without spaces, but bigrams of their letters, vowel signs and tone marks
//! match far too much: README "Limitations").

/// The characters of runs split into bigrams, by code point (inclusive ranges, sorted).
#[rustfmt::skip]
const UNSPACED: [(u32, u32); 10] = [
    // The iteration mark `々`, `〆` and the ideographic zero `〇`.
    (0x3005, 0x3007),
    // Hiragana, with the (combining) sound marks and the iteration marks `ゝ ゞ`.
    (0x3041, 0x309F),
    // Katakana with the prolonged sound mark `ー` (not the middle dot `・`, a separator), and
    // the Katakana phonetic extensions.
    (0x30A1, 0x30FA),
    (0x30FC, 0x30FF),
    (0x31F0, 0x31FF),
    // CJK Unified Ideographs Extension A, CJK Unified Ideographs, the compatibility ideographs.
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    // Halfwidth Katakana `ｦ`–`ﾟ`.
    (0xFF66, 0xFF9F),
    // The ideographs of the Supplementary and Tertiary Ideographic Planes (Extensions B–H).
    (0x20000, 0x3FFFF),
];

/// The length in bytes of the character at byte `i` of `text` when it is one of the
/// [`UNSPACED`] characters, else 0 (also past the end or inside a character). Only lead bytes
/// 0xE3–0xE9, 0xEF and 0xF0 start such a character: any other byte is never decoded, so
/// ASCII, Latin, Cyrillic or Korean texts are passed over byte by byte, with one comparison
/// for a byte below 0xE3.
#[inline]
pub fn unspaced_len(text: &str, i: usize) -> usize {
    match text.as_bytes().get(i) {
        Some(&b) if b >= 0xE3 => decoded_len(text, i, b),
        _ => 0,
    }
}

/// [`unspaced_len`] at a lead byte `b` from 0xE3 on: out of line, so the byte check above
/// stays small where callers inline it (rank's word loop).
#[inline(never)]
fn decoded_len(text: &str, i: usize, b: u8) -> usize {
    // Lead bytes 0xE5–0xE9 start only U+5000–U+9FFF, all Han: most of a Chinese text is told
    // from its lead bytes, with no character decoded.
    if (0xE5..0xEA).contains(&b) {
        return 3;
    }
    if (0xEA..=0xEE).contains(&b) || b > 0xF0 {
        return 0;
    }
    let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
        return 0;
    };
    let u = c as u32;
    match UNSPACED
        .iter()
        .any(|&(first, last)| (first..=last).contains(&u))
    {
        true => c.len_utf8(),
        false => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_unspaced(c: char) -> bool {
        let mut buf = [0; 4];
        unspaced_len(c.encode_utf8(&mut buf), 0) == c.len_utf8()
    }

    #[test]
    fn han_hiragana_and_katakana_are_written_without_spaces() {
        for c in "跑鞋新款東京々〆〇すにーかースニーカーｽﾆｰｶｰ㐀豈𠀀𪜀ヴ".chars()
        {
            assert!(is_unspaced(c), "{c}");
        }
        for c in "aZ9 Кё한국어ภาษาไทย・、。「」（）！ＡＺ０😀\u{3000}\u{30a0}".chars()
        {
            assert!(!is_unspaced(c), "{c}");
        }
        assert_eq!(unspaced_len("跑", 1), 0, "inside a character");
        assert_eq!(unspaced_len("跑", 3), 0, "past the end");
    }

    /// Every character the byte filter passes over is none of the table's, and in the Basic
    /// Multilingual Plane every one the table holds is a letter or digit as
    /// `char::is_alphanumeric` has it, but the sound marks and unassigned
    /// code points.
    #[test]
    fn the_byte_filter_passes_over_no_character_of_the_table() {
        let not_letters = [0x3097, 0x3098, 0x3099, 0x309A, 0x309B, 0x309C];
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            let u = c as u32;
            let listed = UNSPACED.iter().any(|&(a, b)| (a..=b).contains(&u));
            assert_eq!(is_unspaced(c), listed, "U+{u:04X}");
            let unassigned = (0xFA6E..=0xFA6F).contains(&u) || (0xFADA..=0xFAFF).contains(&u);
            if listed && u < 0x10000 && !not_letters.contains(&u) && !unassigned {
                assert!(c.is_alphanumeric(), "U+{u:04X}");
            }
        }
    }
}
