//! Reading the composer's form: every problem an administrator can fix in the form is found at
//! once and named in their language ("Pernyataan tambahan 2: ..."), before the domain composes
//! and validates the survey like a file (which stops at its first problem).

use std::collections::BTreeMap;

use domain::instrument::{
    library, limits, CustomItems, DimensionDraft, Instrument, ItemDraft, Scale, SectionDraft, Slug,
    SurveyMeta, TextDraft,
};
use domain::units::Locale;

use crate::i18n::{text, text_with};

use super::form::{ComposeForm, CustomItemForm, CUSTOM_ROWS, NEW_DIMENSION, SCALE_AGREEMENT_5};

/// The section that holds the custom items, after the library's sections.
pub const CUSTOM_SECTION: &str = "khusus";

/// The id of the custom item in 1-based row `number`.
pub fn custom_item_id(number: usize) -> String {
    format!("{CUSTOM_SECTION}-{number}")
}

/// The composed survey (version 1; the caller numbers it), or every problem found.
pub fn compose(form: &ComposeForm, locale: Locale) -> Result<Instrument, Vec<String>> {
    let mut problems = Problems {
        locale,
        list: Vec::new(),
    };
    let survey_id = form.survey_id.trim();
    if Slug::parse(survey_id).is_none() {
        problems.note("compose_error_survey_id", &[("id", survey_id.to_owned())]);
    }
    let title = problems.text(
        &text(locale, "compose_field_title"),
        &form.title_id,
        &form.title_en,
        limits::TITLE_MAX,
    );
    let description = problems.text(
        &text(locale, "compose_field_description"),
        &form.description_id,
        &form.description_en,
        limits::DESCRIPTION_MAX,
    );
    let scale = match form.scale.as_str() {
        "" | SCALE_AGREEMENT_5 => Scale::agreement_5(),
        other => {
            problems.note("compose_error_scale", &[("scale", other.to_owned())]);
            Scale::agreement_5()
        }
    };
    let library_ids = library_items(form, &mut problems);
    let custom = custom_items(&form.custom, &mut problems);
    if library_ids.is_empty() && custom.items.is_empty() {
        problems.note("compose_error_no_items", &[]);
    }
    if !problems.list.is_empty() {
        return Err(problems.list);
    }
    let mut meta = SurveyMeta::new(survey_id, title, description);
    if !form.barriers {
        meta.barriers = None;
    }
    if !form.comments {
        meta.comments.clear();
    }
    let ids: Vec<&str> = library_ids.iter().map(String::as_str).collect();
    Instrument::compose(meta, &scale, &ids, custom).map_err(|e| vec![e.message(locale)])
}

struct Problems {
    locale: Locale,
    list: Vec<String>,
}

impl Problems {
    /// Notes the problem the message `id` of `crate::i18n` describes, in the user's language.
    fn note(&mut self, id: &str, args: &[(&str, String)]) {
        self.list.push(text_with(self.locale, id, args));
    }

    /// Checks a text in both languages (present, not too long) and returns it as a draft;
    /// `field` names it in problems ("Judul", "Pernyataan tambahan 2").
    fn text(&mut self, field: &str, id: &str, en: &str, max: usize) -> TextDraft {
        for (given, language) in [(id, "compose_language_id"), (en, "compose_language_en")] {
            let length = given.trim().chars().count();
            let mut args = vec![
                ("field", field.to_owned()),
                ("language", text(self.locale, language)),
            ];
            if length == 0 {
                self.note("compose_error_text_missing", &args);
            } else if length > max {
                args.push(("length", length.to_string()));
                args.push(("max", max.to_string()));
                self.note("compose_error_text_too_long", &args);
            }
        }
        TextDraft::new(id.trim(), en.trim())
    }
}

/// The ticked library items in library order; unknown ids are problems.
fn library_items(form: &ComposeForm, problems: &mut Problems) -> Vec<String> {
    let library = library();
    for id in &form.items {
        if library.item(id).is_none() {
            problems.note("compose_error_library_item", &[("id", id.clone())]);
        }
    }
    library
        .items()
        .filter(|item| form.items.contains(item.id().as_str()))
        .map(|item| item.id().to_string())
        .collect()
}

