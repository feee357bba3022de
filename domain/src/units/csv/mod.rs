//! The units CSV format (documented in `docs/units-csv.md`): import with complete validation
//! into a plan the caller commits all or nothing, and export in the same format.

mod export;
mod graph;
mod header;
mod import;
mod messages;
mod plan;
mod problem;
mod records;
mod rows;

pub use export::to_csv;
pub use import::import_units;
pub use plan::{ImportPlan, PlanStep, UnitUpdate};
pub use problem::{ImportProblem, ImportReport, ProblemKind};

/// The columns of a units file, by canonical name, in the order the exporter writes them.
pub const COLUMNS: [&str; 5] = ["code", "name", "kind", "parent_code", "headcount"];

/// The most data rows one import reads (Pemprov DKI has a few thousand units at most).
pub const MAX_ROWS: usize = 100_000;

/// The largest file one import reads: room for `MAX_ROWS` rows of long names.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The most problems one report lists, so a wrong file does not produce a huge response.
pub const MAX_PROBLEMS: usize = 1_000;
