//! Personal scores of a batch of items ([`ItemBatch`]), each distinct facet scored once per
//! call: the same sums as [`ScoreTable::personal`] item by item, added in the same order, but
//! a category level, brand, tag or facet value seen before in the same place is looked up in
//! a memo by its text's number instead of building its key and hashing it again.

use super::quick::{push_held_terms, term_filter};
use super::ScoreTable;
use crate::core::batch::ItemBatch;
use crate::core::config::Config;
use crate::core::facet::{
    price_band, push_lower, write_band_key, write_key, BRAND, CATEGORY, FACET, TAG,
};
use crate::core::limits::MAX_CATEGORY_DEPTH;

/// Memo contexts: where a text was scored. 0 is an empty slot, a category level's context
/// names its parent level (odd numbers from 3), a facet value's its facet name (even from 4).
const EMPTY: u64 = 0;
const BRAND_OF: u64 = 1;
const TAG_OF: u64 = 2;

/// A category level under `parent` (`None`: the top level).
fn category_of(parent: Option<u32>) -> u64 {
    3 + 2 * parent.map_or(0, |p| u64::from(p) + 1)
}

/// A value of facet `name`.
fn facet_of(name: u32) -> u64 {
    4 + 2 * u64::from(name)
}

/// Price bands memoised (band 80 is the highest valid price's).
const BANDS: usize = 96;

/// What one ranking call learned about its texts, and the table it looks them up in.
struct Memo<'a> {
    table: &'a ScoreTable,
    /// The key being looked up (reused from text to text).
    buf: String,
    /// Per text: the context it was scored in and its strength there.
    slots: Vec<(u64, f64)>,
    /// Per price band: its strength, NaN until looked up.
    bands: [f64; BANDS],
    /// Per text: its held search terms (a range of `terms`), `None` until looked for.
    words: Vec<Option<(usize, usize)>>,
    terms: Vec<usize>,
}

impl Memo<'_> {
    /// The strength of text `t` in context `ctx`, its key built by `key` when it is not
    /// memoised; and whether it is memoised now (a slot holds one context: a text met again
    /// in another one is looked up each time). A memoised text (most of them) is answered
    /// here, inlined into the caller's loop; the rest out of line.
    #[inline(always)]
    fn strength(&mut self, t: u32, ctx: u64, key: &dyn Fn(&mut String)) -> (f64, bool) {
        match self.slots.get(t as usize) {
            Some(&(c, s)) if c == ctx => (s, true),
            _ => self.look_up(t, ctx, key),
        }
    }

    /// [`Memo::strength`] of a text not memoised in `ctx`.
    #[inline(never)]
    fn look_up(&mut self, t: u32, ctx: u64, key: &dyn Fn(&mut String)) -> (f64, bool) {
        key(&mut self.buf);
        let found = self.table.get(&self.buf);
        match self.slots.get_mut(t as usize) {
            Some((c, s)) if *c == EMPTY => {
                (*c, *s) = (ctx, found);
                (found, true)
            }
            _ => (found, false),
        }
    }

    /// The held search terms (positions in `held`) that text `t`'s words match, each once,
    /// in order (`filter`: the held terms' [`term_filter`]).
    fn terms(&mut self, batch: &ItemBatch, table: &ScoreTable, filter: u64, t: u32) -> &[usize] {
        let known = self.words.get(t as usize).copied().flatten();
        let (start, end) = match known {
            Some(range) => range,
            None => {
                // The name's quick pass, then each term's repeats dropped in place.
                let start = self.terms.len();
                let (held, bigrams) = (table.held_queries(), table.held_bigrams());
                push_held_terms(batch.text(t), held, bigrams, filter, &mut self.terms);
                let mut end = start;
                for k in start..self.terms.len() {
                    let i = self.terms.get(k).copied().unwrap_or(0);
                    if !self.terms.get(start..end).unwrap_or(&[]).contains(&i) {
                        if let Some(slot) = self.terms.get_mut(end) {
                            *slot = i;
                        }
                        end += 1;
                    }
                }
                self.terms.truncate(end);
                if let Some(slot) = self.words.get_mut(t as usize) {
                    *slot = Some((start, end));
                }
                (start, end)
            }
        };
        self.terms.get(start..end).unwrap_or(&[])
    }
}

