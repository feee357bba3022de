//! The organisation pipeline's error type.

use domain::units::UnitCode;
use thiserror::Error;

use crate::error::IndicatorError;

/// What can go wrong when building or updating an organisation's indicators. Answer
/// problems (wrong length, off the scale) come from the engine as [`IndicatorError`].
#[derive(Debug, Clone, PartialEq, Error)]
pub enum OrganisationError {
    #[error("the organisation has no units")]
    NoUnits,

    #[error("unit code {0} appears more than once")]
    DuplicateUnit(UnitCode),

    #[error("unit {code}: its parent {parent} is not in the organisation")]
    UnknownParent { code: UnitCode, parent: UnitCode },

    #[error("unit {0} is its own ancestor (the parents form a cycle)")]
    Cycle(UnitCode),

    #[error("the organisation has two top units, {first} and {second}; it needs exactly one")]
    SeveralRoots { first: UnitCode, second: UnitCode },

    #[error("unit {0} is not in the organisation")]
    UnknownUnit(String),

    #[error("dimension {0:?} is not in the instrument")]
    UnknownDimension(String),

    #[error(transparent)]
    Indicator(#[from] IndicatorError),
}
