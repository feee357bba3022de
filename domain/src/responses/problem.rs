//! What can be wrong with a responses CSV file, where, and why.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::mapping_problem::MappingProblem;
use crate::instrument::{AnswerProblem, Bilingual};
use crate::units::{Locale, UnitCode, UnitError};

/// Every problem found in a file. An import with any problem yields no response at all.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("the responses file has {} problem(s)", problems.len())]
pub struct ResponseImportReport {
    /// Ordered by line (a line's problems in column order); never empty when returned by
    /// the importer.
    pub problems: Vec<ResponseProblem>,
}

/// One problem, located in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseProblem {
    /// 1-based physical line; the header is line 1. For a record spanning several lines
    /// (a quoted comment with a line break) this is the line it starts on.
    pub line: usize,
    /// The column concerned by its canonical name (`unit_code`, an item id, `barrier:ti`,
    /// `comment:saran`), or as written in the header for an unknown column or any column of a
    /// mapped file; `None` when the problem is about the whole line or file.
    pub column: Option<String>,
    pub kind: ResponseProblemKind,
}

impl ResponseProblem {
    /// The problem as a sentence that includes its place, e.g.
    /// "Baris 3, kolom kesesuaian-1: nilai 7 di luar skala 1-5."
    pub fn message(&self, locale: Locale) -> String {
        let place = match (&self.column, locale) {
            (Some(column), Locale::Id) => format!("Baris {}, kolom {column}", self.line),
            (Some(column), Locale::En) => format!("Line {}, column {column}", self.line),
            (None, Locale::Id) => format!("Baris {}", self.line),
            (None, Locale::En) => format!("Line {}", self.line),
        };
        format!("{place}: {}", self.kind.message(locale))
    }
}

/// What is wrong, with the data needed to say it precisely. Values quoted from the file are
/// shortened excerpts, so a pasted paragraph cannot flood the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ResponseProblemKind {
    /// The file is larger than the importer reads at once.
    FileTooLarge {
        bytes: usize,
        limit: usize,
    },
    /// No header line at all.
    EmptyFile,
    /// Not UTF-8 (often a spreadsheet saved as Latin-1/Windows-1252); reported once, on the
    /// line of the first bad byte.
    NotUtf8,
    /// A quoted field is never closed; the rest of the file was swallowed by it.
    UnterminatedQuote,
    /// `unit_code` or an item of the instrument has no column.
    MissingColumn {
        column: String,
    },
    /// A column that names no item of the instrument.
    UnknownItem {
        column: String,
    },
    /// A `barrier:` or `comment:` column the instrument does not ask, or any other name.
    UnknownColumn {
        column: String,
    },
    DuplicateColumn {
        column: String,
    },
    WrongFieldCount {
        expected: usize,
        found: usize,
    },
    /// More data rows than one import accepts; rows after this line were not read.
    TooManyRows {
        limit: usize,
    },
    InvalidUnitCode {
        value: String,
        reason: UnitError,
    },
    /// The unit is not in the organisation.
    UnknownUnit {
        code: UnitCode,
    },
    /// An item answer that is not a whole number.
    NotAnInteger {
        value: String,
    },
    /// A whole number that is not a point of the scale.
    OutOfScale {
        value: String,
        min: u8,
        max: u8,
    },
    /// A barrier cell that is neither `1`, `0` nor empty.
    InvalidBarrierFlag {
        value: String,
    },
    /// The row's answers break a rule of the instrument (a required item left empty, the
    /// "lainnya" text without "lainnya" ticked, a text too long...).
    InvalidAnswer {
        problem: AnswerProblem,
    },
    /// The column mapping does not fit the instrument (see [`MappingProblem`]).
    InvalidMapping {
        problem: MappingProblem,
    },
    /// A column of the file that the mapping does not list at that place: the mapping was
    /// made for another file.
    NotInMapping {
        column: String,
    },
    /// A mapped item cell that is neither a number nor a label of the scale.
    UnknownScaleLabel {
        value: String,
        /// The scale's labels, lowest point first.
        labels: Vec<Bilingual>,
    },
    /// A name in a multi-select barriers cell that is no barrier the instrument offers.
    UnknownBarrierLabel {
        value: String,
        /// The labels of the barriers offered.
        labels: Vec<Bilingual>,
    },
    /// The report was cut short to stay small; fix the problems listed and import again.
    TooManyProblems {
        limit: usize,
    },
}

impl ResponseProblemKind {
    /// Whether the problem concerns the file as a whole rather than one row's content.
    pub fn is_about_file(&self) -> bool {
        matches!(
            self,
            Self::FileTooLarge { .. }
                | Self::EmptyFile
                | Self::NotUtf8
                | Self::UnterminatedQuote
                | Self::MissingColumn { .. }
                | Self::UnknownItem { .. }
                | Self::UnknownColumn { .. }
                | Self::DuplicateColumn { .. }
                | Self::TooManyRows { .. }
                | Self::InvalidMapping { .. }
                | Self::NotInMapping { .. }
                | Self::TooManyProblems { .. }
        )
    }

    /// The problem as a sentence in the given language.
    pub fn message(&self, locale: Locale) -> String {
        match locale {
            Locale::Id => self.message_id(),
            Locale::En => self.message_en(),
        }
    }
}
