//! Where texts split into words: at ASCII spaces and punctuation, and at the spaces and
//! punctuation of other writing the shops use ([`SEPARATORS`]): `«Кроссовки»` is the word
//! `Кроссовки`, `¿zapatillas?` the word `zapatillas`, `スニーカー、セール` two words.
//!
//! The separators above ASCII are a small table of code point ranges instead of
//! `char::is_whitespace` and `char::is_alphanumeric`, whose Unicode tables would be linked
//! into the wasm. An ASCII text is still split byte by byte: a UTF-8 character never contains
//! an ASCII byte, and a character is decoded only at a lead byte some separator starts with
//! ([`LEAD_BYTES`]), so Cyrillic, Greek or Hebrew letters are passed over by their first byte
//! (and Vietnamese or polytonic Greek letters, starting with 0xE1 as the Ogham space mark
//! does, by their first two).
//!
//! Inside a word stay, as `char::is_alphanumeric` has them: letters, digits, superscripts,
//! fractions, `ª`, `º`, `µ`, the iteration mark `々` and the circled numbers. So do the middle
//! dot `·` (Catalan `col·lecció` is one word), the soft hyphen (U+00AD), the zero-width
//! joiners (U+200C, U+200D: Persian words, emoji sequences), the word joiner and the other
//! invisible format characters U+2060–U+2064, combining marks, and every symbol not listed
//! (emoji, `×`, `÷`): a word runs until a separator. Runs of Han, Hiragana and Katakana,
//! written without spaces, are split into overlapping bigrams ([`crate::core::bigram`]);
//! Thai, also written without spaces, splits at its spaces and punctuation only.

use super::bigram::unspaced_len;

/// The separators above ASCII, by code point (inclusive ranges, sorted, without overlaps):
/// the non-ASCII spaces `char::is_whitespace` knows, and the punctuation, quotation marks,
/// dashes, currency and other symbols of Latin-1, General Punctuation, the CJK symbols,
/// Katakana's middle dot and the fullwidth forms.
#[rustfmt::skip]
const SEPARATORS: [(u16, u16); 36] = [
    // Latin-1: C1 controls, no-break space, `¡`, currency, `§`, `©`, `«`, `¬`, `®`, `°`, `±`,
    // `´`, `¶`, `¸`, `»`, `¿`. Not `ª`, the soft hyphen, `²`, `³`, `µ`, `·`, `¹`, `º`, `¼`–`¾`.
    (0x0080, 0x00A9),
    (0x00AB, 0x00AC),
    (0x00AE, 0x00B1),
    (0x00B4, 0x00B4),
    (0x00B6, 0x00B6),
    (0x00B8, 0x00B8),
    (0x00BB, 0x00BB),
    (0x00BF, 0x00BF),
    // The Greek question mark (U+037E, looks like `;`).
    (0x037E, 0x037E),
    // Armenian full stop, Arabic comma, semicolon, question mark, percent and separators,
    // full stop; Devanagari danda and double danda.
    (0x0589, 0x0589),
    (0x060C, 0x060C),
    (0x061B, 0x061B),
    (0x061F, 0x061F),
    (0x066A, 0x066D),
    (0x06D4, 0x06D4),
    (0x0964, 0x0965),
    // The Ogham space mark.
    (0x1680, 0x1680),
    // General Punctuation: the spaces U+2000–U+200A, the zero-width space, left-to-right and
    // right-to-left marks, hyphens and dashes, quotation marks, bullets, line and paragraph
    // separators, embeddings, the narrow no-break space, `‰`, primes, `‹ ›`, `‼`, `⁄`, …,
    // the medium mathematical space; the directional isolates.
    (0x2000, 0x200B),
    (0x200E, 0x205F),
    (0x2066, 0x2069),
    // Currency signs (`€`, `₽`, `₴`, `₹`, …) and `™`.
    (0x20A0, 0x20C0),
    (0x2122, 0x2122),
    // Arrows, mathematical operators, technical symbols, geometric shapes, miscellaneous
    // symbols and dingbats (`★`, `✓`, `●`), but the circled and parenthesised numbers.
    (0x2190, 0x245F),
    (0x2500, 0x2775),
    (0x2794, 0x2BFF),
    // CJK: the ideographic space, `、`, `。`, `〃`, `〄`; brackets `〈〉《》「」『』【】〔〕〖〗〘〙〚〛`,
    // `〒`, `〓`, `〜`, quotation marks `〝〞〟`, `〠`; `〰`; `〽`; Katakana's middle dot `・`.
    (0x3000, 0x3004),
    (0x3008, 0x3020),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x30FB, 0x30FB),
    // The byte order mark (zero-width no-break space), fullwidth punctuation `！＂＃＄％＆＇（）＊＋，－．／`,
    // `：；＜＝＞？＠`, `［＼］＾＿｀`, `｛｜｝～｟｠`, halfwidth `｡｢｣､･`, fullwidth `￠￡￢￣￤￥￦`
    // and halfwidth forms' symbols.
    (0xFEFF, 0xFEFF),
    (0xFF01, 0xFF0F),
    (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF65),
    (0xFFE0, 0xFFEE),
];

