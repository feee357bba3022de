//! The table as CSV: machine friendly (header first, comma-delimited, `.` decimals, CRLF line
//! ends, RFC 4180 quoting), UTF-8 with a byte order mark so that Excel reads the names
//! right, and guarded against formula injection.
//!
//! Quoting and the formula guard are `domain`'s (`domain::csv_text`), shared with the units
//! export.

use domain::csv_text::{guard, push_field};

use super::table::{Table, Value, SUPPRESSED};

const BOM: &str = "\u{feff}";

pub fn to_csv(table: &Table) -> String {
    let mut out = String::with_capacity(64 * (table.rows.len() + 2));
    out.push_str(BOM);
    let headers = table.columns.iter().map(|c| guard(&c.header).into_owned());
    push_record(&mut out, headers);
    for row in &table.rows {
        push_record(&mut out, row.iter().map(field));
    }
    out
}

fn field(value: &Value) -> String {
    match value {
        Value::Text(text) => guard(text).into_owned(),
        Value::Count(count) => count.to_string(),
        Value::Figure(figure) => format!("{figure:.1}"),
        Value::Suppressed => SUPPRESSED.to_owned(),
        Value::Blank => String::new(),
    }
}

fn push_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, &field);
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard_export::table::{table, tests::dashboard};

    #[test]
    fn header_first_hidden_cells_as_text_and_formulas_defused() {
        let csv = to_csv(&table(&dashboard(), None));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}Kode unit,Unit,Jenis,Pegawai,Responden,Tingkat respons (%),\
             Indeks rata-rata,Komitmen,Efikasi,Berbeda nyata dari organisasi"
        );
        assert_eq!(lines[1], "T,Provinsi Uji,biro,120,16,13.3,58.8,62.0,55.6,");
        assert_eq!(
            lines[2],
            "T.A,'=Biro A,biro,40,8,20.0,55.1,70.3,40.0,\"Komitmen (+); Efikasi (−)\""
        );
        assert_eq!(
            lines[3],
            "T.B,Biro B,biro,40,6,15.0,50.0,50.0,disembunyikan,"
        );
        assert_eq!(
            lines[4],
            "T.C,Biro C,biro,40,2,5.0,disembunyikan,disembunyikan,disembunyikan,disembunyikan"
        );
        assert_eq!(lines[5], "", "ends with a line break");
        assert_eq!(lines.len(), 6);
    }
}
