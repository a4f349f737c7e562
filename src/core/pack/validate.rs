//! Checking untrusted pack data (what a page hands over) before it reaches the engine.
//! Readers check list lengths against these limits *before* allocating; here every id and
//! weight is checked and a bad one is named (`related[3][1]`).

use super::{ItemData, Popularity, Weighted, WEIGHT_SCALE};
use crate::core::error::{CoreError, ErrorKind};
use crate::core::id::IdText;
use crate::core::item::{check_str, too_many};
use crate::core::limits::MAX_STRING_BYTES;
use crate::core::recommend::slots::Blend;
use crate::core::text::{concat, count};

/// Most neighbours accepted in one list.
pub const MAX_NEIGHBOURS: usize = 100;
/// Most items accepted in one popularity list.
pub const MAX_POPULAR: usize = 200;
/// Most categories accepted in the popularity data.
pub const MAX_POPULAR_CATEGORIES: usize = 1000;
/// Largest accepted popularity count.
pub const MAX_COUNT: u32 = 4_000_000_000;

/// `[id, weight]` pairs as received.
pub type PairsInput = Vec<(IdText, f64)>;

/// One item's neighbour data as received: `[id, weight]` pairs.
#[derive(Debug, Clone, Default)]
pub struct ItemDataInput {
    /// `related`: items viewed together, weights in `0..=1000`.
    pub related: Option<Vec<(IdText, f64)>>,
    /// `boughtTogether`: items bought together, weights in `0..=1000`.
    pub bought_together: Option<Vec<(IdText, f64)>>,
}

/// Popularity data as received.
#[derive(Debug, Clone, Default)]
pub struct PopularityInput {
    /// `overall`: `[id, count]` pairs, most popular first.
    pub overall: Option<Vec<(IdText, f64)>>,
    /// `categories`: category path → `[id, count]` pairs.
    pub categories: Option<Vec<(String, PairsInput)>>,
    /// `blend`: the `pickedForYou` blend `shelfwise build-pack --tune` chose for this shop.
    pub blend: Option<BlendInput>,
}

/// The `pickedForYou` blend a pack carries, as received: each field optional (absent: the
/// default) and a finite number; [`crate::core::recommend::slots::picked`] clamps it into the
/// ranges documented on [`Blend`].
#[derive(Debug, Clone, Copy, Default)]
pub struct BlendInput {
    /// `repeat`, 0..=100.
    pub repeat: Option<f64>,
    /// `decay`, 0..=1.
    pub decay: Option<f64>,
    /// `bought`, 0..=10.
    pub bought: Option<f64>,
}

/// The fields of a blend, in [`BlendInput::values`] order.
pub const BLEND_FIELDS: [&str; 3] = ["repeat", "decay", "bought"];

impl BlendInput {
    /// The fields in [`BLEND_FIELDS`] order.
    pub fn values(&self) -> [Option<f64>; 3] {
        [self.repeat, self.decay, self.bought]
    }

    /// Validates into a [`Blend`] (defaults for absent fields); a field that is not a finite
    /// number is named (`blend.decay`).
    pub fn validate(self) -> Result<Blend, CoreError> {
        let d = Blend::default();
        let b = Blend {
            repeat: self.repeat.unwrap_or(d.repeat),
            decay: self.decay.unwrap_or(d.decay),
            bought: self.bought.unwrap_or(d.bought),
        };
        // A loop, not three checks: one error path in the wasm.
        for (i, x) in [b.repeat, b.decay, b.bought].into_iter().enumerate() {
            if !x.is_finite() {
                return Err(bad_blend(i));
            }
        }
        Ok(b)
    }
}

/// The error for the blend field at `i` in [`BLEND_FIELDS`].
#[inline(never)]
fn bad_blend(i: usize) -> CoreError {
    let name = BLEND_FIELDS.get(i).copied().unwrap_or_default();
    invalid(concat(&["blend.", name]), "must be a finite number")
}

