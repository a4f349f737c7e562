//! The shopper's profile: decayed interests per facet value, bounded item histories and visit
//! counters. This is the only thing Shelfwise stores, and it stays under
//! [`Config::max_profile_bytes`](crate::core::Config::max_profile_bytes) (16 KiB at most).

pub mod affinity;
pub mod budget;
mod case;
pub mod choice;
pub mod decay_memo;
pub mod erased;
pub mod history;
pub mod interests;
pub mod key_cache;
mod learn;
pub mod lineage;
mod load;
mod merge;
pub mod neighbours;
mod retention;
mod snapshot;
pub mod taught;
pub mod text_list;
pub mod turns;
pub mod writers;

use text_list::TextList;

use serde::{Deserialize, Serialize};

pub use affinity::Affinity;
pub use choice::{Choice, ChoiceTarget};
pub use decay_memo::DecayMemo;
pub use interests::Interests;
pub use neighbours::NeighbourCache;
pub use snapshot::{ChoiceView, Interest, ProfileSnapshot};
pub use writers::WriterMark;

use crate::core::config::Config;
use crate::core::moments::MomentState;
use crate::core::order::by_score_desc;
use crate::core::time::Minutes;

/// Schema version of the stored profile. Bump it with a migration in `load.rs`.
/// Version 2 added the writer marks (`w`) that let several tabs merge their events.
pub const SCHEMA_VERSION: u32 = 2;

/// Signals weaker than this (decayed, long-term plus session) are forgotten.
pub const MIN_SIGNAL: f64 = 0.005;

/// Hard cap on the number of interests, whatever the byte budget.
pub const MAX_AFFINITIES: usize = 400;

/// The stored profile. Field names are short because they are stored on every write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Schema version, [`SCHEMA_VERSION`] for profiles this build writes.
    #[serde(rename = "v")]
    pub schema: u32,
    /// Minute the profile was created.
    #[serde(rename = "c")]
    pub created: Minutes,
    /// Minute of the last event.
    #[serde(rename = "u")]
    pub updated: Minutes,
    /// Minute the current session started.
    #[serde(rename = "s")]
    pub session_start: Minutes,
    /// Number of sessions (visits) so far, including the current one.
    #[serde(rename = "k")]
    pub visits: u32,
    /// Number of events learned so far (saturating).
    #[serde(rename = "n")]
    pub events: u32,
    /// Interests, in insertion order.
    #[serde(rename = "a")]
    pub affinities: Interests,
    /// Recently viewed item ids, newest first.
    #[serde(rename = "rv")]
    pub viewed: TextList,
    /// Item ids in the cart, newest first.
    #[serde(rename = "rc")]
    pub cart: TextList,
    /// Purchased item ids, newest first.
    #[serde(rename = "rp")]
    pub purchased: TextList,
    /// Recent search queries, newest first.
    #[serde(rename = "rs")]
    pub searches: Vec<String>,
    /// Counters for segments, triggers, the holdout draw and the aggregate report.
    #[serde(rename = "m")]
    pub moments: MomentState,
    /// Explicit choices ("more like this", "not interested"), newest first.
    #[serde(rename = "x")]
    pub choices: Vec<Choice>,
    /// Personalization paused by the shopper: nothing is learned and lists keep server order.
    #[serde(rename = "z", skip_serializing_if = "is_false")]
    pub paused: bool,
    /// How many times pause or resume was chosen, as far as this profile knows: between tabs,
    /// the later choice wins (see [`Profile::keep_later_pause`]).
    #[serde(rename = "zt", skip_serializing_if = "is_zero")]
    pub pause_turn: u32,
    /// Neighbour lists handed over by the pages of items in the history, and their view counts.
    #[serde(rename = "nb")]
    pub neighbours: NeighbourCache,
    /// Which tabs' events this profile holds, most recent writer first (schema 2).
    #[serde(rename = "w")]
    pub writers: Vec<WriterMark>,
    /// Keys of the orders learned, newest first ([`crate::core::orders`]): hashes, not ids.
    #[serde(rename = "o")]
    pub orders: Vec<String>,
    /// Which start this profile goes on from, which starts resets replaced and which other
    /// starts merges joined into it ([`lineage::Lineage`]; stored as `r` and `ra`).
    #[serde(flatten)]
    pub lineage: lineage::Lineage,
    /// Items and interests the shopper removed in this visit, newest first ([`erased`]):
    /// hashes, not ids or keys.
    #[serde(rename = "rm", skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// The latest turn of each choice changed in this visit ([`turns`]): hashes, not keys.
    #[serde(rename = "ct", skip_serializing_if = "Vec::is_empty")]
    pub choice_turns: Vec<String>,
    /// What each of the items learned from most recently taught ([`taught`]), newest first:
    /// removing one takes its part out of its interests.
    #[serde(rename = "it", skip_serializing_if = "Vec::is_empty")]
    pub taught: Vec<taught::Taught>,
    /// While a journaled event is replayed: the removals (hashes) it was learned before this
    /// tab knew of, which it must not bring back ([`crate::core::sync`]). Never stored.
    #[serde(skip)]
    pub masked: Vec<String>,
    /// Where interests' keys were last found ([`key_cache`]). Never stored.
    #[serde(skip)]
    pub key_cache: key_cache::KeyCache,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Default for Profile {
    fn default() -> Self {
        Profile::new(0)
    }
}

