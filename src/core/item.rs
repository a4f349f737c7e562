//! Items as the page describes them, and their validated form.
//!
//! Field names follow GA4's e-commerce `items[]` so existing `dataLayer` instrumentation maps
//! 1:1: `item_id`, `item_name`, `item_brand`, `item_category` … `item_category5`, `price`,
//! `quantity`. The shorter `id`, `name`, `brand`, `category` (an array path) are accepted too.

use super::error::{CoreError, ErrorKind};
use super::id::IdText;
use super::limits::*;
use super::text::{concat, count};

/// An item as received from the page, before validation.
#[derive(Debug, Clone, Default)]
pub struct ItemInput {
    /// Product id (`item_id` in GA4). Required.
    pub id: Option<IdText>,
    /// Display name; used only to match search terms while ranking, never stored.
    pub name: Option<String>,
    /// Category path from general to specific, such as `["Shoes", "Running"]`.
    pub category: Option<Vec<String>>,
    /// GA4 first category level.
    pub item_category: Option<String>,
    /// GA4 second category level.
    pub item_category2: Option<String>,
    /// GA4 third category level.
    pub item_category3: Option<String>,
    /// GA4 fourth category level.
    pub item_category4: Option<String>,
    /// GA4 fifth category level.
    pub item_category5: Option<String>,
    /// Brand (`item_brand` in GA4).
    pub brand: Option<String>,
    /// Unit price, finite and ≥ 0.
    pub price: Option<f64>,
    /// Quantity, 0 to 10000: rounded, below 1 counts as 1; defaults to 1.
    pub quantity: Option<f64>,
    /// Free tags such as `"waterproof"`.
    pub tags: Option<Vec<String>>,
    /// Free-form facets such as `{ "color": "red" }`.
    pub facets: Option<Vec<(String, String)>>,
    /// Server relevance score (ranking only); higher is better. Finite.
    pub score: Option<f64>,
}

/// A validated item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    /// Product id, non-empty.
    pub id: String,
    /// Display name, if given.
    pub name: Option<String>,
    /// Category path, general to specific.
    pub category: Vec<String>,
    /// Brand, if given.
    pub brand: Option<String>,
    /// Unit price, if given.
    pub price: Option<f64>,
    /// Quantity, at least 1.
    pub quantity: f64,
    /// Tags.
    pub tags: Vec<String>,
    /// Free-form facets as `(name, value)`, one per name, in the order given.
    pub facets: Vec<(String, String)>,
    /// Server relevance score, if given.
    pub score: Option<f64>,
}

impl Item {
    /// An item with only an id, for tests and simple callers.
    pub fn with_id(id: impl Into<String>) -> Item {
        Item {
            id: id.into(),
            quantity: 1.0,
            ..Item::default()
        }
    }
}

/// Where an item sits in the input, for error messages: `items[3]`, `item`. The path is only
/// formatted when there is an error, so valid input costs no string building.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    /// Name of the field or list holding the item.
    pub list: &'a str,
    /// Position in the list, if it is one.
    pub index: Option<usize>,
}

impl At<'_> {
    /// The full path of `name` inside the item, such as `items[3].price`.
    pub fn field(&self, name: &str) -> String {
        match self.index {
            Some(i) => concat(&[self.list, "[", &count(i), "].", name]),
            None if self.list.is_empty() => name.to_owned(),
            None => concat(&[self.list, ".", name]),
        }
    }

    /// The path of the item itself, such as `items[3]`.
    pub fn path(&self) -> String {
        match self.index {
            Some(i) => concat(&[self.list, "[", &count(i), "]"]),
            None => self.list.to_owned(),
        }
    }

    /// A top-level object such as `options` or `config.weights`.
    pub fn object(list: &str) -> At<'_> {
        At { list, index: None }
    }
}

/// The error for a string over `max` bytes.
pub fn too_long(field: String, len: usize, max: usize) -> CoreError {
    CoreError::new(
        ErrorKind::TooLong,
        field,
        concat(&[
            "is ",
            &count(len),
            " bytes long; the limit is ",
            &count(max),
        ]),
    )
}

/// The error for a list over `max` entries.
pub fn too_many(field: String, len: usize, max: usize) -> CoreError {
    CoreError::new(
        ErrorKind::TooMany,
        field,
        concat(&["has ", &count(len), " entries; the limit is ", &count(max)]),
    )
}

/// Checks a string field's length and returns it trimmed; `field` names it on error.
pub fn check_str(s: &str, max: usize, field: &dyn Fn() -> String) -> Result<String, CoreError> {
    check_owned(s.to_owned(), max, field)
}

