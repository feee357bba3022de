//! A column mapping: which canonical column each column of a file from another tool (a
//! spreadsheet typed from paper, LimeSurvey, KoboToolbox, Google Forms) feeds, so such a file
//! imports without renaming its headers first.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::columns::{expected_columns, Column};
use super::guess::HeaderGuess;
use super::mapping_problem::{MappingError, MappingProblem, MappingProblemKind};
use crate::instrument::Instrument;

/// For each header of the uploaded file, in file order, the canonical column it feeds
/// (`unit_code`, an item id, `barrier:<code>`, `barrier:lainnya_text`, `comment:<id>`, or
/// [`BARRIER_LIST_COLUMN`](super::BARRIER_LIST_COLUMN)), or `None` when it is ignored (a
/// timestamp, an e-mail address: nothing of it is kept).
///
/// In JSON it is the list [`guess_mapping`](super::guess_mapping) answers, so a UI can send the
/// guesses back once the user corrected them. A deserialized mapping is not checked yet (that
/// needs the instrument): [`read_responses_mapped`](super::read_responses_mapped) checks it
/// again and reports its problems on the header line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ColumnMapping {
    columns: Vec<HeaderGuess>,
}

impl ColumnMapping {
    /// A mapping from `(file header, canonical column)` pairs in file order. Refused when a
    /// name is no column of `instrument`, when two file columns feed the same column, or when
    /// `unit_code` or an item is fed by none. A blank name counts as ignored.
    pub fn new<H, C>(
        pairs: impl IntoIterator<Item = (H, Option<C>)>,
        instrument: &Instrument,
    ) -> Result<Self, MappingError>
    where
        H: Into<String>,
        C: Into<String>,
    {
        let columns = pairs
            .into_iter()
            .map(|(header, column)| HeaderGuess {
                header: header.into(),
                column: column.map(Into::into),
            })
            .collect();
        Self::from_guesses(columns, instrument)
    }

    /// The same from guesses as [`guess_mapping`](super::guess_mapping) answers them.
    pub fn from_guesses(
        columns: Vec<HeaderGuess>,
        instrument: &Instrument,
    ) -> Result<Self, MappingError> {
        let mapping = Self { columns };
        let (_, problems) = mapping.resolve(instrument);
        if problems.is_empty() {
            Ok(mapping)
        } else {
            Err(MappingError { problems })
        }
    }

    /// The file's headers with the column each feeds, in file order.
    pub fn columns(&self) -> &[HeaderGuess] {
        &self.columns
    }

    /// The column of each file column (`None` = ignored, or wrongly mapped), and every
    /// problem of the mapping. Of two file columns mapped to one column, the first is kept.
    pub(super) fn resolve(
        &self,
        instrument: &Instrument,
    ) -> (Vec<Option<Column>>, Vec<MappingProblem>) {
        let by_name = columns_by_name(instrument);
        let mut problems = Vec::new();
        let mut used: Vec<Column> = Vec::new();
        let mut resolved = Vec::with_capacity(self.columns.len());
        for guess in &self.columns {
            let Some(name) = guess
                .column
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
            else {
                resolved.push(None);
                continue;
            };
            let mut problem = |kind| {
                problems.push(MappingProblem {
                    header: Some(guess.header.trim().to_owned()),
                    kind,
                });
            };
            let column = match by_name.get(name) {
                None => {
                    problem(MappingProblemKind::UnknownColumn {
                        column: name.to_owned(),
                    });
                    None
                }
                Some(column) if used.contains(column) => {
                    problem(MappingProblemKind::MappedTwice {
                        column: name.to_owned(),
                    });
                    None
                }
                Some(&column) => {
                    used.push(column);
                    Some(column)
                }
            };
            resolved.push(column);
        }
        // The same rule as Siap's own format: without these columns every row would fail.
        let required =
            std::iter::once(Column::UnitCode).chain((0..instrument.item_count()).map(Column::Item));
        for column in required.filter(|column| !used.contains(column)) {
            problems.push(MappingProblem {
                header: None,
                kind: MappingProblemKind::NotMapped {
                    column: column.name(instrument),
                },
            });
        }
        (resolved, problems)
    }
}

/// Every column a file of `instrument` may feed, by canonical name: those of Siap's own
/// format, and the multi-select barriers column when the instrument asks barriers.
pub(super) fn columns_by_name(instrument: &Instrument) -> HashMap<String, Column> {
    let mut columns = expected_columns(instrument);
    if instrument.barriers().is_some() {
        columns.push(Column::BarrierList);
    }
    columns
        .into_iter()
        .map(|column| (column.name(instrument), column))
        .collect()
}
