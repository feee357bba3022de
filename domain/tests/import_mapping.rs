//! Responses exported by other tools, imported through a column mapping: a Google Forms
//! export (question texts as headers, answers as labels, a multi-select barriers column) and
//! a LimeSurvey export (question codes as headers, answers as numbers).
#![allow(clippy::unwrap_used)]

use domain::instrument::{default_instrument, BarrierCode, Instrument};
use domain::responses::{
    guess_mapping, read_responses_mapped, ColumnMapping, HeaderGuess, MappingProblemKind,
    ResponseProblemKind,
};
use domain::units::{Headcount, Locale, Unit, UnitCode, UnitKind, UnitName};
use proptest::prelude::*;

/// The default survey cut to `kesesuaian-1`, `manfaat-pribadi-1` (optional) and
/// `kesesuaian-4` (reverse-keyed), with its barriers checklist and the comment `saran`.
fn instrument() -> Instrument {
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

fn units() -> Vec<Unit> {
    ["DKI", "DKI.BKD"]
        .into_iter()
        .map(|code| Unit {
            code: UnitCode::parse(code).unwrap(),
            name: UnitName::parse(code).unwrap(),
            kind: UnitKind::Lainnya,
            parent: None,
            headcount: Headcount::new(10).unwrap(),
        })
        .collect()
}

fn guessed(header: &str, column: Option<&str>) -> HeaderGuess {
    HeaderGuess {
        header: header.to_owned(),
        column: column.map(str::to_owned),
    }
}

const GRID: &str = "Seberapa setuju Anda dengan pernyataan berikut?";
const BARRIERS: &str =
    "Apa saja yang menghambat perubahan ini di unit kerja Anda? Boleh pilih lebih dari satu.";
const SARAN: &str = "Apa saran Anda agar perubahan ini berjalan lebih baik di unit kerja Anda? Mohon tidak menuliskan nama orang.";

/// Google Forms' CSV: every field quoted, a timestamp first, the e-mail when collected, a
/// grid question as `Question [row]`, a checkbox question as one column of labels.
fn google_forms(rows: &[&str]) -> String {
    let header = [
        "Timestamp".to_owned(),
        "Email Address".to_owned(),
        "Kode unit kerja".to_owned(),
        format!("{GRID} [Perubahan ini memang dibutuhkan oleh unit kerja saya.]"),
        format!("{GRID} [Dengan perubahan ini, saya dapat menyelesaikan pekerjaan dengan lebih cepat.]"),
        format!("{GRID} [Saya khawatir perubahan ini hanya menambah urusan administrasi tanpa hasil yang jelas.]"),
        BARRIERS.to_owned(),
        SARAN.to_owned(),
    ];
    let quoted: Vec<String> = header.iter().map(|h| format!("\"{h}\"")).collect();
    let mut text = quoted.join(",");
    for row in rows {
        text.push_str("\r\n");
        text.push_str(row);
    }
    text.push_str("\r\n");
    text
}

const GOOD_ROWS: [&str; 2] = [
    "\"2024/05/13 9:41:07 AM GMT+7\",\"a@example.go.id\",\"DKI.BKD\",\"Setuju\",\"Sangat setuju\",\
     \"Tidak Setuju\",\"Anggaran, Aplikasi, jaringan atau perangkat TI\",\"Pelatihan aplikasi, tolong diperbanyak.\"",
    "\"2024/05/13 10:02:44 AM GMT+7\",\"b@example.go.id\",\"DKI\",\"Strongly agree\",\"\",\"Neutral\",\"\",\"\"",
];

fn mapping_of(text: &str) -> ColumnMapping {
    let guesses = guess_mapping(text.as_bytes(), &instrument()).unwrap();
    ColumnMapping::from_guesses(guesses, &instrument()).unwrap()
}

#[test]
fn google_forms_headers_are_guessed() {
    let guesses = guess_mapping(google_forms(&GOOD_ROWS).as_bytes(), &instrument()).unwrap();
    let items = ["kesesuaian-1", "manfaat-pribadi-1", "kesesuaian-4"];
    let columns: Vec<Option<&str>> = guesses.iter().map(|g| g.column.as_deref()).collect();
    assert_eq!(
        columns,
        vec![
            None,
            None,
            Some("unit_code"),
            Some(items[0]),
            Some(items[1]),
            Some(items[2]),
            Some("barriers"),
            Some("comment:saran"),
        ]
    );
    assert_eq!(guesses[0], guessed("Timestamp", None));
    assert_eq!(guesses[6], guessed(BARRIERS, Some("barriers")));
}

#[test]
fn a_google_forms_export_imports() {
    let text = google_forms(&GOOD_ROWS);
    let instrument = instrument();
    let rows =
        read_responses_mapped(text.as_bytes(), &instrument, &units(), &mapping_of(&text)).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].unit.as_str(), "DKI.BKD");
    assert_eq!(
        rows[0].item_values(&instrument),
        vec![Some(4), Some(5), Some(2)]
    );
    assert_eq!(rows[0].answers.scored("kesesuaian-4"), Some(4));
    assert_eq!(
        rows[0].answers.barriers(),
        &[BarrierCode::Anggaran, BarrierCode::Ti]
    );
    assert_eq!(
        rows[0].answers.comments().get("saran").map(String::as_str),
        Some("Pelatihan aplikasi, tolong diperbanyak.")
    );
    assert_eq!(
        rows[1].item_values(&instrument),
        vec![Some(5), None, Some(3)]
    );
    assert!(rows[1].answers.barriers().is_empty());
}

