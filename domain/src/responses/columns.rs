//! Reading the header line: which column holds what.

use std::collections::HashMap;

use super::problem::{ResponseProblem, ResponseProblemKind};
use super::{
    BARRIER_LIST_COLUMN, BARRIER_OTHER_TEXT_COLUMN, BARRIER_PREFIX, COMMENT_PREFIX,
    UNIT_CODE_COLUMN,
};
use crate::csv_text::Record;
use crate::instrument::{BarrierCode, Instrument};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Column {
    UnitCode,
    /// An item, by its position in the instrument's display order.
    Item(usize),
    Barrier(BarrierCode),
    BarrierOtherText,
    /// A comment question, by its position in the instrument.
    Comment(usize),
    /// Every barrier in one cell, as a multi-select question of another tool writes them
    /// (`Anggaran, Beban kerja`); only in a mapped file, never exported.
    BarrierList,
}

impl Column {
    /// The canonical name, as exported and as named in problems.
    pub fn name(self, instrument: &Instrument) -> String {
        match self {
            Column::UnitCode => UNIT_CODE_COLUMN.to_owned(),
            Column::Item(index) => instrument
                .items()
                .nth(index)
                .map_or_else(String::new, |item| item.id().to_string()),
            Column::Barrier(code) => format!("{BARRIER_PREFIX}{code}"),
            Column::BarrierOtherText => BARRIER_OTHER_TEXT_COLUMN.to_owned(),
            Column::Comment(index) => instrument
                .comments()
                .get(index)
                .map_or_else(String::new, |comment| {
                    format!("{COMMENT_PREFIX}{}", comment.id())
                }),
            Column::BarrierList => BARRIER_LIST_COLUMN.to_owned(),
        }
    }
}

/// Every column an instrument's file may have, by canonical name, in export order:
/// `unit_code`, the items, the barriers offered, the "lainnya" text, the comments.
pub(super) fn expected_columns(instrument: &Instrument) -> Vec<Column> {
    let mut columns = vec![Column::UnitCode];
    columns.extend((0..instrument.item_count()).map(Column::Item));
    if let Some(barriers) = instrument.barriers() {
        columns.extend(barriers.codes().iter().copied().map(Column::Barrier));
        if barriers.allows_other_text() {
            columns.push(Column::BarrierOtherText);
        }
    }
    columns.extend((0..instrument.comments().len()).map(Column::Comment));
    columns
}

/// Whether the column must be present: `unit_code` and every item (a file without an item's
/// column would report that item missing on every row). Barriers and comments may be left
/// out, e.g. by a tool that did not ask them.
fn is_required(column: Column) -> bool {
    matches!(column, Column::UnitCode | Column::Item(_))
}

/// A header cell as compared with canonical names: trimmed and lowercased (ids are lowercase
/// slugs; spreadsheet users capitalise headers). `kode_unit` is the Indonesian alias of
/// `unit_code`, with spaces or `-` read as `_` there only (item ids keep their `-`).
fn normalise(raw: &str) -> String {
    let key = raw.trim().to_lowercase();
    let words: Vec<&str> = key
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|part| !part.is_empty())
        .collect();
    match words.join("_").as_str() {
        "unit_code" | "kode_unit" => UNIT_CODE_COLUMN.to_owned(),
        _ => key,
    }
}

/// Where each column is, and how many fields a record must have.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    width: usize,
    /// Per field position: the column it holds and the name problems give it (canonical, or
    /// the file's own header when mapped); `None` for a column not read.
    positions: Vec<Option<(Column, String)>>,
    /// Whether item cells may hold a scale label ("Setuju") instead of its number: files from
    /// other tools do, Siap's own format does not.
    scale_labels: bool,
}

impl Layout {
    /// Reads the header, reporting missing, unknown and repeated columns. Known columns are
    /// still mapped so that rows can be checked as far as possible.
    pub fn read(
        header: &Record,
        instrument: &Instrument,
        problems: &mut Vec<ResponseProblem>,
    ) -> Self {
        let expected = expected_columns(instrument);
        let by_name: HashMap<String, Column> = expected
            .iter()
            .map(|&column| (column.name(instrument), column))
            .collect();
        let mut problem = |column: String, kind| {
            problems.push(ResponseProblem {
                line: header.line,
                column: Some(column),
                kind,
            });
        };

        let mut seen: Vec<Column> = Vec::new();
        let mut positions = Vec::with_capacity(header.fields.len());
        for raw in &header.fields {
            let written = raw.trim().to_owned();
            let position = match by_name.get(&normalise(raw)) {
                Some(&column) if seen.contains(&column) => {
                    problem(
                        column.name(instrument),
                        ResponseProblemKind::DuplicateColumn {
                            column: column.name(instrument),
                        },
                    );
                    None
                }
                Some(&column) => {
                    seen.push(column);
                    Some((column, column.name(instrument)))
                }
                None => {
                    let prefixed = written.to_lowercase().starts_with(BARRIER_PREFIX)
                        || written.to_lowercase().starts_with(COMMENT_PREFIX);
                    let kind = if prefixed || written.is_empty() {
                        ResponseProblemKind::UnknownColumn {
                            column: written.clone(),
                        }
                    } else {
                        ResponseProblemKind::UnknownItem {
                            column: written.clone(),
                        }
                    };
                    problem(written, kind);
                    None
                }
            };
            positions.push(position);
        }
        for column in expected.into_iter().filter(|&c| is_required(c)) {
            if !seen.contains(&column) {
                problem(
                    column.name(instrument),
                    ResponseProblemKind::MissingColumn {
                        column: column.name(instrument),
                    },
                );
            }
        }
        Self {
            width: header.fields.len(),
            positions,
            scale_labels: false,
        }
    }

    /// A layout already worked out (by a column mapping): one entry per header field.
    pub fn new(positions: Vec<Option<(Column, String)>>, scale_labels: bool) -> Self {
        Self {
            width: positions.len(),
            positions,
            scale_labels,
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn scale_labels(&self) -> bool {
        self.scale_labels
    }

    /// The known columns with their field position.
    pub fn columns(&self) -> impl Iterator<Item = (usize, Column)> + '_ {
        self.positions
            .iter()
            .enumerate()
            .filter_map(|(position, column)| column.as_ref().map(|(c, _)| (position, *c)))
    }

    /// The name problems give the column at a field position.
    pub fn shown_at(&self, position: usize) -> Option<&str> {
        self.positions
            .get(position)?
            .as_ref()
            .map(|(_, shown)| shown.as_str())
    }

    /// The name problems give a column, if the file has it.
    pub fn shown(&self, column: Column) -> Option<&str> {
        self.positions
            .iter()
            .flatten()
            .find(|(c, _)| *c == column)
            .map(|(_, shown)| shown.as_str())
    }
}
