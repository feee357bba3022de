//! Dimensions: what a group of items measures, and which way its score points.

use serde::Serialize;

use super::construct::Construct;
use super::slug::Slug;
use super::text::Bilingual;

/// A validated dimension of an instrument. Built only by validating a whole instrument, because
/// its rules (unique id, unique construct, at least one item) involve the other parts.
///
/// Scoring convention: after reverse keying, a higher item score always means *more ready*,
/// for every built-in construct, resistance facets included. Resistance-worded items
/// ("I prefer the old procedure") are therefore reverse-keyed, and the dimension is named
/// after its ready pole ("openness to new routines"). Only a `custom` dimension may declare
/// `higher_is_more_ready = false`, for descriptive scales that are not about readiness.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dimension {
    pub(super) id: Slug,
    pub(super) construct: Construct,
    pub(super) name: Bilingual,
    pub(super) higher_is_more_ready: bool,
}

impl Dimension {
    /// The id items refer to.
    pub fn id(&self) -> &Slug {
        &self.id
    }

    /// What it measures.
    pub fn construct(&self) -> Construct {
        self.construct
    }

    /// Its name, after the "ready" pole for resistance facets.
    pub fn name(&self) -> &Bilingual {
        &self.name
    }

    /// Whether a higher scored value means more ready: true for every built-in construct.
    pub fn higher_is_more_ready(&self) -> bool {
        self.higher_is_more_ready
    }
}
