//! The built-in library and default survey, and composing surveys from the library.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use domain::instrument::{
    default_instrument, default_instrument_toml, library, limits, Answers, BarrierCode, Construct,
    ConstructFamily, CustomItems, DimensionDraft, Instrument, InstrumentError, ItemDraft, Scale,
    SectionDraft, SurveyMeta, TextDraft,
};

/// Guards against editing the default survey in place. If this fails because default.toml was
/// edited on purpose: raise its `version` (waves that used version 1 keep their wording in the
/// database) and put the new hash here.
const DEFAULT_CONTENT_HASH: &str =
    "310776e6f0b3651a5fa618d2e8e632fed6bcf1b8ea17abe6d1313a5fc91fbbc7";

fn items_per_dimension(instrument: &Instrument) -> BTreeMap<Construct, usize> {
    let mut counts = BTreeMap::new();
    for item in instrument.items() {
        let construct = instrument
            .dimension(item.dimension().as_str())
            .unwrap()
            .construct();
        *counts.entry(construct).or_default() += 1;
    }
    counts
}

#[test]
fn the_default_survey_parses_and_has_30_to_40_items() {
    let survey = default_instrument();
    assert_eq!(survey.id().as_str(), "kesiapan-perubahan");
    assert_eq!(survey.version().get(), 1);
    assert!(
        (30..=40).contains(&survey.item_count()),
        "{}",
        survey.item_count()
    );
    assert_eq!(
        Instrument::from_toml(default_instrument_toml()).unwrap(),
        survey
    );
}

#[test]
fn the_default_survey_uses_the_5_point_agreement_scale() {
    assert_eq!(default_instrument().scale(), &Scale::agreement_5());
}

#[test]
fn the_default_survey_covers_every_construct() {
    let counts = items_per_dimension(&default_instrument());
    for construct in Construct::ALL {
        if construct == Construct::Custom {
            assert!(!counts.contains_key(&construct));
        } else {
            assert!(counts.contains_key(&construct), "{construct} missing");
        }
    }
    for (construct, count) in counts {
        let allowed = match construct.family() {
            // One or two items per stage: enough to find the first barrier point.
            ConstructFamily::Adoption => 1..=2,
            ConstructFamily::Resistance => 2..=3,
            _ => 3..=4,
        };
        assert!(allowed.contains(&count), "{construct}: {count}");
    }
}

#[test]
fn the_default_survey_has_phone_sized_sections() {
    let survey = default_instrument();
    for section in survey.sections() {
        assert!((5..=8).contains(&section.items().len()), "{}", section.id());
    }
}

#[test]
fn the_default_survey_asks_the_barriers_checklist_and_a_comment() {
    let survey = default_instrument();
    assert_eq!(survey.barriers().unwrap().codes(), BarrierCode::ALL);
    assert!(survey.barriers().unwrap().allows_other_text());
    assert!((1..=2).contains(&survey.comments().len()));
    assert!(survey.comments().iter().all(|comment| !comment.required()));
}

#[test]
fn the_default_survey_has_not_been_edited_in_place() {
    assert_eq!(default_instrument().content_hash(), DEFAULT_CONTENT_HASH);
}

#[test]
fn default_items_are_library_items_verbatim() {
    let survey = default_instrument();
    for item in survey.items() {
        let original = library().item(item.id().as_str()).unwrap();
        assert_eq!(item, original, "{}", item.id());
        let construct = |instrument: &Instrument| {
            instrument
                .dimension(item.dimension().as_str())
                .unwrap()
                .construct()
        };
        assert_eq!(construct(&survey), construct(library()));
    }
    assert_eq!(survey.dimensions(), library().dimensions());
    assert_eq!(survey.barriers(), library().barriers());
}

#[test]
fn the_library_has_55_to_70_items_and_3_or_more_per_dimension() {
    let lib = library();
    assert!(
        (55..=70).contains(&lib.item_count()),
        "{}",
        lib.item_count()
    );
    let counts = items_per_dimension(lib);
    assert_eq!(
        counts.len(),
        Construct::ALL.len() - 1,
        "every construct but custom"
    );
    assert!(counts.values().all(|&count| count >= 3), "{counts:?}");
    assert!((1..=2).contains(&lib.comments().len()));
}

