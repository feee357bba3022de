//! Evaluating an intervention from the published summaries: difference in differences.
//!
//! A unit's change between two waves mixes the intervention's effect with whatever changed
//! for everyone at the same time (a reform, a new head of the agency, the season). Units
//! without the intervention measure that shared change, and subtracting their change
//! removes it, assuming the target would otherwise have changed like the comparison
//! (parallel trends). The comparison is usually several units, so [`pool`] merges their
//! summaries first; it is exact, so pooling published summaries gives what the raw data
//! would.
//!
//! Waves are anonymous, so the four groups (target and comparison, before and after) are
//! independent samples, and only their gated summaries (n, mean, SD) are kept. The
//! standard error is therefore the unequal-variance one, sqrt(sum s^2 / n) over the four
//! groups, which is what OLS with HC2 errors gives on the raw data, and the degrees of
//! freedom are Welch-Satterthwaite's, generalised from two groups to four: the same
//! reasoning as [`wave_change`](crate::wave_change), which is its two-group case.

use serde::Serialize;

use crate::estimate::descriptive::Descriptive;
use crate::estimate::distributions::{t_975, t_two_sided_p};
use crate::estimate::interval::Interval;

/// What pooling and the difference in differences need of a published summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct GroupSummary {
    pub n: u64,
    pub mean: f64,
    /// Sample standard deviation (n - 1 denominator).
    pub sd: f64,
    /// The mean on 0-100.
    pub index: f64,
}

impl From<&Descriptive> for GroupSummary {
    fn from(d: &Descriptive) -> Self {
        GroupSummary {
            n: d.n,
            mean: d.mean,
            sd: d.sd,
            index: d.index,
        }
    }
}

impl GroupSummary {
    /// Finite mean, index and SD, and a non-negative SD.
    fn is_valid(&self) -> bool {
        self.mean.is_finite() && self.index.is_finite() && self.sd.is_finite() && self.sd >= 0.0
    }

    /// s^2 / n, the squared standard error of the mean; needs n >= 1.
    fn mean_variance(&self) -> f64 {
        self.sd * self.sd / self.n as f64
    }
}

/// The exact summary of the union of disjoint groups (units, or the same unit's parts):
/// n = sum n_i, the n-weighted mean, and the SD from the within-group plus the
/// between-group sums of squares, (sum (n_i - 1) s_i^2 + sum n_i (m_i - M)^2) / (N - 1).
/// The index is the n-weighted mean of the indexes, because it is linear in the mean.
///
/// None for no groups, N < 2 (no SD), or any summary that is not a valid one (non-finite
/// mean, index or SD, negative SD). All groups should be on the same scale.
pub fn pool(groups: &[GroupSummary]) -> Option<GroupSummary> {
    if !groups.iter().all(GroupSummary::is_valid) {
        return None;
    }
    let total = groups
        .iter()
        .try_fold(0u64, |acc, g| acc.checked_add(g.n))?;
    if total < 2 {
        return None;
    }
    let big_n = total as f64;
    let weighted =
        |f: fn(&GroupSummary) -> f64| groups.iter().map(|g| g.n as f64 * f(g)).sum::<f64>() / big_n;
    let mean = weighted(|g| g.mean);
    let index = weighted(|g| g.index);
    let sum_sq: f64 = groups
        .iter()
        .map(|g| {
            let within = g.n.saturating_sub(1) as f64 * g.sd * g.sd;
            let between = g.n as f64 * (g.mean - mean) * (g.mean - mean);
            within + between
        })
        .sum();
    Some(GroupSummary {
        n: total,
        mean,
        sd: (sum_sq / (big_n - 1.0)).sqrt(),
        index,
    })
}

