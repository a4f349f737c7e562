//! An event given both `item` and `items`: which of the two its type learns. Not refused (a
//! page may pass both, and the event is learned), but the web layer names the ignored one in
//! the console, from here, where the rule sits next to [`EventInput::validate`]'s.

use super::EventInput;

impl EventInput {
    /// With both `item` and `items` given, `(learned, ignored)`: a one-item event (`view_item`,
    /// `select_item`, `dwell`) learns `item`, a list event `items`. `None` when only one is
    /// given, and for a `search` (which reads neither) or an unknown type (refused anyway).
    #[inline(never)]
    pub fn item_and_items(&self) -> Option<(&'static str, &'static str)> {
        if self.item.is_none() || self.items.is_none() {
            return None;
        }
        match self.kind.as_deref()? {
            "view_item" | "select_item" | "dwell" => Some(("item", "items")),
            "view_item_list" | "add_to_cart" | "remove_from_cart" | "purchase" => {
                Some(("items", "item"))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Event, EVENT_TYPES};
    use super::*;
    use crate::core::item::ItemInput;

    /// The ids `kind` learns from an event with `item` "a" and `items` ["b"].
    fn learned(kind: &str) -> Vec<String> {
        let e = EventInput {
            kind: Some(kind.into()),
            item: Some(ItemInput::with_id("a")),
            items: Some(vec![ItemInput::with_id("b")]),
            query: Some("shoes".into()),
            seconds: Some(3.0),
            ..EventInput::default()
        };
        let ids = |l: Vec<crate::core::item::Item>| l.into_iter().map(|i| i.id).collect();
        match e.validate().unwrap().0 {
            Event::ViewItem(i) | Event::SelectItem(i) | Event::Dwell { item: i, .. } => vec![i.id],
            Event::ViewItemList(l) | Event::AddToCart(l) | Event::RemoveFromCart(l) => ids(l),
            Event::Purchase(l, _) => ids(l),
            Event::Search { .. } => Vec::new(),
        }
    }

    #[test]
    fn names_the_list_validate_ignores() {
        for kind in EVENT_TYPES {
            let mut e = EventInput {
                kind: Some(kind.into()),
                item: Some(ItemInput::with_id("a")),
                items: Some(vec![ItemInput::with_id("b")]),
                ..EventInput::default()
            };
            let expected = match learned(kind).as_slice() {
                [id] if id == "a" => Some(("item", "items")),
                [id] if id == "b" => Some(("items", "item")),
                _ => None,
            };
            assert_eq!(e.item_and_items(), expected, "{kind}");
            e.items = None;
            assert_eq!(e.item_and_items(), None, "{kind}: item alone");
        }
        let unknown = EventInput {
            kind: Some("wishlist".into()),
            item: Some(ItemInput::with_id("a")),
            items: Some(Vec::new()),
            ..EventInput::default()
        };
        assert_eq!(unknown.item_and_items(), None);
    }
}