/// [`check_str`] for an owned string: returns it as it is, without copying, when it has no
/// surrounding whitespace (the usual case), so validating a clean item allocates nothing.
pub fn check_owned(s: String, max: usize, field: &dyn Fn() -> String) -> Result<String, CoreError> {
    if s.len() > max {
        return Err(too_long(field(), s.len(), max));
    }
    Ok(trimmed(s))
}

/// `s` without surrounding whitespace, kept as it is when it has none. Checks the two end
/// bytes first: a visible ASCII character at both ends (the usual case) needs no scan.
fn trimmed(s: String) -> String {
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        return s;
    }
    let t = s.trim();
    if t.len() == s.len() {
        s
    } else {
        t.to_owned()
    }
}

fn check_opt(s: Option<String>, at: At, name: &str) -> Result<Option<String>, CoreError> {
    match s {
        None => Ok(None),
        Some(s) => {
            let t = check_owned(s, MAX_STRING_BYTES, &|| at.field(name))?;
            Ok(if t.is_empty() { None } else { Some(t) })
        }
    }
}

fn check_list(list: Vec<String>, max: usize, at: At, name: &str) -> Result<Vec<String>, CoreError> {
    if list.len() > max {
        return Err(too_many(at.field(name), list.len(), max));
    }
    if let Some(i) = list.iter().position(|s| s.len() > MAX_STRING_BYTES) {
        let len = list.get(i).map_or(0, String::len);
        let field = concat(&[&at.field(name), "[", &count(i), "]"]);
        return Err(too_long(field, len, MAX_STRING_BYTES));
    }
    // In place: the checked list reuses the input's allocation.
    Ok(list
        .into_iter()
        .map(trimmed)
        .filter(|t| !t.is_empty())
        .collect())
}

/// Checks that `v` is finite and within `[lo, hi]`; `range` describes the range in the error
/// (static text keeps float formatting out of the wasm).
fn check_number(
    v: Option<f64>,
    (lo, hi): (f64, f64),
    at: At,
    name: &str,
    range: &'static str,
) -> Result<Option<f64>, CoreError> {
    match v {
        Some(x) if !(x.is_finite() && x >= lo && x <= hi) => {
            Err(CoreError::new(ErrorKind::Invalid, at.field(name), range))
        }
        v => Ok(v),
    }
}

impl ItemInput {
    /// An input with only an id set.
    pub fn with_id(id: impl Into<String>) -> ItemInput {
        ItemInput {
            id: Some(IdText(id.into())),
            ..ItemInput::default()
        }
    }

    /// Validates this item; `at` says where it sits, for error messages.
    pub fn validate(mut self, at: At) -> Result<Item, CoreError> {
        let mut item = Item::default();
        self.fill(&mut item, at)?;
        Ok(item)
    }

