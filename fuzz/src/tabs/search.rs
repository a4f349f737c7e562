//! Searches and `removeSearch` among the tabs, and what must hold of them once they settle.
//!
//! The texts share terms ("red shoes", "red dress", "shoes", "跑鞋 shoes": a run of two Chinese
//! characters is one term, a multi-byte key) and come in more than one case:
//! a search is stored lower-cased, and `removeSearch` takes it in any case. A search removal
//! is made, as the shopper would from the panel, only by a tab that knows every earlier search
//! and removal of that text (the other texts, which share its terms, need not be known).
//!
//! What must hold (README `removeSearch` and Limitations): a search's text is held when a
//! search of it made by a tab that knew of every removal of it is kept, and only when one
//! that no removal followed is (a search made in the moment before the removal reached its
//! tab may go: erase wins the tie); a term (`q:<term>`) is held when such a search with that
//! term is kept (every removal of a text with the term known to it), and only when a kept
//! search with that term was made after every such removal, or before one of another text
//! that another tab may have learned it from before it knew of the removal (made in another
//! tab, or held by a write made before the removal): the documented window (README
//! Limitations: words another tab learned from a different search before it knew of the
//! removal may stay, the removal's mark being a hash that names no words). A term no removal
//! touched counts each kept search exactly once.

use super::{Kind, Sim, MAX_JOURNALED, MAX_REMOVALS};
use shelfwise::core::{Config, EventInput, Profile};

/// What the tabs search for: four texts (one in two cases) sharing terms.
pub const SEARCHES: [&str; 5] = ["red shoes", "Red Shoes", "red dress", "shoes", "跑鞋 Shoes"];
/// What the tabs remove: the same texts, some in another case than searched.
pub const REMOVALS: [&str; 5] = ["RED SHOES", "red dress", "Shoes", "red shoes", "跑鞋 SHOES"];

/// The text as stored (lower-cased).
fn lower(text: &str) -> String {
    text.to_lowercase()
}

/// The search terms of a text (ours: words of two or more letters or a run of two Chinese
/// characters, no repeats).
fn terms(text: &str) -> Vec<String> {
    lower(text).split(' ').map(str::to_owned).collect()
}

/// An operation's text, lower-cased, if it is a search (`removal` false) or a search removal.
fn text_of(kind: &Kind, removal: bool) -> Option<String> {
    match kind {
        Kind::Search { text, .. } if !removal => Some(lower(text)),
        Kind::RemoveSearch(text) if removal => Some(lower(text)),
        _ => None,
    }
}

impl Sim {
    /// The shopper searches in tab `t` for one of [`SEARCHES`], chosen by `n`.
    pub fn search(&mut self, t: usize, n: u8) {
        if self.tabs[t].journaled >= MAX_JOURNALED {
            return;
        }
        let text = SEARCHES[usize::from(n) % SEARCHES.len()].to_owned();
        let ev = EventInput {
            kind: Some("search".into()),
            query: Some(text.clone()),
            ..Default::default()
        };
        self.track(t, ev, |learned| Kind::Search { text, learned });
    }

    /// `removeSearch` in tab `t` of one of [`REMOVALS`], chosen by `n`, once the tab shows
    /// every earlier search and removal of that text (again after it was searched again, too:
    /// the next removal generation).
    pub fn remove_search(&mut self, t: usize, n: u8) {
        let text = REMOVALS[usize::from(n) % REMOVALS.len()].to_owned();
        let key = lower(&text);
        let mut about = 0;
        for (i, o) in self.ops.iter().enumerate() {
            let same = [false, true]
                .iter()
                .any(|&r| text_of(&o.kind, r) == Some(key.clone()));
            if same && o.epoch == self.epoch {
                about |= 1 << i;
            }
        }
        if self.removals >= MAX_REMOVALS || !self.knows(t, about) {
            return;
        }
        self.removals += 1;
        self.tabs[t].journaled += 1;
        self.tabs[t].engine.remove_search(&text);
        self.record(t, Kind::RemoveSearch(text));
    }

    /// Checks `p`'s searches and search terms (module docs); `learned(i)`: operation `i` is a
    /// view or search the profile must count (current lineage, not paused, kept).
    pub(super) fn check_searches(&self, p: &Profile, learned: &dyn Fn(usize) -> bool) {
        let ops = &self.ops;
        let removals: Vec<(usize, String)> = (ops.iter().enumerate())
            .filter(|(_, o)| o.epoch == self.epoch)
            .filter_map(|(i, o)| Some((i, text_of(&o.kind, true)?)))
            .collect();
        let searches: Vec<(usize, String)> = (ops.iter().enumerate())
            .filter(|&(i, _)| learned(i))
            .filter_map(|(i, o)| Some((i, text_of(&o.kind, false)?)))
            .collect();
        // Search `v` was made by a tab that knew of removal `r`.
        let knew = |v: usize, r: usize| r < v && ops[v].know & (1 << r) != 0;
        let mut texts: Vec<String> = SEARCHES.iter().map(|s| lower(s)).collect();
        texts.dedup();
        for text in &texts {
            let of = |r: &&(usize, String)| r.1 == *text;
            let removed: Vec<usize> = removals.iter().filter(of).map(|r| r.0).collect();
            let made = || searches.iter().filter(of).map(|v| v.0);
            let present = made().any(|v| removed.iter().all(|&r| knew(v, r)));
            let may = made().any(|v| removed.iter().all(|&r| r < v));
            let held = p.searches.contains(text);
            assert!(!present || held, "search {text:?} lost: {:?}", p.searches);
            assert!(!held || may, "search {text:?} back: {:?}", p.searches);
        }
        let weight = Config::default().weights.search;
        let mut words: Vec<String> = texts.iter().flat_map(|t| terms(t)).collect();
        words.sort();
        words.dedup();
        for word in &words {
            let has = |r: &&(usize, String)| terms(&r.1).contains(word);
            let removed: Vec<&(usize, String)> = removals.iter().filter(has).collect();
            let made: Vec<&(usize, String)> = searches.iter().filter(has).collect();
            let key = format!("q:{word}");
            let held = p.affinities.iter().find(|a| a.key() == key).map(|a| a.1);
            if removed.is_empty() {
                let want = (!made.is_empty()).then_some(weight * made.len() as f64);
                assert_eq!(held, want, "{key}: each search counted once");
                continue;
            }
            let must = (made.iter()).any(|v| removed.iter().all(|r| knew(v.0, r.0)));
            // Another tab may hold `v`'s terms from before it knew of `r`.
            let other = |v: &(usize, String), r: &(usize, String)| {
                let read = ops[r.0].tab != ops[v.0].tab || ops[r.0].published & (1 << v.0) != 0;
                r.1 != v.1 && read
            };
            let may = (made.iter()).any(|v| removed.iter().all(|r| r.0 < v.0 || other(v, r)));
            assert!(!must || held.is_some(), "{key} lost: {:?}", p.searches);
            assert!(held.is_none() || may, "{key} back: {:?}", p.searches);
        }
    }
}
