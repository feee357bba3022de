//! Every kind of problem the units importer reports, with its exact line and column.
#![allow(clippy::unwrap_used)]

mod common;

use common::{code, col, existing, problems, problems_of, HEADER};
use domain::units::csv::{import_units, ProblemKind, MAX_BYTES, MAX_PROBLEMS, MAX_ROWS};
use domain::units::{Locale, UnitError};

#[test]
fn file_too_large() {
    let input = vec![b'a'; MAX_BYTES + 1];
    assert_eq!(
        problems_of(&input, &[]),
        vec![(
            1,
            None,
            ProblemKind::FileTooLarge {
                bytes: MAX_BYTES + 1,
                limit: MAX_BYTES
            }
        )]
    );
}

#[test]
fn empty_file() {
    for input in [&b""[..], b"\n\r\n  \n", b"\xEF\xBB\xBF", b";;;\n"] {
        assert_eq!(
            problems_of(input, &[]),
            vec![(1, None, ProblemKind::EmptyFile)]
        );
    }
}

#[test]
fn header_only_is_an_empty_plan() {
    let plan = import_units(HEADER.as_bytes(), &existing()).unwrap();
    assert!(plan.is_empty());
    assert_eq!(plan.unchanged(), 0);
}

#[test]
fn not_utf8_is_reported_on_the_line_of_the_first_bad_byte() {
    // "Kelurahan Kebon Kacang" fine, then Latin-1 "é" (0xE9) on line 4, again on line 5.
    let input = b"code,name,kind,parent_code,headcount\r\n\
DKI,Pemprov DKI,provinsi,,10\r\n\
A,Kelurahan Kebon Kacang,kelurahan,DKI,20\r\n\
B,Caf\xE9 Dinas,dinas,DKI,30\r\n\
C,R\xE9sum\xE9,dinas,DKI,30\r\n";
    assert_eq!(
        problems_of(input, &[]),
        vec![(4, None, ProblemKind::NotUtf8)]
    );
}

#[test]
fn not_utf8_still_reports_the_other_problems() {
    let input =
        b"code,name,kind,parent_code,headcount\nDKI,Pemprov,provinsi,,10\nB,Caf\xE9,dinas,DKI,x\n";
    let found = problems_of(input, &[]);
    assert_eq!(found[0], (3, None, ProblemKind::NotUtf8));
    assert_eq!(found[1].0, 3);
    assert_eq!(found[1].1, col("headcount"));
}

#[test]
fn utf16_is_not_utf8() {
    let input = b"\xFF\xFEc\x00o\x00d\x00e\x00";
    assert_eq!(problems_of(input, &[])[0], (1, None, ProblemKind::NotUtf8));
}

#[test]
fn unterminated_quote() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nA,\"Dinas A,dinas,DKI,5\nB,Dinas B,dinas,DKI,5\n",
        &[],
    );
    assert_eq!(found, vec![(3, None, ProblemKind::UnterminatedQuote)]);
}

#[test]
fn missing_unknown_and_duplicate_columns() {
    let input = "Code;Nama;Eselon;kind;code\nDKI;Pemprov;II;provinsi;DKI\n";
    let found = problems_of(input.as_bytes(), &[]);
    assert_eq!(
        found,
        vec![
            (
                1,
                col("Eselon"),
                ProblemKind::UnknownColumn {
                    column: "Eselon".into()
                }
            ),
            (
                1,
                col("code"),
                ProblemKind::DuplicateColumn {
                    column: "code".into()
                }
            ),
            (
                1,
                col("parent_code"),
                ProblemKind::MissingColumn {
                    column: "parent_code".into()
                }
            ),
            (
                1,
                col("headcount"),
                ProblemKind::MissingColumn {
                    column: "headcount".into()
                }
            ),
        ]
    );
}

#[test]
fn rows_are_still_checked_when_the_header_is_incomplete() {
    let found = problems_of(b"code,name,kind\nDKI,,provinsi\n", &[]);
    assert!(found.contains(&(
        2,
        col("name"),
        ProblemKind::InvalidName {
            reason: UnitError::NameEmpty
        }
    )));
}