#[test]
fn a_bad_label_is_reported_on_its_line_with_the_files_header() {
    let bad = "\"2024/05/14 8:00:00 AM GMT+7\",\"\",\"DKI\",\"Setuju\",\"Agak setuju\",\"Setuju\",\
               \"Anggaran, Parkir sempit\",\"\"";
    let text = google_forms(&[GOOD_ROWS[0], GOOD_ROWS[1], bad]);
    let report =
        read_responses_mapped(text.as_bytes(), &instrument(), &units(), &mapping_of(&text))
            .unwrap_err();
    assert_eq!(report.problems.len(), 2, "{:#?}", report.problems);
    let item_header = format!(
        "{GRID} [Dengan perubahan ini, saya dapat menyelesaikan pekerjaan dengan lebih cepat.]"
    );
    assert_eq!(report.problems[0].line, 4);
    assert_eq!(
        report.problems[0].column.as_deref(),
        Some(item_header.as_str())
    );
    assert!(matches!(
        &report.problems[0].kind,
        ResponseProblemKind::UnknownScaleLabel { value, .. } if value == "Agak setuju"
    ));
    assert_eq!(
        report.problems[0].message(Locale::En),
        format!(
            "Line 4, column {item_header}: \"Agak setuju\" is not a scale answer; write a \
             number 1-5 or one of: \"Strongly disagree\", \"Disagree\", \"Neutral\", \"Agree\", \
             \"Strongly agree\""
        )
    );
    assert_eq!(report.problems[1].line, 4);
    assert_eq!(report.problems[1].column.as_deref(), Some(BARRIERS));
    assert!(report.problems[1]
        .message(Locale::Id)
        .contains("\"Parkir sempit\" bukan hambatan dalam survei ini; pilihannya: \"Anggaran\""));
}

/// LimeSurvey's export with question codes as headers and answer codes as values: its
/// codes allow no `-` or `_`, and a multiple-choice question has one `code[subcode]` column
/// per option.
const LIMESURVEY: &str = "id,submitdate,lastpage,startlanguage,seed,unitcode,kesesuaian1,\
manfaatpribadi1,kesesuaian4,barrier[anggaran],barrier[ti],barrier[lainnya],lainnyatext,saran\n\
1,2024-05-13 09:41:07,3,id,123456,DKI.BKD,4,5,2,1,0,1,Parkir sempit,\n\
2,2024-05-13 10:02:44,3,id,654321,DKI,5,,3,0,0,0,,\"Baik, lanjutkan\"\n";