fn custom_items(rows: &[CustomItemForm], problems: &mut Problems) -> CustomItems {
    let mut custom = CustomItems::default();
    if rows.len() > CUSTOM_ROWS {
        problems.note(
            "compose_error_too_many_custom",
            &[("max", CUSTOM_ROWS.to_string())],
        );
    }
    // New dimensions by id, with the row that named them first.
    let mut new_dimensions: BTreeMap<String, (usize, TextDraft)> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate().take(CUSTOM_ROWS) {
        if row.is_blank() {
            continue;
        }
        let number = index + 1;
        let field = text_with(
            problems.locale,
            "compose_field_custom_item",
            &[("number", number.to_string())],
        );
        let statement = problems.text(&field, &row.text_id, &row.text_en, limits::ITEM_TEXT_MAX);
        let dimension = match row.dimension.trim() {
            "" => {
                problems.note("compose_error_choose_dimension", &[("field", field)]);
                String::new()
            }
            NEW_DIMENSION => new_dimension(row, number, &mut new_dimensions, problems),
            known if library().dimension(known).is_some() => known.to_owned(),
            unknown => {
                problems.note(
                    "compose_error_unknown_dimension",
                    &[("field", field), ("dimension", unknown.to_owned())],
                );
                String::new()
            }
        };
        custom.items.push(ItemDraft {
            id: custom_item_id(number),
            dimension,
            section: CUSTOM_SECTION.to_owned(),
            text: statement,
            reverse_keyed: row.reverse_keyed,
            required: row.required,
        });
    }
    if !custom.items.is_empty() {
        custom.sections.push(SectionDraft {
            id: CUSTOM_SECTION.to_owned(),
            title: TextDraft::new("Pernyataan tambahan", "Additional statements"),
        });
    }
    custom.dimensions = new_dimensions
        .into_iter()
        .map(|(id, (_, name))| DimensionDraft {
            id,
            construct: "custom".to_owned(),
            name,
            higher_is_more_ready: true,
        })
        .collect();
    custom
}

/// The id of the new dimension a row declares, recorded in `declared`.
fn new_dimension(
    row: &CustomItemForm,
    number: usize,
    declared: &mut BTreeMap<String, (usize, TextDraft)>,
    problems: &mut Problems,
) -> String {
    let id = row.new_dimension_id.trim();
    let field = text_with(
        problems.locale,
        "compose_field_new_dimension",
        &[("number", number.to_string())],
    );
    let field_and_id = || vec![("field", field.clone()), ("id", id.to_owned())];
    if Slug::parse(id).is_none() {
        problems.note("compose_error_dimension_id", &field_and_id());
    } else if library().dimension(id).is_some() {
        problems.note("compose_error_library_dimension", &field_and_id());
    }
    let name = problems.text(
        &field,
        &row.new_dimension_name_id,
        &row.new_dimension_name_en,
        limits::NAME_MAX,
    );
    match declared.get(id) {
        Some((first, earlier)) if *earlier != name => {
            let mut args = field_and_id();
            args.push(("first", first.to_string()));
            problems.note("compose_error_dimension_name", &args);
        }
        Some(_) => {}
        None => {
            declared.insert(id.to_owned(), (number, name));
        }
    }
    id.to_owned()
}

#[cfg(test)]
mod tests {
    use domain::instrument::default_instrument;

    use super::*;

    fn form() -> ComposeForm {
        ComposeForm {
            survey_id: "kesiapan-digital".into(),
            title_id: "Survei Kesiapan Layanan Digital".into(),
            title_en: "Digital Services Readiness Survey".into(),
            description_id: "Tentang layanan digital.".into(),
            description_en: "About digital services.".into(),
            scale: SCALE_AGREEMENT_5.into(),
            items: default_instrument()
                .items()
                .map(|item| item.id().to_string())
                .collect(),
            barriers: true,
            comments: false,
            custom: vec![CustomItemForm {
                text_id: "Aplikasi baru mudah saya gunakan.".into(),
                text_en: "The new application is easy for me to use.".into(),
                dimension: NEW_DIMENSION.into(),
                new_dimension_id: "kemudahan".into(),
                new_dimension_name_id: "Kemudahan aplikasi".into(),
                new_dimension_name_en: "Ease of the application".into(),
                reverse_keyed: false,
                required: true,
            }],
        }
    }

    #[test]
    fn a_good_form_composes_library_items_then_the_custom_section() {
        let instrument = compose(&form(), Locale::En).expect("composes");
        assert_eq!(instrument.item_count(), 35);
        assert!(instrument.barriers().is_some());
        assert!(instrument.comments().is_empty());
        let last = instrument.sections().last().expect("a section");
        assert_eq!(last.id().as_str(), CUSTOM_SECTION);
        assert_eq!(last.items()[0].id().as_str(), "khusus-1");
        assert_eq!(last.items()[0].dimension().as_str(), "kemudahan");
    }

    #[test]
    fn blank_rows_are_ignored_and_every_problem_is_listed() {
        let mut bad = form();
        bad.survey_id = "Survei Baru".into();
        bad.title_en.clear();
        bad.items.insert("tidak-ada".into());
        bad.custom.push(CustomItemForm::default());
        bad.custom.push(CustomItemForm {
            text_en: "Only English".into(),
            dimension: "komitmen".into(),
            ..CustomItemForm::default()
        });
        let problems = compose(&bad, Locale::Id).expect_err("refused");
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("Survei Baru"));
        assert!(problems[1].starts_with("Judul: teks bahasa Inggris"));
        assert!(problems[2].contains("tidak-ada"));
        assert!(problems[3].starts_with("Pernyataan tambahan 3: teks bahasa Indonesia"));
    }

    #[test]
    fn a_new_dimension_must_not_reuse_a_library_id() {
        let mut bad = form();
        bad.custom[0].new_dimension_id = "komitmen".into();
        let problems = compose(&bad, Locale::En).expect_err("refused");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].contains("library dimension"));
    }
}
