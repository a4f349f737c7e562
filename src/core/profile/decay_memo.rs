//! Interest strengths with the decay factors computed once per distinct minute.
//!
//! Every track compacts the profile and every ranking builds a score table, and both need the
//! decayed strength of every interest: two powers of two (`math::exp2`) each, for up to 400
//! interests. The interests of one profile were mostly last touched in a handful of minutes,
//! so the factors are remembered per minute. The results are exactly those of
//! [`strength`](super::strength).

use super::affinity::Affinity;
use crate::core::config::Config;
use crate::core::time::{decay_factor, elapsed, long_term_decay_factor, Minutes};

/// Most distinct minutes remembered; interests touched in other minutes are computed directly.
const MAX_MINUTES_REMEMBERED: usize = 32;

/// Strengths as of one instant, remembering the decay factors of each minute seen.
pub struct DecayMemo {
    now: Minutes,
    half_life: f64,
    session_half_life: f64,
    session_weight: f64,
    /// `(at, long-term factor, session factor)`.
    factors: Vec<(Minutes, f64, f64)>,
}

impl DecayMemo {
    /// Strengths as of `now` under `config`'s half-lives and session weight.
    pub fn new(config: &Config, now: Minutes) -> DecayMemo {
        DecayMemo {
            now,
            half_life: config.half_life_minutes(),
            session_half_life: config.session_half_life_minutes,
            session_weight: config.session_weight,
            factors: Vec::new(),
        }
    }

    fn factors(&mut self, at: Minutes) -> (f64, f64) {
        if let Some(&(_, long, session)) = self.factors.iter().find(|f| f.0 == at) {
            return (long, session);
        }
        let dt = elapsed(at, self.now);
        let f = (
            long_term_decay_factor(dt, self.half_life),
            decay_factor(dt, self.session_half_life),
        );
        if self.factors.len() < MAX_MINUTES_REMEMBERED {
            self.factors.push((at, f.0, f.1));
        }
        f
    }

    /// The decayed strength of `a`: long-term plus weighted session signal.
    pub fn strength(&mut self, a: &Affinity) -> f64 {
        let (long, session) = self.factors(a.3);
        a.1 * long + self.session_weight * (a.2 * session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::profile::strength;

    #[test]
    fn remembered_factors_give_the_same_strengths() {
        let config = Config::default();
        let now = 30_000_000;
        let mut memo = DecayMemo::new(&config, now);
        for i in 0..100u32 {
            let a = Affinity::from_parts(
                "c:x".into(),
                f64::from(i) * 0.37,
                f64::from(i % 7),
                now - (i % 40) * 97,
                i,
            );
            assert_eq!(memo.strength(&a), strength(&a, &config, now));
            assert_eq!(memo.strength(&a), strength(&a, &config, now), "remembered");
        }
    }
}
