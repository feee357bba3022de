//! Sections: the pages of a survey. Each is shown as one screen on a phone, so a section holds
//! its items in display order; 5 to 8 items per section reads well.

use serde::Serialize;

use super::item::Item;
use super::slug::Slug;
use super::text::Bilingual;

/// A validated, non-empty section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub(super) id: Slug,
    pub(super) title: Bilingual,
    pub(super) items: Vec<Item>,
}

impl Section {
    /// Its id.
    pub fn id(&self) -> &Slug {
        &self.id
    }

    /// The page title.
    pub fn title(&self) -> &Bilingual {
        &self.title
    }

    /// Its items in display order; never empty.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
}
