//! One sort for the whole engine. Every ordering sorts indices through [`sort_indices`] with a
//! `dyn` comparator, so the wasm carries a single sort routine instead of one per call site.

use std::cmp::Ordering;

/// Sorts `indices` by `cmp`. Not stable: callers break ties themselves (usually by index), so
/// the result is still deterministic.
pub fn sort_indices(indices: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    indices.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// Indices of `scores`, highest score first; equal scores keep their index order. NaN sorts
/// as larger than every number, so callers pass finite scores.
pub fn by_score_desc(scores: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..scores.len()).collect();
    let score = |i: usize| scores.get(i).copied().unwrap_or(0.0);
    sort_indices(&mut idx, &|a, b| {
        score(b).total_cmp(&score(a)).then(a.cmp(&b))
    });
    idx
}

/// Indices of `keys` in ascending key order; equal keys keep their index order.
pub fn by_key_asc(keys: &[&str]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..keys.len()).collect();
    let key = |i: usize| keys.get(i).copied().unwrap_or("");
    sort_indices(&mut idx, &|a, b| key(a).cmp(key(b)).then(a.cmp(&b)));
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_first_ties_by_index() {
        assert_eq!(by_score_desc(&[1.0, 3.0, 1.0, 2.0]), vec![1, 3, 0, 2]);
        assert!(by_score_desc(&[]).is_empty());
    }

    #[test]
    fn keys_ascending_ties_by_index() {
        assert_eq!(by_key_asc(&["b", "a", "b", "c"]), vec![1, 0, 2, 3]);
    }
}
