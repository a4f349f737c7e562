//! A stopped auto mode is inert: `refresh()` and `fillSlot()` after `stop()` do nothing, so
//! a shop's leftover handler cannot fill slots or reorder lists a later auto mode (or the
//! shop itself) now owns. The first such call says so in the console.

use super::Auto;
use crate::web::console::warn_once;

impl Auto {
    /// True after `stop()`; the first time a call finds it so, the console says why the call
    /// does nothing.
    pub(super) fn stopped(&self) -> bool {
        let stopped = self.current.2.try_borrow().is_ok_and(|s| s.stopped);
        if stopped {
            warn_once(
                "stopped",
                "auto mode is stopped: refresh() and fillSlot() do nothing.",
            );
        }
        stopped
    }
}
