//! Turning a draft into an [`Instrument`]: every rule of the file format is checked here, in
//! file order, and the first violation is reported with the path of the offending field.

use std::collections::{BTreeMap, BTreeSet};

use super::barrier::{BarrierCode, Barriers};
use super::comment::CommentQuestion;
use super::construct::Construct;
use super::definition::Instrument;
use super::dimension::Dimension;
use super::draft::{BarriersDraft, CommentDraft, DimensionDraft, InstrumentDraft, SectionDraft};
use super::item::Item;
use super::limits::{
    COMMENTS_MAX, COMMENT_LENGTH_MAX, DESCRIPTION_MAX, ITEMS_MAX, ITEM_TEXT_MAX, NAME_MAX,
    OTHER_LENGTH_DEFAULT, OTHER_LENGTH_MAX, PROMPT_MAX, TITLE_MAX,
};
use super::scale::Scale;
use super::section::Section;
use super::slug::Slug;
use super::text::Bilingual;
use super::version::Version;
use super::InstrumentError;

impl Instrument {
    /// Validates a draft (a parsed file, or one assembled in code).
    pub fn from_draft(draft: &InstrumentDraft) -> Result<Self, InstrumentError> {
        let id = Slug::parse_field(&draft.id, "id")?;
        let version = Version::new(draft.version)?;
        let title = Bilingual::from_draft(&draft.title, "title", TITLE_MAX)?;
        let description =
            Bilingual::from_draft(&draft.description, "description", DESCRIPTION_MAX)?;
        let scale = Scale::from_draft(&draft.scale)?;
        let dimensions = dimensions(&draft.dimensions)?;
        let sections = sections(draft, &dimensions)?;
        let barriers = draft.barriers.as_ref().map(barriers).transpose()?;
        let comments = comments(&draft.comments)?;
        Ok(Self {
            id,
            version,
            title,
            description,
            scale,
            dimensions,
            sections,
            barriers,
            comments,
        })
    }
}

impl TryFrom<InstrumentDraft> for Instrument {
    type Error = InstrumentError;
    fn try_from(draft: InstrumentDraft) -> Result<Self, Self::Error> {
        Self::from_draft(&draft)
    }
}

/// Records ids seen so far in one namespace (items, dimensions, ...).
fn unique(seen: &mut BTreeSet<Slug>, id: &Slug, field: &str) -> Result<(), InstrumentError> {
    if seen.insert(id.clone()) {
        Ok(())
    } else {
        Err(InstrumentError::DuplicateId {
            field: field.to_owned(),
            id: id.to_string(),
        })
    }
}

fn dimensions(drafts: &[DimensionDraft]) -> Result<Vec<Dimension>, InstrumentError> {
    let mut seen = BTreeSet::new();
    let mut measured: BTreeMap<Construct, Slug> = BTreeMap::new();
    let mut dimensions = Vec::with_capacity(drafts.len());
    for (index, draft) in drafts.iter().enumerate() {
        let id = Slug::parse_field(&draft.id, format!("dimensions[{index}].id"))?;
        unique(&mut seen, &id, "dimensions")?;
        let construct = Construct::parse(&draft.construct).ok_or_else(|| {
            InstrumentError::UnknownConstruct {
                field: format!("dimensions[\"{id}\"].construct"),
                value: draft.construct.clone(),
            }
        })?;
        let name =
            Bilingual::from_draft(&draft.name, &format!("dimensions[\"{id}\"].name"), NAME_MAX)?;
        if !draft.higher_is_more_ready && construct != Construct::Custom {
            return Err(InstrumentError::DirectionNotAllowed {
                dimension: id.to_string(),
                construct: construct.to_string(),
            });
        }
        if construct != Construct::Custom {
            // Two dimensions of one construct would split its score and make comparisons
            // across instruments ambiguous.
            if let Some(first) = measured.insert(construct, id.clone()) {
                return Err(InstrumentError::DuplicateConstruct {
                    construct: construct.to_string(),
                    first: first.to_string(),
                    second: id.to_string(),
                });
            }
        }
        dimensions.push(Dimension {
            id,
            construct,
            name,
            higher_is_more_ready: draft.higher_is_more_ready,
        });
    }
    Ok(dimensions)
}

fn section_heads(drafts: &[SectionDraft]) -> Result<Vec<Section>, InstrumentError> {
    let mut seen = BTreeSet::new();
    drafts
        .iter()
        .enumerate()
        .map(|(index, draft)| {
            let id = Slug::parse_field(&draft.id, format!("sections[{index}].id"))?;
            unique(&mut seen, &id, "sections")?;
            let title = Bilingual::from_draft(
                &draft.title,
                &format!("sections[\"{id}\"].title"),
                NAME_MAX,
            )?;
            Ok(Section {
                id,
                title,
                items: Vec::new(),
            })
        })
        .collect()
}

