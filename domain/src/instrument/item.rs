//! Items: the statements respondents rate on the scale.

use serde::Serialize;

use super::slug::Slug;
use super::text::Bilingual;

/// A validated item. Its dimension exists in the same instrument, and it sits in exactly one
/// section (the one that holds it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub(super) id: Slug,
    pub(super) dimension: Slug,
    pub(super) text: Bilingual,
    pub(super) reverse_keyed: bool,
    pub(super) required: bool,
}

impl Item {
    /// Its id, unique in the instrument and stable across versions of the library.
    pub fn id(&self) -> &Slug {
        &self.id
    }

    /// The id of the dimension it measures.
    pub fn dimension(&self) -> &Slug {
        &self.dimension
    }

    /// The statement shown to the respondent (at most 300 characters).
    pub fn text(&self) -> &Bilingual {
        &self.text
    }

    /// Whether agreement means *less* of its dimension, so the answer is mirrored before
    /// scoring.
    pub fn reverse_keyed(&self) -> bool {
        self.reverse_keyed
    }

    /// Whether a submission must answer it.
    pub fn required(&self) -> bool {
        self.required
    }
}
