//! The languages Siap speaks to people. Bahasa Indonesia first: it is the working language of
//! every ASN; English serves partners and reviewers.

use serde::{Deserialize, Serialize};

/// A language for labels and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Locale {
    /// The locale a form's `lang` field names: `en` is English, anything else Indonesian
    /// (the default language).
    pub fn from_code(code: &str) -> Self {
        if code == "en" {
            Locale::En
        } else {
            Locale::Id
        }
    }

    /// Picks the text for this locale from an Indonesian and an English version.
    pub fn pick<T>(self, id: T, en: T) -> T {
        match self {
            Locale::Id => id,
            Locale::En => en,
        }
    }
}
