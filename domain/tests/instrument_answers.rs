//! Validating submissions against an instrument, and reverse scoring.

#![allow(clippy::unwrap_used)]

use domain::instrument::{
    AnswerProblem, AnswerProblemKind, Answers, BarrierCode, Bilingual, Instrument, Scale,
    BARRIER_OTHER_TARGET,
};
use domain::units::Locale;

/// The complete example of `docs/instrument-format.md`: items `sop-dibutuhkan`,
/// `sop-menambah-urusan` (reverse-keyed), `antrean-panjang` (optional), `prosedur-lama`
/// (reverse-keyed), `coba-cara-baru`; barriers anggaran, ti, pelatihan, lainnya (150 chars);
/// comment `saran` (500 chars).
fn example() -> Instrument {
    let doc = include_str!("../../docs/instrument-format.md");
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    Instrument::from_toml(&doc[start..end]).unwrap()
}

fn complete() -> Answers {
    let mut answers = Answers::default();
    for (item, value) in [
        ("sop-dibutuhkan", 4),
        ("sop-menambah-urusan", 2),
        ("antrean-panjang", 5),
        ("prosedur-lama", 1),
        ("coba-cara-baru", 5),
    ] {
        answers.items.insert(item.to_owned(), Some(value));
    }
    answers
}

fn problems(answers: &Answers) -> Vec<AnswerProblem> {
    example().validate_answers(answers).unwrap_err()
}

fn only_problem(answers: &Answers) -> AnswerProblem {
    let mut problems = problems(answers);
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.remove(0)
}

#[test]
fn a_complete_submission_is_valid_and_scored() {
    let valid = example().validate_answers(&complete()).unwrap();
    assert_eq!(valid.instrument().as_str(), "contoh-sop-layanan");
    assert_eq!(valid.version().get(), 1);
    assert_eq!(valid.raw("sop-dibutuhkan"), Some(4));
    assert_eq!(valid.scored("sop-dibutuhkan"), Some(4));
    assert_eq!(valid.raw("sop-menambah-urusan"), Some(2));
    assert_eq!(valid.scored("sop-menambah-urusan"), Some(4));
    assert_eq!(valid.scored("prosedur-lama"), Some(5));
    assert_eq!(valid.items().len(), 5);
    assert!(valid.barriers().is_empty());
    assert_eq!(valid.barrier_other(), None);
    assert!(valid.comments().is_empty());
}

#[test]
fn an_optional_item_may_be_skipped() {
    let mut answers = complete();
    answers.items.insert("antrean-panjang".to_owned(), None);
    let valid = example().validate_answers(&answers).unwrap();
    assert_eq!(valid.raw("antrean-panjang"), None);
    answers.items.remove("antrean-panjang");
    assert!(example().validate_answers(&answers).is_ok());
}

#[test]
fn a_required_item_missing_is_a_problem_in_both_languages() {
    let mut answers = complete();
    answers.items.remove("prosedur-lama");
    let problem = only_problem(&answers);
    assert_eq!(problem.target(), "prosedur-lama");
    assert_eq!(problem.kind(), AnswerProblemKind::RequiredItemMissing);
    // Respondents see numbered statements: prosedur-lama is the fourth.
    assert_eq!(
        problem.message_in(Locale::Id),
        "Pernyataan nomor 4 wajib dijawab."
    );
    assert_eq!(
        problem.message_in(Locale::En),
        "Statement 4 must be answered."
    );
}

#[test]
fn a_null_answer_to_a_required_item_is_missing() {
    let mut answers = complete();
    answers.items.insert("sop-dibutuhkan".to_owned(), None);
    assert_eq!(
        only_problem(&answers).kind(),
        AnswerProblemKind::RequiredItemMissing
    );
}

