//! Ids as the engine takes them. A data set's ids may be anything: longer than the browser
//! API's 200 bytes, empty, padded with spaces. The engine refuses or trims those, so `eval`
//! replays each such id under a short stand-in of its own; every other id is used as it is
//! (figures on ordinary data sets do not move).

use std::collections::HashMap;

use shelfwise::core::limits::MAX_STRING_BYTES;
use shelfwise::core::pack::build::Pack;

use super::eval::Row;

/// First character of every stand-in; an id starting with it gets a stand-in too, so a
/// stand-in never equals an id used as it is.
const MARK: char = '\u{1}';

/// The stand-ins of the ids the engine would not take as they are.
#[derive(Default)]
pub struct EngineIds {
    stand_ins: HashMap<String, String>,
}

/// Whether the engine keeps `id` exactly as it is.
fn as_is(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_STRING_BYTES && id.trim() == id && !id.starts_with(MARK)
}

impl EngineIds {
    /// Gives every id in `ids` that needs one a distinct stand-in.
    #[cfg(test)]
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> EngineIds {
        let mut out = EngineIds::default();
        for id in ids {
            out.add(id);
        }
        out
    }

    /// Gives `id` a stand-in if it needs one and has none yet.
    fn add(&mut self, id: &str) {
        if !as_is(id) && !self.stand_ins.contains_key(id) {
            let stand_in = format!("{MARK}{}", self.stand_ins.len());
            self.stand_ins.insert(id.to_owned(), stand_in);
        }
    }

    /// Stand-ins for every id and category name `eval` hands to the engine: the pack's and
    /// the rows'.
    pub fn of(pack: &Pack, rows: &[Row]) -> EngineIds {
        let mut out = EngineIds::default();
        for (id, d) in &pack.items {
            out.add(id);
            for w in d.related.iter().chain(&d.bought_together) {
                out.add(&w.0);
            }
        }
        let pop = &pack.popularity;
        for w in &pop.overall {
            out.add(&w.0);
        }
        for (c, l) in &pop.categories {
            out.add(c);
            for w in l {
                out.add(&w.0);
            }
        }
        for row in rows {
            for id in &row.prefix {
                out.add(id);
            }
            out.add(&row.target);
        }
        out
    }

    /// The id the engine sees for `id`.
    pub fn get<'a>(&'a self, id: &'a str) -> &'a str {
        self.stand_ins.get(id).map_or(id, String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ids_the_engine_would_change_get_distinct_stand_ins() {
        let huge = "h".repeat(MAX_STRING_BYTES + 1);
        let ids = ["a", "", " a", &huge, "\u{1}0", "a", ""];
        let e = EngineIds::new(ids);
        assert_eq!(e.get("a"), "a");
        let got: Vec<&str> = ["", " a", huge.as_str(), "\u{1}0"]
            .iter()
            .map(|id| e.get(id))
            .collect();
        assert_eq!(got, ["\u{1}0", "\u{1}1", "\u{1}2", "\u{1}3"]);
    }
}
