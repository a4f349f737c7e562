//! The score table an [`Engine`] keeps between rankings (by minute and by the stamp of the
//! profile's interests, `src/core/profile/interests.rs`) ranks as a table built afresh: the
//! targets that change an engine in arbitrary ways rank after each change and call
//! [`same_as_afresh`].

use shelfwise::core::engine::validate_batch;
use shelfwise::core::rank::{self, Ranked, ScoreTable};
use shelfwise::core::time::minutes_from_ms;
use shelfwise::core::{Engine, ItemInput, Profile, RankOptions, RankOptionsInput};

/// The ranking's numbers as bits, so two rankings compare equal to the bit (NaN included).
pub fn bits(r: &Ranked) -> Vec<u64> {
    let mut out: Vec<u64> = r.order.iter().map(|&i| i as u64).collect();
    for list in [&r.server, &r.personal, &r.choice] {
        out.extend(list.iter().map(|x| x.to_bits()));
    }
    out.extend(r.demoted.iter().map(|&d| u64::from(d)));
    out.extend([
        r.penalty.to_bits(),
        r.impact.to_bits(),
        u64::from(r.personalized),
    ]);
    out
}

/// Ranks `items` with `engine` (its kept table, when it takes it for current) at `now_ms`,
/// and requires the ranking to equal, to the bit, the one of `rank::rank_batch` over a table
/// built afresh from the engine's profile and settings at the same minute (with the server's
/// order when the engine does not personalize, as the engine ranks). Items or options that
/// do not validate are refused by the engine; nothing else is checked then.
pub fn same_as_afresh(
    engine: &mut Engine,
    items: &[ItemInput],
    options: &RankOptionsInput,
    now_ms: f64,
) {
    let (Ok(batch), Ok(valid)) = (validate_batch(items.to_vec()), options.clone().validate())
    else {
        assert!(
            engine
                .rank_order(items.to_vec(), options.clone(), now_ms)
                .is_err(),
            "the engine refuses what does not validate"
        );
        return;
    };
    let order = engine.rank_order(items.to_vec(), options.clone(), now_ms);
    assert!(order.is_ok(), "the engine ranks what validates");
    let valid = if engine.personalizing() && !engine.is_holdout() {
        valid
    } else {
        RankOptions {
            impact: Some(0.0),
            ..valid
        }
    };
    let (profile, config) = (engine.profile(), engine.config());
    let table = ScoreTable::new(profile, config, minutes_from_ms(now_ms));
    let fresh = rank::rank_batch(&table, profile, config, &batch, &valid);
    let kept = engine.latest_ranked().map(bits);
    assert_eq!(
        kept,
        Some(bits(&fresh)),
        "the kept table ranks as a table built afresh"
    );
}

/// Items that meet the interests `profile` holds (a brand for each `b:` key, a category for
/// each `c:`, a name for each `q:`, a tag otherwise), at most `max`, ids `k0`, `k1`, … from
/// `first`: ranked before and after a change, they show a table that missed it.
pub fn items_for(profile: &Profile, first: usize, max: usize) -> Vec<ItemInput> {
    let mut out = Vec::new();
    for (n, a) in profile.affinities.iter().take(max).enumerate() {
        let (kind, rest) = a.key().split_once(':').unwrap_or(("", a.key()));
        let mut item = ItemInput::with_id(format!("k{}", first + n));
        match kind {
            "b" => item.brand = Some(rest.to_owned()),
            "c" => item.category = Some(vec![rest.to_owned()]),
            "q" => item.name = Some(rest.to_owned()),
            _ => item.tags = Some(vec![rest.to_owned()]),
        }
        out.push(item);
    }
    out
}
