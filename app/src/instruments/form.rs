//! The composer's form as posted, and the same form as a query string: when it is posted
//! without JavaScript and refused, the server sends the browser back to the composer with every
//! field in the address, so the page renders again with nothing typed lost.

use std::collections::BTreeSet;

use leptos_router::params::ParamsMap;
use serde::{Deserialize, Serialize};

/// How many custom items the composer offers.
pub const CUSTOM_ROWS: usize = 5;
/// The `custom[n][dimension]` value for "a new dimension, named below". Not a valid id, so it
/// can never be taken for a library dimension.
pub const NEW_DIMENSION: &str = "_baru";
/// The scale choice of the library's 5-point agreement scale (the only one the domain offers).
pub const SCALE_AGREEMENT_5: &str = "agreement-5";

/// One custom item row. Every field may be missing from a post (unticked boxes are not sent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomItemForm {
    pub text_id: String,
    pub text_en: String,
    /// A library dimension id, [`NEW_DIMENSION`], or empty (not chosen).
    pub dimension: String,
    pub new_dimension_id: String,
    pub new_dimension_name_id: String,
    pub new_dimension_name_en: String,
    pub reverse_keyed: bool,
    pub required: bool,
}

impl CustomItemForm {
    /// A row with no text at all is an unused row.
    pub fn is_blank(&self) -> bool {
        [
            &self.text_id,
            &self.text_en,
            &self.new_dimension_id,
            &self.new_dimension_name_id,
            &self.new_dimension_name_en,
        ]
        .iter()
        .all(|text| text.trim().is_empty())
    }
}

/// Everything the composer posts, except the language of the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposeForm {
    pub survey_id: String,
    pub title_id: String,
    pub title_en: String,
    pub description_id: String,
    pub description_en: String,
    pub scale: String,
    /// Ticked library item ids.
    pub items: BTreeSet<String>,
    pub barriers: bool,
    pub comments: bool,
    pub custom: Vec<CustomItemForm>,
}

/// The form field of a library item's checkbox.
pub fn item_field(id: &str) -> String {
    format!("items[{id}]")
}

/// The form field of a custom row's part.
pub fn custom_field(row: usize, part: &str) -> String {
    format!("custom[{row}][{part}]")
}

impl ComposeForm {
    /// The fields as the form posts them (non-empty ones only), for a query string.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = [
            ("survey_id", &self.survey_id),
            ("title_id", &self.title_id),
            ("title_en", &self.title_en),
            ("description_id", &self.description_id),
            ("description_en", &self.description_en),
            ("scale", &self.scale),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.clone()))
        .collect();
        pairs.extend(
            self.items
                .iter()
                .map(|id| (item_field(id), "on".to_owned())),
        );
        for (flag, key) in [(self.barriers, "barriers"), (self.comments, "comments")] {
            if flag {
                pairs.push((key.to_owned(), "true".to_owned()));
            }
        }
        for (row, item) in self.custom.iter().enumerate().take(CUSTOM_ROWS) {
            for (part, value) in [
                ("text_id", &item.text_id),
                ("text_en", &item.text_en),
                ("dimension", &item.dimension),
                ("new_dimension_id", &item.new_dimension_id),
                ("new_dimension_name_id", &item.new_dimension_name_id),
                ("new_dimension_name_en", &item.new_dimension_name_en),
            ] {
                if !value.is_empty() {
                    pairs.push((custom_field(row, part), value.clone()));
                }
            }
            for (flag, part) in [
                (item.reverse_keyed, "reverse_keyed"),
                (item.required, "required"),
            ] {
                if flag {
                    pairs.push((custom_field(row, part), "true".to_owned()));
                }
            }
        }
        pairs
    }

    /// The fields as a query string (without the `?`).
    pub fn to_query(&self) -> String {
        let pairs = self.to_pairs();
        crate::query::encode(
            pairs
                .iter()
                .map(|(key, value)| (key.as_str(), value.as_str())),
        )
    }

    /// The form sent back in the query, if there is one (`survey_id` marks it). Library items
    /// are looked up by the ids in `library_ids`.
    pub fn from_query<'a>(
        query: &ParamsMap,
        library_ids: impl IntoIterator<Item = &'a str>,
    ) -> Option<Self> {
        let field = |key: &str| query.get(key).unwrap_or_default();
        let flag = |key: &str| query.get(key).is_some();
        query.get("survey_id")?;
        Some(Self {
            survey_id: field("survey_id"),
            title_id: field("title_id"),
            title_en: field("title_en"),
            description_id: field("description_id"),
            description_en: field("description_en"),
            scale: field("scale"),
            items: library_ids
                .into_iter()
                .filter(|id| flag(&item_field(id)))
                .map(str::to_owned)
                .collect(),
            barriers: flag("barriers"),
            comments: flag("comments"),
            custom: (0..CUSTOM_ROWS)
                .map(|row| {
                    let part = |name: &str| field(&custom_field(row, name));
                    CustomItemForm {
                        text_id: part("text_id"),
                        text_en: part("text_en"),
                        dimension: part("dimension"),
                        new_dimension_id: part("new_dimension_id"),
                        new_dimension_name_id: part("new_dimension_name_id"),
                        new_dimension_name_en: part("new_dimension_name_en"),
                        reverse_keyed: flag(&custom_field(row, "reverse_keyed")),
                        required: flag(&custom_field(row, "required")),
                    }
                })
                .collect(),
        })
    }
}
