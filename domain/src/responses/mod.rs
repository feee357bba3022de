//! The responses CSV format (documented in `docs/responses-csv.md`): one row per respondent,
//! the unit they answered in, their item answers, barriers ticked and comments. Used to import
//! answers collected elsewhere (paper forms typed into a spreadsheet, another survey tool), to
//! export a wave for analysts, and to generate test data.
//!
//! Import validates the whole file before returning anything: either every row as a
//! [`ParsedResponse`] (its answers passed [`Instrument::validate_answers`]) or a
//! [`ResponseImportReport`] listing every problem with its line and column, never a partial
//! result.
//!
//! Files from other tools, with their own headers and answers written as labels, are read
//! through a [`ColumnMapping`] ([`guess_mapping`] proposes one, [`read_responses_mapped`]
//! reads with it).
//!
//! The file deliberately has no respondent id, token or timestamp column: a stored response
//! keeps no link to a person (see the anonymity notes in `docs/responses-csv.md`).
//!
//! [`Instrument::validate_answers`]: crate::instrument::Instrument::validate_answers

mod columns;
mod export;
mod guess;
mod header_text;
mod import;
mod labels;
mod mapped;
mod mapping;
mod mapping_problem;
mod messages;
mod problem;
mod response;
mod row;

#[cfg(test)]
mod mapping_tests;
#[cfg(test)]
mod tests;

pub use export::{append_rows, header_line, write_responses};
pub use guess::{guess_mapping, HeaderGuess};
pub use import::read_responses;
pub use mapped::read_responses_mapped;
pub use mapping::ColumnMapping;
pub use mapping_problem::{MappingError, MappingProblem, MappingProblemKind};
pub use problem::{ResponseImportReport, ResponseProblem, ResponseProblemKind};
pub use response::ParsedResponse;

/// The unit column, by its canonical name.
pub const UNIT_CODE_COLUMN: &str = "unit_code";

/// Prefix of the barrier checklist columns: `barrier:anggaran`, `barrier:ti`...
pub const BARRIER_PREFIX: &str = "barrier:";

/// The column of the free text of the "lainnya" barrier.
pub const BARRIER_OTHER_TEXT_COLUMN: &str = "barrier:lainnya_text";

/// Prefix of the comment columns: `comment:saran`...
pub const COMMENT_PREFIX: &str = "comment:";

/// The column a file from another tool may hold every ticked barrier in, by label or code
/// (a multi-select question); only through a [`ColumnMapping`], never exported.
pub const BARRIER_LIST_COLUMN: &str = "barriers";

/// The most data rows one import reads: several times the whole of Pemprov DKI (about 65
/// thousand PNS), so one wave of any single organisation fits, and a runaway file does not
/// exhaust the server's memory.
pub const MAX_ROWS: usize = 250_000;

/// The largest file one import reads: `MAX_ROWS` rows with a long comment each.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;

/// The most problems one report lists, so a wrong file does not produce a huge response.
pub const MAX_PROBLEMS: usize = 1_000;
