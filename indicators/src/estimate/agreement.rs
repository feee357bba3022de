//! Within-group agreement and between-group reliability: may individual answers be
//! aggregated to a unit-level score? (Bliese 2000; James, Demaree & Wolf 1984.)

use serde::Serialize;

use crate::compare::anova::OneWay;
use crate::error::Result;
use crate::scale::Scale;
use crate::stats::{Moments, Tally};

/// rwg(J) of one group on a J-item dimension, against the uniform ("no agreement")
/// null: sigma_EU^2 = (A^2 - 1) / 12 for A scale points. With x = mean item variance /
/// sigma_EU^2: rwg(J) = J (1 - x) / (J (1 - x) + x).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rwg {
    pub value: f64,
    /// Mean of the J item variances (each on the item's available answers, n - 1).
    pub mean_item_variance: f64,
    pub null_variance: f64,
    /// The observed variance reached the null variance, where the formula leaves [0, 1];
    /// the value is then set to 0 (no agreement), as James et al. recommend.
    pub truncated: bool,
}

/// None when an item has fewer than 2 answers.
pub(crate) fn rwg_j(items: &[&Tally], scale: Scale) -> Option<Rwg> {
    if items.is_empty() {
        return None;
    }
    let mut total = 0.0;
    for item in items {
        total += item.moments().variance()?;
    }
    let j = items.len() as f64;
    let mean_item_variance = total / j;
    let null_variance = scale.uniform_null_variance();
    let x = mean_item_variance / null_variance;
    let truncated = x >= 1.0;
    let value = if truncated {
        0.0
    } else {
        j * (1.0 - x) / (j * (1.0 - x) + x)
    };
    Some(Rwg {
        value,
        mean_item_variance,
        null_variance,
        truncated,
    })
}

/// ICC(1) and ICC(2) of a variable across units, from one-way ANOVA mean squares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntraclassCorrelation {
    pub groups: usize,
    /// Group size used in ICC(1): k0 = (N - sum n_i^2 / N) / (g - 1), the usual
    /// adjustment for unequal group sizes (Snedecor & Cochran; equals n when all groups
    /// have n members). multilevel::ICC1 uses the plain mean N / g instead.
    pub group_size: f64,
    pub ms_between: f64,
    pub ms_within: f64,
    /// (MSB - MSW) / (MSB + (k0 - 1) MSW): share of variance due to the unit.
    pub icc1: f64,
    /// (MSB - MSW) / MSB: reliability of the unit means (Bliese 2000).
    pub icc2: f64,
}

/// None when the ANOVA is undefined or MSB = 0.
pub(crate) fn intraclass_correlation(groups: &[Moments]) -> Result<Option<IntraclassCorrelation>> {
    let Some(layout) = OneWay::new(groups)? else {
        return Ok(None);
    };
    let (msb, msw) = (layout.ms_between(), layout.ms_within());
    if msb <= 0.0 {
        return Ok(None);
    }
    let n = layout.n as f64;
    let sum_sq_sizes: f64 = groups.iter().map(|g| (g.n() as f64).powi(2)).sum();
    let k0 = (n - sum_sq_sizes / n) / layout.df_between();
    Ok(Some(IntraclassCorrelation {
        groups: layout.groups,
        group_size: k0,
        ms_between: msb,
        ms_within: msw,
        icc1: (msb - msw) / (msb + (k0 - 1.0) * msw),
        icc2: (msb - msw) / msb,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::tally::tally;

    #[test]
    fn rwg_extremes() {
        let scale = Scale::new(1, 5).expect("valid");
        let same = tally(&[4, 4, 4]);
        let r = rwg_j(&[&same, &same], scale).expect("defined");
        assert_eq!((r.value, r.truncated), (1.0, false));
        let split = tally(&[1, 5, 1, 5]);
        let r = rwg_j(&[&split], scale).expect("defined");
        assert_eq!((r.value, r.truncated), (0.0, true));
        assert_eq!(rwg_j(&[&tally(&[3])], scale), None);
    }

    #[test]
    fn icc_undefined_without_between_variance() {
        let mut a = Moments::new(1, 1);
        let mut b = Moments::new(1, 1);
        for v in [0, 2] {
            a.add_many(v, 1);
            b.add_many(v, 1);
        }
        assert_eq!(intraclass_correlation(&[a, b]), Ok(None));
    }
}
