//! The score table kept between rankings ([`Engine`]'s `table`) is used again only while the
//! profile's interests are unchanged: every way the interests change is followed, within the
//! same minute, by a ranking that must equal one from a table built afresh.

use super::*;
use crate::core::consent::Consent;
use crate::core::id::IdText;

/// One minute's milliseconds: every call of a check runs in it, so the kept table would be
/// used again if it were taken for current.
const NOW: f64 = 1_793_491_200_000.0;

fn item(id: &str, brand: &str, name: &str) -> ItemInput {
    ItemInput {
        id: Some(IdText(id.into())),
        name: Some(name.into()),
        category: Some(vec!["shoes".into()]),
        brand: Some(brand.into()),
        ..ItemInput::default()
    }
}

/// The list ranked: one item per brand, the server's order last brand first.
fn items() -> Vec<ItemInput> {
    vec![
        item("n1", "nova", "plain"),
        item("z1", "zeta", "plain"),
        item("a1", "acme", "plain"),
        item("b1", "bolt", "trail boots"),
    ]
}

fn options() -> RankOptionsInput {
    RankOptionsInput {
        impact: Some(1.0),
        ..RankOptionsInput::default()
    }
}

fn event(kind: &str, it: ItemInput) -> EventInput {
    EventInput {
        kind: Some(kind.into()),
        item: Some(it),
        ..EventInput::default()
    }
}

fn view(e: &mut Engine, id: &str, brand: &str, times: usize) {
    for _ in 0..times {
        let ev = event("view_item", item(id, brand, "plain"));
        assert_eq!(e.track(ev, NOW), Ok(()));
    }
}

fn search(e: &mut Engine, query: &str) {
    let ev = EventInput {
        kind: Some("search".into()),
        query: Some(query.into()),
        ..EventInput::default()
    };
    assert_eq!(e.track(ev, NOW), Ok(()));
}

/// An engine (writer `writer`) that viewed acme items most, then zeta, and searched "boots".
fn trained(writer: u32) -> Engine {
    let mut e = Engine::new(&Config::default(), NOW);
    e.set_writer(writer);
    view(&mut e, "a9", "acme", 6);
    view(&mut e, "z9", "zeta", 3);
    search(&mut e, "boots");
    e
}

fn rank(e: &mut Engine) -> Vec<usize> {
    e.rank_order(items(), options(), NOW).unwrap_or_default()
}

/// Ranks (building the table), applies `change`, ranks again in the same minute: the answer
/// must be the one a table built afresh gives, and differ from the first (else the check
/// could not fail).
fn check(what: &str, e: &mut Engine, change: impl FnOnce(&mut Engine)) {
    let before = rank(e);
    assert!(e.table.is_some(), "{what}: a ranking keeps its table");
    change(e);
    let after = rank(e);
    let mut fresh = e.clone();
    fresh.table = None;
    let want = rank(&mut fresh);
    assert_eq!(after, want, "{what}: ranked with the interests held before");
    assert_ne!(before, want, "{what}: the change moves the order");
}

#[test]
fn track_changes_the_table() {
    check("track", &mut trained(1), |e| view(e, "n9", "nova", 12));
}

#[test]
fn removals_change_the_table() {
    check("remove_interest", &mut trained(1), |e| {
        e.remove_interest("b:acme");
    });
    check("remove_item", &mut trained(1), |e| {
        e.remove_item("a9");
    });
    check("remove_search", &mut trained(1), |e| {
        e.remove_search("boots");
    });
    check("remove_interest of a search", &mut trained(1), |e| {
        e.remove_interest("s:boots");
    });
}

#[test]
fn undoing_a_removal_by_learning_again_changes_the_table() {
    let mut e = trained(1);
    e.remove_interest("b:acme");
    check("learned again", &mut e, |e| view(e, "a8", "acme", 6));
}

#[test]
fn a_choice_then_its_undo_rank_as_afresh() {
    // Choices score apart from the table; the table must still answer as afresh.
    let mut e = trained(1);
    let target = ChoiceTarget::Key("b:nova".into());
    let before = rank(&mut e);
    assert_eq!(e.choose(&target, 1, "target", NOW), Ok(()));
    let liked = rank(&mut e);
    assert_ne!(before, liked, "more like this moves nova up");
    check("undo of a choice", &mut e, |e| {
        assert_eq!(e.choose(&target, 0, "target", NOW), Ok(()));
    });
}

#[test]
fn reset_and_erase_change_the_table() {
    // `erase` and `reset` in the browser both call `Engine::reset`.
    check("reset", &mut trained(1), |e| e.reset(NOW));
    check("another tab's reset", &mut trained(1), |e| {
        assert!(e.reset_event(None, false, NOW));
    });
}

#[test]
fn a_reset_keeps_no_table_of_the_erased_interests() {
    // The table holds the interests decayed: a reset (and `erase`) forgets it with the
    // profile and the kept rankings, rather than holding it in memory until the next `rank`.
    let mut e = trained(1);
    rank(&mut e);
    e.reset(NOW);
    assert!(e.table.is_none(), "the erased interests' table is kept");
}

#[test]
fn consent_withdrawal_changes_the_table() {
    check("denied, then granted", &mut trained(1), |e| {
        e.set_consent(Consent::Denied, NOW);
        e.set_consent(Consent::Granted, NOW);
    });
    // Withdrawn to `pending`, memory keeps only what this page learned: here the nova views
    // on top of a profile read from storage.
    let mut e = Engine::new(&Config::default(), NOW);
    assert!(e.restore(trained(2).profile().clone(), NOW).is_ok());
    view(&mut e, "n9", "nova", 1);
    check("pending, then granted", &mut e, |e| {
        e.set_consent(Consent::Pending, NOW);
        e.set_consent(Consent::Granted, NOW);
    });
}

#[test]
fn another_tabs_write_merged_changes_the_table() {
    let mut a = trained(1);
    assert!(a.merge_stored(None, NOW).is_ok());
    a.mark_saved();
    let mut b = Engine::new(&Config::default(), NOW);
    b.set_writer(2);
    assert!(b.merge_stored(Some(a.profile().clone()), NOW).is_ok());
    view(&mut b, "n9", "nova", 12);
    assert!(b.merge_stored(Some(a.profile().clone()), NOW).is_ok());
    let written = b.profile().clone();
    check("merge_stored", &mut a, |a| {
        assert!(a.merge_stored(Some(written), NOW).is_ok());
    });
}

#[test]
fn a_profile_read_or_imported_changes_the_table() {
    let mut other = trained(2);
    view(&mut other, "n9", "nova", 12);
    let read = other.profile().clone();
    check("restore", &mut trained(1), |e| {
        assert!(e.restore(read.clone(), NOW).is_ok());
    });
    check("import", &mut trained(1), |e| {
        assert!(e.import(read.clone(), NOW).is_ok());
    });
    check("absorb_stored", &mut trained(1), |e| {
        e.set_consent(Consent::Pending, NOW);
        e.set_consent(Consent::Granted, NOW);
        e.absorb_stored(read.clone(), NOW);
    });
}

#[test]
fn pruning_changes_the_table() {
    check("shrink_to", &mut trained(1), |e| e.shrink_to(120, NOW));
}

#[test]
fn an_unchanged_profile_keeps_its_table() {
    let mut e = trained(1);
    let first = rank(&mut e);
    let kept = e.table.as_ref().map(|t| t.1);
    assert_eq!(rank(&mut e), first);
    assert_eq!(e.table.as_ref().map(|t| t.1), kept);
}
