//! One-way ANOVA (with eta squared) and Welch's heteroscedastic ANOVA, from per-group
//! moments.

use serde::Serialize;

use crate::error::Result;
use crate::estimate::distributions::f_upper_p;
use crate::stats::Moments;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Anova {
    pub f: f64,
    pub df_between: f64,
    pub df_within: f64,
    pub p: f64,
    /// SS_between / SS_total.
    pub eta_squared: f64,
}

/// Welch (1951): groups weighted by n_i / s_i^2; robust to unequal variances.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WelchAnova {
    pub f: f64,
    pub df1: f64,
    pub df2: f64,
    pub p: f64,
}

/// Sums of squares of a one-way layout (also the basis of ICC(1)/ICC(2)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct OneWay {
    pub(crate) groups: usize,
    pub(crate) n: u64,
    pub(crate) ss_between: f64,
    pub(crate) ss_within: f64,
    pub(crate) ss_total: f64,
}

impl OneWay {
    /// None with fewer than 2 groups, an empty group, or no residual degrees of freedom.
    pub(crate) fn new(groups: &[Moments]) -> Result<Option<Self>> {
        let (first, rest) = match groups.split_first() {
            Some(split) if groups.len() >= 2 => split,
            _ => return Ok(None),
        };
        if groups.iter().any(|g| g.n() == 0) {
            return Ok(None);
        }
        let mut pooled = first.clone();
        for g in rest {
            pooled.merge(g)?;
        }
        let n = pooled.n();
        if n <= groups.len() as u64 {
            return Ok(None);
        }
        let grand = pooled.mean().unwrap_or_default();
        let ss_between = groups
            .iter()
            .map(|g| g.n() as f64 * (g.mean().unwrap_or_default() - grand).powi(2))
            .sum();
        let ss_within = groups.iter().map(Moments::sum_sq_deviations).sum();
        Ok(Some(Self {
            groups: groups.len(),
            n,
            ss_between,
            ss_within,
            ss_total: pooled.sum_sq_deviations(),
        }))
    }

    pub(crate) fn df_between(&self) -> f64 {
        (self.groups - 1) as f64
    }

    pub(crate) fn df_within(&self) -> f64 {
        (self.n - self.groups as u64) as f64
    }

    pub(crate) fn ms_between(&self) -> f64 {
        self.ss_between / self.df_between()
    }

    pub(crate) fn ms_within(&self) -> f64 {
        self.ss_within / self.df_within()
    }
}

/// None when undefined (see [`OneWay::new`]) or when there is no within-group variance.
pub(crate) fn one_way_anova(groups: &[Moments]) -> Result<Option<Anova>> {
    let Some(layout) = OneWay::new(groups)? else {
        return Ok(None);
    };
    if layout.ss_within <= 0.0 {
        return Ok(None);
    }
    let f = layout.ms_between() / layout.ms_within();
    Ok(Some(Anova {
        f,
        df_between: layout.df_between(),
        df_within: layout.df_within(),
        p: f_upper_p(f, layout.df_between(), layout.df_within())?,
        eta_squared: layout.ss_between / layout.ss_total,
    }))
}

/// None with fewer than 2 groups, or a group with n < 2 or zero variance (its weight
/// n / s^2 is then undefined).
pub(crate) fn welch_anova(groups: &[Moments]) -> Result<Option<WelchAnova>> {
    let r = groups.len();
    if r < 2 {
        return Ok(None);
    }
    let mut stats = Vec::with_capacity(r);
    for g in groups {
        match (g.mean(), g.variance()) {
            (Some(mean), Some(var)) if var > 0.0 => stats.push((g.n() as f64, mean, var)),
            _ => return Ok(None),
        }
    }
    let weights: Vec<f64> = stats.iter().map(|&(n, _, var)| n / var).collect();
    let total_weight: f64 = weights.iter().sum();
    let adjusted_mean = stats
        .iter()
        .zip(&weights)
        .map(|(&(_, mean, _), w)| w * mean)
        .sum::<f64>()
        / total_weight;
    let r = r as f64;
    let ms_between = stats
        .iter()
        .zip(&weights)
        .map(|(&(_, mean, _), w)| w * (mean - adjusted_mean).powi(2))
        .sum::<f64>()
        / (r - 1.0);
    let lambda = 3.0
        * stats
            .iter()
            .zip(&weights)
            .map(|(&(n, _, _), w)| (1.0 - w / total_weight).powi(2) / (n - 1.0))
            .sum::<f64>()
        / (r * r - 1.0);
    let f = ms_between / (1.0 + 2.0 * lambda * (r - 2.0) / 3.0);
    let (df1, df2) = (r - 1.0, 1.0 / lambda);
    Ok(Some(WelchAnova {
        f,
        df1,
        df2,
        p: f_upper_p(f, df1, df2)?,
    }))
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
    fn undefined_layouts() {
        assert_eq!(one_way_anova(&[moments(&[1, 2])]), Ok(None));
        assert_eq!(one_way_anova(&[moments(&[1, 2]), moments(&[])]), Ok(None));
        assert_eq!(
            one_way_anova(&[moments(&[2, 2]), moments(&[3, 3])]),
            Ok(None)
        );
        assert_eq!(welch_anova(&[moments(&[2, 2]), moments(&[1, 3])]), Ok(None));
    }

    #[test]
    fn identical_groups_give_f_zero() {
        let a = one_way_anova(&[moments(&[1, 2, 3]), moments(&[1, 2, 3])])
            .expect("valid")
            .expect("defined");
        assert_eq!((a.f, a.eta_squared, a.p), (0.0, 0.0, 1.0));
    }
}
