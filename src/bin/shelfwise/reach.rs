//! Reach: which targets any ranking of the engine's candidates could hit at all. A target is
//! either an item of the prefix (the shopper's own history) or a neighbour, in the pack, of some
//! prefix item; everything else only the popularity fill can reach. The sum of the two shares
//! bounds HR@20 (popularity fill aside), whatever the scoring does with the candidates.

use std::collections::{HashMap, HashSet};

use shelfwise::core::pack::build::Pack;
use shelfwise::core::pack::ItemData;

use super::eval::Row;

/// Shares of rows (in percent) by where the target is found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reach {
    /// The target is an item of the prefix.
    pub seen: f64,
    /// The target is not in the prefix but is a pack neighbour of some prefix item.
    pub neighbours: f64,
}

/// Where each row's target is found: in its prefix, among the pack neighbours of the prefix
/// items (viewed or bought together), or neither.
pub fn reach(pack: &Pack, rows: &[Row]) -> Reach {
    let lookup: HashMap<&str, &ItemData> =
        pack.items.iter().map(|(id, d)| (id.as_str(), d)).collect();
    let (mut seen, mut neighbours) = (0usize, 0usize);
    for row in rows {
        if row.prefix.contains(&row.target) {
            seen += 1;
            continue;
        }
        let prefix: HashSet<&str> = row.prefix.iter().map(String::as_str).collect();
        let found = prefix.iter().filter_map(|id| lookup.get(id)).any(|d| {
            d.related
                .iter()
                .chain(&d.bought_together)
                .any(|n| n.0 == row.target)
        });
        neighbours += usize::from(found);
    }
    let share = |n: usize| 100.0 * n as f64 / rows.len().max(1) as f64;
    Reach {
        seen: share(seen),
        neighbours: share(neighbours),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shelfwise::core::pack::Weighted;

    #[test]
    fn targets_are_split_into_seen_neighbour_and_unreachable() {
        let data = ItemData {
            related: vec![Weighted("b".into(), 10)],
            bought_together: vec![Weighted("c".into(), 10)],
        };
        let pack = Pack {
            items: vec![("a".into(), data)],
            ..Pack::default()
        };
        let rows = [
            Row::of(&["a"], "a"),
            Row::of(&["x", "a"], "b"),
            Row::of(&["a"], "c"),
            Row::of(&["a"], "d"),
        ];
        assert_eq!(
            reach(&pack, &rows),
            Reach {
                seen: 25.0,
                neighbours: 50.0
            }
        );
        let none: [Row; 0] = [];
        assert_eq!(reach(&pack, &none).seen, 0.0);
    }
}
