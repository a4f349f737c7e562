//! The separators of words: ASCII spaces and punctuation, and the spaces and punctuation of
//! other writing the shops use ([`SEPARATORS`]).
//!
//! The separators above ASCII are a small table of code point ranges instead of
//! `char::is_whitespace` and `char::is_alphanumeric`, whose Unicode tables would be linked
//! into the wasm. An ASCII text is still split byte by byte: a UTF-8 character never contains
//! an ASCII byte, and a character is decoded only at a lead byte some separator starts with
//! ([`LEAD_BYTES`]), so Cyrillic, Greek or Hebrew letters are passed over by their first byte
//! (and Vietnamese or polytonic Greek letters, starting with 0xE1 as the Ogham space mark
//! does, by their first two).

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
