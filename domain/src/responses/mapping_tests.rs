//! Column mappings: checking them, guessing them from headers, and reading files through
//! them, against the small instrument of the format tests.
#![allow(clippy::unwrap_used)]

use super::labels::Labels;
use super::tests::{column, instrument, units};
use super::*;
use crate::instrument::{AnswerProblemKind, BarrierCode};
use crate::units::Locale;

/// A mapping of the three items, the unit and whatever else is given, by file header.
fn mapping(extra: &[(&str, Option<&str>)]) -> ColumnMapping {
    let mut pairs = vec![
        ("Unit", Some("unit_code")),
        ("P1", Some("kesesuaian-1")),
        ("P2", Some("manfaat-pribadi-1")),
        ("P3", Some("kesesuaian-4")),
    ];
    pairs.extend_from_slice(extra);
    ColumnMapping::new(pairs, &instrument()).unwrap()
}

fn read(text: &str, mapping: &ColumnMapping) -> Result<Vec<ParsedResponse>, ResponseImportReport> {
    read_responses_mapped(text.as_bytes(), &instrument(), &units(), mapping)
}

fn problems(
    text: &str,
    mapping: &ColumnMapping,
) -> Vec<(usize, Option<String>, ResponseProblemKind)> {
    read(text, mapping)
        .unwrap_err()
        .problems
        .into_iter()
        .map(|p| (p.line, p.column, p.kind))
        .collect()
}

fn guesses(header: &str) -> Vec<(String, Option<String>)> {
    guess_mapping(header.as_bytes(), &instrument())
        .unwrap()
        .into_iter()
        .map(|guess| (guess.header, guess.column))
        .collect()
}

fn guessed(header: &str, column: Option<&str>) -> (String, Option<String>) {
    (header.to_owned(), column.map(str::to_owned))
}

#[test]
fn scale_labels_are_read_in_either_language_and_any_case() {
    let labels = Labels::new(&instrument());
    let scale_point = |text| labels.scale_point(text);
    assert_eq!(scale_point("Setuju"), Some(4));
    assert_eq!(scale_point("  sangat   TIDAK setuju "), Some(1));
    assert_eq!(scale_point("Neutral"), Some(3));
    assert_eq!(scale_point("strongly agree"), Some(5));
    assert_eq!(scale_point("Setuju banget"), None);
    assert_eq!(scale_point("4"), None);
}

#[test]
fn barrier_cells_are_split_on_names_even_when_a_label_holds_a_comma() {
    let labels = Labels::new(&instrument());
    let split = |cell| labels.split_barriers(cell);
    assert_eq!(
        split("Anggaran, Aplikasi, jaringan atau perangkat TI;workload"),
        (
            vec![
                BarrierCode::Anggaran,
                BarrierCode::Ti,
                BarrierCode::BebanKerja
            ],
            vec![]
        )
    );
    // KoboToolbox: the choice names, separated by spaces.
    assert_eq!(
        split("anggaran beban_kerja"),
        (vec![BarrierCode::Anggaran, BarrierCode::BebanKerja], vec![])
    );
    assert_eq!(split("  "), (vec![], vec![]));
    let (codes, unknown) = split("Beban kerja, Parkir  sempit; Lainnya");
    assert_eq!(codes, vec![BarrierCode::BebanKerja, BarrierCode::Lainnya]);
    assert_eq!(unknown.len(), 1);
    assert!(matches!(
        &unknown[0],
        ResponseProblemKind::UnknownBarrierLabel { value, labels }
            if value == "Parkir sempit" && labels.len() == 9
    ));
    assert!(unknown[0]
        .message(Locale::En)
        .starts_with("\"Parkir sempit\" is not a barrier of this survey; the choices are: \"Budget\", \"Staff numbers or skills\","));
}

