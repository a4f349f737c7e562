//! Where texts split into words: at ASCII spaces and punctuation, and at the spaces and
//! punctuation of other writing the shops use ([`separators`]): `«Кроссовки»` is the word
//! `Кроссовки`, `¿zapatillas?` the word `zapatillas`, `スニーカー、セール` two runs. Runs of
//! Han, Hiragana and Katakana, written without spaces, are split into overlapping bigrams
//! ([`bigram`]): `新款跑鞋` is `新款 款跑 跑鞋`. Thai, also written without spaces, splits at
//! its spaces and punctuation only.
//!
//! Inside a word stay, as `char::is_alphanumeric` has them: letters, digits, superscripts,
//! fractions, `ª`, `º`, `µ` and the circled numbers. So do the middle
//! dot `·` (Catalan `col·lecció` is one word), the soft hyphen (U+00AD), the zero-width
//! joiners (U+200C, U+200D: Persian words, emoji sequences), the word joiner and the other
//! invisible format characters U+2060–U+2064, combining marks, and every symbol not listed
//! (emoji, `×`, `÷`): a word runs until a separator or a run written without spaces.

pub mod bigram;
pub mod separators;

pub use bigram::unspaced_len;
pub use separators::separator_len;

/// The parts of `text` between separators (empty parts included), as
/// `text.split(|c: char| !c.is_alphanumeric() …)` would give them with the separators of this
/// module, found byte by byte ([`separator_len`]); but a run of characters written without
/// spaces ([`crate::core::word::bigram`]: Han, Hiragana, Katakana) is a part of its own, given as
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

    // One copy for every caller: words are split in a few places, none of them per byte.
    #[inline(never)]
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
