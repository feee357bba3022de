//! The two groups reported for every unit.

use serde::{Deserialize, Serialize};

/// Whose answers a figure is about.
///
/// - `Unit`: the unit's own respondents (those who answered in it, not in a child unit);
/// - `Subtree`: the unit and all its descendants, e.g. a kecamatan with its kelurahan.
///
/// For a unit without children both are the same group and get the same figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Unit,
    Subtree,
}

impl Scope {
    pub const BOTH: [Scope; 2] = [Scope::Unit, Scope::Subtree];
}
