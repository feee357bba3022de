//! What can be wrong with a column mapping, by the file column concerned, in both languages.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::units::Locale;

/// Every problem of a mapping; a mapping with any cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("the column mapping has {} problem(s)", problems.len())]
pub struct MappingError {
    /// In the order of the file's columns, then the columns nothing is mapped to.
    pub problems: Vec<MappingProblem>,
}

/// One problem, at the file column the user chose it for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingProblem {
    /// The file's column header, as written; `None` for a column nothing is mapped to.
    pub header: Option<String>,
    pub kind: MappingProblemKind,
}

impl MappingProblem {
    /// The problem as a sentence with its place, e.g.
    /// "Kolom Pertanyaan 3: kolom kesesuaian-1 sudah dipetakan dari kolom lain".
    pub fn message(&self, locale: Locale) -> String {
        match &self.header {
            Some(header) => {
                let place = locale.pick("Kolom", "Column");
                format!("{place} {header}: {}", self.kind.message(locale))
            }
            None => self.kind.message(locale),
        }
    }
}

/// What is wrong. Columns are named canonically (`unit_code`, an item id, `barrier:ti`,
/// `barriers`...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MappingProblemKind {
    /// A name that is no column of the instrument (a typo, or another survey's item).
    UnknownColumn { column: String },
    /// A second file column mapped to a column: which of the two holds the answer?
    MappedTwice { column: String },
    /// `unit_code` or an item that no file column feeds: every row would lack it.
    NotMapped { column: String },
}

impl MappingProblemKind {
    /// The reason, without its place.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::UnknownColumn { column }, Locale::Id) => {
                format!("{column} bukan kolom survei ini")
            }
            (Self::UnknownColumn { column }, Locale::En) => {
                format!("{column} is not a column of this survey")
            }
            (Self::MappedTwice { column }, Locale::Id) => {
                format!("kolom {column} sudah dipetakan dari kolom lain")
            }
            (Self::MappedTwice { column }, Locale::En) => {
                format!("column {column} is already mapped from another column")
            }
            (Self::NotMapped { column }, Locale::Id) => {
                format!("tidak ada kolom berkas yang dipetakan ke {column}")
            }
            (Self::NotMapped { column }, Locale::En) => {
                format!("no column of the file is mapped to {column}")
            }
        }
    }
}
