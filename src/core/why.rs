//! "Why am I seeing this?": one plain-language sentence from an item's explanation, built only
//! from what the profile holds (its strongest contribution and that interest's count).

use crate::core::profile::{ChoiceView, Profile};
use crate::core::rank::{Contribution, Explanation};

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

/// How a facet value reads in a sentence: `shoes>running` → `shoes › running`,
/// `color=red` → `color red`.
fn label(kind: &str, value: &str) -> String {
    match kind {
        "category" => value.replace('>', " › "),
        "facet" => value.replacen('=', " ", 1),
        _ => value.to_owned(),
    }
}

fn items(n: u32) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}

/// What the shopper is said to be interested in: "shoes › running", "the brand acme", …
fn subject(kind: &str, value: &str) -> String {
    let l = label(kind, value);
    match kind {
        "item" => "this item".to_owned(),
        "brand" => format!("the brand {l}"),
        "price" => "this price range".to_owned(),
        "tag" => format!("items tagged “{l}”"),
        "search" => format!("searches for “{l}”"),
        _ => l,
    }
}

fn from_contribution(c: &Contribution) -> String {
    let l = label(c.kind, &c.value);
    match (c.kind, c.count) {
        ("search", 0 | 1) => format!("Because you searched for “{l}”"),
        ("search", n) => format!("Because you searched for “{l}” {n} times"),
        (_, 0) => format!(
            "Because you showed interest in {}",
            subject(c.kind, &c.value)
        ),
        ("category", n) => format!("Because you viewed {} in {l}", items(n)),
        ("brand", n) => format!("Because you viewed {} from {l}", items(n)),
        ("price", n) => format!("Because you viewed {} in this price range", items(n)),
        ("tag", n) => format!("Because you viewed {} tagged “{l}”", items(n)),
        (_, n) => format!("Because you viewed {} with {l}", items(n)),
    }
}

/// The sentence for an explained item: an explicit choice first (it outweighs everything
/// learned), else the largest contribution; else a note that the shop's own order applies.
pub fn sentence(e: &Explanation) -> String {
    if e.choice_points != 0.0 {
        let more = e.choice_points > 0.0;
        if let Some(c) = e.choices.iter().find(|c| c.more == more) {
            let s = subject(c.kind, &c.value);
            return if more {
                format!("Because you asked for more like {s}")
            } else {
                format!("Shown lower because you said you are not interested in {s}")
            };
        }
    }
    match e.contributions.first() {
        Some(c) if e.personal_score > 0.0 && e.impact > 0.0 => from_contribution(c),
        _ => "Shown in the shop's own order: nothing you did changed its place".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contribution(kind: &'static str, value: &str, count: u32) -> Contribution {
        Contribution {
            key: String::new(),
            kind,
            value: value.into(),
            points: 1.0,
            count,
        }
    }

    fn explanation(contributions: Vec<Contribution>) -> Explanation {
        Explanation {
            id: "1".into(),
            server_position: 2,
            position: 1,
            server_score: 0.5,
            personal_score: 1.0,
            impact: 0.6,
            score: 0.8,
            demoted: false,
            contributions,
            choice_points: 0.0,
            choices: Vec::new(),
        }
    }

    #[test]
    fn the_top_contribution_and_its_count_make_the_sentence() {
        let e = explanation(vec![
            contribution("category", "shoes>running", 3),
            contribution("brand", "acme", 1),
        ]);
        assert_eq!(
            sentence(&e),
            "Because you viewed 3 items in shoes › running"
        );
        let e = explanation(vec![contribution("brand", "acme", 1)]);
        assert_eq!(sentence(&e), "Because you viewed 1 item from acme");
        let e = explanation(vec![contribution("search", "trail", 2)]);
        assert_eq!(sentence(&e), "Because you searched for “trail” 2 times");
        let e = explanation(vec![contribution("facet", "color=red", 0)]);
        assert_eq!(sentence(&e), "Because you showed interest in color red");
    }

    #[test]
    fn choices_come_first_and_server_order_is_said_plainly() {
        let mut e = explanation(vec![contribution("category", "shoes", 3)]);
        e.choice_points = -2.0;
        e.choices = vec![ChoiceView {
            key: "b:acme".into(),
            kind: "brand",
            value: "acme".into(),
            more: false,
        }];
        assert_eq!(
            sentence(&e),
            "Shown lower because you said you are not interested in the brand acme"
        );
        let mut e = explanation(Vec::new());
        e.personal_score = 0.0;
        assert!(sentence(&e).starts_with("Shown in the shop's own order"));
    }
}