#[test]
fn every_library_dimension_mixes_keying_and_resistance_leans_reversed() {
    let lib = library();
    for dimension in lib.dimensions() {
        let items: Vec<_> = lib.items_of(dimension.id().as_str()).collect();
        let reversed = items.iter().filter(|item| item.reverse_keyed()).count();
        assert!(
            reversed >= 1,
            "{} has no reverse-keyed item",
            dimension.id()
        );
        assert!(
            reversed < items.len(),
            "{} has only reverse-keyed items",
            dimension.id()
        );
        assert!(dimension.higher_is_more_ready());
        if dimension.construct().is_resistance() {
            // Resistance facets are mostly worded as resistance, hence reverse-keyed.
            assert!(2 * reversed >= items.len(), "{}", dimension.id());
        }
    }
}

#[test]
fn every_built_in_text_has_both_languages_within_limits() {
    for instrument in [library(), &default_instrument()] {
        for item in instrument.items() {
            for text in [item.text().id(), item.text().en()] {
                assert!(!text.trim().is_empty(), "{}", item.id());
                assert!(
                    text.chars().count() <= limits::ITEM_TEXT_MAX,
                    "{}",
                    item.id()
                );
                // Short enough to read on a phone without scrolling.
                assert!(text.chars().count() <= 130, "{}: {text}", item.id());
            }
        }
    }
}

#[test]
fn built_in_texts_use_no_trademarked_or_published_scale_names() {
    let forbidden = ["adkar", "oric", "rtc", "prosci", "holt", "oreg"];
    let toml = [default_instrument_toml(), &library().to_toml()].concat();
    for word in toml
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
    {
        assert!(!forbidden.contains(&word), "{word}");
    }
}

#[test]
fn the_default_survey_accepts_a_complete_submission() {
    let survey = default_instrument();
    let mut answers = Answers::default();
    for item in survey.items() {
        answers.items.insert(item.id().to_string(), Some(4));
    }
    answers.barriers = vec!["beban_kerja".to_owned(), "lainnya".to_owned()];
    answers.barrier_other = Some("Jaringan internet di kelurahan sering putus.".to_owned());
    answers
        .comments
        .insert("saran".to_owned(), "Perbanyak pendampingan.".to_owned());
    let valid = survey.validate_answers(&answers).unwrap();
    assert_eq!(valid.items().len(), survey.item_count());
    // rutinitas-2 is resistance-worded: agreeing (4) scores as low openness (2).
    assert_eq!(valid.scored("rutinitas-2"), Some(2));
    assert_eq!(valid.scored("rutinitas-3"), Some(4));
}

fn meta() -> SurveyMeta {
    SurveyMeta::new(
        "survei-layanan-digital",
        TextDraft::new("Survei Layanan Digital", "Digital Services Survey"),
        TextDraft::new(
            "Pandangan Anda tentang layanan digital yang baru.",
            "Your views on the new digital services.",
        ),
    )
}

fn custom() -> CustomItems {
    CustomItems {
        dimensions: vec![DimensionDraft {
            id: "aplikasi".to_owned(),
            construct: "custom".to_owned(),
            name: TextDraft::new("Kemudahan aplikasi", "Ease of the application"),
            higher_is_more_ready: true,
        }],
        sections: vec![SectionDraft {
            id: "aplikasi-baru".to_owned(),
            title: TextDraft::new("Aplikasi baru", "The new application"),
        }],
        items: vec![
            ItemDraft {
                id: "aplikasi-mudah".to_owned(),
                dimension: "aplikasi".to_owned(),
                section: "aplikasi-baru".to_owned(),
                text: TextDraft::new(
                    "Aplikasi layanan yang baru mudah saya gunakan.",
                    "The new service application is easy for me to use.",
                ),
                reverse_keyed: false,
                required: true,
            },
            // A custom item may also measure a library dimension.
            ItemDraft {
                id: "aplikasi-dukungan".to_owned(),
                dimension: "dukungan-pimpinan".to_owned(),
                section: "aplikasi-baru".to_owned(),
                text: TextDraft::new(
                    "Pimpinan mendorong kami memakai aplikasi yang baru.",
                    "Leaders encourage us to use the new application.",
                ),
                reverse_keyed: false,
                required: true,
            },
        ],
    }
}

