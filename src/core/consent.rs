//! Consent: what the engine may store and whether it may personalize.
//!
//! | mode | reads/writes storage | learns (in memory) | personalizes |
//! | --- | --- | --- | --- |
//! | `granted` | yes | yes | yes |
//! | `pending` | no | yes, this page only | yes, from this page's signals |
//! | `denied` | no (anything stored is erased) | no | no: server order |
//!
//! Storing on the shopper's device needs consent under the ePrivacy rules unless it is strictly
//! necessary, and a personalization profile is not; so a site that needs consent starts in
//! `pending` and grants once its consent banner says so. The Global Privacy Control signal
//! (`navigator.globalPrivacyControl`) means `denied` unless the site turns `respectGpc` off.

use crate::core::error::{CoreError, ErrorKind};

/// The shopper's consent to personalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Consent {
    /// Store the profile on the device and personalize.
    #[default]
    Granted,
    /// Not decided yet: learn and personalize from this page's signals, store nothing.
    Pending,
    /// No storage, no learning, server order only.
    Denied,
}

/// What storage must do after a consent change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageAction {
    /// Nothing to do.
    Keep,
    /// Consent was given: merge with any stored profile and write what was learned.
    Persist,
    /// Consent was withdrawn or refused: erase everything stored.
    Erase,
}

impl Consent {
    /// Reads `"granted"`, `"pending"` or `"denied"`; other text is an error naming `field`.
    pub fn parse(text: &str, field: &str) -> Result<Consent, CoreError> {
        match text {
            "granted" => Ok(Consent::Granted),
            "pending" => Ok(Consent::Pending),
            "denied" => Ok(Consent::Denied),
            _ => Err(CoreError::new(
                ErrorKind::Invalid,
                field,
                "must be \"granted\", \"pending\" or \"denied\"",
            )),
        }
    }

