//! Items that share one table of texts: how `rank` holds its list. A grid's items repeat a few
//! categories, brands, tags and facet values, so each distinct text can be held once and items
//! refer to it by number; ranking then scores each distinct facet once per call
//! (`rank::rank_batch`) instead of building and looking up its key for every item.
//!
//! A batch that is valid as it stands ([`ItemBatch::is_clean`]: no text to trim or drop, no
//! number out of range, no repeated id) is ranked as it is; any other goes through
//! [`ItemInput::validate`] item by item ([`ItemBatch::to_inputs`]), which words the same errors
//! as always, and its validated items make a new batch ([`BatchBuilder`]).

use super::hash::first_repeat;
use super::id::IdText;
use super::item::{Item, ItemInput};
use super::limits::*;

mod builder;

pub use builder::BatchBuilder;

/// One item: its shape, its id, name and brand (numbers of texts), where its category levels
/// start in [`ItemBatch::refs`] and where its texts end. Its texts are in this order: id,
/// name, category levels, brand, tags, facet name and value pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Row {
    shape: Shape,
    id: Option<u32>,
    name: Option<u32>,
    brand: Option<u32>,
    category: usize,
    end: usize,
}

/// Which texts an item has, and its numbers (what a reader found, before validation).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Shape {
    /// Whether an id was given.
    pub id: bool,
    /// Whether a name was given.
    pub name: bool,
    /// Category levels.
    pub depth: usize,
    /// Whether a brand was given.
    pub brand: bool,
    /// Tags.
    pub tags: usize,
    /// Facets (each a name and a value).
    pub facets: usize,
    /// Unit price.
    pub price: Option<f64>,
    /// Quantity.
    pub quantity: Option<f64>,
    /// Server relevance score.
    pub score: Option<f64>,
}

/// An item's texts, by number in the batch's table.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts<'a> {
    /// The id.
    pub id: Option<u32>,
    /// The name.
    pub name: Option<u32>,
    /// Category levels, general to specific.
    pub category: &'a [u32],
    /// The brand.
    pub brand: Option<u32>,
    /// Tags.
    pub tags: &'a [u32],
    /// Facets as name, value, name, value…
    pub facets: &'a [u32],
}

/// Items over one table of distinct texts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemBatch {
    /// Every text, one after the other.
    text: String,
    /// Each text's byte range in `text`.
    spans: Vec<(usize, usize)>,
    /// Each item's texts, by number, item after item.
    refs: Vec<u32>,
    rows: Vec<Row>,
}

/// True when validation keeps `s` as it is: not empty, within the length limit, nothing to
/// trim.
fn is_clean(s: &str) -> bool {
    s.len() <= MAX_STRING_BYTES && !s.is_empty() && untrimmed(s)
}

/// True when `s` has no surrounding whitespace. A visible ASCII character at both ends (the
/// usual case) needs no scan.
fn untrimmed(s: &str) -> bool {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    (visible(s.as_bytes().first()) && visible(s.as_bytes().last())) || s.trim().len() == s.len()
}

impl ItemBatch {
    /// A batch over `text`, whose texts are the byte ranges `spans`, and whose items' texts
    /// are `refs` (numbers of texts) in order; add the items with [`ItemBatch::push`].
    pub fn new(text: String, spans: Vec<(usize, usize)>, refs: Vec<u32>) -> ItemBatch {
        ItemBatch {
            text,
            spans,
            refs,
            rows: Vec::new(),
        }
    }

    /// Makes room for `n` more items (one allocation instead of the doublings of `push`).
    pub fn reserve(&mut self, n: usize) {
        self.rows.reserve(n);
    }

    /// Adds an item of this shape; its texts are the next ones in `refs`.
    pub fn push(&mut self, shape: Shape) {
        let start = self.rows.last().map_or(0, |r| r.end);
        let one =
            |has: bool, at: usize| has.then(|| self.refs.get(at).copied().unwrap_or(u32::MAX));
        let id = one(shape.id, start);
        let category = start + usize::from(shape.id);
        let name = one(shape.name, category);
        let category = category + usize::from(shape.name);
        let brand = one(shape.brand, category + shape.depth);
        let end = category + shape.depth + usize::from(shape.brand) + shape.tags + 2 * shape.facets;
        self.rows.push(Row {
            shape,
            id,
            name,
            brand,
            category,
            end,
        });
    }

