//! Explicit choices: the shopper's "more like this" and "not interested", on one item or on a
//! category, brand, tag, price band or facet value. They outweigh anything learned: a choice
//! moves an item by [`CHOICE_WEIGHT`], more than the whole range of learned scores.

use serde::{Deserialize, Serialize};

use super::{history, Profile};
use crate::core::config::Config;
use crate::core::error::{CoreError, ErrorKind};
use crate::core::facet::{self, item_keys, push_lower, BRAND, CATEGORY, FACET, PRICE, TAG};
use crate::core::item::Item;
use crate::core::limits::{MAX_CATEGORY_DEPTH, MAX_STRING_BYTES};
use crate::core::text::{concat, count};
use crate::core::time::Minutes;

/// Key kind of a choice about one item: `i:<id>` (the id as given, case kept).
pub const ITEM: char = 'i';

/// Most choices kept; the oldest goes first when a new one would exceed it.
pub const MAX_CHOICES: usize = 50;

/// Longest choice key in bytes (a kind letter, a colon and a value of at most 200 bytes, or a
/// category path that fits the same length).
pub const MAX_CHOICE_KEY_BYTES: usize = MAX_STRING_BYTES + 2;

/// Added to (or, for "not interested", subtracted from) an item's blended score, which lies in
/// [0, 1]: one explicit choice therefore outweighs any difference learned signals can make.
pub const CHOICE_WEIGHT: f64 = 2.0;

/// An explicit choice, stored as `[key, sign, at]`: sign 1 is "more like this", -1 "not
/// interested".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice(
    /// The item (`i:sku-1`) or facet key (`c:shoes>running`) the choice is about.
    pub String,
    /// 1 for "more like this", -1 for "not interested".
    pub i8,
    /// Minute the choice was made.
    pub Minutes,
);

/// What a choice is about, as the page names it.
#[derive(Debug, Clone, PartialEq)]
pub enum ChoiceTarget {
    /// One item, by id.
    Item(String),
    /// A category path, general to specific.
    Category(Vec<String>),
    /// A facet key as `profile()` and `explain()` show it, such as `b:acme`.
    Key(String),
}

fn invalid(field: &str, message: &str) -> CoreError {
    CoreError::new(ErrorKind::Invalid, field, message)
}

/// True for a key a choice may be about: an item or a category, brand, price, tag or facet.
pub fn is_choice_key(key: &str) -> bool {
    let mut chars = key.chars();
    let kind_ok =
        matches!(chars.next(), Some(k) if [ITEM, CATEGORY, BRAND, PRICE, TAG, FACET].contains(&k));
    kind_ok && chars.next() == Some(':') && key.len() > 2 && key.len() <= MAX_CHOICE_KEY_BYTES
}

impl ChoiceTarget {
    /// The stored key for this target; `field` names the argument in errors, which name the
    /// target's own field (`target.category`, `target.category[1]`, `target.id`,
    /// `target.key`).
    pub fn key(&self, field: &str) -> Result<String, CoreError> {
        let at = |name: &str| concat(&[field, ".", name]);
        let (key, name) = match self {
            ChoiceTarget::Item(id) => {
                if id.trim().is_empty() {
                    return Err(invalid(&at("id"), "must not be empty"));
                }
                let mut k = String::from("i:");
                k.push_str(id);
                (k, "id")
            }
            ChoiceTarget::Category(path) => {
                if path.is_empty() || path.len() > MAX_CATEGORY_DEPTH {
                    return Err(invalid(&at("category"), "must have 1 to 8 levels"));
                }
                let mut k = String::from("c:");
                for (i, level) in path.iter().enumerate() {
                    if level.trim().is_empty() {
                        let place = concat(&[&at("category"), "[", &count(i), "]"]);
                        return Err(invalid(&place, "must not be empty"));
                    }
                    if i > 0 {
                        k.push('>');
                    }
                    push_lower(&mut k, level);
                }
                (k, "category")
            }
            ChoiceTarget::Key(k) => (k.clone(), "key"),
        };
        if is_choice_key(&key) {
            Ok(key)
        } else {
            Err(invalid(
                &at(name),
                "must name an item or a category, brand, price, tag or facet key of at most 202 bytes",
            ))
        }
    }
}

impl Profile {
    /// Records a choice about `key` (sign > 0: more like this, < 0: not interested, 0: forget
    /// the choice). Returns whether anything changed.
    pub fn choose(&mut self, key: &str, sign: i8, now: Minutes) -> bool {
        let before = self.choices.len();
        let old = self.choices.iter().find(|c| c.0 == key).map(|c| c.1);
        self.choices.retain(|c| c.0 != key);
        if sign == 0 {
            return self.choices.len() != before;
        }
        self.choices
            .insert(0, Choice(key.to_owned(), sign.signum(), now));
        self.choices.truncate(MAX_CHOICES);
        old != Some(sign.signum())
    }