#[test]
fn wrong_field_count() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nA,Dinas A,dinas,DKI\nB,Dinas B,dinas,DKI,5,extra\n",
        &[],
    );
    assert_eq!(
        found,
        vec![
            (
                3,
                None,
                ProblemKind::WrongFieldCount {
                    expected: 5,
                    found: 4
                }
            ),
            (
                4,
                None,
                ProblemKind::WrongFieldCount {
                    expected: 5,
                    found: 6
                }
            ),
        ]
    );
}

#[test]
fn a_malformed_row_does_not_make_its_children_unknown() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nA,Dinas A,dinas\nA.1,Bidang,bidang,A,5\n",
        &[],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0, 3);
}

#[test]
fn too_many_rows() {
    let mut csv = String::from(HEADER);
    csv.push_str("DKI,Pemprov,provinsi,,10\n");
    for i in 0..MAX_ROWS {
        csv.push_str(&format!("U{i},Unit {i},lainnya,DKI,1\n"));
    }
    // Data rows are lines 2..; the first one past the limit is line MAX_ROWS + 2.
    assert_eq!(
        problems_of(csv.as_bytes(), &[]),
        vec![(
            MAX_ROWS + 2,
            None,
            ProblemKind::TooManyRows { limit: MAX_ROWS }
        )]
    );
}

#[test]
fn invalid_codes() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\n,Kosong,dinas,DKI,1\nDINAS PENDIDIKAN,Dinas,dinas,DKI,1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,Panjang,dinas,DKI,1\n",
        &[],
    );
    assert_eq!(
        found,
        vec![
            (
                3,
                col("code"),
                ProblemKind::InvalidCode {
                    value: String::new(),
                    reason: UnitError::CodeEmpty
                }
            ),
            (
                4,
                col("code"),
                ProblemKind::InvalidCode {
                    value: "DINAS PENDIDIKAN".into(),
                    reason: UnitError::CodeInvalidCharacter { character: ' ' }
                }
            ),
            (
                5,
                col("code"),
                ProblemKind::InvalidCode {
                    value: "A".repeat(41),
                    reason: UnitError::CodeTooLong {
                        length: 41,
                        max: 40
                    }
                }
            ),
        ]
    );
}

#[test]
fn duplicate_code_names_both_lines() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nA,Dinas A,dinas,DKI,5\nB,Dinas B,dinas,DKI,5\nA,Dinas A lagi,dinas,DKI,6\nA,Dinas A ketiga,dinas,DKI,7\n",
        &[],
    );
    let duplicate = |line| {
        (
            line,
            col("code"),
            ProblemKind::DuplicateCode {
                code: code("A"),
                first_line: 3,
            },
        )
    };
    assert_eq!(found, vec![duplicate(5), duplicate(6)]);
}

#[test]
fn codes_are_case_sensitive() {
    let plan = common::plan(
        "DKI,Pemprov,provinsi,,10\ndki.a,a,dinas,DKI,1\nDKI.A,A,dinas,DKI,1\n",
        &[],
    );
    assert_eq!(plan.creates().count(), 3);
}

#[test]
fn invalid_names() {
    let long = "n".repeat(201);
    let found = problems(
        &format!("DKI,Pemprov,provinsi,,10\nA,  ,dinas,DKI,1\nB,{long},dinas,DKI,1\nC,\"Dinas\nC\",dinas,DKI,1\n"),
        &[],
    );
    let name = |line, reason| (line, col("name"), ProblemKind::InvalidName { reason });
    assert_eq!(
        found,
        vec![
            name(3, UnitError::NameEmpty),
            name(
                4,
                UnitError::NameTooLong {
                    length: 201,
                    max: 200
                }
            ),
            name(5, UnitError::NameControlCharacter),
        ]
    );
}

