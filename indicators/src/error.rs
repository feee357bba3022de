//! The engine's single error type.

use thiserror::Error;

/// Everything that can go wrong in the engine. Statistical quantities that are merely
/// undefined for the data at hand (zero variance, too few groups) are not errors: they
/// appear as `None` inside the output types.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum IndicatorError {
    #[error("a scale needs 4 to 7 points, got {min}..={max}")]
    InvalidScale { min: u8, max: u8 },

    #[error("the instrument has no items")]
    EmptyInstrument,

    #[error("item id {0:?} appears more than once")]
    DuplicateItem(String),

    #[error("dimension {dimension:?} has {items} items; at most {max} are supported")]
    DimensionTooLarge {
        dimension: String,
        items: usize,
        max: usize,
    },

    #[error("the instrument has {dimensions} dimensions; at most {max} are supported")]
    TooManyDimensions { dimensions: usize, max: usize },

    #[error("unknown item {0:?}")]
    UnknownItem(String),

    #[error("unknown dimension {0:?}")]
    UnknownDimension(String),

    #[error("expected {expected} answers (one per item, in instrument order), got {got}")]
    AnswerCount { expected: usize, got: usize },

    #[error("answer {value} to item {item:?} is outside the scale {min}..={max}")]
    AnswerOutOfScale {
        item: String,
        value: u8,
        min: u8,
        max: u8,
    },

    #[error("statistics were accumulated for a different instrument")]
    InstrumentMismatch,

    #[error("the subtracted statistics are not contained in the whole")]
    NotASubset,

    #[error("anonymity threshold {0} is below the minimum of {min}", min = crate::suppression::Threshold::MINIMUM)]
    ThresholdTooLow(u32),

    #[error("a headcount must be at least 1")]
    ZeroHeadcount,

    #[error("p-value {0} is not in [0, 1]")]
    InvalidPValue(f64),

    #[error("unit {node}: its parent {parent} must be listed before it")]
    ParentNotBefore { node: usize, parent: usize },

    #[error("unit {node} has fewer respondents than its children together")]
    ChildrenExceedParent { node: usize },

    #[error("probability distribution: {0}")]
    Distribution(String),
}

pub type Result<T> = std::result::Result<T, IndicatorError>;
