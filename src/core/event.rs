//! Shopper events, named after the GA4 e-commerce vocabulary.

use super::error::{CoreError, ErrorKind};
use super::id::IdText;
use super::item::{check_str, too_many, At, Item, ItemInput};
use super::limits::*;
use super::orders::order_key;

mod both;

/// An event as received from the page, before validation: `{ type, items, query, … }`.
#[derive(Debug, Clone, Default)]
pub struct EventInput {
    /// One of `view_item`, `view_item_list`, `select_item`, `add_to_cart`, `remove_from_cart`,
    /// `purchase`, `search`, `dwell`. `event` is accepted as an alias (GA4's `dataLayer` key).
    pub kind: Option<String>,
    /// The items the event is about.
    pub items: Option<Vec<ItemInput>>,
    /// A single item, accepted in place of `items` for one-item events.
    pub item: Option<ItemInput>,
    /// `search`: the query text (`search_term` in GA4).
    pub query: Option<String>,
    /// `search`: ids of the results shown.
    pub results: Option<Vec<IdText>>,
    /// `dwell`: seconds spent on the product page.
    pub seconds: Option<f64>,
    /// Event time in milliseconds since the epoch; the engine's clock when absent.
    pub ts: Option<f64>,
    /// `purchase`: the order's id (`transactionId`, GA4 `transaction_id`; blank counts as
    /// none); a purchase of an order the profile already learned is not learned again. Other
    /// events ignore it.
    pub transaction_id: Option<String>,
    /// `purchase` read from an order-confirmation page (its markup or a GA4 push) without an
    /// order id: the page's address, which with the items' ids stands for the order (see
    /// [`super::orders`]).
    pub order_page: Option<String>,
}

/// A validated shopper event.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A product page was viewed.
    ViewItem(Item),
    /// Items were shown in a list (impressions).
    ViewItemList(Vec<Item>),
    /// An item was clicked in a list.
    SelectItem(Item),
    /// Items were added to the cart.
    AddToCart(Vec<Item>),
    /// Items were removed from the cart.
    RemoveFromCart(Vec<Item>),
    /// Items were bought, in the order with this key when known ([`super::orders`]).
    Purchase(Vec<Item>, Option<String>),
    /// A search was made.
    Search {
        /// The query text, trimmed.
        query: String,
        /// Ids of the results shown.
        results: Vec<String>,
    },
    /// Time spent on a product page.
    Dwell {
        /// The product.
        item: Item,
        /// Seconds spent, finite and ≥ 0.
        seconds: f64,
    },
}

/// Every accepted event type, for error messages and docs.
pub const EVENT_TYPES: [&str; 8] = [
    "view_item",
    "view_item_list",
    "select_item",
    "add_to_cart",
    "remove_from_cart",
    "purchase",
    "search",
    "dwell",
];

/// [`EVENT_TYPES`] as error messages list them, written out so the wasm needs no `join`.
pub const EVENT_TYPE_LIST: &str =
    "view_item, view_item_list, select_item, add_to_cart, remove_from_cart, purchase, search, dwell";

impl EventInput {
    /// Validates this input into an [`Event`] and its optional timestamp (ms).
    pub fn validate(mut self) -> Result<(Event, Option<f64>), CoreError> {
        let kind = self.kind.clone().unwrap_or_default();
        let ts = match self.ts {
            Some(t) if !t.is_finite() => {
                return Err(CoreError::new(
                    ErrorKind::Invalid,
                    "ts",
                    "must be a finite number",
                ))
            }
            t => t,
        };
        let event = match kind.as_str() {
            "view_item" => Event::ViewItem(self.one_item()?),
            "select_item" => Event::SelectItem(self.one_item()?),
            "view_item_list" => Event::ViewItemList(self.many_items(MAX_EVENT_ITEMS)?),
            "add_to_cart" => Event::AddToCart(self.many_items(MAX_EVENT_ITEMS)?),
            "remove_from_cart" => Event::RemoveFromCart(self.many_items(MAX_EVENT_ITEMS)?),
            "purchase" => {
                let id = self.transaction_id.take();
                let page = self.order_page.take();
                let items = self.many_items(MAX_ORDER_ITEMS)?;
                let key = order_key(id.as_deref(), page.as_deref(), &items);
                Event::Purchase(items, key)
            }
            "search" => self.search()?,
            "dwell" => {
                let seconds = match self.seconds {
                    Some(s) if s.is_finite() && (0.0..=MAX_DWELL_SECONDS).contains(&s) => s,
                    _ => {
                        return Err(CoreError::new(
                            ErrorKind::Invalid,
                            "seconds",
                            "must be a finite number of seconds from 0 to 86400",
                        ))
                    }
                };
                Event::Dwell {
                    item: self.one_item()?,
                    seconds,
                }
            }
            "" => {
                return Err(CoreError::new(
                    ErrorKind::Missing,
                    "type",
                    crate::core::text::concat(&["is required; one of ", EVENT_TYPE_LIST]),
                ))
            }
            other => {
                let shown: String = other.chars().take(40).collect();
                return Err(CoreError::new(
                    ErrorKind::Invalid,
                    "type",
                    crate::core::text::concat(&[
                        "unknown event type \"",
                        &shown,
                        "\"; expected one of ",
                        EVENT_TYPE_LIST,
                    ]),
                ));
            }
        };
        Ok((event, ts))
    }

