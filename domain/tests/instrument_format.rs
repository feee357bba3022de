//! The instrument file format: parsing errors (one per kind, each naming its field), the
//! round trip through `to_toml`, the content hash and versioning.

#![allow(clippy::unwrap_used)]

use domain::instrument::{Construct, Instrument, InstrumentError};
use domain::units::Locale;

/// The complete example of `docs/instrument-format.md`, so the documentation stays valid.
fn example() -> String {
    let doc = include_str!("../../docs/instrument-format.md");
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    doc[start..end].to_owned()
}

/// The example with one fragment replaced; panics if the fragment is not there, so a test
/// cannot silently stop exercising its error.
fn edited(from: &str, to: &str) -> String {
    let text = example();
    assert!(text.contains(from), "fragment not in the example: {from}");
    text.replacen(from, to, 1)
}

fn error_of(text: &str) -> InstrumentError {
    Instrument::from_toml(text).unwrap_err()
}

/// The English message names `field`, and an Indonesian message exists and names it too.
fn assert_names(error: &InstrumentError, field: &str) {
    let en = error.message(Locale::En);
    let id = error.message(Locale::Id);
    assert!(en.contains(field), "`{en}` does not name `{field}`");
    assert!(id.contains(field), "`{id}` does not name `{field}`");
    assert_ne!(en, id);
}

#[test]
fn the_documented_example_parses() {
    let instrument = Instrument::from_toml(&example()).unwrap();
    assert_eq!(instrument.id().as_str(), "contoh-sop-layanan");
    assert_eq!(instrument.version().get(), 1);
    assert_eq!(instrument.scale().points(), 5);
    assert_eq!(instrument.sections().len(), 2);
    assert_eq!(instrument.item_count(), 5);
    assert_eq!(
        instrument.dimensions()[1].construct(),
        Construct::ResistanceRoutineSeeking
    );
    assert!(!instrument
        .dimension("antrean")
        .unwrap()
        .higher_is_more_ready());
    assert!(!instrument.item("antrean-panjang").unwrap().required());
    assert!(instrument.item("prosedur-lama").unwrap().reverse_keyed());
    assert_eq!(instrument.barriers().unwrap().other_max_length(), 150);
    assert_eq!(instrument.comments()[0].max_length(), 500);
}

#[test]
fn not_toml_reports_line_and_column() {
    let error = error_of("id = \"a\"\nversion = = 1\n");
    assert!(
        matches!(error, InstrumentError::Syntax { line: Some(2), .. }),
        "{error:?}"
    );
    assert_names(&error, "2");
}

#[test]
fn a_missing_field_is_named() {
    let error = error_of(&edited(
        "reverse_keyed = false\ntext.id = \"SOP layanan",
        "text.id = \"SOP layanan",
    ));
    assert!(matches!(error, InstrumentError::Syntax { .. }), "{error:?}");
    assert_names(&error, "reverse_keyed");
}

#[test]
fn an_unknown_field_is_refused() {
    let error = error_of(&edited(
        "reverse_keyed = true\ntext.id = \"Saya khawatir",
        "reverse_key = true\ntext.id = \"Saya khawatir",
    ));
    assert!(matches!(error, InstrumentError::Syntax { .. }), "{error:?}");
    assert_names(&error, "reverse_key");
}

#[test]
fn an_invalid_id_is_named() {
    let error = error_of(&edited(
        "id = \"coba-cara-baru\"",
        "id = \"Coba Cara Baru\"",
    ));
    assert!(
        matches!(error, InstrumentError::InvalidId { .. }),
        "{error:?}"
    );
    assert_names(&error, "items[4].id");
    assert_names(&error, "Coba Cara Baru");
}

#[test]
fn version_zero_is_refused() {
    let error = error_of(&edited("version = 1", "version = 0"));
    assert_eq!(error, InstrumentError::InvalidVersion { value: 0 });
    assert_names(&error, "version");
}

#[test]
fn a_missing_translation_is_named() {
    let error = error_of(&edited(
        "text.en = \"I enjoy trying new ways of working.\"\n",
        "",
    ));
    assert!(
        matches!(
            error,
            InstrumentError::MissingTranslation {
                language: Locale::En,
                ..
            }
        ),
        "{error:?}"
    );
    assert_names(&error, "items[\"coba-cara-baru\"].text");
}

#[test]
fn a_blank_translation_counts_as_missing() {
    let error = error_of(&edited(
        "title.id = \"Kesiapan Menerapkan SOP Layanan Baru\"",
        "title.id = \"   \"",
    ));
    assert!(
        matches!(
            error,
            InstrumentError::MissingTranslation {
                language: Locale::Id,
                ..
            }
        ),
        "{error:?}"
    );
    assert_names(&error, "title");
}