#[test]
fn values_outside_the_scale_are_problems() {
    for value in [0, 6, 255] {
        let mut answers = complete();
        answers
            .items
            .insert("coba-cara-baru".to_owned(), Some(value));
        let problem = only_problem(&answers);
        assert_eq!(problem.target(), "coba-cara-baru");
        assert_eq!(
            problem.kind(),
            AnswerProblemKind::OutOfScale {
                value,
                min: 1,
                max: 5
            }
        );
        assert!(problem.message().id().contains("1-5"));
        assert!(problem.message().en().contains("1-5"));
    }
}

#[test]
fn an_unknown_item_is_a_problem() {
    let mut answers = complete();
    answers.items.insert("tidak-ada".to_owned(), Some(3));
    let problem = only_problem(&answers);
    assert_eq!(problem.target(), "tidak-ada");
    assert_eq!(problem.kind(), AnswerProblemKind::UnknownItem);
    assert!(problem.message().en().contains("tidak-ada"));
}

#[test]
fn barriers_not_offered_are_problems() {
    for code in ["sdm", "bukan-kode"] {
        let mut answers = complete();
        answers.barriers = vec!["ti".to_owned(), code.to_owned()];
        let problem = only_problem(&answers);
        assert_eq!(problem.target(), code);
        assert_eq!(problem.kind(), AnswerProblemKind::UnknownBarrier);
    }
}

#[test]
fn barriers_are_kept_once_in_checklist_order() {
    let mut answers = complete();
    answers.barriers = ["pelatihan", "anggaran", "pelatihan"]
        .map(str::to_owned)
        .to_vec();
    let valid = example().validate_answers(&answers).unwrap();
    assert_eq!(
        valid.barriers(),
        [BarrierCode::Anggaran, BarrierCode::Pelatihan]
    );
}

#[test]
fn the_other_text_needs_lainnya_ticked() {
    let mut answers = complete();
    answers.barrier_other = Some("Jaringan sering putus".to_owned());
    let problem = only_problem(&answers);
    assert_eq!(problem.target(), BARRIER_OTHER_TARGET);
    assert_eq!(problem.kind(), AnswerProblemKind::OtherTextWithoutOther);

    answers.barriers = vec!["lainnya".to_owned()];
    let valid = example().validate_answers(&answers).unwrap();
    assert_eq!(valid.barrier_other(), Some("Jaringan sering putus"));
}

#[test]
fn the_other_text_is_trimmed_and_limited() {
    let mut answers = complete();
    answers.barriers = vec!["lainnya".to_owned()];
    answers.barrier_other = Some("   ".to_owned());
    let valid = example().validate_answers(&answers).unwrap();
    assert_eq!(valid.barrier_other(), None);

    answers.barrier_other = Some("x".repeat(151));
    let problem = only_problem(&answers);
    assert_eq!(
        problem.kind(),
        AnswerProblemKind::TextTooLong {
            length: 151,
            max: 150
        }
    );
    answers.barrier_other = Some(format!("  {}  ", "é".repeat(150)));
    assert!(example().validate_answers(&answers).is_ok());
}

#[test]
fn comments_are_trimmed_limited_and_known() {
    let mut answers = complete();
    answers
        .comments
        .insert("saran".to_owned(), "  Perbanyak pelatihan.  ".to_owned());
    let valid = example().validate_answers(&answers).unwrap();
    assert_eq!(
        valid.comments().get("saran").map(String::as_str),
        Some("Perbanyak pelatihan.")
    );

    answers.comments.insert("saran".to_owned(), "a".repeat(501));
    let problem = only_problem(&answers);
    assert_eq!(problem.target(), "saran");
    assert_eq!(
        problem.kind(),
        AnswerProblemKind::TextTooLong {
            length: 501,
            max: 500
        }
    );
    assert_eq!(
        problem.message_in(Locale::En),
        "Open question 1 has 501 characters; at most 500 are allowed."
    );

    answers.comments.clear();
    answers
        .comments
        .insert("pesan".to_owned(), "Halo".to_owned());
    let problem = only_problem(&answers);
    assert_eq!(problem.kind(), AnswerProblemKind::UnknownComment);
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut answers = Answers::default();
    answers.items.insert("coba-cara-baru".to_owned(), Some(9));
    answers.items.insert("tidak-ada".to_owned(), Some(3));
    answers.barriers = vec!["regulasi".to_owned()];
    answers.barrier_other = Some("lain".to_owned());
    answers.comments.insert("saran".to_owned(), "a".repeat(600));
    let kinds: Vec<AnswerProblemKind> =
        problems(&answers).iter().map(AnswerProblem::kind).collect();
    assert_eq!(
        kinds,
        [
            AnswerProblemKind::RequiredItemMissing,
            AnswerProblemKind::RequiredItemMissing,
            AnswerProblemKind::RequiredItemMissing,
            AnswerProblemKind::OutOfScale {
                value: 9,
                min: 1,
                max: 5
            },
            AnswerProblemKind::UnknownItem,
            AnswerProblemKind::UnknownBarrier,
            AnswerProblemKind::OtherTextWithoutOther,
            AnswerProblemKind::TextTooLong {
                length: 600,
                max: 500
            },
        ]
    );
}

