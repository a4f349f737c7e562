//! What must hold once the tabs settled, from the log of operations.

use super::{item_key, Kind, Sim};
use crate::check_profile;
use shelfwise::core::Profile;

/// Items the scenarios view: `x0` to `x7` (fewer than the 30 viewed items a profile keeps).
pub const ITEMS: u8 = 8;

impl Sim {
    /// Checks every tab and what is stored against the model: every view made in the current
    /// lineage while not paused is counted exactly once (its brand interest is 1.0, unless
    /// removed, or possibly when its item was removed after it: a removal takes back what the
    /// item taught), nothing erased or removed is held, an item viewed again by a tab that knew of
    /// every removal of it is back, the latest choice about each key and the latest pause or
    /// resume hold, an item not held has no neighbour lists (a view caches them too) unless a page
    /// handed them over since its last removal, and no removed search is back (`search.rs`).
    pub fn check(&self) {
        let open: Vec<_> = self.tabs.iter().filter(|t| t.open).collect();
        for (t, tab) in open.iter().enumerate() {
            assert_eq!(tab.epoch, self.epoch, "tab {t} is in an older lineage");
            self.check_profile(tab.engine.profile(), tab.holds);
        }
        // Every tab holds the same (choices in any order).
        let held = |p: &Profile| {
            let mut choices: Vec<(String, i8)> =
                p.choices.iter().map(|c| (c.0.clone(), c.1)).collect();
            choices.sort();
            let terms: Vec<(String, f64)> = (p.affinities.iter())
                .filter(|a| a.key().starts_with("q:"))
                .map(|a| (a.key().to_owned(), a.1))
                .collect();
            let searches = p.searches.clone();
            (
                p.events,
                p.viewed.to_vec(),
                choices,
                p.paused,
                searches,
                terms,
            )
        };
        let first = held(open[0].engine.profile());
        for tab in &open[1..] {
            assert_eq!(held(tab.engine.profile()), first, "the tabs disagree");
        }
        if let Some(slot) = self.writes.last() {
            if let Some(stored) = &slot.profile {
                self.check_profile(stored, slot.holds);
            }
        }
    }

    fn check_profile(&self, p: &Profile, holds: u128) {
        check_profile(p);
        let now = self.epoch;
        let ops = &self.ops;
        let current = |i: usize| ops[i].epoch == now && self.kept(i, holds);
        let learned = |i: usize| {
            current(i)
                && matches!(
                    ops[i].kind,
                    Kind::View { learned: true, .. } | Kind::Search { learned: true, .. }
                )
        };
        let counted = (0..ops.len()).filter(|&i| learned(i)).count();
        assert_eq!(p.events as usize, counted, "events counted once");
        for (i, op) in ops.iter().enumerate() {
            let Kind::View { brand, item, .. } = &op.kind else {
                continue;
            };
            let removed = ops
                .iter()
                .any(|o| matches!(&o.kind, Kind::RemoveInterest(b) if b == brand));
            let key = format!("b:{brand}");
            let held = p.affinities.iter().find(|a| a.key() == key).map(|a| a.1);
            let want = (learned(i) && !removed).then_some(1.0);
            // Removing an item takes back what its latest event taught (`it`): a view not known
            // to follow every removal of its item may have lost its brand, never gained more.
            let item_removed = (0..ops.len()).any(|r| {
                current(r)
                    && matches!(ops[r].kind, Kind::RemoveItem(x) if x == *item)
                    && !(r < i && op.know & (1 << r) != 0)
            });
            if item_removed && want.is_some() && held.is_none() {
                continue;
            }
            assert_eq!(held, want, "{key}: op {i} of {}", ops.len());
        }
        for x in 0..ITEMS {
            let id = format!("x{x}");
            let removals: Vec<usize> = (0..ops.len())
                .filter(|&i| current(i) && matches!(ops[i].kind, Kind::RemoveItem(r) if r == x))
                .collect();
            let brings_back = |v: usize| {
                matches!(ops[v].kind, Kind::View { item, .. } if item == x)
                    && removals
                        .iter()
                        .all(|&r| r < v && ops[v].know & (1 << r) != 0)
            };
            // Viewed again by a tab that knew of every removal: back.
            let present = (0..ops.len()).any(|v| learned(v) && brings_back(v));
            // A view that no removal followed: also a view in the moment before a removal
            // reached its tab (erase wins the tie, or a repeated removal of an item no longer
            // held was already known there).
            let may = (0..ops.len()).any(|v| {
                learned(v)
                    && matches!(ops[v].kind, Kind::View { item, .. } if item == x)
                    && removals.iter().all(|&r| r < v)
            });
            let held = p.viewed.contains(&id);
            assert!(held == present || (held == may), "{id} in {:?}", p.viewed);
            let last_removal = removals.last().copied();
            let lists_since = (0..ops.len()).any(|i| {
                current(i)
                    && matches!(ops[i].kind, Kind::ItemData(d) if d == x)
                    && last_removal.is_none_or(|r| i > r)
            });
            if !may && !lists_since {
                assert!(p.neighbours.get(&id).is_none(), "{id}'s lists are held");
            }
        }
        // Per key: the latest choice (0: none).
        let mut choices: Vec<(String, i8)> = Vec::new();
        let mut paused = false;
        for (_, op) in
            (ops.iter().enumerate()).filter(|(i, o)| o.epoch == now && self.kept(*i, holds))
        {
            let (key, sign) = match &op.kind {
                Kind::Choose { key, sign, .. } => (key.clone(), *sign),
                Kind::RemoveItem(x) => (item_key(*x), 0),
                Kind::Pause(p) => {
                    paused = *p;
                    continue;
                }
                _ => continue,
            };
            match choices.iter_mut().find(|c| c.0 == key) {
                Some(c) => c.1 = sign,
                None => choices.push((key, sign)),
            }
        }
        for (key, sign) in &choices {
            let held = p.choices.iter().find(|c| c.0 == *key).map_or(0, |c| c.1);
            assert_eq!(held, *sign, "choice {key}");
        }
        for c in &p.choices {
            assert!(
                choices.iter().any(|k| k.0 == c.0),
                "choice {} from nowhere",
                c.0
            );
        }
        assert_eq!(p.paused, paused, "the latest pause or resume holds");
        self.check_searches(p, &learned);
    }
}

impl Sim {
    /// Whether operation `i` must hold in a profile that holds `holds` (`events.rs`): a view,
    /// search or choice of a closed tab only if the merge rules carried it there; the rest always
    /// (an open tab repairs its own from its journal).
    fn kept(&self, i: usize, holds: u128) -> bool {
        let op = &self.ops[i];
        let lossy = matches!(
            op.kind,
            Kind::View { .. } | Kind::Search { .. } | Kind::Choose { .. }
        );
        !lossy || self.tabs[op.tab].open || holds & (1 << i) != 0
    }
}
