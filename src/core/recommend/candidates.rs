//! Scored candidates: contributions added per (item, reason), merged per item, best first.

use super::{Reason, ReasonKind};
use crate::core::order::{by_key_asc, by_score_desc};

/// Why one contribution was made: the reason kind and the item it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Why<'a> {
    /// Reason kind.
    pub kind: ReasonKind,
    /// The history item behind the contribution, if any.
    pub item: Option<&'a str>,
}

impl Why<'_> {
    /// The reason shown to the shopper.
    pub fn reason(&self) -> Reason {
        Reason {
            kind: self.kind,
            item: self.item.map(str::to_owned),
            category: None,
        }
    }
}

/// Contributions to item scores, in the order they were added.
#[derive(Debug, Default)]
pub struct Candidates<'a> {
    ids: Vec<&'a str>,
    scores: Vec<f64>,
    whys: Vec<Why<'a>>,
}

impl<'a> Candidates<'a> {
    /// Adds `score` to `id`, for reason `why`.
    pub fn add(&mut self, id: &'a str, score: f64, why: Why<'a>) {
        if score > 0.0 && score.is_finite() {
            self.ids.push(id);
            self.scores.push(score);
            self.whys.push(why);
        }
    }

    /// Items by total score, highest first (ties by id), each with the reason of its largest
    /// contribution.
    pub fn ranked(&self) -> Vec<(&'a str, Why<'a>)> {
        let mut merged: Vec<(&'a str, f64, f64, Why<'a>)> = Vec::new();
        for i in by_key_asc(&self.ids) {
            let (Some(&id), Some(&s), Some(&why)) =
                (self.ids.get(i), self.scores.get(i), self.whys.get(i))
            else {
                continue;
            };
            match merged.last_mut() {
                Some(last) if last.0 == id => {
                    last.1 += s;
                    if s > last.2 {
                        last.2 = s;
                        last.3 = why;
                    }
                }
                _ => merged.push((id, s, s, why)),
            }
        }
        // Loops, not adapter chains: less wasm.
        let mut totals = Vec::with_capacity(merged.len());
        for m in &merged {
            totals.push(m.1);
        }
        let mut ranked = Vec::with_capacity(merged.len());
        for i in by_score_desc(&totals) {
            if let Some(m) = merged.get(i) {
                ranked.push((m.0, m.3));
            }
        }
        ranked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contributions_add_up_and_keep_the_largest_reason() {
        let mut c = Candidates::default();
        let why = |item| Why {
            kind: ReasonKind::ViewedTogether,
            item: Some(item),
        };
        c.add("x", 1.0, why("a"));
        c.add("y", 1.5, why("a"));
        c.add("x", 0.9, why("b"));
        c.add("z", f64::NAN, why("a"));
        let r = c.ranked();
        assert_eq!(r.iter().map(|r| r.0).collect::<Vec<_>>(), vec!["x", "y"]);
        assert_eq!(r[0].1.item, Some("a"));
    }
}
