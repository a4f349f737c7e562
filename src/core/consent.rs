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
