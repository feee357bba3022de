//! The table as an Excel workbook: a title row (wave, unit), a note row on the anonymity
//! rule, the bold header, then the rows. Counts and figures are number cells (figures with
//! the number format `0.0`), so they sort and sum; a hidden figure is the text
//! "disembunyikan" in grey italics, which no formula counts as a number. Texts are string
//! cells, which a spreadsheet never runs as formulas.

use rust_xlsxwriter::{
    ColNum, Color, DocProperties, Format, FormatAlign, FormatBorder, RowNum, Workbook, XlsxError,
};

use super::table::{ColumnKind, Table, Value, SUPPRESSED};

/// Rows above the header: the title and the note.
const HEADER_ROW: RowNum = 2;

pub fn to_xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(&table.title));
    let sheet = workbook.add_worksheet();
    sheet.set_name("Dasbor")?;

    let title = Format::new().set_bold().set_font_size(14);
    let note = Format::new()
        .set_italic()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xE8_EC_F0))
        .set_border_bottom(FormatBorder::Thin);
    let count = Format::new().set_num_format("0");
    let figure = Format::new().set_num_format("0.0");
    let hidden = Format::new()
        .set_italic()
        .set_font_color(Color::Gray)
        .set_align(FormatAlign::Right);
    let text = Format::new();

    let last_column = column_number(table.columns.len().saturating_sub(1))?;
    sheet.write_string_with_format(0, 0, &table.title, &title)?;
    sheet.merge_range(1, 0, 1, last_column, &table.note, &note)?;
    sheet.set_row_height(1, 48)?;

    for (at, column) in table.columns.iter().enumerate() {
        let col = column_number(at)?;
        sheet.write_string_with_format(HEADER_ROW, col, &column.header, &header)?;
        sheet.set_column_width(col, width(column.kind))?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + RowNum::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (at, value) in row.iter().enumerate() {
            let col = column_number(at)?;
            match value {
                Value::Text(t) => {
                    sheet.write_string_with_format(r, col, t, &text)?;
                }
                // Counts are far below 2^53: exact as f64.
                Value::Count(n) => {
                    sheet.write_number_with_format(r, col, *n as f64, &count)?;
                }
                Value::Figure(x) => {
                    sheet.write_number_with_format(r, col, *x, &figure)?;
                }
                Value::Suppressed => {
                    sheet.write_string_with_format(r, col, SUPPRESSED, &hidden)?;
                }
                Value::Blank => {}
            }
        }
    }
    // The header and the unit codes stay in view while scrolling.
    sheet.set_freeze_panes(HEADER_ROW + 1, 1)?;
    workbook.save_to_buffer()
}

fn column_number(at: usize) -> Result<ColNum, XlsxError> {
    ColNum::try_from(at).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Widths in characters of the default font.
fn width(kind: ColumnKind) -> f64 {
    match kind {
        ColumnKind::Code => 16.0,
        ColumnKind::Name => 36.0,
        ColumnKind::Kind => 12.0,
        ColumnKind::Count => 11.0,
        ColumnKind::Figure => 14.0,
        ColumnKind::Flags => 40.0,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::*;
    use crate::dashboard_export::table::{table, tests::dashboard};

    #[test]
    fn opens_with_numbers_as_numbers_and_hidden_as_text() {
        let t = table(&dashboard(), None);
        let bytes = to_xlsx(&t).unwrap();
        let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Dasbor").unwrap();
        let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or_default();
        assert_eq!(cell(0, 0), Data::String(t.title.clone()));
        assert_eq!(cell(1, 0), Data::String(t.note.clone()));
        assert_eq!(cell(2, 0), Data::String("Kode unit".to_owned()));
        assert_eq!(cell(2, 7), Data::String("Komitmen".to_owned()));
        assert_eq!(cell(3, 0), Data::String("T".to_owned()));
        assert_eq!(cell(3, 3), Data::Float(120.0));
        assert_eq!(cell(3, 7), Data::Float(62.0));
        assert_eq!(cell(3, 9), Data::Empty);
        assert_eq!(
            cell(4, 1),
            Data::String("=Biro A".to_owned()),
            "a string cell"
        );
        assert_eq!(cell(5, 8), Data::String(SUPPRESSED.to_owned()));
        assert_eq!(cell(6, 6), Data::String(SUPPRESSED.to_owned()));
        assert_eq!(range.end(), Some((6, 9)));
    }
}