#[test]
fn a_mapping_is_refused_for_unknown_repeated_and_missing_columns() {
    let error = ColumnMapping::new(
        vec![
            ("Waktu", None),
            ("Pertanyaan 1", Some("kesesuaian-1")),
            ("Pertanyaan 1 (ulang)", Some("kesesuaian-1")),
            ("NIP", Some("nip")),
            ("Hambatan", Some("barriers")),
            ("Lainnya", Some(" ")),
        ],
        &instrument(),
    )
    .unwrap_err();
    let found: Vec<_> = error
        .problems
        .iter()
        .map(|p| (p.header.as_deref(), p.kind.clone()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Some("Pertanyaan 1 (ulang)"),
                MappingProblemKind::MappedTwice {
                    column: "kesesuaian-1".into()
                }
            ),
            (
                Some("NIP"),
                MappingProblemKind::UnknownColumn {
                    column: "nip".into()
                }
            ),
            (
                None,
                MappingProblemKind::NotMapped {
                    column: "unit_code".into()
                }
            ),
            (
                None,
                MappingProblemKind::NotMapped {
                    column: "manfaat-pribadi-1".into()
                }
            ),
            (
                None,
                MappingProblemKind::NotMapped {
                    column: "kesesuaian-4".into()
                }
            ),
        ]
    );
    assert_eq!(
        error.problems[0].message(Locale::Id),
        "Kolom Pertanyaan 1 (ulang): kolom kesesuaian-1 sudah dipetakan dari kolom lain"
    );
    assert_eq!(
        error.problems[2].message(Locale::En),
        "no column of the file is mapped to unit_code"
    );
}

#[test]
fn json_is_the_list_of_header_guesses() {
    let mapping = mapping(&[("Waktu", None)]);
    let json = serde_json::to_string(&mapping).unwrap();
    assert!(
        json.starts_with(r#"[{"header":"Unit","column":"unit_code"},"#),
        "{json}"
    );
    assert!(
        json.ends_with(r#"{"header":"Waktu","column":null}]"#),
        "{json}"
    );
    let back: ColumnMapping = serde_json::from_str(&json).unwrap();
    assert_eq!(back, mapping);
}

#[test]
fn a_deserialized_mapping_is_checked_when_reading() {
    let json = r#"[{"header":"Unit","column":"unit_code"},{"header":"P1","column":"kesesuaian-1"},
        {"header":"P2","column":"manfaat-pribadi-1"},{"header":"P3","column":"kesesuaian-x"}]"#;
    let mapping: ColumnMapping = serde_json::from_str(json).unwrap();
    let found = problems("Unit,P1,P2,P3\nDKI,4,,2\n", &mapping);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_eq!((found[0].0, found[0].1.as_deref()), (1, Some("P3")));
    assert!(matches!(
        &found[0].2,
        ResponseProblemKind::InvalidMapping { problem }
            if problem.kind == MappingProblemKind::UnknownColumn { column: "kesesuaian-x".into() }
    ));
    assert_eq!(
        (found[1].0, found[1].1.as_deref()),
        (1, Some("kesesuaian-4"))
    );
    // The rows are still checked: kesesuaian-4 is required and no column feeds it.
    assert_eq!(
        (found[2].0, found[2].1.as_deref()),
        (2, Some("kesesuaian-4"))
    );
}

#[test]
fn labels_numbers_and_ignored_columns_are_read() {
    let mapping = mapping(&[
        ("Waktu", None),
        ("Hambatan", Some("barriers")),
        ("Lainnya, sebutkan", Some("barrier:lainnya_text")),
        ("Saran", Some("comment:saran")),
    ]);
    let text = "Unit,P1,P2,P3,Waktu,Hambatan,\"Lainnya, sebutkan\",Saran\n\
                DKI.A,Setuju,,sangat tidak setuju,13/05/2024 09:41,\"Anggaran, Lainnya\",Parkir,Bagus\n\
                DKI, 5 ,Disagree,2,,,,\n";
    let rows = read(text, &mapping).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].item_values(&instrument()),
        vec![Some(4), None, Some(1)]
    );
    assert_eq!(
        rows[0].answers.barriers(),
        &[BarrierCode::Anggaran, BarrierCode::Lainnya]
    );
    assert_eq!(rows[0].answers.barrier_other(), Some("Parkir"));
    assert_eq!(
        rows[1].item_values(&instrument()),
        vec![Some(5), Some(2), Some(2)]
    );
    assert!(rows[1].answers.barriers().is_empty());
}

