//! Splitting text into CSV records (RFC 4180 quoting), remembering each record's line.
//!
//! A streaming iterator rather than a collected list: a responses file can be a hundred
//! thousand rows, and each record is validated and dropped as soon as it is read.

use std::iter::Peekable;
use std::str::Chars;

/// One record with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    AfterQuote,
}

/// Yields the non-blank records of a text. Lenient where a spreadsheet would be (a quote in
/// the middle of an unquoted field, or text after a closing quote, is kept literally); blank
/// lines and lines of empty fields only (`;;;;`, common at the end of Excel exports) are
/// skipped but counted. A quote never closed swallows the rest of the text: that record is
/// dropped and [`RecordReader::unterminated_quote`] tells the line where it opened.
pub(crate) struct RecordReader<'a> {
    chars: Peekable<Chars<'a>>,
    delimiter: char,
    line: usize,
    unterminated_quote: Option<usize>,
}

impl<'a> RecordReader<'a> {
    pub fn new(text: &'a str, delimiter: char) -> Self {
        Self {
            chars: text.chars().peekable(),
            delimiter,
            line: 1,
            unterminated_quote: None,
        }
    }

    /// The line of a quote left open at the end of the text, once the reader is exhausted.
    pub fn unterminated_quote(&self) -> Option<usize> {
        self.unterminated_quote
    }

    /// The next record, blank ones included; `None` at the end of the text.
    fn next_record(&mut self) -> Option<Record> {
        let record_line = self.line;
        let mut quote_line = self.line;
        let mut fields: Vec<String> = Vec::new();
        let mut field = String::new();
        let mut state = State::FieldStart;
        let mut read_anything = false;

        while let Some(c) = self.chars.next() {
            read_anything = true;
            if state == State::Quoted {
                match c {
                    '"' if self.chars.peek() == Some(&'"') => {
                        self.chars.next();
                        field.push('"');
                    }
                    '"' => state = State::AfterQuote,
                    '\r' => {
                        field.push('\r');
                        if self.chars.peek() == Some(&'\n') {
                            self.chars.next();
                            field.push('\n');
                        }
                        self.line += 1;
                    }
                    '\n' => {
                        field.push('\n');
                        self.line += 1;
                    }
                    _ => field.push(c),
                }
                continue;
            }
            if c == self.delimiter {
                fields.push(std::mem::take(&mut field));
                state = State::FieldStart;
            } else if c == '\n' || c == '\r' {
                if c == '\r' && self.chars.peek() == Some(&'\n') {
                    self.chars.next();
                }
                self.line += 1;
                fields.push(field);
                return Some(Record {
                    line: record_line,
                    fields,
                });
            } else if c == '"' && state == State::FieldStart {
                state = State::Quoted;
                quote_line = self.line;
            } else {
                field.push(c);
                if state == State::FieldStart {
                    state = State::Unquoted;
                }
            }
        }

        if state == State::Quoted {
            self.unterminated_quote = Some(quote_line);
            return None;
        }
        if !read_anything {
            return None;
        }
        fields.push(field);
        Some(Record {
            line: record_line,
            fields,
        })
    }
}

impl Iterator for RecordReader<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            let record = self.next_record()?;
            if !record.fields.iter().all(|f| f.trim().is_empty()) {
                return Some(record);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, delimiter: char) -> Vec<(usize, Vec<String>)> {
        RecordReader::new(text, delimiter)
            .map(|r| (r.line, r.fields))
            .collect()
    }

    fn owned(fields: &[&str]) -> Vec<String> {
        fields.iter().map(|f| (*f).to_owned()).collect()
    }

    #[test]
    fn splits_quoted_fields_and_counts_lines() {
        let text = "h1,h2\r\n\"a,1\",\"say \"\"hi\"\"\"\n\"multi\nline\",x\n\nlast,row";
        assert_eq!(
            records(text, ','),
            vec![
                (1, owned(&["h1", "h2"])),
                (2, owned(&["a,1", "say \"hi\""])),
                (3, owned(&["multi\nline", "x"])),
                (6, owned(&["last", "row"])),
            ]
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines_and_empty_lines_are_skipped() {
        assert_eq!(
            records("h\ra\r\r;\rb\r", ';'),
            vec![(1, owned(&["h"])), (2, owned(&["a"])), (5, owned(&["b"]))]
        );
    }

    #[test]
    fn keeps_a_trailing_empty_field() {
        assert_eq!(records("h,i\na,", ',')[1], (2, owned(&["a", ""])));
    }

    #[test]
    fn reports_an_unterminated_quote_where_it_opened() {
        let mut reader = RecordReader::new("h,i\na,b\nc,\"oops\nd,e\n", ',');
        assert_eq!(reader.by_ref().count(), 2);
        assert_eq!(reader.unterminated_quote(), Some(3));
    }
}
