//! The engine: a profile, its settings and the recent rankings, driven by validated input.
//! The browser layer and the native tools call this same type. Shopper controls (consent,
//! choices, removal, import) are in `controls`, the merge with what other tabs stored in `tabs`.

mod controls;
mod edits;
mod learn;
mod recent;
mod reported;
#[cfg(test)]
mod table_tests;
mod tabs;

use crate::core::batch::{BatchBuilder, ItemBatch};
use crate::core::config::Config;
use crate::core::consent::{Consent, StorageAction};
use crate::core::error::{CoreError, ErrorKind};
use crate::core::event::EventInput;
use crate::core::item::{too_many, At, Item, ItemInput};
use crate::core::limits::MAX_RANK_ITEMS;
use crate::core::pack::{ItemDataInput, Popularity, PopularityInput};
use crate::core::profile::{budget, strength};
use crate::core::profile::{ChoiceTarget, ChoiceView, Profile, ProfileSnapshot};
use crate::core::rank::{self, explain, Explanation, RankOptions, RankOptionsInput, ScoreTable};
use crate::core::recommend::{self as recommend_slots, RecommendOptions, Recommendation};
use crate::core::sync::{self, Journal, Merged};
use crate::core::time::{minutes_from_ms, Minutes};
use crate::core::why::annotate;

/// A Shelfwise engine. Time comes in as milliseconds since the epoch on every call.
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    profile: Profile,
    /// The latest rankings, for `explain` (see [`recent`]).
    rankings: recent::Recent,
    dirty: bool,
    consent: Consent,
    /// The shop's public popularity data (not part of the profile; loaded by each page).
    popularity: Popularity,
    /// Interests decayed to a minute, with the stamp of the interests they were built from
    /// ([`crate::core::profile::interests`]): reused by every ranking in that minute while the
    /// profile's interests keep that stamp, whichever method would change them.
    table: Option<(Minutes, u64, ScoreTable)>,
    journal: Journal,
    /// Changes since the last write that are not learned events (see [`edits`]): applied
    /// again on top of the next merge with what other tabs stored.
    edits: edits::Edits,
    /// Lineages this engine started (see [`crate::core::profile::erased`]).
    lineages: u32,
    pub(crate) page: crate::core::moments::PageState,
    /// The clicks, adds to cart and purchases reported lately on this page, by every source
    /// (see [`Engine::track_reported`]).
    reports: crate::core::reports::Reports,
}

impl Engine {
    /// A new engine with a fresh profile; `config` is clamped into its documented ranges.
    pub fn new(config: &Config, now_ms: f64) -> Engine {
        Engine::with_config(config.clone(), now_ms)
    }

    /// [`Engine::new`] taking the settings by value: they are clamped in place, not copied
    /// (the JS constructor's settings, read for this engine only).
    pub fn with_config(mut config: Config, now_ms: f64) -> Engine {
        config.sanitize();
        Engine {
            config,
            profile: Profile::new(minutes_from_ms(now_ms)),
            rankings: recent::Recent::default(),
            dirty: false,
            consent: Consent::Granted,
            popularity: Popularity::default(),
            table: None,
            journal: Journal::new(1),
            edits: edits::Edits::default(),
            lineages: 0,
            page: Default::default(),
            reports: Default::default(),
        }
    }

    /// The (sanitized) settings in use.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current profile, as it would be stored.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The profile's moments state, for changes that are not learned events (trigger caps,
    /// the holdout draw, answers): marks it for writing, this tab's moments state winning at
    /// the next merge.
    pub(crate) fn profile_mut(&mut self) -> &mut Profile {
        self.edit(edits::Edit::Moments);
        &mut self.profile
    }

    /// The profile, for changes that need no write of their own (they are saved with the next
    /// one).
    pub(crate) fn profile_quiet(&mut self) -> &mut Profile {
        &mut self.profile
    }

    /// Replaces the profile with a stored or imported one after checking and repairing it.
    /// Returns whether anything had to be repaired. On error the current profile is unchanged.
    pub fn restore(&mut self, mut stored: Profile, now_ms: f64) -> Result<bool, CoreError> {
        let repaired = stored.repair(&self.config, minutes_from_ms(now_ms))?;
        self.profile = stored;
        // What this tab learns from now on, it learns knowing of the removals shown.
        self.journal.learn_removals(&self.profile);
        self.rankings.clear();
        Ok(repaired)
    }

    /// Validates and learns one event. On error the profile is unchanged.
    pub fn track(&mut self, input: EventInput, now_ms: f64) -> Result<(), CoreError> {
        let (event, ts) = input.validate()?;
        self.learn(event, ts, now_ms);
        Ok(())
    }

    /// Validates `items` and `options`, ranks, and returns the item ids in their new order.
    pub fn rank(
        &mut self,
        items: Vec<ItemInput>,
        options: RankOptionsInput,
        now_ms: f64,
    ) -> Result<Vec<String>, CoreError> {
        let options = options.validate()?;
        let order = self.order_items(validate_batch(items)?, &options, now_ms);
        Ok(self.owned_ids(&order))
    }

