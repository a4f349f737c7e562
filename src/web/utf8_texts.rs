//! Lists of texts as they cross from JS: the UTF-8 bytes of all of them, as `TextEncoder`
//! writes them (a lone surrogate is already U+FFFD there, as in wasm-bindgen's own strings),
//! and where each text ends in those bytes. `js/pack.js` sends items' texts so, `js/stored.js`
//! the texts of a stored list: the one encoding for lists of texts.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

/// The texts in `bytes` (a `Uint8Array`) as one string, with each text's byte range in it:
/// text `i` ends at byte `ends[i]` and starts where text `i - 1` ends. Bytes that are not
/// UTF-8 (not what `TextEncoder` writes) give an empty string, outside which every non-empty
/// range falls (a reader then finds no text there).
pub(super) fn utf8_texts(bytes: &JsValue, ends: &[f64]) -> (String, Vec<(usize, usize)>) {
    let bytes = bytes.unchecked_ref::<Uint8Array>().to_vec();
    let text = String::from_utf8(bytes).unwrap_or_default();
    // Filled in place, not pushed: `rank` runs this for every list, and a `Vec::push` call in
    // the loop is one V8 may leave un-inlined (BENCHMARKS, "Speed work (session 5)").
    let mut spans = vec![(0, 0); ends.len()];
    let mut start = 0;
    for (span, &end) in spans.iter_mut().zip(ends) {
        *span = (start, end as usize);
        start = end as usize;
    }
    (text, spans)
}
