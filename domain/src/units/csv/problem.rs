//! What can be wrong with a units CSV file, where, and why.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::units::{Locale, UnitCode, UnitError};

/// Every problem found in a file. An import with any problem changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("the units file has {} problem(s)", problems.len())]
pub struct ImportReport {
    /// Ordered by line; never empty when returned by the importer.
    pub problems: Vec<ImportProblem>,
}

/// One problem, located in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based physical line; the header is line 1. For a record spanning several lines
    /// (a quoted field with a line break) this is the line it starts on.
    pub line: usize,
    /// The column concerned, by its canonical name (`code`, `parent_code`...), or as written in
    /// the header for an unknown column; `None` when the problem is about the whole line.
    pub column: Option<String>,
    pub kind: ProblemKind,
}

impl ImportProblem {
    /// The problem as a sentence that includes its place, e.g.
    /// "Baris 3, kolom code: kode unit kosong."
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

/// What is wrong, with the data needed to say it precisely.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The file is larger than the importer reads at once.
    FileTooLarge {
        bytes: usize,
        limit: usize,
    },
    /// No header line at all.
    EmptyFile,
    /// The file is not UTF-8 (often a spreadsheet saved as Latin-1/Windows-1252); reported once,
    /// on the line of the first bad byte.
    NotUtf8,
    /// A quoted field is never closed; the rest of the file was swallowed by it.
    UnterminatedQuote,
    MissingColumn {
        column: String,
    },
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
    InvalidCode {
        value: String,
        reason: UnitError,
    },
    DuplicateCode {
        code: UnitCode,
        first_line: usize,
    },
    InvalidName {
        reason: UnitError,
    },
    UnknownKind {
        value: String,
    },
    InvalidHeadcount {
        value: String,
        reason: UnitError,
    },
    InvalidParentCode {
        value: String,
        reason: UnitError,
    },
    /// The parent is neither in the file nor among the existing units.
    UnknownParent {
        parent: UnitCode,
    },
    OwnParent {
        code: UnitCode,
    },
    /// Following parents from this row comes back to it: `codes` is the loop, starting and
    /// ending with this row's code.
    Cycle {
        codes: Vec<UnitCode>,
    },
    /// The organisation would have two roots; `root` is the one kept.
    SecondRoot {
        code: UnitCode,
        root: UnitCode,
    },
    /// The report was cut short to stay small; fix the problems listed and import again.
    TooManyProblems {
        limit: usize,
    },
}

impl ProblemKind {
    /// Whether the problem concerns the file as a whole rather than one row's content.
    pub fn is_about_file(&self) -> bool {
        matches!(
            self,
            ProblemKind::FileTooLarge { .. }
                | ProblemKind::EmptyFile
                | ProblemKind::NotUtf8
                | ProblemKind::UnterminatedQuote
                | ProblemKind::MissingColumn { .. }
                | ProblemKind::UnknownColumn { .. }
                | ProblemKind::DuplicateColumn { .. }
                | ProblemKind::TooManyRows { .. }
                | ProblemKind::TooManyProblems { .. }
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
