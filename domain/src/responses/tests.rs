//! Import and export of the responses CSV format, against a small instrument made from the
//! default survey (three items, the barriers checklist, one comment).
#![allow(clippy::unwrap_used)]

use super::*;
use crate::instrument::{default_instrument, Answers, Instrument};
use crate::units::{Headcount, Locale, Unit, UnitCode, UnitKind, UnitName};

/// `kesesuaian-1` (required), `manfaat-pribadi-1` (optional), `kesesuaian-4` (required,
/// reverse-keyed), barriers, comment `saran`.
pub(super) fn instrument() -> Instrument {
    let mut draft = default_instrument().to_draft();
    let keep = ["kesesuaian-1", "manfaat-pribadi-1", "kesesuaian-4"];
    draft.items.retain(|item| keep.contains(&item.id.as_str()));
    for item in &mut draft.items {
        item.required = item.id != "manfaat-pribadi-1";
    }
    let used = |id: &str| draft.items.iter().any(|item| item.dimension == id);
    draft.dimensions.retain(|d| used(&d.id));
    let sections: Vec<String> = draft.items.iter().map(|i| i.section.clone()).collect();
    draft.sections.retain(|s| sections.contains(&s.id));
    Instrument::from_draft(&draft).unwrap()
}

fn unit(code: &str, parent: Option<&str>) -> Unit {
    Unit {
        code: UnitCode::parse(code).unwrap(),
        name: UnitName::parse(code).unwrap(),
        kind: UnitKind::Lainnya,
        parent: parent.map(|p| UnitCode::parse(p).unwrap()),
        headcount: Headcount::new(10).unwrap(),
    }
}

pub(super) fn units() -> Vec<Unit> {
    vec![unit("DKI", None), unit("DKI.A", Some("DKI"))]
}

const HEADER: &str = "unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4,barrier:anggaran,\
barrier:sdm,barrier:sarana_prasarana,barrier:ti,barrier:pelatihan,barrier:regulasi,\
barrier:dukungan_pimpinan,barrier:beban_kerja,barrier:lainnya,barrier:lainnya_text,comment:saran";

fn problems(text: &str) -> Vec<(usize, Option<String>, ResponseProblemKind)> {
    read_responses(text.as_bytes(), &instrument(), &units())
        .unwrap_err()
        .problems
        .into_iter()
        .map(|p| (p.line, p.column, p.kind))
        .collect()
}

pub(super) fn column(name: &str) -> Option<String> {
    Some(name.to_owned())
}

#[test]
fn the_header_names_every_column_in_export_order() {
    assert_eq!(header_line(&instrument()), format!("{HEADER}\r\n"));
}

#[test]
fn round_trip_gives_back_the_same_responses() {
    let instrument = instrument();
    let answer = |items: &[(&str, Option<u8>)], barriers: &[&str], other: &str, comment: &str| {
        let answers = Answers {
            items: items.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            barriers: barriers.iter().map(|b| (*b).to_owned()).collect(),
            barrier_other: Some(other.to_owned()),
            comments: [("saran".to_owned(), comment.to_owned())].into(),
        };
        instrument.validate_answers(&answers).unwrap()
    };
    let rows = vec![
        ParsedResponse::new(
            UnitCode::parse("DKI.A").unwrap(),
            answer(
                &[("kesesuaian-1", Some(5)), ("kesesuaian-4", Some(1))],
                &["ti", "lainnya"],
                "Jaringan \"lambat\"; sering putus",
                "=HYPERLINK(\"x\")\nbaris kedua, dengan koma",
            ),
        ),
        ParsedResponse::new(
            UnitCode::parse("DKI").unwrap(),
            answer(
                &[
                    ("kesesuaian-1", Some(2)),
                    ("manfaat-pribadi-1", Some(3)),
                    ("kesesuaian-4", Some(4)),
                ],
                &[],
                "",
                "'-tetap sama",
            ),
        ),
    ];
    let csv = write_responses(&instrument, &rows);
    assert!(csv.contains("\"'=HYPERLINK"), "formulas are defused: {csv}");
    let back = read_responses(csv.as_bytes(), &instrument, &units()).unwrap();
    assert_eq!(back, rows);
    assert_eq!(
        back[0].item_values(&instrument),
        vec![Some(5), None, Some(1)]
    );
}

