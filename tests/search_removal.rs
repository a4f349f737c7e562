//! The shopper removes one search (`removeSearch`): the text leaves the history, with the
//! search-term interests of its terms (also those a kept search has), and it stays removed across tabs: a tab
//! replaying a search it made before it knew of the removal, or writing over the removal from
//! an older copy, does not bring it back. The mark kept is a hash, never the text.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::tabs::{self, holds_interest, tab, view, write};
use common::*;
use shelfwise::core::{Engine, Profile};

fn searches(p: &Profile) -> Vec<&str> {
    p.searches.iter().map(String::as_str).collect()
}

/// The stored form of `p` holds none of `texts`.
fn stored_lacks(p: &Profile, texts: &[&str]) {
    let json = serde_json::to_string(p).unwrap();
    for t in texts {
        assert!(!json.contains(t), "the stored profile holds {t:?}: {json}");
    }
}

#[test]
fn a_removed_search_leaves_the_history_with_its_terms() {
    let mut a = tab(11);
    search(&mut a, "Red Shoes");
    search(&mut a, "red dress");
    view(&mut a, "x", "acme");
    assert_eq!(searches(a.profile()), vec!["red dress", "red shoes"]);
    assert!(a.remove_search("Red SHOES"), "any case of the text");
    let p = a.profile();
    assert_eq!(searches(p), vec!["red dress"]);
    assert!(!holds_interest(p, "q:shoes"));
    assert!(!holds_interest(p, "q:red"), "a kept search's term goes too");
    assert!(holds_interest(p, "q:dress") && holds_interest(p, "b:acme"));
    assert_eq!(p.removed.len(), 1, "one mark for the search");
    assert!(p.removed[0].bytes().all(|b| b.is_ascii_digit()), "a hash");
    stored_lacks(p, &["red shoes", "q:shoes"]);
    assert!(a.is_dirty());
    assert!(!a.remove_search("red shoes"), "held no more");
    assert!(!a.remove_search("never searched"));
    // Searched again after its removal: new history.
    search(&mut a, "red shoes");
    assert_eq!(searches(a.profile()), vec!["red shoes", "red dress"]);
    assert!(holds_interest(a.profile(), "q:shoes"));
}

/// Two tabs holding the stored profile with the searches `red shoes` and `blue socks`.
fn two_tabs() -> (Engine, Engine, Profile) {
    let (a, b, stored) = tabs::two_tabs(|a| search(a, "red shoes"), |b| search(b, "blue socks"));
    assert_eq!(searches(a.profile()), vec!["blue socks", "red shoes"]);
    (a, b, stored)
}

/// B, holding an older copy, writes over A's removal (the read-write race): when that write
/// reaches A, A removes the search again and writes; B takes that in.
#[test]
fn a_tab_writing_from_an_older_copy_does_not_bring_a_removed_search_back() {
    let (mut a, mut b, stored) = two_tabs();
    assert!(a.remove_search("red shoes"));
    let stale = tabs::b_writes_over_a(&mut a, &mut b, stored);
    assert!(searches(&stale).contains(&"red shoes"));
    a.merge_stored(Some(stale), T0).unwrap();
    let p = a.profile();
    assert_eq!(
        searches(p),
        vec!["blue socks"],
        "the older copy brought it back"
    );
    assert!(!holds_interest(p, "q:red") && !holds_interest(p, "q:shoes"));
    assert!(holds_interest(p, "b:nova"), "B's new view is kept");
    assert!(a.is_dirty(), "A writes the removal again");
    let fixed = write(&mut a, None);
    stored_lacks(&fixed, &["red shoes", "q:red", "q:shoes"]);
    b.merge_stored(Some(fixed), T0).unwrap();
    assert_eq!(searches(b.profile()), vec!["blue socks"]);
    assert!(!holds_interest(b.profile(), "q:shoes"));
}

