//! Why a single unit field was rejected. One error type for the unit types layer; the CSV
//! importer wraps it in its own problems, with the line and column.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A value that is not a valid unit code, name, kind or headcount.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum UnitError {
    #[error("the unit code is empty")]
    CodeEmpty,
    #[error("the unit code has {length} characters; at most {max} are allowed")]
    CodeTooLong { length: usize, max: usize },
    #[error("the unit code contains {character:?}; only ASCII letters, digits, '.', '-' and '_' are allowed")]
    CodeInvalidCharacter { character: char },
    #[error("the unit name is empty")]
    NameEmpty,
    #[error("the unit name has {length} characters; at most {max} are allowed")]
    NameTooLong { length: usize, max: usize },
    #[error("the unit name contains a control character (such as a line break or tab) or a text-direction control")]
    NameControlCharacter,
    #[error("unknown unit kind")]
    KindUnknown,
    #[error("the headcount is empty")]
    HeadcountEmpty,
    #[error("the headcount is not a whole number")]
    HeadcountNotInteger,
    #[error("the headcount is negative")]
    HeadcountNegative,
    #[error("the headcount is larger than {max}")]
    HeadcountTooLarge { max: u32 },
}

impl UnitError {
    /// The reason in the given language.
    pub fn message(&self, locale: super::Locale) -> String {
        match locale {
            super::Locale::Id => self.message_id(),
            super::Locale::En => self.message_en(),
        }
    }

    /// The reason in Bahasa Indonesia.
    pub fn message_id(&self) -> String {
        match self {
            UnitError::CodeEmpty => "kode unit kosong".to_owned(),
            UnitError::CodeTooLong { length, max } => {
                format!("kode unit terdiri dari {length} karakter; paling banyak {max}")
            }
            UnitError::CodeInvalidCharacter { character } => format!(
                "kode unit memuat {character:?}; hanya huruf ASCII, angka, '.', '-' dan '_' yang diperbolehkan"
            ),
            UnitError::NameEmpty => "nama unit kosong".to_owned(),
            UnitError::NameTooLong { length, max } => {
                format!("nama unit terdiri dari {length} karakter; paling banyak {max}")
            }
            UnitError::NameControlCharacter => {
                "nama unit memuat karakter kontrol (misalnya ganti baris atau tab) atau pengatur arah teks".to_owned()
            }
            UnitError::KindUnknown => "jenis unit tidak dikenal".to_owned(),
            UnitError::HeadcountEmpty => "jumlah pegawai kosong".to_owned(),
            UnitError::HeadcountNotInteger => "jumlah pegawai bukan bilangan bulat".to_owned(),
            UnitError::HeadcountNegative => "jumlah pegawai negatif".to_owned(),
            UnitError::HeadcountTooLarge { max } => {
                format!("jumlah pegawai lebih dari {max}")
            }
        }
    }

    /// The reason in English.
    pub fn message_en(&self) -> String {
        self.to_string()
    }
}
