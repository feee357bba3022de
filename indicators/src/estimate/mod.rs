//! Estimates computed from sufficient statistics: descriptives, intervals, reliability,
//! agreement, key drivers, adoption stages.

pub(crate) mod agreement;
pub(crate) mod descriptive;
pub(crate) mod distributions;
pub(crate) mod drivers;
pub(crate) mod interval;
pub(crate) mod reliability;
pub(crate) mod stages;

pub use agreement::{IntraclassCorrelation, Rwg};
pub use descriptive::{Descriptive, Favourable, LevelCount};
pub use drivers::{Driver, DriverOutcome, KeyDrivers};
pub use interval::{
    Headcount, Interval, MeanInterval, MeanIntervalMethod, ProportionDifference, CONFIDENCE,
};
pub use reliability::{ItemReliability, Reliability};
pub use stages::{first_barrier, AdoptionStage, BarrierPoint, StageDimensions, StageMean};
