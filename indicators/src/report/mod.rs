//! Threshold-gated entry points: the only way figures leave the engine.

mod comparison;
mod group;
mod unit_level;

pub use comparison::{
    compare_units, compare_waves, units_vs_rest, UnitComparison, UnitVsRest, WaveComparison,
};
pub use group::{
    group_report, DimensionReport, GroupReport, ItemReport, ResponseRate, VariableSummary,
};
pub use unit_level::{barrier_point, key_drivers, unit_agreement};
