//! Multiple-comparison adjustment of p-values (a heatmap has many cells).
//!
//! Both follow statsmodels.stats.multitest.multipletests ("holm", "fdr_bh") step by
//! step, including its arithmetic, and return adjusted p-values in input order.

use crate::error::{IndicatorError, Result};

fn sorted_order(p: &[f64]) -> Result<Vec<usize>> {
    if let Some(&bad) = p.iter().find(|v| !(0.0..=1.0).contains(*v)) {
        return Err(IndicatorError::InvalidPValue(bad));
    }
    let mut order: Vec<usize> = (0..p.len()).collect();
    // Stable sort: ties keep input order (numpy's argsort is not stable by default,
    // but tied p-values receive identical adjusted values either way).
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    Ok(order)
}

/// Holm (1979) step-down family-wise error control: sorted p_(i) * (m - i + 1), made
/// monotone non-decreasing, capped at 1.
pub fn holm(p: &[f64]) -> Result<Vec<f64>> {
    let order = sorted_order(p)?;
    let m = p.len();
    let mut adjusted = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (i, &idx) in order.iter().enumerate() {
        running = running.max(p[idx] * (m - i) as f64);
        adjusted[idx] = running.min(1.0);
    }
    Ok(adjusted)
}

/// Benjamini & Hochberg (1995) false discovery rate: sorted p_(i) / (i / m), made
/// monotone from the largest down, capped at 1.
pub fn benjamini_hochberg(p: &[f64]) -> Result<Vec<f64>> {
    let order = sorted_order(p)?;
    let m = p.len();
    let mut adjusted = vec![0.0; m];
    let mut running = f64::INFINITY;
    for (i, &idx) in order.iter().enumerate().rev() {
        let ecdf = (i + 1) as f64 / m as f64;
        running = running.min(p[idx] / ecdf);
        adjusted[idx] = running.min(1.0);
    }
    Ok(adjusted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_invalid() {
        assert_eq!(holm(&[]), Ok(vec![]));
        assert_eq!(benjamini_hochberg(&[]), Ok(vec![]));
        assert_eq!(holm(&[0.5, 1.5]), Err(IndicatorError::InvalidPValue(1.5)));
        assert!(benjamini_hochberg(&[f64::NAN]).is_err());
    }

    #[test]
    fn small_example() {
        assert_eq!(
            holm(&[0.01, 0.04, 0.03]).expect("valid"),
            vec![0.03, 0.06, 0.06]
        );
        let bh = benjamini_hochberg(&[0.01, 0.04, 0.03]).expect("valid");
        assert!((bh[0] - 0.03).abs() < 1e-15 && (bh[1] - 0.04).abs() < 1e-15);
        assert!((bh[2] - 0.04).abs() < 1e-15);
    }
}