    /// [`EventInput::validate`] for an event `source` (one of the [`super::reports`] sources)
    /// reported, with whether it stands for a view of each of its items. A GA4 `dataLayer`
    /// push ([`super::reports::DATA_LAYER`]) may be a `view_item` listing several items (a
    /// bundle, a product with its variants): GA4 counts each as viewed, and so does the
    /// engine. Such an event comes back as [`Event::ViewItemList`] of its items, checked as in
    /// any list (`items[3].price`; one bad item refuses them all), and `true`.
    pub fn validate_reported(
        mut self,
        source: u8,
    ) -> Result<(Event, Option<f64>, bool), CoreError> {
        let views = source == super::reports::DATA_LAYER
            && self.kind.as_deref() == Some("view_item")
            && self.item.is_none()
            && self.items.as_ref().is_some_and(|i| i.len() > 1);
        if views {
            self.kind = Some("view_item_list".into());
        }
        let (event, ts) = self.validate()?;
        Ok((event, ts, views))
    }

    // `&mut self` with fields taken out, not `self` moved in parts: an early exit then drops
    // only what the function made (`validate` drops the input once); 0.37 KB less wasm.
    /// The event's items, at most `max`.
    fn many_items(&mut self, max: usize) -> Result<Vec<Item>, CoreError> {
        let list = match (self.items.take(), self.item.take()) {
            (Some(items), _) => items,
            (None, Some(item)) => vec![item],
            (None, None) => {
                return Err(CoreError::new(
                    ErrorKind::Missing,
                    "items",
                    "is required (a non-empty array of items)",
                ))
            }
        };
        if list.is_empty() {
            return Err(CoreError::new(
                ErrorKind::Missing,
                "items",
                "must not be empty",
            ));
        }
        if list.len() > max {
            return Err(too_many("items".into(), list.len(), max));
        }
        // A loop, not a `Result`-collecting chain: less wasm, the same first error.
        let mut items = Vec::with_capacity(list.len());
        for (i, it) in list.into_iter().enumerate() {
            items.push(it.validate(At {
                list: "items",
                index: Some(i),
            })?);
        }
        Ok(items)
    }

    fn one_item(&mut self) -> Result<Item, CoreError> {
        match (self.item.take(), self.items.take()) {
            (Some(item), _) => item.validate(At {
                list: "item",
                index: None,
            }),
            (None, Some(items)) if items.len() == 1 => items.into_iter().next().map_or_else(
                || {
                    Err(CoreError::new(
                        ErrorKind::Missing,
                        "items",
                        "must hold one item",
                    ))
                },
                |it| {
                    it.validate(At {
                        list: "items",
                        index: Some(0),
                    })
                },
            ),
            (None, Some(items)) => Err(CoreError::new(
                ErrorKind::Invalid,
                "items",
                crate::core::text::concat(&[
                    "must hold exactly one item for this event type (got ",
                    &crate::core::text::count(items.len()),
                    ")",
                ]),
            )),
            (None, None) => Err(CoreError::new(
                ErrorKind::Missing,
                "item",
                "is required (an item with an id)",
            )),
        }
    }

    fn search(&mut self) -> Result<Event, CoreError> {
        let query = check_str(
            &self.query.take().unwrap_or_default(),
            MAX_QUERY_BYTES,
            &|| "query".into(),
        )?;
        if query.is_empty() {
            return Err(CoreError::new(
                ErrorKind::Missing,
                "query",
                "is required (non-empty text)",
            ));
        }
        let raw = self.results.take().unwrap_or_default();
        if raw.len() > MAX_EVENT_ITEMS {
            return Err(too_many("results".into(), raw.len(), MAX_EVENT_ITEMS));
        }
        let mut results = Vec::with_capacity(raw.len());
        for (i, id) in raw.iter().enumerate() {
            let id = check_str(&id.0, MAX_STRING_BYTES, &|| {
                crate::core::text::concat(&["results[", &crate::core::text::count(i), "]"])
            })?;
            if !id.is_empty() {
                results.push(id);
            }
        }
        Ok(Event::Search { query, results })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str) -> EventInput {
        EventInput {
            kind: Some(kind.into()),
            ..EventInput::default()
        }
    }

