//! Upgrading the case of what a stored profile holds: earlier versions folded ASCII letters
//! only, so a profile they wrote (or an older tab still writes) may hold `c:Кроссовки` next
//! to `c:кроссовки`. On restore every such text is folded
//! as this version folds it ([`crate::core::fold`]) and what becomes one merges, so nothing
//! learned is lost and no interest counts twice.

use super::Profile;
use crate::core::config::Config;
use crate::core::facet::lower;
use crate::core::fold::fold_char;

/// True when folding leaves `s` as it is.
fn is_folded(s: &str) -> bool {
    if s.is_ascii() {
        !s.bytes().any(|b| b.is_ascii_uppercase())
    } else {
        s.chars().all(|c| fold_char(c) == c)
    }
}

/// Folds `t` in place. Not inlined: one copy for every list [`fold_list`] folds.
#[inline(never)]
fn fold_in_place(t: &mut String) {
    if !is_folded(t) {
        *t = lower(t);
    }
}

/// Folds the text of each entry of `list` (`text` reads it; `None` for an entry whose text
/// keeps its case), and merges a later entry of the same folded text into the first one
/// (`merge`), which keeps its place. Returns whether anything changed. Quadratic only in a
/// profile that holds an unfolded text: once per upgrade, as the result is written back
/// folded.
fn fold_list<T>(
    list: &mut Vec<T>,
    text: fn(&mut T) -> Option<&mut String>,
    merge: &mut dyn FnMut(&mut T, &T),
) -> bool {
    if list
        .iter_mut()
        .all(|x| text(x).map_or(true, |t| is_folded(t)))
    {
        return false;
    }
    let mut i = 0;
    while i < list.len() {
        let (before, rest) = list.split_at_mut(i);
        let Some(entry) = rest.first_mut() else {
            break;
        };
        let Some(t) = text(entry) else {
            i += 1;
            continue;
        };
        fold_in_place(t);
        let t: &String = t;
        let first = before
            .iter_mut()
            .position(|x| text(x).is_some_and(|k| *k == *t));
        match first.and_then(|at| before.get_mut(at)) {
            Some(first) => {
                merge(first, entry);
                list.remove(i);
            }
            None => i += 1,
        }
    }
    true
}

impl Profile {
    /// Folds the case of interest keys, recent searches, choice keys (an item's id keeps its
    /// case) and hesitation categories written by a version that folded ASCII letters only.
    /// Two interests that become one add up, the earlier one decayed to the later one's
    /// minute, as [`Profile::absorb`] adds a page's interests; their counts add. Two
    /// hesitation counts add. Of two searches or choices the first (newest) stays, as
    /// repair keeps a list's first of two equal entries. Returns whether anything changed.
    /// Entries are checked first (finite values, distinct keys).
    pub(crate) fn fold_case(&mut self, config: &Config) -> bool {
        let (hl, shl) = (config.half_life_minutes(), config.session_half_life_minutes);
        let mut changed = fold_list(&mut self.affinities, |a| Some(&mut a.0), &mut |a, b| {
            let at = a.3.max(b.3);
            let (al, asn) = a.decayed(at, hl, shl);
            let (bl, bsn) = b.decayed(at, hl, shl);
            a.1 = al + bl;
            a.2 = asn + bsn;
            a.3 = at;
            a.4 = a.4.saturating_add(b.4);
        });
        changed |= fold_list(&mut self.searches, |s| Some(s), &mut |_, _| {});
        changed |= fold_list(
            &mut self.choices,
            |c| (!c.0.starts_with("i:")).then_some(&mut c.0),
            &mut |_, _| {},
        );
        changed |= fold_list(
            &mut self.moments.hesitation,
            |h| Some(&mut h.0),
            &mut |a, b| {
                a.1 = a.1.saturating_add(b.1);
            },
        );
        changed
    }
}
