//! The core's one error type.

use std::fmt;

/// What went wrong, so a caller can match on it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A required field is absent or empty.
    Missing,
    /// A field has a value outside what is accepted (unknown event type, NaN, negative price…).
    Invalid,
    /// A string is longer than its documented limit.
    TooLong,
    /// A list has more entries than its documented limit.
    TooMany,
    /// Stored or imported data could not be read.
    Corrupt,
    /// Stored or imported data has a schema version newer than this build understands.
    UnsupportedVersion,
}

/// An error from the core, naming the field it is about (`items[2].price`).
#[derive(Debug, Clone, PartialEq)]
pub struct CoreError {
    /// The kind of error.
    pub kind: ErrorKind,
    /// Path of the offending field, such as `items[2].price`; empty when not about one field.
    pub field: String,
    /// A plain-language description of what is expected.
    pub message: String,
}

impl CoreError {
    /// Builds an error about `field`.
    pub fn new(kind: ErrorKind, field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError {
            kind,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl CoreError {
    /// The message, after the field's name when there is one (`items[0].price: must be
    /// finite`): what [`fmt::Display`] shows, without the formatting machinery.
    pub fn text(&self) -> String {
        if self.field.is_empty() {
            self.message.clone()
        } else {
            crate::core::text::concat(&[&self.field, ": ", &self.message])
        }
    }
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl std::error::Error for CoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_field() {
        let e = CoreError::new(ErrorKind::Invalid, "items[0].price", "must be finite");
        assert_eq!(e.to_string(), "items[0].price: must be finite");
        let e = CoreError::new(ErrorKind::Corrupt, "", "unreadable");
        assert_eq!(e.to_string(), "unreadable");
    }
}