fn invalid(field: String, message: &str) -> CoreError {
    CoreError::new(ErrorKind::Invalid, field, message)
}

/// Checks one `[id, weight]` list: length, ids (non-empty, at most 200 bytes, no repeats) and
/// weights (finite, in `0..=max_weight`; a bad one is refused with that range). Zero weights
/// are dropped; the result is strongest first.
pub fn weighted_list(
    list: Vec<(IdText, f64)>,
    field: &str,
    max_len: usize,
    max_weight: u32,
) -> Result<Vec<Weighted>, CoreError> {
    if list.len() > max_len {
        return Err(too_many(field.to_owned(), list.len(), max_len));
    }
    let mut out: Vec<Weighted> = Vec::with_capacity(list.len());
    for (i, (id, w)) in list.into_iter().enumerate() {
        let at = |part: &str| concat(&[field, "[", &count(i), part]);
        let id = check_str(&id.0, MAX_STRING_BYTES, &|| at("][0]"))?;
        if id.is_empty() {
            return Err(CoreError::new(
                ErrorKind::Missing,
                at("][0]"),
                "must be a non-empty id",
            ));
        }
        if !w.is_finite() || !(0.0..=f64::from(max_weight)).contains(&w) {
            // The range itself, not "the documented range": `related[3][1]: must be a number
            // from 0 to 1000`.
            let range = concat(&["must be a number from 0 to ", &count(max_weight as usize)]);
            return Err(invalid(at("][1]"), &range));
        }
        if out.iter().any(|o| o.0 == id) {
            return Err(invalid(at("][0]"), "repeats an id already in the list"));
        }
        let w = w.round() as u32;
        if w > 0 {
            out.push(Weighted(id, w));
        }
    }
    // Strongest first, whatever order the page used (the sort is stable for equal weights).
    // Loops, not map/collect chains: less wasm.
    let mut keys = Vec::with_capacity(out.len());
    for w in &out {
        keys.push(f64::from(w.1));
    }
    let order = crate::core::order::by_score_desc(&keys);
    let mut slots = Vec::with_capacity(out.len());
    for w in out {
        slots.push(Some(w));
    }
    let mut sorted = Vec::with_capacity(slots.len());
    for i in order {
        if let Some(w) = slots.get_mut(i).and_then(Option::take) {
            sorted.push(w);
        }
    }
    Ok(sorted)
}

impl ItemDataInput {
    /// Validates into [`ItemData`].
    pub fn validate(self) -> Result<ItemData, CoreError> {
        Ok(ItemData {
            related: weighted_list(
                self.related.unwrap_or_default(),
                "related",
                MAX_NEIGHBOURS,
                WEIGHT_SCALE,
            )?,
            bought_together: weighted_list(
                self.bought_together.unwrap_or_default(),
                "boughtTogether",
                MAX_NEIGHBOURS,
                WEIGHT_SCALE,
            )?,
        })
    }
}