#[test]
fn answers_arrive_as_json_from_the_form() {
    let json = r#"{
        "items": {"sop-dibutuhkan": 5, "sop-menambah-urusan": 1, "antrean-panjang": null,
                  "prosedur-lama": 3, "coba-cara-baru": 4},
        "barriers": ["ti", "lainnya"],
        "barrier_other": "Server lambat",
        "comments": {"saran": "Tambah pelatihan aplikasi."}
    }"#;
    let answers: Answers = serde_json::from_str(json).unwrap();
    let valid = example().validate_answers(&answers).unwrap();
    assert_eq!(valid.scored("sop-menambah-urusan"), Some(5));
    assert_eq!(valid.barriers(), [BarrierCode::Ti, BarrierCode::Lainnya]);
    let out = serde_json::to_value(&valid).unwrap();
    assert_eq!(out["items"]["sop-menambah-urusan"]["scored"], 5);

    // A partial payload still deserializes; validation then reports what is missing.
    let partial: Answers = serde_json::from_str(r#"{"items": {}}"#).unwrap();
    assert_eq!(problems(&partial).len(), 4);
}

#[test]
fn reverse_keying_mirrors_the_scale() {
    let instrument = example();
    for raw in 1..=5 {
        assert_eq!(instrument.scored("prosedur-lama", raw), Some(6 - raw));
        assert_eq!(instrument.scored("coba-cara-baru", raw), Some(raw));
    }
    assert_eq!(instrument.scored("prosedur-lama", 0), None);
    assert_eq!(instrument.scored("prosedur-lama", 6), None);
    assert_eq!(instrument.scored("tidak-ada", 3), None);
}

#[test]
fn reverse_keying_works_on_every_allowed_scale_length() {
    for points in 4..=7u8 {
        let labels = (1..=points)
            .map(|point| {
                Bilingual::new(
                    Some(&point.to_string()),
                    Some(&point.to_string()),
                    "label",
                    40,
                )
                .unwrap()
            })
            .collect();
        let scale = Scale::new(labels).unwrap();
        assert_eq!((scale.min(), scale.max()), (1, points));
        for raw in 1..=points {
            assert_eq!(scale.reverse(raw), Some(1 + points - raw));
            assert_eq!(scale.reverse(scale.reverse(raw).unwrap()), Some(raw));
        }
        assert_eq!(scale.reverse(points + 1), None);
        assert!(scale.is_favourable(points) && scale.is_favourable(points - 1));
        assert!(!scale.is_favourable(points - 2));
    }
}

#[test]
fn scales_outside_4_to_7_points_cannot_be_built() {
    let label = || Bilingual::new(Some("x"), Some("x"), "label", 40).unwrap();
    assert!(Scale::new(vec![label(); 3]).is_err());
    assert!(Scale::new(vec![label(); 8]).is_err());
    let five = Scale::agreement_5();
    assert_eq!(five.label(1).unwrap().id(), "Sangat Tidak Setuju");
    assert_eq!(five.label(5).unwrap().en(), "Strongly agree");
    assert_eq!(five.label(0), None);
}