    fn err(e: EventInput) -> CoreError {
        e.validate().unwrap_err()
    }

    #[test]
    fn every_event_type_validates() {
        for kind in EVENT_TYPES {
            let mut e = input(kind);
            e.item = Some(ItemInput::with_id("a"));
            e.query = Some("red shoes".into());
            e.seconds = Some(3.0);
            assert!(e.validate().is_ok(), "{kind}");
        }
    }

    #[test]
    fn a_ga4_view_of_several_items_is_a_view_of_each() {
        use crate::core::reports::{API, DATA_LAYER};
        let mut e = input("view_item");
        e.items = Some(vec![ItemInput::with_id("a"), ItemInput::with_id("b")]);
        e.ts = Some(5.0);
        let (event, ts, views) = e.clone().validate_reported(DATA_LAYER).unwrap();
        let Event::ViewItemList(items) = event else {
            panic!("{event:?}")
        };
        let ids: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!((ids, ts, views), (vec!["a", "b"], Some(5.0), true));
        // `track`, and every other source, keep view_item to one item.
        assert_eq!(e.clone().validate_reported(API).unwrap_err().field, "items");
        assert_eq!(err(e).field, "items");
        // One bad item refuses them all, named at its place in the list.
        let mut e = input("view_item");
        e.items = Some(vec![ItemInput::with_id("a"), ItemInput::default()]);
        assert_eq!(
            e.validate_reported(DATA_LAYER).unwrap_err().field,
            "items[1].id"
        );
        // Anything else is the one event `validate` makes.
        for (kind, n) in [("add_to_cart", 2), ("view_item", 1), ("view_item_list", 3)] {
            let mut e = input(kind);
            e.items = Some(vec![ItemInput::with_id("a"); n]);
            let (event, _, views) = e.clone().validate_reported(DATA_LAYER).unwrap();
            assert_eq!(
                (event, views),
                (e.validate().unwrap().0, false),
                "{kind} {n}"
            );
        }
        let mut e = input("view_item");
        e.items = Some(vec![]);
        assert_eq!(e.validate_reported(DATA_LAYER).unwrap_err().field, "items");
    }

    #[test]
    fn event_errors_name_their_field() {
        assert_eq!(err(EventInput::default()).field, "type");
        let e = err(input("view_itme"));
        assert_eq!(e.field, "type");
        assert!(e.message.contains("view_itme"), "{}", e.message);
        assert_eq!(err(input("view_item")).field, "item");
        assert_eq!(err(input("purchase")).field, "items");
        let mut e = input("purchase");
        e.items = Some(vec![]);
        assert_eq!(err(e).field, "items");
        // An order's purchase may list more items than other events (learned in parts).
        let mut e = input("purchase");
        e.items = Some(vec![ItemInput::with_id("a"); MAX_ORDER_ITEMS + 1]);
        assert_eq!(err(e).kind, ErrorKind::TooMany);
        let mut e = input("add_to_cart");
        e.items = Some(vec![ItemInput::with_id("a"); MAX_EVENT_ITEMS + 1]);
        assert_eq!(err(e).kind, ErrorKind::TooMany);
        let mut e = input("purchase");
        e.items = Some(vec![ItemInput::with_id("a"), ItemInput::default()]);
        assert_eq!(err(e).field, "items[1].id");
        let mut e = input("view_item");
        e.items = Some(vec![ItemInput::with_id("a"), ItemInput::with_id("b")]);
        assert_eq!(err(e).field, "items");
        assert_eq!(err(input("search")).field, "query");
        let mut e = input("search");
        e.query = Some("q".repeat(MAX_QUERY_BYTES + 1));
        assert_eq!(err(e).kind, ErrorKind::TooLong);
        let mut e = input("search");
        e.query = Some("q".into());
        e.results = Some(vec!["r".into(); MAX_EVENT_ITEMS + 1]);
        assert_eq!(err(e).field, "results");
        let mut e = input("dwell");
        e.item = Some(ItemInput::with_id("a"));
        e.seconds = Some(f64::NAN);
        assert_eq!(err(e).field, "seconds");
        let mut e = input("view_item");
        e.item = Some(ItemInput::with_id("a"));
        e.ts = Some(f64::INFINITY);
        assert_eq!(err(e).field, "ts");
    }
}
