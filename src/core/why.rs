//! What a "why am I seeing this?" sentence needs beyond the scores: how many distinct items
//! (or searches) stand behind each contributing interest, and which explicit choices apply.
//! The sentence itself is worded by the page (`<shelfwise-why>` in `www/shelfwise-panel.js`),
//! where it can be translated and where its bytes do not count toward the engine's download.

use crate::core::profile::{ChoiceView, Profile};
use crate::core::rank::Explanation;

/// Fills in what the explanation needs from the profile: each contribution's count and the
/// explicit choices that apply (given by `choices`, as found for the item).
pub fn annotate(e: &mut Explanation, profile: &Profile, choices: Vec<ChoiceView>) {
    for c in &mut e.contributions {
        c.count = profile
            .affinities
            .iter()
            .find(|a| a.key() == c.key)
            .map_or(0, |a| a.count());
    }
    e.choices = choices;
}