#[test]
fn accepts_excel_files_with_bom_semicolons_and_capitalised_headers() {
    let text = "\u{feff}Kode Unit;Kesesuaian-1;manfaat-pribadi-1;kesesuaian-4;barrier:ti\r\n\
                DKI.A;4;;2;1\r\n;;;;\r\nDKI; 5 ;1;3;0\r\n";
    let rows = read_responses(text.as_bytes(), &instrument(), &units()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].unit.as_str(), "DKI.A");
    assert_eq!(rows[0].answers.barriers().len(), 1);
    assert_eq!(rows[1].answers.raw("kesesuaian-1"), Some(5));
    assert_eq!(rows[1].answers.scored("kesesuaian-4"), Some(3));
}

#[test]
fn reports_every_cell_problem_with_its_line_and_column() {
    let text = "unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4,barrier:lainnya,barrier:lainnya_text,comment:saran\n\
                DKI,4,,2,0,,\n\
                DKI.X,4,,2,0,,\n\
                DKI,7,x,2,0,,\n\
                DKI,,3,2,ya,,\n\
                \"DKI\",\"4\",,2,0,,\"komentar\n\
                dua baris\"\n\
                DKI,4,,2,0,tidak dicentang,\n\
                DKI,4,2\n\
                bad code,-1,3.5,2,1,,\n";
    let expected = [
        (
            3,
            column("unit_code"),
            ResponseProblemKind::UnknownUnit {
                code: UnitCode::parse("DKI.X").unwrap(),
            },
        ),
        (
            4,
            column("kesesuaian-1"),
            ResponseProblemKind::OutOfScale {
                value: "7".into(),
                min: 1,
                max: 5,
            },
        ),
        (
            4,
            column("manfaat-pribadi-1"),
            ResponseProblemKind::NotAnInteger { value: "x".into() },
        ),
        (
            5,
            column("barrier:lainnya"),
            ResponseProblemKind::InvalidBarrierFlag { value: "ya".into() },
        ),
    ];
    let found = problems(text);
    assert_eq!(found[..4], expected[..]);
    // line 5 also misses a required answer; line 6-7 is one valid record over two lines
    assert_eq!(found[4].0, 5);
    assert_eq!(found[4].1, column("kesesuaian-1"));
    assert!(matches!(
        &found[4].2,
        ResponseProblemKind::InvalidAnswer { problem }
            if problem.kind() == crate::instrument::AnswerProblemKind::RequiredItemMissing
    ));
    assert_eq!(found[5].0, 8);
    assert_eq!(found[5].1, column("barrier:lainnya_text"));
    assert_eq!(
        found[6],
        (
            9,
            None,
            ResponseProblemKind::WrongFieldCount {
                expected: 7,
                found: 3
            }
        )
    );
    assert_eq!(found[7].0, 10);
    assert_eq!(found[7].1, column("unit_code"));
    assert_eq!(
        found[8],
        (
            10,
            column("kesesuaian-1"),
            ResponseProblemKind::OutOfScale {
                value: "-1".into(),
                min: 1,
                max: 5
            }
        )
    );
    assert_eq!(
        found[9],
        (
            10,
            column("manfaat-pribadi-1"),
            ResponseProblemKind::NotAnInteger {
                value: "3.5".into()
            }
        )
    );
    assert_eq!(found.len(), 10);
}

