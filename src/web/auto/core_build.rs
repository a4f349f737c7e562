//! Auto mode in the core build (`--no-default-features`, what `data-build="core"` loads):
//! lists are ranked and the shopper's actions learned, but recommendation slots, the page's
//! aggregate data and moment templates are left as the server sent them. A page that has them
//! gets one console message saying so, instead of silently missing them.

use web_sys::Document;

use super::dom::find_all;
use crate::web::console::warn_once;

/// Markup only the full build serves.
pub const EXTRAS_MARKUP: &str = "[data-sw-slot], script[data-sw-item-data], \
script[data-sw-popularity], template[data-shelfwise-trigger]";

/// Warns once when the page holds markup the core build leaves alone.
pub fn note_unserved_markup(doc: &Document) {
    if !find_all(doc, EXTRAS_MARKUP).is_empty() {
        warn();
    }
}

/// Says once that the page holds markup the core build leaves alone.
pub fn warn() {
    warn_once(
        "core-build",
        "this page has recommendation slots, item data or moment templates, which the core build (data-build=\"core\") leaves as the server sent them; load the full build on this page.",
    );
}
