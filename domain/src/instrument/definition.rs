//! The validated instrument: what a wave asks, in which order, and how answers are scored.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::barrier::Barriers;
use super::comment::CommentQuestion;
use super::dimension::Dimension;
use super::draft::{
    BarriersDraft, CommentDraft, DimensionDraft, InstrumentDraft, ItemDraft, SectionDraft,
};
use super::item::Item;
use super::scale::Scale;
use super::section::Section;
use super::slug::Slug;
use super::text::Bilingual;
use super::version::Version;
use super::InstrumentError;

/// A survey instrument that passed every rule of the file format. It can only be obtained by
/// validation ([`Instrument::from_toml`], [`Instrument::from_draft`], [`Instrument::compose`] or
/// deserializing), so holding one means it is complete and consistent.
///
/// It serializes (JSON for the browser, TOML for files) in the shape of [`InstrumentDraft`],
/// and deserializing validates again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instrument {
    pub(super) id: Slug,
    pub(super) version: Version,
    pub(super) title: Bilingual,
    pub(super) description: Bilingual,
    pub(super) scale: Scale,
    pub(super) dimensions: Vec<Dimension>,
    pub(super) sections: Vec<Section>,
    pub(super) barriers: Option<Barriers>,
    pub(super) comments: Vec<CommentQuestion>,
}

impl Instrument {
    /// Parses and validates an instrument file.
    pub fn from_toml(text: &str) -> Result<Self, InstrumentError> {
        let draft: InstrumentDraft = toml::from_str(text).map_err(|error| {
            let (line, column) = match error.span() {
                Some(span) => {
                    let (line, column) = line_and_column(text, span.start);
                    (Some(line), Some(column))
                }
                None => (None, None),
            };
            InstrumentError::Syntax {
                message: error.message().trim().to_owned(),
                line,
                column,
            }
        })?;
        Self::from_draft(&draft)
    }

    /// The instrument id, shared by all its versions.
    pub fn id(&self) -> &Slug {
        &self.id
    }

    /// The version number.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The survey title.
    pub fn title(&self) -> &Bilingual {
        &self.title
    }

    /// The introduction shown before the first section.
    pub fn description(&self) -> &Bilingual {
        &self.description
    }

    /// The response scale of every item.
    pub fn scale(&self) -> &Scale {
        &self.scale
    }

    /// Dimensions in file order.
    pub fn dimensions(&self) -> &[Dimension] {
        &self.dimensions
    }

    /// The dimension with this id.
    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|dimension| dimension.id == id)
    }

    /// Sections (pages) in display order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every item in display order.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections
            .iter()
            .flat_map(|section| section.items.iter())
    }

    /// The number of items.
    pub fn item_count(&self) -> usize {
        self.sections
            .iter()
            .map(|section| section.items.len())
            .sum()
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|item| item.id == id)
    }

    /// The items measuring a dimension, in display order.
    pub fn items_of<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items().filter(move |item| item.dimension == dimension)
    }

    /// The barriers checklist, if this instrument asks it.
    pub fn barriers(&self) -> Option<&Barriers> {
        self.barriers.as_ref()
    }

    /// The open comment questions.
    pub fn comments(&self) -> &[CommentQuestion] {
        &self.comments
    }

    /// The comment question with this id.
    pub fn comment(&self, id: &str) -> Option<&CommentQuestion> {
        self.comments.iter().find(|comment| comment.id == id)
    }

    /// The scored value of a raw answer to `item`: mirrored as `(min + max) - raw` when the
    /// item is reverse-keyed, unchanged otherwise. `None` when the item is not in this
    /// instrument or `raw` is not on its scale.
    pub fn scored(&self, item: &str, raw: u8) -> Option<u8> {
        let item = self.item(item)?;
        if !self.scale.contains(raw) {
            return None;
        }
        if item.reverse_keyed {
            self.scale.reverse(raw)
        } else {
            Some(raw)
        }
    }

    /// `edited` as the version that follows this one: same id required; the version number is
    /// increased when the content differs (by [`Instrument::content_hash`]), and kept when it
    /// does not, so saving an unchanged instrument creates no new version.
    pub fn next_version(&self, mut edited: Instrument) -> Result<Instrument, InstrumentError> {
        if edited.id != self.id {
            return Err(InstrumentError::IdChanged {
                expected: self.id.to_string(),
                found: edited.id.to_string(),
            });
        }
        edited.version = if edited.content_hash() == self.content_hash() {
            self.version
        } else {
            self.version.next()?
        };
        Ok(edited)
    }

    /// The instrument as a draft, in the canonical order: sections in display order with their
    /// items, every optional field written out.
    pub fn to_draft(&self) -> InstrumentDraft {
        InstrumentDraft {
            id: self.id.to_string(),
            version: i64::from(self.version),
            title: self.title.to_draft(),
            description: self.description.to_draft(),
            scale: self.scale.to_draft(),
            dimensions: self
                .dimensions
                .iter()
                .map(|dimension| DimensionDraft {
                    id: dimension.id.to_string(),
                    construct: dimension.construct.as_str().to_owned(),
                    name: dimension.name.to_draft(),
                    higher_is_more_ready: dimension.higher_is_more_ready,
                })
                .collect(),
            sections: self
                .sections
                .iter()
                .map(|section| SectionDraft {
                    id: section.id.to_string(),
                    title: section.title.to_draft(),
                })
                .collect(),
            items: self
                .sections
                .iter()
                .flat_map(|section| {
                    section.items.iter().map(|item| ItemDraft {
                        id: item.id.to_string(),
                        dimension: item.dimension.to_string(),
                        section: section.id.to_string(),
                        text: item.text.to_draft(),
                        reverse_keyed: item.reverse_keyed,
                        required: item.required,
                    })
                })
                .collect(),
            barriers: self.barriers.as_ref().map(|barriers| BarriersDraft {
                prompt: barriers.prompt.to_draft(),
                codes: barriers
                    .codes
                    .iter()
                    .map(|code| code.as_str().to_owned())
                    .collect(),
                other_max_length: Some(i64::from(barriers.other_max_length)),
            }),
            comments: self
                .comments
                .iter()
                .map(|comment| CommentDraft {
                    id: comment.id.to_string(),
                    prompt: comment.prompt.to_draft(),
                    max_length: i64::from(comment.max_length),
                    required: comment.required,
                })
                .collect(),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset, for error messages.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

impl Serialize for Instrument {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_draft().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Instrument {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let draft = InstrumentDraft::deserialize(deserializer)?;
        Instrument::from_draft(&draft).map_err(serde::de::Error::custom)
    }
}
