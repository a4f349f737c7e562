//! Bounded, most-recent-first lists of ids (recently viewed, cart, purchased, searches).

/// Most recently viewed items kept.
pub const MAX_VIEWED: usize = 30;
/// Most cart items kept.
pub const MAX_CART: usize = 30;
/// Most purchased items kept.
pub const MAX_PURCHASED: usize = 50;
/// Most recent searches kept.
pub const MAX_SEARCHES: usize = 10;

/// Moves `id` to the front of `list` (inserting it if new) and drops the oldest beyond `cap`.
pub fn push_front(list: &mut Vec<String>, id: &str, cap: usize) {
    if let Some(pos) = list.iter().position(|x| x == id) {
        list.remove(pos);
    }
    list.insert(0, id.to_owned());
    list.truncate(cap);
}

/// Removes `id` from `list` if present.
pub fn remove(list: &mut Vec<String>, id: &str) {
    list.retain(|x| x != id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_repeats_and_bounded() {
        let mut l = Vec::new();
        for id in ["a", "b", "c", "a"] {
            push_front(&mut l, id, 3);
        }
        assert_eq!(l, vec!["a", "c", "b"]);
        push_front(&mut l, "d", 3);
        assert_eq!(l, vec!["d", "a", "c"]);
        remove(&mut l, "a");
        assert_eq!(l, vec!["d", "c"]);
    }
}