    /// [`Engine::rank`], answering with positions in `items` in their new order instead of
    /// copies of the ids (the same answer: ids are unique, or ranking fails).
    pub fn rank_order(
        &mut self,
        items: Vec<ItemInput>,
        options: RankOptionsInput,
        now_ms: f64,
    ) -> Result<Vec<usize>, CoreError> {
        let options = options.validate()?;
        Ok(self.order_items(validate_batch(items)?, &options, now_ms))
    }

    /// [`Engine::rank_order`] for items held as an [`ItemBatch`]: ranked as they stand when
    /// they are valid as they stand ([`ItemBatch::is_clean`]), else validated item by item
    /// first (the same errors and the same answer as `rank_order`).
    pub fn rank_batch(
        &mut self,
        items: ItemBatch,
        options: RankOptionsInput,
        now_ms: f64,
    ) -> Result<Vec<usize>, CoreError> {
        let clean = items.is_clean();
        self.rank_batch_known(items, clean, options, now_ms)
    }

    /// [`Engine::rank_batch`] for a caller that has asked [`ItemBatch::is_clean`] already
    /// (`clean`, its answer for `items`), so the batch is not checked twice.
    pub(crate) fn rank_batch_known(
        &mut self,
        items: ItemBatch,
        clean: bool,
        options: RankOptionsInput,
        now_ms: f64,
    ) -> Result<Vec<usize>, CoreError> {
        let options = options.validate()?;
        let items = match clean {
            true => items,
            false => validate_batch(items.to_inputs())?,
        };
        Ok(self.order_items(items, &options, now_ms))
    }

    /// [`Engine::ranked_ids`] as owned strings.
    fn owned_ids(&self, order: &[usize]) -> Vec<String> {
        let mut ids = Vec::with_capacity(order.len());
        for id in self.ranked_ids(order) {
            ids.push(id.to_owned());
        }
        ids
    }

    /// The ids of the latest ranking's items at each position of `order` (as validated:
    /// trimmed).
    pub fn ranked_ids(&self, order: &[usize]) -> Vec<&str> {
        let Some(last) = self.rankings.latest() else {
            return Vec::new();
        };
        // Loops here and below, not adapter chains: less wasm, the same lists.
        let mut ids = Vec::with_capacity(order.len());
        for &i in order {
            if i < last.items.len() {
                ids.push(last.items.id(i));
            }
        }
        ids
    }

    /// Ranks validated items, keeps them for `explain`, and returns their new order.
    fn order_items(&mut self, items: ItemBatch, options: &RankOptions, now_ms: f64) -> Vec<usize> {
        let now = minutes_from_ms(now_ms);
        let server_order;
        // The holdout arm sees the server order too: impact 0 returns it unchanged.
        let options = if self.personalizing() && !self.is_holdout() {
            options
        } else {
            server_order = RankOptions {
                impact: Some(0.0),
                ..options.clone()
            };
            &server_order
        };
        let stamp = self.profile.affinities.stamp();
        let table = match self.table.take() {
            Some((at, from, table)) if at == now && from == stamp => table,
            _ => ScoreTable::new(&self.profile, &self.config, now),
        };
        let ranked = rank::rank_batch(&table, &self.profile, &self.config, &items, options);
        self.table = Some((now, stamp, table));
        let order = ranked.order.clone();
        self.rankings.push(recent::Ranking {
            items,
            ranked,
            at: now,
        });
        order
    }

    /// Explains where `id` landed in the latest ranking that contained it, looking through
    /// the last [`MAX_KEPT_RANKINGS`] rankings, newest first (all of them holding at most
    /// [`MAX_KEPT_ITEMS`] items; the newest is always kept): a page ranks each of its lists
    /// in turn. `None` if none of them held `id`.
    ///
    /// [`MAX_KEPT_RANKINGS`]: crate::core::limits::MAX_KEPT_RANKINGS
    /// [`MAX_KEPT_ITEMS`]: crate::core::limits::MAX_KEPT_ITEMS
    pub fn explain(&self, id: &str) -> Option<Explanation> {
        let (last, index) = self.rankings.newest_with(id)?;
        let item = last.items.item(index);
        let table = ScoreTable::new(&self.profile, &self.config, last.at);
        let mut e = explain(&last.ranked, &item, index, &table, &self.config)?;
        let mut choices = Vec::new();
        self.profile
            .for_each_choice(&item, |c| choices.push(ChoiceView::of(c)));
        annotate(&mut e, &self.profile, choices);
        Some(e)
    }

