//! Reading the composer's form: every problem an administrator can fix in the form is found at
//! once and named in their language ("Pernyataan tambahan 2: ..."), before the domain composes
//! and validates the survey like a file (which stops at its first problem).

use std::collections::BTreeMap;

use domain::instrument::{
    library, limits, CustomItems, DimensionDraft, Instrument, ItemDraft, Scale, SectionDraft, Slug,
    SurveyMeta, TextDraft,
};
use domain::units::Locale;

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
        problems.push(
            format!("Id survei `{survey_id}` tidak sah: gunakan huruf kecil dan angka yang dihubungkan dengan satu '-' atau '_', diawali huruf, paling banyak 64 karakter (misalnya kesiapan-digital-2026)."),
            format!("The survey id `{survey_id}` is not valid: use lowercase letters and digits joined by single '-' or '_', starting with a letter, at most 64 characters (for example kesiapan-digital-2026)."),
        );
    }
    let title = problems.text(
        ("Judul", "Title"),
        &form.title_id,
        &form.title_en,
        limits::TITLE_MAX,
    );
    let description = problems.text(
        ("Deskripsi", "Description"),
        &form.description_id,
        &form.description_en,
        limits::DESCRIPTION_MAX,
    );
    let scale = match form.scale.as_str() {
        "" | SCALE_AGREEMENT_5 => Scale::agreement_5(),
        other => {
            problems.push(
                format!("Skala `{other}` tidak tersedia."),
                format!("The scale `{other}` is not available."),
            );
            Scale::agreement_5()
        }
    };
    let library_ids = library_items(form, &mut problems);
    let custom = custom_items(&form.custom, &mut problems);
    if library_ids.is_empty() && custom.items.is_empty() {
        problems.push(
            "Pilih setidaknya satu pernyataan dari pustaka atau tulis pernyataan tambahan.".into(),
            "Choose at least one library statement or write an additional statement.".into(),
        );
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
    fn push(&mut self, id: String, en: String) {
        self.list.push(self.locale.pick(id, en));
    }

    /// Checks a text in both languages (present, not too long) and returns it as a draft.
    fn text(&mut self, label: (&str, &str), id: &str, en: &str, max: usize) -> TextDraft {
        for (text, language) in [
            (id, ("bahasa Indonesia", "Indonesian")),
            (en, ("bahasa Inggris", "English")),
        ] {
            let length = text.trim().chars().count();
            if length == 0 {
                self.push(
                    format!("{}: teks {} belum diisi.", label.0, language.0),
                    format!("{}: the {} text is missing.", label.1, language.1),
                );
            } else if length > max {
                self.push(
                    format!(
                        "{}: teks {} terdiri dari {length} karakter; paling banyak {max}.",
                        label.0, language.0
                    ),
                    format!(
                        "{}: the {} text has {length} characters; at most {max} are allowed.",
                        label.1, language.1
                    ),
                );
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
            problems.push(
                format!("Butir pustaka `{id}` tidak ada."),
                format!("There is no library item `{id}`."),
            );
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
        problems.push(
            format!("Paling banyak {CUSTOM_ROWS} pernyataan tambahan."),
            format!("At most {CUSTOM_ROWS} additional statements."),
        );
    }
    // New dimensions by id, with the row that named them first.
    let mut new_dimensions: BTreeMap<String, (usize, TextDraft)> = BTreeMap::new();
    for (index, row) in rows.iter().enumerate().take(CUSTOM_ROWS) {
        if row.is_blank() {
            continue;
        }
        let number = index + 1;
        let label = (
            format!("Pernyataan tambahan {number}"),
            format!("Additional statement {number}"),
        );
        let text = problems.text(
            (label.0.as_str(), label.1.as_str()),
            &row.text_id,
            &row.text_en,
            limits::ITEM_TEXT_MAX,
        );
        let dimension = match row.dimension.trim() {
            "" => {
                problems.push(
                    format!("{}: pilih dimensi yang diukurnya.", label.0),
                    format!("{}: choose the dimension it measures.", label.1),
                );
                String::new()
            }
            NEW_DIMENSION => new_dimension(row, number, &mut new_dimensions, problems),
            known if library().dimension(known).is_some() => known.to_owned(),
            unknown => {
                problems.push(
                    format!("{}: dimensi `{unknown}` tidak ada.", label.0),
                    format!("{}: there is no dimension `{unknown}`.", label.1),
                );
                String::new()
            }
        };
        custom.items.push(ItemDraft {
            id: custom_item_id(number),
            dimension,
            section: CUSTOM_SECTION.to_owned(),
            text,
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
    let label = (
        format!("Dimensi baru pada pernyataan tambahan {number}"),
        format!("The new dimension of additional statement {number}"),
    );
    if Slug::parse(id).is_none() {
        problems.push(
            format!("{}: id `{id}` tidak sah; gunakan huruf kecil dan angka yang dihubungkan dengan '-' atau '_', diawali huruf.", label.0),
            format!("{}: the id `{id}` is not valid; use lowercase letters and digits joined by '-' or '_', starting with a letter.", label.1),
        );
    } else if library().dimension(id).is_some() {
        problems.push(
            format!(
                "{}: `{id}` sudah menjadi dimensi pustaka; pilih dari daftar dimensi.",
                label.0
            ),
            format!(
                "{}: `{id}` is a library dimension already; choose it from the list.",
                label.1
            ),
        );
    }
    let name = problems.text(
        (label.0.as_str(), label.1.as_str()),
        &row.new_dimension_name_id,
        &row.new_dimension_name_en,
        limits::NAME_MAX,
    );
    match declared.get(id) {
        Some((first, earlier)) if *earlier != name => problems.push(
            format!(
                "{}: nama dimensi `{id}` berbeda dengan pada pernyataan tambahan {first}.",
                label.0
            ),
            format!(
                "{}: the name of dimension `{id}` differs from additional statement {first}.",
                label.1
            ),
        ),
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