#[test]
fn a_limesurvey_export_with_codes_imports_once_the_guess_is_completed() {
    let instrument = instrument();
    let guesses = guess_mapping(LIMESURVEY.as_bytes(), &instrument).unwrap();
    let columns: Vec<(&str, Option<&str>)> = guesses
        .iter()
        .map(|g| (g.header.as_str(), g.column.as_deref()))
        .collect();
    assert_eq!(
        columns,
        vec![
            ("id", None),
            ("submitdate", None),
            ("lastpage", None),
            ("startlanguage", None),
            ("seed", None),
            ("unitcode", Some("unit_code")),
            ("kesesuaian1", Some("kesesuaian-1")),
            ("manfaatpribadi1", Some("manfaat-pribadi-1")),
            ("kesesuaian4", Some("kesesuaian-4")),
            ("barrier[anggaran]", Some("barrier:anggaran")),
            ("barrier[ti]", Some("barrier:ti")),
            ("barrier[lainnya]", Some("barrier:lainnya")),
            ("lainnyatext", None),
            ("saran", Some("comment:saran")),
        ]
    );
    // The user maps what was not guessed, as a UI would send it back.
    let mut pairs: Vec<(String, Option<String>)> =
        guesses.into_iter().map(|g| (g.header, g.column)).collect();
    pairs[12].1 = Some("barrier:lainnya_text".to_owned());
    let mapping = ColumnMapping::new(pairs, &instrument).unwrap();
    let rows =
        read_responses_mapped(LIMESURVEY.as_bytes(), &instrument, &units(), &mapping).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].answers.barriers(),
        &[BarrierCode::Anggaran, BarrierCode::Lainnya]
    );
    assert_eq!(rows[0].answers.barrier_other(), Some("Parkir sempit"));
    assert_eq!(
        rows[1].item_values(&instrument),
        vec![Some(5), None, Some(3)]
    );
}

#[test]
fn a_mapping_without_the_unit_column_is_refused() {
    let error = ColumnMapping::new(
        vec![
            ("Timestamp", None),
            ("Kode unit kerja", None),
            ("P1", Some("kesesuaian-1")),
            ("P2", Some("manfaat-pribadi-1")),
            ("P3", Some("kesesuaian-4")),
        ],
        &instrument(),
    )
    .unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].header, None);
    assert_eq!(
        error.problems[0].kind,
        MappingProblemKind::NotMapped {
            column: "unit_code".into()
        }
    );
    assert_eq!(
        error.problems[0].message(Locale::Id),
        "tidak ada kolom berkas yang dipetakan ke unit_code"
    );
}

#[test]
fn two_columns_mapped_to_one_are_refused() {
    let error = ColumnMapping::new(
        vec![
            ("Unit", Some("unit_code")),
            ("Kode unit", Some("unit_code")),
            ("P1", Some("kesesuaian-1")),
            ("P2", Some("manfaat-pribadi-1")),
            ("P3", Some("kesesuaian-4")),
            ("Hambatan", Some("barriers")),
            ("Hambatan lagi", Some("barriers")),
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
                Some("Kode unit"),
                MappingProblemKind::MappedTwice {
                    column: "unit_code".into()
                }
            ),
            (
                Some("Hambatan lagi"),
                MappingProblemKind::MappedTwice {
                    column: "barriers".into()
                }
            ),
        ]
    );
    assert_eq!(
        error.problems[1].message(Locale::En),
        "Column Hambatan lagi: column barriers is already mapped from another column"
    );
}

/// Reads `text` with the mapping guessed from it, when one can be made, checking the shape
/// of the answer; never panics.
fn guess_and_read(text: &str) {
    let instrument = instrument();
    let Ok(guesses) = guess_mapping(text.as_bytes(), &instrument) else {
        return;
    };
    assert!(guesses.iter().all(|g| g.header == g.header.trim()));
    let Ok(mapping) = ColumnMapping::from_guesses(guesses, &instrument) else {
        return;
    };
    if let Err(report) = read_responses_mapped(text.as_bytes(), &instrument, &units(), &mapping) {
        assert!(!report.problems.is_empty());
        assert!(report.problems.windows(2).all(|w| w[0].line <= w[1].line));
        for problem in &report.problems {
            assert!(!problem.message(Locale::Id).is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Headers and cells of any text, including letters whose lowercase is longer in bytes
    /// (İ) and the brackets, numbers and separators the guesses and label cells look at.
    #[test]
    fn any_text_never_panics(body in "[A-Za-z0-9İıßé\\[\\]/.,;:()* \"\r\n-]{0,300}") {
        guess_and_read(&body);
    }

    #[test]
    fn any_cells_under_a_google_forms_header_never_panic(
        cells in prop::collection::vec("[A-Za-zİé0-9,; .-]{0,40}", 8),
    ) {
        let row: Vec<String> = cells.iter().map(|cell| format!("\"{cell}\"")).collect();
        guess_and_read(&google_forms(&[&row.join(",")]));
    }
}
