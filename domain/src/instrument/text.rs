//! Text shown to people, always in both of Siap's languages. An instrument with a missing
//! translation cannot be built, so the browser never has to fall back to the other language.

use serde::{Deserialize, Serialize};

use super::draft::TextDraft;
use super::InstrumentError;
use crate::units::Locale;

/// A non-empty text in Bahasa Indonesia (`id`) and English (`en`), trimmed of surrounding
/// whitespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TextDraft")]
pub struct Bilingual {
    id: String,
    en: String,
}

impl Bilingual {
    /// Checks both texts: present, not blank, and at most `max` characters each. Errors name
    /// `field`, the path of the text in the instrument file.
    pub fn new(
        id: Option<&str>,
        en: Option<&str>,
        field: &str,
        max: usize,
    ) -> Result<Self, InstrumentError> {
        Ok(Self {
            id: checked(id, Locale::Id, field, max)?,
            en: checked(en, Locale::En, field, max)?,
        })
    }

    pub(super) fn from_draft(
        draft: &TextDraft,
        field: &str,
        max: usize,
    ) -> Result<Self, InstrumentError> {
        Self::new(draft.id.as_deref(), draft.en.as_deref(), field, max)
    }

    /// Built-in texts written in this crate (messages, labels): known to be valid.
    pub(super) fn known(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            en: en.into(),
        }
    }

    /// The Indonesian text.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The English text.
    pub fn en(&self) -> &str {
        &self.en
    }

    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        locale.pick(&self.id, &self.en)
    }

    pub(super) fn to_draft(&self) -> TextDraft {
        TextDraft {
            id: Some(self.id.clone()),
            en: Some(self.en.clone()),
        }
    }
}

fn checked(
    text: Option<&str>,
    language: Locale,
    field: &str,
    max: usize,
) -> Result<String, InstrumentError> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return Err(InstrumentError::MissingTranslation {
            field: field.to_owned(),
            language,
        });
    }
    let length = text.chars().count();
    if length > max {
        return Err(InstrumentError::TextTooLong {
            field: field.to_owned(),
            language,
            length,
            max,
        });
    }
    Ok(text.to_owned())
}

impl TryFrom<TextDraft> for Bilingual {
    type Error = InstrumentError;
    /// Outside an instrument no length limit applies; the instrument checks its own.
    fn try_from(draft: TextDraft) -> Result<Self, Self::Error> {
        Self::from_draft(&draft, "text", usize::MAX)
    }
}
