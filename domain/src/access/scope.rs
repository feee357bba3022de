use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// The units a user's role applies to, already expanded to whole subtrees by the data layer
/// (a leader of a kota sees its kecamatan and kelurahan too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitScope {
    /// The whole organisation (administrators).
    All,
    /// These unit ids and nothing else.
    Units(BTreeSet<i64>),
}

impl UnitScope {
    pub fn contains(&self, unit_id: i64) -> bool {
        match self {
            UnitScope::All => true,
            UnitScope::Units(ids) => ids.contains(&unit_id),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, UnitScope::Units(ids) if ids.is_empty())
    }
}
