//! The name administrators and respondents know a wave by, e.g. "Survei Kesiapan 2025".

use std::fmt;

use serde::{Deserialize, Serialize};

use super::WaveError;

/// A wave title: 1–120 characters after trimming, with no control characters (it heads
/// printed invitation sheets and lists).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WaveTitle(String);

impl WaveTitle {
    /// The longest title accepted, in characters.
    pub const MAX_LEN: usize = 120;

    /// Parses a title, trimming surrounding whitespace.
    pub fn parse(raw: &str) -> Result<Self, WaveError> {
        let title = raw.trim();
        if crate::display_text::shows_nothing(title) {
            return Err(WaveError::TitleEmpty);
        }
        if crate::display_text::holds_hidden_control(title, false) {
            return Err(WaveError::TitleControlCharacter);
        }
        let length = title.chars().count();
        if length > Self::MAX_LEN {
            return Err(WaveError::TitleTooLong {
                length,
                max: Self::MAX_LEN,
            });
        }
        Ok(Self(title.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WaveTitle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for WaveTitle {
    type Error = WaveError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WaveTitle> for String {
    fn from(title: WaveTitle) -> Self {
        title.0
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn trims_and_counts_characters() {
        let title = WaveTitle::parse("  Survei Kesiapan — 2025 ").unwrap();
        assert_eq!(title.as_str(), "Survei Kesiapan — 2025");
        assert!(WaveTitle::parse(&"é".repeat(120)).is_ok());
        assert_eq!(
            WaveTitle::parse(&"é".repeat(121)),
            Err(WaveError::TitleTooLong {
                length: 121,
                max: 120
            })
        );
    }

    #[test]
    fn rejects_blank_and_control_characters() {
        assert_eq!(WaveTitle::parse(" \t "), Err(WaveError::TitleEmpty));
        assert_eq!(
            WaveTitle::parse("Survei\nKesiapan"),
            Err(WaveError::TitleControlCharacter)
        );
    }

    #[test]
    fn serde_validates() {
        assert!(serde_json::from_str::<WaveTitle>("\"  \"").is_err());
        let title: WaveTitle = serde_json::from_str("\" Gelombang 1 \"").unwrap();
        assert_eq!(title.as_str(), "Gelombang 1");
    }
}