/// The UTF-8 lead byte of code point `u`.
const fn lead_byte(u: u32) -> u8 {
    if u < 0x80 {
        u as u8
    } else if u < 0x800 {
        (0xC0 | (u >> 6)) as u8
    } else if u < 0x10000 {
        (0xE0 | (u >> 12)) as u8
    } else {
        (0xF0 | (u >> 18)) as u8
    }
}

/// Bit `b - 0xC0` is set for each lead byte `b` a [`SEPARATORS`] character starts with
/// (0xC2, 0xCD, 0xD6, 0xD8, 0xD9, 0xDB, 0xE0, 0xE1, 0xE2, 0xE3, 0xEF): a character starting
/// with any other byte is never decoded.
// Indexing in a constant: out of bounds would fail the build, never a run (`get` is not const).
#[allow(clippy::indexing_slicing)]
const LEAD_BYTES: u64 = {
    let mut mask = 0u64;
    let mut i = 0;
    while i < SEPARATORS.len() {
        let (first, last) = SEPARATORS[i];
        let mut lead = lead_byte(first as u32);
        while lead <= lead_byte(last as u32) {
            mask |= 1 << (lead - 0xC0);
            lead += 1;
        }
        i += 1;
    }
    mask
};

/// True when `c`, a character above ASCII, is one of the [`SEPARATORS`].
fn is_separator(c: char) -> bool {
    let u = c as u32;
    for (first, last) in SEPARATORS {
        if u < u32::from(first) {
            break;
        }
        if u <= u32::from(last) {
            return true;
        }
    }
    false
}

/// The length in bytes of the separator at byte `i` of `text` (an ASCII space or punctuation
/// byte, or a [`SEPARATORS`] character), or 0 when a word goes on there (or `i` is past the
/// end or inside a character).
#[inline]
pub fn separator_len(text: &str, i: usize) -> usize {
    let Some(&b) = text.as_bytes().get(i) else {
        return 0;
    };
    if b < 0x80 {
        return usize::from(!b.is_ascii_alphanumeric());
    }
    if b < 0xC0 || (LEAD_BYTES >> (b - 0xC0)) & 1 == 0 {
        return 0;
    }
    decoded_separator_len(text, i, b)
}

/// [`separator_len`] at a lead byte `b` some separator starts with: out of line, so the
/// byte checks above stay small where callers inline them (rank's word loop).
#[inline(never)]
fn decoded_separator_len(text: &str, i: usize, b: u8) -> usize {
    // The Ogham space mark (E1 9A 80) is the only separator starting with 0xE1, as
    // Vietnamese and polytonic Greek letters do (U+1E00–U+1FFF): those are not decoded.
    if b == 0xE1 && text.as_bytes().get(i + 1) != Some(&0x9A) {
        return 0;
    }
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) if is_separator(c) => c.len_utf8(),
        _ => 0,
    }
}

/// The parts of `text` between separators (empty parts included), as
/// `text.split(|c: char| !c.is_alphanumeric() …)` would give them with the separators of this
/// module, found byte by byte ([`separator_len`]); but a run of characters written without
/// spaces ([`crate::core::bigram`]: Han, Hiragana, Katakana) is a part of its own, given as
/// its overlapping bigrams (`新款跑鞋` as `新款`, `款跑`, `跑鞋`; one character as itself), and
/// ends the part before it (`Nike跑鞋` is `Nike`, `跑鞋`).
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        start: 0,
        i: 0,
        run: false,
        after_run: false,
        done: false,
    }
}

/// The iterator [`words`] returns.
pub struct Words<'a> {
    text: &'a str,
    /// Where the part being read starts.
    start: usize,
    /// The next byte to read.
    i: usize,
    /// The character at `i` follows one of its run (their bigram was given).
    run: bool,
    /// A run ended where the part being read starts: no empty part is given for it.
    after_run: bool,
    /// The last part was given.
    done: bool,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.text;
        while !self.done && self.i < text.len() {
            let at = self.i;
            let len = separator_len(text, at);
            if len > 0 {
                self.i += len;
                let (from, after_run) = (self.start, std::mem::take(&mut self.after_run));
                self.start = self.i;
                if after_run && from == at {
                    continue;
                }
                return text.get(from..at);
            }
            let first = unspaced_len(text, at);
            if first == 0 {
                self.i += 1;
                continue;
            }
            if self.start < at {
                // The part before the run ends where it starts.
                let word = text.get(self.start..at);
                self.start = at;
                return word;
            }
            let next = at + first;
            let second = unspaced_len(text, next);
            let single = !self.run;
            (self.run, self.i, self.start) = (second > 0, next, next);
            self.after_run = second == 0;
            if second > 0 {
                return text.get(at..next + second);
            }
            if single {
                return text.get(at..next);
            }
        }
        if self.done {
            return None;
        }
        self.done = true;
        match self.after_run && self.start == text.len() {
            true => None,
            false => text.get(self.start..),
        }
    }
}

