//! An organisational unit: one node of the organisation tree.

use serde::{Deserialize, Serialize};

use super::{Headcount, UnitCode, UnitKind, UnitName};

/// A unit of the organisation. Every field is already validated by its type; the rules that
/// span units (known parent, one root, no cycles) belong to the tree and are checked on import.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unit {
    pub code: UnitCode,
    pub name: UnitName,
    pub kind: UnitKind,
    /// `None` for the root of the organisation.
    pub parent: Option<UnitCode>,
    pub headcount: Headcount,
}
