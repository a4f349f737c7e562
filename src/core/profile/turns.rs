//! The order of the shopper's choices across tabs: each change to the choice about a key
//! (setting it, or forgetting it) is the key's next *turn*, kept as `<hash>.<turn>` in `ct`
//! (the hash of the key as a removal mark hashes it, [`removal_key`], never the key; at most
//! [`MAX_REMOVALS`], dropped when a new visit starts, as the removal marks). A tab replaying a
//! choice onto a profile that holds that key's turn or a later one (a change made by a tab
//! that knew of this one) leaves the later change in place, so when a write from older data
//! dropped changes two tabs made, the later one still wins whichever tab repairs first. And
//! a tab carries the later turns it holds into a stored profile that lacks them (a write from
//! older data), as it carries removal marks, so a change reaches the tabs that read it even
//! when the tab that made it has not repaired it yet.

use super::choice::{Choice, MAX_CHOICES};
use super::erased::{generation_in, mark_of, mark_parts, put_mark, removal_key, MAX_REMOVALS};
use super::Profile;

/// The hash a choice about `key` is ordered by.
pub fn choice_hash(key: &str) -> String {
    removal_key(false, key)
}

/// The mark of turn `turn` of the choice `hash` ([`choice_hash`]) stands for.
pub fn turn_of(hash: &str, turn: u32) -> String {
    mark_of(hash, turn)
}

impl Profile {
    /// The latest turn of the choice `hash` ([`choice_hash`]) stands for that this profile
    /// holds (0: none).
    pub fn choice_turn(&self, hash: &str) -> u32 {
        generation_in(&self.choice_turns, hash)
    }

    /// Whether this profile holds turn `mark` ([`turn_of`]) of a choice, or a later one.
    pub fn holds_turn(&self, mark: &str) -> bool {
        let (hash, n) = mark_parts(mark);
        self.choice_turn(hash) >= n
    }

    /// Records turn `mark` of a choice, newest first, in place of an earlier turn of it.
    pub fn mark_turn(&mut self, mark: &str) {
        put_mark(&mut self.choice_turns, mark, MAX_REMOVALS);
    }

    /// Takes from `from` (a profile of this visit, or one that started none) every choice
    /// turn this profile lacks, with the choice as `from` holds it (none: forgotten), unless
    /// this profile holds a later removal of the item. Returns whether any was taken.
    pub fn carry_turns(&mut self, from: &Profile) -> bool {
        let mut carried = false;
        if !self.same_visit(from.visits) {
            return false;
        }
        for mark in &from.choice_turns {
            let hash = mark_parts(mark).0;
            if self.holds_turn(mark)
                || self.removal_generation(hash) > from.removal_generation(hash)
            {
                continue;
            }
            let about = |c: &Choice| choice_hash(&c.0) == hash;
            if let Some(i) = self.choices.iter().position(about) {
                self.choices.remove(i);
            }
            if let Some(c) = from.choices.iter().find(|c| about(c)) {
                self.choices.insert(0, c.clone());
                self.choices.truncate(MAX_CHOICES);
            }
            self.mark_turn(mark);
            carried = true;
        }
        carried
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::erased::MAX_MARK_BYTES;

    #[test]
    fn turns_are_hashed_ordered_and_bounded() {
        let mut p = Profile::new(5);
        let bags = choice_hash("c:bags");
        assert_eq!(p.choice_turn(&bags), 0);
        p.mark_turn(&turn_of(&bags, 1));
        assert_eq!(
            p.choice_turns,
            vec![bags.clone()],
            "the first turn is the hash"
        );
        p.mark_turn(&turn_of(&bags, 3));
        assert_eq!(p.choice_turns.len(), 1);
        assert!(p.holds_turn(&turn_of(&bags, 2)) && !p.holds_turn(&turn_of(&bags, 4)));
        assert!(p.choice_turns.iter().all(|m| !m.contains("bags")));
        for i in 0..40 {
            p.mark_turn(&turn_of(&choice_hash(&i.to_string()), 2));
        }
        assert_eq!(p.choice_turns.len(), MAX_REMOVALS);
    }

    #[test]
    fn a_removal_again_is_the_next_generation_and_replaces_the_earlier_mark() {
        let x = removal_key(true, "x");
        assert_eq!(mark_parts(&x), (x.as_str(), 1));
        let second = mark_of(&x, 2);
        assert_eq!(second, format!("{x}.2"));
        assert_eq!(mark_parts(&second), (x.as_str(), 2));
        assert_eq!(mark_parts("12.junk").1, 1, "unreadable: the first");
        assert!(second.len() <= MAX_MARK_BYTES && mark_of("4294967295", u32::MAX).len() <= 21);
        let mut p = Profile::new(5);
        p.visits = 1;
        p.mark_removed(&x);
        p.mark_removed(&second);
        assert_eq!(p.removed, vec![second.clone()]);
        p.mark_removed(&x);
        assert_eq!(
            p.removed,
            vec![second.clone()],
            "an older generation stays out"
        );
        assert!(p.holds_removal(&x) && p.holds_removal(&second));
        assert!(!p.holds_removal(&mark_of(&x, 3)));
        // Carried: a later generation removes the item again and replaces the mark.
        p.viewed = vec!["x".into()].into();
        assert!(!p.carry_marks(std::slice::from_ref(&x), 1, &Default::default()));
        assert_eq!(p.viewed.len(), 1, "held already: what came after stays");
        assert!(p.carry_marks(&[mark_of(&x, 3)], 1, &Default::default()));
        assert!(p.viewed.is_empty());
        assert_eq!(p.removed, vec![mark_of(&x, 3)]);
        let mut fresh = Profile::new(5);
        fresh.viewed = vec!["x".into()].into();
        assert!(
            fresh.carry_marks(std::slice::from_ref(&x), 1, &Default::default()),
            "visit 0 is this visit"
        );
        assert!(fresh.viewed.is_empty());
    }
}
