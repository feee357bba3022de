//! Confidence intervals: mean (t, optional finite-population correction), proportion
//! (Wilson), difference of proportions (Newcombe).

use serde::{Deserialize, Serialize};

use crate::error::{IndicatorError, Result};
use crate::estimate::distributions::{normal_975, t_975};

/// Confidence level of every interval the engine reports.
pub const CONFIDENCE: f64 = 0.95;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
}

/// Number of people a group could have answered (the unit's headcount), for response
/// rates and the finite-population correction. At least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u64", into = "u64")]
pub struct Headcount(u64);

impl Headcount {
    pub fn new(value: u64) -> Result<Self> {
        if value == 0 {
            Err(IndicatorError::ZeroHeadcount)
        } else {
            Ok(Self(value))
        }
    }

    pub fn get(self) -> u64 {
        self.0
    }
}

impl TryFrom<u64> for Headcount {
    type Error = IndicatorError;
    fn try_from(value: u64) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Headcount> for u64 {
    fn from(h: Headcount) -> u64 {
        h.0
    }
}

/// How the interval of a mean was computed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeanIntervalMethod {
    /// mean ± t(0.975, n-1) s / sqrt(n): headcount unknown, or fewer people counted
    /// than responded (a stale headcount), where the correction is meaningless.
    Student,
    /// The same with the standard error times sqrt((N - n) / (N - 1)): a census-style
    /// survey of a known population N; the interval shrinks to the mean when n = N.
    StudentFinitePopulation { headcount: u64, correction: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MeanInterval {
    pub lower: f64,
    pub upper: f64,
    pub method: MeanIntervalMethod,
}

/// 95% interval of a mean from n >= 2, mean and sample SD.
pub(crate) fn mean_interval(
    n: u64,
    mean: f64,
    sd: f64,
    headcount: Option<Headcount>,
) -> Result<MeanInterval> {
    let t = t_975((n - 1) as f64)?;
    let mut half = t * sd / (n as f64).sqrt();
    let method = match headcount {
        // N = 1 with n <= N means n <= 1, excluded by the caller (n >= 2).
        Some(h) if n <= h.get() && h.get() > 1 => {
            let big_n = h.get() as f64;
            let correction = ((big_n - n as f64) / (big_n - 1.0)).sqrt();
            half *= correction;
            MeanIntervalMethod::StudentFinitePopulation {
                headcount: h.get(),
                correction,
            }
        }
        _ => MeanIntervalMethod::Student,
    };
    Ok(MeanInterval {
        lower: mean - half,
        upper: mean + half,
        method,
    })
}

/// Wilson score 95% interval for `count` successes out of `n` >= 1 (Wilson 1927).
/// Unlike the Wald interval it stays inside [0, 1] and is sensible at 0% and 100%.
pub(crate) fn wilson(count: u64, n: u64) -> Result<Interval> {
    let z = normal_975()?;
    let n = n as f64;
    let p = count as f64 / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denominator;
    Ok(Interval {
        lower: centre - half,
        upper: centre + half,
    })
}

/// Difference p_later - p_earlier of two independent proportions with the Newcombe
/// (1998, method 10) hybrid score interval built from the two Wilson intervals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProportionDifference {
    pub earlier: f64,
    pub later: f64,
    pub difference: f64,
    pub ci: Interval,
}

pub(crate) fn newcombe(
    count_earlier: u64,
    n_earlier: u64,
    count_later: u64,
    n_later: u64,
) -> Result<ProportionDifference> {
    let (p1, p2) = (
        count_earlier as f64 / n_earlier as f64,
        count_later as f64 / n_later as f64,
    );
    let w1 = wilson(count_earlier, n_earlier)?;
    let w2 = wilson(count_later, n_later)?;
    let d = p2 - p1;
    Ok(ProportionDifference {
        earlier: p1,
        later: p2,
        difference: d,
        ci: Interval {
            lower: d - ((p2 - w2.lower).powi(2) + (w1.upper - p1).powi(2)).sqrt(),
            upper: d + ((w2.upper - p2).powi(2) + (p1 - w1.lower).powi(2)).sqrt(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_at_the_edges() {
        let w = wilson(0, 10).expect("valid");
        assert!(w.lower.abs() < 1e-15 && w.upper > 0.0 && w.upper < 0.35);
        let w = wilson(10, 10).expect("valid");
        assert!((w.upper - 1.0).abs() < 1e-15);
    }

    #[test]
    fn census_interval_collapses() {
        let h = Headcount::new(8).expect("valid");
        let ci = mean_interval(8, 3.0, 1.0, Some(h)).expect("valid");
        assert_eq!((ci.lower, ci.upper), (3.0, 3.0));
        assert!(matches!(
            ci.method,
            MeanIntervalMethod::StudentFinitePopulation { correction, .. } if correction == 0.0
        ));
        // more respondents than the headcount: no correction
        let ci = mean_interval(9, 3.0, 1.0, Some(h)).expect("valid");
        assert_eq!(ci.method, MeanIntervalMethod::Student);
        // zero SD: zero-width interval
        let ci = mean_interval(5, 2.0, 0.0, None).expect("valid");
        assert_eq!((ci.lower, ci.upper), (2.0, 2.0));
        assert_eq!(Headcount::new(0), Err(IndicatorError::ZeroHeadcount));
    }
}