/// The intervention's estimated effect: the target's change minus the comparison's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffInDiff {
    /// target after - target before, on the scale.
    pub target_change: f64,
    /// comparison after - comparison before, on the scale.
    pub comparison_change: f64,
    /// target_change - comparison_change, on the scale.
    pub estimate: f64,
    /// The same on 0-100, from the indexes, in points.
    pub index_estimate: f64,
    /// sqrt(sum s_g^2 / n_g) over the four groups.
    pub standard_error: f64,
    /// Welch-Satterthwaite degrees of freedom over the four groups:
    /// (sum v_g)^2 / sum (v_g^2 / (n_g - 1)) with v_g = s_g^2 / n_g.
    pub df: f64,
    /// estimate / standard_error.
    pub t: f64,
    /// Two-sided p of `t`.
    pub p: f64,
    /// 95% interval of the estimate: estimate ± t(0.975, df) standard_error.
    pub ci: Interval,
}

/// Difference in differences of four independent groups, with its unequal-variance
/// standard error, t test and 95% interval (on the scale; `index_estimate` is the point
/// estimate on 0-100).
///
/// None when undefined: a group with n < 2, all four SDs 0 (no spread to judge the
/// estimate against), or a summary that is not a valid one (non-finite mean, index or
/// SD, negative SD). All four should be on the same scale.
pub fn difference_in_differences(
    target_before: &GroupSummary,
    target_after: &GroupSummary,
    comparison_before: &GroupSummary,
    comparison_after: &GroupSummary,
) -> Option<DiffInDiff> {
    let groups = [
        target_before,
        target_after,
        comparison_before,
        comparison_after,
    ];
    if !groups.iter().all(|g| g.is_valid() && g.n >= 2) {
        return None;
    }
    let variances = groups.map(|g| g.mean_variance());
    let se2: f64 = variances.iter().sum();
    if !(se2 > 0.0 && se2.is_finite()) {
        return None;
    }
    let df_denominator: f64 = groups
        .iter()
        .zip(variances)
        .map(|(g, v)| v * v / (g.n - 1) as f64)
        .sum();
    let df = se2 * se2 / df_denominator;
    let standard_error = se2.sqrt();
    let target_change = target_after.mean - target_before.mean;
    let comparison_change = comparison_after.mean - comparison_before.mean;
    let estimate = target_change - comparison_change;
    let t = estimate / standard_error;
    // A distribution error would mean an invalid df, i.e. an undefined test.
    let p = t_two_sided_p(t, df).ok()?;
    let half = t_975(df).ok()? * standard_error;
    Some(DiffInDiff {
        target_change,
        comparison_change,
        estimate,
        index_estimate: (target_after.index - target_before.index)
            - (comparison_after.index - comparison_before.index),
        standard_error,
        df,
        t,
        p,
        ci: Interval {
            lower: estimate - half,
            upper: estimate + half,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dashboard::wave_change;
    use crate::dashboard::wave_change::tests::summary;

    fn group(n: u64, mean: f64, sd: f64) -> GroupSummary {
        GroupSummary::from(&summary(n, mean, sd))
    }

    #[test]
    fn from_descriptive_keeps_the_summary() {
        let g = group(12, 3.5, 0.75);
        assert_eq!((g.n, g.mean, g.sd, g.index), (12, 3.5, 0.75, 62.5));
    }

    #[test]
    fn pool_undefined_cases() {
        assert_eq!(pool(&[]), None);
        assert_eq!(pool(&[group(1, 3.0, 0.0)]), None);
        assert_eq!(pool(&[group(1, 3.0, 0.0), group(0, 3.0, 0.0)]), None);
        assert_eq!(pool(&[group(5, 3.0, 1.0), group(5, 3.0, -1.0)]), None);
        assert_eq!(pool(&[group(5, 3.0, 1.0), group(5, f64::NAN, 1.0)]), None);
        assert_eq!(pool(&[group(5, 3.0, f64::INFINITY)]), None);
        let bad_index = GroupSummary {
            index: f64::NAN,
            ..group(5, 3.0, 1.0)
        };
        assert_eq!(pool(&[group(5, 3.0, 1.0), bad_index]), None);
        assert_eq!(pool(&[group(u64::MAX, 3.0, 1.0), group(1, 3.0, 0.0)]), None);
    }

    #[test]
    fn pool_is_exact_on_small_groups() {
        // {1, 2, 3} and {5}: n 4, mean 2.75, SD of {1, 2, 3, 5}
        let p = pool(&[group(3, 2.0, 1.0), group(1, 5.0, 0.0)]).expect("defined");
        assert_eq!(p.n, 4);
        assert!((p.mean - 2.75).abs() < 1e-12);
        let sd =
            ((1.75f64.powi(2) + 0.75f64.powi(2) + 0.25f64.powi(2) + 2.25f64.powi(2)) / 3.0).sqrt();
        assert!((p.sd - sd).abs() < 1e-12);
        assert!((p.index - 43.75).abs() < 1e-12);
        // one group pools to itself; empty groups add nothing
        let g = group(7, 3.2, 0.9);
        let alone = pool(&[g, group(0, 1.0, 0.0)]).expect("defined");
        assert_eq!(alone.n, 7);
        assert!((alone.mean - 3.2).abs() < 1e-12 && (alone.sd - 0.9).abs() < 1e-12);
    }

    #[test]
    fn did_undefined_cases() {
        let g = group(10, 3.0, 1.0);
        assert_eq!(
            difference_in_differences(&group(1, 3.0, 0.0), &g, &g, &g),
            None
        );
        assert_eq!(
            difference_in_differences(&g, &g, &g, &group(0, 3.0, 0.0)),
            None
        );
        let flat = group(10, 3.0, 0.0);
        assert_eq!(difference_in_differences(&flat, &flat, &flat, &flat), None);
        assert_eq!(
            difference_in_differences(&g, &group(10, 3.0, -1.0), &g, &g),
            None
        );
        assert_eq!(
            difference_in_differences(&g, &g, &group(10, f64::NAN, 1.0), &g),
            None
        );
        assert_eq!(
            difference_in_differences(&g, &g, &g, &group(10, 3.0, f64::NAN)),
            None
        );
    }

    #[test]
    fn did_direction_index_and_interval() {
        let d = difference_in_differences(
            &group(40, 3.0, 0.8),
            &group(45, 3.6, 0.7),
            &group(120, 3.1, 0.9),
            &group(110, 3.2, 0.9),
        )
        .expect("defined");
        assert!((d.target_change - 0.6).abs() < 1e-12);
        assert!((d.comparison_change - 0.1).abs() < 1e-12);
        assert!((d.estimate - 0.5).abs() < 1e-12 && (d.index_estimate - 12.5).abs() < 1e-9);
        assert!(d.t > 0.0 && d.p < 0.05 && d.ci.lower > 0.0 && d.ci.upper > 0.5);
        assert!(((d.ci.lower + d.ci.upper) / 2.0 - d.estimate).abs() < 1e-12);
        // one group without spread is fine
        let flat = group(5, 3.0, 0.0);
        let d =
            difference_in_differences(&flat, &group(5, 3.5, 1.0), &flat, &flat).expect("defined");
        assert!(d.p > 0.0 && d.p < 1.0);
    }

    /// With a comparison that cannot vary (huge n, SD 0 before and after, same mean) the
    /// estimate is the target's wave change and the test is Welch's.
    #[test]
    fn reduces_to_the_wave_change() {
        let (before, after) = (summary(12, 3.1, 0.8), summary(15, 3.6, 1.1));
        let flat = group(1000, 3.0, 0.0);
        let d = difference_in_differences(&(&before).into(), &(&after).into(), &flat, &flat)
            .expect("defined");
        let w = wave_change(&before, &after).expect("defined");
        assert!((d.estimate - w.mean_difference).abs() < 1e-12);
        assert!((d.index_estimate - w.index_difference).abs() < 1e-9);
        assert!((d.t - w.welch_t).abs() < 1e-12 && (d.df - w.df).abs() < 1e-9);
        assert!((d.p - w.p).abs() < 1e-12);
        assert!((d.ci.lower - w.ci.lower).abs() < 1e-12);
    }
}
