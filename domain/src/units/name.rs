//! The human name of a unit, e.g. "Dinas Pendidikan".

use std::fmt;

use serde::{Deserialize, Serialize};

use super::UnitError;

/// A unit name: 1–200 characters of any script after trimming, with no control characters
/// (a line break inside a name would break lists, exports and printed reports).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitName(String);

impl UnitName {
    /// The longest name accepted, in characters (Unicode scalar values).
    pub const MAX_LEN: usize = 200;

    /// Parses a name, trimming surrounding whitespace.
    pub fn parse(raw: &str) -> Result<Self, UnitError> {
        let name = raw.trim();
        if crate::display_text::shows_nothing(name) {
            return Err(UnitError::NameEmpty);
        }
        if crate::display_text::holds_hidden_control(name, false) {
            return Err(UnitError::NameControlCharacter);
        }
        let length = name.chars().count();
        if length > Self::MAX_LEN {
            return Err(UnitError::NameTooLong {
                length,
                max: Self::MAX_LEN,
            });
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for UnitName {
    type Error = UnitError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<UnitName> for String {
    fn from(name: UnitName) -> Self {
        name.0
    }
}

impl std::str::FromStr for UnitName {
    type Err = UnitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for UnitName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn trims_and_keeps_unicode() {
        let name = UnitName::parse("  Dinas Pendidikan — Sekolah Dasar ").unwrap();
        assert_eq!(name.as_str(), "Dinas Pendidikan — Sekolah Dasar");
    }

    #[test]
    fn rejects_empty() {
        assert_eq!(UnitName::parse("   "), Err(UnitError::NameEmpty));
    }

    #[test]
    fn rejects_control_characters_inside() {
        assert_eq!(
            UnitName::parse("Dinas\nPendidikan"),
            Err(UnitError::NameControlCharacter)
        );
        assert_eq!(
            UnitName::parse("Dinas\u{0}"),
            Err(UnitError::NameControlCharacter)
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert!(UnitName::parse(&"é".repeat(200)).is_ok());
        assert_eq!(
            UnitName::parse(&"é".repeat(201)),
            Err(UnitError::NameTooLong {
                length: 201,
                max: 200
            })
        );
    }

    #[test]
    fn serde_validates() {
        assert!(serde_json::from_str::<UnitName>("\"\"").is_err());
        let name: UnitName = serde_json::from_str("\"Kelurahan Menteng\"").unwrap();
        assert_eq!(name.as_str(), "Kelurahan Menteng");
    }
}
