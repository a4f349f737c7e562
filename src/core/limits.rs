//! Documented limits on input. Anything beyond them is rejected with an error naming the field,
//! never truncated silently and never a panic.

/// Longest accepted id, name, brand, tag, category level, facet name or value, in UTF-8 bytes.
pub const MAX_STRING_BYTES: usize = 200;
/// Longest accepted search query, in UTF-8 bytes.
pub const MAX_QUERY_BYTES: usize = 200;
/// Most items in one event (`items` of `purchase`, `view_item_list`, …) and result ids of `search`.
pub const MAX_EVENT_ITEMS: usize = 200;
/// Most items in one order's `purchase` (an order-confirmation page of a big order, or auto
/// mode's GA4 `purchase` push): one with more than [`MAX_EVENT_ITEMS`] is learned in events
/// of at most that many, as one action and one order. (The JS API's `track` still takes at
/// most [`MAX_EVENT_ITEMS`].)
pub const MAX_ORDER_ITEMS: usize = 1_000;
/// Most items in one `rank` call.
pub const MAX_RANK_ITEMS: usize = 10_000;
/// Most tags on one item.
pub const MAX_TAGS: usize = 32;
/// Most free-form facets on one item.
pub const MAX_FACETS: usize = 32;
/// Deepest accepted category path.
pub const MAX_CATEGORY_DEPTH: usize = 8;
/// Largest accepted quantity of one item in one event.
pub const MAX_QUANTITY: f64 = 10_000.0;
/// Largest accepted price.
pub const MAX_PRICE: f64 = 1e12;
/// Longest dwell that counts, in seconds (longer dwell is accepted and capped by config).
pub const MAX_DWELL_SECONDS: f64 = 86_400.0;
/// Most recent rankings `explain` looks through, newest first: a page ranks each of its
/// managed lists in turn, and the "why" button of every list must still find its items.
pub const MAX_KEPT_RANKINGS: usize = 8;
/// Most items the kept rankings hold together: older rankings are dropped beyond it, the
/// newest is always kept (up to [`MAX_RANK_ITEMS`], as when only the latest was kept). It
/// holds a page's lists, and keeps the memory a loop of large `rank` calls cycles through
/// small (at 1,000 items a call, 8 kept rankings made each call about 1.7 % slower).
pub const MAX_KEPT_ITEMS: usize = 2_000;
