//! Composing a survey from library items plus an admin's own items. The result is assembled as
//! a draft and validated exactly like an uploaded file, so a composed survey obeys the same
//! rules and cannot bypass any of them.

use serde::{Deserialize, Serialize};

use super::definition::Instrument;
use super::draft::{
    BarriersDraft, CommentDraft, DimensionDraft, InstrumentDraft, ItemDraft, SectionDraft,
    TextDraft,
};
use super::library::library;
use super::scale::Scale;
use super::InstrumentError;

/// Everything about a composed survey except its scale and items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyMeta {
    pub id: String,
    pub version: i64,
    pub title: TextDraft,
    pub description: TextDraft,
    /// The barriers checklist, or `None` to leave it out.
    pub barriers: Option<BarriersDraft>,
    pub comments: Vec<CommentDraft>,
}

impl SurveyMeta {
    /// Version 1 of a survey that asks the library's barriers checklist and comment questions.
    pub fn new(id: impl Into<String>, title: TextDraft, description: TextDraft) -> Self {
        let library = library().to_draft();
        Self {
            id: id.into(),
            version: 1,
            title,
            description,
            barriers: library.barriers,
            comments: library.comments,
        }
    }
}

/// An admin's own dimensions, sections and items. Custom items may also use the library's
/// dimensions and sections by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomItems {
    pub dimensions: Vec<DimensionDraft>,
    pub sections: Vec<SectionDraft>,
    pub items: Vec<ItemDraft>,
}

impl Instrument {
    /// A survey of the library items `library_item_ids` (wording, dimension and keying as in the
    /// library) followed by `custom` items, validated like a file.
    ///
    /// Order: the library sections in use come first, in library order, then the custom
    /// sections; within a section, library items in the order given, then custom items.
    /// Library dimensions are included when an item uses them.
    pub fn compose(
        meta: SurveyMeta,
        scale: &Scale,
        library_item_ids: &[&str],
        custom: CustomItems,
    ) -> Result<Instrument, InstrumentError> {
        let library = library().to_draft();
        let mut items = library_item_ids
            .iter()
            .map(|&id| {
                library
                    .items
                    .iter()
                    .find(|item| item.id == id)
                    .cloned()
                    .ok_or_else(|| InstrumentError::UnknownLibraryItem { id: id.to_owned() })
            })
            .collect::<Result<Vec<_>, _>>()?;
        items.extend(custom.items);

        let used_dimension = |id: &str| items.iter().any(|item| item.dimension == id);
        let used_section = |id: &str| items.iter().any(|item| item.section == id);

        // A custom declaration reusing the id of a library dimension or section in use is kept
        // beside it, so validation reports the duplicate instead of one silently replacing the
        // other.
        let dimensions = library
            .dimensions
            .into_iter()
            .filter(|dimension| used_dimension(&dimension.id))
            .chain(custom.dimensions)
            .collect();
        let sections = library
            .sections
            .into_iter()
            .filter(|section| used_section(&section.id))
            .chain(custom.sections)
            .collect();

        Instrument::from_draft(&InstrumentDraft {
            id: meta.id,
            version: meta.version,
            title: meta.title,
            description: meta.description,
            scale: scale.to_draft(),
            dimensions,
            sections,
            items,
            barriers: meta.barriers,
            comments: meta.comments,
        })
    }
}