/// True when `word` has at least two characters: more bytes than its first character's UTF-8
/// length (read from the first byte), so nothing is decoded.
pub fn two_chars(word: &str) -> bool {
    let first = match word.as_bytes().first() {
        None => return false,
        Some(b) if *b < 0x80 => 1,
        Some(b) if *b >= 0xF0 => 4,
        Some(b) if *b >= 0xE0 => 3,
        Some(_) => 2,
    };
    word.len() > first
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The non-empty words of `text`.
    fn split(text: &str) -> Vec<&str> {
        words(text).filter(|w| !w.is_empty()).collect()
    }

    #[test]
    fn ascii_texts_split_as_before() {
        let old = |t: &str| -> Vec<String> {
            t.split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
                .map(str::to_owned)
                .collect()
        };
        for t in [
            "",
            "a",
            " a  b ",
            "Trail-Runner 2 ü-ß é",
            "ab,,cd.",
            "日本 語",
        ] {
            let got: Vec<String> = words(t).map(str::to_owned).collect();
            assert_eq!(got, old(t), "{t:?}");
        }
        assert!(!two_chars("") && !two_chars("a") && !two_chars("ü") && !two_chars("日"));
        assert!(!two_chars("😀") && two_chars("😀a") && two_chars("a😀"));
        assert!(two_chars("ab") && two_chars("üa") && two_chars("日本"));
    }

    #[test]
    fn shops_texts_split_where_their_writing_splits_them() {
        for (text, expected) in [
            ("chaussures « running »", &["chaussures", "running"][..]),
            (
                "chaussures\u{a0}«\u{a0}running\u{a0}»",
                &["chaussures", "running"],
            ),
            ("Кроссовки «Бег»", &["Кроссовки", "Бег"]),
            ("„Öko“-Shirt", &["Öko", "Shirt"]),
            ("¿zapatillas?", &["zapatillas"]),
            ("¡Oferta! ¿Botas?", &["Oferta", "Botas"]),
            (
                "Veste\u{a0}imperméable\u{202f}: promo\u{202f}?",
                &["Veste", "imperméable", "promo"],
            ),
            ("Jacke—Winter", &["Jacke", "Winter"]),
            (
                "Jacke–Winter ‘Öko’ “neu” ‹fr› …mehr",
                &["Jacke", "Winter", "Öko", "neu", "fr", "mehr"],
            ),
            (
                "スニーカー、ランニング。「新作」（黒）！？\u{3000}セール",
                &[
                    "スニ", "ニー", "ーカ", "カー", "ラン", "ンニ", "ニン", "ング", "新作", "黒",
                    "セー", "ール",
                ],
            ),
            (
                "『跑鞋』【特价】《新款》：男款；女款",
                &["跑鞋", "特价", "新款", "男款", "女款"],
            ),
            ("ナイキ・エア", &["ナイ", "イキ", "エア"]),
            ("Gore-Tex™ Jacke 50€", &["Gore", "Tex", "Jacke", "50"]),
            ("\u{feff}Zero\u{200b}width", &["Zero", "width"]),
            // The Greek question mark (U+037E, not `;`) and the Ogham space mark.
            ("Τι είναι\u{37e} Παπούτσια", &["Τι", "είναι", "Παπούτσια"]),
            ("ᚁᚂ\u{1680}ᚃᚄ", &["ᚁᚂ", "ᚃᚄ"]),
        ] {
            assert_eq!(split(text), expected, "{text:?}");
        }
    }

    #[test]
    fn letters_digits_and_joiners_stay_inside_words() {
        for word in [
            "col·lecció",
            "m²",
            "½l",
            "Nº1",
            "µm",
            "々木",
            "①②",
            "soft\u{ad}hyphen",
            "می\u{200c}خواهم",
            "👨\u{200d}👩",
            "40×60",
            "Ελληνικά",
            "Հայերեն",
            "עברית",
        ] {
            assert_eq!(split(word), [word], "{word:?}");
        }
    }

    #[test]
    fn runs_written_without_spaces_split_into_bigrams() {
        for (text, expected) in [
            ("新款跑鞋", &["新款", "款跑", "跑鞋"][..]),
            ("Nike跑鞋", &["Nike", "跑鞋"]),
            ("跑鞋Nike 2", &["跑鞋", "Nike", "2"]),
            ("iPhone 15 手机壳", &["iPhone", "15", "手机", "机壳"]),
            ("日本 語", &["日本", "語"]),
            ("a跑b", &["a", "跑", "b"]),
            (
                "東京スカイツリー",
                &["東京", "京ス", "スカ", "カイ", "イツ", "ツリ", "リー"],
            ),
            ("人々の", &["人々", "々の"]),
            ("𠀀𠀁", &["𠀀𠀁"]),
            ("ｽﾆｰｶｰ", &["ｽﾆ", "ﾆｰ", "ｰｶ", "ｶｰ"]),
            // Korean is written with spaces; Thai keeps its runs (README "Limitations").
            ("운동화 신발", &["운동화", "신발"]),
            ("รองเท้าวิ่ง ไนกี้", &["รองเท้าวิ่ง", "ไนกี้"]),
        ] {
            assert_eq!(split(text), expected, "{text:?}");
        }
        // Parts between two separators stay, as in any script; none is made around a run.
        let all: Vec<&str> = words("「跑鞋」,,鞋 x").collect();
        assert_eq!(all, ["", "跑鞋", "", "", "鞋", "x"]);
        assert_eq!(words("跑鞋").collect::<Vec<_>>(), ["跑鞋"]);
    }

    /// Every separator is neither a letter nor a digit, every non-ASCII space is one, the
    /// byte filters before the table never pass over a character the table lists, and in the
    /// blocks the table covers a character splits exactly when it is no letter or digit, but
    /// the listed ones.
    #[test]
    fn the_table_agrees_with_std_where_it_says_it_does() {
        let is_sep = |c: char| {
            let mut buf = [0; 4];
            separator_len(c.encode_utf8(&mut buf), 0) == c.len_utf8()
        };
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if is_sep(c) {
                assert!(!c.is_alphanumeric(), "U+{:04X}", c as u32);
            }
            if c.is_whitespace() {
                assert!(is_sep(c), "U+{:04X}", c as u32);
            }
            assert_eq!(is_sep(c), is_separator(c), "U+{:04X}", c as u32);
        }
        // Inside words though neither letters nor digits.
        let kept = [
            0xAD, 0xB7, 0x200C, 0x200D, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064,
        ];
        let blocks = [(0x80, 0xBF), (0x2000, 0x206F), (0xFF01, 0xFF65)];
        for &(from, to) in &blocks {
            for c in (from..=to).filter_map(char::from_u32) {
                let u = c as u32;
                if (0x2065..=0x2065).contains(&u) || (0x206A..=0x206F).contains(&u) {
                    continue; // unassigned and deprecated format characters
                }
                let expected = !c.is_alphanumeric() && !kept.contains(&u);
                assert_eq!(is_sep(c), expected, "U+{u:04X}");
            }
        }
        for u in (0x3000..=0x3003)
            .chain(0x3008..=0x3011)
            .chain([0x30FB, 0xFEFF])
        {
            assert!(is_sep(char::from_u32(u).unwrap()), "U+{u:04X}");
        }
    }

    // Native only: proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Any text: the parts come in order, none holds a separator, a part holding a
            /// character written without spaces is one or two such characters, and every
            /// character that is no separator is in some part; so splitting never panics and
            /// a word is never empty once empty parts are dropped.
            #[test]
            fn parts_are_the_text_between_separators(
                s in "([a-zA-Z0-9 ,«»\u{a0}\u{202f}—·、。「」（）！？\u{3000}Кё日本跑鞋ｶ😀\u{ad}]|\\PC){0,24}"
            ) {
                let (mut at, mut covered) = (0, vec![false; s.len()]);
                for part in words(&s) {
                    let start = part.as_ptr() as usize - s.as_ptr() as usize;
                    prop_assert!(start >= at && s.get(start..start + part.len()) == Some(part));
                    let run = part.char_indices().filter(|&(i, _)| unspaced_len(part, i) > 0);
                    if run.count() > 0 {
                        let chars = part.char_indices();
                        prop_assert!(chars.clone().all(|(i, _)| unspaced_len(part, i) > 0));
                        prop_assert!(chars.count() <= 2);
                    }
                    for (i, _) in part.char_indices() {
                        prop_assert_eq!(separator_len(part, i), 0);
                    }
                    covered[start..start + part.len()].iter_mut().for_each(|c| *c = true);
                    at = start;
                }
                for (i, c) in s.char_indices() {
                    prop_assert!(covered[i] || separator_len(&s, i) > 0, "{:?} at {}", c, i);
                }
                prop_assert!(split(&s).iter().all(|w| !w.is_empty()));
            }
        }
    }
}
