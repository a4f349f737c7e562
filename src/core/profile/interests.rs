//! The profile's interests, with a stamp that says "unchanged since" without comparing them.
//!
//! Ranking keeps the table of interests decayed to a minute (`Engine`'s score table) and uses
//! it again while the interests it was built from are unchanged. Comparing every interest with
//! a kept copy on each call cost about 1 % of a ranking. Instead the list carries a stamp,
//! taken afresh from one counter for the whole program whenever the list is made or borrowed
//! mutably: the list itself is private, reached for reading through `Deref` and for changing
//! only through `DerefMut` (or `&mut` iteration), which takes a new stamp first. So two lists
//! with the same stamp are copies ([`Clone`] keeps the stamp) of one list that has not been
//! borrowed mutably since, and hold the same interests, whichever method, merge or replacement
//! of the whole profile changed them. A mutable borrow that changes nothing only costs one
//! rebuild of the table.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Affinity;

/// The next stamp. Shared by every list in the program (two profiles' lists never share a
/// stamp unless one is a copy of the other); 64 bits never wrap.
static NEXT: AtomicU64 = AtomicU64::new(1);

fn fresh() -> u64 {
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The interests, in insertion order, and their stamp (see the module documentation). Reads
/// as a `Vec<Affinity>`; stored as one.
#[derive(Clone)]
pub struct Interests {
    list: Vec<Affinity>,
    stamp: u64,
}

impl Interests {
    /// The stamp: equal stamps mean equal interests (the converse need not hold).
    pub fn stamp(&self) -> u64 {
        self.stamp
    }
}

impl Default for Interests {
    fn default() -> Self {
        Interests::from(Vec::new())
    }
}

impl From<Vec<Affinity>> for Interests {
    fn from(list: Vec<Affinity>) -> Self {
        Interests {
            list,
            stamp: fresh(),
        }
    }
}

impl FromIterator<Affinity> for Interests {
    fn from_iter<I: IntoIterator<Item = Affinity>>(iter: I) -> Self {
        Interests::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl Deref for Interests {
    type Target = Vec<Affinity>;
    fn deref(&self) -> &Vec<Affinity> {
        &self.list
    }
}

/// Every way to change the list: a new stamp first.
impl DerefMut for Interests {
    fn deref_mut(&mut self) -> &mut Vec<Affinity> {
        self.stamp = fresh();
        &mut self.list
    }
}

impl<'a> IntoIterator for &'a Interests {
    type Item = &'a Affinity;
    type IntoIter = std::slice::Iter<'a, Affinity>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<'a> IntoIterator for &'a mut Interests {
    type Item = &'a mut Affinity;
    type IntoIter = std::slice::IterMut<'a, Affinity>;
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

/// The interests only: the stamp is not part of what a profile is.
impl PartialEq for Interests {
    fn eq(&self, other: &Self) -> bool {
        self.list == other.list
    }
}

impl fmt::Debug for Interests {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.list.fmt(f)
    }
}

impl Serialize for Interests {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.list.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Interests {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::deserialize(d).map(Interests::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_is_kept_by_copies_and_renewed_by_every_change() {
        let a: Interests = vec![Affinity::new("c:x".into(), 1)].into();
        let copy = a.clone();
        assert_eq!(copy.stamp(), a.stamp());
        let mut b = a.clone();
        b.retain(|_| true);
        assert_ne!(b.stamp(), a.stamp(), "a mutable borrow renews it");
        let before = b.stamp();
        for x in &mut b {
            x.1 = 2.0;
        }
        assert_ne!(b.stamp(), before, "so does a mutable iteration");
        let (c, d) = (Interests::default(), Interests::default());
        assert_ne!(c.stamp(), d.stamp(), "each new list has its own");
        use serde::de::value::{Error, SeqDeserializer};
        let read = Interests::deserialize(SeqDeserializer::<_, Error>::new(
            Vec::<u8>::new().into_iter(),
        ));
        assert!(
            read.is_ok_and(|e| e.stamp() > d.stamp()),
            "nor does a list read"
        );
    }
}
