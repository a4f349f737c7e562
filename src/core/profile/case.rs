//! Upgrading what a stored profile holds to how this version spells keys. Earlier versions
//! folded ASCII letters only, so a profile they wrote (or an older tab still writes) may hold
//! `c:Кроссовки` next to `c:кроссовки`; and they split words at ASCII spaces and punctuation
//! only, so it may hold the search term `q:«кроссовки»` (and before bigrams, `q:新款跑鞋`). On
//! restore every such text is folded as this version folds it ([`crate::core::fold`]), every search term split as this version
//! splits words ([`crate::core::word`]), and what becomes one merges, so nothing learned is
//! lost, no interest counts twice and no key stays that nothing can match. A removal such a
//! version marked (the hash of `c:Кроссовки`) keeps the folded interest out of the events a
//! tab replays ([`Profile::mask_old_spellings`]).

use super::erased::removal_key;
use super::{Affinity, Profile};
use crate::core::config::Config;
use crate::core::facet::{for_each_key_spelled, lower, query_terms, write_key, QUERY};
use crate::core::fold::fold_char;
use crate::core::item::Item;
use crate::core::word::words;

/// True when folding leaves `s` as it is.
fn is_folded(s: &str) -> bool {
    if s.is_ascii() {
        !s.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        s.chars().all(|c| fold_char(c) == c)
    }
}

/// Folds the text `text` reads from `entry`, writing it back with `set` when folding changes
/// it. Not inlined: one copy for every list [`fold_list`] folds.
#[inline(never)]
fn fold_in_place<T>(entry: &mut T, text: fn(&T) -> Option<&str>, set: fn(&mut T, String)) {
    if let Some(t) = text(entry).filter(|t| !is_folded(t)) {
        let folded = lower(t);
        set(entry, folded);
    }
}

/// Folds the text of each entry of `list` (`text` reads it, `set` writes it back; `None` for an
/// entry whose text keeps its case), and merges a later entry of the same folded text into
/// the first one (`merge`), which keeps its place. Returns whether anything changed.
/// Quadratic only in a profile that holds an unfolded text: once per upgrade, as the result
/// is written back folded.
fn fold_list<T>(
    list: &mut Vec<T>,
    text: fn(&T) -> Option<&str>,
    set: fn(&mut T, String),
    merge: &mut dyn FnMut(&mut T, &T),
) -> bool {
    if list.iter().all(|x| text(x).map_or(true, is_folded)) {
        return false;
    }
    let mut i = 0;
    while i < list.len() {
        let (before, rest) = list.split_at_mut(i);
        let Some(entry) = rest.first_mut() else {
            break;
        };
        fold_in_place(entry, text, set);
        let Some(t) = text(entry) else {
            i += 1;
            continue;
        };
        let first = before.iter().position(|x| text(x) == Some(t));
        match first.and_then(|at| before.get_mut(at)) {
            Some(first) => {
                merge(first, entry);
                list.remove(i);
            }
            None => i += 1,
        }
    }
    true
}

impl Profile {
    /// Folds the case of interest keys, recent searches, choice keys (an item's id keeps its
    /// case) and hesitation categories written by a version that folded ASCII letters only,
    /// and splits search terms (`q:`) written by a version that split words at ASCII only
    /// or kept runs of Chinese and Japanese whole into the terms this version finds in them (each with the whole interest, as a search
    /// adds its weight to each of its terms; none when no word of two characters is left).
    /// Two interests that become one add up, the earlier one decayed to the later one's
    /// minute, as [`Profile::absorb`] adds a page's interests; their counts add. Two
    /// hesitation counts add. Of two searches or choices the first (newest) stays, as
    /// repair keeps a list's first of two equal entries. Returns whether anything changed.
    /// Entries are checked first (finite values, distinct keys).
    pub(crate) fn fold_case(&mut self, config: &Config) -> bool {
        let (hl, shl) = (config.half_life_minutes(), config.session_half_life_minutes);
        let mut merge = |a: &mut Affinity, b: &Affinity| {
            let at = a.3.max(b.3);
            let (al, asn) = a.decayed(at, hl, shl);
            let (bl, bsn) = b.decayed(at, hl, shl);
            a.1 = al + bl;
            a.2 = asn + bsn;
            a.3 = at;
            a.4 = a.4.saturating_add(b.4);
        };
        let mut changed = fold_list(
            &mut self.affinities,
            |a| Some(a.key()),
            Affinity::set_key,
            &mut merge,
        );
        changed |= split_query_keys(&mut self.affinities, &mut merge);
        changed |= fold_list(
            &mut self.searches,
            |s| Some(s),
            |s, t| *s = t,
            &mut |_, _| {},
        );
        changed |= fold_list(
            &mut self.choices,
            |c| (!c.0.starts_with("i:")).then_some(c.0.as_str()),
            |c, t| c.0 = t,
            &mut |_, _| {},
        );
        changed |= fold_list(
            &mut self.moments.hesitation,
            |h| Some(&h.0),
            |h, t| h.0 = t,
            &mut |a, b| {
                a.1 = a.1.saturating_add(b.1);
            },
        );
        changed
    }
}