#[test]
fn unknown_kind_lists_the_accepted_ones() {
    let found = problems("DKI,Pemprov,provinsi,,10\nA,Kantor A,kantor,DKI,1\n", &[]);
    assert_eq!(
        found,
        vec![(
            3,
            col("kind"),
            ProblemKind::UnknownKind {
                value: "kantor".into()
            }
        )]
    );
    let message = found[0].2.message(Locale::Id);
    assert!(message.contains("kantor"), "{message}");
    assert!(
        message.contains("provinsi, sekretariat_daerah, sekretariat_dprd"),
        "{message}"
    );
    assert!(found[0].2.message_en().contains("uptd, lainnya"));
}

#[test]
fn bad_headcounts() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nA,A,dinas,DKI,banyak\nB,B,dinas,DKI,-4\nC,C,dinas,DKI,1000001\nD,D,dinas,DKI,1.234\nE,E,dinas,DKI,\n",
        &[],
    );
    let bad = |line, value: &str, reason| {
        (
            line,
            col("headcount"),
            ProblemKind::InvalidHeadcount {
                value: value.into(),
                reason,
            },
        )
    };
    assert_eq!(
        found,
        vec![
            bad(3, "banyak", UnitError::HeadcountNotInteger),
            bad(4, "-4", UnitError::HeadcountNegative),
            bad(
                5,
                "1000001",
                UnitError::HeadcountTooLarge { max: 1_000_000 }
            ),
            bad(6, "1.234", UnitError::HeadcountNotInteger),
            bad(7, "", UnitError::HeadcountEmpty),
        ]
    );
}

#[test]
fn invalid_parent_code() {
    let found = problems("DKI,Pemprov,provinsi,,10\nA,A,dinas,DKI / SETDA,1\n", &[]);
    assert_eq!(
        found,
        vec![(
            3,
            col("parent_code"),
            ProblemKind::InvalidParentCode {
                value: "DKI / SETDA".into(),
                reason: UnitError::CodeInvalidCharacter { character: ' ' }
            }
        )]
    );
}

#[test]
fn unknown_parent_is_looked_up_in_the_file_and_the_existing_units() {
    let rows =
        "DKI.JAKPUS.KEC-MENTENG.KEL-01,Kelurahan Menteng,kelurahan,DKI.JAKPUS.KEC-MENTENG,20\n\
DKI.X.1,Unit X1,seksi,DKI.X,5\n\
DKI.Y,Unit Y,dinas,DKI.Z,5\n\
DKI.X,Unit X,bidang,DKI.SETDA,5\n";
    let found = problems(rows, &existing());
    assert_eq!(
        found,
        vec![(
            4,
            col("parent_code"),
            ProblemKind::UnknownParent {
                parent: code("DKI.Z")
            }
        )]
    );
    // Without the existing units, the kecamatan is unknown too (and DKI.SETDA).
    let lines: Vec<usize> = problems(rows, &[]).into_iter().map(|p| p.0).collect();
    assert_eq!(lines, [2, 4, 5]);
}

#[test]
fn own_parent() {
    let found = problems("DKI,Pemprov,provinsi,,10\nA,A,dinas,A,1\n", &[]);
    assert_eq!(
        found,
        vec![(
            3,
            col("parent_code"),
            ProblemKind::OwnParent { code: code("A") }
        )]
    );
}

#[test]
fn cycle_within_the_file_is_reported_once_on_its_first_line() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nB,B,bidang,C,1\nA,A,dinas,B,1\nC,C,seksi,A,1\nD,D,seksi,C,1\n",
        &[],
    );
    assert_eq!(
        found,
        vec![(
            3,
            col("parent_code"),
            ProblemKind::Cycle {
                codes: vec![code("B"), code("C"), code("A"), code("B")]
            }
        )]
    );
    let message = found[0].2.message_en();
    assert!(message.contains("B → C → A → B"), "{message}");
}

#[test]
fn cycle_formed_with_the_existing_tree() {
    // Moving the Sekretariat Daerah under its own biro: the biro is not in the file.
    let found = problems(
        "DKI.SETDA,Sekretariat Daerah,sekretariat_daerah,DKI.SETDA.BIRO-ORB,100\n",
        &existing(),
    );
    assert_eq!(
        found,
        vec![(
            2,
            col("parent_code"),
            ProblemKind::Cycle {
                codes: vec![
                    code("DKI.SETDA"),
                    code("DKI.SETDA.BIRO-ORB"),
                    code("DKI.SETDA")
                ]
            }
        )]
    );
}

