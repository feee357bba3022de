//! Reading the header line: which column is where.

use super::records::Record;
use super::{ImportProblem, ProblemKind};

/// A known column of the units file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Code,
    Name,
    Kind,
    ParentCode,
    Headcount,
}

impl Column {
    const ALL: [Column; 5] = [
        Column::Code,
        Column::Name,
        Column::Kind,
        Column::ParentCode,
        Column::Headcount,
    ];

    /// The canonical name, as exported and as named in problems.
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Name => "name",
            Column::Kind => "kind",
            Column::ParentCode => "parent_code",
            Column::Headcount => "headcount",
        }
    }

    /// The Indonesian name also accepted, for files typed by hand.
    fn alias(self) -> &'static str {
        match self {
            Column::Code => "kode",
            Column::Name => "nama",
            Column::Kind => "jenis",
            Column::ParentCode => "kode_induk",
            Column::Headcount => "jumlah_pegawai",
        }
    }

    /// Matches a header cell: trimmed, case-insensitive, with spaces or `-` read as `_`.
    fn from_header(raw: &str) -> Option<Column> {
        let key = raw
            .trim()
            .to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        Self::ALL
            .into_iter()
            .find(|column| column.as_str() == key || column.alias() == key)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Where each known column is in a record, and how many fields a record must have.
#[derive(Debug, Clone)]
pub(super) struct ColumnMap {
    width: usize,
    positions: [Option<usize>; 5],
}

impl ColumnMap {
    /// Reads the header, reporting missing, unknown and repeated columns. Columns that are
    /// present are still mapped, so the rows can be checked as far as possible.
    pub fn read(header: &Record, problems: &mut Vec<ImportProblem>) -> Self {
        let mut positions = [None; 5];
        let mut problem = |column: String, kind| {
            problems.push(ImportProblem {
                line: header.line,
                column: Some(column),
                kind,
            })
        };
        for (position, raw) in header.fields.iter().enumerate() {
            match Column::from_header(raw) {
                Some(column) if positions[column.index()].is_some() => problem(
                    column.as_str().to_owned(),
                    ProblemKind::DuplicateColumn {
                        column: column.as_str().to_owned(),
                    },
                ),
                Some(column) => positions[column.index()] = Some(position),
                None => {
                    let written = raw.trim().to_owned();
                    problem(
                        written.clone(),
                        ProblemKind::UnknownColumn { column: written },
                    )
                }
            }
        }
        for column in Column::ALL {
            if positions[column.index()].is_none() {
                problem(
                    column.as_str().to_owned(),
                    ProblemKind::MissingColumn {
                        column: column.as_str().to_owned(),
                    },
                );
            }
        }
        Self {
            width: header.fields.len(),
            positions,
        }
    }

    /// The number of fields every row must have (the header's).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The raw text of a column in a record, if the column exists and the record has it.
    pub fn get<'r>(&self, record: &'r Record, column: Column) -> Option<&'r str> {
        self.positions[column.index()]
            .and_then(|position| record.fields.get(position))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(fields: &[&str]) -> Record {
        Record {
            line: 1,
            fields: fields.iter().map(|f| (*f).to_owned()).collect(),
        }
    }

    #[test]
    fn maps_columns_in_any_order_and_case() {
        let mut problems = Vec::new();
        let record = header(&[" Headcount", "PARENT_CODE", "kind", "Name ", "code"]);
        let map = ColumnMap::read(&record, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(map.width(), 5);
        assert_eq!(map.get(&record, Column::Code), Some("code"));
        assert_eq!(map.get(&record, Column::Headcount), Some(" Headcount"));
    }

    #[test]
    fn accepts_spaced_and_indonesian_names() {
        let mut problems = Vec::new();
        let record = header(&["Kode", "Nama", "Jenis", "Kode Induk", "parent-code"]);
        ColumnMap::read(&record, &mut problems);
        // "Kode Induk" and "parent-code" are the same column; headcount is missing.
        let kinds: Vec<_> = problems.into_iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ProblemKind::DuplicateColumn {
                    column: "parent_code".into()
                },
                ProblemKind::MissingColumn {
                    column: "headcount".into()
                },
            ]
        );
    }

    #[test]
    fn names_unknown_columns_as_written() {
        let mut problems = Vec::new();
        let record = header(&[
            "code",
            "name",
            "kind",
            "parent_code",
            "headcount",
            " Eselon ",
        ]);
        ColumnMap::read(&record, &mut problems);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].column.as_deref(), Some("Eselon"));
        assert_eq!(
            problems[0].kind,
            ProblemKind::UnknownColumn {
                column: "Eselon".into()
            }
        );
    }
}