#[test]
fn an_item_text_over_300_characters_is_refused() {
    let long = "kata ".repeat(61);
    let error = error_of(&edited(
        "Saya senang mencoba cara baru dalam bekerja.",
        &long,
    ));
    assert!(
        matches!(
            error,
            InstrumentError::TextTooLong {
                max: 300,
                length: 304,
                ..
            }
        ),
        "{error:?}"
    );
    assert_names(&error, "items[\"coba-cara-baru\"].text");
}

#[test]
fn a_scale_outside_4_to_7_points_is_refused() {
    let error = error_of(&edited("points = 5", "points = 3"));
    assert_eq!(error, InstrumentError::ScalePoints { points: 3 });
    assert_names(&error, "scale.points");
}

#[test]
fn a_scale_with_the_wrong_number_of_labels_is_refused() {
    let error = error_of(&edited("  { id = \"Netral\", en = \"Neutral\" },\n", ""));
    assert_eq!(
        error,
        InstrumentError::ScaleLabelCount {
            points: 5,
            labels: 4
        }
    );
    assert_names(&error, "scale.labels");
}

#[test]
fn a_scale_label_without_english_is_named() {
    let error = error_of(&edited(
        "{ id = \"Netral\", en = \"Neutral\" }",
        "{ id = \"Netral\" }",
    ));
    assert!(
        matches!(error, InstrumentError::MissingTranslation { .. }),
        "{error:?}"
    );
    assert_names(&error, "scale.labels[2]");
}

#[test]
fn a_duplicate_item_id_is_named() {
    let error = error_of(&edited("id = \"coba-cara-baru\"", "id = \"prosedur-lama\""));
    assert!(
        matches!(error, InstrumentError::DuplicateId { .. }),
        "{error:?}"
    );
    assert_names(&error, "items");
    assert_names(&error, "prosedur-lama");
}

#[test]
fn a_duplicate_section_id_is_named() {
    let error = error_of(&edited("id = \"kebiasaan-kerja\"", "id = \"sop-baru\""));
    assert!(
        matches!(error, InstrumentError::DuplicateId { .. }),
        "{error:?}"
    );
    assert_names(&error, "sections");
    assert_names(&error, "sop-baru");
}

#[test]
fn an_unknown_construct_is_named() {
    let error = error_of(&edited(
        "construct = \"resistance_routine_seeking\"",
        "construct = \"routine\"",
    ));
    assert!(
        matches!(error, InstrumentError::UnknownConstruct { .. }),
        "{error:?}"
    );
    assert_names(&error, "dimensions[\"rutinitas\"].construct");
    assert_names(&error, "routine");
}

#[test]
fn a_construct_measured_twice_is_refused() {
    let error = error_of(&edited(
        "construct = \"resistance_routine_seeking\"",
        "construct = \"readiness_appropriateness\"",
    ));
    assert!(
        matches!(error, InstrumentError::DuplicateConstruct { .. }),
        "{error:?}"
    );
    assert_names(&error, "dimensions[\"rutinitas\"].construct");
    assert_names(&error, "kesesuaian");
}

#[test]
fn only_custom_dimensions_may_point_away_from_readiness() {
    let error = error_of(&edited(
        "construct = \"resistance_routine_seeking\"",
        "construct = \"resistance_routine_seeking\"\nhigher_is_more_ready = false",
    ));
    assert!(
        matches!(error, InstrumentError::DirectionNotAllowed { .. }),
        "{error:?}"
    );
    assert_names(&error, "dimensions[\"rutinitas\"].higher_is_more_ready");
}

#[test]
fn an_unknown_dimension_is_named() {
    let error = error_of(&edited(
        "dimension = \"rutinitas\"",
        "dimension = \"rutin\"",
    ));
    assert_eq!(
        error,
        InstrumentError::UnknownDimension {
            item: "prosedur-lama".to_owned(),
            dimension: "rutin".to_owned()
        }
    );
    assert_names(&error, "items[\"prosedur-lama\"].dimension");
}

#[test]
fn an_unknown_section_is_named() {
    let error = error_of(&edited(
        "section = \"kebiasaan-kerja\"",
        "section = \"kebiasaan\"",
    ));
    assert!(
        matches!(error, InstrumentError::UnknownSection { .. }),
        "{error:?}"
    );
    assert_names(&error, "items[\"prosedur-lama\"].section");
    assert_names(&error, "kebiasaan");
}

