//! Explanations: the contributions that placed an item, for "why am I seeing this?".

use serde::Serialize;

use super::{blend, Ranked, ScoreTable};
use crate::core::config::Config;
use crate::core::facet::split_key;
use crate::core::item::Item;
use crate::core::order::by_score_desc;
use crate::core::profile::ChoiceView;

/// One interest's part in an item's personal score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
    /// The interest's key, such as `c:shoes>running` (pass it to `removeInterest` or `avoid`).
    pub key: String,
    /// Facet kind: `category`, `brand`, `price`, `tag`, `facet` or `search`.
    pub kind: &'static str,
    /// Facet value, such as `shoes>running`.
    pub value: String,
    /// Points this interest added to the raw personal score.
    pub points: f64,
    /// Distinct recently viewed items (or searches, for search terms) behind the interest.
    pub count: u32,
}

/// Why an item landed where it did in the newest kept ranking that contained it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The item id.
    pub id: String,
    /// 1-based position in the server's order.
    pub server_position: usize,
    /// 1-based position after ranking.
    pub position: usize,
    /// Server component in [0, 1].
    pub server_score: f64,
    /// Personal component in [0, 1].
    pub personal_score: f64,
    /// Impact used for the blend.
    pub impact: f64,
    /// The final score: `(1 − impact) · server + impact · personal`, minus the purchased
    /// penalty when demoted.
    pub score: f64,
    /// Whether the item was demoted as already purchased.
    pub demoted: bool,
    /// Interests that added to the personal score, largest first.
    pub contributions: Vec<Contribution>,
    /// Points the shopper's explicit choices added (negative: subtracted).
    pub choice_points: f64,
    /// The explicit choices that apply to the item, newest first.
    pub choices: Vec<ChoiceView>,
}

/// Builds the explanation of `item`, at `index` in the list `ranked` ranked.
pub fn explain(
    ranked: &Ranked,
    item: &Item,
    index: usize,
    table: &ScoreTable,
    config: &Config,
) -> Option<Explanation> {
    let server = ranked.server.get(index).copied().unwrap_or(0.0);
    let personal = ranked.personal.get(index).copied().unwrap_or(0.0);
    let demoted = ranked.demoted.get(index).copied().unwrap_or(false);
    let choice = if ranked.personalized {
        ranked.choice.get(index).copied().unwrap_or(0.0)
    } else {
        0.0
    };
    let position = ranked
        .order
        .iter()
        .position(|&i| i == index)
        .map_or(index + 1, |p| p + 1);
    let mut contributions = Vec::new();
    table.for_each_contribution(item, config, &mut String::new(), |key, points| {
        let (kind, value) = split_key(key);
        contributions.push(Contribution {
            key: key.to_owned(),
            count: 0,
            kind,
            value: value.to_owned(),
            points: round3(points),
        });
    });
    // Loops, not map/collect chains: less wasm.
    let mut points = Vec::with_capacity(contributions.len());
    let mut slots = Vec::with_capacity(contributions.len());
    for c in contributions {
        points.push(c.points);
        slots.push(Some(c));
    }
    let mut contributions: Vec<Contribution> = Vec::with_capacity(slots.len());
    for i in by_score_desc(&points) {
        if let Some(c) = slots.get_mut(i).and_then(Option::take) {
            contributions.push(c);
        }
    }
    Some(Explanation {
        id: item.id.clone(),
        server_position: index + 1,
        position,
        server_score: round3(server),
        personal_score: round3(personal),
        impact: ranked.impact,
        score: round3(
            blend(server, personal, ranked.impact) - if demoted { ranked.penalty } else { 0.0 }
                + choice,
        ),
        demoted,
        contributions,
        choice_points: choice,
        choices: Vec::new(),
    })
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