impl Profile {
    /// An empty profile created at `now`.
    pub fn new(now: Minutes) -> Profile {
        Profile {
            schema: SCHEMA_VERSION,
            created: now,
            updated: now,
            session_start: now,
            visits: 0,
            events: 0,
            affinities: Interests::default(),
            viewed: TextList::new(),
            cart: TextList::new(),
            purchased: TextList::new(),
            searches: Vec::new(),
            moments: MomentState::default(),
            choices: Vec::new(),
            paused: false,
            pause_turn: 0,
            neighbours: NeighbourCache::default(),
            writers: Vec::new(),
            orders: Vec::new(),
            lineage: lineage::Lineage::default(),
            removed: Vec::new(),
            choice_turns: Vec::new(),
            taught: Vec::new(),
            masked: Vec::new(),
            key_cache: key_cache::KeyCache::default(),
        }
    }

    /// Pauses (true) or resumes (false) as a new turn of the shopper's choice.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
        self.pause_turn = self.pause_turn.saturating_add(1);
    }

    /// Takes another copy's pause choice (`turn`, `paused`) when it is the later one: made in
    /// a later turn, or a pause in the same turn (two tabs choosing at once: the pause holds).
    /// So a tab writing from stale data cannot undo a pause or resume made elsewhere. Returns
    /// whether this profile changed.
    pub fn keep_later_pause(&mut self, turn: u32, paused: bool) -> bool {
        let later = (turn, paused) > (self.pause_turn, self.paused);
        if later {
            (self.pause_turn, self.paused) = (turn, paused);
        }
        later
    }

    /// True when `event` is a purchase of an order this profile learned already.
    pub fn knows_order(&self, event: &crate::core::Event) -> bool {
        matches!(event, crate::core::Event::Purchase(_, Some(key)) if self.orders.contains(key))
    }

    /// True when nothing has been learned yet.
    pub fn is_cold(&self) -> bool {
        self.affinities.is_empty()
            && self.viewed.is_empty()
            && self.cart.is_empty()
            && self.purchased.is_empty()
            && self.neighbours.items.is_empty()
    }

    /// Applies the retention rules ([`Profile::expire`]), forgets signals that decayed below
    /// [`MIN_SIGNAL`], then prunes the weakest until the
    /// serialized profile fits `config.max_profile_bytes`.
    pub fn compact(&mut self, config: &Config, now: Minutes) {
        self.expire(config, now);
        let mut memo = DecayMemo::new(config, now);
        self.affinities.retain(|a| memo.strength(a) >= MIN_SIGNAL);
        self.compact_taught(config, now);
        if self.affinities.len() > MAX_AFFINITIES {
            let mut scores = Vec::with_capacity(self.affinities.len());
            for a in &self.affinities {
                scores.push(memo.strength(a));
            }
            let mut keep = vec![false; scores.len()];
            for i in by_score_desc(&scores).into_iter().take(MAX_AFFINITIES) {
                if let Some(k) = keep.get_mut(i) {
                    *k = true;
                }
            }
            let mut idx = 0;
            self.affinities.retain(|_| {
                idx += 1;
                keep.get(idx - 1).copied().unwrap_or(false)
            });
        }
        budget::prune_to(self, config.max_profile_bytes, |a| strength(a, config, now));
    }
}

/// Decayed strength of an interest now: long-term plus weighted session signal.
pub fn strength(a: &Affinity, config: &Config, now: Minutes) -> f64 {
    let (long, session) = a.decayed(
        now,
        config.half_life_minutes(),
        config.session_half_life_minutes,
    );
    long + config.session_weight * session
}
