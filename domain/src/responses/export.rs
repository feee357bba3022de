//! Writing responses in the import format.

use super::columns::{expected_columns, Column};
use super::response::ParsedResponse;
use crate::csv_text::{guard, push_field};
use crate::instrument::Instrument;

/// The responses as a CSV file: comma-delimited, CRLF line ends (what spreadsheets expect),
/// header first, rows in the order given, every column of the instrument. Importing it back
/// gives the same responses.
pub fn write_responses(instrument: &Instrument, rows: &[ParsedResponse]) -> String {
    let mut out = header_line(instrument);
    append_rows(instrument, rows, &mut out);
    out
}

/// The header line (with its line end) of the instrument's file, for writing a long file
/// in pieces with [`append_rows`].
pub fn header_line(instrument: &Instrument) -> String {
    let names: Vec<String> = expected_columns(instrument)
        .into_iter()
        .map(|column| column.name(instrument))
        .collect();
    let mut out = names.join(",");
    out.push_str("\r\n");
    out
}

/// Appends the rows (no header) to `out`.
pub fn append_rows(instrument: &Instrument, rows: &[ParsedResponse], out: &mut String) {
    let columns = expected_columns(instrument);
    let items: Vec<&str> = instrument.items().map(|item| item.id().as_str()).collect();
    for row in rows {
        for (i, column) in columns.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let answers = &row.answers;
            match *column {
                Column::UnitCode => push_field(out, row.unit.as_str()),
                Column::Item(index) => {
                    if let Some(value) = items.get(index).and_then(|id| answers.raw(id)) {
                        out.push_str(&value.to_string());
                    }
                }
                Column::Barrier(code) => {
                    out.push(if answers.barriers().contains(&code) {
                        '1'
                    } else {
                        '0'
                    });
                }
                Column::BarrierOtherText => {
                    push_field(out, &guard(answers.barrier_other().unwrap_or("")));
                }
                Column::Comment(index) => {
                    let text = instrument
                        .comments()
                        .get(index)
                        .and_then(|question| answers.comments().get(question.id()))
                        .map_or("", String::as_str);
                    push_field(out, &guard(text));
                }
                // Not an export column: barriers are written one column each.
                Column::BarrierList => {}
            }
        }
        out.push_str("\r\n");
    }
}
