//! Builders that turn fuzzer bytes into Shelfwise inputs, and the invariants every target
//! checks. Strings come from small alphabets mixed with arbitrary text so that both deep paths
//! (valid events, repeated keys) and hostile input (control characters, huge values) are hit.

// The reference count of the size estimate, shared with `tests/taught_len_props.rs`.
#[path = "../../tests/common/estimate.rs"]
pub mod estimate;
pub mod table;
pub mod tabs;

use arbitrary::{Result, Unstructured};
use shelfwise::core::event::EVENT_TYPES;
use shelfwise::core::id::IdText;
use shelfwise::core::profile::budget;
use shelfwise::core::rank::DiversityInput;
use shelfwise::core::{EventInput, ItemInput, Profile, RankOptionsInput};

/// Inputs beyond the accepted event types ([`EVENT_TYPES`]): a wrong case and an empty type.
const JUNK_KINDS: [&str; 2] = ["View_Item", ""];
/// Interesting numbers: edges of every limit, non-finite values.
const NUMBERS: [f64; 14] = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    0.5,
    10_000.0,
    10_001.0,
    1e12,
    1e300,
    f64::MAX,
    f64::MIN_POSITIVE,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
];

/// Pieces of short strings: Latin letters, separators, JSON escapes, and runs of Chinese and
/// Japanese (two-character runs are bigrams that searches hold and names repeat; single
/// characters join them into longer runs): 3-byte Han, Katakana, halfwidth Katakana, a 4-byte
/// Han of Extension B and an ideographic full stop that ends a run.
const PIECES: [&str; 16] = [
    "a", "b", "Z", " ", ">", "\"", "\\", "é", "\u{0}", ":", "跑鞋", "日本", "ス", "ｽﾆ", "𠀀", "。",
];

/// A short string: usually pieces of a small alphabet (so keys repeat), sometimes arbitrary.
pub fn text(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 4)? {
        let s: String = u.arbitrary()?;
        return Ok(s.chars().take(260).collect());
    }
    let len = u.int_in_range(0..=6)?;
    let mut s = String::new();
    for _ in 0..len {
        s.push_str(u.choose(&PIECES)?);
    }
    Ok(s)
}

/// A number: often an interesting edge, otherwise arbitrary.
pub fn number(u: &mut Unstructured) -> Result<f64> {
    if u.ratio(1, 2)? {
        Ok(*u.choose(&NUMBERS)?)
    } else {
        u.arbitrary()
    }
}

/// `Some(f(u))` or `None`, as the fuzzer decides.
pub fn opt<T>(
    u: &mut Unstructured,
    f: impl FnOnce(&mut Unstructured) -> Result<T>,
) -> Result<Option<T>> {
    if u.arbitrary()? {
        Ok(Some(f(u)?))
    } else {
        Ok(None)
    }
}

fn texts(u: &mut Unstructured, max: usize) -> Result<Vec<String>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| text(u)).collect()
}

/// An item as a page might send it.
pub fn item(u: &mut Unstructured) -> Result<ItemInput> {
    Ok(ItemInput {
        id: opt(u, |u| Ok(IdText(text(u)?)))?,
        name: opt(u, text)?,
        category: opt(u, |u| texts(u, 10))?,
        item_category: opt(u, text)?,
        item_category2: opt(u, text)?,
        item_category3: None,
        item_category4: None,
        item_category5: opt(u, text)?,
        brand: opt(u, text)?,
        price: opt(u, number)?,
        quantity: opt(u, number)?,
        tags: opt(u, |u| texts(u, 34))?,
        facets: opt(u, |u| {
            let n = u.int_in_range(0..=34)?;
            (0..n).map(|_| Ok((text(u)?, text(u)?))).collect()
        })?,
        score: opt(u, number)?,
    })
}

/// Up to `max` items.
pub fn items(u: &mut Unstructured, max: usize) -> Result<Vec<ItemInput>> {
    let n = u.int_in_range(0..=max)?;
    (0..n).map(|_| item(u)).collect()
}

