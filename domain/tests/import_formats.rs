//! The file shapes real users send: Excel's `;` in an Indonesian locale, a BOM, CRLF, quoted
//! fields, columns in any order, Latin-1 bytes.
#![allow(clippy::unwrap_used)]

mod common;

use common::{code, plan};
use domain::units::csv::{import_units, ProblemKind};
use domain::units::UnitKind;

const EXCEL_ID: &[u8] = include_bytes!("fixtures/excel-id-semicolon.csv");
const LATIN1: &[u8] = include_bytes!("fixtures/latin1-semicolon.csv");

#[test]
fn excel_export_with_bom_semicolons_and_indonesian_header() {
    let plan = import_units(EXCEL_ID, &[]).unwrap();
    let created: Vec<_> = plan.creates().collect();
    assert_eq!(created.len(), 5);
    assert_eq!(created[0].code, code("DKI"));
    assert_eq!(created[0].name.as_str(), "Pemerintah Provinsi DKI Jakarta");
    let bkd = created.iter().find(|u| u.code == code("DKI.BKD")).unwrap();
    assert_eq!(bkd.name.as_str(), "Badan Kepegawaian Daerah; Provinsi");
    assert_eq!(bkd.kind, UnitKind::Badan);
    let kel = created.last().unwrap();
    assert_eq!(kel.kind, UnitKind::Kelurahan);
    assert_eq!(kel.headcount.get(), 27);
}

#[test]
fn latin1_file_is_reported_on_the_right_line() {
    let report = import_units(LATIN1, &[]).unwrap_err();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].line, 4);
    assert_eq!(report.problems[0].kind, ProblemKind::NotUtf8);
    assert!(report.problems[0].kind.message_id().contains("CSV UTF-8"));
}

#[test]
fn semicolon_with_commas_inside_names() {
    let csv = "code;name;kind;parent_code;headcount\nDKI;Pemprov DKI, Jakarta;provinsi;;10\n";
    let plan = import_units(csv.as_bytes(), &[]).unwrap();
    assert_eq!(
        plan.creates().next().unwrap().name.as_str(),
        "Pemprov DKI, Jakarta"
    );
}

#[test]
fn columns_in_any_order_and_case_with_padding() {
    let csv = " HEADCOUNT , Parent_Code ,Kind,NAME,code\r\n 10 ,, Provinsi , Pemprov , DKI \r\n";
    let plan = import_units(csv.as_bytes(), &[]).unwrap();
    let unit = plan.creates().next().unwrap();
    assert_eq!(unit.code, code("DKI"));
    assert_eq!(unit.name.as_str(), "Pemprov");
    assert_eq!(unit.kind, UnitKind::Provinsi);
    assert_eq!(unit.parent, None);
    assert_eq!(unit.headcount.get(), 10);
}

#[test]
fn quoted_fields_with_quotes_and_line_breaks_keep_line_numbers() {
    // The quoted name spans lines 3-4, so the bad headcount after it is on line 5.
    let csv = "code,name,kind,parent_code,headcount\n\
DKI,\"Pemprov \"\"DKI\"\"\",provinsi,,10\n\
A,\"Dinas\n A\",dinas,DKI,1\n\
B,Dinas B,dinas,DKI,x\n";
    let report = import_units(csv.as_bytes(), &[]).unwrap_err();
    let places: Vec<_> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.clone().unwrap()))
        .collect();
    assert_eq!(
        places,
        [(3, "name".to_owned()), (5, "headcount".to_owned())]
    );
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let csv = "\n\ncode,name,kind,parent_code,headcount\n\nDKI,Pemprov,provinsi,,10\n\n\nA,A,kantor,DKI,1\n";
    let report = import_units(csv.as_bytes(), &[]).unwrap_err();
    assert_eq!(report.problems[0].line, 8);
}

#[test]
fn old_mac_line_endings() {
    let csv = "code,name,kind,parent_code,headcount\rDKI,Pemprov,provinsi,,10\rA,A,dinas,DKI,x\r";
    let report = import_units(csv.as_bytes(), &[]).unwrap_err();
    assert_eq!(report.problems[0].line, 3);
}

#[test]
fn trailing_rows_of_empty_semicolon_fields_are_ignored() {
    let plan = plan("DKI,Pemprov,provinsi,,10\n,,,,\n", &[]);
    assert_eq!(plan.creates().count(), 1);
}