impl PopularityInput {
    /// Validates into [`Popularity`]; category paths are read as the markup's are (levels
    /// split at `>` and trimmed) and lower-cased like `c:` facet values.
    pub fn validate(self) -> Result<Popularity, CoreError> {
        let overall = weighted_list(
            self.overall.unwrap_or_default(),
            "overall",
            MAX_POPULAR,
            MAX_COUNT,
        )?;
        let cats = self.categories.unwrap_or_default();
        if cats.len() > MAX_POPULAR_CATEGORIES {
            return Err(too_many(
                "categories".into(),
                cats.len(),
                MAX_POPULAR_CATEGORIES,
            ));
        }
        let mut categories: Vec<(String, Vec<Weighted>)> = Vec::with_capacity(cats.len());
        for (name, list) in cats {
            let field = concat(&["categories.", &name]);
            let checked = check_str(&name, MAX_STRING_BYTES * 2, &|| field.clone())?;
            // Levels as the markup's `Shoes > Running` is read (trimmed, empty ones dropped),
            // so a hand-written file keyed that way matches `shoes>running`.
            let mut path = String::with_capacity(checked.len());
            for level in crate::core::markup::category_path(&checked, usize::MAX) {
                if !path.is_empty() {
                    path.push('>');
                }
                path.push_str(&level);
            }
            let key = crate::core::facet::lower(&path);
            if key.is_empty() || categories.iter().any(|(c, _)| *c == key) {
                return Err(invalid(
                    field,
                    "must be a distinct, non-empty category path",
                ));
            }
            let list = weighted_list(list, &field, MAX_POPULAR, MAX_COUNT)?;
            categories.push((key, list));
        }
        let blend = match self.blend {
            Some(b) => b.validate()?,
            None => Blend::default(),
        };
        Ok(Popularity {
            overall,
            categories,
            blend,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(v: &[(&str, f64)]) -> Vec<(IdText, f64)> {
        v.iter().map(|(i, w)| (IdText::from(*i), *w)).collect()
    }

    #[test]
    fn bad_entries_are_named() {
        let bad = |related: Vec<(IdText, f64)>| {
            ItemDataInput {
                related: Some(related),
                bought_together: None,
            }
            .validate()
            .unwrap_err()
        };
        assert_eq!(
            bad(pairs(&[("a", 1.0), ("b", 1001.0)])).field,
            "related[1][1]"
        );
        assert_eq!(bad(pairs(&[("a", f64::NAN)])).field, "related[0][1]");
        assert_eq!(bad(pairs(&[("", 1.0)])).field, "related[0][0]");
        assert_eq!(bad(pairs(&[("a", 1.0), ("a", 2.0)])).field, "related[1][0]");
        let long = vec![(IdText::from("a"), 1.0); MAX_NEIGHBOURS + 1];
        assert_eq!(bad(long).kind, ErrorKind::TooMany);
    }

    #[test]
    fn lists_come_out_strongest_first_without_zero_weights() {
        let d = ItemDataInput {
            related: Some(pairs(&[("a", 10.0), ("b", 900.0), ("c", 0.0)])),
            bought_together: None,
        }
        .validate()
        .unwrap();
        assert_eq!(
            d.related,
            vec![Weighted("b".into(), 900), Weighted("a".into(), 10)]
        );
    }

    #[test]
    fn popularity_categories_are_lower_cased_and_distinct() {
        let p = PopularityInput {
            overall: Some(pairs(&[("a", 5.0)])),
            categories: Some(vec![("Shoes>Running".into(), pairs(&[("a", 2.0)]))]),
            blend: None,
        }
        .validate()
        .unwrap();
        assert_eq!(p.category("shoes>running").unwrap().len(), 1);
        let e = PopularityInput {
            overall: None,
            categories: Some(vec![("x".into(), vec![]), ("X".into(), vec![])]),
            blend: None,
        }
        .validate()
        .unwrap_err();
        assert_eq!(e.field, "categories.X");
    }

    #[test]
    fn a_blend_takes_defaults_for_absent_fields_and_names_a_bad_one() {
        let ok = BlendInput {
            repeat: Some(500.0),
            decay: None,
            bought: Some(-1.0),
        }
        .validate()
        .unwrap();
        assert_eq!((ok.repeat, ok.decay, ok.bought), (500.0, 0.95, -1.0));
        // Clamped where it is used.
        assert_eq!((ok.sanitized().repeat, ok.sanitized().bought), (100.0, 0.0));
        let bad = PopularityInput {
            blend: Some(BlendInput {
                decay: Some(f64::NAN),
                ..BlendInput::default()
            }),
            ..PopularityInput::default()
        };
        assert_eq!(bad.validate().unwrap_err().field, "blend.decay");
        let absent = PopularityInput::default().validate().unwrap();
        assert_eq!(absent.blend, Blend::default());
    }
}
