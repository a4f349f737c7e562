//! Reading interaction logs into sessions: the sessions text format (one session per line,
//! item ids separated by whitespace, in click order) and the events CSV format (a header with
//! `session_id`, `item_id`, `event_type` and optionally `category_id`; rows in time order).
//! Ids are kept as strings; nothing is assumed about their form or the data set's size.

use std::collections::HashMap;

use crate::core::error::{CoreError, ErrorKind};

/// One session: the items viewed, in order, and the items bought.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    /// Viewed item indices (into [`Log::ids`]) in click order, repeats included.
    pub views: Vec<u32>,
    /// Bought item indices, in order.
    pub purchases: Vec<u32>,
}

/// Sessions with interned item ids, in the order of the input (oldest first).
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// Item ids by index.
    pub ids: Vec<String>,
    /// Category path per item index, when known.
    pub categories: Vec<Option<String>>,
    /// The sessions.
    pub sessions: Vec<Session>,
    index: HashMap<String, u32>,
}

impl Log {
    /// The index of `id`, interning it if new.
    pub fn intern(&mut self, id: &str) -> u32 {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        let i = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(id.to_owned());
        self.categories.push(None);
        self.index.insert(id.to_owned(), i);
        i
    }

    /// The index of `id` if it was seen.
    pub fn lookup(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// The id at `index`.
    pub fn id(&self, index: u32) -> &str {
        self.ids.get(index as usize).map_or("", String::as_str)
    }

    /// Reads the sessions text format; blank lines are skipped.
    pub fn from_sessions_text(text: &str) -> Log {
        let mut log = Log::default();
        for line in text.lines() {
            let views: Vec<u32> = line.split_whitespace().map(|id| log.intern(id)).collect();
            if !views.is_empty() {
                log.sessions.push(Session {
                    views,
                    purchases: Vec::new(),
                });
            }
        }
        log
    }

    /// Reads the events CSV format. Errors name the missing column or the bad line.
    pub fn from_events_csv(text: &str) -> Result<Log, CoreError> {
        let mut lines = text.lines();
        let header: Vec<&str> = lines
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let missing = |name: &str| {
            CoreError::new(ErrorKind::Missing, name, "the events CSV needs this column")
        };
        let session_col = col("session_id").ok_or_else(|| missing("session_id"))?;
        let item_col = col("item_id").ok_or_else(|| missing("item_id"))?;
        let type_col = col("event_type").ok_or_else(|| missing("event_type"))?;
        let category_col = col("category_id");
        let mut log = Log::default();
        let mut by_session: HashMap<String, usize> = HashMap::new();
        for (n, line) in lines.enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split(',').map(str::trim).collect();
            let cell = |c: usize| cells.get(c).copied().unwrap_or("");
            let (session, item) = (cell(session_col), cell(item_col));
            if session.is_empty() || item.is_empty() {
                return Err(CoreError::new(
                    ErrorKind::Missing,
                    format!("line {}", n + 2),
                    "needs a session_id and an item_id",
                ));
            }
            let i = log.intern(item);
            if let Some(c) = category_col.map(cell).filter(|c| !c.is_empty()) {
                log.set_category(i, c);
            }
            let s = *by_session.entry(session.to_owned()).or_insert_with(|| {
                log.sessions.push(Session::default());
                log.sessions.len() - 1
            });
            if let Some(s) = log.sessions.get_mut(s) {
                match cell(type_col) {
                    "purchase" | "buy" | "transaction" => s.purchases.push(i),
                    _ => s.views.push(i),
                }
            }
        }
        Ok(log)
    }

    /// Reads or guesses the format: a first line naming `session_id` means events CSV.
    pub fn from_text(text: &str) -> Result<Log, CoreError> {
        if text
            .lines()
            .next()
            .is_some_and(|l| l.contains("session_id"))
        {
            Log::from_events_csv(text)
        } else {
            Ok(Log::from_sessions_text(text))
        }
    }

    /// Reads an `itemId;categoryId` (or comma-separated) file, setting categories of known items.
    /// A line naming an item the log does not have (a header) is skipped. Refused, naming the
    /// line: a line that is not two fields (sessions text, an events CSV); and a file with no
    /// line or none naming an item of the log (another file, or the columns swapped).
    pub fn add_categories(&mut self, text: &str) -> Result<(), CoreError> {
        const FORM: &str = "expected itemId;categoryId lines (an item id and its category, \
                            separated by ';' or ',')";
        let (mut lines, mut known) = (0, 0);
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            lines += 1;
            // One separator per line: a category may hold the other (`12;Shoes, Boots`).
            let sep = if line.contains(';') { ';' } else { ',' };
            let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
            let [item, cat] = parts[..] else {
                let shown: String = line.chars().take(60).collect();
                return Err(CoreError::new(
                    ErrorKind::Invalid,
                    format!("line {}", n + 1),
                    format!("`{shown}` is not two fields; {FORM}"),
                ));
            };
            if let Some(i) = self.lookup(item) {
                known += 1;
                if !cat.is_empty() {
                    self.set_category(i, cat);
                }
            }
        }
        match (lines, known) {
            (0, _) => Err(CoreError::new(
                ErrorKind::Missing,
                "",
                format!("the file is empty; {FORM}"),
            )),
            (_, 0) => Err(CoreError::new(
                ErrorKind::Invalid,
                "",
                format!("no line names an item of the input; {FORM}"),
            )),
            _ => Ok(()),
        }
    }

    fn set_category(&mut self, item: u32, category: &str) {
        if let Some(c) = self.categories.get_mut(item as usize) {
            *c = Some(crate::core::facet::lower(category));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_text_interns_string_ids() {
        let log = Log::from_sessions_text("a b a\n\nsku-9 b\n");
        assert_eq!(log.sessions.len(), 2);
        assert_eq!(log.sessions[0].views, vec![0, 1, 0]);
        assert_eq!(log.id(2), "sku-9");
    }

    #[test]
    fn events_csv_groups_by_session_and_splits_purchases() {
        let csv = "session_id,user_id,ts_ms,date,item_id,category_id,event_type\n\
                   7,,1,d,x,Cat,view\n8,,2,d,y,,view\n7,,3,d,z,,purchase\n";
        let log = Log::from_text(csv).unwrap();
        assert_eq!(log.sessions.len(), 2);
        assert_eq!(log.sessions[0].views, vec![0]);
        assert_eq!(log.sessions[0].purchases, vec![2]);
        assert_eq!(log.categories[0].as_deref(), Some("cat"));
        let e = Log::from_events_csv("session_id,item\n1,2\n").unwrap_err();
        assert_eq!(e.field, "item_id");
    }
}
