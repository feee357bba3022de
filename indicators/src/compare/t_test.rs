//! Two independent samples: Welch's t test and Hedges' g.

use serde::Serialize;

use crate::error::Result;
use crate::estimate::distributions::t_two_sided_p;
use crate::stats::Moments;

/// Welch's unequal-variance t test of mean(a) - mean(b), two-sided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WelchT {
    pub mean_difference: f64,
    pub t: f64,
    /// Welch-Satterthwaite degrees of freedom.
    pub df: f64,
    pub p: f64,
}

/// What Welch's t and Hedges' g need of one sample: n, mean and the sum of squared
/// deviations from the mean. Built from exact [`Moments`] for raw-data comparisons, or from
/// a published summary (n, mean, SD) when only gated figures are at hand (the dashboard's
/// wave change), so that both paths share one implementation of the formulas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sample {
    pub(crate) n: u64,
    pub(crate) mean: f64,
    /// Sum of squared deviations from the mean, in value units (0 for n = 1).
    pub(crate) sum_sq_deviations: f64,
}

impl Sample {
    /// None when n = 0 (no mean).
    pub(crate) fn from_moments(m: &Moments) -> Option<Sample> {
        Some(Sample {
            n: m.n(),
            mean: m.mean()?,
            sum_sq_deviations: m.sum_sq_deviations(),
        })
    }

    /// From n, mean and the sample SD (n - 1 denominator), as a summary publishes them.
    pub(crate) fn from_summary(n: u64, mean: f64, sd: f64) -> Sample {
        Sample {
            n,
            mean,
            sum_sq_deviations: sd * sd * n.saturating_sub(1) as f64,
        }
    }

    /// Sample variance (n - 1 denominator); needs n >= 2.
    fn variance(&self) -> Option<f64> {
        (self.n >= 2).then(|| self.sum_sq_deviations / (self.n - 1) as f64)
    }
}

/// Welch's t of mean(a) - mean(b) with its standard error, which the dashboard needs for
/// the interval of the difference.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WelchFit {
    pub(crate) test: WelchT,
    /// sqrt(s_a^2 / n_a + s_b^2 / n_b).
    pub(crate) standard_error: f64,
}

/// None when a sample has n < 2 or both have zero variance.
pub(crate) fn welch_fit(a: &Sample, b: &Sample) -> Result<Option<WelchFit>> {
    let (Some(va), Some(vb)) = (a.variance(), b.variance()) else {
        return Ok(None);
    };
    let (na, nb) = (a.n as f64, b.n as f64);
    let (sa, sb) = (va / na, vb / nb);
    let se2 = sa + sb;
    if se2 <= 0.0 {
        return Ok(None);
    }
    let standard_error = se2.sqrt();
    let t = (a.mean - b.mean) / standard_error;
    let df = se2 * se2 / (sa * sa / (na - 1.0) + sb * sb / (nb - 1.0));
    Ok(Some(WelchFit {
        test: WelchT {
            mean_difference: a.mean - b.mean,
            t,
            df,
            p: t_two_sided_p(t, df)?,
        },
        standard_error,
    }))
}

/// None when a sample has n < 2 or both have zero variance.
pub(crate) fn welch_t(a: &Moments, b: &Moments) -> Result<Option<WelchT>> {
    let (Some(a), Some(b)) = (Sample::from_moments(a), Sample::from_moments(b)) else {
        return Ok(None);
    };
    Ok(welch_fit(&a, &b)?.map(|fit| fit.test))
}

/// Hedges' g of later - earlier: Cohen's d with the pooled SD, times the small-sample
/// correction 1 - 3 / (4 (n1 + n2) - 9). None when n1 + n2 < 3 or the pooled SD is 0.
pub(crate) fn hedges_g_of(earlier: &Sample, later: &Sample) -> Option<f64> {
    let (n1, n2) = (earlier.n, later.n);
    if n1 == 0 || n2 == 0 || n1 + n2 < 3 {
        return None;
    }
    let pooled_var = (earlier.sum_sq_deviations + later.sum_sq_deviations) / (n1 + n2 - 2) as f64;
    if pooled_var <= 0.0 {
        return None;
    }
    let d = (later.mean - earlier.mean) / pooled_var.sqrt();
    Some(d * (1.0 - 3.0 / (4.0 * (n1 + n2) as f64 - 9.0)))
}

/// [`hedges_g_of`] on exact moments.
pub(crate) fn hedges_g(earlier: &Moments, later: &Moments) -> Option<f64> {
    hedges_g_of(
        &Sample::from_moments(earlier)?,
        &Sample::from_moments(later)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(values: &[u64]) -> Moments {
        let mut m = Moments::new(1, 1);
        for &v in values {
            m.add_many(v - 1, 1);
        }
        m
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(welch_t(&moments(&[1]), &moments(&[1, 2])), Ok(None));
        assert_eq!(welch_t(&moments(&[2, 2]), &moments(&[3, 3])), Ok(None));
        assert_eq!(hedges_g(&moments(&[2, 2]), &moments(&[2, 2])), None);
        assert_eq!(hedges_g(&moments(&[]), &moments(&[2, 3])), None);
    }

    #[test]
    fn summary_and_moments_give_the_same_tests() {
        let (a, b) = (moments(&[1, 2, 2, 3, 5]), moments(&[2, 4, 4, 5]));
        let summary = |m: &Moments| {
            Sample::from_summary(m.n(), m.mean().expect("n > 0"), m.sd().expect("n > 1"))
        };
        let exact = welch_t(&a, &b).expect("valid").expect("defined");
        let fit = welch_fit(&summary(&a), &summary(&b))
            .expect("valid")
            .expect("defined");
        assert!((fit.test.t - exact.t).abs() < 1e-12 && (fit.test.df - exact.df).abs() < 1e-12);
        assert!((fit.test.t * fit.standard_error - exact.mean_difference).abs() < 1e-12);
        let g = hedges_g(&a, &b).expect("defined");
        let from_summary = hedges_g_of(&summary(&a), &summary(&b)).expect("defined");
        assert!((g - from_summary).abs() < 1e-12);
        assert_eq!(Sample::from_summary(1, 3.0, 0.0).variance(), None);
    }

    #[test]
    fn one_zero_variance_sample_is_fine() {
        let t = welch_t(&moments(&[2, 2, 2]), &moments(&[1, 2, 3]))
            .expect("valid")
            .expect("defined");
        assert_eq!(t.mean_difference, 0.0);
        assert_eq!(t.p, 1.0);
    }
}
