//! Diversity: at most `max_per_group` items of one brand or category in the top `top_k`.

use super::options::GroupBy;
use crate::core::item::Item;

/// A diversity rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Diversity {
    /// What groups items.
    pub by: GroupBy,
    /// Most items of one group within the top K.
    pub max_per_group: usize,
    /// How many top positions the cap applies to.
    pub top_k: usize,
}

impl Diversity {
    fn group<'a>(&self, item: &'a Item) -> Option<&'a [String]> {
        match self.by {
            GroupBy::Brand => item.brand.as_ref().map(std::slice::from_ref),
            GroupBy::Category => (!item.category.is_empty()).then_some(item.category.as_slice()),
        }
    }

    /// Reorders `order` (indices into `items`) so the cap holds in the top K where the list
    /// allows it. Items passed over keep their relative order right after the top K. Items
    /// without the attribute are never capped. The result is a permutation of `order`.
    pub fn apply(&self, order: &[usize], items: &[Item]) -> Vec<usize> {
        let mut top: Vec<usize> = Vec::with_capacity(order.len());
        let mut deferred: Vec<usize> = Vec::new();
        let mut counts: Vec<(&[String], usize)> = Vec::new();
        for &i in order {
            if top.len() >= self.top_k {
                deferred.push(i);
                continue;
            }
            match items.get(i).and_then(|it| self.group(it)) {
                None => top.push(i),
                Some(g) => match counts.iter_mut().find(|(k, _)| *k == g) {
                    Some((_, c)) if *c >= self.max_per_group => deferred.push(i),
                    Some((_, c)) => {
                        *c += 1;
                        top.push(i);
                    }
                    None => {
                        counts.push((g, 1));
                        top.push(i);
                    }
                },
            }
        }
        top.extend(deferred);
        top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_a_brand_in_the_top_k() {
        let items: Vec<Item> = ["a", "a", "a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let mut it = Item::with_id(i.to_string());
                it.brand = Some((*b).into());
                it
            })
            .collect();
        let d = Diversity {
            by: GroupBy::Brand,
            max_per_group: 2,
            top_k: 4,
        };
        assert_eq!(d.apply(&[0, 1, 2, 3, 4], &items), vec![0, 1, 3, 4, 2]);
    }
}