    /// [`ItemInput::validate`]'s checks, in its order, each field taken out of `self` when it
    /// is checked and written into `item`: a refused field drops nothing here (`validate`
    /// drops `self` and `item` once), where building the `Item` from a moved `self` dropped
    /// what was left of both at each of a dozen exits (0.7 KB of wasm in each build).
    fn fill(&mut self, item: &mut Item, at: At) -> Result<(), CoreError> {
        if let Some(id) = self.id.take() {
            item.id = check_owned(id.0, MAX_STRING_BYTES, &|| at.field("id"))?;
        }
        if item.id.is_empty() {
            return Err(CoreError::new(
                ErrorKind::Missing,
                at.field("id"),
                "is required (a non-empty string)",
            ));
        }
        let category = match self.category.take() {
            Some(path) => path,
            None => {
                // A loop, not `flatten().collect()`: one adapter instance less in the wasm.
                let mut path = Vec::new();
                for level in [
                    &mut self.item_category,
                    &mut self.item_category2,
                    &mut self.item_category3,
                    &mut self.item_category4,
                    &mut self.item_category5,
                ] {
                    let Some(level) = level.take() else { continue };
                    path.push(level);
                }
                path
            }
        };
        item.category = check_list(category, MAX_CATEGORY_DEPTH, at, "category")?;
        item.tags = check_list(self.tags.take().unwrap_or_default(), MAX_TAGS, at, "tags")?;
        let facets = &mut item.facets;
        *facets = self.facets.take().unwrap_or_default();
        if facets.len() > MAX_FACETS {
            return Err(too_many(at.field("facets"), facets.len(), MAX_FACETS));
        }
        for (k, v) in facets.iter() {
            // The name's length is checked first, as the error reports one of the two.
            for len in [k.len(), v.len()] {
                if len > MAX_STRING_BYTES {
                    let field = concat(&[&at.field("facets"), ".", k]);
                    return Err(too_long(field, len, MAX_STRING_BYTES));
                }
            }
        }
        // Trimmed in place; empty names or values and repeated names dropped, the first kept.
        let mut kept = 0;
        for j in 0..facets.len() {
            let Some(pair) = facets.get_mut(j) else {
                break;
            };
            let (k, v) = std::mem::take(pair);
            let (k, v) = (trimmed(k), trimmed(v));
            let before = facets.get(..kept).unwrap_or(&[]);
            if !k.is_empty() && !v.is_empty() && !before.iter().any(|(n, _)| *n == k) {
                if let Some(slot) = facets.get_mut(kept) {
                    *slot = (k, v);
                }
                kept += 1;
            }
        }
        facets.truncate(kept);
        item.quantity = check_number(
            self.quantity,
            (0.0, MAX_QUANTITY),
            at,
            "quantity",
            "must be a number from 0 to 10000 (rounded; below 1 counts as 1)",
        )?
        .map_or(1.0, |q| q.round().max(1.0));
        item.name = check_opt(self.name.take(), at, "name")?;
        item.brand = check_opt(self.brand.take(), at, "brand")?;
        item.price = check_number(
            self.price,
            (0.0, MAX_PRICE),
            at,
            "price",
            "must be a finite number from 0 to 1e12",
        )?;
        item.score = check_number(
            self.score,
            (f64::MIN, f64::MAX),
            at,
            "score",
            "must be a finite number",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: At = At {
        list: "items",
        index: Some(0),
    };

    fn err(i: ItemInput) -> CoreError {
        i.validate(AT).unwrap_err()
    }

    #[test]
    fn ga4_fields_map_to_the_item() {
        let i = ItemInput {
            id: Some(" sku-1 ".into()),
            item_category: Some("Shoes".into()),
            item_category2: Some("Running".into()),
            brand: Some("Acme".into()),
            price: Some(59.5),
            quantity: Some(2.0),
            ..ItemInput::default()
        };
        let item = i.validate(AT).unwrap();
        assert_eq!(item.id, "sku-1");
        assert_eq!(item.category, vec!["Shoes", "Running"]);
        assert_eq!(item.quantity, 2.0);
    }

    #[test]
    fn every_validation_error_names_its_field() {
        assert_eq!(err(ItemInput::default()).field, "items[0].id");
        assert_eq!(err(ItemInput::with_id("  ")).kind, ErrorKind::Missing);
        let mut i = ItemInput::with_id("a");
        i.price = Some(f64::NAN);
        assert_eq!(err(i).field, "items[0].price");
        let mut i = ItemInput::with_id("a");
        i.price = Some(f64::INFINITY);
        assert_eq!(err(i).field, "items[0].price");
        let mut i = ItemInput::with_id("a");
        i.price = Some(-1.0);
        assert_eq!(err(i).field, "items[0].price");
        let e = err(ItemInput::with_id("x".repeat(MAX_STRING_BYTES + 1)));
        assert_eq!(
            (e.field.as_str(), e.kind),
            ("items[0].id", ErrorKind::TooLong)
        );
        let mut i = ItemInput::with_id("a");
        i.tags = Some(vec!["t".into(); MAX_TAGS + 1]);
        assert_eq!(err(i).kind, ErrorKind::TooMany);
        let mut i = ItemInput::with_id("a");
        i.tags = Some(vec!["ok".into(), "y".repeat(MAX_STRING_BYTES + 1)]);
        assert_eq!(err(i).field, "items[0].tags[1]");
        let mut i = ItemInput::with_id("a");
        i.category = Some(vec!["c".into(); MAX_CATEGORY_DEPTH + 1]);
        assert_eq!(err(i).field, "items[0].category");
        let mut i = ItemInput::with_id("a");
        i.quantity = Some(f64::NAN);
        assert_eq!(err(i).field, "items[0].quantity");
        let mut i = ItemInput::with_id("a");
        i.brand = Some("b".repeat(MAX_STRING_BYTES + 1));
        assert_eq!(err(i).field, "items[0].brand");
        let mut i = ItemInput::with_id("a");
        i.facets = Some(
            (0..=MAX_FACETS)
                .map(|n| (n.to_string(), "v".into()))
                .collect(),
        );
        assert_eq!(err(i).field, "items[0].facets");
        let mut i = ItemInput::with_id("a");
        i.score = Some(f64::NAN);
        assert_eq!(err(i).field, "items[0].score");
    }
}
