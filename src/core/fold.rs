//! Case folding for matching texts case-insensitively: facet keys, search terms and repeated
//! searches. Capital letters become small ones in these scripts:
//!
//! - Latin: ASCII, Latin-1 Supplement (`À`–`Þ` but `×`), Latin Extended-A (`Ā`–`ž`, `Ÿ` →
//!   `ÿ`), Latin Extended-B's Pinyin, Romanian and Livonian letters (`Ǎ`–`Ǜ`, `Ǟ`–`ǯ`,
//!   `Ǹ`–`ȳ`, `Ɇ`–`ɏ`), Latin Extended Additional (Vietnamese, Welsh: `Ḁ`–`ẕ`, `Ạ`–`ỿ`) and
//!   fullwidth `Ａ`–`Ｚ`;
//! - Greek and Coptic, the whole block, with final `ς` folded to `σ` (as case folding does: a
//!   word's last letter is written `ς` in small letters and `Σ` in capitals);
//! - Cyrillic and Cyrillic Supplement, the whole blocks (Russian, Ukrainian, Belarusian,
//!   Bulgarian, Serbian, Macedonian, Kazakh and the other letters there);
//! - Armenian (`Ա`–`Ֆ`).
//!
//! Every other character stays as it is. So do a few capitals whose small letter is written in
//! a different number of UTF-8 bytes, so that folding never changes a text's length (keys are
//! compared and filtered by length): Turkish dotted `İ` (small `i̇` is two characters; Turkish
//! `I`/`ı` folds as `I`/`i`, as in every other language), `ẞ` (small `ß`) and the Kelvin and
//! Ångström signs; small `ſ`, `ı` and `ĸ` have no capital in these rules and stay too.
//!
//! The rules are a table of code point ranges ([`RULES`], about 0.3 KB gzip in the wasm)
//! instead of `char::to_lowercase`, whose Unicode tables cost about 1.1 KB gzip (measured:
//! `fold_char` through `to_lowercase` made each build 0.8 KB gzip larger than this table). A
//! test compares every code point of the blocks above with `char::to_lowercase`.

/// Marks a [`RULES`] range of pairs whose capital is at the even code point (`Ā` `ā`).
const EVEN: i16 = i16::MAX;
/// Marks a [`RULES`] range of pairs whose capital is at the odd code point (`Ĺ` `ĺ`).
const ODD: i16 = i16::MIN;

/// The folding rules above ASCII, by code point: `(first, last, delta)` folds the capitals
/// `first..=last` to the code point `delta` further ([`EVEN`], [`ODD`]: pairs of a capital and
/// its small letter). Sorted, without overlaps. A table scanned in order, not a `match` over
/// the ranges: 80 bytes gzip smaller in the wasm, and only non-ASCII characters reach it.
#[rustfmt::skip]
const RULES: [(u16, u16, i16); 42] = [
    (0x00C0, 0x00D6, 0x20),
    (0x00D8, 0x00DE, 0x20),
    (0x0100, 0x012F, EVEN),
    (0x0132, 0x0137, EVEN),
    (0x0139, 0x0148, ODD),
    (0x014A, 0x0177, EVEN),
    (0x0178, 0x0178, -0x79),
    (0x0179, 0x017E, ODD),
    (0x01CD, 0x01DC, ODD),
    (0x01DE, 0x01EF, EVEN),
    (0x01F8, 0x021F, EVEN),
    (0x0220, 0x0220, -0x82),
    (0x0222, 0x0233, EVEN),
    (0x0246, 0x024F, EVEN),
    (0x0370, 0x0373, EVEN),
    (0x0376, 0x0376, EVEN),
    (0x037F, 0x037F, 0x74),
    (0x0386, 0x0386, 0x26),
    (0x0388, 0x038A, 0x25),
    (0x038C, 0x038C, 0x40),
    (0x038E, 0x038F, 0x3F),
    (0x0391, 0x03A1, 0x20),
    (0x03A3, 0x03AB, 0x20),
    (0x03C2, 0x03C2, 1),
    (0x03CF, 0x03CF, 8),
    (0x03D8, 0x03EF, EVEN),
    (0x03F4, 0x03F4, -0x3C),
    (0x03F7, 0x03F7, 1),
    (0x03F9, 0x03F9, -7),
    (0x03FA, 0x03FA, 1),
    (0x03FD, 0x03FF, -0x82),
    (0x0400, 0x040F, 0x50),
    (0x0410, 0x042F, 0x20),
    (0x0460, 0x0481, EVEN),
    (0x048A, 0x04BF, EVEN),
    (0x04C0, 0x04C0, 0x0F),
    (0x04C1, 0x04CE, ODD),
    (0x04D0, 0x052F, EVEN),
    (0x0531, 0x0556, 0x30),
    (0x1E00, 0x1E95, EVEN),
    (0x1EA0, 0x1EFF, EVEN),
    (0xFF21, 0xFF3A, 0x20),
];

