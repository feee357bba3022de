//! Importing a responses CSV file: validate every row, return all or nothing.

use std::{borrow::Cow, collections::HashSet};

use super::columns::Layout;
use super::labels::Labels;
use super::problem::{ResponseImportReport, ResponseProblem, ResponseProblemKind};
use super::response::ParsedResponse;
use super::row::{read_row, RowContext};
use super::{MAX_BYTES, MAX_PROBLEMS, MAX_ROWS};
use crate::csv_text::{decode, detect_delimiter, Record, RecordReader};
use crate::instrument::Instrument;
use crate::units::Unit;

/// Reads a responses CSV file answered with `instrument` in the organisation `units`.
/// Returns every response, in file order, when the file has no problem at all; otherwise
/// every problem found (up to [`MAX_PROBLEMS`]), by line. Nothing is stored here: the caller
/// stores the responses all or nothing.
pub fn read_responses(
    input: &[u8],
    instrument: &Instrument,
    units: &[Unit],
) -> Result<Vec<ParsedResponse>, ResponseImportReport> {
    read_with(input, instrument, units, |header, problems| {
        Layout::read(header, instrument, problems)
    })
}

/// [`read_responses`] with the header line read by `layout`, which adds the problems of the
/// header: the whole import but the columns is shared by Siap's own format and mapped files.
pub(super) fn read_with(
    input: &[u8],
    instrument: &Instrument,
    units: &[Unit],
    layout: impl FnOnce(&Record, &mut Vec<ResponseProblem>) -> Layout,
) -> Result<Vec<ParsedResponse>, ResponseImportReport> {
    let mut problems = Vec::new();
    let text = decoded_text(input, &mut problems)?;
    let mut records = RecordReader::new(&text, detect_delimiter(&text));
    let header = header_record(&mut records, &mut problems)?;
    let layout = layout(&header, &mut problems);
    let known: HashSet<&str> = units.iter().map(|unit| unit.code.as_str()).collect();
    let labels = Labels::new(instrument);
    let context = RowContext {
        instrument,
        layout: &layout,
        units: &known,
        labels: &labels,
    };

    let mut responses = Vec::new();
    for (rows, record) in records.by_ref().enumerate() {
        if rows == MAX_ROWS {
            problems.push(ResponseProblem {
                line: record.line,
                column: None,
                kind: ResponseProblemKind::TooManyRows { limit: MAX_ROWS },
            });
            break;
        }
        // Once the file is known to be rejected, rows are still checked (the report lists
        // every problem) but no longer kept.
        let response = read_row(&record, &context, &mut problems);
        if problems.is_empty() {
            responses.extend(response);
        } else {
            responses = Vec::new();
            // Past the cap the report is cut anyway; stop reading a hopeless file.
            if problems.len() > MAX_PROBLEMS * 2 {
                break;
            }
        }
    }
    problems.extend(unterminated(&records));
    if problems.is_empty() {
        Ok(responses)
    } else {
        Err(report(problems))
    }
}

pub(super) fn too_large(input: &[u8]) -> Option<ResponseProblem> {
    (input.len() > MAX_BYTES).then_some(ResponseProblem {
        line: 1,
        column: None,
        kind: ResponseProblemKind::FileTooLarge {
            bytes: input.len(),
            limit: MAX_BYTES,
        },
    })
}

pub(super) fn unterminated(records: &RecordReader<'_>) -> Option<ResponseProblem> {
    records.unterminated_quote().map(|line| ResponseProblem {
        line,
        column: None,
        kind: ResponseProblemKind::UnterminatedQuote,
    })
}

/// Problems by line (stable, so a line's problems stay in column order), capped in number.
/// Problems about the file as a whole are kept first when cutting: they explain the rest.
pub(super) fn report(mut problems: Vec<ResponseProblem>) -> ResponseImportReport {
    if problems.len() > MAX_PROBLEMS {
        problems.sort_by_key(|problem| (!problem.kind.is_about_file(), problem.line));
        let first_dropped = problems[MAX_PROBLEMS].line;
        problems.truncate(MAX_PROBLEMS);
        problems.push(ResponseProblem {
            line: first_dropped,
            column: None,
            kind: ResponseProblemKind::TooManyProblems {
                limit: MAX_PROBLEMS,
            },
        });
    }
    problems.sort_by_key(|problem| problem.line);
    ResponseImportReport { problems }
}

/// The file as text, refused when too large. Not UTF-8 is reported once in `problems`, and the
/// text is then a lossy reading so that the rest can still be checked for a complete report.
pub(super) fn decoded_text<'a>(
    input: &'a [u8],
    problems: &mut Vec<ResponseProblem>,
) -> Result<Cow<'a, str>, ResponseImportReport> {
    if let Some(problem) = too_large(input) {
        return Err(report(vec![problem]));
    }
    let decoded = decode(input);
    if let Some(line) = decoded.not_utf8_line {
        problems.push(ResponseProblem {
            line,
            column: None,
            kind: ResponseProblemKind::NotUtf8,
        });
    }
    Ok(decoded.text)
}

/// The header line; a file without one (empty, or its quote never closed) is refused with
/// every problem found so far.
pub(super) fn header_record(
    records: &mut RecordReader<'_>,
    problems: &mut Vec<ResponseProblem>,
) -> Result<Record, ResponseImportReport> {
    match records.next() {
        Some(header) => Ok(header),
        None => {
            problems.extend(unterminated(records));
            if problems.is_empty() {
                problems.push(ResponseProblem {
                    line: 1,
                    column: None,
                    kind: ResponseProblemKind::EmptyFile,
                });
            }
            Err(report(std::mem::take(problems)))
        }
    }
}
