//! Items packed into an `ItemBatch` as the page's `js/pack.js` packs them.

use std::collections::HashMap;

use shelfwise::core::batch::{ItemBatch, Shape};
use shelfwise::core::ItemInput;

/// A batch of `items` as `js/pack.js` packs them: ids and names as texts of their own, every
/// other text once.
pub fn batch_of(items: &[ItemInput]) -> ItemBatch {
    let mut texts: Vec<String> = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut refs = Vec::new();
    let own = |s: &str, texts: &mut Vec<String>, refs: &mut Vec<u32>| {
        refs.push(texts.len() as u32);
        texts.push(s.to_owned());
    };
    let mut shared = |s: &str, texts: &mut Vec<String>, refs: &mut Vec<u32>| {
        let t = *seen.entry(s.to_owned()).or_insert_with(|| {
            texts.push(s.to_owned());
            texts.len() as u32 - 1
        });
        refs.push(t);
    };
    let mut shapes = Vec::new();
    for it in items {
        if let Some(id) = &it.id {
            own(&id.0, &mut texts, &mut refs);
        }
        if let Some(name) = &it.name {
            own(name, &mut texts, &mut refs);
        }
        let category = it.category.clone().unwrap_or_default();
        let tags = it.tags.clone().unwrap_or_default();
        let facets = it.facets.clone().unwrap_or_default();
        for c in &category {
            shared(c, &mut texts, &mut refs);
        }
        if let Some(brand) = &it.brand {
            shared(brand, &mut texts, &mut refs);
        }
        for t in &tags {
            shared(t, &mut texts, &mut refs);
        }
        for (k, v) in &facets {
            shared(k, &mut texts, &mut refs);
            shared(v, &mut texts, &mut refs);
        }
        shapes.push(Shape {
            id: it.id.is_some(),
            name: it.name.is_some(),
            depth: category.len(),
            brand: it.brand.is_some(),
            tags: tags.len(),
            facets: facets.len(),
            price: it.price,
            quantity: it.quantity,
            score: it.score,
        });
    }
    let mut text = String::new();
    let mut spans = Vec::new();
    for t in &texts {
        spans.push((text.len(), text.len() + t.len()));
        text.push_str(t);
    }
    let mut batch = ItemBatch::new(text, spans, refs);
    shapes.into_iter().for_each(|s| batch.push(s));
    batch
}