/// `c` with its case folded (see the module documentation): a character of the same UTF-8
/// length, `c` itself when it is no capital of a covered script.
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c.to_ascii_lowercase();
    }
    for (first, last, delta) in RULES {
        if u < u32::from(first) {
            break;
        }
        if u <= u32::from(last) {
            let step = match delta {
                EVEN => !u & 1,
                ODD => u & 1,
                d => i32::from(d) as u32,
            };
            return char::from_u32(u.wrapping_add(step)).unwrap_or(c);
        }
    }
    c
}

/// Appends `s` folded by [`fold_char`]. An ASCII text (the usual case) is copied and its
/// letters lower-cased byte by byte, as before non-ASCII letters were folded.
pub fn push_folded(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let start = buf.len();
        buf.push_str(s);
        if let Some(added) = buf.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        buf.reserve(s.len());
        buf.extend(s.chars().map(fold_char));
    }
}

/// True when `a` and `b` are the same text once folded. ASCII bytes are compared as
/// `eq_ignore_ascii_case` does; characters are decoded only from the first non-ASCII byte on.
pub fn eq_folded(a: &str, b: &str) -> bool {
    folds_to(a, true, b)
}

/// True when `folded`, a text already folded, is `text` folded. ASCII bytes are compared
/// byte by byte; characters are decoded only from the first non-ASCII byte of `text` on.
pub fn is_folded_form(folded: &str, text: &str) -> bool {
    folds_to(folded, false, text)
}