/// Sections with their items: items keep their file order within a section, and sections keep
/// theirs, so the file decides what the respondent sees and in which order.
fn sections(
    draft: &InstrumentDraft,
    dimensions: &[Dimension],
) -> Result<Vec<Section>, InstrumentError> {
    let mut sections = section_heads(&draft.sections)?;
    if draft.items.len() > ITEMS_MAX {
        return Err(InstrumentError::TooMany {
            field: "items".to_owned(),
            count: draft.items.len(),
            max: ITEMS_MAX,
        });
    }
    let mut seen = BTreeSet::new();
    for (index, item) in draft.items.iter().enumerate() {
        let id = Slug::parse_field(&item.id, format!("items[{index}].id"))?;
        unique(&mut seen, &id, "items")?;
        let dimension = dimensions
            .iter()
            .find(|dimension| dimension.id == item.dimension.as_str())
            .ok_or_else(|| InstrumentError::UnknownDimension {
                item: id.to_string(),
                dimension: item.dimension.clone(),
            })?;
        let section = sections
            .iter_mut()
            .find(|section| section.id == item.section.as_str())
            .ok_or_else(|| InstrumentError::UnknownSection {
                item: id.to_string(),
                section: item.section.clone(),
            })?;
        let text =
            Bilingual::from_draft(&item.text, &format!("items[\"{id}\"].text"), ITEM_TEXT_MAX)?;
        section.items.push(Item {
            dimension: dimension.id.clone(),
            id,
            text,
            reverse_keyed: item.reverse_keyed,
            required: item.required,
        });
    }
    if sections.is_empty() {
        return Err(InstrumentError::NoSections);
    }
    if let Some(empty) = sections.iter().find(|section| section.items.is_empty()) {
        return Err(InstrumentError::EmptySection {
            section: empty.id.to_string(),
        });
    }
    let unmeasured = dimensions.iter().find(|dimension| {
        !sections
            .iter()
            .flat_map(|section| &section.items)
            .any(|item| item.dimension == dimension.id)
    });
    if let Some(dimension) = unmeasured {
        return Err(InstrumentError::DimensionWithoutItems {
            dimension: dimension.id.to_string(),
        });
    }
    Ok(sections)
}

fn length_limit(field: &str, value: i64, max: u32) -> Result<u32, InstrumentError> {
    u32::try_from(value)
        .ok()
        .filter(|limit| (1..=max).contains(limit))
        .ok_or_else(|| InstrumentError::LengthLimitOutOfRange {
            field: field.to_owned(),
            value,
            min: 1,
            max,
        })
}

fn barriers(draft: &BarriersDraft) -> Result<Barriers, InstrumentError> {
    let prompt = Bilingual::from_draft(&draft.prompt, "barriers.prompt", PROMPT_MAX)?;
    let mut codes = Vec::with_capacity(draft.codes.len());
    for value in &draft.codes {
        let code =
            BarrierCode::parse(value).ok_or_else(|| InstrumentError::UnknownBarrierCode {
                value: value.clone(),
            })?;
        if codes.contains(&code) {
            return Err(InstrumentError::DuplicateBarrierCode {
                code: code.to_string(),
            });
        }
        codes.push(code);
    }
    if codes.is_empty() {
        return Err(InstrumentError::NoBarrierCodes);
    }
    let other_max_length = match draft.other_max_length {
        Some(value) => length_limit("barriers.other_max_length", value, OTHER_LENGTH_MAX)?,
        None => OTHER_LENGTH_DEFAULT,
    };
    Ok(Barriers {
        prompt,
        codes,
        other_max_length,
    })
}

fn comments(drafts: &[CommentDraft]) -> Result<Vec<CommentQuestion>, InstrumentError> {
    if drafts.len() > COMMENTS_MAX {
        return Err(InstrumentError::TooMany {
            field: "comments".to_owned(),
            count: drafts.len(),
            max: COMMENTS_MAX,
        });
    }
    let mut seen = BTreeSet::new();
    drafts
        .iter()
        .enumerate()
        .map(|(index, draft)| {
            let id = Slug::parse_field(&draft.id, format!("comments[{index}].id"))?;
            unique(&mut seen, &id, "comments")?;
            let prompt = Bilingual::from_draft(
                &draft.prompt,
                &format!("comments[\"{id}\"].prompt"),
                PROMPT_MAX,
            )?;
            let max_length = length_limit(
                &format!("comments[\"{id}\"].max_length"),
                draft.max_length,
                COMMENT_LENGTH_MAX,
            )?;
            Ok(CommentQuestion {
                id,
                prompt,
                max_length,
                required: draft.required,
            })
        })
        .collect()
}
