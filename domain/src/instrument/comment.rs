//! Open comment questions. Their answers are free text, shown only above a higher anonymity
//! threshold than scores, so their length is capped to keep them short and less identifying.

use serde::Serialize;

use super::slug::Slug;
use super::text::Bilingual;

/// A validated open question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommentQuestion {
    pub(super) id: Slug,
    pub(super) prompt: Bilingual,
    pub(super) max_length: u32,
    pub(super) required: bool,
}

impl CommentQuestion {
    /// Its id, the key of its answer in a submission.
    pub fn id(&self) -> &Slug {
        &self.id
    }

    /// The question.
    pub fn prompt(&self) -> &Bilingual {
        &self.prompt
    }

    /// The longest answer accepted, in characters.
    pub fn max_length(&self) -> u32 {
        self.max_length
    }

    /// Whether a submission must answer it (usually not).
    pub fn required(&self) -> bool {
        self.required
    }
}
