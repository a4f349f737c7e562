//! Events several sources may report: in auto mode the page's markup, the shop's GA4
//! `dataLayer` pushes and its own `track` calls can each report one shopper action; it is
//! learned once ([`crate::core::reports`]).

use super::Engine;
use crate::core::error::CoreError;
use crate::core::event::{Event, EventInput};
use crate::core::orders::MAX_ORDERS;
use crate::core::profile::history;
use crate::core::reports::AGAIN;

impl Engine {
    /// Validates an event that `source` (one of the [`crate::core::reports`] sources)
    /// reported at `now_ms`, and learns it unless it joins an action another source reported
    /// already, or `source` is [`AGAIN`] (a purchase's order key is kept then, as when it
    /// joins one). True when it was a new action. An invalid event is refused (the error names
    /// the field) whatever the other sources reported. A GA4 push may be a view of each of
    /// several items ([`EventInput::validate_reported`]).
    pub fn track_reported(
        &mut self,
        input: EventInput,
        source: u8,
        now_ms: f64,
    ) -> Result<bool, CoreError> {
        let (event, ts, views) = input.validate_reported(source)?;
        if views {
            if let Event::ViewItemList(items) = event {
                for item in items {
                    self.learn(Event::ViewItem(item), ts, now_ms);
                }
            }
            return Ok(true);
        }
        if source == AGAIN || !self.reports.is_new_event(&event, source, now_ms) {
            self.keep_order(&event);
            return Ok(false);
        }
        self.learn(event, ts, now_ms);
        Ok(true)
    }

    /// Keeps the order of a purchase that joined one another source reported (which may have
    /// named no order), so a reload of its confirmation page counts nothing.
    fn keep_order(&mut self, event: &Event) {
        if let Event::Purchase(_, Some(key)) = event {
            if self.consent.may_learn() && !self.profile.paused {
                history::push_front(&mut self.profile.orders, key, MAX_ORDERS);
                self.dirty = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::core::reports::{API, CLICK, DATA_LAYER};
    use crate::core::{Config, Engine, EventInput, ItemInput};

    fn add(id: &str, price: Option<f64>) -> EventInput {
        EventInput {
            kind: Some("add_to_cart".into()),
            items: Some(vec![ItemInput {
                id: Some(crate::core::id::IdText(id.into())),
                price,
                ..ItemInput::default()
            }]),
            ..EventInput::default()
        }
    }

    #[test]
    fn an_api_call_and_the_markup_for_one_add_learn_it_once() {
        let mut e = Engine::new(&Config::default(), 0.0);
        assert_eq!(e.track_reported(add("a", None), API, 0.0), Ok(true));
        assert_eq!(e.track_reported(add(" a ", None), CLICK, 5.0), Ok(false));
        assert_eq!(
            e.track_reported(add("a", None), DATA_LAYER, 900.0),
            Ok(false)
        );
        assert_eq!(e.profile().events, 1);
        assert_eq!(e.track_reported(add("a", None), API, 1_000.0), Ok(true));
        assert_eq!(e.profile().events, 2);
        // `Engine::track` (auto mode's own page events, which no other source reports) is no
        // source: it always learns.
        e.track(add("a", None), 1_001.0).unwrap();
        e.track(add("a", None), 1_002.0).unwrap();
        assert_eq!(e.profile().events, 4);
    }

    #[test]
    fn an_invalid_report_is_refused_and_opens_no_action() {
        let mut e = Engine::new(&Config::default(), 0.0);
        assert!(e.track_reported(add("a", None), CLICK, 0.0).unwrap());
        let err = e
            .track_reported(add("a", Some(-1.0)), API, 1.0)
            .unwrap_err();
        assert_eq!(err.field, "items[0].price");
        // The refused call did not join the click: the API's valid report still does.
        assert_eq!(e.track_reported(add("a", None), API, 2.0), Ok(false));
        assert_eq!(e.profile().events, 1);
    }

    #[test]
    fn an_order_shown_again_keeps_its_key_at_the_new_address_and_is_not_learned() {
        use crate::core::reports::{AGAIN, PAGE};
        let order = |page: &str| EventInput {
            kind: Some("purchase".into()),
            order_page: Some(page.into()),
            ..add("scarf-1", None)
        };
        let mut e = Engine::new(&Config::default(), 0.0);
        assert_eq!(e.track_reported(order("/checkout"), PAGE, 0.0), Ok(true));
        assert_eq!(e.track_reported(order("/thanks"), AGAIN, 1.0), Ok(false));
        assert_eq!(e.profile().events, 1, "shown again: not a purchase");
        assert_eq!(e.profile().orders.len(), 2, "the new address's key is kept");
        // A reload of the new address: the markup reads it as a new order, which is known.
        let mut reloaded = Engine::new(&Config::default(), 0.0);
        reloaded.profile = e.profile().clone();
        assert_eq!(
            reloaded.track_reported(order("/thanks"), PAGE, 2.0),
            Ok(true)
        );
        assert_eq!(
            reloaded.profile().events,
            1,
            "a reload of it counts nothing"
        );
    }
}