/// True when `a` is a search term (`q:<term>`) that this version splits into other words: one
/// holding a separator, or a run of Chinese or Japanese longer than a bigram or glued to
/// other letters (`q:新款跑鞋`, `q:nike跑鞋`), as versions before bigrams stored them.
fn splits(a: &Affinity) -> bool {
    a.key().strip_prefix("q:").is_some_and(|term| {
        let mut parts = words(term);
        parts.next() != Some(term) || parts.next().is_some()
    })
}

/// Puts `b` at the end of `list`, or merges it into the interest of its key there (`merge`).
fn push_merged(
    list: &mut Vec<Affinity>,
    b: Affinity,
    merge: &mut dyn FnMut(&mut Affinity, &Affinity),
) {
    match list.iter_mut().find(|x| x.key() == b.key()) {
        Some(x) => merge(x, &b),
        None => list.push(b),
    }
}

/// Replaces each search term of `list` that [`splits`] by the terms of its text, merging one
/// into an interest of the same key (`merge`). Returns whether anything changed.
fn split_query_keys(
    list: &mut Vec<Affinity>,
    merge: &mut dyn FnMut(&mut Affinity, &Affinity),
) -> bool {
    if !list.iter().any(splits) {
        return false;
    }
    for a in std::mem::take(list) {
        if !splits(&a) {
            push_merged(list, a, merge);
            continue;
        }
        for term in query_terms(a.key().get(2..).unwrap_or("")) {
            let mut b = a.clone();
            let mut key = String::new();
            write_key(&mut key, QUERY, &term);
            b.set_key(key);
            push_merged(list, b, merge);
        }
    }
    true
}

/// Appends `s` with its ASCII letters lower-cased, as versions before non-ASCII folding wrote
/// keys. The whole of `buf` is lower-cased: what it held already is (a kind prefix, parts
/// appended so), and so no range of it is cut at a character boundary.
fn push_ascii_lower(buf: &mut String, s: &str) {
    buf.push_str(s);
    buf.make_ascii_lowercase();
}

/// `prefix` and `text` with its ASCII letters lower-cased: a key as a version folding ASCII
/// letters only wrote it (`s:Кроссовки` for the search `Кроссовки`).
pub(crate) fn old_spelling(prefix: &str, text: &str) -> String {
    let mut key = String::from(prefix);
    push_ascii_lower(&mut key, text);
    key
}

impl Profile {
    /// While an event about `item` is replayed with removals masked ([`Profile::masked`]):
    /// masks also the key this version writes for each of the item's keys that a version
    /// folding ASCII letters only spelled otherwise and a masked removal marks, so another
    /// tab's removal of `c:Кроссовки` keeps `c:кроссовки` out. (Not a search term's interest
    /// such a version removed, `q:Кроссовки`: README Limitations.) Each mark is pushed once.
    #[inline(never)]
    pub(crate) fn mask_old_keys(&mut self, item: &Item) {
        // The keys as such a version spelled them: category path prefixes, brand, tags and
        // free facets (a price band has no letters, so it is spelled as ever).
        let mut buf = String::new();
        for_each_key_spelled(item, 1.0, &mut buf, push_ascii_lower, &mut |old, _| {
            let new = lower(old);
            // Once: an event listing many items of the key would mask it for each.
            if new != old && self.is_masked(false, old) && !self.is_masked(false, &new) {
                self.masked.push(removal_key(false, &new));
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Event;

    #[test]
    fn a_replayed_list_of_one_category_masks_its_folded_key_once() {
        // Another tab (of a version folding ASCII only) removed `c:Кроссовки`; an event listing
        // 40 items of that category is replayed with that removal masked.
        let old = removal_key(false, "c:Кроссовки");
        let mut p = Profile::new(0);
        p.masked.push(old.clone());
        let items = (0..40).map(|i| Item {
            category: vec!["Кроссовки".into()],
            ..Item::with_id(format!("i{i}"))
        });
        p.learn(&Event::ViewItemList(items.collect()), &Config::default(), 1);
        assert_eq!(
            p.masked,
            vec![old, removal_key(false, "c:кроссовки")],
            "one mark per key, not one per item"
        );
        // The marks are never stored: what is written is the same with or without them
        // (checked natively, where serde_json is).
        #[cfg(not(target_arch = "wasm32"))]
        {
            let mut q = p.clone();
            q.masked.clear();
            let json = |p: &Profile| serde_json::to_string(p).unwrap();
            assert_eq!(json(&p), json(&q));
        }
    }
}