#[test]
fn an_empty_section_is_refused() {
    let text = edited(
        "[[items]]\nid = \"sop-dibutuhkan\"",
        "[[sections]]\nid = \"kosong\"\ntitle.id = \"Kosong\"\ntitle.en = \"Empty\"\n\n[[items]]\nid = \"sop-dibutuhkan\"",
    );
    let error = error_of(&text);
    assert_eq!(
        error,
        InstrumentError::EmptySection {
            section: "kosong".to_owned()
        }
    );
    assert_names(&error, "sections[\"kosong\"]");
}

#[test]
fn an_instrument_without_sections_is_refused() {
    let text = "id = \"a\"\nversion = 1\ntitle.id = \"A\"\ntitle.en = \"A\"\ndescription.id = \"A\"\ndescription.en = \"A\"\n[scale]\npoints = 4\nlabels = [{ id = \"1\", en = \"1\" }, { id = \"2\", en = \"2\" }, { id = \"3\", en = \"3\" }, { id = \"4\", en = \"4\" }]\n";
    let error = error_of(text);
    assert_eq!(error, InstrumentError::NoSections);
    assert_names(&error, "sections");
}

#[test]
fn a_dimension_without_items_is_refused() {
    let text = edited(
        "[[sections]]\nid = \"sop-baru\"",
        "[[dimensions]]\nid = \"komitmen\"\nconstruct = \"commitment\"\nname.id = \"Komitmen\"\nname.en = \"Commitment\"\n\n[[sections]]\nid = \"sop-baru\"",
    );
    let error = error_of(&text);
    assert_eq!(
        error,
        InstrumentError::DimensionWithoutItems {
            dimension: "komitmen".to_owned()
        }
    );
    assert_names(&error, "dimensions[\"komitmen\"]");
}

#[test]
fn an_unknown_barrier_code_is_named() {
    let error = error_of(&edited("\"ti\", \"pelatihan\"", "\"it\", \"pelatihan\""));
    assert_eq!(
        error,
        InstrumentError::UnknownBarrierCode {
            value: "it".to_owned()
        }
    );
    assert_names(&error, "barriers.codes");
}

#[test]
fn a_repeated_barrier_code_is_refused() {
    let error = error_of(&edited("\"ti\", \"pelatihan\"", "\"ti\", \"ti\""));
    assert!(
        matches!(error, InstrumentError::DuplicateBarrierCode { .. }),
        "{error:?}"
    );
    assert_names(&error, "barriers.codes");
}

#[test]
fn an_empty_barrier_list_is_refused() {
    let error = error_of(&edited(
        "codes = [\"anggaran\", \"ti\", \"pelatihan\", \"lainnya\"]",
        "codes = []",
    ));
    assert_eq!(error, InstrumentError::NoBarrierCodes);
    assert_names(&error, "barriers.codes");
}

#[test]
fn barrier_codes_default_to_all_nine() {
    let text = edited(
        "codes = [\"anggaran\", \"ti\", \"pelatihan\", \"lainnya\"]\n",
        "",
    );
    let instrument = Instrument::from_toml(&text).unwrap();
    assert_eq!(instrument.barriers().unwrap().codes().len(), 9);
}

#[test]
fn a_comment_length_limit_out_of_range_is_named() {
    let error = error_of(&edited("max_length = 500", "max_length = 0"));
    assert!(
        matches!(error, InstrumentError::LengthLimitOutOfRange { .. }),
        "{error:?}"
    );
    assert_names(&error, "comments[\"saran\"].max_length");
}

#[test]
fn too_many_comment_questions_are_refused() {
    let comment = |n: usize| {
        format!("\n[[comments]]\nid = \"c{n}\"\nmax_length = 10\nprompt.id = \"T\"\nprompt.en = \"Q\"\n")
    };
    let text = example() + &(1..=5).map(comment).collect::<String>();
    let error = error_of(&text);
    assert!(
        matches!(
            error,
            InstrumentError::TooMany {
                count: 6,
                max: 5,
                ..
            }
        ),
        "{error:?}"
    );
    assert_names(&error, "comments");
}

#[test]
fn the_round_trip_through_toml_is_lossless() {
    let instrument = Instrument::from_toml(&example()).unwrap();
    let written = instrument.to_toml();
    let read_back = Instrument::from_toml(&written).unwrap();
    assert_eq!(read_back, instrument);
    // Writing is canonical: a second round gives the same text.
    assert_eq!(read_back.to_toml(), written);
}