#[test]
fn reports_header_problems() {
    let found = problems("unit_code,kesesuaian-1,kesesuaian-1,tidak-ada,barrier:kopi,comment:x\n");
    assert_eq!(
        found,
        vec![
            (
                1,
                column("kesesuaian-1"),
                ResponseProblemKind::DuplicateColumn {
                    column: "kesesuaian-1".into()
                }
            ),
            (
                1,
                column("tidak-ada"),
                ResponseProblemKind::UnknownItem {
                    column: "tidak-ada".into()
                }
            ),
            (
                1,
                column("barrier:kopi"),
                ResponseProblemKind::UnknownColumn {
                    column: "barrier:kopi".into()
                }
            ),
            (
                1,
                column("comment:x"),
                ResponseProblemKind::UnknownColumn {
                    column: "comment:x".into()
                }
            ),
            (
                1,
                column("manfaat-pribadi-1"),
                ResponseProblemKind::MissingColumn {
                    column: "manfaat-pribadi-1".into()
                }
            ),
            (
                1,
                column("kesesuaian-4"),
                ResponseProblemKind::MissingColumn {
                    column: "kesesuaian-4".into()
                }
            ),
        ]
    );
}

#[test]
fn reports_file_problems() {
    assert_eq!(
        problems("\n \n"),
        vec![(1, None, ResponseProblemKind::EmptyFile)]
    );
    let mut latin1 = b"unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4,comment:saran\nDKI,4,,2,ok\nDKI,4,,2,caf"
        .to_vec();
    latin1.extend([0xE9, b'\n']);
    let report = read_responses(&latin1, &instrument(), &units()).unwrap_err();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].line, 3);
    assert_eq!(report.problems[0].kind, ResponseProblemKind::NotUtf8);
    let found = problems(
        "unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4,comment:saran\nDKI,4,,2,\"never closed\nDKI,4,,2,x\n",
    );
    assert_eq!(
        found,
        vec![(2, None, ResponseProblemKind::UnterminatedQuote)]
    );
}

#[test]
fn one_bad_row_rejects_the_whole_file() {
    let good = "DKI,4,,2\n".repeat(5);
    let text =
        format!("unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4\n{good}DKI,9,,2\n{good}");
    let report = read_responses(text.as_bytes(), &instrument(), &units()).unwrap_err();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].line, 7);
    assert_eq!(
        report.problems[0].message(Locale::En),
        "Line 7, column kesesuaian-1: 9 is outside the 1-5 scale"
    );
    assert_eq!(
        report.problems[0].message(Locale::Id),
        "Baris 7, kolom kesesuaian-1: nilai 9 di luar skala 1-5"
    );
}

#[test]
fn caps_the_report() {
    let bad = "DKI,9,,2\n".repeat(MAX_PROBLEMS + 10);
    let text = format!("unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4\n{bad}");
    let report = read_responses(text.as_bytes(), &instrument(), &units()).unwrap_err();
    assert_eq!(report.problems.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        report.problems[MAX_PROBLEMS].kind,
        ResponseProblemKind::TooManyProblems {
            limit: MAX_PROBLEMS
        }
    );
}

#[test]
fn the_default_survey_round_trips_and_reads_as_item_values() {
    let instrument = default_instrument();
    let items = instrument
        .items()
        .enumerate()
        .map(|(i, item)| (item.id().to_string(), Some((i % 5) as u8 + 1)))
        .collect();
    let answers = instrument
        .validate_answers(&Answers {
            items,
            ..Answers::default()
        })
        .unwrap();
    let rows = vec![ParsedResponse::new(
        UnitCode::parse("DKI.A").unwrap(),
        answers,
    )];
    let csv = write_responses(&instrument, &rows);
    let back = read_responses(csv.as_bytes(), &instrument, &units()).unwrap();
    assert_eq!(back, rows);
    let values = back[0].item_values(&instrument);
    assert_eq!(values.len(), 34);
    assert_eq!(values[0], Some(1));
    assert_eq!(values[6], Some(2));
}