    /// Validates and caches the neighbour lists the page of item `id` handed over, for as long
    /// as the profile's size budget keeps them. On error the profile is unchanged.
    pub fn add_item_data(&mut self, id: &str, data: ItemDataInput) -> Result<(), CoreError> {
        let id = crate::core::item::check_str(id, crate::core::limits::MAX_STRING_BYTES, &|| {
            "id".into()
        })?;
        if id.is_empty() {
            return Err(CoreError::new(
                ErrorKind::Missing,
                "id",
                "must be a non-empty id",
            ));
        }
        let data = data.validate()?;
        self.profile
            .neighbours
            .set_data(&id, data.related.clone(), data.bought_together.clone());
        self.profile.compact(&self.config, self.profile.updated);
        self.edit(edits::Edit::ItemData(id, data));
        Ok(())
    }

    /// Validates and loads the shop's public popularity data (overall and per category).
    pub fn set_popularity(&mut self, input: PopularityInput) -> Result<(), CoreError> {
        self.popularity = input.validate()?;
        Ok(())
    }

    /// Fills a recommendation slot; see [`crate::core::recommend`]. While personalization is
    /// off (paused, consent) or in the holdout arm, no slot draws on the shopper's history:
    /// only the shop's popularity and the cached neighbours of the anchor item are used.
    pub fn recommend(&self, options: &RecommendOptions) -> Vec<Recommendation> {
        if self.personalizing() && !self.is_holdout() {
            return recommend_slots::recommend(&self.profile, &self.popularity, options);
        }
        // Only the anchor's own entry: the cache's other keys are the viewed items.
        let mut anonymous = Profile::default();
        let anchor = options.item.as_deref();
        if let Some(entry) = anchor.and_then(|id| self.profile.neighbours.get(id)) {
            anonymous.neighbours.items.push(entry.clone());
        }
        recommend_slots::recommend(&anonymous, &self.popularity, options)
    }

    /// A read-only, decayed view of the profile.
    pub fn snapshot(&self, now_ms: f64) -> ProfileSnapshot {
        self.profile.snapshot(&self.config, minutes_from_ms(now_ms))
    }

    /// Forgets everything learned and starts a fresh profile (the kept rankings and the score
    /// table of the old interests go too).
    pub fn reset(&mut self, now_ms: f64) {
        // The holdout draw is not about the shopper; keeping it keeps the arms stable.
        let draw = self.profile.moments.draw;
        // A new start: whatever another tab writes from the profile it replaces (of its start
        // or of one a merge left in it) is stale.
        let id = self.next_lineage();
        self.profile.start_lineage(id);
        let ids = std::mem::take(&mut self.profile.lineage.ids);
        self.profile = Profile::new(minutes_from_ms(now_ms));
        self.profile.moments.draw = draw;
        self.profile.lineage.ids = ids;
        self.rankings.clear();
        self.table = None;
        self.replace_whole();
        self.journal.clear();
    }

    /// A new lineage id: this engine's writer id and how many lineages it started, hashed
    /// (never 0, which stands for profiles stored before lineages).
    fn next_lineage(&mut self) -> String {
        use crate::core::hash::{hash_bytes, HASH_START};
        self.lineages = self.lineages.wrapping_add(1);
        let h = hash_bytes(HASH_START, &self.journal.writer().to_le_bytes());
        crate::core::hash::decimal(hash_bytes(h, &self.lineages.to_le_bytes()).max(1))
    }

    /// Records a change that is not a learned event (applied again after the next merge).
    fn edit(&mut self, edit: edits::Edit) {
        self.dirty = true;
        self.edits.push(edit);
    }

    /// Records a change that replaces the whole profile: written as this tab's profile.
    fn replace_whole(&mut self) {
        self.dirty = true;
        self.edits.replace_all();
    }

    /// True once the profile changed since the last [`Engine::mark_saved`].
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Records that the current profile has been written to storage.
    pub fn mark_saved(&mut self) {
        self.dirty = false;
        self.edits.clear();
        self.journal.mark_written();
    }
}

/// Validates a list of items for ranking, naming the bad field (`items[3].price`).
pub fn validate_items(items: Vec<ItemInput>) -> Result<Vec<Item>, CoreError> {
    Ok(validate_batch(items)?.items())
}

/// [`validate_items`] into a batch, each distinct text held once (what ranking takes).
pub fn validate_batch(items: Vec<ItemInput>) -> Result<ItemBatch, CoreError> {
    if items.len() > MAX_RANK_ITEMS {
        return Err(too_many("items".into(), items.len(), MAX_RANK_ITEMS));
    }
    let mut out = BatchBuilder::default();
    for (i, it) in items.into_iter().enumerate() {
        out.add(&it.validate(At {
            list: "items",
            index: Some(i),
        })?);
    }
    let out = out.finish();
    // Repeated ids would make the output ambiguous.
    let repeat = out.first_repeated_id();
    if let Some(i) = repeat {
        return Err(CoreError::new(
            ErrorKind::Invalid,
            crate::core::text::concat(&["items[", &crate::core::text::count(i), "].id"]),
            "repeats an id already in the list",
        ));
    }
    Ok(out)
}
