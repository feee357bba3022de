//! Turning one data record into a validated response, reporting each bad cell.

use std::collections::HashSet;

use super::columns::{Column, Layout};
use super::labels::Labels;
use super::problem::{ResponseProblem, ResponseProblemKind};
use super::response::ParsedResponse;
use crate::csv_text::{excerpt, unguard, Record};
use crate::instrument::{Answers, BarrierCode, Instrument, BARRIER_OTHER_TARGET};
use crate::units::UnitCode;

/// What every row is checked against.
pub(super) struct RowContext<'a> {
    pub instrument: &'a Instrument,
    pub layout: &'a Layout,
    pub units: &'a HashSet<&'a str>,
    pub labels: &'a Labels,
}

/// Reads a row, adding a problem for each cell that is wrong; the response only when there
/// is none.
pub(super) fn read_row(
    record: &Record,
    context: &RowContext<'_>,
    problems: &mut Vec<ResponseProblem>,
) -> Option<ParsedResponse> {
    let instrument = context.instrument;
    let line = record.line;
    if record.fields.len() != context.layout.width() {
        problems.push(ResponseProblem {
            line,
            column: None,
            kind: ResponseProblemKind::WrongFieldCount {
                expected: context.layout.width(),
                found: record.fields.len(),
            },
        });
        return None;
    }
    let before = problems.len();
    let layout = context.layout;
    let mut report = |position: usize, kind| {
        problems.push(ResponseProblem {
            line,
            column: layout.shown_at(position).map(str::to_owned),
            kind,
        });
    };

    let mut unit = None;
    let mut answers = Answers::default();
    // Cells already reported, so the answer rules do not report them a second time (an
    // out-of-scale required item would otherwise also be "missing").
    let mut reported: HashSet<String> = HashSet::new();
    for (position, column) in context.layout.columns() {
        let cell = record.fields[position].as_str();
        match column {
            Column::UnitCode => match UnitCode::parse(cell) {
                Ok(code) if context.units.contains(code.as_str()) => unit = Some(code),
                Ok(code) => report(position, ResponseProblemKind::UnknownUnit { code }),
                Err(reason) => report(
                    position,
                    ResponseProblemKind::InvalidUnitCode {
                        value: excerpt(cell),
                        reason,
                    },
                ),
            },
            Column::Item(index) => {
                let Some(item) = instrument.items().nth(index) else {
                    continue;
                };
                let labels = layout.scale_labels().then_some(context.labels);
                match item_value(cell, instrument, labels) {
                    Ok(value) => {
                        answers.items.insert(item.id().to_string(), value);
                    }
                    Err(kind) => {
                        reported.insert(item.id().to_string());
                        report(position, kind);
                    }
                }
            }
            Column::Barrier(code) => match cell.trim() {
                "1" => answers.barriers.push(code.as_str().to_owned()),
                "" | "0" => {}
                other => report(
                    position,
                    ResponseProblemKind::InvalidBarrierFlag {
                        value: excerpt(other),
                    },
                ),
            },
            Column::BarrierList => {
                let (codes, unknown) = context.labels.split_barriers(cell);
                answers
                    .barriers
                    .extend(codes.into_iter().map(|code| code.as_str().to_owned()));
                for kind in unknown {
                    report(position, kind);
                }
            }
            Column::BarrierOtherText => {
                answers.barrier_other = Some(unguard(cell.trim()).to_owned());
            }
            Column::Comment(index) => {
                if let Some(question) = instrument.comments().get(index) {
                    answers
                        .comments
                        .insert(question.id().to_string(), unguard(cell.trim()).to_owned());
                }
            }
        }
    }

    match instrument.validate_answers(&answers) {
        Ok(valid) if problems.len() == before => Some(ParsedResponse::new(unit?, valid)),
        Ok(_) => None,
        Err(answer_problems) => {
            for problem in answer_problems {
                if reported.contains(problem.target()) {
                    continue;
                }
                problems.push(ResponseProblem {
                    line,
                    column: answer_column(problem.target(), instrument, layout),
                    kind: ResponseProblemKind::InvalidAnswer { problem },
                });
            }
            None
        }
    }
}

/// An item cell: empty means skipped, otherwise a whole number on the scale, or one of the
/// scale's `labels` when given.
fn item_value(
    cell: &str,
    instrument: &Instrument,
    labels: Option<&Labels>,
) -> Result<Option<u8>, ResponseProblemKind> {
    let text = cell.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return match labels {
            Some(labels) => labels
                .scale_point(text)
                .map(Some)
                .ok_or_else(|| labels.not_on_scale(text)),
            None => Err(ResponseProblemKind::NotAnInteger {
                value: excerpt(text),
            }),
        };
    }
    let scale = instrument.scale();
    let out_of_scale = || ResponseProblemKind::OutOfScale {
        value: excerpt(text),
        min: scale.min(),
        max: scale.max(),
    };
    // Any whole number that does not fit in u8 is simply off the scale.
    match text.parse::<u8>() {
        Ok(value) if scale.contains(value) => Ok(Some(value)),
        _ => Err(out_of_scale()),
    }
}

/// The column a problem found by the answer rules belongs to: as the file names it when it
/// has that column, else by its canonical name.
fn answer_column(target: &str, instrument: &Instrument, layout: &Layout) -> Option<String> {
    let column = if target == BARRIER_OTHER_TARGET {
        Column::BarrierOtherText
    } else if let Some(index) = instrument.items().position(|item| item.id() == target) {
        Column::Item(index)
    } else if let Some(index) = instrument.comments().iter().position(|c| c.id() == target) {
        Column::Comment(index)
    } else if let Some(code) = BarrierCode::parse(target) {
        Column::Barrier(code)
    } else {
        return Some(format!("{}{target}", super::BARRIER_PREFIX));
    };
    let shown = layout.shown(column).or_else(|| match column {
        // A barrier ticked in a multi-select column.
        Column::Barrier(_) => layout.shown(Column::BarrierList),
        _ => None,
    });
    Some(shown.map_or_else(|| column.name(instrument), str::to_owned))
}
