//! The instrument file as written, before validation: the edge where outside data enters. Every
//! field is public and loosely typed (strings, signed integers) so that a file with a mistake
//! still deserializes and validation can say exactly what is wrong, instead of serde stopping at
//! the first type mismatch. `docs/instrument-format.md` documents these fields.
//!
//! Unknown fields are refused: a typo such as `reverse_key = true` would otherwise be ignored
//! and silently score an item the wrong way round.

use serde::{Deserialize, Serialize};

/// A text in both languages, either of which may still be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextDraft {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl TextDraft {
    /// Both texts given.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            id: Some(id.into()),
            en: Some(en.into()),
        }
    }
}

/// A whole instrument file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstrumentDraft {
    pub id: String,
    pub version: i64,
    #[serde(default)]
    pub title: TextDraft,
    #[serde(default)]
    pub description: TextDraft,
    pub scale: ScaleDraft,
    #[serde(default)]
    pub dimensions: Vec<DimensionDraft>,
    #[serde(default)]
    pub sections: Vec<SectionDraft>,
    #[serde(default)]
    pub items: Vec<ItemDraft>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barriers: Option<BarriersDraft>,
    #[serde(default)]
    pub comments: Vec<CommentDraft>,
}

/// The response scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDraft {
    pub points: i64,
    #[serde(default)]
    pub labels: Vec<TextDraft>,
}

/// One dimension (a construct, or a custom one) that items measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DimensionDraft {
    pub id: String,
    pub construct: String,
    #[serde(default)]
    pub name: TextDraft,
    #[serde(default = "yes")]
    pub higher_is_more_ready: bool,
}

/// One page of items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionDraft {
    pub id: String,
    #[serde(default)]
    pub title: TextDraft,
}

/// One statement answered on the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDraft {
    pub id: String,
    pub dimension: String,
    pub section: String,
    #[serde(default)]
    pub text: TextDraft,
    /// Deliberately without a default: whoever adds an item must decide how it is scored.
    pub reverse_keyed: bool,
    #[serde(default = "yes")]
    pub required: bool,
}

/// The barriers (resource gaps) checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BarriersDraft {
    #[serde(default)]
    pub prompt: TextDraft,
    /// Codes offered, in display order; all nine when left out.
    #[serde(default = "all_barrier_codes")]
    pub codes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_max_length: Option<i64>,
}

/// One open comment question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentDraft {
    pub id: String,
    #[serde(default)]
    pub prompt: TextDraft,
    pub max_length: i64,
    #[serde(default)]
    pub required: bool,
}

fn yes() -> bool {
    true
}

fn all_barrier_codes() -> Vec<String> {
    super::BarrierCode::ALL
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect()
}
