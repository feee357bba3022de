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

/// None when a sample has n < 2 or both have zero variance.
pub(crate) fn welch_t(a: &Moments, b: &Moments) -> Result<Option<WelchT>> {
    let (Some(ma), Some(va), Some(mb), Some(vb)) = (a.mean(), a.variance(), b.mean(), b.variance())
    else {
        return Ok(None);
    };
    let (na, nb) = (a.n() as f64, b.n() as f64);
    let (sa, sb) = (va / na, vb / nb);
    let se2 = sa + sb;
    if se2 <= 0.0 {
        return Ok(None);
    }
    let t = (ma - mb) / se2.sqrt();
    let df = se2 * se2 / (sa * sa / (na - 1.0) + sb * sb / (nb - 1.0));
    Ok(Some(WelchT {
        mean_difference: ma - mb,
        t,
        df,
        p: t_two_sided_p(t, df)?,
    }))
}

/// Hedges' g of later - earlier: Cohen's d with the pooled SD, times the small-sample
/// correction 1 - 3 / (4 (n1 + n2) - 9). None when n1 + n2 < 3 or the pooled SD is 0.
pub(crate) fn hedges_g(earlier: &Moments, later: &Moments) -> Option<f64> {
    let (n1, n2) = (earlier.n(), later.n());
    if n1 == 0 || n2 == 0 || n1 + n2 < 3 {
        return None;
    }
    let pooled_var =
        (earlier.sum_sq_deviations() + later.sum_sq_deviations()) / (n1 + n2 - 2) as f64;
    if pooled_var <= 0.0 {
        return None;
    }
    let d = (later.mean()? - earlier.mean()?) / pooled_var.sqrt();
    Some(d * (1.0 - 3.0 / (4.0 * (n1 + n2) as f64 - 9.0)))
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
    fn one_zero_variance_sample_is_fine() {
        let t = welch_t(&moments(&[2, 2, 2]), &moments(&[1, 2, 3]))
            .expect("valid")
            .expect("defined");
        assert_eq!(t.mean_difference, 0.0);
        assert_eq!(t.p, 1.0);
    }
}