    /// How many items.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there is no item.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many distinct texts.
    pub fn text_count(&self) -> usize {
        self.spans.len()
    }

    /// Text number `t` ("" when there is none).
    pub fn text(&self, t: u32) -> &str {
        let span = self.spans.get(t as usize);
        span.and_then(|&(a, b)| self.text.get(a..b)).unwrap_or("")
    }

    /// Item `i`'s shape.
    pub fn shape(&self, i: usize) -> Shape {
        self.rows.get(i).map(|r| r.shape).unwrap_or_default()
    }

    /// Item `i`'s price, if it has one.
    pub fn price(&self, i: usize) -> Option<f64> {
        self.rows.get(i).and_then(|r| r.shape.price)
    }

    /// Item `i`'s texts. A batch whose refs fall short of its items' counts (only a malformed
    /// page list: [`BatchBuilder`] and the page's packing keep them equal) gives that item no
    /// category, tags or facets.
    pub fn parts<'a>(&'a self, i: usize) -> Parts<'a> {
        let Some(r) = self.rows.get(i) else {
            return Parts::default();
        };
        let s = &r.shape;
        // The texts from the first category level to the end in one piece (`push` made `end`
        // the sum of the counts), cut into levels, brand, tags and facets: one range check
        // instead of three.
        let split = |all: &'a [u32]| {
            let (category, rest) = all.split_at_checked(s.depth)?;
            let (tags, facets) = rest.get(usize::from(s.brand)..)?.split_at_checked(s.tags)?;
            Some((category, tags, facets))
        };
        let pieces = self.refs.get(r.category..r.end).and_then(split);
        let (category, tags, facets) = pieces.unwrap_or_default();
        Parts {
            id: r.id,
            name: r.name,
            category,
            brand: r.brand,
            tags,
            facets,
        }
    }

    /// Item `i`'s id ("" when it has none).
    pub fn id(&self, i: usize) -> &str {
        let id = self.rows.get(i).and_then(|r| r.id);
        id.map_or("", |t| self.text(t))
    }

    /// Item `i`'s id as bytes (none when it has no id).
    fn id_bytes(&self, i: usize) -> &[u8] {
        let span = self
            .rows
            .get(i)
            .and_then(|r| self.spans.get(r.id? as usize));
        span.and_then(|&(a, b)| self.text.as_bytes().get(a..b))
            .unwrap_or(&[])
    }

    /// The first item whose id is an earlier item's (ids read in place, as bytes).
    pub fn first_repeated_id(&self) -> Option<usize> {
        first_repeat(self.len(), |i| self.id_bytes(i))
    }

    /// Every item's id.
    pub fn ids(&self) -> Vec<&str> {
        let mut ids = Vec::with_capacity(self.len());
        for i in 0..self.len() {
            ids.push(self.id(i));
        }
        ids
    }

    /// True when no id has surrounding whitespace (validation keeps every id as it is).
    pub fn ids_untrimmed(&self) -> bool {
        (0..self.len()).all(|i| untrimmed(self.id(i)))
    }

    /// The position of the item with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        (0..self.len()).position(|i| self.id(i) == id)
    }

    /// True when every item is valid as it stands, so validation would change nothing: each
    /// has an id, no text is empty, too long or has surrounding whitespace, no list is over
    /// its limit, no facet name repeats within an item, every number is in its range, and no
    /// id repeats.
    pub fn is_clean(&self) -> bool {
        let texts = self.spans.len() as u32;
        let within = |v: Option<f64>, hi: f64| v.map_or(true, |x| (0.0..=hi).contains(&x));
        let rows_ok = self.rows.iter().all(|r| {
            let s = &r.shape;
            s.id && s.depth <= MAX_CATEGORY_DEPTH
                && s.tags <= MAX_TAGS
                && s.facets <= MAX_FACETS
                && within(s.price, MAX_PRICE)
                && within(s.quantity, MAX_QUANTITY)
                && s.score.map_or(true, f64::is_finite)
        });
        let last = self.rows.last().map_or(0, |r| r.end);
        // Each distinct text is checked once, however many items hold it.
        if !rows_ok
            || last != self.refs.len()
            || !self.refs.iter().all(|&t| t < texts)
            || !self
                .spans
                .iter()
                .all(|&(a, b)| self.text.get(a..b).is_some_and(is_clean))
        {
            return false;
        }
        let names_repeat = (0..self.len()).any(|i| {
            let many = self.rows.get(i).is_some_and(|r| r.shape.facets > 1);
            many && self.repeats_a_name(self.parts(i).facets)
        });
        self.len() <= MAX_RANK_ITEMS && !names_repeat && self.first_repeated_id().is_none()
    }

    /// True when a facet name (the texts at even positions of `facets`) repeats. Loops, not
    /// adapter chains: less wasm.
    fn repeats_a_name(&self, facets: &[u32]) -> bool {
        let mut k = 0;
        while let Some(&t) = facets.get(k) {
            let name = self.text(t);
            let mut j = 0;
            while j < k {
                if facets.get(j).is_some_and(|&b| self.text(b) == name) {
                    return true;
                }
                j += 2;
            }
            k += 2;
        }
        false
    }

    /// The items as the page described them, for [`ItemInput::validate`].
    pub fn to_inputs(&self) -> Vec<ItemInput> {
        let mut items = Vec::with_capacity(self.len());
        for i in 0..self.len() {
            items.push(self.input(i));
        }
        items
    }

    /// Item `i` as the page described it.
    fn input(&self, i: usize) -> ItemInput {
        let (p, s) = (self.parts(i), self.shape(i));
        ItemInput {
            id: p.id.map(|t| IdText(self.owned(t))),
            name: p.name.map(|t| self.owned(t)),
            category: Some(self.owned_list(p.category)),
            brand: p.brand.map(|t| self.owned(t)),
            price: s.price,
            quantity: s.quantity,
            tags: Some(self.owned_list(p.tags)),
            facets: Some(self.owned_pairs(p.facets)),
            score: s.score,
            // Written out: `..ItemInput::default()` built the fields set above as `None` and
            // dropped them.
            item_category: None,
            item_category2: None,
            item_category3: None,
            item_category4: None,
            item_category5: None,
        }
    }

    /// Item `i` as [`ItemInput::validate`] gives it, built from the batch's texts and numbers
    /// without validating again. A ranked batch is clean ([`ItemBatch::is_clean`]) or made by
    /// a [`BatchBuilder`] from validated items, so validation would keep each text as it is
    /// (non-empty, within its limit, nothing to trim; nothing is lowercased), every list and
    /// facet in order (within limits, no facet name twice), every price and score (in range).
    /// Only quantity changes: a clean batch may hold 0 or 2.5, which validation rounds to a
    /// whole number of at least 1 (absent: 1), and so does this. On any other batch the texts
    /// come as they stand. `tests/batch_item.rs` checks both paths give the same item.
    pub fn item(&self, i: usize) -> Item {
        let (p, s) = (self.parts(i), self.shape(i));
        Item {
            id: p.id.map_or(String::new(), |t| self.owned(t)),
            name: p.name.map(|t| self.owned(t)),
            category: self.owned_list(p.category),
            brand: p.brand.map(|t| self.owned(t)),
            price: s.price,
            quantity: s.quantity.map_or(1.0, |q| q.round().max(1.0)),
            tags: self.owned_list(p.tags),
            facets: self.owned_pairs(p.facets),
            score: s.score,
        }
    }

    /// Every item as [`ItemBatch::item`] gives it.
    pub fn items(&self) -> Vec<Item> {
        let mut items = Vec::with_capacity(self.len());
        for i in 0..self.len() {
            items.push(self.item(i));
        }
        items
    }

    /// Text number `t`, owned.
    fn owned(&self, t: u32) -> String {
        self.text(t).to_owned()
    }

    /// The texts numbered in `list`, owned (loops, not chains, here and below: less wasm).
    fn owned_list(&self, list: &[u32]) -> Vec<String> {
        let mut out = Vec::with_capacity(list.len());
        for &t in list {
            out.push(self.owned(t));
        }
        out
    }

    /// The facets numbered in `list` (name, value, name, value…) as owned pairs.
    fn owned_pairs(&self, list: &[u32]) -> Vec<(String, String)> {
        let mut out = Vec::with_capacity(list.len() / 2);
        for f in list.chunks_exact(2) {
            if let [k, v] = f {
                out.push((self.owned(*k), self.owned(*v)));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
