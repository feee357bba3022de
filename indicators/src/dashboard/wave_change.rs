//! Change between two waves from the published summaries alone.
//!
//! Waves are anonymous, so their respondents cannot be linked: the waves are independent
//! samples. The dashboard keeps only each wave's gated summary (n, mean, SD), not the raw
//! data, so the test is Welch's t from summary statistics. It shares its formulas with
//! [`compare_waves`](crate::compare_waves), which works on the raw (exact) statistics.

use serde::Serialize;

use crate::compare::t_test::{hedges_g_of, welch_fit, Sample};
use crate::estimate::descriptive::Descriptive;
use crate::estimate::distributions::t_975;
use crate::estimate::interval::Interval;

/// Later wave minus earlier wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveChange {
    /// later mean - earlier mean, on the scale.
    pub mean_difference: f64,
    /// later index - earlier index, in points on 0-100.
    pub index_difference: f64,
    /// Welch's t of the mean difference.
    pub welch_t: f64,
    /// Welch-Satterthwaite degrees of freedom.
    pub df: f64,
    /// Two-sided p of `welch_t`.
    pub p: f64,
    /// Hedges' g: the difference over the pooled SD, times 1 - 3 / (4 (n1 + n2) - 9).
    pub hedges_g: f64,
    /// 95% interval of the mean difference: difference ± t(0.975, df) SE, with the
    /// Welch standard error and degrees of freedom.
    pub ci: Interval,
}

/// Welch's t test, Hedges' g and the interval of the change from `earlier` to `later`.
///
/// None when undefined: a wave with n < 2, both SDs 0 (no spread to compare against), or
/// a summary that is not a valid one (non-finite mean, index or SD, negative SD). Both
/// summaries should be on the same scale; the index difference stays meaningful even if
/// the scale changed, the mean difference and g do not.
pub fn wave_change(earlier: &Descriptive, later: &Descriptive) -> Option<WaveChange> {
    let valid = |d: &Descriptive| {
        d.mean.is_finite() && d.index.is_finite() && d.sd.is_finite() && d.sd >= 0.0
    };
    if !(valid(earlier) && valid(later)) {
        return None;
    }
    let before = Sample::from_summary(earlier.n, earlier.mean, earlier.sd);
    let after = Sample::from_summary(later.n, later.mean, later.sd);
    // A distribution error would mean an invalid df, i.e. an undefined test.
    let fit = welch_fit(&after, &before).ok()??;
    let hedges_g = hedges_g_of(&before, &after)?;
    let half = t_975(fit.test.df).ok()? * fit.standard_error;
    let difference = fit.test.mean_difference;
    Some(WaveChange {
        mean_difference: difference,
        index_difference: later.index - earlier.index,
        welch_t: fit.test.t,
        df: fit.test.df,
        p: fit.test.p,
        hedges_g,
        ci: Interval {
            lower: difference - half,
            upper: difference + half,
        },
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::estimate::interval::{MeanInterval, MeanIntervalMethod};
    use crate::scale::Scale;

    /// A summary as a visible report would carry it (1-5 scale; only n, mean, SD and
    /// index matter here).
    pub(crate) fn summary(n: u64, mean: f64, sd: f64) -> Descriptive {
        let scale = Scale::new(1, 5).expect("valid");
        Descriptive {
            n,
            mean,
            sd,
            median: mean,
            q1: mean,
            q3: mean,
            iqr: 0.0,
            index: scale.index(mean),
            mean_ci: MeanInterval {
                lower: mean,
                upper: mean,
                method: MeanIntervalMethod::Student,
            },
        }
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(
            wave_change(&summary(1, 3.0, 0.0), &summary(10, 3.5, 1.0)),
            None
        );
        assert_eq!(
            wave_change(&summary(10, 3.0, 0.0), &summary(10, 3.5, 0.0)),
            None
        );
        assert_eq!(
            wave_change(&summary(10, 3.0, -1.0), &summary(10, 3.5, 1.0)),
            None
        );
        assert_eq!(
            wave_change(&summary(10, f64::NAN, 1.0), &summary(10, 3.5, 1.0)),
            None
        );
    }

    #[test]
    fn direction_index_and_interval() {
        let c = wave_change(&summary(40, 3.5, 0.8), &summary(50, 3.0, 0.9)).expect("defined");
        assert!(c.mean_difference < 0.0 && c.welch_t < 0.0 && c.hedges_g < 0.0);
        assert!((c.index_difference - -12.5).abs() < 1e-12);
        assert!(c.ci.lower < -0.5 && c.ci.upper < 0.0 && c.ci.upper > -0.5);
        assert!(((c.ci.lower + c.ci.upper) / 2.0 - c.mean_difference).abs() < 1e-12);
        // one wave without spread is fine
        let c = wave_change(&summary(5, 4.0, 0.0), &summary(5, 3.0, 1.0)).expect("defined");
        assert!(c.p > 0.0 && c.p < 1.0);
    }
}