#[test]
fn cell_problems_name_the_files_column() {
    let mapping = mapping(&[
        ("Hambatan", Some("barriers")),
        ("TI?", Some("barrier:ti")),
        ("Lainnya, sebutkan", Some("barrier:lainnya_text")),
    ]);
    let text = "Unit,P1,P2,P3,Hambatan,TI?,\"Lainnya, sebutkan\"\n\
                DKI,Setuju banget,,2,,,\n\
                DKI,4,,,Kopi,ya,Parkir\n\
                DKI.X,4,3.5,2,,1,\n";
    let found = problems(text, &mapping);
    let at: Vec<_> = found
        .iter()
        .map(|(line, column, _)| (*line, column.clone()))
        .collect();
    assert_eq!(
        at,
        vec![
            (2, column("P1")),
            (3, column("Hambatan")),
            (3, column("TI?")),
            (3, column("P3")),
            (3, column("Lainnya, sebutkan")),
            (4, column("Unit")),
            (4, column("P2")),
        ]
    );
    assert!(
        matches!(&found[0].2, ResponseProblemKind::UnknownScaleLabel { value, .. } if value == "Setuju banget")
    );
    assert!(
        matches!(&found[3].2, ResponseProblemKind::InvalidAnswer { problem }
        if problem.kind() == AnswerProblemKind::RequiredItemMissing)
    );
    assert!(
        matches!(&found[4].2, ResponseProblemKind::InvalidAnswer { problem }
        if problem.kind() == AnswerProblemKind::OtherTextWithoutOther)
    );
    assert!(
        matches!(&found[6].2, ResponseProblemKind::UnknownScaleLabel { value, .. } if value == "3.5")
    );
    let report = read(text, &mapping).unwrap_err();
    assert_eq!(
        report.problems[0].message(Locale::Id),
        "Baris 2, kolom P1: nilai \"Setuju banget\" bukan pilihan skala; isi angka 1-5 atau \
         salah satu dari: \"Sangat Tidak Setuju\", \"Tidak Setuju\", \"Netral\", \"Setuju\", \
         \"Sangat Setuju\""
    );
    assert_eq!(
        report.problems[0].message(Locale::En),
        "Line 2, column P1: \"Setuju banget\" is not a scale answer; write a number 1-5 or one \
         of: \"Strongly disagree\", \"Disagree\", \"Neutral\", \"Agree\", \"Strongly agree\""
    );
}

#[test]
fn a_header_that_differs_from_the_mapping_is_refused() {
    let mapping = mapping(&[("Waktu", None)]);
    // P2 renamed, Waktu gone: another file than the one mapped.
    let found = problems("Unit,P1,Pertanyaan 2,P3\nDKI,4,,2\n", &mapping);
    assert_eq!(
        found,
        vec![
            (
                1,
                column("Pertanyaan 2"),
                ResponseProblemKind::NotInMapping {
                    column: "Pertanyaan 2".into()
                }
            ),
            (
                1,
                column("Waktu"),
                ResponseProblemKind::MissingColumn {
                    column: "Waktu".into()
                }
            ),
        ]
    );
    let found = problems("Unit,P1,P2,P3,Waktu,NIP\nDKI,4,,2,x,y\n", &mapping);
    assert_eq!(
        found,
        vec![(
            1,
            column("NIP"),
            ResponseProblemKind::NotInMapping {
                column: "NIP".into()
            }
        )]
    );
}

#[test]
fn siaps_own_format_still_wants_numbers() {
    let text = "unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4\nDKI,Setuju,,2\n";
    let report = read_responses(text.as_bytes(), &instrument(), &units()).unwrap_err();
    assert_eq!(
        report.problems[0].kind,
        ResponseProblemKind::NotAnInteger {
            value: "Setuju".into()
        }
    );
    // ...and reads the same through the mapping guessed from its own header.
    let guessed = guess_mapping(text.as_bytes(), &instrument()).unwrap();
    let mapping = ColumnMapping::from_guesses(guessed, &instrument()).unwrap();
    let rows = read(
        "unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4\nDKI,4,,2\n",
        &mapping,
    );
    assert_eq!(
        rows.unwrap(),
        read_responses(
            b"unit_code,kesesuaian-1,manfaat-pribadi-1,kesesuaian-4\nDKI,4,,2\n",
            &instrument(),
            &units()
        )
        .unwrap()
    );
}

