//! Importing a file from another tool through a [`ColumnMapping`]: the same import as Siap's
//! own format (limits, all or nothing, problems by line), with the columns the mapping says
//! and answers that may be written as labels.

use super::columns::{Column, Layout};
use super::import::read_with;
use super::mapping::ColumnMapping;
use super::mapping_problem::MappingProblemKind;
use super::problem::{ResponseImportReport, ResponseProblem, ResponseProblemKind};
use super::response::ParsedResponse;
use crate::csv_text::Record;
use crate::instrument::Instrument;
use crate::units::Unit;

/// Reads a responses CSV file whose columns `mapping` describes, answered with `instrument`
/// in the organisation `units`. Like [`read_responses`](super::read_responses), it returns
/// every response or every problem; in addition item cells may hold a scale label in either
/// language, a column mapped to [`BARRIER_LIST_COLUMN`](super::BARRIER_LIST_COLUMN) holds the
/// barriers by label or code, and columns mapped to nothing are not read at all. Problems
/// name the columns by the file's own headers.
pub fn read_responses_mapped(
    input: &[u8],
    instrument: &Instrument,
    units: &[Unit],
    mapping: &ColumnMapping,
) -> Result<Vec<ParsedResponse>, ResponseImportReport> {
    read_with(input, instrument, units, |header, problems| {
        mapped_layout(header, instrument, mapping, problems)
    })
}

/// The layout the mapping gives the file's header line. The mapping was made from this
/// header: a header that differs from it (another file, a column added since) is a problem
/// rather than a guess, so no column is read as something it is not.
fn mapped_layout(
    header: &Record,
    instrument: &Instrument,
    mapping: &ColumnMapping,
    problems: &mut Vec<ResponseProblem>,
) -> Layout {
    let (columns, mapping_problems) = mapping.resolve(instrument);
    for mapping_problem in mapping_problems {
        // A column nothing is mapped to is named canonically: the file has no header for it.
        let column = match (&mapping_problem.header, &mapping_problem.kind) {
            (Some(header), _) => Some(header.clone()),
            (None, MappingProblemKind::NotMapped { column }) => Some(column.clone()),
            (None, _) => None,
        };
        problems.push(ResponseProblem {
            line: header.line,
            column,
            kind: ResponseProblemKind::InvalidMapping {
                problem: mapping_problem,
            },
        });
    }
    let mut problem = |column: &str, kind| {
        problems.push(ResponseProblem {
            line: header.line,
            column: Some(column.to_owned()),
            kind,
        });
    };

    let listed = mapping.columns();
    let mut positions = Vec::with_capacity(header.fields.len());
    for (position, raw) in header.fields.iter().enumerate() {
        let written = raw.trim();
        let column = match listed.get(position) {
            Some(guess) if guess.header.trim() == written => {
                columns.get(position).copied().flatten()
            }
            _ => {
                problem(
                    written,
                    ResponseProblemKind::NotInMapping {
                        column: written.to_owned(),
                    },
                );
                None
            }
        };
        positions.push(column.map(|column| (column, shown(written, column, instrument))));
    }
    for absent in listed.iter().skip(header.fields.len()) {
        let written = absent.header.trim();
        problem(
            written,
            ResponseProblemKind::MissingColumn {
                column: written.to_owned(),
            },
        );
    }
    Layout::new(positions, true)
}

/// The name problems give a column: the file's header, what the user sees, unless blank.
fn shown(written: &str, column: Column, instrument: &Instrument) -> String {
    if written.is_empty() {
        column.name(instrument)
    } else {
        written.to_owned()
    }
}
