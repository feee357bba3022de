//! Turning one data record into validated unit fields, reporting each bad field.

use super::header::{Column, ColumnMap};
use super::records::Record;
use super::{ImportProblem, ProblemKind};
use crate::csv_text::{excerpt, unguard};
use crate::units::{Headcount, Unit, UnitCode, UnitError, UnitKind, UnitName};

/// A data row as far as it could be read. `None` means missing or invalid (already reported).
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub line: usize,
    pub code: Option<UnitCode>,
    pub name: Option<UnitName>,
    pub kind: Option<UnitKind>,
    /// `Some(None)` for a root (empty parent code).
    pub parent: Option<Option<UnitCode>>,
    pub headcount: Option<Headcount>,
}

impl Row {
    /// The unit, when every field is valid.
    pub fn unit(&self) -> Option<Unit> {
        Some(Unit {
            code: self.code.clone()?,
            name: self.name.clone()?,
            kind: self.kind?,
            parent: self.parent.clone()?,
            headcount: self.headcount?,
        })
    }
}

/// Reads a row, adding a problem for each field that is wrong.
pub(super) fn read_row(
    record: &Record,
    columns: &ColumnMap,
    problems: &mut Vec<ImportProblem>,
) -> Row {
    let line = record.line;
    if record.fields.len() != columns.width() {
        problems.push(ImportProblem {
            line,
            column: None,
            kind: ProblemKind::WrongFieldCount {
                expected: columns.width(),
                found: record.fields.len(),
            },
        });
        // The fields may be shifted, so none is trusted; the code is still kept when it reads
        // as one, so that rows naming it as their parent are not reported as well.
        return Row {
            line,
            code: columns
                .get(record, Column::Code)
                .and_then(|raw| UnitCode::parse(raw).ok()),
            name: None,
            kind: None,
            parent: None,
            headcount: None,
        };
    }

    let mut cell = Cell {
        record,
        columns,
        problems,
    };
    Row {
        line,
        code: cell.read(Column::Code, UnitCode::parse, |value, reason| {
            ProblemKind::InvalidCode { value, reason }
        }),
        // The exporter put a `'` before a name a spreadsheet would run as a formula.
        name: cell.read(Column::Name, parse_name, |_, reason| {
            ProblemKind::InvalidName { reason }
        }),
        kind: cell.read(Column::Kind, UnitKind::parse, |value, _| {
            ProblemKind::UnknownKind { value }
        }),
        parent: cell.read(Column::ParentCode, parse_parent, |value, reason| {
            ProblemKind::InvalidParentCode { value, reason }
        }),
        headcount: cell.read(Column::Headcount, Headcount::parse, |value, reason| {
            ProblemKind::InvalidHeadcount { value, reason }
        }),
    }
}

/// A name as exported: one `'` written by the exporter's formula guard is taken off again.
fn parse_name(raw: &str) -> Result<UnitName, UnitError> {
    UnitName::parse(unguard(raw.trim()))
}

/// An empty parent code marks the root.
fn parse_parent(raw: &str) -> Result<Option<UnitCode>, UnitError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        UnitCode::parse(raw).map(Some)
    }
}

/// Reads the cells of one record, reporting the bad ones.
struct Cell<'a> {
    record: &'a Record,
    columns: &'a ColumnMap,
    problems: &'a mut Vec<ImportProblem>,
}

impl Cell<'_> {
    fn read<T>(
        &mut self,
        column: Column,
        parse: impl Fn(&str) -> Result<T, UnitError>,
        problem: impl Fn(String, UnitError) -> ProblemKind,
    ) -> Option<T> {
        // A column missing from the header is reported once there, not on every row.
        let raw = self.columns.get(self.record, column)?;
        match parse(raw) {
            Ok(value) => Some(value),
            Err(reason) => {
                self.problems.push(ImportProblem {
                    line: self.record.line,
                    column: Some(column.as_str().to_owned()),
                    kind: problem(excerpt(raw), reason),
                });
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn record(line: usize, fields: &[&str]) -> Record {
        Record {
            line,
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        }
    }

    fn columns() -> ColumnMap {
        let mut problems = Vec::new();
        let map = ColumnMap::read(
            &record(1, &["code", "name", "kind", "parent_code", "headcount"]),
            &mut problems,
        );
        assert!(problems.is_empty());
        map
    }

    #[test]
    fn reads_a_good_row() {
        let mut problems = Vec::new();
        let row = read_row(
            &record(2, &[" DKI.A ", "Dinas A", "Dinas", "DKI", "12"]),
            &columns(),
            &mut problems,
        );
        assert!(problems.is_empty());
        let unit = row.unit().unwrap();
        assert_eq!(unit.code.as_str(), "DKI.A");
        assert_eq!(unit.kind, UnitKind::Dinas);
        assert_eq!(unit.parent.unwrap().as_str(), "DKI");
        assert_eq!(unit.headcount.get(), 12);
    }

    #[test]
    fn empty_parent_is_a_root() {
        let mut problems = Vec::new();
        let row = read_row(
            &record(2, &["DKI", "DKI", "provinsi", "  ", "0"]),
            &columns(),
            &mut problems,
        );
        assert!(problems.is_empty());
        assert_eq!(row.parent, Some(None));
    }

    #[test]
    fn reports_every_bad_field_of_a_row() {
        let mut problems = Vec::new();
        let row = read_row(
            &record(7, &["", " ", "kantor", "a b", "-3"]),
            &columns(),
            &mut problems,
        );
        assert!(row.unit().is_none());
        let columns: Vec<_> = problems.iter().map(|p| p.column.clone().unwrap()).collect();
        assert_eq!(
            columns,
            ["code", "name", "kind", "parent_code", "headcount"]
        );
        assert!(problems.iter().all(|p| p.line == 7));
    }

    #[test]
    fn a_short_row_keeps_only_its_code() {
        let mut problems = Vec::new();
        let row = read_row(&record(3, &["DKI.B", "Badan B"]), &columns(), &mut problems);
        assert_eq!(row.code.unwrap().as_str(), "DKI.B");
        assert!(row.parent.is_none());
        assert_eq!(
            problems[0].kind,
            ProblemKind::WrongFieldCount {
                expected: 5,
                found: 2
            }
        );
    }
}
