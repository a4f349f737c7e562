//! `--tune SHARE`: the shop's own `pickedForYou` blend, chosen on a validation split carved
//! from the end of the input (never on anything else), then written into the pack's
//! popularity part, which every page loads.
//!
//! The last SHARE of the sessions is held out, a pack is built from the rest, and every held-out
//! prefix (the latest [`DEFAULT_MAX_ROWS`] of them at most, `--tune-rows`: the cost stays
//! bounded on a large shop) is replayed once and answered with each blend of a small grid (repeat weight × decay;
//! the bought-together weight stays at its default). Each row scores HR@20 + MRR@20 (seen items
//! allowed, as `pickedForYou` serves them); a blend replaces the default only if its mean gain
//! over the default, row by row, is more than two standard errors. On a shop where shoppers
//! come back to what they viewed that keeps the default; on one where they rarely do, seen items
//! stop taking the slots new items could fill. The final pack is then built from every session.

use shelfwise::core::pack::build::{build, build_first, Pack, PackSettings};
use shelfwise::core::pack::input::Log;
use shelfwise::core::recommend::options::{RecommendOptions, Slot};
use shelfwise::core::recommend::slots::Blend;

use super::eval::CUTOFF;
use super::holdout::{held_out_rows, kept};
use super::replay::{rank_in, replay_rows, threads};

/// Default `--tune` share: the last 10 % of the sessions, as `eval --validate 0.1`.
pub const DEFAULT_SHARE: f64 = 0.1;
/// Default `--tune-rows`: held-out rows replayed at most (the latest). Above every shop shape
/// the fifth tuning round measured (the most: Tmall's whole training file, 55,073 rows), so
/// their choices stand; enough for the two-standard-error rule to see a gain of half a point.
pub const DEFAULT_MAX_ROWS: usize = 60_000;
/// Range of `--tune-rows`.
pub const MAX_ROWS_RANGE: (usize, usize) = (100, 10_000_000);
/// Repeat weights tried (the default, 1, among them).
const REPEATS: [f64; 6] = [1.0, 0.0, 0.03, 0.1, 0.3, 3.0];
/// Neighbour decays tried (the default, 0.95, first).
const DECAYS: [f64; 3] = [0.95, 0.8, 1.0];
/// Standard errors a blend's mean gain must exceed to replace the default.
const MARGIN_SE: f64 = 2.0;

/// What tuning found.
#[derive(Debug, Clone, Copy)]
pub struct Tuned {
    /// The chosen blend (the default unless another gained beyond the margin).
    pub blend: Blend,
    /// Held-out rows it was chosen on.
    pub rows: usize,
    /// Held-out rows there were (more than `rows` when the cap left the earliest out).
    pub held: usize,
    /// Mean gain over the default of HR@20 + MRR@20, in percentage points, and its standard
    /// error (both 0 when the default was kept).
    pub gain: f64,
    /// Standard error of `gain`.
    pub se: f64,
}

/// The grid, the default blend first.
pub fn grid() -> Vec<Blend> {
    let mut out = Vec::with_capacity(REPEATS.len() * DECAYS.len());
    for repeat in REPEATS {
        for decay in DECAYS {
            out.push(Blend {
                repeat,
                decay,
                ..Blend::default()
            });
        }
    }
    out
}

/// HR@20 + MRR@20 of one row, in percent, for a rank (`None`: not in the list).
fn row_score(rank: Option<usize>) -> f64 {
    rank.filter(|&r| r < CUTOFF)
        .map_or(0.0, |r| 100.0 + 100.0 / (r + 1) as f64)
}

/// Mean and standard error of `d`.
fn mean_se(d: &[f64]) -> (f64, f64) {
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n.max(1.0);
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, (var / n.max(1.0)).sqrt())
}

/// Picks a blend from per-row scores (`scores[b][row]`, blend 0 the default), of the latest
/// rows of `held` held-out rows.
fn choose(blends: &[Blend], scores: &[Vec<f64>], held: usize) -> Tuned {
    let rows = scores.first().map_or(0, Vec::len);
    let mut best = Tuned {
        blend: Blend::default(),
        rows,
        held,
        gain: 0.0,
        se: 0.0,
    };
    let Some(base) = scores.first() else {
        return best;
    };
    for (blend, s) in blends.iter().zip(scores).skip(1) {
        let d: Vec<f64> = s.iter().zip(base).map(|(x, y)| x - y).collect();
        let (gain, se) = mean_se(&d);
        if rows > 1 && gain > MARGIN_SE * se && gain > best.gain {
            best = Tuned {
                blend: *blend,
                gain,
                se,
                ..best
            };
        }
    }
    best
}

/// Tunes the blend on the last `share` of `log`'s sessions, replaying at most the latest
/// `max_rows` of their rows (see the module docs).
pub fn tune(log: &Log, set: &PackSettings, share: f64, max_rows: usize) -> Result<Tuned, String> {
    // The pack of the sessions before the held-out ones, and only the rows replayed: a large
    // shop holds out millions (BENCHMARKS "Speed and memory").
    let keep = kept(log.sessions.len(), share);
    let (rows, count) = held_out_rows(log, keep, max_rows);
    let pack = build_first(log, keep, set);
    let blends = grid();
    let options: Vec<RecommendOptions> = blends
        .iter()
        .map(|b| RecommendOptions {
            blend: Some(*b),
            ..RecommendOptions::new(Slot::PickedForYou, CUTOFF)
        })
        .collect();
    let per_row = replay_rows(&pack, &rows, threads(), |engine, target| {
        let score = |o| row_score(rank_in(engine, o, target));
        options.iter().map(score).collect::<Vec<f64>>()
    })?;
    let mut scores = vec![Vec::with_capacity(rows.len()); blends.len()];
    for row in per_row {
        for (s, x) in scores.iter_mut().zip(row) {
            s.push(x);
        }
    }
    Ok(choose(&blends, &scores, count))
}

