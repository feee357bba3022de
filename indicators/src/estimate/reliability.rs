//! Internal consistency of a dimension: Cronbach's alpha with the Feldt interval, and
//! per item the item-rest correlation and alpha if the item were deleted.
//!
//! Computed on complete cases (respondents who answered every item of the dimension),
//! as psych::alpha(use = "complete.obs") and pingouin's nan_policy = "listwise". All
//! covariances come from exact integer cross-products; the common factor n (n - 1)
//! cancels, so alpha is a ratio of exact integers.

use serde::Serialize;
use statrs::distribution::ContinuousCDF;

use crate::error::Result;
use crate::estimate::distributions::fisher;
use crate::estimate::interval::Interval;
use crate::instrument::Item;
use crate::stats::cross_products::CrossProducts;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reliability {
    /// Complete cases.
    pub n: u64,
    pub items: usize,
    /// k/(k-1) (1 - sum s_i^2 / s_T^2) (Cronbach 1951).
    pub alpha: f64,
    /// Feldt, Woodruff & Salih (1987) 95% interval: 1 - (1 - alpha) F(0.975 | 0.025;
    /// n-1, (n-1)(k-1)).
    pub alpha_ci: Interval,
    pub item_statistics: Vec<ItemReliability>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemReliability {
    pub item_id: String,
    /// Correlation of the item with the sum of the other items (corrected item-total,
    /// psych's r.drop). None when the item or the rest has no variance.
    pub item_rest_correlation: Option<f64>,
    /// Alpha of the remaining k-1 items on the same complete cases. None for k = 2 or
    /// when the remaining items have no variance.
    pub alpha_if_deleted: Option<f64>,
}

/// None when alpha is undefined: fewer than 2 items or complete cases, or no variance
/// in the total score.
pub(crate) fn reliability(complete: &CrossProducts, items: &[Item]) -> Result<Option<Reliability>> {
    let k = complete.k();
    let n = complete.n();
    if k < 2 || n < 2 {
        return Ok(None);
    }
    let c = |i: usize, j: usize| complete.covariance_numerator(i, j);
    let trace: i128 = (0..k).map(|i| c(i, i)).sum();
    let total: i128 = (0..k)
        .flat_map(|i| (0..k).map(move |j| (i, j)))
        .map(|(i, j)| c(i, j))
        .sum();
    if total <= 0 {
        return Ok(None);
    }
    let alpha = cronbach(k, trace, total);

    let df1 = (n - 1) as f64;
    let f = fisher(df1, df1 * (k - 1) as f64)?;
    let alpha_ci = Interval {
        lower: 1.0 - (1.0 - alpha) * f.inverse_cdf(0.975),
        upper: 1.0 - (1.0 - alpha) * f.inverse_cdf(0.025),
    };

    let item_statistics = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let with_rest: i128 = (0..k).filter(|&j| j != i).map(|j| c(i, j)).sum();
            // Var(rest) = Var(total) - 2 Cov(item, rest) - Var(item), exactly.
            let rest = total - 2 * with_rest - c(i, i);
            let item_rest_correlation = (c(i, i) > 0 && rest > 0)
                .then(|| with_rest as f64 / (c(i, i) as f64 * rest as f64).sqrt());
            let alpha_if_deleted =
                (k > 2 && rest > 0).then(|| cronbach(k - 1, trace - c(i, i), rest));
            ItemReliability {
                item_id: item.id.clone(),
                item_rest_correlation,
                alpha_if_deleted,
            }
        })
        .collect();

    Ok(Some(Reliability {
        n,
        items: k,
        alpha,
        alpha_ci,
        item_statistics,
    }))
}

fn cronbach(k: usize, trace: i128, total: i128) -> f64 {
    let k = k as f64;
    k / (k - 1.0) * (1.0 - trace as f64 / total as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(k: usize) -> Vec<Item> {
        (0..k)
            .map(|i| Item {
                id: format!("i{i}"),
                dimension: "d".into(),
                reverse_keyed: false,
            })
            .collect()
    }

    #[test]
    fn undefined_cases() {
        let mut c = CrossProducts::new(3);
        assert_eq!(reliability(&c, &items(3)), Ok(None));
        c.add(&[1, 2, 3]);
        assert_eq!(reliability(&c, &items(3)), Ok(None), "n = 1");
        c.add(&[1, 2, 3]);
        assert_eq!(reliability(&c, &items(3)), Ok(None), "zero variance");
        let mut one = CrossProducts::new(1);
        one.add(&[1]);
        one.add(&[2]);
        assert_eq!(reliability(&one, &items(1)), Ok(None), "one item");
    }

    #[test]
    fn perfectly_parallel_items_give_alpha_one() {
        let mut c = CrossProducts::new(2);
        c.add(&[0, 0]);
        c.add(&[2, 2]);
        c.add(&[4, 4]);
        let r = reliability(&c, &items(2)).expect("valid").expect("defined");
        assert!((r.alpha - 1.0).abs() < 1e-15);
        assert_eq!(r.item_statistics[0].alpha_if_deleted, None);
        assert_eq!(r.item_statistics[0].item_rest_correlation, Some(1.0));
    }
}
