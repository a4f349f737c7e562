//! A stored list read in one call: `js/stored.js` walks a parsed list of texts, numbers or
//! tuples of them and hands over its shape, numbers and texts (UTF-8 bytes and where each text
//! ends, as `js/pack.js` sends items' texts), which [`StoredList`] then reads front to back.
//! Reading the stored profile's interests entry by entry took about ten calls into JS each,
//! most of the engine's start-up on a page with a stored profile.

use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::utf8_texts::utf8_texts;
use crate::web::dom_calls::nth;

#[wasm_bindgen(module = "/src/web/js/stored.js")]
extern "C" {
    /// `[shape, numbers, bytes, ends]` (the texts' UTF-8 bytes and where each text ends in
    /// them), or `null` (see `js/stored.js`).
    #[wasm_bindgen(js_name = shelfwiseFlatten)]
    fn flatten(list: &JsValue, max: u32, depth: u32) -> JsValue;
}

/// One stored list, read front to back. Every reader answers `None` when the next value is not
/// of the asked type (the caller then treats the whole blob as unreadable).
pub(super) struct StoredList {
    shape: std::vec::IntoIter<u8>,
    numbers: std::vec::IntoIter<f64>,
    /// Every text of the list, one after the other; `spans` says where each is.
    text: String,
    spans: std::vec::IntoIter<(usize, usize)>,
}

impl StoredList {
    /// Reads `list`; `None` when it is not an array or a list in it is longer than `max`.
    pub(super) fn read(list: &JsValue, max: u32) -> Option<StoredList> {
        Self::read_nested(list, max, 0)
    }

    /// Reads `list` and the lists nested `depth` levels inside its entries (the lists in a
    /// tuple, then the tuples in those lists); deeper lists read as values of no known type.
    pub(super) fn read_nested(list: &JsValue, max: u32, depth: u32) -> Option<StoredList> {
        let flat: Array = flatten(list, max, depth).dyn_into().ok()?;
        let ends = nth(&flat, 3).unchecked_into::<Float64Array>().to_vec();
        let (text, spans) = utf8_texts(&nth(&flat, 2), &ends);
        Some(StoredList {
            shape: nth(&flat, 0)
                .as_string()
                .unwrap_or_default()
                .into_bytes()
                .into_iter(),
            numbers: nth(&flat, 1)
                .unchecked_into::<Float64Array>()
                .to_vec()
                .into_iter(),
            text,
            spans: spans.into_iter(),
        })
    }

    /// The next text of the list (its shape already read).
    fn next_text(&mut self) -> Option<String> {
        let (start, end) = self.spans.next()?;
        self.text.get(start..end).map(str::to_owned)
    }

    /// True when every value has been read.
    pub(super) fn is_done(&self) -> bool {
        self.shape.len() == 0
    }

    /// The next value if it is a tuple: its length (its values follow).
    pub(super) fn tuple(&mut self) -> Option<usize> {
        match self.shape.next()? {
            b'[' => self.numbers.next().map(|n| n as usize),
            _ => None,
        }
    }

    /// The next value if it is a text.
    pub(super) fn text(&mut self) -> Option<String> {
        match self.shape.next()? {
            b's' => self.next_text(),
            _ => None,
        }
    }

    /// The next value if it is a tuple of texts: its texts.
    pub(super) fn texts(&mut self) -> Option<Vec<String>> {
        let n = self.tuple()?;
        let mut out = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            out.push(self.text()?);
        }
        Some(out)
    }

    /// The next value if it is a number; `Some(None)` skips a value of another type (inside a
    /// tuple only anything but a tuple is there to skip).
    pub(super) fn number_or_skip(&mut self) -> Option<Option<f64>> {
        match self.shape.next()? {
            b'n' => self.numbers.next().map(Some),
            b's' => self.spans.next().map(|_| None),
            b'[' => {
                let len = self.numbers.next()? as usize;
                for _ in 0..len {
                    self.number_or_skip()?;
                }
                Some(None)
            }
            _ => Some(None),
        }
    }

    /// The next value if it is a number.
    pub(super) fn number(&mut self) -> Option<f64> {
        self.number_or_skip().flatten()
    }

    /// Reads every remaining value with `one`: all of them, or `None` if any fails.
    pub(super) fn all<T>(self, one: impl Fn(&mut StoredList) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.all_into(one, &mut out)?;
        Some(out)
    }

    /// [`Self::all`], pushed onto `out` (a field of a value being filled: nothing to assign
    /// and drop). `None` if any fails, with `out` holding those read before it.
    pub(super) fn all_into<T>(
        mut self,
        one: impl Fn(&mut StoredList) -> Option<T>,
        out: &mut Vec<T>,
    ) -> Option<()> {
        while !self.is_done() {
            out.push(one(&mut self)?);
        }
        Some(())
    }
}
