//! The stable identifier of a unit, chosen by the organisation (e.g. `DKI.SETDA.BIRO-ORB`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::UnitError;

/// A unit code: 1–40 ASCII letters, digits, `.`, `-` or `_`, surrounding whitespace trimmed.
///
/// Case is kept and compared exactly: codes are identifiers, not prose, and silently folding
/// case would merge two units a user meant to keep apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct UnitCode(String);

impl UnitCode {
    /// The longest code accepted, in characters.
    pub const MAX_LEN: usize = 40;

    /// Parses a code, trimming surrounding whitespace.
    pub fn parse(raw: &str) -> Result<Self, UnitError> {
        let code = raw.trim();
        if code.is_empty() {
            return Err(UnitError::CodeEmpty);
        }
        if let Some(character) = code.chars().find(|c| !is_code_char(*c)) {
            return Err(UnitError::CodeInvalidCharacter { character });
        }
        // Only ASCII is left, so bytes are characters.
        if code.len() > Self::MAX_LEN {
            return Err(UnitError::CodeTooLong {
                length: code.len(),
                max: Self::MAX_LEN,
            });
        }
        Ok(Self(code.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for UnitCode {
    type Error = UnitError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<UnitCode> for String {
    fn from(code: UnitCode) -> Self {
        code.0
    }
}

impl std::str::FromStr for UnitCode {
    type Err = UnitError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl AsRef<str> for UnitCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn accepts_and_trims_readable_codes() {
        assert_eq!(
            UnitCode::parse("  DKI.SETDA.BIRO-ORB ").unwrap().as_str(),
            "DKI.SETDA.BIRO-ORB"
        );
        assert_eq!(UnitCode::parse("a_1").unwrap().as_str(), "a_1");
    }

    #[test]
    fn keeps_case_and_compares_exactly() {
        assert_ne!(
            UnitCode::parse("dki").unwrap(),
            UnitCode::parse("DKI").unwrap()
        );
    }

    #[test]
    fn rejects_empty_and_blank() {
        assert_eq!(UnitCode::parse(""), Err(UnitError::CodeEmpty));
        assert_eq!(UnitCode::parse(" \t "), Err(UnitError::CodeEmpty));
    }

    #[test]
    fn rejects_other_characters() {
        assert_eq!(
            UnitCode::parse("DKI SETDA"),
            Err(UnitError::CodeInvalidCharacter { character: ' ' })
        );
        assert_eq!(
            UnitCode::parse("DKI/1"),
            Err(UnitError::CodeInvalidCharacter { character: '/' })
        );
        assert_eq!(
            UnitCode::parse("KELURAHAN-É"),
            Err(UnitError::CodeInvalidCharacter { character: 'É' })
        );
    }

    #[test]
    fn length_limit_is_forty() {
        assert!(UnitCode::parse(&"A".repeat(40)).is_ok());
        assert_eq!(
            UnitCode::parse(&"A".repeat(41)),
            Err(UnitError::CodeTooLong {
                length: 41,
                max: 40
            })
        );
    }

    #[test]
    fn serde_validates() {
        let code: UnitCode = serde_json::from_str("\"DKI\"").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"DKI\"");
        assert!(serde_json::from_str::<UnitCode>("\"bad code\"").is_err());
    }
}