    /// The mode's name as the JS API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            Consent::Granted => "granted",
            Consent::Pending => "pending",
            Consent::Denied => "denied",
        }
    }

    /// The mode at start-up: the site's `configured` mode, unless the browser sends the Global
    /// Privacy Control signal and the site respects it (the default), which means `denied`.
    pub fn at_start(configured: Consent, respect_gpc: bool, gpc: bool) -> Consent {
        if respect_gpc && gpc {
            Consent::Denied
        } else {
            configured
        }
    }

    /// What storage must do when an engine starts in this mode: `denied` erases anything a
    /// previous consent left; `granted` and `pending` leave storage as it is (only `granted`
    /// reads it, see [`Consent::may_store`]).
    pub fn at_start_action(self) -> StorageAction {
        if self == Consent::Denied {
            StorageAction::Erase
        } else {
            StorageAction::Keep
        }
    }

    /// May the profile be read from or written to the device's storage?
    pub fn may_store(self) -> bool {
        self == Consent::Granted
    }

    /// May events be learned (in memory at least)?
    pub fn may_learn(self) -> bool {
        self != Consent::Denied
    }

    /// May rankings depart from the server's order?
    pub fn may_personalize(self) -> bool {
        self != Consent::Denied
    }

    /// Reads the consent record (`<namespace>:v1:consent`, written by
    /// [`Consent::record_change`] and [`Consent::record_at_load`]): the latest decision a tab
    /// made, so that every open tab and every later page follows it. Nothing stored (never
    /// recorded, or storage cleared) is no decision (`None`); text other than a mode's name
    /// (tampered, or a newer version's) is read as `denied`: a refusal is what a record holds
    /// when it is not a grant, so failing safe means refusing.
    pub fn from_record(text: Option<&str>) -> Option<Consent> {
        text.map(|t| match t {
            "granted" => Consent::Granted,
            "pending" => Consent::Pending,
            _ => Consent::Denied,
        })
    }

    /// How much the mode holds back: `granted` 0, `pending` 1, `denied` 2.
    fn strictness(self) -> u8 {
        match self {
            Consent::Granted => 0,
            Consent::Pending => 1,
            Consent::Denied => 2,
        }
    }

    /// The mode a page starts in, from its configured mode (after GPC, [`Consent::at_start`])
    /// and the record: the stricter of the two. A configured `granted` is also the default of
    /// a shop that asks nothing, so it cannot lift a refusal the shopper made; only
    /// `setConsent('granted')` does ([`Consent::record_change`]).
    pub fn at_load(self, record: Option<Consent>) -> Consent {
        match record {
            Some(r) if r.strictness() > self.strictness() => r,
            _ => self,
        }
    }

    /// What storage must do when a page starts in `self` (from [`Consent::at_load`]) finding
    /// `record`: erase when it starts `denied`, and when a refusal is recorded (a profile
    /// stored then was written by a tab that did not honour it, of a version before the
    /// record).
    pub fn at_load_action(self, record: Option<Consent>) -> StorageAction {
        if record.is_some_and(|r| !r.may_store()) {
            StorageAction::Erase
        } else {
            self.at_start_action()
        }
    }

    /// What a page load records: a page configured `denied` (the shop's consent tool's answer
    /// at load) records the refusal, so tabs still open stop too. `pending` there means "not
    /// answered yet", `granted` may be a default, and the GPC signal reaches every page
    /// itself: none of them is recorded.
    pub fn record_at_load(configured: Consent, record: Option<Consent>) -> Option<Consent> {
        (configured == Consent::Denied && record != Some(Consent::Denied)).then_some(configured)
    }

    /// What `setConsent(to)`, in a tab in mode `before` that finds `record` stored, records
    /// (`None`: nothing to write). A refusal (`denied`) and a withdrawal (`pending` after
    /// `granted`) are recorded, and so is `pending` over a recorded `denied` (the later
    /// decision); `pending` in a tab that never had consent is not (a page still waiting for
    /// its banner must not withdraw the other tabs' consent). `granted` is recorded when a
    /// decision is recorded or the tab had no consent, so the tabs that follow a refusal store
    /// again; a tab already `granted` with nothing recorded writes nothing (a shop that asks
    /// nothing keeps no record).
    pub fn record_change(before: Consent, to: Consent, record: Option<Consent>) -> Option<Consent> {
        let write = match to {
            Consent::Denied => true,
            Consent::Pending => before == Consent::Granted || record == Some(Consent::Denied),
            Consent::Granted => record.is_some() || before != Consent::Granted,
        };
        (write && record != Some(to)).then_some(to)
    }

    /// The mode a tab in mode `self` switches to on finding `record` (a `storage` event of the
    /// record, or the record read before each write of the profile): the recorded decision
    /// when it differs, the latest decision made in any tab; `None` to stay. No record (never
    /// made, or cleared with the rest of storage) changes nothing: only a written `granted`
    /// lifts a refusal.
    pub fn follow(self, record: Option<Consent>) -> Option<Consent> {
        record.filter(|&r| r != self)
    }

    /// What storage must do when consent changes from `self` to `to`: granting persists,
    /// withdrawing (to `pending` or `denied`) and refusing erase; `denied` always erases.
    pub fn change_to(self, to: Consent) -> StorageAction {
        match (self, to) {
            (_, Consent::Denied) => StorageAction::Erase,
            (Consent::Granted, Consent::Granted) | (Consent::Pending, Consent::Pending) => {
                StorageAction::Keep
            }
            (_, Consent::Granted) => StorageAction::Persist,
            (_, Consent::Pending) => StorageAction::Erase,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_allows_exactly_its_rules() {
        let rules = |c: Consent| (c.may_store(), c.may_learn(), c.may_personalize());
        assert_eq!(rules(Consent::Granted), (true, true, true));
        assert_eq!(rules(Consent::Pending), (false, true, true));
        assert_eq!(rules(Consent::Denied), (false, false, false));
    }

    #[test]
    fn gpc_denies_unless_the_site_overrides() {
        assert_eq!(
            Consent::at_start(Consent::Granted, true, true),
            Consent::Denied
        );
        assert_eq!(
            Consent::at_start(Consent::Pending, true, true),
            Consent::Denied
        );
        assert_eq!(
            Consent::at_start(Consent::Granted, false, true),
            Consent::Granted
        );
        assert_eq!(
            Consent::at_start(Consent::Pending, true, false),
            Consent::Pending
        );
    }

    #[test]
    fn granting_persists_and_withdrawing_erases() {
        use Consent::*;
        assert_eq!(Pending.change_to(Granted), StorageAction::Persist);
        assert_eq!(Denied.change_to(Granted), StorageAction::Persist);
        assert_eq!(Granted.change_to(Pending), StorageAction::Erase);
        assert_eq!(Granted.change_to(Denied), StorageAction::Erase);
        assert_eq!(Pending.change_to(Denied), StorageAction::Erase);
        assert_eq!(Granted.change_to(Granted), StorageAction::Keep);
        assert_eq!(Pending.change_to(Pending), StorageAction::Keep);
    }

    #[test]
    fn a_record_reads_as_its_mode_and_anything_else_as_a_refusal() {
        use Consent::*;
        assert_eq!(Consent::from_record(None), None);
        assert_eq!(Consent::from_record(Some("granted")), Some(Granted));
        assert_eq!(Consent::from_record(Some("pending")), Some(Pending));
        assert_eq!(Consent::from_record(Some("denied")), Some(Denied));
        for bad in ["", "Granted", "yes", "granted ", "{\"v\":2}"] {
            assert_eq!(Consent::from_record(Some(bad)), Some(Denied), "{bad:?}");
        }
    }

    #[test]
    fn a_page_starts_in_the_stricter_of_its_configuration_and_the_record() {
        use Consent::*;
        for c in [Granted, Pending, Denied] {
            assert_eq!(c.at_load(None), c);
            assert_eq!(
                c.at_load(Some(Granted)),
                c,
                "a recorded grant grants nothing itself"
            );
            assert_eq!(c.at_load(Some(Denied)), Denied);
        }
        assert_eq!(Granted.at_load(Some(Pending)), Pending);
        assert_eq!(Denied.at_load(Some(Pending)), Denied);
        assert_eq!(Granted.at_load_action(None), StorageAction::Keep);
        assert_eq!(Pending.at_load_action(Some(Granted)), StorageAction::Keep);
        assert_eq!(Denied.at_load_action(None), StorageAction::Erase);
        assert_eq!(Pending.at_load_action(Some(Pending)), StorageAction::Erase);
        assert_eq!(Denied.at_load_action(Some(Denied)), StorageAction::Erase);
        // Only a page configured `denied` records at load, and only what is not recorded.
        assert_eq!(Consent::record_at_load(Denied, None), Some(Denied));
        assert_eq!(Consent::record_at_load(Denied, Some(Granted)), Some(Denied));
        assert_eq!(Consent::record_at_load(Denied, Some(Denied)), None);
        assert_eq!(Consent::record_at_load(Pending, Some(Granted)), None);
        assert_eq!(Consent::record_at_load(Granted, None), None);
    }

    #[test]
    fn set_consent_records_refusals_withdrawals_and_the_grant_that_lifts_them() {
        use Consent::*;
        let r = Consent::record_change;
        assert_eq!(r(Granted, Denied, None), Some(Denied));
        assert_eq!(r(Pending, Denied, Some(Granted)), Some(Denied));
        assert_eq!(r(Denied, Denied, Some(Denied)), None, "already recorded");
        assert_eq!(r(Granted, Pending, None), Some(Pending), "a withdrawal");
        assert_eq!(r(Granted, Pending, Some(Granted)), Some(Pending));
        assert_eq!(
            r(Denied, Pending, Some(Denied)),
            Some(Pending),
            "the later decision"
        );
        assert_eq!(
            r(Pending, Pending, None),
            None,
            "still waiting for the banner"
        );
        assert_eq!(r(Pending, Pending, Some(Granted)), None);
        assert_eq!(r(Denied, Pending, None), None);
        assert_eq!(
            r(Denied, Granted, Some(Denied)),
            Some(Granted),
            "given again"
        );
        assert_eq!(r(Pending, Granted, Some(Pending)), Some(Granted));
        assert_eq!(
            r(Pending, Granted, None),
            Some(Granted),
            "first grant: tabs waiting follow"
        );
        assert_eq!(
            r(Granted, Granted, Some(Denied)),
            Some(Granted),
            "a later grant wins"
        );
        assert_eq!(
            r(Granted, Granted, None),
            None,
            "a shop that asks nothing keeps no record"
        );
        assert_eq!(r(Granted, Granted, Some(Granted)), None);
    }

    #[test]
    fn open_tabs_follow_the_latest_recorded_decision() {
        use Consent::*;
        assert_eq!(Granted.follow(Some(Denied)), Some(Denied));
        assert_eq!(Granted.follow(Some(Pending)), Some(Pending));
        assert_eq!(Pending.follow(Some(Denied)), Some(Denied));
        assert_eq!(Denied.follow(Some(Granted)), Some(Granted));
        assert_eq!(Pending.follow(Some(Granted)), Some(Granted));
        assert_eq!(Granted.follow(Some(Granted)), None);
        for c in [Granted, Pending, Denied] {
            assert_eq!(c.follow(None), None, "a removed record lifts nothing");
        }
        // A tab following a withdrawal stores again only once a grant is recorded.
        let record = Consent::from_record(Some("denied"));
        let b = Granted.follow(record).unwrap_or(Granted);
        assert!(!b.may_store());
        assert!(b
            .follow(Consent::from_record(Some("granted")))
            .is_some_and(Consent::may_store));
    }

    #[test]
    fn parse_names_the_field() {
        assert_eq!(
            Consent::parse("pending", "consent").unwrap(),
            Consent::Pending
        );
        let e = Consent::parse("yes", "config.consent").unwrap_err();
        assert_eq!(e.field, "config.consent");
        assert_eq!(Consent::Denied.as_str(), "denied");
    }
}
