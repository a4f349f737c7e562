//! Tabs in a simulation of the web layer over one shared store: each reads storage through a
//! view that may be stale (a tab inside a long task sees other tabs' writes only afterwards),
//! writes what the merge gives, receives the `storage` events of the other tabs' writes in
//! order, and adopts a reset (the key gone) when it reads it. A tab can close.

use super::tabs::tab;
use super::T0;
use shelfwise::core::{Engine, Profile};
use std::collections::VecDeque;

/// One simulated tab.
pub struct Tab {
    pub engine: Engine,
    /// The write this tab's storage view shows.
    pub view: usize,
    /// A profile was read or written here since the last reset it knows of.
    pub seen: bool,
    /// This tab's last write.
    pub written: usize,
    pub open: bool,
    /// `storage` events not handled yet: indexes of other tabs' writes, oldest first.
    pub events: VecDeque<usize>,
}

pub struct Sim {
    /// Everything written, newest last (`None`: the key removed).
    pub writes: Vec<Option<String>>,
    pub tabs: Vec<Tab>,
}

fn parse(text: &Option<String>) -> Option<Profile> {
    text.as_deref().map(|s| serde_json::from_str(s).unwrap())
}

impl Sim {
    pub fn new(n: u32) -> Sim {
        let tabs = (0..n)
            .map(|i| Tab {
                engine: tab(100 + i),
                view: 0,
                seen: false,
                written: 0,
                open: true,
                events: VecDeque::new(),
            })
            .collect();
        Sim {
            writes: vec![None],
            tabs,
        }
    }

    /// Stores `text` as tab `t`'s write; every other open tab gets its `storage` event.
    fn push(&mut self, t: usize, text: Option<String>) {
        self.writes.push(text);
        let i = self.writes.len() - 1;
        self.tabs[t].view = i;
        self.tabs[t].written = i;
        for (u, other) in self.tabs.iter_mut().enumerate() {
            if u != t && other.open {
                other.events.push_back(i);
            }
        }
    }

    /// Writes tab `t`'s profile as it is, if it changed.
    fn save(&mut self, t: usize) -> bool {
        let e = &mut self.tabs[t].engine;
        if !e.is_dirty() {
            return false;
        }
        let text = serde_json::to_string(e.profile()).unwrap();
        assert!(text.len() <= 16 * 1024);
        e.mark_saved();
        self.tabs[t].seen = true;
        self.push(t, Some(text));
        true
    }

    /// Tab `t` reads through its view (`fresh`: storage as it is now), merges, writes.
    pub fn flush(&mut self, t: usize, fresh: bool) -> bool {
        if !self.tabs[t].open {
            return false;
        }
        let latest = self.writes.len() - 1;
        let tab = &mut self.tabs[t];
        if fresh {
            tab.view = latest;
        }
        let stored = parse(&self.writes[tab.view]);
        if stored.is_none() && tab.seen {
            // The web layer: a profile read or written here is gone, a reset elsewhere.
            tab.engine.reset(T0);
            tab.engine.mark_saved();
            tab.seen = false;
            return false;
        }
        tab.seen |= stored.is_some();
        // Its own last write (no other tab wrote since): kept as it is, not read back.
        let own = tab.written == tab.view && tab.written > 0;
        tab.engine
            .merge_stored(stored.filter(|_| !own), T0)
            .unwrap();
        self.save(t)
    }

    /// Tab `t` handles its oldest `storage` event: its view shows at least that write. When
    /// the event's value is no longer what it shows (written over since, and not removed) and
    /// what it shows does not hold it (`Profile::holds_write`), it takes that value in (`Engine::merge_overwritten`); then it merges what it shows and
    /// writes.
    pub fn deliver(&mut self, t: usize) -> bool {
        let Some(i) = self.tabs[t].events.pop_front() else {
            return false;
        };
        let tab = &mut self.tabs[t];
        tab.view = tab.view.max(i);
        // Not when the key is gone now: a reset came after it (the web layer's rule).
        // Nor when what it shows holds that value (a later write of it: the event is late).
        if self.writes[tab.view].is_some() && self.writes[i] != self.writes[tab.view] {
            let now = parse(&self.writes[tab.view]);
            if let Some(written) = parse(&self.writes[i]) {
                if !now.is_some_and(|now| now.holds_write(&written)) {
                    tab.engine.merge_overwritten(written, T0);
                }
            }
        }
        self.flush(t, false)
    }

    /// Tab `t`'s view shows write `i` (when it is later than what it shows), before that
    /// write's `storage` event is handled: Chromium updates a tab's copy of localStorage as
    /// other tabs' changes arrive and dispatches their events after, so an event can carry a
    /// value the tab's storage shows a later write over.
    pub fn see(&mut self, t: usize, i: usize) {
        let tab = &mut self.tabs[t];
        tab.view = tab.view.max(i.min(self.writes.len() - 1));
    }

    /// Tab `t` writes on leaving (through its view, which may be stale) and closes.
    pub fn close(&mut self, t: usize) {
        self.flush(t, false);
        self.tabs[t].open = false;
        self.tabs[t].events.clear();
    }

    /// Storage events until no tab writes any more, then a fresh read in every open tab.
    pub fn settle(&mut self) {
        for _ in 0..50 {
            let mut wrote = false;
            for t in 0..self.tabs.len() {
                while !self.tabs[t].events.is_empty() {
                    wrote |= self.deliver(t);
                }
            }
            for t in 0..self.tabs.len() {
                wrote |= self.flush(t, true);
            }
            if !wrote {
                return;
            }
        }
        panic!("tabs did not settle");
    }

    /// Tab `t` resets: the key is removed.
    pub fn reset(&mut self, t: usize) {
        let tab = &mut self.tabs[t];
        tab.engine.reset(T0);
        tab.engine.mark_saved();
        tab.seen = false;
        self.push(t, None);
    }

    pub fn stored(&self) -> Option<Profile> {
        parse(self.writes.last().unwrap())
    }
}