    /// Calls `f` for each choice that applies to `item`: about the item itself or about one of
    /// its categories (ancestors included), its brand, price band, tags or facets.
    pub fn for_each_choice(&self, item: &Item, mut f: impl FnMut(&Choice)) {
        if self.choices.is_empty() {
            return;
        }
        for c in &self.choices {
            if c.0.strip_prefix("i:") == Some(item.id.as_str()) {
                f(c);
            }
        }
        for (k, _) in item_keys(item, 1.0) {
            if let Some(c) = self.choices.iter().find(|c| c.0 == k) {
                f(c);
            }
        }
    }

    /// The sum of the signs of the choices that apply to `item`, times [`CHOICE_WEIGHT`].
    pub fn choice_score(&self, item: &Item) -> f64 {
        let mut total = 0.0;
        self.for_each_choice(item, |c| total += f64::from(c.1));
        total * CHOICE_WEIGHT
    }

    /// Removes one interest (by key, as `profile()` shows it), or one search by its
    /// [`search_key`] ([`Profile::remove_search`]). Returns whether it was held.
    pub fn remove_interest(&mut self, key: &str) -> bool {
        if let Some(text) = key.strip_prefix("s:") {
            return self.remove_search(text);
        }
        let before = self.affinities.len();
        self.affinities.retain(|a| a.key() != key);
        self.forget_taught_key(key);
        before != self.affinities.len()
    }

    /// Removes one search (`text` in any case) from the recent searches, and the search-term
    /// interest (`q:<term>`) of each of its terms, also of a term a kept search has: a term's
    /// signal is one number, and what the removed search added to it cannot be told from the
    /// rest, so it goes whole. The terms go even when the search itself has left the history.
    /// Returns whether anything was held.
    pub fn remove_search(&mut self, text: &str) -> bool {
        let text = facet::lower(text);
        let before = self.searches.len();
        history::remove(&mut self.searches, &text);
        let mut removed = before != self.searches.len();
        let mut key = String::new();
        for term in facet::query_terms(&text) {
            facet::write_key(&mut key, facet::QUERY, &term);
            removed |= self.remove_interest(&key);
        }
        removed
    }

    /// Removes one item from the viewed, cart and purchased lists, the neighbour lists cached
    /// for it and any choice about it, and takes back what it taught the interests
    /// ([`super::taught`]). Returns whether it was held anywhere.
    pub fn remove_item(&mut self, id: &str, config: &Config) -> bool {
        let taught = self.take_back(id, config);
        let cached = self.neighbours.get(id).is_some();
        self.neighbours.take(id);
        let before = self.viewed.len() + self.cart.len() + self.purchased.len();
        for list in [&mut self.viewed, &mut self.cart, &mut self.purchased] {
            list.remove(id);
        }
        let mut key = String::from("i:");
        key.push_str(id);
        let had_choice = self.choose(&key, 0, 0);
        taught
            || cached
            || had_choice
            || before != self.viewed.len() + self.cart.len() + self.purchased.len()
    }
}

/// The key a search is removed by, and its removal mark hashes: `s:` and the text lower-cased
/// ([`facet::SEARCH`]; no interest or choice key has that kind).
pub fn search_key(text: &str) -> String {
    let mut key = String::new();
    facet::write_key(&mut key, facet::SEARCH, text);
    key
}

/// Drops invalid or repeated choices and clamps their time; returns whether any was dropped.
pub fn clean_choices(choices: &mut Vec<Choice>, now: Minutes) -> bool {
    let before = choices.len();
    let mut seen: Vec<String> = Vec::new();
    choices.retain(|c| {
        let ok = is_choice_key(&c.0) && (c.1 == 1 || c.1 == -1) && !seen.contains(&c.0);
        if ok {
            seen.push(c.0.clone());
        }
        ok
    });
    choices.truncate(MAX_CHOICES);
    for c in choices.iter_mut() {
        c.2 = c.2.min(now);
    }
    choices.len() != before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_errors_name_the_targets_field() {
        let field = |t: ChoiceTarget| t.key("target").unwrap_err().field;
        assert_eq!(field(ChoiceTarget::Category(vec![])), "target.category");
        assert_eq!(
            field(ChoiceTarget::Category(vec![
                "a".into();
                MAX_CATEGORY_DEPTH + 1
            ])),
            "target.category"
        );
        assert_eq!(
            field(ChoiceTarget::Category(vec!["shoes".into(), " ".into()])),
            "target.category[1]"
        );
        assert_eq!(field(ChoiceTarget::Item(" ".into())), "target.id");
        assert_eq!(field(ChoiceTarget::Item("x".repeat(300))), "target.id");
        assert_eq!(field(ChoiceTarget::Key("nonsense".into())), "target.key");
        let e = ChoiceTarget::Category(vec![]).key("target").unwrap_err();
        assert_eq!(e.text(), "target.category: must have 1 to 8 levels");
    }
}
