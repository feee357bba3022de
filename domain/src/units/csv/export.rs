//! Writing units in the import format.

use super::COLUMNS;
use crate::csv_text::{guard, push_field};
use crate::units::{parents_first, Unit};

/// The units as a CSV file: comma-delimited, CRLF line ends (what spreadsheets expect),
/// header first, parents before children, so that importing it back changes nothing. A name
/// a spreadsheet would run as a formula gets a leading `'` (see `csv_text::formula`), which
/// the importer takes off again.
pub fn to_csv(units: &[Unit]) -> String {
    let mut out = String::with_capacity(64 * (units.len() + 1));
    out.push_str(&COLUMNS.join(","));
    out.push_str("\r\n");
    for unit in parents_first(units) {
        let parent = unit.parent.as_ref().map_or("", |p| p.as_str());
        let name = guard(unit.name.as_str());
        let headcount = unit.headcount.to_string();
        let fields = [
            unit.code.as_str(),
            &name,
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::units::csv::import_units;
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

    /// Names a spreadsheet would run as formulas, and names that only look close to one;
    /// `U0` is the root and every other unit hangs under it.
    fn formula_names() -> Vec<Unit> {
        let names = [
            "=HYPERLINK(\"http://x\")",
            "+62 Dinas",
            "-B",
            "@C",
            "'-1",
            "''+D",
            "'biasa",
            "F = G",
        ];
        let root = UnitCode::parse("U0").unwrap();
        let headcount = Headcount::new(1).unwrap();
        names
            .iter()
            .enumerate()
            .map(|(i, name)| Unit {
                code: UnitCode::parse(&format!("U{i}")).unwrap(),
                name: UnitName::parse(name).unwrap(),
                kind: UnitKind::Lainnya,
                parent: (i > 0).then(|| root.clone()),
                headcount,
            })
            .collect()
    }

    #[test]
    fn defuses_names_a_spreadsheet_would_run() {
        assert_eq!(
            to_csv(&formula_names()),
            "code,name,kind,parent_code,headcount\r\n\
             U0,\"'=HYPERLINK(\"\"http://x\"\")\",lainnya,,1\r\n\
             U1,'+62 Dinas,lainnya,U0,1\r\n\
             U2,'-B,lainnya,U0,1\r\n\
             U3,'@C,lainnya,U0,1\r\n\
             U4,''-1,lainnya,U0,1\r\n\
             U5,'''+D,lainnya,U0,1\r\n\
             U6,'biasa,lainnya,U0,1\r\n\
             U7,F = G,lainnya,U0,1\r\n"
        );
    }

    #[test]
    fn guarded_names_import_back_exactly() {
        let units = formula_names();
        let csv = to_csv(&units);
        let created = import_units(csv.as_bytes(), &[]).unwrap();
        let names: Vec<&str> = created.creates().map(|u| u.name.as_str()).collect();
        let expected: Vec<&str> = units.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, expected);
        assert!(import_units(csv.as_bytes(), &units).unwrap().is_empty());
    }

    #[test]
    fn names_cannot_start_with_tab_or_carriage_return() {
        // Why the formula guard needs no tab or CR trigger for names: none can start with one.
        assert_eq!(UnitName::parse("\t=x").unwrap().as_str(), "=x");
        assert_eq!(UnitName::parse("\r\n@x").unwrap().as_str(), "@x");
        assert!(UnitName::parse("a\tb").is_err());
    }
}
