//! Siap's indicator engine: readiness-for-change statistics per unit, wave and
//! dimension. Pure functions, no I/O.
//!
//! Flow: build an [`Instrument`], accumulate responses into [`GroupStats`] (one per
//! unit and wave; merge them for parents and the organisation — merging is exact), then
//! ask the gated functions in [`report`] for figures. Everything they return is wrapped
//! in [`Suppressible`]: a group below the [`Threshold`] yields `Suppressed` with no
//! numbers at all. For unit trees, [`plan_disclosure`] adds complementary suppression;
//! for filtered queries, [`check_difference`] guards against differencing.
//!
//! Formulas, the missing-data rule and the suppression rules are in README.md.

pub mod compare;
pub mod dashboard;
pub mod error;
pub mod estimate;
pub mod instrument;
pub mod organisation;
pub mod report;
pub mod scale;
pub mod stats;
pub mod suppression;

pub use compare::{benjamini_hochberg, holm};
pub use dashboard::{
    assess_risk, barrier_from_means, barrier_shares, stage_means, wave_change, BarrierShare,
    BarrierTally, DimensionRiskInput, RiskInput, RiskReason, WaveChange, DEFAULT_RISK_INDEX,
};
pub use error::{IndicatorError, Result};
pub use estimate::{first_barrier, AdoptionStage, DriverOutcome, Headcount, StageDimensions};
pub use instrument::{Dimension, DimensionIndex, Instrument, Item, ItemIndex, Variable};
pub use organisation::{
    IndicatorFilter, Organisation, OrganisationError, OrganisationIndicators, Scope, UnitIndicators,
};
pub use report::{
    barrier_point, compare_units, compare_waves, group_report, key_drivers, unit_agreement,
    units_vs_rest,
};
pub use scale::Scale;
pub use stats::GroupStats;
pub use suppression::{
    check_difference, check_overlap, plan_disclosure, Disclosure, Suppressible, Threshold,
    UnitNode, UnitTree,
};
