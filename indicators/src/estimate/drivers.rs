//! Key drivers: how strongly each dimension moves with overall readiness.
//!
//! Pearson correlations of each dimension score with the outcome, over respondents who
//! have a score on every dimension (one complete-case set for all drivers, so they are
//! comparable). The outcome is either overall readiness, the mean of all dimension
//! scores (so each dimension is part of its outcome: part-whole correlations, fine for
//! ranking), or one chosen dimension (which is then not its own driver).

use serde::Serialize;

use crate::error::Result;
use crate::estimate::distributions::t_two_sided_p;
use crate::instrument::{DimensionIndex, Instrument};
use crate::stats::cross_products::CrossProducts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriverOutcome {
    /// Mean of all dimension scores.
    OverallReadiness,
    Dimension(DimensionIndex),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyDrivers {
    /// Respondents with every dimension score.
    pub n: u64,
    /// "overall_readiness" or the outcome dimension's id.
    pub outcome: String,
    pub drivers: Vec<Driver>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Driver {
    pub dimension_id: String,
    /// None when the dimension or the outcome has no variance.
    pub r: Option<f64>,
    /// Two-sided p of r (t = r sqrt((n-2)/(1-r^2)), n-2 df), as scipy.stats.pearsonr.
    pub p: Option<f64>,
}

pub(crate) fn key_drivers(
    scores: &CrossProducts,
    instrument: &Instrument,
    outcome: DriverOutcome,
) -> Result<KeyDrivers> {
    let dims = instrument.dimensions();
    let k = dims.len();
    let n = scores.n();
    // Covariances in score units, up to the common factor 1 / (n (n - 1)).
    let cov = |i: usize, j: usize| {
        scores.covariance_numerator(i, j) as f64
            / dims[i].denominator() as f64
            / dims[j].denominator() as f64
    };
    // Weights w of the outcome as a combination of dimension scores.
    let weights: Vec<f64> = (0..k)
        .map(|j| match outcome {
            DriverOutcome::OverallReadiness => 1.0 / k as f64,
            DriverOutcome::Dimension(d) => f64::from(u8::from(d.0 == j)),
        })
        .collect();
    let outcome_var: f64 = (0..k)
        .flat_map(|i| (0..k).map(move |j| (i, j)))
        .map(|(i, j)| weights[i] * weights[j] * cov(i, j))
        .sum();
    let mut drivers = Vec::with_capacity(k);
    for (i, dim) in dims.iter().enumerate() {
        if matches!(outcome, DriverOutcome::Dimension(d) if d.0 == i) {
            continue;
        }
        let with_outcome: f64 = (0..k).map(|j| weights[j] * cov(i, j)).sum();
        let var = cov(i, i);
        let r = (n >= 2 && var > 0.0 && outcome_var > 0.0)
            .then(|| (with_outcome / (var * outcome_var).sqrt()).clamp(-1.0, 1.0));
        let p = match r {
            Some(r) if n >= 3 => Some(correlation_p(r, n)?),
            _ => None,
        };
        drivers.push(Driver {
            dimension_id: dim.id().to_owned(),
            r,
            p,
        });
    }
    Ok(KeyDrivers {
        n,
        outcome: match outcome {
            DriverOutcome::OverallReadiness => "overall_readiness".to_owned(),
            DriverOutcome::Dimension(d) => instrument.dimension_at(d)?.id().to_owned(),
        },
        drivers,
    })
}

fn correlation_p(r: f64, n: u64) -> Result<f64> {
    let df = (n - 2) as f64;
    if r.abs() >= 1.0 {
        return Ok(0.0);
    }
    t_two_sided_p(r * (df / (1.0 - r * r)).sqrt(), df)
}
