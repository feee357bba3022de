//! Ids of instruments, dimensions, sections, items and comment questions. They end up in URLs,
//! exported column names and stored responses, so they are restricted to a portable alphabet.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::limits::ID_MAX;
use super::InstrumentError;

/// A lowercase ASCII id: letters and digits in runs joined by single `-` or `_`, starting with a
/// letter, at most [`ID_MAX`] characters (for example `kesesuaian-1`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Checks `text` and wraps it; `None` when it is not a valid id. Callers turn `None` into an
    /// [`InstrumentError::InvalidId`] naming the field, which only they know.
    pub fn parse(text: &str) -> Option<Self> {
        is_slug(text).then(|| Self(text.to_owned()))
    }

    /// Checks `text`, reporting a failure against `field`.
    pub(super) fn parse_field(
        text: &str,
        field: impl Into<String>,
    ) -> Result<Self, InstrumentError> {
        Self::parse(text).ok_or_else(|| InstrumentError::InvalidId {
            field: field.into(),
            value: text.to_owned(),
        })
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_slug(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(first) = bytes.first() else {
        return false;
    };
    let mut previous_was_joiner = false;
    for &byte in bytes {
        match byte {
            b'a'..=b'z' | b'0'..=b'9' => previous_was_joiner = false,
            b'-' | b'_' if !previous_was_joiner => previous_was_joiner = true,
            _ => return false,
        }
    }
    first.is_ascii_lowercase() && !previous_was_joiner && bytes.len() <= ID_MAX
}

impl TryFrom<String> for Slug {
    type Error = InstrumentError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse_field(&text, "id")
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

// Lets maps keyed by `Slug` be looked up with a `&str`: equality, order and hash of a `Slug`
// are those of its text, as `Borrow` requires.
impl Borrow<str> for Slug {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Slug {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Slug {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lowercase_runs_joined_by_single_hyphens_or_underscores() {
        for good in ["a", "kesesuaian-1", "adoption_awareness", "x9-y_z"] {
            assert!(Slug::parse(good).is_some(), "{good}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        let too_long = "a".repeat(ID_MAX + 1);
        for bad in [
            "",
            "1a",
            "-a",
            "a-",
            "a--b",
            "a-_b",
            "Aa",
            "a b",
            "é",
            too_long.as_str(),
        ] {
            assert!(Slug::parse(bad).is_none(), "{bad}");
        }
    }
}