/// An event as a page might send it.
pub fn event(u: &mut Unstructured) -> Result<EventInput> {
    Ok(EventInput {
        kind: opt(u, |u| {
            if u.ratio(7, 8)? {
                let kind = if u.ratio(1, 5)? {
                    u.choose(&JUNK_KINDS)?
                } else {
                    u.choose(&EVENT_TYPES)?
                };
                Ok((*kind).to_owned())
            } else {
                text(u)
            }
        })?,
        items: opt(u, |u| items(u, 6))?,
        item: opt(u, item)?,
        query: opt(u, text)?,
        results: opt(u, |u| Ok(texts(u, 8)?.into_iter().map(IdText).collect()))?,
        seconds: opt(u, number)?,
        ts: opt(u, number)?,
        transaction_id: opt(u, text)?,
        order_page: opt(u, text)?,
    })
}

/// Rank options as a page might send them.
pub fn rank_options(u: &mut Unstructured) -> Result<RankOptionsInput> {
    Ok(RankOptionsInput {
        context: opt(u, |u| {
            Ok((*u.choose(&["grid", "search", "banner", "x", ""])?).to_owned())
        })?,
        impact: opt(u, number)?,
        demote_purchased: opt(u, |u| u.arbitrary())?,
        diversity: opt(u, |u| {
            Ok(DiversityInput {
                by: opt(u, |u| {
                    Ok((*u.choose(&["brand", "category", "size"])?).to_owned())
                })?,
                max_per_group: opt(u, number)?,
                top_k: opt(u, number)?,
            })
        })?,
    })
}

/// A clock reading: mostly around 2026, sometimes absurd.
pub fn now(u: &mut Unstructured) -> Result<f64> {
    if u.ratio(3, 4)? {
        Ok(1.793e12 + f64::from(u.int_in_range(0u32..=1_000_000)?) * 60_000.0)
    } else {
        number(u)
    }
}

/// What must hold for any profile the engine keeps: finite, non-negative values, and a size
/// within the 16 KiB bound (the cheap upper bound, whose kept figures equal a full count,
/// [`check_size`], and which bounds the exact JSON length).
pub fn check_profile(p: &Profile) {
    for a in &p.affinities {
        assert!(a.1.is_finite() && a.1 >= 0.0 && a.2.is_finite() && a.2 >= 0.0);
    }
    check_size(p);
    let kept = budget::estimate(p);
    assert!(kept <= 16 * 1024);
    let json = serde_json::to_string(p).unwrap_or_default();
    assert!(json.len() <= kept, "the estimate bounds the JSON");
}

/// The size estimate, which adds the figures that interests, kept parts, cached items and
/// the history lists keep of their JSON, equals the count made from every string
/// ([`estimate::full_estimate`]). Cheap enough to check after every operation (no JSON is
/// written).
pub fn check_size(p: &Profile) {
    let kept = budget::estimate(p);
    assert_eq!(
        kept,
        estimate::full_estimate(p),
        "kept size figures equal a full count"
    );
}

/// An item id for pack data: usually one of a few (so lists, history and popularity overlap),
/// sometimes hostile text.
pub fn pack_id(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 6)? {
        text(u)
    } else {
        Ok(format!("i{}", u.int_in_range(0u8..=15)?))
    }
}

/// `[id, weight]` pairs as a page might hand them over: sometimes longer than any limit, with
/// repeated ids, zero, negative, fractional and non-finite weights.
pub fn pairs(u: &mut Unstructured, max: usize) -> Result<Vec<(IdText, f64)>> {
    let n = if u.ratio(1, 16)? {
        u.int_in_range(0..=max * 2)?
    } else {
        u.int_in_range(0..=12)?
    };
    (0..n)
        .map(|_| {
            let w = if u.ratio(3, 4)? {
                f64::from(u.int_in_range(0u16..=1200)?)
            } else {
                number(u)?
            };
            Ok((IdText(pack_id(u)?), w))
        })
        .collect()
}
