//! Building a batch of validated items one at a time, each distinct text held once (the
//! table of texts is found through a small open-addressing index).

use super::{ItemBatch, Shape};
use crate::core::hash::key_hash;
use crate::core::item::Item;

/// Builds an [`ItemBatch`] of validated items one at a time, each distinct text held once.
#[derive(Default)]
pub struct BatchBuilder {
    batch: ItemBatch,
    index: TextIndex,
}

impl BatchBuilder {
    /// Adds a validated item.
    pub fn add(&mut self, it: &Item) {
        let facets = it.facets.iter().flat_map(|(k, v)| [k, v]);
        let texts = std::iter::once(&it.id)
            .chain(&it.name)
            .chain(&it.category)
            .chain(&it.brand)
            .chain(&it.tags)
            .chain(facets);
        for s in texts {
            let t = self.index.add(&mut self.batch, s);
            self.batch.refs.push(t);
        }
        self.batch.push(Shape {
            id: true,
            name: it.name.is_some(),
            depth: it.category.len(),
            brand: it.brand.is_some(),
            tags: it.tags.len(),
            facets: it.facets.len(),
            price: it.price,
            quantity: Some(it.quantity),
            score: it.score,
        });
    }

    /// The batch of the items added.
    pub fn finish(self) -> ItemBatch {
        self.batch
    }
}

/// Finds a text already in a batch: open addressing over the texts' hashes, `1 +` a text's
/// number per slot (0: empty), grown to keep at most half the slots used.
#[derive(Default)]
struct TextIndex {
    slots: Vec<u32>,
}

impl TextIndex {
    /// The number of `s` in `batch`, added first if it is new.
    fn add(&mut self, batch: &mut ItemBatch, s: &str) -> u32 {
        if batch.spans.len() * 2 >= self.slots.len() {
            // Grown: every text placed again.
            self.slots = vec![0; (self.slots.len() * 2).max(64)];
            for t in 0..batch.spans.len() as u32 {
                let j = self.find(batch, batch.text(t));
                if let Some(slot) = self.slots.get_mut(j) {
                    *slot = t + 1;
                }
            }
        }
        let j = self.find(batch, s);
        match self.slots.get(j) {
            Some(&slot) if slot > 0 => slot - 1,
            _ => {
                let t = batch.spans.len() as u32;
                let start = batch.text.len();
                batch.text.push_str(s);
                batch.spans.push((start, batch.text.len()));
                if let Some(slot) = self.slots.get_mut(j) {
                    *slot = t + 1;
                }
                t
            }
        }
    }

    /// The slot holding `s`, or the empty slot where it goes.
    fn find(&self, batch: &ItemBatch, s: &str) -> usize {
        let mask = self.slots.len() - 1;
        let mut j = key_hash(s) & mask;
        while let Some(&slot) = self.slots.get(j) {
            if slot == 0 || batch.text(slot - 1) == s {
                break;
            }
            j = (j + 1) & mask;
        }
        j
    }
}