/// True when `a` (folded too when `fold_a`) is `b` folded. One pass over the bytes while they
/// are ASCII (the usual case: no separate scan for non-ASCII bytes); characters are decoded
/// from the first non-ASCII byte of `b` on. Folding keeps a text's length and which of its
/// bytes are ASCII, so the texts must have one length, and the bytes before that cut are
/// ASCII in both: it is a character boundary in both.
fn folds_to(a: &str, fold_a: bool, b: &str) -> bool {
    let fold = |c: char| if fold_a { fold_char(c) } else { c };
    if a.len() != b.len() {
        return false;
    }
    let cut = a.bytes().zip(b.bytes()).position(|(x, y)| {
        let x = if fold_a { x.to_ascii_lowercase() } else { x };
        y >= 0x80 || x != y.to_ascii_lowercase()
    });
    let Some(i) = cut else {
        return true;
    };
    match (a.get(i..), b.get(i..)) {
        (Some(x), Some(y)) if y.as_bytes().first().is_some_and(|&c| c >= 0x80) => {
            x.chars().map(fold).eq(y.chars().map(fold_char))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks (or parts of blocks) whose capitals fold, and capitals left as they are.
    const COVERED: &[(u32, u32)] = &[
        (0x0000, 0x017F),
        (0x01CD, 0x01DC),
        (0x01DE, 0x01EF),
        (0x01F8, 0x0233),
        (0x0246, 0x024F),
        (0x0370, 0x052F),
        (0x0531, 0x058F),
        (0x1E00, 0x1E95),
        (0x1EA0, 0x1EFF),
        (0xFF00, 0xFFEF),
    ];
    const LEFT: &[u32] = &[0x0130, 0x1E9E, 0x212A, 0x212B];

    /// What `char::to_lowercase` gives, with final sigma folded as case folding does.
    fn std_lower(c: char) -> String {
        match c {
            'ς' => "σ".into(),
            _ => c.to_lowercase().collect(),
        }
    }

    #[test]
    fn every_covered_code_point_folds_as_std_lowercases_it() {
        let mut checked = 0;
        for &(from, to) in COVERED {
            for c in (from..=to).filter_map(char::from_u32) {
                let expected = if LEFT.contains(&(c as u32)) {
                    c.to_string()
                } else {
                    std_lower(c)
                };
                assert_eq!(fold_char(c).to_string(), expected, "U+{:04X}", c as u32);
                checked += 1;
            }
        }
        assert_eq!(checked, 1_517);
        // The capitals left are capitals, changing length when lower-cased.
        for &u in LEFT {
            let c = char::from_u32(u).unwrap();
            assert_ne!(std_lower(c), c.to_string());
            assert_ne!(std_lower(c).len(), c.len_utf8(), "U+{u:04X}");
        }
    }

    #[test]
    fn folding_keeps_every_length_and_ascii_and_is_idempotent() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let f = fold_char(c);
            assert_eq!(f.len_utf8(), c.len_utf8(), "U+{:04X}", c as u32);
            assert_eq!(f.is_ascii(), c.is_ascii());
            assert_eq!(fold_char(f), f);
            // Nothing outside the covered blocks changes.
            if !COVERED.iter().any(|&(a, b)| (a..=b).contains(&(c as u32))) {
                assert_eq!(f, c, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn texts_fold_and_compare() {
        let fold = |s: &str| {
            let mut out = String::from(">");
            push_folded(&mut out, s);
            out
        };
        assert_eq!(fold("Red SHOES"), ">red shoes");
        assert_eq!(
            fold("Кроссовки ЗАРА Öko ΟΔΥΣΣΕΥΣ"),
            ">кроссовки зара öko οδυσσευσ"
        );
        assert_eq!(fold("Ǎ Ș Ế Ａ Ա"), ">ǎ ș ế ａ ա");
        assert!(eq_folded("ЗАРА", "Зара") && eq_folded("Red", "rED"));
        assert!(eq_folded("ΟΔΥΣΣΕΥΣ", "οδυσσευς") && eq_folded("", ""));
        assert!(!eq_folded("Зара", "Зар") && !eq_folded("Зара", "Зора"));
        assert!(is_folded_form("кроссовки", "КРОССОВКИ") && is_folded_form("red", "Red"));
        assert!(
            !is_folded_form("Кроссовки", "кроссовки"),
            "the first is folded"
        );
        assert!(!is_folded_form("red", "Reds") && !is_folded_form("зара", "зора"));
        // ASCII first, then the characters from the first non-ASCII byte on.
        assert!(eq_folded("Café ÖKO", "cAFÉ öko") && is_folded_form("café öko", "Café ÖKO"));
        assert!(!eq_folded("Cafe ÖKO", "cafÉ öko") && !eq_folded("CaféÖ", "Cafe Ö"));
        assert!(
            !is_folded_form("café Öko", "Café ÖKO"),
            "the first is not folded"
        );
        assert!(!eq_folded("caféx", "CAFEXY") && !is_folded_form("cafzz", "CAFÉ"));
    }

    // Native only: proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn folding_any_text_never_panics_and_is_idempotent(s in any::<String>()) {
                let mut once = String::new();
                push_folded(&mut once, &s);
                let mut twice = String::new();
                push_folded(&mut twice, &once);
                prop_assert_eq!(&once, &twice);
                prop_assert_eq!(once.len(), s.len());
                prop_assert!(eq_folded(&s, &once) && is_folded_form(&once, &s));
            }

            /// The comparisons give what folding both texts and comparing them gives, on
            /// short texts that often match up to a case or a non-ASCII letter.
            #[test]
            fn comparisons_equal_comparing_folded_texts(
                a in "[aAzZéÉöÖ ]{0,5}",
                b in "[aAzZéÉöÖ ]{0,5}",
            ) {
                let fold = |s: &str| s.chars().map(fold_char).collect::<String>();
                prop_assert_eq!(eq_folded(&a, &b), fold(&a) == fold(&b));
                prop_assert_eq!(is_folded_form(&a, &b), a == fold(&b));
            }
        }
    }
}
