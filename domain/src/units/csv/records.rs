//! Splitting text into CSV records (RFC 4180 quoting), remembering each record's line.

use super::{ImportProblem, ProblemKind};

/// One record with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

/// The header (the first non-blank record), the data rows, and problems of the text itself.
#[derive(Debug, Default)]
pub(super) struct Records {
    pub header: Option<Record>,
    pub rows: Vec<Record>,
    pub problems: Vec<ImportProblem>,
}

/// The delimiter of the file, decided on its first non-blank line: `;` when it has more
/// semicolons than commas outside quotes (Excel in an Indonesian locale writes `;`), else `,`.
pub(super) fn detect_delimiter(text: &str) -> char {
    let first_line = text
        .split(['\n', '\r'])
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for c in first_line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas {
        ';'
    } else {
        ','
    }
}

/// The 1-based line of a byte offset, counting `\r\n`, `\n` and a lone `\r` as one break each
/// (the same rule as `read_records`, so lines agree across problems).
pub(super) fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    for (i, byte) in before.iter().enumerate() {
        match byte {
            b'\n' => line += 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
            _ => {}
        }
    }
    line
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    AfterQuote,
}

/// Reads records. Lenient where a spreadsheet would be (a quote in the middle of an unquoted
/// field, or text after a closing quote, is kept literally); blank lines and lines of empty
/// fields only (`;;;;`, common at the end of Excel exports) are skipped. Stops after
/// `max_rows` data rows, reporting the first row beyond them.
pub(super) fn read_records(text: &str, delimiter: char, max_rows: usize) -> Records {
    let mut reader = Reader {
        out: Records::default(),
        max_rows,
    };
    let mut chars = text.chars().peekable();
    let (mut line, mut record_line, mut quote_line) = (1usize, 1usize, 1usize);
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut state = State::FieldStart;

    while let Some(c) = chars.next() {
        if state == State::Quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => state = State::AfterQuote,
                '\r' => {
                    field.push('\r');
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                        field.push('\n');
                    }
                    line += 1;
                }
                '\n' => {
                    field.push('\n');
                    line += 1;
                }
                _ => field.push(c),
            }
            continue;
        }
        if c == delimiter {
            fields.push(std::mem::take(&mut field));
            state = State::FieldStart;
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            fields.push(std::mem::take(&mut field));
            if !reader.finish(record_line, std::mem::take(&mut fields)) {
                return reader.out;
            }
            line += 1;
            record_line = line;
            state = State::FieldStart;
        } else if c == '"' && state == State::FieldStart {
            state = State::Quoted;
            quote_line = line;
        } else {
            field.push(c);
            if state == State::FieldStart {
                state = State::Unquoted;
            }
        }
    }

    if state == State::Quoted {
        reader.out.problems.push(ImportProblem {
            line: quote_line,
            column: None,
            kind: ProblemKind::UnterminatedQuote,
        });
    } else if !(state == State::FieldStart && fields.is_empty()) {
        fields.push(field);
        reader.finish(record_line, fields);
    }
    reader.out
}

struct Reader {
    out: Records,
    max_rows: usize,
}

impl Reader {
    /// Files a finished record; false when the row limit is passed and reading must stop.
    fn finish(&mut self, line: usize, fields: Vec<String>) -> bool {
        if fields.iter().all(|f| f.trim().is_empty()) {
            return true;
        }
        let record = Record { line, fields };
        if self.out.header.is_none() {
            self.out.header = Some(record);
            return true;
        }
        if self.out.rows.len() >= self.max_rows {
            self.out.problems.push(ImportProblem {
                line,
                column: None,
                kind: ProblemKind::TooManyRows {
                    limit: self.max_rows,
                },
            });
            return false;
        }
        self.out.rows.push(record);
        true
    }
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
    fn detects_the_delimiter_from_the_first_line() {
        assert_eq!(detect_delimiter("code;name;kind\nA,B;C"), ';');
        assert_eq!(detect_delimiter("code,name,kind\n;;;;;;"), ',');
        assert_eq!(detect_delimiter("\n\n  \ncode;name"), ';');
        assert_eq!(detect_delimiter("\"a;b;c\",d"), ',');
        assert_eq!(detect_delimiter(""), ',');
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

    #[test]
    fn lines_of_offsets_follow_the_same_rule() {
        let bytes = b"a\r\nb\rc\nd";
        assert_eq!(line_of_offset(bytes, 0), 1);
        assert_eq!(line_of_offset(bytes, 3), 2);
        assert_eq!(line_of_offset(bytes, 5), 3);
        assert_eq!(line_of_offset(bytes, 7), 4);
    }
}
