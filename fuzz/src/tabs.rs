//! Three tabs over one simulated localStorage, and a model of what must hold once they settle,
//! for the `tabs_erase` target: views, searches, removals (`removeItem`, `removeInterest`,
//! `removeSearch`), choices, pause and resume, resets and neighbour lists, through stale reads, overwriting writes,
//! late storage events with their values and tabs that close.
//!
//! The model knows, for every operation, which earlier operations the tab that made it knew of
//! (`know`, one bit per operation, carried by writes and merges like the data). The operations
//! that need the shopper to have seen the latest state (a removal, a choice, a pause or resume,
//! a reset) are made only when the tab knows it, and only in the current lineage, as a shopper
//! acting on what the panel shows; views and neighbour lists need nothing. Resets come one after
//! another from different tabs while other tabs lag behind, missing some of them and writing
//! late from the lineages they erased (`resets.rs`). The documented windows (README
//! Limitations, last bullet) are kept out as in `tests/tabs_erase.rs`: a reset is made only
//! when every tab has read or written the profile and shares the resetting tab's start or
//! holds only data of starts earlier resets replaced (and every write a tab may still read
//! holds data of a start the resetting tab holds data of, or of one replaced: `resets.rs`), a
//! tab closes only once every tab adopted the last reset, the clock stands still (no new visit
//! drops the removal marks), and every tab stays within its journal.

mod check;
mod events;
mod resets;
mod search;
mod storage;

pub use check::ITEMS;
use shelfwise::core::pack::ItemDataInput;
use shelfwise::core::sync::JOURNAL_EVENTS;
use shelfwise::core::{Config, Engine, EventInput, ItemInput, Profile};

/// The simulation's clock: it stands still.
pub const NOW: f64 = 1_793_491_200_000.0;
/// The most operations a scenario records (one bit each in `know`).
pub const MAX_OPS: usize = 128;
/// Removal marks kept per profile are capped (16): a scenario stays below.
const MAX_REMOVALS: usize = 12;
/// Changes one tab journals at most (a quarter of the journal, as `tabs_merge`).
const MAX_JOURNALED: u32 = (JOURNAL_EVENTS / 4) as u32;

/// What one operation was.
#[derive(Clone)]
pub enum Kind {
    /// A view of item `x{item}` whose brand is `{brand}` (unique per view); `learned`: the
    /// tab was not paused.
    View {
        item: u8,
        brand: String,
        learned: bool,
    },
    /// `removeItem("x{0}")`.
    RemoveItem(u8),
    /// `removeInterest` of one view's brand key.
    RemoveInterest(String),
    /// A choice (`sign` 1, -1, or 0 to clear it) about `key`, about item `x{item}` if any.
    Choose {
        key: String,
        item: Option<u8>,
        sign: i8,
    },
    /// Pause (true) or resume (false).
    Pause(bool),
    /// A reset.
    Reset,
    /// Neighbour lists handed over for item `x{0}`.
    ItemData(u8),
    /// A search for `text` (as typed; [`search::SEARCHES`]); `learned`: the tab was not
    /// paused.
    Search { text: String, learned: bool },
    /// `removeSearch(text)` (as typed).
    RemoveSearch(String),
}

/// One operation, the lineage (epoch) it was made in and what its tab knew.
pub struct Op {
    kind: Kind,
    tab: usize,
    epoch: u32,
    know: u128,
    /// The operations a write made before it held (another tab may have read them).
    published: u128,
}

/// One write to the stored profile (`None`: the key removed), with its writer's epoch and
/// knowledge.
#[derive(Clone)]
struct Slot {
    profile: Option<Profile>,
    epoch: u32,
    know: u128,
    /// The operations the profile holds (`events.rs`).
    holds: u128,
    /// The starts whose data the profile holds (its writer's `starts`).
    starts: Vec<String>,
}

/// A tab: its engine, the write it last read or made, whether it read or wrote a profile since
/// it started or reset, its epoch and what it knows.
pub struct Tab {
    /// The tab's engine.
    pub engine: Engine,
    view: usize,
    seen: bool,
    epoch: u32,
    know: u128,
    journaled: u32,
    /// The write it made last (0: none since it started or reset).
    written: usize,
    /// False once it closed.
    open: bool,
    /// `storage` events not handled yet: other tabs' writes, oldest first.
    events: Vec<usize>,
    /// The operations its profile holds (`events.rs`).
    holds: u128,
    /// Reset, and not merged since (`merge_overwritten` then takes nothing in).
    whole: bool,
    /// The lineage ids of the starts whose data its profile holds: its own since it started
    /// or reset, and every one a merge of another start's write brought (`storage.rs`).
    starts: Vec<String>,
    /// It adopted a reset by finding the profile gone while behind two or more resets, and
    /// has not adopted a stored reset since (`resets.rs`, a window).
    skipped: bool,
}