#[test]
fn texts_needing_escapes_survive_the_round_trip() {
    let text = edited(
        "Saya senang mencoba cara baru dalam bekerja.",
        "Saya senang \\\"mencoba\\\" cara baru \\\\ dalam bekerja.\\nBaris dua.",
    );
    let instrument = Instrument::from_toml(&text).unwrap();
    let item = instrument.item("coba-cara-baru").unwrap();
    assert_eq!(
        item.text().id(),
        "Saya senang \"mencoba\" cara baru \\ dalam bekerja.\nBaris dua."
    );
    assert_eq!(
        Instrument::from_toml(&instrument.to_toml()).unwrap(),
        instrument
    );
}

#[test]
fn json_round_trip_validates_again() {
    let instrument = Instrument::from_toml(&example()).unwrap();
    let json = serde_json::to_string(&instrument).unwrap();
    let back: Instrument = serde_json::from_str(&json).unwrap();
    assert_eq!(back, instrument);

    let broken = json.replacen("\"points\":5", "\"points\":9", 1);
    assert_ne!(broken, json);
    assert!(serde_json::from_str::<Instrument>(&broken).is_err());
}

#[test]
fn the_content_hash_is_stable_across_parse_and_serialize() {
    let instrument = Instrument::from_toml(&example()).unwrap();
    let hash = instrument.content_hash();
    assert_eq!(hash.len(), 64);
    assert!(hash
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    let read_back = Instrument::from_toml(&instrument.to_toml()).unwrap();
    assert_eq!(read_back.content_hash(), hash);
    // Layout, comments and the inline-table spelling do not count.
    let respelled = edited(
        "text.id = \"Saya senang mencoba cara baru dalam bekerja.\"\ntext.en = \"I enjoy trying new ways of working.\"",
        "# a comment\ntext = { id = \"  Saya senang mencoba cara baru dalam bekerja.\", en = \"I enjoy trying new ways of working.\" }",
    );
    assert_eq!(
        Instrument::from_toml(&respelled).unwrap().content_hash(),
        hash
    );
}

#[test]
fn the_content_hash_changes_when_an_item_text_changes() {
    let hash = Instrument::from_toml(&example()).unwrap().content_hash();
    let one_letter = edited(
        "I enjoy trying new ways of working.",
        "I enjoy trying new ways of working!",
    );
    assert_ne!(
        Instrument::from_toml(&one_letter).unwrap().content_hash(),
        hash
    );
    let rekeyed = edited(
        "reverse_keyed = true\ntext.id = \"Menurut",
        "reverse_keyed = false\ntext.id = \"Menurut",
    );
    assert_ne!(
        Instrument::from_toml(&rekeyed).unwrap().content_hash(),
        hash
    );
}

#[test]
fn the_content_hash_ignores_the_version_number() {
    let hash = Instrument::from_toml(&example()).unwrap().content_hash();
    let version_2 = edited("version = 1", "version = 2");
    assert_eq!(
        Instrument::from_toml(&version_2).unwrap().content_hash(),
        hash
    );
}

#[test]
fn next_version_increases_only_when_the_content_changed() {
    let current = Instrument::from_toml(&example()).unwrap();
    let unchanged = current.next_version(current.clone()).unwrap();
    assert_eq!(unchanged.version().get(), 1);

    let edited_text = edited(
        "I enjoy trying new ways of working.",
        "I like trying new ways of working.",
    );
    let next = current
        .next_version(Instrument::from_toml(&edited_text).unwrap())
        .unwrap();
    assert_eq!(next.version().get(), 2);
    assert_eq!(
        next.item("coba-cara-baru").unwrap().text().en(),
        "I like trying new ways of working."
    );

    let other =
        Instrument::from_toml(&edited("id = \"contoh-sop-layanan\"", "id = \"lain\"")).unwrap();
    assert!(matches!(
        current.next_version(other),
        Err(InstrumentError::IdChanged { .. })
    ));
}

#[test]
fn items_are_grouped_by_section_in_section_order() {
    // Move an item of the first section to the end of the file.
    let text = example();
    let start = text.find("[[items]]\nid = \"sop-dibutuhkan\"").unwrap();
    let end = start + text[start..].find("\n\n").unwrap() + 2;
    let moved = format!("{}{}\n{}", &text[..start], &text[end..], &text[start..end]);
    let instrument = Instrument::from_toml(&moved).unwrap();
    let first_page: Vec<&str> = instrument.sections()[0]
        .items()
        .iter()
        .map(|item| item.id().as_str())
        .collect();
    assert_eq!(
        first_page,
        ["sop-menambah-urusan", "antrean-panjang", "sop-dibutuhkan"]
    );
}
