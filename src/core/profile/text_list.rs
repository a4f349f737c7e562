//! A most-recent-first list of texts that keeps the upper bound of its JSON
//! ([`super::budget::estimate`] runs after every event and adds this figure instead of
//! measuring every id of the viewed, cart and purchased lists). Stored as a plain array.

use super::budget::json_str_len;
use serde::{Deserialize, Serialize, Serializer};

/// Texts, newest first, with the JSON bound of their entries (`"text",` each), never stored.
/// The texts are private, so every change measures: reads go through `Deref` to `[String]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(from = "Vec<String>")]
pub struct TextList {
    items: Vec<String>,
    json: usize,
}

/// JSON bound of one entry: the text and its comma.
#[inline(never)]
fn entry(s: &str) -> usize {
    json_str_len(s) + 1
}

impl TextList {
    /// An empty list.
    pub const fn new() -> Self {
        TextList {
            items: Vec::new(),
            json: 0,
        }
    }

    /// Upper bound of the entries' JSON (`"text",` each), kept current by every change.
    pub fn json_len(&self) -> usize {
        self.json
    }

    /// Moves `id` to the front (inserting it if new) and drops the oldest beyond `cap`.
    pub fn push_front(&mut self, id: &str, cap: usize) {
        // Listed already: its text moves to the front as it is (nothing copied or measured),
        // any later copy goes.
        let text = match self.items.iter().position(|x| x == id) {
            Some(at) => {
                let text = self.items.remove(at);
                self.remove(id);
                text
            }
            None => {
                self.json += entry(id);
                id.to_owned()
            }
        };
        self.items.insert(0, text);
        while self.items.len() > cap {
            self.pop();
        }
    }

    /// Removes `id` if present (every copy: a list read from storage may repeat one until
    /// it is repaired).
    pub fn remove(&mut self, id: &str) {
        while let Some(pos) = self.items.iter().position(|x| x == id) {
            let s = self.items.remove(pos);
            self.json -= entry(&s);
        }
    }

    /// Removes and returns the oldest text.
    pub fn pop(&mut self) -> Option<String> {
        let s = self.items.pop()?;
        self.json -= entry(&s);
        Some(s)
    }

    /// Removes every text.
    pub fn clear(&mut self) {
        self.items.clear();
        self.json = 0;
    }

    /// Runs `f` on the texts, then measures them again (repairs, the browser's reader).
    pub fn edit<R>(&mut self, f: impl FnOnce(&mut Vec<String>) -> R) -> R {
        let r = f(&mut self.items);
        self.measure();
        r
    }

    /// Measures the texts again.
    #[inline(never)]
    fn measure(&mut self) {
        self.json = self.items.iter().map(|s| entry(s)).sum();
    }
}

impl From<Vec<String>> for TextList {
    fn from(items: Vec<String>) -> Self {
        let mut list = TextList::new();
        list.edit(|v| *v = items);
        list
    }
}

impl std::ops::Deref for TextList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.items
    }
}

impl<'a> IntoIterator for &'a TextList {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl PartialEq for TextList {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl<T> PartialEq<Vec<T>> for TextList
where
    String: PartialEq<T>,
{
    fn eq(&self, other: &Vec<T>) -> bool {
        self.items == *other
    }
}

impl<T, const N: usize> PartialEq<[T; N]> for TextList
where
    String: PartialEq<T>,
{
    fn eq(&self, other: &[T; N]) -> bool {
        self.items == *other
    }
}

/// Written as the plain array of its texts (the stored format has no figure).
impl Serialize for TextList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(l: &TextList) -> usize {
        l.iter().map(|s| entry(s)).sum()
    }

    #[test]
    fn push_front_moves_a_listed_text_and_drops_its_repeats() {
        // As read from a damaged store: `a` twice.
        let mut l = TextList::from(vec!["a".to_owned(), "bb".into(), "a".into(), "ccc".into()]);
        l.push_front("a", 30);
        assert_eq!(&*l, ["a", "bb", "ccc"]);
        assert_eq!(l.json_len(), measured(&l));
        l.push_front("dddd", 3);
        assert_eq!(&*l, ["dddd", "a", "bb"]);
        assert_eq!(l.json_len(), measured(&l));
        l.push_front("bb", 3);
        assert_eq!(&*l, ["bb", "dddd", "a"]);
        assert_eq!(l.json_len(), measured(&l));
    }
}