/// Builds the key of the category path `path` (texts of `batch`) into `buf`.
fn category_key(buf: &mut String, batch: &ItemBatch, path: &[u32]) {
    buf.clear();
    buf.push(CATEGORY);
    buf.push(':');
    for (level, &t) in path.iter().enumerate() {
        if level > 0 {
            buf.push('>');
        }
        push_lower(buf, batch.text(t));
    }
}

/// Each item's raw personal score, as [`ScoreTable::personal`] gives it.
pub(super) fn personal_scores(table: &ScoreTable, batch: &ItemBatch, config: &Config) -> Vec<f64> {
    let n = batch.len();
    if table.is_empty() {
        return vec![0.0; n];
    }
    let texts = batch.text_count();
    let held = table.held_queries();
    let mut memo = Memo {
        table,
        buf: String::new(),
        slots: vec![(EMPTY, 0.0); texts],
        bands: [f64::NAN; BANDS],
        words: if held.is_empty() {
            Vec::new()
        } else {
            vec![None; texts]
        },
        terms: Vec::new(),
    };
    let filter = term_filter(held);
    let share_up = config.category_ancestor_share;
    // The share of a level `up` levels above the leaf, worked out once per call.
    let shares: [f64; MAX_CATEGORY_DEPTH] = std::array::from_fn(|up| match up {
        0 => 1.0,
        _ => share_up.powi(up as i32),
    });
    let mut item_terms: Vec<usize> = Vec::new();
    let mut matched: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let p = batch.parts(i);
        let mut total = 0.0;
        let mut add = |s: f64, share: f64| {
            if s > 0.0 {
                total += s * share;
            }
        };
        // The memo context of the next level: `None` once a level was not memoised.
        let mut parent = Some(category_of(None));
        let depth = p.category.len();
        for (level, &t) in p.category.iter().enumerate() {
            let path = p.category.get(..level + 1).unwrap_or(&[]);
            let key = |buf: &mut String| category_key(buf, batch, path);
            let s = match parent {
                Some(ctx) => {
                    let (s, kept) = memo.strength(t, ctx, &key);
                    parent = kept.then(|| category_of(Some(t)));
                    s
                }
                None => {
                    key(&mut memo.buf);
                    table.get(&memo.buf)
                }
            };
            let up = depth - level - 1;
            let share = shares.get(up).copied();
            add(s, share.unwrap_or_else(|| share_up.powi(up as i32)));
        }
        if let Some(b) = p.brand {
            let key = |buf: &mut String| write_key(buf, BRAND, batch.text(b));
            add(memo.strength(b, BRAND_OF, &key).0, 1.0);
        }
        if let Some(price) = batch.price(i).filter(|p| *p > 0.0) {
            let band = price_band(price);
            let slot = memo.bands.get_mut(band as usize);
            let s = match slot {
                Some(s) if !s.is_nan() => *s,
                _ => {
                    write_band_key(&mut memo.buf, band);
                    let s = table.get(&memo.buf);
                    if let Some(slot) = slot {
                        *slot = s;
                    }
                    s
                }
            };
            add(s, 1.0);
        }
        for &t in p.tags {
            let key = |buf: &mut String| write_key(buf, TAG, batch.text(t));
            add(memo.strength(t, TAG_OF, &key).0, 1.0);
        }
        for pair in p.facets.chunks_exact(2) {
            let (&[name, value], Some(ctx)) = (pair, pair.first().map(|&n| facet_of(n))) else {
                continue;
            };
            let key = |buf: &mut String| {
                buf.clear();
                buf.push(FACET);
                buf.push(':');
                push_lower(buf, batch.text(name));
                buf.push('=');
                push_lower(buf, batch.text(value));
            };
            add(memo.strength(value, ctx, &key).0, 1.0);
        }
        if !held.is_empty() {
            // Name, tags, category levels: each held term counts once, in first-seen order.
            item_terms.clear();
            if let Some(name) = p.name {
                let bigrams = table.held_bigrams();
                push_held_terms(batch.text(name), held, bigrams, filter, &mut item_terms);
            }
            for &t in p.tags.iter().chain(p.category) {
                // Most tags and levels hold no search term: nothing to add.
                let terms = memo.terms(batch, table, filter, t);
                if !terms.is_empty() {
                    item_terms.extend_from_slice(terms);
                }
            }
            matched.clear();
            for &i in &item_terms {
                if let (false, Some((_, s))) = (matched.contains(&i), held.get(i)) {
                    matched.push(i);
                    total += *s;
                }
            }
        }
        out.push(total);
    }
    out
}