#[test]
fn cycle_through_new_and_existing_units() {
    // DKI.JAKPUS moves under a new unit N, which sits under the existing kecamatan of JAKPUS.
    let found = problems(
        "N,Baru,lainnya,DKI.JAKPUS.KEC-MENTENG,1\nDKI.JAKPUS,Jakarta Pusat,kota_administrasi,N,400\n",
        &existing(),
    );
    assert_eq!(
        found,
        vec![(
            2,
            col("parent_code"),
            ProblemKind::Cycle {
                codes: vec![
                    code("N"),
                    code("DKI.JAKPUS.KEC-MENTENG"),
                    code("DKI.JAKPUS"),
                    code("N")
                ]
            }
        )]
    );
}

#[test]
fn second_root_in_the_file() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\nA,A,dinas,DKI,1\nX,Lain,provinsi,,1\n",
        &[],
    );
    assert_eq!(
        found,
        vec![(
            4,
            col("parent_code"),
            ProblemKind::SecondRoot {
                code: code("X"),
                root: code("DKI")
            }
        )]
    );
}

#[test]
fn second_root_against_the_existing_tree() {
    let found = problems(
        "X,Lain,provinsi,,1\nDKI,Pemprov,provinsi,,10\n",
        &existing(),
    );
    assert_eq!(
        found,
        vec![(
            2,
            col("parent_code"),
            ProblemKind::SecondRoot {
                code: code("X"),
                root: code("DKI")
            }
        )]
    );
}

#[test]
fn too_many_problems_are_cut_but_file_problems_kept() {
    let mut csv = String::from("code,name,kind,parent_code,headcount,eselon\n");
    for i in 0..MAX_PROBLEMS + 10 {
        csv.push_str(&format!("U{i},Unit,lainnya,,x,\n"));
    }
    let found = problems_of(csv.as_bytes(), &[]);
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        found[0].2,
        ProblemKind::UnknownColumn {
            column: "eselon".into()
        }
    );
    let last = found.last().unwrap();
    assert_eq!(
        last.2,
        ProblemKind::TooManyProblems {
            limit: MAX_PROBLEMS
        }
    );
    assert!(
        found.windows(2).all(|w| w[0].0 <= w[1].0),
        "ordered by line"
    );
}

#[test]
fn every_problem_of_a_bad_file_at_once() {
    let found = problems(
        "DKI,Pemprov,provinsi,,10\n,x,dinas,DKI,1\nA,A,kantor,DKI,-1\nA,A,dinas,DKI,1\nB,B,dinas,Q,1\n",
        &[],
    );
    let lines: Vec<(usize, Option<String>)> = found.into_iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(
        lines,
        vec![
            (3, col("code")),
            (4, col("kind")),
            (4, col("headcount")),
            (5, col("code")),
            (6, col("parent_code")),
        ]
    );
}

#[test]
fn messages_locate_the_problem_in_both_languages() {
    let report = import_units(format!("{HEADER}DKI,,provinsi,,10\n").as_bytes(), &[]).unwrap_err();
    let problem = &report.problems[0];
    assert_eq!(
        problem.message(Locale::Id),
        "Baris 2, kolom name: Nama tidak sah: nama unit kosong."
    );
    assert_eq!(
        problem.message(Locale::En),
        "Line 2, column name: The name is invalid: the unit name is empty."
    );
    assert_eq!(report.to_string(), "the units file has 1 problem(s)");
}

#[test]
fn reports_travel_as_json() {
    let report = import_units(format!("{HEADER}A,A,dinas,A,1\n").as_bytes(), &[]).unwrap_err();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"problems": [{
            "line": 2,
            "column": "parent_code",
            "kind": {"type": "own_parent", "code": "A"}
        }]})
    );
    let back: domain::units::csv::ImportReport = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}
