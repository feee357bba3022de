//! The units file as a header and its data rows, read in one go (a units file is small, and
//! the tree checks need every row at once). The text-level rules live in `crate::csv_text`.

pub(super) use crate::csv_text::Record;
use crate::csv_text::RecordReader;

use super::{ImportProblem, ProblemKind};

/// The header (the first non-blank record), the data rows, and problems of the text itself.
#[derive(Debug, Default)]
pub(super) struct Records {
    pub header: Option<Record>,
    pub rows: Vec<Record>,
    pub problems: Vec<ImportProblem>,
}

/// Reads the records of a text. Stops after `max_rows` data rows, reporting the first row
/// beyond them; a quote never closed is reported on the line where it opened.
pub(super) fn read_records(text: &str, delimiter: char, max_rows: usize) -> Records {
    let mut reader = RecordReader::new(text, delimiter);
    let mut out = Records {
        header: reader.next(),
        ..Records::default()
    };
    for record in reader.by_ref() {
        if out.rows.len() >= max_rows {
            out.problems.push(ImportProblem {
                line: record.line,
                column: None,
                kind: ProblemKind::TooManyRows { limit: max_rows },
            });
            // The rest of the file is not read, so an open quote further on goes unseen.
            return out;
        }
        out.rows.push(record);
    }
    if let Some(line) = reader.unterminated_quote() {
        out.problems.push(ImportProblem {
            line,
            column: None,
            kind: ProblemKind::UnterminatedQuote,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn fields(records: &Records) -> Vec<(usize, Vec<&str>)> {
        records
            .header
            .iter()
            .chain(&records.rows)
            .map(|r| (r.line, r.fields.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn splits_quoted_fields_and_counts_lines() {
        let text = "h1,h2\r\n\"a,1\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\n\nlast,row";
        let records = read_records(text, ',', 10);
        assert!(records.problems.is_empty());
        assert_eq!(
            fields(&records),
            vec![
                (1, vec!["h1", "h2"]),
                (2, vec!["a,1", "say \"hi\""]),
                (3, vec!["multi\nline", "x"]),
                (6, vec!["last", "row"]),
            ]
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let records = read_records("h\ra\rb\r", ',', 10);
        assert_eq!(
            fields(&records),
            vec![(1, vec!["h"]), (2, vec!["a"]), (3, vec!["b"])]
        );
    }

    #[test]
    fn skips_lines_of_empty_fields() {
        let records = read_records("h;i\n;;\n  ; \na;b\n", ';', 10);
        assert_eq!(
            fields(&records),
            vec![(1, vec!["h", "i"]), (4, vec!["a", "b"])]
        );
    }

    #[test]
    fn keeps_a_trailing_empty_field() {
        let records = read_records("h,i\na,", ',', 10);
        assert_eq!(fields(&records)[1], (2, vec!["a", ""]));
    }

    #[test]
    fn reports_an_unterminated_quote_where_it_opened() {
        let records = read_records("h,i\na,b\nc,\"oops\nd,e\n", ',', 10);
        assert_eq!(records.rows.len(), 1);
        assert_eq!(records.problems[0].line, 3);
        assert_eq!(records.problems[0].kind, ProblemKind::UnterminatedQuote);
    }

    #[test]
    fn stops_after_the_row_limit() {
        let records = read_records("h\n1\n2\n3\n4\n", ',', 2);
        assert_eq!(records.rows.len(), 2);
        assert_eq!(records.problems.len(), 1);
        assert_eq!(records.problems[0].line, 4);
        assert_eq!(
            records.problems[0].kind,
            ProblemKind::TooManyRows { limit: 2 }
        );
    }
}
