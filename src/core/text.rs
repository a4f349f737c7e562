//! Texts joined from parts instead of `format!`: error messages, field paths and storage keys.
//! `format!` links `core::fmt`'s writer, padding and integer formatting into the wasm (about
//! 0.6 KB gzip); these few lines do what the engine needs of it.

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
}