/// Tabs, storage and the log of operations.
pub struct Sim {
    /// The tabs.
    pub tabs: Vec<Tab>,
    writes: Vec<Slot>,
    ops: Vec<Op>,
    epoch: u32,
    removals: usize,
    /// The operations any write so far held.
    published: u128,
    /// The starts the resets so far replaced, as the model counts them (the resetting tab's
    /// `starts`, uncapped): their data is erased (`resets.rs`).
    dead: Vec<String>,
    /// What the scenario met (`TABS_STATS=1` prints it): resets made while a tab was behind,
    /// tabs that adopted a reset more than one epoch ahead (missing one), and writes of an
    /// erased lineage met by a tab of a later one (read, or taken in from a late event).
    pub stats: [u32; 3],
    /// The scenario met a documented window (README Limitations), and is not checked: a tab
    /// that missed a reset met a write of the erased lineage, or adopted a reset from its
    /// event while a later one was made (`resets.rs`). (A reset's `storage` event reaching a
    /// tab that read a write made after that reset is checked since session 13, branch
    /// `tabs15`; a tab finding the key gone where another tab had removed its own stale write
    /// since session 14, branch `tabs16`: that tab writes its new profile over it instead.)
    pub window: bool,
}

/// The key of item `x{n}`'s choice.
pub fn item_key(n: u8) -> String {
    format!("i:x{n}")
}

impl Sim {
    /// `n` tabs with writer ids 7, 8, …, nothing stored.
    pub fn new(n: u32) -> Sim {
        let tabs = (0..n)
            .map(|i| {
                let mut engine = Engine::new(&Config::default(), NOW);
                engine.set_writer(7 + i);
                let (view, seen, epoch, know, journaled) = (0, false, 0, 0, 0);
                let starts = vec![engine.profile().lineage().to_owned()];
                Tab {
                    engine,
                    view,
                    seen,
                    epoch,
                    know,
                    journaled,
                    written: 0,
                    open: true,
                    events: Vec::new(),
                    holds: 0,
                    whole: false,
                    starts,
                    skipped: false,
                }
            })
            .collect();
        let empty = Slot {
            profile: None,
            epoch: 0,
            know: 0,
            holds: 0,
            starts: Vec::new(),
        };
        Sim {
            tabs,
            writes: vec![empty],
            ops: Vec::new(),
            epoch: 0,
            removals: 0,
            published: 0,
            dead: Vec::new(),
            stats: [0; 3],
            window: false,
        }
    }

    /// True once no more operations fit.
    pub fn full(&self) -> bool {
        self.ops.len() >= MAX_OPS
    }

    /// The brand of an earlier view, chosen by `n`.
    pub fn some_brand(&self, n: usize) -> Option<String> {
        let brands: Vec<&String> = (self.ops.iter())
            .filter_map(|o| match &o.kind {
                Kind::View { brand, .. } => Some(brand),
                _ => None,
            })
            .collect();
        brands.get(n % brands.len().max(1)).map(|b| (*b).clone())
    }

    fn record(&mut self, t: usize, kind: Kind) {
        let bit = 1u128 << self.ops.len();
        let tab = &mut self.tabs[t];
        tab.know |= bit;
        tab.holds |= bit;
        self.ops.push(Op {
            kind,
            tab: t,
            epoch: tab.epoch,
            know: tab.know,
            published: self.published,
        });
    }

    /// Operations of the current epoch about item `x{item}` (views, removals, its choice).
    fn about(&self, item: u8) -> u128 {
        let mut mask = 0;
        for (i, o) in self.ops.iter().enumerate() {
            let hit = match &o.kind {
                Kind::View { item: x, .. } | Kind::RemoveItem(x) => *x == item,
                Kind::Choose { item: x, .. } => *x == Some(item),
                _ => false,
            };
            if hit && o.epoch == self.epoch {
                mask |= 1 << i;
            }
        }
        mask
    }

    /// Whether tab `t` is in the current lineage and knows every operation in `mask`.
    fn knows(&self, t: usize, mask: u128) -> bool {
        let tab = &self.tabs[t];
        tab.epoch == self.epoch && tab.know & mask == mask
    }

