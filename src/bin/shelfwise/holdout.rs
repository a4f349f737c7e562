//! Held-out rows: the last share of a log's sessions turned into test rows (every prefix of
//! each held-out session, predicting the next item), for `eval --validate` and `--tune`.

use shelfwise::core::pack::input::Log;

use super::eval::Row;

/// Sessions of `count` kept for training when the last `share` (clamped to `0..=0.9`) is
/// held out.
pub fn kept(count: usize, share: f64) -> usize {
    let keep = ((1.0 - share.clamp(0.0, 0.9)) * count as f64).round() as usize;
    keep.min(count)
}

/// Moves the last `share` of the sessions out of `log` and turns them into rows.
pub fn carve_validation(log: &mut Log, share: f64) -> Vec<Row> {
    let keep = kept(log.sessions.len(), share);
    let (rows, _) = held_out_rows(log, keep, usize::MAX);
    log.sessions.truncate(keep);
    rows
}

/// The rows of `log`'s sessions from `keep` on, only the latest `max` of them made (a large
/// shop holds out millions; tuning replays a few), and how many there are in all. As in the
/// usual benchmark preparation, items never seen in the first `keep` sessions are dropped
/// from held-out sessions (nothing could predict them).
pub fn held_out_rows(log: &Log, keep: usize, max: usize) -> (Vec<Row>, usize) {
    let (train, held) = log.sessions.split_at(keep.min(log.sessions.len()));
    let mut known = vec![false; log.ids.len()];
    for s in train {
        for &i in s.views.iter().chain(&s.purchases) {
            if let Some(k) = known.get_mut(i as usize) {
                *k = true;
            }
        }
    }
    let is_known = |i: &&u32| known.get(**i as usize).copied().unwrap_or(false);
    let counts: Vec<usize> = held
        .iter()
        .map(|s| s.views.iter().filter(is_known).count().saturating_sub(1))
        .collect();
    let total: usize = counts.iter().sum();
    let mut skip = total.saturating_sub(max);
    let mut rows = Vec::with_capacity(total - skip);
    for (s, &n) in held.iter().zip(&counts) {
        if skip >= n {
            skip -= n;
            continue;
        }
        let ids: Vec<String> = s
            .views
            .iter()
            .filter(is_known)
            .map(|&i| log.id(i).to_owned())
            .collect();
        for i in (1 + skip)..ids.len() {
            rows.push(Row {
                prefix: ids.get(..i).unwrap_or_default().to_vec(),
                target: ids.get(i).cloned().unwrap_or_default(),
            });
        }
        skip = 0;
    }
    (rows, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows the way `eval --validate` made them before the cap: all of them, in order.
    fn all_rows(log: &Log, share: f64) -> Vec<Row> {
        let mut inner = log.clone();
        carve_validation(&mut inner, share)
    }

    #[test]
    fn the_capped_rows_are_the_latest_of_all_and_unseen_items_stay_out() {
        // Held out (the last 40 %): "a x b c" (x never seen in training), "y z" (no rows once
        // unseen items are dropped), "c b a".
        let text = "a b\nb c\nc a\na b c\na c\na x b c\ny z\nc b a\n";
        let log = Log::from_sessions_text(text);
        let all = all_rows(&log, 0.4);
        let targets: Vec<&str> = all.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(targets, ["b", "c", "b", "a"]);
        assert_eq!(all[1].prefix, ["a", "b"]);
        let keep = kept(log.sessions.len(), 0.4);
        assert_eq!(keep, 5);
        for max in [0, 1, 2, 3, 4, 5, 100] {
            let (rows, held) = held_out_rows(&log, keep, max);
            assert_eq!(held, 4, "{max}");
            assert_eq!(rows, all[all.len().saturating_sub(max)..], "{max}");
        }
    }
}
