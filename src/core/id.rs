//! Ids as the page sends them: strings, or numbers (GA4 allows numeric `item_id`).

/// An id read from a string or a whole number; numbers become their decimal text (`42`,
/// not `42.0`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdText(pub String);

impl From<&str> for IdText {
    fn from(s: &str) -> Self {
        IdText(s.to_owned())
    }
}