/// How a pack is tuned: the share of the sessions held out (0: no tuning) and the most rows
/// replayed.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// `--tune`, 0..=0.9.
    pub share: f64,
    /// `--tune-rows`, see [`MAX_ROWS_RANGE`].
    pub max_rows: usize,
}

/// The pack a shop ships: built from every session of `log`, carrying the blend tuned as
/// `tuning` says (share 0: no tuning, the default blend; `None` comes back).
pub fn pack(
    log: &Log,
    set: &PackSettings,
    tuning: Tuning,
) -> Result<(Pack, Option<Tuned>), String> {
    let tuned = if tuning.share > 0.0 {
        Some(tune(log, set, tuning.share, tuning.max_rows)?)
    } else {
        None
    };
    let mut pack = build(log, set);
    if let Some(t) = tuned {
        pack.popularity.blend = t.blend;
    }
    Ok((pack, tuned))
}

/// One line on the blend a pack carries and how it was chosen.
pub fn describe(blend: &Blend, tuned: Option<&Tuned>) -> String {
    let b = format!(
        "pickedForYou blend: repeat {}, decay {}, bought {}",
        blend.repeat, blend.decay, blend.bought
    );
    match tuned {
        None => format!("{b} (not tuned: the defaults)"),
        Some(t) => {
            let rows = if t.held > t.rows {
                format!("the latest {} of {} held-out rows", t.rows, t.held)
            } else {
                format!("{} held-out rows", t.rows)
            };
            if t.gain == 0.0 {
                format!("{b} (tuned on {rows}: the default kept)")
            } else {
                format!(
                    "{b} (tuned on {rows}: HR@20 + MRR@20 {:+.2} points over the default, \
                     standard error {:.2})",
                    t.gain, t.se
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sessions over items `0..40` in groups of four (three items of a group are viewed in a
    /// session, in turn). `repeat`: each view is repeated at once (shoppers come back to the
    /// item they just viewed); else every item is viewed once.
    fn shop(repeat: bool) -> Log {
        let mut text = String::new();
        for s in 0..400u32 {
            let group = (s % 10) * 4;
            for i in 0..3 {
                let id = format!("i{} ", group + (i + s / 10) % 4);
                text.push_str(&id);
                if repeat {
                    text.push_str(&id);
                }
            }
            text.push('\n');
        }
        Log::from_sessions_text(&text)
    }

    fn tuning(share: f64) -> Tuning {
        Tuning {
            share,
            max_rows: DEFAULT_MAX_ROWS,
        }
    }

    #[test]
    fn the_cap_replays_only_the_latest_held_out_rows() {
        // 80 held-out sessions of three items: 160 rows, of which the latest 100 are replayed.
        let t = tune(&shop(false), &PackSettings::default(), 0.2, 100).unwrap();
        assert_eq!((t.rows, t.held), (100, 160), "{t:?}");
        assert!(describe(&t.blend, Some(&t)).contains("the latest 100 of 160 held-out rows"));
        let t = tune(&shop(false), &PackSettings::default(), 0.2, 160).unwrap();
        assert_eq!((t.rows, t.held), (160, 160), "{t:?}");
    }

    #[test]
    fn a_shop_without_repeats_gets_a_low_repeat_weight() {
        let t = tune(
            &shop(false),
            &PackSettings::default(),
            0.2,
            DEFAULT_MAX_ROWS,
        )
        .unwrap();
        assert!(t.blend.repeat < 0.1, "{t:?}");
        assert!(t.gain > MARGIN_SE * t.se && t.rows > 100, "{t:?}");
    }

    #[test]
    fn a_shop_of_repeats_keeps_a_high_repeat_weight() {
        let t = tune(&shop(true), &PackSettings::default(), 0.2, DEFAULT_MAX_ROWS).unwrap();
        assert!(t.blend.repeat >= 1.0, "{t:?}");
    }

    #[test]
    fn the_default_stays_unless_a_blend_gains_beyond_the_margin() {
        let blends = grid();
        assert_eq!(blends.first(), Some(&Blend::default()));
        // A blend that gains on one row of four: mean 25, standard error 25.
        let scores = vec![vec![0.0; 4], vec![100.0, 0.0, 0.0, 0.0]];
        assert_eq!(choose(&blends, &scores, 4).blend, Blend::default());
        let scores = vec![vec![0.0; 4], vec![100.0, 100.0, 90.0, 100.0]];
        assert_eq!(choose(&blends, &scores, 4).blend, blends[1]);
    }

    #[test]
    fn the_pack_carries_the_tuned_blend_and_the_defaults_untuned() {
        let log = shop(false);
        let (p, t) = pack(&log, &PackSettings::default(), tuning(0.2)).unwrap();
        assert_eq!(Some(p.popularity.blend), t.map(|t| t.blend));
        assert_ne!(p.popularity.blend, Blend::default());
        let (p, t) = pack(&log, &PackSettings::default(), tuning(0.0)).unwrap();
        assert!(p.popularity.blend == Blend::default() && t.is_none());
    }
}
