//! The texts of a plan: its title (also a milestone's), longer texts (descriptions, comments,
//! status notes) and the funding source.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{InterventionError, TextField};

/// Trims `raw` and checks it: not empty, at most `max` characters, no control characters
/// except, when `multiline`, line breaks and tabs (Windows line breaks become `\n`).
fn clean(
    raw: &str,
    field: TextField,
    max: usize,
    multiline: bool,
) -> Result<String, InterventionError> {
    let text = raw.trim();
    if crate::display_text::shows_nothing(text) {
        return Err(InterventionError::TextEmpty { field });
    }
    let text = if multiline {
        text.replace("\r\n", "\n")
    } else {
        text.to_owned()
    };
    if crate::display_text::holds_hidden_control(&text, multiline) {
        return Err(InterventionError::TextControlCharacter { field });
    }
    let length = text.chars().count();
    if length > max {
        return Err(InterventionError::TextTooLong { field, length, max });
    }
    Ok(text)
}

macro_rules! text_type {
    ($name:ident, $field:expr) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = InterventionError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Ok(Self(clean(&value, $field, Self::MAX_LEN, Self::MULTILINE)?))
            }
        }

        impl From<$name> for String {
            fn from(text: $name) -> Self {
                text.0
            }
        }
    };
}

/// A plan's or a milestone's title: 1–160 characters after trimming, on one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InterventionTitle(String);

impl InterventionTitle {
    /// The longest title accepted, in characters.
    pub const MAX_LEN: usize = 160;
    const MULTILINE: bool = false;

    /// Parses a title, trimming surrounding whitespace.
    pub fn parse(raw: &str) -> Result<Self, InterventionError> {
        clean(raw, TextField::Title, Self::MAX_LEN, Self::MULTILINE).map(Self)
    }
}

text_type!(InterventionTitle, TextField::Title);

/// A longer text: a description, a comment or a note on a status change. 1–4000 characters
/// after trimming; line breaks and tabs are kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LongText(String);

impl LongText {
    /// The longest text accepted, in characters.
    pub const MAX_LEN: usize = 4000;
    const MULTILINE: bool = true;

    /// Parses a text for `field` (named in the error), trimming surrounding whitespace.
    pub fn parse(raw: &str, field: TextField) -> Result<Self, InterventionError> {
        clean(raw, field, Self::MAX_LEN, Self::MULTILINE).map(Self)
    }

    /// Like [`LongText::parse`], but a blank text is `None` (an optional form field).
    pub fn parse_optional(raw: &str, field: TextField) -> Result<Option<Self>, InterventionError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(raw, field).map(Some)
        }
    }
}

text_type!(LongText, TextField::Description);

/// Where a plan's money comes from, e.g. "APBD 2026" or "BLUD": 1–160 characters, one line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FundingSource(String);

impl FundingSource {
    /// The longest text accepted, in characters.
    pub const MAX_LEN: usize = 160;
    const MULTILINE: bool = false;

    pub fn parse(raw: &str) -> Result<Self, InterventionError> {
        clean(
            raw,
            TextField::FundingSource,
            Self::MAX_LEN,
            Self::MULTILINE,
        )
        .map(Self)
    }
}

text_type!(FundingSource, TextField::FundingSource);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn titles_trim_and_count_characters() {
        let title = InterventionTitle::parse("  Pelatihan layanan digital — Kelurahan ").unwrap();
        assert_eq!(title.as_str(), "Pelatihan layanan digital — Kelurahan");
        assert!(InterventionTitle::parse(&"é".repeat(160)).is_ok());
        assert_eq!(
            InterventionTitle::parse(&"é".repeat(161)),
            Err(InterventionError::TextTooLong {
                field: TextField::Title,
                length: 161,
                max: 160
            })
        );
        assert_eq!(
            InterventionTitle::parse(" \t\n "),
            Err(InterventionError::TextEmpty {
                field: TextField::Title
            })
        );
        assert_eq!(
            InterventionTitle::parse("Baris\nkedua"),
            Err(InterventionError::TextControlCharacter {
                field: TextField::Title
            })
        );
    }

    #[test]
    fn long_texts_keep_line_breaks() {
        let text = LongText::parse(" Langkah 1\r\n\tLangkah 2 ", TextField::Comment).unwrap();
        assert_eq!(text.as_str(), "Langkah 1\n\tLangkah 2");
        assert_eq!(
            LongText::parse("bel\u{7}", TextField::Comment),
            Err(InterventionError::TextControlCharacter {
                field: TextField::Comment
            })
        );
        assert!(LongText::parse(&"a".repeat(4000), TextField::Description).is_ok());
        assert!(matches!(
            LongText::parse(&"a".repeat(4001), TextField::Description),
            Err(InterventionError::TextTooLong { max: 4000, .. })
        ));
        assert_eq!(
            LongText::parse_optional("  ", TextField::Description),
            Ok(None)
        );
    }

    #[test]
    fn funding_sources_are_one_line() {
        assert_eq!(
            FundingSource::parse(" APBD 2026 ").unwrap().as_str(),
            "APBD 2026"
        );
        assert!(FundingSource::parse("").is_err());
    }

    #[test]
    fn serde_validates() {
        assert!(serde_json::from_str::<InterventionTitle>("\"  \"").is_err());
        let title: InterventionTitle = serde_json::from_str("\" Coaching \"").unwrap();
        assert_eq!(title.as_str(), "Coaching");
        assert_eq!(serde_json::to_string(&title).unwrap(), "\"Coaching\"");
        assert!(serde_json::from_str::<LongText>("\"\"").is_err());
    }
}