#[test]
fn guesses_canonical_names_aliases_and_codes() {
    assert_eq!(
        guesses(
            "Kode Unit;KESESUAIAN 1;grup_a/manfaat_pribadi_1;kesesuaian4;barrier[sarana_prasarana];\
             hambatan/anggaran;barriers;Barrier: Lainnya Text;saran;_submission_time"
        ),
        vec![
            guessed("Kode Unit", Some("unit_code")),
            guessed("KESESUAIAN 1", Some("kesesuaian-1")),
            guessed("grup_a/manfaat_pribadi_1", Some("manfaat-pribadi-1")),
            guessed("kesesuaian4", Some("kesesuaian-4")),
            guessed("barrier[sarana_prasarana]", Some("barrier:sarana_prasarana")),
            guessed("hambatan/anggaran", Some("barrier:anggaran")),
            guessed("barriers", Some("barriers")),
            guessed("Barrier: Lainnya Text", Some("barrier:lainnya_text")),
            guessed("saran", Some("comment:saran")),
            guessed("_submission_time", None),
        ]
    );
    for alias in [
        "unit",
        "kode_unit",
        "kode unit",
        "Unit Kerja",
        "unit_code",
        "Satker",
    ] {
        assert_eq!(
            guesses(alias),
            vec![guessed(alias, Some("unit_code"))],
            "{alias}"
        );
    }
}

#[test]
fn guesses_texts_in_either_language_and_their_decorations() {
    assert_eq!(
        guesses(
            "\"[Perubahan ini memang dibutuhkan oleh unit kerja saya.]\",\
             \"2. with this change, I can get my work done more quickly\",\
             \"Seberapa setuju Anda? [Saya khawatir perubahan ini hanya menambah urusan administrasi tanpa hasil yang jelas.]\",\
             \"What is holding this change back in your work unit? You may choose more than one.\",\
             Hambatan [Beban kerja],\
             Training or coaching,\
             \"4) Apa saran Anda agar perubahan ini berjalan lebih baik di unit kerja Anda? Mohon tidak menuliskan nama orang.\",\
             Perubahan ini memang dibutuhkan oleh unit kerja saya"
        ),
        vec![
            guessed(
                "[Perubahan ini memang dibutuhkan oleh unit kerja saya.]",
                Some("kesesuaian-1")
            ),
            guessed(
                "2. with this change, I can get my work done more quickly",
                Some("manfaat-pribadi-1")
            ),
            guessed(
                "Seberapa setuju Anda? [Saya khawatir perubahan ini hanya menambah urusan administrasi tanpa hasil yang jelas.]",
                Some("kesesuaian-4")
            ),
            guessed(
                "What is holding this change back in your work unit? You may choose more than one.",
                Some("barriers")
            ),
            guessed("Hambatan [Beban kerja]", Some("barrier:beban_kerja")),
            guessed("Training or coaching", Some("barrier:pelatihan")),
            guessed(
                "4) Apa saran Anda agar perubahan ini berjalan lebih baik di unit kerja Anda? Mohon tidak menuliskan nama orang.",
                Some("comment:saran")
            ),
            // kesesuaian-1 is already taken by the first column.
            guessed("Perubahan ini memang dibutuhkan oleh unit kerja saya", None),
        ]
    );
}

#[test]
fn a_confident_guess_wins_over_an_earlier_loose_one() {
    assert_eq!(
        guesses("Perubahan ini memang dibutuhkan oleh unit kerja saya.,Kesesuaian-1,kesesuaian-1"),
        vec![
            guessed(
                "Perubahan ini memang dibutuhkan oleh unit kerja saya.",
                None
            ),
            guessed("Kesesuaian-1", None),
            guessed("kesesuaian-1", Some("kesesuaian-1")),
        ]
    );
}

#[test]
fn guessing_refuses_files_the_import_would_refuse() {
    let problems = |input: &[u8]| {
        guess_mapping(input, &instrument())
            .unwrap_err()
            .problems
            .into_iter()
            .map(|p| (p.line, p.kind))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        problems(b"\n;;\n"),
        vec![(1, ResponseProblemKind::EmptyFile)]
    );
    assert_eq!(
        problems(b"\"unit,kesesuaian-1\n"),
        vec![(1, ResponseProblemKind::UnterminatedQuote)]
    );
    assert_eq!(
        problems(b"unit_code\nDKI\ncaf\xE9\n"),
        vec![(3, ResponseProblemKind::NotUtf8)]
    );
}
