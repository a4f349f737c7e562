//! Texts joined from parts instead of `format!`: error messages, field paths and storage keys.
//! `format!` links `core::fmt`'s writer, padding and integer formatting into the wasm (about
//! 0.6 KB gzip); these few lines do what the engine needs of it. Texts are split at one ASCII
//! byte by plain loops ([`split_once_byte`], [`split_byte`]): `str`'s searches for one `char`
//! link `memchr` and `CharSearcher` (about 0.85 KB raw).

/// The `parts` one after another.
pub fn concat(parts: &[&str]) -> String {
    let mut text = String::new();
    for part in parts {
        text.push_str(part);
    }
    text
}

/// `n` in decimal digits, as `n.to_string()` gives it (counts and list positions; one over
/// `u32::MAX` is shown as `u32::MAX`, which no list of the engine reaches).
pub fn count(n: usize) -> String {
    crate::core::hash::decimal(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A whole number in decimal digits, as `n.to_string()` gives it (ids given as numbers).
pub fn whole(n: i64) -> String {
    let mut m = n.unsigned_abs();
    let mut reversed = Vec::new();
    loop {
        reversed.push(b'0' + (m % 10) as u8);
        m /= 10;
        if m == 0 {
            break;
        }
    }
    let mut text = String::new();
    if n < 0 {
        text.push('-');
    }
    for &digit in reversed.iter().rev() {
        text.push(char::from(digit));
    }
    text
}

/// `s` before and after the first `byte`, as `s.split_once(char::from(byte))` gives it.
/// `byte` is ASCII, so both parts are whole UTF-8 (a byte of a longer character is never
/// ASCII).
pub fn split_once_byte(s: &str, byte: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == byte)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// The parts of `s` between each ASCII `byte`, as `s.split(char::from(byte))` gives them.
pub fn split_byte(s: &str, byte: u8) -> SplitByte<'_> {
    SplitByte {
        rest: Some(s),
        byte,
    }
}

/// The iterator of [`split_byte`].
pub struct SplitByte<'a> {
    rest: Option<&'a str>,
    byte: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        match split_once_byte(rest, self.byte) {
            Some((part, after)) => {
                self.rest = Some(after);
                Some(part)
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_parts_and_counts_as_format_does() {
        assert_eq!(
            concat(&["items[", &count(3), "].id"]),
            format!("items[{}].id", 3)
        );
        assert_eq!(concat(&[]), "");
        for n in [0_usize, 9, 10, 512, 4_294_967_295] {
            assert_eq!(count(n), n.to_string());
        }
        for n in [
            0_i64,
            7,
            -7,
            10,
            -1_000,
            8_999_999_999_999_999,
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(whole(n), n.to_string());
        }
    }

    #[test]
    fn splits_at_a_byte_as_str_does_at_a_char() {
        for s in [
            "",
            "a",
            ",",
            "a,b",
            ",a,,b,",
            "é,ü>ß,",
            "no separator",
            "x=1=2",
        ] {
            for b in [b',', b'>', b'='] {
                let c = char::from(b);
                assert_eq!(
                    split_byte(s, b).collect::<Vec<_>>(),
                    s.split(c).collect::<Vec<_>>()
                );
                assert_eq!(split_once_byte(s, b), s.split_once(c));
            }
        }
    }
}
