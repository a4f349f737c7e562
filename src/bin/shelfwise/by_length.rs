//! HR@20 and MRR@20 by how long the shopper's session is: rows grouped by the number of
//! distinct items in their prefix. Two data sets (or a validation split and a test file) can
//! differ most in this, and both the share of targets already in the prefix and how well the
//! engine orders them change with it, so a figure over all rows alone can mislead.

use std::collections::HashSet;

use super::eval::{Row, Score};

/// Upper bounds (inclusive) of the buckets of distinct prefix items; the last is open.
const BOUNDS: [usize; 2] = [3, 9];

/// The buckets' labels, in order.
pub const LABELS: [&str; 3] = ["1-3", "4-9", "10+"];

/// Scores per bucket of distinct prefix items, both protocols.
#[derive(Default, Clone, Copy)]
pub struct ByLength {
    /// Per bucket: rows, seen items allowed, seen items excluded.
    pub buckets: [(usize, Score, Score); 3],
}

/// The bucket of a prefix with `distinct` distinct items.
pub fn bucket(distinct: usize) -> usize {
    BOUNDS.iter().take_while(|&&b| distinct > b).count()
}

impl ByLength {
    /// Records where `row`'s target landed in both protocols.
    pub fn add(&mut self, row: &Row, allowed: Option<usize>, excluded: Option<usize>) {
        let distinct: HashSet<&str> = row.prefix.iter().map(String::as_str).collect();
        if let Some(b) = self.buckets.get_mut(bucket(distinct.len())) {
            b.0 += 1;
            b.1.add(allowed);
            b.2.add(excluded);
        }
    }

    /// One text line per non-empty bucket, aligned with `eval`'s table.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (label, (rows, a, e)) in LABELS.iter().zip(&self.buckets) {
            if *rows > 0 {
                let name = format!("  {label} distinct: {rows} rows");
                out.push(format!(
                    "{name:<28} {:>8.2} {:>8.2} {:>12.2} {:>12.2}",
                    a.hr(),
                    a.mrr(),
                    e.hr(),
                    e.mrr()
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_count_distinct_items_with_inclusive_upper_bounds() {
        assert_eq!(
            [1, 3, 4, 9, 10, 40].map(bucket),
            [0, 0, 1, 1, 2, 2],
            "1-3, 4-9, 10+"
        );
    }

    #[test]
    fn rows_land_in_their_bucket_with_both_protocols_scored() {
        let mut by = ByLength::default();
        // Five views of two distinct items: the first bucket, not the second.
        by.add(&Row::of(&["a", "b", "a", "b", "a"], "b"), Some(0), None);
        by.add(&Row::of(&["a", "b", "c", "d"], "e"), None, Some(1));
        let [short, middle, long] = by.buckets;
        assert_eq!((short.0, short.1.hr(), short.2.hr()), (1, 100.0, 0.0));
        assert_eq!((middle.0, middle.1.hr(), middle.2.mrr()), (1, 0.0, 50.0));
        assert_eq!(long.0, 0);
        let lines = by.lines();
        assert_eq!(lines.len(), 2, "empty buckets are not printed: {lines:?}");
        assert!(lines[0].contains("1-3 distinct: 1 rows"), "{lines:?}");
    }
}