/// B made the same search again before it knew of the removal: replayed onto what A wrote,
/// it does not bring the search or its terms back. A search B makes afterwards does.
#[test]
fn a_search_made_before_the_removal_was_known_is_not_replayed_back() {
    let (mut a, mut b, _) = two_tabs();
    search(&mut b, "red shoes");
    search(&mut b, "green hat");
    assert!(a.remove_search("red shoes"));
    let removed = write(&mut a, None);
    b.merge_stored(Some(removed), T0).unwrap();
    let p = b.profile();
    assert_eq!(searches(p), vec!["green hat", "blue socks"]);
    assert!(
        !holds_interest(p, "q:shoes"),
        "B's older search brought q:shoes back"
    );
    assert!(holds_interest(p, "q:hat"), "B's other search is kept");
    search(&mut b, "red shoes");
    let again = write(&mut b, None);
    assert_eq!(searches(&again)[0], "red shoes", "searched after it knew");
    a.merge_stored(Some(again), T0).unwrap();
    assert_eq!(searches(a.profile())[0], "red shoes");
}

/// `p` keeps the one search `kept`, without the word `gone` the removal took from it.
fn keeps_only(p: &Profile, kept: &str, gone: &str, why: &str) {
    assert_eq!(searches(p), vec![kept], "the kept search stays");
    assert!(!holds_interest(p, gone), "{why}");
}

/// Found by the `tabs_erase` fuzz target: A searches "shoes", then removes "red shoes", which
/// takes the kept search's term `q:shoes` too; B, which had read nothing, writes over A's
/// write. When A merges B's write, its removal mark is carried over first, then A replays its
/// own search from before the removal: `q:shoes` came back with it.
#[test]
fn a_search_replayed_from_before_its_tabs_removal_does_not_bring_the_terms_back() {
    let (mut a, mut b) = (tab(7), tab(8));
    search(&mut a, "shoes");
    view(&mut b, "x", "acme");
    assert!(a.remove_search("RED SHOES"));
    assert!(!holds_interest(a.profile(), "q:shoes"));
    write(&mut a, None);
    let over = write(&mut b, None);
    a.merge_stored(Some(over), T0).unwrap();
    let p = a.profile();
    keeps_only(
        p,
        "shoes",
        "q:shoes",
        "the replayed search brought q:shoes back",
    );
    assert!(
        holds_interest(p, "b:acme") && p.events == 2,
        "B's view counts"
    );
    // Searched again after the removal: its term is back.
    search(&mut a, "shoes");
    let again = write(&mut a, None);
    assert!(holds_interest(&again, "q:shoes"));
}

/// Found by the `tabs_erase` fuzz target: B searches "red dress" and writes, then removes
/// "red shoes", which takes the kept search's term `q:red` too; A, which read B's write
/// before the removal, writes over it. When B merges A's write, which holds B's search, the
/// removal mark was carried over (no "red shoes" to take there) and B's journaled removal,
/// then held already, was not applied again: `q:red` stayed.
#[test]
fn a_removal_carried_into_an_older_write_takes_the_terms_it_took() {
    let (mut a, mut b) = (tab(7), tab(8));
    search(&mut b, "red dress");
    let with_search = write(&mut b, None);
    assert!(b.remove_search("RED SHOES"));
    view(&mut a, "x", "acme");
    let over = write(&mut a, Some(with_search));
    b.merge_stored(Some(over), T0).unwrap();
    let p = b.profile();
    let why = "the older write kept q:red, which the removal took";
    keeps_only(p, "red dress", "q:red", why);
    assert!(holds_interest(p, "q:dress") && holds_interest(p, "b:acme"));
    assert_eq!(p.events, 2);
}

/// `removeInterest('s:<text>')`, as README documents it, is `removeSearch(text)`: the same
/// removal, the same one hashed mark.
#[test]
fn removing_the_interest_key_of_a_search_removes_that_search() {
    let (mut a, mut b) = (tab(21), tab(22));
    for e in [&mut a, &mut b] {
        search(e, "Red Shoes");
        search(e, "blue hat");
    }
    assert!(a.remove_interest("s:RED shoes"));
    assert!(b.remove_search("red shoes"));
    for p in [a.profile(), b.profile()] {
        assert_eq!(searches(p), vec!["blue hat"]);
        assert!(!holds_interest(p, "q:shoes") && !holds_interest(p, "q:red"));
        assert!(holds_interest(p, "q:hat"));
    }
    assert_eq!(
        a.profile().removed,
        b.profile().removed,
        "one mark, either way"
    );
    assert!(!a.remove_interest("s:red shoes"), "held no more");
}