#[test]
fn a_survey_composes_from_library_and_custom_items() {
    let ids = ["komitmen-1", "kesesuaian-2", "komitmen-4", "sadar-1"];
    let survey = Instrument::compose(meta(), &Scale::agreement_5(), &ids, custom()).unwrap();
    let order: Vec<&str> = survey.items().map(|item| item.id().as_str()).collect();
    assert_eq!(
        order,
        [
            "kesesuaian-2",
            "komitmen-1",
            "komitmen-4",
            "sadar-1",
            "aplikasi-mudah",
            "aplikasi-dukungan"
        ]
    );
    let sections: Vec<&str> = survey
        .sections()
        .iter()
        .map(|section| section.id().as_str())
        .collect();
    assert_eq!(
        sections,
        [
            "kesesuaian-manfaat",
            "komitmen-unit",
            "tahapan-awal",
            "aplikasi-baru"
        ]
    );
    let dimensions: Vec<&str> = survey
        .dimensions()
        .iter()
        .map(|d| d.id().as_str())
        .collect();
    assert_eq!(
        dimensions,
        [
            "kesesuaian",
            "dukungan-pimpinan",
            "komitmen",
            "sadar",
            "aplikasi"
        ]
    );
    assert_eq!(survey.item("komitmen-4"), library().item("komitmen-4"));
    assert_eq!(survey.barriers(), library().barriers());
    assert_eq!(survey.comments(), library().comments());
    // Composed surveys travel like any other: they survive the file round trip.
    assert_eq!(Instrument::from_toml(&survey.to_toml()).unwrap(), survey);
}

#[test]
fn composing_with_an_unknown_library_item_fails() {
    let error = Instrument::compose(
        meta(),
        &Scale::agreement_5(),
        &["komitmen-99"],
        CustomItems::default(),
    )
    .unwrap_err();
    assert_eq!(
        error,
        InstrumentError::UnknownLibraryItem {
            id: "komitmen-99".to_owned()
        }
    );
    assert!(error.message_id().contains("komitmen-99"));
}

#[test]
fn composing_validates_like_a_file() {
    let mut broken = custom();
    broken.items[0].text.en = None;
    let error =
        Instrument::compose(meta(), &Scale::agreement_5(), &["komitmen-1"], broken).unwrap_err();
    assert!(
        matches!(error, InstrumentError::MissingTranslation { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("items[\"aplikasi-mudah\"].text"));

    let repeated = Instrument::compose(
        meta(),
        &Scale::agreement_5(),
        &["komitmen-1", "komitmen-1"],
        CustomItems::default(),
    )
    .unwrap_err();
    assert!(
        matches!(repeated, InstrumentError::DuplicateId { .. }),
        "{repeated:?}"
    );

    // A custom dimension may not quietly take over a library dimension in use.
    let mut clash = custom();
    clash.dimensions[0].id = "komitmen".to_owned();
    clash.items[0].dimension = "komitmen".to_owned();
    let error =
        Instrument::compose(meta(), &Scale::agreement_5(), &["komitmen-1"], clash).unwrap_err();
    assert!(
        matches!(error, InstrumentError::DuplicateId { .. }),
        "{error:?}"
    );
}

#[test]
fn composing_on_a_different_scale_keeps_library_keying() {
    let labels = ["1", "2", "3", "4", "5", "6"]
        .iter()
        .map(|label| {
            domain::instrument::Bilingual::new(Some(label), Some(label), "label", 40).unwrap()
        })
        .collect();
    let six = Scale::new(labels).unwrap();
    let survey = Instrument::compose(
        meta(),
        &six,
        &["rutinitas-1", "rutinitas-3"],
        CustomItems::default(),
    )
    .unwrap();
    assert_eq!(survey.scored("rutinitas-1", 6), Some(1));
    assert_eq!(survey.scored("rutinitas-3", 6), Some(6));
}