    /// The shopper views `x{item}` in tab `t` (a new brand each time).
    pub fn view(&mut self, t: usize, item: u8) {
        if self.tabs[t].journaled >= MAX_JOURNALED {
            return;
        }
        let brand = format!("e{t}-{}", self.ops.len());
        let mut it = ItemInput::with_id(format!("x{item}"));
        it.brand = Some(brand.clone());
        let ev = EventInput {
            kind: Some("view_item".into()),
            item: Some(it),
            ..Default::default()
        };
        self.track(t, ev, |learned| Kind::View {
            item,
            brand,
            learned,
        });
    }

    /// Tab `t` tracks `ev`, recorded as `kind(learned)` (`learned`: the tab was not paused),
    /// and writes when the engine asks to.
    fn track(&mut self, t: usize, ev: EventInput, kind: impl FnOnce(bool) -> Kind) {
        let tab = &mut self.tabs[t];
        let learned = !tab.engine.profile().paused;
        tab.journaled += 1;
        tab.engine.track(ev, NOW).unwrap_or_default();
        let sync = tab.engine.wants_sync();
        self.record(t, kind(learned));
        if sync {
            self.flush(t, false);
        }
    }

    /// The page of `x{item}` hands over its neighbour lists.
    pub fn item_data(&mut self, t: usize, item: u8) {
        let data = ItemDataInput {
            related: Some(vec![("n".into(), 500.0)]),
            bought_together: None,
        };
        let ok = self.tabs[t]
            .engine
            .add_item_data(&format!("x{item}"), data)
            .is_ok();
        assert!(ok, "item data refused");
        self.record(t, Kind::ItemData(item));
    }

    /// "Forget this item" in tab `t`, once the tab shows everything done about it (again
    /// after it came back, too: the next removal generation).
    pub fn remove_item(&mut self, t: usize, item: u8) {
        if self.removals >= MAX_REMOVALS || !self.knows(t, self.about(item)) {
            return;
        }
        self.removals += 1;
        self.tabs[t].journaled += 1;
        self.tabs[t].engine.remove_item(&format!("x{item}"));
        self.record(t, Kind::RemoveItem(item));
    }

    /// Removes the interest in one view's brand.
    pub fn remove_interest(&mut self, t: usize, brand: String) {
        if self.removals >= MAX_REMOVALS || !self.knows(t, 0) {
            return;
        }
        self.removals += 1;
        self.tabs[t].journaled += 1;
        self.tabs[t].engine.remove_interest(&format!("b:{brand}"));
        self.record(t, Kind::RemoveInterest(brand));
    }

    /// A choice about `x{item}` (`item`) or about category `c{n}`, once the tab shows the
    /// latest choice about it.
    pub fn choose(&mut self, t: usize, item: Option<u8>, n: u8, sign: i8) {
        use shelfwise::core::profile::ChoiceTarget;
        let target = match item {
            Some(x) => ChoiceTarget::Item(format!("x{x}")),
            None => ChoiceTarget::Category(vec![format!("c{n}")]),
        };
        let key = match item {
            Some(x) => item_key(x),
            None => format!("c:c{n}"),
        };
        let mut mask = item.map_or(0, |x| self.about(x));
        for (i, o) in self.ops.iter().enumerate() {
            if matches!(&o.kind, Kind::Choose { key: k, .. } if *k == key) && o.epoch == self.epoch
            {
                mask |= 1 << i;
            }
        }
        if !self.knows(t, mask) {
            return;
        }
        if self.repeats(t, &key, sign) {
            return;
        }
        self.tabs[t].journaled += 1;
        let chose = self.tabs[t].engine.choose(&target, sign, "target", NOW);
        assert!(chose.is_ok(), "choice refused");
        self.record(t, Kind::Choose { key, item, sign });
    }

    /// Pause (true) or resume (false), once the tab shows the latest setting.
    pub fn pause(&mut self, t: usize, paused: bool) {
        let mask = self.mask(|k| matches!(k, Kind::Pause(_)));
        if !self.knows(t, mask) || self.tabs[t].engine.profile().paused == paused {
            return;
        }
        self.tabs[t].engine.set_paused(paused);
        self.record(t, Kind::Pause(paused));
    }

    fn mask(&self, f: impl Fn(&Kind) -> bool) -> u128 {
        let mut mask = 0;
        for (i, o) in self.ops.iter().enumerate() {
            if o.epoch == self.epoch && f(&o.kind) {
                mask |= 1 << i;
            }
        }
        mask
    }
}
