//! Buffers of earlier rankings' items, reused by the next ones: ranking the same kind of list
//! again (a grid re-ranked, the next page of results) then copies its texts into buffers that
//! already exist instead of allocating and freeing about a dozen per item.

use super::item::Item;

/// Most spare strings kept (about one 10,000-item ranking's worth); more are freed.
const MAX_SPARE_STRINGS: usize = 100_000;

/// Spare buffers: strings, string lists and facet lists, each empty and ready to be filled.
#[derive(Debug, Clone, Default)]
pub struct Spare {
    strings: Vec<String>,
    lists: Vec<Vec<String>>,
    pairs: Vec<Vec<(String, String)>>,
}

impl Spare {
    /// `s` in a spare buffer (a new one when none is left).
    pub fn text(&mut self, s: &str) -> String {
        match self.strings.pop() {
            Some(mut buf) => {
                buf.push_str(s);
                buf
            }
            None => s.to_owned(),
        }
    }

    /// An empty list of strings.
    pub fn list(&mut self) -> Vec<String> {
        self.lists.pop().unwrap_or_default()
    }

    /// An empty list of facets.
    pub fn pairs(&mut self) -> Vec<(String, String)> {
        self.pairs.pop().unwrap_or_default()
    }

    /// Takes `items` apart into spare buffers, up to [`MAX_SPARE_STRINGS`] strings.
    pub fn keep(&mut self, items: Vec<Item>) {
        for it in items {
            if self.strings.len() >= MAX_SPARE_STRINGS {
                return;
            }
            self.string(it.id);
            self.string(it.name.unwrap_or_default());
            self.string(it.brand.unwrap_or_default());
            for mut list in [it.category, it.tags] {
                list.drain(..).for_each(|s| self.string(s));
                if list.capacity() > 0 {
                    self.lists.push(list);
                }
            }
            let mut pairs = it.facets;
            for (name, value) in pairs.drain(..) {
                self.string(name);
                self.string(value);
            }
            if pairs.capacity() > 0 {
                self.pairs.push(pairs);
            }
        }
    }

    /// Keeps one string buffer, emptied (strings that never held anything are dropped).
    fn string(&mut self, mut s: String) {
        if s.capacity() > 0 {
            s.clear();
            self.strings.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_come_back_empty_and_hold_the_new_text() {
        let mut spare = Spare::default();
        let mut it = Item::with_id("sku-1");
        it.name = Some("Trail shoe".into());
        it.category = vec!["Shoes".into(), "Trail".into()];
        it.facets.push(("color".into(), "red".into()));
        spare.keep(vec![it]);
        assert_eq!(spare.strings.len(), 6);
        let list = spare.list();
        assert!(list.is_empty() && list.capacity() >= 2);
        assert!(spare.pairs().capacity() >= 1);
        assert!(
            spare.list().capacity() == 0,
            "the empty tags list kept no allocation"
        );
        for text in ["a", "longer text than before", ""] {
            assert_eq!(spare.text(text), text);
        }
        let mut many = Spare::default();
        many.keep(vec![Item::with_id("x"); MAX_SPARE_STRINGS + 10]);
        assert_eq!(many.strings.len(), MAX_SPARE_STRINGS);
    }
}
