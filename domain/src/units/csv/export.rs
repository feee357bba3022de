//! Writing units in the import format.

use super::COLUMNS;
use crate::units::{parents_first, Unit};

/// The units as a CSV file: comma-delimited, CRLF line ends (what spreadsheets expect),
/// header first, parents before children, so that importing it back changes nothing.
pub fn to_csv(units: &[Unit]) -> String {
    let mut out = String::with_capacity(64 * (units.len() + 1));
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for unit in parents_first(units) {
        let parent = unit.parent.as_ref().map_or("", |p| p.as_str());
        let headcount = unit.headcount.to_string();
        let fields = [
            unit.code.as_str(),
            unit.name.as_str(),
            unit.kind.as_str(),
            parent,
            headcount.as_str(),
        ];
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, field);
        }
        out.push_str("\r\n");
    }
    out
}

/// Quotes a field when it holds a delimiter (either one, since a reader may guess `;`), a quote
/// or a line break.
fn push_field(out: &mut String, field: &str) {
    if field.contains([',', ';', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::units::{Headcount, UnitCode, UnitKind, UnitName};

    #[test]
    fn writes_header_and_quotes_when_needed() {
        let units = [Unit {
            code: UnitCode::parse("DKI").unwrap(),
            name: UnitName::parse("Pemprov \"DKI\", Jakarta; Indonesia").unwrap(),
            kind: UnitKind::Provinsi,
            parent: None,
            headcount: Headcount::new(10).unwrap(),
        }];
        assert_eq!(
            to_csv(&units),
            "code,name,kind,parent_code,headcount\r\nDKI,\"Pemprov \"\"DKI\"\", Jakarta; Indonesia\",provinsi,,10\r\n"
        );
    }
}
