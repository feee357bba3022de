//! Unit-level analyses: aggregation statistics, key drivers, adoption-stage barriers.

use crate::error::Result;
use crate::estimate::agreement::{intraclass_correlation, IntraclassCorrelation};
use crate::estimate::drivers::{self, DriverOutcome, KeyDrivers};
use crate::estimate::stages::AdoptionStage;
use crate::estimate::stages::{first_barrier, BarrierPoint, StageDimensions, StageMean};
use crate::instrument::{Instrument, Variable};
use crate::report::comparison::tallies;
use crate::stats::{GroupStats, Moments};
use crate::suppression::{Suppressible, Threshold};

/// ICC(1) and ICC(2) of a variable across units (may unit means stand for their
/// members?). Suppressed when a unit has fewer answers than the threshold; `None`
/// inside when undefined (fewer than 2 units, no between-unit variance).
pub fn unit_agreement(
    instrument: &Instrument,
    units: &[&GroupStats],
    variable: Variable,
    threshold: Threshold,
) -> Result<Suppressible<Option<IntraclassCorrelation>>> {
    let tallies = tallies(instrument, units, variable)?;
    let smallest = tallies.iter().map(|t| t.n()).min().unwrap_or(0);
    threshold.try_gate(smallest, || {
        let moments: Vec<Moments> = tallies.iter().map(|t| t.moments()).collect();
        intraclass_correlation(&moments)
    })
}

/// Correlations of each dimension with the outcome, in one group. Gated on the number
/// of respondents with every dimension score.
pub fn key_drivers(
    instrument: &Instrument,
    stats: &GroupStats,
    outcome: DriverOutcome,
    threshold: Threshold,
) -> Result<Suppressible<KeyDrivers>> {
    stats.check(instrument)?;
    if let DriverOutcome::Dimension(d) = outcome {
        instrument.dimension_at(d)?;
    }
    threshold.try_gate(stats.drivers().n(), || {
        drivers::key_drivers(stats.drivers(), instrument, outcome)
    })
}

/// Stage means of a group and the first barrier point. Gated on the smallest number of
/// scores among the five stage dimensions.
pub fn barrier_point(
    instrument: &Instrument,
    stats: &GroupStats,
    stages: &StageDimensions,
    threshold: Threshold,
) -> Result<Suppressible<BarrierPoint>> {
    stats.check(instrument)?;
    let dims = stages.in_sequence();
    let mut scores = Vec::with_capacity(dims.len());
    for d in dims {
        scores.push(&stats.dimension(d)?.scores);
    }
    let smallest = scores.iter().map(|t| t.n()).min().unwrap_or(0);
    Ok(threshold.gate(smallest, || {
        let mut means = [0.0; 5];
        for (mean, tally) in means.iter_mut().zip(&scores) {
            *mean = tally.moments().mean().expect("gated, n > 0");
        }
        let scale = instrument.scale();
        BarrierPoint {
            stages: AdoptionStage::SEQUENCE
                .into_iter()
                .zip(means)
                .map(|(stage, mean)| StageMean { stage, mean })
                .collect(),
            cutoff: scale.midpoint(),
            first_barrier: first_barrier(scale, means),
        }
    }))
}
