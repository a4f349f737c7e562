//! Writer marks: which tab wrote which of its events into a stored profile.
//!
//! Every engine instance (one per page) is a *writer* with a random id and numbers its events
//! 1, 2, 3, …. A stored profile records, per writer, the highest event number it contains
//! (`[writer, seq]`, most recently written first). When a tab merges its own events into what
//! another tab stored, these marks say exactly which of its events are already in, so none is
//! counted twice and none is lost (see [`crate::core::sync`]).

use serde::{Deserialize, Serialize};

use super::Profile;

/// Most writer marks kept. The least recently written are forgotten first; a tab whose mark
/// was forgotten has not written for at least this many other tabs' writes.
pub const MAX_WRITERS: usize = 16;

/// `[writer, seq]`: the profile holds `writer`'s events numbered 1 through `seq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterMark(
    /// Random id of the writing engine instance (never 0).
    pub u32,
    /// Highest event number of that writer the profile contains.
    pub u32,
);

impl Profile {
    /// The highest event number of `writer` this profile contains (0 when none).
    pub fn writer_seq(&self, writer: u32) -> u32 {
        self.writers
            .iter()
            .find(|m| m.0 == writer)
            .map_or(0, |m| m.1)
    }

    /// The writer that wrote this profile last, if known.
    pub fn last_writer(&self) -> Option<u32> {
        self.writers.first().map(|m| m.0)
    }

    /// Records that the profile holds `writer`'s events up to `seq` and that `writer` wrote it
    /// last (its mark moves to the front). Keeps at most [`MAX_WRITERS`] marks.
    pub fn mark_writer(&mut self, writer: u32, seq: u32) {
        let seq = seq.max(self.writer_seq(writer));
        self.writers.retain(|m| m.0 != writer);
        self.writers.insert(0, WriterMark(writer, seq));
        self.writers.truncate(MAX_WRITERS);
    }

    /// True when this profile (what is stored now) holds everything `written` (an earlier
    /// write, whose `storage` event arrives late) could bring: the same lineage, every writer
    /// mark at least as far, its pause or resume no later, its removal marks and choice turns.
    /// Such a profile is a later write made from `written` or from a later one, not one made
    /// from older data over it: there is nothing to take in from `written`, and a tab that
    /// took it in would write a profile the stored one already holds, which can land over
    /// newer writes of a tab inside a long task (session 16, `tests/tabs_late_events.rs`).
    pub fn holds_write(&self, written: &Profile) -> bool {
        self.lineage == written.lineage
            && written.writers.iter().all(|m| self.writer_seq(m.0) >= m.1)
            && (written.pause_turn, written.paused) <= (self.pause_turn, self.paused)
            && written.removed.iter().all(|r| self.removed.contains(r))
            && (written.choice_turns.iter()).all(|t| self.choice_turns.contains(t))
    }

    /// Drops invalid marks (writer 0, repeats) and keeps at most [`MAX_WRITERS`]; true when
    /// anything was dropped.
    pub fn clean_writers(&mut self) -> bool {
        let before = self.writers.len();
        let mut seen: Vec<u32> = Vec::with_capacity(before.min(MAX_WRITERS));
        self.writers.retain(|m| {
            let ok = m.0 != 0 && !seen.contains(&m.0);
            if ok {
                seen.push(m.0);
            }
            ok
        });
        self.writers.truncate(MAX_WRITERS);
        self.writers.len() != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_move_to_front_never_go_back_and_are_bounded() {
        let mut p = Profile::new(0);
        assert_eq!(p.writer_seq(7), 0);
        p.mark_writer(7, 3);
        p.mark_writer(9, 1);
        assert_eq!(p.last_writer(), Some(9));
        p.mark_writer(7, 2);
        assert_eq!(p.writer_seq(7), 3, "a mark never goes back");
        assert_eq!(p.last_writer(), Some(7));
        for w in 100..200 {
            p.mark_writer(w, 1);
        }
        assert_eq!(p.writers.len(), MAX_WRITERS);
        assert_eq!(p.last_writer(), Some(199));
    }

    #[test]
    fn a_later_write_holds_an_earlier_one_and_a_write_from_older_data_does_not() {
        let mut earlier = Profile::new(0);
        earlier.mark_writer(7, 96);
        earlier.mark_writer(9, 3);
        let mut later = earlier.clone();
        later.mark_writer(7, 192);
        assert!(later.holds_write(&earlier) && earlier.holds_write(&earlier));
        assert!(!earlier.holds_write(&later), "a writer mark behind");
        let mut other = later.clone();
        other.writers.retain(|m| m.0 != 9);
        assert!(!other.holds_write(&earlier), "a writer missing");
        for change in 0..4 {
            let mut newer = earlier.clone();
            match change {
                0 => newer.pause_turn = 1,
                1 => newer.removed.push("123".into()),
                2 => newer.choice_turns.push("456.1".into()),
                _ => newer.lineage.ids.push("r2".into()),
            }
            assert!(!later.holds_write(&newer), "change {change} not held");
        }
        let mut paused = earlier.clone();
        paused.paused = true;
        assert!(!earlier.holds_write(&paused), "a pause wins a tie");
    }

    #[test]
    fn invalid_marks_are_cleaned() {
        let mut p = Profile::new(0);
        p.writers = vec![WriterMark(0, 5), WriterMark(3, 1), WriterMark(3, 9)];
        assert!(p.clean_writers());
        assert_eq!(p.writers, vec![WriterMark(3, 1)]);
        assert!(!p.clean_writers());
    }
}
